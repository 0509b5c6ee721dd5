// Command customfunc shows how an embedder adds its own postfix functions
// to GSL: it registers startsWith(prefix) and daysSince() in a registry,
// checks calls the way the compiler does, calls the functions on values
// read from a document the way the VM does, and compiles and runs rules that
// use them.
//
//	go run ./examples/customfunc
package main

import (
	"fmt"
	"log"
	"math"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/eval"
)

// document is one resource, as gslcheck would read it.
const document = `{
	"type": "S3Bucket",
	"id": "tmp-uploads",
	"name": "tmp-uploads",
	"creationDate": "2024-01-10T08:30:00Z"
}`

func main() {
	reg := builtin.NewRegistry()

	// startsWith('prefix'): a string predicate with one string argument.
	must(reg.Register(builtin.Func{
		Name:    "startsWith",
		Recv:    builtin.TString,
		Params:  []builtin.Param{{Name: "prefix", Type: builtin.TString}},
		Result:  builtin.TBool,
		Doc:     "True when the operand is a string beginning with prefix (case-sensitive).",
		Example: "S3Bucket should not have name startsWith('tmp-')",
		Check:   builtin.LiteralArgs(), // the prefix must be written in the rule
		Impl: func(_ *builtin.Env, recv builtin.Value, args []builtin.Value) (builtin.Value, error) {
			ok := recv.Kind() == builtin.String && strings.HasPrefix(recv.Str(), args[0].Str())
			return builtin.BoolValue(ok), nil
		},
	}))

	// daysSince(): whole days from a date to the evaluation clock. It reads
	// dates the way before() and after() do, and reports a value that is not
	// a date as an error, which makes the rule's result `error`.
	must(reg.Register(builtin.Func{
		Name:    "daysSince",
		Recv:    builtin.Any,
		Result:  builtin.TNumber,
		Doc:     "Whole days from the operand, a date, to now; missing gives missing.",
		Example: "IamUser should not have passwordLastUsed daysSince() > 90",
		Impl: func(env *builtin.Env, recv builtin.Value, _ []builtin.Value) (builtin.Value, error) {
			if recv.Kind() == builtin.Missing {
				return builtin.MissingValue(), nil
			}
			t, ok := recv.AsTime()
			if !ok {
				return builtin.Value{}, fmt.Errorf("daysSince(): %v is not a date", recv)
			}
			return builtin.NumberValue(math.Floor(env.Clock().Sub(t).Hours() / 24)), nil
		},
	}))

	// The compiler checks each call site against the signature.
	startsWith, _ := reg.Lookup("startsWith")
	fmt.Println("signature:", startsWith.Signature())
	fmt.Println("startsWith(42):", startsWith.CheckCall([]builtin.Value{builtin.IntValue(42)}))
	fmt.Println("startsWith(path):", startsWith.CheckCall([]builtin.Value{builtin.MissingValue()}))
	if _, ok := reg.Lookup("startWith"); !ok {
		fmt.Printf("startWith: unknown function, did you mean %s?\n", reg.Suggest("startWith"))
	}

	// The VM calls Impl with values that point into the document.
	doc := builtin.ParseJSON(document)
	get := func(path string) builtin.Value { return builtin.FromJSON(doc.JSON().Get(path)) }
	env := &builtin.Env{Now: time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC)}

	v, err := startsWith.Impl(env, get("name"), []builtin.Value{builtin.StringValue("tmp-")})
	must(err)
	fmt.Println("name startsWith('tmp-'):", v)

	daysSince, _ := reg.Lookup("daysSince")
	v, err = daysSince.Impl(env, get("creationDate"), nil)
	must(err)
	fmt.Println("creationDate daysSince():", v)
	if _, err = daysSince.Impl(env, get("name"), nil); err != nil {
		fmt.Println("name daysSince(): error:", err)
	}

	// The result compares with the builtin operators, as in `daysSince() > 60`.
	c, ok := builtin.Compare(v, builtin.IntValue(60))
	fmt.Println("creationDate daysSince() > 60:", ok && c > 0)

	// Rules that call them compile and run like any other, once the
	// registry is passed to the compiler; calls are checked at compile time.
	fmt.Println()
	for _, src := range []string{
		"S3Bucket should not have name startsWith('tmp-')",
		"S3Bucket should have creationDate daysSince() < 30",
		"S3Bucket should not have name startsWith(42)",
		"S3Bucket should not have name startWith('tmp-')",
	} {
		p, err := eval.Compile(src, &eval.Options{Now: env.Now, Functions: reg})
		if err != nil {
			fmt.Printf("%s\n  compile error: %v\n", src, err)
			continue
		}
		fmt.Printf("%s\n  %v\n", src, p.Eval([]byte(document)))
	}

	// Custom functions are documented like the builtins.
	doc76 := reg.TextDoc(76)
	fmt.Print("\n", doc76[strings.Index(doc76, "  - startsWith"):])
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
