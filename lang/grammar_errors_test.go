package lang

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// describeParse renders the outcome of parsing src for a golden file: "ok",
// or every error with its span, message, expected tokens and hint.
func describeParse(src string) string {
	_, err := Parse(src)
	if err == nil {
		return "ok"
	}
	var list ErrorList
	if !errors.As(err, &list) {
		return "not an ErrorList: " + err.Error()
	}
	var b strings.Builder
	for i, e := range list {
		if i > 0 {
			b.WriteString("\n  ")
		}
		fmt.Fprintf(&b, "%d:%d-%d:%d %s", e.Pos.Line, e.Pos.Column, e.End.Line, e.End.Column, e.Msg)
		if len(e.Expected) > 0 {
			fmt.Fprintf(&b, " | expected %s", strings.Join(e.Expected, ", "))
		}
		if e.Hint != "" {
			fmt.Fprintf(&b, " | hint %s", e.Hint)
		}
	}
	return b.String()
}

// TestGrammarErrors holds the errors of grammarCases and lexerCases, every
// field a user sees, to a golden file, so that a change to the grammar or
// the diagnostics shows every message it changes. Regenerate with
// go test ./lang -run TestGrammarErrors -update, and review the diff.
func TestGrammarErrors(t *testing.T) {
	var b strings.Builder
	for _, cases := range [][]string{grammarCases, lexerCases} {
		for _, src := range cases {
			fmt.Fprintf(&b, "%q\n  %s\n", src, describeParse(src))
		}
	}
	path := filepath.Join("testdata", "grammar_errors.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("errors differ from %s (go test ./lang -run TestGrammarErrors -update, and review the diff)\n%s",
			path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines of got that differ from want, with the line of
// want they replace.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
