package eval

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/builtin"
)

func TestExplain(t *testing.T) {
	cases := []struct {
		rule, doc string
		want      Status
		contains  []string // lines (or parts of lines) of the rendering
	}{
		{`T should have a = 1`, `{"type":"T","a":1}`, Pass, []string{"result:  pass", "should  true   a = 1     a = 1"}},
		{`T should have a = 1`, `{"type":"U","a":1}`, Skip, []string{"result:  skip"}},
		{`T where a = 1 should have b`, `{"type":"T","a":2}`, Skip, []string{"where   false  a = 1     a = 2", "result:  skip"}},
		{`T where a = 1`, `{"type":"T","a":1}`, Fail, []string{"because: a = 1", "\nwhere  true   a = 1"}},
		{`false`, `{"type":"T"}`, Fail, []string{"because: false"}},
		{`T should have xs with [a = 1] length() = 2`, `{"type":"T","xs":[{"a":1},{"a":2}]}`, Fail,
			[]string{"because: xs with [a = 1] length() = 1", "xs[1]", "a = 1     xs[1].a = 2"}},
		{`T should have d after(0, 'days')`, `{"type":"T","d":"later"}`, Error, []string{`result:  error: function failed: after(): "later" is not a date`, `because: d = "later"`, "should  false  d after(0, 'days')"}},
		// An error inside a loop: the trace shows the loop and the element
		// it was on, around the test that failed.
		{`T should have a = 1 and xs contain [$ after(0, 'days')]`, `{"type":"T","a":1,"xs":["2020-01-01","later"]}`, Error,
			[]string{`because: xs[1] = "later"`, "should  false  a = 1 and xs contain [$ after(0, 'days')]", "true     a = 1", "false      xs[1]", "false        $ after(0, 'days')\n"}},
		{`T should not have a = 1 or b = 2`, `{"type":"T","a":1}`, Fail, []string{"should not  true   a = 1 or b = 2", "-        b = 2   (not evaluated)"}},
	}
	for _, c := range cases {
		p := vmtCompile(t, c.rule)
		tr, err := p.Explain([]byte(c.doc))
		if err != nil {
			t.Fatalf("%s: %v", c.rule, err)
		}
		if tr.Status != c.want || p.Eval([]byte(c.doc)).Status != c.want {
			t.Errorf("%s: status %v, want %v", c.rule, tr.Status, c.want)
		}
		out := tr.String()
		for _, s := range c.contains {
			if !strings.Contains(out, s) {
				t.Errorf("%s: rendering lacks %q:\n%s", c.rule, s, out)
			}
		}
	}

	// A document that cannot be evaluated is Explain's error.
	if _, err := vmtCompile(t, `T should have a`).Explain([]byte(`{`)); !errors.Is(err, ErrInvalidJSON) {
		t.Errorf("got %v", err)
	}
}

// TestRecordingAgrees runs every rule of the semantic tables over its
// documents both ways: the recording run reaches the evaluation's verdict,
// and every fail and error has evidence whose span lies in the rule.
func TestRecordingAgrees(t *testing.T) {
	for _, row := range semLoad(t) {
		if row.List || row.Want == "compile-error" {
			continue
		}
		p, err := Compile(row.Rule, semOptions(row))
		if err != nil {
			continue
		}
		if doc := row.Doc; doc != "" {
			r := p.Eval([]byte(doc))
			tr, err := p.Explain([]byte(doc))
			if err == nil && tr.Status != r.Status {
				t.Errorf("%s: %s: Eval %v, Explain %v", row, row.Rule, r.Status, tr.Status)
			}
			if (r.Status == Fail || r.Status == Error) && len(r.Evidence) == 0 {
				t.Errorf("%s: %s: %v without evidence", row, row.Rule, r.Status)
			}
			for _, e := range r.Evidence {
				if e.Span.Start.Offset < 0 || e.Span.End.Offset > len(row.Rule) || e.Span.Start.Offset > e.Span.End.Offset {
					t.Errorf("%s: %s: evidence span %v outside the rule", row, row.Rule, e.Span)
				}
			}
		}
	}
}

// TestRecordingCopy holds the two copies of a program apart: the code a
// normal run executes has no opcode marked for recording, so that it never
// reaches the recorder, and the recording copy has every one marked.
func TestRecordingCopy(t *testing.T) {
	for _, c := range disasmCases {
		p := vmtCompile(t, c.rule)
		if len(p.rcode) != len(p.code) || len(p.pos) != len(p.code) {
			t.Fatalf("%s: %d instructions, %d recording, %d positions", c.name, len(p.code), len(p.rcode), len(p.pos))
		}
		for pc, in := range p.code {
			if in.op&opRecord != 0 || p.rcode[pc] != (instr{op: in.op | opRecord, arg: in.arg}) {
				t.Errorf("%s: at %d: %v, recording %v", c.name, pc, in, p.rcode[pc])
			}
			sp := p.pos[pc].span
			if sp.Start.Offset < 0 || sp.End.Offset > len(c.rule) || sp.Start.Offset > sp.End.Offset {
				t.Errorf("%s: at %d: span %v outside the rule", c.name, pc, sp)
			}
		}
	}
}

func TestExplainTruncates(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"T","xs":[`)
	for i := range 20000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"a":0}`)
	}
	b.WriteString(`]}`)
	tr, err := vmtCompile(t, `T should have xs contain [a = 1]`).Explain([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Truncated || tr.Status != Fail {
		t.Fatalf("truncated %v, status %v", tr.Truncated, tr.Status)
	}
	if !strings.Contains(tr.String(), "trace cut") {
		t.Fatal("rendering does not say it was cut")
	}
}

// TestEvidenceIsValidUTF8 feeds strings holding bytes that are not UTF-8
// (gjson accepts them): the evidence, the trace's reads and its operand
// results are valid UTF-8, the bad bytes shown as U+FFFD, so reports that
// print them stay valid JSON and XML.
func TestEvidenceIsValidUTF8(t *testing.T) {
	long := strings.Repeat("é", MaxEvidenceValue) + "\xff"
	for _, doc := range []string{
		"{\"type\":\"T\",\"a\":\"x\xff\xfey\",\"xs\":[\"\xc3\"]}",
		`{"type":"T","a":"` + long + "\",\"xs\":[\"\xc3\"]}",
	} {
		for _, rule := range []string{`T should have a = 1`, `T should have xs with [$ = 'z'] length() = 1 and a = 1`} {
			p := vmtCompile(t, rule)
			r := p.Eval([]byte(doc))
			if r.Status != Fail || len(r.Evidence) == 0 {
				t.Fatalf("%s: %v", rule, r)
			}
			for _, e := range r.Evidence {
				if !utf8.ValidString(e.Value) {
					t.Errorf("%s: evidence %q is not UTF-8", rule, e.Value)
				}
			}
			tr, err := p.Explain([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if s := tr.String(); !utf8.ValidString(s) {
				t.Errorf("%s: trace is not UTF-8:\n%s", rule, s)
			}
		}
	}
	if got := evidenceValue(builtin.ParseJSON("\"a\xffb\"")); got != `"a`+"\ufffd"+`b"` {
		t.Errorf("evidenceValue = %q", got)
	}
}

// TestDocumentEvidenceIsValidUTF8: the evidence of a document that cannot
// be evaluated shows its start without cutting a character in two and
// without bytes that are not UTF-8.
func TestDocumentEvidenceIsValidUTF8(t *testing.T) {
	p := vmtCompile(t, `T should have a = 1`)
	for _, doc := range []string{
		`{"type":"T","a":"` + strings.Repeat("é", 40) + `"`,
		"{\"type\":\"T\",\"a\":\"\xff\xfe\"",
	} {
		r := p.Eval([]byte(doc))
		if r.Status != Error || len(r.Evidence) != 1 {
			t.Fatalf("%v", r)
		}
		if v := r.Evidence[0].Value; !utf8.ValidString(v) || !strings.HasPrefix(v, `{"type":"T"`) {
			t.Errorf("document evidence %q", v)
		}
	}
}
