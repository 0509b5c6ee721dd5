package report

// Benchmarks of the run reports over many findings. The number of
// records is GSL_BENCH_FINDINGS (default 100,000): each is a failure of
// one of 150 rules, with one piece of evidence, on its own document.
//
//	GSL_BENCH_FINDINGS=1000000 go test ./report -run '^$' -bench Report -benchtime=1x
//
// peak-heap-MB is the most heap (live and garbage) seen while the report
// was written, sampled every 10,000 records and after finish; cpu-ns is
// the process's CPU time (GC included), steadier than the wall clock on a
// shared machine.

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"testing"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/benchcpu"
	"github.com/gsl-lang/gsl/lang"
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

func BenchmarkReport(b *testing.B) {
	n := benchFindings(b)
	rules := make([]*Rule, 150)
	for i := range rules {
		rules[i] = &Rule{
			Bundle: "bench", ID: fmt.Sprintf("BENCH-%03d", i), Name: fmt.Sprintf("Rule %d holds", i),
			Severity: bundles.Severities()[1+i%4], Description: "d", Remediation: "r", Logic: "Volume should have encrypted = true",
			Source: "bundles/bench/bundle.yaml", LogicLine: 10 + i,
		}
	}
	span := lang.Span{Start: lang.Pos{Line: 1, Column: 20}, End: lang.Pos{Line: 1, Column: 36}}
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
					ri := (i * 7) % len(rules)
					rec = Record{
						Rule: rules[ri], RuleIndex: ri, Status: eval.Fail,
						Entity: fmt.Sprintf("vol-%017x", i), Type: "Volume",
						Evidence: []eval.Evidence{{Path: "encrypted", Value: "false", Span: span}},
						Input:    "inventory.ndjson", Line: i + 1, Col: 1, Location: "inventory.ndjson:" + strconv.Itoa(i+1),
					}
					sum.Count(eval.Fail, 1)
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
