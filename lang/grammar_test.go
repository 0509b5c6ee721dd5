package lang

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// userWords are the names, other than quoted token spellings, that an
// error may list as expected: the production and token names translated
// for users, and the words the diagnostics use themselves.
var userWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range productionNames {
		m[w] = true
	}
	for _, w := range []string{"an operator", "end of rule", "entity type", "condition", "operand",
		"property name", "string", "regular expression /.../", "literal"} {
		m[w] = true
	}
	return m
}()

// TestProductionNames checks that productionNames translates every
// production and token class the grammar's EBNF names, and nothing else.
func TestProductionNames(t *testing.T) {
	names := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Za-z]+) =|<([a-z]+)>`).FindAllStringSubmatch(grammarEBNF(), -1) {
		names[m[1]+m[2]] = true
	}
	for n := range names {
		if productionNames[n] == "" {
			t.Errorf("productionNames lacks %q", n)
		}
	}
	for n := range productionNames {
		if !names[n] {
			t.Errorf("productionNames has %q, which the grammar does not name", n)
		}
	}
}

// checkGrammar parses src and checks that the grammar and the rest of the
// front end agree. A rule the grammar accepts lowers without an internal
// error: lowering consumes exactly the tokens the grammar matched. A
// grammar error becomes an *Error at the start of a token of src that says,
// in words for users, what was expected: token spellings and the names
// above, never a production of the grammar that the diagnostics do not
// translate.
func checkGrammar(t *testing.T, src string) {
	t.Helper()
	pl, toks, lerr := lex(src, 0, len(src), 1)
	if lerr != nil {
		return
	}
	if _, err := grammar.ParseFromLexer(pl); err != nil {
		e := convertError(src, toks, err)
		if e.Msg == "" || strings.Contains(e.Msg, "internal error") {
			t.Fatalf("%q: grammar error %v becomes %+v", src, err, e)
		}
		if !slices.ContainsFunc(toks, func(tok lexer.Token) bool { return tok.Pos.Offset == e.Pos.Offset }) {
			t.Fatalf("%q: error %v at offset %d, the start of no token", src, e, e.Pos.Offset)
		}
		for _, w := range e.Expected {
			if !strings.HasPrefix(w, `"`) && !userWords[w] {
				t.Fatalf("%q: error %v expects %q, which productionNames does not translate (grammar error: %v)",
					src, e, w, err)
			}
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
	"IamPolicy should not have documentgrantsPublicAccess()",
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

func TestGrammarDiagnostics(t *testing.T) {
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

// FuzzGrammar checks that the grammar, the lowering and the diagnostics
// agree (see checkGrammar) on any input.
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
