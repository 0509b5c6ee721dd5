package eval

import (
	"os"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/benchcpu"
)

const typicalRule = `Instance where tags contain [key='contains_phi' and value='true'] should have volumes contain-all [encrypted=true] and isRunning=true`

// issueRule is the rule shape the speed target names: three clauses, one
// array operator. typicalRule is heavier (two array operators, one of them
// over the document's last member).
const issueRule = `Instance where isRunning = true should have volumes contain-all [encrypted = true] and metadataOptions.httpTokens = 'required'`

func loadInstanceDoc(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/instance.json")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustCompileBench(tb testing.TB, src string) *Program {
	tb.Helper()
	p, err := Compile(src, nil)
	if err != nil {
		tb.Fatalf("%s: %v", src, err)
	}
	return p
}

// BenchmarkTypicalRule measures one three-clause rule with array operators
// over a 2 KB Instance document.
func BenchmarkTypicalRule(b *testing.B) {
	doc := loadInstanceDoc(b)
	p := mustCompileBench(b, typicalRule)
	d, err := NewDocument(doc)
	if err != nil {
		b.Fatal(err)
	}
	if r := p.EvalDocument(d); r.Status != Pass {
		b.Fatalf("want pass, got %v", r)
	}
	b.Run("EvalDocument", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() { p.EvalDocument(d) })
	})
	b.Run("Eval", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		benchcpu.Loop(b, func() { p.Eval(doc) })
	})
	b.Run("raw-gjson", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() {
			m := getMachine()
			m.env = builtin.Env{Now: p.set.at().now}
			m.offs = nil
			m.run(p, builtin.FromJSON(d.root), 0, p.set.budget)
			putMachine(m)
		})
	})
	b.Run("NewDocument", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		var buf []member
		benchcpu.Loop(b, func() {
			var d Document
			d.init(doc, DefaultMaxDocumentSize, DefaultMaxDepth, buf)
			buf = d.members
		})
	})
}

// BenchmarkIssueRule measures the target's rule shape (three clauses, one
// array operator) over the same 2 KB document, prepared once.
func BenchmarkIssueRule(b *testing.B) {
	doc := loadInstanceDoc(b)
	p := mustCompileBench(b, issueRule)
	d, err := NewDocument(doc)
	if err != nil {
		b.Fatal(err)
	}
	if r := p.EvalDocument(d); r.Status != Pass {
		b.Fatalf("want pass, got %v", r)
	}
	b.Run("EvalDocument", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() { p.EvalDocument(d) })
	})
	b.Run("Eval", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		benchcpu.Loop(b, func() { p.Eval(doc) })
	})
}

// BenchmarkRuleSet measures twenty Instance rules over one document: the
// rule set's one pass against each program on its own.
func BenchmarkRuleSet(b *testing.B) {
	doc := loadInstanceDoc(b)
	progs := make([]*Program, len(instanceRules))
	for i, r := range instanceRules {
		progs[i] = mustCompileBench(b, r)
	}
	d, err := NewDocument(doc)
	if err != nil {
		b.Fatal(err)
	}
	rs := NewRuleSet(progs, nil)
	emit := func(int, Result) {}
	var passing []*Program
	for _, p := range progs {
		if p.EvalDocument(d).Status != Fail {
			passing = append(passing, p)
		}
	}
	rsPass := NewRuleSet(passing, nil)
	b.Run("passing/RuleSet.EvalDocument", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() { rsPass.EvalDocument(d, emit) })
	})
	b.Run("passing/per-path-gjson", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() {
			m := getMachine()
			for _, p := range passing {
				m.offs = nil
				m.env = builtin.Env{Now: p.set.at().now}
				m.run(p, builtin.FromJSON(d.root), 0, p.set.budget)
			}
			putMachine(m)
		})
	})
	b.Run("RuleSet.EvalDoc", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		benchcpu.Loop(b, func() { rs.EvalDoc(doc, emit) })
	})
	b.Run("RuleSet.EvalDocument", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() { rs.EvalDocument(d, emit) })
	})
	b.Run("Program.EvalDocument", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() {
			for _, p := range progs {
				p.EvalDocument(d)
			}
		})
	})
	// Each program reading every path with gjson from the document bytes:
	// what a rule engine without a path table does.
	b.Run("per-path-gjson", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() {
			m := getMachine()
			for _, p := range progs {
				m.offs = nil
				m.env = builtin.Env{Now: p.set.at().now}
				m.run(p, builtin.FromJSON(d.root), 0, p.set.budget)
			}
			putMachine(m)
		})
	})
}

// BenchmarkCompile measures parsing and compiling the typical rule.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(typicalRule, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExplain measures the recording mode that builds the evidence of
// a failure, and a full trace.
func BenchmarkExplain(b *testing.B) {
	doc := loadInstanceDoc(b)
	p := mustCompileBench(b, `Instance should have volumes contain-all [encrypted = false] and isRunning = true`)
	d, err := NewDocument(doc)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fail-with-evidence", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() { p.EvalDocument(d) })
	})
	b.Run("trace", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Loop(b, func() { p.ExplainDocument(d) })
	})
}

// BenchmarkGJSONReference gives this machine's speed of light for the
// typical rule's document: one validation pass, and one gjson.Get of the
// last top-level key.
func BenchmarkGJSONReference(b *testing.B) {
	doc := loadInstanceDoc(b)
	s := string(doc)
	b.Run("Valid", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		benchcpu.Loop(b, func() { gjson.Valid(s) })
	})
	b.Run("Get-tags", func(b *testing.B) {
		benchcpu.Loop(b, func() { gjson.Get(s, "tags") })
	})
}
