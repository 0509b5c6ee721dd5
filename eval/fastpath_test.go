package eval

import (
	"math"
	"strconv"
	"testing"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/internal/operator"
	"github.com/tidwall/gjson"
)

// sameResult reports whether two gjson results are the same value, bit
// for bit (a -0 number is not a 0).
func sameResult(a, b gjson.Result) bool {
	return a.Type == b.Type && a.Raw == b.Raw && a.Str == b.Str &&
		math.Float64bits(a.Num) == math.Float64bits(b.Num) && a.Index == b.Index
}

var scalarTexts = []string{
	"0", "-0", "7", "-7", "10", "007", "-007", "123456789012345", "-123456789012345",
	"1234567890123456", "-1234567890123456", "9007199254740993", "1.5", "-1.5", "1e3",
	"1E3", "-1e-3", "0.0", "-", "--1", "1-", "12a", "", "true", "false", "null", "tru",
	"nul", "nan", "NaN", "Infinity", `"a"`, `"a\"b"`, `""`, `"`, "[1,2]", "{}", " 1",
	"+1", "1 ", "99999999999999", "999999999999999", "-999999999999999",
}

// TestResultOfMatchesParse checks the fast paths of resultOf (and of
// setValue, which the path table uses) against gjson.Parse.
func TestResultOfMatchesParse(t *testing.T) {
	texts := append([]string(nil), scalarTexts...)
	for i := int64(-2000); i <= 2000; i += 7 {
		texts = append(texts, strconv.FormatInt(i, 10))
	}
	for e := 0; e < 19; e++ {
		n := int64(math.Pow10(e))
		texts = append(texts, strconv.FormatInt(n-1, 10), strconv.FormatInt(n, 10), strconv.FormatInt(-n+1, 10))
	}
	for _, s := range texts {
		want := gjson.Parse(s)
		if got := resultOf(s); !sameResult(got, want) {
			t.Errorf("resultOf(%q) = %#v, gjson %#v", s, got, want)
		}
		if s == "" || s == "tru" || s == "nul" || s[0] == ' ' {
			continue // setValue is given the text of one valid value
		}
		var r builtin.Value
		setValue(&r, s)
		if got := r.JSON(); !sameResult(got, want) {
			t.Errorf("setValue(%q) = %#v, gjson %#v", s, got, want)
		}
	}
}

// FuzzResultOf checks resultOf against gjson.Parse on any text of one
// JSON value.
func FuzzResultOf(f *testing.F) {
	for _, s := range scalarTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !gjson.Valid(s) || s == "" || jsontext.IsSpace(s[0]) || jsontext.IsSpace(s[len(s)-1]) {
			return
		}
		want := gjson.Parse(s)
		if got := resultOf(s); !sameResult(got, want) {
			t.Fatalf("resultOf(%q) = %#v, gjson %#v", s, got, want)
		}
		var r builtin.Value
		setValue(&r, s)
		if got := r.JSON(); !sameResult(got, want) {
			t.Fatalf("setValue(%q) = %#v, gjson %#v", s, got, want)
		}
	})
}

// operandValues are values of every kind and spelling that the VM's
// in-place comparisons must decide as package builtin does.
func operandValues() []builtin.Value {
	vs := []builtin.Value{
		builtin.MissingValue(), builtin.NullValue(), builtin.BoolValue(true), builtin.BoolValue(false),
		builtin.NumberValue(0), builtin.NumberValue(math.Copysign(0, -1)), builtin.NumberValue(22),
		builtin.NumberValue(22.5), builtin.NumberValue(math.NaN()), builtin.NumberValue(math.Inf(1)),
		builtin.NumberValue(9007199254740993), builtin.IntValue(22), builtin.IntValue(-22),
		builtin.IntValue(9007199254740993), builtin.IntValue(math.MaxInt64), builtin.IntValue(math.MinInt64),
	}
	for _, s := range []string{"22", "22.0", "2.2e1", "-0", "0", "-22", "9007199254740993", "9007199254740992",
		"123456789012345678", "1234567890123456789", "99999999999999999999", "1e400", "0.5"} {
		n, ok := operator.ParseNumber(s)
		if !ok {
			panic(s)
		}
		vs = append(vs, n)
	}
	for _, t := range []string{"22", "22.0", "-0", "0", "-22", "9007199254740993", "123456789012345678",
		"1234567890123456789", "99999999999999999999", `"22"`, `"22.0"`, `"abc"`, `"ABC"`, `""`, `"true"`,
		`"TRUE"`, `"false"`, `"a\u0062c"`, "true", "false", "null", "[]", "[1,2]", "[1, 2]", `{"a":1}`,
		`{"a": 1}`, "{}"} {
		vs = append(vs, builtin.FromJSON(resultOf(t)))
	}
	return vs
}

// TestInPlaceComparisons checks equal, ordered and inList against the
// operators of package builtin on every pair of operand values.
func TestInPlaceComparisons(t *testing.T) {
	vs := operandValues()
	for i := range vs {
		for j := range vs {
			a, b := &vs[i], &vs[j]
			if got, want := equal(a, b), builtin.Equal(*a, *b); got != want {
				t.Errorf("equal(%s, %s) = %v, builtin %v", jsonText(*a), jsonText(*b), got, want)
			}
			for _, op := range []opcode{opLt, opGt, opLe, opGe} {
				if got, want := ordered(op, a, b), compareHolds(op, *a, *b); got != want {
					t.Errorf("ordered(%d, %s, %s) = %v, builtin %v", op, jsonText(*a), jsonText(*b), got, want)
				}
			}
		}
		for k := 0; k+3 <= len(vs); k++ {
			list := vs[k : k+3]
			if got, want := inList(&vs[i], list), inReference(vs[i], list); got != want {
				t.Errorf("inList(%s, list %d) = %v, builtin %v", jsonText(vs[i]), k, got, want)
			}
		}
	}
}

// inReference is `v in (list)` by its definition: Equal to some element.
func inReference(v builtin.Value, list []builtin.Value) bool {
	for _, e := range list {
		if builtin.Equal(v, e) {
			return true
		}
	}
	return false
}

// TestRawEqual checks the comparisons decided on raw text against
// builtin.Equal over the built values.
func TestRawEqual(t *testing.T) {
	texts := []string{"", "true", "false", "null", "0", "1", `"true"`, `"TRUE"`, `"false"`, `"1"`, `"abc"`,
		`"a\u0062c"`, `"a\\bc"`, `"a\"c"`, `""`, "[]", `["abc"]`, `{"a":"abc"}`}
	consts := []builtin.Value{builtin.BoolValue(true), builtin.BoolValue(false), builtin.StringValue("abc"),
		builtin.StringValue(""), builtin.StringValue("true"), builtin.StringValue("1"), builtin.StringValue(`a\bc`),
		builtin.StringValue(`a"c`), builtin.NullValue(), builtin.IntValue(1), builtin.MissingValue()}
	decided, _ := checkRawEqual(t, texts, consts)
	if decided < 20 {
		t.Errorf("only %d comparisons decided on raw text", decided)
	}
}

// TestUnloadedOperands checks the operators that decide a path-table
// value on its raw text against package builtin over the loaded value.
func TestUnloadedOperands(t *testing.T) {
	texts := []string{"", "true", "false", "null", "0", "-0", "1", "22", "-22", "22.0", "2.2e1", "9007199254740993",
		"123456789012345678901", `"true"`, `"TRUE"`, `"false"`, `"FaLsE"`, `"1"`, `"22"`, `"abc"`, `"ABC"`,
		`"abd"`, `"a\u0062c"`, `"a\\bc"`, `""`, "[]", "[1]", `["abc"]`, "{}", `{"a":"abc"}`}
	consts := append(operandValues(), builtin.StringValue("abc"), builtin.StringValue("a"),
		builtin.StringValue(`a\bc`), builtin.StringValue("b"))
	like := operator.CompileLike("a%")
	for _, raw := range texts {
		m := &machine{doc: raw, recs: []trec{{size: int32(len(raw))}}}
		loaded := builtin.FromJSON(resultOf(raw))
		fresh := func() ([]val, []builtin.Value) { return []val{{rec: 1}}, make([]builtin.Value, 1) }
		stack, slots := fresh()
		if got := *m.deref(stack, slots, 0); !sameResult(got.JSON(), loaded.JSON()) {
			t.Errorf("deref(%s) = %#v, want %#v", raw, got.JSON(), loaded.JSON())
		}
		stack, slots = fresh()
		if got, want := m.truthy(stack, slots, 0), operator.Truthy(loaded); got != want {
			t.Errorf("truthy(%s) = %v, builtin %v", raw, got, want)
		}
		stack, _ = fresh()
		if s, isStr, ok := m.stringOperand(stack, 0); ok {
			if isStr != (loaded.Kind() == builtin.String) || isStr && s != loaded.Str() {
				t.Errorf("stringOperand(%s) = %q, %v", raw, s, isStr)
			}
			if got, want := isStr && like.Match(s), like.MatchValue(loaded); got != want {
				t.Errorf("like over %s = %v, builtin %v", raw, got, want)
			}
		}
		for i := range consts {
			k := &consts[i]
			stack, slots = fresh()
			if got, want := m.equalK(stack, slots, 0, k), builtin.Equal(loaded, *k); got != want {
				t.Errorf("equalK(%s, %s) = %v, builtin %v", raw, jsonText(*k), got, want)
			}
			for _, op := range []opcode{opLt, opGt, opLe, opGe} {
				stack, slots = fresh()
				if got, want := m.orderedK(op, stack, slots, 0, k), compareHolds(op, loaded, *k); got != want {
					t.Errorf("orderedK(%d, %s, %s) = %v, builtin %v", op, raw, jsonText(*k), got, want)
				}
			}
		}
		for k := 0; k+3 <= len(consts); k++ {
			stack, slots = fresh()
			if got, want := m.inListK(stack, slots, 0, consts[k:k+3]), inReference(loaded, consts[k:k+3]); got != want {
				t.Errorf("inListK(%s, list %d) = %v, builtin %v", raw, k, got, want)
			}
		}
	}
}
