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
	segs   []string  // property names, unescaped
	chunks []string  // escaped gjson paths, each applied to an object
	text   string    // GSL spelling, e.g. tags.`aws:stack`
	scope  int32     // the scope the path is read in (see scopeSpec)
	tail   *pathSpec // the path without its first segment, when it has more
}

func newPathSpec(segs []string, scope int32) *pathSpec {
	p := &pathSpec{segs: segs, scope: scope, text: pathText(segs), chunks: pathChunks(segs)}
	if len(segs) > 1 {
		// Only readDoc reads the tail, and only its chunks: it has no tail
		// of its own, so that a path of n segments costs O(n), not O(n²).
		rest := segs[1:]
		p.tail = &pathSpec{segs: rest, scope: rawScope, text: pathText(rest), chunks: pathChunks(rest)}
	}
	return p
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

// readDoc resolves the path from the document's entity, through its index
// of top-level members.
func (p *pathSpec) readDoc(d *Document) gjson.Result {
	if len(p.segs) == 0 || d.members == nil {
		return p.read(d.root)
	}
	v := d.member(p.segs[0])
	if p.tail == nil {
		return v
	}
	return p.tail.read(v)
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
