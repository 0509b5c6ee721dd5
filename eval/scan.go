package eval

// This file iterates over raw JSON text: the members of an object, the
// elements of an array (the extent of values is jsontext's). The evaluator
// runs it over documents it validated, but it also meets values that custom
// functions built, so every routine is total: on malformed text it stops
// (returning an end offset at most len(s)) and never indexes out of range
// or loops.

import (
	"strings"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// member is one member of a document's top-level object: its raw key text
// (between the quotes, still escaped) and its raw value text.
type member struct {
	key, val string
	esc      bool // the key holds an escape
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
	i := jsontext.SkipSpace(s, m.i)
	if i >= len(s) || s[i] != '"' {
		m.i = i
		return "", 0, false, false
	}
	kend, esc := jsontext.StringEndEsc(s, i)
	if kend-i < 2 {
		m.i = len(s)
		return "", 0, false, false
	}
	key = s[i+1 : kend-1]
	i = jsontext.SkipSpace(s, kend)
	if i >= len(s) || s[i] != ':' {
		m.i = len(s)
		return "", 0, false, false
	}
	i = jsontext.SkipSpace(s, i+1)
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
	i := jsontext.SkipSpace(s, vend)
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
func (m *members) skipRest() int { return jsontext.CloseAfter(m.s, m.i, 1) }

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
		i := jsontext.SkipSpace(raw, 0)
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
	i := jsontext.SkipSpace(s, e.i)
	if i >= len(s) || s[i] == ']' {
		e.i = len(s)
		return gjson.Result{}, false
	}
	end := jsontext.ValueEnd(s, i)
	if end <= i {
		e.i = len(s)
		return gjson.Result{}, false
	}
	v := resultOf(s[i:end])
	i = jsontext.SkipSpace(s, end)
	if i < len(s) && s[i] == ',' {
		i++
	}
	e.i = i
	return v, true
}
