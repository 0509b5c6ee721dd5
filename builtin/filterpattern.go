package builtin

import (
	"unicode"
	"unicode/utf8"
)

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
		wa := nextNonSpace(a, &i)
		wb := nextNonSpace(b, &j)
		if wa == 0 || wb == 0 {
			return wa == wb
		}
		if a[i:i+wa] != b[j:j+wb] {
			return false
		}
		i += wa
		j += wb
	}
}

// nextNonSpace skips white space at s[*i:] and returns the width of the
// character there (0 at the end of s).
func nextNonSpace(s string, i *int) int {
	for *i < len(s) {
		c := s[*i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\v', '\f', '\r':
				*i++
				continue
			}
			return 1
		}
		r, w := utf8.DecodeRuneInString(s[*i:])
		if !unicode.IsSpace(r) {
			return w
		}
		*i += w
	}
	return 0
}
