package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/builtin"
)

// tableCheck is a rule set of every rule of the semantic table (and the
// Instance rules of the benchmarks), so that the path trie of each entity
// type merges the paths of many rules.
type tableCheck struct {
	rs    *RuleSet
	progs []*Program
	docs  []string
}

func newTableCheck(tb testing.TB) *tableCheck {
	tb.Helper()
	c := &tableCheck{}
	seen := map[string]bool{}
	add := func(rule string) {
		if seen[rule] {
			return
		}
		seen[rule] = true
		p, err := Compile(rule, &Options{Now: refNow})
		if err != nil || p.IsList() {
			return
		}
		c.progs = append(c.progs, p)
	}
	for _, r := range semLoad(tb) {
		if r.Want == "compile-error" || r.List || r.Budget != 0 {
			continue
		}
		add(r.Rule)
		c.docs = append(c.docs, r.Doc)
	}
	for _, r := range instanceRules {
		add(r)
	}
	c.docs = append(c.docs, string(loadInstanceDoc(tb)))
	c.rs = NewRuleSet(c.progs, &Options{Now: refNow})
	return c
}

// check evaluates doc with the rule set, which reads it through the path
// table, and each rule of the document's type again reading every path
// from the raw JSON: the statuses must agree.
func (c *tableCheck) check(t *testing.T, doc string) { checkTable(t, c.rs, c.progs, doc) }

func checkTable(t *testing.T, rs *RuleSet, progs []*Program, doc string) {
	t.Helper()
	got := make([]Status, len(progs))
	if err := rs.EvalDoc([]byte(doc), func(i int, r Result) { got[i] = r.Status }); err != nil {
		return
	}
	d, err := NewDocument([]byte(doc))
	if err != nil {
		t.Fatalf("EvalDoc accepted %q, NewDocument: %v", doc, err)
	}
	for i, p := range progs {
		if p.target != d.typ {
			continue
		}
		m := getMachine()
		m.offs = nil
		m.env = builtin.Env{Now: p.set.at().now}
		want, _ := m.run(p, builtin.FromJSON(d.root), 0, p.set.budget)
		putMachine(m)
		if got[i] != want {
			if len(doc) > 300 {
				doc = doc[:300] + "..."
			}
			t.Fatalf("rule %s\ndoc %s\nthrough the table: %v, from raw JSON: %v", p.rule.Source, doc, got[i], want)
		}
	}
}

// TestTableFull checks a document with more values than a table holds:
// loops that reach the end of what the table recorded go on in the raw
// JSON, and give the results of reading it all raw.
func TestTableFull(t *testing.T) {
	n := maxTableEntries/3 + 100
	var b strings.Builder
	b.WriteString(`{"type":"T","xs":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"a":%d,"b":[%d,"x"],"c":{"d":%d}}`, i, i%7, i%3)
	}
	b.WriteString(`],"ys":[1,2,3]}`)
	doc := b.String()
	rules := []string{
		`T should have xs contain [a = 3]`,
		`T should have xs contain-all [a >= 0 and c.d < 3]`,
		fmt.Sprintf(`T should have xs contain [a = %d]`, n-1),
		`T should not have xs contain [a = -1]`,
		`T should have xs contain [b contain [$ = 6] and a > 100000]`,
		`T should have xs contain-all [b contain [$ = 'x']]`,
		`T should have ys contain [$ = 3]`,
	}
	for _, all := range []bool{true, false} {
		progs := make([]*Program, len(rules))
		for i, r := range rules {
			progs[i] = vmtCompile(t, r)
		}
		if !all {
			progs = progs[:1] // one rule that stops early, and nothing else
		}
		checkTable(t, NewRuleSet(progs, nil), progs, doc)
	}
	if n*3 <= maxTableEntries {
		t.Fatal("the document should fill the table")
	}
}

// TestTableMatchesRawReads checks, over every document of the semantic
// table, that reading paths through a merged path table gives each rule
// the result it gets reading the raw JSON.
func TestTableMatchesRawReads(t *testing.T) {
	c := newTableCheck(t)
	if len(c.progs) < 100 {
		t.Fatalf("only %d rules", len(c.progs))
	}
	for _, doc := range c.docs {
		c.check(t, doc)
	}
}

// FuzzTableMatchesRawReads is TestTableMatchesRawReads over any document.
func FuzzTableMatchesRawReads(f *testing.F) {
	c := newTableCheck(f)
	for _, doc := range c.docs {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) { c.check(t, doc) })
}
