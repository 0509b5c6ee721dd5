package builtin

import (
	"math"
	"strconv"

	"github.com/tidwall/gjson"
)

// number is a numeric operand: an exact int64 when the text was an integer
// that fits, a float64 otherwise.
type number struct {
	i     int64
	f     float64
	isInt bool
}

func (n number) float() float64 {
	if n.isInt {
		return float64(n.i)
	}
	return n.f
}

// isNaN reports whether n is not a number (only a custom function can
// make one, with NumberValue; JSON cannot write it).
func (n number) isNaN() bool { return !n.isInt && n.f != n.f }

// numberOf reads a Number, or a String holding a decimal number.
func numberOf(v Value) (number, bool) {
	switch v.r.Type {
	case gjson.Number:
		return jsonNumber(&v.r), true
	case gjson.String:
		return parseNumber(v.r.Str)
	}
	return number{}, false
}

// jsonNumber reads a JSON number: exactly from its raw text when that is an
// integer that fits in an int64.
func jsonNumber(r *gjson.Result) number {
	if raw := r.Raw; raw != "" {
		if i, ok := parseInt(raw); ok {
			return number{i: i, isInt: true}
		}
	}
	return number{f: r.Num}
}

// parseInt reads an optionally signed run of decimal digits that fits in an
// int64. It never allocates.
func parseInt(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	var u uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if u > (math.MaxUint64-9)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// isDecimal reports whether s is a decimal number:
// [+-] (digits [. [digits]] | . digits) [(e|E) [+-] digits].
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// parseNumber reads a decimal number (see isDecimal) without allocating,
// except for an out-of-range exponent such as "1e999", which reads as ±Inf.
func parseNumber(s string) (number, bool) {
	if i, ok := parseInt(s); ok {
		return number{i: i, isInt: true}, true
	}
	if !isDecimal(s) {
		return number{}, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return number{}, false
	}
	return number{f: f}, true
}

// cmpNumber compares two numbers exactly: integers as integers, an integer
// against a float by value (not by rounding the integer to a float).
func cmpNumber(a, b number) int {
	switch {
	case a.isInt && b.isInt:
		return cmpInt(a.i, b.i)
	case a.isInt:
		return cmpIntFloat(a.i, b.f)
	case b.isInt:
		return -cmpIntFloat(b.i, a.f)
	}
	switch {
	case a.f < b.f:
		return -1
	case a.f > b.f:
		return 1
	}
	return 0
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpIntFloat compares i with f exactly.
func cmpIntFloat(i int64, f float64) int {
	const two63 = 9223372036854775808.0
	switch {
	case math.IsNaN(f):
		return 0
	case f >= two63:
		return -1
	case f < -two63:
		return 1
	}
	t := math.Trunc(f)
	if c := cmpInt(i, int64(t)); c != 0 {
		return c
	}
	switch frac := f - t; {
	case frac > 0:
		return -1
	case frac < 0:
		return 1
	}
	return 0
}
