package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// gotDoc is a Entity flattened for comparison.
type gotDoc struct {
	Label string
	Line  int
	Data  string
	Err   string // substring of the error, "" when none
}

func collect(t *testing.T, r io.Reader, name string, opts Options) ([]gotDoc, error) {
	t.Helper()
	var docs []gotDoc
	err := Read(r, name, opts, func(d Entity) error {
		g := gotDoc{Label: d.Label(), Line: d.Line, Data: string(d.Data)}
		if d.Err != nil {
			g.Err = d.Err.Error()
		}
		docs = append(docs, g)
		return nil
	})
	return docs, err
}

// readMode is a way of handing Read its input.
type readMode struct {
	name    string
	oneByte bool // reads return one byte at a time
	reread  bool // the input can be moved back, as a regular file can
}

func (m readMode) String() string { return m.name }

// open returns a reader over in and, when m rereads, its reread function.
func (m readMode) open(in string) (io.Reader, func(int64) error) {
	sr := strings.NewReader(in)
	var r io.Reader = sr
	if m.oneByte {
		r = iotest.OneByteReader(r)
	}
	if !m.reread {
		return r, nil
	}
	return r, func(off int64) error {
		_, err := sr.Seek(off, io.SeekStart)
		return err
	}
}

// readModes are the modes every Read table runs in: the first object
// of an input is captured, or read twice when the input can be reread.
var readModes = []readMode{
	{name: "whole"},
	{name: "one byte", oneByte: true},
	{name: "reread", reread: true},
	{name: "reread one byte", oneByte: true, reread: true},
}

func TestReadDocs(t *testing.T) {
	bigLine := `{"type":"X","pad":"` + strings.Repeat("a", 200) + `"}`
	tests := []struct {
		name    string
		file    string
		format  Format
		max     int
		in      string
		want    []gotDoc
		wantErr string // substring of the returned error
	}{
		{
			name: "array",
			file: "inv.json",
			in:   "[\n {\"type\":\"A\",\"id\":\"a\"},\n {\"type\":\"B\", \"x\": [1, {\"y\": \"]}\"}]}\n]\n",
			want: []gotDoc{
				{"inv.json[0]", 2, `{"type":"A","id":"a"}`, ""},
				{"inv.json[1]", 3, `{"type":"B", "x": [1, {"y": "]}"}]}`, ""},
			},
		},
		{name: "empty array", file: "e.json", in: " [ ] ", want: nil},
		{name: "empty input", file: "e.json", in: "", want: nil},
		{name: "whitespace only", file: "e.json", in: " \n\t\r\n", want: nil},
		{name: "BOM only", file: "e.json", in: "\uFEFF", want: nil},
		{
			name: "BOM then array",
			file: "b.json",
			in:   "\uFEFF[{\"type\":\"A\"}]",
			want: []gotDoc{{"b.json[0]", 1, `{"type":"A"}`, ""}},
		},
		{
			name:    "UTF-16 BOM",
			file:    "u.json",
			in:      "\xFF\xFE[\x00",
			wantErr: "UTF-16",
		},
		{
			name: "single document",
			file: "one.json",
			in:   "{\n  \"type\": \"Instance\",\n  \"volumes\": [{\"encrypted\": true}]\n}\n",
			want: []gotDoc{{"one.json", 1, "{\n  \"type\": \"Instance\",\n  \"volumes\": [{\"encrypted\": true}]\n}", ""}},
		},
		{
			name: "single document whose first member is an array",
			file: "one.json",
			in:   `{"volumes": [], "type": "Instance"}`,
			want: []gotDoc{{"one.json", 1, `{"volumes": [], "type": "Instance"}`, ""}},
		},
		{
			name: "type map",
			file: "map.json",
			in:   "{\n\"Instance\": [{\"id\":\"i-1\"}, {\"id\":\"i-2\"}],\n\"S3Bucket\": [\n{\"id\":\"b\"}\n], \"Empty\": []\n}",
			want: []gotDoc{
				{"map.json[Instance][0]", 2, `{"id":"i-1"}`, ""},
				{"map.json[Instance][1]", 2, `{"id":"i-2"}`, ""},
				{"map.json[S3Bucket][0]", 4, `{"id":"b"}`, ""},
			},
		},
		{name: "empty object is an empty type map", file: "m.json", in: "{}", want: nil},
		{
			name: "ndjson by extension, CRLF and blank lines",
			file: "inv.ndjson",
			in:   "{\"type\":\"A\"}\r\n\r\n  {\"type\":\"B\"}  \r\n{\"type\":\"C\"}",
			want: []gotDoc{
				{"inv.ndjson:1", 1, `{"type":"A"}`, ""},
				{"inv.ndjson:3", 3, `{"type":"B"}`, ""},
				{"inv.ndjson:4", 4, `{"type":"C"}`, ""},
			},
		},
		{
			name: "ndjson detected from content keeps malformed lines separate",
			file: "-",
			in:   "{\"type\":\"A\"}\n{\"type\": [}\n{\"type\":\"C\"}\n",
			want: []gotDoc{
				{"-:1", 1, `{"type":"A"}`, ""},
				{"-:2", 2, `{"type": [}`, ""},
				{"-:3", 3, `{"type":"C"}`, ""},
			},
		},
		{
			name: "jsonl extension, line too long",
			file: "x.jsonl",
			max:  100,
			in:   `{"type":"A"}` + "\n" + bigLine + "\n" + `{"type":"C"}` + "\n",
			want: []gotDoc{
				{"x.jsonl:1", 1, `{"type":"A"}`, ""},
				{"x.jsonl:2", 2, "", "line longer than 100 bytes"},
				{"x.jsonl:3", 3, `{"type":"C"}`, ""},
			},
		},
		{
			name: "array element too large is skipped",
			file: "a.json",
			max:  100,
			in:   "[" + bigLine + ",\n" + `{"type":"B"}` + "]",
			want: []gotDoc{
				{"a.json[0]", 1, "", "larger than 100 bytes"},
				{"a.json[1]", 2, `{"type":"B"}`, ""},
			},
		},
		{
			name: "stream of pretty objects",
			file: "s.json",
			in:   "{\n \"type\": \"A\"\n}\n{\n \"type\": \"B\"\n}\n",
			want: []gotDoc{
				{"s.json:1", 1, "{\n \"type\": \"A\"\n}", ""},
				{"s.json:4", 4, "{\n \"type\": \"B\"\n}", ""},
			},
		},
		{
			name: "two objects on one line",
			file: "s.json",
			in:   `{"type":"A"} {"type":"B"}`,
			want: []gotDoc{
				{"s.json:1", 1, `{"type":"A"}`, ""},
				{"s.json:1", 1, `{"type":"B"}`, ""},
			},
		},
		{
			name:    "strict json reads the first value and rejects a second",
			file:    "s.json",
			format:  FormatJSON,
			in:      `{"type":"A"} {"type":"B"}`,
			want:    []gotDoc{{"s.json", 1, `{"type":"A"}`, ""}},
			wantErr: `s.json:1: unexpected '{' after the top-level value`,
		},
		{
			name: "scalars in an array are documents for later validation",
			file: "a.json",
			in:   `[1, "s", tru, {"type":"A"}]`,
			want: []gotDoc{
				{"a.json[0]", 1, `1`, ""},
				{"a.json[1]", 1, `"s"`, ""},
				{"a.json[2]", 1, `tru`, ""},
				{"a.json[3]", 1, `{"type":"A"}`, ""},
			},
		},
		{
			name:    "a trailing comma is an input error, not an empty document",
			file:    "a.json",
			in:      `[1, {"type":"A"},]`,
			want:    []gotDoc{{"a.json[0]", 1, `1`, ""}, {"a.json[1]", 1, `{"type":"A"}`, ""}},
			wantErr: `a.json:1: expected an array element after ',', found ']' (column 18)`,
		},
		{
			name:    "a stray bracket first in an array makes no document",
			file:    "a.json",
			in:      `[}`,
			wantErr: `a.json:1: expected an array element or ']', found '}' (column 2)`,
		},
		{
			name:    "a stray bracket after a comma makes no document",
			file:    "a.json",
			in:      `[1,}`,
			want:    []gotDoc{{"a.json[0]", 1, `1`, ""}},
			wantErr: `a.json:1: expected an array element after ',', found '}' (column 4)`,
		},
		{
			name:    "two commas",
			file:    "a.json",
			in:      "[1,\n ,2]",
			want:    []gotDoc{{"a.json[0]", 1, `1`, ""}},
			wantErr: `a.json:2: expected an array element after ',', found ',' (column 2)`,
		},
		{
			name:    "a stray bracket in a type map makes no document",
			file:    "m.json",
			in:      `{"Instance":[{"id":"a"},}`,
			want:    []gotDoc{{"m.json[Instance][0]", 1, `{"id":"a"}`, ""}},
			wantErr: `m.json:1: expected an array element after ',', found '}' (column 25)`,
		},
		{
			name:    "a type map cut off inside an element is one input error",
			file:    "m.json",
			in:      "{\"Instance\":[{\"type\":\"Instance\",\"id\":\"a\"},\n  {\"type\":\"Instance\",\"id\":\"b\"",
			want:    []gotDoc{{"m.json[Instance][0]", 1, `{"type":"Instance","id":"a"}`, ""}},
			wantErr: `m.json:2: unexpected end of input in the value started at line 2, column 3`,
		},
		{
			name:    "a JSON stream cut off inside a document is one input error",
			file:    "s.json",
			in:      "{\n\"type\":\"A\"\n}\n{\n\"type\":",
			want:    []gotDoc{{"s.json:1", 1, "{\n\"type\":\"A\"\n}", ""}},
			wantErr: `s.json:5: unexpected end of input in the value started at line 4, column 1`,
		},
		{
			name: "mismatched bracket stops the array",
			file: "a.json",
			in:   "[{\"type\":\"A\"},\n{\"type\":\"B\", \"x\": [1}\n, {\"type\":\"C\"}]",
			want: []gotDoc{
				{"a.json[0]", 1, `{"type":"A"}`, ""},
				{"a.json[1]", 2, "", `unexpected '}' at line 2`},
			},
			wantErr: `a.json:2: the rest of the input was not read: unexpected '}' at line 2`,
		},
		{
			name:    "truncated array: the cut element is an input error, not a document",
			file:    "a.json",
			in:      "[{\"type\":\"A\"},\n{\"type\":\"B\"",
			want:    []gotDoc{{"a.json[0]", 1, `{"type":"A"}`, ""}},
			wantErr: "a.json:2: unexpected end of input in the value started at line 2, column 1",
		},
		{
			name: "a value nested too deeply is an error record and the array goes on",
			file: "a.json",
			in:   "[{\"type\":\"A\"},\n{\"x\":" + strings.Repeat("[", maxNesting+5) + strings.Repeat("]", maxNesting+5) + "},\n{\"type\":\"C\"}]",
			want: []gotDoc{
				{"a.json[0]", 1, `{"type":"A"}`, ""},
				{"a.json[1]", 2, "", fmt.Sprintf("nested deeper than %d levels (line 2, column %d)", maxNesting, 5+maxNesting)},
				{"a.json[2]", 3, `{"type":"C"}`, ""},
			},
		},
		{
			name: "a JSON stream goes on after a value nested too deeply",
			file: "s.json",
			in:   "{\n\"type\":\"A\"\n}\n{\"x\":" + strings.Repeat("{\"y\":", maxNesting) + "1" + strings.Repeat("}", maxNesting) + "}\n{\"type\":\"C\"}",
			want: []gotDoc{
				{"s.json:1", 1, "{\n\"type\":\"A\"\n}", ""},
				{"s.json:4", 4, "", fmt.Sprintf("nested deeper than %d levels", maxNesting)},
				{"s.json:5", 5, `{"type":"C"}`, ""},
			},
		},
		{
			name:    "array missing its closing bracket",
			file:    "a.json",
			in:      "[{\"type\":\"A\"}\n",
			want:    []gotDoc{{"a.json[0]", 1, `{"type":"A"}`, ""}},
			wantErr: "a.json:2: unexpected end of input in array (missing ']')",
		},
		{
			name:    "missing comma",
			file:    "a.json",
			in:      `[{"type":"A"} {"type":"B"}]`,
			want:    []gotDoc{{"a.json[0]", 1, `{"type":"A"}`, ""}},
			wantErr: `expected ',' or ']' after array element, found '{'`,
		},
		{
			name:    "garbage after array",
			file:    "a.json",
			in:      "[]\nx",
			wantErr: `a.json:2: unexpected 'x' after the top-level value`,
		},
		{
			name:    "not json",
			file:    "a.txt",
			in:      "hello",
			wantErr: `a.txt:1: expected a JSON array, object or NDJSON, found 'h'`,
		},
		{
			name:    "type map with a non-array member after a large prefix",
			file:    "m.json",
			max:     40,
			in:      `{"Instance": [{"id":"i-1"}, {"id":"i-2"}, {"id":"i-3"}], "S3Bucket": 5}`,
			want:    []gotDoc{{"m.json[Instance][0]", 1, `{"id":"i-1"}`, ""}, {"m.json[Instance][1]", 1, `{"id":"i-2"}`, ""}, {"m.json[Instance][2]", 1, `{"id":"i-3"}`, ""}},
			wantErr: `the value of "S3Bucket" must be an array of documents`,
		},
		{
			name: "single document too large",
			file: "one.json",
			max:  20,
			in:   `{"type":"Instance","name":"a long name indeed"}`,
			want: []gotDoc{{"one.json", 1, "", "larger than 20 bytes"}},
		},
		{
			name: "truncated single document",
			file: "one.json",
			in:   "{\"type\":\"Instance\",\n\"name\":\"x",
			want: []gotDoc{{"one.json", 1, "", "unexpected end of input in the value started at line 1"}},
		},
		{
			name:   "ndjson format forced",
			file:   "data.txt",
			format: FormatNDJSON,
			in:     "{\"type\":\"A\"}\nnot json\n",
			want:   []gotDoc{{"data.txt:1", 1, `{"type":"A"}`, ""}, {"data.txt:2", 2, `not json`, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range readModes {
				r, reread := mode.open(tt.in)
				got, err := collect(t, r, tt.file, Options{Format: tt.format, MaxDocBytes: tt.max, Reread: reread})
				// Compare error substrings rather than whole messages.
				for i := range got {
					if i < len(tt.want) && tt.want[i].Err != "" && strings.Contains(got[i].Err, tt.want[i].Err) {
						got[i].Err = tt.want[i].Err
					}
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("%s: docs mismatch (-want +got):\n%s", mode, diff)
				}
				switch {
				case tt.wantErr == "" && err != nil:
					t.Errorf("%s: unexpected error: %v", mode, err)
				case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
					t.Errorf("%s: error = %v, want it to contain %q", mode, err, tt.wantErr)
				}
			}
		})
	}
}

func TestReadDocsReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(`[{"type":"A"},`), iotest.ErrReader(boom))
	got, err := collect(t, r, "x.json", Options{})
	if len(got) != 1 || got[0].Data != `{"type":"A"}` {
		t.Errorf("docs = %+v", got)
	}
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("error = %v, want the read error", err)
	}
}

func TestReadDocsStop(t *testing.T) {
	errStop := errors.New("stop")
	n := 0
	err := Read(strings.NewReader(`[1,2,3,4]`), "x.json", Options{}, func(Entity) error {
		n++
		if n == 2 {
			return errStop
		}
		return nil
	})
	if err != errStop || n != 2 {
		t.Errorf("err = %v after %d docs; want errStop after 2", err, n)
	}
}

// TestReadDocsLargeTypeMap checks that a type map larger than the document
// limit is streamed rather than rejected.
func TestReadDocsLargeTypeMap(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"Instance": [`)
	for i := range 1000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id":"i-%04d"}`, i)
	}
	b.WriteString(`], "S3Bucket": [{"id":"b"}]}`)
	for _, mode := range readModes {
		r, reread := mode.open(b.String())
		got, err := collect(t, r, "big.json", Options{MaxDocBytes: 1000, Reread: reread})
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if len(got) != 1001 {
			t.Fatalf("%s: got %d docs, want 1001", mode, len(got))
		}
		if g := got[999]; g.Label != "big.json[Instance][999]" || g.Line != 1000 || g.Data != `{"id":"i-0999"}` {
			t.Errorf("%s: doc 999 = %+v", mode, g)
		}
		if g := got[1000]; g.Label != "big.json[S3Bucket][0]" || g.Data != `{"id":"b"}` {
			t.Errorf("%s: doc 1000 = %+v", mode, g)
		}
	}
}

// TestReadDocsHugeLine checks that a line far over the limit is skipped
// without being held in memory and that reading resumes after it.
func TestReadDocsHugeLine(t *testing.T) {
	huge := io.MultiReader(
		strings.NewReader(`{"type":"A"}`+"\n"+`{"pad":"`),
		io.LimitReader(repeatReader('x'), 10<<20),
		strings.NewReader(`"}`+"\n"+`{"type":"B"}`+"\n"),
	)
	got, err := collect(t, huge, "h.ndjson", Options{MaxDocBytes: 1 << 10})
	if err != nil {
		t.Fatal(err)
	}
	want := []gotDoc{
		{"h.ndjson:1", 1, `{"type":"A"}`, ""},
		{"h.ndjson:2", 2, "", fmt.Sprintf("line longer than %d bytes", 1<<10)},
		{"h.ndjson:3", 3, `{"type":"B"}`, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// FuzzSplitters checks the splitters on arbitrary input: they never panic,
// they report every byte range at most once, and each document they return
// for a valid JSON array or NDJSON input is the matching element or line.
func FuzzSplitters(f *testing.F) {
	seeds := []string{
		`[{"type":"A"},{"type":"B","x":[1,2,{"y":"]"}]}]`,
		"{\"type\":\"A\"}\n{\"type\":\"B\"}\n",
		`{"Instance":[{"id":"a"}],"S3":[{"id":"b"}]}`,
		`{"type":"A","v":[1,2]}`,
		"\uFEFF[1,2,3]",
		`[{"a":"\"]"}, {"b": "\\"}]`,
		`{"a": [}`,
		`[[[[[[[[`,
		"{\n\"type\":\"A\"\n}\n{\"type\":\"B\"}",
		`["unterminated`,
		"",
		"[{\"a\":\"\u00e9\u65e5\\\\\"}\n,{\"b\":[{}]},\n {\"c\":\"\\\\\"}]",
		"[{\"a\":\"x\\\"y\"}, {\"n\":\"\u00fc\n\u00fc\"}, [1,{\"k\":\"}\"}]]",
		// Elements one a line, as guessed (Options.Speculate): two on a
		// line, a line break inside a string or an element, brackets that
		// do not match, truncation, garbage after the array.
		"[\n{\"type\":\"A\"},\n{\"type\":\"B\",\"x\":[1,{\"y\":\"]}\"}]}\n]\n",
		"[\n{\"type\":\"A\"},{\"type\":\"B\"},\n{\"type\":\"C\"}\n]",
		"[\n{\"type\":\"A\",\"s\":\"a}\nb\"},\n{\"type\":\"B\"}\n]",
		"[\n{\"type\":\"A\",\"o\":[1}\n,{\"type\":\"B\"}]",
		"[\n{\"type\":\"A\"},\n{\"type\":\"B\",\"s\":\"}\n",
		"[\n{\"type\":\"A\"},\n{\"type\":\"B\"}\n] x",
		"[\r\n {\"t\":\"\u00e9\"} ,\r\n {\"b\":\"\\\\\"}\r\n]",
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, in []byte, ndjson bool) {
		name := "f.json"
		if ndjson {
			name = "f.ndjson"
		}
		var docs [][]byte
		err := Read(bytes.NewReader(in), name, Options{MaxDocBytes: 256}, func(d Entity) error {
			if d.Err == nil && len(d.Data) > 256 {
				t.Fatalf("document of %d bytes over the limit", len(d.Data))
			}
			if d.Line < 1 {
				t.Fatalf("document without a line: %+v", d)
			}
			if d.Err == nil {
				docs = append(docs, d.Data)
			}
			return nil
		})
		total := 0
		for _, d := range docs {
			total += len(d)
		}
		if total > len(in) {
			t.Fatalf("documents hold %d bytes, input has %d", total, len(in))
		}
		// Borrowed documents (the pipeline's, found by the scanner's fast
		// path when the buffer holds them whole) are the copied ones.
		var copied, borrowed []string
		for _, borrow := range []bool{false, true} {
			err := Read(iotest.HalfReader(bytes.NewReader(in)), name, Options{MaxDocBytes: 256, Borrow: borrow}, func(d Entity) error {
				rec := fmt.Sprintf("%s %d:%d-%d %q %v", d.Label(), d.Line, d.Col, d.Wide, d.Data, d.Err)
				if borrow {
					borrowed = append(borrowed, rec)
				} else {
					copied = append(copied, rec)
				}
				return nil
			})
			rec := fmt.Sprint("end: ", err)
			if borrow {
				borrowed = append(borrowed, rec)
			} else {
				copied = append(copied, rec)
			}
		}
		if diff := cmp.Diff(copied, borrowed); diff != "" {
			t.Fatalf("%q: copied and borrowed documents differ (-copied +borrowed):\n%s", in, diff)
		}
		// Reading the first object twice (a regular file) and capturing
		// it (a pipe) give the same documents, positions and errors.
		var byMode [2][]string
		var errs [2]string
		for i, mode := range []readMode{{name: "capture"}, {name: "reread", reread: true}} {
			r, reread := mode.open(string(in))
			err := Read(r, name, Options{MaxDocBytes: 64, Reread: reread}, func(d Entity) error {
				byMode[i] = append(byMode[i], fmt.Sprintf("%s %d:%d-%d %q %v", d.Label(), d.Line, d.Col, d.Wide, d.Data, d.Err))
				return nil
			})
			errs[i] = fmt.Sprint(err)
		}
		if diff := cmp.Diff(byMode[0], byMode[1]); diff != "" || errs[0] != errs[1] {
			t.Fatalf("%q: capture and reread differ (-capture +reread):\n%s\nerrors: %s / %s", in, diff, errs[0], errs[1])
		}
		// Guessing where elements end (Options.Speculate), with wrong
		// guesses read again, gives what following every string and
		// bracket gives.
		if !ndjson {
			want := readStrict(in, name, Options{MaxDocBytes: 256})
			got, _, _ := readGuessing(t, in, name, Options{MaxDocBytes: 256}, false)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%q: guessing differs (-want +got):\n%s", in, diff)
			}
		}
		// For a valid JSON array of small values, the splitter must agree
		// with encoding/json.
		var elems []json.RawMessage
		if !ndjson && len(in) < 256 && json.Unmarshal(in, &elems) == nil && bytes.HasPrefix(bytes.TrimLeft(in, " \t\r\n"), []byte("[")) {
			if err != nil {
				t.Fatalf("valid array %q: error %v", in, err)
			}
			if len(docs) != len(elems) {
				t.Fatalf("valid array %q: %d docs, want %d", in, len(docs), len(elems))
			}
			for i := range elems {
				if !bytes.Equal(docs[i], bytes.TrimSpace(elems[i])) {
					t.Fatalf("valid array %q: doc %d = %q, want %q", in, i, docs[i], elems[i])
				}
			}
		}
	})
}

// TestDocCharColumn checks the column in characters of documents that
// follow non-ASCII text on their line (minified JSON), which SARIF reports:
// Col counts bytes, Col - Wide code points.
func TestDocCharColumn(t *testing.T) {
	tests := []struct {
		name, file, in string
		want           []int // CharCol of each document
	}{
		{"array", "a.json", `[{"n":"é"},{"n":"日本"}, {"type":"A"}]`, []int{2, 12, 24}},
		{"type map", "m.json", `{"Ünï":[{"n":"ü"},{"n":1}]}`, []int{9, 19}},
		{"stream", "s.json", "{\n\"n\":\"ö\"}{\"n\":1}\n{}", []int{1, 9, 1}},
		{"a new line starts over", "a.json", "[{\"n\":\"é\"},\n {\"n\":1}]", []int{2, 2}},
		{"byte order mark", "a.json", "\xEF\xBB\xBF[{\"n\":1}]", []int{3}},
	}
	for _, tt := range tests {
		for _, mode := range readModes {
			r, reread := mode.open(tt.in)
			var got []int
			err := Read(r, tt.file, Options{Reread: reread}, func(d Entity) error {
				got = append(got, d.CharCol())
				return nil
			})
			if err != nil {
				t.Errorf("%s (%s): %v", tt.name, mode, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (%s): columns (-want +got):\n%s", tt.name, mode, diff)
			}
		}
	}
}

// TestReadCorruptGzip checks that an input with gzip's magic that is not a
// gzip stream, or is cut short, is one input error that names the input and
// says "gzip:" once.
func TestReadCorruptGzip(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\x1f\x8b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "gzip: invalid header"},
		{"\x1f\x8b000000", "gzip: unexpected EOF"},
	} {
		got, err := collect(t, strings.NewReader(tc.in), "x.ndjson.gz", Options{})
		var ie *InputError
		if len(got) != 0 || !errors.As(err, &ie) || ie.Input != "x.ndjson.gz" {
			t.Errorf("%q: docs %+v, error %v; want one input error naming x.ndjson.gz", tc.in, got, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Count(msg, "gzip:") != 1 {
			t.Errorf("%q: error %q, want %q once", tc.in, msg, tc.want)
		}
	}
}
