package lang

import (
	"fmt"
	"strings"
)

// Error is a problem found in a rule's source text. It is a value: callers
// read its fields, print it with Error (one line) or Detail (with the source
// line and a caret under the fault).
type Error struct {
	Pos      Pos      // where the fault starts
	End      Pos      // end of the faulty token, when known (zero otherwise)
	Msg      string   // what is wrong, without position, e.g. `unexpected "]"`
	Expected []string // what the parser would have accepted there, if known
	Hint     string   // e.g. `did you mean "contain-any"?`
	Line     string   // the full source line holding Pos, for the caret display
}

// Error formats the error on one line: "line:col: msg (expected ...; hint)".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
	if len(e.Expected) > 0 {
		fmt.Fprintf(&b, " (expected %s)", strings.Join(e.Expected, ", "))
	}
	if e.Hint != "" {
		fmt.Fprintf(&b, "; %s", e.Hint)
	}
	return b.String()
}

// ErrorList is the set of errors found in one rule or one rule file.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns nil when the list is empty and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
