package eval

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/tidwall/gjson"
)

// vmtNow is the clock of the tests.
var vmtNow = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// vmtRegistry returns the builtin registry plus test functions: a few
// stand-ins for builtins (registered only while package builtin lacks
// them) and functions that exercise the VM's call paths.
func vmtRegistry() *builtin.Registry {
	r := builtin.NewRegistry()
	add := func(f builtin.Func) {
		if _, ok := r.Lookup(f.Name); !ok {
			if err := r.Register(f); err != nil {
				panic(err)
			}
		}
	}
	add(builtin.Func{
		Name: "length", Recv: builtin.Any, Result: builtin.TNumber,
		Impl: func(_ *builtin.Env, recv builtin.Value, _ []builtin.Value) (builtin.Value, error) {
			switch recv.Kind() {
			case builtin.String:
				return builtin.NumberValue(float64(len([]rune(recv.Str())))), nil
			case builtin.Array, builtin.Object:
				n := 0
				recv.JSON().ForEach(func(_, _ gjson.Result) bool { n++; return true })
				return builtin.NumberValue(float64(n)), nil
			}
			return builtin.NumberValue(0), nil
		},
	})
	add(builtin.Func{
		Name: "isEmpty", Recv: builtin.Any, Result: builtin.TBool,
		Impl: func(_ *builtin.Env, recv builtin.Value, _ []builtin.Value) (builtin.Value, error) {
			switch recv.Kind() {
			case builtin.Missing, builtin.Null:
				return builtin.BoolValue(true), nil
			case builtin.String:
				return builtin.BoolValue(recv.Str() == ""), nil
			case builtin.Array, builtin.Object:
				n := 0
				recv.JSON().ForEach(func(_, _ gjson.Result) bool { n++; return false })
				return builtin.BoolValue(n == 0), nil
			}
			return builtin.BoolValue(false), nil
		},
	})
	// vmtFail fails when its receiver is the string "boom".
	add(builtin.Func{
		Name: "vmtFail", Recv: builtin.Any, Result: builtin.TBool,
		Impl: func(_ *builtin.Env, recv builtin.Value, _ []builtin.Value) (builtin.Value, error) {
			if recv.Kind() == builtin.String && recv.Str() == "boom" {
				return builtin.Value{}, errors.New("cannot handle boom")
			}
			return builtin.BoolValue(true), nil
		},
	})
	// vmtAdd adds its number argument to its receiver; its check refuses
	// a literal 13.
	add(builtin.Func{
		Name: "vmtAdd", Recv: builtin.TNumber, Result: builtin.TNumber,
		Params: []builtin.Param{{Name: "n", Type: builtin.TNumber}},
		Check: func(consts []builtin.Value) error {
			if consts[0].Kind() == builtin.Number && consts[0].Num() == 13 {
				return fmt.Errorf("13 is unlucky")
			}
			return nil
		},
		Impl: func(_ *builtin.Env, recv builtin.Value, args []builtin.Value) (builtin.Value, error) {
			return builtin.NumberValue(recv.Num() + args[0].Num()), nil
		},
	})
	// vmtYear returns the year of the evaluation clock.
	add(builtin.Func{
		Name: "vmtYear", Recv: builtin.Any, Result: builtin.TNumber,
		Impl: func(env *builtin.Env, _ builtin.Value, _ []builtin.Value) (builtin.Value, error) {
			return builtin.NumberValue(float64(env.Now.Year())), nil
		},
	})
	// vmtConcat joins its receiver and its string argument.
	add(builtin.Func{
		Name: "vmtConcat", Recv: builtin.TString, Result: builtin.TString,
		Params: []builtin.Param{{Name: "s", Type: builtin.TString}},
		Impl: func(_ *builtin.Env, recv builtin.Value, args []builtin.Value) (builtin.Value, error) {
			return builtin.StringValue(recv.Str() + args[0].Str()), nil
		},
	})
	return r
}

// vmtOptions are the options of the tests.
func vmtOptions() *Options {
	return &Options{Now: vmtNow, Functions: vmtRegistry()}
}

// vmtCompile compiles src with the test options or fails the test.
func vmtCompile(t testing.TB, src string) *Program {
	t.Helper()
	p, err := Compile(src, vmtOptions())
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return p
}

// vmtStatusModes evaluates p over doc in every way the package offers and
// checks that they agree: Eval (shallow path table, lazy raw reads), a
// full path table through a RuleSet, pure raw reads, and the recording run
// of Explain.
// It returns the result of Eval.
func vmtStatusModes(t *testing.T, p *Program, doc []byte) Result {
	t.Helper()
	r := p.Eval(doc)

	d, err := NewDocument(doc)
	if err != nil {
		if r.Status != Error {
			t.Errorf("NewDocument error %v, Eval gave %v", err, r)
		}
		return r
	}
	rs := NewRuleSet([]*Program{p}, &Options{Now: vmtNow, StepBudget: p.set.budget})
	if !p.IsList() {
		var viaSet Result
		calls := 0
		if err := rs.EvalDoc(doc, func(_ int, res Result) { viaSet = res; calls++ }); err != nil {
			t.Errorf("EvalDoc: %v", err)
		}
		if calls != 1 {
			t.Errorf("EvalDoc called emit %d times", calls)
		}
		if viaSet.Status != r.Status {
			t.Errorf("RuleSet (full path table) gave %v, Eval gave %v", viaSet, r)
		}
		// Verdicts only: the same status, called back only when the rule
		// applies.
		fast := NewRuleSet([]*Program{p}, &Options{Now: vmtNow, StepBudget: p.set.budget, NoEvidence: true, OnlyApplicable: true})
		calls, viaFast := 0, Result{Status: Skip}
		if err := fast.EvalDoc(doc, func(_ int, res Result) { viaFast = res; calls++ }); err != nil {
			t.Errorf("EvalDoc (OnlyApplicable): %v", err)
		}
		if calls > 1 || viaFast.Status != r.Status || viaFast.Evidence != nil {
			t.Errorf("RuleSet (OnlyApplicable, NoEvidence) gave %v in %d calls, Eval gave %v", viaFast, calls, r)
		}
	} else if b := rs.byType[d.typ]; b != nil {
		// EvalDoc leaves List<> rules to Lists: run the table directly.
		m := getMachine()
		if !m.startDocument(b.layout, d) {
			t.Errorf("building the path table panicked")
		}
		m.offs = b.layout.offs[0]
		viaSet := runRule(m, p, rs.set.at())
		putMachine(m)
		if viaSet.Status != r.Status {
			t.Errorf("full path table gave %v, Eval gave %v", viaSet, r)
		}
	}

	if p.target == "" || d.typ == p.target {
		m := getMachine()
		m.env = builtin.Env{Now: p.set.at().now}
		st, _ := m.run(p, builtin.FromJSON(d.root), 0, p.set.budget)
		putMachine(m)
		if st != r.Status {
			t.Errorf("raw reads gave %v, Eval gave %v", st, r)
		}
	}
	tr := p.ExplainDocument(d)
	if tr.Status != r.Status {
		t.Errorf("Explain gave %v, Eval gave %v\n%s", tr.Status, r, tr)
	}
	return r
}
