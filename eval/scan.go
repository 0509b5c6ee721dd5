package eval

// This file scans raw JSON text: the extent of a value, the members of an
// object, the elements of an array. The evaluator runs it over documents
// that gjson.Valid accepted, but it also meets values that custom functions
// built, so every routine is total: on malformed text it stops (returning
// an end offset at most len(s)) and never indexes out of range or loops.

import (
	"math/bits"
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
	end, _ := stringEndEsc(s, i)
	return end
}

// stringEndEsc is stringEnd that also reports whether the string holds an
// escape. It looks at eight bytes at a time for a quote or a backslash.
func stringEndEsc(s string, i int) (int, bool) {
	esc := false
	i++
	for {
		for i+8 <= len(s) {
			if m := quoteOrBackslash(load64(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		for ; i < len(s); i++ {
			if c := s[i]; c == '"' || c == '\\' {
				break
			}
		}
		if i >= len(s) {
			return len(s), esc
		}
		if s[i] == '"' {
			return i + 1, esc
		}
		esc = true
		i += 2 // the backslash and the byte it escapes
	}
}

// load64 reads eight bytes of s at i, little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// quoteOrBackslash returns a word whose lowest set bit is the high bit of
// the first byte of w that is '"' or '\\' (0 when there is none). Bits for
// later bytes may be spurious.
func quoteOrBackslash(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := w ^ (ones * '"')
	b := w ^ (ones * '\\')
	return ((q-ones)&^q | (b-ones)&^b) & highs
}

// structural marks the bytes a container skip must look at.
var structural = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true}

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
		return closeAfter(s, i+1, 1)
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

// member is one member of a document's top-level object: its raw key text
// (between the quotes, still escaped) and its raw value text.
type member struct {
	key, val string
	esc      bool // the key holds an escape
}

func trimSpaceEnd(s string) string {
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
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
	case 't':
		if raw == "true" {
			return gjson.Result{Type: gjson.True, Raw: raw}
		}
	case 'f':
		if raw == "false" {
			return gjson.Result{Type: gjson.False, Raw: raw}
		}
	case 'n':
		if raw == "null" {
			return gjson.Result{Type: gjson.Null, Raw: raw}
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if f, ok := smallInt(raw); ok {
			return gjson.Result{Type: gjson.Number, Raw: raw, Num: f}
		}
	}
	return gjson.Parse(raw)
}

// smallInt reads raw as an integer of at most 15 digits, with an optional
// minus sign, giving exactly what strconv.ParseFloat (and so gjson) gives
// for it: such an integer is a float64 exactly. It reports false for any
// other text.
func smallInt(raw string) (float64, bool) {
	n, neg, ok := decimal(raw, 15)
	if !ok {
		return 0, false
	}
	f := float64(n)
	if neg {
		f = -f // -0 too, as ParseFloat gives
	}
	return f, true
}

// decimal reads raw as an optional minus sign and 1 to max decimal digits
// (max at most 19, so the value fits), reporting false for any other text.
func decimal(raw string, max int) (n uint64, neg, ok bool) {
	s := raw
	neg = len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > max {
		return 0, false, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false, false
		}
		n = n*10 + uint64(c)
	}
	return n, neg, true
}

// members iterates over the members of a raw JSON object.
type members struct {
	s string
	i int
}

// newMembers starts at the '{' that s[i] holds.
func newMembers(s string, i int) members {
	if i < len(s) && s[i] == '{' {
		return members{s: s, i: i + 1}
	}
	return members{s: s, i: len(s)}
}

// nextKey reads the next member's key and colon: it returns the raw key
// text and where the value starts. The caller finds the value's end and
// gives it to valueDone before reading the next member.
func (m *members) nextKey() (key string, vstart int, esc, ok bool) {
	s := m.s
	i := skipSpace(s, m.i)
	if i >= len(s) || s[i] != '"' {
		m.i = i
		return "", 0, false, false
	}
	kend, esc := stringEndEsc(s, i)
	if kend-i < 2 {
		m.i = len(s)
		return "", 0, false, false
	}
	key = s[i+1 : kend-1]
	i = skipSpace(s, kend)
	if i >= len(s) || s[i] != ':' {
		m.i = len(s)
		return "", 0, false, false
	}
	i = skipSpace(s, i+1)
	m.i = i
	return key, i, esc, true
}

// valueDone moves past the value that nextKey started, which ends at
// vend, and the comma after it. It reports false (and stops the
// iteration) when the value is empty: malformed text.
func (m *members) valueDone(vstart, vend int) bool {
	s := m.s
	if vend <= vstart {
		m.i = len(s)
		return false
	}
	i := skipSpace(s, vend)
	if i < len(s) && s[i] == ',' {
		i++
	}
	m.i = i
	return true
}

// end returns the offset just past the object, once next has returned
// false.
func (m *members) end() int {
	if m.i < len(m.s) && m.s[m.i] == '}' {
		return m.i + 1
	}
	return len(m.s)
}

// skipRest returns the offset just past the object without reading its
// remaining members.
func (m *members) skipRest() int { return closeAfter(m.s, m.i, 1) }

// closeAfter returns the offset just past the bracket that closes depth
// open arrays or objects, scanning s from i (len(s) when s ends first).
func closeAfter(s string, i, depth int) int {
	for i < len(s) {
		c := s[i]
		if !structural[c] {
			i++
			continue
		}
		switch c {
		case '"':
			i = stringEnd(s, i)
			continue
		case '{', '[':
			depth++
		default:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return len(s)
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
