package main

// This file runs documents through a rule set: one reader goroutine splits
// the inputs into batches of documents, N workers evaluate the batches (and
// may render their records), and the caller's goroutine receives the
// batches in input order. At most `window` batches are in flight, so memory
// does not grow with the number of documents. Handing documents over in
// batches, not one by one, keeps the goroutines from waking each other for
// every document.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/gsl-lang/gsl/report"
	"github.com/tidwall/gjson"
)

// errStop is returned by the reader's emit to stop reading early (the run
// is stopping); inventory.Read returns it unchanged.
var errStop = errors.New("stop")

// ownBatches is how many batches each worker keeps for the chunks it reads.
const ownBatches = 4

// Batch limits: the reader closes a batch at batchDocs documents or once it
// holds batchBytes of document text.
const (
	batchDocs  = 128
	batchBytes = 512 << 10
	batchText  = batchBytes + batchBytes/4 // the most text a batch's buffer holds
	batchText0 = 32 << 10                  // the first size of that buffer
)

// docEvaluator is what the pipeline needs of an *eval.RuleSet.
type docEvaluator interface {
	EvalDoc(doc []byte, emit func(rule int, r eval.Result)) error
}

// documentEvaluator is a docEvaluator that also evaluates prepared
// documents (as *eval.RuleSet does): documents that List<> rules read are
// prepared once, evaluated, then kept without being validated again.
type documentEvaluator interface {
	EvalDocument(d *eval.Document, emit func(rule int, r eval.Result))
}

// listCollector is what the pipeline needs of an *eval.Lists.
type listCollector interface {
	Add(doc []byte)
	Eval(emit func(rule int, group string, r eval.Result))
}

// documentCollector is a listCollector that also takes prepared documents
// (as *eval.Lists does).
type documentCollector interface {
	AddDocument(d *eval.Document)
}

// source is one input to read.
type source struct {
	name string                        // display name ("<stdin>" for -)
	open func() (io.ReadCloser, error) // opens the input
	// dump, when set, says the input is a directory of raw AWS API
	// responses (inventory.ReadAPIDump), which is read, not opened; the
	// reading leaves its summary there.
	dump *inventory.APIDumpSummary
	// dir, when set, is the directory the dump is read from, and name
	// only how it is named (a collection in a temporary directory).
	dir string
}

// readDump reads the API dump src names.
func (src source) readDump(emit func(inventory.Entity) error) error {
	dir := src.dir
	if dir == "" {
		dir = src.name
	}
	sum, err := inventory.ReadAPIDumpAs(dir, src.name, emit)
	if sum != nil {
		*src.dump = *sum
	}
	return err
}

// writeDumpNotes says, for each API dump among sources, how many calls the
// reader uses were absent from it: the properties they give are left out
// of the documents, so rules that read them do not judge them.
func writeDumpNotes(w io.Writer, sources []source) {
	for _, src := range sources {
		if src.dump == nil || len(src.dump.Missing) == 0 {
			continue
		}
		m := src.dump.Missing
		more := ""
		if len(m) > 3 {
			m, more = m[:3], fmt.Sprintf(" and %d more", len(src.dump.Missing)-3)
		}
		fmt.Fprintf(w, "gslcheck: %s: %d calls absent from the dump, their properties left out: %s%s\n",
			src.name, len(src.dump.Missing), strings.Join(m, ", "), more)
	}
}

// ruleOutcome is the result of one rule on one document.
type ruleOutcome struct {
	rule int
	res  eval.Result
}

// docOutcome is everything the pipeline learned about one document, or
// about an input that could not be read (whole set).
type docOutcome struct {
	doc     inventory.Entity // where the document came from; Data as evaluated
	id      string           // the document's id, "" when it has none
	typ     string           // the document's type, "" when unknown
	err     error            // why the document (or input) could not be evaluated
	whole   bool             // err concerns an input, not one document
	results []ruleOutcome
	skipped int            // skip results not kept in results
	prep    *eval.Document // the prepared document, when List<> rules read it
}

// entity names the document in results: its id, else its position.
func (o *docOutcome) entity() string {
	if o.id != "" && o.err == nil {
		return o.id
	}
	if o.whole && o.doc.Line > 0 {
		return fmt.Sprintf("%s:%d", o.doc.Input, o.doc.Line)
	}
	if o.whole {
		return o.doc.Input
	}
	return o.doc.Label()
}

// docBatch is a run of consecutive documents (and input errors) handed
// between the pipeline's goroutines as one unit. Batches are reused: the
// writer must not keep a batch, or its outcomes, after out returns.
//
// Each goroutine writes its own part: the reader fills ins and text0 (for
// a chunk of a file, the worker does, see chunks.go), a worker fills outs
// from ins, the writer only reads. A batch goes from
// core to core, and a cache line written on one core and written again on
// another has to move between them: the reader writing the outcomes
// directly (and the writer clearing them) made the reader several times
// slower with two workers than with one.
type docBatch struct {
	seq   int
	ins   []docIn      // the documents, as the reader found them
	outs  []docOutcome // what became of them; filled by a worker
	bytes int          // document text held
	text0 []byte       // storage for the documents' text, reused with the batch
	grow  bool         // text0 filled up before the batch did: enlarge it

	// chunk, when set, is a range of an NDJSON file that the worker
	// reads into the batch (see chunks.go): the reader leaves ins empty.
	chunk *chunkJob
	// home is where the batch goes back once written: the pool of the
	// worker that owns it, or nil for the pool the reader fills from.
	home chan *docBatch

	// epoch counts the wrong guesses the batch was read after (see
	// guess.go); a barrier batch holds no documents and tells the reader,
	// once the writer reaches it, that the guesses before it were right;
	// wrong, set by a worker, is a guessed element that was not split as
	// following its brackets splits it: the batch's outcomes end before
	// it, and the input is read again from it.
	epoch   int
	barrier bool
	wrong   *inventory.Entity

	// Set by the pipeline's prepare hook in a worker, for the writer.
	rendered bool           // the records are in text; outs need not be reported
	text     []byte         // records rendered by the worker
	nrec     int            // how many records text holds
	sum      report.Summary // the counts of the batch's records
}

// docIn is a document, or an input error, as the reader hands it on.
type docIn struct {
	doc   inventory.Entity
	err   error
	whole bool
}

// poisonBatches makes reset overwrite the text of a batch before the batch
// is reused, so that a test sees any result that still reads it.
var poisonBatches = false

// reset empties b for reuse, keeping its storage. It leaves the outcomes
// alone: start overwrites each one it reuses.
func (b *docBatch) reset() {
	if poisonBatches {
		full := b.text0[:cap(b.text0)]
		for i := range full {
			full[i] = '#'
		}
	}
	b.chunk = nil
	b.barrier, b.wrong = false, nil
	b.ins = b.ins[:0]
	b.outs = b.outs[:0]
	b.bytes = 0
	b.text0 = b.text0[:0]
	switch {
	case cap(b.text0) > batchText:
		// Grown for a long line of a chunk (see chunks.go): let it go.
		b.text0 = make([]byte, 0, batchText)
	case b.grow:
		b.text0 = make([]byte, 0, min(2*cap(b.text0), batchText))
	}
	b.grow = false
	b.rendered, b.text, b.nrec, b.sum = false, b.text[:0], 0, report.Summary{}
}

// add appends d (with the error that stopped its input, when whole).
func (b *docBatch) add(d inventory.Entity, err error, whole bool) {
	b.ins = append(b.ins, docIn{doc: d, err: err, whole: whole})
	b.bytes += len(d.Data)
}

// start sets an outcome up for each document, reusing the storage of the
// outcomes of an earlier use of b. A worker calls it.
func (b *docBatch) start() {
	n := len(b.ins)
	if n > cap(b.outs) {
		b.outs = slices.Grow(b.outs[:cap(b.outs)], n-cap(b.outs))
	}
	b.outs = b.outs[:n]
	for i := range b.outs {
		in := &b.ins[i]
		o := &b.outs[i]
		*o = docOutcome{doc: in.doc, err: in.err, whole: in.whole, results: o.results[:0]}
	}
}

// pipeline evaluates documents from sources.
type pipeline struct {
	rs        docEvaluator
	lists     listCollector   // nil when no rule is a List<> rule
	listTypes map[string]bool // the entity types List<> rules read (nil: all)
	jobs      int             // workers, at least 1
	keepSkips bool            // keep skip results (else only count them)
	// onlyApplicable: rs calls back only for the rules that apply to a
	// document (eval.Options.OnlyApplicable); every rule of the perDoc
	// that EvalDoc would report and did not is counted as skipped.
	onlyApplicable bool
	perDoc         int
	read           inventory.Options
	// paths[i] are the entity paths rule i reads (lang.EntityPaths), to
	// tell a verdict on a value the input lacks (a Terraform value known
	// only after apply) from one that stands; nil: not checked.
	paths    [][]string
	progress *progress // nil for none

	// chunkBytes is the size of the chunks an NDJSON file is read in by
	// the workers (0: chunkSize); tests make it small.
	chunkBytes int

	// prepare, when set, is called once per worker; the function it
	// returns is applied to each batch the worker has evaluated, in the
	// worker (to render records in parallel).
	prepare func() func(*docBatch)

	// guess lets the reader split the elements of a JSON array file at
	// their line ends (inventory.Options.Speculate; see guess.go): rs
	// must refuse every document that is not valid JSON, as an
	// *eval.RuleSet does.
	guess bool
}

// run reads every source and calls out with each document's outcome in
// input order, then calls list for each List<> result. An error returned by
// out or list stops the run and is returned. out must not keep o.
func (p *pipeline) run(sources []source, out func(o *docOutcome) error, list func(rule int, group string, r eval.Result) error) error {
	return p.runBatches(sources, func(b *docBatch) error {
		for i := range b.outs {
			if err := out(&b.outs[i]); err != nil {
				return err
			}
		}
		return nil
	}, list)
}

// runBatches is run with the outcomes delivered a batch at a time, in input
// order.
func (p *pipeline) runBatches(sources []source, out func(*docBatch) error, list func(rule int, group string, r eval.Result) error) error {
	jobs := max(p.jobs, 1)
	window := 2*jobs + 4
	free := make(chan *docBatch, window)
	for range window {
		free <- &docBatch{ins: make([]docIn, 0, batchDocs), outs: make([]docOutcome, 0, batchDocs), text0: make([]byte, 0, batchText0)}
	}
	jobCh := make(chan *docBatch, window)
	resCh := make(chan *docBatch, window)
	quit := make(chan struct{})

	// Reader.
	f := &feeder{p: p, free: free, jobCh: jobCh, quit: quit, ctl: make(chan control, 1)}
	go f.run(sources)

	// Workers.
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			var prepare func(*docBatch)
			if p.prepare != nil {
				prepare = p.prepare()
			}
			w := p.newWorker()
			// A chunk is read into one of the worker's own batches, so
			// that a batch, its text and its records, stays on one core
			// from one use to the next (one of the reader's batches is
			// taken up by whichever worker is free).
			own := make(chan *docBatch, ownBatches)
			for range ownBatches {
				own <- &docBatch{home: own}
			}
			for b := range jobCh {
				if b.chunk != nil {
					var ob *docBatch
					select {
					case ob = <-own:
					case <-quit:
						b.chunk.skip()
						continue
					}
					ob.seq, ob.epoch, ob.chunk = b.seq, b.epoch, b.chunk
					b = ob
					b.chunk.read(b)
				}
				if b.barrier {
					resCh <- b
					continue
				}
				b.start()
				for i := range b.outs {
					w.evalDoc(&b.outs[i])
					if p.wrongGuess(b, i) {
						break
					}
				}
				if prepare != nil {
					prepare(b)
				}
				resCh <- b
				// Let the writer take the batch now, while it is in this
				// core's cache, rather than when this worker next blocks:
				// otherwise every batch in flight is written back before
				// it is reused (about 7% of a one-core run's CPU).
				runtime.Gosched()
			}
		})
	}
	go func() {
		wg.Wait()
		close(resCh)
	}()

	// Writer: restore input order.
	var failed error
	pending := make(map[int]*docBatch)
	next := 0
	epoch := 0 // batches of an earlier epoch were read after a wrong guess
	recycle := func(b *docBatch) {
		b.reset()
		if b.home != nil {
			b.home <- b
		} else {
			free <- b
		}
	}
	docCollector, _ := p.lists.(documentCollector)
	for b := range resCh {
		if failed != nil {
			continue
		}
		if b.epoch != epoch {
			recycle(b)
			continue
		}
		pending[b.seq] = b
		for {
			b, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if b.barrier {
				// Every guess before the barrier was right.
				recycle(b)
				f.ctl <- control{}
				continue
			}
			for i := range b.outs {
				o := &b.outs[i]
				if !o.whole {
					p.progress.addDoc()
				}
				switch {
				case p.lists == nil || o.err != nil || o.whole || o.doc.Data == nil:
				case o.prep != nil && docCollector != nil:
					docCollector.AddDocument(o.prep)
				case p.listTypes == nil || p.listTypes[o.typ]:
					p.lists.Add(o.doc.Data)
				}
			}
			err := out(b)
			wrong := b.wrong
			recycle(b)
			if err != nil {
				failed = err
				close(quit)
				break
			}
			if wrong != nil {
				// The documents read after the wrong guess are dropped
				// and read again from it, as a new epoch.
				epoch++
				for seq, pb := range pending {
					delete(pending, seq)
					recycle(pb)
				}
				f.ctl <- control{resume: wrong, seq: next, epoch: epoch}
				break
			}
		}
	}
	if failed != nil {
		return failed
	}
	if p.lists != nil && list != nil {
		p.lists.Eval(func(rule int, group string, r eval.Result) {
			if failed == nil {
				failed = list(rule, group, r)
			}
		})
	}
	return failed
}

// readSource opens src and splits it into documents (see feeder). A file
// the workers can read in parallel (see chunks.go) is handed to f.chunks
// instead, which then owns it.
func (p *pipeline) readSource(f *feeder, src source) error {
	emit := func(d inventory.Entity) error { return f.add(d, nil, false) }
	if src.dump != nil {
		return src.readDump(emit)
	}
	rc, err := src.open()
	if err != nil {
		return err
	}
	if cf, ok := p.chunked(rc, src.name); ok {
		return f.chunks(cf)
	}
	defer rc.Close()
	var r io.Reader = &idleReader{r: rc, idle: f.flush}
	if p.progress != nil {
		r = p.progress.reader(r)
	}
	opts := p.read
	opts.Borrow = true
	opts.Reread = p.rereader(rc)
	if p.guess && opts.Reread != nil && !inventory.IsNDJSON(src.name, opts.Format) && p.guessable(rc) {
		return f.readGuessing(r, src.name, opts)
	}
	return inventory.Read(r, src.name, opts, emit)
}

// rereader returns the inventory.Options.Reread of rc when rc is a regular file,
// else nil. Bytes read again are taken off the progress count, so that it
// does not run past the input's size.
func (p *pipeline) rereader(rc io.Reader) func(off int64) error {
	f, ok := rc.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	base, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil
	}
	return func(off int64) error {
		cur, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return err
		}
		if _, err := f.Seek(base+off, io.SeekStart); err != nil {
			return err
		}
		if p.progress != nil {
			p.progress.bytes.Add(base + off - cur)
		}
		return nil
	}
}

// worker is the state of one of the pipeline's workers, reused from
// document to document.
type worker struct {
	p       *pipeline
	o       *docOutcome // the document being evaluated
	emitted int         // the results of o so far
	emit    func(rule int, r eval.Result)
	// types holds each entity type once: a document's type is read
	// from its text, which its batch reuses, and most are few.
	types map[string]string
}

func (p *pipeline) newWorker() *worker {
	w := &worker{p: p, types: map[string]string{}}
	// Bound once: a closure made per document escapes to the rule set
	// and costs an allocation each time.
	w.emit = w.result
	return w
}

// result is the rule set's callback for w.o.
func (w *worker) result(rule int, r eval.Result) {
	w.emitted++
	if r.Status == eval.Skip && !w.p.keepSkips {
		w.o.skipped++
		return
	}
	w.o.results = append(w.o.results, ruleOutcome{rule: rule, res: r})
}

// typedDoc is typedDoc with the type held once in w.types.
func (w *worker) typedDoc(d *inventory.Entity) (data []byte, id, typ string, err error) {
	t, id, ok := leadingTypeID(d.Data)
	if !ok {
		return typedDoc(d)
	}
	if typ, ok = w.types[string(t)]; !ok {
		typ = string(t)
		if len(w.types) < 1024 {
			w.types[typ] = typ
		}
	}
	return d.Data, id, typ, nil
}

// evalDoc validates and evaluates one document, filling o. A document that
// List<> rules read is prepared once (eval.NewDocument) and kept in o.prep,
// so that collecting it does not validate it again.
func (w *worker) evalDoc(o *docOutcome) {
	p := w.p
	if o.err != nil || o.whole || o.doc.NotModelled != "" || o.doc.Ignored != "" {
		return
	}
	if o.doc.Err != nil {
		o.err = o.doc.Err
		return
	}
	data, id, typ, err := w.typedDoc(&o.doc)
	if err != nil {
		o.err = err
		return
	}
	w.o, w.emitted = o, 0
	emit := w.emit
	de, canPrepare := p.rs.(documentEvaluator)
	_, canCollect := p.lists.(documentCollector)
	if canPrepare && canCollect && p.listTypes[typ] && len(data) <= eval.DefaultMaxDocumentSize {
		// eval.NewDocument applies eval's default limits, which a document
		// within them meets under the run's options too.
		var d *eval.Document
		if d, err = eval.NewDocument(data); err == nil {
			de.EvalDocument(d, emit)
			o.prep = d
		}
	} else {
		err = p.rs.EvalDoc(data, emit)
	}
	if err != nil {
		o.results, o.skipped, o.prep = o.results[:0], 0, nil
		var syntax bool
		if o.err, syntax = documentError(&o.doc, err); !syntax {
			o.id, o.typ = id, typ
		}
		return
	}
	if p.onlyApplicable {
		o.skipped += p.perDoc - w.emitted
	}
	if o.doc.Resource != "" && p.paths != nil && inventory.MayHaveUnknowns(data) {
		p.undecided(data, o.results)
	}
	o.doc.Data, o.id, o.typ = data, id, typ
}

// undecided applies bundles.Decide to results: a pass or fail that rests
// on a value the document does not have (known only after apply) becomes an
// error naming it.
func (p *pipeline) undecided(data []byte, results []ruleOutcome) {
	for i := range results {
		results[i].res = bundles.Decide(data, p.paths[results[i].rule], results[i].res)
	}
}

// typedDoc reads the id and type of d, a document split off an input,
// without validating it: eval does, once. A type-map element without a
// "type" gets its key as type, in a copy of its data, which typedDoc
// returns. The error reports a document without a usable type, or the
// JSON syntax error that hides it.
func typedDoc(d *inventory.Entity) (data []byte, id, typ string, err error) {
	data = d.Data
	if typ, id, ok := leadingTypeID(data); ok {
		return data, id, string(typ), nil
	}
	// Two reads rather than gjson.GetManyBytes, which reads them one after
	// the other too but allocates the slice it returns them in.
	id = textOfResult(gjson.GetBytes(data, "id"))
	switch t := gjson.GetBytes(data, "type"); {
	case t.Exists() && (t.Type != gjson.String || t.Str == ""):
		err = fmt.Errorf(`"type" must be a non-empty string, not %s`, t.Raw)
	case t.Exists():
		typ = t.Str
	case d.Key != "" && len(data) > 0 && data[0] == '{':
		data, typ = withType(data, d.Key), d.Key
	default:
		err = errors.New(`document has no "type"`)
	}
	if err != nil {
		if jerr := checkDocument(d.Data, d.Line, d.Col); jerr != nil {
			err = jerr
		}
		return nil, "", "", err
	}
	return data, id, typ, nil
}

// leadingTypeID reads the type and id of a document that starts as the
// entity model's documents are written, {"type":"T","id":"I", with both
// strings free of escapes; ok is false for any other start, which typedDoc
// reads with gjson. Reading the two leading members in place costs a
// fraction of two gjson look-ups, each of which parses its path and walks
// the members from the start; the values are the ones gjson gives (the
// first "type" and the first "id", the bytes between the quotes). The type
// is returned as bytes of data, for a worker to look up (worker.typedDoc).
func leadingTypeID(data []byte) (typ []byte, id string, ok bool) {
	const typeKey, idKey = `{"type":"`, `,"id":`
	if !bytes.HasPrefix(data, []byte(typeKey)) {
		return nil, "", false
	}
	t, rest, ok := plainString(data[len(typeKey)-1:])
	if !ok || len(t) == 0 || !bytes.HasPrefix(rest, []byte(idKey)) {
		return nil, "", false
	}
	i, _, ok := plainString(rest[len(idKey):])
	if !ok {
		return nil, "", false
	}
	return t, string(i), true
}

// plainString splits b, which must start with a JSON string without
// backslashes, into the string's body and what follows its closing quote.
func plainString(b []byte) (body, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '"' {
		return nil, nil, false
	}
	end := bytes.IndexByte(b[1:], '"')
	if end < 0 {
		return nil, nil, false
	}
	body = b[1 : 1+end]
	if bytes.IndexByte(body, '\\') >= 0 {
		return nil, nil, false
	}
	return body, b[2+end:], true
}

// documentError words err, eval's reason for refusing document d: a
// document that is not a JSON object, or not JSON at all, is said so with
// the line and column of the syntax error in the input (syntax true).
func documentError(d *inventory.Entity, err error) (_ error, syntax bool) {
	if errors.Is(err, eval.ErrInvalidJSON) || errors.Is(err, eval.ErrNotObject) {
		if jerr := checkDocument(d.Data, d.Line, d.Col); jerr != nil {
			return jerr, true
		}
	}
	return err, false
}

// textOfResult is a JSON value as text: a string unquoted, anything else
// as its JSON text ("" when absent).
func textOfResult(r gjson.Result) string {
	if r.Type == gjson.String {
		return r.Str
	}
	return r.Raw
}

// checkDocument reports why data is not one JSON object, with the line and
// column of a syntax error in the input, the document starting at line:col.
func checkDocument(data []byte, line, col int) error {
	if jsontext.ValidBytes(data) {
		if len(data) == 0 || data[0] != '{' {
			return fmt.Errorf("document is not a JSON object: %s", abbreviate(data, 40))
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var v json.RawMessage
	err := dec.Decode(&v)
	offset := int64(len(data))
	msg := "unexpected content after the document"
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		offset, msg = se.Offset, se.Error()
		if offset > 0 {
			offset-- // the offset is past the offending byte
		}
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		msg = "unexpected end of JSON input"
	case err != nil:
		msg = err.Error()
	default:
		offset = dec.InputOffset()
		for offset < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n"), data[offset]) >= 0 {
			offset++
		}
	}
	offset = min(offset, int64(len(data)))
	before := data[:offset]
	l := line + bytes.Count(before, []byte("\n"))
	if nl := bytes.LastIndexByte(before, '\n'); nl >= 0 {
		col = int(offset) - nl
	} else {
		col += int(offset)
	}
	return fmt.Errorf("invalid JSON: %s (line %d, column %d)", msg, l, col)
}

// withType returns obj with "type": key inserted as its first member.
func withType(obj []byte, key string) []byte {
	rest := bytes.TrimLeft(obj[1:], " \t\r\n")
	out := make([]byte, 0, len(obj)+len(key)+11)
	out = append(out, `{"type":`...)
	out = jsontext.AppendString(out, key)
	if len(rest) > 0 && rest[0] != '}' {
		out = append(out, ',')
	}
	return append(out, obj[1:]...)
}

// abbreviate shortens b for a message.
func abbreviate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "..."
}

// idleReader calls idle before a read that may block. After a read that
// returned less than it asked for, the source had no more at that moment
// (a pipe or a terminal that a slow producer writes to), so the pipeline
// hands on the documents it has instead of holding them until a batch
// fills. A regular file reads short only at its end.
type idleReader struct {
	r     io.Reader
	idle  func()
	short bool
}

func (ir *idleReader) Read(b []byte) (int, error) {
	if ir.short {
		ir.idle()
	}
	n, err := ir.r.Read(b)
	ir.short = n < len(b)
	return n, err
}
