package lang

import (
	"github.com/alecthomas/participle/v2"
)

// This file holds the participle grammar. Its structs are the parse tree;
// they never leave the package: lower.go turns them into the AST. The type
// names are chosen to read well in the EBNF that participle prints (it
// capitalises them), which SPEC.md reproduces and spec_test.go checks.
//
// Precedence, loosest first: or, and, not, then a comparison, a truthiness
// test or a parenthesised condition. Operands are a path (or `$`) or a
// literal followed by any chain of postfix function calls and array
// operators. The grammar works on the token classes of lexer.go.
//
// The structs record only the shape of the parse: which alternative matched
// and where sub-conditions and operands sit. They capture no tokens and no
// positions. Lowering walks the token slice in step with the tree and takes
// names, values and positions from the tokens themselves. Capturing and
// positioning cost participle an allocation each, and together were most
// of the parse time.

type rule struct {
	Const  bool         `parser:"  @('true' | 'false')"`
	Target *target      `parser:"| @@"`
	Where  *disjunction `parser:"  ( 'where' @@ )?"`
	Should bool         `parser:"  ( @'should' 'not'? 'have'?"`
	Cond   *disjunction `parser:"    @@ )?"`
}

type target struct {
	List bool `parser:"Ident @( '<' Ident '>' )?"`
}

type disjunction struct {
	X    *conjunction   `parser:"@@"`
	Rest []*conjunction `parser:"( 'or' @@ )*"`
}

type conjunction struct {
	X    *unary   `parser:"@@"`
	Rest []*unary `parser:"( 'and' @@ )*"`
}

// unary is a comparison (an operand, optionally followed by a comparison
// operator and what that operator takes), `not` and a unary, or a
// parenthesised condition. The grammar accepts any of the three right sides
// after any operator; lowering checks that they match (a list after `in`, a
// regex after regexMatch, a string after like and unlike, an operand after
// the others) and reports a precise error when they do not. Comparisons
// are tried first because they are by far the most common.
type unary struct {
	X     *operand     `parser:"  @@"`
	Op    bool         `parser:"  ( @CmpOp"`
	Y     *operand     `parser:"    ( @@ | '(' Literal ( ',' Literal )* ')' | Regex ) )?"`
	Not   *unary       `parser:"| 'not' @@"`
	Group *disjunction `parser:"| '(' @@ ')'"`
}

// operand is a path or a literal followed by any chain of postfix function
// calls and array operators.
type operand struct {
	Postfix []*postfix `parser:"( Ident ( '.' Ident )* | Literal ) @@*"`
}

// postfix is an array operator with a bracketed condition or a function
// call with parenthesised arguments. Lowering checks that array operators
// have brackets.
type postfix struct {
	Body *disjunction `parser:"Postfix ( '[' @@ ']'"`
	Args []*operand   `parser:"| '(' ( @@ ( ',' @@ )* )? ')' )"`
}

// grammar is built once; a participle parser is safe for concurrent use.
//
// The grammar is LL(1): its first token decides every alternative and every
// optional or repeated part, and no token that can start an optional part
// can follow it. So it never needs to backtrack, and UseLookahead(0) tells
// participle to hold to a part as soon as it has consumed a token: when the
// part then fails, the error names the token where it failed. With
// participle's default lookahead of one token, a part that failed on its
// second token was given up, and the error blamed an earlier token (in
// `a in (1, b)`, the "," rather than b).
var grammar = participle.MustBuild[rule](
	participle.Lexer(definition{}),
	participle.CaseInsensitive("Keyword", "Literal", "CmpOp", "Postfix"),
	participle.UseLookahead(0),
)
