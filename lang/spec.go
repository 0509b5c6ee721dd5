package lang

import (
	"fmt"
	"strings"

	"github.com/gsl-lang/gsl/internal/token"
)

// This file renders the parts of SPEC.md that are generated from the code:
// the grammar, printed by participle from the grammar structs, and the token
// table, built from the lexer rules and the table of words. spec_test.go checks that SPEC.md holds
// exactly this text (and rewrites it with -update).

// grammarEBNF returns the grammar in EBNF, as participle prints it from
// the grammar structs.
func grammarEBNF() string { return grammar.String() }

// tokenSpec returns the token definitions: the lexer's patterns and the
// classes that tokenize sorts them into.
func tokenSpec() string {
	pattern := func(state, name string) string {
		for _, r := range lexRules[state] {
			if r.Name == name {
				return r.Pattern
			}
		}
		panic("no lexer rule " + name)
	}
	var b strings.Builder
	row := func(token, def string) { fmt.Fprintf(&b, "%-10s %s\n", token, def) }
	row("(space)", pattern("Root", "whitespace")+"   skipped; separates tokens")
	row("<ident>", pattern("Root", "Ident")+"   that is not a keyword")
	row("", pattern("Root", "Backquoted")+"   a backquoted name: any characters but a backquote")
	row("", "a keyword right after \".\"   (a.in.not is a path)")
	row("", "$   (the current element)")
	row("<postfix>", strings.Join(token.Of(token.ArrayOp), " "))
	row("", "<ident> directly followed by \"(\"   (a function name)")
	row("<literal>", pattern("Root", "String")+"   (a string)")
	row("", pattern("Root", "Number")+"   (a number)")
	row("", strings.Join(token.Of(token.Literal), " "))
	row("<cmpop>", strings.Join(token.Of(token.Compare), " "))
	row("<regex>", pattern("Regex", "Regex")+"   only right after "+strings.Join(vocab.regexOps, " or "))
	row("keywords", strings.Join(token.Of(token.Keyword), " ")+"   (and all words above)")
	var foreign, instead []string
	for _, w := range token.All() {
		if w.Class == token.Foreign {
			foreign, instead = append(foreign, w.Text), append(instead, w.Instead)
		}
	}
	row("(errors)", strings.Join(foreign, " ")+"   not GSL: an error suggests "+strings.Join(instead, " "))
	return b.String()
}
