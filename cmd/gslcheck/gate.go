package main

// This file decides what each failure means for a run: suppressed by an
// exception, known from the baseline, below --fail-on, or failing the run.

import "github.com/gsl-lang/gsl/eval"

// gate holds what a run judges its failures by. A nil gate fails the run
// on any failure.
type gate struct {
	failOn     int           // the severityRank at and above which failures fail the run
	exceptions *exceptionSet // nil: none
	baseline   *baseline     // nil: none
}

// judge marks a failure record as suppressed or known. doc is the
// document it failed on, nil for a List<> group. It is called by the
// workers of a run at once: what it changes in the gate is atomic.
func (g *gate) judge(r *record, doc []byte) {
	if g == nil || r.rule == nil || r.status != eval.Fail {
		return
	}
	r.suppressed = g.exceptions.match(r.rule.ID, r.entity, doc)
	r.baseline = g.baseline.state(r)
}

// tolerates reports whether a failure (not suppressed) leaves the run
// green: it is in the baseline, or its rule is below --fail-on.
func (g *gate) tolerates(r *record) bool {
	if g == nil {
		return false
	}
	return r.baseline == baselineUnchanged || severityRank(r.rule.Severity) < g.failOn
}

// countRecord counts a judged rule result.
func (s *summary) countRecord(r *record, g *gate) {
	if r.status == eval.Fail && r.suppressed != nil {
		s.Results++
		s.Suppressed++
		return
	}
	s.count(r.status, 1)
	if r.status != eval.Fail {
		return
	}
	if r.baseline == baselineUnchanged {
		s.InBaseline++
	}
	if g.tolerates(r) {
		s.Tolerated++
	}
}
