package lang

import "testing"

func BenchmarkParseCorpus(b *testing.B) {
	rules := loadCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rules {
			Parse(r.Rule)
		}
	}
}
