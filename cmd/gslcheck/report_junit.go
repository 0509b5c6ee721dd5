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
	locs   []caseLoc // the cases of rule suites that have a location
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
		c := junitCase{
			Name:      r.entity,
			Classname: "input",
			Error:     &junitProblem{Message: r.err, Type: "InputError"},
		}
		placeCase(&c, r)
		j.input.add(c)
		return nil
	}
	c := junitCase{Name: r.entity, Classname: classname(r.rule)}
	if r.typ != "" {
		c.Name += " (" + r.typ + ")"
	}
	placeCase(&c, r)
	switch {
	case r.suppressed != nil:
		c.Skipped = &junitSkipped{Message: "suppressed: " + r.suppressed.Reason + " (" + r.suppressed.where() + ")"}
	case r.status == eval.Fail:
		c.Failure = &junitProblem{Message: r.message(), Type: r.rule.Severity, Text: details(r)}
	case r.status == eval.Error:
		c.Error = &junitProblem{Message: r.err, Type: "RuleError", Text: details(r)}
	case !j.o.keeps(r.status):
		return nil
	case r.status == eval.Skip:
		c.Skipped = &junitSkipped{Message: "not applicable"}
	}
	j.suites[r.ruleIdx].add(c)
	if r.location != "" {
		j.locs = append(j.locs, caseLoc{suite: r.ruleIdx, index: len(j.suites[r.ruleIdx].Cases) - 1, location: r.location})
	}
	return nil
}

// caseLoc remembers where the document of a test case is.
type caseLoc struct {
	suite, index int
	location     string
}

// placeCase gives every test case of a document, passing or not, the
// document's file and line.
func placeCase(c *junitCase, r *record) {
	if r.input != "" && r.input != stdinName {
		c.File, c.Line = r.input, r.line
	}
}

// disambiguate appends " at LOCATION" to the names of the test cases that
// share their name with another of the same suite (the same id in two
// files, or twice in one): CI tools tell test cases apart by classname and
// name. Names that are unique stay as they are, stable from run to run.
func (j *junitReporter) disambiguate() {
	count := map[[2]string]int{}
	key := func(l caseLoc) [2]string {
		c := &j.suites[l.suite].Cases[l.index]
		return [2]string{c.Classname, c.Name}
	}
	for _, l := range j.locs {
		count[key(l)]++
	}
	for _, l := range j.locs {
		if count[key(l)] > 1 {
			c := &j.suites[l.suite].Cases[l.index]
			c.Name += " at " + l.location
		}
	}
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
	j.disambiguate()
	doc := junitSuites{Name: "gslcheck run", Suites: j.suites}
	if j.input.Tests > 0 {
		doc.Suites = append(doc.Suites, j.input)
	}
	return doc.write(j.o.w, time.Since(j.start))
}
