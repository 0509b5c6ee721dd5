package bundles

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/lang"
)

// valueSource records where a string value lies in its file, so that a
// position within the (decoded, folded, trimmed) value can be mapped back
// to a line and column of the file.
type valueSource struct {
	lines     *fileLines // the file's lines
	line, col int        // where the value's text starts (1-based)
	escapes   bool       // a double-quoted YAML or JSON string: backslash escapes
	single    bool       // a single-quoted YAML string: '' is a quote
}

// fileLines is a file's lines, without line ends, split on first use:
// they are needed only to map an error's position, and splitting every
// shipped bundle file was a tenth of start-up.
type fileLines struct {
	once  sync.Once
	data  []byte
	lines []string
}

// linesOf returns the lines of data (a YAML file without its byte order
// mark), to be split on first use.
func linesOf(data []byte) *fileLines { return &fileLines{data: data} }

// splitLines returns lines already split.
func splitLines(lines []string) *fileLines {
	f := &fileLines{lines: lines}
	f.once.Do(func() {})
	return f
}

// get returns the lines. It is safe for concurrent use.
func (f *fileLines) get() []string {
	f.once.Do(func() {
		f.lines = yamlLines(f.data)
		f.data = nil
	})
	return f.lines
}

// FilePos maps a position within r.Logic (as reported by lang errors) to a
// line and column of the bundle file. It returns 0, 0 when the rule was not
// read from a file.
func (r *Rule) FilePos(p lang.Pos) (line, col int) {
	if r.src == nil {
		return 0, 0
	}
	off := p.Offset
	if off <= 0 && p.Line > 1 || off < 0 {
		off = offsetOf(r.Logic, p.Line, p.Column)
	}
	return r.src.locate(r.Logic, off)
}

// offsetOf converts a 1-based line and rune column within s to a byte offset.
func offsetOf(s string, line, col int) int {
	l, c := 1, 1
	for i, r := range s {
		if l == line && c == col || l > line {
			return i
		}
		if r == '\n' {
			l, c = l+1, 1
		} else {
			c++
		}
	}
	return len(s)
}

// locate returns the file position of text[offset], where text is the value
// (or a suffix of it that starts at the recorded start). Decoding and YAML
// folding change only white space and escapes, so the walk matches the
// value's non-space characters one by one with the file's.
func (vs *valueSource) locate(text string, offset int) (int, int) {
	c := cursor{vs: vs, line: vs.line, col: vs.col}
	for i, r := range text {
		if i >= offset {
			if !unicode.IsSpace(r) {
				c.skipSpace()
			}
			return c.line, c.col
		}
		if unicode.IsSpace(r) {
			continue
		}
		c.skipSpace()
		c.consume()
	}
	return c.line, c.col
}

// cursor walks the file's runes from a position.
type cursor struct {
	vs        *valueSource
	line, col int
	runes     []rune // runes of the current line
	runesLine int
}

// peek returns the rune at the cursor and the one after it; '\n' at a line
// end; utf8.RuneError past the end of the file.
func (c *cursor) peek(ahead int) rune {
	line, col := c.line, c.col+ahead
	for line <= len(c.vs.lines.get()) {
		rs := c.lineRunes(line)
		if col <= len(rs) {
			return rs[col-1]
		}
		if col == len(rs)+1 {
			return '\n'
		}
		col -= len(rs) + 1
		line++
	}
	return utf8.RuneError
}

func (c *cursor) lineRunes(line int) []rune {
	if c.runesLine != line || c.runes == nil {
		c.runes, c.runesLine = []rune(c.vs.lines.get()[line-1]), line
	}
	return c.runes
}

// advance moves one rune forward.
func (c *cursor) advance() {
	if c.line > len(c.vs.lines.get()) {
		return
	}
	if c.col > len(c.lineRunes(c.line)) {
		if c.line < len(c.vs.lines.get()) {
			c.line, c.col = c.line+1, 1
		}
		return
	}
	c.col++
}

// skipSpace moves past white space and escapes that decode to white space.
func (c *cursor) skipSpace() {
	for steps := 0; steps < 1<<20; steps++ {
		r := c.peek(0)
		switch {
		case r == utf8.RuneError:
			return
		case unicode.IsSpace(r):
			if r == '\n' && c.line >= len(c.vs.lines.get()) {
				return
			}
			c.advance()
		case c.vs.escapes && r == '\\' && (c.peek(1) == 'n' || c.peek(1) == 't' || c.peek(1) == 'r' || c.peek(1) == '\n' || c.peek(1) == ' '):
			c.advance()
			c.advance()
		default:
			return
		}
	}
}

// consume moves past one character of the value: an escape sequence in a
// double-quoted string, a doubled quote in a single-quoted one.
func (c *cursor) consume() {
	r := c.peek(0)
	switch {
	case c.vs.escapes && r == '\\':
		n := 2
		switch c.peek(1) {
		case 'u':
			n = 6
		case 'U':
			n = 10
		case 'x':
			n = 4
		}
		for range n {
			c.advance()
		}
	case c.vs.single && r == '\'' && c.peek(1) == '\'':
		c.advance()
		c.advance()
	default:
		c.advance()
	}
}
