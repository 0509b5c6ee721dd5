package lang

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a problem found in a rule's source text. It is a value: callers
// read its fields, print it with Error (one line) or Detail (with the source
// line and a caret under the fault).
type Error struct {
	File     string   // the file name, for errors from ParseFile; "" otherwise
	Pos      Pos      // where the fault starts
	End      Pos      // end of the faulty token, when known (zero otherwise)
	Msg      string   // what is wrong, without position, e.g. `unexpected "]"`
	Expected []string // what the parser would have accepted there, if known
	Hint     string   // e.g. `did you mean "contain-any"?`
	Line     string   // the full source line holding Pos, for the caret display
}

// Error formats the error on one line: "[file:]line:col: msg (expected ...; hint)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.position())
	b.WriteString(e.Msg)
	if len(e.Expected) > 0 {
		fmt.Fprintf(&b, " (expected %s)", strings.Join(e.Expected, ", "))
	}
	if e.Hint != "" {
		fmt.Fprintf(&b, "; %s", e.Hint)
	}
	return b.String()
}

func (e *Error) position() string {
	if e.File != "" {
		return fmt.Sprintf("%s:%d:%d: ", e.File, e.Pos.Line, e.Pos.Column)
	}
	return fmt.Sprintf("%d:%d: ", e.Pos.Line, e.Pos.Column)
}

// Detail renders the error over several lines: "line:col: message" (with the
// expected tokens), the source line, a caret line marking the fault with
// `^~~~` (one mark per character of the faulty token, aligned by characters,
// tabs kept), and the hint, if any, on a last line:
//
//	1:88: unmatched ")": no "(" is open here
//	S3Bucket should have policy.Statement contain [Effect='Deny' and (Action='x')])
//	                                                                              ^
//	hint: remove this ")" or add the missing "(" before it
func (e *Error) Detail() string {
	var b strings.Builder
	b.WriteString(e.position())
	b.WriteString(e.Msg)
	if len(e.Expected) > 0 {
		fmt.Fprintf(&b, " (expected %s)", strings.Join(e.Expected, ", "))
	}
	if e.Line != "" || e.Pos.Column == 1 {
		b.WriteByte('\n')
		b.WriteString(e.Line)
		b.WriteByte('\n')
		b.WriteString(e.caret())
	}
	if e.Hint != "" {
		b.WriteString("\nhint: ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// caret returns the marker line for Detail.
func (e *Error) caret() string {
	var b strings.Builder
	col := 1
	line := e.Line
	for col < e.Pos.Column {
		r, size := utf8.DecodeRuneInString(line)
		line = line[size:]
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		col++
	}
	b.WriteByte('^')
	width := 1
	if e.End.Line == e.Pos.Line && e.End.Column > e.Pos.Column {
		width = e.End.Column - e.Pos.Column
	}
	// Never run the marks past the end of the line.
	if rest := utf8.RuneCountInString(line); width > rest && rest > 0 {
		width = rest
	}
	for i := 1; i < width; i++ {
		b.WriteByte('~')
	}
	return b.String()
}

// ErrorList is the set of errors found in one rule or one rule file.
type ErrorList []*Error

// Error returns the first error's message and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	case 2:
		return l[0].Error() + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Detail renders every error with Detail, separated by blank lines.
func (l ErrorList) Detail() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Detail()
	}
	return strings.Join(parts, "\n\n")
}

// Err returns nil when the list is empty and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
