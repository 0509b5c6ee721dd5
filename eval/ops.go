package eval

import (
	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/operator"
)

// This file holds the comparisons the VM's fast paths fall back on when
// they cannot decide in place. The operators themselves are package
// builtin's (Equal, Compare) and internal/operator's (Truthy, Hash,
// LikePattern, MatchRegexp).

// likePattern is a compiled `like` pattern.
type likePattern = operator.LikePattern

func likeText(p likePattern) string { return jsonQuote(p.String()) }

// compareHolds decides a comparison opcode (EQ, NE, LT, GT, LE, GE) with
// the operators of package builtin.
func compareHolds(op opcode, a, b builtin.Value) bool {
	if op == opEq {
		return builtin.Equal(a, b)
	}
	if op == opNe {
		return !builtin.Equal(a, b)
	}
	c, ok := builtin.Compare(a, b)
	return ok && orderHolds(op, c)
}

// orderHolds decides an ordering opcode (LT, GT, LE, GE) from the sign of
// a three-way comparison c; it is false for any other opcode.
func orderHolds(op opcode, c int) bool {
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
