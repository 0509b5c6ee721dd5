package eval

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tidwall/gjson"
)

// vmtFuzzRules seeds the rule fuzzer: one rule per construct, plus a sample
// of the real corpus when ../shared is present.
func vmtFuzzRules(tb testing.TB) []string {
	rules := []string{
		typicalRule,
		`T should have a = 1 and b != 'x' or not c`,
		`T where xs contain [$ > 1] should not have ys contain-all [a.b like 'x%']`,
		`T should have xs with [a = 1] with [b = 2] contain-single [c regexMatch /^x/i]`,
		`T should have xs with [a = 1] length() > 1 and ys with [b] isEmpty()`,
		`T should have xs groupBy [k] contain [values length() > 1]`,
		`T should have m contain [$ contain [$ in (1, 'a', null, true)]]`,
		`T should have d before(-1, 'days') or d after(1, 'weeks')`,
		`T should have s isPublic() and s numberOfHosts() < 256`,
		`T should have rules allowedHostsForPort(22) = 0`,
		`T where a`,
		`false`,
		`List<T> should have items contain-none [a = 1]`,
	}
	f, err := os.Open(filepath.Join("..", "..", "shared", "corpus", "gsl-rules.jsonl"))
	if err != nil {
		return rules
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		if i%40 != 0 {
			continue
		}
		var line struct{ Rule string }
		if json.Unmarshal(sc.Bytes(), &line) == nil {
			rules = append(rules, line.Rule)
		}
	}
	return rules
}

var vmtFuzzDocs = []string{
	`{"type":"T","a":1,"b":"x","c":false,"xs":[{"a":1,"b":2,"c":"xy","k":"p"},{"a":1,"b":2,"c":"q","k":"p"}],"ys":[{"a":{"b":"xz"}}]}`,
	`{"type":"T","m":[[1,2],["a"],[]],"d":"2025-06-01T00:00:00Z","s":"0.0.0.0/0","rules":[{"port":22,"portTo":22,"protocol":"TCP","scope":"1.2.3.4/32"}]}`,
	`{"type":"T","xs":null,"ys":{"b":1},"a":[1],"d":"x"}`,
	`{"type":"List<T>","id":"*","items":[{"type":"T","a":1}]}`,
	`{"type":"Instance"}`,
}

// FuzzEval runs fuzzed rules over fuzzed documents. Nothing may panic, and
// every way of evaluating must agree: Eval, the rule set's full path table,
// raw reads, and the recording run of Explain.
func FuzzEval(f *testing.F) {
	docs := vmtFuzzDocs
	if b, err := os.ReadFile("testdata/instance.json"); err == nil {
		docs = append(docs, string(b))
	}
	for i, r := range vmtFuzzRules(f) {
		f.Add(r, docs[i%len(docs)])
	}
	// List<> rules that read the virtual entity itself.
	f.Add(`List<T> should have $ length() = 3 and not $ isEmpty()`, `{"type":"List<T>","id":"1","items":[{"a":1}]}`)
	f.Add(`List<T> should have items contain [$.a = 1]`, `{"type":"List<T>","id":"*","items":[{"a":1}]}`)
	f.Fuzz(func(t *testing.T, rule, doc string) {
		p, err := Compile(rule, vmtOptions())
		if err != nil {
			return
		}
		_ = p.Disassemble()
		r := p.Eval([]byte(doc))
		switch r.Status {
		case Pass, Skip:
			if r.Evidence != nil {
				t.Fatalf("evidence on %v", r)
			}
		case Fail, Error:
			if len(r.Evidence) == 0 {
				t.Fatalf("no evidence on %v", r)
			}
		default:
			t.Fatalf("bad status %v", r.Status)
		}
		if _, err := NewDocument([]byte(doc)); err != nil {
			return
		}
		vmtStatusModes(t, p, []byte(doc))
		if tr, err := p.Explain([]byte(doc)); err == nil {
			_ = tr.String()
		}
	})
}

// FuzzDocument checks the document scanner against gjson: no panic on any
// input, the same verdict on validity, the same top-level members, the
// same array elements.
func FuzzDocument(f *testing.F) {
	for _, d := range vmtFuzzDocs {
		f.Add(d)
	}
	for _, d := range []string{``, `{`, `{"type":"T",}`, `{"type":"T","a":"\"}"}`, `{"type":"T","k\u0041":1,"a":{"b":[1,"]",{"c":"}"}]}}`, `[[[`, `{"a":1} {"b":2}`, "{\"type\":\"T\",\"a\":\"\xff\"}"} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		d, err := NewDocument([]byte(doc))
		valid := gjson.Valid(doc)
		if err == nil && !valid {
			t.Fatalf("accepted invalid JSON")
		}
		if err != nil {
			return
		}
		root := gjson.Parse(doc)
		if got, want := d.member("type").Str, root.Get("type").Str; got != want {
			t.Fatalf("type %q, gjson %q", got, want)
		}
		var keys []string
		root.ForEach(func(k, v gjson.Result) bool {
			keys = append(keys, k.Raw)
			return true
		})
		if len(keys) != len(d.members) {
			t.Fatalf("%d members, gjson %d", len(d.members), len(keys))
		}
		for i, m := range d.members {
			if `"`+m.key+`"` != keys[i] {
				t.Fatalf("member %d key %q, gjson %s", i, m.key, keys[i])
			}
			want := root.Get(gjson.Escape(gjson.Parse(keys[i]).Str))
			if got := d.member(gjson.Parse(keys[i]).Str); got.Raw != want.Raw {
				t.Fatalf("member %s = %q, gjson %q", keys[i], got.Raw, want.Raw)
			}
			v := resultOf(m.val)
			if v.IsArray() {
				var raws []string
				v.ForEach(func(_, e gjson.Result) bool { raws = append(raws, e.Raw); return true })
				it := newElements(v)
				n := 0
				for e, ok := it.next(); ok; e, ok = it.next() {
					if n >= len(raws) || e.Raw != raws[n] {
						t.Fatalf("element %d of %s: %q", n, m.val, e.Raw)
					}
					n++
				}
				if n != len(raws) {
					t.Fatalf("%d elements of %s, gjson %d", n, m.val, len(raws))
				}
			}
		}
	})
}
