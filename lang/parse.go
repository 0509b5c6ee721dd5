package lang

import (
	"errors"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse parses the text of one rule. On failure the error is an ErrorList
// whose entries carry positions within src. Parse is safe for concurrent
// use.
func Parse(src string) (*Rule, error) {
	r, errs := parseRange(src, 0, len(src), 1)
	if len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

// ParseFile parses a rule file: rules separated by one or more blank lines.
// Lines whose first non-blank character is '#' are comments. It returns
// every rule that parsed, in order, and an ErrorList holding the errors of
// all the rules that did not (nil when all parsed). Positions, in the rules'
// spans and in the errors, are relative to the file; each Rule's Source holds
// its own text (comment lines inside it blanked out) from the start of its
// first line; Rule.Errorf finds source lines in it. Errors carry filename
// in their File field. A rule may not hold a blank line, not even inside a
// string.
func ParseFile(filename, src string) ([]*Rule, error) {
	blanked := blankComments(src)
	var (
		rules []*Rule
		errs  ErrorList
	)
	for _, c := range splitRules(src) {
		r, es := parseRange(blanked, c.start, c.end, c.line)
		for _, e := range es {
			e.File = filename
			e.Line = lineAt(src, e.Pos.Offset)
		}
		errs = append(errs, es...)
		if r != nil && len(es) == 0 {
			rules = append(rules, r)
		}
	}
	return rules, errs.Err()
}

// blankComments replaces the text of comment lines by spaces, keeping every
// byte offset and line number of the other lines.
func blankComments(src string) string {
	if !strings.Contains(src, "#") {
		return src
	}
	b := []byte(src)
	for off := 0; off < len(b); {
		end := off + strings.IndexByte(src[off:], '\n')
		if end < off {
			end = len(b)
		}
		if strings.HasPrefix(strings.TrimLeft(src[off:end], " \t\r\f\v"), "#") {
			for i := off; i < end; i++ {
				b[i] = ' '
			}
		}
		off = end + 1
	}
	return string(b)
}

type chunk struct{ start, end, line int }

// splitRules finds the rules of a file: maximal runs of non-blank lines,
// where comment lines neither end a rule nor start one.
func splitRules(src string) []chunk {
	var (
		out  []chunk
		cur  = chunk{start: -1}
		line = 1
	)
	for off := 0; off < len(src); line++ {
		end := off + strings.IndexByte(src[off:], '\n')
		if end < off {
			end = len(src)
		}
		text := strings.TrimSpace(src[off:end])
		switch {
		case text == "":
			if cur.start >= 0 {
				out = append(out, cur)
				cur.start = -1
			}
		case text[0] == '#':
		default:
			if cur.start < 0 {
				cur = chunk{start: off, line: line}
			}
			cur.end = end
		}
		off = end + 1
	}
	if cur.start >= 0 {
		out = append(out, cur)
	}
	return out
}

// parseRange parses the rule held in src[start:end], which begins at the
// start of line number line. Positions are relative to src.
func parseRange(src string, start, end, line int) (*Rule, ErrorList) {
	pl, toks, lerr := lex(src, start, end, line)
	if lerr != nil {
		return nil, ErrorList{lerr}
	}
	g, err := grammar.ParseFromLexer(pl)
	if err != nil {
		return nil, ErrorList{convertError(src, toks, err)}
	}
	l := lowerer{src: src, toks: toks}
	r := l.rule(g)
	r.Source = src[start:end]
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return r, nil
}

// convertError turns a participle error into an *Error, with a better
// message, an expected-token list and a hint where the context allows.
func convertError(src string, toks []lexer.Token, err error) *Error {
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		return unexpectedToken(src, toks, ute)
	}
	e := &Error{Msg: err.Error()}
	var perr participle.Error
	if errors.As(err, &perr) {
		e.Pos = posOf(perr.Position())
		e.Msg = perr.Message()
	}
	e.Line = lineAt(src, e.Pos.Offset)
	return e
}
