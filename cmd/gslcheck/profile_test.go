package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStartProfile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cpu.prof")
	var stderr strings.Builder
	env := map[string]string{"GSLCHECK_CPUPROFILE": path}
	stop := startProfile(func(k string) string { return env[k] }, &stderr)
	Main([]string{"run", "--no-progress", "--rule", "Instance should have id", "-"}, strings.NewReader(`{"type":"Instance","id":"i-1"}`), &strings.Builder{}, &strings.Builder{})
	stop()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("no profile written: %v", err)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}

	// A profile that cannot be written is said; the run goes on.
	env["GSLCHECK_CPUPROFILE"] = filepath.Join(dir, "missing", "cpu.prof")
	stderr.Reset()
	startProfile(func(k string) string { return env[k] }, &stderr)()
	if got := stderr.String(); !strings.Contains(got, "GSLCHECK_CPUPROFILE: no such file or directory") {
		t.Errorf("stderr = %q, want the reason", got)
	}

	// Unset: nothing.
	stderr.Reset()
	startProfile(func(string) string { return "" }, &stderr)()
	if stderr.Len() > 0 {
		t.Errorf("stderr = %q without GSLCHECK_CPUPROFILE", stderr.String())
	}
}
