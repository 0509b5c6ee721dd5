package builtin

import "github.com/gsl-lang/gsl/internal/jsontext"

// countMembers counts the elements of a raw JSON array or the keys of a raw
// JSON object.
func countMembers(raw string) int {
	it := jsontext.NewMembers(raw)
	n := 0
	for {
		if _, _, ok := it.Next(); !ok {
			return n
		}
		n++
	}
}
