package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
)

// TestCompileUsesPreparsedTree checks that run compiles a shipped rule
// from the syntax tree pre-parsed at build time rather than parsing its
// Logic again (parsing was a third of start-up): measured by allocations,
// which decoding a tree makes several times fewer of than parsing.
func TestCompileUsesPreparsedTree(t *testing.T) {
	b, err := bundles.Load("hipaa")
	if err != nil {
		t.Fatal(err)
	}
	var pre, parsed float64
	for i := range b.Rules {
		m := metaOf(b, &b.Rules[i])
		pre += testing.AllocsPerRun(3, func() {
			if _, err := m.compile(nil); err != nil {
				t.Fatal(err)
			}
		})
		parsed += testing.AllocsPerRun(3, func() {
			if _, err := eval.Compile(m.Logic, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("pre-parsed %.0f, parsed %.0f", pre, parsed)
	if pre > parsed*0.7 {
		t.Errorf("compiling the shipped rules took %.0f allocations, parsing them too %.0f: the pre-parsed trees are not used", pre, parsed)
	}
}

// BenchmarkRunStartup runs `gslcheck run` in process with every shipped
// bundle over a one-document input: the start-up of a short-lived run
// (loading and compiling the bundles, kong, the report). The wall time of
// the binary itself is measured by bench/cmd/startup.
func BenchmarkRunStartup(b *testing.B) {
	in := filepath.Join(b.TempDir(), "tiny.ndjson")
	if err := os.WriteFile(in, []byte(`{"type":"Instance","id":"i-1"}`+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	args := []string{"run", "--no-progress", "-o", os.DevNull, "--now", "2026-06-15T00:00:00Z", in}
	for _, id := range bundles.Names() {
		args = append(args, "-b", id)
	}
	for b.Loop() {
		if code := Main(args, nil, io.Discard, io.Discard); code != exitFindings && code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
