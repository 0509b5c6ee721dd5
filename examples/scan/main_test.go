package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
)

// TestReadmeShowsThisProgram keeps README.md's embedder program and this
// file identical, so the program the test below runs is the one users read.
func TestReadmeShowsThisProgram(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	// README shows the program from its package clause on.
	prog := src[bytes.Index(src, []byte("package main")):]
	if !bytes.Contains(readme, append(append([]byte("```go\n"), prog...), "```\n"...)) {
		t.Errorf("README.md does not show examples/scan/main.go (from `package main` on) verbatim in a go block")
	}
	if n := bytes.Count(prog, []byte("\n")); n >= 40 {
		t.Errorf("the program has %d lines; README promises under 40", n)
	}
}

// TestProgram runs the program over the example account and checks that it
// prints every failure and error, with its evidence and location.
func TestProgram(t *testing.T) {
	input := filepath.Join("..", "inventory", "account.ndjson")
	out := runMain(t, input)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")

	// What it should print, by the library directly.
	b, err := bundles.Load("hipaa")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := bundles.Prepare([]*bundles.Bundle{b})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for f, err := range ev.EvalBytes(context.Background(), input, bytes.Lines(data), bundles.At(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))) {
		if err != nil {
			t.Fatal(err)
		}
		if f.Status == eval.Fail || f.Status == eval.Error {
			want = append(want, f.String())
		}
	}
	if len(want) < 10 {
		t.Fatalf("only %d findings on the example account", len(want))
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("the program printed:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
	// One finding the example account plants (README of examples/inventory).
	sentinel := "HIPAA-002 Volume vol-0e5f60718293a4b52: fail: encrypted = false (" + input + ":"
	if !strings.Contains(out, sentinel) {
		t.Errorf("output lacks %q", sentinel)
	}
}

// runMain runs main with args, returning what it printed.
func runMain(t *testing.T, args ...string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	oldOut, oldArgs := os.Stdout, os.Args
	os.Stdout, os.Args = w, append([]string{"scan"}, args...)
	defer func() { os.Stdout, os.Args = oldOut, oldArgs }()
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	main()
	w.Close()
	return <-done
}
