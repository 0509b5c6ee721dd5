package eval

import (
	"testing"

	"github.com/gsl-lang/gsl/builtin"
)

// TestRawEqualLengths checks rawEqual on strings whose text is shorter
// than, as long as or longer than the constant, with and without
// escapes, against builtin.Equal over the built values: each constant is
// a text's value, its body as written, or either cut or grown by a byte.
func TestRawEqualLengths(t *testing.T) {
	texts := []string{`""`, `"a"`, `"ab"`, `"a\nb"`, `"a\\b"`, `"a\"b"`, `"a\/b"`, `"\u00e9t\u00e9"`, `"été"`,
		`"\ud83d\ude00"`, `"😀"`, `"\ud800x"`, `"\\\\"`, `"\\"`, `"x\u0000"`, `"\t"`, `"abcdefghij"`}
	var consts []builtin.Value
	add := func(s string) {
		consts = append(consts, builtin.StringValue(s))
		if s != "" {
			consts = append(consts, builtin.StringValue(s[:len(s)-1]))
		}
		consts = append(consts, builtin.StringValue(s+"b"))
	}
	for _, raw := range texts {
		add(builtin.FromJSON(resultOf(raw)).Str())
		add(raw[1 : len(raw)-1])
	}
	decided, equal := checkRawEqual(t, texts, consts)
	if decided < len(texts)*len(consts)/2 || equal < 10 {
		t.Errorf("%d comparisons decided on raw text, %d of them equal", decided, equal)
	}
}

// checkRawEqual compares rawEqual with builtin.Equal over the built value
// for every (text, constant) pair, and returns how many pairs rawEqual
// decided and how many of those were equal.
func checkRawEqual(t *testing.T, texts []string, consts []builtin.Value) (decided, equal int) {
	t.Helper()
	for _, raw := range texts {
		v := builtin.FromJSON(resultOf(raw))
		for i := range consts {
			eq, ok := rawEqual(raw, &consts[i])
			if !ok {
				continue
			}
			decided++
			want := builtin.Equal(v, consts[i])
			if eq != want {
				t.Errorf("rawEqual(%s, %s) = %v, builtin %v", raw, jsonText(consts[i]), eq, want)
			}
			if want {
				equal++
			}
		}
	}
	return decided, equal
}
