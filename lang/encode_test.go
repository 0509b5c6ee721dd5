package lang

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// encodeRules are rules that between them use every node type and field
// of the tree, including the ones the corpus lacks.
var encodeRules = []string{
	"Instance should have vpc",
	"TRUE",
	"false",
	"List<X> should have items with [a = 1] length() > 0",
	"X where not (a regexMatch /^x\\/y$/i) should not have b contain ['s3:*']",
	"X should have a in (1, -2.5, 'x', null, true) and b.`c:d` like '%e%'",
	"X should have $.a = \"q\\\"\" or c groupBy [d] contain-all [e isEmpty()]",
	"cloudtrail where event.name = 'x'",
	"X should have a f(b, -1, 'c') after (1, 'days')",
	"X should have (a or (b and not c)) and d",
	"X should have n = 9223372036854775807 and m = -12.75 and k = 0.1 and s unlike 'é%'",
	"X should have $ contain-single [$ >= 2] and y contain-none [z <= 3] and w contain-any [v < 4 or u != 5]",
	"X should have a.`weird name:x`.b = $.c",
	"Y should have tags contain [key = 'Env'] and\n  name regexMatch /^prod-/",
}

// roundTrip encodes r, decodes it and fails t unless the result is
// deep-equal to r (unexported spans included).
func roundTrip(t *testing.T, what string, r *Rule) {
	t.Helper()
	data := EncodeRule(r)
	got, err := DecodeRule(string(data))
	if err != nil {
		t.Errorf("%s: DecodeRule: %v", what, err)
		return
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("%s: decoded tree differs\n got %s\nwant %s", what, Dump(got), Dump(r))
	}
	if again := EncodeRule(got); !bytes.Equal(again, data) {
		t.Errorf("%s: re-encoding the decoded tree gives other bytes", what)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	for _, src := range encodeRules {
		r, err := Parse(src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		roundTrip(t, src, r)
	}
	// Rules of a file have positions relative to the file, not to 1:1.
	rules, err := ParseFile("f.gsl", "# c\nX should have a\n\nY should have\n  b = 1\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		roundTrip(t, r.Source, r)
	}
}

// TestEncodeCorpus round-trips every real rule that parses.
func TestEncodeCorpus(t *testing.T) {
	n := 0
	for _, c := range loadCorpus(t) {
		r, err := Parse(c.Rule)
		if err != nil {
			continue
		}
		roundTrip(t, c.Rule, r)
		n++
	}
	if n < 1000 {
		t.Errorf("only %d corpus rules round-tripped", n)
	}
}

// TestDecodeBad checks that every truncation, a wrong version, trailing
// bytes and a misplaced tag are errors.
func TestDecodeBad(t *testing.T) {
	r, err := Parse(encodeRules[4])
	if err != nil {
		t.Fatal(err)
	}
	data := EncodeRule(r)
	for n := range len(data) {
		if _, err := DecodeRule(string(data[:n])); err == nil {
			t.Errorf("a prefix of %d of %d bytes decoded", n, len(data))
		}
	}
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "empty input"},
		{"version", append([]byte{encodingVersion + 1}, data[1:]...), "encoding version 2, want 1"},
		{"trailing", append(bytes.Clone(data), 0), "trailing bytes"},
		// RuleAssert, no target, then an operand tag where a condition must stand.
		{"tag", []byte{encodingVersion, 0, 0, tagString}, "tag 5 is not a condition"},
		{"kind", []byte{encodingVersion, 7}, "bad rule kind"},
		{"long spelling", []byte{encodingVersion, 0, 1, 0x80, 0x00}, "bad unsigned integer"},
		{"overflow", []byte{encodingVersion, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, "bad unsigned integer"},
		{"length", []byte{encodingVersion, 0, 1, 0x80, 0x80, 0x80, 0x80, 0x07}, "length beyond the end"},
	} {
		_, err := DecodeRule(string(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: got %v, want an error containing %q", tc.name, err, tc.msg)
		}
		if err != nil && tc.name != "empty" && tc.name != "version" && !errors.Is(err, errCorrupt) && !errors.Is(err, errTruncated) {
			t.Errorf("%s: %v is neither corrupt nor truncated", tc.name, err)
		}
	}
}

// FuzzDecodeRule checks that DecodeRule never panics, and that whatever it
// accepts encodes back to the same bytes (the encoding has one spelling).
func FuzzDecodeRule(f *testing.F) {
	for _, src := range encodeRules {
		if r, err := Parse(src); err == nil {
			f.Add(EncodeRule(r))
		}
	}
	f.Add([]byte{encodingVersion})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeRule(string(data))
		if err != nil {
			if r != nil {
				t.Fatal("a tree with an error")
			}
			return
		}
		if again := EncodeRule(r); !bytes.Equal(again, data) {
			t.Fatalf("decoded %x, re-encoded as %x", data, again)
		}
	})
}
