package eval

import (
	"math"
	"strconv"
	"testing"

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
		var r trec
		setValue(&r, s)
		if got := r.v.JSON(); !sameResult(got, want) {
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
		if !gjson.Valid(s) || s == "" || isSpace(s[0]) || isSpace(s[len(s)-1]) {
			return
		}
		want := gjson.Parse(s)
		if got := resultOf(s); !sameResult(got, want) {
			t.Fatalf("resultOf(%q) = %#v, gjson %#v", s, got, want)
		}
		var r trec
		setValue(&r, s)
		if got := r.v.JSON(); !sameResult(got, want) {
			t.Fatalf("setValue(%q) = %#v, gjson %#v", s, got, want)
		}
	})
}
