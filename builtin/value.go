package builtin

import "github.com/tidwall/gjson"

// Kind is the JSON kind of a Value, or Missing when a path resolved to nothing.
type Kind uint8

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

func (k Kind) String() string { return kindNames[k] }

// Value is a JSON value as the evaluator sees it, or missing. It wraps a
// gjson.Result without copying, so building one from a document never
// allocates; it is only valid as long as the document bytes it points into.
type Value struct {
	r gjson.Result
}

// FromJSON wraps a gjson result. A result that does not exist is Missing.
func FromJSON(r gjson.Result) Value { return Value{r} }

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

// NumberValue returns a JSON number. Its Raw text is empty; it compares by Num.
func NumberValue(f float64) Value { return Value{gjson.Result{Type: gjson.Number, Num: f}} }

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
