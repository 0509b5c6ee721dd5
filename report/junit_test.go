package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/junitxml"
)

// TestJUnitWriteCase checks that writeCase writes what encoding/xml does.
func TestJUnitWriteCase(t *testing.T) {
	cases := []junitxml.Case{
		{Name: "vol-1 (Volume)", Classname: "b.R-1", Time: "0.000", File: "inv.json", Line: 3,
			Failure: &junitxml.Problem{Message: "encrypted = false", Type: "High", Text: "at inv.json[0]\nencrypted = false\n"}},
		{Name: "a<b>&\"c\"\n\t\x01", Classname: "R", Time: "0.000"},
		{Name: "e", Classname: "R", Time: "0.000", Error: &junitxml.Problem{Message: "boom", Type: "RuleError", Text: "x ]]> y ]]>"}},
		{Name: "e", Classname: "R", Time: "0.000", Error: &junitxml.Problem{Message: "m"}},
		{Name: "s", Classname: "R", Time: "0.000", File: "a b.json", Skipped: &junitxml.Skipped{Message: "suppressed: ok"}},
		{Name: "s", Classname: "R", Time: "0.000", Skipped: &junitxml.Skipped{}},
		{Name: "\xff\ufffe", Classname: "input", Time: "0.000", Line: 9, Error: &junitxml.Problem{Message: "bad \xff", Type: "InputError"}},
	}
	for i := range cases {
		c := &cases[i]
		var got, want bytes.Buffer
		writeCase(&got, c)
		enc := xml.NewEncoder(&want)
		enc.Indent("    ", "  ")
		if err := enc.EncodeElement(c, xml.StartElement{Name: xml.Name{Local: "testcase"}}); err != nil {
			t.Fatal(err)
		}
		if w := want.String(); got.String() != w {
			t.Errorf("case %d:\n got %q\nwant %q", i, got.String(), w)
		}
	}
}

// FuzzXMLEscaped checks that appendXMLEscaped escapes as xml.EscapeText
// does, for strings and bytes.
func FuzzXMLEscaped(f *testing.F) {
	for _, s := range []string{"", "plain", `a<b>&"c"'d'`, "\t\n\r\x00\x1f", "\xff\ufffd\ufffe", "é😀\U0010FFFF", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		if got := appendXMLEscaped(nil, s); string(got) != want.String() {
			t.Errorf("string %q: got %q, want %q", s, got, want.String())
		}
		if got := appendXMLEscaped([]byte("x"), []byte(s)); string(got) != "x"+want.String() {
			t.Errorf("bytes %q: got %q, want %q", s, got, want.String())
		}
	})
}

// TestJUnitRecordRoundTrip spills records with every field set (lines past
// a frame's length, a suppression, several pieces of evidence, an error,
// a field longer than the reader's buffer) through a spill that goes to
// its file, and reads them back as they were.
func TestJUnitRecordRoundTrip(t *testing.T) {
	recs := []Record{
		{Status: eval.Pass, Entity: "vol-1", Type: "Volume", Input: "inv.ndjson", Line: 1234567, Location: "inv.ndjson:1234567"},
		{Status: eval.Fail, Entity: "b", Type: "S3Bucket", Input: "a.json", Line: 3, Location: "a.json[2]",
			Evidence:    []eval.Evidence{{Path: "acl.grants[0].uri", Value: `"http://acs"`}, {Path: "x", Value: "{\n \"a\": 1\n}"}},
			Suppression: &Suppression{Reason: "accepted <risk>", Source: "exceptions.yaml:4"}},
		{Status: eval.Error, Entity: "i", Type: "Instance", Err: "step budget exceeded"},
		{Status: eval.Fail, Entity: strings.Repeat("é", 70000), Type: "T", Evidence: []eval.Evidence{{Path: "p", Value: strings.Repeat("v", 100000)}}},
		{},
	}
	j := NewJUnit(io.Discard, Options{})
	j.sp.limit = 1
	defer j.sp.close()
	for i := range recs {
		j.sp.add(0, encodeRecord(nil, &recs[i]))
	}
	if j.sp.f == nil {
		t.Fatal("nothing was spilled to the file")
	}
	rd := j.reader(0)
	for i := range recs {
		got, err := j.readRecord(rd)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		want := recs[i]
		if want.Evidence == nil {
			want.Evidence = []eval.Evidence{}
		}
		if got.Evidence == nil {
			got.Evidence = []eval.Evidence{}
		}
		if d := cmp.Diff(want, *got); d != "" {
			t.Errorf("record %d (-want +got):\n%s", i, d)
		}
	}
	if _, err := j.readRecord(rd); err != io.EOF {
		t.Errorf("after the last record: %v, want io.EOF", err)
	}
	// A frame cut short is an error, not a record.
	frame := encodeRecord(nil, &recs[1])
	for _, cut := range []int{3, 6, len(frame) - 1} {
		if _, err := j.readRecord(bufio.NewReader(bytes.NewReader(frame[:cut]))); err == nil {
			t.Errorf("frame cut at %d of %d: no error", cut, len(frame))
		}
	}
}
