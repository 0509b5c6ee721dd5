package builtin

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func call(t *testing.T, name string, recv Value, args ...Value) Value {
	t.Helper()
	f, ok := Default().Lookup(name)
	if !ok {
		t.Fatalf("no builtin %s", name)
	}
	if err := f.CheckCall(args); err != nil {
		t.Fatalf("%s: CheckCall: %v", name, err)
	}
	v, err := f.Impl(&Env{}, recv, args)
	if err != nil {
		t.Fatalf("%v %s(): %v", recv, name, err)
	}
	return v
}

func TestIsEmptyAndLength(t *testing.T) {
	tests := []struct {
		v      Value
		empty  bool
		length float64
	}{
		{missing, true, 0},
		{j(`null`), true, 0},
		{j(`""`), true, 0},
		{j(`[]`), true, 0},
		{j(`[ ]`), true, 0},
		{j(`{}`), true, 0},
		{j(` { } `), true, 0},
		{j(`"abc"`), false, 3},
		{j(`"日本語"`), false, 3},
		{j(`"a\u00e9"`), false, 2},
		{j(`" "`), false, 1},
		{j(`0`), false, 0},
		{j(`12345`), false, 0},
		{j(`false`), false, 0},
		{j(`true`), false, 0},
		{j(`[1]`), false, 1},
		{j(`[1, "a,b", [2, 3], {"x": [4, 5]}, null]`), false, 5},
		{j(`["]", "[", "\"", "\\"]`), false, 4},
		{j(`[[], {}]`), false, 2},
		{j(`{"a": 1, "b": [1, 2], "c": {"d": 3}}`), false, 3},
		{j(`{"a,b": "c:d"}`), false, 1},
	}
	for _, tt := range tests {
		if got := call(t, "isEmpty", tt.v); got.Bool() != tt.empty {
			t.Errorf("%v isEmpty() = %v, want %v", tt.v, got, tt.empty)
		}
		if got := call(t, "length", tt.v); got.Num() != tt.length {
			t.Errorf("%v length() = %v, want %v", tt.v, got, tt.length)
		}
		if got := tt.v.Len(); float64(got) != tt.length {
			t.Errorf("%v Len() = %v, want %v", tt.v, got, tt.length)
		}
	}
}

func TestIsFilterPatternEqual(t *testing.T) {
	const root = `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`
	tests := []struct {
		recv Value
		arg  string
		want bool
	}{
		{StringValue(root), root, true},
		{StringValue(`{$.userIdentity.type="Root"&&$.userIdentity.invokedBy NOT EXISTS&&$.eventType!="AwsServiceEvent"}`), root, true},
		{StringValue("{ $.userIdentity.type = \"Root\"\n\t&& $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"), root, true},
		{StringValue("{\u00a0$.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }\u2003"), root, true},
		{StringValue(`{ $.userIdentity.type = "root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`), root, false},
		{StringValue(`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }`), root, false},
		{StringValue(`{ ($.errorMessage = "Failed authentication") }`), `{($.errorMessage="Failedauthentication")}`, true},
		{StringValue(""), "", true},
		{StringValue("   "), "", true},
		{StringValue("a"), "", false},
		{StringValue(""), "a", false},
		{StringValue("ab"), "a b ", true},
		{StringValue("ab"), "abc", false},
		{StringValue("\xff"), "\xfe", false},
		{StringValue("\xff "), " \xff", true},
		{missing, root, false},
		{j(`null`), "", false},
		{j(`1`), "1", false},
		{j(`["a"]`), "a", false},
	}
	for _, tt := range tests {
		got := call(t, "isFilterPatternEqual", tt.recv, StringValue(tt.arg))
		if got.Bool() != tt.want {
			t.Errorf("%v isFilterPatternEqual(%q) = %v, want %v", tt.recv, tt.arg, got, tt.want)
		}
	}
}

func TestTableIsComplete(t *testing.T) {
	want := []string{"isEmpty", "length", "isPublic", "numberOfHosts", "allowedHostsForPort",
		"allowedPublicHostsForPort", "openToInternetForPort", "openToInternetOver", "before", "after", "openToInternetExceptPorts", "grantsPublicAccess", "coversAction", "coversWholeService", "deniesInsecureTransport",
		"filterPatternSelects", "isFilterPatternEqual"}
	reg := Default()
	for _, name := range want {
		f, ok := reg.Lookup(name)
		if !ok {
			t.Errorf("builtin %s is missing", name)
			continue
		}
		if f.Doc == "" || f.Example == "" || f.Impl == nil {
			t.Errorf("builtin %s lacks a Doc, an Example or an Impl", name)
		}
	}
	if got := len(reg.Names()); got != len(want) {
		t.Errorf("%d builtins, want %d: %v", got, len(want), reg.Names())
	}
	// Every builtin would pass the validation embedders get.
	for _, f := range builtins {
		if err := emptyRegistry().Register(*f); err != nil {
			t.Errorf("builtin %s fails Register: %v", f.Name, err)
		}
	}
	for _, op := range operatorDocs {
		if op.Name == "" || op.Syntax == "" || op.Doc == "" || op.Example == "" {
			t.Errorf("operator %q is not fully documented", op.Name)
		}
	}
}

// emptyRegistry returns a registry without builtins.
func emptyRegistry() *Registry { return &Registry{funcs: map[string]*Func{}} }

// stripSpace is the reference for filterPatternEqual: the bytes of s
// without its white-space characters.
func stripSpace(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !(unicode.IsSpace(r) && !(r == utf8.RuneError && w == 1)) {
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	return b.String()
}

func FuzzFilterPatternEqual(f *testing.F) {
	f.Add("{ $.a = 1 }", "{$.a=1}")
	f.Add("a\u00a0b", "ab")
	f.Add("\xff ", "\xfe")
	f.Add("x\u2003", "x ")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := stripSpace(a) == stripSpace(b)
		if got := filterPatternEqual(a, b); got != want {
			t.Fatalf("filterPatternEqual(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}
