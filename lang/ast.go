package lang

import "github.com/gsl-lang/gsl/internal/token"

// This file defines the abstract syntax tree. The tree is sealed: every node
// type is declared here, and the grammar's participle structs never leave the
// package. Every node knows the span of source text it was parsed from.

// Pos is a position in a rule's source text.
type Pos struct {
	Offset int // byte offset, 0-based
	Line   int // 1-based
	Column int // 1-based, counted in characters (runes), not bytes
}

// IsValid reports whether p was set by the parser.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Span is the half-open source range [Start, End) of a node.
type Span struct {
	Start, End Pos
}

// Node is implemented by every AST node.
type Node interface {
	Span() Span
	node()
}

// Expr is a node in boolean position: a condition.
type Expr interface {
	Node
	expr()
}

// Operand is a node that yields a value: a path, a literal, a function call
// or an array operator applied to an operand.
type Operand interface {
	Node
	operand()
}

// RuleKind tells the statement forms apart.
type RuleKind uint8

const (
	// RuleAssert is `Target should [not] [have] Cond`.
	RuleAssert RuleKind = iota
	// RuleQuery is `Type where Cond` with no `should`: every matching
	// entity is a finding.
	RuleQuery
	// RuleConst is a whole rule that is only `true` or `false`.
	RuleConst
)

// Rule is one parsed GSL rule.
type Rule struct {
	Kind RuleKind
	// Target names the entity type; nil for RuleConst.
	Target *Target
	// Where is the filter after `where`; nil when absent.
	Where Expr
	// Negated is true for `should not`.
	Negated bool
	// Cond is the condition after `should [not] [have]`; nil for RuleQuery
	// and RuleConst.
	Cond Expr
	// Const is the value of a RuleConst rule.
	Const bool
	// Source is the rule text the tree was parsed from.
	Source string
	span   Span
}

// Target is the entity type a rule applies to: `Type` or `List<Type>`.
type Target struct {
	Type string // entity type name, case-sensitive, e.g. "Instance"
	List bool   // true for List<Type>
	span Span
}

// LogicalOp is `and` or `or`.
type LogicalOp uint8

// The logical operators.
const (
	And LogicalOp = iota // and
	Or                   // or
)

// String returns the operator's keyword.
func (op LogicalOp) String() string {
	if op == Or {
		return "or"
	}
	return "and"
}

// Logical is `X and Y` or `X or Y`. Chains are left-associative:
// `a and b and c` is Logical{And, Logical{And, a, b}, c}.
type Logical struct {
	Op   LogicalOp
	X, Y Expr
	span Span
}

// Not is `not X`.
type Not struct {
	X    Expr
	span Span
}

// CompareOp is a binary test between two operands.
type CompareOp uint8

const (
	Eq         CompareOp = iota // =
	Ne                          // !=
	Lt                          // <
	Gt                          // >
	Le                          // <=
	Ge                          // >=
	Like                        // like 'pattern'
	Unlike                      // unlike 'pattern'
	RegexMatch                  // regexMatch /re/flags
	In                          // in (v1, v2, ...)
)

// compareOpNames are the spellings of the CompareOps, from the table of
// words, whose Compare words are in the order of the constants above.
var compareOpNames = token.Of(token.Compare)

// String returns the operator as written in rules.
func (op CompareOp) String() string { return compareOpNames[op] }

// Compare is `X op Y`. For Like and Unlike, Y is a *String; for RegexMatch a
// *Regex; for In a *List.
type Compare struct {
	Op    CompareOp
	X, Y  Operand
	OpPos Pos // position of the operator token
	span  Span
}

// Test is a bare operand in boolean position: true when the value is truthy.
type Test struct {
	X Operand
}

// Literal value kinds.

// String is a quoted string literal; Value holds the unescaped text.
type String struct {
	Value string
	span  Span
}

// Number is a numeric literal. Text is its source spelling; when IsInt is
// true Int holds its exact value, and Float always holds it as a float64.
type Number struct {
	Text  string
	IsInt bool
	Int   int64
	Float float64
	span  Span
}

// Bool is `true` or `false` (any case) used as a value.
type Bool struct {
	Value bool
	span  Span
}

// Null is `null`.
type Null struct {
	span Span
}

// List is the parenthesised list after `in`.
type List struct {
	Elems []Operand
	span  Span
}

// Regex is `/pattern/flags` after `regexMatch`. Pattern is the text between
// the slashes with `\/` turned into `/`; Flags holds any of "i", "m", "s".
type Regex struct {
	Pattern string
	Flags   string
	span    Span
}

// Segment is one step of a path.
type Segment struct {
	Name   string // the property name, unescaped
	Quoted bool   // written in backquotes
	span   Span
}

// Span returns the source range of the segment.
func (s Segment) Span() Span { return s.span }

// Path reads a property. With Current false it starts at the entity (or, in
// array brackets, at the current element: plain paths inside brackets are
// relative to the element). With Current true it was written `$` or `$.a.b`.
// Segments is empty only for a bare `$`.
type Path struct {
	Current  bool
	Segments []Segment
	span     Span
}

// Call is a postfix function call: `X name(args...)`.
type Call struct {
	X       Operand
	Name    string
	NamePos Pos
	Args    []Operand
	span    Span
}

// ArrayOpKind names an array operator.
type ArrayOpKind uint8

const (
	Contain       ArrayOpKind = iota // contain
	ContainAny                       // contain-any
	ContainAll                       // contain-all
	ContainNone                      // contain-none
	ContainSingle                    // contain-single
	With                             // with
	GroupBy                          // groupBy
)

// arrayOpNames are the spellings of the ArrayOpKinds, from the table of
// words, whose ArrayOp words are in the order of the constants above.
var arrayOpNames = token.Of(token.ArrayOp)

// String returns the operator as written in rules.
func (k ArrayOpKind) String() string { return arrayOpNames[k] }

// ArrayOp is `X op [Body]`. Inside Body paths resolve against the element.
// A lone literal in the brackets, `['s3:*']`, is parsed as `[$ = 's3:*']`.
// For GroupBy the bracket holds a path, stored in Key, and Body is nil.
type ArrayOp struct {
	X     Operand
	Op    ArrayOpKind
	OpPos Pos
	Body  Expr
	Key   *Path
	span  Span
}

// Span returns the source range of the node. A Test spans its operand.
func (r *Rule) Span() Span    { return r.span }
func (t *Target) Span() Span  { return t.span }
func (e *Logical) Span() Span { return e.span }
func (e *Not) Span() Span     { return e.span }
func (e *Compare) Span() Span { return e.span }
func (e *Test) Span() Span    { return e.X.Span() }
func (e *String) Span() Span  { return e.span }
func (e *Number) Span() Span  { return e.span }
func (e *Bool) Span() Span    { return e.span }
func (e *Null) Span() Span    { return e.span }
func (e *List) Span() Span    { return e.span }
func (e *Regex) Span() Span   { return e.span }
func (e *Path) Span() Span    { return e.span }
func (e *Call) Span() Span    { return e.span }
func (e *ArrayOp) Span() Span { return e.span }

func (*Rule) node()    {}
func (*Target) node()  {}
func (*Logical) node() {}
func (*Not) node()     {}
func (*Compare) node() {}
func (*Test) node()    {}
func (*String) node()  {}
func (*Number) node()  {}
func (*Bool) node()    {}
func (*Null) node()    {}
func (*List) node()    {}
func (*Regex) node()   {}
func (*Path) node()    {}
func (*Call) node()    {}
func (*ArrayOp) node() {}

func (*Logical) expr() {}
func (*Not) expr()     {}
func (*Compare) expr() {}
func (*Test) expr()    {}

func (*String) operand()  {}
func (*Number) operand()  {}
func (*Bool) operand()    {}
func (*Null) operand()    {}
func (*List) operand()    {}
func (*Regex) operand()   {}
func (*Path) operand()    {}
func (*Call) operand()    {}
func (*ArrayOp) operand() {}
