package jsontext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAppendString pins the escaping contract of the package documentation
// case by case.
func TestAppendString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`q"b\`, `"q\"b\\"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f\""},
		{"<a href='x'>&</a>", `"<a href='x'>&</a>"`},
		{"é😀", `"é😀"`},
		{"a\u2028b\u2029c", `"a\u2028b\u2029c"`},
		{"a\xffb", `"a\ufffdb"`},
		{"\xe2\x80", `"\ufffd\ufffd"`},
		{"/", `"/"`},
	} {
		if got := string(AppendString([]byte("x"), c.in)); got != "x"+c.want {
			t.Errorf("AppendString(%q) = %s, want %s", c.in, got[1:], c.want)
		}
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// FuzzAppendString checks the contract against encoding/json (HTML
// escaping off) byte for byte, and that valid UTF-8 reads back unchanged.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `a "q" \ b`, "\b\f\n\r\t\x00\x1f\x7f", "é\u2028\u2029", "\xff\xc3", "<>&", "\xe2\x80"} {
		f.Add(s)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	f.Fuzz(func(t *testing.T, s string) {
		buf.Reset()
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(buf.String(), "\n")
		got := string(AppendString(nil, s))
		if got != want {
			t.Fatalf("AppendString(%q) = %s, want %s", s, got, want)
		}
		if !Valid(got) {
			t.Fatalf("AppendString(%q) = %s, not valid JSON", s, got)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("%s reads back as %q, want %q", got, back, s)
		}
	})
}
