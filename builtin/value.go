package builtin

import (
	"strconv"
	"time"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// Kind is the JSON kind of a Value, or Missing when a path resolved to nothing.
type Kind uint8

// The kinds of a Value: Missing, then the six JSON kinds.
const (
	Missing Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"missing", "null", "bool", "number", "string", "array", "object"}

// String returns the kind's name as messages show it: "missing", "null",
// "bool", "number", "string", "array" or "object".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is a JSON value as the evaluator sees it, or missing. It wraps a
// gjson.Result without copying, so building one from a document never
// allocates; it is only valid as long as the document bytes it points into.
type Value struct {
	r gjson.Result
}

// FromJSON wraps a gjson result. A result that does not exist is Missing.
func FromJSON(r gjson.Result) Value { return Value{r} }

// ParseJSON wraps a JSON text (an array or object literal, for instance).
// It does not validate the text; invalid input gives a plausible value or
// Missing, as gjson does.
func ParseJSON(text string) Value { return Value{gjson.Parse(text)} }

// MissingValue returns the missing value.
func MissingValue() Value { return Value{} }

// NullValue returns JSON null.
func NullValue() Value { return Value{gjson.Result{Type: gjson.Null, Raw: "null"}} }

// BoolValue returns a JSON boolean.
func BoolValue(b bool) Value {
	if b {
		return Value{gjson.Result{Type: gjson.True, Raw: "true"}}
	}
	return Value{gjson.Result{Type: gjson.False, Raw: "false"}}
}

// NumberValue returns a JSON number. Its Raw text is empty; it compares by
// Num. Build integers with IntValue instead, so that integers beyond 2^53
// compare exactly.
func NumberValue(f float64) Value { return Value{gjson.Result{Type: gjson.Number, Num: f}} }

// IntValue returns a JSON number holding the integer i exactly: its Raw text
// is the decimal form of i, so comparisons with other integers are exact even
// beyond 2^53. It allocates the text once; build it at compile time.
func IntValue(i int64) Value {
	return Value{gjson.Result{Type: gjson.Number, Num: float64(i), Raw: strconv.FormatInt(i, 10)}}
}

// StringValue returns a JSON string. Its Raw text is empty.
func StringValue(s string) Value { return Value{gjson.Result{Type: gjson.String, Str: s}} }

// Kind reports the kind of v.
func (v Value) Kind() Kind {
	switch v.r.Type {
	case gjson.Null:
		if v.r.Raw == "" {
			return Missing
		}
		return Null
	case gjson.False, gjson.True:
		return Bool
	case gjson.Number:
		return Number
	case gjson.String:
		return String
	}
	if v.r.IsArray() {
		return Array
	}
	if v.r.IsObject() {
		return Object
	}
	return Missing
}

// JSON returns the underlying gjson result.
func (v Value) JSON() gjson.Result { return v.r }

// Bool returns the value of a Bool (false for other kinds).
func (v Value) Bool() bool { return v.r.Type == gjson.True }

// Num returns the value of a Number as float64.
func (v Value) Num() float64 { return v.r.Num }

// Str returns the unescaped text of a String.
func (v Value) Str() string { return v.r.Str }

// Raw returns the raw JSON text of v when it came from a document ("" for
// values built by the constructors above, except NullValue and BoolValue).
func (v Value) Raw() string { return v.r.Raw }

// AsNumber returns the numeric value of a Number, or of a String that holds
// a decimal number (the coercion the comparison operators apply). It
// reports false for every other value.
func (v Value) AsNumber() (float64, bool) {
	n, ok := numberOf(v)
	if !ok {
		return 0, false
	}
	return n.float(), true
}

// AsTime reads v as a date the way before() and after() do: an RFC 3339 /
// ISO 8601 string (date only, or date and time with an optional fraction and
// zone; no zone means UTC), or epoch seconds, or epoch milliseconds when the
// magnitude is above 10^11 (as a number or a numeric string). It reports
// false for anything else, Missing included. It does not allocate.
func (v Value) AsTime() (time.Time, bool) {
	sec, nsec, st := dateOf(v)
	if st != dateOK {
		return time.Time{}, false
	}
	return time.Unix(sec, int64(nsec)).UTC(), true
}

// Len returns the number of elements of an Array, keys of an Object or runes
// of a String, and 0 for every other value (the length() function).
func (v Value) Len() int { return length(v) }

// ForEach calls fn for each element of an Array, in order, until fn returns
// false. A value of any other kind has no elements. The elements point into
// the same text as v.
func (v Value) ForEach(fn func(i int, elem Value) bool) {
	if v.Kind() != Array {
		return
	}
	it := jsontext.NewMembers(v.r.Raw)
	for i := 0; ; i++ {
		_, raw, ok := it.Next()
		if !ok || !fn(i, Value{gjson.Parse(raw)}) {
			return
		}
	}
}

// String formats v for messages: the JSON text of v, or "missing".
func (v Value) String() string {
	switch v.Kind() {
	case Missing:
		return "missing"
	case String:
		return strconv.Quote(v.r.Str)
	case Number:
		if v.r.Raw != "" {
			return v.r.Raw
		}
		return strconv.FormatFloat(v.r.Num, 'g', -1, 64)
	}
	return v.r.Raw
}
