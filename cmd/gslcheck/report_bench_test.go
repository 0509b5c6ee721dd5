package main

// Benchmarks of the run reports over many findings. The number of
// records is GSL_BENCH_FINDINGS (default 100,000): each is a failure of
// one of 150 rules, with one piece of evidence, on its own document.
//
//	GSL_BENCH_FINDINGS=1000000 go test ./cmd/gslcheck -run '^$' -bench Report -benchtime=1x
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
	rules := make([]*ruleMeta, 150)
	for i := range rules {
		rules[i] = &ruleMeta{
			Bundle: "bench", ID: fmt.Sprintf("BENCH-%03d", i), Name: fmt.Sprintf("Rule %d holds", i),
			Severity: bundles.Severities[1+i%4], Description: "d", Remediation: "r", Logic: "Volume should have encrypted = true",
			Source: "bundles/bench/bundle.yaml", LogicLine: 10 + i,
		}
	}
	span := lang.Span{Start: lang.Pos{Line: 1, Column: 20}, End: lang.Pos{Line: 1, Column: 36}}
	for _, format := range []string{"json", "text", "sarif", "junit"} {
		b.Run(format, func(b *testing.B) {
			var peak uint64
			cpu0 := processCPU()
			for b.Loop() {
				runtime.GC()
				rep, err := newReporter(format, reportOptions{w: io.Discard, rules: rules, style: &style{}, sarifMax: 0})
				if err != nil {
					b.Fatal(err)
				}
				var sum summary
				var rec record
				for i := range n {
					ri := (i * 7) % len(rules)
					rec = record{
						rule: rules[ri], ruleIdx: ri, status: eval.Fail,
						entity: fmt.Sprintf("vol-%017x", i), typ: "Volume",
						evidence: []eval.Evidence{{Path: "encrypted", Value: "false", Span: span}},
						input:    "inventory.ndjson", line: i + 1, col: 1, location: "inventory.ndjson:" + strconv.Itoa(i+1),
					}
					sum.count(eval.Fail, 1)
					if err := rep.result(&rec); err != nil {
						b.Fatal(err)
					}
					if i%10_000 == 0 {
						peak = max(peak, heapBytes())
					}
				}
				sum.Documents, sum.Evaluated, sum.Rules = n, n, len(rules)
				if err := rep.finish(&sum); err != nil {
					b.Fatal(err)
				}
				peak = max(peak, heapBytes())
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/finding")
			if cpu := processCPU() - cpu0; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/finding")
			}
		})
	}
}
