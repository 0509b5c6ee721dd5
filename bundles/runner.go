package bundles

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/eval"
	"github.com/tidwall/gjson"
)

// RunOptions configure RunCases.
type RunOptions struct {
	// Functions resolves postfix functions; nil means builtin.Default().
	Functions *builtin.Registry
	// StepBudget bounds each (rule, document) evaluation; 0 means the
	// eval default.
	StepBudget int
}

// Outcome is the result of one rule in one case.
type Outcome struct {
	Rule string // rule id
	Want string // the expected status; "" when the case does not expect one
	Got  string // the aggregated status: pass, fail, skip or error
	// Evidence of the fails and errors that decided Got, one line each,
	// e.g. "vol-0f1e...: volumes[1].encrypted = false".
	Evidence []string
	// Err is the rule's compile error or the first evaluation error.
	Err error
}

// OK reports whether the outcome meets the expectation (always true when
// nothing is expected).
func (o Outcome) OK() bool { return o.Want == "" || o.Want == o.Got }

// CaseResult is the outcome of every rule of a bundle in one case.
type CaseResult struct {
	Case     Case
	Outcomes []Outcome // in bundle rule order
	// Err reports a document the evaluator rejected (invalid JSON, no type)
	// and an expectation for a rule id the bundle does not have (Bundle.Cases
	// rejects those; cases from ParseCases or LoadCases are not checked).
	Err error
}

// Passed reports whether every expectation of the case was met and every
// document could be evaluated.
func (r CaseResult) Passed() bool {
	if r.Err != nil {
		return false
	}
	for _, o := range r.Outcomes {
		if !o.OK() {
			return false
		}
	}
	return true
}

// Failures describes the unmet expectations, one per line.
func (r CaseResult) Failures() string {
	var b strings.Builder
	if r.Err != nil {
		fmt.Fprintf(&b, "%s: %v\n", r.Case.Source, r.Err)
	}
	for _, o := range r.Outcomes {
		if o.OK() {
			continue
		}
		fmt.Fprintf(&b, "%s: %s: want %s, got %s", r.Case.Source, o.Rule, o.Want, o.Got)
		if o.Err != nil {
			fmt.Fprintf(&b, " (%v)", o.Err)
		}
		b.WriteByte('\n')
		for _, e := range o.Evidence {
			fmt.Fprintf(&b, "\t%s\n", e)
		}
	}
	return b.String()
}

// compileAll compiles every rule of b with the given clock. progs[i] is nil
// when rule i did not compile; errs[i] then says why.
func compileAll(b *Bundle, now time.Time, opts *RunOptions) (progs []*eval.Program, errs []error) {
	if opts == nil {
		opts = &RunOptions{}
	}
	eo := &eval.Options{Now: now, StepBudget: opts.StepBudget, Functions: opts.Functions}
	progs = make([]*eval.Program, len(b.Rules))
	errs = make([]error, len(b.Rules))
	for i := range b.Rules {
		t, err := b.Rules[i].Syntax()
		if err != nil {
			errs[i] = err
			continue
		}
		progs[i], errs[i] = eval.CompileRule(t, eo)
	}
	return progs, errs
}

// RunCases evaluates every case against every rule of b and compares the
// aggregated statuses with the cases' expectations. The status of a rule in
// a case aggregates over the case's documents (and, for List<> rules, its
// account groups): fail if any result is fail; else error if any is error;
// else pass if any is pass; else skip. A rule that does not compile gets
// error in every case.
func RunCases(b *Bundle, cases []Case, opts *RunOptions) []CaseResult {
	if opts == nil {
		opts = &RunOptions{}
	}
	type compiled struct {
		rs    *eval.RuleSet
		index []int // program index -> rule index
		errs  []error
	}
	byNow := map[time.Time]*compiled{}
	results := make([]CaseResult, len(cases))
	for ci, c := range cases {
		now := c.Now
		if now.IsZero() {
			now = DefaultNow()
		}
		cp := byNow[now]
		if cp == nil {
			progs, errs := compileAll(b, now, opts)
			cp = &compiled{errs: errs}
			var ok []*eval.Program
			for i, p := range progs {
				if p != nil && errs[i] == nil {
					cp.index = append(cp.index, i)
					ok = append(ok, p)
				}
			}
			cp.rs = eval.NewRuleSet(ok, &eval.Options{Now: now, StepBudget: opts.StepBudget, Functions: opts.Functions})
			byNow[now] = cp
		}
		results[ci] = runCase(b, c, cp.rs, cp.index, cp.errs)
	}
	return results
}

// aggregate folds results into one status.
type aggregate struct {
	fail, err, pass bool
	evidence        []string
	firstErr        error
}

func (a *aggregate) add(who string, r eval.Result) {
	switch r.Status {
	case eval.Fail:
		a.fail = true
	case eval.Error:
		a.err = true
		if a.firstErr == nil {
			a.firstErr = r.Err
		}
	case eval.Pass:
		a.pass = true
		return
	default:
		return
	}
	for _, e := range r.Evidence {
		a.evidence = append(a.evidence, fmt.Sprintf("%s: %s = %s", who, e.Path, e.Value))
	}
	if r.Status == eval.Error && r.Err != nil {
		a.evidence = append(a.evidence, fmt.Sprintf("%s: %v", who, r.Err))
	}
}

func (a *aggregate) status() string {
	switch {
	case a.fail:
		return "fail"
	case a.err:
		return "error"
	case a.pass:
		return "pass"
	}
	return "skip"
}

func runCase(b *Bundle, c Case, rs *eval.RuleSet, index []int, compileErrs []error) CaseResult {
	aggs := make([]aggregate, len(b.Rules))
	lists := rs.NewLists()
	var docErrs []error
	for di, doc := range c.Documents {
		who := docName(doc, di)
		err := rs.EvalDoc(doc, func(p int, r eval.Result) { aggs[index[p]].add(who, r) })
		if err != nil {
			docErrs = append(docErrs, fmt.Errorf("document %d (%s): %w", di+1, who, err))
			continue
		}
		lists.Add(doc)
	}
	lists.Eval(func(p int, group string, r eval.Result) {
		aggs[index[p]].add("List group "+group, r)
	})
	var unknown []string
	if len(c.Expect) > 0 {
		ids := make(map[string]bool, len(b.Rules))
		for _, r := range b.Rules {
			ids[r.ID] = true
		}
		for id := range c.Expect {
			if !ids[id] {
				unknown = append(unknown, id)
			}
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		docErrs = append(docErrs, fmt.Errorf("expectation for rule %q: the bundle has no such rule", id))
	}
	res := CaseResult{Case: c, Err: errors.Join(docErrs...)}
	for i, r := range b.Rules {
		o := Outcome{Rule: r.ID, Want: c.Expect[r.ID]}
		if compileErrs[i] != nil {
			o.Got, o.Err = "error", compileErrs[i]
		} else {
			o.Got, o.Evidence, o.Err = aggs[i].status(), aggs[i].evidence, aggs[i].firstErr
		}
		res.Outcomes = append(res.Outcomes, o)
	}
	return res
}

// docName names a document in evidence: its type and id, else its index.
func docName(doc []byte, i int) string {
	typ, id := jsonString(doc, "type"), jsonString(doc, "id")
	switch {
	case typ != "" && id != "":
		return typ + " " + id
	case typ != "":
		return fmt.Sprintf("%s #%d", typ, i+1)
	}
	return fmt.Sprintf("document #%d", i+1)
}

// Coverage reports, for each rule of b, the statuses the cases expect of it.
func Coverage(b *Bundle, cases []Case) map[string][]string {
	out := map[string][]string{}
	for _, r := range b.Rules {
		seen := map[string]bool{}
		for _, c := range cases {
			if s := c.Expect[r.ID]; s != "" && !seen[s] {
				seen[s] = true
				out[r.ID] = append(out[r.ID], s)
			}
		}
		sort.Strings(out[r.ID])
	}
	return out
}

// jsonString reads a top-level string property of a JSON document.
func jsonString(doc []byte, key string) string {
	v := gjson.GetBytes(doc, key)
	if v.Type != gjson.String {
		return ""
	}
	return v.Str
}
