package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gslcheck")
	}
	var out bytes.Buffer
	if err := run([]string{"-n", "2", "-root", "../../.."}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"gslcheck run, every bundle", "gslcheck version", "ms"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if err := run([]string{"-n", "0"}, &out); err == nil {
		t.Error("-n 0: no error")
	}
}
