package builtin

import "time"

// Type is a static type in a function signature. The compiler checks calls
// against it where it can (literal arguments, results used in comparisons).
type Type uint8

const (
	Any Type = iota
	TBool
	TNumber
	TString
	TList // a JSON array (or a filtered list produced by `with`)
	TObject
)

// Param is one parameter of a function signature.
type Param struct {
	Name string
	Type Type
}

// Env is what a function may read besides its operands.
type Env struct {
	// Now is the evaluation clock, fixed once per evaluation run.
	Now time.Time
}

// Func describes a postfix function: `operand name(args...)`. The builtins
// are Funcs in a table; embedders register their own the same way.
type Func struct {
	Name    string
	Recv    Type    // type of the operand on the left
	Params  []Param // parameters, in order
	Result  Type
	Doc     string // one-paragraph meaning, used for generated docs
	Example string // a rule using the function

	// Check validates arguments at compile time. consts[i] is the literal
	// value of argument i, or a Missing value when it is not a literal.
	// A non-nil error becomes a compile error at that call. May be nil.
	Check func(consts []Value) error

	// Impl computes the result. It must not retain recv or args (they point
	// into the document being evaluated), and should not allocate for scalar
	// operands. A non-nil error makes the (rule, entity) result an error.
	Impl func(env *Env, recv Value, args []Value) (Value, error)
}
