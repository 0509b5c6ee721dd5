// Package benchcpu lets benchmarks report the CPU time of their thread next
// to wall time. On a shared machine wall time swings with the load while
// the thread's CPU time barely moves, so the project's benchmarks report
// both.
package benchcpu

import (
	"runtime"
	"testing"
)

// Loop runs f under b.Loop and, where the platform can measure it (Linux),
// reports the CPU time per op of the benchmark's thread as "cpu-ns/op".
func Loop(b *testing.B, f func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start, ok := threadCPU()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	if end, ok2 := threadCPU(); ok && ok2 && n > 0 {
		b.ReportMetric(float64(end-start)/float64(n), "cpu-ns/op")
	}
}
