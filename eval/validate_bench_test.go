package eval

// Benchmarks of the one-pass validator against gjson.Valid over a generated
// inventory (internal/invgen): compact single-line documents as the
// generator writes them, and the same documents indented, so that
// whitespace-heavy input is measured too.
//
//	go test ./eval -run '^$' -bench Validate -count 5

import (
	"bytes"
	"encoding/json"
	"sync"
	"testing"

	"github.com/gsl-lang/gsl/internal/invgen"
	"github.com/tidwall/gjson"
)

// docSets holds the benchmark documents, compact and indented.
type docSets struct{ compact, indented []string }

var validateDocs = sync.OnceValues(func() (docSets, error) {
	var ds docSets
	docs, err := invgen.Generate(invgen.Config{N: 3000, Seed: 1, FailRatio: invgen.DefaultFailRatio})
	if err != nil {
		return ds, err
	}
	var buf bytes.Buffer
	for _, d := range docs {
		buf.Reset()
		if err := json.Indent(&buf, d, "", "  "); err != nil {
			return ds, err
		}
		ds.compact = append(ds.compact, string(d))
		ds.indented = append(ds.indented, buf.String())
	}
	return ds, nil
})

func BenchmarkValidate(b *testing.B) {
	ds, err := validateDocs()
	if err != nil {
		b.Fatal(err)
	}
	for _, set := range []struct {
		name string
		docs []string
	}{{"compact", ds.compact}, {"indented", ds.indented}} {
		n := 0
		for _, d := range set.docs {
			n += len(d)
		}
		b.Run("validateTop/"+set.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			buf := make([]member, 0, 64)
			for b.Loop() {
				for _, d := range set.docs {
					var err error
					if buf, _, err = validateTop(d, DefaultMaxDepth, buf[:0]); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run("gjson.Valid/"+set.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				for _, d := range set.docs {
					if !gjson.Valid(d) {
						b.Fatal("invalid document")
					}
				}
			}
		})
	}
}
