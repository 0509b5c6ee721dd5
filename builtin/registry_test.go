package builtin

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/internal/token"
)

func okImpl(*Env, Value, []Value) (Value, error) { return BoolValue(true), nil }

func TestRegister(t *testing.T) {
	reg := NewRegistry()
	good := Func{Name: "startsWith", Recv: TString, Params: []Param{{"prefix", TString}}, Result: TBool, Impl: okImpl}
	if err := reg.Register(good); err != nil {
		t.Fatal(err)
	}
	f, ok := reg.Lookup("startsWith")
	if !ok || f.Name != "startsWith" {
		t.Fatal("Lookup after Register failed")
	}
	if _, ok := Default().Lookup("startsWith"); ok {
		t.Error("Register on a new registry changed Default")
	}
	if _, ok := NewRegistry().Lookup("startsWith"); ok {
		t.Error("Register leaked into other registries")
	}
	good.Params[0].Name = "changed"
	if f.Params[0].Name != "prefix" {
		t.Error("the registry shares the caller's Params slice")
	}
	funcs := reg.Funcs()
	if last := funcs[len(funcs)-1]; last.Name != "startsWith" || funcs[0].Name != "isEmpty" {
		t.Errorf("Funcs order: first %s, last %s", funcs[0].Name, last.Name)
	}

	bad := []struct {
		f   Func
		msg string
	}{
		{Func{Name: "", Impl: okImpl}, "not an identifier"},
		{Func{Name: "9lives", Impl: okImpl}, "not an identifier"},
		{Func{Name: "has-dash", Impl: okImpl}, "not an identifier"},
		{Func{Name: "dotted.name", Impl: okImpl}, "not an identifier"},
		{Func{Name: "héllo", Impl: okImpl}, "not an identifier"},
		{Func{Name: "like", Impl: okImpl}, "keyword"},
		{Func{Name: "AND", Impl: okImpl}, "keyword"},
		{Func{Name: "Contain", Impl: okImpl}, "keyword"},
		{Func{Name: "isPublic", Impl: okImpl}, "already defined"},
		{Func{Name: "startsWith", Impl: okImpl}, "already defined"},
		{Func{Name: "noImpl"}, "no Impl"},
		{Func{Name: "badRecv", Recv: Type(99), Impl: okImpl}, "invalid receiver"},
		{Func{Name: "badResult", Result: Type(99), Impl: okImpl}, "invalid receiver or result"},
		{Func{Name: "badParam", Params: []Param{{"x", Type(77)}}, Impl: okImpl}, "invalid type"},
		{Func{Name: "anonParam", Params: []Param{{"", TString}}, Impl: okImpl}, "identifier"},
		{Func{Name: "twice", Params: []Param{{"x", TString}, {"x", TNumber}}, Impl: okImpl}, "two parameters"},
	}
	for _, tt := range bad {
		err := reg.Register(tt.f)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Register(%q) = %v, want an error with %q", tt.f.Name, err, tt.msg)
		}
	}
	if err := Default().Register(Func{Name: "x", Impl: okImpl}); err == nil {
		t.Error("Register on Default succeeded")
	}
	// Names that only look like keywords are fine.
	for _, name := range []string{"_x", "likeIt", "inRange", "X9"} {
		if err := reg.Register(Func{Name: name, Impl: okImpl}); err != nil {
			t.Errorf("Register(%q): %v", name, err)
		}
	}
}

func TestCheckCall(t *testing.T) {
	f := &Func{Name: "between", Params: []Param{{"lo", TNumber}, {"hi", TNumber}}, Impl: okImpl,
		Check: func(c []Value) error {
			if c[0].Kind() == Number && c[1].Kind() == Number && c[0].Num() > c[1].Num() {
				return &ArgError{Index: 1, Msg: "hi is below lo"}
			}
			return nil
		}}
	tests := []struct {
		args  []Value
		index int // -2: no error
		msg   string
	}{
		{[]Value{IntValue(1), IntValue(2)}, -2, ""},
		{[]Value{missing, IntValue(2)}, -2, ""},
		{[]Value{IntValue(1)}, -1, "between() takes 2 arguments, got 1"},
		{[]Value{StringValue("1"), IntValue(2)}, 0, "lo of between() must be a number, not a string"},
		{[]Value{IntValue(1), j(`[]`)}, 1, "hi of between() must be a number, not an array"},
		{[]Value{IntValue(1), NullValue()}, 1, "must be a number, not null"},
		{[]Value{IntValue(3), IntValue(2)}, 1, "hi is below lo"},
	}
	for _, tt := range tests {
		err := f.CheckCall(tt.args)
		if tt.index == -2 {
			if err != nil {
				t.Errorf("CheckCall(%v) = %v", tt.args, err)
			}
			continue
		}
		var ae *ArgError
		if !errors.As(err, &ae) || ae.Index != tt.index || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("CheckCall(%v) = %#v, want index %d and %q", tt.args, err, tt.index, tt.msg)
		}
	}
	plain := &Func{Name: "p", Params: []Param{{"x", Any}}, Check: func([]Value) error { return errors.New("plain") }}
	if err := plain.CheckCall([]Value{IntValue(1)}); err == nil || err.(*ArgError).Index != -1 {
		t.Errorf("a plain Check error is not wrapped: %#v", err)
	}
	if (&ArgError{Index: 1, Msg: "m"}).Error() != "argument 2: m" {
		t.Error("ArgError text")
	}
	// An embedder's Check that panics is an error of the call, not a crash
	// of the compiler; one that returns a nil *ArgError reports nothing.
	panics := &Func{Name: "pan", Params: []Param{{"x", Any}}, Check: func([]Value) error { panic("oops") }}
	err := panics.CheckCall([]Value{IntValue(1)})
	if ae, ok := err.(*ArgError); !ok || ae.Index != -1 || !strings.Contains(ae.Msg, "pan(): checking the call panicked: oops") {
		t.Errorf("a panicking Check gives %#v", err)
	}
	typedNil := &Func{Name: "tn", Check: func([]Value) error { var ae *ArgError; return ae }}
	if err := typedNil.CheckCall(nil); err != nil {
		t.Errorf("a nil *ArgError gives %#v, want nil", err)
	}
}

func TestCheckHelpers(t *testing.T) {
	lit := LiteralArgs()
	if err := lit([]Value{IntValue(1), StringValue("x")}); err != nil {
		t.Error(err)
	}
	if err := lit([]Value{IntValue(1), missing}); err == nil || err.(*ArgError).Index != 1 {
		t.Errorf("LiteralArgs: %v", err)
	}
	one := OneOf(0, "asc", "desc")
	if err := one([]Value{StringValue("DESC")}); err != nil {
		t.Error(err)
	}
	for _, c := range [][]Value{{StringValue("up")}, {missing}, {IntValue(1)}, nil} {
		if err := one(c); err == nil {
			t.Errorf("OneOf accepted %v", c)
		}
	}
}

func TestTypeAccepts(t *testing.T) {
	for _, tt := range []struct {
		t    Type
		k    Kind
		want bool
	}{
		{Any, Missing, true}, {Any, Object, true}, {TBool, Bool, true}, {TBool, String, false},
		{TNumber, Number, true}, {TNumber, String, false}, {TString, String, true}, {TList, Array, true},
		{TList, Object, false}, {TObject, Object, true}, {TString, Null, false}, {Type(99), String, false},
	} {
		if got := tt.t.Accepts(tt.k); got != tt.want {
			t.Errorf("%v.Accepts(%v) = %v", tt.t, tt.k, got)
		}
	}
}

func TestSuggest(t *testing.T) {
	reg := Default()
	for name, want := range map[string]string{
		"ispublic":             "isPublic",
		"ISEMPTY":              "isEmpty",
		"isEmpy":               "isEmpty",
		"lenght":               "length",
		"len":                  "",
		"befor":                "before",
		"allowedHostForPort":   "allowedHostsForPort",
		"numberOfHost":         "numberOfHosts",
		"isFilterPatternEqual": "isFilterPatternEqual",
		"dateDiff":             "",
		"x":                    "",
	} {
		if got := reg.Suggest(name); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestOperatorDocsCoverTable checks that the operator documentation has
// one entry per operator of the table of words (package token), in its
// order: comparison operators, then array operators.
func TestOperatorDocsCoverTable(t *testing.T) {
	want := append(token.Of(token.Compare), token.Of(token.ArrayOp)...)
	var got []string
	for _, op := range operatorDocs {
		got = append(got, op.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("operators documented: %v\nthe table's operators:  %v", got, want)
	}
}

func TestSignature(t *testing.T) {
	for name, want := range map[string]string{
		"isEmpty":             "isEmpty() bool",
		"allowedHostsForPort": "allowedHostsForPort(port number) number",
		"before":              "before(n number, unit string) bool",
	} {
		f, _ := Default().Lookup(name)
		if got := f.Signature(); got != want {
			t.Errorf("Signature() = %q, want %q", got, want)
		}
	}
}

// TestRegisteredImplPanics checks that the Impl a registry keeps for an
// embedder's function returns the panic of the function as its error.
func TestRegisteredImplPanics(t *testing.T) {
	r := NewRegistry()
	err := r.Register(Func{Name: "explode", Recv: Any, Result: TBool,
		Impl: func(*Env, Value, []Value) (Value, error) { panic("kaboom") }})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := r.Lookup("explode")
	v, err := f.Impl(&Env{}, StringValue("x"), nil)
	if err == nil || err.Error() != "panicked: kaboom" || v.Kind() != Missing {
		t.Errorf("Impl = %v, %v; want missing and the panic as an error", v, err)
	}
}
