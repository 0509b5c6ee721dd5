package main

// This file decides whether to use colour and progress output, and wraps
// text in ANSI colours.

import (
	"io"
	"os"

	"github.com/gsl-lang/gsl/internal/textout"
	"golang.org/x/term"
)

// style colours text when on (see textout.Style).
type style = textout.Style

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// useColor decides colour for w from the --color mode and the environment:
// NO_COLOR (non-empty) turns it off, FORCE_COLOR (non-empty, not 0) on,
// otherwise colour is used on a terminal that is not "dumb".
func useColor(mode string, w io.Writer, getenv func(string) string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if getenv("NO_COLOR") != "" {
		return false
	}
	if v := getenv("FORCE_COLOR"); v != "" && v != "0" {
		return true
	}
	return isTerminal(w) && getenv("TERM") != "dumb"
}

// useProgress decides whether to draw a progress line on w.
func useProgress(disabled bool, w io.Writer, getenv func(string) string) bool {
	return !disabled && getenv("CI") == "" && getenv("TERM") != "dumb" && isTerminal(w)
}
