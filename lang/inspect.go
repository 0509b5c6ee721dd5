package lang

import (
	"fmt"
	"strings"
)

// Inspect traverses the tree rooted at n in depth-first order: it calls
// f(n); if f returns true, Inspect visits each child of n in source order,
// then calls f(nil). Segments are not nodes and are not visited; a Path's
// segments are in its Segments field.
func Inspect(n Node, f func(Node) bool) {
	if isNil(n) || !f(n) {
		return
	}
	visit := func(c Node) {
		if !isNil(c) {
			Inspect(c, f)
		}
	}
	switch n := n.(type) {
	case *Rule:
		visit(n.Target)
		visit(n.Where)
		visit(n.Cond)
	case *Logical:
		visit(n.X)
		visit(n.Y)
	case *Not:
		visit(n.X)
	case *Test:
		visit(n.X)
	case *Compare:
		visit(n.X)
		visit(n.Y)
	case *List:
		for _, e := range n.Elems {
			visit(e)
		}
	case *Call:
		visit(n.X)
		for _, a := range n.Args {
			visit(a)
		}
	case *ArrayOp:
		visit(n.X)
		visit(n.Body)
		visit(n.Key)
	}
	f(nil)
}

// isNil reports whether n is nil or a typed nil pointer.
func isNil(n Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case *Rule:
		return n == nil
	case *Target:
		return n == nil
	case *Logical:
		return n == nil
	case *Not:
		return n == nil
	case *Test:
		return n == nil
	case *Compare:
		return n == nil
	case *String:
		return n == nil
	case *Number:
		return n == nil
	case *Bool:
		return n == nil
	case *Null:
		return n == nil
	case *List:
		return n == nil
	case *Regex:
		return n == nil
	case *Path:
		return n == nil
	case *Call:
		return n == nil
	case *ArrayOp:
		return n == nil
	}
	return false
}

// Errorf builds an *Error about the part of r at sp, for checks that run
// after parsing (the compiler's unknown functions, bad regular
// expressions, ...). The error's Line is taken from r.Source, so Detail
// shows the caret under the fault; this works for rules from Parse and from
// ParseFile alike.
func (r *Rule) Errorf(sp Span, format string, args ...any) *Error {
	e := &Error{Pos: sp.Start, End: sp.End, Msg: fmt.Sprintf(format, args...)}
	// The first line of Source is line number first in the positions.
	lead := len(r.Source) - len(strings.TrimLeft(r.Source, " \t\r\n\f\v"))
	first := r.span.Start.Line - strings.Count(r.Source[:lead], "\n")
	lines := strings.Split(r.Source, "\n")
	if i := sp.Start.Line - first; i >= 0 && i < len(lines) {
		e.Line = strings.TrimSuffix(lines[i], "\r")
	}
	return e
}

// EntityPaths lists the dotted property paths rule r reads from the entity
// itself, in source order: the paths outside array brackets (inside them a
// path reads the element) and the operand of each array operator. A reader
// of partial inputs (a Terraform plan, whose values may be known only after
// apply) uses them to tell whether a verdict rests on a value it lacks.
func EntityPaths(r *Rule) []string {
	var out []string
	var visit func(n Node) bool
	visit = func(n Node) bool {
		switch n := n.(type) {
		case *ArrayOp:
			Inspect(n.X, visit)
			return false // the body reads the elements
		case *Path:
			if !n.Current {
				out = append(out, n.dotted())
			}
		}
		return true
	}
	Inspect(r, visit)
	return out
}

// dotted spells p's segments joined by dots, without indices.
func (p *Path) dotted() string {
	var b strings.Builder
	for i, s := range p.Segments {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.Name)
	}
	return b.String()
}
