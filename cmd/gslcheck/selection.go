package main

// This file selects the rules a run evaluates (--rule-id, --skip-rule,
// --severity) and ranks severities for --fail-on.

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/report"
)

// ruleSelection picks rules by id (or glob) and severity. The zero value
// selects every rule.
type ruleSelection struct {
	only       []string        // ids or globs; empty means every rule
	skip       []string        // ids or globs
	severities map[string]bool // canonical severity names; nil means any
}

// newRuleSelection checks the patterns and severities of the flags.
func newRuleSelection(only, skip, severities []string) (*ruleSelection, error) {
	s := &ruleSelection{only: only, skip: skip}
	for _, p := range append(slices.Clone(only), skip...) {
		if _, err := path.Match(p, ""); err != nil {
			return nil, usagef("rule pattern %q: %v", p, err)
		}
	}
	for _, v := range severities {
		for _, one := range strings.Split(v, ",") {
			name, ok := report.SeverityName(strings.TrimSpace(one))
			if !ok {
				return nil, usagef("--severity %q: want one of %s", one, strings.Join(bundles.Severities(), ", "))
			}
			if s.severities == nil {
				s.severities = map[string]bool{}
			}
			s.severities[name] = true
		}
	}
	return s, nil
}

// matchRule reports whether id matches an id or glob pattern.
func matchRule(pattern, id string) bool {
	if pattern == id {
		return true
	}
	ok, _ := path.Match(pattern, id)
	return ok
}

// apply keeps the selected rules of metas. A --rule-id pattern that
// selects no rule is an error (a typo would otherwise run nothing, and
// pass); a --skip-rule pattern that skips nothing is returned as a
// warning.
func (s *ruleSelection) apply(metas []*ruleMeta) (kept []*ruleMeta, warnings []string, err error) {
	usedOnly := make([]bool, len(s.only))
	usedSkip := make([]bool, len(s.skip))
	for _, m := range metas {
		if len(s.only) > 0 {
			in := false
			for i, p := range s.only {
				if matchRule(p, m.ID) {
					usedOnly[i], in = true, true
				}
			}
			if !in {
				continue
			}
		}
		out := false
		for i, p := range s.skip {
			if matchRule(p, m.ID) {
				usedSkip[i], out = true, true
			}
		}
		// A rule without a severity (--rule text) is never left out by
		// --severity: nothing says it is less severe.
		if out || (s.severities != nil && m.Severity != "" && !s.severities[canonicalSeverity(m.Severity)]) {
			continue
		}
		kept = append(kept, m)
	}
	for i, used := range usedOnly {
		if !used {
			return nil, nil, usagef("--rule-id %q matches no rule", s.only[i])
		}
	}
	for i, used := range usedSkip {
		if !used {
			warnings = append(warnings, fmt.Sprintf("--skip-rule %q matches no rule", s.skip[i]))
		}
	}
	if len(kept) == 0 && len(metas) > 0 {
		return nil, warnings, usagef("the rule selection (--rule-id, --skip-rule, --severity) leaves no rule to run")
	}
	return kept, warnings, nil
}

// canonicalSeverity is report.SeverityName's spelling, or s when it is not one.
func canonicalSeverity(s string) string {
	if n, ok := report.SeverityName(s); ok {
		return n
	}
	return s
}
