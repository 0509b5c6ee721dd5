package lang

import (
	"regexp"
	"strconv"
	"strings"
)

// Format prints r in its canonical spelling: lower-case keywords, single
// spaces, `should have` / `should not have` always with `have`, single-quoted
// strings with the fewest escapes (\\, \' and \n \r \t), parentheses only
// where precedence needs them, `$ = 'x'` for a lone literal in array brackets,
// `List<T>` and `true`/`false`. For every rule r that Parse returns,
// Parse(Format(r)) yields a tree equal to r's, positions aside, and Format is
// idempotent over that round trip.
func Format(r *Rule) string {
	var b strings.Builder
	if r == nil {
		return ""
	}
	if r.Kind == RuleConst {
		return strconv.FormatBool(r.Const)
	}
	if r.Target != nil {
		if r.Target.List {
			b.WriteString("List<" + r.Target.Type + ">")
		} else {
			b.WriteString(r.Target.Type)
		}
	}
	if r.Where != nil {
		b.WriteString(" where ")
		formatExpr(&b, r.Where, precOr)
	}
	if r.Kind == RuleAssert {
		b.WriteString(" should ")
		if r.Negated {
			b.WriteString("not ")
		}
		b.WriteString("have ")
		formatExpr(&b, r.Cond, precOr)
	}
	return b.String()
}

// FormatExpr prints a condition in canonical spelling.
func FormatExpr(e Expr) string {
	var b strings.Builder
	formatExpr(&b, e, precOr)
	return b.String()
}

// Precedence levels, loosest first.
const (
	precOr = iota + 1
	precAnd
	precNot
	precTerm
)

func exprPrec(e Expr) int {
	switch e := e.(type) {
	case *Logical:
		if e.Op == Or {
			return precOr
		}
		return precAnd
	case *Not:
		return precNot
	}
	return precTerm
}

// formatExpr prints e in a context that binds at least as tightly as prec.
func formatExpr(b *strings.Builder, e Expr, prec int) {
	p := exprPrec(e)
	if p < prec {
		b.WriteByte('(')
		defer b.WriteByte(')')
	}
	switch e := e.(type) {
	case *Logical:
		// Chains are left-associative: a right operand of the same
		// operator needs parentheses.
		formatExpr(b, e.X, p)
		b.WriteByte(' ')
		b.WriteString(e.Op.String())
		b.WriteByte(' ')
		formatExpr(b, e.Y, p+1)
	case *Not:
		b.WriteString("not ")
		formatExpr(b, e.X, precNot)
	case *Test:
		formatOperand(b, e.X)
	case *Compare:
		formatOperand(b, e.X)
		b.WriteByte(' ')
		b.WriteString(e.Op.String())
		b.WriteByte(' ')
		formatOperand(b, e.Y)
	case nil:
	}
}

func formatOperand(b *strings.Builder, x Operand) {
	switch x := x.(type) {
	case *String:
		writeString(b, x.Value)
	case *Number:
		if x.Text != "" {
			b.WriteString(x.Text)
		} else if x.IsInt {
			b.WriteString(strconv.FormatInt(x.Int, 10))
		} else {
			b.WriteString(strconv.FormatFloat(x.Float, 'f', -1, 64))
		}
	case *Bool:
		b.WriteString(strconv.FormatBool(x.Value))
	case *Null:
		b.WriteString("null")
	case *List:
		b.WriteByte('(')
		for i, e := range x.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			formatOperand(b, e)
		}
		b.WriteByte(')')
	case *Regex:
		writeRegex(b, x)
	case *Path:
		writePath(b, x)
	case *Call:
		formatOperand(b, x.X)
		b.WriteByte(' ')
		b.WriteString(x.Name)
		b.WriteByte('(')
		for i, a := range x.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			formatOperand(b, a)
		}
		b.WriteByte(')')
	case *ArrayOp:
		formatOperand(b, x.X)
		b.WriteByte(' ')
		b.WriteString(x.Op.String())
		b.WriteString(" [")
		if x.Op == GroupBy {
			if x.Key != nil {
				writePath(b, x.Key)
			}
		} else {
			formatExpr(b, x.Body, precOr)
		}
		b.WriteByte(']')
	}
}

func writePath(b *strings.Builder, p *Path) {
	if p.Current || len(p.Segments) == 0 {
		b.WriteByte('$')
	}
	for i, s := range p.Segments {
		if i > 0 || p.Current {
			b.WriteByte('.')
		}
		writeSegmentIn(b, s, i == 0 && !p.Current)
	}
}

var identRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_:-]*$`)

// writeSegment prints a segment as it appears after a dot.
func writeSegment(b *strings.Builder, s Segment) { writeSegmentIn(b, s, false) }

// writeSegmentIn prints a segment, backquoted when it was written so or when
// its name is not a plain identifier (or is a keyword in first position).
func writeSegmentIn(b *strings.Builder, s Segment, first bool) {
	plain := !s.Quoted && identRe.MatchString(s.Name)
	if plain && first {
		if _, _, kw := keywordOf(s.Name); kw {
			plain = false
		}
	}
	if plain {
		b.WriteString(s.Name)
		return
	}
	b.WriteByte('`')
	b.WriteString(s.Name)
	b.WriteByte('`')
}

// writeString prints a single-quoted string literal.
func writeString(b *strings.Builder, s string) {
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
}

// writeRegex prints a regex literal, escaping any unescaped '/'.
func writeRegex(b *strings.Builder, re *Regex) {
	b.WriteByte('/')
	p := re.Pattern
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '\\' && i+1 < len(p):
			b.WriteString(p[i : i+2])
			i++
		case p[i] == '/':
			b.WriteString(`\/`)
		default:
			b.WriteByte(p[i])
		}
	}
	b.WriteByte('/')
	b.WriteString(re.Flags)
}
