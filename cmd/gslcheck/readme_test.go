package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeRun runs the `gslcheck run` example of README.md (run from the
// repository's root, as it is written) and checks that the README shows
// the first lines and the summary line the command prints.
func TestReadmeRun(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const prompt = "$ gslcheck run "
	_, rest, ok := strings.Cut(string(readme), prompt)
	if !ok {
		t.Fatalf("README.md has no %q example", prompt)
	}
	block, _, _ := strings.Cut(rest, "```")
	lines := strings.Split(strings.TrimRight(block, "\n"), "\n")
	args := strings.Fields(lines[0])
	shown := lines[1:]

	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	var stdout, stderr bytes.Buffer
	code := Main(append([]string{"run"}, args...), strings.NewReader(""), &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (findings)\n%s", code, stderr.String())
	}
	got := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
	// The README shows the head of the output, "...", and the summary.
	for i, want := range shown {
		if want == "..." {
			if last := shown[len(shown)-1]; got[len(got)-1] != last {
				t.Errorf("README.md's summary line:\n  %s\nthe command prints:\n  %s", last, got[len(got)-1])
			}
			break
		}
		if i >= len(got) || got[i] != want {
			t.Errorf("README.md's line %d of the example:\n  %s\nthe command prints:\n  %s", i+1, want, got[min(i, len(got)-1)])
			break
		}
	}
}
