package builtin

import (
	"strings"
	"unicode/utf8"
)

// Truthy is the truth of a bare operand, as in `Instance should have vpc`.
// It is false for missing, null, false, the string "false" in any case, the
// number 0, the empty string, the empty array and the empty object, and true
// for everything else (the strings "0" and "no" included). It does not
// allocate.
func Truthy(v Value) bool {
	switch v.Kind() {
	case Bool:
		return v.Bool()
	case Number:
		return v.r.Num != 0
	case String:
		return v.r.Str != "" && !strings.EqualFold(v.r.Str, "false")
	case Array, Object:
		return !isEmptyContainer(v.r.Raw)
	}
	return false
}

// isEmpty is the isEmpty() function: missing, null, "", [] and {}.
func isEmpty(v Value) bool {
	switch v.Kind() {
	case Missing, Null:
		return true
	case String:
		return v.r.Str == ""
	case Array, Object:
		return isEmptyContainer(v.r.Raw)
	}
	return false
}

// length is the length() function.
func length(v Value) int {
	switch v.Kind() {
	case String:
		return utf8.RuneCountInString(v.r.Str)
	case Array:
		return countMembers(v.r.Raw)
	case Object:
		// A repeated name counts once, as paths read only its first value.
		names, _ := firstMembers(v.r.Raw)
		return len(names)
	}
	return 0
}
