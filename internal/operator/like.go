package operator

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/builtin"
)

// LikePattern is a compiled `like` pattern. The zero value matches only the
// empty string.
type LikePattern struct {
	src string
	// segs are the literal runs between the % signs, case-folded to the
	// canonical member of each rune's simple-folding orbit.
	segs [][]rune
	// fail holds, for each segment longer than naiveSegment runes, its
	// Knuth-Morris-Pratt failure table (nil for the shorter ones).
	fail [][]int32
	// lead and trail tell whether the pattern begins / ends with %;
	// wild whether it has any %.
	lead, trail, wild bool
}

// CompileLike compiles the pattern of `like 'pat'`: matching is
// case-insensitive (Unicode simple case folding, so 'K' matches the Kelvin
// sign), % matches any run of characters (the empty run included), and every
// other character, _ and \ included, stands for itself. There is no escape.
// Compile once per rule; Match is allocation-free and runs in time
// O(len(s) + len(pat)) at worst, never exponential.
func CompileLike(pat string) LikePattern {
	p := LikePattern{src: pat}
	parts := strings.Split(pat, "%")
	p.wild = len(parts) > 1
	p.lead = p.wild && parts[0] == ""
	p.trail = p.wild && parts[len(parts)-1] == ""
	for _, part := range parts {
		if part == "" {
			continue
		}
		seg := []rune(part)
		for i, r := range seg {
			seg[i] = foldCanon(r)
		}
		p.segs = append(p.segs, seg)
		var fail []int32
		if len(seg) > naiveSegment {
			fail = failTable(seg)
		}
		p.fail = append(p.fail, fail)
	}
	return p
}

// naiveSegment is the longest segment that find looks for by trying each
// place it could start, at a cost of up to its length per place; longer
// ones are looked for with findKMP, in time linear in the text.
const naiveSegment = 8

// failTable returns the Knuth-Morris-Pratt failure function of seg: fail[k]
// is the length of the longest proper prefix of seg[:k+1] that is also its
// suffix.
func failTable(seg []rune) []int32 {
	fail := make([]int32, len(seg))
	k := 0
	for i := 1; i < len(seg); i++ {
		for k > 0 && seg[i] != seg[k] {
			k = int(fail[k-1])
		}
		if seg[i] == seg[k] {
			k++
		}
		fail[i] = int32(k)
	}
	return fail
}

// String returns the source text of the pattern.
func (p LikePattern) String() string { return p.src }

// Match reports whether s matches the pattern.
func (p LikePattern) Match(s string) bool {
	segs := p.segs
	if len(segs) == 0 {
		return p.wild || s == ""
	}
	if !p.wild {
		n, ok := matchPrefix(s, segs[0])
		return ok && n == len(s)
	}
	if !p.lead {
		n, ok := matchPrefix(s, segs[0])
		if !ok {
			return false
		}
		s = s[n:]
		segs = segs[1:]
	}
	if !p.trail {
		if len(segs) == 0 {
			return false // "a" consumed by the prefix leaves nothing for the suffix
		}
		start, ok := matchSuffix(s, segs[len(segs)-1])
		if !ok {
			return false
		}
		s = s[:start]
		segs = segs[:len(segs)-1]
	}
	// Every remaining segment floats between % signs: take the leftmost
	// occurrence of each in turn. With only the many-character wildcard,
	// leftmost-first is optimal, so no backtracking is needed.
	off := 0
	if !p.lead {
		off = 1
	}
	for i, seg := range segs {
		var n int
		var ok bool
		if len(seg) > naiveSegment {
			n, ok = findKMP(s, seg, p.fail[off+i])
		} else {
			n, ok = find(s, seg)
		}
		if !ok {
			return false
		}
		s = s[n:]
	}
	return true
}

// findKMP is find for a long segment, with its failure table: it reads
// each rune of s once, as matchPrefix would read it (decoded from the
// start of s, folded), so it finds the same leftmost occurrence.
func findKMP(s string, seg []rune, fail []int32) (int, bool) {
	// With nothing matched yet, skip to the next byte that can start the
	// segment, as find does.
	up, lo, skip := startBytes(seg[0])
	k := 0
	for i := 0; i < len(s); {
		if k == 0 && skip {
			if i = nextStart(s, i, up, lo); i < 0 {
				return 0, false
			}
		}
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			r = rune(c)
			i++
		} else {
			var w int
			r, w = utf8.DecodeRuneInString(s[i:])
			r = foldCanon(r)
			i += w
		}
		for k > 0 && seg[k] != r {
			k = int(fail[k-1])
		}
		if seg[k] == r {
			k++
		}
		if k == len(seg) {
			return i, true
		}
	}
	return 0, false
}

// MatchValue implements `v like pat`: only strings match; missing, numbers,
// bools, null, arrays and objects never do.
func (p LikePattern) MatchValue(v builtin.Value) bool {
	return v.Kind() == builtin.String && p.Match(v.Str())
}

// matchPrefix reports whether s begins with seg (folded), and how many
// bytes of s that took.
func matchPrefix(s string, seg []rune) (int, bool) {
	i := 0
	for _, want := range seg {
		if i >= len(s) {
			return 0, false
		}
		if c := s[i]; c < utf8.RuneSelf {
			// foldCanon of an ASCII byte, inline.
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			if rune(c) != want {
				return 0, false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if foldCanon(r) != want {
			return 0, false
		}
		i += w
	}
	return i, true
}

// matchSuffix reports whether s ends with seg (folded), and where in s that
// suffix starts.
func matchSuffix(s string, seg []rune) (int, bool) {
	i := len(s)
	for k := len(seg) - 1; k >= 0; k-- {
		if i <= 0 {
			return 0, false
		}
		if c := s[i-1]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			if rune(c) != seg[k] {
				return 0, false
			}
			i--
			continue
		}
		r, w := utf8.DecodeLastRuneInString(s[:i])
		if foldCanon(r) != seg[k] {
			return 0, false
		}
		i -= w
	}
	return i, true
}

// find returns the end of the leftmost occurrence of seg in s.
//
// When seg starts with an ASCII rune, the only places an occurrence can
// start are the bytes that fold to it and, for the two ASCII letters whose
// orbit leaves ASCII (k and s: the Kelvin sign and the long s), any
// non-ASCII byte; the scan skips every other byte without decoding it.
// Each ASCII byte of s starts a rune in any reading of s, and a byte that
// does not start a rune decodes to utf8.RuneError, which no ASCII rune
// folds to, so trying only these places finds what trying every rune would.
func find(s string, seg []rune) (int, bool) {
	first := seg[0]
	if first >= utf8.RuneSelf {
		for i := 0; i < len(s); {
			if n, ok := matchPrefix(s[i:], seg); ok {
				return i + n, true
			}
			if s[i] < utf8.RuneSelf {
				i++
			} else {
				_, w := utf8.DecodeRuneInString(s[i:])
				i += w
			}
		}
		return 0, false
	}
	up, lo, skip := startBytes(first)
	if skip {
		for i := 0; ; i++ {
			if i = nextStart(s, i, up, lo); i < 0 {
				return 0, false
			}
			if n, ok := matchPrefix(s[i:], seg); ok {
				return i + n, true
			}
		}
	}
	// K or S: a non-ASCII byte may start the Kelvin sign or the long s.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != up && c != lo && c < utf8.RuneSelf {
			continue
		}
		if n, ok := matchPrefix(s[i:], seg); ok {
			return i + n, true
		}
	}
	return 0, false
}

// startBytes returns the bytes that can start an occurrence of a segment
// whose first (folded) rune is first, when that is an ASCII rune: up and
// lo, its two cases (the same byte for a non-letter). skip reports whether
// no other byte can: false for K and S, whose orbits hold the Kelvin sign
// and the long s, and for a non-ASCII first rune.
func startBytes(first rune) (up, lo byte, skip bool) {
	if first >= utf8.RuneSelf {
		return 0, 0, false
	}
	up, lo = byte(first), byte(first)
	if 'A' <= up && up <= 'Z' {
		lo = up + ('a' - 'A')
	}
	return up, lo, up != 'K' && up != 'S'
}

// nextStart returns the offset of the first byte at or after i that is up
// or lo, or -1.
func nextStart(s string, i int, up, lo byte) int {
	if up == lo {
		if j := strings.IndexByte(s[i:], up); j >= 0 {
			return i + j
		}
		return -1
	}
	for ; i < len(s); i++ {
		if s[i] == up || s[i] == lo {
			return i
		}
	}
	return -1
}

// foldCanon maps r to the smallest rune of its simple case-folding orbit, so
// that two runes are equal under simple folding exactly when their canonical
// forms are equal.
func foldCanon(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}
