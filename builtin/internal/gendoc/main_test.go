package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/builtin/internal/docsync"
)

func TestRun(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "builtin"), 0o755); err != nil {
		t.Fatal(err)
	}
	docGo, err := os.ReadFile(filepath.Join("..", "..", "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(rel, text string) {
		if err := os.WriteFile(filepath.Join(root, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("builtin/doc.go", strings.Replace(string(docGo), "//   - isEmpty()", "//   - stale()", 1))
	write("SPEC.md", "# Spec\n\n"+docsync.BeginMarker+"\nold\n"+docsync.EndMarker+"\n")

	stale, err := run(root, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(root, "builtin", "FUNCTIONS.md"), filepath.Join(root, "builtin", "doc.go"), filepath.Join(root, "SPEC.md")}
	if !slices.Equal(stale, want) {
		t.Fatalf("check: stale %v, want %v", stale, want)
	}
	if _, err := os.Stat(filepath.Join(root, "builtin", "FUNCTIONS.md")); !os.IsNotExist(err) {
		t.Fatal("check mode wrote FUNCTIONS.md")
	}
	if _, err := run(root, false); err != nil {
		t.Fatal(err)
	}
	if stale, err := run(root, true); err != nil || len(stale) != 0 {
		t.Fatalf("after writing: stale %v, %v", stale, err)
	}
	spec, _ := os.ReadFile(filepath.Join(root, "SPEC.md"))
	if !strings.Contains(string(spec), "#### `allowedHostsForPort(port)`") || strings.Contains(string(spec), "\nold\n") {
		t.Errorf("SPEC.md not spliced:\n%s", spec)
	}
	gotDoc, _ := os.ReadFile(filepath.Join(root, "builtin", "doc.go"))
	if string(gotDoc) != string(docGo) {
		t.Error("regenerated doc.go differs from the checked-in one")
	}

	// SPEC.md without markers, or absent, is left alone.
	write("SPEC.md", "# Spec without markers\n")
	if stale, err := run(root, true); err != nil || len(stale) != 0 {
		t.Fatalf("SPEC.md without markers: stale %v, %v", stale, err)
	}
	os.Remove(filepath.Join(root, "SPEC.md"))
	if stale, err := run(root, true); err != nil || len(stale) != 0 {
		t.Fatalf("no SPEC.md: stale %v, %v", stale, err)
	}
}
