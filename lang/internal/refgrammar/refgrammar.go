// Package refgrammar holds the grammar of GSL as a purely declarative
// participle grammar: every production is a struct whose tags say what it
// matches. It is the reference for package lang's parser, which is built
// from the same grammar but parses its hottest productions by hand for
// speed. lang's tests check that the two accept the same rules and report
// the same errors, and that the EBNF in SPEC.md is this grammar's.
//
// The package only recognises rules; it builds no tree. It has no lexer of
// its own: it runs on the token classes of lang's lexer, handed to New.
package refgrammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The productions. Their names are chosen to read well in the EBNF that
// participle prints (it capitalises them). See lang/grammar.go for what
// each one means.

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

type unary struct {
	Cmp   *comparison  `parser:"  @@"`
	Not   *unary       `parser:"| 'not' @@"`
	Group *disjunction `parser:"| '(' @@ ')'"`
}

type comparison struct {
	X  *operand `parser:"@@"`
	Op bool     `parser:"( @CmpOp"`
	Y  *operand `parser:"  ( @@ | '(' Literal ( ',' Literal )* ')' | Regex ) )?"`
}

type operand struct {
	Postfix []*postfix `parser:"( Ident ( '.' Ident )* | Literal ) @@*"`
}

type postfix struct {
	Body *disjunction `parser:"Postfix ( '[' @@ ']'"`
	Args []*operand   `parser:"| '(' ( @@ ( ',' @@ )* )? ')' )"`
}

// Parser recognises rules.
type Parser struct {
	p *participle.Parser[rule]
}

// New builds the grammar over def, which must define the token classes
// Ident, Postfix, Keyword, Literal, CmpOp and Regex. Like lang's grammar, it
// holds to a part as soon as the part has consumed a token.
func New(def lexer.Definition) (*Parser, error) {
	p, err := participle.Build[rule](
		participle.Lexer(def),
		participle.CaseInsensitive("Keyword", "Literal", "CmpOp", "Postfix"),
		participle.UseLookahead(0),
	)
	if err != nil {
		return nil, err
	}
	return &Parser{p}, nil
}

// String returns the grammar in EBNF as participle prints it.
func (p *Parser) String() string { return p.p.String() }

// Parse recognises one rule in the tokens of lex and returns participle's
// error if they do not form one.
func (p *Parser) Parse(lex *lexer.PeekingLexer) error {
	_, err := p.p.ParseFromLexer(lex)
	return err
}
