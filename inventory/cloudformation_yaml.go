package inventory

import (
	"bytes"
	"regexp"
)

// emptyTagRe matches a line that ends in a short-form tag with no value:
// "AvailabilityZones: !GetAZs" or "- !GetAZs", with an optional comment.
var emptyTagRe = regexp.MustCompile(`^(\s*)(- +|[^\s#][^#]*?:\s+)(![A-Za-z0-9:]+)\s*(#.*)?$`)

// blockScalarRe matches a line that opens a literal or folded block
// scalar, whose content lines are text, not YAML.
var blockScalarRe = regexp.MustCompile(`:\s*(!\S+\s+)?[|>][-+0-9]*\s*(#.*)?$`)

// fillEmptyTags writes an explicit empty string after a short-form tag
// that has no value on its line and none below it ("AvailabilityZones:
// !GetAZs" followed by the next key). The YAML parser would otherwise
// take the following keys of the mapping as the tag's value, and the
// resource would silently lose them. Only the end of such lines changes,
// so line and column numbers stay those of the input.
func fillEmptyTags(data []byte) []byte {
	if !bytes.Contains(data, []byte("!")) {
		return data
	}
	lines := bytes.Split(data, []byte("\n"))
	changed := false
	blockIndent := -1
	for i, line := range lines {
		ind := indentOf(line)
		if blockIndent >= 0 {
			if len(bytes.TrimSpace(line)) == 0 || ind > blockIndent {
				continue
			}
			blockIndent = -1
		}
		if blockScalarRe.Match(line) {
			blockIndent = ind
			continue
		}
		m := emptyTagRe.FindSubmatch(line)
		if m == nil {
			continue
		}
		dash := bytes.HasPrefix(m[2], []byte("-"))
		// The value would be the next content line when it is indented
		// deeper, or, after "key:", a sequence at the key's indentation.
		hasValue := false
		for _, next := range lines[i+1:] {
			t := bytes.TrimSpace(next)
			if len(t) == 0 || t[0] == '#' {
				continue
			}
			ni := indentOf(next)
			hasValue = ni > ind || !dash && ni == ind && bytes.HasPrefix(t, []byte("- "))
			break
		}
		if hasValue {
			continue
		}
		end := len(line)
		if m[4] != nil {
			end = bytes.LastIndex(line, m[4])
		}
		fixed := append([]byte{}, line[:end]...)
		fixed = append(bytes.TrimRight(fixed, " \t"), []byte(` ""`)...)
		if m[4] != nil {
			fixed = append(append(fixed, ' '), m[4]...)
		}
		lines[i] = fixed
		changed = true
	}
	if !changed {
		return data
	}
	return bytes.Join(lines, []byte("\n"))
}

func indentOf(line []byte) int {
	return len(line) - len(bytes.TrimLeft(line, " "))
}
