package builtin

import (
	"slices"
	"strings"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// Equal implements `a = b`:
//
//   - Missing equals nothing, not even Missing; null equals null.
//   - Values of the same kind are equal when their values are: numbers
//     numerically and exactly (two integers compare as int64, so 2^53+1
//     differs from 2^53), strings byte for byte (case-sensitive). A NaN,
//     which JSON cannot write but a custom function can return with
//     NumberValue, equals nothing, itself included.
//   - A bool and a string are equal when the string is "true" or "false" in
//     any case and names the same bool.
//   - A number and a string are equal when the string holds a decimal number
//     (signs, fractions and exponents; no hex, Inf, NaN or surrounding
//     spaces) of the same value.
//   - An array equals another array with pairwise deep-equal elements in the
//     same order; an object equals another object with the same set of keys
//     and deep-equal values. Deep equality is strict JSON equality (no
//     string/number/bool coercion inside), with numbers compared by value.
//   - Every other pair is unequal.
//
// The operator != is exactly !Equal(a, b); in particular missing != 'x' is
// true. Equal does not allocate for scalar operands.
func Equal(a, b Value) bool {
	ka, kb := a.Kind(), b.Kind()
	if ka == Missing || kb == Missing {
		return false
	}
	if ka == kb {
		return sameKindEqual(ka, a.r, b.r)
	}
	if ka > kb {
		a, b = b, a
		ka, kb = kb, ka
	}
	switch {
	case ka == Bool && kb == String:
		return boolString(a.Bool(), b.r.Str)
	case ka == Number && kb == String:
		x := jsonNumber(&a.r)
		n, ok := parseNumber(b.r.Str)
		if !ok || x.isNaN() {
			return false
		}
		return cmpNumber(x, n) == 0
	}
	return false
}

func boolString(b bool, s string) bool {
	if b {
		return strings.EqualFold(s, "true")
	}
	return strings.EqualFold(s, "false")
}

// sameKindEqual is strict equality of two values of the same kind k.
func sameKindEqual(k Kind, a, b gjson.Result) bool {
	switch k {
	case Null:
		return true
	case Bool:
		return a.Type == b.Type
	case Number:
		x, y := jsonNumber(&a), jsonNumber(&b)
		return !x.isNaN() && !y.isNaN() && cmpNumber(x, y) == 0
	case String:
		return a.Str == b.Str
	case Array:
		ia, ib := jsontext.NewMembers(a.Raw), jsontext.NewMembers(b.Raw)
		for {
			_, ea, oka := ia.Next()
			_, eb, okb := ib.Next()
			if oka != okb {
				return false
			}
			if !oka {
				return true
			}
			if !deepEqual(gjson.Parse(ea), gjson.Parse(eb)) {
				return false
			}
		}
	case Object:
		return objectsEqual(a.Raw, b.Raw)
	}
	return false
}

func deepEqual(a, b gjson.Result) bool {
	ka, kb := Value{a}.Kind(), Value{b}.Kind()
	return ka == kb && ka != Missing && sameKindEqual(ka, a, b)
}

// smallObject is the member count up to which object equality finds a name
// by scanning the other object's names; larger objects index them first, so
// that comparing two objects of n members costs O(n), not O(n²).
const smallObject = 16

// objectsEqual reports whether two raw objects have the same member names
// and deep-equal values under each. A repeated name counts once, with its
// first value, as paths read it: {"a":1,"a":2} equals {"a":1}.
func objectsEqual(a, b string) bool {
	na, va := jsontext.FirstMembers(a)
	nb, vb := jsontext.FirstMembers(b)
	if len(na) != len(nb) {
		return false
	}
	if len(nb) <= smallObject {
		for i, name := range na {
			j := slices.Index(nb, name)
			if j < 0 || !deepEqual(gjson.Parse(va[i]), gjson.Parse(vb[j])) {
				return false
			}
		}
		return true
	}
	index := make(map[string]int, len(nb))
	for j, name := range nb {
		index[name] = j
	}
	for i, name := range na {
		j, found := index[name]
		if !found || !deepEqual(gjson.Parse(va[i]), gjson.Parse(vb[j])) {
			return false
		}
	}
	return true
}

// Compare orders a and b for the operators < > <= >=. Two numbers compare
// numerically (exactly, as Equal does); a number and a string holding a
// decimal number compare numerically; two strings compare lexicographically
// by bytes (code points), even when both look numeric. For any other pair,
// and when either number is a NaN, ok is false, and all four operators are
// false. Compare does not allocate.
func Compare(a, b Value) (cmp int, ok bool) {
	ka, kb := a.Kind(), b.Kind()
	switch {
	case ka == String && kb == String:
		return strings.Compare(a.r.Str, b.r.Str), true
	case (ka == Number || ka == String) && (kb == Number || kb == String):
		x, ok1 := numberOf(a)
		y, ok2 := numberOf(b)
		if !ok1 || !ok2 || x.isNaN() || y.isNaN() {
			return 0, false
		}
		return cmpNumber(x, y), true
	}
	return 0, false
}
