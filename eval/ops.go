package eval

import (
	"regexp"

	"github.com/gsl-lang/gsl/builtin"
)

// This file holds the operations the VM and the explainer share, so that
// both decide every test the same way.

// regexMatch reports whether v is a string matched by rx. Other kinds never
// match.
func regexMatch(rx *regexp.Regexp, v builtin.Value) bool {
	return v.Kind() == builtin.String && rx.MatchString(v.Str())
}

// inList reports whether v equals one of list.
func inList(v builtin.Value, list []builtin.Value) bool {
	for _, c := range list {
		if valEqual(v, c) {
			return true
		}
	}
	return false
}

// compareHolds applies an ordering operator to the result of opCompare.
func compareHolds(op Opcode, a, b builtin.Value) bool {
	if op == opEq {
		return valEqual(a, b)
	}
	if op == opNe {
		return !valEqual(a, b)
	}
	c, ok := valCompare(a, b)
	if !ok {
		return false
	}
	switch op {
	case opLt:
		return c < 0
	case opGt:
		return c > 0
	case opLe:
		return c <= 0
	case opGe:
		return c >= 0
	}
	return false
}
