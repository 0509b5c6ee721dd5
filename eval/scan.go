package eval

// This file scans raw JSON text: the extent of a value, the members of an
// object, the elements of an array. The evaluator runs it over documents
// that gjson.Valid accepted, but it also meets values that custom functions
// built, so every routine is total: on malformed text it stops (returning
// an end offset at most len(s)) and never indexes out of range or loops.

import (
	"strings"

	"github.com/tidwall/gjson"
)

// isSpace reports JSON whitespace.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// skipSpace returns the offset of the first non-space byte at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// stringEnd returns the offset just past the string literal starting at
// s[i] == '"', or len(s) when it is not terminated.
func stringEnd(s string, i int) int {
	j := i + 1
	for j < len(s) {
		k := strings.IndexByte(s[j:], '"')
		if k < 0 {
			return len(s)
		}
		j += k
		// An odd run of backslashes before the quote escapes it.
		n := 0
		for b := j - 1; b > i && s[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
		j++
	}
	return len(s)
}

// valueEnd returns the offset just past the JSON value starting at s[i]
// (which is not a space).
func valueEnd(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	switch s[i] {
	case '"':
		return stringEnd(s, i)
	case '{', '[':
		depth := 0
		for i < len(s) {
			switch s[i] {
			case '"':
				i = stringEnd(s, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(s)
	}
	// A scalar: a number, true, false or null.
	j := i + 1
	for j < len(s) {
		switch s[j] {
		case ',', '}', ']', ' ', '\n', '\r', '\t':
			return j
		}
		j++
	}
	return j
}

// checkDepth reports whether the JSON text s nests arrays and objects at
// most max deep. It runs before gjson.Valid, whose recursion would
// otherwise be driven by the input.
func checkDepth(s string, max int) bool {
	depth := 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '"':
			i = stringEnd(s, i)
			continue
		case '{', '[':
			depth++
			if depth > max {
				return false
			}
		case '}', ']':
			depth--
		}
		i++
	}
	return true
}

// resultOf turns the raw text of one JSON value into a gjson result without
// rescanning containers. Strings without escapes do not allocate.
func resultOf(raw string) gjson.Result {
	if raw == "" {
		return gjson.Result{}
	}
	switch raw[0] {
	case '{', '[':
		return gjson.Result{Type: gjson.JSON, Raw: raw}
	case '"':
		if len(raw) >= 2 && strings.IndexByte(raw, '\\') < 0 {
			return gjson.Result{Type: gjson.String, Raw: raw, Str: raw[1 : len(raw)-1]}
		}
	}
	return gjson.Parse(raw)
}

// members iterates over the members of the raw JSON object s.
type members struct {
	s string
	i int
}

func newMembers(s string) members {
	i := skipSpace(s, 0)
	if i < len(s) && s[i] == '{' {
		return members{s: s, i: i + 1}
	}
	return members{s: s, i: len(s)}
}

// next returns the next member's raw key text (between the quotes, still
// escaped) and raw value text.
func (m *members) next() (key, value string, ok bool) {
	s := m.s
	i := skipSpace(s, m.i)
	if i >= len(s) || s[i] != '"' {
		m.i = len(s)
		return "", "", false
	}
	kend := stringEnd(s, i)
	if kend-i < 2 {
		m.i = len(s)
		return "", "", false
	}
	key = s[i+1 : kend-1]
	i = skipSpace(s, kend)
	if i >= len(s) || s[i] != ':' {
		m.i = len(s)
		return "", "", false
	}
	i = skipSpace(s, i+1)
	vend := valueEnd(s, i)
	if vend <= i {
		m.i = len(s)
		return "", "", false
	}
	value = s[i:vend]
	i = skipSpace(s, vend)
	if i < len(s) && s[i] == ',' {
		i++
	}
	m.i = i
	return key, value, true
}

// keyEquals reports whether the raw (escaped) key text equals name.
func keyEquals(raw, name string) bool {
	if strings.IndexByte(raw, '\\') < 0 {
		return raw == name
	}
	return gjson.Parse(`"`+raw+`"`).Str == name
}

// elements iterates over a value seen as a list: the elements of an array;
// nothing for missing or null; the value itself for a scalar or object.
type elements struct {
	s   string
	i   int
	one gjson.Result // the single element of a non-array, until taken
}

func newElements(v gjson.Result) elements {
	raw := v.Raw
	if v.Type == gjson.JSON {
		i := skipSpace(raw, 0)
		if i < len(raw) && raw[i] == '[' {
			return elements{s: raw, i: i + 1}
		}
	}
	if isNothing(v) {
		return elements{}
	}
	return elements{one: v}
}

// isNothing reports a missing or null value.
func isNothing(v gjson.Result) bool { return v.Type == gjson.Null }

// next returns the next element.
func (e *elements) next() (gjson.Result, bool) {
	if e.one.Type != gjson.Null || e.one.Raw != "" {
		v := e.one
		e.one = gjson.Result{}
		return v, true
	}
	s := e.s
	i := skipSpace(s, e.i)
	if i >= len(s) || s[i] == ']' {
		e.i = len(s)
		return gjson.Result{}, false
	}
	end := valueEnd(s, i)
	if end <= i {
		e.i = len(s)
		return gjson.Result{}, false
	}
	v := resultOf(s[i:end])
	i = skipSpace(s, end)
	if i < len(s) && s[i] == ',' {
		i++
	}
	e.i = i
	return v, true
}
