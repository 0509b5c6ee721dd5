package main

// This file reads a baseline (--baseline REPORT.json, a previous JSON
// report of run): findings it holds are known, only new ones fail the
// run, and the ones it holds that are gone are listed as fixed.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sync/atomic"

	"github.com/gsl-lang/gsl/report"
)

// findingKey identifies a finding across runs: the same rule of the same
// bundle failing on the same entity (as the SARIF fingerprint does).
type findingKey struct {
	bundle, rule, typ, entity string
}

// baselineFinding is a finding of the baseline.
type baselineFinding struct {
	key  findingKey
	name string // the rule's name
	seen atomic.Bool
}

// baseline is the findings of a previous report.
type baseline struct {
	file     string
	index    map[findingKey]*baselineFinding
	findings []*baselineFinding // in the report's order
}

// loadBaseline reads the findings (status fail or suppressed) of a JSON
// report, streaming its results.
func loadBaseline(file string) (*baseline, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", file, unwrapPathError(err))
	}
	defer f.Close()
	b := &baseline{file: file, index: map[findingKey]*baselineFinding{}}
	dec := json.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	bad := func(err error) error {
		return fmt.Errorf("baseline %s: not a gslcheck JSON report (run --format json): %v (at byte %d)", file, err, dec.InputOffset())
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, bad(fmt.Errorf("want an object"))
	}
	found := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		if t != "results" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, bad(err)
			}
			continue
		}
		found = true
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return nil, bad(fmt.Errorf("results is not an array"))
		}
		for dec.More() {
			var r struct {
				Rule, Name, Bundle, Entity, Type, Status string
			}
			if err := dec.Decode(&r); err != nil {
				return nil, bad(err)
			}
			if r.Rule == "" || (r.Status != "fail" && r.Status != "suppressed") {
				continue
			}
			k := findingKey{r.Bundle, r.Rule, r.Type, r.Entity}
			if b.index[k] == nil {
				bf := &baselineFinding{key: k, name: r.Name}
				b.index[k] = bf
				b.findings = append(b.findings, bf)
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, bad(err)
		}
	}
	if !found {
		return nil, bad(fmt.Errorf("no results"))
	}
	return b, nil
}

// state says whether a finding is in the baseline, and marks it seen.
func (b *baseline) state(r *report.Record) report.BaselineState {
	if b == nil {
		return report.BaselineNone
	}
	bf := b.index[findingKey{r.Rule.Bundle, r.Rule.ID, r.Type, r.Entity}]
	if bf == nil {
		return report.BaselineNew
	}
	bf.seen.Store(true)
	return report.BaselineUnchanged
}

// fixed returns the baseline's findings that this run did not find.
func (b *baseline) fixed() []*baselineFinding {
	if b == nil {
		return nil
	}
	var out []*baselineFinding
	for _, f := range b.findings {
		if !f.seen.Load() {
			out = append(out, f)
		}
	}
	return out
}
