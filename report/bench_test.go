package report

// Benchmarks of the run reports over many findings. The records are
// real: every shipped bundle evaluated over a generated inventory
// (internal/invgen, 3,000 documents, 30% of settings non-compliant), its
// passes, failures and errors with their evidence and origins, repeated
// with fresh entity ids and lines until there are GSL_BENCH_FINDINGS
// records (default 100,000), as a run over that many results would give.
//
//	GSL_BENCH_FINDINGS=1000000 go test ./report -run '^$' -bench Report -benchtime=1x
//
// peak-heap-MB is the most heap (live and garbage) seen while the report
// was written, sampled every 10,000 records and after finish; cpu-ns is
// the process's CPU time (GC included), steadier than the wall clock on a
// shared machine.

import (
	"context"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"testing"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/benchcpu"
	"github.com/gsl-lang/gsl/internal/invgen"
)

func benchFindings(b *testing.B) int {
	n := 100_000
	if s := os.Getenv("GSL_BENCH_FINDINGS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("GSL_BENCH_FINDINGS=%q: want a positive count", s)
		}
		n = v
	} else if s := os.Getenv("GSL_BENCH_DOCS"); s != "" {
		n, _ = strconv.Atoi(s) // CI's small size
	}
	return max(n, 1)
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// realRecords evaluates every shipped bundle over a generated inventory
// and returns its rules and the records of its verdicts.
func realRecords(b *testing.B) ([]*Rule, []Record, int) {
	var bs []*bundles.Bundle
	for _, name := range bundles.Names() {
		bd, err := bundles.Load(name)
		if err != nil {
			b.Fatal(err)
		}
		bs = append(bs, bd)
	}
	ev, err := bundles.Prepare(bs)
	if err != nil {
		b.Fatal(err)
	}
	const ndocs = 3000
	docs, err := invgen.Generate(invgen.Config{N: ndocs, Seed: 7, FailRatio: 0.3})
	if err != nil {
		b.Fatal(err)
	}
	var rules []*Rule
	index := map[*bundles.Rule]int{}
	var recs []Record
	for f, err := range ev.EvalBytes(context.Background(), "inventory.ndjson", slices.Values(docs), bundles.At(bundles.DefaultNow())) {
		if err != nil {
			b.Fatal(err)
		}
		if f.Rule == nil {
			continue
		}
		ri, ok := index[f.Rule]
		if !ok {
			ri = len(rules)
			index[f.Rule] = ri
			rules = append(rules, &Rule{Bundle: f.Bundle.ID, ID: f.Rule.ID, Name: f.Rule.Name, Severity: f.Rule.Severity,
				Description: f.Rule.Description, Remediation: f.Rule.Remediation, Compliance: f.Rule.Compliance,
				Logic: f.Rule.Logic, Source: f.Bundle.Source, LogicLine: f.Rule.LogicLine, LogicColumn: f.Rule.LogicColumn})
		}
		rec := Record{RuleIndex: ri, Status: f.Status, Entity: f.ID, Type: f.Type, Evidence: f.Evidence,
			Input: f.Origin.Input, Line: f.Origin.Line, Location: f.Origin.Label()}
		if f.Err != nil {
			rec.Err = f.Err.Error()
		}
		recs = append(recs, rec)
	}
	for i := range recs {
		recs[i].Rule = rules[recs[i].RuleIndex]
	}
	return rules, recs, ndocs
}

func BenchmarkReport(b *testing.B) {
	n := benchFindings(b)
	rules, base, ndocs := realRecords(b)
	var fails int
	for i := range base {
		if base[i].Status == eval.Fail {
			fails++
		}
	}
	b.Logf("%d records from %d documents and %d rules (%d failures), repeated to %d", len(base), ndocs, len(rules), fails, n)
	for _, format := range []string{"json", "text", "sarif", "junit"} {
		b.Run(format, func(b *testing.B) {
			var peak uint64
			cpu0, cpuOK := benchcpu.Process()
			for b.Loop() {
				runtime.GC()
				rep, err := New(format, io.Discard, Options{Rules: rules, SARIFMaxResults: 0})
				if err != nil {
					b.Fatal(err)
				}
				var sum Summary
				var rec Record
				for i := range n {
					// Round k of the base records is the inventory's k-th
					// copy: its documents get new ids and lines.
					k := i / len(base)
					rec = base[i%len(base)]
					if k > 0 {
						rec.Entity += "-" + strconv.Itoa(k)
						rec.Line += k * ndocs
						rec.Location = "inventory.ndjson:" + strconv.Itoa(rec.Line)
					}
					sum.Count(rec.Status, 1)
					if err := rep.Result(&rec); err != nil {
						b.Fatal(err)
					}
					if i%10_000 == 0 {
						peak = max(peak, heapBytes())
					}
				}
				sum.Documents, sum.Evaluated, sum.Rules = n, n, len(rules)
				if err := rep.Finish(&sum); err != nil {
					b.Fatal(err)
				}
				peak = max(peak, heapBytes())
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/finding")
			if cpu1, ok := benchcpu.Process(); ok && cpuOK {
				cpu := cpu1 - cpu0
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/finding")
			}
		})
	}
}
