package eval

import (
	"errors"
	"testing"
	"time"
)

// setWallClock makes the wall clock read t until the test ends.
func setWallClock(t *testing.T, at *time.Time) {
	t.Helper()
	old := wallClock
	wallClock = func() time.Time { return *at }
	t.Cleanup(func() { wallClock = old })
}

var (
	clock2020 = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	clock2031 = time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
)

// clockRule passes while the wall clock is before 2030 and fails after.
const (
	clockRule     = `T should have d after(0, 'days')`
	clockListRule = `List<T> should have items contain-all [d after(0, 'days')]`
	clockDoc      = `{"type":"T","id":"t1","d":"2030-01-01T00:00:00Z"}`
)

// TestClockReadAtEvaluation pins that a rule compiled without a clock reads
// the wall clock when it is evaluated, not when it was compiled: a
// long-running service that compiles once must not judge with a stale date.
func TestClockReadAtEvaluation(t *testing.T) {
	now := clock2020
	setWallClock(t, &now)
	p := vmtCompileOpts(t, clockRule, nil)
	lp := vmtCompileOpts(t, clockListRule, nil)
	rs := NewRuleSet([]*Program{p, lp}, nil)
	if got := p.Eval([]byte(clockDoc)).Status; got != Pass {
		t.Fatalf("in 2020: Program.Eval gave %v, want pass", got)
	}
	now = clock2031

	if got := p.Eval([]byte(clockDoc)).Status; got != Fail {
		t.Errorf("Program.Eval in 2031 gave %v, want fail (clock frozen at compile time?)", got)
	}
	d, err := NewDocument([]byte(clockDoc))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.EvalDocument(d).Status; got != Fail {
		t.Errorf("Program.EvalDocument in 2031 gave %v, want fail", got)
	}
	if got := p.ExplainDocument(d).Status; got != Fail {
		t.Errorf("Program.ExplainDocument in 2031 gave %v, want fail", got)
	}
	var got Status
	if err := rs.EvalDoc([]byte(clockDoc), func(i int, r Result) {
		if i == 0 {
			got = r.Status
		}
	}); err != nil {
		t.Fatal(err)
	}
	if got != Fail {
		t.Errorf("RuleSet.EvalDoc in 2031 gave %v, want fail", got)
	}
	lists := rs.NewLists()
	lists.Add([]byte(clockDoc))
	got = Skip
	lists.Eval(func(i int, _ string, r Result) { got = r.Status })
	if got != Fail {
		t.Errorf("Lists.Eval in 2031 gave %v, want fail", got)
	}

	// With gives one evaluation its own clock, and leaves rs alone.
	past := rs.With(&Options{Now: clock2020})
	got = Skip
	if err := past.EvalDoc([]byte(clockDoc), func(i int, r Result) {
		if i == 0 {
			got = r.Status
		}
	}); err != nil {
		t.Fatal(err)
	}
	if got != Pass {
		t.Errorf("RuleSet.With(Now 2020).EvalDoc gave %v, want pass", got)
	}
	lists = past.NewLists()
	lists.Add([]byte(clockDoc))
	got = Skip
	lists.Eval(func(i int, _ string, r Result) { got = r.Status })
	if got != Pass {
		t.Errorf("RuleSet.With(Now 2020) Lists.Eval gave %v, want pass", got)
	}
}

// TestClockNotReplaced pins that a clock given to Compile is not silently
// replaced by NewRuleSet's: a set without a clock uses its programs', and
// two different clocks are an error on every result, not a silent choice.
func TestClockNotReplaced(t *testing.T) {
	now := clock2031
	setWallClock(t, &now)
	in2020 := vmtCompileOpts(t, clockRule, &Options{Now: clock2020})
	alsoIn2020 := vmtCompileOpts(t, clockListRule, &Options{Now: clock2020})
	in2031 := vmtCompileOpts(t, clockRule, &Options{Now: clock2031})
	noClock := vmtCompileOpts(t, clockRule, nil)

	for _, tc := range []struct {
		name  string
		progs []*Program
		opts  *Options
		want  []Status // per program; the list rule's result last
		clash bool
	}{
		{"compiled clock kept", []*Program{in2020, alsoIn2020}, nil, []Status{Pass, Pass}, false},
		{"compiled clock shared with one without", []*Program{noClock, in2020}, nil, []Status{Pass, Pass}, false},
		{"same clock twice", []*Program{in2020, alsoIn2020}, &Options{Now: clock2020}, []Status{Pass, Pass}, false},
		{"set clock for programs without one", []*Program{noClock}, &Options{Now: clock2020}, []Status{Pass}, false},
		{"wall clock", []*Program{noClock}, nil, []Status{Fail}, false},
		{"set and program disagree", []*Program{in2020, alsoIn2020}, &Options{Now: clock2031}, []Status{Error, Error}, true},
		{"programs disagree", []*Program{in2020, in2031, alsoIn2020}, nil, []Status{Error, Error, Error}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := NewRuleSet(tc.progs, tc.opts)
			got := make([]Status, len(tc.progs))
			for i := range got {
				got[i] = Skip
			}
			check := func(r Result) {
				if (r.Status == Error) != tc.clash || tc.clash && !errors.Is(r.Err, ErrClockConflict) {
					t.Errorf("result %v (err %v), want a clock conflict: %v", r.Status, r.Err, tc.clash)
				}
			}
			if err := rs.EvalDoc([]byte(clockDoc), func(i int, r Result) { got[i] = r.Status; check(r) }); err != nil {
				t.Fatal(err)
			}
			lists := rs.NewLists()
			lists.Add([]byte(clockDoc))
			lists.Eval(func(i int, _ string, r Result) { got[i] = r.Status; check(r) })
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("rule %d: %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// vmtCompileOpts compiles src with opts or fails the test.
func vmtCompileOpts(t testing.TB, src string, opts *Options) *Program {
	t.Helper()
	p, err := Compile(src, opts)
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return p
}
