package builtin

import (
	"unicode/utf8"

	"github.com/gsl-lang/gsl/internal/jsontext"
)

// isEmpty is the isEmpty() function: missing, null, "", [] and {}.
func isEmpty(v Value) bool {
	switch v.Kind() {
	case Missing, Null:
		return true
	case String:
		return v.r.Str == ""
	case Array, Object:
		return jsontext.IsEmpty(v.r.Raw)
	}
	return false
}

// length is the length() function.
func length(v Value) int {
	switch v.Kind() {
	case String:
		return runeCount(v.r.Str)
	case Array:
		return countMembers(v.r.Raw)
	case Object:
		// A repeated name counts once, as paths read only its first value.
		names, _ := jsontext.FirstMembers(v.r.Raw)
		return len(names)
	}
	return 0
}

// runeCount is utf8.RuneCountInString with a fast path for the ASCII text
// most strings are: their length.
func runeCount(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i + utf8.RuneCountInString(s[i:])
		}
	}
	return len(s)
}
