package eval

import (
	"errors"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/builtin"
)

// boomImpl panics when its receiver is the string "boom".
func boomImpl(_ *builtin.Env, recv builtin.Value, _ []builtin.Value) (builtin.Value, error) {
	if recv.Kind() == builtin.String && recv.Str() == "boom" {
		panic("vmtPanic met boom")
	}
	return builtin.BoolValue(true), nil
}

// rescueOptions are the test options plus vmtPanic, a function that panics
// when its receiver is the string "boom". Registry.Register turns the panic
// of an embedder's function into its error, so the registered Impl is then
// replaced by boomImpl itself: the panic reaches the VM, as one of the
// evaluator's own would, and the tests below see how it is contained.
func rescueOptions(t *testing.T, noEvidence bool) *Options {
	t.Helper()
	r := vmtRegistry()
	if err := r.Register(builtin.Func{Name: "vmtPanic", Recv: builtin.Any, Result: builtin.TBool, Impl: boomImpl}); err != nil {
		t.Fatal(err)
	}
	f, _ := r.Lookup("vmtPanic")
	f.Impl = boomImpl
	return &Options{Now: vmtNow, Functions: r, NoEvidence: noEvidence, OnlyApplicable: noEvidence}
}

// TestCustomFunctionPanics checks that the panic of a function an embedder
// registered fails the rule with ErrFunction, naming the function and the
// panic, not with ErrInternal: the fault is the function's.
func TestCustomFunctionPanics(t *testing.T) {
	r := vmtRegistry()
	if err := r.Register(builtin.Func{Name: "vmtPanic", Recv: builtin.Any, Result: builtin.TBool, Impl: boomImpl}); err != nil {
		t.Fatal(err)
	}
	for _, noEvidence := range []bool{false, true} {
		opts := &Options{Now: vmtNow, Functions: r, NoEvidence: noEvidence}
		p, err := Compile(`T should have x vmtPanic()`, opts)
		if err != nil {
			t.Fatal(err)
		}
		res := p.Eval([]byte(`{"type":"T","x":"boom"}`))
		if res.Status != Error || !errors.Is(res.Err, ErrFunction) || errors.Is(res.Err, ErrInternal) ||
			!strings.Contains(res.Err.Error(), "vmtPanic(): panicked: vmtPanic met boom") {
			t.Errorf("noEvidence=%v: %v (%v), want an ErrFunction naming vmtPanic and the panic", noEvidence, res.Status, res.Err)
		}
		if res := p.Eval([]byte(`{"type":"T","x":"fine"}`)); res.Status != Pass {
			t.Errorf("noEvidence=%v: %v (%v) after the panic, want pass", noEvidence, res.Status, res.Err)
		}
	}
}

// TestRuleSetPanickingFunction checks that a custom function that panics
// makes an Error of the rule that called it, and of no other rule of the
// document, nor of the next documents.
func TestRuleSetPanickingFunction(t *testing.T) {
	for _, noEvidence := range []bool{false, true} {
		opts := rescueOptions(t, noEvidence)
		var progs []*Program
		for _, src := range []string{
			`T should have a = 1`,
			`T should have x vmtPanic()`,
			`T should have xs contain-all [name vmtPanic()]`,
			`T should have a = 2`,
			`T should have xs contain [name = 'boom']`,
		} {
			p, err := Compile(src, opts)
			if err != nil {
				t.Fatalf("Compile(%q): %v", src, err)
			}
			progs = append(progs, p)
		}
		rs := NewRuleSet(progs, opts)
		for _, tc := range []struct {
			doc  string
			want []Status
		}{
			{`{"type":"T","a":1,"x":"boom","xs":[{"name":"a"},{"name":"boom"}]}`, []Status{Pass, Error, Error, Fail, Pass}},
			{`{"type":"T","a":2,"x":"ok","xs":[{"name":"a"}]}`, []Status{Fail, Pass, Pass, Pass, Fail}},
			{`{"type":"T","a":1,"x":"boom","xs":[]}`, []Status{Pass, Error, Pass, Fail, Fail}},
		} {
			got := make([]Status, len(progs))
			calls := 0
			err := rs.EvalDoc([]byte(tc.doc), func(i int, r Result) {
				calls++
				got[i] = r.Status
				if r.Status == Error && !errors.Is(r.Err, ErrInternal) {
					t.Errorf("noEvidence=%v %s: rule %d: error %v, want ErrInternal", noEvidence, tc.doc, i, r.Err)
				}
			})
			if err != nil {
				t.Fatalf("EvalDoc(%s): %v", tc.doc, err)
			}
			if calls != len(progs) {
				t.Errorf("noEvidence=%v %s: %d results, want %d", noEvidence, tc.doc, calls, len(progs))
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("noEvidence=%v %s: rule %d is %v, want %v", noEvidence, tc.doc, i, got[i], tc.want[i])
				}
			}
		}
	}
}

// TestRuleSetEmitPanics checks that a panic in the caller's emit
// function is not taken for a rule's: it reaches the caller.
func TestRuleSetEmitPanics(t *testing.T) {
	opts := rescueOptions(t, true)
	p, err := Compile(`T should have a = 1`, opts)
	if err != nil {
		t.Fatal(err)
	}
	rs := NewRuleSet([]*Program{p, p}, opts)
	calls := 0
	defer func() {
		if r := recover(); r != "emit" {
			t.Errorf("recovered %v, want the panic of emit", r)
		}
		if calls != 1 {
			t.Errorf("emit called %d times, want 1", calls)
		}
	}()
	_ = rs.EvalDoc([]byte(`{"type":"T","a":1}`), func(int, Result) {
		calls++
		panic("emit")
	})
	t.Error("EvalDoc returned")
}

// TestExplainPanickingFunction checks that Explain of a rule whose custom
// function panics returns a trace with an Error status, not nil.
func TestExplainPanickingFunction(t *testing.T) {
	p, err := Compile(`T should have x vmtPanic()`, rescueOptions(t, false))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := p.Explain([]byte(`{"type":"T","x":"boom"}`))
	if err != nil {
		t.Fatal(err)
	}
	if tr == nil || tr.Status != Error || !errors.Is(tr.Err, ErrInternal) || len(tr.Evidence) == 0 {
		t.Fatalf("trace %+v", tr)
	}
	if r := p.Eval([]byte(`{"type":"T","x":"boom"}`)); r.Status != Error || len(r.Evidence) == 0 {
		t.Fatalf("Eval: %+v", r)
	}
}
