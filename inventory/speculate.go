package inventory

// This file guesses where the elements of a top-level JSON array end, for
// a reader that would otherwise spend a fifth of a run's CPU following
// every string and bracket of the input on one goroutine (see
// Options.Speculate). Arrays written by tools mostly hold one element per
// line, and valid JSON has no line break inside a string, so the line an
// element starts is usually the element: finding the line's end costs a
// vectorised bytes.IndexByte. The caller validates each document anyway
// (in parallel); a guessed element that proves invalid is checked with
// ElementSplit, and only if the guess was wrong is the input read again
// from that element with Resume, as it would have been split.

import (
	"bytes"
	"io"
)

// guessElement splits the array element at the scanner at the end of its
// line, when the line starts with '{' and ends with '}' (perhaps followed
// by a comma and spaces) within the size limit and the buffer holds it
// whole: the element is emitted Guessed. The rest of the line is consumed
// with it, newline included, and comma reports whether it held the comma
// after the element. ok is false, with nothing consumed, when the line
// does not look so.
//
// Consuming the whole line leaves the scanner at the start of the next, so
// the element's characters need not be counted for the columns of what
// follows it on its line (see scanner.wide): nothing but the comma and
// white space does, and no position is taken there.
func (rd *docReader) guessElement(index int) (_ Entity, comma, ok bool) {
	sc := rd.sc
	if sc.capture || sc.discard {
		return Entity{}, false, false
	}
	b := sc.buf[sc.pos:sc.end]
	if len(b) == 0 || b[0] != '{' {
		return Entity{}, false, false
	}
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		sc.topUp()
		b = sc.buf[sc.pos:sc.end]
		if nl = bytes.IndexByte(b, '\n'); nl < 0 {
			return Entity{}, false, false
		}
	}
	e := trimLineEnd(b[:nl])
	if e > 0 && b[e-1] == ',' {
		e = trimLineEnd(b[:e-1])
		comma = true
	}
	if e < 2 || b[e-1] != '}' || e > rd.max {
		return Entity{}, false, false
	}
	v := b[:e:e]
	doc := Entity{Data: v, Origin: Origin{Input: rd.name, Line: sc.line, Col: sc.col(), Wide: sc.wide, Index: index, Kind: KindElem},
		Guessed: true, Offset: sc.off}
	if !rd.borrow {
		doc.Data = bytes.Clone(v)
	}
	sc.pos += nl + 1
	sc.off += int64(nl + 1)
	sc.line++
	sc.lineStart = sc.off
	sc.wide = 0
	return doc, comma, true
}

// trimLineEnd returns the length of line without the spaces, tabs and
// carriage returns that end it.
func trimLineEnd(line []byte) int {
	e := len(line)
	for e > 0 && (line[e-1] == ' ' || line[e-1] == '\t' || line[e-1] == '\r') {
		e--
	}
	return e
}

// topUp reads more input after the unconsumed bytes when they fill less
// than half the buffer, so that a value or line that starts near the
// buffer's end can be found whole.
func (s *scanner) topUp() {
	if n := s.end - s.pos; n < len(s.buf)/2 && s.readErr == nil {
		copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
		m, err := s.r.Read(s.buf[s.end:])
		s.end += m
		if err != nil {
			s.readErr = err
		}
	}
}

// ElementSplit reports whether data, an element emitted Guessed, is the
// element that following its strings and brackets finds, up to max bytes
// (Options.MaxDocBytes, 0 for the default): true for every valid JSON
// object, and for an invalid one whose guess was right all the same, so
// that reading it again would emit the same bytes. When it reports false,
// the input must be read again from the element (Options.Resume).
func ElementSplit(data []byte, max int) bool {
	if max <= 0 {
		max = DefaultMaxDocBytes
	}
	sc := &scanner{buf: data, end: len(data), line: 1, readErr: io.EOF}
	v, err := sc.value(max, true, nil)
	return err == nil && len(v) == len(data)
}

// resume reads the top-level array of r from the element opts.Resume, r
// being at its offset (see Options.Resume).
func resume(r io.Reader, name string, max int, opts Options, emit func(Entity) error) error {
	at := opts.Resume
	sc := newScanner(r)
	sc.off = at.Offset
	sc.line = at.Line
	sc.lineStart = at.Offset - int64(at.Col-1)
	sc.wide = at.Wide
	rd := &docReader{sc: sc, name: name, max: max, emit: emit, borrow: opts.Borrow, reread: opts.Reread}
	if err := rd.elementsFrom(']', "", KindElem, at.Index); err != nil {
		return err
	}
	return rd.trailing()
}
