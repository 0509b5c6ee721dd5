package eval

import (
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
func (c *tableCheck) check(t *testing.T, doc string) {
	got := make([]Status, len(c.progs))
	if err := c.rs.EvalDoc([]byte(doc), func(i int, r Result) { got[i] = r.Status }); err != nil {
		return
	}
	d, err := NewDocument([]byte(doc))
	if err != nil {
		t.Fatalf("EvalDoc accepted %q, NewDocument: %v", doc, err)
	}
	for i, p := range c.progs {
		if p.target != d.typ {
			continue
		}
		m := getMachine()
		m.offs = nil
		m.env = builtin.Env{Now: p.set.now}
		want, _ := m.run(p, builtin.FromJSON(d.root), 0, p.set.budget)
		putMachine(m)
		if got[i] != want {
			t.Fatalf("rule %s\ndoc %s\nthrough the table: %v, from raw JSON: %v", p.rule.Source, doc, got[i], want)
		}
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
