package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/textout"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/gsl-lang/gsl/report"
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
	// The same input from a string, and from a file the workers read in
	// chunks (small ones, so that many are in flight when the writer stops).
	file := filepath.Join(t.TempDir(), "x.ndjson")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []source{
		stringSource("x.ndjson", b.String()),
		{name: file, open: func() (io.ReadCloser, error) { return os.Open(file) }},
	} {
		p := &pipeline{rs: fakeRules{types: []string{"A"}}, jobs: 3, chunkBytes: 1000}
		stop := errors.New("stdout closed")
		seen := 0
		err := p.run([]source{src}, func(*docOutcome) error {
			seen++
			if seen == 5 {
				return stop
			}
			return nil
		}, nil)
		if err != stop || seen != 5 {
			t.Errorf("%s: err = %v after %d outcomes, want the writer's error after 5", src.name, err, seen)
		}
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

// TestLeadingTypeID holds the fast reading of a document's type and id to
// gjson's, which typedDoc falls back to: where it reads them, it reads
// what gjson reads.
func TestLeadingTypeID(t *testing.T) {
	tests := []struct {
		in       string
		typ, id  string
		fastPath bool
	}{
		{`{"type":"Instance","id":"i-1","name":"x"}`, "Instance", "i-1", true},
		{`{"type":"Instance","id":"","a":1}`, "Instance", "", true},
		{`{"type":"Instance","id":"i-1"}`, "Instance", "i-1", true},
		{`{"type":"Instance","id":"i-1","id":"i-2"}`, "Instance", "i-1", true},
		{`{"type":"Instance","id":"é\u00e9"}`, "Instance", "éé", false}, // escaped: gjson unescapes
		{`{"type":"In\"st","id":"i"}`, `In"st`, "i", false},
		{`{"type":"Instance","id":123}`, "Instance", "123", false}, // not a string: its JSON text
		{`{"type":"Instance","id":null}`, "Instance", "null", false},
		{`{"type":"Instance","name":"n","id":"i-1"}`, "Instance", "i-1", false},
		{`{"id":"i-1","type":"Instance"}`, "Instance", "i-1", false},
		{`{ "type":"Instance","id":"i-1"}`, "Instance", "i-1", false},
		{`{"type" :"Instance","id":"i-1"}`, "Instance", "i-1", false},
		{`{"type":"Instance", "id":"i-1"}`, "Instance", "i-1", false},
		{`{"type":"","id":"i-1"}`, "", "i-1", false},
		{`{"type":"Instance"}`, "Instance", "", false},
		{`{"type":"Instance","id":"unterminated`, "Instance", "", false},
		{`{"type":"Instance`, "", "", false},
		{`{"type":"Instance","id":"i-1"` + "\n", "Instance", "i-1", true},
		{`{"type":"Instance","id":"i-1",garbage`, "Instance", "i-1", true},
		{`{"type":"Inst\u0061nce","id":"i"}`, "Instance", "i", false},
		{"{\"type\":\"In\xffst\",\"id\":\"i\"}", "In\xffst", "i", true},
	}
	for _, tt := range tests {
		data := []byte(tt.in)
		typ, id, ok := leadingTypeID(data)
		if ok != tt.fastPath {
			t.Errorf("leadingTypeID(%s): ok %v, want %v", tt.in, ok, tt.fastPath)
		}
		if _, did, dtyp, err := typedDoc(&inventory.Entity{Data: data}); err == nil && (dtyp != tt.typ || did != tt.id) {
			t.Errorf("typedDoc(%s) = %q, %q; want %q, %q", tt.in, dtyp, did, tt.typ, tt.id)
		} else if err != nil && tt.typ != "" {
			t.Errorf("typedDoc(%s): %v", tt.in, err)
		}
		if !ok {
			continue
		}
		gt, gi := gjson.GetBytes(data, "type"), textOfResult(gjson.GetBytes(data, "id"))
		if string(typ) != gt.Str || id != gi || string(typ) != tt.typ || id != tt.id {
			t.Errorf("leadingTypeID(%s) = %q, %q; gjson %q, %q; want %q, %q", tt.in, typ, id, gt.Str, gi, tt.typ, tt.id)
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
	if got := textout.Commas(-1234567); got != "-1,234,567" {
		t.Errorf("commas = %q", got)
	}
}

// TestPipelineRenderedJSON checks that records rendered by the workers
// (JSON lines) give the same report, byte for byte, as records reported one
// by one in the writer, for one and for several workers and across many
// batches, including input errors and malformed documents.
func TestPipelineRenderedJSON(t *testing.T) {
	var b strings.Builder
	for i := range 3*batchDocs + 17 {
		switch {
		case i%50 == 3:
			fmt.Fprintf(&b, "{\"type\":\"A\",\"id\":\"d%d\",\n", i) // broken over two lines
		case i%50 == 4:
			fmt.Fprintf(&b, "[%d]\n", i)
		default:
			fmt.Fprintf(&b, "{\"type\":%q,\"id\":\"d%d\",\"bad\":%v}\n", []string{"A", "B", "C"}[i%3], i, i%4 == 0)
		}
	}
	// A file that several workers read in chunks (see chunks.go).
	file := filepath.Join(t.TempDir(), "c.ndjson")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	sources := []source{
		stringSource("a.ndjson", b.String()),
		{name: "missing.json", open: func() (io.ReadCloser, error) { return nil, errors.New("no such file") }},
		{name: file, open: func() (io.ReadCloser, error) { return os.Open(file) }},
		stringSource("b.ndjson", b.String()),
	}
	rules := []*ruleMeta{{Rule: report.Rule{ID: "R1", Name: "r1", Severity: "High"}}, {Rule: report.Rule{ID: "R2", Name: "r2 \"quoted\"", Severity: "Low"}}}
	runReport := func(jobs int, rendered, showSkipped bool) (string, report.Summary) {
		var out strings.Builder
		rep := report.NewJSON(&out, report.Options{Rules: rulesOf(rules), ShowSkipped: showSkipped})
		p := &pipeline{rs: fakeRules{types: []string{"A", "B"}}, jobs: jobs, keepSkips: showSkipped, chunkBytes: 97}
		if rendered {
			p.prepare = func() func(*docBatch) {
				rr := rep.Renderer()
				return func(b *docBatch) { renderBatch(rr, rules, nil, b) }
			}
		}
		sum := report.Summary{Rules: len(rules)}
		err := p.runBatches(sources, func(b *docBatch) error {
			if b.rendered != rendered {
				t.Fatalf("batch rendered = %v, want %v", b.rendered, rendered)
			}
			if b.rendered {
				sum.Add(&b.sum)
				return rep.WriteRendered(b.text, b.nrec)
			}
			for i := range b.outs {
				if err := reportOutcome(rep, rules, nil, &sum, &b.outs[i], nil); err != nil {
					return err
				}
			}
			return nil
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.Finish(&sum); err != nil {
			t.Fatal(err)
		}
		return out.String(), sum
	}
	for _, showSkipped := range []bool{false, true} {
		want, wantSum := runReport(1, false, showSkipped)
		if !json.Valid([]byte(want)) || !strings.Contains(want, `"error":"no such file"`) || !strings.Contains(want, "document is not a JSON object") {
			t.Fatalf("unexpected report:\n%s", want)
		}
		for _, jobs := range []int{1, 3} {
			got, gotSum := runReport(jobs, true, showSkipped)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("jobs %d, showSkipped %v: rendered report differs (-want +got):\n%s", jobs, showSkipped, diff)
			}
			if !cmp.Equal(gotSum, wantSum) {
				t.Errorf("jobs %d: summary %+v, want %+v", jobs, gotSum, wantSum)
			}
		}
	}
}

// TestSummaryAdd checks that summary.add adds every count but Rules.
func TestSummaryAdd(t *testing.T) {
	var one report.Summary
	v := reflect.ValueOf(&one).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Map {
			f.Set(reflect.ValueOf(map[string]int{"x": i + 1}))
		} else {
			f.SetInt(int64(i + 1))
		}
	}
	var got report.Summary
	got.Add(&one)
	got.Add(&one)
	g := reflect.ValueOf(got)
	for i := range g.NumField() {
		want := int64(2 * (i + 1))
		name := v.Type().Field(i).Name
		if name == "Rules" {
			want = 0
		}
		f := g.Field(i)
		if f.Kind() == reflect.Map {
			if n := f.Interface().(map[string]int)["x"]; int64(n) != want {
				t.Errorf("%s[x] = %d after two adds, want %d", name, n, want)
			}
			continue
		}
		if f.Int() != want {
			t.Errorf("%s = %d after two adds, want %d", name, f.Int(), want)
		}
	}
}

// preparedRules is fakeRules that also evaluates prepared documents: every
// rule of the document's type passes.
type preparedRules struct {
	fakeRules
	prepared *atomic.Int64
}

func (f preparedRules) EvalDocument(d *eval.Document, emit func(int, eval.Result)) {
	f.prepared.Add(1)
	for i, t := range f.types {
		st := eval.Skip
		if t == d.Type() {
			st = eval.Pass
		}
		emit(i, eval.Result{Status: st})
	}
}

// preparedLists is fakeLists that also takes prepared documents.
type preparedLists struct{ fakeLists }

func (l *preparedLists) AddDocument(d *eval.Document) { l.order = append(l.order, "p"+d.ID()) }

// TestPipelinePreparedLists checks that the documents List<> rules read are
// prepared once, evaluated as such, and collected in input order across
// batches and workers; other documents take the plain path.
func TestPipelinePreparedLists(t *testing.T) {
	var b strings.Builder
	var want []string
	const n = 5 * batchDocs
	for i := range n {
		typ := []string{"A", "L", "L"}[i%3]
		if i%97 == 5 {
			fmt.Fprintf(&b, "{\"type\":\"L\",\"id\":\"d%d\",\"x\":tru}\n", i) // invalid: not collected
			continue
		}
		fmt.Fprintf(&b, "{\"type\":%q,\"id\":\"d%d\"}\n", typ, i)
		if typ == "L" {
			want = append(want, fmt.Sprintf("pd%d", i))
		}
	}
	var prepared atomic.Int64
	lists := &preparedLists{}
	p := &pipeline{rs: preparedRules{fakeRules{types: []string{"A", "L"}}, &prepared}, lists: lists,
		listTypes: map[string]bool{"L": true}, jobs: 4}
	var errs []string
	passes := 0
	err := p.run([]source{stringSource("x.ndjson", b.String())}, func(o *docOutcome) error {
		if o.err != nil {
			errs = append(errs, o.doc.Label()+": "+o.err.Error())
		}
		for _, r := range o.results {
			if r.res.Status == eval.Pass {
				passes++
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, lists.order); diff != "" {
		t.Errorf("collected documents (-want +got):\n%s", diff)
	}
	if int(prepared.Load()) != len(want) {
		t.Errorf("%d documents prepared, want the %d of type L", prepared.Load(), len(want))
	}
	if len(errs) != 7 || !strings.HasPrefix(errs[0], "x.ndjson:6: invalid JSON") {
		t.Errorf("errors = %q", errs)
	}
	if passes != n-len(errs) {
		t.Errorf("%d passes, want %d", passes, n-len(errs))
	}
}

// TestPipelineSlowSource checks that documents from a source that makes
// the reader wait (a pipe fed slowly) are evaluated and reported while the
// source is still open, not held until a batch fills or the input ends.
// Where the format is detected from the input, the first document waits
// for the start of the second, which tells NDJSON from a single document.
func TestPipelineSlowSource(t *testing.T) {
	for _, name := range []string{"inv.ndjson", "<stdin>"} {
		t.Run(name, func(t *testing.T) {
			pr, pw := io.Pipe()
			src := source{name: name, open: func() (io.ReadCloser, error) { return pr, nil }}
			p := &pipeline{rs: fakeRules{types: []string{"A"}}, jobs: 2}
			seen := make(chan string, 10)
			done := make(chan error, 1)
			go func() {
				done <- p.run([]source{src}, func(o *docOutcome) error {
					seen <- o.id
					return nil
				}, nil)
			}()
			write := func(i int) {
				if _, err := fmt.Fprintf(pw, "{\"type\":\"A\",\"id\":\"d%d\"}\n", i); err != nil {
					t.Fatal(err)
				}
			}
			const n = 4
			ahead := 0
			if name == "<stdin>" {
				write(0)
				ahead = 1
			}
			for i := range n {
				if i+ahead < n {
					write(i + ahead)
				}
				select {
				case id := <-seen:
					if want := fmt.Sprintf("d%d", i); id != want {
						t.Fatalf("got %s, want %s", id, want)
					}
				case <-time.After(time.Minute):
					t.Fatalf("document %d not reported while the input stays open", i)
				}
			}
			pw.Close()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if len(seen) != 0 {
				t.Fatalf("%d more outcomes", len(seen))
			}
		})
	}
}

// rulesOf is what reports say of metas.
func rulesOf(metas []*ruleMeta) []*report.Rule {
	return (&ruleSet{metas: metas}).rules()
}

// TestPipelineGuessedArray checks that guessing where the elements of a
// JSON array file end (pipeline.guess, see guess.go) gives the same report,
// byte for byte, as following every string and bracket, when guesses go
// wrong (two elements on a line, a line that ends inside an element)
// early, late and in many batches, with an NDJSON file read in chunks and
// a truncated array after them.
func TestPipelineGuessedArray(t *testing.T) {
	element := func(i int) string {
		return fmt.Sprintf("{\"type\":%q,\"id\":\"d%d\",\"bad\":%v,\"s\":\"}]\\\"\"}", []string{"A", "B", "C"}[i%3], i, i%4 == 0)
	}
	array := func(n int, wrong func(i int) bool, end string) string {
		var b strings.Builder
		b.WriteString("[\n")
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			switch {
			case wrong(i) && i%2 == 0:
				b.WriteString(element(i) + "," + element(i+1000)) // two on a line
			case wrong(i):
				b.WriteString(strings.TrimSuffix(element(i), "}") + ",\"o\":{\"x\":1}\n}") // a line ends inside
			default:
				b.WriteString(element(i))
			}
		}
		b.WriteString(end)
		return b.String()
	}
	var nd strings.Builder
	for i := range 400 {
		nd.WriteString(element(i) + "\n")
	}
	dir := t.TempDir()
	files := map[string]string{
		"early.json":   array(3*batchDocs+17, func(i int) bool { return i == 2 || i == 3 }, "\n]\n"),
		"many.json":    array(5*batchDocs, func(i int) bool { return i%97 == 50 }, "\n]\n"),
		"last.json":    array(2*batchDocs, func(i int) bool { return i == 2*batchDocs-1 }, "\n]\n"),
		"right.json":   array(2*batchDocs, func(int) bool { return false }, "\n]\n"),
		"c.ndjson":     nd.String(),
		"cut.json":     array(batchDocs+5, func(i int) bool { return i == 7 }, ",\n{\"type\":\"A\""),
		"garbage.json": array(batchDocs, func(int) bool { return false }, "\n] x"),
	}
	var sources []source
	for _, name := range []string{"early.json", "c.ndjson", "many.json", "last.json", "right.json", "c.ndjson", "cut.json", "garbage.json"} {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source{name: file, open: func() (io.ReadCloser, error) { return os.Open(file) }})
	}
	rules := []*ruleMeta{{Rule: report.Rule{ID: "R1", Name: "r1", Severity: "High"}}, {Rule: report.Rule{ID: "R2", Name: "r2", Severity: "Low"}}}
	runReport := func(jobs int, guess bool) (string, report.Summary) {
		var out strings.Builder
		rep := report.NewJSON(&out, report.Options{Rules: rulesOf(rules)})
		p := &pipeline{rs: fakeRules{types: []string{"A", "B"}}, jobs: jobs, chunkBytes: 1024, guess: guess}
		p.prepare = func() func(*docBatch) {
			rr := rep.Renderer()
			return func(b *docBatch) { renderBatch(rr, rules, nil, b) }
		}
		sum := report.Summary{Rules: len(rules)}
		err := p.runBatches(sources, func(b *docBatch) error {
			sum.Add(&b.sum)
			return rep.WriteRendered(b.text, b.nrec)
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.Finish(&sum); err != nil {
			t.Fatal(err)
		}
		return out.String(), sum
	}
	want, wantSum := runReport(1, false)
	for _, msg := range []string{`"entity":"d1002"`, "unexpected end of input", `unexpected 'x' after the top-level value`} {
		if !strings.Contains(want, msg) {
			t.Fatalf("the report does not say %q:\n%.2000s", msg, want)
		}
	}
	for _, jobs := range []int{1, 2, 3} {
		got, gotSum := runReport(jobs, true)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("jobs %d: guessing changes the report (-want +got):\n%s", jobs, diff)
		}
		if !cmp.Equal(gotSum, wantSum) {
			t.Errorf("jobs %d: summary %+v, want %+v", jobs, gotSum, wantSum)
		}
	}
}
