package lang

import (
	"errors"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that its errors are positioned
// within the input, and that every rule it accepts survives a Format round
// trip with the same tree and a stable spelling.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Instance should have vpc",
		"TRUE",
		"List<X> should have items with [a = 1] length() > 0",
		"X where not (a regexMatch /^x\\/y$/i) should not have b contain ['s3:*']",
		"X should have a in (1, -2.5, 'x', null, true) and b.`c:d` like '%e%'",
		"X should have $.a = \"q\\\"\" or c groupBy [d] contain-all [e isEmpty()]",
		"cloudtrail where event.name = 'x'",
		"X should have a f(b, -1, 'c') after (1, 'days')",
		"X should have (a or (b and not c)) and d",
		"S3Bucket should have s contain [E='D' and (A='x')])",
		"VirtualMachine should have tags contain [ ( key like ‘Prod' ) ]",
	} {
		f.Add(s)
	}
	if rules, err := readCorpus(); err == nil {
		for _, r := range rules {
			f.Add(r.Rule)
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		timer := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("Parse(%q) hangs", src)) })
		defer timer.Stop()
		r, err := Parse(src)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse(%q) returned %T %v", src, err, err)
			}
			for _, e := range list {
				if e.Pos.Line < 1 || e.Pos.Column < 1 || e.Pos.Offset < 0 || e.Pos.Offset > len(src) {
					t.Fatalf("Parse(%q): error position %+v out of range", src, e.Pos)
				}
				if utf8.ValidString(src) && e.Pos != posAt(src, e.Pos.Offset) {
					t.Fatalf("Parse(%q): error position %+v disagrees with its offset", src, e.Pos)
				}
				_ = e.Detail()
			}
			return
		}
		if utf8.ValidString(src) {
			checkSpans(t, src, r)
		}
		checkRoundTrip(t, r)
	})
}
