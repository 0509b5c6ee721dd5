package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/gsl-lang/gsl/eval"
	"github.com/tidwall/gjson"
)

// fakeRules stands in for an eval.RuleSet: rule i applies to docs of type
// types[i] and fails when the document's "bad" is true; a document with
// "boom" cannot be evaluated. Like a RuleSet, it refuses invalid JSON.
type fakeRules struct{ types []string }

func (f fakeRules) EvalDoc(doc []byte, emit func(int, eval.Result)) error {
	if !gjson.ValidBytes(doc) {
		return eval.ErrInvalidJSON
	}
	if gjson.GetBytes(doc, "boom").Exists() {
		return errors.New("boom")
	}
	typ := gjson.GetBytes(doc, "type").Str
	for i, t := range f.types {
		switch {
		case t != typ:
			emit(i, eval.Result{Status: eval.Skip})
		case gjson.GetBytes(doc, "bad").Bool():
			emit(i, eval.Result{Status: eval.Fail, Evidence: []eval.Evidence{{Path: "bad", Value: "true"}}})
		default:
			emit(i, eval.Result{Status: eval.Pass})
		}
	}
	return nil
}

// fakeLists counts documents of type "L" per account.
type fakeLists struct {
	order []string
}

func (l *fakeLists) Add(doc []byte) {
	if gjson.GetBytes(doc, "type").Str == "L" {
		l.order = append(l.order, gjson.GetBytes(doc, "id").Str)
	}
}

func (l *fakeLists) Eval(emit func(int, string, eval.Result)) {
	emit(0, strings.Join(l.order, ","), eval.Result{Status: eval.Pass})
}

func stringSource(name, s string) source {
	return source{name: name, open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(s)), nil }}
}

func TestPipelineOrderAndErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	const n = 500
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		switch {
		case i%100 == 7:
			fmt.Fprintf(&b, `{"type":"A","id":"d%d", "x": tru}`, i)
		case i%100 == 8:
			fmt.Fprintf(&b, `{"id":"d%d"}`, i)
		case i%100 == 9:
			fmt.Fprintf(&b, `{"type":"A","id":"d%d","boom":1}`, i)
		default:
			fmt.Fprintf(&b, `{"type":"%s","id":"d%d","bad":%v}`, []string{"A", "B", "L"}[i%3], i, i%5 == 0)
		}
	}
	b.WriteString("]")
	missing := source{name: "missing.json", open: func() (io.ReadCloser, error) { return nil, errors.New("no such file") }}
	sources := []source{
		stringSource("inv.json", b.String()),
		missing,
		stringSource("more.ndjson", "{\"type\":\"B\",\"bad\":true}\n"),
	}
	lists := &fakeLists{}
	p := &pipeline{rs: fakeRules{types: []string{"A", "B"}}, lists: lists, jobs: 4, keepSkips: false}
	var got []string
	var listGot []string
	err := p.run(sources, func(o *docOutcome) error {
		var s string
		switch {
		case o.whole:
			s = fmt.Sprintf("%s: input error: %v", o.entity(), o.err)
		case o.err != nil:
			s = fmt.Sprintf("%s: %v", o.entity(), o.err)
		default:
			var parts []string
			for _, r := range o.results {
				parts = append(parts, fmt.Sprintf("%d=%s", r.rule, r.res.Status))
			}
			s = fmt.Sprintf("%s %s skipped=%d %s", o.entity(), o.typ, o.skipped, strings.Join(parts, " "))
		}
		got = append(got, s)
		return nil
	}, func(rule int, group string, r eval.Result) error {
		listGot = append(listGot, fmt.Sprintf("%d %s %s", rule, group, r.Status))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n+2 {
		t.Fatalf("got %d outcomes, want %d", len(got), n+2)
	}
	wantSome := map[int]string{
		0: "d0 A skipped=1 0=fail",
		1: "d1 B skipped=1 1=pass",
		2: "d2 L skipped=2 ",
		7: "inv.json[7]: invalid JSON: invalid character '}' in literal true (expecting 'e') (line 1, column 276)",
		8: "inv.json[8]: document has no \"type\"",
		9: "inv.json[9]: boom",
		n: "missing.json: input error: no such file",
	}
	for i, w := range wantSome {
		if got[i] != w {
			t.Errorf("outcome %d = %q, want %q", i, got[i], w)
		}
	}
	if g := got[n+1]; g != "more.ndjson:1 B skipped=1 1=fail" {
		t.Errorf("last outcome = %q", g)
	}
	for i := 10; i < n; i++ {
		if !strings.HasPrefix(got[i], fmt.Sprintf("d%d ", i)) && !strings.HasPrefix(got[i], fmt.Sprintf("inv.json[%d]", i)) {
			t.Fatalf("outcome %d out of order: %q", i, got[i])
		}
	}
	var wantL []string
	for i := 0; i < n; i++ {
		if i%3 == 2 && i%100 != 7 && i%100 != 8 && i%100 != 9 {
			wantL = append(wantL, fmt.Sprintf("d%d", i))
		}
	}
	if diff := cmp.Diff([]string{"0 " + strings.Join(wantL, ",") + " pass"}, listGot); diff != "" {
		t.Errorf("list results (-want +got):\n%s", diff)
	}
}

func TestPipelineStopsOnWriterError(t *testing.T) {
	var b strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&b, "{\"type\":\"A\",\"id\":\"%d\"}\n", i)
	}
	p := &pipeline{rs: fakeRules{types: []string{"A"}}, jobs: 3}
	stop := errors.New("stdout closed")
	seen := 0
	err := p.run([]source{stringSource("x.ndjson", b.String())}, func(*docOutcome) error {
		seen++
		if seen == 5 {
			return stop
		}
		return nil
	}, nil)
	if err != stop || seen != 5 {
		t.Errorf("err = %v after %d outcomes, want the writer's error after 5", err, seen)
	}
}

func TestCheckDocument(t *testing.T) {
	tests := []struct {
		in   string
		line int
		want string
	}{
		{`{"type":"A"}`, 1, ""},
		{`[1]`, 3, "document is not a JSON object: [1]"},
		{`"str"`, 3, `document is not a JSON object: "str"`},
		{"{\"a\":\n  tru}", 10, "invalid JSON: invalid character '}' in literal true (expecting 'e') (line 11, column 6)"},
		{`{"a":1} x`, 2, "invalid JSON: unexpected content after the document (line 2, column 13)"},
		{`{"a":`, 1, "invalid JSON: unexpected end of JSON input (line 1, column 10)"},
		{``, 4, "invalid JSON: unexpected end of JSON input (line 4, column 5)"},
	}
	for _, tt := range tests {
		err := checkDocument([]byte(tt.in), tt.line, 5)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("checkDocument(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWithType(t *testing.T) {
	tests := map[string]string{
		`{"id":"a"}`:  `{"type":"Instance","id":"a"}`,
		`{}`:          `{"type":"Instance"}`,
		`{ }`:         `{"type":"Instance" }`,
		"{\n\"a\":1}": "{\"type\":\"Instance\",\n\"a\":1}",
	}
	for in, want := range tests {
		if got := string(withType([]byte(in), "Instance")); got != want {
			t.Errorf("withType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRenderProgress(t *testing.T) {
	if got, want := renderProgress(512<<10, 1<<20, 12345, 2_000_000_000), "[===========>            ]  50%  12,345 documents  256.0 KiB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := renderProgress(3<<20, 0, 7, 1_000_000_000), "7 documents  3.0 MiB  3.0 MiB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := commas(-1234567); got != "-1,234,567" {
		t.Errorf("commas = %q", got)
	}
}
