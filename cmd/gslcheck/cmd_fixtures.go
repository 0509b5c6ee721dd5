package main

// This file implements `gslcheck test`: it runs the fixtures of bundles
// through bundles.RunCases and reports expected against actual statuses.

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/bundles"
)

// testBundle is one bundle's fixture run.
type testBundle struct {
	b       *bundles.Bundle
	results []bundles.CaseResult
	err     error    // fixtures that could not be read
	missing []string // rules without a pass or a fail case
	elapsed time.Duration
}

func (c *testCmd) Run(e *env) error {
	var filter *regexp.Regexp
	if c.Filter != "" {
		re, err := regexp.Compile(c.Filter)
		if err != nil {
			return usagef("--run: %v", err)
		}
		filter = re
	}
	var runs []*testBundle
	seen := map[string]bool{}
	for _, p := range c.Paths {
		bs, err := resolveBundles(p)
		if err != nil {
			return err
		}
		for _, b := range bs {
			key := b.ID + "\x00" + b.Source
			if seen[key] {
				continue
			}
			seen[key] = true
			runs = append(runs, runFixtures(b, filter))
		}
	}
	var read []string
	for _, r := range runs {
		read = append(read, fixtureFiles(r.b)...)
	}
	if err := outputIsNotInput(c.Output, read); err != nil {
		return err
	}
	out, closeOut, err := openOutput(c.Output, e.stdout)
	if err != nil {
		return err
	}
	st := e.style
	if c.Output != "" {
		st = &style{on: e.color == "always"}
	}
	switch c.Format {
	case "json":
		err = writeTestJSON(out, runs)
	case "junit":
		err = writeTestJUnit(out, runs)
	default:
		err = writeTestText(out, st, runs, c.Verbose)
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	e.code = exitOK
	for _, r := range runs {
		if r.err != nil {
			e.code = exitError
		}
		for _, cr := range r.results {
			if !cr.Passed() && e.code == exitOK {
				e.code = exitFindings
			}
		}
	}
	return nil
}

// fixtureFiles returns b's file and its fixture files (tests/*.yaml and
// tests/*.yml beside it).
func fixtureFiles(b *bundles.Bundle) []string {
	files := []string{b.Source}
	tests := filepath.Join(filepath.Dir(b.Source), "tests")
	for _, pattern := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(tests, pattern))
		files = append(files, m...)
	}
	return files
}

// runFixtures reads b's cases and runs those matching filter.
func runFixtures(b *bundles.Bundle, filter *regexp.Regexp) *testBundle {
	start := time.Now()
	t := &testBundle{b: b}
	cases, err := b.Cases()
	t.err = err
	if filter != nil {
		kept := cases[:0]
		for _, c := range cases {
			if filter.MatchString(c.Name) {
				kept = append(kept, c)
			}
		}
		cases = kept
	}
	t.results = bundles.RunCases(b, cases, nil)
	if filter == nil {
		cov := bundles.Coverage(b, cases)
		for _, r := range b.Rules {
			has := strings.Join(cov[r.ID], ",")
			if !strings.Contains(has, "pass") || !strings.Contains(has, "fail") {
				t.missing = append(t.missing, r.ID)
			}
		}
	}
	t.elapsed = time.Since(start)
	return t
}

// counts returns the cases that passed and failed.
func (t *testBundle) counts() (passed, failed int) {
	for _, r := range t.results {
		if r.Passed() {
			passed++
		} else {
			failed++
		}
	}
	return
}

func writeTestText(w io.Writer, st *style, runs []*testBundle, verbose bool) error {
	var b strings.Builder
	totalPassed, totalFailed, broken := 0, 0, 0
	for _, t := range runs {
		if t.err != nil {
			broken++
			fmt.Fprintf(&b, "%s %s: %v\n", st.purple("ERROR"), t.b.ID, t.err)
		}
		for _, r := range t.results {
			if r.Passed() {
				if verbose {
					fmt.Fprintf(&b, "%s %s  %s\n", st.green("--- PASS:"), r.Case.Name, st.dim(r.Case.Source))
				}
				continue
			}
			fmt.Fprintf(&b, "%s %s  %s\n", st.red("--- FAIL:"), r.Case.Name, st.dim(r.Case.Source))
			if r.Err != nil {
				fmt.Fprintf(&b, "    %s\n", indentLines(r.Err.Error(), "    "))
			}
			for _, o := range r.Outcomes {
				if o.OK() {
					continue
				}
				fmt.Fprintf(&b, "    %s: want %s, got %s\n", st.bold(o.Rule), o.Want, st.red(o.Got))
				if o.Err != nil && o.Got == "error" {
					fmt.Fprintf(&b, "        %s\n", o.Err)
				}
				for _, ev := range o.Evidence {
					fmt.Fprintf(&b, "        %s\n", ev)
				}
			}
		}
		passed, failed := t.counts()
		totalPassed += passed
		totalFailed += failed
		status := st.green("ok  ")
		if failed > 0 || t.err != nil {
			status = st.red("FAIL")
		}
		fmt.Fprintf(&b, "%s %s  %d %s, %d passed, %d failed  (%s)\n", status, t.b.ID,
			len(t.results), plural(len(t.results), "case", "cases"), passed, failed, seconds(t.elapsed)+"s")
		if len(t.missing) > 0 {
			fmt.Fprintf(&b, "     %s %s: %s\n", st.yellow("warning:"),
				"rules without both a pass and a fail case", strings.Join(t.missing, ", "))
		}
	}
	summary := fmt.Sprintf("%d %s, %d %s: %d passed, %d failed",
		len(runs), plural(len(runs), "bundle", "bundles"),
		totalPassed+totalFailed, plural(totalPassed+totalFailed, "case", "cases"), totalPassed, totalFailed)
	if broken > 0 {
		summary += fmt.Sprintf("; %d %s with unreadable fixtures", broken, plural(broken, "bundle", "bundles"))
	}
	b.WriteString(summary + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func indentLines(s, indent string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+indent)
}

// JSON output of `test`.
type testReportJSON struct {
	Bundles []testBundleJSON `json:"bundles"`
	Summary testSummaryJSON  `json:"summary"`
}

type testBundleJSON struct {
	ID               string         `json:"id"`
	Source           string         `json:"source"`
	Cases            []testCaseJSON `json:"cases"`
	Error            string         `json:"error,omitempty"`
	RulesWithoutBoth []string       `json:"rulesWithoutPassAndFail,omitempty"`
}

type testCaseJSON struct {
	Name     string            `json:"name"`
	Source   string            `json:"source"`
	Passed   bool              `json:"passed"`
	Error    string            `json:"error,omitempty"`
	Outcomes []testOutcomeJSON `json:"outcomes"`
}

type testOutcomeJSON struct {
	Rule     string   `json:"rule"`
	Expected string   `json:"expected,omitempty"`
	Actual   string   `json:"actual"`
	OK       bool     `json:"ok"`
	Evidence []string `json:"evidence,omitempty"`
	Error    string   `json:"error,omitempty"`
}

type testSummaryJSON struct {
	Bundles int `json:"bundles"`
	Cases   int `json:"cases"`
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Errors  int `json:"errors"`
}

func writeTestJSON(w io.Writer, runs []*testBundle) error {
	rep := testReportJSON{Bundles: []testBundleJSON{}}
	rep.Summary.Bundles = len(runs)
	for _, t := range runs {
		bj := testBundleJSON{ID: t.b.ID, Source: t.b.Source, Cases: []testCaseJSON{}, RulesWithoutBoth: t.missing}
		if t.err != nil {
			bj.Error = t.err.Error()
			rep.Summary.Errors++
		}
		for _, r := range t.results {
			cj := testCaseJSON{Name: r.Case.Name, Source: r.Case.Source, Passed: r.Passed(), Error: errText(r.Err), Outcomes: []testOutcomeJSON{}}
			for _, o := range r.Outcomes {
				oj := testOutcomeJSON{Rule: o.Rule, Expected: o.Want, Actual: o.Got, OK: o.OK(), Evidence: o.Evidence}
				if o.Got == "error" {
					oj.Error = errText(o.Err)
				}
				cj.Outcomes = append(cj.Outcomes, oj)
			}
			rep.Summary.Cases++
			if cj.Passed {
				rep.Summary.Passed++
			} else {
				rep.Summary.Failed++
			}
			bj.Cases = append(bj.Cases, cj)
		}
		rep.Bundles = append(rep.Bundles, bj)
	}
	return writeJSON(w, rep)
}

// writeTestJUnit writes one testsuite per bundle and one testcase per
// (case, expected rule); a case whose documents could not be evaluated is
// one testcase with an error.
func writeTestJUnit(w io.Writer, runs []*testBundle) error {
	doc := junitSuites{Name: "gslcheck test"}
	var total time.Duration
	for _, t := range runs {
		total += t.elapsed
		s := junitSuite{Name: t.b.ID, Time: seconds(t.elapsed)}
		if t.err != nil {
			s.add(junitCase{Name: "fixtures", Classname: t.b.ID, Error: &junitProblem{Message: t.err.Error(), Type: "FixtureError"}})
		}
		for _, r := range t.results {
			class := t.b.ID + "." + fixtureFile(r.Case.Source)
			if r.Err != nil {
				s.add(junitCase{Name: r.Case.Name, Classname: class,
					Error: &junitProblem{Message: "a document could not be evaluated", Type: "DocumentError", Text: r.Err.Error()}})
			}
			for _, o := range r.Outcomes {
				if o.Want == "" {
					continue
				}
				c := junitCase{Name: r.Case.Name + " [" + o.Rule + "]", Classname: class}
				if !o.OK() {
					text := r.Case.Source + "\n"
					if o.Err != nil {
						text += o.Err.Error() + "\n"
					}
					for _, ev := range o.Evidence {
						text += ev + "\n"
					}
					c.Failure = &junitProblem{Message: fmt.Sprintf("%s: want %s, got %s", o.Rule, o.Want, o.Got), Type: "UnexpectedStatus", Text: text}
				}
				s.add(c)
			}
		}
		doc.Suites = append(doc.Suites, s)
	}
	return doc.write(w, total)
}

// fixtureFile is the base name, without extension, of a case's file
// ("bundles/hipaa/tests/ec2.yaml:12" -> "ec2").
func fixtureFile(source string) string {
	if i := strings.LastIndexByte(source, ':'); i >= 0 {
		source = source[:i]
	}
	if i := strings.LastIndexAny(source, `/\`); i >= 0 {
		source = source[i+1:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(source, ".yaml"), ".yml")
}
