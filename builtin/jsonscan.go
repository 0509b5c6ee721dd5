package builtin

import "github.com/gsl-lang/gsl/internal/jsontext"

// countSeparators marks the bytes countMembers must look at: string
// quotes, brackets and the commas between members.
var countSeparators = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true, ',': true}

// countMembers counts the elements of a raw JSON array or the keys of a raw
// JSON object (each key, repeated or not): the members a jsontext.Members
// walk yields over valid JSON text. It counts the commas at the top level
// in one pass, with no call per member.
func countMembers(raw string) int {
	i := jsontext.SkipSpace(raw, 0)
	if i >= len(raw) || (raw[i] != '[' && raw[i] != '{') {
		return 0
	}
	i = jsontext.SkipSpace(raw, i+1)
	if i >= len(raw) || raw[i] == ']' || raw[i] == '}' {
		return 0
	}
	n, depth := 1, 1
	for i < len(raw) {
		c := raw[i]
		if !countSeparators[c] {
			i++
			continue
		}
		switch c {
		case '"':
			i = jsontext.StringEnd(raw, i)
			continue
		case ',':
			if depth == 1 {
				n++
			}
		case '{', '[':
			depth++
		default:
			depth--
			if depth == 0 {
				return n
			}
		}
		i++
	}
	return n
}
