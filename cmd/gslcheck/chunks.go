package main

// Reading an NDJSON file in parallel.
//
// With several workers, a regular NDJSON file is not split by the reader:
// it is cut into byte ranges (chunks), and the worker that takes a chunk
// reads it with pread into a batch of its own and splits it into lines
// there. The documents' bytes are then written and read on one core: when
// the reader copied them and a worker on the other core read them, every
// byte of the input crossed between the cores' caches, which cost about a
// tenth of the CPU of a two-core run. For the same reason each worker reads
// its chunks into batches of its own (the writer hands them back to it), so
// that a batch's buffers do not move from core to core as batches are
// reused.
//
// A chunk holds the lines that start in its range, the last of them read to
// its end past the range; the next chunk skips that line's rest. Line
// numbers need the lines of every earlier chunk, so a worker counts its
// chunk's lines first, then takes its first line's number from the chunk
// before (firstLine): the wait is for a chunk taken earlier, whose count is
// ready well before its documents are evaluated.
//
// The documents and errors are those inventory.Read gives for the same file, in
// the same order, with the same lines and columns (TestChunksMatchReadDocs).

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/gsl-lang/gsl/inventory"
)

// chunkSize is the size of the ranges the workers read: smaller than a
// batch of the reader, so that a worker's batches stay in its core's cache
// (256 KB measured a little faster than 512 KB on two cores, 128 KB slower).
const chunkSize = 256 << 10

// chunkFile is an NDJSON file being read in chunks.
type chunkFile struct {
	f    *os.File
	name string
	size int64
	max  int // the longest line kept, in bytes

	// Line numbering: next is the chunk whose first line is numbered
	// line; chunks report their line counts in order.
	mu   sync.Mutex
	cond sync.Cond
	next int
	line int

	left     atomic.Int32 // chunks not read yet; the last one closes f
	progress *progress
}

// chunkJob is one chunk: the lines of f that start in [start, end).
type chunkJob struct {
	file       *chunkFile
	index      int
	start, end int64
}

// chunked returns rc as a chunkFile when it can be read in chunks: a
// regular NDJSON file of at least four chunks (below that, splitting it in
// one place costs nothing worth saving) that does not start with a byte
// order mark (which inventory.Read deals with) and, unless NDJSON was
// asked for, does not hold AWS Config items or gzip (which inventory.Read
// converts).
func (p *pipeline) chunked(rc io.ReadCloser, name string) (*chunkFile, bool) {
	f, ok := rc.(*os.File)
	if !ok || p.jobs < 2 || !inventory.IsNDJSON(name, p.read.Format) {
		return nil, false
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < p.chunkMin() {
		return nil, false
	}
	head := make([]byte, 64<<10)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	switch {
	case n > 0 && (head[0] == 0xEF || head[0] == 0xFE || head[0] == 0xFF):
		return nil, false
	case n >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return nil, false // gzip: inventory.Read decompresses it
	case p.read.Format != inventory.FormatNDJSON && inventory.IsAWSConfig(head):
		return nil, false // AWS Config items: inventory.Read converts them
	}
	max := p.read.MaxDocBytes
	if max <= 0 {
		max = inventory.DefaultMaxDocBytes
	}
	cf := &chunkFile{f: f, name: name, size: fi.Size(), max: max, line: 1, progress: p.progress}
	cf.cond.L = &cf.mu
	return cf, true
}

// chunkSize is the size of the chunks of p's files.
func (p *pipeline) chunkSize() int64 {
	if p.chunkBytes > 0 {
		return int64(p.chunkBytes)
	}
	return chunkSize
}

// chunkMin is the size of the smallest file p reads in chunks.
func (p *pipeline) chunkMin() int64 { return 4 * p.chunkSize() }

// jobs cuts cf into chunks.
func (cf *chunkFile) jobs(size int64) []chunkJob {
	n := int((cf.size + size - 1) / size)
	cf.left.Store(int32(n))
	jobs := make([]chunkJob, n)
	for i := range jobs {
		jobs[i] = chunkJob{file: cf, index: i, start: int64(i) * size, end: min(int64(i+1)*size, cf.size)}
	}
	return jobs
}

// firstLine waits until the chunks before chunk k have counted their lines
// and returns the number of k's first line, recording that k holds n.
func (cf *chunkFile) firstLine(k, n int) int {
	cf.mu.Lock()
	defer cf.mu.Unlock()
	for cf.next != k {
		cf.cond.Wait()
	}
	first := cf.line
	cf.line += n
	cf.next++
	cf.cond.Broadcast()
	return first
}

// done records that a chunk has been read, closing the file after the last.
func (cf *chunkFile) done() {
	if cf.left.Add(-1) == 0 {
		cf.f.Close()
	}
}

// skip lets chunk j go unread, when the run stops: the chunks after it
// still get their first line (their workers wait for it).
func (j *chunkJob) skip() {
	j.file.firstLine(j.index, 0)
	j.file.done()
}

// read fills b with the documents of chunk j, their bytes in b.text0.
func (j *chunkJob) read(b *docBatch) {
	cf := j.file
	defer cf.done()
	lines, err := j.split(b)
	first := cf.firstLine(j.index, lines)
	for i := range b.ins {
		b.ins[i].doc.Line += first - 1
	}
	if err != nil {
		// The line the read failed in.
		b.add(inventory.Entity{Origin: inventory.Origin{Input: cf.name, Line: first + lines, Index: -1}}, &inventory.InputError{Input: cf.name, Line: first + lines, Msg: err.Error()}, true)
	}
	if cf.progress != nil {
		cf.progress.bytes.Add(j.end - j.start)
	}
}

// split adds the documents of chunk j to b, numbering lines from 1, and
// returns how many lines start in the chunk (blank ones and those over the
// size limit included).
func (j *chunkJob) split(b *docBatch) (lines int, err error) {
	cf := j.file
	// Read the chunk from the byte before it, and a little past it, where
	// its last line ends. The line that holds the byte before the chunk
	// belongs to an earlier chunk: lines start after the first newline
	// from there, and none does when that newline is not in the chunk (a
	// long line is read once, by the chunk it starts in).
	first := max(j.start-1, 0) // the file offset of buf[0]
	want := int(j.end-first) + 4<<10
	buf := b.text0[:0]
	if cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	buf, eof, err := cf.readMore(buf, first, want)
	if err != nil {
		return 0, err
	}
	pos := 0 // where the current line starts in buf (file offset first+pos)
	if j.start > 0 {
		i := bytes.IndexByte(buf[:min(len(buf), int(j.end-first))], '\n')
		if i < 0 {
			b.text0 = buf
			return 0, nil // no line starts here
		}
		pos = i + 1
	}
	for first+int64(pos) < j.end {
		if pos >= len(buf) && eof {
			break // the file is shorter than it was
		}
		rest := buf[pos:]
		i := bytes.IndexByte(rest, '\n')
		for i < 0 && !eof && len(rest) <= cf.max {
			// The chunk's last line goes on past what was read.
			buf, eof, err = cf.readMore(buf, first+int64(len(buf)), max(len(rest), 64<<10))
			if err != nil {
				return lines, err
			}
			rest = buf[pos:]
			i = bytes.IndexByte(rest, '\n')
		}
		lines++
		var raw []byte
		switch {
		case i >= 0 && i <= cf.max:
			raw, pos = rest[:i], pos+i+1
		case i < 0 && eof && len(rest) <= cf.max:
			raw, pos = rest, len(buf) // the last line, without a newline
		default:
			// Over the limit: an error record, and the rest of the line
			// is skipped without being kept.
			b.add(inventory.Entity{Err: fmt.Errorf("line longer than %d bytes", cf.max), Origin: inventory.Origin{Input: cf.name, Line: lines, Kind: inventory.KindLine, Index: -1}}, nil, false)
			if i >= 0 {
				pos += i + 1
				continue
			}
			// The line runs past the chunk (what was read covers it), so
			// no other line starts here; the next chunk skips its rest.
			b.text0 = buf
			return lines, nil
		}
		data := bytes.TrimSpace(raw)
		if len(data) == 0 {
			continue
		}
		col := 1 + len(raw) - len(bytes.TrimLeft(raw, " \t\r\n"))
		b.add(inventory.Entity{Data: data[:len(data):len(data)], Origin: inventory.Origin{Input: cf.name, Line: lines, Col: col, Kind: inventory.KindLine, Index: -1}}, nil, false)
	}
	b.text0 = buf
	return lines, nil
}

// readMore appends to buf up to n bytes of the file from offset off, and
// reports whether the file ends there.
func (cf *chunkFile) readMore(buf []byte, off int64, n int) ([]byte, bool, error) {
	if len(buf)+n > cap(buf) {
		grown := make([]byte, len(buf), 2*cap(buf)+n)
		copy(grown, buf)
		buf = grown
	}
	m, err := cf.f.ReadAt(buf[len(buf):len(buf)+n], off)
	buf = buf[:len(buf)+m]
	switch {
	case err == io.EOF:
		return buf, true, nil
	case err != nil:
		return buf, false, err
	}
	return buf, off+int64(m) >= cf.size, nil
}
