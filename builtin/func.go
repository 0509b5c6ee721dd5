package builtin

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Type is a static type in a function signature. The compiler checks calls
// against it where it can (literal arguments, results used in comparisons).
type Type uint8

// The types of a signature: Any accepts every value; the others one JSON
// kind each.
const (
	Any Type = iota
	TBool
	TNumber
	TString
	TList // a JSON array (or a filtered list produced by `with`)
	TObject
)

var typeNames = [...]string{"any", "bool", "number", "string", "list", "object"}

// String returns the name of t as the generated docs and messages show it.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "type(" + strconv.Itoa(int(t)) + ")"
}

func (t Type) valid() bool { return int(t) < len(typeNames) }

// Accepts reports whether a value of kind k has type t. Any accepts every
// kind; no type but Any accepts Missing or Null.
func (t Type) Accepts(k Kind) bool {
	switch t {
	case Any:
		return true
	case TBool:
		return k == Bool
	case TNumber:
		return k == Number
	case TString:
		return k == String
	case TList:
		return k == Array
	case TObject:
		return k == Object
	}
	return false
}

// Param is one parameter of a function signature.
type Param struct {
	Name string
	Type Type
}

// Env is what a function may read besides its operands.
type Env struct {
	// Now is the evaluation clock, fixed once per evaluation run. The time
	// functions use time.Now() when Env is nil or Now is the zero time.
	Now time.Time

	// lists keeps the firewall rule lists read last (see ruleList), so
	// that the rules of one entity that ask about different ports read
	// its lists once. An evaluator keeps one Env for the rules of an
	// entity.
	lists listCache
}

// Clock returns the evaluation clock: Now, or time.Now() when env is nil or
// Now is the zero time. Functions read the time through it.
func (env *Env) Clock() time.Time {
	if env == nil || env.Now.IsZero() {
		return time.Now()
	}
	return env.Now
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
	// Return an *ArgError to point the error at one argument. CheckCall
	// has already checked the number of arguments and the kinds of the
	// literal ones against Params when Check runs. A panic in Check is
	// reported as an error of the call, and a nil *ArgError as no error.
	Check func(consts []Value) error

	// Impl computes the result. It must not retain recv or args (they point
	// into the document being evaluated), and should not allocate for scalar
	// operands. A non-nil error makes the (rule, entity) result an error.
	// A panic in the Impl of a function added with Registry.Register is
	// turned into such an error too (naming the function and the panic's
	// value): it is a fault of the function, not of the evaluator.
	Impl func(env *Env, recv Value, args []Value) (Value, error)
}

// ArgError is a compile-time error about a call's arguments. Index is the
// argument it concerns (0-based), or -1 for the call as a whole; the
// compiler uses it to position the error.
type ArgError struct {
	Index int
	Msg   string
}

// Error returns the message, prefixed with "argument N: " (N counted from 1)
// when the error concerns one argument.
func (e *ArgError) Error() string {
	if e.Index < 0 {
		return e.Msg
	}
	return "argument " + strconv.Itoa(e.Index+1) + ": " + e.Msg
}

// CheckCall validates a call of f at compile time: the number of
// arguments, the kind of each literal argument against its Param type, then
// f.Check. consts is as for Check (Missing for a non-literal argument). The
// error, when not nil, is an *ArgError.
func (f *Func) CheckCall(consts []Value) error {
	if len(consts) != len(f.Params) {
		return &ArgError{Index: -1, Msg: fmt.Sprintf("%s takes %d argument%s, got %d",
			f.Name+"()", len(f.Params), plural(len(f.Params)), len(consts))}
	}
	for i, c := range consts {
		p := f.Params[i]
		if k := c.Kind(); k != Missing && !p.Type.Accepts(k) {
			return &ArgError{Index: i, Msg: fmt.Sprintf("%s of %s() must be %s, not %s",
				p.Name, f.Name, typePhrase(p.Type), kindPhrase(k))}
		}
	}
	if f.Check == nil {
		return nil
	}
	err := f.runCheck(consts)
	if err == nil {
		return nil
	}
	if ae, ok := err.(*ArgError); ok {
		if ae == nil {
			return nil // a typed nil: no error
		}
		return ae
	}
	return &ArgError{Index: -1, Msg: err.Error()}
}

// runCheck calls f.Check, turning a panic into an error: the compiler
// calls it on the embedder's behalf and must not crash.
func (f *Func) runCheck(consts []Value) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s(): checking the call panicked: %v", f.Name, r)
		}
	}()
	return f.Check(consts)
}

// Signature returns the call form of f with its types, for docs and
// messages: "allowedHostsForPort(port number) number".
func (f *Func) Signature() string {
	var b strings.Builder
	b.WriteString(f.Name)
	b.WriteByte('(')
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Name)
		b.WriteByte(' ')
		b.WriteString(p.Type.String())
	}
	b.WriteString(") ")
	b.WriteString(f.Result.String())
	return b.String()
}

// LiteralArgs returns a Check that requires every argument to be a literal
// (a path or other computed argument is a compile error). Combine it with
// Params to also fix each literal's type.
func LiteralArgs() func(consts []Value) error {
	return func(consts []Value) error {
		for i, c := range consts {
			if c.Kind() == Missing {
				return &ArgError{Index: i, Msg: "must be a literal"}
			}
		}
		return nil
	}
}

// OneOf returns a Check that requires argument i to be a string literal
// equal, ignoring case, to one of choices.
func OneOf(i int, choices ...string) func(consts []Value) error {
	return func(consts []Value) error {
		if i >= len(consts) {
			return &ArgError{Index: -1, Msg: "missing argument " + strconv.Itoa(i+1)}
		}
		c := consts[i]
		if c.Kind() == String {
			for _, ch := range choices {
				if strings.EqualFold(c.Str(), ch) {
					return nil
				}
			}
		}
		return &ArgError{Index: i, Msg: "must be one of '" + strings.Join(choices, "', '") + "'"}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func kindPhrase(k Kind) string {
	switch k {
	case Array, Object:
		return "an " + k.String()
	case Missing, Null:
		return k.String()
	}
	return "a " + k.String()
}

func typePhrase(t Type) string {
	switch t {
	case Any:
		return "any value"
	case TObject:
		return "an object"
	}
	return "a " + t.String()
}
