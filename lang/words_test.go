package lang

import (
	"errors"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/internal/token"
)

// TestWordTable checks that every word of package token's table reaches
// the parser as the table says: each comparison operator, with the operand
// it takes, parses to the CompareOp of that spelling (so the table's order
// is the enum's), each array operator to its ArrayOpKind, each foreign
// operator to an error suggesting its GSL spelling.
func TestWordTable(t *testing.T) {
	// The constants and their spellings, written out: a word added to the
	// table needs its constant in ast.go and its line here.
	compareOps := map[CompareOp]string{
		Eq: "=", Ne: "!=", Lt: "<", Gt: ">", Le: "<=", Ge: ">=",
		Like: "like", Unlike: "unlike", RegexMatch: "regexMatch", In: "in",
	}
	arrayOps := map[ArrayOpKind]string{
		Contain: "contain", ContainAny: "contain-any", ContainAll: "contain-all", ContainNone: "contain-none",
		ContainSingle: "contain-single", With: "with", GroupBy: "groupBy",
	}
	if got, want := len(compareOps), len(token.Of(token.Compare)); got != want {
		t.Errorf("the table has %d comparison operators, this test %d", want, got)
	}
	for op, text := range compareOps {
		if op.String() != text {
			t.Errorf("CompareOp %d is %q, want %q", op, op.String(), text)
		}
	}
	if got, want := len(arrayOps), len(token.Of(token.ArrayOp)); got != want {
		t.Errorf("the table has %d array operators, this test %d", want, got)
	}
	for op, text := range arrayOps {
		if op.String() != text {
			t.Errorf("ArrayOpKind %d is %q, want %q", op, op.String(), text)
		}
	}
	rhs := map[token.Operand]string{
		token.AnyOperand: "b", token.ListOperand: "(1, 'x')", token.StringOperand: "'%x%'", token.RegexOperand: "/x/i",
	}
	for _, w := range token.All() {
		switch w.Class {
		case token.Compare:
			for _, spelling := range spellings(w) {
				src := "X should have a " + spelling + " " + rhs[w.Takes]
				r, err := Parse(src)
				if err != nil {
					t.Errorf("%s: %v", src, err)
					continue
				}
				if c, ok := r.Cond.(*Compare); !ok || c.Op.String() != w.Text {
					t.Errorf("%s: parsed as %s", src, Dump(r))
				}
			}
		case token.ArrayOp:
			for _, spelling := range spellings(w) {
				body := "[c = 1]"
				if w.Text == "groupBy" {
					body = "[c]"
				}
				src := "X should have a " + spelling + " " + body
				r, err := Parse(src)
				if err != nil {
					t.Errorf("%s: %v", src, err)
					continue
				}
				if a, ok := r.Cond.(*Test).X.(*ArrayOp); !ok || a.Op.String() != w.Text {
					t.Errorf("%s: parsed as %s", src, Dump(r))
				}
			}
		case token.Foreign:
			src := "X should have a " + w.Text + " b"
			_, err := Parse(src)
			var list ErrorList
			if !errors.As(err, &list) || !strings.Contains(list[0].Hint, `"`+w.Instead+`"`) {
				t.Errorf("%s: %v, want a hint naming %q", src, err, w.Instead)
			}
		case token.Keyword, token.Literal:
			// A keyword cannot start a path; after a dot it is a name.
			if r, err := Parse("X should have a." + w.Text); err != nil {
				t.Errorf("a.%s: %v", w.Text, err)
			} else if p := r.Cond.(*Test).X.(*Path); p.Segments[1].Name != w.Text {
				t.Errorf("a.%s: parsed as %s", w.Text, Dump(r))
			}
		}
	}
}

// spellings returns w as written and, for a word spelled with letters, in
// upper case, which must mean the same.
func spellings(w token.Word) []string {
	if w.IsName() {
		return []string{w.Text, strings.ToUpper(w.Text)}
	}
	return []string{w.Text}
}
