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
// Precedence, loosest first: or, and, not, then a term (a comparison, a
// truthiness test or a parenthesised condition). Operands are a primary (a
// path, `$`, or a literal) followed by any chain of postfix function calls
// and array operators.

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

	Not  *unary `parser:"  'not' @@"`
	Term *term  `parser:"| @@"`
}

type term struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Group *disjunction `parser:"  '(' @@ ')'"`
	Cmp   *comparison  `parser:"| @@"`
}

type comparison struct {
	Pos    lexer.Position
	EndPos lexer.Position

	X     *operand   `parser:"@@"`
	Rel   *relation  `parser:"( @@"`
	Like  *likeTest  `parser:"| @@"`
	Regex *regexTest `parser:"| @@"`
	In    *inTest    `parser:"| @@ )?"`
}

type relation struct {
	Pos lexer.Position

	Op string   `parser:"@('=' | '!=' | '<=' | '>=' | '<' | '>')"`
	Y  *operand `parser:"@@"`
}

type likeTest struct {
	Pos lexer.Position

	Op      string     `parser:"@('like' | 'unlike')"`
	Pattern *stringLit `parser:"@@"`
}

type regexTest struct {
	Pos lexer.Position

	Re *regexLit `parser:"'regexMatch' @@"`
}

type inTest struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Elems []*literal `parser:"'in' '(' @@ ( ',' @@ )* ')'"`
}

type operand struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Lit     *literal   `parser:"( @@"`
	Path    *pathExpr  `parser:"| @@ )"`
	Postfix []*postfix `parser:"@@*"`
}

type pathExpr struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Current bool          `parser:"( @'$'"`
	First   *firstSegment `parser:"| @@ )"`
	Rest    []*segment    `parser:"( '.' @@ )*"`
}

type firstSegment struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Name   *string `parser:"  @Ident"`
	Quoted *string `parser:"| @Backquoted"`
}

type segment struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Name   *string `parser:"  @(Ident | Keyword)"`
	Quoted *string `parser:"| @Backquoted"`
}

type postfix struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Call    *call    `parser:"  @@"`
	Array   *arrayOp `parser:"| @@"`
	GroupBy *groupBy `parser:"| @@"`
}

type call struct {
	Pos lexer.Position

	Name string     `parser:"(?= Ident '(') @Ident '('"`
	Args []*operand `parser:"( @@ ( ',' @@ )* )? ')'"`
}

type arrayOp struct {
	Pos lexer.Position

	Op   string       `parser:"@('contain' | 'contain-any' | 'contain-all' | 'contain-none' | 'contain-single' | 'with')"`
	Body *disjunction `parser:"'[' @@ ']'"`
}

type groupBy struct {
	Pos lexer.Position

	Key *pathExpr `parser:"'groupBy' '[' @@ ']'"`
}

type literal struct {
	Pos    lexer.Position
	EndPos lexer.Position

	String *string `parser:"  @String"`
	Number *string `parser:"| @Number"`
	Bool   *string `parser:"| @('true' | 'false')"`
	Null   bool    `parser:"| @'null'"`
}

type stringLit struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Raw string `parser:"@String"`
}

type regexLit struct {
	Pos    lexer.Position
	EndPos lexer.Position

	Raw string `parser:"@Regex"`
}

// grammar is built once; a participle parser is safe for concurrent use.
var grammar = participle.MustBuild[rule](
	participle.Lexer(lexDef),
	participle.CaseInsensitive("Keyword"),
	participle.Elide("Whitespace"),
)

// parseTokens runs the grammar over tokens produced by tokenize.
func parseTokens(toks []lexer.Token) (*rule, error) {
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks}, tokWhitespace)
	if err != nil {
		return nil, err
	}
	return grammar.ParseFromLexer(pl)
}
