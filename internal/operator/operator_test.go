package operator

import (
	"testing"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/tidwall/gjson"
)

// j reads a JSON literal as a document value (with its Raw text).
func j(text string) builtin.Value { return builtin.ParseJSON(text) }

var missing = builtin.MissingValue()

func TestTruthy(t *testing.T) {
	tests := []struct {
		v    builtin.Value
		want bool
	}{
		{missing, false},
		{j(`null`), false},
		{j(`false`), false},
		{j(`true`), true},
		{j(`"false"`), false},
		{j(`"FALSE"`), false},
		{j(`"False"`), false},
		{j(`"true"`), true},
		{j(`"0"`), true},
		{j(`"no"`), true},
		{j(`" "`), true},
		{j(`""`), false},
		{j(`0`), false},
		{j(`-0`), false},
		{j(`0.0`), false},
		{j(`0.5`), true},
		{j(`-1`), true},
		{builtin.NumberValue(0), false},
		{j(`[]`), false},
		{j(`[ ]`), false},
		{j(`[0]`), true},
		{j(`[null]`), true},
		{j(`{}`), false},
		{j("{\n}"), false},
		{j(`{"a":null}`), true},
	}
	for _, tt := range tests {
		if got := Truthy(tt.v); got != tt.want {
			t.Errorf("Truthy(%v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	good := []string{"0", "-0", "+1", "22", "4294967296", "9223372036854775807", "-9223372036854775808",
		"18446744073709551616", "0.5", ".5", "5.", "1e3", "1E-3", "-2.5e+10", "007", "1e999"}
	bad := []string{"", "-", "+", ".", "e3", "1e", "1e+", "0x10", "1_000", "Inf", "NaN", " 1", "1 ", "1.2.3", "--1", "1-"}
	for _, s := range good {
		v, ok := ParseNumber(s)
		if !ok || v.Kind() != builtin.Number || v.Raw() != s {
			t.Errorf("ParseNumber(%q) = %v, %v", s, v, ok)
		}
	}
	for _, s := range bad {
		if v, ok := ParseNumber(s); ok {
			t.Errorf("ParseNumber(%q) = %v, want failure", s, v)
		}
	}
	big, _ := ParseNumber("9007199254740993")
	if !builtin.Equal(big, j(`9007199254740993`)) || builtin.Equal(big, j(`9007199254740992`)) {
		t.Error("ParseNumber loses integer precision")
	}
}

// TestHashAgreesWithEqual checks that values Equal finds equal (within a
// kind) hash alike, and that a few that differ hash apart.
func TestHashAgreesWithEqual(t *testing.T) {
	same := [][2]string{
		{`1`, `1.0`}, {`0`, `-0`}, {`100`, `1e2`}, {`"a"`, `"\u0061"`},
		{`[1,"x",{"a":true}]`, `[1.0,"x",{"a":true}]`},
		{`{"a":1,"b":[2]}`, `{"b":[2.0],"a":1}`},
		{`{"a":1,"a":2}`, `{"a":1}`},
		{`{"\u0061":1}`, `{"a":1}`},
		{`{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17}`,
			`{"k17":17,"k16":16,"k15":15,"k14":14,"k13":13,"k12":12,"k11":11,"k10":10,"k9":9,"k8":8,"k7":7,"k6":6,"k5":5,"k4":4,"k3":3,"k2":2,"k1":1}`},
	}
	for _, p := range same {
		a, b := builtin.FromJSON(gjson.Parse(p[0])), builtin.FromJSON(gjson.Parse(p[1]))
		if !builtin.Equal(a, b) {
			t.Errorf("builtin.Equal(%s, %s) = false", p[0], p[1])
		}
		if Hash(a) != Hash(b) {
			t.Errorf("Hash(%s) != Hash(%s)", p[0], p[1])
		}
	}
	differ := [][2]string{
		{`1`, `2`}, {`"a"`, `"b"`}, {`[1,2]`, `[2,1]`}, {`{"a":1}`, `{"a":2}`},
		{`{"a":1}`, `{"b":1}`}, {`{"x":1,"x":1}`, `{"x":1,"y":5}`}, {`true`, `false`}, {`[]`, `{}`},
	}
	for _, p := range differ {
		a, b := builtin.FromJSON(gjson.Parse(p[0])), builtin.FromJSON(gjson.Parse(p[1]))
		if builtin.Equal(a, b) {
			t.Errorf("builtin.Equal(%s, %s) = true", p[0], p[1])
		}
		if Hash(a) == Hash(b) {
			t.Errorf("Hash(%s) == Hash(%s): these should not collide", p[0], p[1])
		}
	}
}

// The operands below come from a document, as the VM sees them.
var (
	benchDoc   = builtin.ParseJSON(`{"name": "my-Root-account", "encrypted": "TRUE", "port": 22, "empty": [], "tags": [{"key": "a"}]}`)
	fName      = builtin.FromJSON(benchDoc.JSON().Get("name"))
	fEncrypted = builtin.FromJSON(benchDoc.JSON().Get("encrypted"))
	fPort      = builtin.FromJSON(benchDoc.JSON().Get("port"))
	fEmpty     = builtin.FromJSON(benchDoc.JSON().Get("empty"))
	fTags      = builtin.FromJSON(benchDoc.JSON().Get("tags"))
	likeRoot   = CompileLike("%root%account")
	sink       bool
	sinkH      uint64
)

// TestNoAllocations checks that the operators the VM calls per value do
// not allocate for scalar operands (and Truthy not for containers).
func TestNoAllocations(t *testing.T) {
	for _, c := range []struct {
		name string
		run  func()
	}{
		{"Like", func() { sink = likeRoot.MatchValue(fName) }},
		{"Truthy/string", func() { sink = Truthy(fEncrypted) }},
		{"Truthy/array", func() { sink = Truthy(fEmpty) }},
		{"Hash/number", func() { sinkH = Hash(fPort) }},
		{"Hash/string", func() { sinkH = Hash(fName) }},
	} {
		if n := testing.AllocsPerRun(100, c.run); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", c.name, n)
		}
	}
}
