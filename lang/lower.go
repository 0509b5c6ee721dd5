package lang

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// This file lowers the participle parse tree (grammar.go) to the AST
// (ast.go), checking what the grammar cannot: literal escapes, number
// ranges, regex flags and the List<Type> spelling.

type lowerer struct {
	src  string
	errs ErrorList
}

func (l *lowerer) errorf(start, end lexer.Position, msg string) {
	l.errs = append(l.errs, &Error{
		Pos:  posOf(start),
		End:  posOf(end),
		Msg:  msg,
		Line: lineAt(l.src, start.Offset),
	})
}

func span(start, end lexer.Position) Span {
	return Span{Start: posOf(start), End: posOf(end)}
}

func (l *lowerer) rule(g *rule) *Rule {
	r := &Rule{Source: l.src, span: span(g.Pos, g.EndPos)}
	if g.Const != nil {
		r.Kind = RuleConst
		r.Const = strings.EqualFold(*g.Const, "true")
		return r
	}
	r.Target = l.target(g.Target)
	if g.Where != nil {
		r.Where = l.disjunction(g.Where)
	}
	switch {
	case g.Should:
		r.Kind = RuleAssert
		r.Negated = g.Not
		r.Cond = l.disjunction(g.Cond)
	case g.Where != nil:
		r.Kind = RuleQuery
	default:
		// The grammar accepts a bare target so that the error can say
		// what is missing.
		l.errs = append(l.errs, &Error{
			Pos:      posOf(g.EndPos),
			End:      posOf(g.EndPos),
			Msg:      "unexpected end of rule after the target",
			Expected: []string{`"where"`, `"should"`},
			Line:     lineAt(l.src, g.EndPos.Offset),
		})
	}
	return r
}

func (l *lowerer) target(g *target) *Target {
	t := &Target{Type: g.Name, span: span(g.Pos, g.EndPos)}
	if g.Elem != nil {
		if !strings.EqualFold(g.Name, "List") {
			end := g.Pos
			end.Advance(g.Name)
			l.errorf(g.Pos, end, `unexpected "<" after entity type `+g.Name+`: only List<Type> takes a type argument`)
		}
		t.Type = *g.Elem
		t.List = true
	}
	return t
}

func (l *lowerer) disjunction(g *disjunction) Expr {
	x := l.conjunction(g.X)
	for _, r := range g.Rest {
		y := l.conjunction(r)
		x = &Logical{Op: Or, X: x, Y: y, span: Span{x.Span().Start, y.Span().End}}
	}
	return x
}

func (l *lowerer) conjunction(g *conjunction) Expr {
	x := l.unary(g.X)
	for _, r := range g.Rest {
		y := l.unary(r)
		x = &Logical{Op: And, X: x, Y: y, span: Span{x.Span().Start, y.Span().End}}
	}
	return x
}

func (l *lowerer) unary(g *unary) Expr {
	if g.Not != nil {
		return &Not{X: l.unary(g.Not), span: span(g.Pos, g.EndPos)}
	}
	return l.term(g.Term)
}

func (l *lowerer) term(g *term) Expr {
	if g.Group != nil {
		return l.disjunction(g.Group)
	}
	c := g.Cmp
	x := l.operand(c.X)
	sp := span(c.Pos, c.EndPos)
	switch {
	case c.Rel != nil:
		return &Compare{Op: relOps[c.Rel.Op], X: x, Y: l.operand(c.Rel.Y), OpPos: posOf(c.Rel.Pos), span: sp}
	case c.Like != nil:
		op := Like
		if strings.EqualFold(c.Like.Op, "unlike") {
			op = Unlike
		}
		return &Compare{Op: op, X: x, Y: l.stringLit(c.Like.Pattern), OpPos: posOf(c.Like.Pos), span: sp}
	case c.Regex != nil:
		return &Compare{Op: RegexMatch, X: x, Y: l.regex(c.Regex.Re), OpPos: posOf(c.Regex.Pos), span: sp}
	case c.In != nil:
		list := &List{span: span(c.In.Pos, c.In.EndPos)}
		// The list's span starts at its '(' rather than at `in`.
		list.span.Start = l.afterKeyword(c.In.Pos, "in")
		for _, e := range c.In.Elems {
			list.Elems = append(list.Elems, l.literal(e))
		}
		return &Compare{Op: In, X: x, Y: list, OpPos: posOf(c.In.Pos), span: sp}
	}
	return &Test{X: x}
}

// afterKeyword returns the position of the first non-space character after
// the keyword kw that starts at p.
func (l *lowerer) afterKeyword(p lexer.Position, kw string) Pos {
	p.Advance(l.src[p.Offset : p.Offset+len(kw)])
	rest := l.src[p.Offset:]
	trimmed := strings.TrimLeft(rest, " \t\r\n\f\v")
	p.Advance(rest[:len(rest)-len(trimmed)])
	return posOf(p)
}

var relOps = map[string]CompareOp{"=": Eq, "!=": Ne, "<": Lt, ">": Gt, "<=": Le, ">=": Ge}

func (l *lowerer) operand(g *operand) Operand {
	var x Operand
	if g.Lit != nil {
		x = l.literal(g.Lit)
	} else {
		x = l.path(g.Path)
	}
	for _, p := range g.Postfix {
		sp := Span{x.Span().Start, posOf(p.EndPos)}
		switch {
		case p.Call != nil:
			c := &Call{X: x, Name: p.Call.Name, NamePos: posOf(p.Call.Pos), span: sp}
			for _, a := range p.Call.Args {
				c.Args = append(c.Args, l.operand(a))
			}
			x = c
		case p.Array != nil:
			x = &ArrayOp{
				X:     x,
				Op:    arrayOps[strings.ToLower(p.Array.Op)],
				OpPos: posOf(p.Array.Pos),
				Body:  l.bracketBody(p.Array.Body),
				span:  sp,
			}
		case p.GroupBy != nil:
			x = &ArrayOp{X: x, Op: GroupBy, OpPos: posOf(p.GroupBy.Pos), Key: l.path(p.GroupBy.Key), span: sp}
		}
	}
	return x
}

var arrayOps = map[string]ArrayOpKind{
	"contain":        Contain,
	"contain-any":    ContainAny,
	"contain-all":    ContainAll,
	"contain-none":   ContainNone,
	"contain-single": ContainSingle,
	"with":           With,
}

// bracketBody lowers the condition inside an array operator's brackets. A
// lone literal, parentheses aside, means `$ = literal`.
func (l *lowerer) bracketBody(g *disjunction) Expr {
	if lit := loneLiteral(g); lit != nil {
		y := l.literal(lit)
		sp := y.Span()
		dollar := &Path{Current: true, span: Span{sp.Start, sp.Start}}
		return &Compare{Op: Eq, X: dollar, Y: y, OpPos: sp.Start, span: sp}
	}
	return l.disjunction(g)
}

func loneLiteral(g *disjunction) *literal {
	for {
		if len(g.Rest) > 0 || len(g.X.Rest) > 0 || g.X.X.Term == nil {
			return nil
		}
		t := g.X.X.Term
		if t.Group != nil {
			g = t.Group
			continue
		}
		c := t.Cmp
		if c.Rel != nil || c.Like != nil || c.Regex != nil || c.In != nil ||
			c.X.Lit == nil || len(c.X.Postfix) > 0 {
			return nil
		}
		return c.X.Lit
	}
}

func (l *lowerer) path(g *pathExpr) *Path {
	p := &Path{Current: g.Current, span: span(g.Pos, g.EndPos)}
	if g.First != nil {
		p.Segments = append(p.Segments, l.segment(g.First.Pos, g.First.EndPos, g.First.Name, g.First.Quoted))
	}
	for _, s := range g.Rest {
		p.Segments = append(p.Segments, l.segment(s.Pos, s.EndPos, s.Name, s.Quoted))
	}
	return p
}

func (l *lowerer) segment(start, end lexer.Position, name, quoted *string) Segment {
	s := Segment{span: span(start, end)}
	if name != nil {
		s.Name = *name
		return s
	}
	s.Quoted = true
	s.Name = (*quoted)[1 : len(*quoted)-1]
	if s.Name == "" {
		l.errorf(start, end, "empty property name in backquotes")
	}
	return s
}

func (l *lowerer) literal(g *literal) Operand {
	sp := span(g.Pos, g.EndPos)
	switch {
	case g.String != nil:
		return &String{Value: l.unquote(g.Pos, *g.String), span: sp}
	case g.Number != nil:
		return l.number(g, *g.Number)
	case g.Bool != nil:
		return &Bool{Value: strings.EqualFold(*g.Bool, "true"), span: sp}
	}
	return &Null{span: sp}
}

func (l *lowerer) number(g *literal, text string) *Number {
	n := &Number{Text: text, span: span(g.Pos, g.EndPos)}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		l.errorf(g.Pos, g.EndPos, "number "+text+" is out of range")
	}
	n.Float = f
	if !strings.Contains(text, ".") {
		i, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			l.errorf(g.Pos, g.EndPos, "integer "+text+" does not fit in 64 bits")
		}
		n.IsInt, n.Int = true, i
	}
	return n
}

func (l *lowerer) stringLit(g *stringLit) *String {
	return &String{Value: l.unquote(g.Pos, g.Raw), span: span(g.Pos, g.EndPos)}
}

// unquote removes the quotes around a string literal and resolves its
// escapes: \\ \' \" \n \t \r. Any other escape is an error.
func (l *lowerer) unquote(pos lexer.Position, raw string) string {
	body := raw[1 : len(raw)-1]
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		// The lexer guarantees a character follows every backslash.
		r, size := utf8.DecodeRuneInString(body[i+1:])
		switch r {
		case '\\', '\'', '"':
			b.WriteRune(r)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		default:
			start := pos
			start.Advance(raw[:1+i])
			end := start
			end.Advance(body[i : i+1+size])
			l.errs = append(l.errs, &Error{
				Pos:  posOf(start),
				End:  posOf(end),
				Msg:  "unknown escape sequence \\" + string(r) + " in string",
				Hint: `the escapes are \\ \' \" \n \t \r`,
				Line: lineAt(l.src, start.Offset),
			})
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

func (l *lowerer) regex(g *regexLit) *Regex {
	raw := g.Raw
	end := strings.LastIndexByte(raw, '/')
	body, flags := raw[1:end], raw[end+1:]
	re := &Regex{Flags: flags, span: span(g.Pos, g.EndPos)}
	if strings.Contains(body, `\/`) {
		var b strings.Builder
		for i := 0; i < len(body); i++ {
			if body[i] == '\\' && i+1 < len(body) {
				if body[i+1] == '/' {
					b.WriteByte('/')
				} else {
					b.WriteByte('\\')
					b.WriteByte(body[i+1])
				}
				i++
				continue
			}
			b.WriteByte(body[i])
		}
		body = b.String()
	}
	re.Pattern = body
	for i := 0; i < len(flags); i++ {
		f := flags[i]
		if (f != 'i' && f != 'm' && f != 's') || strings.IndexByte(flags[:i], f) >= 0 {
			start := g.Pos
			start.Advance(raw[:end+1+i])
			stop := start
			stop.Advance(flags[i : i+1])
			msg := "unknown regular expression flag " + strconv.Quote(flags[i:i+1])
			if strings.IndexByte(flags[:i], f) >= 0 {
				msg = "repeated regular expression flag " + strconv.Quote(flags[i:i+1])
			}
			l.errs = append(l.errs, &Error{
				Pos:  posOf(start),
				End:  posOf(stop),
				Msg:  msg,
				Hint: "the flags are i (ignore case), m (multi-line) and s (dot matches newline)",
				Line: lineAt(l.src, start.Offset),
			})
			break
		}
	}
	return re
}
