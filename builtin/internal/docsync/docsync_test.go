package docsync

import (
	"errors"
	"testing"
)

func TestSpliceMarkdown(t *testing.T) {
	doc := "# Spec\n" + BeginMarker + "\nold\n" + EndMarker + "\ntail\n"
	got, err := SpliceMarkdown(doc, "new\n\n")
	if want := "# Spec\n" + BeginMarker + "\n\nnew\n\n" + EndMarker + "\ntail\n"; err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	again, err := SpliceMarkdown(got, "new")
	if err != nil || again != got {
		t.Errorf("splicing twice changed the text: %q, %v", again, err)
	}
	for _, bad := range []string{"no markers", BeginMarker + " no end", EndMarker + " then " + BeginMarker} {
		if _, err := SpliceMarkdown(bad, "x"); !errors.Is(err, ErrNoMarkers) {
			t.Errorf("SpliceMarkdown(%q): err = %v, want ErrNoMarkers", bad, err)
		}
	}
}

func TestSpliceGoDoc(t *testing.T) {
	src := "// Package builtin.\n//\n" + goDocStart + "//   - old\n" + goDocEnd + "package builtin\n"
	got, err := SpliceGoDoc(src, "  - a()\n\n  - b()\n")
	want := "// Package builtin.\n//\n" + goDocStart + "//   - a()\n//\n//   - b()\n" + goDocEnd + "package builtin\n"
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	if _, err := SpliceGoDoc("package builtin\n", "x"); !errors.Is(err, ErrNoMarkers) {
		t.Errorf("err = %v, want ErrNoMarkers", err)
	}
}
