package main

import (
	"runtime/debug"
	"testing"
)

// gcSettings reads the GC percent and memory limit without changing them.
func gcSettings() (int, int64) {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestTuneGC(t *testing.T) {
	p0, l0 := gcSettings()
	restore := tuneGC(func(string) string { return "" })
	if p, l := gcSettings(); p != runGCPercent || l != runMemoryLimit {
		t.Errorf("during a run: GC percent %d, limit %d; want %d, %d", p, l, runGCPercent, runMemoryLimit)
	}
	restore()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("after a run: GC percent %d, limit %d; want %d, %d", p, l, p0, l0)
	}
	// The environment's settings win.
	restore = tuneGC(func(k string) string { return map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}[k] })
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("with GOGC and GOMEMLIMIT set: GC percent %d, limit %d; want %d, %d", p, l, p0, l0)
	}
	restore()
}
