package lang

import "github.com/alecthomas/participle/v2"

// This file holds the grammar: participle builds the parser from these
// structs, and their tags are the only statement of GSL's syntax. SPEC.md
// prints the EBNF participle derives from them (spec_test.go checks it).
// The structs are the parse tree; they never leave the package: lower.go
// turns them into the AST. The type names are chosen to read well in that
// EBNF (participle capitalises them).
//
// Precedence, loosest first: or, and, not, then a comparison, a truthiness
// test or a parenthesised condition. Operands are a path (or `$`) or a
// literal followed by any chain of postfix function calls and array
// operators. The grammar works on the token classes of lexer.go.
//
// The structs record only the shape of the parse: which alternative matched
// and where sub-conditions and operands sit. They capture no token text and
// no positions, as each capture costs participle an allocation. Lowering
// walks the token slice in step with the tree and takes names, values and
// positions from the tokens themselves.

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

// unary is a comparison, `not` and a unary, or a parenthesised condition.
// Comparisons are tried first because they are by far the most common.
type unary struct {
	Cmp   *comparison  `parser:"  @@"`
	Not   *unary       `parser:"| 'not' @@"`
	Group *disjunction `parser:"| '(' @@ ')'"`
}

// comparison is an operand, optionally followed by a comparison operator
// and what that operator takes; without an operator it is a truthiness
// test. The grammar accepts any of the three right sides after any
// operator; lowering checks that they match (a list after `in`, a regex
// after regexMatch, a string after like and unlike, an operand after the
// others) and reports a precise error when they do not.
type comparison struct {
	X  *operand `parser:"@@"`
	Op bool     `parser:"( @CmpOp"`
	Y  *operand `parser:"  ( @@ | '(' Literal ( ',' Literal )* ')' | Regex ) )?"`
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
// participle's default lookahead of one token, a part that fails on its
// second token is given up, and the error blames an earlier token (in
// `a in (1, b)`, the "," rather than b).
var grammar = participle.MustBuild[rule](
	participle.Lexer(definition{}),
	participle.CaseInsensitive("Keyword", "Literal", "CmpOp", "Postfix"),
	participle.UseLookahead(0),
)
