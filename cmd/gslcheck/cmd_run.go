package main

// This file implements `gslcheck run`.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/gsl-lang/gsl/lang"
	"github.com/gsl-lang/gsl/report"
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
	schema, err := schemaFlag(c.Schema)
	if err != nil {
		return err
	}
	now, err := parseNow(c.Now)
	if err != nil {
		return err
	}
	if len(c.Inputs) == 0 && c.Collect == "" {
		return usagef("run needs an INPUT (a file, a directory, or - for stdin), or --collect aws")
	}
	if err := c.checkCollectFlags(); err != nil {
		return err
	}
	sources, total, err := openSources(c.Inputs, e.stdin)
	if err != nil {
		return err
	}
	g, err := c.gate(e, now)
	if err != nil {
		return err
	}
	sel, err := newRuleSelection(c.RuleID, c.SkipRule, c.Severity)
	if err != nil {
		return err
	}
	opts := evalOptions(now)
	set, problems, warnings, err := compileRules(c.Bundle, c.Rule, sel, opts)
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "gslcheck: %s: %s\n", e.errSty.Yellow("warning"), w)
	}
	if err != nil {
		return err
	}
	problems = append(problems, set.checkSchema(schema)...)
	if len(problems) > 0 {
		for _, p := range problems {
			writeProblem(e.stderr, e.errSty, p)
		}
		return &reportedError{fmt.Errorf("%d rule errors", len(problems))}
	}
	// Loading the rules leaves little live; the run's pacing starts after.
	defer tuneGC(e.getenv)()

	specs, err := parseReportSpecs(c.Report)
	if err != nil {
		return err
	}
	if c.SARIFMaxResults < 0 {
		return usagef("--sarif-max-results must be 0 (no limit) or more")
	}
	// The baseline is read whole before any report is opened: a report may
	// replace it (the next run's baseline).
	inputs := append(set.sources(), c.Inputs...)
	if g.exceptions != nil {
		inputs = append(inputs, g.exceptions.file)
	}
	if err := outputIsNotInput(c.Output, inputs); err != nil {
		return err
	}
	for _, sp := range specs {
		if err := outputIsNotInput(sp.file, inputs); err != nil {
			return usagef("--report %s=%s is also an input; the report would overwrite it", sp.format, sp.file)
		}
	}
	if c.Collect != "" {
		// Collected once the rules and reports are known to be usable.
		src, cleanup, err := c.collect(e)
		if err != nil {
			return err
		}
		defer cleanup()
		sources = append(sources, src)
	}
	base := report.Options{Rules: set.rules(), ShowSkipped: c.ShowSkipped, FailuresOnly: c.FailuresOnly, SARIFMaxResults: c.SARIFMaxResults,
		ToolVersion: version(), ToolSemanticVersion: semanticVersion()}
	out, closeOut, err := openOutput(c.Output, e.stdout)
	if err != nil {
		return err
	}
	st := e.style
	if c.Output != "" {
		st = &style{On: c.Format == "text" && e.color == "always"}
	}
	o := base
	o.Style = st
	rep, err := report.New(c.Format, out, o)
	if err != nil {
		closeOut()
		return err
	}
	if len(specs) > 0 {
		reps := report.Multi{rep}
		for _, sp := range specs {
			w, cl, err := openOutput(sp.file, nil)
			if err != nil {
				closeOut()
				return err
			}
			prev := closeOut
			closeOut = func() error { return errors.Join(prev(), cl()) }
			r, err := report.New(sp.format, w, base)
			if err != nil {
				closeOut()
				return err
			}
			reps = append(reps, r)
		}
		rep = reps
	}
	p := &pipeline{
		jobs:      c.Jobs,
		keepSkips: c.ShowSkipped,
		read:      inventory.Options{Format: inventory.Format(c.InputFormat), MaxDocBytes: c.MaxDocBytes},
		paths:     make([][]string, len(set.progs)),
	}
	for i, prog := range set.progs {
		if prog != nil {
			p.paths[i] = lang.EntityPaths(prog.Rule())
		}
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
	p.guess = true // rs refuses every document that is not valid JSON
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

	sum := report.Summary{Rules: len(set.metas)}
	br, rendered := rep.(batchWriter)
	if rendered {
		p.prepare = func() func(*docBatch) {
			rr := br.Renderer()
			return func(b *docBatch) { renderBatch(rr, set.metas, g, b) }
		}
	}
	docsIn := newDocCounter()
	var tally itemTally
	// deployOnly: every document came from a Terraform plan or state or a
	// CloudFormation template, which describe what they deploy, not a
	// whole account (see deploysOnly).
	deployOnly := true
	err = p.runBatches(sources,
		func(b *docBatch) error {
			docsIn.count(b)
			for i := range b.outs {
				tally.add(&b.outs[i].doc)
				if deployOnly && b.outs[i].doc.Data != nil && !deploysOnly(&b.outs[i]) {
					deployOnly = false
				}
			}
			if b.rendered {
				sum.Add(&b.sum)
				return br.WriteRendered(b.text, b.nrec)
			}
			for i := range b.outs {
				if err := reportOutcome(rep, set.metas, g, &sum, &b.outs[i], nil); err != nil {
					return err
				}
			}
			return nil
		},
		func(rule int, group string, r eval.Result) error {
			if deployOnly && group == "*" {
				r = eval.Result{Status: eval.Skip} // see deploysOnly
			}
			rec := &report.Record{
				Rule: &set.metas[rule].Rule, RuleIndex: rule, Status: r.Status,
				Entity: group, Type: set.metas[rule].Target,
				Evidence: r.Evidence, Err: errText(r.Err),
			}
			g.judge(rec, nil)
			countRecord(&sum, rec, g)
			if r.Status == eval.Skip && !c.ShowSkipped {
				return nil
			}
			return rep.Result(rec)
		})
	p.progress.finish()
	if err == nil && !c.AllowEmpty {
		err = reportEmpty(rep, &sum, sources, docsIn)
	}
	if err == nil && g != nil && g.baseline != nil {
		err = reportFixed(rep, &sum, g.baseline)
	}
	sum.NotModelled, sum.NoDocument = tally.notModelled, tally.ignored
	if err == nil {
		err = rep.Finish(&sum)
	}
	tally.write(e.stderr)
	writeDumpNotes(e.stderr, sources)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if g != nil && g.exceptions != nil {
		for _, w := range g.exceptions.unmatchedWarnings() {
			fmt.Fprintf(e.stderr, "gslcheck: %s: %s\n", e.errSty.Yellow("warning"), w)
		}
	}
	e.code = exitCode(&sum)
	return nil
}

// gate reads --fail-on, the exceptions and the baseline. Expired
// exceptions are warned about here, before the run.
func (c *runCmd) gate(e *env, now time.Time) (*gate, error) {
	g := &gate{}
	if c.FailOn != "" {
		name, ok := report.SeverityName(c.FailOn)
		if !ok {
			return nil, usagef("--fail-on %q: want one of %s", c.FailOn, strings.Join(bundles.Severities(), ", "))
		}
		g.failOn = report.SeverityRank(name)
	}
	var err error
	if g.exceptions, err = loadExceptions(c.Exceptions, now); err != nil {
		return nil, err
	}
	if g.exceptions != nil {
		for _, w := range g.exceptions.expiredWarnings() {
			fmt.Fprintf(e.stderr, "gslcheck: %s: %s\n", e.errSty.Yellow("warning"), w)
		}
	}
	if c.Baseline != "" {
		if g.baseline, err = loadBaseline(c.Baseline); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// reportFixed counts the findings of the baseline that are gone, and
// lists them in reports that can.
func reportFixed(rep report.Writer, sum *report.Summary, b *baseline) error {
	var f []report.Finding
	for _, bf := range b.fixed() {
		k := bf.key
		f = append(f, report.Finding{Rule: k.rule, Name: bf.name, Bundle: k.bundle, Entity: k.entity, Type: k.typ})
	}
	sum.Fixed = len(f)
	if fw, ok := rep.(report.FixedWriter); ok && len(f) > 0 {
		return fw.Fixed(f)
	}
	return nil
}

// deploysOnly reports whether o is a document converted from a Terraform
// plan or state or a CloudFormation template. A List<> rule over a type
// such inputs have no document of (the group "*") is skipped rather than
// failed when every document is one: a plan that creates no
// CloudTrail trail says nothing of the account's trails.
func deploysOnly(o *docOutcome) bool {
	if o.doc.Resource == "" {
		return false
	}
	switch gjson.GetBytes(o.doc.Data, "source.format").String() {
	case "terraform-plan", "terraform-state", "cloudformation":
		return true
	}
	return false
}

// docCounter counts the documents (and input errors) of each input.
type docCounter struct {
	n    map[string]int
	last string
}

func newDocCounter() *docCounter { return &docCounter{n: map[string]int{}} }

func (d *docCounter) count(b *docBatch) {
	for i := range b.outs {
		in := b.outs[i].doc.Input
		if in == d.last {
			continue // counted: only emptiness matters
		}
		d.last = in
		d.n[in]++
	}
}

// reportEmpty reports each input that held no document as an input error:
// an empty file, [] or {} is what a broken export step leaves, and a run
// over it must not pass.
func reportEmpty(rep report.Writer, sum *report.Summary, sources []source, docs *docCounter) error {
	for _, s := range sources {
		// A dump's documents are named by their response files, not
		// by the dump: it held documents when it held response files.
		if docs.n[s.name] > 0 || (s.dump != nil && s.dump.Files > 0) {
			continue
		}
		sum.InputErrors++
		err := rep.Result(&report.Record{Entity: s.name, Err: "no documents in the input (an empty file, [] or {}); use --allow-empty if that is expected",
			Input: s.name, Location: s.name})
		if err != nil {
			return err
		}
	}
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
// another: only for a writer that keeps no record once Result returns
// (every report.Writer).
func reportOutcome(rep report.Writer, metas []*ruleMeta, g *gate, sum *report.Summary, o *docOutcome, scratch *report.Record) error {
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
		return rep.Result(&report.Record{Entity: o.entity(), Err: msg, Input: o.doc.Input, Line: o.doc.Line, Location: o.entity()})
	case o.err != nil:
		sum.Documents++
		sum.Malformed++
		sum.InputErrors++
		return rep.Result(&report.Record{Entity: o.entity(), Type: o.typ, Err: o.err.Error(), Input: o.doc.Input, Line: o.doc.Line, Col: o.doc.CharCol(), Location: o.doc.Label()})
	}
	sum.Documents++
	sum.Evaluated++
	sum.Count(eval.Skip, o.skipped)
	if len(o.results) == 0 {
		return nil // most documents, when other types' skips are only counted
	}
	entity, loc, col := o.entity(), o.doc.Label(), o.doc.CharCol()
	for _, r := range o.results {
		rec := scratch
		if rec == nil {
			rec = new(report.Record)
		}
		*rec = report.Record{
			Rule: &metas[r.rule].Rule, RuleIndex: r.rule, Status: r.res.Status,
			Entity: entity, Type: o.typ, Evidence: r.res.Evidence, Err: errText(r.res.Err),
			Input: o.doc.Input, Line: o.doc.Line, Col: col, Location: loc,
		}
		g.judge(rec, o.doc.Data)
		countRecord(sum, rec, g)
		if err := rep.Result(rec); err != nil {
			return err
		}
	}
	return nil
}

// batchWriter is a report writer whose records are independent of each
// other (JSON lines, report.JSONWriter): the workers of a run render them,
// and the writer only copies the text out in order.
type batchWriter interface {
	report.Writer
	// Renderer returns a renderer for one worker.
	Renderer() *report.JSONRenderer
	// WriteRendered writes n records a renderer appended to text, each
	// preceded by ",\n" (see renderBatch).
	WriteRendered(text []byte, n int) error
}

// renderBatch reports the outcomes of b through rr, in a worker: the
// records go to b.text, each preceded by ",\n", and their counts to b.sum.
func renderBatch(rr *report.JSONRenderer, metas []*ruleMeta, g *gate, b *docBatch) {
	rep := &batchRecords{rr: rr, b: b}
	for i := range b.outs {
		reportOutcome(rep, metas, g, &b.sum, &b.outs[i], &rep.scratch) // never fails
	}
	b.rendered = true
}

// batchRecords is the writer renderBatch reports through.
type batchRecords struct {
	rr      *report.JSONRenderer
	b       *docBatch
	scratch report.Record // each record in turn: a renderer keeps none
}

func (r *batchRecords) Result(rec *report.Record) error {
	n := len(r.b.text)
	text, ok := r.rr.AppendRecord(append(r.b.text, ",\n"...), rec)
	if !ok {
		r.b.text = text[:n]
		return nil
	}
	r.b.text = text
	r.b.nrec++
	return nil
}

func (r *batchRecords) Finish(*report.Summary) error { return nil }

// exitCode maps a summary to the process exit code: 2 for errors (input
// errors or rule errors), else 1 for failures that are not tolerated,
// else 0. Suppressed failures are not in Fail.
func exitCode(s *report.Summary) int {
	switch {
	case s.InputErrors > 0 || s.Error > 0:
		return exitError
	case s.Fail > s.Tolerated:
		return exitFindings
	}
	return exitOK
}

// reportSpec is one --report FORMAT=FILE.
type reportSpec struct {
	format, file string
}

// parseReportSpecs reads the --report flags.
func parseReportSpecs(args []string) ([]reportSpec, error) {
	var out []reportSpec
	seen := map[string]bool{}
	for _, a := range args {
		f, file, ok := strings.Cut(a, "=")
		if !ok || file == "" {
			return nil, usagef("--report %q: want FORMAT=FILE, e.g. sarif=results.sarif", a)
		}
		if !slices.Contains(report.Formats(), f) {
			return nil, usagef("--report %q: unknown format %q (want %s)", a, f, strings.Join(report.Formats(), ", "))
		}
		if file == "-" {
			return nil, usagef("--report %q: reports go to files; the --format report goes to stdout", a)
		}
		if seen[file] {
			return nil, usagef("--report: %s named twice", file)
		}
		seen[file] = true
		out = append(out, reportSpec{f, file})
	}
	return out, nil
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
		if fi.IsDir() && inventory.IsAPIDump(a) {
			sources = append(sources, source{name: a, dump: new(inventory.APIDumpSummary)})
			continue
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
