package bundles

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/lang"
)

func TestParseSample(t *testing.T) {
	b, err := LoadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "sample" || b.Name != "Sample bundle" || b.Version != "1.2.0" || len(b.Rules) != 5 {
		t.Fatalf("bundle = %+v", b)
	}
	if b.Description != "Rules used by the bundles package tests.\n" {
		t.Errorf("description = %q", b.Description)
	}
	tests := []struct {
		id, logic, severity string
		line, col           int
	}{
		{"S-001", "Volume should have encrypted = true", "High", 11, 12},
		{"S-002", "Instance where isRunning = true\n  and state = 'running'\nshould have metadataOptions.httpTokens = 'required'", "Medium", 21, 7},
		{"S-003", "S3Bucket should have publicAccessBlockConfiguration.blockPublicAcls = true and name != 'x'", "Low", 32, 13},
		{"S-004", "CloudTrail should have\n  logFileValidationEnabled = true", "Critical", 38, 13},
		{"S-005", "Iam should have\n  passwordPolicy.minPasswordLength >= 14", "Informational", 45, 7},
	}
	for i, tt := range tests {
		r := b.Rules[i]
		if r.ID != tt.id || r.Logic != tt.logic || r.Severity != tt.severity {
			t.Errorf("rule %d = %q %q %q, want %q %q %q", i, r.ID, r.Logic, r.Severity, tt.id, tt.logic, tt.severity)
		}
		if r.LogicLine != tt.line || r.LogicColumn != tt.col {
			t.Errorf("%s: logic at %d:%d, want %d:%d", r.ID, r.LogicLine, r.LogicColumn, tt.line, tt.col)
		}
	}
	if got := b.Rules[1].Compliance["CIS AWS Foundations v5.0.0"]; len(got) != 1 || got[0] != "5.7" {
		t.Errorf("compliance = %v", b.Rules[1].Compliance)
	}
}

// TestFilePos maps positions inside the logic of each scalar style back
// into the file.
func TestFilePos(t *testing.T) {
	b, err := LoadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, word  string
		line, col int
	}{
		{"S-001", "encrypted", 11, 31},
		{"S-002", "state", 22, 13},         // folded: second content line
		{"S-002", "should", 23, 7},         // folded: third line
		{"S-002", "'required'", 23, 48},    // end of the third line
		{"S-003", "'x'", 32, 100},          // single-quoted: '' counts as two
		{"S-004", "logFile", 38, 39},       // double-quoted with a \n escape
		{"S-005", "passwordPolicy", 46, 9}, // literal block
	}
	for _, tt := range tests {
		r := b.Rule(tt.id)
		off := strings.Index(r.Logic, tt.word)
		if off < 0 {
			t.Fatalf("%s: %q not in logic", tt.id, tt.word)
		}
		line, col := r.FilePos(lang.Pos{Offset: off, Line: 1 + strings.Count(r.Logic[:off], "\n"), Column: 1})
		if line != tt.line || col != tt.col {
			t.Errorf("%s %q at %d:%d, want %d:%d", tt.id, tt.word, line, col, tt.line, tt.col)
		}
	}
	if l, c := (&Rule{Logic: "x"}).FilePos(lang.Pos{Offset: 0}); l != 0 || c != 0 {
		t.Errorf("FilePos without a file = %d:%d", l, c)
	}
}

const validRule = `
  - id: R-1
    name: n
    severity: Low
    logic: Volume should have encrypted
    description: d
    remediation: r
`

const header = "id: b\nname: B\nversion: 1.0.0\ndescription: d\nrules:"

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown bundle key", header + validRule + "colour: red\n", "f.yaml:12:1: unknown key \"colour\" in bundle"},
		{"unknown rule key", header + validRule + "    tags: [x]\n", "f.yaml:12:5: unknown key \"tags\" in rule"},
		{"missing version", "id: b\nname: B\ndescription: d\nrules:" + validRule, "f.yaml:1:1: bundle has no version"},
		{"missing logic", header + "\n  - id: R-1\n    name: n\n    severity: Low\n    description: d\n    remediation: r\n", "f.yaml:6:5: rule R-1 has no logic"},
		{"empty logic", header + strings.Replace(validRule, "Volume should have encrypted", "''", 1), "f.yaml:9:12: logic is empty"},
		{"bad severity", header + strings.Replace(validRule, "Low", "Severe", 1), "f.yaml:8:15: severity \"Severe\": want one of"},
		{"duplicate id", header + validRule + validRule[1:], "f.yaml:12:5: duplicate rule id \"R-1\" (first at line 6)"},
		{"bad rule id", header + strings.Replace(validRule, "R-1", "R 1", 1), "f.yaml:6:9: rule id \"R 1\""},
		{"bad bundle id", strings.Replace(header, "id: b", "id: My_Bundle", 1) + validRule, "f.yaml:1:5: bundle id \"My_Bundle\""},
		{"bad version", strings.Replace(header, "1.0.0", "1.0", 1) + validRule, "f.yaml:3:10: version \"1.0\" is not a semantic version"},
		{"syntax error", header + "\n  - id: [\n", "f.yaml:"},
		{"two-line name", header + strings.Replace(validRule, "name: n", "name: \"a\\nb\"", 1), "f.yaml:7:11: rule name must be one line"},
		{"rules not a list", header + " x\n", "f.yaml:5:8: rules must be a list, not a string"},
		{"duplicate key", header + validRule + "    name: again\n", "f.yaml:12:5: YAML: mapping key \"name\" already defined at [7:5]"},
		{"compliance not a map", header + validRule + "    compliance: [HIPAA]\n", "f.yaml:12:17: compliance must be a mapping, not a list"},
		{"compliance ids not a list", header + validRule + "    compliance:\n      HIPAA: 164.312(b)\n", "f.yaml:13:14: controls of HIPAA must be a list, not a string"},
		{"repeated control", header + validRule + "    compliance:\n      HIPAA: [\"164.312(b)\", \"164.312(b)\"]\n", "f.yaml:13:29: control 164.312(b) listed twice"},
		{"two documents", header + validRule + "---\nid: c\n", "f.yaml:13:1: a file holds one YAML document"},
		{"empty file", "# nothing\n", "f.yaml:1:1: file is empty"},
		{"not a mapping", "- a\n- b\n", "f.yaml:1:1: a bundle must be a mapping, not a list"},
		{"rule not a mapping", header + "\n  - just text\n", "f.yaml:6:5: a rule must be a mapping, not a string"},
		{"no rules", header + " []\n", "f.yaml:5:8: rules is empty"},
		// The YAML parser is quadratic in the nesting depth: these are
		// rejected before it runs (the first took over a minute).
		{"deep flow", strings.Repeat("[", 100000), "f.yaml:1:1001: YAML: nested more than 1000 levels deep"},
		{"deep flow mapping", header + " [" + strings.Repeat("{a: ", 1001), "f.yaml:5:4005: YAML: nested more than 1000 levels deep"},
		{"deep entries", header + "\n" + strings.Repeat("- ", 50000) + "x\n", "f.yaml:6:1001: YAML: nested more than 1000 levels deep"},
		{"deep indentation", header + "\n  - id: R-1\n    x:\n" + strings.Repeat(" ", 1000) + "y: 1\n", "f.yaml:8:1001: YAML: nested more than 1000 levels deep"},
		{"not too deep", header + " [" + strings.Repeat("[", 999) + "\n", "f.yaml:5:1007: YAML: sequence end token ']' not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), "f.yaml")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T is not an ErrorList", err)
			}
			for _, e := range list {
				if e.File != "f.yaml" || e.Line < 1 || e.Column < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestShippedNeedCompliance(t *testing.T) {
	src := []byte(header + validRule)
	if _, err := Parse(src, "f.yaml"); err != nil {
		t.Fatalf("user bundle: %v", err)
	}
	_, err := parseBundle(src, "f.yaml", true)
	if err == nil || !strings.Contains(err.Error(), "f.yaml:6:5: rule R-1 has no compliance") {
		t.Errorf("shipped bundle error = %v", err)
	}
}

func TestLoadFileFormats(t *testing.T) {
	b, err := LoadFile(filepath.Join("testdata", "ruleset.json"))
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "imported-ruleset" || len(b.Rules) != 2 || b.Rules[0].ID != "D9.AWS.CRY.01" || b.Rules[1].ID != "Default SG has no rules" {
		t.Errorf("ruleset = %+v", b)
	}
	if _, err := LoadFile(filepath.Join("testdata", "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoadDir(t *testing.T) {
	bs, err := LoadDir(filepath.Join("testdata", "dir"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range bs {
		ids = append(ids, b.ID)
	}
	if got := strings.Join(ids, " "); got != "sample-a imported-ruleset sample-nested" {
		t.Errorf("LoadDir ids = %s", got)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.yaml"), []byte(header+validRule), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(header+validRule+"x: 1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "same.yaml"), []byte(header+validRule), 0o644)
	bs, err = LoadDir(dir)
	if len(bs) != 1 || err == nil {
		t.Fatalf("LoadDir = %d bundles, %v", len(bs), err)
	}
	for _, want := range []string{"bad.yaml:12:1: unknown key \"x\"", "same.yaml: bundle id \"b\" is also used by"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("LoadDir error %q lacks %q", err, want)
		}
	}
}

func TestNamesAndLoad(t *testing.T) {
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Errorf("Load(%s): %v", id, err)
			continue
		}
		if b.ID != id || b.Source != "bundles/"+id+"/bundle.yaml" {
			t.Errorf("Load(%s) = id %s source %s", id, b.ID, b.Source)
		}
	}
	if _, err := Load("no-such-bundle"); err == nil {
		t.Error("Load of an unknown bundle succeeded")
	}
	if _, err := Load("../schema"); err == nil {
		t.Error("Load accepted a path")
	}
}

// TestByteOrderMark loads the sample bundle and the sample Dome9 ruleset
// with a UTF-8 byte order mark in front: the same rules come out, at the
// same positions, as an editor (which shows no mark) counts them.
func TestByteOrderMark(t *testing.T) {
	for _, name := range []string{"sample.yaml", "ruleset.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(file, append([]byte("\ufeff"), data...), 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := LoadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := LoadFile(file)
		if err != nil {
			t.Fatalf("%s with a byte order mark: %v", name, err)
		}
		if len(got.Rules) != len(want.Rules) || len(got.Rules) == 0 {
			t.Fatalf("%s: %d rules, want %d", name, len(got.Rules), len(want.Rules))
		}
		for i, r := range got.Rules {
			w := want.Rules[i]
			if r.ID != w.ID || r.Logic != w.Logic || r.LogicLine != w.LogicLine || r.LogicColumn != w.LogicColumn {
				t.Errorf("%s: rule %d = %s %q at %d:%d, want %s %q at %d:%d", name, i,
					r.ID, r.Logic, r.LogicLine, r.LogicColumn, w.ID, w.Logic, w.LogicLine, w.LogicColumn)
			}
		}
	}
}
