package lang

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
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

type rule struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Const  *string      `parser:"  @('true' | 'false')"`
	Target *target      `parser:"| @@"`
	Where  *disjunction `parser:"  ( 'where' @@ )?"`
	Should bool         `parser:"  ( @'should'"`
	Not    bool         `parser:"    @'not'?"`
	Have   bool         `parser:"    @'have'?"`
	Cond   *disjunction `parser:"    @@ )?"`
}

type target struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Name string  `parser:"@Ident"`
	Elem *string `parser:"( '<' @Ident '>' )?"`
}

type disjunction struct {
	X    *conjunction   `parser:"@@"`
	Rest []*conjunction `parser:"( 'or' @@ )*"`
}

type conjunction struct {
	X    *unary   `parser:"@@"`
	Rest []*unary `parser:"( 'and' @@ )*"`
}

type unary struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Cmp   *comparison  `parser:"  @@"`
	Not   *unary       `parser:"| 'not' @@"`
	Group *disjunction `parser:"| '(' @@ ')'"`
}

// comparison is an operand, optionally followed by a comparison operator
// and what that operator takes. The grammar accepts any of the three right
// sides after any operator; lowering checks that they match (a list after
// `in`, a regex after regexMatch, a string after like and unlike, an operand
// after the others) and reports a precise error when they do not.
type comparison struct {
	Pos    lexer.Position
	EndPos lexer.Position

	X     *operand `parser:"@@"`
	Op    string   `parser:"( @CmpOp"`
	Y     *operand `parser:"  ( @@"`
	List  []string `parser:"  | '(' @Literal ( ',' @Literal )* ')'"`
	Regex *string  `parser:"  | @Regex ) )?"`
}

// operand is a path or a literal followed by any chain of postfix function
// calls and array operators. Path segments are positioned by lowering from
// the token stream.
type operand struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Path    []string   `parser:"( @Ident ( '.' @Ident )*"`
	Lit     *string    `parser:"| @Literal )"`
	Postfix []*postfix `parser:"@@*"`
}

// postfix is an array operator with a bracketed condition or a function
// call with parenthesised arguments. Lowering checks that array operators
// have brackets.
type postfix struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Op   string       `parser:"@Postfix"`
	Body *disjunction `parser:"( '[' @@ ']'"`
	Args []*operand   `parser:"| '(' ( @@ ( ',' @@ )* )? ')' )"`
}

// grammar is built once; a participle parser is safe for concurrent use.
var grammar = participle.MustBuild[rule](
	participle.Lexer(newDefinition()),
	participle.CaseInsensitive("Keyword", "Literal", "CmpOp", "Postfix"),
)

// parseTokens runs the grammar over tokens produced by tokenize.
func parseTokens(toks []lexer.Token) (*rule, error) {
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks})
	if err != nil {
		return nil, err
	}
	return grammar.ParseFromLexer(pl)
}
