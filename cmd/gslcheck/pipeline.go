package main

// This file runs documents through a rule set: one reader goroutine splits
// the inputs, N workers evaluate documents, and the caller's goroutine
// receives the outcomes in input order. At most `window` documents are in
// flight, so memory does not grow with the number of documents.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/gsl-lang/gsl/eval"
	"github.com/tidwall/gjson"
)

// docEvaluator is what the pipeline needs of an *eval.RuleSet.
type docEvaluator interface {
	EvalDoc(doc []byte, emit func(rule int, r eval.Result)) error
}

// listCollector is what the pipeline needs of an *eval.Lists.
type listCollector interface {
	Add(doc []byte)
	Eval(emit func(rule int, group string, r eval.Result))
}

// source is one input to read.
type source struct {
	name string                        // display name ("<stdin>" for -)
	open func() (io.ReadCloser, error) // opens the input
}

// ruleOutcome is the result of one rule on one document.
type ruleOutcome struct {
	rule int
	res  eval.Result
}

// docOutcome is everything the pipeline learned about one document, or
// about an input that could not be read (whole set).
type docOutcome struct {
	seq     int
	doc     Doc    // where the document came from; Data as evaluated
	id      string // the document's id, "" when it has none
	typ     string // the document's type, "" when unknown
	err     error  // why the document (or input) could not be evaluated
	whole   bool   // err concerns an input, not one document
	results []ruleOutcome
	skipped int // skip results not kept in results
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

// pipeline evaluates documents from sources.
type pipeline struct {
	rs        docEvaluator
	lists     listCollector   // nil when no rule is a List<> rule
	listTypes map[string]bool // the entity types List<> rules read (nil: all)
	jobs      int             // workers, at least 1
	keepSkips bool            // keep skip results (else only count them)
	read      readOptions
	progress  *progress // nil for none
}

// run reads every source and calls out with each document's outcome in
// input order, then calls list for each List<> result. An error returned by
// out or list stops the run and is returned.
func (p *pipeline) run(sources []source, out func(*docOutcome) error, list func(rule int, group string, r eval.Result) error) error {
	jobs := max(p.jobs, 1)
	window := 4*jobs + 16
	tokens := make(chan struct{}, window)
	jobCh := make(chan *docOutcome, window)
	resCh := make(chan *docOutcome, window)
	quit := make(chan struct{})

	// Reader.
	go func() {
		defer close(jobCh)
		seq := 0
		send := func(o *docOutcome) error {
			select {
			case tokens <- struct{}{}:
			case <-quit:
				return errStop
			}
			o.seq = seq
			seq++
			jobCh <- o
			return nil
		}
		for _, src := range sources {
			err := p.readSource(src, func(d Doc) error {
				return send(&docOutcome{doc: d})
			})
			if errors.Is(err, errStop) {
				return
			}
			if err != nil {
				o := &docOutcome{doc: Doc{Input: src.name}, err: err, whole: true}
				var ie *InputError
				if errors.As(err, &ie) {
					o.doc.Line = ie.Line
				}
				if send(o) != nil {
					return
				}
			}
		}
	}()

	// Workers.
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for o := range jobCh {
				p.evalDoc(o)
				resCh <- o
			}
		})
	}
	go func() {
		wg.Wait()
		close(resCh)
	}()

	// Writer: restore input order.
	var failed error
	pending := make(map[int]*docOutcome)
	next := 0
	for o := range resCh {
		if failed != nil {
			continue
		}
		pending[o.seq] = o
		for {
			o, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			if !o.whole {
				p.progress.addDoc()
			}
			if p.lists != nil && o.err == nil && (p.listTypes == nil || p.listTypes[o.typ]) {
				p.lists.Add(o.doc.Data)
			}
			if err := out(o); err != nil {
				failed = err
				close(quit)
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

// readSource opens src and splits it into documents.
func (p *pipeline) readSource(src source, emit func(Doc) error) error {
	rc, err := src.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var r io.Reader = rc
	if p.progress != nil {
		r = p.progress.reader(rc)
	}
	return readDocs(r, src.name, p.read, emit)
}

// evalDoc validates and evaluates one document, filling o.
func (p *pipeline) evalDoc(o *docOutcome) {
	if o.err != nil || o.whole {
		return
	}
	if o.doc.Err != nil {
		o.err = o.doc.Err
		return
	}
	data, id, typ, err := typedDoc(&o.doc)
	if err != nil {
		o.err = err
		return
	}
	err = p.rs.EvalDoc(data, func(rule int, r eval.Result) {
		if r.Status == eval.Skip && !p.keepSkips {
			o.skipped++
			return
		}
		o.results = append(o.results, ruleOutcome{rule: rule, res: r})
	})
	if err != nil {
		o.results, o.skipped = nil, 0
		var syntax bool
		if o.err, syntax = documentError(&o.doc, err); !syntax {
			o.id, o.typ = id, typ
		}
		return
	}
	o.doc.Data, o.id, o.typ = data, id, typ
}

// typedDoc reads the id and type of d, a document split off an input,
// without validating it: eval does, once. A type-map element without a
// "type" gets its key as type, in a copy of its data, which typedDoc
// returns. The error reports a document without a usable type, or the
// JSON syntax error that hides it.
func typedDoc(d *Doc) (data []byte, id, typ string, err error) {
	data = d.Data
	fields := gjson.GetManyBytes(data, "id", "type")
	id = textOfResult(fields[0])
	switch t := fields[1]; {
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

// documentError words err, eval's reason for refusing document d: a
// document that is not a JSON object, or not JSON at all, is said so with
// the line and column of the syntax error in the input (syntax true).
func documentError(d *Doc, err error) (_ error, syntax bool) {
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
	if gjson.ValidBytes(data) {
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
		for offset < int64(len(data)) && isSpace(data[offset]) {
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
	k, _ := json.Marshal(key)
	rest := bytes.TrimLeft(obj[1:], " \t\r\n")
	out := make([]byte, 0, len(obj)+len(k)+9)
	out = append(out, `{"type":`...)
	out = append(out, k...)
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
