package builtin

import (
	"unicode"
	"unicode/utf8"
)

// asciiSpace marks the ASCII white-space bytes.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// filterPatternEqual reports whether two CloudWatch Logs filter patterns are
// equal once every white-space character (Unicode White_Space, so tabs,
// newlines and no-break spaces too) is removed from both. The comparison is
// otherwise exact and case-sensitive. It does not allocate.
func filterPatternEqual(a, b string) bool {
	if a == b {
		return true
	}
	i, j := 0, 0
	for {
		// Skip white space on both sides, then compare one character.
		for i < len(a) && a[i] < utf8.RuneSelf && asciiSpace[a[i]] {
			i++
		}
		for j < len(b) && b[j] < utf8.RuneSelf && asciiSpace[b[j]] {
			j++
		}
		if i < len(a) && j < len(b) && a[i] < utf8.RuneSelf && b[j] < utf8.RuneSelf {
			if a[i] != b[j] {
				return false
			}
			i++
			j++
			continue
		}
		wa, sa := charAt(a, i)
		wb, sb := charAt(b, j)
		switch {
		case sa:
			i += wa
		case sb:
			j += wb
		case wa == 0 || wb == 0:
			return wa == wb
		case a[i:i+wa] != b[j:j+wb]:
			return false
		default:
			i += wa
			j += wb
		}
	}
}

// charAt returns the width of the character at s[i] (0 at the end of s) and
// whether it is white space.
func charAt(s string, i int) (width int, space bool) {
	if i >= len(s) {
		return 0, false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return 1, asciiSpace[c]
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	return w, unicode.IsSpace(r)
}
