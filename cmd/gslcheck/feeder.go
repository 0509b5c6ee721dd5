package main

// This file is the pipeline's reader goroutine: it splits the inputs into
// documents and hands them to the workers in batches (see pipeline.go).

import (
	"bytes"
	"errors"

	"github.com/gsl-lang/gsl/inventory"
)

// feeder is the state of the pipeline's reader goroutine.
type feeder struct {
	p     *pipeline
	free  chan *docBatch // batches to fill
	jobCh chan *docBatch // to the workers
	quit  chan struct{}  // closed when the run stops
	// ctl is how the writer answers a reader that guesses where array
	// elements end (see guess.go).
	ctl      chan control
	guessing bool     // reading an input whose elements may be guessed
	guessed  bool     // some were
	rewind   *control // a wrong guess the writer reported, to act on
	seq      int      // the next batch's sequence number
	epoch    int      // see docBatch.epoch
	cur      *docBatch
}

// errRewind stops a reading whose guesses the writer found wrong.
var errRewind = errors.New("rewind")

// run reads every source, then closes jobCh.
func (f *feeder) run(sources []source) {
	defer close(f.jobCh)
	defer f.flush()
	for _, src := range sources {
		err := f.p.readSource(f, src)
		if errors.Is(err, errStop) {
			return
		}
		if err != nil {
			d := inventory.Entity{Origin: inventory.Origin{Input: src.name, Index: -1}}
			var ie *inventory.InputError
			if errors.As(err, &ie) {
				d.Line = ie.Line
			}
			if f.add(d, err, true) != nil {
				return
			}
		}
	}
}

// take starts a new batch. It returns errStop when the run stops, and
// errRewind when, guessing, the writer reports a wrong guess.
func (f *feeder) take() error {
	select {
	case f.cur = <-f.free:
		f.cur.seq, f.cur.epoch = f.seq, f.epoch
		f.seq++
		return nil
	case c := <-f.ctl:
		f.rewind = &c
		return errRewind
	case <-f.quit:
		return errStop
	}
}

// flush hands the current batch, if it holds anything, to the workers.
func (f *feeder) flush() {
	if f.cur != nil && len(f.cur.ins) > 0 {
		f.jobCh <- f.cur
		f.cur = nil
	}
}

// add appends d (with the error that stopped its input, when whole) to the
// current batch, copying its bytes, which the input reader lends.
func (f *feeder) add(d inventory.Entity, err error, whole bool) error {
	if f.guessing {
		f.guessed = f.guessed || d.Guessed
		select {
		case c := <-f.ctl:
			f.rewind = &c
			return errRewind
		default:
		}
	}
	cur := f.cur
	if cur != nil && len(cur.text0)+len(d.Data) > cap(cur.text0) {
		// Keep each batch's text in one buffer, sized to what
		// batches need.
		cur.grow = cap(cur.text0) < batchText
		f.flush()
	}
	if f.cur == nil {
		if err := f.take(); err != nil {
			return err
		}
	}
	cur = f.cur
	// The reader's bytes are borrowed: copy them into the batch
	// (or, for a large document, into a buffer of its own).
	switch {
	case d.Data == nil:
	case len(cur.text0)+len(d.Data) <= cap(cur.text0):
		n := len(cur.text0)
		cur.text0 = append(cur.text0, d.Data...)
		d.Data = cur.text0[n:len(cur.text0):len(cur.text0)]
	default:
		d.Data = bytes.Clone(d.Data)
	}
	cur.add(d, err, whole)
	if len(cur.ins) >= batchDocs || cur.bytes >= batchBytes {
		f.flush()
	}
	return nil
}

// chunks hands the chunks of cf to the workers, each in a ticket that the
// worker exchanges for a batch of its own.
func (f *feeder) chunks(cf *chunkFile) error {
	f.flush()
	jobs := cf.jobs(f.p.chunkSize())
	for i := range jobs {
		select {
		case f.jobCh <- &docBatch{seq: f.seq, epoch: f.epoch, chunk: &jobs[i]}:
			f.seq++
		case <-f.quit:
			// Stopping: the chunks not handed on are not read.
			for range len(jobs) - i {
				cf.done()
			}
			return errStop
		}
	}
	return nil
}
