package lang

import (
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/gsl-lang/gsl/internal/token"
)

// This file holds the lexer: the token rules, the keyword table, and the
// scanner that turns a rule's text into tokens before the grammar runs. The
// scanner also enforces the size and nesting limits, so the recursive
// parser never sees input deep enough to exhaust the stack.

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
// then looked up (see scanner.scan), so a keyword never matches the prefix of
// a longer name (`android`, `notes`, `inboundRules`). The exception is an
// operator that takes a regular expression (regexMatch), which has its own
// rule to switch the lexer into the Regex state: a `/.../flags` literal is
// only recognised right after it. Rules named in lower case (whitespace)
// produce no tokens. The lexer tries the rules in order; no two of them can
// match at the same place except Keyword and Ident, so the order is by
// frequency.
//
// These rules are the definition of the tokens: SPEC.md's token table is
// printed from them. The scanner below implements them by hand, which is
// many times faster than matching the regular expressions; lexer_test.go
// builds participle's stateful lexer from them and checks that the two
// agree, token for token and error for error. The Keyword and Operator
// patterns are built from the table of words (package token).
var lexRules = lexer.Rules{
	"Root": {
		{Name: "whitespace", Pattern: `\s+`},
		{Name: "Keyword", Pattern: `(?i)` + alternatives(vocab.regexOps) + `\b`, Action: lexer.Push("Regex")},
		{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_:-]*`},
		{Name: "Punct", Pattern: `[()\[\],.$]`},
		{Name: "Operator", Pattern: alternatives(symbolSpellings())},
		{Name: "String", Pattern: `'(?:[^'\\]|\\(?s:.))*'|"(?:[^"\\]|\\(?s:.))*"`},
		{Name: "Number", Pattern: `-?[0-9]+(?:\.[0-9]+)?`},
		{Name: "Backquoted", Pattern: "`[^`]*`"},
	},
	"Regex": {
		{Name: "whitespace", Pattern: `\s+`},
		{Name: "Regex", Pattern: `/(?:[^\\/]|\\(?s:.))*/[A-Za-z]*`, Action: lexer.Pop()},
	},
}

// alternatives is a regular expression matching any of words, longer
// words first, so that a symbol is not read as a prefix of a longer one.
func alternatives(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(strings.ToLower(w))
	}
	slices.SortStableFunc(quoted, func(a, b string) int { return len(b) - len(a) })
	return strings.Join(quoted, "|")
}

// The token types the grammar sees. The lexer sorts what it reads into
// these classes (the words of each are in package token's table):
//
//	Ident    a name: an entity type, a path segment (plain, backquoted, or
//	         a keyword right after a dot), or `$`
//	Postfix  an array operator (class token.ArrayOp), or an identifier
//	         followed by "(": a function name
//	Keyword  a word of class token.Keyword
//	Literal  a string, a number, or a word of class token.Literal
//	CmpOp    a comparison operator (class token.Compare)
//	Regex    /pattern/flags (only after an operator that takes one)
//	Punct    ( ) [ ] , .
//	Operator an operator of another language (class token.Foreign): never
//	         valid, lexed for a helpful error
//
// Keeping a few broad classes lets the grammar match one token type where it
// would otherwise try many alternatives, which is most of participle's cost.
const tokEOF = lexer.EOF

const (
	tokIdent lexer.TokenType = iota + 1
	tokPostfix
	tokKeyword
	tokLiteral
	tokCmpOp
	tokRegex
	tokPunct
	tokOperator
)

// definition is the lexer definition the grammar is built with.
type definition struct{}

// Symbols returns the token types by name.
func (definition) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": tokEOF, "Ident": tokIdent, "Postfix": tokPostfix, "Keyword": tokKeyword,
		"Literal": tokLiteral, "CmpOp": tokCmpOp, "Regex": tokRegex, "Punct": tokPunct,
		"Operator": tokOperator,
	}
}

// Lex tokenizes the whole of r as one rule. Parse does not use it (see lex);
// it makes definition a complete participle lexer.
func (definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return newScanner(string(src), 0, len(src), 1), nil
}

// classTokens are the token types of the classes of words.
var classTokens = map[token.Class]lexer.TokenType{
	token.Keyword: tokKeyword,
	token.Compare: tokCmpOp,
	token.ArrayOp: tokPostfix,
	token.Literal: tokLiteral,
	token.Foreign: tokOperator,
}

type keyword struct {
	name string // the canonical spelling
	typ  lexer.TokenType
}

// vocab indexes the table of words for the scanner.
var vocab = newVocabulary()

type vocabulary struct {
	// keywords maps the lower-case spelling of every word spelled with
	// letters to its canonical spelling and token type. Keywords are
	// matched case-insensitively; the first segment of a path cannot be a
	// keyword (later segments, after a dot, can).
	keywords      map[string]keyword
	maxKeywordLen int
	// symbols maps every operator spelled with symbols to its token type.
	symbols      map[string]lexer.TokenType
	maxSymbolLen int
	symbolStart  [256]bool // the first bytes of the symbols
	// regexOps are the operators that take a regular expression.
	regexOps []string
}

func newVocabulary() *vocabulary {
	v := &vocabulary{keywords: map[string]keyword{}, symbols: map[string]lexer.TokenType{}}
	for _, w := range token.All() {
		typ := classTokens[w.Class]
		if w.Takes == token.RegexOperand {
			v.regexOps = append(v.regexOps, w.Text)
		}
		if w.IsName() {
			v.keywords[strings.ToLower(w.Text)] = keyword{w.Text, typ}
			v.maxKeywordLen = max(v.maxKeywordLen, len(w.Text))
			continue
		}
		v.symbols[w.Text] = typ
		v.maxSymbolLen = max(v.maxSymbolLen, len(w.Text))
		v.symbolStart[w.Text[0]] = true
	}
	return v
}

// symbolSpellings returns the operators spelled with symbols.
func symbolSpellings() []string {
	var out []string
	for _, w := range token.All() {
		if !w.IsName() {
			out = append(out, w.Text)
		}
	}
	return out
}

// keywordOf returns the canonical spelling and token class of s if it is a
// keyword.
func keywordOf(s string) (string, lexer.TokenType, bool) {
	if len(s) < 2 || len(s) > vocab.maxKeywordLen {
		return "", 0, false
	}
	var buf [32]byte
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	k, ok := vocab.keywords[string(b)]
	return k.name, k.typ, ok
}

// lex starts lexing the rule in src[start:end], which begins at the start
// of line number line, and returns the token stream the grammar reads and
// the tokens themselves, which lowering and error reporting walk. It
// enforces MaxRuleBytes and MaxDepth. Token and error positions are
// relative to src. On error the tokens are those before the fault.
func lex(src string, start, end, line int) (*lexer.PeekingLexer, []lexer.Token, *Error) {
	if end-start > MaxRuleBytes {
		return nil, nil, &Error{
			Pos:  Pos{Offset: start, Line: line, Column: 1},
			Msg:  "rule is too long: " + strconv.Itoa(end-start) + " bytes, the limit is " + strconv.Itoa(MaxRuleBytes),
			Line: firstLine(src[start:end]),
		}
	}
	s := newScanner(src, start, end, line)
	pl, _ := lexer.Upgrade(s)
	toks := pl.Range(0, lexer.RawCursor(s.count))
	if s.err != nil {
		return nil, toks, s.err
	}
	return pl, toks, nil
}

// scanner is the lexer: it implements the rules of lexRules by hand (the
// regular expressions there are the reference, and lexer_test.go checks
// that both agree), sorts the tokens into the classes above as it goes,
// and tracks the nesting depth.
type scanner struct {
	src     string
	off     int            // the next byte to read
	end     int            // the end of the rule in src
	pos     lexer.Position // the position of src[off]
	inRegex bool           // right after regexMatch: only a regex may follow
	count   int            // tokens produced
	last    lexer.Token    // the last token produced
	err     *Error
	// The nesting stack: '(' and '[' for brackets, 'n' for a pending `not`.
	stack [MaxDepth + 1]byte
	depth int
}

func newScanner(src string, start, end, line int) *scanner {
	return &scanner{src: src, off: start, end: end, pos: lexer.Position{Offset: start, Line: line, Column: 1}}
}

// Next returns the next token. After an error, it keeps returning it.
func (s *scanner) Next() (lexer.Token, error) {
	if s.err != nil {
		return lexer.Token{}, s.err
	}
	t, ok := s.scan()
	if !ok {
		s.err = lexError(s.src, s.lastToken(), s.pos)
		return lexer.Token{}, s.err
	}
	if s.depth > MaxDepth {
		s.err = &Error{
			Pos: posOf(t.Pos),
			End: endOf(t),
			Msg: "nesting is too deep: more than " + strconv.Itoa(MaxDepth) +
				" levels of parentheses, brackets and not",
			Line: lineAt(s.src, t.Pos.Offset),
		}
		return lexer.Token{}, s.err
	}
	s.count++
	s.last = t
	return t, nil
}

func (s *scanner) lastToken() *lexer.Token {
	if s.count == 0 {
		return nil
	}
	return &s.last
}

func (s *scanner) popNots() {
	for s.depth > 0 && s.stack[s.depth-1] == 'n' {
		s.depth--
	}
}

func (s *scanner) push(c byte) {
	s.stack[s.depth] = c
	s.depth++
}

// token makes a token of the next n bytes, which hold no newline, and
// moves past them.
func (s *scanner) token(typ lexer.TokenType, n int) lexer.Token {
	t := lexer.Token{Type: typ, Value: s.src[s.off : s.off+n], Pos: s.pos}
	s.off += n
	s.pos.Offset += n
	s.pos.Column += n
	return t
}

// spanToken is token for text that may hold newlines and non-ASCII
// characters.
func (s *scanner) spanToken(typ lexer.TokenType, n int) lexer.Token {
	t := lexer.Token{Type: typ, Value: s.src[s.off : s.off+n], Pos: s.pos}
	s.off += n
	s.pos.Advance(t.Value)
	return t
}

// skipSpace moves past whitespace: the characters of \s, which are ASCII.
func (s *scanner) skipSpace() {
	for s.off < s.end {
		switch s.src[s.off] {
		case ' ', '\t', '\r', '\f':
			s.pos.Column++
		case '\n':
			s.pos.Line++
			s.pos.Column = 1
		default:
			return
		}
		s.off++
		s.pos.Offset++
	}
}

// scan reads the next token; ok is false when no token rule matches at
// s.pos.
func (s *scanner) scan() (t lexer.Token, ok bool) {
	s.skipSpace()
	if s.off >= s.end {
		return lexer.EOFToken(s.pos), true
	}
	rest := s.src[s.off:s.end]
	c := rest[0]
	if s.inRegex {
		n := regexLen(rest)
		if n < 0 {
			return t, false
		}
		s.inRegex = false
		return s.spanToken(tokRegex, n), true
	}
	afterDot := s.count > 0 && s.last.Type == tokPunct && s.last.Value == "."
	switch {
	case isIdentStart(c):
		n := 1
		for n < len(rest) && isIdentChar(rest[n]) {
			n++
		}
		for _, op := range vocab.regexOps {
			if n >= len(op) && strings.EqualFold(rest[:len(op)], op) &&
				(len(rest) == len(op) || !isWordChar(rest[len(op)])) {
				s.inRegex = true
				return s.token(tokCmpOp, len(op)), true
			}
		}
		typ := tokIdent
		if !afterDot {
			if k, kt, ok := keywordOf(rest[:n]); ok {
				typ = kt
				switch {
				case k == "not":
					s.push('n')
				case kt == tokKeyword:
					// The other keywords end every pending `not`.
					s.popNots()
				}
			}
		}
		if typ == tokIdent && s.nextIsParen(n) {
			typ = tokPostfix
		}
		return s.token(typ, n), true
	case c == '(' || c == '[':
		s.push(c)
		return s.token(tokPunct, 1), true
	case c == ')' || c == ']':
		s.popNots()
		if s.depth > 0 {
			s.depth--
		}
		return s.token(tokPunct, 1), true
	case c == ',':
		s.popNots()
		return s.token(tokPunct, 1), true
	case c == '.':
		return s.token(tokPunct, 1), true
	case c == '$':
		return s.token(tokIdent, 1), true
	case vocab.symbolStart[c]:
		return s.operator(rest)
	case c == '\'' || c == '"':
		n := quotedLen(rest, c)
		if n < 0 {
			return t, false
		}
		return s.spanToken(tokLiteral, n), true
	case c == '-' || '0' <= c && c <= '9':
		n := numberLen(rest)
		if n < 0 {
			return t, false
		}
		return s.token(tokLiteral, n), true
	case c == '`':
		n := strings.IndexByte(rest[1:], '`')
		if n < 0 {
			return t, false
		}
		return s.spanToken(tokIdent, n+2), true
	}
	return t, false
}

// nextIsParen reports whether the first character after the next n bytes
// and any whitespace is "(", which makes an identifier a function name.
func (s *scanner) nextIsParen(n int) bool {
	for i := s.off + n; i < s.end; i++ {
		switch s.src[i] {
		case ' ', '\t', '\n', '\r', '\f':
			continue
		case '(':
			return true
		}
		return false
	}
	return false
}

// operator lexes the longest symbol at the start of rest.
func (s *scanner) operator(rest string) (lexer.Token, bool) {
	for n := min(vocab.maxSymbolLen, len(rest)); n > 0; n-- {
		if typ, ok := vocab.symbols[rest[:n]]; ok {
			return s.token(typ, n), true
		}
	}
	return lexer.Token{}, false
}

// quotedLen returns the length of the string literal at the start of s,
// quoted with q, or -1 when it is not terminated. A backslash escapes any
// character; which escapes are valid is checked in lowering.
func quotedLen(s string, q byte) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case q:
			return i + 1
		case '\\':
			i++
		}
	}
	return -1
}

// regexLen returns the length of the /pattern/flags literal at the start of
// s, or -1 when there is none.
func regexLen(s string) int {
	if s[0] != '/' {
		return -1
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '/':
			i++
			for i < len(s) && ('A' <= s[i] && s[i] <= 'Z' || 'a' <= s[i] && s[i] <= 'z') {
				i++
			}
			return i
		case '\\':
			i++
		}
	}
	return -1
}

// numberLen returns the length of the number at the start of s, or -1 when
// there is none: -?[0-9]+(\.[0-9]+)?
func numberLen(s string) int {
	i := 0
	if s[0] == '-' {
		i++
	}
	j := digits(s, i)
	if j == i {
		return -1
	}
	if j+1 < len(s) && s[j] == '.' {
		if k := digits(s, j+1); k > j+1 {
			return k
		}
	}
	return j
}

// digits returns the index of the first non-digit in s at or after i.
func digits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

func isIdentStart(c byte) bool {
	return c == '_' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}

func isIdentChar(c byte) bool {
	return isWordChar(c) || c == ':' || c == '-'
}

// isWordChar reports whether c is a word character in the sense of \b.
func isWordChar(c byte) bool {
	return isIdentStart(c) || '0' <= c && c <= '9'
}

// isPlainIdent reports whether an Ident token was written as a plain
// identifier (not backquoted, not `$`).
func isPlainIdent(s string) bool { return isIdentStart(s[0]) }

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
