package bundles

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/lang"
)

func TestParseDome9(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "ruleset.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseDome9(data)
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "Imported ruleset" || b.Description != "From CloudGuard" || b.ID != "imported-ruleset" {
		t.Errorf("ruleset = %q %q %q", b.ID, b.Name, b.Description)
	}
	r := b.Rules[0]
	if r.ID != "D9.AWS.CRY.01" || r.Severity != "High" || r.Logic != "Volume should have\n encrypted = true" {
		t.Errorf("rule 0 = %+v", r)
	}
	if !reflect.DeepEqual(r.Compliance, map[string][]string{"HIPAA": {"164.312(a)(2)(iv)"}}) {
		t.Errorf("compliance = %v", r.Compliance)
	}
	// The logic starts after the quote on line 7; "encrypted" follows the \n escape.
	if r.LogicLine != 7 || r.LogicColumn != 76 {
		t.Errorf("logic at %d:%d", r.LogicLine, r.LogicColumn)
	}
	off := strings.Index(r.Logic, "encrypted")
	if l, c := r.FilePos(lang.Pos{Offset: off}); l != 7 || c != 97 {
		t.Errorf("FilePos(encrypted) = %d:%d, want 7:97", l, c)
	}
	r = b.Rules[1]
	if r.ID != "Default SG has no rules" || r.Severity != "Medium" || !reflect.DeepEqual(r.Compliance, map[string][]string{"": {"Dome9 NetSec"}}) {
		t.Errorf("rule 1 = %+v", r)
	}
}

func TestParseDome9Errors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"syntax", "{\n  \"name\": \"x\",\n  \"rules\": [}\n", "ruleset.json:3:13: JSON: invalid character '}'"},
		{"truncated", "{\"name\": \"x\", \"rules\": [", "ruleset.json:1:25: JSON: unexpected end of JSON input"},
		{"no rules", `{"name": "x"}`, "ruleset.json:1:1: ruleset has no rules"},
		{"rules not array", `{"name": "x", "rules": {}}`, "ruleset.json:1:24: rules must be an array"},
		{"bad severity", "{\"name\": \"x\", \"rules\": [\n {\"name\": \"r\", \"logic\": \"Volume should have encrypted\", \"severity\": \"urgent\"}]}", "ruleset.json:2:69: severity \"urgent\""},
		{"no severity", `{"name": "x", "rules": [{"name": "r", "logic": "Volume should have encrypted"}]}`, "ruleset.json:1:25: rule \"r\" has no severity"},
		{"no logic", `{"name": "x", "rules": [{"name": "r", "severity": "low"}]}`, "ruleset.json:1:25: rule \"r\" has no logic"},
		{"name not string", `{"name": "x", "rules": [{"name": 3, "logic": "a", "severity": "low"}]}`, "ruleset.json:1:34: name must be a string"},
		{"two rulesets", `[{"name": "x", "rules": []}, {"name": "y", "rules": []}]`, "ruleset.json:1:1: the file holds 2 rulesets"},
		{"not an object", `"rules"`, "ruleset.json:1:1: a ruleset must be an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDome9([]byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestParseDome9WrongTypes checks that a member of the wrong type is
// reported once, where it stands, and not again as missing.
func TestParseDome9WrongTypes(t *testing.T) {
	src := `{"name": 5, "rules": [{"name": ["x"], "logic": 7, "severity": {"a": 1}, "ruleId": null, "complianceTag": 1}]}`
	_, err := ParseDome9([]byte(src))
	want := "ruleset.json:1:10: name must be a string\n" +
		"ruleset.json:1:32: name must be a string\n" +
		"ruleset.json:1:48: logic must be a string\n" +
		"ruleset.json:1:63: severity must be a string\n" +
		"ruleset.json:1:106: complianceTag must be a string"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestDome9RoundTrip exports bundles to Dome9 JSON and reads them back:
// every rule field survives, and a second export is byte-identical.
func TestDome9RoundTrip(t *testing.T) {
	var bundles []*Bundle
	b, err := LoadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bundles = append(bundles, b)
	d9, err := LoadFile(filepath.Join("testdata", "ruleset.json"))
	if err != nil {
		t.Fatal(err)
	}
	bundles = append(bundles, d9)
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		bundles = append(bundles, b)
	}
	for _, b := range bundles {
		out, err := b.Dome9JSON()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(out) {
			t.Fatalf("%s: invalid JSON", b.ID)
		}
		back, err := ParseDome9(out)
		if err != nil {
			t.Fatalf("%s: re-import: %v", b.ID, err)
		}
		if back.Name != b.Name || back.Description != b.Description || len(back.Rules) != len(b.Rules) {
			t.Fatalf("%s: ruleset header or rule count changed", b.ID)
		}
		for i := range b.Rules {
			x, y := b.Rules[i], back.Rules[i]
			if x.ID != y.ID || x.Name != y.Name || x.Severity != y.Severity || x.Logic != y.Logic ||
				x.Description != y.Description || x.Remediation != y.Remediation || !sameCompliance(x.Compliance, y.Compliance) {
				t.Errorf("%s: rule %s changed in the round trip:\n%+v\n%+v", b.ID, x.ID, x, y)
			}
			if y.LogicLine == 0 {
				t.Errorf("%s: rule %s: no logic position after re-import", b.ID, y.ID)
			}
		}
		again, _ := back.Dome9JSON()
		if string(again) != string(out) {
			t.Errorf("%s: second export differs", b.ID)
		}
	}
}

func sameCompliance(a, b map[string][]string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func TestComplianceTag(t *testing.T) {
	m := map[string][]string{"HIPAA": {"164.312(b)", "164.308(a)(1)(ii)(D)"}, "CIS AWS Foundations v5.0.0": {"3.1"}}
	tag := complianceTag(m)
	if tag != "CIS AWS Foundations v5.0.0: 3.1; HIPAA: 164.312(b), 164.308(a)(1)(ii)(D)" {
		t.Errorf("tag = %q", tag)
	}
	if got := parseComplianceTag(tag); !reflect.DeepEqual(got, m) {
		t.Errorf("parse = %v", got)
	}
	if got := parseComplianceTag("see http://example.com/x"); !reflect.DeepEqual(got, map[string][]string{"": {"see http://example.com/x"}}) {
		t.Errorf("free tag = %v", got)
	}
	if got := parseComplianceTag("  "); got != nil {
		t.Errorf("blank tag = %v", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"CIS AWS Foundations v5.0.0": "cis-aws-foundations-v5-0-0", "  ": "dome9-ruleset", "HIPAA": "hipaa"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJSONDocLineCol holds the incremental jsonDoc.lineCol to lineCol over
// offsets in every order, across lines and multi-byte characters.
func TestJSONDocLineCol(t *testing.T) {
	data := []byte("{\"a\": \"é日\",\n  \"b\":\r\n[\"x\",\n\n\"😀y\"]}\n")
	var offs []int
	for i := 0; i <= len(data)+1; i++ {
		offs = append(offs, i)
	}
	for i := len(data); i >= 0; i -= 3 {
		offs = append(offs, i, i/2, i)
	}
	d := &jsonDoc{data: data}
	for _, off := range offs {
		l, c := d.lineCol(off)
		wl, wc := lineCol(data, off)
		if l != wl || c != wc {
			t.Errorf("offset %d: %d:%d, want %d:%d", off, l, c, wl, wc)
		}
	}
}

// TestParseDome9Linear checks that reading a ruleset costs memory in
// proportion to its size: each rule once copied the whole file (for the
// positions of its logic) and counted lines from its start, so 2,000 rules
// took 558 MB and 2 s, 20,000 rules ran out of memory.
func TestParseDome9Linear(t *testing.T) {
	ruleset := func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"name":"a","description":"d","rules":[`)
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, `{"name":"n","ruleId":"R%d","logic":"Instance should have a = %d","severity":"High","description":"d","remediation":"r"}`, i, i)
		}
		b.WriteString("]}")
		return []byte(b.String())
	}
	allocated := func(data []byte) uint64 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		b, err := ParseDome9(data)
		runtime.ReadMemStats(&ms)
		if err != nil || len(b.Rules) == 0 {
			t.Fatalf("ParseDome9: %v", err)
		}
		if r := b.Rules[len(b.Rules)-1]; r.Line != len(b.Rules) || r.LogicLine != r.Line {
			t.Errorf("last rule at line %d, logic at %d:%d; want line %d", r.Line, r.LogicLine, r.LogicColumn, len(b.Rules))
		}
		return ms.TotalAlloc - before
	}
	small, big := allocated(ruleset(500)), allocated(ruleset(4000))
	if big > 16*small { // 8 times the rules: linear is about 8 times the bytes, quadratic 64
		t.Errorf("500 rules allocate %d bytes, 4000 rules %d: more than linear", small, big)
	}
}
