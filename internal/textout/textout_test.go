package textout

import "testing"

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"vol-1":              "vol-1",
		"":                   "",
		"a\x1b[31mb":         `a\x1b[31mb`,
		"tab\there\nnl\x7f":  `tab\x09here\x0anl\x7f`,
		"café \u0085 \u00a0": "café \\u0085 \u00a0",
		"bad\xffbyte":        "bad\ufffdbyte",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
