package lang

import (
	"testing"

	"github.com/gsl-lang/gsl/internal/benchcpu"
)

// BenchmarkParseCorpus parses every rule of the shared corpus once per op.
// Besides wall time it reports the CPU time of the benchmark's thread as
// cpu-ns/op (on Linux), which a busy machine disturbs far less; compare runs
// with -cpu 1 -count 5.
func BenchmarkParseCorpus(b *testing.B) {
	rules := loadCorpus(b)
	b.ReportAllocs()
	benchcpu.Loop(b, func() {
		for _, r := range rules {
			Parse(r.Rule)
		}
	})
}
