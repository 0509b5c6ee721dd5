package jsontext

import (
	"math/bits"
	"strings"
)

// IsSpace reports JSON white space: space, tab, line feed, carriage return.
func IsSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// SkipSpace returns the offset of the first byte at or after i that is not
// JSON white space. It is a loop without calls, small enough to inline; in
// compact text its first test, a byte above ' ' (never white space), ends
// it.
func SkipSpace(s string, i int) int {
	for uint(i) < uint(len(s)) && s[i] <= ' ' && IsSpace(s[i]) {
		i++
	}
	return i
}

// TrimSpaceEnd returns s without the JSON white space at its end.
func TrimSpaceEnd(s string) string {
	for len(s) > 0 && IsSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// StringEnd returns the offset just past the string literal starting at
// s[i] == '"', or len(s) when it is not terminated.
func StringEnd(s string, i int) int {
	end, _ := StringEndEsc(s, i)
	return end
}

// StringEndEsc is StringEnd that also reports whether the string holds an
// escape. It looks at eight bytes at a time for a quote or a backslash.
func StringEndEsc(s string, i int) (int, bool) {
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

// ValueEnd returns the offset just past the JSON value starting at s[i]
// (which is not white space): a string, an array or object with all it
// holds, or a scalar up to the next separator or white space.
func ValueEnd(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	switch s[i] {
	case '"':
		return StringEnd(s, i)
	case '{', '[':
		return CloseAfter(s, i+1, 1)
	}
	// A scalar: a number, true, false or null.
	j := i + 1
	for j < len(s) {
		switch s[j] {
		case ',', '}', ']', ':', ' ', '\n', '\r', '\t':
			return j
		}
		j++
	}
	return j
}

// CloseAfter returns the offset just past the bracket that closes depth
// open arrays or objects, scanning s from i (len(s) when s ends first).
func CloseAfter(s string, i, depth int) int {
	for i < len(s) {
		c := s[i]
		if !structural[c] {
			i++
			continue
		}
		switch c {
		case '"':
			i = StringEnd(s, i)
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

// Members walks the top-level members of the raw text of a JSON array or
// object without decoding or allocating: each step yields the raw key (with
// its quotes; empty for array elements) and the raw value. Malformed text
// ends the walk early.
type Members struct {
	s string
	i int
}

// NewMembers starts a walk over raw, an array or an object after optional
// white space; over anything else it yields nothing.
func NewMembers(raw string) Members {
	i := SkipSpace(raw, 0)
	if i < len(raw) && (raw[i] == '[' || raw[i] == '{') {
		i++
	} else {
		i = len(raw)
	}
	return Members{s: raw, i: i}
}

// Next returns the next member's raw key (quoted, still escaped; "" for an
// array element) and raw value, or false at the end.
func (it *Members) Next() (key, val string, ok bool) {
	s := it.s
	i := SkipSpace(s, it.i)
	if i < len(s) && s[i] == ',' {
		i = SkipSpace(s, i+1)
	}
	if i >= len(s) || s[i] == ']' || s[i] == '}' {
		it.i = len(s)
		return "", "", false
	}
	if s[i] == '"' {
		// Either an object key or a string element: look past it for ':'.
		end := StringEnd(s, i)
		j := SkipSpace(s, end)
		if j < len(s) && s[j] == ':' {
			key = s[i:end]
			i = SkipSpace(s, j+1)
			if i >= len(s) {
				it.i = len(s)
				return "", "", false
			}
		}
	}
	end := ValueEnd(s, i)
	if end == i {
		it.i = len(s)
		return "", "", false
	}
	it.i = end
	return key, s[i:end], true
}

// Compact removes the white space outside strings of v, JSON text read from
// a pretty-printed document (or a prefix of one). Text that does not start
// with '[' or '{', or holds no white space, is returned as is.
func Compact(v string) string {
	if !needsCompact(v) {
		return v
	}
	return string(AppendCompact(make([]byte, 0, len(v)), v))
}

// needsCompact reports whether v is an object or array with white space
// to remove; the first tests are the cheap ones, as most values are scalars.
func needsCompact(v string) bool {
	return v != "" && (v[0] == '{' || v[0] == '[') && strings.ContainsAny(v, " \t\r\n")
}

// AppendCompact appends Compact(v) to dst.
func AppendCompact(dst []byte, v string) []byte {
	if !needsCompact(v) {
		return append(dst, v...)
	}
	in, esc := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case in && esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && IsSpace(c):
			continue
		}
		dst = append(dst, c)
	}
	return dst
}
