package inventory

// This file keeps the items of the join index (configIndex): each one's
// text as read, the first indexMemory bytes in memory and the rest in a
// temporary file, decoded again for each use (configIndex.full). What stays
// in memory per item is its id, its origin and where its text is (a
// storedItem); the maps of the index hold those. A snapshot with many
// networks then keeps neither the items' JSON nor their decoded forms in
// memory: the live heap stays well under the run's memory limit, where the
// collector would otherwise run almost continuously.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unsafe"
)

// indexMemory is how many bytes of indexed items' text are kept in memory
// before the rest goes to a temporary file: enough for the network and
// account items of most inputs, little against the run's memory limit (see
// heldMemory).
var indexMemory = 2 << 20

// storedItem is an indexed item: its id, where its text is, and where it
// was read (its Origin but for Input and Resource, which the converter and
// the item give back: there may be a storedItem for every tenth item).
type storedItem struct {
	id               string
	text             textRef
	key              string
	line, col, index int
	wide             int32
	kind             Kind
}

// origin is the Origin of st, read from input, without its Resource.
func (st *storedItem) origin(input string) Origin {
	return Origin{Input: input, Line: st.line, Col: st.col, Wide: int(st.wide), Index: st.index, Key: st.key, Kind: st.kind}
}

// textRef is where a text of the store is: in mem, or n bytes at off in
// the store's file.
type textRef struct {
	mem string
	off int64
	n   int
}

// bodyStore holds the text of indexed items and of the documents kept for
// embedding.
type bodyStore struct {
	memBytes int
	file     *os.File
	w        *bufio.Writer
	size     int64 // bytes written to file
	err      error // the first failure to write or read the file
}

// put stores it, read from text, and returns where it is.
func (s *bodyStore) put(it *configItem, text string) *storedItem {
	o := it.origin
	return &storedItem{id: it.id, text: s.putText(text), key: o.Key, line: o.Line, col: o.Col, index: o.Index, wide: int32(o.Wide), kind: o.Kind}
}

// putText stores text and returns where it is.
func (s *bodyStore) putText(text string) textRef {
	r := textRef{n: len(text)}
	if s.memBytes+len(text) <= indexMemory || s.err != nil {
		r.mem = strings.Clone(text)
		s.memBytes += len(text)
		return r
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "gsl-awsconfig-index-*")
		if err != nil {
			s.err = err
			r.mem = strings.Clone(text)
			return r
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 256<<10)
	}
	if _, err := s.w.WriteString(text); err != nil {
		s.err = err
	}
	r.off = s.size
	s.size += int64(len(text))
	return r
}

// get returns a stored text.
func (s *bodyStore) get(r textRef) (string, bool) {
	if r.mem != "" || r.n == 0 {
		return r.mem, true
	}
	if s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil {
			s.err = err
			return "", false
		}
	}
	data := make([]byte, r.n)
	if _, err := s.file.ReadAt(data, r.off); err != nil {
		s.err = err
		return "", false
	}
	// data is not written again: the string shares it rather than copy
	// it, which halves what reading back allocates (a text is read back
	// for each use of its item, so the finish of a large snapshot
	// allocates mostly here and in decoding).
	return unsafe.String(unsafe.SliceData(data), len(data)), true
}

// doc returns a stored document as JSON ("null" when the store failed,
// which ends the input with an error).
func (s *bodyStore) doc(r textRef) json.RawMessage {
	if t, ok := s.get(r); ok {
		return json.RawMessage(t)
	}
	return json.RawMessage("null")
}

// failure is the store's first failure, as an input error.
func (s *bodyStore) failure(input string) error {
	if s.err == nil {
		return nil
	}
	return &InputError{Input: input, Msg: fmt.Sprintf("keeping items for joining: %v", s.err)}
}

// close removes the temporary file, if any.
func (s *bodyStore) close() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
		s.file = nil
	}
}
