package eval

import (
	"fmt"
	"strings"

	"github.com/gsl-lang/gsl/builtin"
)

// Eval evaluates the program over one JSON document: it validates the
// document (see NewDocument), then runs the rule. An invalid document, or
// one over the limits, gives an Error result.
func (p *Program) Eval(doc []byte) Result {
	m := getMachine()
	var d Document
	err := d.init(doc, p.set.maxSize, p.set.maxDepth, m.members)
	m.members = d.members
	m.docSize = max(m.docSize, len(doc))
	if err != nil {
		putMachine(m)
		return p.documentError(doc, err)
	}
	if p.target != "" && d.typ != p.target {
		putMachine(m)
		return Result{Status: Skip}
	}
	set := p.set.at()
	st, err := m.evalDirect(p, &d, set)
	var r Result
	if st == Fail || st == Error {
		r = m.explainResult(p, set, st, err)
	} else {
		r = Result{Status: st}
	}
	putMachine(m)
	return r
}

// EvalDocument evaluates the program over a prepared document. A rule for
// another entity type gives Skip; a const rule applies to every document.
// A passing evaluation allocates nothing.
func (p *Program) EvalDocument(d *Document) Result {
	if p.target != "" && d.typ != p.target {
		return Result{Status: Skip}
	}
	set := p.set.at()
	m := getMachine()
	defer putMachine(m)
	st, err := m.evalDirect(p, d, set)
	if st == Fail || st == Error {
		return m.explainResult(p, set, st, err)
	}
	return Result{Status: st}
}

// evalDirect runs p reading the document's paths through p's own path
// table.
func (m *machine) evalDirect(p *Program, d *Document, set settings) (st Status, err error) {
	defer m.rescue(&st, &err)
	m.env.Now = set.now // the functions' caches stay: see putMachine
	m.startSelf(p, d)
	return m.exec(p, 1, set.budget)
}

// startSelf makes d the document the machine runs p over, through p's own
// path table.
func (m *machine) startSelf(p *Program, d *Document) {
	m.buildTable(p.self, d)
	m.offs = p.self.offs[0]
	m.rootv = builtin.FromJSON(d.root)
}

// rescue turns a panic into an Error result. It is a last resort: the
// evaluator checks its inputs and is built not to panic.
func (m *machine) rescue(st *Status, err *error) {
	if r := recover(); r != nil {
		*st = Error
		*err = fmt.Errorf("%w: %v", ErrInternal, r)
		m.stack, m.frames = nil, nil
	}
}

// explainResult builds the result of a failed or erring evaluation: its
// evidence comes from running the program again in recording mode, on a
// machine of its own.
func (p *Program) explainResult(d *Document, set settings, st Status, err error) Result {
	if set.noEvidence {
		return Result{Status: st, Err: err}
	}
	return p.evidenceResult(p.record(d, set, false), st, err)
}

// explainResult is Program.explainResult on the machine whose evaluation
// of p gave st, over the table and root value it left: the recording run
// reads the same values without building them again.
func (m *machine) explainResult(p *Program, set settings, st Status, err error) Result {
	if set.noEvidence {
		return Result{Status: st, Err: err}
	}
	var t Trace
	m.record(p, set, false, &t)
	return p.evidenceResult(&t, st, err)
}

// evidenceResult is the result with status st and error err, with the
// evidence of t, the recording run of the evaluation that gave them. The
// two agree (the differential tests hold them to it); when they do not,
// the evidence is the rule's.
func (p *Program) evidenceResult(t *Trace, st Status, err error) Result {
	r := Result{Status: st, Err: err}
	if t.Status == st {
		r.Evidence = t.Evidence
	}
	if len(r.Evidence) == 0 {
		r.Evidence = []Evidence{{Span: p.rule.Span()}}
	}
	return r
}

// documentError is the result for a document that cannot be evaluated.
func (p *Program) documentError(doc []byte, err error) Result {
	if p.set.noEvidence {
		return Result{Status: Error, Err: err}
	}
	return Result{Status: Error, Err: err, Evidence: []Evidence{documentEvidence(doc, p)}}
}

// documentEvidence shows the start of a document that cannot be evaluated,
// as valid UTF-8: it is not cut inside a character, and bytes that are not
// UTF-8 become U+FFFD.
func documentEvidence(doc []byte, p *Program) Evidence {
	n := min(len(doc), 64)
	for n > 0 && n < len(doc) && doc[n]&0xC0 == 0x80 {
		n--
	}
	v := strings.ToValidUTF8(string(doc[:n]), "\ufffd")
	if n < len(doc) {
		v += "…"
	}
	return Evidence{Value: v, Span: p.rule.Span()}
}

// Explain evaluates p over doc in recording mode and returns the trace of
// every step: each test with its truth and the values it read, each
// element an array operator visited. The error reports a document that cannot be evaluated at all;
// evaluation errors are in the trace.
func (p *Program) Explain(doc []byte) (*Trace, error) {
	var d Document
	if err := d.init(doc, p.set.maxSize, p.set.maxDepth, nil); err != nil {
		return nil, err
	}
	return p.ExplainDocument(&d), nil
}

// ExplainDocument is Explain over a prepared document.
func (p *Program) ExplainDocument(d *Document) *Trace {
	if p.target != "" && d.typ != p.target {
		return &Trace{Rule: p.rule.Source, Status: Skip, Negated: p.rule.Negated}
	}
	return p.record(d, p.set.at(), true)
}
