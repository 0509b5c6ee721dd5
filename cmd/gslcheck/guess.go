package main

// Guessing where the elements of a JSON array end.
//
// Following every string and bracket of an array to split its elements
// took a fifth of the CPU of a run over a JSON array, on the reader's one
// goroutine. The reader of a JSON array file therefore splits elements at
// their line ends (inventory.Options.Speculate), as NDJSON is split, and
// marks them Guessed. The workers validate every document anyway: a
// guessed element that is a valid JSON object was split right, and one that
// is not is checked with inventory.ElementSplit. The first wrongly guessed
// element (in input order, as the writer meets it) ends its batch; the
// writer drops every batch read after it (they belong to an earlier epoch)
// and tells the reader, which reads the file again from that element
// without guessing (inventory.Options.Resume). At the end of such a file,
// the reader waits for the writer to reach a barrier batch, so that a
// wrong guess can never be found after the reader has moved on: the
// documents, positions and errors are those of reading without guessing.

import (
	"errors"
	"io"
	"os"

	"github.com/gsl-lang/gsl/inventory"
)

// control is the writer's answer to a reader that guesses: the guesses up
// to the barrier were right (resume nil), or resume was guessed wrong and
// must be read again, in batches numbered from seq, of epoch epoch.
type control struct {
	resume     *inventory.Entity
	seq, epoch int
}

// guessable reports whether rc, a regular file, is large enough for its
// elements to be guessed: at the end of a file whose elements were guessed
// the reader waits for the workers to evaluate them all, so a directory of
// small files would be read and evaluated one file at a time, and the
// splitting that guessing saves is small in a small file.
func (p *pipeline) guessable(rc io.Reader) bool {
	f, ok := rc.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Size() >= p.chunkMin()
}

// readGuessing reads the JSON array file r (that opts.Reread moves back)
// guessing where its elements end, and reading it again from any wrong
// guess the writer reports.
func (f *feeder) readGuessing(r io.Reader, name string, opts inventory.Options) error {
	f.guessing, f.guessed = true, false
	defer func() { f.guessing = false }()
	opts.Speculate = true
	emit := func(d inventory.Entity) error { return f.add(d, nil, false) }
	for {
		err := inventory.Read(r, name, opts, emit)
		if errors.Is(err, errStop) {
			return err
		}
		if !errors.Is(err, errRewind) {
			if err != nil {
				// The input error goes in the batches of this epoch.
				d := inventory.Entity{Origin: inventory.Origin{Input: name, Index: -1}}
				if ie, ok := err.(*inventory.InputError); ok {
					d.Line = ie.Line
				}
				if aerr := f.add(d, err, true); aerr != nil && !errors.Is(aerr, errRewind) {
					return aerr
				}
			}
			if f.rewind == nil && f.guessed {
				if werr := f.barrier(); werr != nil && !errors.Is(werr, errRewind) {
					return werr
				}
			}
			if f.rewind == nil {
				return nil // every guess was right
			}
		}
		// Read again from the wrong guess, without guessing: the
		// batches read after it are dropped by the writer.
		c := f.rewind
		f.rewind = nil
		f.seq, f.epoch = c.seq, c.epoch
		if f.cur != nil {
			f.cur.reset()
			f.free <- f.cur
			f.cur = nil
		}
		if err := opts.Reread(c.resume.Offset); err != nil {
			return &inventory.InputError{Input: name, Line: c.resume.Line, Msg: "reading again: " + err.Error()}
		}
		opts.Speculate, opts.Resume = false, c.resume
	}
}

// barrier hands on what has been read, then a barrier batch, and waits for
// the writer to reach it (nil) or to report a wrong guess (errRewind).
func (f *feeder) barrier() error {
	f.flush()
	if err := f.take(); err != nil {
		return err
	}
	f.cur.barrier = true
	f.jobCh <- f.cur
	f.cur = nil
	select {
	case c := <-f.ctl:
		if c.resume == nil {
			return nil
		}
		f.rewind = &c
		return errRewind
	case <-f.quit:
		return errStop
	}
}

// wrongGuess reports whether the document of b.outs[i], just evaluated,
// is a guessed element split otherwise than following its brackets splits
// it: b's outcomes then end before it, and b.wrong says where to read
// again.
func (p *pipeline) wrongGuess(b *docBatch, i int) bool {
	in := &b.ins[i]
	if !in.doc.Guessed || b.outs[i].err == nil || inventory.ElementSplit(in.doc.Data, p.read.MaxDocBytes) {
		return false
	}
	at := in.doc
	at.Data = nil
	b.wrong = &at
	b.outs = b.outs[:i]
	return true
}
