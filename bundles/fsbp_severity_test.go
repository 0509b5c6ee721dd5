package bundles

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fsbpFramework is the compliance key the aws-best-practices rules map to.
const fsbpFramework = "AWS Foundational Security Best Practices"

// readSeverityTable reads testdata/fsbp-severities.tsv: control id →
// severity (lower case; "-" when no source gives one).
func readSeverityTable(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "fsbp-severities.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("fsbp-severities.tsv:%d: want 3 tab-separated columns, got %d", n, len(cols))
		}
		table[cols[0]] = cols[1]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return table
}

// TestFSBPSeverities checks that every aws-best-practices rule has the
// severity FSBP gives each control it maps to.
func TestFSBPSeverities(t *testing.T) {
	table := readSeverityTable(t)
	b, err := Load("aws-best-practices")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range b.Rules {
		ids := r.Compliance[fsbpFramework]
		if len(ids) == 0 {
			t.Errorf("%s maps to no FSBP control", r.ID)
		}
		for _, id := range ids {
			want, ok := table[id]
			switch {
			case !ok:
				t.Errorf("%s maps to %s, which the FSBP severity table does not list", r.ID, id)
			case want == "-":
				t.Errorf("%s maps to %s, for which no source gives a severity", r.ID, id)
			case !strings.EqualFold(r.Severity, want):
				t.Errorf("%s has severity %s; FSBP gives %s %s", r.ID, r.Severity, id, want)
			default:
				checked++
			}
		}
	}
	if checked < len(b.Rules) {
		t.Errorf("only %d severities checked for %d rules", checked, len(b.Rules))
	}
}

// TestFSBPSeveritiesMatchReference checks the table against the reference
// notes it was taken from, when they are present beside the project.
func TestFSBPSeveritiesMatchReference(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "bundles.md"))
	if err != nil {
		t.Skip("the reference notes (../shared/reference/bundles.md) are not present")
	}
	_, sec, ok := strings.Cut(string(data), "## 3. AWS Foundational Security Best Practices")
	if !ok {
		t.Fatal("bundles.md has no FSBP section")
	}
	table := readSeverityTable(t)
	seen := 0
	for line := range strings.SplitSeq(sec, "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| ID ") {
			continue
		}
		cols := strings.Split(strings.Trim(line, "|"), "|")
		if len(cols) < 7 {
			continue
		}
		id, sev := strings.TrimSpace(cols[0]), strings.TrimSpace(cols[5])
		seen++
		got, ok := table[id]
		switch {
		case !ok:
			t.Errorf("%s is in bundles.md but not in the table", id)
		case sev != "" && got != sev:
			t.Errorf("%s: table %s, bundles.md %s", id, got, sev)
		}
	}
	if seen != len(table) {
		t.Errorf("bundles.md lists %d controls, the table %d", seen, len(table))
	}
}
