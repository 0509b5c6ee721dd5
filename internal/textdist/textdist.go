// Package textdist finds the closest name to a misspelt one, for the "did
// you mean" hints of the parser, the compiler, the function registry and the
// schema checker. It has no dependencies, so every package may use it.
package textdist

import "strings"

// Closest returns the candidate closest to name, or "" when none is close
// enough. A candidate equal to name but for case wins outright. Otherwise
// the distance counts insertions, deletions, substitutions and swaps of two
// adjacent characters, ignoring case, and a candidate is close enough when
// its distance is at most a third of name's length (at least 1). Ties go to
// the earlier candidate.
func Closest(name string, candidates []string) string {
	if name == "" {
		return ""
	}
	lname := []rune(strings.ToLower(name))
	limit := max(1, (len(lname)+2)/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return c
		}
		lc := []rune(strings.ToLower(c))
		if abs(len(lc)-len(lname)) >= bestDist {
			continue
		}
		if d := Distance(lname, lc); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and adjacent swaps each cost 1.
func Distance(a, b []rune) int {
	// Three rolling rows: two back (for swaps), previous and current.
	prev2 := make([]int, len(b)+1)
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
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
