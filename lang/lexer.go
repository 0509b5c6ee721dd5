package lang

import (
	"io"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// This file holds the lexer: the token rules, the keyword table, and the
// pass that turns a rule's text into tokens before the grammar runs. That
// pass also enforces the size and nesting limits, so the recursive parser
// never sees input deep enough to exhaust the stack.

// Limits on a single rule's text. Input beyond them is rejected with an
// error before any recursive parsing happens.
const (
	// MaxRuleBytes is the longest rule text Parse accepts, in bytes.
	MaxRuleBytes = 64 << 10
	// MaxDepth is the deepest nesting of parentheses, array brackets,
	// function-call argument lists and `not` that Parse accepts.
	MaxDepth = 64
)

// lexRules are the token rules. Identifiers allow ':' and '-' after the
// first character, so `aws:SecureTransport`, `s3:x-amz-server-side-encryption`
// and `contain-any` are single tokens. Keywords are lexed as identifiers and
// retyped afterwards (see tokenize), so a keyword never matches the prefix of a
// longer name (`android`, `notes`, `inboundRules`). The one exception is
// regexMatch, which has its own rule to switch the lexer into the Regex
// state: a `/.../flags` literal is only recognised right after it. Rules
// named in lower case (whitespace) produce no tokens. The lexer tries the
// rules in order; no two of them can match at the same place except
// regexMatch and Ident, so the order is by frequency.
var lexRules = lexer.Rules{
	"Root": {
		{Name: "whitespace", Pattern: `\s+`},
		{Name: "Keyword", Pattern: `(?i)regexmatch\b`, Action: lexer.Push("Regex")},
		{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_:-]*`},
		{Name: "Punct", Pattern: `[()\[\],.$]`},
		{Name: "Operator", Pattern: `!=|<=|>=|==|<>|&&|\|\||[=<>!]`},
		{Name: "String", Pattern: `'(?:[^'\\]|\\(?s:.))*'|"(?:[^"\\]|\\(?s:.))*"`},
		{Name: "Number", Pattern: `-?[0-9]+(?:\.[0-9]+)?`},
		{Name: "Backquoted", Pattern: "`[^`]*`"},
	},
	"Regex": {
		{Name: "whitespace", Pattern: `\s+`},
		{Name: "Regex", Pattern: `/(?:[^\\/]|\\(?s:.))*/[A-Za-z]*`, Action: lexer.Pop()},
	},
}

var stateful = lexer.MustStateful(lexRules)

// The token types the grammar sees. After the stateful lexer, tokenize
// sorts the raw tokens into the classes the grammar is written in:
//
//	Ident    a name: an entity type, a path segment (plain, backquoted, or
//	         a keyword right after a dot), or `$`
//	Postfix  an array operator (contain contain-any contain-all
//	         contain-none contain-single with groupBy), or an identifier
//	         followed by "(": a function name
//	Keyword  where should not have and or
//	Literal  a string, a number, true, false or null
//	CmpOp    = != < > <= >= like unlike regexMatch in
//	Regex    /pattern/flags (only after regexMatch)
//	Punct    ( ) [ ] , .
//	Operator == <> && || ! (never valid; lexed for a helpful error)
//
// Keeping a few broad classes lets the grammar match one token type where it
// would otherwise try many alternatives, which is most of participle's cost.
var (
	tokEOF      = lexer.EOF
	tokKeyword  = stateful.Symbols()["Keyword"]
	tokIdent    = stateful.Symbols()["Ident"]
	tokBackq    = stateful.Symbols()["Backquoted"]
	tokString   = stateful.Symbols()["String"]
	tokNumber   = stateful.Symbols()["Number"]
	tokOperator = stateful.Symbols()["Operator"]
	tokPunct    = stateful.Symbols()["Punct"]
	tokRegex    = stateful.Symbols()["Regex"]
	tokPostfix  = minSymbol() - 1
	tokLiteral  = minSymbol() - 2
	tokCmpOp    = minSymbol() - 3
)

func minSymbol() lexer.TokenType {
	m := lexer.EOF
	for _, t := range stateful.Symbols() {
		m = min(m, t)
	}
	return m
}

// definition is the lexer definition the grammar is built with: the
// stateful lexer followed by the retyping in tokenize.
type definition struct {
	symbols map[string]lexer.TokenType
}

func newDefinition() *definition {
	syms := map[string]lexer.TokenType{
		"Postfix": tokPostfix, "Literal": tokLiteral, "CmpOp": tokCmpOp,
	}
	for k, v := range stateful.Symbols() {
		syms[k] = v
	}
	return &definition{symbols: syms}
}

// Symbols returns the token types, including the classes made by tokenize.
func (d *definition) Symbols() map[string]lexer.TokenType { return d.symbols }

// Lex tokenizes the whole of r as one rule.
func (d *definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	toks, lerr := tokenize(string(src), 0, len(src), 1)
	if lerr != nil {
		return nil, lerr
	}
	return &sliceLexer{toks: toks}, nil
}

// keywords maps the lower-case spelling of every reserved word to its
// canonical spelling and token class. Keywords are matched
// case-insensitively; the first segment of a path cannot be a keyword (later
// segments, after a dot, can).
var keywords = map[string]struct {
	name string
	typ  lexer.TokenType
}{
	"where":          {"where", tokKeyword},
	"should":         {"should", tokKeyword},
	"not":            {"not", tokKeyword},
	"have":           {"have", tokKeyword},
	"and":            {"and", tokKeyword},
	"or":             {"or", tokKeyword},
	"like":           {"like", tokCmpOp},
	"unlike":         {"unlike", tokCmpOp},
	"regexmatch":     {"regexMatch", tokCmpOp},
	"in":             {"in", tokCmpOp},
	"contain":        {"contain", tokPostfix},
	"contain-any":    {"contain-any", tokPostfix},
	"contain-all":    {"contain-all", tokPostfix},
	"contain-none":   {"contain-none", tokPostfix},
	"contain-single": {"contain-single", tokPostfix},
	"with":           {"with", tokPostfix},
	"groupby":        {"groupBy", tokPostfix},
	"true":           {"true", tokLiteral},
	"false":          {"false", tokLiteral},
	"null":           {"null", tokLiteral},
}

// keywordOf returns the canonical spelling and token class of s if it is a
// keyword.
func keywordOf(s string) (string, lexer.TokenType, bool) {
	if len(s) > len("contain-single") {
		return "", 0, false
	}
	var buf [16]byte
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	k, ok := keywords[string(b)]
	return k.name, k.typ, ok
}

// tokenize lexes the rule in src[start:end], which begins at the start of
// line number line, into the token slice the grammar consumes. It retypes
// the raw tokens (see the token classes above) and enforces MaxRuleBytes
// and MaxDepth. Token and error positions are relative to src.
func tokenize(src string, start, end, line int) ([]lexer.Token, *Error) {
	if end-start > MaxRuleBytes {
		return nil, &Error{
			Pos:  Pos{Offset: start, Line: line, Column: 1},
			Msg:  "rule is too long: " + strconv.Itoa(end-start) + " bytes, the limit is " + strconv.Itoa(MaxRuleBytes),
			Line: firstLine(src[start:end]),
		}
	}
	lx, err := stateful.LexString("", src[start:end])
	if err != nil {
		return nil, &Error{Pos: Pos{Offset: start, Line: line, Column: 1}, Msg: err.Error()}
	}
	toks := make([]lexer.Token, 0, (end-start)/5+2)
	// The nesting stack: '(' and '[' for brackets, 'n' for a pending `not`.
	var stack []byte
	popNots := func() {
		for len(stack) > 0 && stack[len(stack)-1] == 'n' {
			stack = stack[:len(stack)-1]
		}
	}
	for {
		t, err := lx.Next()
		if err != nil {
			return nil, lexError(src, toks, err, start, line)
		}
		t.Pos.Offset += start
		t.Pos.Line += line - 1
		afterDot := len(toks) > 0 && toks[len(toks)-1].Type == tokPunct && toks[len(toks)-1].Value == "."
		switch t.Type {
		case tokIdent:
			if afterDot {
				break
			}
			if k, typ, ok := keywordOf(t.Value); ok {
				t.Type = typ
				switch k {
				case "not":
					stack = append(stack, 'n')
				case "and", "or", "should", "where", "have":
					popNots()
				}
			}
		case tokKeyword: // regexMatch
			t.Type = tokCmpOp
		case tokBackq:
			t.Type = tokIdent
		case tokString, tokNumber:
			t.Type = tokLiteral
		case tokOperator:
			switch t.Value {
			case "=", "!=", "<", ">", "<=", ">=":
				t.Type = tokCmpOp
			}
		case tokPunct:
			switch t.Value {
			case "$":
				t.Type = tokIdent
			case "(", "[":
				if t.Value == "(" && len(toks) > 0 {
					if p := &toks[len(toks)-1]; p.Type == tokIdent && isPlainIdent(p.Value) {
						p.Type = tokPostfix
					}
				}
				stack = append(stack, t.Value[0])
			case ")", "]":
				popNots()
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case ",":
				popNots()
			}
		}
		if len(stack) > MaxDepth {
			return nil, &Error{
				Pos: posOf(t.Pos),
				End: endOf(t),
				Msg: "nesting is too deep: more than " + strconv.Itoa(MaxDepth) +
					" levels of parentheses, brackets and not",
				Line: lineAt(src, t.Pos.Offset),
			}
		}
		toks = append(toks, t)
		if t.EOF() {
			return toks, nil
		}
	}
}

// isPlainIdent reports whether an Ident token was written as a plain
// identifier (not backquoted, not `$`).
func isPlainIdent(s string) bool {
	c := s[0]
	return c == '_' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}

// posOf converts a lexer position to a Pos.
func posOf(p lexer.Position) Pos {
	return Pos{Offset: p.Offset, Line: p.Line, Column: p.Column}
}

// endOf is the position just after token t.
func endOf(t lexer.Token) Pos {
	p := t.Pos
	p.Advance(t.Value)
	return posOf(p)
}

// sliceLexer replays a token slice; it lets the grammar run on the tokens
// tokenize has already checked.
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	t := l.toks[l.i]
	if l.i < len(l.toks)-1 {
		l.i++
	}
	return t, nil
}

// lineAt returns the full source line holding byte offset off.
func lineAt(src string, off int) string {
	if off > len(src) {
		off = len(src)
	}
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	return strings.TrimSuffix(src[start:end], "\r")
}

func firstLine(src string) string {
	if i := strings.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	if len(src) > 200 {
		src = src[:200]
	}
	return src
}
