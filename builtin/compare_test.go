package builtin

import (
	"fmt"
	"math"
	"testing"
)

// j reads a JSON literal as a document value (with its Raw text).
func j(text string) Value { return ParseJSON(text) }

var missing = MissingValue()

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b Value
		want bool
	}{
		// missing and null
		{missing, missing, false},
		{missing, j(`null`), false},
		{missing, j(`""`), false},
		{missing, j(`false`), false},
		{j(`null`), j(`null`), true},
		{j(`null`), NullValue(), true},
		{j(`null`), j(`""`), false},
		{j(`null`), j(`0`), false},
		{j(`null`), j(`"null"`), false},
		// bools
		{j(`true`), j(`true`), true},
		{j(`true`), BoolValue(true), true},
		{j(`true`), j(`false`), false},
		{j(`true`), j(`"true"`), true},
		{j(`true`), j(`"TRUE"`), true},
		{j(`"True"`), j(`true`), true},
		{j(`false`), j(`"false"`), true},
		{j(`false`), j(`"fAlSe"`), true},
		{j(`false`), j(`"true"`), false},
		{j(`true`), j(`"yes"`), false},
		{j(`true`), j(`"1"`), false},
		{j(`true`), j(`1`), false},
		{j(`false`), j(`0`), false},
		// numbers
		{j(`1`), j(`1`), true},
		{j(`1`), j(`1.0`), true},
		{j(`1`), j(`1e0`), true},
		{j(`-0`), j(`0`), true},
		{j(`0.1`), j(`0.1`), true},
		{j(`1`), j(`2`), false},
		{j(`9007199254740993`), j(`9007199254740992`), false},
		{j(`9007199254740993`), j(`9007199254740993`), true},
		{j(`9007199254740993`), NumberValue(9007199254740992), false},
		{j(`9007199254740992`), NumberValue(9007199254740992), true},
		{j(`9223372036854775807`), j(`9223372036854775806`), false},
		{j(`-9223372036854775808`), j(`-9223372036854775808`), true},
		{j(`18446744073709551616`), j(`18446744073709551616`), true},
		{j(`4294967296`), IntValue(4294967296), true},
		{j(`22`), NumberValue(22), true},
		{j(`22.5`), NumberValue(22.5), true},
		// number vs string
		{j(`22`), j(`"22"`), true},
		{j(`"22"`), j(`22`), true},
		{j(`22`), j(`"22.0"`), true},
		{j(`22`), j(`"+22"`), true},
		{j(`22`), j(`"2.2e1"`), true},
		{j(`22`), j(`" 22"`), false},
		{j(`22`), j(`"22 "`), false},
		{j(`22`), j(`"0x16"`), false},
		{j(`22`), j(`"twenty-two"`), false},
		{j(`22`), j(`""`), false},
		{j(`9007199254740993`), j(`"9007199254740993"`), true},
		{j(`9007199254740993`), j(`"9007199254740992"`), false},
		{NumberValue(0), j(`"NaN"`), false},
		{NumberValue(0), j(`"Inf"`), false},
		// NaN (a custom function's NumberValue) equals nothing, itself included
		{NumberValue(math.NaN()), NumberValue(math.NaN()), false},
		{NumberValue(math.NaN()), j(`0`), false},
		{NumberValue(math.NaN()), j(`1.5`), false},
		{NumberValue(math.NaN()), IntValue(7), false},
		{NumberValue(math.NaN()), j(`"0"`), false},
		{NumberValue(math.NaN()), j(`"NaN"`), false},
		// strings
		{j(`"abc"`), j(`"abc"`), true},
		{j(`"abc"`), StringValue("abc"), true},
		{j(`"abc"`), j(`"ABC"`), false},
		{j(`"1.0"`), j(`"1"`), false},
		{j(`""`), j(`""`), true},
		{j(`"a\u00e9"`), StringValue("aé"), true},
		{j(`"0.0.0.0/0"`), j(`"0.0.0.0/0"`), true},
		// arrays and objects
		{j(`[]`), j(`[]`), true},
		{j(`[]`), j(`[ ]`), true},
		{j(`[1,2]`), j(`[1, 2]`), true},
		{j(`[1,2]`), j(`[2,1]`), false},
		{j(`[1,2]`), j(`[1,2,3]`), false},
		{j(`[1,2,3]`), j(`[1,2]`), false},
		{j(`[1]`), j(`[1.0]`), true},
		{j(`["1"]`), j(`[1]`), false},
		{j(`[true]`), j(`["true"]`), false},
		{j(`[null]`), j(`[null]`), true},
		{j(`[[1,[2]],{"a":[]}]`), j(`[[1,[2]],{"a":[]}]`), true},
		{j(`[[1,[2]],{"a":[]}]`), j(`[[1,[3]],{"a":[]}]`), false},
		{j(`{}`), j(`{}`), true},
		{j(`{"a":1,"b":"x"}`), j(`{"b":"x","a":1}`), true},
		{j(`{"a":1,"b":"x"}`), j(`{"a":1}`), false},
		{j(`{"a":1}`), j(`{"a":1,"b":"x"}`), false},
		{j(`{"a":1}`), j(`{"b":1}`), false},
		{j(`{"a":1}`), j(`{"a":"1"}`), false},
		{j(`{"a\u0062":1}`), j(`{"ab":1}`), true},
		{j(`{"a":{"b":[1,{"c":null}]}}`), j(`{"a":{"b":[1,{"c":null}]}}`), true},
		{j(`[]`), j(`{}`), false},
		{j(`[]`), j(`""`), false},
		{j(`[]`), missing, false},
		{j(`["a"]`), j(`"a"`), false},
		{j(`{}`), j(`null`), false},
	}
	for _, tt := range tests {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := Equal(tt.b, tt.a); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v, want %v (swapped)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	const none = 9 // not ordered
	tests := []struct {
		a, b Value
		want int
	}{
		{j(`1`), j(`2`), -1},
		{j(`2`), j(`1`), 1},
		{j(`2`), j(`2.0`), 0},
		{j(`-1.5`), j(`-1`), -1},
		{j(`9007199254740993`), j(`9007199254740992`), 1},
		{j(`9007199254740993`), NumberValue(9007199254740992), 1},
		{j(`9223372036854775807`), NumberValue(9223372036854775807), -1}, // 2^63 as float
		{j(`-9223372036854775808`), NumberValue(-9223372036854775808), 0},
		{j(`3`), NumberValue(2.5), 1},
		{j(`-3`), NumberValue(-2.5), -1},
		{j(`2`), NumberValue(2.5), -1},
		{j(`10`), j(`"9"`), 1},
		{j(`"10"`), j(`9`), 1},
		{j(`"1e3"`), j(`999`), 1},
		{j(`"10"`), j(`"9"`), -1}, // two strings: lexicographic
		{j(`"abc"`), j(`"abd"`), -1},
		{j(`"B"`), j(`"a"`), -1},
		{j(`""`), j(`"a"`), -1},
		{j(`"2024-01-02"`), j(`"2024-01-10"`), -1},
		{j(`"é"`), j(`"z"`), 1},
		{j(`"x"`), j(`1`), none},
		{j(`""`), j(`0`), none},
		{missing, j(`1`), none},
		{missing, missing, none},
		{j(`null`), j(`0`), none},
		{j(`null`), j(`null`), none},
		{j(`true`), j(`false`), none},
		{j(`true`), j(`1`), none},
		{j(`[1]`), j(`[2]`), none},
		{j(`{}`), j(`{}`), none},
		{NumberValue(math.NaN()), j(`0`), none},
		{j(`0`), NumberValue(math.NaN()), none},
		{NumberValue(math.NaN()), j(`2.5`), none},
		{NumberValue(math.NaN()), j(`"3"`), none},
		{NumberValue(math.NaN()), NumberValue(math.NaN()), none},
	}
	for _, tt := range tests {
		c, ok := Compare(tt.a, tt.b)
		got := c
		if !ok {
			got = none
		}
		if got != tt.want {
			t.Errorf("Compare(%v, %v) = %d, %v; want %d", tt.a, tt.b, c, ok, tt.want)
		}
	}
}

func TestValueAccessors(t *testing.T) {
	if f, ok := j(`"12.5"`).AsNumber(); !ok || f != 12.5 {
		t.Errorf(`AsNumber("12.5") = %v, %v`, f, ok)
	}
	if _, ok := j(`"x"`).AsNumber(); ok {
		t.Error(`AsNumber("x") ok`)
	}
	if _, ok := j(`true`).AsNumber(); ok {
		t.Error(`AsNumber(true) ok`)
	}
	var got []string
	j(`[1, "a", [2], {"b": 3}]`).ForEach(func(i int, e Value) bool {
		got = append(got, fmt.Sprintf("%d:%v", i, e))
		return i < 2
	})
	if fmt.Sprint(got) != `[0:1 1:"a" 2:[2]]` {
		t.Errorf("ForEach visited %v", got)
	}
	j(`{"a":1}`).ForEach(func(int, Value) bool { t.Error("ForEach over an object"); return true })
	for _, tt := range []struct {
		v    Value
		want string
	}{
		{missing, "missing"}, {j(`null`), "null"}, {StringValue(`a"b`), `"a\"b"`},
		{NumberValue(2.5), "2.5"}, {j(`1e3`), "1e3"}, {j(`[1]`), "[1]"}, {BoolValue(false), "false"},
	} {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
		}
	}
	if Kind(42).String() != "kind(42)" || Type(42).String() != "type(42)" {
		t.Error("out-of-range Kind/Type names")
	}
}

// TestEqualBigObjects checks that objects above smallObject members, which
// Equal compares through an index instead of a scan, compare exactly as small
// ones do: any key order, escaped keys, repeated names (the first counts),
// nested values and a single differing member.
func TestEqualBigObjects(t *testing.T) {
	obj := func(n int, member func(i int) string) string {
		s := "{"
		for i := range n {
			if i > 0 {
				s += ","
			}
			s += member(i)
		}
		return s + "}"
	}
	plain := func(i int) string { return fmt.Sprintf(`"k%d":[%d,{"x":%d}]`, i, i, i) }
	for _, n := range []int{smallObject, smallObject + 1, 200} {
		base := obj(n, plain)
		reversed := obj(n, func(i int) string { return plain(n - 1 - i) })
		escaped := obj(n, func(i int) string { return fmt.Sprintf(`"\u006b%d":[%d.0,{"x":%de0}]`, i, i, i) })
		changed := obj(n, func(i int) string {
			if i == n/2 {
				return fmt.Sprintf(`"k%d":[%d,{"x":"%d"}]`, i, i, i)
			}
			return plain(i)
		})
		renamed := obj(n, func(i int) string {
			if i == n-1 {
				return fmt.Sprintf(`"K%d":[%d,{"x":%d}]`, i, i, i)
			}
			return plain(i)
		})
		// b repeats k0 first with the value of k0, then with another value
		// in place of k1: a's k1 is then missing from b.
		repeated := obj(n, func(i int) string {
			if i == 1 {
				return `"k0":"other"`
			}
			return plain(i)
		})
		shorter := obj(n-1, plain)
		for _, c := range []struct {
			name string
			a, b string
			want bool
		}{
			{"same", base, base, true},
			{"reversed", base, reversed, true},
			{"escaped keys, number spellings", base, escaped, true},
			{"escaped keys, reversed", escaped, reversed, true},
			{"one value differs", base, changed, false},
			{"one name differs", base, renamed, false},
			{"repeated name in b", base, repeated, false},
			{"repeated name in a", repeated, base, false},
			{"fewer members", base, shorter, false},
		} {
			if got := Equal(j(c.a), j(c.b)); got != c.want {
				t.Errorf("%d members, %s: Equal = %v, want %v", n, c.name, got, c.want)
			}
		}
	}
}
