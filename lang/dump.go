package lang

import (
	"strconv"
	"strings"
)

// Dump renders a node as a one-line S-expression, for tests and debugging.
// Spans are not shown. The forms are:
//
//	(rule assert (target T) [(where E)] [not] E)   `T [where E] should [not] have E`
//	(rule query (target T) (where E))              `T where E`
//	(rule const true)                              `true`
//	(target T), (target List<T>)
//	(and X Y), (or X Y), (not X), (test X)
//	(= X Y), (!= X Y), (< X Y), (> X Y), (<= X Y), (>= X Y)
//	(like X "p"), (unlike X "p"), (regexMatch X /re/flags), (in X (list A B))
//	(path a b `quoted:seg`), (path $), (path $ a b)
//	(call name X args...)
//	(contain X E), (contain-any X E), ..., (with X E), (groupBy X (path k))
//	"string" (Go syntax), 42, -1.5, true, false, null
//
// Logical chains show the tree as parsed: `a and b and c` is
// (and (and a b) c).
func Dump(n Node) string {
	var b strings.Builder
	dump(&b, n)
	return b.String()
}

func dump(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case nil:
		b.WriteString("<nil>")
	case *Rule:
		if n == nil {
			b.WriteString("<nil>")
			return
		}
		switch n.Kind {
		case RuleConst:
			b.WriteString("(rule const ")
			b.WriteString(strconv.FormatBool(n.Const))
			b.WriteByte(')')
			return
		case RuleQuery:
			b.WriteString("(rule query ")
		default:
			b.WriteString("(rule assert ")
		}
		dump(b, n.Target)
		if n.Where != nil {
			b.WriteString(" (where ")
			dump(b, n.Where)
			b.WriteByte(')')
		}
		if n.Kind == RuleAssert {
			if n.Negated {
				b.WriteString(" not")
			}
			b.WriteByte(' ')
			dump(b, n.Cond)
		}
		b.WriteByte(')')
	case *Target:
		if n == nil {
			b.WriteString("<nil>")
			return
		}
		b.WriteString("(target ")
		if n.List {
			b.WriteString("List<" + n.Type + ">")
		} else {
			b.WriteString(n.Type)
		}
		b.WriteByte(')')
	case *Logical:
		sexpr(b, n.Op.String(), n.X, n.Y)
	case *Not:
		sexpr(b, "not", n.X)
	case *Test:
		sexpr(b, "test", n.X)
	case *Compare:
		sexpr(b, n.Op.String(), n.X, n.Y)
	case *String:
		b.WriteString(strconv.Quote(n.Value))
	case *Number:
		b.WriteString(n.Text)
	case *Bool:
		b.WriteString(strconv.FormatBool(n.Value))
	case *Null:
		b.WriteString("null")
	case *List:
		b.WriteString("(list")
		for _, e := range n.Elems {
			b.WriteByte(' ')
			dump(b, e)
		}
		b.WriteByte(')')
	case *Regex:
		writeRegex(b, n)
	case *Path:
		b.WriteString("(path")
		if n.Current {
			b.WriteString(" $")
		}
		for _, s := range n.Segments {
			b.WriteByte(' ')
			writeSegment(b, s)
		}
		b.WriteByte(')')
	case *Call:
		b.WriteString("(call ")
		b.WriteString(n.Name)
		b.WriteByte(' ')
		dump(b, n.X)
		for _, a := range n.Args {
			b.WriteByte(' ')
			dump(b, a)
		}
		b.WriteByte(')')
	case *ArrayOp:
		if n.Op == GroupBy {
			sexpr(b, n.Op.String(), n.X, n.Key)
		} else {
			sexpr(b, n.Op.String(), n.X, n.Body)
		}
	default:
		b.WriteString("<unknown>")
	}
}

func sexpr(b *strings.Builder, head string, args ...Node) {
	b.WriteByte('(')
	b.WriteString(head)
	for _, a := range args {
		b.WriteByte(' ')
		if p, ok := a.(*Path); ok && p == nil {
			b.WriteString("<nil>")
			continue
		}
		dump(b, a)
	}
	b.WriteByte(')')
}
