package main

// This file decides whether to use colour and progress output, and wraps
// text in ANSI colours.

import (
	"io"
	"os"

	"golang.org/x/term"
)

// style colours text when on; the zero value and nil print plain text.
type style struct{ on bool }

func (s *style) wrap(code, text string) string {
	if s == nil || !s.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s *style) bold(t string) string   { return s.wrap("1", t) }
func (s *style) dim(t string) string    { return s.wrap("2", t) }
func (s *style) red(t string) string    { return s.wrap("31", t) }
func (s *style) green(t string) string  { return s.wrap("32", t) }
func (s *style) yellow(t string) string { return s.wrap("33", t) }
func (s *style) blue(t string) string   { return s.wrap("34", t) }
func (s *style) purple(t string) string { return s.wrap("35", t) }
func (s *style) cyan(t string) string   { return s.wrap("36", t) }

// severity colours a severity name by its weight.
func (s *style) severity(sev string) string {
	switch sev {
	case "Critical":
		return s.wrap("1;31", sev)
	case "High":
		return s.red(sev)
	case "Medium":
		return s.yellow(sev)
	case "Low":
		return s.blue(sev)
	}
	return s.dim(sev)
}

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
