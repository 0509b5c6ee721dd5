package jsontext

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestValueEnd(t *testing.T) {
	for _, c := range []struct {
		s    string
		i    int
		want int
	}{
		{`"abc" x`, 0, 5},
		{`"a\"b" x`, 0, 6},
		{`"a\\" x`, 0, 5},
		{`"unterminated`, 0, 13},
		{`"ends in \`, 0, 10},
		{`{"a":[1,{"b":"}"}]} x`, 0, 19},
		{`[1, [2, 3]], 4`, 0, 11},
		{`[1, 2`, 0, 5},
		{`12.5e3,`, 0, 6},
		{`true}`, 0, 4},
		{`null ]`, 0, 4},
		{`x: 1`, 0, 1},
		{``, 0, 0},
		{`1`, 5, 1},
	} {
		if got := ValueEnd(c.s, c.i); got != c.want {
			t.Errorf("ValueEnd(%q, %d) = %d, want %d", c.s, c.i, got, c.want)
		}
	}
	if end, esc := StringEndEsc(`"a\nb" `, 0); end != 6 || !esc {
		t.Errorf("StringEndEsc with an escape = %d, %v", end, esc)
	}
	if end, esc := StringEndEsc(`"a longer plain string" `, 0); end != 23 || esc {
		t.Errorf("StringEndEsc without an escape = %d, %v", end, esc)
	}
}

func TestMembers(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want []string // key=value, key quoted as in the text
	}{
		{`{"a": 1, "b" : [1, 2], "c":{"d":"}"}}`, []string{`"a"=1`, `"b"=[1, 2]`, `"c"={"d":"}"}`}},
		{` [ "x", 2, {"k": "v"} ] `, []string{`="x"`, `=2`, `={"k": "v"}`}},
		{`[]`, nil},
		{` { } `, nil},
		{`"scalar"`, nil},
		{`{"a": `, nil},
		{`[1, 2`, []string{"=1", "=2"}},
	} {
		var got []string
		it := NewMembers(c.raw)
		for {
			k, v, ok := it.Next()
			if !ok {
				break
			}
			got = append(got, k+"="+v)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("members of %q = %q, want %q", c.raw, got, c.want)
		}
	}
}

func TestCompact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"{\n  \"a\": \"b c\",\n  \"d\": [1, 2]\n}", `{"a":"b c","d":[1,2]}`},
		{`["a\" b", "c"]`, `["a\" b","c"]`},
		{`"a b"`, `"a b"`},
		{`{"cut": "a b`, `{"cut":"a b`},
		{``, ``},
	} {
		if got := Compact(c.in); got != c.want {
			t.Errorf("Compact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestValid(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{`{}`, true},
		{` [1, -0.5e+3, "a\u00e9\n", true, false, null, {"k": {}}] `, true},
		{"\"\xff\"", true}, // no UTF-8 check, as encoding/json and gjson
		{``, false},
		{`{"a":1,}`, false},
		{`[1 2]`, false},
		{`01`, false},
		{`1.`, false},
		{`"\x"`, false},
		{`"\u12"`, false},
		{"\"a\tb\"", false},
		{`{"a" 1}`, false},
		{`{1: 2}`, false},
		{`[1]]`, false},
		{`nul`, false},
		{strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), true},
		{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), false},
	} {
		if got := Valid(c.s); got != c.want {
			t.Errorf("Valid(%.40q) = %v, want %v", c.s, got, c.want)
		}
		if got := ValidBytes([]byte(c.s)); got != c.want {
			t.Errorf("ValidBytes(%.40q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestValidatorDepth(t *testing.T) {
	for _, c := range []struct {
		s     string
		depth int
		err   error
	}{
		{`[[1]]`, 2, nil},
		{`[[1]]`, 1, ErrTooDeep},
		{`{"a":{"b":[]}}`, 3, nil},
		{`{"a":{"b":[]}}`, 2, ErrTooDeep},
		{`1`, 0, nil},
		{`[]`, 0, ErrTooDeep},
		{`[1,]`, 5, ErrInvalid},
		{strings.Repeat("[", 600) + strings.Repeat("]", 600), 600, nil},
		{strings.Repeat("[", 600) + strings.Repeat("]", 600), 599, ErrTooDeep},
	} {
		var small [8]uint64
		v := NewValidator(c.depth, small[:])
		_, err := v.ValueEnd(c.s, 0)
		if err != c.err {
			t.Errorf("ValueEnd(%.20q) at depth %d: %v, want %v", c.s, c.depth, err, c.err)
		}
	}
}

// FuzzScan checks Valid against encoding/json.Valid, and that on valid
// text ValueEnd, the Validator and a walk of the members agree on extents.
// On any text the scanners stay in range.
func FuzzScan(f *testing.F) {
	for _, s := range []string{`{"a": [1, "x\"y", {"b": null}], "c": true}`, `[1, 2`, `"\u00e9"`, `{"a":}`, "\"\xff\"", ` -1.5e3 `, `[[[]]]`, `{"k\\": "v"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := Valid(s)
		if want := json.Valid([]byte(s)); valid != want {
			t.Fatalf("Valid(%q) = %v, encoding/json says %v", s, valid, want)
		}
		i := SkipSpace(s, 0)
		end := ValueEnd(s, i)
		if end < i || end > len(s) {
			t.Fatalf("ValueEnd(%q) = %d, out of range", s, end)
		}
		it := NewMembers(s)
		for n := 0; n <= len(s); n++ {
			if _, v, ok := it.Next(); !ok {
				break
			} else if valid && !Valid(v) {
				t.Fatalf("member %q of valid %q is not valid", v, s)
			}
		}
		if !valid {
			return
		}
		if SkipSpace(s, end) != len(s) {
			t.Fatalf("ValueEnd(%q) = %d, want the end of the value", s, end)
		}
		var small [8]uint64
		v := NewValidator(MaxDepth, small[:])
		if vend, err := v.ValueEnd(s, i); err != nil || vend != end {
			t.Fatalf("Validator.ValueEnd(%q) = %d, %v, want %d", s, vend, err, end)
		}
	})
}
