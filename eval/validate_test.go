package eval

import (
	"errors"
	"math/bits"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

func TestValidateTop(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		err  error
		keys string
	}{
		{`{"type":"T","a":[1,{"b":"]"}],"c":{"d":null}}`, nil, "type a c"},
		{` {"a" : -0.5e+3 , "b":true,"c":false} `, nil, "a b c"},
		{`{"k\u0041":"\"}\\"}`, nil, `k\u0041`},
		{`[1,2]`, nil, ""},
		{`"x"`, nil, ""},
		{`{}`, nil, ""},
		{``, ErrInvalidJSON, ""},
		{`{"a":01}`, ErrInvalidJSON, ""},
		{`{"a":1,}`, ErrInvalidJSON, ""},
		{`{"a":[1,]}`, ErrInvalidJSON, ""},
		{`{"a":tru}`, ErrInvalidJSON, ""},
		{`{"a":"\x"}`, ErrInvalidJSON, ""},
		{"{\"a\":\"\x01\"}", ErrInvalidJSON, ""},
		{`{"a":1} {"b":2}`, ErrInvalidJSON, ""},
		{`{"a":[1}`, ErrInvalidJSON, ""},
		{`{"a":{"b":1]}`, ErrInvalidJSON, ""},
		{strings.Repeat("[", 5) + strings.Repeat("]", 5), ErrTooDeep, ""},
		{strings.Repeat("[", 4) + strings.Repeat("]", 4), nil, ""},
	} {
		ms, _, err := validateTop(tc.doc, 4, nil)
		if !errors.Is(err, tc.err) {
			t.Errorf("%q: error %v, want %v", tc.doc, err, tc.err)
			continue
		}
		var keys []string
		for _, m := range ms {
			keys = append(keys, m.key)
		}
		if err == nil && strings.Join(keys, " ") != tc.keys {
			t.Errorf("%q: keys %q, want %q", tc.doc, keys, tc.keys)
		}
	}
}

// FuzzValidateTop checks the one-pass validator against gjson.Valid and the
// structural scanner: the same verdict, the same members.
func FuzzValidateTop(f *testing.F) {
	for _, d := range vmtFuzzDocs {
		f.Add(d)
	}
	for _, d := range []string{``, `{`, `1`, ` "x" `, `[1,2]`, `{"a":-0.5e+3}`, `{"a":01}`, `{"a":"\u00e9"}`, `{"a":tru}`, `{"a":[]}  `, `{"a":{}}x`, "{\"a\":\"\x1f\"}"} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		ms, start, err := validateTop(doc, 64, nil)
		if errors.Is(err, ErrTooDeep) {
			return
		}
		if valid := gjson.Valid(doc); (err == nil) != valid {
			t.Fatalf("validateTop error %v, gjson.Valid %v", err, valid)
		}
		if err != nil {
			return
		}
		if r := gjson.Parse(doc); trimSpaceEnd(r.Raw) != trimSpaceEnd(doc[start:]) {
			t.Fatalf("value %q, gjson %q", doc[start:], r.Raw)
		}
		want, ok := scanTop(doc, 64, nil)
		if !ok || len(want) != len(ms) {
			t.Fatalf("%d members, scanTop %d", len(ms), len(want))
		}
		for i := range ms {
			if ms[i] != want[i] {
				t.Fatalf("member %d: %+v, scanTop %+v", i, ms[i], want[i])
			}
		}
	})
}

// topLevel marks the bytes scanTop looks at: those of structural and the
// separators of the top-level object's members.
var topLevel = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true, ':': true, ',': true}

// scanTop is the structural scan the evaluator used before validateTop, kept
// as an oracle for it: it checks that the JSON text s nests arrays and
// objects at most max deep and, when s is an object, appends its members to
// buf. On invalid text its output is meaningless but it stays in bounds.
func scanTop(s string, max int, buf []member) ([]member, bool) {
	depth := 0
	i := skipSpace(s, 0)
	rootObject := i < len(s) && s[i] == '{'
	key, esc, valStart := "", false, -1
	for i < len(s) {
		c := s[i]
		if !topLevel[c] {
			i++
			continue
		}
		switch c {
		case '"':
			end, e := stringEndEsc(s, i)
			if depth == 1 && rootObject && valStart < 0 && end-i >= 2 {
				key, esc = s[i+1:end-1], e
			}
			i = end
			continue
		case '{', '[':
			depth++
			if depth > max {
				return buf, false
			}
		case '}', ']':
			if depth == 1 && rootObject && valStart >= 0 {
				buf = append(buf, member{key: key, val: trimSpaceEnd(s[valStart:i]), esc: esc})
				valStart = -1
			}
			depth--
		case ':':
			if depth == 1 && rootObject {
				valStart = skipSpace(s, i+1)
			}
		case ',':
			if depth == 1 && rootObject && valStart >= 0 {
				buf = append(buf, member{key: key, val: trimSpaceEnd(s[valStart:i]), esc: esc})
				valStart = -1
			}
		}
		i++
	}
	return buf, true
}

// TestStringStop checks stringStop's lowest bit against a byte loop, for
// every byte value at every position after plain bytes and before bytes
// that are themselves stoppers or borrow-prone (0x00, 0x21, 0xff).
func TestStringStop(t *testing.T) {
	isStop := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	for p := range 8 {
		for c := range 256 {
			for _, after := range []byte{'a', 0x00, 0x21, '"', 0xff, 0x80} {
				var w [8]byte
				for k := range w {
					switch {
					case k < p:
						w[k] = 'a' + byte(k)
					case k == p:
						w[k] = byte(c)
					default:
						w[k] = after
					}
				}
				want := 8
				for k, b := range w {
					if isStop(b) {
						want = k
						break
					}
				}
				m := stringStop(load64(string(w[:]), 0))
				if got := bits.TrailingZeros64(m) / 8; got != want {
					t.Fatalf("%q: first stopper at %d, want %d", w, got, want)
				}
			}
		}
	}
}
