// Package docsync splices generated documentation into the files that hold
// it: the functions section of SPEC.md (between HTML comment markers), the
// function list of the builtin package comment, and builtin/FUNCTIONS.md.
// It knows nothing of GSL; package builtin renders the text.
package docsync

import (
	"errors"
	"strings"
)

// The markers around the generated section of SPEC.md.
const (
	BeginMarker = "<!-- BEGIN FUNCTIONS -->"
	EndMarker   = "<!-- END FUNCTIONS -->"
)

// ErrNoMarkers reports a file without the markers (or anchors) to splice at.
var ErrNoMarkers = errors.New("docsync: markers not found")

// SpliceMarkdown returns doc with the text between BeginMarker and
// EndMarker replaced by section, set off by blank lines.
func SpliceMarkdown(doc, section string) (string, error) {
	start, end, err := between(doc, BeginMarker, EndMarker)
	if err != nil {
		return "", err
	}
	return doc[:start] + "\n\n" + strings.TrimRight(section, "\n") + "\n\n" + doc[end:], nil
}

// between returns the extent of the text of s between the first begin and
// the first end after it.
func between(s, begin, end string) (from, to int, err error) {
	i := strings.Index(s, begin)
	if i < 0 {
		return 0, 0, ErrNoMarkers
	}
	from = i + len(begin)
	j := strings.Index(s[from:], end)
	if j < 0 {
		return 0, 0, ErrNoMarkers
	}
	return from, from + j, nil
}

// The anchors around the generated list in builtin/doc.go.
const (
	goDocStart = "// A postfix function, `operand name(args)`, is a [Func]. The builtins:\n//\n"
	goDocEnd   = "//\n// # Custom functions\n"
)

// SpliceGoDoc returns the Go source src (builtin/doc.go) with the function
// list of its package comment replaced by list, a plain-text list whose
// lines are turned into comment lines.
func SpliceGoDoc(src, list string) (string, error) {
	start, end, err := between(src, goDocStart, goDocEnd)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for line := range strings.SplitSeq(strings.TrimRight(list, "\n"), "\n") {
		if line == "" {
			b.WriteString("//\n")
		} else {
			b.WriteString("// " + line + "\n")
		}
	}
	return src[:start] + b.String() + src[end:], nil
}

// FunctionsFile returns the content of builtin/FUNCTIONS.md.
func FunctionsFile(section string) string {
	return "# GSL operators and functions\n\n" +
		"<!-- Generated from the tables of package builtin by `go run ./builtin/internal/gendoc`. DO NOT EDIT. -->\n\n" +
		"This is the text of the functions section of SPEC.md.\n\n" +
		strings.TrimRight(section, "\n") + "\n"
}
