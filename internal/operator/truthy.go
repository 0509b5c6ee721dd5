package operator

import (
	"strings"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/jsontext"
)

// Truthy is the truth of a bare operand, as in `Instance should have vpc`.
// It is false for missing, null, false, the string "false" in any case, the
// number 0, the empty string, the empty array and the empty object, and true
// for everything else (the strings "0" and "no" included). It does not
// allocate.
func Truthy(v builtin.Value) bool {
	switch v.Kind() {
	case builtin.Bool:
		return v.Bool()
	case builtin.Number:
		return v.Num() != 0
	case builtin.String:
		s := v.Str()
		return s != "" && !strings.EqualFold(s, "false")
	case builtin.Array, builtin.Object:
		return !jsontext.IsEmpty(v.Raw())
	}
	return false
}
