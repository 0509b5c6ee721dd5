package lang

import "github.com/gsl-lang/gsl/internal/textdist"

// Suggest returns the candidate closest to name, for a "did you mean" hint,
// or "" when none is close enough. A candidate equal to name but for case
// wins; otherwise the distance counts insertions, deletions, substitutions
// and swaps of two adjacent characters, ignoring case, so `shuold` suggests
// "should", `contain_any` suggests "contain-any" and `isempty` suggests
// "isEmpty". A candidate is close enough when its distance is at most a third
// of name's length (at least 1). Ties go to the earlier candidate.
func Suggest(name string, candidates []string) string {
	return textdist.Closest(name, candidates)
}
