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

// BenchmarkDecodeCorpus decodes the encoded tree of every corpus rule that
// parses, once per op: what start-up pays instead of BenchmarkParseCorpus
// for rules shipped pre-parsed.
func BenchmarkDecodeCorpus(b *testing.B) {
	var encoded []string
	for _, r := range loadCorpus(b) {
		if t, err := Parse(r.Rule); err == nil {
			encoded = append(encoded, string(EncodeRule(t)))
		}
	}
	b.ReportAllocs()
	benchcpu.Loop(b, func() {
		for _, data := range encoded {
			if _, err := DecodeRule(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
