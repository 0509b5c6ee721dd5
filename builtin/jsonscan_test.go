package builtin

import (
	"testing"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/internal/jsontext"
)

// TestCountMembers: countMembers counts what a jsontext.Members walk
// yields, over arrays and objects whose strings and nested values hold
// commas and brackets.
func TestCountMembers(t *testing.T) {
	tests := []struct {
		raw  string
		want int
	}{
		{`[]`, 0},
		{` [ ] `, 0},
		{`{}`, 0},
		{"{\n}", 0},
		{`[1]`, 1},
		{`[1,2,3]`, 3},
		{` [ 1 , 2 ,3 ] `, 3},
		{`["a,b", "c]", "d\"],["]`, 3},
		{`[[1,2],[3,[4,5]],{"a":[6,7]}]`, 3},
		{`[{"k":"v,}"},{}]`, 2},
		{`[null,true,false,-1.5e3,""]`, 5},
		{`{"a":1}`, 1},
		{`{"a":[1,2],"b":{"c":3,"d":4},"a":"x,y"}`, 3},
		{`{"a\"":"]","b":"\\"}`, 2},
		{`"a,b"`, 0},
		{`12`, 0},
		{``, 0},
	}
	for _, tt := range tests {
		got := countMembers(tt.raw)
		walked := 0
		for it := jsontext.NewMembers(tt.raw); ; walked++ {
			if _, _, ok := it.Next(); !ok {
				break
			}
		}
		if got != tt.want || walked != tt.want {
			t.Errorf("%s: countMembers %d, Members walk %d, want %d", tt.raw, got, walked, tt.want)
		}
	}
}

// TestRuneCount: runeCount is utf8.RuneCountInString, ASCII or not.
func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "a", "plain ascii text", "é", "aé", "héllo wörld", "日本語", "a\xffb", "\x80"} {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
}
