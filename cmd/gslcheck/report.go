package main

// This file holds the model shared by the `run` output formats: the rules
// being run, one record per (rule, entity) result or input error, and the
// summary counts.

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/lang"
)

// ruleMeta describes one rule being run.
type ruleMeta struct {
	Bundle        string // bundle id, "" for a rule given with --rule
	BundleName    string
	BundleVersion string
	ID            string
	Name          string
	Severity      string
	Description   string
	Remediation   string
	Compliance    map[string][]string
	Logic         string
	Source        string // the file that defines the rule, "" when none
	LogicLine     int    // where Logic starts in Source (1-based), 0 if unknown
	LogicColumn   int
	Target        string // "Instance" or "List<Instance>", "" when unknown

	src *bundles.Rule // the bundle rule, nil for --rule text
}

// complianceTags flattens the compliance map as "FRAMEWORK CONTROL" strings
// in a stable order.
func (m *ruleMeta) complianceTags() []string {
	var tags []string
	frameworks := make([]string, 0, len(m.Compliance))
	for f := range m.Compliance {
		frameworks = append(frameworks, f)
	}
	sort.Strings(frameworks)
	for _, f := range frameworks {
		for _, c := range m.Compliance[f] {
			tags = append(tags, f+" "+c)
		}
	}
	return tags
}

// record is one line of a run report: a rule's result on an entity (rule
// set) or an input error (rule nil).
type record struct {
	rule     *ruleMeta
	ruleIdx  int
	status   eval.Status
	entity   string // document id, or its position
	typ      string // entity type
	evidence []eval.Evidence
	err      string // error text (Error results and input errors)
	input    string // input file, "" for List<> results
	line     int    // line in input where the document starts, 0 if unknown
	col      int    // its column there in characters (code points), 0 if unknown
	location string // the document's position label ("" for List<> results)

	suppressed *exception    // the exception that suppresses a failure, or nil
	baseline   baselineState // what the baseline says of a failure
}

// message is the one-line explanation of a record.
func (r *record) message() string {
	switch {
	case r.rule == nil || r.status == eval.Error:
		return r.err
	case r.status == eval.Fail && len(r.evidence) > 0:
		parts := make([]string, len(r.evidence))
		for i, e := range r.evidence {
			parts[i] = e.Path + " = " + compactValue(e.Value)
		}
		return strings.Join(parts, "; ")
	case r.status == eval.Fail:
		return r.rule.Name
	}
	return ""
}

// summary counts what a run saw.
type summary struct {
	Documents   int `json:"documents"`   // documents read, malformed ones included
	Evaluated   int `json:"evaluated"`   // documents evaluated
	Malformed   int `json:"malformed"`   // documents that could not be evaluated
	InputErrors int `json:"inputErrors"` // malformed documents plus unreadable inputs
	Rules       int `json:"rules"`
	Results     int `json:"results"` // rule results, skips included
	Pass        int `json:"pass"`
	Fail        int `json:"fail"`
	Error       int `json:"error"`
	Skip        int `json:"skip"`
	// Suppressed counts failures an exception suppresses (not in Fail).
	Suppressed int `json:"suppressed,omitempty"`
	// InBaseline counts failures the baseline holds (in Fail).
	InBaseline int `json:"inBaseline,omitempty"`
	// Fixed counts the baseline's failures this run did not find.
	Fixed int `json:"fixed,omitempty"`
	// Tolerated counts failures that leave the run green: in the baseline,
	// or below --fail-on (in Fail).
	Tolerated int `json:"tolerated,omitempty"`
}

func (s *summary) count(st eval.Status, n int) {
	s.Results += n
	switch st {
	case eval.Pass:
		s.Pass += n
	case eval.Fail:
		s.Fail += n
	case eval.Error:
		s.Error += n
	case eval.Skip:
		s.Skip += n
	}
}

// exitCode maps a summary to the process exit code: 2 for errors (input
// errors or rule errors), else 1 for failures that are not tolerated,
// else 0. Suppressed failures are not in Fail.
func (s *summary) exitCode() int {
	switch {
	case s.InputErrors > 0 || s.Error > 0:
		return exitError
	case s.Fail > s.Tolerated:
		return exitFindings
	}
	return exitOK
}

// reporter writes one output format. result is called in order for every
// record to report; finish once at the end.
type reporter interface {
	result(r *record) error
	finish(s *summary) error
}

// reportOptions configure the reporters.
type reportOptions struct {
	w           io.Writer
	rules       []*ruleMeta
	showSkipped bool
	style       *style
	// failuresOnly leaves passes (and skips) out of JSON and JUnit.
	failuresOnly bool
	// sarifMax bounds the results of a SARIF report (0: no bound).
	sarifMax int
}

// keeps reports whether a report keeps a rule result of status st.
func (o *reportOptions) keeps(st eval.Status) bool {
	switch st {
	case eval.Pass:
		return !o.failuresOnly
	case eval.Skip:
		return o.showSkipped && !o.failuresOnly
	}
	return true
}

// multiReporter writes several reports from the same records.
type multiReporter []reporter

func (m multiReporter) result(r *record) error {
	for _, rep := range m {
		if err := rep.result(r); err != nil {
			return err
		}
	}
	return nil
}

func (m multiReporter) finish(s *summary) error {
	var first error
	for _, rep := range m {
		if err := rep.finish(s); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (m multiReporter) fixed(f []*baselineFinding) error {
	for _, rep := range m {
		if fr, ok := rep.(fixedReporter); ok {
			if err := fr.fixed(f); err != nil {
				return err
			}
		}
	}
	return nil
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
		switch f {
		case "text", "json", "sarif", "junit":
		default:
			return nil, usagef("--report %q: unknown format %q (want text, json, sarif or junit)", a, f)
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

func newReporter(format string, o reportOptions) (reporter, error) {
	switch format {
	case "text", "":
		return newTextReporter(o), nil
	case "json":
		return newJSONReporter(o), nil
	case "sarif":
		return newSARIFReporter(o), nil
	case "junit":
		return newJUnitReporter(o), nil
	}
	return nil, fmt.Errorf("unknown format %q (want text, json, sarif or junit)", format)
}

// spanJSON is a rule-relative source range.
type spanJSON struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine,omitempty"`
	EndColumn int `json:"endColumn,omitempty"`
}

func spanOf(s lang.Span) *spanJSON {
	if !s.Start.IsValid() {
		return nil
	}
	j := &spanJSON{Line: s.Start.Line, Column: s.Start.Column}
	if s.End.IsValid() {
		j.EndLine, j.EndColumn = s.End.Line, s.End.Column
	}
	return j
}

// writeJSON writes v to w as indented JSON, without HTML escaping: the
// shape of every JSON report that is written as one document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
