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
	"github.com/gsl-lang/gsl/internal/junitxml"
	"github.com/gsl-lang/gsl/internal/textout"
)

// testBundle is one bundle's fixture run.
type testBundle struct {
	b        *bundles.Bundle
	results  []bundles.CaseResult
	err      error     // fixtures that could not be read
	missing  []string  // rules without a pass or a fail case
	noCases  bool      // the bundle has rules and no fixture at all
	problems []problem // rules that do not compile
	elapsed  time.Duration
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
		st = &style{On: e.color == "always"}
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
		if r.err != nil || len(r.problems) > 0 {
			e.code = exitError
		}
		failed := r.noCases
		for _, cr := range r.results {
			failed = failed || !cr.Passed()
		}
		if failed && e.code == exitOK {
			e.code = exitFindings
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
	t.checkCompiles()
	if filter == nil && t.err == nil && len(cases) == 0 && len(b.Rules) > 0 {
		t.noCases = true
	}
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

// compileErrorStatus is the actual status of a rule that does not compile.
// RunCases reports such a rule as "error" in every case, which a case
// expecting an evaluation error would take for a pass.
const compileErrorStatus = "compile-error"

// checkCompiles finds the rules of t's bundle that do not compile, keeps
// their problems (with positions in the bundle file) and turns their
// outcomes into compileErrorStatus, which no case expects: a case that
// expects anything of such a rule fails.
func (t *testBundle) checkCompiles() {
	bad := map[string]error{}
	for i := range t.b.Rules {
		m := metaOf(t.b, &t.b.Rules[i])
		_, err := m.compile(nil)
		if err == nil {
			continue
		}
		t.problems = append(t.problems, problemsOf(m, err)...)
		bad[t.b.Rules[i].ID] = err
	}
	if len(bad) == 0 {
		return
	}
	for i := range t.results {
		for j := range t.results[i].Outcomes {
			o := &t.results[i].Outcomes[j]
			if err, ok := bad[o.Rule]; ok {
				o.Got, o.Err = compileErrorStatus, err
			}
		}
	}
}

// failed reports whether t fails for a reason other than a case: a rule
// that does not compile, or no fixtures at all.
func (t *testBundle) failed() bool { return len(t.problems) > 0 || t.noCases }

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
	totalPassed, totalFailed, broken, badRules, noFixtures := 0, 0, 0, 0, 0
	for _, t := range runs {
		if t.err != nil {
			broken++
			fmt.Fprintf(&b, "%s %s: %v\n", st.Purple("ERROR"), t.b.ID, t.err)
		}
		for _, p := range t.problems {
			writeProblem(&b, st, p)
		}
		if len(t.problems) > 0 {
			badRules++
		}
		if t.noCases {
			noFixtures++
			fmt.Fprintf(&b, "%s %s: %d %s and no fixtures (tests/*.yaml beside %s)\n", st.Red("--- FAIL:"), t.b.ID,
				len(t.b.Rules), textout.Plural(len(t.b.Rules), "rule", "rules"), t.b.Source)
		}
		for _, r := range t.results {
			if r.Passed() {
				if verbose {
					fmt.Fprintf(&b, "%s %s  %s\n", st.Green("--- PASS:"), r.Case.Name, st.Dim(r.Case.Source))
				}
				continue
			}
			fmt.Fprintf(&b, "%s %s  %s\n", st.Red("--- FAIL:"), r.Case.Name, st.Dim(r.Case.Source))
			if r.Err != nil {
				fmt.Fprintf(&b, "    %s\n", indentLines(r.Err.Error(), "    "))
			}
			for _, o := range r.Outcomes {
				if o.OK() {
					continue
				}
				fmt.Fprintf(&b, "    %s: want %s, got %s\n", st.Bold(o.Rule), o.Want, st.Red(o.Got))
				if o.Err != nil && (o.Got == "error" || o.Got == compileErrorStatus) {
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
		status := st.Green("ok  ")
		if failed > 0 || t.err != nil || t.failed() {
			status = st.Red("FAIL")
		}
		fmt.Fprintf(&b, "%s %s  %d %s, %d passed, %d failed  (%s)\n", status, t.b.ID,
			len(t.results), textout.Plural(len(t.results), "case", "cases"), passed, failed, junitxml.Seconds(t.elapsed)+"s")
		if len(t.missing) > 0 {
			fmt.Fprintf(&b, "     %s %s: %s\n", st.Yellow("warning:"),
				"rules without both a pass and a fail case", strings.Join(t.missing, ", "))
		}
	}
	summary := fmt.Sprintf("%d %s, %d %s: %d passed, %d failed",
		len(runs), textout.Plural(len(runs), "bundle", "bundles"),
		totalPassed+totalFailed, textout.Plural(totalPassed+totalFailed, "case", "cases"), totalPassed, totalFailed)
	if broken > 0 {
		summary += fmt.Sprintf("; %d %s with unreadable fixtures", broken, textout.Plural(broken, "bundle", "bundles"))
	}
	if badRules > 0 {
		summary += fmt.Sprintf("; %d %s with rules that do not compile", badRules, textout.Plural(badRules, "bundle", "bundles"))
	}
	if noFixtures > 0 {
		summary += fmt.Sprintf("; %d %s without fixtures", noFixtures, textout.Plural(noFixtures, "bundle", "bundles"))
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
	RuleErrors       []string       `json:"ruleErrors,omitempty"` // rules that do not compile, as FILE:LINE:COL: ID: MESSAGE
	NoFixtures       bool           `json:"noFixtures,omitempty"` // rules and no case
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
		for _, p := range t.problems {
			var b strings.Builder
			writeProblem(&b, &style{}, p)
			bj.RuleErrors = append(bj.RuleErrors, strings.SplitN(b.String(), "\n", 2)[0])
		}
		if len(t.problems) > 0 {
			rep.Summary.Errors++
		}
		bj.NoFixtures = t.noCases
		for _, r := range t.results {
			cj := testCaseJSON{Name: r.Case.Name, Source: r.Case.Source, Passed: r.Passed(), Error: errText(r.Err), Outcomes: []testOutcomeJSON{}}
			for _, o := range r.Outcomes {
				oj := testOutcomeJSON{Rule: o.Rule, Expected: o.Want, Actual: o.Got, OK: o.OK(), Evidence: o.Evidence}
				if o.Got == "error" || o.Got == compileErrorStatus {
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
	doc := junitxml.Suites{Name: "gslcheck test"}
	var total time.Duration
	for _, t := range runs {
		total += t.elapsed
		s := junitxml.Suite{Name: t.b.ID, Time: junitxml.Seconds(t.elapsed)}
		if t.err != nil {
			s.Add(junitxml.Case{Name: "fixtures", Classname: t.b.ID, Error: &junitxml.Problem{Message: t.err.Error(), Type: "FixtureError"}})
		}
		if t.noCases {
			s.Add(junitxml.Case{Name: "fixtures", Classname: t.b.ID, Failure: &junitxml.Problem{
				Message: fmt.Sprintf("%d rules and no fixtures", len(t.b.Rules)), Type: "NoFixtures"}})
		}
		for _, p := range t.problems {
			var b strings.Builder
			writeProblem(&b, &style{}, p)
			s.Add(junitxml.Case{Name: "compile " + p.RuleID, Classname: t.b.ID, Error: &junitxml.Problem{
				Message: p.Msg, Type: "RuleError", Text: b.String()}})
		}
		for _, r := range t.results {
			class := t.b.ID + "." + fixtureFile(r.Case.Source)
			if r.Err != nil {
				s.Add(junitxml.Case{Name: r.Case.Name, Classname: class,
					Error: &junitxml.Problem{Message: "a document could not be evaluated", Type: "DocumentError", Text: r.Err.Error()}})
			}
			for _, o := range r.Outcomes {
				if o.Want == "" {
					continue
				}
				c := junitxml.Case{Name: r.Case.Name + " [" + o.Rule + "]", Classname: class}
				if !o.OK() {
					text := r.Case.Source + "\n"
					if o.Err != nil {
						text += o.Err.Error() + "\n"
					}
					for _, ev := range o.Evidence {
						text += ev + "\n"
					}
					c.Failure = &junitxml.Problem{Message: fmt.Sprintf("%s: want %s, got %s", o.Rule, o.Want, o.Got), Type: "UnexpectedStatus", Text: text}
				}
				s.Add(c)
			}
		}
		doc.Suites = append(doc.Suites, s)
	}
	return doc.Write(w, total)
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
