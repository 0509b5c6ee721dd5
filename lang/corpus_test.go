package lang

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type corpusRule struct {
	Rule   string `json:"rule"`
	Entity string `json:"entity"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

// corpusPath is where the shared corpus lives, relative to this package.
var corpusPath = filepath.Join("..", "..", "shared", "corpus", "gsl-rules.jsonl")

// loadCorpus reads the real-rule corpus, skipping the test when it is absent.
func loadCorpus(tb testing.TB) []corpusRule {
	tb.Helper()
	f, err := os.Open(corpusPath)
	if err != nil {
		tb.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	var out []corpusRule
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r corpusRule
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("corpus line %d: %v", len(out)+1, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestCorpus(t *testing.T) {
	rules := loadCorpus(t)
	ok := 0
	for _, rec := range rules {
		r, err := Parse(rec.Rule)
		if err != nil {
			t.Logf("%s\n%s", rec.Rule, err.(ErrorList).Detail())
			continue
		}
		ok++
		f := Format(r)
		r2, err := Parse(f)
		if err != nil {
			t.Errorf("reparse %s: %v", f, err)
			continue
		}
		if Dump(r) != Dump(r2) {
			t.Errorf("roundtrip %s\n%s\n%s", rec.Rule, Dump(r), Dump(r2))
		}
	}
	t.Logf("%d/%d", ok, len(rules))
}
