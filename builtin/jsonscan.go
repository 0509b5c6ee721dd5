package builtin

import "github.com/gsl-lang/gsl/internal/jsontext"

// countMembers counts the elements of a raw JSON array or the keys of a raw
// JSON object (each key, repeated or not): the members a jsontext.Members
// walk yields over valid JSON text. It counts the commas at the top level,
// skipping strings and nested values whole, with no call per scalar.
func countMembers(raw string) int {
	i := jsontext.SkipSpace(raw, 0)
	if i >= len(raw) || (raw[i] != '[' && raw[i] != '{') {
		return 0
	}
	i = jsontext.SkipSpace(raw, i+1)
	if i >= len(raw) || raw[i] == ']' || raw[i] == '}' {
		return 0
	}
	n := 1
	for i < len(raw) {
		switch raw[i] {
		case '"':
			i = jsontext.StringEnd(raw, i)
			continue
		case '{', '[':
			i = jsontext.CloseAfter(raw, i+1, 1)
			continue
		case ',':
			n++
		case ']', '}':
			return n
		}
		i++
	}
	return n
}
