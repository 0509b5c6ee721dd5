package lang

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func TestTryCorpus(t *testing.T) {
	f, err := os.Open("../../shared/corpus/gsl-rules.jsonl")
	if err != nil {
		t.Skip(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	ok, n := 0, 0
	for sc.Scan() {
		var rec struct{ Rule string }
		json.Unmarshal(sc.Bytes(), &rec)
		n++
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
	t.Logf("%d/%d", ok, n)
}
