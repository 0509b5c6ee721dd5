package eval

import (
	"strings"

	"github.com/tidwall/gjson"
)

// pathSpec is a compiled property path. Rule text never reaches gjson as a
// path: each segment is escaped with gjson.Escape, and segments are grouped
// into chunks that gjson may walk in one call. A chunk ends before any
// segment gjson would read as an array index (all digits) or could not
// express (the empty name), so that such a segment is looked up only in an
// object: a path never steps into an array.
type pathSpec struct {
	segs   []string // property names, unescaped
	chunks []string // escaped gjson paths, each applied to an object
	text   string   // GSL spelling, e.g. tags.`aws:stack`
	scope  int32    // the scope the path is read in (see scopeSpec)
}

func newPathSpec(segs []string, scope int32) *pathSpec {
	return &pathSpec{segs: segs, scope: scope, text: pathText(segs), chunks: pathChunks(segs)}
}

// pathChunks groups segs into the escaped gjson paths of pathSpec.chunks.
func pathChunks(segs []string) []string {
	var chunks, cur []string
	flush := func() {
		if len(cur) > 0 {
			chunks = append(chunks, strings.Join(cur, "."))
			cur = cur[:0]
		}
	}
	for _, s := range segs {
		if s == "" || allDigits(s) {
			flush()
			if s == "" {
				// gjson reads the empty path as the empty key.
				chunks = append(chunks, "")
			} else {
				chunks = append(chunks, s)
			}
			flush()
			continue
		}
		cur = append(cur, gjson.Escape(s))
	}
	flush()
	return chunks
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isObject reports whether r holds a JSON object.
func isObject(r gjson.Result) bool {
	return r.Type == gjson.JSON && len(r.Raw) > 0 && r.Raw[0] == '{'
}

// read resolves the path from base by scanning its raw text.
func (p *pathSpec) read(base gjson.Result) gjson.Result {
	r := base
	for _, c := range p.chunks {
		if !isObject(r) {
			return gjson.Result{}
		}
		r = gjson.Get(r.Raw, c)
	}
	return r
}

// pathText spells segments the way GSL reads them: plain names joined by
// dots, other names in backquotes.
func pathText(segs []string) string {
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('.')
		}
		writeSegment(&b, s)
	}
	return b.String()
}

func writeSegment(b *strings.Builder, s string) {
	if isPlainName(s) {
		b.WriteString(s)
		return
	}
	b.WriteByte('`')
	b.WriteString(s)
	b.WriteByte('`')
}

// isPlainName reports whether s matches [A-Za-z_][A-Za-z0-9_:-]*.
func isPlainName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == ':' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// joinPath appends a relative path's text to a base path for evidence:
// "volumes[1]" + "encrypted" = "volumes[1].encrypted".
func joinPath(base, rel string) string {
	switch {
	case base == "":
		return rel
	case rel == "":
		return base
	}
	return base + "." + rel
}
