package lang

import (
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
// retyped by keywordOf, so a keyword never matches the prefix of a longer
// name (`android`, `notes`, `inboundRules`). The one exception is
// regexMatch, which needs its own rule to switch the lexer into the Regex
// state: a `/.../flags` literal is only recognised right after it.
var lexRules = lexer.Rules{
	"Root": {
		{Name: "Whitespace", Pattern: `\s+`},
		{Name: "Keyword", Pattern: `(?i)regexmatch\b`, Action: lexer.Push("Regex")},
		{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_:-]*`},
		{Name: "Backquoted", Pattern: "`[^`]*`"},
		{Name: "String", Pattern: `'(?:[^'\\]|\\(?s:.))*'|"(?:[^"\\]|\\(?s:.))*"`},
		{Name: "Number", Pattern: `-?[0-9]+(?:\.[0-9]+)?`},
		{Name: "Operator", Pattern: `!=|<=|>=|==|<>|&&|\|\||[=<>!]`},
		{Name: "Punct", Pattern: `[()\[\],.$]`},
	},
	"Regex": {
		{Name: "Whitespace", Pattern: `\s+`},
		{Name: "Regex", Pattern: `/(?:[^\\/]|\\(?s:.))*/[A-Za-z]*`, Action: lexer.Pop()},
	},
}

var lexDef = lexer.MustStateful(lexRules)

// Token types, looked up once.
var (
	tokWhitespace = lexDef.Symbols()["Whitespace"]
	tokKeyword    = lexDef.Symbols()["Keyword"]
	tokIdent      = lexDef.Symbols()["Ident"]
	tokBackquoted = lexDef.Symbols()["Backquoted"]
	tokString     = lexDef.Symbols()["String"]
	tokNumber     = lexDef.Symbols()["Number"]
	tokOperator   = lexDef.Symbols()["Operator"]
	tokPunct      = lexDef.Symbols()["Punct"]
	tokRegex      = lexDef.Symbols()["Regex"]
)

// keywords maps the lower-case spelling of every reserved word to its
// canonical spelling. Keywords are matched case-insensitively; the first
// segment of a path cannot be a keyword (later segments, after a dot, can).
var keywords = map[string]string{
	"where":          "where",
	"should":         "should",
	"not":            "not",
	"have":           "have",
	"and":            "and",
	"or":             "or",
	"like":           "like",
	"unlike":         "unlike",
	"regexmatch":     "regexMatch",
	"in":             "in",
	"contain":        "contain",
	"contain-any":    "contain-any",
	"contain-all":    "contain-all",
	"contain-none":   "contain-none",
	"contain-single": "contain-single",
	"with":           "with",
	"groupby":        "groupBy",
	"true":           "true",
	"false":          "false",
	"null":           "null",
}

// keywordOf returns the canonical spelling of s if it is a keyword.
func keywordOf(s string) (string, bool) {
	if len(s) > len("contain-single") {
		return "", false
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
	return k, ok
}

// tokenize lexes the rule in src[start:end], which begins at the start of
// line number line, into the token slice the grammar consumes. It retypes
// keyword identifiers and enforces MaxRuleBytes and MaxDepth. Token and
// error positions are relative to src.
func tokenize(src string, start, end, line int) ([]lexer.Token, *Error) {
	if end-start > MaxRuleBytes {
		return nil, &Error{
			Pos:  Pos{Offset: start, Line: line, Column: 1},
			Msg:  "rule is too long: " + strconv.Itoa(end-start) + " bytes, the limit is " + strconv.Itoa(MaxRuleBytes),
			Line: firstLine(src[start:end]),
		}
	}
	lx, err := lexDef.LexString("", src[start:end])
	if err != nil {
		return nil, &Error{Pos: Pos{Offset: start, Line: line, Column: 1}, Msg: err.Error()}
	}
	toks := make([]lexer.Token, 0, len(src)/3+2)
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
		switch t.Type {
		case tokIdent:
			if k, ok := keywordOf(t.Value); ok {
				t.Type = tokKeyword
				switch k {
				case "not":
					stack = append(stack, 'n')
				case "and", "or", "should", "where", "have":
					popNots()
				}
			}
		case tokPunct:
			switch t.Value {
			case "(", "[":
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
