package eval

import "strings"

// suggestName returns the candidate closest to name, for "did you mean"
// hints, or "" when none is close: a case-insensitive match, or an edit
// distance of at most a third of the name's length (and at least 1).
//
// TODO: use lang.Suggest once package lang exports it.
func suggestName(name string, candidates []string) string {
	best, bestDist := "", len(name)/3
	if bestDist < 1 {
		bestDist = 1
	}
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return c
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(c)); d <= bestDist && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
