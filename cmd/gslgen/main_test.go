package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out1, out2, errb bytes.Buffer
	if err := run([]string{"-n", "50", "-seed", "3"}, &out1, &errb); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out1.Bytes(), []byte("\n")); n != 50 {
		t.Fatalf("%d lines, want 50", n)
	}
	file := filepath.Join(t.TempDir(), "inv.ndjson")
	if err := run([]string{"-n", "50", "-seed", "3", "-o", file, "-counts"}, &out2, &errb); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, out1.Bytes()) {
		t.Error("-o wrote other bytes than standard output")
	}
	if out2.Len() != 0 {
		t.Error("-o also wrote to standard output")
	}
	if !strings.Contains(errb.String(), " Instance\n") {
		t.Errorf("-counts printed %q", errb.String())
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "-5"},
		{"-fail", "2"},
		{"-now", "yesterday"},
		{"extra"},
		{"-o", filepath.Join(t.TempDir(), "no", "such", "dir", "x")},
	} {
		var out, errb bytes.Buffer
		if err := run(args, &out, &errb); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
