package main

// This file implements `gslcheck run`.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"time"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/inventory"
)

// maxJobs bounds --jobs: the pipeline starts that many workers and keeps
// four times as many documents in flight.
const maxJobs = 1024

func (c *runCmd) Run(e *env) error {
	if len(c.Bundle) == 0 && len(c.Rule) == 0 {
		return usagef("run needs at least one --bundle or --rule")
	}
	if c.Jobs < 1 || c.Jobs > maxJobs {
		return usagef("--jobs must be from 1 to %d", maxJobs)
	}
	if c.MaxDocBytes < 1 {
		return usagef("--max-doc-bytes must be at least 1")
	}
	now, err := parseNow(c.Now)
	if err != nil {
		return err
	}
	sources, total, err := openSources(c.Inputs, e.stdin)
	if err != nil {
		return err
	}
	opts := evalOptions(now)
	set, problems, err := compileRules(c.Bundle, c.Rule, opts)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			writeProblem(e.stderr, e.errSty, p)
		}
		return &reportedError{fmt.Errorf("%d rule errors", len(problems))}
	}
	// Loading the rules leaves little live; the run's pacing starts after.
	defer tuneGC(e.getenv)()

	if err := outputIsNotInput(c.Output, append(set.sources(), c.Inputs...)); err != nil {
		return err
	}
	out, closeOut, err := openOutput(c.Output, e.stdout)
	if err != nil {
		return err
	}
	st := e.style
	if c.Output != "" {
		st = &style{on: c.Format == "text" && e.color == "always"}
	}
	rep, err := newReporter(c.Format, reportOptions{w: out, rules: set.metas, showSkipped: c.ShowSkipped, style: st})
	if err != nil {
		closeOut()
		return err
	}
	p := &pipeline{
		jobs:      c.Jobs,
		keepSkips: c.ShowSkipped,
		read:      inventory.Options{Format: inventory.Format(c.InputFormat), MaxDocBytes: c.MaxDocBytes},
	}
	if !c.ShowSkipped {
		// The skips of other types' rules are only counted: the rule set
		// need not call back for each of them.
		o := *opts
		o.OnlyApplicable = true
		opts = &o
		for _, prog := range set.progs {
			if prog == nil || !prog.IsList() {
				p.perDoc++
			}
		}
		p.onlyApplicable = true
	}
	rs := eval.NewRuleSet(set.progs, opts)
	p.rs = rs
	if set.lists {
		lists := rs.NewLists()
		lists.SetWorkers(c.Jobs) // the List<> rules' groups run on as many goroutines
		p.lists = lists
		p.listTypes = map[string]bool{}
		for _, prog := range set.progs {
			if prog.IsList() {
				p.listTypes[prog.Rule().Target.Type] = true
			}
		}
	}
	// Streamed JSON on the terminal would mix with the progress line.
	streamsToTerminal := c.Format == "json" && c.Output == "" && isTerminal(e.stdout)
	if useProgress(e.noProg, e.stderr, e.getenv) && !streamsToTerminal {
		p.progress = newProgress(e.stderr, total)
		go p.progress.run()
	}

	sum := summary{Rules: len(set.metas)}
	br, rendered := rep.(batchReporter)
	if rendered {
		p.prepare = func() func(*docBatch) {
			rr := br.renderer()
			return func(b *docBatch) { renderBatch(rr, set.metas, b) }
		}
	}
	var tally itemTally
	err = p.runBatches(sources,
		func(b *docBatch) error {
			for i := range b.outs {
				tally.add(&b.outs[i].doc)
			}
			if b.rendered {
				sum.add(&b.sum)
				return br.writeRendered(b.text, b.nrec)
			}
			for i := range b.outs {
				if err := reportOutcome(rep, set.metas, &sum, &b.outs[i], nil); err != nil {
					return err
				}
			}
			return nil
		},
		func(rule int, group string, r eval.Result) error {
			sum.count(r.Status, 1)
			if r.Status == eval.Skip && !c.ShowSkipped {
				return nil
			}
			return rep.result(&record{
				rule: set.metas[rule], ruleIdx: rule, status: r.Status,
				entity: group, typ: set.metas[rule].Target,
				evidence: r.Evidence, err: errText(r.Err),
			})
		})
	p.progress.finish()
	if err == nil {
		err = rep.finish(&sum)
	}
	tally.write(e.stderr)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	e.code = sum.exitCode()
	return nil
}

// evalOptions are the evaluation options of a run. The input splitter
// bounds every document by --max-doc-bytes, so eval's own size limit is
// lifted: with its default it would refuse documents that the user allowed.
func evalOptions(now time.Time) *eval.Options {
	return &eval.Options{Now: now, MaxDocumentSize: math.MaxInt}
}

// reportOutcome counts one document's outcome and reports its records.
// With scratch, the records of results are built in *scratch, one after
// another: only for a reporter that keeps no record once result returns.
func reportOutcome(rep reporter, metas []*ruleMeta, sum *summary, o *docOutcome, scratch *record) error {
	switch {
	case o.doc.NotModelled != "" || o.doc.Ignored != "":
		return nil // counted by an itemTally
	case o.whole:
		sum.InputErrors++
		msg := o.err.Error()
		var ie *inventory.InputError
		if errors.As(o.err, &ie) {
			msg = ie.Msg
		}
		return rep.result(&record{entity: o.entity(), err: msg, input: o.doc.Input, line: o.doc.Line, location: o.entity()})
	case o.err != nil:
		sum.Documents++
		sum.Malformed++
		sum.InputErrors++
		return rep.result(&record{entity: o.entity(), typ: o.typ, err: o.err.Error(), input: o.doc.Input, line: o.doc.Line, col: o.doc.CharCol(), location: o.doc.Label()})
	}
	sum.Documents++
	sum.Evaluated++
	sum.count(eval.Skip, o.skipped)
	entity, loc, col := o.entity(), o.doc.Label(), o.doc.CharCol()
	for _, r := range o.results {
		sum.count(r.res.Status, 1)
		rec := scratch
		if rec == nil {
			rec = new(record)
		}
		*rec = record{
			rule: metas[r.rule], ruleIdx: r.rule, status: r.res.Status,
			entity: entity, typ: o.typ, evidence: r.res.Evidence, err: errText(r.res.Err),
			input: o.doc.Input, line: o.doc.Line, col: col, location: loc,
		}
		if err := rep.result(rec); err != nil {
			return err
		}
	}
	return nil
}

// batchReporter is a reporter whose records are independent of each other
// (JSON lines): the workers of a run render them, and the writer only
// copies the text out in order.
type batchReporter interface {
	reporter
	// renderer returns a recordRenderer for one worker.
	renderer() recordRenderer
	// writeRendered writes n records a renderer appended to text, each
	// preceded by ",\n" (see renderBatch).
	writeRendered(text []byte, n int) error
}

// recordRenderer renders the records of a batchReporter.
type recordRenderer interface {
	// appendRecord appends r to b, reporting false (appending nothing)
	// for a record the report leaves out. It must not keep r: renderBatch
	// builds every record in the same place.
	appendRecord(b []byte, r *record) ([]byte, bool)
}

// renderBatch reports the outcomes of b through rr, in a worker: the
// records go to b.text, each preceded by ",\n", and their counts to b.sum.
func renderBatch(rr recordRenderer, metas []*ruleMeta, b *docBatch) {
	rep := &batchRecords{rr: rr, b: b}
	for i := range b.outs {
		reportOutcome(rep, metas, &b.sum, &b.outs[i], &rep.scratch) // never fails
	}
	b.rendered = true
}

// batchRecords is the reporter renderBatch reports through.
type batchRecords struct {
	rr      recordRenderer
	b       *docBatch
	scratch record // each record in turn: a recordRenderer keeps none
}

func (r *batchRecords) result(rec *record) error {
	n := len(r.b.text)
	text, ok := r.rr.appendRecord(append(r.b.text, ",\n"...), rec)
	if !ok {
		r.b.text = text[:n]
		return nil
	}
	r.b.text = text
	r.b.nrec++
	return nil
}

func (r *batchRecords) finish(*summary) error { return nil }

// add adds the counts of o to s (all but Rules).
func (s *summary) add(o *summary) {
	s.Documents += o.Documents
	s.Evaluated += o.Evaluated
	s.Malformed += o.Malformed
	s.InputErrors += o.InputErrors
	s.Results += o.Results
	s.Pass += o.Pass
	s.Fail += o.Fail
	s.Error += o.Error
	s.Skip += o.Skip
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// openSources checks the inputs and returns how to open each, with their
// total size when known (0 when stdin is among them).
func openSources(args []string, stdin io.Reader) ([]source, int64, error) {
	var sources []source
	var total int64
	sawStdin := false
	for _, a := range args {
		if a == "-" {
			if sawStdin {
				return nil, 0, usagef("- (stdin) given more than once")
			}
			sawStdin = true
			sources = append(sources, source{name: stdinName, open: func() (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, 0, fmt.Errorf("input %s: %w", a, unwrapPathError(err))
		}
		names := []string{a}
		if fi.IsDir() {
			if names, err = inventory.DirFiles(a); err != nil {
				return nil, 0, fmt.Errorf("input %s: %w", a, unwrapPathError(err))
			}
		}
		for _, name := range names {
			if fi, err := os.Stat(name); err == nil {
				total += fi.Size()
			}
			sources = append(sources, source{name: name, open: func() (io.ReadCloser, error) {
				f, err := os.Open(name)
				if err != nil {
					return nil, unwrapPathError(err)
				}
				return f, nil
			}})
		}
	}
	if sawStdin {
		total = 0
	}
	return sources, total, nil
}

// unwrapPathError drops the operation and path that the caller already
// names ("open x: no such file" -> "no such file").
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// outputIsNotInput refuses an --output file that is also an input (a
// document, bundle or fixture file): the report would truncate it, before
// it is read or after.
func outputIsNotInput(output string, inputs []string) error {
	if output == "" || output == "-" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil {
		return nil // a new file; openOutput reports what else is wrong
	}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil && os.SameFile(out, fi) {
			return usagef("--output %s is also an input; the report would overwrite it", output)
		}
	}
	return nil
}

// openOutput returns where to write a report: path, or def when path is "".
func openOutput(path string, def io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return def, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// GC pacing of a run, unless GOGC or GOMEMLIMIT say otherwise. A run's live
// heap is small (the batches in flight and the documents List<> rules
// read), so the default pace collects every few megabytes allocated and
// the collector takes a large share of the CPU. A run lets the heap grow
// to runGCPercent more than the live heap, up to about runMemoryLimit.
// (400 was measured no faster over 1 GB, with a third more memory and more
// page faults, which made small inputs slower; see BENCHMARKS.md.)
const (
	runGCPercent   = 200
	runMemoryLimit = 128 << 20
)

// tuneGC applies the run's GC pacing and returns the function that
// restores the previous one.
func tuneGC(getenv func(string) string) (restore func()) {
	percent, limit := -2, int64(-1)
	if getenv("GOGC") == "" {
		percent = debug.SetGCPercent(runGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(runMemoryLimit)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
