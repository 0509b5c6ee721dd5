package builtin

// elemIter walks the top-level members of the raw text of a JSON array or
// object without decoding or allocating: each step yields the raw key (with
// its quotes; empty for array elements) and the raw value. Malformed text
// ends the walk early; it never panics.
type elemIter struct {
	s string
	i int
}

func newElemIter(raw string) elemIter {
	i := skipSpace(raw, 0)
	if i < len(raw) && (raw[i] == '[' || raw[i] == '{') {
		i++
	} else {
		i = len(raw)
	}
	return elemIter{s: raw, i: i}
}

func (it *elemIter) next() (key, val string, ok bool) {
	s := it.s
	i := skipSpace(s, it.i)
	if i < len(s) && s[i] == ',' {
		i = skipSpace(s, i+1)
	}
	if i >= len(s) || s[i] == ']' || s[i] == '}' {
		it.i = len(s)
		return "", "", false
	}
	if s[i] == '"' {
		// Either an object key or a string element: look past it for ':'.
		end := skipValue(s, i)
		j := skipSpace(s, end)
		if j < len(s) && s[j] == ':' {
			key = s[i:end]
			i = skipSpace(s, j+1)
			if i >= len(s) {
				it.i = len(s)
				return "", "", false
			}
		}
	}
	end := skipValue(s, i)
	if end == i {
		it.i = len(s)
		return "", "", false
	}
	it.i = end
	return key, s[i:end], true
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipValue returns the end of the JSON value starting at s[i].
func skipValue(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '"':
		return skipString(s, i)
	case '[', '{':
		depth := 0
		for i < len(s) {
			switch s[i] {
			case '"':
				i = skipString(s, i)
				continue
			case '[', '{':
				depth++
			case ']', '}':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(s) {
		switch s[i] {
		case ',', ']', '}', ':', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// skipString returns the index just past the string starting at s[i] == '"'.
func skipString(s string, i int) int {
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(s)
}

// countMembers counts the elements of a raw JSON array or the keys of a raw
// JSON object.
func countMembers(raw string) int {
	it := newElemIter(raw)
	n := 0
	for {
		if _, _, ok := it.next(); !ok {
			return n
		}
		n++
	}
}

// isEmptyContainer reports whether raw is "[]" or "{}", spaces allowed.
func isEmptyContainer(raw string) bool {
	it := newElemIter(raw)
	_, _, ok := it.next()
	return !ok
}
