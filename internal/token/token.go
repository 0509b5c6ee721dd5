// Package token is the one table of GSL's reserved words and operator
// symbols: the keywords, the comparison and array operators, the literal
// words, and the operators of other languages that rules sometimes use by
// mistake. The lexer, the lowering and the diagnostics of package lang, the
// token table of SPEC.md and the reserved names of package builtin's
// registry all read it. A new operator is one line here, its constant in
// lang/ast.go, its entry in builtin's operator documentation and its
// implementation (the compiler and VM in eval, an operator function in
// builtin); tests in lang and builtin fail until the constant and the
// documentation are there.
//
// The package sits at the bottom of the module: it imports nothing of it,
// so both lang and builtin can depend on it.
package token

import "slices"

// Class is what a word is to the grammar.
type Class uint8

// The classes of words.
const (
	// Keyword words structure a rule: where should not have and or.
	Keyword Class = iota + 1
	// Compare words are the comparison operators, in the order of
	// lang.CompareOp.
	Compare
	// ArrayOp words are the array operators, in the order of
	// lang.ArrayOpKind.
	ArrayOp
	// Literal words are the literal values true, false and null.
	Literal
	// Foreign words are operators of other languages. They are not part of
	// GSL; the lexer reads them so that an error can suggest the GSL
	// spelling (Word.Instead).
	Foreign
)

// Operand is what a comparison operator takes on its right.
type Operand uint8

// The right operands of comparison operators.
const (
	// AnyOperand is a path, a literal or a call.
	AnyOperand Operand = iota
	// ListOperand is a parenthesised list of literals.
	ListOperand
	// StringOperand is a quoted pattern.
	StringOperand
	// RegexOperand is a /pattern/flags literal. The lexer reads one only
	// right after such an operator.
	RegexOperand
)

// Word is one reserved word or operator symbol.
type Word struct {
	// Text is the canonical spelling. Words spelled with letters match
	// ignoring case; symbols match exactly.
	Text  string
	Class Class
	// Takes is, for a Compare word, what follows it.
	Takes Operand
	// Instead is, for a Foreign word, the GSL spelling to suggest.
	Instead string
}

// words is the table. Within a class the order is that of lang's enums,
// and among equally close "did you mean" candidates the earlier wins.
var words = []Word{
	{Text: "where", Class: Keyword},
	{Text: "should", Class: Keyword},
	{Text: "not", Class: Keyword},
	{Text: "have", Class: Keyword},
	{Text: "and", Class: Keyword},
	{Text: "or", Class: Keyword},

	{Text: "=", Class: Compare},
	{Text: "!=", Class: Compare},
	{Text: "<", Class: Compare},
	{Text: ">", Class: Compare},
	{Text: "<=", Class: Compare},
	{Text: ">=", Class: Compare},
	{Text: "like", Class: Compare, Takes: StringOperand},
	{Text: "unlike", Class: Compare, Takes: StringOperand},
	{Text: "regexMatch", Class: Compare, Takes: RegexOperand},
	{Text: "in", Class: Compare, Takes: ListOperand},

	{Text: "contain", Class: ArrayOp},
	{Text: "contain-any", Class: ArrayOp},
	{Text: "contain-all", Class: ArrayOp},
	{Text: "contain-none", Class: ArrayOp},
	{Text: "contain-single", Class: ArrayOp},
	{Text: "with", Class: ArrayOp},
	{Text: "groupBy", Class: ArrayOp},

	{Text: "true", Class: Literal},
	{Text: "false", Class: Literal},
	{Text: "null", Class: Literal},

	{Text: "==", Class: Foreign, Instead: "="},
	{Text: "<>", Class: Foreign, Instead: "!="},
	{Text: "&&", Class: Foreign, Instead: "and"},
	{Text: "||", Class: Foreign, Instead: "or"},
	{Text: "!", Class: Foreign, Instead: "not"},
}

// All returns every word, in table order.
func All() []Word { return slices.Clone(words) }

// Of returns the spellings of the words of class c, in table order.
func Of(c Class) []string {
	var out []string
	for _, w := range words {
		if w.Class == c {
			out = append(out, w.Text)
		}
	}
	return out
}

// Reserved returns, in table order, the words spelled with letters: the
// names that no function may take and that the first segment of a path
// cannot be. They are compared ignoring case.
func Reserved() []string {
	var out []string
	for _, w := range words {
		if w.IsName() {
			out = append(out, w.Text)
		}
	}
	return out
}

// IsName reports whether w is spelled with letters (a keyword-like word)
// rather than symbols.
func (w Word) IsName() bool {
	c := w.Text[0]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
