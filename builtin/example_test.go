package builtin_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/builtin"
)

// An embedder adds a postfix function to its own registry. The compiler
// checks each call with CheckCall (here a literal prefix must be a string)
// and the VM calls Impl.
func ExampleRegistry_Register() {
	reg := builtin.NewRegistry()
	err := reg.Register(builtin.Func{
		Name:    "startsWith",
		Recv:    builtin.TString,
		Params:  []builtin.Param{{Name: "prefix", Type: builtin.TString}},
		Result:  builtin.TBool,
		Doc:     "True when the operand is a string that begins with prefix (case-sensitive).",
		Example: "S3Bucket should not have name startsWith('tmp-')",
		Impl: func(_ *builtin.Env, recv builtin.Value, args []builtin.Value) (builtin.Value, error) {
			ok := recv.Kind() == builtin.String && strings.HasPrefix(recv.Str(), args[0].Str())
			return builtin.BoolValue(ok), nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	f, _ := reg.Lookup("startsWith")
	fmt.Println(f.Signature())
	fmt.Println(f.CheckCall([]builtin.Value{builtin.IntValue(3)}))

	doc := builtin.ParseJSON(`{"name": "tmp-uploads"}`)
	name := builtin.FromJSON(doc.JSON().Get("name"))
	v, _ := f.Impl(&builtin.Env{Now: time.Now()}, name, []builtin.Value{builtin.StringValue("tmp-")})
	fmt.Println(v)

	fmt.Println(reg.Register(builtin.Func{Name: "isPublic", Impl: f.Impl}))
	// Output:
	// startsWith(prefix string) bool
	// argument 1: prefix of startsWith() must be a string, not a number
	// true
	// builtin: function "isPublic" is already defined
}

// Equal is the = of GSL, which a custom function can use on its operands.
func ExampleEqual() {
	doc := builtin.ParseJSON(`{"port": 22, "encrypted": "TRUE", "id": 9007199254740993}`)
	get := func(path string) builtin.Value { return builtin.FromJSON(doc.JSON().Get(path)) }
	lit := builtin.ParseJSON("9007199254740992")

	fmt.Println(builtin.Equal(get("port"), builtin.StringValue("22")))
	fmt.Println(builtin.Equal(get("encrypted"), builtin.BoolValue(true)))
	fmt.Println(builtin.Equal(get("id"), lit))
	fmt.Println(builtin.Equal(get("nothing"), get("nothing")))
	// Output:
	// true
	// true
	// false
	// false
}
