package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/gsl-lang/gsl/internal/invgen"
)

// errGuessWrong stops a guessing read at a wrong guess.
var errGuessWrong = errors.New("guess wrong")

// readGuessing reads in as a consumer of Options.Speculate does: each
// guessed element that is not a valid JSON object is checked with
// ElementSplit, and on a wrong guess the input is read again from that
// element with Resume. It returns what was emitted, as records, the
// number of guessed elements and of readings.
func readGuessing(t *testing.T, in []byte, name string, opts Options, oneByte bool) (recs []string, guessed, readings int) {
	t.Helper()
	src := bytes.NewReader(in)
	opts.Speculate = true
	opts.Reread = func(off int64) error { _, err := src.Seek(off, 0); return err }
	for {
		readings++
		var wrong *Entity
		var r = iotestReader(src, oneByte)
		err := Read(r, name, opts, func(d Entity) error {
			if d.Guessed {
				guessed++
				valid := json.Valid(d.Data) && d.Data[0] == '{'
				if !valid && !ElementSplit(d.Data, opts.MaxDocBytes) {
					d.Data = nil
					wrong = &d
					return errGuessWrong
				}
			}
			recs = append(recs, guessRecord(d))
			return nil
		})
		if wrong == nil {
			return append(recs, fmt.Sprint("end: ", err)), guessed, readings
		}
		if !errors.Is(err, errGuessWrong) {
			t.Fatalf("a wrong guess returned %v", err)
		}
		if _, err := src.Seek(wrong.Offset, 0); err != nil {
			t.Fatal(err)
		}
		opts.Speculate, opts.Resume = false, wrong
	}
}

func iotestReader(r *bytes.Reader, oneByte bool) interface{ Read([]byte) (int, error) } {
	if oneByte {
		return iotest.OneByteReader(r)
	}
	return r
}

// guessRecord renders what Read emitted of a document, for comparison.
func guessRecord(d Entity) string {
	return fmt.Sprintf("%s %d:%d-%d %q %v", d.Label(), d.Line, d.Col, d.Wide, d.Data, d.Err)
}

// readStrict reads in without guessing, as records.
func readStrict(in []byte, name string, opts Options) []string {
	var recs []string
	err := Read(bytes.NewReader(in), name, opts, func(d Entity) error {
		recs = append(recs, guessRecord(d))
		return nil
	})
	return append(recs, fmt.Sprint("end: ", err))
}

// TestSpeculate checks that guessing where array elements end, with the
// wrong guesses read again, emits what following every string and bracket
// does: the same documents, positions, error records and input errors.
func TestSpeculate(t *testing.T) {
	long := `{"type":"A","pad":"` + strings.Repeat("x", scanBufSize-40) + `"}`
	tests := []struct {
		name string
		in   string
		max  int
		// wrong is how many readings wrong guesses take, beyond the
		// first, when the input is read whole (-1: no element guessed).
		wrong int
	}{
		{"one a line", "[\n{\"type\":\"A\"},\n{\"type\":\"B\",\"x\":[1,{\"y\":\"]}\"}]},\n{\"type\":\"C\"}\n]\n", 0, 0},
		{"spaces and CRLF", "[\r\n  {\"type\":\"A\"} ,\r\n  {\"type\":\"B\"}\r\n]", 0, 0},
		{"two on a line", "[\n{\"type\":\"A\"},{\"type\":\"B\"},\n{\"type\":\"C\"}\n]", 0, 1},
		{"pretty-printed", "[\n  {\n    \"type\": \"A\"\n  },\n  {\"type\":\"B\"}\n]\n", 0, 0},
		{"brackets in strings", "[\n{\"type\":\"A\",\"s\":\"}]{[\\\"\"},\n{\"type\":\"B\",\"s\":\"\\\\\"}\n]", 0, 0},
		{"line break in a string", "[\n{\"type\":\"A\",\"s\":\"a}\nb\"},\n{\"type\":\"B\"}\n]", 0, 1},
		{"line ends inside an element", "[\n{\"type\":\"A\",\"o\":{\"x\":1}\n},\n{\"type\":\"B\"}\n]", 0, 1},
		{"brackets that do not match", "[\n{\"type\":\"A\",\"o\":[1}\n,{\"type\":\"B\"}]", 0, 1},
		{"invalid but split right", "[\n{\"type\":\"A\",\"n\":tru},\n{\"type\":\"B\"}\n]", 0, 0},
		{"over the limit", "[\n{\"type\":\"A\"},\n{\"type\":\"B\",\"pad\":\"" + strings.Repeat("x", 300) + "\"},\n{\"type\":\"C\"}\n]", 100, 0},
		{"truncated", "[\n{\"type\":\"A\"},\n{\"type\":\"B\"", 0, 0},
		{"truncated in a guessed line", "[\n{\"type\":\"A\"},\n{\"type\":\"B\",\"s\":\"}\n", 0, 1},
		{"no closing bracket", "[\n{\"type\":\"A\"},\n{\"type\":\"B\"}\n", 0, 0},
		{"trailing garbage", "[\n{\"type\":\"A\"},\n{\"type\":\"B\"}\n] x", 0, 0},
		{"garbage after an element", "[\n{\"type\":\"A\"} x\n]", 0, -1},
		{"a bracket after an element", "[\n{\"type\":\"A\"}}\n]", 0, 1},
		{"nested arrays", "[\n[1,[2,\"]\"]],\n{\"type\":\"A\",\"a\":[[[]]]},\n[]\n]", 0, 0},
		{"missing element", "[\n{\"type\":\"A\"},\n,\n]", 0, 0},
		{"not UTF-8 and wide", "[\n{\"type\":\"é\",\"s\":\"\xff日\"},\n{\"type\":\"B\"}\n]", 0, 0},
		// After a guessed element with wide characters, positions on the
		// next lines count from their own starts.
		{"wide, then a missing element", "[\n{\"type\":\"é日\"},\n ,\n]", 0, 0},
		{"wide, then garbage on the next line", "[\n{\"type\":\"é日\"}\n  x]", 0, 0},
		{"wide, then the comma on the next line", "[\n{\"type\":\"é日\"}\n  ,{\"type\":\"B\"}\n{\"type\":\"C\"}\n]", 0, 0},
		{"wide, then the end", "[\n{\"type\":\"é日\"},  \n", 0, 0},
		{"straddles the buffer", "[\n" + strings.Repeat(long+",\n", 5) + long + "\n]\n", 0, 0},
		// The line of two elements is longer than the buffer: not guessed.
		{"two on a line longer than the buffer", "[\n" + long + ",\n" + long + "," + long + ",\n" + long + "\n]", 0, 0},
		{"deeper than the limit", "[\n{\"type\":\"A\",\"d\":" + strings.Repeat("[", maxNesting+1) + strings.Repeat("]", maxNesting+1) + "},\n{\"type\":\"B\"}\n]", 0, 1},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			for _, borrow := range []bool{false, true} {
				opts := Options{MaxDocBytes: tt.max, Borrow: borrow}
				want := readStrict([]byte(tt.in), "a.json", opts)
				got, guessed, readings := readGuessing(t, []byte(tt.in), "a.json", opts, oneByte)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s (one byte %v, borrow %v): guessing differs (-want +got):\n%s", tt.name, oneByte, borrow, diff)
				}
				if oneByte {
					continue // the buffer rarely holds a whole line
				}
				if tt.wrong >= 0 && readings-1 != tt.wrong {
					t.Errorf("%s: %d readings again, want %d", tt.name, readings-1, tt.wrong)
				}
				if (guessed > 0) != (tt.wrong >= 0) {
					t.Errorf("%s: %d elements guessed", tt.name, guessed)
				}
			}
		}
	}
}

// BenchmarkReadArray splits a JSON array of generated documents, one a
// line as tools write them, following every string and bracket and
// guessing where elements end (Options.Speculate), against the same
// documents as NDJSON. The NDJSON is read as FormatNDJSON: under FormatAuto
// the detection of CloudFormation runs two regular expressions over the
// first 64 KB, which costs more than splitting the rest of this input.
func BenchmarkReadArray(b *testing.B) {
	docs, err := invgen.Generate(invgen.Config{N: 2000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var arr, nd bytes.Buffer
	arr.WriteString("[\n")
	for i, d := range docs {
		if i > 0 {
			arr.WriteString(",\n")
		}
		arr.Write(d)
		nd.Write(d)
		nd.WriteByte('\n')
	}
	arr.WriteString("\n]\n")
	for _, c := range []struct {
		name      string
		in        []byte
		file      string
		speculate bool
		format    Format
	}{{"strict", arr.Bytes(), "a.json", false, FormatAuto}, {"guessed", arr.Bytes(), "a.json", true, FormatAuto}, {"ndjson", nd.Bytes(), "a.ndjson", false, FormatNDJSON}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				r := bytes.NewReader(c.in)
				opts := Options{Format: c.format, Borrow: true, Speculate: c.speculate, Reread: func(off int64) error { _, err := r.Seek(off, 0); return err }}
				n := 0
				err := Read(r, c.file, opts, func(d Entity) error {
					if c.speculate != d.Guessed {
						b.Fatalf("element %d guessed %v", n, d.Guessed)
					}
					n++
					return nil
				})
				if err != nil || n != len(docs) {
					b.Fatalf("%d documents, err %v", n, err)
				}
			}
		})
	}
}
