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
//
// The structs record only the shape of the parse: which alternative matched
// and where sub-conditions and operands sit. They capture no tokens and no
// positions. Lowering walks the token slice in step with the tree and takes
// names, values and positions from the tokens themselves. Capturing and
// positioning cost participle an allocation each, and together were most
// of the parse time.
//
// For the same reason the productions that hold most of a rule's tokens,
// Comparison, Operand and Postfix, are parsed by hand: their types
// implement participle.Parseable, and participle calls them where the
// grammar names them. They follow the EBNF in handParsed, which SPEC.md
// prints with the rest of the grammar, and fail exactly where and as
// participle would. Package refgrammar states the same grammar purely
// declaratively, and grammar_test.go holds the parser to it: the same rules
// accepted, the same errors reported.

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
// others) and reports a precise error when they do not. Comparisons, like
// operands, are parsed by hand (see Parse below); their grammar, as
// handParsed states it, is
//
//	Comparison = Operand (<cmpop> (Operand | ("(" <literal> ("," <literal>)* ")") | <regex>))? .
type comparison struct {
	X  *operand
	Op bool     // an operator follows X
	Y  *operand // the operand after the operator, if that is what follows
}

// operand is a path or a literal followed by any chain of postfix function
// calls and array operators. Operands hold most of a rule's tokens, so they
// too are parsed by hand (see Parse below) rather than by participle; their
// grammar, as handParsed states it, is
//
//	Operand = ((<ident> ("." <ident>)*) | <literal>) Postfix* .
//	Postfix = <postfix> (("[" Disjunction "]") | ("(" (Operand ("," Operand)*)? ")")) .
type operand struct {
	Postfix []*postfix
}

// postfix is an array operator with a bracketed condition or a function
// call with parenthesised arguments. Lowering checks that array operators
// have brackets.
type postfix struct {
	Body *disjunction
	Args []*operand
}

// handParsed are the productions parsed by hand, with their EBNF in the
// form participle prints it, so that grammarEBNF can give the whole
// grammar. refgrammar states them declaratively, and grammar_test.go checks
// that the hand-written parser and the declarative grammar agree.
var handParsed = []struct{ name, ebnf string }{
	{"Comparison", `Operand (<cmpop> (Operand | ("(" <literal> ("," <literal>)* ")") | <regex>))?`},
	{"Operand", `((<ident> ("." <ident>)*) | <literal>) Postfix*`},
	{"Postfix", `<postfix> (("[" Disjunction "]") | ("(" (Operand ("," Operand)*)? ")"))`},
}

// Parse parses a comparison for participle (it implements
// participle.Parseable). Like operand.Parse, it fails as participle would
// if it ran the production in handParsed.
func (c *comparison) Parse(lex *lexer.PeekingLexer) error {
	c.X = &operand{}
	if err := c.X.Parse(lex); err != nil {
		return err
	}
	if lex.Peek().Type != tokCmpOp {
		return nil
	}
	lex.Next()
	c.Op = true
	switch t := lex.Peek(); {
	case t.Type == tokRegex:
		lex.Next()
	case isPunct(t, "("):
		lex.Next()
		if t := lex.Peek(); t.Type != tokLiteral {
			return unexpected(t, `<literal> ("," <literal>)* ")"`)
		}
		lex.Next()
		for isPunct(lex.Peek(), ",") {
			lex.Next()
			if t := lex.Peek(); t.Type != tokLiteral {
				return unexpected(t, "<literal>")
			}
			lex.Next()
		}
		if t := lex.Peek(); !isPunct(t, ")") {
			return unexpected(t, `")"`)
		}
		lex.Next()
	default:
		c.Y = &operand{}
		err := c.Y.Parse(lex)
		if err == participle.NextMatch {
			return unexpected(t, `(Operand | ("(" <literal> ("," <literal>)* ")") | <regex>)`)
		}
		return err
	}
	return nil
}

// Parse parses an operand for participle (it implements
// participle.Parseable). It fails as participle would if it ran the
// productions in handParsed: it returns NextMatch when the first token
// cannot start an operand, and once a part has begun (see grammar below),
// an error naming the token where the part fails and what participle would
// have expected there.
func (o *operand) Parse(lex *lexer.PeekingLexer) error {
	switch lex.Peek().Type {
	case tokIdent:
		lex.Next()
		for isPunct(lex.Peek(), ".") {
			lex.Next()
			if t := lex.Peek(); t.Type != tokIdent {
				return unexpected(t, "<ident>")
			}
			lex.Next()
		}
	case tokLiteral:
		lex.Next()
	default:
		return participle.NextMatch
	}
	for lex.Peek().Type == tokPostfix {
		p, err := parsePostfix(lex)
		if err != nil {
			return err
		}
		o.Postfix = append(o.Postfix, p)
	}
	return nil
}

// parsePostfix parses a Postfix at the cursor, a postfix token.
func parsePostfix(lex *lexer.PeekingLexer) (*postfix, error) {
	lex.Next()
	switch t := lex.Peek(); {
	case isPunct(t, "["):
		lex.Next()
		start := lex.Cursor()
		body, err := bodyParser.ParseFromLexer(lex, allowTrailing)
		if err != nil {
			if lex.Cursor() == start {
				return nil, unexpected(lex.Peek(), `Disjunction "]"`)
			}
			return nil, err
		}
		if t := lex.Peek(); !isPunct(t, "]") {
			return nil, unexpected(t, `"]"`)
		}
		lex.Next()
		return &postfix{Body: body}, nil
	case isPunct(t, "("):
		lex.Next()
		p := &postfix{}
		for {
			if len(p.Args) > 0 {
				if !isPunct(lex.Peek(), ",") {
					break
				}
				lex.Next()
			}
			arg := &operand{}
			err := arg.Parse(lex)
			if err == participle.NextMatch {
				if len(p.Args) > 0 {
					return nil, unexpected(lex.Peek(), "Operand")
				}
				break
			}
			if err != nil {
				return nil, err
			}
			p.Args = append(p.Args, arg)
		}
		if t := lex.Peek(); !isPunct(t, ")") {
			return nil, unexpected(t, `")"`)
		}
		lex.Next()
		return p, nil
	default:
		return nil, unexpected(t, `(("[" Disjunction "]") | ("(" (Operand ("," Operand)*)? ")"))`)
	}
}

// unexpected is participle's error for token t where the grammar expected
// what the EBNF expect describes.
func unexpected(t *lexer.Token, expect string) error {
	return &participle.UnexpectedTokenError{Unexpected: *t, Expect: expect}
}

func isPunct(t *lexer.Token, s string) bool {
	return t.Type == tokPunct && t.Value == s
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

// bodyParser parses the condition in an array operator's brackets, for
// operand.Parse. It stops before the "]".
var bodyParser = func() *participle.Parser[disjunction] {
	p, err := participle.ParserForProduction[disjunction](grammar)
	if err != nil {
		panic(err)
	}
	return p
}()

var allowTrailing = participle.AllowTrailing(true)
