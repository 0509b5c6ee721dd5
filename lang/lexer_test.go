package lang

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// The reference lexer: participle's stateful lexer built from lexRules, the
// regular expressions that define the tokens, followed by the pass that
// sorts its tokens into the classes the grammar reads and tracks nesting.
// The scanner must produce exactly what it produces.

var reference = lexer.MustStateful(lexRules)

// refTokenize lexes src[start:end] with the reference lexer. It returns the
// tokens and, on failure, the error's position and message; the tokens are
// then those before the fault.
func refTokenize(src string, start, end, line int) ([]lexer.Token, *Error) {
	sym := reference.Symbols()
	lx, err := reference.LexString("", src[start:end])
	if err != nil {
		panic(err)
	}
	var toks []lexer.Token
	var stack []byte
	popNots := func() {
		for len(stack) > 0 && stack[len(stack)-1] == 'n' {
			stack = stack[:len(stack)-1]
		}
	}
	for {
		t, err := lx.Next()
		if err != nil {
			var lerr *lexer.Error
			if !errors.As(err, &lerr) {
				panic(err)
			}
			p := lerr.Pos
			p.Offset += start
			p.Line += line - 1
			var prev *lexer.Token
			if len(toks) > 0 {
				prev = &toks[len(toks)-1]
			}
			return toks, lexError(src, prev, p)
		}
		t.Pos.Offset += start
		t.Pos.Line += line - 1
		afterDot := len(toks) > 0 && toks[len(toks)-1].Type == tokPunct && toks[len(toks)-1].Value == "."
		switch t.Type {
		case lexer.EOF:
		case sym["Ident"]:
			t.Type = tokIdent
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
		case sym["Keyword"]: // regexMatch
			t.Type = tokCmpOp
		case sym["Backquoted"]:
			t.Type = tokIdent
		case sym["String"], sym["Number"]:
			t.Type = tokLiteral
		case sym["Regex"]:
			t.Type = tokRegex
		case sym["Operator"]:
			t.Type = tokOperator
			switch t.Value {
			case "=", "!=", "<", ">", "<=", ">=":
				t.Type = tokCmpOp
			}
		case sym["Punct"]:
			t.Type = tokPunct
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
		default:
			panic(fmt.Sprintf("unknown token type %d", t.Type))
		}
		if len(stack) > MaxDepth {
			return toks, &Error{
				Pos: posOf(t.Pos),
				End: endOf(t),
				Msg: "nesting is too deep: more than " + fmt.Sprint(MaxDepth) +
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

// checkLexer compares the scanner with the reference lexer on
// src[start:end].
func checkLexer(t *testing.T, src string, start, end, line int) {
	t.Helper()
	want, werr := refTokenize(src, start, end, line)
	_, got, gerr := lex(src, start, end, line)
	if fmt.Sprint(werr) != fmt.Sprint(gerr) || werr != nil && (werr.Pos != gerr.Pos || werr.End != gerr.End) {
		t.Fatalf("lexing %q: error %v, want %v", src[start:end], gerr, werr)
	}
	if len(got) != len(want) {
		t.Fatalf("lexing %q: %d tokens, want %d\n got %v\nwant %v", src[start:end], len(got), len(want), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("lexing %q: token %d is %#v, want %#v", src[start:end], i, got[i], want[i])
		}
	}
}

// lexerCases exercise every token rule and the edges between them.
var lexerCases = []string{
	"",
	"   ",
	"Instance should have vpc",
	"X where a.b.c = 'x' and d != \"y\" or e <= 1 and f >= -2.5 should not have g < 3 and h > 4",
	"X should have a regexMatch /^a\\/b[/]*$/ims and b REGEXMATCH/x/ and c regexmatch\n\t/y/",
	"X should have a regexMatchX = 1 and regexMatch-x and regexMatch:y and regexMatch_ and regexMatch9",
	"X should have a.regexMatch /x/",
	"X should have a regexMatch",
	"X should have a regexMatch   ",
	"X should have a regexMatch 'x'",
	"X should have a regexMatch /x",
	"X should have a regexMatch /x\\",
	"X should have a regexMatch /x\\/",
	"X should have a regexMatch /a\nb/ and c",
	"X should have a = 'it\\'s' and b = \"q\\\"\" and c = '\\\\' and d = 'é\\é' and e = 'a\nb' and f = ''",
	"X should have a = 'abc",
	"X should have a = 'abc\\",
	"X should have a = \"abc",
	"X should have `a b`.`c:d` and ``.x and `é\n`",
	"X should have `abc",
	"X should have a = 1. and b = 1.5.6 and c = -0 and d = 007 and e = -.5",
	"X should have a = - 1",
	"X should have a-1 = -1 and _x and a:b:c- and Z9",
	"X should have a == 1 and b <> 2 and c && d || e and !f and g =< h and i => j and k !== l",
	"X should have a & b",
	"X should have a | b",
	"X should have a ; b",
	"X should have a =\u00a01",
	"X should have a = ‘b’",
	"X should have é",
	"X should have a = 1 /x/",
	"X should have f(a, b) and a g (1) and a.h() and a.not() and a.in(x) and a contain(b) and $(x) and `q`(y) and a and(b)",
	"X should have a contain [b] and c contain-any[d] and e WITH [f] and g groupBy [h] and i CONTAIN-SINGLE [j]",
	"X should have a.and.not.in.true.where = 1 and not not b and (not c) and [not d, not e]",
	"List<X> should have items",
	"TRUE",
	"x\fy\rz\vw",
	"a\x00b",
	"a = '\xff\xfe' and `\xff` and b regexMatch /\xff/ and \xff",
	"X should have " + strings.Repeat("(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth),
	"X should have " + strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1),
	"X should have " + strings.Repeat("not ", MaxDepth+1) + "a",
	"X should have " + strings.Repeat("not a and ", 100) + "a",
	"X should have " + strings.Repeat("a contain [", MaxDepth+1) + "b" + strings.Repeat("]", MaxDepth+1),
	"X should have " + strings.Repeat("f(", MaxDepth+1),
	"X should have " + strings.Repeat(")", MaxDepth+5) + strings.Repeat("not (", MaxDepth),
}

// TestLexerMatchesRules checks the scanner against the reference lexer on
// the cases above, at an offset within a larger text, and on the corpus.
func TestLexerMatchesRules(t *testing.T) {
	for _, src := range lexerCases {
		checkLexer(t, src, 0, len(src), 1)
		padded := "# x\n\n" + src + "\n\nrest"
		checkLexer(t, padded, 5, 5+len(src), 3)
	}
	rules, err := readCorpus()
	if err != nil {
		t.Logf("corpus not available: %v", err)
		return
	}
	for _, r := range rules {
		checkLexer(t, r.Rule, 0, len(r.Rule), 1)
	}
}

// FuzzLexer checks the scanner against the reference lexer.
func FuzzLexer(f *testing.F) {
	for _, s := range lexerCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > MaxRuleBytes {
			return
		}
		checkLexer(t, src, 0, len(src), 1)
	})
}
