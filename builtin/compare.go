package builtin

import (
	"strings"

	"github.com/tidwall/gjson"
)

// Equal implements `a = b`:
//
//   - Missing equals nothing, not even Missing; null equals null.
//   - Values of the same kind are equal when their values are: numbers
//     numerically and exactly (two integers compare as int64, so 2^53+1
//     differs from 2^53), strings byte for byte (case-sensitive).
//   - A bool and a string are equal when the string is "true" or "false" in
//     any case and names the same bool.
//   - A number and a string are equal when the string holds a decimal number
//     (see ParseNumber; no surrounding spaces) of the same value.
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
		n, ok := parseNumber(b.r.Str)
		if !ok {
			return false
		}
		return cmpNumber(jsonNumber(&a.r), n) == 0
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
		return cmpNumber(jsonNumber(&a), jsonNumber(&b)) == 0
	case String:
		return a.Str == b.Str
	case Array:
		ia, ib := newElemIter(a.Raw), newElemIter(b.Raw)
		for {
			_, ea, oka := ia.next()
			_, eb, okb := ib.next()
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
		n := countMembers(a.Raw)
		if n != countMembers(b.Raw) {
			return false
		}
		if n > smallObject {
			return bigObjectsEqual(a.Raw, b.Raw, n)
		}
		ia := newElemIter(a.Raw)
		for {
			ka, va, ok := ia.next()
			if !ok {
				return true
			}
			vb, found := memberByRawKey(b.Raw, ka)
			if !found || !deepEqual(gjson.Parse(va), gjson.Parse(vb)) {
				return false
			}
		}
	}
	return false
}

func deepEqual(a, b gjson.Result) bool {
	ka, kb := Value{a}.Kind(), Value{b}.Kind()
	return ka == kb && ka != Missing && sameKindEqual(ka, a, b)
}

// smallObject is the member count up to which object equality looks each
// member up by scanning the other object; larger objects index it first, so
// that comparing two objects of n members costs O(n), not O(n²).
const smallObject = 16

// bigObjectsEqual is the Object case of sameKindEqual for two raw objects of
// n members each: every member of a has, under the same name, a deep-equal
// value in b, where b's value for a repeated name is its first one (as
// memberByRawKey finds it).
func bigObjectsEqual(a, b string, n int) bool {
	index := make(map[string]string, n)
	ib := newElemIter(b)
	for {
		k, v, ok := ib.next()
		if !ok {
			break
		}
		name := rawKeyName(k)
		if _, dup := index[name]; !dup {
			index[name] = v
		}
	}
	ia := newElemIter(a)
	for {
		k, va, ok := ia.next()
		if !ok {
			return true
		}
		vb, found := index[rawKeyName(k)]
		if !found || !deepEqual(gjson.Parse(va), gjson.Parse(vb)) {
			return false
		}
	}
}

// rawKeyName is the name a raw (quoted) key spells.
func rawKeyName(k string) string {
	if !strings.Contains(k, `\`) && len(k) >= 2 {
		return k[1 : len(k)-1]
	}
	return gjson.Parse(k).Str
}

// memberByRawKey finds the value of the key whose name equals that of the
// raw (quoted) key k in the raw object obj.
func memberByRawKey(obj, k string) (string, bool) {
	it := newElemIter(obj)
	for {
		key, val, ok := it.next()
		if !ok {
			return "", false
		}
		if rawKeysEqual(key, k) {
			return val, true
		}
	}
}

func rawKeysEqual(a, b string) bool {
	if a == b {
		return true
	}
	if !strings.Contains(a, `\`) && !strings.Contains(b, `\`) {
		return false
	}
	return gjson.Parse(a).Str == gjson.Parse(b).Str
}

// Compare orders a and b for the operators < > <= >=. Two numbers compare
// numerically (exactly, as Equal does); a number and a string holding a
// decimal number compare numerically; two strings compare lexicographically
// by bytes (code points), even when both look numeric. For any other pair ok
// is false, and all four operators are false. Compare does not allocate.
func Compare(a, b Value) (cmp int, ok bool) {
	ka, kb := a.Kind(), b.Kind()
	switch {
	case ka == String && kb == String:
		return strings.Compare(a.r.Str, b.r.Str), true
	case (ka == Number || ka == String) && (kb == Number || kb == String):
		x, ok1 := numberOf(a)
		y, ok2 := numberOf(b)
		if !ok1 || !ok2 {
			return 0, false
		}
		return cmpNumber(x, y), true
	}
	return 0, false
}

// Less implements a < b (see Compare).
func Less(a, b Value) bool { c, ok := Compare(a, b); return ok && c < 0 }

// LessOrEqual implements a <= b (see Compare).
func LessOrEqual(a, b Value) bool { c, ok := Compare(a, b); return ok && c <= 0 }

// Greater implements a > b (see Compare).
func Greater(a, b Value) bool { c, ok := Compare(a, b); return ok && c > 0 }

// GreaterOrEqual implements a >= b (see Compare).
func GreaterOrEqual(a, b Value) bool { c, ok := Compare(a, b); return ok && c >= 0 }

// In implements `v in (l1, l2, ...)`: Equal against any element of list.
// A Missing v is in no list.
func In(v Value, list []Value) bool {
	for _, e := range list {
		if Equal(v, e) {
			return true
		}
	}
	return false
}
