package lang

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/gsl-lang/gsl/internal/textdist"
	"github.com/gsl-lang/gsl/internal/token"
)

// This file turns lexer and parser failures into *Error values that point
// at the fault and say what would have been accepted there.

// keywordNames are the words of the table in their canonical spelling,
// literals aside: the candidates for "did you mean" on an unexpected word.
var keywordNames = func() []string {
	var out []string
	for _, w := range token.All() {
		if w.IsName() && w.Class != token.Literal {
			out = append(out, w.Text)
		}
	}
	return out
}()

// operatorHints maps the operators of other languages to their GSL
// spelling.
var operatorHints = func() map[string]string {
	m := map[string]string{}
	for _, w := range token.All() {
		if w.Class == token.Foreign {
			m[w.Text] = w.Instead
		}
	}
	return m
}()

// typographicQuotes are quote characters that word processors substitute
// for ' and ".
var typographicQuotes = map[rune]string{
	'‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'",
	'“': `"`, '”': `"`, '„': `"`, '‟': `"`, '″': `"`,
	'«': `"`, '»': `"`,
}

// lexError builds the error for text at p in src that no token rule
// matches; prev is the token before it, if any.
func lexError(src string, prev *lexer.Token, p lexer.Position) *Error {
	r, size := utf8.DecodeRuneInString(src[p.Offset:])
	e := &Error{Pos: posOf(p), Line: lineAt(src, p.Offset)}
	endp := p
	endp.Advance(src[p.Offset : p.Offset+size])
	e.End = posOf(endp)
	switch {
	case r == utf8.RuneError && size == 1:
		e.Msg = fmt.Sprintf("invalid UTF-8: byte 0x%02X is not part of a character", src[p.Offset])
	case prev != nil && prev.Type == tokCmpOp && takes(*prev) == token.RegexOperand:
		op, _ := comparisonOf(*prev)
		if r == '/' {
			e.Msg = "unterminated regular expression"
			e.Hint = `a regular expression ends with "/" and optional flags; write \/ for a slash inside it`
		} else {
			e.Msg = fmt.Sprintf("unexpected %s after %s", describeRune(r), op)
			e.Expected = []string{"regular expression /.../"}
		}
	case r == '\'' || r == '"':
		e.Msg = "unterminated string"
		e.Hint = fmt.Sprintf(`close the string with %c; write \%c for a quote inside it`, r, r)
	case r == '`':
		e.Msg = "unterminated backquoted property name"
	case typographicQuotes[r] != "":
		e.Msg = fmt.Sprintf("typographic quote %s cannot delimit a string", describeRune(r))
		e.Hint = fmt.Sprintf("use a straight quote %s", typographicQuotes[r])
	case r == '/' && prev != nil && prev.Type == tokIdent && textdist.Closest(prev.Value, vocab.regexOps) != "":
		e.Pos, e.End = posOf(prev.Pos), endOf(*prev)
		e.Line = lineAt(src, prev.Pos.Offset)
		e.Msg = fmt.Sprintf("unexpected %q before a regular expression", prev.Value)
		e.Hint = fmt.Sprintf("did you mean %q?", textdist.Closest(prev.Value, vocab.regexOps))
	case r == '/':
		e.Msg = `unexpected "/": a regular expression may only follow ` + opsTaking(token.RegexOperand)
	default:
		e.Msg = fmt.Sprintf("unexpected %s", describeRune(r))
	}
	return e
}

// describeRune names a character for a message: the character itself, and
// its code point when it is not plain ASCII.
func describeRune(r rune) string {
	if r < utf8.RuneSelf && unicode.IsPrint(r) {
		return fmt.Sprintf("%q", string(r))
	}
	name := ""
	if n, ok := runeNames[r]; ok {
		name = " " + n
	}
	if unicode.IsPrint(r) {
		return fmt.Sprintf("%q (U+%04X%s)", string(r), r, name)
	}
	return fmt.Sprintf("character U+%04X%s", r, name)
}

var runeNames = map[rune]string{
	'‘':      "LEFT SINGLE QUOTATION MARK",
	'’':      "RIGHT SINGLE QUOTATION MARK",
	'“':      "LEFT DOUBLE QUOTATION MARK",
	'”':      "RIGHT DOUBLE QUOTATION MARK",
	'\u00a0': "NO-BREAK SPACE",
	'\u200b': "ZERO WIDTH SPACE",
	'\ufeff': "BYTE ORDER MARK",
}

// tokenIndex returns the index in toks of the token starting at offset off.
func tokenIndex(toks []lexer.Token, off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= off })
}

// unexpectedToken builds the error for a token the grammar did not accept.
func unexpectedToken(src string, toks []lexer.Token, ute *participle.UnexpectedTokenError) *Error {
	if e := listTargetError(src, toks); e != nil {
		return e
	}
	if e := constantWithMore(src, toks); e != nil {
		return e
	}
	t := ute.Unexpected
	if e := inWithoutList(src, toks[:tokenIndex(toks, t.Pos.Offset)]); e != nil {
		return e
	}
	if i := tokenIndex(toks, t.Pos.Offset); t.Value == ")" && i >= 2 && i < len(toks) &&
		toks[i-1].Value == "(" && toks[i-2].Type == tokCmpOp && takes(toks[i-2]) == token.ListOperand {
		op, _ := comparisonOf(toks[i-2])
		return &Error{Pos: posOf(t.Pos), End: endOf(t), Line: lineAt(src, t.Pos.Offset),
			Msg: "empty list after " + strconv.Quote(op), Expected: []string{"literal"},
			Hint: listHint(op)}
	}
	idx := min(tokenIndex(toks, t.Pos.Offset), len(toks)-1)
	expected := expectedFrom(ute)
	// When participle backtracks out of an optional part, it blames the
	// token that opened that part (an operator, `and`, `should`, ...)
	// rather than the one after it that is actually wrong. Move to that
	// one, past any `not` and `have` that may legally follow.
	for idx > 0 && idx+1 < len(toks) {
		cur, next := toks[idx], toks[idx+1]
		need := needsAfter(cur)
		if need == nil || !canFollow(toks[idx-1], cur) ||
			satisfies(next, need) && !isWord(next, "not") && !isWord(next, "have") {
			break
		}
		idx++
		if !isWord(next, "not") && !isWord(next, "have") {
			break
		}
	}
	t = toks[idx]
	var after *lexer.Token
	if idx > 0 {
		if need := needsAfter(toks[idx-1]); need != nil && !satisfies(t, need) {
			after, expected = &toks[idx-1], need
		}
	}
	e := &Error{Pos: posOf(t.Pos), End: endOf(t), Line: lineAt(src, t.Pos.Offset), Expected: expected}
	if t.EOF() {
		e.Msg = "unexpected end of rule"
	} else {
		e.Msg = "unexpected " + describeToken(t)
	}
	if after != nil {
		e.Msg += " after " + describeToken(*after)
	}

	special := false
	switch {
	case t.Value == ")" || t.Value == "]":
		open := "("
		if t.Value == "]" {
			open = "["
		}
		if balance(toks[:idx], open, t.Value) <= 0 {
			e.Msg = fmt.Sprintf("unmatched %q: no %q is open here", t.Value, open)
			e.Expected = nil
			e.Hint = fmt.Sprintf("remove this %q or add the missing %q before it", t.Value, open)
			special = true
		}
	case t.Type == tokKeyword && strings.EqualFold(t.Value, "where") && precededBy(toks[:idx], "should"):
		e.Msg = `"where" after the condition`
		e.Expected = nil
		e.Hint = `the filter goes before "should": Type where Filter should Condition`
		special = true
	case t.Type == tokPostfix && !isKeyword(t.Value):
		// A function name where an operand should start: usually a
		// name glued to its operand, as in `networkAssetsStatslength()`.
		e.Msg = fmt.Sprintf("unexpected function call %s(...) without an operand", t.Value)
		e.Expected = []string{"operand"}
		e.Hint = "a function is called after its operand and a space: operand name(args)"
		if f := gluedFunction(t.Value); f != "" {
			e.Hint = fmt.Sprintf("did you mean %q? a function is called after its operand and a space",
				t.Value[:len(t.Value)-len(f)]+" "+f+"()")
		}
		special = true
	case t.Type == tokIdent:
		if s := textdist.Closest(t.Value, keywordNames); s != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", s)
		}
	case t.Type == tokOperator && operatorHints[t.Value] != "":
		e.Hint = fmt.Sprintf("did you mean %q?", operatorHints[t.Value])
	}
	if len(e.Expected) == 0 && !special {
		e.Expected = expectedAfter(toks[:idx])
	}
	return e
}

// gluedFunction returns the longest builtin function name that ends name,
// ignoring case, with something before it, or "".
func gluedFunction(name string) string {
	best := ""
	for _, f := range functionNames {
		if len(name) > len(f) && len(f) > len(best) && strings.EqualFold(name[len(name)-len(f):], f) {
			best = f
		}
	}
	return best
}

// listTargetError explains a rule that starts `List<` without going on
// with an entity type and '>': participle backtracks to the bare type List
// and blames a later token.
func listTargetError(src string, toks []lexer.Token) *Error {
	if len(toks) < 3 || toks[0].Type != tokIdent || toks[0].Value != "List" {
		return nil
	}
	at := func(t lexer.Token, msg, expected string) *Error {
		e := &Error{Pos: posOf(t.Pos), End: endOf(t), Line: lineAt(src, t.Pos.Offset), Msg: msg,
			Expected: []string{expected}, Hint: "a List target names one entity type: List<Type>"}
		if t.EOF() {
			e.End = e.Pos
		}
		return e
	}
	switch toks[1].Value {
	case "<>":
		return at(toks[1], `"List<>" names no entity type`, "entity type")
	case "<":
	default:
		return nil
	}
	describe := func(t lexer.Token) string {
		if t.EOF() {
			return "end of rule"
		}
		return describeToken(t)
	}
	if toks[2].Type != tokIdent {
		return at(toks[2], "unexpected "+describe(toks[2])+` after "List<"`, "entity type")
	}
	if len(toks) < 4 || toks[3].Value != ">" {
		end := toks[len(toks)-1]
		if len(toks) >= 4 {
			end = toks[3]
		}
		return at(end, fmt.Sprintf("unexpected %s after %q", describe(end), "List<"+toks[2].Value), `">"`)
	}
	return nil
}

// constantWithMore explains a rule that starts with true or false and goes
// on: those two words are whole rules (manual controls), never a target.
func constantWithMore(src string, toks []lexer.Token) *Error {
	if len(toks) < 2 || toks[1].EOF() ||
		!strings.EqualFold(toks[0].Value, "true") && !strings.EqualFold(toks[0].Value, "false") {
		return nil
	}
	t := toks[1]
	return &Error{Pos: posOf(t.Pos), End: endOf(t), Line: lineAt(src, t.Pos.Offset),
		Msg:  fmt.Sprintf("unexpected %s after %q", describeToken(t), toks[0].Value),
		Hint: "a rule that is true or false is only that word (a manual control); other rules start with an entity type: Type should ..."}
}

// inWithoutList explains an operator taking a list (`in`) before the fault
// that is not followed by a parenthesised list, as in `port in 22, 3389`:
// the parser stops at the comma, but the list's parentheses are what is
// missing.
func inWithoutList(src string, before []lexer.Token) *Error {
	for i := 0; i+1 < len(before); i++ {
		if before[i].Type != tokCmpOp || takes(before[i]) != token.ListOperand || before[i+1].Value == "(" {
			continue
		}
		op, _ := comparisonOf(before[i])
		t := before[i+1]
		return &Error{Pos: posOf(t.Pos), End: endOf(t), Line: lineAt(src, t.Pos.Offset),
			Msg:  "unexpected " + describeToken(t) + " after " + strconv.Quote(op),
			Hint: listHint(op)}
	}
	return nil
}

// takes returns what the comparison operator token t takes on its right.
func takes(t lexer.Token) token.Operand {
	_, op := comparisonOf(t)
	return op.takes
}

// describeToken renders a token for a message.
func describeToken(t lexer.Token) string {
	v := t.Value
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:37]) + "..."
	}
	switch t.Type {
	case tokLiteral:
		switch c := v[0]; {
		case c == '\'' || c == '"':
			return "string " + v
		case c == '-' || '0' <= c && c <= '9':
			return "number " + v
		}
		return strconv.Quote(v)
	case tokRegex:
		return "regular expression " + v
	}
	return fmt.Sprintf("%q", v)
}

// balance counts open minus close tokens in toks.
func balance(toks []lexer.Token, open, close string) int {
	n := 0
	for _, t := range toks {
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case open:
			n++
		case close:
			n--
		}
	}
	return n
}

func precededBy(toks []lexer.Token, kw string) bool {
	for _, t := range toks {
		if t.Type == tokKeyword && strings.EqualFold(t.Value, kw) {
			return true
		}
	}
	return false
}

// expectedAfter lists what may follow a complete operand or condition, for
// errors the grammar reports without an expectation.
func expectedAfter(before []lexer.Token) []string {
	var open []string
	for _, t := range before {
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case "(":
			open = append(open, `")"`)
		case "[":
			open = append(open, `"]"`)
		case ")", "]":
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) > 0 {
		return []string{"an operator", `"and"`, `"or"`, open[len(open)-1]}
	}
	switch {
	case len(before) == 0:
		return []string{"entity type", `"true"`, `"false"`}
	case precededBy(before, "should"):
		return []string{"an operator", `"and"`, `"or"`, "end of rule"}
	case precededBy(before, "where"):
		return []string{"an operator", `"and"`, `"or"`, `"should"`, "end of rule"}
	}
	return []string{`"where"`, `"should"`}
}

var expectRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|[A-Za-z]+`)

// productionNames translates the productions and token classes of the
// grammar, as participle's expectations name them (a production by its
// name, a token class in angle brackets), into words for users.
// TestProductionNames checks that it covers the grammar.
var productionNames = map[string]string{
	"Rule":        "rule",
	"Target":      "entity type",
	"Disjunction": "condition",
	"Conjunction": "condition",
	"Unary":       "condition",
	"Comparison":  "condition",
	"Operand":     "operand",
	"Postfix":     "function or array operator",
	"ident":       "property name",
	"postfix":     "function or array operator",
	"literal":     "literal",
	"cmpop":       "comparison operator",
	"regex":       "regular expression /.../",
}

// expectedFrom extracts participle's expectation, if any, as a list of
// user-facing names.
func expectedFrom(ute *participle.UnexpectedTokenError) []string {
	msg := ute.Message()
	i := strings.Index(msg, " (expected ")
	if i < 0 {
		return nil
	}
	ebnf := strings.TrimSuffix(msg[i+len(" (expected "):], ")")
	var out []string
	seen := map[string]bool{}
	for _, w := range expectRe.FindAllString(ebnf, -1) {
		if !strings.HasPrefix(w, `"`) {
			n, ok := productionNames[w]
			if !ok {
				n = strings.ToLower(w)
			}
			w = n
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// needsAfter returns what must follow t when t is a token that cannot end
// a rule or a condition, and nil otherwise.
func needsAfter(t lexer.Token) []string {
	switch t.Type {
	case tokCmpOp:
		switch takes(t) {
		case token.ListOperand:
			return []string{`"("`}
		case token.StringOperand:
			return []string{"string"}
		case token.RegexOperand:
			return []string{"regular expression /.../"}
		}
		return []string{"operand"}
	case tokKeyword:
		return []string{"condition"}
	case tokPostfix:
		if isKeyword(t.Value) {
			return []string{`"["`}
		}
	case tokPunct:
		switch t.Value {
		case ".":
			return []string{"property name"}
		case ",":
			return []string{"operand"}
		}
	}
	return nil
}

// canFollow reports whether t may follow prev, for the tokens needsAfter
// knows: operators and array operators follow an operand, `.` follows a
// name, and `not` and `have` follow `should`.
func canFollow(prev, t lexer.Token) bool {
	endsOperand := prev.Type == tokIdent || prev.Type == tokLiteral ||
		prev.Type == tokPunct && (prev.Value == ")" || prev.Value == "]")
	switch t.Type {
	case tokCmpOp, tokPostfix:
		return endsOperand
	case tokPunct:
		return t.Value != "." || prev.Type == tokIdent
	case tokKeyword:
		switch {
		case isWord(t, "not"), isWord(t, "have"):
			return true
		case isWord(t, "should"), isWord(t, "where"):
			return endsOperand || prev.Value == ">"
		}
		return endsOperand
	}
	return true
}

// satisfies reports whether t can begin what need (from needsAfter) asks for.
func satisfies(t lexer.Token, need []string) bool {
	switch need[0] {
	case "condition":
		return t.Type == tokIdent || t.Type == tokLiteral || t.Value == "(" && t.Type == tokPunct ||
			isWord(t, "not") || t.Type == tokPostfix && !isKeyword(t.Value)
	case "operand":
		return t.Type == tokIdent || t.Type == tokLiteral
	case "property name":
		return t.Type == tokIdent
	case "string":
		return t.Type == tokLiteral && (t.Value[0] == '\'' || t.Value[0] == '"')
	case "regular expression /.../":
		return t.Type == tokRegex
	}
	return t.Type == tokPunct && `"`+t.Value+`"` == need[0]
}

func isWord(t lexer.Token, kw string) bool {
	return t.Type == tokKeyword && strings.EqualFold(t.Value, kw)
}

func isKeyword(s string) bool {
	_, _, ok := keywordOf(s)
	return ok
}
