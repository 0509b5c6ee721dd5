package bundles

import (
	"fmt"
	"strings"

	"github.com/gsl-lang/gsl/internal/textdist"
	"github.com/gsl-lang/gsl/lang"
)

// ProblemLevel says how serious a schema problem is.
type ProblemLevel uint8

const (
	// Warning marks something the schema cannot check, such as an entity
	// type it does not know.
	Warning ProblemLevel = iota
	// Problem marks a path that cannot resolve in a document of the model.
	Problem
)

// String returns "warning" or "error".
func (l ProblemLevel) String() string {
	if l == Problem {
		return "error"
	}
	return "warning"
}

// SchemaProblem is a finding of the schema check of a rule.
type SchemaProblem struct {
	Level ProblemLevel
	Span  lang.Span // the offending path segment (or target) in the rule text
	Msg   string
}

// Error formats the problem as "line:col: level: msg".
func (p SchemaProblem) Error() string {
	return fmt.Sprintf("%d:%d: %s: %s", p.Span.Start.Line, p.Span.Start.Column, p.Level, p.Msg)
}

// CheckRule type-checks the property paths of a parsed rule against the
// schema. A path the entity type does not have is an error; an entity type
// the schema does not know is a warning (and its paths are not checked).
// Paths inside array-operator brackets resolve against the array's element;
// `$` is the current element (the entity outside brackets); a List<T> rule
// sees {type, id, items: [T...]}. Paths below any-typed or open properties
// (policy documents' Condition blocks, tags as maps, ...) are not checked.
func (s *Schema) CheckRule(r *lang.Rule) []SchemaProblem {
	if r == nil || r.Kind == lang.RuleConst || r.Target == nil {
		return nil
	}
	c := &checker{s: s}
	t := s.Type(r.Target.Type)
	if t == nil {
		c.add(Warning, r.Target.Span(), "entity type %q is not in the schema; its paths are not checked%s",
			r.Target.Type, c.suggestType(r.Target.Type))
		return c.problems
	}
	root := &scope{node: t.Node, name: t.Name}
	if r.Target.List {
		root = &scope{name: "List<" + t.Name + ">", node: &Node{
			Kind: KindObject,
			Properties: map[string]*Node{
				"type":  {Kind: KindString, Doc: "List<" + t.Name + ">"},
				"id":    {Kind: KindString, Doc: "the account number, or *"},
				"items": {Kind: KindArray, Items: &Node{Kind: KindObject, Ref: t.Name}},
			},
		}}
	}
	if r.Where != nil {
		c.expr(r.Where, root)
	}
	if r.Cond != nil {
		c.expr(r.Cond, root)
	}
	return c.problems
}

type checker struct {
	s        *Schema
	problems []SchemaProblem
}

// scope is what plain paths (and $) resolve against: the entity, or the
// current element inside array brackets. A nil node means unknown: nothing
// below it is checked.
type scope struct {
	node *Node
	name string // for messages: "Instance", "Instance.volumes[]"
}

func (c *checker) add(level ProblemLevel, span lang.Span, format string, args ...any) {
	c.problems = append(c.problems, SchemaProblem{Level: level, Span: span, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) expr(e lang.Expr, sc *scope) {
	switch e := e.(type) {
	case *lang.Logical:
		c.expr(e.X, sc)
		c.expr(e.Y, sc)
	case *lang.Not:
		c.expr(e.X, sc)
	case *lang.Compare:
		c.operand(e.X, sc)
		c.operand(e.Y, sc)
	case *lang.Test:
		c.operand(e.X, sc)
	}
}

// operand checks o and returns the scope of its value (nil node when not
// known).
func (c *checker) operand(o lang.Operand, sc *scope) *scope {
	switch o := o.(type) {
	case *lang.Path:
		return c.path(o, sc)
	case *lang.Call:
		c.operand(o.X, sc)
		for _, a := range o.Args {
			c.operand(a, sc)
		}
		return &scope{name: o.Name + "()"}
	case *lang.List:
		for _, el := range o.Elems {
			c.operand(el, sc)
		}
	case *lang.ArrayOp:
		return c.arrayOp(o, sc)
	}
	return &scope{}
}

func (c *checker) arrayOp(o *lang.ArrayOp, sc *scope) *scope {
	x := c.operand(o.X, sc)
	elem := &scope{name: x.name + "[]"}
	if n := c.s.Resolve(x.node); n != nil {
		switch n.Kind {
		case KindArray:
			elem.node = n.Items
		case KindAny:
		default: // a scalar or object operand is a one-element list
			elem.node, elem.name = n, x.name
		}
	}
	switch o.Op {
	case lang.GroupBy:
		if o.Key != nil {
			c.path(o.Key, elem)
		}
		return &scope{name: "groupBy", node: &Node{Kind: KindArray, Items: &Node{
			Kind: KindObject,
			Properties: map[string]*Node{
				"key":    {Kind: KindAny, Open: true},
				"values": {Kind: KindArray, Items: elem.node},
			},
		}}}
	case lang.With:
		if o.Body != nil {
			c.expr(o.Body, elem)
		}
		if elem.node == nil {
			return &scope{name: x.name}
		}
		return &scope{name: x.name, node: &Node{Kind: KindArray, Items: elem.node}}
	}
	if o.Body != nil {
		c.expr(o.Body, elem)
	}
	return &scope{name: x.name}
}

// path resolves p against sc, reporting the first segment that cannot
// resolve.
func (c *checker) path(p *lang.Path, sc *scope) *scope {
	cur := &scope{node: sc.node, name: sc.name}
	if p.Current && len(p.Segments) == 0 {
		return cur
	}
	for i, seg := range p.Segments {
		n := c.s.Resolve(cur.node)
		if n == nil || c.s.IsOpen(n) && n.Properties[seg.Name] == nil {
			return &scope{name: cur.name + "." + seg.Name}
		}
		switch n.Kind {
		case KindArray:
			c.add(Problem, seg.Span(), "%s is an array: a dotted path does not enter arrays; use an array operator, e.g. %s contain [%s ...]",
				cur.name, strings.Join(segNames(p.Segments[:i]), "."), seg.Name)
			return &scope{}
		case KindString, KindNumber, KindBoolean:
			c.add(Problem, seg.Span(), "%s is a %s; it has no property %q", cur.name, n.Kind, seg.Name)
			return &scope{}
		}
		next := n.Properties[seg.Name]
		if next == nil {
			c.add(Problem, seg.Span(), "%s has no property %q%s", cur.name, seg.Name, suggest(seg.Name, n.Names))
			return &scope{}
		}
		cur = &scope{node: next, name: cur.name + "." + seg.Name}
	}
	return cur
}

func segNames(segs []lang.Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Name
	}
	return out
}

// suggestType proposes a known type close to name.
func (c *checker) suggestType(name string) string {
	return suggest(name, c.s.typeNames)
}

// suggest returns ` (did you mean "x"?)` for the candidate closest to name
// (textdist.Closest), or "" when none is close.
func suggest(name string, candidates []string) string {
	best := textdist.Closest(name, candidates)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
