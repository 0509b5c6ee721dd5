package jsontext

// This file validates JSON text in one pass. It accepts exactly what
// gjson.Valid accepts (RFC 8259 JSON, without a UTF-8 check).
//
// The scanner is written for compact documents with many short strings.
// Validator.ValueEnd is one state machine, a block per context (a value, the
// separator after a value, a key, a string), and each block tests the byte
// compact text has next before it considers white space. Strings are
// searched eight bytes at a time. Nothing on the common paths makes a call
// and the nesting bookkeeping sits behind one pointer, so the scan's state
// stays in registers. Offsets are compared as uint against len(s), which
// lets the compiler drop the bounds checks of the byte reads.

import (
	"errors"
	"math/bits"
)

// The errors of Validator.
var (
	// ErrInvalid reports text that is not JSON.
	ErrInvalid = errors.New("invalid JSON")
	// ErrTooDeep reports arrays and objects nested deeper than the limit.
	ErrTooDeep = errors.New("JSON nested too deeply")
)

// MaxDepth is how deeply Valid lets arrays and objects nest, as
// encoding/json does.
const MaxDepth = 10000

// Valid reports whether s is one JSON value, white space around it
// allowed, nested at most MaxDepth deep.
func Valid(s string) bool {
	var buf [(MaxDepth + 63) / 64]uint64
	v := NewValidator(MaxDepth, buf[:])
	end, err := v.ValueEnd(s, SkipSpace(s, 0))
	return err == nil && SkipSpace(s, end) == len(s)
}

// ValidBytes is Valid for bytes, without copying them.
func ValidBytes(b []byte) bool { return Valid(unsafeString(b)) }

// stringStop returns a word whose lowest set bit is the high bit of the
// first byte of w that ends a run of plain string bytes: '"', '\\' or a
// control character (0 when there is none). Bits for later bytes may be
// spurious.
//
// Flipping bit 1 of each byte maps '"' (0x22) to ' ' (0x20) and the control
// characters onto themselves, so one test for bytes below 0x21 finds both;
// another finds the zero bytes of w^'\\'. Subtracting k from each byte
// sets the high bit of the lowest byte below k (a borrow only moves towards
// higher bytes, so bytes under the first hit are untouched), and masking
// with ^w drops the bytes that had their high bit set already (both xors
// keep w's high bits). So the lowest bit of the result is exact.
func stringStop(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := w ^ (ones * 0x02)
	b := w ^ (ones * '\\')
	return ((x - ones*0x21) | (b - ones)) &^ w & highs
}

// stringStopOrHigh is stringStop without its final mask: the lowest set
// bit marks the first byte of w that is '"', '\\', a control character or
// at least 0x80, and m&^w is stringStop(w).
func stringStopOrHigh(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := w ^ (ones * 0x02)
	b := w ^ (ones * '\\')
	return ((x - ones*0x21) | (b - ones)) & highs
}

func isHex(c byte) bool { return c-'0' < 10 || (c|0x20)-'a' < 6 }

func isDigit(c byte) bool { return c-'0' < 10 }

// ValidString returns the offset just past the string literal at s[i] ==
// '"', whether it holds an escape, and whether it is valid: no control
// characters, only the escapes JSON defines, \u with four hex digits.
func ValidString(s string, i int) (end int, esc, ok bool) {
	i++
	for {
		// Find the first byte that is '"', '\\' or a control character:
		// eight at a time while a whole word remains (stringStop's lowest
		// bit is exact), then one at a time.
		for {
			if i+8 > len(s) {
				for uint(i) < uint(len(s)) && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' {
					i++
				}
				break
			}
			if m := stringStop(load64(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if uint(i) >= uint(len(s)) {
			return i, esc, false
		}
		switch s[i] {
		case '"':
			return i + 1, esc, true
		case '\\':
		default: // a control character
			return i, esc, false
		}
		esc = true
		var ok bool
		if i, ok = validEscape(s, i); !ok {
			return i, esc, false
		}
	}
}

// validEscape checks the escape sequence at s[i] == '\\' and returns the
// offset just past it, or where it goes wrong.
func validEscape(s string, i int) (int, bool) {
	i++
	if uint(i) >= uint(len(s)) {
		return i, false
	}
	switch s[i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 1, true
	case 'u':
		if i+4 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) || !isHex(s[i+3]) || !isHex(s[i+4]) {
			return i, false
		}
		return i + 5, true
	}
	return i, false
}

// Validator validates JSON values with their nesting bounded. It is used
// by pointer so that it takes one register while ValueEnd runs.
type Validator struct {
	kinds []uint64 // one bit per open container, set for an array
	limit int      // how many containers may be open at once
}

// NewValidator returns a Validator that accepts arrays and objects nested
// at most maxDepth deep. It keeps one bit per level in buf when buf is
// large enough ((maxDepth+63)/64 words), so that a caller can keep it on the
// stack; else it allocates.
func NewValidator(maxDepth int, buf []uint64) Validator {
	maxDepth = max(maxDepth, 0)
	if need := (maxDepth + 63) / 64; len(buf) < need {
		buf = make([]uint64, need)
	}
	return Validator{kinds: buf, limit: maxDepth}
}

// SetLimit changes the nesting limit to limit, at most the one v was made
// with (as for the values inside a container the caller walks itself).
func (n *Validator) SetLimit(limit int) { n.limit = min(max(limit, 0), 64*len(n.kinds)) }

// ValueEnd validates the value at s[i] and returns the offset just past
// it, or where it goes wrong with ErrInvalid or ErrTooDeep.
//
// It is a state machine written with goto, one block per context: value (a
// value starts at s[i]), after (a value ended just before s[i]), key (an
// object key starts at s[i]) and str (the string at s[i], a key when
// inKey). Each block tests the byte at s[i] for what compact text has
// there and meets whitespace only where nothing else matched, so compact
// text pays nothing for it. Strings, escapes and numbers are checked
// inline: a call would make the compiler save the scan's registers around
// it on the common path. depth counts the containers open, inArray caches
// the kind of the innermost one.
func (n *Validator) ValueEnd(s string, i int) (int, error) {
	depth := 0
	inArray, inKey := false, false
	var c byte
value:
	if uint(i) >= uint(len(s)) {
		return i, ErrInvalid
	}
	c = s[i]
	if c == '"' {
		inKey = false
		goto str
	}
	switch c {
	case '{', '[':
		if depth >= n.limit {
			return i, ErrTooDeep
		}
		w, bit := depth>>6, uint64(1)<<(depth&63)
		kinds := n.kinds
		if uint(w) >= uint(len(kinds)) {
			return i, ErrTooDeep // unreachable: kinds has maxDepth bits
		}
		depth++
		i = SkipSpace(s, i+1)
		if c == '[' {
			kinds[w] |= bit
			inArray = true
			if uint(i) < uint(len(s)) && s[i] == ']' {
				i++
				depth--
				goto closed
			}
			goto value
		}
		kinds[w] &^= bit
		inArray = false
		if uint(i) < uint(len(s)) && s[i] == '}' {
			i++
			depth--
			goto closed
		}
		goto key
	case 't':
		// A literal is compared as one four-byte word.
		if i+4 > len(s) || s[i:i+4] != "true" {
			return i, ErrInvalid
		}
		i += 4
	case 'f':
		if i+5 > len(s) || s[i+1:i+5] != "alse" {
			return i, ErrInvalid
		}
		i += 5
	case 'n':
		if i+4 > len(s) || s[i:i+4] != "null" {
			return i, ErrInvalid
		}
		i += 4
	case ' ', '\t', '\n', '\r':
		i = SkipSpace(s, i+1)
		goto value
	default:
		// A number: an optional '-', then 0 or digits not starting with
		// 0, an optional fraction, an optional exponent.
		if c == '-' {
			i++
			if uint(i) >= uint(len(s)) {
				return i, ErrInvalid
			}
			c = s[i]
		}
		i++
		switch {
		case c == '0':
		case isDigit(c):
			for uint(i) < uint(len(s)) && isDigit(s[i]) {
				i++
			}
		default:
			return i, ErrInvalid
		}
		if uint(i) < uint(len(s)) && s[i] == '.' {
			i++
			if uint(i) >= uint(len(s)) || !isDigit(s[i]) {
				return i, ErrInvalid
			}
			for uint(i) < uint(len(s)) && isDigit(s[i]) {
				i++
			}
		}
		if uint(i) < uint(len(s)) && s[i]|0x20 == 'e' {
			i++
			if uint(i) < uint(len(s)) && (s[i] == '+' || s[i] == '-') {
				i++
			}
			if uint(i) >= uint(len(s)) || !isDigit(s[i]) {
				return i, ErrInvalid
			}
			for uint(i) < uint(len(s)) && isDigit(s[i]) {
				i++
			}
		}
	}
after:
	// A value ended just before s[i]: a separator or the container's end
	// follows, after optional whitespace.
	if depth == 0 {
		return i, nil
	}
	if uint(i) >= uint(len(s)) {
		return i, ErrInvalid
	}
	switch s[i] {
	case ',':
		i++
		if inArray {
			goto value
		}
		goto key
	case ']':
		if !inArray {
			return i, ErrInvalid
		}
	case '}':
		if inArray {
			return i, ErrInvalid
		}
	case ' ', '\t', '\n', '\r':
		i = SkipSpace(s, i+1)
		goto after
	default:
		return i, ErrInvalid
	}
	i++
	depth--
closed:
	// A container closed; the innermost open one is now at depth-1.
	if depth > 0 {
		d := depth - 1
		inArray = n.kinds[d>>6]&(1<<(d&63)) != 0
	}
	goto after
key:
	// An object key starts at s[i], after optional whitespace.
	if uint(i) >= uint(len(s)) {
		return i, ErrInvalid
	}
	if s[i] != '"' {
		if IsSpace(s[i]) {
			i = SkipSpace(s, i+1)
			goto key
		}
		return i, ErrInvalid
	}
	inKey = true
str:
	// The string at s[i] == '"': find the first byte that is '"', '\\' or
	// a control character, eight at a time while a whole word remains,
	// then one at a time. A word is tested with stringStopOrHigh, which
	// also marks non-ASCII bytes; the mask that drops them is paid only
	// for the word where a string ends. The byte found is taken from the
	// word rather than loaded again.
	//
	// The loop is kept this simple on purpose: the compiler rematerializes
	// the five 64-bit constants at each use and does not hoist them out of
	// loops, so reading them from a variable, a separate copy of the loop
	// for keys, or two words per round do not make it faster (the last
	// makes it slower).
	i++
strRest:
	for i+8 <= len(s) {
		w := load64(s, i)
		if m := stringStopOrHigh(w); m != 0 {
			if m &^= w; m == 0 {
				i += 8 // only bytes >= 0x80 were marked
				continue
			}
			n := bits.TrailingZeros64(m) // the high bit of the byte found
			i += n / 8
			c = byte(w >> (n &^ 7))
			goto strStop
		}
		i += 8
	}
	for uint(i) < uint(len(s)) {
		if c = s[i]; c < 0x20 || c == '"' || c == '\\' {
			goto strStop
		}
		i++
	}
	return i, ErrInvalid
strStop:
	switch c {
	case '"':
		i++
	case '\\':
		if i+1 >= len(s) {
			return i, ErrInvalid
		}
		switch s[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if i+5 >= len(s) || !isHex(s[i+2]) || !isHex(s[i+3]) || !isHex(s[i+4]) || !isHex(s[i+5]) {
				return i, ErrInvalid
			}
			i += 6
		default:
			return i, ErrInvalid
		}
		goto strRest
	default: // a control character
		return i, ErrInvalid
	}
	if !inKey {
		goto after
	}
	// A key: the ':' follows, after optional whitespace, then the value.
	if uint(i) < uint(len(s)) && s[i] == ':' {
		i++
		goto value
	}
	i = SkipSpace(s, i)
	if uint(i) >= uint(len(s)) || s[i] != ':' {
		return i, ErrInvalid
	}
	i++
	goto value
}
