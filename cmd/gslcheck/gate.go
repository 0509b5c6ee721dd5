package main

// This file decides what each failure means for a run: suppressed by an
// exception, known from the baseline, below --fail-on, or failing the run.

import (
	"github.com/gsl-lang/gsl/eval"

	"github.com/gsl-lang/gsl/report"
)

// gate holds what a run judges its failures by. A nil gate fails the run
// on any failure.
type gate struct {
	failOn     int           // the report.SeverityRank at and above which failures fail the run
	exceptions *exceptionSet // nil: none
	baseline   *baseline     // nil: none
}

// judge marks a failure record as suppressed or known. doc is the
// document it failed on, nil for a List<> group. It is called by the
// workers of a run at once: what it changes in the gate is atomic.
func (g *gate) judge(r *report.Record, doc []byte) {
	if g == nil || r.Rule == nil || r.Status != eval.Fail {
		return
	}
	if x := g.exceptions.match(r.Rule.ID, r.Entity, doc); x != nil {
		r.Suppression = x.sup
	}
	r.Baseline = g.baseline.state(r)
}

// tolerates reports whether a failure (not suppressed) leaves the run
// green: it is in the baseline, or its rule is below --fail-on.
func (g *gate) tolerates(r *report.Record) bool {
	if g == nil {
		return false
	}
	// No rank is below 0, the threshold without --fail-on.
	return r.Baseline == report.BaselineUnchanged || (g.failOn > 0 && report.SeverityRank(r.Rule.Severity) < g.failOn)
}

// countRecord counts a judged rule result in s.
func countRecord(s *report.Summary, r *report.Record, g *gate) {
	if r.Status == eval.Fail && r.Suppression != nil {
		s.Results++
		s.Suppressed++
		return
	}
	s.Count(r.Status, 1)
	if r.Status != eval.Fail {
		return
	}
	if r.Baseline == report.BaselineUnchanged {
		s.InBaseline++
	}
	if g.tolerates(r) {
		s.Tolerated++
	}
}
