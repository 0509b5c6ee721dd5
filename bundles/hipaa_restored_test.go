package bundles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// restoredHIPAA are the HIPAA rules restored once the model had their types,
// with the FSBP checks each implements, as the reference's HIPAA research
// (bundles.md §2.1, "Proposed bundle checks") names them.
var restoredHIPAA = map[string][]string{
	"HIPAA-094": {"Opensearch.1"},
	"HIPAA-095": {"Opensearch.3"},
	"HIPAA-096": {"Opensearch.8"},
	"HIPAA-097": {"Opensearch.2"},
	"HIPAA-098": {"EKS.3"},
	"HIPAA-099": {"SecretsManager.1"},
	"HIPAA-100": {"SecretsManager CMK"},
	"HIPAA-101": {"APIGateway.1"},
	"HIPAA-102": {"APIGateway.2"},
	"HIPAA-103": {"AutoScaling.5"},
	"HIPAA-104": {"RDS.1", "RDS.4"},
}

// TestRestoredHIPAAMappings checks that each restored HIPAA rule maps to a
// safeguard whose row in the reference research proposes the check the rule
// makes (for HIPAA-104, each of its two checks), when the reference notes
// are present beside the project.
func TestRestoredHIPAAMappings(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "bundles.md"))
	if err != nil {
		t.Skip("the reference notes (../shared/reference/bundles.md) are not present")
	}
	_, sec, _ := strings.Cut(string(data), "### 2.1 ")
	sec, _, _ = strings.Cut(sec, "### 2.2 ")
	proposed := map[string]string{} // paragraph → proposed checks
	for line := range strings.SplitSeq(sec, "\n") {
		cols := strings.Split(strings.Trim(line, "| "), "|")
		if len(cols) < 7 || !strings.HasPrefix(strings.TrimSpace(cols[0]), "164.") {
			continue
		}
		proposed[strings.TrimSpace(cols[0])] = cols[len(cols)-1]
	}
	if len(proposed) < 30 {
		t.Fatalf("read %d paragraphs from bundles.md §2.1", len(proposed))
	}
	b, err := Load("hipaa")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range b.Rules {
		checks, ok := restoredHIPAA[r.ID]
		if !ok {
			continue
		}
		found++
		for _, check := range checks {
			var named []string
			for _, p := range r.Compliance["HIPAA"] {
				if namesCheck(proposed[p], check) {
					named = append(named, p)
				}
			}
			if len(named) == 0 {
				t.Errorf("%s (%s) maps to %v, none of whose rows in bundles.md §2.1 proposes %s", r.ID, r.Name, r.Compliance["HIPAA"], check)
			}
		}
	}
	if found != len(restoredHIPAA) {
		t.Errorf("found %d of the %d restored rules", found, len(restoredHIPAA))
	}
}

// namesCheck reports whether text names the check id as a whole token
// ("RDS.1" is not named by "RDS.11").
func namesCheck(text, id string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], id)
		if j < 0 {
			return false
		}
		end := i + j + len(id)
		if end == len(text) || text[end] < '0' || text[end] > '9' {
			return true
		}
		i = end
	}
}
