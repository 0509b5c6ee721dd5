package operator

import (
	"github.com/gsl-lang/gsl/builtin"
	"github.com/tidwall/gjson"
)

// ParseNumber returns the number literal of a rule written as text
// ("4294967296", "-90", "0.5"), keeping text as its Raw form so that
// integer comparisons stay exact beyond 2^53. It reports false when text is
// not a decimal number (signs, fractions and exponents are accepted; hex,
// "Inf" and "NaN" are not): the numeric strings the comparison operators
// accept, read by the same parser.
func ParseNumber(text string) (builtin.Value, bool) {
	f, ok := builtin.StringValue(text).AsNumber()
	if !ok {
		return builtin.Value{}, false
	}
	return builtin.FromJSON(gjson.Result{Type: gjson.Number, Num: f, Raw: text}), true
}
