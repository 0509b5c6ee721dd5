package bundles

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/eval"
)

func TestParseCases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "tests", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := ParseCases(data, "sample.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Fatalf("%d cases", len(cases))
	}
	c := cases[0]
	if c.Name != "encrypted and unencrypted volumes" || c.Source != "sample.yaml:3" || !c.Now.Equal(DefaultNow()) {
		t.Errorf("case = %q %q %v", c.Name, c.Source, c.Now)
	}
	want := `{"type":"Volume","id":"vol-0a1b2c3d4e5f60718","accountNumber":"123456789012","region":"us-east-1","encrypted":true,"size":18446744073709551617,"ratio":1.50}`
	if got := string(c.Documents[0]); got != want {
		t.Errorf("document:\n got %s\nwant %s", got, want)
	}
	if got := string(cases[1].Documents[0]); got != `{"type":"Volume","id":"vol-1","encrypted":true}` {
		t.Errorf("flow document = %s", got)
	}
	if c.Expect["S-001"] != "fail" || cases[1].Expect["S-002"] != "skip" {
		t.Errorf("expect = %v %v", c.Expect, cases[1].Expect)
	}
}

func TestDocumentJSON(t *testing.T) {
	src := `cases:
  - name: shapes
    documents:
      - type: X
        s: "a \"q\" <b> & é"
        multi: |
          line one
          line two
        hex: 0x1F
        neg: -12
        exp: 1e3
        nothing: null
        empty: {}
        list: [1, "2", [true]]
        anchored: &a {k: v}
        again: *a
        str: !!str 123
        key with spaces: 1
        123: numeric key
    expect: {R: pass}
`
	cases, err := ParseCases([]byte(src), "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"X","s":"a \"q\" <b> & é","multi":"line one\nline two\n","hex":31,"neg":-12,"exp":1e3,"nothing":null,"empty":{},"list":[1,"2",[true]],"anchored":{"k":"v"},"again":{"k":"v"},"str":"123","key with spaces":1,"123":"numeric key"}`
	if got := string(cases[0].Documents[0]); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestParseCasesErrors(t *testing.T) {
	doc := "\n      - type: Volume\n        id: v\n"
	tests := []struct{ name, src, want string }{
		{"no cases", "now: 2026-01-01T00:00:00Z\n", "f.yaml:1:1: fixture file has no cases"},
		{"bad now", "now: tomorrow\ncases: []\n", "f.yaml:1:6: now \"tomorrow\" is not an RFC 3339 time"},
		{"unknown top key", "cases: []\nextra: 1\n", "f.yaml:2:1: unknown key \"extra\" in fixture file"},
		{"unknown case key", "cases:\n  - name: a\n    documents:" + doc + "    expect: {R: pass}\n    note: x\n", "f.yaml:7:5: unknown key \"note\" in case"},
		{"bad status", "cases:\n  - name: a\n    documents:" + doc + "    expect: {R: passes}\n", "f.yaml:6:17: status \"passes\""},
		{"no type", "cases:\n  - name: a\n    documents:\n      - id: v\n    expect: {R: pass}\n", "f.yaml:4:9: document has no type"},
		{"numeric type", "cases:\n  - name: a\n    documents:\n      - {type: 3}\n    expect: {R: pass}\n", "f.yaml:4:16: document type must be a non-empty string"},
		{"document not a map", "cases:\n  - name: a\n    documents: [x]\n    expect: {R: pass}\n", "f.yaml:3:17: a document must be a mapping"},
		{"no expect", "cases:\n  - name: a\n    documents:" + doc, "f.yaml:2:5: case has no expect"},
		{"duplicate name", "cases:\n  - name: a\n    documents:" + doc + "    expect: {R: pass}\n  - name: a\n    documents:" + doc + "    expect: {R: fail}\n", "f.yaml:7:5: duplicate case name \"a\" (first at line 2)"},
		{"unknown alias", "cases:\n  - name: a\n    documents:\n      - {type: X, v: *nope}\n    expect: {R: pass}\n", "f.yaml:4:"},
		{"infinity", "cases:\n  - name: a\n    documents:\n      - {type: X, v: .inf}\n    expect: {R: pass}\n", "f.yaml:4:22: .inf is not a JSON number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCases([]byte(tt.src), "f.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestBundleCases(t *testing.T) {
	b, err := LoadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := b.Cases()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || !strings.HasPrefix(cases[0].Source, filepath.ToSlash(filepath.Join("testdata", "tests", "sample.yaml"))+":") {
		t.Errorf("cases = %d, source %q", len(cases), cases[0].Source)
	}
	// An expectation for a rule the bundle does not have is an error.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(header+validRule), 0o644)
	os.Mkdir(filepath.Join(dir, "tests"), 0o755)
	os.WriteFile(filepath.Join(dir, "tests", "t.yaml"), []byte("cases:\n  - name: a\n    documents:\n      - {type: Volume, encrypted: true}\n    expect:\n      R-1: pass\n      R-9: fail\n"), 0o644)
	b, err = LoadFile(filepath.Join(dir, "b.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Cases(); err == nil || !strings.Contains(err.Error(), "t.yaml:7:7: expect names \"R-9\", which is not a rule of bundle b") {
		t.Errorf("Cases error = %v", err)
	}
	cs, err := LoadCases(filepath.Join(dir, "tests"))
	if err != nil || len(cs) != 1 {
		t.Fatalf("LoadCases = %d, %v", len(cs), err)
	}
	// LoadCases does not know the bundle; RunCases reports the expectation
	// it cannot check instead of passing the case without it.
	r := RunCases(b, cs, nil)[0]
	if r.Passed() || !strings.Contains(r.Failures(), `expectation for rule "R-9": the bundle has no such rule`) {
		t.Errorf("RunCases of an expectation for an unknown rule: passed %v\n%s", r.Passed(), r.Failures())
	}
	if len(r.Outcomes) != 1 || r.Outcomes[0].Rule != "R-1" {
		t.Errorf("outcomes = %+v", r.Outcomes)
	}
	if cs, err := (&Bundle{}).Cases(); cs != nil || err != nil {
		t.Errorf("Cases of a bundle without fixtures = %v, %v", cs, err)
	}
}

func TestAggregate(t *testing.T) {
	fail := eval.Result{Status: eval.Fail, Evidence: []eval.Evidence{{Path: "encrypted", Value: "false"}}}
	errR := eval.Result{Status: eval.Error, Err: errors.New("budget")}
	pass, skip := eval.Result{Status: eval.Pass}, eval.Result{Status: eval.Skip}
	tests := []struct {
		in   []eval.Result
		want string
	}{
		{nil, "skip"},
		{[]eval.Result{skip, skip}, "skip"},
		{[]eval.Result{skip, pass}, "pass"},
		{[]eval.Result{pass, errR, skip}, "error"},
		{[]eval.Result{errR, fail, pass}, "fail"},
	}
	for _, tt := range tests {
		var a aggregate
		for _, r := range tt.in {
			a.add("Volume v", r)
		}
		if got := a.status(); got != tt.want {
			t.Errorf("aggregate(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
	var a aggregate
	a.add("Volume v", fail)
	if len(a.evidence) != 1 || a.evidence[0] != "Volume v: encrypted = false" {
		t.Errorf("evidence = %q", a.evidence)
	}
}

func TestRunCasesSample(t *testing.T) {
	b, err := LoadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := b.Cases()
	if err != nil {
		t.Fatal(err)
	}
	results := RunCases(b, cases, nil)
	for _, r := range results {
		if !r.Passed() {
			t.Errorf("case %s:\n%s", r.Case.Name, r.Failures())
		}
	}
	// A wrong expectation is reported with evidence.
	bad := cases[0]
	bad.Expect = map[string]string{"S-001": "pass"}
	r := RunCases(b, []Case{bad}, nil)[0]
	if r.Passed() || !strings.Contains(r.Failures(), "S-001: want pass, got fail") {
		t.Errorf("wrong expectation not reported:\n%s", r.Failures())
	}
	if o := r.Outcomes[0]; len(o.Evidence) == 0 || !strings.Contains(o.Evidence[0], "vol-0f1e2d3c4b5a69788") {
		t.Errorf("evidence = %q", o.Evidence)
	}
}

// TestFixtureAliasBomb feeds a "billion laughs": nine levels of aliases to
// ten aliases each stand for 10^10 strings. Converting the documents stops
// at maxJSONBytes with an error at the document, instead of exhausting
// memory; later documents of the file are not converted.
func TestFixtureAliasBomb(t *testing.T) {
	defer func(old int) { maxJSONBytes = old }(maxJSONBytes)
	maxJSONBytes = 1 << 20
	var b strings.Builder
	b.WriteString("cases:\n  - name: bomb\n    expect: {R: pass}\n    documents:\n      - type: T\n")
	b.WriteString(`        l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i < 10; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d,", i-1), 10), ",")
		fmt.Fprintf(&b, "        l%d: &l%d [%s]\n", i, i, refs)
	}
	b.WriteString("      - {type: T, l: *l9}\n")
	_, err := ParseCases([]byte(b.String()), "f.yaml")
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Error(), "f.yaml:5:9: the documents of the file come to more than 1048576 bytes of JSON") {
		t.Errorf("error = %v", err)
	}
}
