package lang

import (
	"sort"
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
	toks []lexer.Token
	errs ErrorList
}

func (l *lowerer) errorf(start, end Pos, msg, hint string) {
	l.errs = append(l.errs, &Error{
		Pos:  start,
		End:  end,
		Msg:  msg,
		Hint: hint,
		Line: lineAt(l.src, start.Offset),
	})
}

// index returns the index of the token that starts at byte offset off.
func (l *lowerer) index(off int) int {
	return sort.Search(len(l.toks), func(i int) bool { return l.toks[i].Pos.Offset >= off })
}

// end converts a node's EndPos, which participle sets to the start of the
// token after the node, into the end of the node's last token.
func (l *lowerer) end(next lexer.Position) Pos {
	i := l.index(next.Offset)
	if i == 0 {
		return posOf(next)
	}
	return endOf(l.toks[i-1])
}

func (l *lowerer) span(start, next lexer.Position) Span {
	return Span{Start: posOf(start), End: l.end(next)}
}

func tokenSpan(t lexer.Token) Span { return Span{posOf(t.Pos), endOf(t)} }

func (l *lowerer) rule(g *rule) *Rule {
	r := &Rule{Source: l.src, span: l.span(g.Pos, g.EndPos)}
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
		// The grammar accepts a bare target so that this error can say
		// what is missing.
		end := r.span.End
		l.errs = append(l.errs, &Error{
			Pos:      end,
			End:      end,
			Msg:      "unexpected end of rule after the entity type",
			Expected: []string{`"where"`, `"should"`},
			Line:     lineAt(l.src, end.Offset),
		})
	}
	return r
}

func (l *lowerer) target(g *target) *Target {
	t := &Target{Type: g.Name, span: l.span(g.Pos, g.EndPos)}
	name := l.toks[l.index(g.Pos.Offset)]
	if !isPlainIdent(name.Value) {
		l.errorf(posOf(name.Pos), endOf(name), "expected an entity type, found "+strconv.Quote(name.Value), "")
	}
	if g.Elem != nil {
		if !strings.EqualFold(g.Name, "List") {
			l.errorf(posOf(name.Pos), endOf(name),
				`unexpected "<" after entity type `+g.Name+`: only List<Type> takes a type argument`, "")
		}
		t.Type = *g.Elem
		t.List = true
		if !isPlainIdent(t.Type) {
			elem := l.toks[l.index(g.Pos.Offset)+2]
			l.errorf(posOf(elem.Pos), endOf(elem), "expected an entity type, found "+strconv.Quote(t.Type), "")
		}
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
	switch {
	case g.Not != nil:
		return &Not{X: l.unary(g.Not), span: l.span(g.Pos, g.EndPos)}
	case g.Group != nil:
		return l.disjunction(g.Group)
	}
	return l.comparison(g.Cmp)
}

var relOps = map[string]CompareOp{
	"=": Eq, "!=": Ne, "<": Lt, ">": Gt, "<=": Le, ">=": Ge,
	"like": Like, "unlike": Unlike, "regexMatch": RegexMatch, "in": In,
}

func (l *lowerer) comparison(g *comparison) Expr {
	x := l.operand(g.X)
	if g.Op == "" {
		return &Test{X: x}
	}
	i := l.index(g.X.EndPos.Offset) // the operator token
	opTok := l.toks[i]
	name := g.Op
	if k, _, ok := keywordOf(name); ok {
		name = k
	}
	c := &Compare{Op: relOps[name], X: x, OpPos: posOf(opTok.Pos), span: l.span(g.Pos, g.EndPos)}
	rhs := l.toks[i+1]
	switch c.Op {
	case In:
		if g.List == nil {
			l.errorf(posOf(rhs.Pos), endOf(rhs), "unexpected "+describeToken(rhs)+` after "in"`,
				"in takes a parenthesised list of literals, e.g. port in (22, 3389)")
			return c
		}
		list := &List{}
		for k := range g.List {
			list.Elems = append(list.Elems, l.literal(l.toks[i+2+2*k]))
		}
		list.span = Span{posOf(rhs.Pos), endOf(l.toks[i+1+2*len(g.List)])}
		c.Y = list
	case RegexMatch:
		c.Y = l.regex(rhs)
	case Like, Unlike:
		if g.Y != nil && g.Y.Lit != nil && len(g.Y.Postfix) == 0 &&
			(rhs.Value[0] == '\'' || rhs.Value[0] == '"') {
			c.Y = l.literal(rhs)
			return c
		}
		l.errorf(posOf(rhs.Pos), endOf(rhs), "unexpected "+describeToken(rhs)+" after "+strconv.Quote(name),
			name+" takes a quoted pattern, e.g. name "+name+" '%prod%'")
	default:
		if g.Y == nil {
			l.errorf(posOf(rhs.Pos), endOf(rhs), "unexpected "+describeToken(rhs)+" after "+strconv.Quote(name),
				`a parenthesised list may only follow "in"`)
			return c
		}
		c.Y = l.operand(g.Y)
	}
	return c
}

func (l *lowerer) operand(g *operand) Operand {
	i := l.index(g.Pos.Offset)
	var x Operand
	if g.Lit != nil {
		x = l.literal(l.toks[i])
	} else {
		x = l.path(i, len(g.Path))
	}
	for _, p := range g.Postfix {
		sp := Span{x.Span().Start, l.end(p.EndPos)}
		k := l.index(p.Pos.Offset)
		opTok, open := l.toks[k], l.toks[k+1]
		name, _, isKw := keywordOf(p.Op)
		if !isKw {
			c := &Call{X: x, Name: p.Op, NamePos: posOf(opTok.Pos), span: sp}
			for _, a := range p.Args {
				c.Args = append(c.Args, l.operand(a))
			}
			x = c
			continue
		}
		a := &ArrayOp{X: x, Op: arrayOps[name], OpPos: posOf(opTok.Pos), span: sp}
		switch {
		case open.Value != "[":
			l.errorf(posOf(open.Pos), endOf(open), `unexpected "(" after `+name,
				name+" takes a condition in brackets, e.g. tags "+name+" [key = 'env']")
		case a.Op == GroupBy:
			a.Key = l.groupKey(p.Body)
		default:
			a.Body = l.bracketBody(p.Body)
		}
		x = a
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
	"groupBy":        GroupBy,
}

// groupKey lowers the bracket of groupBy, which must hold a bare path.
func (l *lowerer) groupKey(g *disjunction) *Path {
	if len(g.Rest) == 0 && len(g.X.Rest) == 0 && g.X.X.Cmp != nil {
		c := g.X.X.Cmp
		if c.Op == "" && c.X.Path != nil && len(c.X.Postfix) == 0 {
			return l.path(l.index(c.X.Pos.Offset), len(c.X.Path))
		}
	}
	body := l.disjunction(g)
	sp := body.Span()
	l.errorf(sp.Start, sp.End, "groupBy takes a property path in its brackets", "e.g. items groupBy [properties.category]")
	return nil
}

// bracketBody lowers the condition inside an array operator's brackets. A
// lone literal, parentheses aside, means `$ = literal`; the `$` gets an
// empty span at the literal's start.
func (l *lowerer) bracketBody(g *disjunction) Expr {
	if lit := loneLiteral(g); lit != nil {
		y := l.literal(l.toks[l.index(lit.Pos.Offset)])
		sp := y.Span()
		dollar := &Path{Current: true, span: Span{sp.Start, sp.Start}}
		return &Compare{Op: Eq, X: dollar, Y: y, OpPos: sp.Start, span: sp}
	}
	return l.disjunction(g)
}

func loneLiteral(g *disjunction) *operand {
	for {
		if len(g.Rest) > 0 || len(g.X.Rest) > 0 || g.X.X.Not != nil {
			return nil
		}
		u := g.X.X
		if u.Group != nil {
			g = u.Group
			continue
		}
		c := u.Cmp
		if c.Op != "" || c.X.Lit == nil || len(c.X.Postfix) > 0 {
			return nil
		}
		return c.X
	}
}

// path lowers the n segments of the path whose first token is toks[i].
func (l *lowerer) path(i, n int) *Path {
	first := l.toks[i]
	last := l.toks[i+2*(n-1)]
	p := &Path{span: Span{posOf(first.Pos), endOf(last)}}
	for k := 0; k < n; k++ {
		t := l.toks[i+2*k]
		switch {
		case t.Value == "$":
			if k > 0 {
				l.errorf(posOf(t.Pos), endOf(t), `"$" may only start a path`, "")
			}
			p.Current = true
		case t.Value[0] == '`':
			name := t.Value[1 : len(t.Value)-1]
			if name == "" {
				l.errorf(posOf(t.Pos), endOf(t), "empty property name in backquotes", "")
			}
			p.Segments = append(p.Segments, Segment{Name: name, Quoted: true, span: tokenSpan(t)})
		default:
			p.Segments = append(p.Segments, Segment{Name: t.Value, span: tokenSpan(t)})
		}
	}
	return p
}

// literal lowers a Literal token.
func (l *lowerer) literal(t lexer.Token) Operand {
	sp := tokenSpan(t)
	switch c := t.Value[0]; {
	case c == '\'' || c == '"':
		return &String{Value: l.unquote(t.Pos, t.Value), span: sp}
	case c == '-' || '0' <= c && c <= '9':
		return l.number(t)
	case strings.EqualFold(t.Value, "null"):
		return &Null{span: sp}
	}
	return &Bool{Value: strings.EqualFold(t.Value, "true"), span: sp}
}

func (l *lowerer) number(t lexer.Token) *Number {
	sp := tokenSpan(t)
	text := t.Value
	n := &Number{Text: text, span: sp}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		l.errorf(sp.Start, sp.End, "number "+text+" is out of range", "")
	}
	n.Float = f
	if !strings.Contains(text, ".") {
		i, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			l.errorf(sp.Start, sp.End, "integer "+text+" does not fit in 64 bits", "")
		}
		n.IsInt, n.Int = true, i
	}
	return n
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

func (l *lowerer) regex(t lexer.Token) *Regex {
	raw := t.Value
	end := strings.LastIndexByte(raw, '/')
	body, flags := raw[1:end], raw[end+1:]
	re := &Regex{Flags: flags, span: tokenSpan(t)}
	if strings.Contains(body, `\/`) {
		var b strings.Builder
		for i := 0; i < len(body); i++ {
			if body[i] == '\\' && i+1 < len(body) {
				if body[i+1] != '/' {
					b.WriteByte('\\')
				}
				b.WriteByte(body[i+1])
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
		repeated := strings.IndexByte(flags[:i], f) >= 0
		if (f == 'i' || f == 'm' || f == 's') && !repeated {
			continue
		}
		start := t.Pos
		start.Advance(raw[:end+1+i])
		stop := start
		stop.Advance(flags[i : i+1])
		msg := "unknown regular expression flag " + strconv.Quote(flags[i:i+1])
		if repeated {
			msg = "repeated regular expression flag " + strconv.Quote(flags[i:i+1])
		}
		l.errorf(posOf(start), posOf(stop), msg, "the flags are i (ignore case), m (multi-line) and s (dot matches newline)")
		break
	}
	return re
}
