package bundles

import (
	"fmt"
	"strings"
)

// Error is a problem found in a bundle, fixture or ruleset file. Line and
// Column are 1-based; they are 0 when the problem has no position (for
// example a file that cannot be read).
type Error struct {
	File         string
	Line, Column int
	Msg          string
}

// Error formats the error as "file:line:col: msg".
func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	}
	return e.Msg
}

// ErrorList is every problem found in one or more files, in file order.
type ErrorList []*Error

// Error prints every problem, one a line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Err returns nil for an empty list and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
