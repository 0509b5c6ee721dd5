package firstjson

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		in       string
		want     any
		repeated []string
	}{
		{`{"a":1,"a":2}`, map[string]any{"a": json.Number("1")}, []string{"a"}},
		{`{"x":{"b":[1,{"c":true,"c":false}]},"x":null}`,
			map[string]any{"x": map[string]any{"b": []any{json.Number("1"), map[string]any{"c": true}}}},
			[]string{"x.b[1].c", "x"}},
		{`[null,"s",[]]`, []any{nil, "s", []any{}}, nil},
		{`"plain"`, "plain", nil},
	}
	for _, tt := range tests {
		dec := json.NewDecoder(strings.NewReader(tt.in))
		dec.UseNumber()
		var got []string
		v, err := Decode(dec, func(p string) { got = append(got, p) })
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if d := cmp.Diff(tt.want, v); d != "" {
			t.Errorf("%s: value (-want +got):\n%s", tt.in, d)
		}
		if d := cmp.Diff(tt.repeated, got); d != "" {
			t.Errorf("%s: repeated paths (-want +got):\n%s", tt.in, d)
		}
	}
	dec := json.NewDecoder(strings.NewReader(`{"a":`))
	if _, err := Decode(dec, nil); err == nil {
		t.Error("truncated input: no error")
	}
	for _, depth := range []int{MaxDepth, MaxDepth + 1} {
		deep := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		_, err := Decode(json.NewDecoder(strings.NewReader(deep)), nil)
		if want := depth > MaxDepth; (err == ErrTooDeep) != want {
			t.Errorf("depth %d: err = %v", depth, err)
		}
	}
}
