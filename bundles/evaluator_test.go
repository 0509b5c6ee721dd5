package bundles

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/inventory"
)

// shippedEvaluator prepares every shipped bundle.
func shippedEvaluator(t testing.TB) (*Evaluator, []*Bundle) {
	t.Helper()
	var bs []*Bundle
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
	}
	ev, err := Prepare(bs)
	if err != nil {
		t.Fatal(err)
	}
	return ev, bs
}

// collect runs an evaluation to its end.
func collect(t testing.TB, seq func(func(Finding, error) bool)) []Finding {
	t.Helper()
	var out []Finding
	for f, err := range seq {
		if err != nil {
			t.Fatalf("Eval: %v", err)
		}
		out = append(out, f)
	}
	return out
}

// TestEvaluatorMatchesRunCases runs every shipped bundle over the example
// account through Evaluator and checks each rule's aggregated status against
// RunCases, the fixture runner, List<> rules included.
func TestEvaluatorMatchesRunCases(t *testing.T) {
	ev, bs := shippedEvaluator(t)
	data, err := os.ReadFile(filepath.Join("..", "examples", "inventory", "account.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	findings := collect(t, ev.EvalBytes(context.Background(), "account.ndjson", bytes.Lines(data), At(DefaultNow())))

	aggs := map[*Rule]*aggregate{}
	lines := map[int]bool{}
	listSeen := false
	for _, f := range findings {
		if f.Rule == nil {
			if f.Status != eval.Skip || f.Type == "" || f.Origin.Line < 1 {
				t.Errorf("a record other than 'no rule judged it' on a valid input: %v", f)
			}
			lines[f.Origin.Line] = true
			continue
		}
		if aggs[f.Rule] == nil {
			aggs[f.Rule] = &aggregate{}
		}
		aggs[f.Rule].add(f.ID, eval.Result{Status: f.Status, Evidence: f.Evidence, Err: f.Err})
		if strings.HasPrefix(f.Type, "List<") {
			listSeen = true
			continue
		}
		if listSeen {
			t.Errorf("finding %v after a List<> finding: List<> rules run at the end", f)
		}
		if f.Origin.Input != "account.ndjson" || f.Origin.Line < 1 {
			t.Errorf("finding %v has origin %+v", f, f.Origin)
		}
		lines[f.Origin.Line] = true
		if f.Status == eval.Skip {
			t.Errorf("a skip finding: %v", f)
		}
	}
	if !listSeen {
		t.Error("no List<> finding")
	}
	docs := exampleDocs(t)
	if len(lines) != len(docs) {
		t.Errorf("findings name %d lines, the input has %d documents: every entity in must have a finding out", len(lines), len(docs))
	}
	for _, b := range bs {
		res := RunCases(b, []Case{{Name: "example account", Documents: docs, Now: DefaultNow()}}, nil)[0]
		for i, o := range res.Outcomes {
			got := "skip"
			if a := aggs[&b.Rules[i]]; a != nil {
				got = a.status()
			}
			if got != o.Got {
				t.Errorf("%s %s: Evaluator gives %s, RunCases %s", b.ID, o.Rule, got, o.Got)
			}
		}
	}
}

// TestEvaluatorRecords pins that every input entity yields a finding or a
// record naming its origin: reader errors, types the model lacks, invalid
// documents, documents over the limits.
func TestEvaluatorRecords(t *testing.T) {
	b := &Bundle{ID: "t", Rules: []Rule{
		{ID: "enc", Logic: "Volume should have encrypted = true"},
		{ID: "any", Logic: "List<Volume> should have items length() > 0"},
	}}
	ev, err := Prepare([]*Bundle{b})
	if err != nil {
		t.Fatal(err)
	}
	readErr := errors.New("line 3: unexpected ]")
	ents := []inventory.Entity{
		{Data: []byte(`{"type":"Volume","id":"v1","encrypted":false}`), Origin: inventory.Origin{Input: "in", Line: 1}},
		{Data: []byte(`{"type":"Volume","id":"v2","encrypted":true}`), Origin: inventory.Origin{Input: "in", Line: 2}},
		{Err: readErr, Origin: inventory.Origin{Input: "in", Line: 3}},
		{NotModelled: "AWS::Glue::Job", Origin: inventory.Origin{Input: "in", Line: 4}},
		{Data: []byte(`{"type":"Volume","id":`), Origin: inventory.Origin{Input: "in", Line: 5}},
		{Data: []byte(`{"type":"Volume","id":"v6","encrypted":true,"pad":"` + strings.Repeat("x", 100) + `"}`), Origin: inventory.Origin{Input: "in", Line: 6}},
		{Data: []byte(`{"type":"Instance","id":"i7"}`), Origin: inventory.Origin{Input: "in", Line: 7}},
	}
	got := collect(t, ev.Eval(context.Background(), slices.Values(ents), WithDocumentLimits(80, 0)))
	var lines []string
	for _, f := range got {
		lines = append(lines, fmt.Sprintf("%d %s", f.Origin.Line, f))
	}
	want := []string{
		"1 enc Volume v1: fail: encrypted = false (in:1)",
		"2 enc Volume v2: pass (in:2)",
		"3 in:3: error: line 3: unexpected ]",
		"4 in:4: skip (type AWS::Glue::Job is not in the entity model)",
		"5 in:5: error: invalid JSON near byte 22: unexpected end of JSON input",
		"6 in:6: error: document too large: 153 bytes, the limit is 80",
		"7 Instance i7: skip (in:7)",
		"0 any List<Volume> *: pass",
	}
	if d := strings.Join(lines, "\n"); d != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", d, strings.Join(want, "\n"))
	}
	if !errors.Is(got[2].Err, readErr) {
		t.Errorf("reader error not kept: %v", got[2].Err)
	}
}

// TestEvaluatorClockPerEvaluation pins that the clock is given per
// evaluation: one Evaluator judges the same document differently at two
// times, concurrently (run under -race).
func TestEvaluatorClockPerEvaluation(t *testing.T) {
	b := &Bundle{ID: "t", Rules: []Rule{
		{ID: "cert", Logic: "Certificate should have notAfter after(0, 'days')"},
		{ID: "list", Logic: "List<Certificate> should have items contain-all [notAfter after(30, 'days')]"},
	}}
	ev, err := Prepare([]*Bundle{b})
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"type":"Certificate","id":"c1","accountNumber":"1","notAfter":"2026-07-01T00:00:00Z"}`)
	times := map[time.Time]string{
		time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC):  "cert pass, list pass",
		time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC): "cert pass, list fail",
		time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC):  "cert fail, list fail",
	}
	var wg sync.WaitGroup
	for range 4 {
		for at, want := range times {
			wg.Go(func() {
				var parts []string
				for f, err := range ev.EvalBytes(context.Background(), "doc", slices.Values([][]byte{doc}), At(at), WithoutEvidence()) {
					if err != nil {
						t.Error(err)
						return
					}
					if len(f.Evidence) != 0 {
						t.Errorf("evidence %v WithoutEvidence", f.Evidence)
					}
					parts = append(parts, f.Rule.ID+" "+f.Status.String())
				}
				if got := strings.Join(parts, ", "); got != want {
					t.Errorf("at %s: %s, want %s", at.Format(time.DateOnly), got, want)
				}
			})
		}
	}
	wg.Wait()
}

// TestEvaluatorCancel pins that a cancelled context ends the evaluation
// with its error, before the next document and before the List<> rules.
func TestEvaluatorCancel(t *testing.T) {
	b := &Bundle{ID: "t", Rules: []Rule{
		{ID: "enc", Logic: "Volume should have encrypted = true"},
		{ID: "list", Logic: "List<Volume> should have items length() > 0"},
	}}
	ev, err := Prepare([]*Bundle{b})
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"type":"Volume","id":"v","encrypted":true}`)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n, read := 0, 0
	docs := func(yield func([]byte) bool) {
		for read < 1000 {
			read++
			if !yield(doc) {
				return
			}
		}
	}
	var last error
	for f, err := range ev.EvalBytes(ctx, "stream", docs) {
		if err != nil {
			last = err
			continue
		}
		if f.Rule.ID == "list" {
			t.Error("the List<> rule ran after cancellation")
		}
		if n++; n == 3 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("last error %v, want context.Canceled", last)
	}
	if n != 3 || read != 4 {
		t.Errorf("%d findings from %d documents read after cancelling at the third", n, read)
	}

	// Breaking out of the loop stops reading.
	read = 0
	for range ev.EvalBytes(context.Background(), "stream", docs) {
		break
	}
	if read != 1 {
		t.Errorf("read %d documents after breaking at the first finding", read)
	}
}

// TestPrepareErrors pins that a rule that does not compile or type-check
// fails Prepare with its position in the bundle file.
func TestPrepareErrors(t *testing.T) {
	src := `id: bad
name: Bad
version: 1.0.0
description: d
rules:
  - id: B-1
    name: n
    severity: Low
    logic: Volume should have encrypted = true
    description: d
    remediation: r
  - id: B-2
    name: n
    severity: Low
    logic: >-
      Volume should have
        size lenght() > 1
    description: d
    remediation: r
  - id: B-3
    name: n
    severity: Low
    logic: Volume should have encrypted = true and sizeGB > 1
    description: d
    remediation: r
`
	b, err := Parse([]byte(src), "bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Prepare([]*Bundle{b})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("Prepare: %v, want one error", err)
	}
	if got := list[0].Error(); !strings.HasPrefix(got, `bad.yaml:17:14: rule B-2: unknown function "lenght"`) {
		t.Errorf("got %s", got)
	}
	_, err = Prepare([]*Bundle{b}, WithSchema(AWS()))
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("Prepare WithSchema: %v, want two errors", err)
	}
	if got := list[1].Error(); !strings.HasPrefix(got, `bad.yaml:23:52: rule B-3: schema: `) {
		t.Errorf("got %s", got)
	}
}

// FuzzEvaluator feeds any bytes as a document to every shipped rule: the
// evaluation never panics or hangs, and a document that is not blank
// yields at least one finding about itself, with its origin, before the
// List<> rules' findings.
func FuzzEvaluator(f *testing.F) {
	ev, _ := shippedEvaluator(f)
	data, err := os.ReadFile(filepath.Join("..", "examples", "inventory", "account.ndjson"))
	if err != nil {
		f.Fatal(err)
	}
	for line := range bytes.Lines(data) {
		f.Add(line)
	}
	for _, s := range []string{``, ` `, `{`, `[]`, `{"type":1}`, `{"type":"Instance"}`, `{"type":"List<Volume>","items":[]}`, "\xff", `{"type":"Volume","id":"a","encrypted":"` + strings.Repeat(`\u00e9`, 50) + `"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		own, lists := 0, false
		for fd, err := range ev.EvalBytes(context.Background(), "fuzz", slices.Values([][]byte{doc}), At(DefaultNow()), WithStepBudget(1<<14)) {
			if err != nil {
				t.Fatal(err)
			}
			if fd.Origin.Input == "" {
				lists = true
				continue
			}
			if lists {
				t.Errorf("finding %v after the List<> findings", fd)
			}
			if fd.Origin.Input != "fuzz" || fd.Origin.Line != 1 {
				t.Errorf("finding %v has origin %+v", fd, fd.Origin)
			}
			own++
		}
		if blank := len(bytes.TrimSpace(doc)) == 0; blank != (own == 0) {
			t.Errorf("%d findings about the document %q", own, doc)
		}
	})
}

// TestPrepareWithFunctions pins the custom-function path of the embedder's
// API: a rule calling a function of the embedder's registry compiles and
// runs with WithFunctions, and without it is an unknown function.
func TestPrepareWithFunctions(t *testing.T) {
	reg := builtin.NewRegistry()
	if err := reg.Register(builtin.Func{
		Name:   "hasPrefix",
		Recv:   builtin.TString,
		Params: []builtin.Param{{Name: "prefix", Type: builtin.TString}},
		Result: builtin.TBool,
		Impl: func(_ *builtin.Env, recv builtin.Value, args []builtin.Value) (builtin.Value, error) {
			return builtin.BoolValue(strings.HasPrefix(recv.Str(), args[0].Str())), nil
		},
	}); err != nil {
		t.Fatal(err)
	}
	b := &Bundle{ID: "t", Rules: []Rule{{ID: "name", Logic: "Instance should have name hasPrefix('prod-')"}}}
	if _, err := Prepare([]*Bundle{b}); err == nil || !strings.Contains(err.Error(), `unknown function "hasPrefix"`) {
		t.Fatalf("Prepare without WithFunctions: %v, want an unknown function", err)
	}
	ev, err := Prepare([]*Bundle{b}, WithFunctions(reg))
	if err != nil {
		t.Fatal(err)
	}
	docs := [][]byte{
		[]byte(`{"type":"Instance","id":"i-1","name":"prod-web"}`),
		[]byte(`{"type":"Instance","id":"i-2","name":"dev-web"}`),
	}
	var got []string
	for _, f := range collect(t, ev.EvalBytes(context.Background(), "docs", slices.Values(docs))) {
		got = append(got, f.ID+" "+f.Status.String())
	}
	if want := []string{"i-1 pass", "i-2 fail"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}
