package report

// This file holds the bounded spill that lets the text and JUnit reports
// group records by rule without holding them: each group's text is kept
// in memory up to a bound, then appended to a temporary file, and read
// back group by group at the end.

import (
	"bytes"
	"io"
	"os"
)

// Spill bounds: a group's buffer goes to the file at spillGroupBytes, and
// every buffer does once they hold spillTotalBytes together.
const (
	spillGroupBytes = 64 << 10
	spillTotalBytes = 16 << 20
)

// spill keeps the text of numbered groups, in the order it was added.
type spill struct {
	bufs  [][]byte
	segs  [][]spillSegment
	held  int // bytes in bufs
	f     *os.File
	off   int64
	err   error // the first write error: later adds are dropped, finish reports it
	limit int   // spillTotalBytes, lowered by tests

	unlinked bool // the file was removed while open
}

// spillSegment is a range of the spill file.
type spillSegment struct {
	off int64
	n   int
}

func newSpill(groups int) *spill {
	return &spill{bufs: make([][]byte, groups), segs: make([][]spillSegment, groups), limit: spillTotalBytes}
}

// add appends b to group g.
func (s *spill) add(g int, b []byte) {
	s.commit(g, append(s.appendTo(g), b...))
}

// appendTo returns group g's buffer for the caller to append to and hand
// back with commit, so that text is written in place, not copied in.
func (s *spill) appendTo(g int) []byte { return s.bufs[g] }

// commit takes back group g's buffer, b, grown from what appendTo gave,
// and moves buffers to the file when they hold more than the bounds.
func (s *spill) commit(g int, b []byte) {
	s.held += len(b) - len(s.bufs[g])
	s.bufs[g] = b
	switch {
	case len(s.bufs[g]) >= min(spillGroupBytes, s.limit):
		s.flush(g)
	case s.held >= s.limit:
		for i := range s.bufs {
			s.flush(i)
		}
	}
}

// flush moves group g's buffer to the file.
func (s *spill) flush(g int) {
	b := s.bufs[g]
	if len(b) == 0 || s.err != nil {
		return
	}
	if s.f == nil {
		s.f, s.err = os.CreateTemp("", "gslcheck-report-*")
		if s.err != nil {
			return
		}
		// Unlinked at once where an open file can be (Unix): nothing is
		// left behind even on a crash. Elsewhere close removes it.
		s.unlinked = os.Remove(s.f.Name()) == nil
	}
	if _, err := s.f.WriteAt(b, s.off); err != nil {
		s.err = err
		return
	}
	s.segs[g] = append(s.segs[g], spillSegment{s.off, len(b)})
	s.off += int64(len(b))
	s.held -= len(b)
	s.bufs[g] = b[:0]
	if cap(b) > spillGroupBytes*2 {
		s.bufs[g] = nil
	}
}

// writeTo copies group g's text to w, in the order it was added.
func (s *spill) writeTo(w io.Writer, g int) error {
	if s.err != nil {
		return s.err
	}
	for _, seg := range s.segs[g] {
		if _, err := io.Copy(w, io.NewSectionReader(s.f, seg.off, int64(seg.n))); err != nil {
			return err
		}
	}
	_, err := w.Write(s.bufs[g])
	return err
}

// reader returns group g's text as one stream.
func (s *spill) reader(g int) io.Reader {
	rs := make([]io.Reader, 0, len(s.segs[g])+1)
	for _, seg := range s.segs[g] {
		rs = append(rs, io.NewSectionReader(s.f, seg.off, int64(seg.n)))
	}
	return io.MultiReader(append(rs, bytes.NewReader(s.bufs[g]))...)
}

// close removes the spill file.
func (s *spill) close() {
	if s.f != nil {
		s.f.Close()
		if !s.unlinked {
			os.Remove(s.f.Name())
		}
		s.f = nil
	}
}
