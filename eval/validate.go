package eval

// This file validates a document and indexes its top-level members in one
// pass over the text. It accepts exactly what gjson.Valid accepts (RFC 8259
// JSON, without a UTF-8 check), so documents keep meeting the same verdict,
// at about the cost of gjson.Valid alone instead of gjson.Valid plus a
// structural scan.

import "math/bits"

// stringStop returns a word whose lowest set bit is the high bit of the
// first byte of w that ends a run of plain string bytes: '"', '\\' or a
// control character (0 when there is none). Bits for later bytes may be
// spurious.
func stringStop(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := w ^ (ones * '"')
	b := w ^ (ones * '\\')
	return ((q-ones)&^q | (b-ones)&^b | (w-ones*0x20)&^w) & highs
}

func isHex(c byte) bool { return c-'0' < 10 || (c|0x20)-'a' < 6 }

func isDigit(c byte) bool { return c-'0' < 10 }

// validString returns the offset just past the string literal at s[i] ==
// '"', whether it holds an escape, and whether it is valid: no control
// characters, only the escapes JSON defines, \u with four hex digits.
func validString(s string, i int) (end int, esc, ok bool) {
	i++
	for {
		for i+8 <= len(s) {
			if m := stringStop(load64(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		for i < len(s) && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' {
			i++
		}
		if i >= len(s) || s[i] < 0x20 {
			return i, esc, false
		}
		if s[i] == '"' {
			return i + 1, esc, true
		}
		esc = true
		i++
		if i >= len(s) {
			return i, esc, false
		}
		switch s[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i++
		case 'u':
			if i+4 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) || !isHex(s[i+3]) || !isHex(s[i+4]) {
				return i, esc, false
			}
			i += 5
		default:
			return i, esc, false
		}
	}
}

// validNumber returns the offset just past the number at s[i] and whether
// it is a JSON number.
func validNumber(s string, i int) (int, bool) {
	if s[i] == '-' {
		i++
	}
	switch {
	case i >= len(s) || !isDigit(s[i]):
		return i, false
	case s[i] == '0':
		i++
	default:
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || !isDigit(s[i]) {
			return i, false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			return i, false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i, true
}

// validateTop validates the JSON text s with arrays and objects nested at
// most maxDepth deep and, when the text is an object, appends its
// top-level members to buf. It returns the members and the offset of the
// top-level value, or ErrTooDeep or ErrInvalidJSON, whichever problem the
// scan meets first.
func validateTop(s string, maxDepth int, buf []member) ([]member, int, error) {
	var small [8]uint64 // one bit per open container, 1 for an array
	kinds := small[:]
	if maxDepth > 64*len(small) {
		kinds = make([]uint64, maxDepth/64+1)
	}
	const (
		atValue = iota // a value starts at s[i]
		atAfter        // a value ended just before s[i]
		atKey          // an object key starts at s[i]
	)
	i := skipSpace(s, 0)
	start := i
	rootObject := i < len(s) && s[i] == '{'
	depth, state := 0, atValue
	key, keyEsc, valStart := "", false, 0
	for {
		switch state {
		case atValue:
			if i >= len(s) {
				return buf, 0, ErrInvalidJSON
			}
			switch c := s[i]; c {
			case '{', '[':
				if depth >= maxDepth {
					return buf, 0, ErrTooDeep
				}
				w, bit := depth>>6, uint64(1)<<(depth&63)
				depth++
				i = skipSpace(s, i+1)
				if c == '{' {
					kinds[w] &^= bit
					state = atKey
					if i < len(s) && s[i] == '}' {
						i++
						depth--
						state = atAfter
					}
				} else {
					kinds[w] |= bit
					if i < len(s) && s[i] == ']' {
						i++
						depth--
						state = atAfter
					}
				}
				continue
			case '"':
				end, _, ok := validString(s, i)
				if !ok {
					return buf, 0, ErrInvalidJSON
				}
				i = end
			case 't', 'f', 'n':
				lit := "null"
				switch c {
				case 't':
					lit = "true"
				case 'f':
					lit = "false"
				}
				if len(s)-i < len(lit) || s[i:i+len(lit)] != lit {
					return buf, 0, ErrInvalidJSON
				}
				i += len(lit)
			default:
				if c != '-' && !isDigit(c) {
					return buf, 0, ErrInvalidJSON
				}
				end, ok := validNumber(s, i)
				if !ok {
					return buf, 0, ErrInvalidJSON
				}
				i = end
			}
			state = atAfter
		case atAfter:
			if depth == 0 {
				if skipSpace(s, i) != len(s) {
					return buf, 0, ErrInvalidJSON
				}
				return buf, start, nil
			}
			if depth == 1 && rootObject {
				buf = append(buf, member{key: key, val: s[valStart:i], esc: keyEsc})
			}
			i = skipSpace(s, i)
			if i >= len(s) {
				return buf, 0, ErrInvalidJSON
			}
			d := depth - 1
			inArray := kinds[d>>6]&(1<<(d&63)) != 0
			switch s[i] {
			case ',':
				i = skipSpace(s, i+1)
				if inArray {
					state = atValue
				} else {
					state = atKey
				}
			case '}', ']':
				if inArray != (s[i] == ']') {
					return buf, 0, ErrInvalidJSON
				}
				i++
				depth--
			default:
				return buf, 0, ErrInvalidJSON
			}
		case atKey:
			if i >= len(s) || s[i] != '"' {
				return buf, 0, ErrInvalidJSON
			}
			end, esc, ok := validString(s, i)
			if !ok {
				return buf, 0, ErrInvalidJSON
			}
			if depth == 1 {
				key, keyEsc = s[i+1:end-1], esc
			}
			i = skipSpace(s, end)
			if i >= len(s) || s[i] != ':' {
				return buf, 0, ErrInvalidJSON
			}
			i = skipSpace(s, i+1)
			if depth == 1 {
				valStart = i
			}
			state = atValue
		}
	}
}
