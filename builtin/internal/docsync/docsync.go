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
	i := strings.Index(doc, BeginMarker)
	if i < 0 {
		return "", ErrNoMarkers
	}
	start := i + len(BeginMarker)
	j := strings.Index(doc[start:], EndMarker)
	if j < 0 {
		return "", ErrNoMarkers
	}
	end := start + j
	return doc[:start] + "\n\n" + strings.TrimRight(section, "\n") + "\n\n" + doc[end:], nil
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
	i := strings.Index(src, goDocStart)
	if i < 0 {
		return "", ErrNoMarkers
	}
	start := i + len(goDocStart)
	j := strings.Index(src[start:], goDocEnd)
	if j < 0 {
		return "", ErrNoMarkers
	}
	end := start + j
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
