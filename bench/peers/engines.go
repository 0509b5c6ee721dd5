package peers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/ext"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/util"
	"github.com/tidwall/gjson"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/lang"
)

// Engine evaluates a fixed list of rules over raw JSON documents.
type Engine interface {
	// Name is the engine's name in reports.
	Name() string
	// Eval evaluates every rule whose target type is doc's type and sets
	// violation[i] for rule i when the document violates it. The caller
	// clears violation first; rules of other types are left alone.
	Eval(doc []byte, violation []bool) error
}

// Engines prepares the engines over rules with the evaluation clock now:
// GSL giving verdicts only (as the peers do) first, then GSL building
// evidence for every failure (as gslcheck does), expr, CEL and Rego.
func Engines(rules []Rule, now time.Time) ([]Engine, error) {
	targets, err := Targets(rules)
	if err != nil {
		return nil, err
	}
	g, err := NewGSL(rules, now, false)
	if err != nil {
		return nil, err
	}
	ge, err := NewGSL(rules, now, true)
	if err != nil {
		return nil, err
	}
	e, err := NewExpr(rules, targets, now)
	if err != nil {
		return nil, err
	}
	c, err := NewCEL(rules, targets, now)
	if err != nil {
		return nil, err
	}
	r, err := NewRego(rules, targets, now)
	if err != nil {
		return nil, err
	}
	return []Engine{g, ge, e, c, r}, nil
}

// Targets returns each rule's target entity type, read from its GSL.
func Targets(rules []Rule) ([]string, error) {
	out := make([]string, len(rules))
	for i, r := range rules {
		p, err := lang.Parse(r.GSL)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", r.ID, err)
		}
		if p.Target == nil || p.Target.List {
			return nil, fmt.Errorf("%s: want a rule on single entities", r.ID)
		}
		out[i] = p.Target.Type
	}
	return out, nil
}

// byType indexes rule numbers by target type.
func byType(targets []string) map[string][]int {
	m := map[string][]int{}
	for i, t := range targets {
		m[t] = append(m[t], i)
	}
	return m
}

// ---------------------------------------------------------------- GSL

// GSL evaluates the rules with a GSL rule set, straight from the bytes.
type GSL struct {
	name string
	rs   *eval.RuleSet
	out  []bool
	err  error
	emit func(int, eval.Result)
}

// NewGSL compiles the GSL of rules. Without evidence the rule set gives
// verdicts only, like the peers (eval.Options NoEvidence and
// OnlyApplicable); with it, every failure carries its evidence and every
// rule of another type a Skip, as in gslcheck run.
func NewGSL(rules []Rule, now time.Time, evidence bool) (*GSL, error) {
	opts := &eval.Options{Now: now, NoEvidence: !evidence, OnlyApplicable: !evidence}
	name := "gsl"
	if evidence {
		name = "gsl+evidence"
	}
	progs := make([]*eval.Program, len(rules))
	for i, r := range rules {
		p, err := eval.Compile(r.GSL, opts)
		if err != nil {
			return nil, fmt.Errorf("gsl %s: %v", r.ID, err)
		}
		progs[i] = p
	}
	g := &GSL{name: name, rs: eval.NewRuleSet(progs, opts)}
	g.emit = func(i int, r eval.Result) {
		switch r.Status {
		case eval.Fail:
			g.out[i] = true
		case eval.Error:
			if g.err == nil {
				g.err = fmt.Errorf("rule %s: %v", rules[i].ID, r.Err)
			}
		}
	}
	return g, nil
}

// Name implements Engine.
func (g *GSL) Name() string { return g.name }

// Eval implements Engine.
func (g *GSL) Eval(doc []byte, violation []bool) error {
	g.out, g.err = violation, nil
	if err := g.rs.EvalDoc(doc, g.emit); err != nil {
		return err
	}
	return g.err
}

// ---------------------------------------------------------------- the floor

// Valid only checks that each document is valid JSON with gjson.Valid: the
// cost of merely reading the input, the floor under any engine that starts
// from the bytes. It gives no verdicts; Measure it, do not Check it.
type Valid struct{}

// Name implements Engine.
func (Valid) Name() string { return "(gjson.Valid)" }

// Eval implements Engine.
func (Valid) Eval(doc []byte, _ []bool) error {
	if !gjson.ValidBytes(doc) {
		return fmt.Errorf("invalid JSON")
	}
	return nil
}

// ---------------------------------------------------------------- expr

// Expr evaluates expr programs over the document decoded by encoding/json.
type Expr struct {
	progs  []*vm.Program
	byType map[string][]int
	env    map[string]any
	vm     vm.VM
}

// exprList is list(x) of the expr translations.
func exprList(params ...any) (any, error) {
	switch x := params[0].(type) {
	case nil:
		return []any{}, nil
	case []any:
		return x, nil
	default:
		return []any{x}, nil
	}
}

// NewExpr compiles the expr translations.
func NewExpr(rules []Rule, targets []string, now time.Time) (*Expr, error) {
	e := &Expr{byType: byType(targets), env: map[string]any{"r": map[string]any{}, "clock": now}}
	for _, r := range rules {
		p, err := expr.Compile(r.Expr, expr.Env(e.env), expr.AsBool(),
			expr.Function("list", exprList, new(func(any) []any)))
		if err != nil {
			return nil, fmt.Errorf("expr %s: %v", r.ID, err)
		}
		e.progs = append(e.progs, p)
	}
	return e, nil
}

// Name implements Engine.
func (*Expr) Name() string { return "expr" }

// Eval implements Engine.
func (e *Expr) Eval(doc []byte, violation []bool) error {
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		return err
	}
	typ, _ := m["type"].(string)
	e.env["r"] = m
	for _, i := range e.byType[typ] {
		out, err := e.vm.Run(e.progs[i], e.env)
		if err != nil {
			return fmt.Errorf("rule %d: %v", i, err)
		}
		violation[i] = out.(bool)
	}
	return nil
}

// ---------------------------------------------------------------- CEL

// CEL evaluates CEL programs over the document decoded by encoding/json.
type CEL struct {
	progs  []cel.Program
	byType map[string][]int
	vars   map[string]any
}

// celItems is items(x) of the CEL translations.
func celItems(v ref.Val) ref.Val {
	switch v.(type) {
	case traits.Lister:
		return v
	case types.Null:
		return types.DefaultTypeAdapter.NativeToValue([]any{})
	}
	return types.DefaultTypeAdapter.NativeToValue([]ref.Val{v})
}

// NewCEL compiles the CEL translations.
func NewCEL(rules []Rule, targets []string, now time.Time) (*CEL, error) {
	env, err := cel.NewEnv(
		cel.Variable("r", cel.MapType(cel.StringType, cel.DynType)),
		cel.Variable("now", cel.TimestampType),
		cel.OptionalTypes(),
		ext.Strings(),
		cel.Function("items", cel.Overload("items_dyn", []*cel.Type{cel.DynType}, cel.ListType(cel.DynType),
			cel.UnaryBinding(celItems))),
	)
	if err != nil {
		return nil, err
	}
	c := &CEL{byType: byType(targets), vars: map[string]any{"now": now}}
	for _, r := range rules {
		a, iss := env.Compile(r.CEL)
		if iss.Err() != nil {
			return nil, fmt.Errorf("cel %s: %v", r.ID, iss.Err())
		}
		if !a.OutputType().IsExactType(cel.BoolType) {
			return nil, fmt.Errorf("cel %s: the expression is not boolean", r.ID)
		}
		p, err := env.Program(a)
		if err != nil {
			return nil, fmt.Errorf("cel %s: %v", r.ID, err)
		}
		c.progs = append(c.progs, p)
	}
	return c, nil
}

// Name implements Engine.
func (*CEL) Name() string { return "cel" }

// Eval implements Engine.
func (c *CEL) Eval(doc []byte, violation []bool) error {
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		return err
	}
	typ, _ := m["type"].(string)
	rules := c.byType[typ]
	if len(rules) == 0 {
		return nil
	}
	c.vars["r"] = m
	act, err := cel.NewActivation(c.vars)
	if err != nil {
		return err
	}
	for _, i := range rules {
		out, _, err := c.progs[i].Eval(act)
		if err != nil {
			return fmt.Errorf("rule %d: %v", i, err)
		}
		violation[i] = out == types.True
	}
	return nil
}

// ---------------------------------------------------------------- Rego

// Rego evaluates one prepared query per rule over the document decoded
// into an ast.Value.
type Rego struct {
	queries []rego.PreparedEvalQuery
	byType  map[string][]int
	ctx     context.Context
}

// RegoModule returns the Rego module of rules with the clock now.
func RegoModule(rules []Rule, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package bench\n\nnow_ns := %d\n\n%s", now.UnixNano(), regoHelpers)
	for _, r := range rules {
		b.WriteString("\n")
		b.WriteString(r.Rego)
		b.WriteString("\n")
	}
	return b.String()
}

// NewRego compiles the Rego translations and prepares one query per rule.
func NewRego(rules []Rule, targets []string, now time.Time) (*Rego, error) {
	ctx := context.Background()
	module := RegoModule(rules, now)
	compiler, err := ast.CompileModulesWithOpt(map[string]string{"bench.rego": module}, ast.CompileOpts{})
	if err != nil {
		return nil, fmt.Errorf("rego: %v", err)
	}
	r := &Rego{byType: byType(targets), ctx: ctx}
	for _, rule := range rules {
		q, err := rego.New(rego.Query("data.bench."+RegoName(rule.ID)), rego.Compiler(compiler)).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("rego %s: %v", rule.ID, err)
		}
		r.queries = append(r.queries, q)
	}
	return r, nil
}

// Name implements Engine.
func (*Rego) Name() string { return "rego" }

// Eval implements Engine.
func (r *Rego) Eval(doc []byte, violation []bool) error {
	var m any
	if err := util.NewJSONDecoder(bytes.NewReader(doc)).Decode(&m); err != nil {
		return err
	}
	obj, _ := m.(map[string]any)
	typ, _ := obj["type"].(string)
	rules := r.byType[typ]
	if len(rules) == 0 {
		return nil
	}
	input, err := ast.InterfaceToValue(m)
	if err != nil {
		return err
	}
	for _, i := range rules {
		rs, err := r.queries[i].Eval(r.ctx, rego.EvalParsedInput(input))
		if err != nil {
			return fmt.Errorf("rule %d: %v", i, err)
		}
		violation[i] = len(rs) == 1 && len(rs[0].Expressions) == 1 && rs[0].Expressions[0].Value == true
	}
	return nil
}
