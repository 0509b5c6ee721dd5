package lang_test

import (
	"errors"
	"fmt"

	"github.com/gsl-lang/gsl/lang"
)

// Parse gives the tree of one rule; Format prints it back in canonical
// spelling.
func ExampleParse() {
	r, err := lang.Parse(`Instance WHERE tags contain [key='env'] should have volumes contain-all [ encrypted=true ]`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("target:", r.Target.Type, "negated:", r.Negated)
	fmt.Println("where:", lang.FormatExpr(r.Where))
	fmt.Println(lang.Format(r))
	// Output:
	// target: Instance negated: false
	// where: tags contain [key = 'env']
	// Instance where tags contain [key = 'env'] should have volumes contain-all [encrypted = true]
}

// Errors are values with positions; Detail shows the source line with a
// caret under the fault.
func ExampleParse_error() {
	_, err := lang.Parse(`Instance should have volumes contians [encrypted = true]`)
	var list lang.ErrorList
	if errors.As(err, &list) {
		fmt.Println(list[0].Pos.Line, list[0].Pos.Column)
		fmt.Println(list.Detail())
	}
	// Output:
	// 1 30
	// 1:30: unexpected "contians" (expected an operator, "and", "or", end of rule)
	// Instance should have volumes contians [encrypted = true]
	//                              ^~~~~~~~
	// hint: did you mean "contain"?
}
