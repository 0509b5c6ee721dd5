package inventory

// This file keeps the bodies of the items in the join index (their
// configuration, supplementaryConfiguration, tags and relationships,
// compacted): the first indexMemory bytes in memory, the rest in a
// temporary file, read back for each use (configIndex.full). A snapshot
// with many networks then keeps only the items' envelopes and offsets in
// memory, not their JSON: the live heap stays well under the run's memory
// limit, where the collector would otherwise run almost continuously.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// indexMemory is how many bytes of indexed items' bodies are kept in
// memory before the rest goes to a temporary file.
var indexMemory = 8 << 20

// storedBody is where an indexed item's body is: in mem, or at off in the
// store's file; lens are the lengths of its four parts.
type storedBody struct {
	mem  []byte
	off  int64
	lens [4]uint32
}

// bodyStore holds the bodies of indexed items.
type bodyStore struct {
	memBytes int
	file     *os.File
	w        *bufio.Writer
	size     int64  // bytes written to file
	scratch  []byte // a body being compacted
	err      error  // the first failure to write or read the file
	interned map[string]string
}

// intern returns s, shared with earlier equal strings: indexed items
// repeat a few resource types, accounts, regions and statuses.
func (s *bodyStore) intern(v string) string {
	if s.interned == nil {
		s.interned = map[string]string{}
	}
	if w, ok := s.interned[v]; ok {
		return w
	}
	if len(s.interned) < 1<<12 {
		s.interned[v] = v
	}
	return v
}

// put stores the body of it (compacted) and drops its decoded and raw
// forms from it.
func (s *bodyStore) put(it *configItem) {
	b := s.scratch[:0]
	var lens [4]uint32
	var raw [4][]byte
	if it.raw != nil {
		raw = *it.raw
	}
	for i, part := range raw {
		n := len(b)
		var out bytes.Buffer
		if json.Compact(&out, part) == nil {
			b = append(b, out.Bytes()...)
		} else {
			b = append(b, part...)
		}
		lens[i] = uint32(len(b) - n)
	}
	s.scratch = b
	it.raw = nil
	it.conf, it.supp, it.tags, it.relationships = nil, nil, nil, nil
	it.resourceType, it.account, it.region, it.status = s.intern(it.resourceType), s.intern(it.account), s.intern(it.region), s.intern(it.status)
	it.body = &storedBody{lens: lens}
	if s.memBytes+len(b) <= indexMemory || s.err != nil {
		it.body.mem = bytes.Clone(b)
		s.memBytes += len(b)
		return
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "gsl-awsconfig-index-*")
		if err != nil {
			s.err = err
			it.body.mem = bytes.Clone(b)
			return
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 256<<10)
	}
	if _, err := s.w.Write(b); err != nil {
		s.err = err
	}
	it.body.off = s.size
	s.size += int64(len(b))
}

// get returns the raw parts of a stored body (tags, relationships,
// configuration, supplementaryConfiguration).
func (s *bodyStore) get(b *storedBody) (parts [4][]byte, ok bool) {
	if b == nil {
		return parts, true
	}
	n := 0
	for _, l := range b.lens {
		n += int(l)
	}
	data := b.mem
	if data == nil && n > 0 {
		if s.w.Buffered() > 0 {
			if err := s.w.Flush(); err != nil {
				s.err = err
				return parts, false
			}
		}
		data = make([]byte, n)
		if _, err := s.file.ReadAt(data, b.off); err != nil {
			s.err = err
			return parts, false
		}
	}
	for i, l := range b.lens {
		parts[i], data = data[:l], data[l:]
	}
	return parts, true
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
