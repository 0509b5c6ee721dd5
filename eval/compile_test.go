package eval

import (
	"errors"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/lang"
)

func TestCompileErrors(t *testing.T) {
	cases := []struct {
		src  string
		want []string // each error's Error(), in order
	}{
		{`T should have a lenght() > 1`, []string{`1:17: unknown function "lenght"; did you mean "length"?`}},
		{`T should have a LENGTH() > 1`, []string{`1:17: unknown function "LENGTH"; did you mean "length"?`}},
		{`T should have a frobnicate() > 1`, []string{`1:17: unknown function "frobnicate"`}},
		{`T should have n vmtAdd() = 1`, []string{`1:17: vmtAdd() takes 1 argument, got 0; usage: vmtAdd(n number) number`}},
		{`T should have n vmtAdd(1, 2) = 1`, []string{`1:17: vmtAdd() takes 1 argument, got 2; usage: vmtAdd(n number) number`}},
		{`T should have n vmtAdd('x') = 1`, []string{`1:24: n of vmtAdd() must be a number, not a string; usage: vmtAdd(n number) number`}},
		{`T should have n vmtAdd(null) = 1`, []string{`1:24: n of vmtAdd() must be a number, not null; usage: vmtAdd(n number) number`}},
		{`T should have n vmtAdd(13) = 1`, []string{`1:17: vmtAdd(): 13 is unlucky; usage: vmtAdd(n number) number`}},
		{`T should have 'x' vmtAdd(1) = 1`, []string{`1:15: vmtAdd() applies to a number, not a string; usage: vmtAdd(n number) number`}},
		{`T should have a regexMatch /(/`, []string{"1:28: invalid regex: missing closing ): `(`"}},
		{`T should have a regexMatch /a{2,1}/i`, []string{"1:28: invalid regex: invalid repeat count: `{2,1}`"}},
		{`T should have d before(1, 'dayz')`, []string{`1:27: before(): unknown time unit "dayz" (want 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months' or 'years', singular or plural); usage: before(n number, unit string) bool`}},
		{"T should have a lenght() > 1 and\n  b isEmty()", []string{
			`1:17: unknown function "lenght"; did you mean "length"?`,
			`2:5: unknown function "isEmty"; did you mean "isEmpty"?`,
		}},
		{`T where x vmtAdd(13) = 1 should have xs contain [n vmtAdd('a') = 1]`, []string{
			`1:11: vmtAdd(): 13 is unlucky; usage: vmtAdd(n number) number`,
			`1:59: n of vmtAdd() must be a number, not a string; usage: vmtAdd(n number) number`,
		}},
	}
	for _, c := range cases {
		_, err := Compile(c.src, vmtOptions())
		var list lang.ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%s: got %v, want an ErrorList", c.src, err)
			continue
		}
		var got []string
		for _, e := range list {
			got = append(got, e.Error())
			if e.Line == "" {
				t.Errorf("%s: error %q has no source line", c.src, e.Error())
			}
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got  %q\n want %q", c.src, got, c.want)
		}
	}
}

// TestCompileShapes feeds the compiler trees that the parser would refuse,
// to check its own guards.
func TestCompileShapes(t *testing.T) {
	path := func(names ...string) *lang.Path {
		p := &lang.Path{}
		for _, n := range names {
			p.Segments = append(p.Segments, lang.Segment{Name: n})
		}
		return p
	}
	rule := func(cond lang.Expr) *lang.Rule {
		return &lang.Rule{Kind: lang.RuleAssert, Target: &lang.Target{Type: "T"}, Cond: cond}
	}
	cases := []struct {
		name string
		rule *lang.Rule
		want string
	}{
		{"like without a string", rule(&lang.Compare{Op: lang.Like, X: path("a"), Y: &lang.Number{Text: "1", IsInt: true, Int: 1, Float: 1}}), "like needs a quoted pattern"},
		{"regexMatch without a regex", rule(&lang.Compare{Op: lang.RegexMatch, X: path("a"), Y: &lang.String{Value: "x"}}), "regexMatch needs a regex literal"},
		{"bad regex flag", rule(&lang.Compare{Op: lang.RegexMatch, X: path("a"), Y: &lang.Regex{Pattern: "x", Flags: "q"}}), `unknown regular expression flag 'q'`},
		{"in without a list", rule(&lang.Compare{Op: lang.In, X: path("a"), Y: &lang.String{Value: "x"}}), "in needs a parenthesised list"},
		{"in with a path", rule(&lang.Compare{Op: lang.In, X: path("a"), Y: &lang.List{Elems: []lang.Operand{path("b")}}}), "only literal values"},
		{"list as an operand", rule(&lang.Compare{Op: lang.Eq, X: path("a"), Y: &lang.List{}}), "only allowed after in"},
		{"regex as an operand", rule(&lang.Compare{Op: lang.Eq, X: &lang.Regex{Pattern: "x"}, Y: path("a")}), "only allowed after regexMatch"},
		{"groupBy without a path", rule(&lang.Test{X: &lang.ArrayOp{Op: lang.Contain, X: &lang.ArrayOp{Op: lang.GroupBy, X: path("xs")}, Body: &lang.Test{X: path("k")}}}), "groupBy needs a property path"},
		{"contain without a body", rule(&lang.Test{X: &lang.ArrayOp{Op: lang.Contain, X: path("xs")}}), "contain needs a condition in brackets"},
		{"with without a body", rule(&lang.Compare{Op: lang.Eq, X: &lang.ArrayOp{Op: lang.With, X: path("xs")}, Y: path("ys")}), "with needs a condition"},
		{"no target", &lang.Rule{Kind: lang.RuleAssert, Cond: &lang.Test{X: path("a")}}, "no target"},
		{"no condition", &lang.Rule{Kind: lang.RuleAssert, Target: &lang.Target{Type: "T"}}, "no condition"},
		{"query without where", &lang.Rule{Kind: lang.RuleQuery, Target: &lang.Target{Type: "T"}}, "no condition"},
		{"nil rule", nil, "no rule"},
	}
	for _, c := range cases {
		_, err := CompileRule(c.rule, vmtOptions())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}

	// Nesting past the limit is an error, not a stack overflow.
	var e lang.Expr = &lang.Test{X: path("a")}
	for range maxNesting + 10 {
		e = &lang.Not{X: e}
	}
	if _, err := CompileRule(rule(e), nil); err == nil || !strings.Contains(err.Error(), "nests more than") {
		t.Errorf("deep nesting: got %v", err)
	}

	// A chain of `and` nests one level per operator: SPEC.md's limits
	// table says a chain of up to 199 conditions compiles.
	chain := func(n int) string { return "T should have " + strings.Repeat("a = 1 and ", n-1) + "b = 1" }
	if _, err := Compile(chain(199), nil); err != nil {
		t.Errorf("chain of 199: %v", err)
	}
	if _, err := Compile(chain(200), nil); err == nil || !strings.Contains(err.Error(), "nests more than 200 levels") {
		t.Errorf("chain of 200: got %v", err)
	}
}

func TestCompileOptions(t *testing.T) {
	// A function from a custom registry is unknown to the default one.
	if _, err := Compile(`T should have n vmtAdd(1) = 2`, nil); err == nil {
		t.Fatal("vmtAdd compiled without its registry")
	}
	reg := builtin.NewRegistry()
	if err := reg.Register(builtin.Func{Name: "vmtAdd", Params: []builtin.Param{{Name: "n", Type: builtin.TNumber}},
		Impl: func(_ *builtin.Env, recv builtin.Value, args []builtin.Value) (builtin.Value, error) {
			return builtin.NumberValue(recv.Num() + args[0].Num()), nil
		}}); err != nil {
		t.Fatal(err)
	}
	p, err := Compile(`T should have n vmtAdd(1) = 2`, &Options{Functions: reg})
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Eval([]byte(`{"type":"T","n":1}`)); r.Status != Pass {
		t.Fatalf("got %v", r)
	}
	// Parse errors come back as the parser's ErrorList.
	_, err = Compile(`T should have`, nil)
	var list lang.ErrorList
	if !errors.As(err, &list) || len(list) == 0 || !list[0].Pos.IsValid() {
		t.Fatalf("parse error: %v", err)
	}
}

func TestOpcodeTables(t *testing.T) {
	for op := opcode(1); op <= opcodeMax; op++ {
		if op.info().name == "" || op.String() == "ILLEGAL" {
			t.Errorf("opcode %d has no row in the table", op)
		}
	}
	if opcode(200).String() != "ILLEGAL" {
		t.Error("unknown opcode has a name")
	}
}

func TestVerifyRejectsBrokenPrograms(t *testing.T) {
	p := vmtCompile(t, `T should have xs contain [a = 1]`)
	broken := func(f func(q *Program)) error {
		q := *p
		q.code = append([]instr(nil), p.code...)
		f(&q)
		return q.verify()
	}
	if err := broken(func(q *Program) {}); err != nil {
		t.Fatalf("intact program: %v", err)
	}
	for name, f := range map[string]func(q *Program){
		"jump out of range": func(q *Program) { q.code[1].arg = 999 },
		"path out of range": func(q *Program) { q.code[0].arg = 99 },
		"bad opcode":        func(q *Program) { q.code[2].op = 250 },
		"no RET":            func(q *Program) { q.code = q.code[:len(q.code)-1] },
		"empty":             func(q *Program) { q.code = nil },
		"loop without NEXT": func(q *Program) { q.code[2] = instr{op: opNot} },
	} {
		if err := broken(f); !errors.Is(err, ErrInternal) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

// TestLongPathCompilesInLinearSpace holds the compiled path specs of a long
// path to a size linear in the rule: a spec for each of a path's n
// suffixes would be O(n²) bytes, and a 40 KB rule would take seconds to
// compile.
func TestLongPathCompilesInLinearSpace(t *testing.T) {
	for _, n := range []int{1, 2, 3, 2000} {
		src := "Instance should have " + strings.Repeat("a.", n) + "`b c`.`0` = 1"
		p, err := Compile(src, &Options{MaxDepth: 3 * n})
		if err != nil {
			t.Fatal(err)
		}
		size := 0
		for _, s := range p.paths {
			size += len(s.text) + len(s.segs)
			for _, c := range s.chunks {
				size += len(c)
			}
		}
		if size > 8*len(src) {
			t.Errorf("%d segments: path specs hold %d bytes for a rule of %d", n+2, size, len(src))
		}
		// The path still reads what it names, through the path table and
		// from the raw text.
		doc := `{"type":"Instance","a":` + strings.Repeat(`{"a":`, n-1) + `{"b c":{"0":1}}` + strings.Repeat("}", n-1) + `}`
		if r := p.Eval([]byte(doc)); r.Status != Pass {
			t.Errorf("%d segments: %v, want pass", n+2, r)
		}
		if r := p.Eval([]byte(strings.Replace(doc, `"0":1`, `"0":2`, 1))); r.Status != Fail {
			t.Errorf("%d segments: %v, want fail", n+2, r)
		}
	}
}

// TestNegativeLimitsMeanDefaults holds Options to its docs: a negative
// step budget, size or depth is the default, not "no limit" nor "nothing".
func TestNegativeLimitsMeanDefaults(t *testing.T) {
	s := resolve(&Options{StepBudget: -1, MaxDocumentSize: -1, MaxDepth: -5})
	if s.budget != DefaultStepBudget || s.maxSize != DefaultMaxDocumentSize || s.maxDepth != DefaultMaxDepth {
		t.Errorf("settings = %+v", s)
	}
}
