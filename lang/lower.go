package lang

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/gsl-lang/gsl/internal/token"
)

// This file lowers the participle parse tree (grammar.go) to the AST
// (ast.go), checking what the grammar cannot: literal escapes, number
// ranges, regex flags and the List<Type> spelling.

// The lowerer walks the token slice in step with the parse tree: the tree
// says which alternative matched and how many repetitions there were, the
// tokens supply names, values and positions. Every token the grammar
// matched is consumed exactly once, in order.
type lowerer struct {
	src  string
	toks []lexer.Token
	i    int // the next token
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

func (l *lowerer) tokenError(t lexer.Token, msg, hint string) {
	l.errorf(posOf(t.Pos), endOf(t), msg, hint)
}

func (l *lowerer) peek() lexer.Token { return l.toks[l.i] }

func (l *lowerer) next() lexer.Token {
	t := l.toks[l.i]
	if l.i < len(l.toks)-1 {
		l.i++
	}
	return t
}

// skip consumes a token the grammar has matched, checking its spelling.
func (l *lowerer) skip(value string) lexer.Token {
	t := l.next()
	if !strings.EqualFold(t.Value, value) {
		l.tokenError(t, "internal error: parser and lowering disagree: found "+describeToken(t)+", want "+strconv.Quote(value), "")
	}
	return t
}

// lastEnd is the end of the last token consumed.
func (l *lowerer) lastEnd() Pos {
	if l.i == 0 {
		return posOf(l.toks[0].Pos)
	}
	return endOf(l.toks[l.i-1])
}

func tokenSpan(t lexer.Token) Span { return Span{posOf(t.Pos), endOf(t)} }

func (l *lowerer) rule(g *rule) *Rule {
	start := posOf(l.peek().Pos)
	r := &Rule{Source: l.src}
	switch {
	case g.Const:
		r.Kind = RuleConst
		r.Const = strings.EqualFold(l.next().Value, "true")
	default:
		r.Target = l.target(g.Target)
		if g.Where != nil {
			l.skip("where")
			r.Where = l.disjunction(g.Where)
		}
		switch {
		case g.Should:
			r.Kind = RuleAssert
			l.skip("should")
			if isWord(l.peek(), "not") {
				l.next()
				r.Negated = true
			}
			if isWord(l.peek(), "have") {
				l.next()
			}
			r.Cond = l.disjunction(g.Cond)
		case g.Where != nil:
			r.Kind = RuleQuery
		default:
			// The grammar accepts a bare target so that this error can
			// say what is missing.
			end := l.lastEnd()
			l.errs = append(l.errs, &Error{
				Pos:      end,
				End:      end,
				Msg:      "unexpected end of rule after the entity type",
				Expected: []string{`"where"`, `"should"`},
				Line:     lineAt(l.src, end.Offset),
			})
		}
	}
	r.span = Span{start, l.lastEnd()}
	if t := l.peek(); !t.EOF() {
		l.tokenError(t, "internal error: parser and lowering disagree: "+describeToken(t)+" left over", "")
	}
	return r
}

func (l *lowerer) target(g *target) *Target {
	name := l.next()
	t := &Target{Type: name.Value}
	if !isPlainIdent(name.Value) {
		l.tokenError(name, "expected an entity type, found "+strconv.Quote(name.Value), "")
	}
	if g.List {
		l.skip("<")
		elem := l.next()
		l.skip(">")
		if !strings.EqualFold(name.Value, "List") {
			l.tokenError(name, `unexpected "<" after entity type `+name.Value+`: only List<Type> takes a type argument`, "")
		}
		if !isPlainIdent(elem.Value) {
			l.tokenError(elem, "expected an entity type, found "+strconv.Quote(elem.Value), "")
		}
		t.Type = elem.Value
		t.List = true
	}
	t.span = Span{posOf(name.Pos), l.lastEnd()}
	return t
}

func (l *lowerer) disjunction(g *disjunction) Expr {
	x := l.conjunction(g.X)
	for _, r := range g.Rest {
		l.skip("or")
		y := l.conjunction(r)
		x = &Logical{Op: Or, X: x, Y: y, span: Span{x.Span().Start, y.Span().End}}
	}
	return x
}

func (l *lowerer) conjunction(g *conjunction) Expr {
	x := l.unary(g.X)
	for _, r := range g.Rest {
		l.skip("and")
		y := l.unary(r)
		x = &Logical{Op: And, X: x, Y: y, span: Span{x.Span().Start, y.Span().End}}
	}
	return x
}

func (l *lowerer) unary(g *unary) Expr {
	switch {
	case g.Not != nil:
		not := l.skip("not")
		x := l.unary(g.Not)
		return &Not{X: x, span: Span{posOf(not.Pos), l.lastEnd()}}
	case g.Group != nil:
		l.skip("(")
		x := l.disjunction(g.Group)
		l.skip(")")
		return x
	}
	return l.comparison(g.Cmp)
}

// compareOp is a comparison operator: its constant and what it takes on
// its right.
type compareOp struct {
	op    CompareOp
	takes token.Operand
}

// compareOps maps the canonical spelling of each comparison operator to
// what it is.
var compareOps = func() map[string]compareOp {
	m := map[string]compareOp{}
	for _, w := range token.All() {
		if w.Class == token.Compare {
			m[w.Text] = compareOp{CompareOp(len(m)), w.Takes}
		}
	}
	return m
}()

// arrayOps maps the canonical spelling of each array operator to its kind.
var arrayOps = func() map[string]ArrayOpKind {
	m := map[string]ArrayOpKind{}
	for i, name := range arrayOpNames {
		m[name] = ArrayOpKind(i)
	}
	return m
}()

// comparisonOf returns the canonical spelling of the comparison operator
// token t and what it is.
func comparisonOf(t lexer.Token) (string, compareOp) {
	name := t.Value
	if k, _, ok := keywordOf(name); ok {
		name = k
	}
	return name, compareOps[name]
}

// listHint explains what the operator name, which takes a list, takes.
func listHint(name string) string {
	return name + " takes a parenthesised list of literals, e.g. port " + name + " (22, 3389)"
}

// opsTaking lists the comparison operators that take o on their right, as
// a message names them: quoted, or not for those taking a regex.
func opsTaking(o token.Operand) string {
	var names []string
	for _, w := range token.All() {
		if w.Class == token.Compare && w.Takes == o {
			if o == token.RegexOperand {
				names = append(names, w.Text)
			} else {
				names = append(names, strconv.Quote(w.Text))
			}
		}
	}
	return strings.Join(names, " or ")
}

func (l *lowerer) comparison(g *comparison) Expr {
	x := l.operand(g.X)
	if !g.Op {
		return &Test{X: x}
	}
	opTok := l.next()
	name, op := comparisonOf(opTok)
	c := &Compare{Op: op.op, X: x, OpPos: posOf(opTok.Pos)}
	rhs := l.peek()
	var y Operand
	switch {
	case g.Y != nil:
		y = l.operand(g.Y)
	case rhs.Value == "(":
		list := &List{}
		l.next()
		for {
			list.Elems = append(list.Elems, l.literal(l.next()))
			if l.peek().Value != "," {
				break
			}
			l.next()
		}
		l.skip(")")
		list.span = Span{posOf(rhs.Pos), l.lastEnd()}
		y = list
	default:
		y = l.regex(l.next())
	}
	c.span = Span{x.Span().Start, l.lastEnd()}
	switch op.takes {
	case token.ListOperand:
		if _, ok := y.(*List); !ok {
			l.tokenError(rhs, "unexpected "+describeToken(rhs)+" after "+strconv.Quote(name), listHint(name))
		}
	case token.RegexOperand:
		if _, ok := y.(*Regex); !ok {
			l.tokenError(rhs, "unexpected "+describeToken(rhs)+" after "+name,
				name+" takes a regular expression, e.g. name "+name+" /^prod-/i")
		}
	case token.StringOperand:
		if _, ok := y.(*String); !ok {
			l.tokenError(rhs, "unexpected "+describeToken(rhs)+" after "+strconv.Quote(name),
				name+" takes a quoted pattern, e.g. name "+name+" '%prod%'")
		}
	default:
		switch y.(type) {
		case *List:
			l.tokenError(rhs, "unexpected "+describeToken(rhs)+" after "+strconv.Quote(name),
				"a parenthesised list may only follow "+opsTaking(token.ListOperand))
		case *Regex:
			l.tokenError(rhs, "unexpected "+describeToken(rhs)+" after "+strconv.Quote(name),
				"a regular expression may only follow "+opsTaking(token.RegexOperand))
		}
	}
	c.Y = y
	return c
}

func (l *lowerer) operand(g *operand) Operand {
	var x Operand
	if t := l.peek(); t.Type == tokIdent {
		x = l.path()
	} else {
		x = l.literal(l.next())
	}
	for _, p := range g.Postfix {
		opTok := l.next()
		open := l.next()
		name, _, isKw := keywordOf(opTok.Value)
		if !isKw {
			c := &Call{X: x, Name: opTok.Value, NamePos: posOf(opTok.Pos)}
			for k, a := range p.Args {
				if k > 0 {
					l.skip(",")
				}
				c.Args = append(c.Args, l.operand(a))
			}
			l.skip(")")
			c.span = Span{x.Span().Start, l.lastEnd()}
			x = c
			continue
		}
		a := &ArrayOp{X: x, Op: arrayOps[name], OpPos: posOf(opTok.Pos)}
		switch {
		case open.Value != "[":
			l.tokenError(open, `unexpected "(" after `+name,
				name+" takes a condition in brackets, e.g. tags "+name+" [key = 'env']")
			for k, arg := range p.Args {
				if k > 0 {
					l.skip(",")
				}
				l.operand(arg)
			}
			l.skip(")")
		case a.Op == GroupBy:
			a.Key = l.groupKey(p.Body)
			l.skip("]")
		default:
			a.Body = l.bracketBody(p.Body)
			l.skip("]")
		}
		a.span = Span{x.Span().Start, l.lastEnd()}
		x = a
	}
	return x
}

// single reports whether g is a single comparison
// without an operator and without postfix operations, possibly in
// parentheses, and how many parentheses enclose it.
func single(g *disjunction) (depth int, ok bool) {
	for {
		if len(g.Rest) > 0 || len(g.X.Rest) > 0 || g.X.X.Not != nil {
			return 0, false
		}
		u := g.X.X
		if u.Group != nil {
			g = u.Group
			depth++
			continue
		}
		return depth, !u.Cmp.Op && len(u.Cmp.X.Postfix) == 0
	}
}

// groupKey lowers the bracket of groupBy, which must hold a bare path.
func (l *lowerer) groupKey(g *disjunction) *Path {
	if depth, ok := single(g); ok && depth == 0 && l.peek().Type == tokIdent {
		return l.path()
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
	if depth, ok := single(g); ok && l.toks[l.i+depth].Type == tokLiteral {
		for range depth {
			l.skip("(")
		}
		y := l.literal(l.next())
		for range depth {
			l.skip(")")
		}
		sp := y.Span()
		dollar := &Path{Current: true, span: Span{sp.Start, sp.Start}}
		return &Compare{Op: Eq, X: dollar, Y: y, OpPos: sp.Start, span: sp}
	}
	return l.disjunction(g)
}

// path lowers the longest run of names joined by dots at the cursor, as
// the grammar matched it.
func (l *lowerer) path() *Path {
	first := l.peek()
	n := 1
	for j := l.i + 1; l.isDot(j); j += 2 {
		n++
	}
	p := &Path{Segments: make([]Segment, 0, n)}
	for k := 0; ; k++ {
		t := l.next()
		switch {
		case t.Value == "$":
			if k > 0 {
				l.tokenError(t, `"$" may only start a path`, "")
			}
			p.Current = true
		case t.Value[0] == '`':
			name := t.Value[1 : len(t.Value)-1]
			if name == "" {
				l.tokenError(t, "empty property name in backquotes", "")
			}
			p.Segments = append(p.Segments, Segment{Name: name, Quoted: true, span: tokenSpan(t)})
		default:
			p.Segments = append(p.Segments, Segment{Name: t.Value, span: tokenSpan(t)})
		}
		if !l.isDot(l.i) {
			break
		}
		l.next()
	}
	p.span = Span{posOf(first.Pos), l.lastEnd()}
	return p
}

func isPunct(t *lexer.Token, s string) bool {
	return t.Type == tokPunct && t.Value == s
}

// isDot reports whether the token at index i is a "." followed by a name,
// which continues a path.
func (l *lowerer) isDot(i int) bool {
	return isPunct(&l.toks[i], ".") && l.toks[i+1].Type == tokIdent
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
