package lang

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/lang/internal/refgrammar"
)

// The parser is checked against refgrammar, the same grammar written
// purely declaratively: both must accept the same rules and give the same
// errors, and SPEC.md's EBNF (grammarEBNF) must be the reference grammar's.

var refParser = func() *refgrammar.Parser {
	p, err := refgrammar.New(definition{})
	if err != nil {
		panic(err)
	}
	return p
}()

func TestGrammarIsReference(t *testing.T) {
	if got, want := grammarEBNF(), refParser.String(); got != want {
		t.Errorf("the parser's EBNF differs from the reference grammar's\n got:\n%s\nwant:\n%s", got, want)
	}
}

var handParsedNames = regexp.MustCompile(`\b(comparison|operand|postfix)\b`)

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// checkGrammar parses src with the parser and with the reference grammar
// and compares the outcome: acceptance, and the error reported.
func checkGrammar(t *testing.T, src string) {
	t.Helper()
	pl, toks, lerr := lex(src, 0, len(src), 1)
	if lerr != nil {
		return
	}
	refPL, _, _ := lex(src, 0, len(src), 1)
	want := refParser.Parse(refPL)
	_, got := grammar.ParseFromLexer(pl)
	if (got == nil) != (want == nil) {
		t.Fatalf("%q: parser says %v, reference grammar says %v", src, got, want)
	}
	if got != nil {
		// participle prints a hand-parsed production's name in lower case.
		if g, w := handParsedNames.ReplaceAllStringFunc(got.Error(), capitalise), want.Error(); g != w {
			t.Fatalf("%q: parser fails with\n  %s\nreference grammar fails with\n  %s", src, g, w)
		}
		ge, we := convertError(src, toks, got), convertError(src, toks, want)
		if !reflect.DeepEqual(ge, we) {
			t.Fatalf("%q: parser reports\n  %v\nreference grammar reports\n  %v\n(raw: %v; reference raw: %v)",
				src, ge, we, got, want)
		}
		return
	}
	if _, err := Parse(src); err != nil && strings.Contains(err.Error(), "internal error") {
		t.Fatalf("%q: %v", src, err)
	}
}

// grammarCases are rules and broken rules that exercise every production
// and the ways each can fail.
var grammarCases = []string{
	"X should have a contain [and b]",
	"X should have a contain [",
	"X should have a contain [a",
	"X should have a contain [a b]",
	"X should have a contain [(and)]",
	"X should have a contain [)",
	"X should have a contain []",
	"X should have (and)",
	"X should have a = and",
	"X should have a =",
	"X should have a = = b",
	"X should have a.b. = 1",
	"X should have a. and b",
	"X should have (a. = 1)",
	"X should have a.b.",
	"X should have f(1,)",
	"X should have a f(1,)",
	"X should have a f(1,",
	"X should have a f(1 2)",
	"X should have a f(",
	"X should have a f(and)",
	"X should have a f(b.)",
	"X should have a f(b. c)",
	"X should have a f(b contain [c)",
	"X should have a f(b contain [c])",
	"X should have a f(b contain [c]) g() contain [d] = 1",
	"X should have a f() = 1",
	"X should have a = 1 b",
	"X should have a in (1, b)",
	"X should have a in (1,)",
	"X should have a in ()",
	"X should have a in (1 2)",
	"X should have a in",
	"X should have a in b",
	"X should have a = (1)",
	"X should have a regexMatch",
	"X should have a like",
	"X should have a = b contain",
	"X should have a = b contain [c",
	"X should have a = b.",
	"X should have a = b. = c",
	"X where",
	"X should",
	"X should not",
	"X should not have",
	"X should have a contain",
	"X should have a contain b",
	"X should have a contain (b)",
	"X should have a contain (b",
	"X should have a contain ()",
	"X should have a contain [b] [c]",
	"X should have networkAssetsStatslength()>0",
	"X should have a and",
	"X should have a or or b",
	"X should have not",
	"X should have not not",
	"X should have ((a)",
	"X should have (a))",
	"X should have a) and b",
	"X should have a]",
	"X should have [a]",
	"X should have a.not.in = 1",
	"X should have $ = 1 and $.a = 2 and a.$ = 3",
	"X should have 1.a",
	"X should have 'x' contain [y]",
	"X should have a contain [b] where c",
	"X where a where b",
	"X should have a should b",
	"List<X> should have a",
	"List<X should have a",
	"List<> should have a",
	"X<Y> should have a",
	"X.y should have a",
	"true",
	"true and false",
	"false should have a",
	"X",
	"",
	"X should have a == 1",
	"X should have a <> 1",
	"X should have a && b",
	"X should have ! a",
	"X should have a !",
	"X should have a = 1 = 2",
	"X should have a = b c",
	"X should have a = b and",
	"X should have a contain [b] length() > 0 and c with [d in (1, 2)] contain-none [$ regexMatch /x/i]",
}

func TestGrammarMatchesReference(t *testing.T) {
	for _, src := range grammarCases {
		checkGrammar(t, src)
	}
	for _, src := range lexerCases {
		checkGrammar(t, src)
	}
	rules, err := readCorpus()
	if err != nil {
		t.Logf("corpus not available: %v", err)
		return
	}
	for _, r := range rules {
		checkGrammar(t, r.Rule)
		// Every prefix of a rule is a broken rule that ends early.
		for i := len(r.Rule) - 1; i > 0; i -= 41 {
			checkGrammar(t, r.Rule[:i])
		}
	}
}

// FuzzGrammar checks the parser against the reference grammar.
func FuzzGrammar(f *testing.F) {
	for _, s := range grammarCases {
		f.Add(s)
	}
	for _, s := range lexerCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		checkGrammar(t, src)
	})
}
