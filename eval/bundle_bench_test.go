package eval_test

// Benchmarks of the shipped bundles over a generated inventory
// (internal/invgen). The inventory size is GSL_BENCH_DOCS (default
// 100,000); CI runs them with a small size and -benchtime=1x:
//
//	GSL_BENCH_DOCS=2000 go test ./eval -run '^$' -bench Bundles -benchtime=1x
//
// The full-size figures in BENCHMARKS.md come from
//
//	go test ./eval -run '^$' -bench Bundles -benchtime=3x -cpu 1

import (
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/benchcpu"
	"github.com/gsl-lang/gsl/internal/invgen"
	"github.com/tidwall/gjson"
)

// benchDocs returns the inventory size of the bundle benchmarks.
func benchDocs(b *testing.B) int {
	s := os.Getenv("GSL_BENCH_DOCS")
	if s == "" {
		return 100000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("GSL_BENCH_DOCS=%q: want a positive document count", s)
	}
	return n
}

var benchInventories sync.Map // int -> [][]byte

// benchInventory returns the generated inventory of n documents (seed 1,
// fail ratio 0.2), generated once per process.
func benchInventory(b *testing.B, n int) [][]byte {
	if v, ok := benchInventories.Load(n); ok {
		return v.([][]byte)
	}
	docs, err := invgen.Generate(invgen.Config{N: n, Seed: 1, FailRatio: invgen.DefaultFailRatio})
	if err != nil {
		b.Fatal(err)
	}
	benchInventories.Store(n, docs)
	return docs
}

// shipped is every rule of every shipped bundle compiled into one rule set,
// with the entity types its List<> rules read.
type shipped struct {
	rs        *eval.RuleSet
	rules     int
	perDoc    int // the rules EvalDoc reports on, applicable or not
	listTypes map[string]bool
}

// shippedRuleSet compiles the shipped rules with the generator's clock.
func shippedRuleSet(b *testing.B) *shipped {
	opts := &eval.Options{Now: invgen.DefaultNow(), OnlyApplicable: true}
	var progs []*eval.Program
	lists := map[string]bool{}
	for _, name := range bundles.Names() {
		bu, err := bundles.Load(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range bu.Rules {
			p, err := eval.Compile(r.Logic, opts)
			if err != nil {
				b.Fatalf("%s %s: %v", name, r.ID, err)
			}
			progs = append(progs, p)
			if t := p.Rule().Target; t != nil && t.List {
				lists[t.Type] = true
			}
		}
	}
	if len(progs) == 0 {
		b.Fatal("no shipped rules")
	}
	perDoc := 0
	for _, p := range progs {
		if !p.IsList() {
			perDoc++
		}
	}
	return &shipped{rs: eval.NewRuleSet(progs, opts), rules: len(progs), perDoc: perDoc, listTypes: lists}
}

// tally counts results by status, so that the work cannot be skipped and
// the mix of verdicts can be reported.
type tally [4]int

// evalAll evaluates the shipped rules over docs the way gslcheck run does
// on one core: every document through EvalDoc, called back only for the
// rules of its type (the others' skips are counted), except that the
// documents of the types List<> rules read (known from their "type") are
// prepared once, evaluated and added to the lists; then the List<> rules
// run over the lists.
func evalAll(b *testing.B, s *shipped, docs [][]byte, t *tally) {
	lists := s.rs.NewLists()
	n := 0
	emit := func(_ int, r eval.Result) { t[r.Status]++; n++ }
	for _, d := range docs {
		n = 0
		if s.listTypes[gjson.GetBytes(d, "type").Str] {
			doc, err := eval.NewDocument(d)
			if err != nil {
				b.Fatal(err)
			}
			s.rs.EvalDocument(doc, emit)
			lists.AddDocument(doc)
		} else if err := s.rs.EvalDoc(d, emit); err != nil {
			b.Fatal(err)
		}
		t[eval.Skip] += s.perDoc - n
	}
	lists.Eval(func(_ int, _ string, r eval.Result) { t[r.Status]++ })
}

// validAll is the cost of merely reading the input: one gjson.Valid pass.
func validAll(b *testing.B, docs [][]byte) {
	for _, d := range docs {
		if !gjson.ValidBytes(d) {
			b.Fatal("invalid document")
		}
	}
}

// timed runs f after a garbage collection (so that f does not pay for
// garbage made before it) and returns its wall time and process CPU time.
func timed(f func()) (wall, cpu time.Duration, cpuOK bool) {
	runtime.GC()
	c0, ok0 := benchcpu.Process()
	t0 := time.Now()
	f()
	wall = time.Since(t0)
	c1, ok1 := benchcpu.Process()
	return wall, c1 - c0, ok0 && ok1
}

// BenchmarkBundles evaluates all shipped bundles over the inventory and
// reports, from the same run, GSL's time per document, the time per
// document of one gjson.Valid pass over the same bytes, and their ratio,
// in wall time and (where /proc/self/stat exists) in process CPU time. Run
// it with -cpu 1 for the one-core figure.
func BenchmarkBundles(b *testing.B) {
	n := benchDocs(b)
	docs := benchInventory(b, n)
	rs := shippedRuleSet(b)
	var size int64
	for _, d := range docs {
		size += int64(len(d))
	}
	var t tally
	evalAll(b, rs, docs, &t) // warm up: pools, tables, caches
	b.Logf("%d documents (%.0f MB), %d rules: pass %d, fail %d, skip %d, error %d",
		n, float64(size)/1e6, rs.rules, t[eval.Pass], t[eval.Fail], t[eval.Skip], t[eval.Error])
	if t[eval.Pass] == 0 || t[eval.Fail] == 0 {
		b.Fatal("the inventory should give both passes and failures")
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var gsl, valid, gslCPU, validCPU time.Duration
	cpuOK := true
	for b.Loop() {
		d, c, ok := timed(func() { evalAll(b, rs, docs, &t) })
		gsl, gslCPU, cpuOK = gsl+d, gslCPU+c, cpuOK && ok
		d, c, ok = timed(func() { validAll(b, docs) })
		valid, validCPU, cpuOK = valid+d, validCPU+c, cpuOK && ok
	}
	perDoc := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) / float64(n) }
	b.ReportMetric(perDoc(gsl), "gsl-ns/doc")
	b.ReportMetric(perDoc(valid), "valid-ns/doc")
	b.ReportMetric(float64(gsl)/float64(valid), "gsl/valid")
	if cpuOK && validCPU > 0 {
		b.ReportMetric(float64(gslCPU)/float64(validCPU), "cpu-gsl/valid")
	}
}

// BenchmarkBundlesLinearity evaluates all shipped bundles over an inventory
// of half the size and one of the full size (each generated with the same
// proportions) in the same run, and reports the ratio of their times: 2.0
// is linear growth.
func BenchmarkBundlesLinearity(b *testing.B) {
	n := benchDocs(b)
	half, full := benchInventory(b, n/2), benchInventory(b, n)
	if len(half) == 0 {
		b.Skip("inventory too small")
	}
	rs := shippedRuleSet(b)
	var t tally
	evalAll(b, rs, half, &t)
	evalAll(b, rs, full, &t)
	var th, tf, ch, cf time.Duration
	cpuOK := true
	for i := 0; b.Loop(); i++ {
		// Alternate the order, so that neither size always runs first.
		for k := range 2 {
			if (i+k)%2 == 0 {
				d, c, ok := timed(func() { evalAll(b, rs, half, &t) })
				th, ch, cpuOK = th+d, ch+c, cpuOK && ok
			} else {
				d, c, ok := timed(func() { evalAll(b, rs, full, &t) })
				tf, cf, cpuOK = tf+d, cf+c, cpuOK && ok
			}
		}
	}
	b.ReportMetric(float64(th.Nanoseconds())/float64(b.N)/float64(len(half)), "half-ns/doc")
	b.ReportMetric(float64(tf.Nanoseconds())/float64(b.N)/float64(len(full)), "full-ns/doc")
	b.ReportMetric(float64(tf)/float64(th), "full/half")
	if cpuOK && ch > 0 {
		b.ReportMetric(float64(cf)/float64(ch), "cpu-full/half")
	}
}
