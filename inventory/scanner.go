package inventory

// This file holds the byte scanner under the input readers: a buffered
// reader that counts lines, can capture what it consumes (to re-read a
// prefix), and splits one JSON value by tracking strings and brackets.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// stringStop and containerStop mark the bytes that matter inside a string
// and between tokens of an object or array.
var stringStop, containerStop [256]bool

func init() {
	for _, c := range "\"\\\n" {
		stringStop[c] = true
	}
	for _, c := range "\"{}[]:\n" {
		containerStop[c] = true
	}
	// UTF-8 continuation bytes stop the skipping too, to be counted for
	// character columns (see scanner.wide).
	for c := 0x80; c < 0xC0; c++ {
		stringStop[c], containerStop[c] = true, true
	}
}

// errTooLarge reports a document or line over the size limit.
var errTooLarge = errors.New("too large")

// scanner reads from r through a fixed buffer.
type scanner struct {
	r         io.Reader
	buf       []byte
	pos, end  int   // unconsumed bytes are buf[pos:end]
	line      int   // 1-based line of buf[pos]
	off       int64 // offset of buf[pos] in the input
	lineStart int64 // offset of the first byte of the current line
	// wide counts the UTF-8 continuation bytes that value has consumed
	// since lineStart: the next byte's column in characters (code points)
	// is col() - wide. Only value counts them; elsewhere, between
	// documents, JSON holds only ASCII.
	wide     int
	readErr  error // sticky error from r (io.EOF at the end)
	capture  bool  // when set, consumed bytes are appended to captured
	captured []byte
	// discard makes value keep nothing: it only finds where the value
	// ends (and its size against the limit), for an input that can be
	// read again from a known offset instead (see docReader.reread).
	discard bool
	// borrowing lets value return a value that the buffer holds whole
	// without copying it (see borrowValue).
	borrowing bool
	lineBuf   []byte // borrowLine's storage for lines longer than buf
}

const scanBufSize = 64 << 10

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, scanBufSize), line: 1}
}

// fill makes at least one unconsumed byte available, reporting false at the
// end of input or on a read error.
func (s *scanner) fill() bool {
	for s.pos == s.end {
		if s.readErr != nil {
			return false
		}
		n, err := s.r.Read(s.buf)
		s.pos, s.end = 0, n
		if err != nil {
			s.readErr = err
		}
	}
	return true
}

// ensure makes at least n unconsumed bytes available if the input has them.
func (s *scanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if s.readErr != nil {
			return false
		}
		if s.pos > 0 {
			copy(s.buf, s.buf[s.pos:s.end])
			s.end -= s.pos
			s.pos = 0
		}
		m, err := s.r.Read(s.buf[s.end:])
		s.end += m
		if err != nil {
			s.readErr = err
		}
	}
	return true
}

// consume marks the next n buffered bytes as read.
func (s *scanner) consume(n int) {
	if s.capture {
		s.captured = appendDoubling(s.captured, s.buf[s.pos:s.pos+n])
	}
	s.pos += n
	s.off += int64(n)
}

// appendDoubling is append with a capacity that doubles as it grows, where
// append grows large slices by a quarter: a document of many megabytes is
// then copied a few times instead of a few dozen, and each copy, which
// the garbage collector must wait for, is shorter in total.
func appendDoubling(dst, b []byte) []byte {
	if len(dst)+len(b) > cap(dst) {
		grown := make([]byte, len(dst), max(2*cap(dst), len(dst)+len(b), 4<<10))
		copy(grown, dst)
		dst = grown
	}
	return append(dst, b...)
}

// col returns the 1-based byte column of the next byte.
func (s *scanner) col() int { return int(s.off-s.lineStart) + 1 }

// advance consumes n bytes that hold no newline.
func (s *scanner) advance(n int) { s.consume(n) }

// unread returns a copy of the buffered bytes not yet consumed.
func (s *scanner) unread() []byte {
	return append([]byte(nil), s.buf[s.pos:s.end]...)
}

// peek returns the next byte without consuming it.
func (s *scanner) peek() (byte, bool) {
	if !s.fill() {
		return 0, false
	}
	return s.buf[s.pos], true
}

// ioErr reports a read error other than the end of input.
func (s *scanner) ioErr(name string) error {
	if s.readErr != nil && s.readErr != io.EOF {
		return &InputError{Input: name, Line: s.line, Msg: fmt.Sprintf("read error: %v", s.readErr)}
	}
	return nil
}

// gzipped reports whether the input starts with gzip's magic number.
func (s *scanner) gzipped() bool {
	s.ensure(2)
	b := s.buf[s.pos:s.end]
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// skipBOM drops a UTF-8 byte order mark and rejects UTF-16 input.
func (s *scanner) skipBOM(name string) error {
	s.ensure(3)
	b := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		s.consume(3)
		s.wide = 2 // the mark is one character
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}), bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return &InputError{Input: name, Line: 1, Msg: "UTF-16 input is not supported; convert it to UTF-8"}
	}
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// isDelim reports whether c ends a bare scalar.
func isDelim(c byte) bool { return isSpace(c) || c == ',' || c == ']' || c == '}' }

// skipSpace consumes JSON whitespace.
func (s *scanner) skipSpace() {
	for s.fill() {
		i := s.pos
		for i < s.end && isSpace(s.buf[i]) {
			if s.buf[i] == '\n' {
				s.line++
				s.lineStart = s.off + int64(i-s.pos) + 1
				s.wide = 0
			}
			i++
		}
		n := i - s.pos
		s.consume(n)
		if s.pos < s.end {
			return
		}
	}
}

// borrowLine returns the next line without its '\n' (a final line without
// a newline counts), or io.EOF when no bytes remain. A line over max bytes
// gives errTooLarge: with skipOverflow the rest of the line is consumed
// (without being kept), otherwise reading stops at the limit. The bytes
// may alias the scanner's buffer: they are valid only until the next call
// on s. A line that fits in the buffer is not copied.
func (s *scanner) borrowLine(max int, skipOverflow bool) ([]byte, error) {
	if !s.fill() {
		return nil, io.EOF
	}
	// Fast path: the whole line is (or can be brought) into the buffer.
	searched := 0
	for {
		chunk := s.buf[s.pos:s.end]
		if i := bytes.IndexByte(chunk[searched:], '\n'); i >= 0 {
			n := searched + i
			if n > max {
				break
			}
			line := chunk[:n:n]
			s.consume(n + 1)
			s.line++
			s.lineStart = s.off
			s.wide = 0
			return line, nil
		}
		searched = len(chunk)
		if searched > max || s.readErr != nil || (s.pos == 0 && s.end == len(s.buf)) {
			break
		}
		// Move the partial line to the front and read more after it.
		if s.pos > 0 {
			copy(s.buf, chunk)
			s.end -= s.pos
			s.pos = 0
		}
		m, err := s.r.Read(s.buf[s.end:])
		s.end += m
		if err != nil {
			s.readErr = err
		}
	}
	if s.readErr != nil && s.end-s.pos <= max && !s.capture {
		// The last line, without a newline.
		line := s.buf[s.pos:s.end:s.end]
		s.consume(len(line))
		return line, nil
	}
	// Slow path: a line longer than the buffer (or the limit).
	out := s.lineBuf[:0]
	err := s.lineParts(max, skipOverflow, func(part []byte) { out = append(out, part...) })
	s.lineBuf = out[:0]
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lineParts consumes the next line, up to and including its '\n' (or the
// end of input), and calls part with each piece of it, in order, as the
// buffer holds it. A line over max bytes gives errTooLarge: with
// skipOverflow the rest of the line is consumed without calls to part,
// otherwise reading stops at the limit. What part was given of such a line
// is not the whole line.
func (s *scanner) lineParts(max int, skipOverflow bool, part func([]byte)) error {
	size := 0
	for s.fill() {
		chunk := s.buf[s.pos:s.end]
		i := bytes.IndexByte(chunk, '\n')
		n := len(chunk)
		if i >= 0 {
			n = i
		}
		if size+n > max {
			if !skipOverflow {
				s.consume(max - size)
				return errTooLarge
			}
			size = max + 1
		} else {
			part(chunk[:n])
			size += n
		}
		if i >= 0 {
			s.consume(n + 1)
			s.line++
			s.lineStart = s.off
			s.wide = 0
			break
		}
		s.consume(n)
	}
	if size > max {
		return errTooLarge
	}
	return nil
}

// lineIsObject consumes the next line, up to and including its '\n', and
// reports whether it starts with '{' and ends with '}' once spaces are
// trimmed (ASCII spaces, as bytes.TrimSpace has them). It keeps nothing of
// the line, however long. A line over max bytes gives errTooLarge, with
// reading stopped at the limit.
func (s *scanner) lineIsObject(max int) (bool, error) {
	var first, last byte
	seen := false
	err := s.lineParts(max, false, func(p []byte) {
		p = bytes.TrimRight(p, asciiSpace)
		if len(p) == 0 {
			return
		}
		if !seen {
			first, seen = bytes.TrimLeft(p, asciiSpace)[0], true
		}
		last = p[len(p)-1]
	})
	if err != nil {
		return false, err
	}
	return first == '{' && last == '}', nil
}

// asciiSpace is the ASCII white space that bytes.TrimSpace trims.
const asciiSpace = "\t\n\v\f\r "

// value consumes one JSON value and returns its bytes. Objects and arrays
// are followed through strings and brackets (mismatched brackets are
// errors); strings end at their closing quote; anything else ends at a
// delimiter (',', ']', '}', whitespace) or at the end of input, and is left
// for later validation. A value over max bytes gives errTooLarge: with
// skipOverflow the rest of the value is consumed, otherwise reading stops
// at the limit. With an error, what was read of the value before it is
// returned too (except past a skipped overflow or too deep a nesting), so
// that a caller can read it again without keeping a copy. onMember, if not nil, is called with the first byte of each
// member value of a top-level object.
func (s *scanner) value(max int, skipOverflow bool, onMember func(byte)) ([]byte, error) {
	if !s.fill() {
		return nil, s.eofErr()
	}
	startLine, startCol := s.line, s.col()
	var (
		out       []byte
		size      int
		overflow  bool
		stack     []byte // open brackets
		inString  bool
		escaped   bool
		bare      bool // a scalar that is not a string
		started   bool
		memberVal bool // after ':' at depth 1 of an object, before the value
		finished  bool
		// Levels beyond maxNesting are only counted (deep), so that the
		// value can be skipped and reading go on; tooDeep says where the
		// first of them opened.
		deep    int
		tooDeep error
	)
	keep := func(b []byte) error {
		size += len(b)
		if overflow {
			return nil
		}
		if size > max {
			if !skipOverflow {
				return errTooLarge
			}
			overflow, out = true, nil
			return nil
		}
		if !s.discard {
			out = appendDoubling(out, b)
		}
		return nil
	}
	for s.fill() {
		chunk := s.buf[s.pos:s.end]
		done := false
		var fail error
		i := 0
		stopAt := len(chunk)
		if !skipOverflow && max-size < stopAt {
			stopAt = max - size // stop exactly at the limit
		}
	scan:
		for ; i < len(chunk); i++ {
			if started && !bare && !memberVal && !escaped {
				// Skip bytes that cannot change the state.
				tbl := &containerStop
				if inString {
					tbl = &stringStop
				}
				for i < stopAt && !tbl[chunk[i]] {
					i++
				}
				if i == len(chunk) {
					break
				}
			}
			if i == stopAt {
				fail = errTooLarge
				break scan
			}
			c := chunk[i]
			if c&0xC0 == 0x80 {
				s.wide++
			}
			if !started {
				started = true
				switch c {
				case '{', '[':
					stack = append(stack, c)
				case '"':
					inString = true
				default:
					if isDelim(c) {
						// An empty value: leave the delimiter.
						done = true
						break scan
					}
					bare = true
				}
				continue
			}
			if c == '\n' {
				if bare {
					done = true
					break scan
				}
				s.line++
				s.lineStart = s.off + int64(i) + 1
				s.wide = 0
				escaped = false
				continue
			}
			switch {
			case inString:
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
					if len(stack) == 0 {
						i++
						done = true
						break scan
					}
				}
			case bare:
				if isDelim(c) {
					done = true
					break scan
				}
			default:
				if memberVal && !isSpace(c) {
					memberVal = false
					onMember(c)
				}
				switch c {
				case '"':
					inString = true
				case '{', '[':
					if len(stack) >= maxNesting {
						if tooDeep == nil {
							col := int(s.off+int64(i)-s.lineStart) + 1
							tooDeep = &nestingError{line: s.line, col: col}
						}
						deep++
						continue
					}
					stack = append(stack, c)
				case '}', ']':
					if deep > 0 {
						deep--
						continue
					}
					open := stack[len(stack)-1]
					if (open == '{') != (c == '}') {
						col := int(s.off+int64(i)-s.lineStart) + 1
						fail = fmt.Errorf("unexpected %q at line %d, column %d (%q opened before it is not closed)", c, s.line, col, open)
						break scan
					}
					stack = stack[:len(stack)-1]
					if len(stack) == 0 {
						i++
						done = true
						break scan
					}
				case ':':
					if onMember != nil && len(stack) == 1 && stack[0] == '{' {
						memberVal = true
					}
				}
			}
		}
		var err error
		if s.borrowing && done && size == 0 && fail == nil && !s.discard && i <= max {
			// The whole value is in the buffer: lend it, uncopied.
			out, size = chunk[:i:i], i
		} else {
			err = keep(chunk[:i])
		}
		s.consume(i)
		if err != nil {
			return out, err
		}
		if fail != nil {
			return out, fail
		}
		if done {
			finished = true
			break
		}
	}
	if !finished && (inString || len(stack) > 0) {
		te := &truncatedError{line: startLine, col: startCol}
		if err := s.readErr; err != nil && err != io.EOF {
			te.readErr = err
		}
		return out, te
	}
	if overflow {
		return nil, errTooLarge
	}
	if tooDeep != nil {
		return nil, tooDeep
	}
	return out, nil
}

// borrowValue is value for a caller that is done with the bytes before
// its next call on s: a value that the buffer holds whole is returned
// without being copied. Less than half a buffer left is topped up first,
// so that most values of an array of small documents are found whole.
func (s *scanner) borrowValue(max int, skipOverflow bool) ([]byte, error) {
	if v, ok := s.bufferedContainer(max); ok {
		return v, nil
	}
	s.topUp()
	if v, ok := s.bufferedContainer(max); ok {
		return v, nil
	}
	s.borrowing = true
	defer func() { s.borrowing = false }()
	return s.value(max, skipOverflow, nil)
}

// bufferedContainer is value's fast path for an object or array that the
// buffer holds whole, within max bytes, well formed as far as strings and
// brackets go, and nested no deeper than maxNesting: it finds the end with
// bytes.IndexByte over strings, consumes the value, keeps the line, line
// start and character count that value would, and returns the value
// uncopied. Anything else (ok false) is left to value, which words the
// errors.
func (s *scanner) bufferedContainer(max int) (_ []byte, ok bool) {
	b := s.buf[s.pos:s.end]
	if len(b) == 0 || (b[0] != '{' && b[0] != '[') || s.capture || s.discard {
		return nil, false
	}
	var stack [64]byte // deeper values go to value
	depth := 0
	end := -1
scan:
	for i := 0; i < len(b) && i < max; i++ {
		switch c := b[i]; c {
		case '"':
			for {
				// Most strings are short: look at a few bytes before
				// paying for IndexByte's call.
				j := i + 1
				for j < len(b) && j < i+16 && b[j] != '"' {
					j++
				}
				if j == len(b) {
					return nil, false
				}
				if b[j] != '"' {
					k := bytes.IndexByte(b[j:], '"')
					if k < 0 {
						return nil, false
					}
					j += k
				}
				i = j
				// The quote ends the string unless an odd number of
				// backslashes precedes it.
				k := i - 1
				for b[k] == '\\' {
					k--
				}
				if (i-1-k)%2 == 0 {
					break
				}
			}
		case '{', '[':
			if depth == len(stack) {
				return nil, false
			}
			stack[depth] = c
			depth++
		case '}', ']':
			if depth == 0 || (stack[depth-1] == '{') != (c == '}') {
				return nil, false
			}
			depth--
			if depth == 0 {
				end = i + 1
				break scan
			}
		}
	}
	if end < 0 || end > max {
		return nil, false
	}
	v := b[:end:end]
	// IndexByte is vectorised, LastIndexByte is not: ask first whether
	// there is a newline at all (a minified document has none).
	if bytes.IndexByte(v, '\n') >= 0 {
		nl := bytes.LastIndexByte(v, '\n')
		s.line += bytes.Count(v, []byte{'\n'})
		s.lineStart = s.off + int64(nl) + 1
		s.wide = continuationBytes(v[nl+1:])
	} else {
		s.wide += continuationBytes(v)
	}
	s.pos += end
	s.off += int64(end)
	return v, true
}

// continuationBytes counts the UTF-8 continuation bytes of b (see
// scanner.wide).
func continuationBytes(b []byte) int {
	// ASCII, eight bytes at a time, has none.
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	n := 0
	for _, c := range b[i:] {
		if c&0xC0 == 0x80 {
			n++
		}
	}
	return n
}

// truncatedError reports a string, object or array that the input ended
// inside of (readErr set when a read error ended it).
type truncatedError struct {
	line, col int // where the value starts
	readErr   error
}

func (e *truncatedError) Error() string {
	if e.readErr != nil {
		return fmt.Sprintf("read error: %v", e.readErr)
	}
	return fmt.Sprintf("unexpected end of input in the value started at line %d, column %d", e.line, e.col)
}

// nestingError reports a value nested deeper than maxNesting: the value
// has been skipped whole, so reading can go on after it.
type nestingError struct{ line, col int }

func (e *nestingError) Error() string {
	return fmt.Sprintf("document nested deeper than %d levels (line %d, column %d)", maxNesting, e.line, e.col)
}

func (s *scanner) eofErr() error {
	if s.readErr != nil && s.readErr != io.EOF {
		return fmt.Errorf("read error: %v", s.readErr)
	}
	return io.ErrUnexpectedEOF
}

// unquote decodes a JSON string literal.
func unquote(raw []byte) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", err
	}
	return s, nil
}
