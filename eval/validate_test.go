package eval

import (
	"errors"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

func TestValidateTop(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	for _, tc := range []struct {
		doc   string
		depth int    // maxDepth; 0 means 4
		err   error  // nil, ErrInvalidJSON or ErrTooDeep
		mems  string // the members as key=value, joined by " | "
		start int    // the offset of the top-level value
	}{
		{doc: `{"type":"T","a":[1,{"b":"]"}],"c":{"d":null}}`, mems: `type="T" | a=[1,{"b":"]"}] | c={"d":null}`},
		{doc: ` {"a" : -0.5e+3 , "b":true,"c":false} `, mems: `a=-0.5e+3 | b=true | c=false`, start: 1},
		{doc: `{"k\u0041":"\"}\\"}`, mems: `k\u0041="\"}\\"`},
		{doc: `[1,2]`},
		{doc: `"x"`},
		{doc: `{}`},
		{doc: ` 12 `, start: 1},
		{doc: ``, err: ErrInvalidJSON},
		{doc: `  `, err: ErrInvalidJSON},
		{doc: `{"a":01}`, err: ErrInvalidJSON},
		{doc: `{"a":1,}`, err: ErrInvalidJSON},
		{doc: `{"a":[1,]}`, err: ErrInvalidJSON},
		{doc: `{"a":tru}`, err: ErrInvalidJSON},
		{doc: `{"a":"\x"}`, err: ErrInvalidJSON},
		{doc: "{\"a\":\"\x01\"}", err: ErrInvalidJSON},
		{doc: `{"a":1} {"b":2}`, err: ErrInvalidJSON},
		{doc: `{"a":[1}`, err: ErrInvalidJSON},
		{doc: `{"a":{"b":1]}`, err: ErrInvalidJSON},
		{doc: deep("[", "]", 5), err: ErrTooDeep},
		{doc: deep("[", "]", 4)},

		// Whitespace everywhere it is legal, of every kind.
		{doc: " \t\r\n{ \"a\" \n:\t[ 1 ,\r{ \"b\" : \"c\" } , [ ] ] ,\n\"d\" : { } , \"e\":\"f\" \t}\r\n",
			mems: `a=[ 1 ,` + "\r" + `{ "b" : "c" } , [ ] ] | d={ } | e="f"`, start: 4},
		{doc: `[ "a" , { "b" : [ true , false , null , -1.5E-3 ] } ]`},
		{doc: "{\"a\":[1\r,2\t,3\n,{\"b\":4\r}\t]\n}", mems: "a=[1\r,2\t,3\n,{\"b\":4\r}\t]"},
		{doc: "[1\r]"},
		{doc: "{\"a\":{\"b\":1,\n\t\r \"c\":2}}", mems: "a={\"b\":1,\n\t\r \"c\":2}"},
		{doc: `{"a" 1}`, err: ErrInvalidJSON},
		{doc: `{"a":1 "b":2}`, err: ErrInvalidJSON},
		{doc: `{"a":{"b" 1}}`, err: ErrInvalidJSON},
		{doc: `{"a":{"b":1 "c":2}}`, err: ErrInvalidJSON},
		{doc: `{"a":[1 2]}`, err: ErrInvalidJSON},
		{doc: `{"a":{ x}}`, err: ErrInvalidJSON},
		{doc: "{\"a\":\v1}", err: ErrInvalidJSON},
		{doc: "[1,\f2]", err: ErrInvalidJSON},

		// Strings around the eight-byte words: ending just before, on and
		// just after a word boundary, and in the last bytes of the text.
		{doc: `{"a234567":"b234567","a2345678":"b2345678","a23456789":"b23456789"}`,
			mems: `a234567="b234567" | a2345678="b2345678" | a23456789="b23456789"`},
		{doc: `{"k":{"a234567":"b234567","a2345678":"b2345678","c":"d23456789012345"}}`,
			mems: `k={"a234567":"b234567","a2345678":"b2345678","c":"d23456789012345"}`},
		{doc: `["a2345678901234567"]`},
		{doc: `"a23456"`},
		{doc: `"a234567"`},
		{doc: `"a2345678"`},
		{doc: `"a2345678`, err: ErrInvalidJSON},
		{doc: `["a2345678`, err: ErrInvalidJSON},
		{doc: `{"a":"b`, err: ErrInvalidJSON},
		{doc: `{"a":"b23456789012345`, err: ErrInvalidJSON},
		{doc: `{"ab`, err: ErrInvalidJSON},
		{doc: `{"a":{"b`, err: ErrInvalidJSON},
		{doc: "[\"a2345678\x1f\"]", err: ErrInvalidJSON},
		{doc: "[\"a\x7f\xc3\xa9\xff\"]"}, // no UTF-8 check, DEL is no control
		// Non-ASCII bytes fill whole words, precede the closing quote in
		// the same word, or precede a control character or an escape.
		{doc: "{\"k\":[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xff\"]}",
			mems: "k=[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xff\"]"},
		{doc: "[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\\n\xc3\xa9\"]"},
		{doc: "[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\x01\"]", err: ErrInvalidJSON},
		{doc: "[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3", err: ErrInvalidJSON},
		{doc: "{\"a\":{\"b\x00\":1}}", err: ErrInvalidJSON},
		{doc: "{\"a\":\"b\x1f", err: ErrInvalidJSON},

		// Escapes, also in the last bytes of the text and across words.
		{doc: `["\u00e9"]`},
		{doc: `["a234567\"b"]`},
		{doc: `["a2345678\\"]`},
		{doc: `{"a":{"\"k\/\b\f\n\r\t\\":1}}`, mems: `a={"\"k\/\b\f\n\r\t\\":1}`},
		{doc: `{"a\"b":1}`, mems: `a\"b=1`},
		{doc: `["\u00E9\uABCDx"]`},
		{doc: `["\u00e"]`, err: ErrInvalidJSON},
		{doc: `["\u00eg"]`, err: ErrInvalidJSON},
		{doc: `"\u00e9`, err: ErrInvalidJSON},
		{doc: `"\u00e`, err: ErrInvalidJSON},
		{doc: `["\`, err: ErrInvalidJSON},
		{doc: `["\"`, err: ErrInvalidJSON},
		{doc: `["\a"]`, err: ErrInvalidJSON},
		{doc: `{"a":{"\x":1}}`, err: ErrInvalidJSON},

		// Literals and numbers, whole and cut short at the end.
		{doc: `[true,false,null]`},
		{doc: `true`},
		{doc: `null`},
		{doc: `[tru`, err: ErrInvalidJSON},
		{doc: `[fals`, err: ErrInvalidJSON},
		{doc: `[nul`, err: ErrInvalidJSON},
		{doc: `{"a":t`, err: ErrInvalidJSON},
		{doc: `[nulll]`, err: ErrInvalidJSON},
		{doc: `[nul]`, err: ErrInvalidJSON},
		{doc: `[nulx]`, err: ErrInvalidJSON},
		{doc: `[trux]`, err: ErrInvalidJSON},
		{doc: `[falsx]`, err: ErrInvalidJSON},
		{doc: `[tru]`, err: ErrInvalidJSON},
		{doc: `[fals]`, err: ErrInvalidJSON},
		{doc: `{"a":nul}`, err: ErrInvalidJSON},
		{doc: `[truex]`, err: ErrInvalidJSON},
		{doc: `[True]`, err: ErrInvalidJSON},
		{doc: `[-0,0.0,1e5,1E+5,-1e-05,12.34]`},
		{doc: `-`, err: ErrInvalidJSON},
		{doc: `[-]`, err: ErrInvalidJSON},
		{doc: `[-a]`, err: ErrInvalidJSON},
		{doc: `[1.]`, err: ErrInvalidJSON},
		{doc: `[1.e5]`, err: ErrInvalidJSON},
		{doc: `[1e]`, err: ErrInvalidJSON},
		{doc: `[1e+]`, err: ErrInvalidJSON},
		{doc: `[.5]`, err: ErrInvalidJSON},
		{doc: `[+1]`, err: ErrInvalidJSON},
		{doc: `[-01]`, err: ErrInvalidJSON},
		{doc: `1.`, err: ErrInvalidJSON},
		{doc: `1e`, err: ErrInvalidJSON},
		{doc: `{"a":-}`, err: ErrInvalidJSON},

		// Nesting: limits, mismatched ends across the 64-bit words of the
		// kinds bitmap, and which of two problems comes first.
		{doc: `{}`, depth: -1, err: ErrTooDeep},
		{doc: `[]`, depth: -1, err: ErrTooDeep},
		{doc: `"x"`, depth: -1},
		{doc: `{"a":[[[]]]}`, mems: `a=[[[]]]`},
		{doc: `{"a":[[[[]]]]}`, err: ErrTooDeep},
		{doc: `[[[[[x`, err: ErrTooDeep},
		{doc: `[[[x[[`, err: ErrInvalidJSON},
		{doc: `{"a":[[[x`, err: ErrInvalidJSON},
		{doc: deep("[", "]", 200), depth: 200},
		{doc: deep("[", "]", 201), depth: 200, err: ErrTooDeep},
		{doc: deep("[", "]", 600), depth: 600},
		{doc: deep("[", "]", 601), depth: 600, err: ErrTooDeep},
		{doc: strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70), depth: 70, mems: `a=` + strings.Repeat(`{"a":`, 69) + "1" + strings.Repeat("}", 69)},
		{doc: strings.Repeat("[", 64) + `{"a":[{}]}` + strings.Repeat("]", 64), depth: 200},
		{doc: strings.Repeat("[", 64) + `{"a":[{}]]` + strings.Repeat("]", 64), depth: 200, err: ErrInvalidJSON},
		{doc: strings.Repeat("[", 63) + `{"a":[{}]}}` + strings.Repeat("]", 62), depth: 200, err: ErrInvalidJSON},
		{doc: strings.Repeat("[", 65) + `{}` + strings.Repeat("]", 64) + "}", depth: 200, err: ErrInvalidJSON},
		{doc: strings.Repeat("[", 32) + `{"a":[1],"b":2}` + strings.Repeat("]", 32), depth: 100},
		{doc: `{"x":` + strings.Repeat("[", 31) + `{"a":[1],"b":2}` + strings.Repeat("]", 31) + "}", depth: 100,
			mems: `x=` + strings.Repeat("[", 31) + `{"a":[1],"b":2}` + strings.Repeat("]", 31)},
		{doc: strings.Repeat("[{\"a\":", 40) + "1" + strings.Repeat("}]", 40), depth: 80},
		{doc: strings.Repeat("[{\"a\":", 40) + "1" + strings.Repeat("]}", 40), depth: 80, err: ErrInvalidJSON},
	} {
		depth := tc.depth
		switch depth {
		case 0:
			depth = 4
		case -1:
			depth = 0
		}
		ms, start, err := validateTop(tc.doc, depth, nil)
		if !errors.Is(err, tc.err) {
			t.Errorf("%.80q: error %v, want %v", tc.doc, err, tc.err)
			continue
		}
		if err != ErrTooDeep && gjson.Valid(tc.doc) != (err == nil) {
			t.Errorf("%.80q: the case is wrong: gjson.Valid says %v", tc.doc, gjson.Valid(tc.doc))
		}
		if err != nil {
			continue
		}
		var mems []string
		for _, m := range ms {
			mems = append(mems, m.key+"="+m.val)
			if m.esc != strings.Contains(m.key, `\`) {
				t.Errorf("%.80q: key %q: esc %v", tc.doc, m.key, m.esc)
			}
		}
		if got := strings.Join(mems, " | "); got != tc.mems {
			t.Errorf("%.80q: members %q, want %q", tc.doc, got, tc.mems)
		}
		if start != tc.start {
			t.Errorf("%.80q: start %d, want %d", tc.doc, start, tc.start)
		}
	}
}

// FuzzValidateTop checks the one-pass validator against gjson.Valid and the
// structural scanner: the same verdict, the same members.
func FuzzValidateTop(f *testing.F) {
	for _, d := range vmtFuzzDocs {
		f.Add(d)
	}
	for _, d := range []string{``, `{`, `1`, ` "x" `, `[1,2]`, `{"a":-0.5e+3}`, `{"a":01}`, `{"a":"\u00e9"}`, `{"a":tru}`, `{"a":[]}  `, `{"a":{}}x`, "{\"a\":\"\x1f\"}",
		`{"a2345678":{"b234567":"c2345678\"9"}}`, "{ \"a\" :\n[ 1 ,\t{\"b\":null\r} ] }", `["\u00e9`, `[fals`, `{"a":[-1.5e+3,0]}`} {
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
		if r := gjson.Parse(doc); jsontext.TrimSpaceEnd(r.Raw) != jsontext.TrimSpaceEnd(doc[start:]) {
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
	i := jsontext.SkipSpace(s, 0)
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
			end, e := jsontext.StringEndEsc(s, i)
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
				buf = append(buf, member{key: key, val: jsontext.TrimSpaceEnd(s[valStart:i]), esc: esc})
				valStart = -1
			}
			depth--
		case ':':
			if depth == 1 && rootObject {
				valStart = jsontext.SkipSpace(s, i+1)
			}
		case ',':
			if depth == 1 && rootObject && valStart >= 0 {
				buf = append(buf, member{key: key, val: jsontext.TrimSpaceEnd(s[valStart:i]), esc: esc})
				valStart = -1
			}
		}
		i++
	}
	return buf, true
}
