package builtin

import (
	"math"
	"strconv"

	"github.com/gsl-lang/gsl/internal/jsontext"
)

// AppendJSON appends the JSON text of v to dst: its Raw text when it came
// from a document, else an encoding of its value. Missing is written as
// null (JSON has no missing), and so is a NaN or infinite number.
func (v Value) AppendJSON(dst []byte) []byte {
	if raw := v.r.Raw; raw != "" {
		return append(dst, raw...)
	}
	switch v.Kind() {
	case Bool:
		return strconv.AppendBool(dst, v.Bool())
	case Number:
		f := v.r.Num
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return append(dst, "null"...)
		}
		return strconv.AppendFloat(dst, f, 'g', -1, 64)
	case String:
		return jsontext.AppendString(dst, v.r.Str)
	}
	return append(dst, "null"...)
}

// ArrayValue returns a JSON array holding elems, in order (a Missing
// element becomes null), for a custom function whose result is a list. It
// allocates the array's text.
func ArrayValue(elems []Value) Value {
	buf := []byte{'['}
	for i, e := range elems {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = e.AppendJSON(buf)
	}
	buf = append(buf, ']')
	return ParseJSON(string(buf))
}

// ObjectValue returns a JSON object with keys[i] mapped to vals[i], in
// order (the {key, values} objects of groupBy, for instance). It panics
// when the two slices differ in length.
func ObjectValue(keys []string, vals []Value) Value {
	if len(keys) != len(vals) {
		panic("builtin.ObjectValue: keys and values differ in length")
	}
	buf := []byte{'{'}
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = jsontext.AppendString(buf, k)
		buf = append(buf, ':')
		buf = vals[i].AppendJSON(buf)
	}
	buf = append(buf, '}')
	return ParseJSON(string(buf))
}
