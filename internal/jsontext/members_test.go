package jsontext

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestFirstMembers(t *testing.T) {
	tests := []struct {
		obj         string
		names, vals []string
	}{
		{`{}`, nil, nil},
		{` { } `, nil, nil},
		{`{"a":1,"b":[2],"a":3}`, []string{"a", "b"}, []string{"1", "[2]"}},
		{`{"\u0061":1,"a":2}`, []string{"a"}, []string{"1"}},
		{`{"a\"b":true}`, []string{`a"b`}, []string{"true"}},
	}
	// Past the names it scans (16), a set finds the repeats.
	var b strings.Builder
	b.WriteByte('{')
	var names, vals []string
	for i := range 20 {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i)
		names, vals = append(names, fmt.Sprint("k", i)), append(vals, fmt.Sprint(i))
	}
	b.WriteString(`"k3":99,"k19":99}`)
	tests = append(tests, struct {
		obj         string
		names, vals []string
	}{b.String(), names, vals})

	for _, tt := range tests {
		names, vals := FirstMembers(tt.obj)
		if !slices.Equal(names, tt.names) || !slices.Equal(vals, tt.vals) {
			t.Errorf("FirstMembers(%s) = %q, %q, want %q, %q", tt.obj, names, vals, tt.names, tt.vals)
		}
		if got := IsEmpty(tt.obj); got != (len(tt.names) == 0) {
			t.Errorf("IsEmpty(%s) = %v", tt.obj, got)
		}
	}
	if IsEmpty(`[0]`) || !IsEmpty(`[ ]`) {
		t.Error("IsEmpty of arrays")
	}
}
