package bundles

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/lang"
)

// seedFiles adds the package's test files to a fuzz corpus.
func seedFiles(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkErr fails when err is neither nil nor an ErrorList whose entries all
// have a position.
func checkErr(t *testing.T, err error) {
	if err == nil {
		return
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T %v is not an ErrorList", err, err)
	}
	for _, e := range list {
		if e.Line < 1 || e.Column < 1 {
			t.Fatalf("error without a position: %v", e)
		}
	}
}

func FuzzParse(f *testing.F) {
	seedFiles(f, "sample.yaml", "dir/a.yaml")
	f.Add([]byte(header + validRule))
	f.Add([]byte("id: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		timer := time.AfterFunc(3*time.Second, func() { panic(fmt.Sprintf("Parse(%q) hangs", data)) })
		defer timer.Stop()
		b, err := Parse(data, "f.yaml")
		checkErr(t, err)
		if err != nil {
			return
		}
		for i := range b.Rules {
			r := &b.Rules[i]
			step := max(1, len(r.Logic)/32) // FilePos walks from the start: sample offsets
			for off := 0; off <= len(r.Logic); off += step {
				if l, c := r.FilePos(lang.Pos{Offset: off}); l < 1 || c < 1 {
					t.Fatalf("FilePos(%d) = %d:%d", off, l, c)
				}
			}
		}
	})
}

func FuzzParseCases(f *testing.F) {
	seedFiles(f, "tests/sample.yaml")
	f.Add([]byte("cases:\n  - name: a\n    documents:\n      - {type: X, n: 18446744073709551617, a: &x [1], b: *x}\n    expect: {R: pass}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, err := ParseCases(data, "f.yaml")
		checkErr(t, err)
		for _, c := range cases {
			for _, d := range c.Documents {
				if AWS().CheckDocument(d) == nil && len(d) == 0 {
					t.Fatal("empty document")
				}
			}
		}
	})
}

func FuzzParseDome9(f *testing.F) {
	seedFiles(f, "ruleset.json")
	f.Add([]byte(`[{"name":"x","rules":[{"name":"r","logic":"Volume should have encrypted","severity":"low"}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseDome9(data)
		checkErr(t, err)
		if err != nil {
			return
		}
		out, err := b.Dome9JSON()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseDome9(out); err != nil {
			t.Fatalf("export does not re-import: %v\n%s", err, out)
		}
	})
}
