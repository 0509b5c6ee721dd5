package main

// This file writes the `run` report as JUnit XML: one testsuite per rule,
// one testcase per (rule, entity) result, and a testsuite for input errors.

import (
	"fmt"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/eval"
)

type junitReporter struct {
	o      reportOptions
	start  time.Time
	suites []junitSuite
	input  junitSuite
}

func newJUnitReporter(o reportOptions) *junitReporter {
	j := &junitReporter{o: o, start: time.Now(), suites: make([]junitSuite, len(o.rules))}
	for i, m := range o.rules {
		s := &j.suites[i]
		s.Name = m.ID
		if m.Name != "" {
			s.Name += ": " + m.Name
		}
		props := []junitProperty{{Name: "severity", Value: m.Severity}}
		if m.Bundle != "" {
			props = append(props, junitProperty{Name: "bundle", Value: m.Bundle})
		}
		for _, tag := range m.complianceTags() {
			props = append(props, junitProperty{Name: "compliance", Value: tag})
		}
		s.Properties = &junitProperties{List: props}
	}
	j.input.Name = "input errors"
	return j
}

func (j *junitReporter) result(r *record) error {
	if r.rule == nil {
		j.input.add(junitCase{
			Name:      r.entity,
			Classname: "input",
			Error:     &junitProblem{Message: r.err, Type: "InputError"},
		})
		return nil
	}
	c := junitCase{Name: r.entity, Classname: classname(r.rule)}
	if r.typ != "" {
		c.Name += " (" + r.typ + ")"
	}
	switch r.status {
	case eval.Fail:
		c.Failure = &junitProblem{Message: r.message(), Type: r.rule.Severity, Text: details(r)}
	case eval.Error:
		c.Error = &junitProblem{Message: r.err, Type: "RuleError", Text: details(r)}
	case eval.Skip:
		if !j.o.showSkipped {
			return nil
		}
		c.Skipped = &junitSkipped{Message: "not applicable"}
	}
	j.suites[r.ruleIdx].add(c)
	return nil
}

// classname groups test cases as bundle.rule.
func classname(m *ruleMeta) string {
	if m.Bundle == "" {
		return m.ID
	}
	return m.Bundle + "." + m.ID
}

// details is the body of a failure: where the entity is and the evidence.
func details(r *record) string {
	var b strings.Builder
	if r.location != "" {
		fmt.Fprintf(&b, "at %s\n", r.location)
	}
	for _, e := range r.evidence {
		fmt.Fprintf(&b, "%s = %s\n", e.Path, compactValue(e.Value))
	}
	return b.String()
}

func (j *junitReporter) finish(*summary) error {
	doc := junitSuites{Name: "gslcheck run", Suites: j.suites}
	if j.input.Tests > 0 {
		doc.Suites = append(doc.Suites, j.input)
	}
	return doc.write(j.o.w, time.Since(j.start))
}
