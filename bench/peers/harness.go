package peers

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gsl-lang/gsl/internal/benchcpu"
	"github.com/gsl-lang/gsl/internal/invgen"
	"github.com/tidwall/gjson"
)

// Inventory generates n documents (fail ratio 0.2) and keeps those whose
// type a rule targets. It also returns the number of (rule, document)
// pairs: for each kept document, the rules of its type.
func Inventory(n int, seed uint64, targets []string) (docs [][]byte, pairs int, err error) {
	all, err := invgen.Generate(invgen.Config{N: n, Seed: seed, FailRatio: invgen.DefaultFailRatio})
	if err != nil {
		return nil, 0, err
	}
	perType := byType(targets)
	for _, d := range all {
		if k := len(perType[gjson.GetBytes(d, "type").String()]); k > 0 {
			docs = append(docs, d)
			pairs += k
		}
	}
	return docs, pairs, nil
}

// Disagreement is a (rule, document) on which a peer and GSL differ.
type Disagreement struct {
	Engine string
	Rule   string
	Doc    string // the document's type and id
	GSL    bool   // GSL's verdict: true for a violation (fail)
	Peer   bool
	Err    error // the peer failed instead of giving a verdict
}

func (d Disagreement) String() string {
	if d.Err != nil {
		return fmt.Sprintf("%s %s on %s: %v", d.Engine, d.Rule, d.Doc, d.Err)
	}
	return fmt.Sprintf("%s %s on %s: gsl violation=%v, %s violation=%v", d.Engine, d.Rule, d.Doc, d.GSL, d.Engine, d.Peer)
}

// Verdicts counts, per rule, the documents that violate it and those that
// do not.
type Verdicts struct {
	Violations, Others []int
}

// Check evaluates every rule over every document with every engine and
// returns the disagreements with the first engine (GSL), at most max of
// them, and GSL's verdict counts. An error of GSL itself is returned as
// the error.
func Check(engines []Engine, rules []Rule, targets []string, docs [][]byte, max int) ([]Disagreement, Verdicts, error) {
	var out []Disagreement
	v := Verdicts{Violations: make([]int, len(rules)), Others: make([]int, len(rules))}
	want := make([]bool, len(rules))
	got := make([]bool, len(rules))
	perType := byType(targets)
	for _, doc := range docs {
		clear(want)
		if err := engines[0].Eval(doc, want); err != nil {
			return nil, v, fmt.Errorf("%s on %s: %v", engines[0].Name(), docName(doc), err)
		}
		typ := gjson.GetBytes(doc, "type").String()
		for _, i := range perType[typ] {
			if want[i] {
				v.Violations[i]++
			} else {
				v.Others[i]++
			}
		}
		for _, e := range engines[1:] {
			clear(got)
			if err := e.Eval(doc, got); err != nil {
				out = append(out, Disagreement{Engine: e.Name(), Rule: "-", Doc: docName(doc), Err: err})
			} else {
				for _, i := range perType[typ] {
					if got[i] != want[i] {
						out = append(out, Disagreement{Engine: e.Name(), Rule: rules[i].ID, Doc: docName(doc), GSL: want[i], Peer: got[i]})
					}
				}
			}
			if len(out) >= max {
				return out, v, nil
			}
		}
	}
	return out, v, nil
}

func docName(doc []byte) string {
	r := gjson.GetManyBytes(doc, "type", "id")
	return r[0].String() + " " + r[1].String()
}

// Timing is one engine's measured time over the inventory.
type Timing struct {
	Engine string
	Runs   []time.Duration // wall time of each round, each over every document
	CPU    []time.Duration // process CPU time of each round (empty when unknown)
}

// Best returns the fastest round.
func (t Timing) Best() time.Duration { return slices.Min(t.Runs) }

// Median returns the median round.
func (t Timing) Median() time.Duration { return median(t.Runs) }

// BestCPU returns the round that took the least CPU time (0 when unknown).
func (t Timing) BestCPU() time.Duration {
	if len(t.CPU) == 0 {
		return 0
	}
	return slices.Min(t.CPU)
}

func median(ds []time.Duration) time.Duration {
	r := slices.Clone(ds)
	slices.Sort(r)
	return r[len(r)/2]
}

// ProcessCPU returns the CPU time the process's threads have run (see
// benchcpu.Process); ok is false where it cannot be measured.
func ProcessCPU() (time.Duration, bool) { return benchcpu.Process() }

// Measure times each engine over every document, rounds times. Rounds
// interleave the engines, so that a change in the machine's load touches
// them all alike.
func Measure(engines []Engine, nrules int, docs [][]byte, rounds int) ([]Timing, error) {
	out := make([]Timing, len(engines))
	for i, e := range engines {
		out[i].Engine = e.Name()
	}
	verdicts := make([]bool, nrules)
	cpuOK := true
	for range rounds {
		for i, e := range engines {
			runtime.GC() // do not bill one engine for another's garbage
			c0, ok0 := ProcessCPU()
			start := time.Now()
			for _, d := range docs {
				if err := e.Eval(d, verdicts); err != nil {
					return nil, err
				}
			}
			out[i].Runs = append(out[i].Runs, time.Since(start))
			c1, ok1 := ProcessCPU()
			cpuOK = cpuOK && ok0 && ok1
			out[i].CPU = append(out[i].CPU, c1-c0)
		}
	}
	if !cpuOK {
		for i := range out {
			out[i].CPU = nil
		}
	}
	return out, nil
}

// Report writes the table of timings: for each engine, ns per (rule,
// document) and per document from the fastest round, the ratio to GSL
// (the first timing), the same ratio from the median rounds, and, when
// known, ns per (rule, document) and the ratio in process CPU time.
func Report(w io.Writer, timings []Timing, pairs, docs int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	cpu := len(timings[0].CPU) > 0
	fmt.Fprint(tw, "engine\tns/(rule,doc)\tns/doc\tx GSL\tx GSL (median)\t")
	if cpu {
		fmt.Fprint(tw, "cpu ns/(rule,doc)\tx GSL (cpu)\t")
	}
	fmt.Fprintln(tw)
	g := timings[0]
	per := func(d time.Duration, n int) float64 { return float64(d.Nanoseconds()) / float64(n) }
	for _, t := range timings {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.1f\t%.1f\t", t.Engine, per(t.Best(), pairs), per(t.Best(), docs),
			float64(t.Best())/float64(g.Best()), float64(t.Median())/float64(g.Median()))
		if cpu {
			fmt.Fprintf(tw, "%.0f\t%.1f\t", per(t.BestCPU(), pairs), float64(t.BestCPU())/float64(g.BestCPU()))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// Coverage describes, per rule, how many documents violate it.
func Coverage(rules []Rule, v Verdicts) string {
	var b strings.Builder
	ids := make([]int, len(rules))
	for i := range ids {
		ids[i] = i
	}
	sort.SliceStable(ids, func(a, b int) bool { return rules[ids[a]].ID < rules[ids[b]].ID })
	for _, i := range ids {
		fmt.Fprintf(&b, "%s %d/%d ", rules[i].ID, v.Violations[i], v.Violations[i]+v.Others[i])
	}
	return strings.TrimSpace(b.String())
}
