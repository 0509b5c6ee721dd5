package builtin

import (
	"math"
	"strconv"
	"unicode/utf8"
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
		return AppendJSONString(dst, v.r.Str)
	}
	return append(dst, "null"...)
}

// AppendJSONString appends s to dst as a JSON string literal. It escapes
// only what JSON requires (the quote, the backslash and control
// characters; no HTML escaping), and writes each byte that is not valid
// UTF-8 as U+FFFD, so the result is always valid JSON.
func AppendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			dst = append(dst, "\ufffd"...)
		} else {
			dst = append(dst, s[i:i+w]...)
		}
		i += w
	}
	return append(dst, '"')
}

// ArrayValue returns a JSON array holding elems, in order (a Missing
// element becomes null). It allocates the array's text; the VM uses it for
// the lists that `with` and `groupBy` build when a function or an
// operator needs them as one value.
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
		buf = AppendJSONString(buf, k)
		buf = append(buf, ':')
		buf = vals[i].AppendJSON(buf)
	}
	buf = append(buf, '}')
	return ParseJSON(string(buf))
}
