// Package lang is the front end of GSL, the rule language of Dome9 /
// CloudGuard: it turns rule text into a syntax tree and back.
//
// Parse reads one rule and ParseFile a file of rules separated by blank
// lines. Both return trees of the node types in ast.go, in which every node
// knows its source span; the grammar structs of the parser never leave the
// package. Format prints a tree in the canonical spelling, and
// Parse(Format(r)) gives back r's tree. Dump renders a tree as a one-line
// S-expression for tests; Inspect walks one. EncodeRule writes a tree,
// spans and source included, in a compact versioned binary form that
// DecodeRule reads back without parsing, for programs that ship rules
// already parsed.
//
// Errors are values: an ErrorList of *Error, each with a line and column,
// the tokens that were expected, and a hint such as a "did you mean"
// suggestion. Error.Detail renders the source line with a
// caret under the fault:
//
//	1:10: unexpected "shuold" (expected "where", "should")
//	Instance shuold have vpc
//	         ^~~~~~
//	hint: did you mean "should"?
//
// The grammar is a participle grammar (grammar.go, the one definition of
// the syntax) over a hand-written lexer. The keywords and operators come
// from one table, package internal/token, which the lexer, the lowering,
// the diagnostics and package builtin's reserved names all read. The EBNF,
// the token definitions and the meaning of every construct are in SPEC.md
// at the root of the module; tests keep SPEC.md's grammar and token table
// equal to what the parser and lexer implement. Rules longer than
// MaxRuleBytes or nested deeper than MaxDepth are rejected before the
// recursive parser runs.
//
// All functions of the package are safe for concurrent use. The package
// checks syntax only: function names, argument types and regular
// expressions are checked when a rule is compiled (package eval).
package lang
