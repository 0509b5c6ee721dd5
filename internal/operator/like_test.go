package operator

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/builtin"
)

func TestLike(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"default", "default", true},
		{"default", "Default", true},
		{"default", "DEFAULT", true},
		{"default", "defaults", false},
		{"default", "my-default", false},
		{"", "", true},
		{"", "a", false},
		{"%", "", true},
		{"%", "anything", true},
		{"%%", "", true},
		{"%root%", "root", true},
		{"%root%", "ROOT-user", true},
		{"%root%", "the-Root", true},
		{"%root%", "rot", false},
		// Long segments (found with KMP), with a first rune that is not
		// ASCII, or K (whose orbit holds the Kelvin sign).
		{"%ébcdefghij%", "xxÉBCDEFGHIJyy", true},
		{"%ébcdefghij%", "xxEBCDEFGHIJyy", false},
		{"%kubernetes-node%", "x-\u212aUBERNETES-NODE-1", true},
		{"%kubernetes-node%", "x-kubernetes-nod", false},
		{"http://acs.amazonaws.com/groups/global/%", "http://acs.amazonaws.com/groups/global/AllUsers", true},
		{"http://acs.amazonaws.com/groups/global/%", "http://acs.amazonaws.com/groups/globalx/AllUsers", false},
		{"a%b", "ab", true},
		{"a%b", "axxb", true},
		{"a%b", "axxbc", false},
		{"a%b", "b", false},
		{"a%a", "a", false},
		{"a%a", "aa", true},
		{"a%a%a", "aaa", true},
		{"a%a%a", "aa", false},
		{"%a%b%c%", "xxaxxbxxcxx", true},
		{"%a%b%c%", "xxcxxbxxaxx", false},
		{"%abc", "ababc", true},
		{"abc%", "abab", false},
		{"%aab%", "aaab", true},
		// literal characters: _ and regex and backslash are not special
		{"a_c", "abc", false},
		{"a_c", "a_c", true},
		{"a.c", "abc", false},
		{"a*", "abc", false},
		{"a*", "A*", true},
		{`a\%`, `a\xyz`, true},
		{`a\%`, `a%`, false},
		{"[ab]", "a", false},
		// Unicode folding
		{"straße", "STRAßE", true},
		{"ÉTÉ", "été", true},
		{"k", "\u212a", true}, // Kelvin sign folds to k
		{"\u212a%", "kelvin", true},
		{"s", "\u017f", true}, // long s folds to s
		{"%σ", "ΣΊΣΥΦΟΣ", true},
		{"ς", "Σ", true}, // final sigma is in Σ's orbit
		{"日本%", "日本語", true},
		{"%語", "日本語", true},
		{"%本%", "日本語", true},
		{"%本%", "日語", false},
		{"a", "\xff", false},
		{"%", "\xff", true},
	}
	for _, tt := range tests {
		p := CompileLike(tt.pat)
		if got := p.Match(tt.s); got != tt.want {
			t.Errorf("%q like %q = %v, want %v", tt.s, tt.pat, got, tt.want)
		}
		if got := likeReference(tt.pat, tt.s); got != tt.want {
			t.Errorf("reference: %q like %q = %v, want %v", tt.s, tt.pat, got, tt.want)
		}
		if p.String() != tt.pat {
			t.Errorf("String() = %q, want %q", p.String(), tt.pat)
		}
	}
}

func TestLikeValue(t *testing.T) {
	p := CompileLike("%2%")
	for _, tt := range []struct {
		v    builtin.Value
		want bool
	}{
		{j(`"22"`), true},
		{j(`22`), false}, // only strings match
		{missing, false},
		{j(`null`), false},
		{j(`["2"]`), false},
	} {
		if got := p.MatchValue(tt.v); got != tt.want {
			t.Errorf("%v like '%%2%%' = %v, want %v", tt.v, got, tt.want)
		}
	}
	var zero LikePattern
	if !zero.Match("") || zero.Match("x") {
		t.Error("zero LikePattern must match only the empty string")
	}
}

// likeReference is the obvious dynamic-programming matcher over runes.
func likeReference(pat, s string) bool {
	p, r := []rune(pat), []rune(s)
	// m[j] reports whether p[:i] matches r[:j].
	m := make([]bool, len(r)+1)
	m[0] = true
	for i := range p {
		next := make([]bool, len(r)+1)
		if p[i] == '%' {
			seen := false
			for k := range m {
				seen = seen || m[k]
				next[k] = seen
			}
		} else {
			for k := 1; k <= len(r); k++ {
				next[k] = m[k-1] && foldEq(p[i], r[k-1])
			}
		}
		m = next
	}
	return m[len(r)]
}

// foldEq reports whether a and b are equal under simple case folding, by
// walking a's orbit.
func foldEq(a, b rune) bool {
	if a == b {
		return true
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

func FuzzLike(f *testing.F) {
	for _, seed := range [][2]string{
		{"%root%", "ROOT-user"}, {"a%a%a", "aaaa"}, {"%k", "\u212a"}, {"%%b%", "bb"},
		{"ß%", "SS"}, {"a", "\xff"}, {"%\xff%", "\xfe"}, {"%ab%ab%", "abab"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		if len(pat) > 64 || len(s) > 256 {
			return
		}
		got := CompileLike(pat).Match(s)
		if want := likeReference(pat, s); got != want {
			t.Fatalf("%q like %q = %v, reference says %v", s, pat, got, want)
		}
	})
}

// TestLikeNotExponential runs a pattern that makes naive backtracking
// explode; a test timeout is the failure mode.
func TestLikeNotExponential(t *testing.T) {
	pat := strings.Repeat("%a", 30) + "%b"
	s := strings.Repeat("a", 5000)
	if CompileLike(pat).Match(s) {
		t.Error("matched a string without b")
	}
}

// TestLikeLongSegment runs a long segment that almost matches everywhere:
// trying each place it could start costs its length per place (20,000 ×
// 2 MB: minutes), the failure table one step per byte. A test timeout is
// the failure mode. It also holds findKMP to find over such segments.
func TestLikeLongSegment(t *testing.T) {
	seg := strings.Repeat("a", 20000)
	s := strings.Repeat("A", 2<<20)
	for _, tt := range []struct {
		pat, s string
		want   bool
	}{
		{"%" + seg + "b%", s, false},
		{"%" + seg + "b%", s + "b", true},
		{"x%" + seg + "%y", "x" + s + "y", true},
		{"%" + seg + "%" + seg + "%", s[:40000], true},
		{"%" + seg + "%" + seg + "%", s[:39999], false},
	} {
		if got := CompileLike(tt.pat).Match(tt.s); got != tt.want {
			t.Errorf("pattern of %d bytes over %d bytes = %v, want %v", len(tt.pat), len(tt.s), got, tt.want)
		}
	}
	// Segments past naiveSegment, with repeats that exercise the failure
	// table, agree with the reference matcher.
	for _, tt := range []struct{ pat, s string }{
		{"%abababababc%", "ababababababababc"},
		{"%abababababc%", "abababababab"},
		{"%aabaabaabaab%", "aabaabaabaaabaabaabaab"},
		{"%kkkkkkkkkk%", "kk\u212akkkkkkkK"},
		{"%ßßßßßßßßßß%", "ẞßßßßßßßßß"},
		{"%\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd%", "\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff"},
		{"%ééééééééé%x", "éÉéÉéÉéÉéÉx"},
	} {
		if got, want := CompileLike(tt.pat).Match(tt.s), likeReference(tt.pat, tt.s); got != want {
			t.Errorf("%q like %q = %v, reference says %v", tt.s, tt.pat, got, want)
		}
	}
}

func TestCompileRegexp(t *testing.T) {
	re, err := CompileRegexp(`^prod-`, "i")
	if err != nil {
		t.Fatal(err)
	}
	if !MatchRegexp(re, j(`"PROD-web"`)) || MatchRegexp(re, j(`"dev"`)) || MatchRegexp(re, missing) {
		t.Error("regexMatch with i")
	}
	re, _ = CompileRegexp(`^b$`, "m")
	if !MatchRegexp(re, builtin.StringValue("a\nb")) {
		t.Error("m flag")
	}
	re, _ = CompileRegexp(`a.b`, "s")
	if !MatchRegexp(re, builtin.StringValue("a\nb")) {
		t.Error("s flag")
	}
	re, _ = CompileRegexp(`^22$`, "")
	if MatchRegexp(re, j(`22`)) {
		t.Error("regexMatch matched a number")
	}
	for _, tt := range []struct{ re, flags string }{{`a(`, ""}, {`a`, "x"}, {`a`, "ii"}, {`a`, "g"}} {
		if _, err := CompileRegexp(tt.re, tt.flags); err == nil {
			t.Errorf("CompileRegexp(%q, %q) succeeded", tt.re, tt.flags)
		}
	}
}

// TestASCIIFoldOrbits checks what find assumes of Unicode simple folding:
// the orbit of an ASCII rune holds only ASCII runes, apart from those of k
// (the Kelvin sign) and s (the long s), and only letters have partners.
func TestASCIIFoldOrbits(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		wide := r == 'k' || r == 'K' || r == 's' || r == 'S'
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if !letter {
				t.Errorf("%q folds to %q", r, f)
			}
			if f >= utf8.RuneSelf && !wide {
				t.Errorf("%q folds to non-ASCII %q", r, f)
			}
		}
	}
}

func BenchmarkLike(b *testing.B) {
	for _, tt := range []struct{ name, pat, s string }{
		{"arn", "arn:aws%:iam::%:instance-profile/%", "arn:aws:iam::347072611980:instance-profile/payments-instance-5"},
		{"contains", "%admin%", "arn:aws:iam::347072611980:role/service-role/payments-batch-runner-Administrator"},
		{"miss", "%secret%", "arn:aws:iam::347072611980:role/service-role/payments-batch-runner-worker-pool"},
		{"suffix", "%.amazonaws.com", "payments-queue.sqs.us-east-1.amazonaws.com"},
	} {
		p := CompileLike(tt.pat)
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				p.Match(tt.s)
			}
		})
	}
}
