package jsontext

import (
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// IsEmpty reports whether raw, an array or an object, has no members:
// "[]" or "{}", white space allowed. Anything else has none either.
func IsEmpty(raw string) bool {
	it := NewMembers(raw)
	_, _, ok := it.Next()
	return !ok
}

// firstMembersScan is the member count up to which FirstMembers finds a
// repeated name by scanning the names kept so far; past it, a set.
const firstMembersScan = 16

// FirstMembers returns the names (unescaped) and raw values of the members
// of the raw object obj that come first under their name, in order: a
// repeated name counts once, with its first value, as paths read it. It is
// the view of an object that equality, hashing and length() share.
func FirstMembers(obj string) (names, vals []string) {
	var seen map[string]bool // past firstMembersScan names
	it := NewMembers(obj)
	for {
		k, v, ok := it.Next()
		if !ok {
			return names, vals
		}
		name := keyName(k)
		switch {
		case seen != nil:
			if seen[name] {
				continue
			}
			seen[name] = true
		case slices.Contains(names, name):
			continue
		case len(names) == firstMembersScan:
			seen = make(map[string]bool, 2*firstMembersScan)
			for _, n := range names {
				seen[n] = true
			}
			seen[name] = true
		}
		names, vals = append(names, name), append(vals, v)
	}
}

// keyName is the name a raw (quoted) key spells.
func keyName(k string) string {
	if !strings.Contains(k, `\`) && len(k) >= 2 {
		return k[1 : len(k)-1]
	}
	return gjson.Parse(k).Str
}
