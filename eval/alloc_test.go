package eval

import "testing"

// TestPassingAllocatesNothing guards the hot path: a passing evaluation,
// of one program or of a rule set, makes no allocation.
func TestPassingAllocatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts are not short")
	}
	if raceEnabled {
		t.Skip("allocation counts do not hold under the race detector")
	}
	doc := loadInstanceDoc(t)
	d, err := NewDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{typicalRule, issueRule} {
		p := vmtCompile(t, src)
		if r := p.EvalDocument(d); r.Status != Pass {
			t.Fatalf("%s: %v", src, r)
		}
		if n := testing.AllocsPerRun(200, func() { p.EvalDocument(d) }); n != 0 {
			t.Errorf("%s: Program.EvalDocument: %v allocations per run", src, n)
		}
		if n := testing.AllocsPerRun(200, func() { p.Eval(doc) }); n != 0 {
			t.Errorf("%s: Program.Eval: %v allocations per run", src, n)
		}
	}

	var passing []*Program
	for _, src := range instanceRules {
		q := vmtCompile(t, src)
		if q.Eval(doc).Status == Pass {
			passing = append(passing, q)
		}
	}
	if len(passing) < 15 {
		t.Fatalf("only %d instance rules pass", len(passing))
	}
	rs := NewRuleSet(passing, nil)
	emit := func(int, Result) {}
	if n := testing.AllocsPerRun(200, func() { rs.EvalDoc(doc, emit) }); n != 0 {
		t.Errorf("RuleSet.EvalDoc of %d passing rules: %v allocations per run", len(passing), n)
	}
}
