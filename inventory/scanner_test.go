package inventory

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestBorrowedLines reads NDJSON whose lines straddle the scanner's buffer
// (and exceed it) through readers that return little or much at a time, with
// borrowed and copied lines, and checks every line and its number.
func TestBorrowedLines(t *testing.T) {
	var want []string
	var in strings.Builder
	for i, n := range []int{10, scanBufSize - 30, 5, scanBufSize + 100, 0, 3*scanBufSize + 7, 40, scanBufSize, 1} {
		if n == 0 {
			in.WriteString("\n") // blank line: no document
			continue
		}
		line := fmt.Sprintf(`{"i":%d,"p":"%s"}`, i, strings.Repeat("x", n))
		want = append(want, line)
		in.WriteString(line)
		if i < 8 {
			in.WriteString("\n")
		}
	}
	readers := map[string]func(string) io.Reader{
		"whole":   func(s string) io.Reader { return strings.NewReader(s) },
		"onebyte": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"half":    func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
	}
	for name, mk := range readers {
		for _, borrow := range []bool{false, true} {
			var got []string
			var lines []int
			var kept [][]byte
			err := Read(mk(in.String()), "x.ndjson", Options{Borrow: borrow}, func(d Entity) error {
				if d.Err != nil {
					return d.Err
				}
				got = append(got, string(d.Data))
				lines = append(lines, d.Line)
				kept = append(kept, d.Data)
				return nil
			})
			if err != nil {
				t.Fatalf("%s borrow=%v: %v", name, borrow, err)
			}
			if len(got) != len(want) {
				t.Fatalf("%s borrow=%v: %d documents, want %d", name, borrow, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s borrow=%v: document %d differs (len %d, want %d)", name, borrow, i, len(got[i]), len(want[i]))
				}
				if !borrow && !bytes.Equal(kept[i], []byte(want[i])) {
					t.Errorf("%s: copied document %d changed after emit", name, i)
				}
			}
			wantLines := []int{1, 2, 3, 4, 6, 7, 8, 9}
			for i := range wantLines {
				if lines[i] != wantLines[i] {
					t.Errorf("%s borrow=%v: document %d on line %d, want %d", name, borrow, i, lines[i], wantLines[i])
				}
			}
		}
	}
}
