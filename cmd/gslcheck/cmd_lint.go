package main

// This file implements `gslcheck lint`: every rule is parsed, compiled and
// checked against the entity schema, and every problem is reported with
// its file, rule id, line and column.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/textout"
	"github.com/gsl-lang/gsl/lang"
	"github.com/gsl-lang/gsl/report"
)

// lintRule is one rule and what lint found in it.
type lintRule struct {
	meta     *ruleMeta
	file     string // the file holding the rule, "" for a shipped bundle's embedded file
	line     int    // where the rule's logic starts in file, 0 when unknown
	problems []problem
}

func (r *lintRule) counts() (errs, warns int) {
	for _, p := range r.problems {
		if p.Warning {
			warns++
		} else {
			errs++
		}
	}
	return
}

func (c *lintCmd) Run(e *env) error {
	schema, err := schemaFlag(c.Schema)
	if err != nil {
		return err
	}
	var rules []*lintRule
	for _, p := range c.Paths {
		rs, err := lintPath(p, schema)
		if err != nil {
			return err
		}
		rules = append(rules, rs...)
	}
	if c.Format == "json" {
		err = writeLintJSON(e.stdout, rules)
	} else {
		err = writeLintText(e.stdout, e.style, rules)
	}
	if err != nil {
		return err
	}
	for _, r := range rules {
		if n, _ := r.counts(); n > 0 {
			e.code = exitFindings
		}
	}
	return nil
}

// lintPath lints a .gsl rule file, or the bundles a path or name holds.
func lintPath(p string, schema *bundles.Schema) ([]*lintRule, error) {
	if strings.EqualFold(filepath.Ext(p), ".gsl") {
		return lintRuleFile(p, schema)
	}
	bs, err := resolveBundles(p)
	if err != nil {
		return nil, err
	}
	var out []*lintRule
	for _, b := range bs {
		for i := range b.Rules {
			m := metaOf(b, &b.Rules[i])
			lr := &lintRule{meta: m, file: b.Source, line: m.LogicLine}
			r, err := lang.Parse(m.Logic)
			if err != nil {
				lr.problems = problemsOf(m, err)
			} else {
				lr.problems = checkParsed(m, r, schema, false, 1, 1)
			}
			out = append(out, lr)
		}
	}
	return out, nil
}

// checkParsed compiles a parsed rule and checks it against schema (nil for
// none). With inFile, positions in r are relative to m's file and the rule
// starts at (line0, col0); otherwise they are relative to m.Logic.
func checkParsed(m *ruleMeta, r *lang.Rule, schema *bundles.Schema, inFile bool, line0, col0 int) []problem {
	var out []problem
	if _, err := eval.CompileRule(r, nil); err != nil {
		ps := problemsOf(m, err)
		if inFile {
			// The rule's positions are the file's.
			for i := range ps {
				p := &ps[i]
				p.FileLine, p.FileCol = p.Line, p.Column
				if p.Source == "" {
					p.Source = lineOf(m.Logic, p.Line-line0+1)
				}
				if p.EndColumn > 0 {
					_, p.EndColumn = relPos(lang.Pos{Line: p.Line, Column: p.EndColumn}, line0, col0)
				}
				p.Line, p.Column = relPos(lang.Pos{Line: p.Line, Column: p.Column}, line0, col0)
			}
		}
		out = append(out, ps...)
	}
	return append(out, schemaProblems(m, r, schema, inFile, line0, col0)...)
}

// schemaProblems checks a parsed rule against schema (nil for none), with
// positions as checkParsed takes them.
func schemaProblems(m *ruleMeta, r *lang.Rule, schema *bundles.Schema, inFile bool, line0, col0 int) []problem {
	if schema == nil {
		return nil
	}
	var out []problem
	for _, sp := range schema.CheckRule(r) {
		le := r.Errorf(sp.Span, "%s", sp.Msg)
		p := problem{File: m.Source, RuleID: m.ID, Msg: sp.Msg, Source: le.Line, Warning: sp.Level == bundles.Warning}
		p.Line, p.Column = relPos(sp.Span.Start, line0, col0)
		p.EndColumn = endColumn(sp.Span)
		if p.EndColumn > 0 {
			_, p.EndColumn = relPos(lang.Pos{Line: sp.Span.Start.Line, Column: p.EndColumn}, line0, col0)
		}
		if inFile {
			p.FileLine, p.FileCol = sp.Span.Start.Line, sp.Span.Start.Column
		} else {
			p.FileLine, p.FileCol = filePos(m, sp.Span.Start)
		}
		out = append(out, p)
	}
	return out
}

// relPos makes a position relative to a rule starting at (line0, col0).
func relPos(p lang.Pos, line0, col0 int) (int, int) {
	if p.Line == line0 {
		return 1, p.Column - col0 + 1
	}
	return p.Line - line0 + 1, p.Column
}

// endColumn is the column just past a span that stays on one line, else 0.
func endColumn(s lang.Span) int {
	if s.End.IsValid() && s.End.Line == s.Start.Line && s.End.Column > s.Start.Column {
		return s.End.Column
	}
	return 0
}

// lintRuleFile lints a plain rule file: rules separated by blank lines.
func lintRuleFile(path string, schema *bundles.Schema) ([]*lintRule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	src := strings.TrimPrefix(string(data), "\uFEFF")
	parsed, perr := lang.ParseFile(path, src)
	var errs lang.ErrorList
	if perr != nil && !errors.As(perr, &errs) {
		return nil, perr
	}
	chunks := ruleChunks(src)
	rules := make([]*lintRule, len(chunks))
	for i, ch := range chunks {
		m := &ruleMeta{Rule: report.Rule{ID: fmt.Sprintf("rule-%d", i+1), Name: oneLineText(ch.text, 80), Logic: ch.text, Source: path, LogicLine: ch.line, LogicColumn: 1}}
		rules[i] = &lintRule{meta: m, file: path, line: ch.line}
	}
	// find returns the rule whose chunk holds line: the last chunk starting
	// at or before it (chunks are in line order).
	find := func(line int) *lintRule {
		i := sort.Search(len(chunks), func(i int) bool { return chunks[i].line > line })
		if i == 0 {
			return nil
		}
		return rules[i-1]
	}
	for _, r := range parsed {
		lr := find(r.Span().Start.Line)
		if lr == nil {
			continue
		}
		start := r.Span().Start
		lr.meta.Logic = r.Source
		lr.problems = append(lr.problems, checkParsed(lr.meta, r, schema, true, start.Line, start.Column)...)
	}
	for _, e := range errs {
		lr := find(e.Pos.Line)
		if lr == nil {
			continue
		}
		p := problem{File: path, RuleID: lr.meta.ID, Msg: errorMessage(e), Source: e.Line, FileLine: e.Pos.Line, FileCol: e.Pos.Column, EndColumn: endColumn(lang.Span{Start: e.Pos, End: e.End})}
		p.Line, p.Column = relPos(e.Pos, lr.line, 1)
		lr.problems = append(lr.problems, p)
	}
	return rules, nil
}

// ruleChunk is one rule of a rule file: its first line and its text.
type ruleChunk struct {
	line int
	text string
}

// ruleChunks finds the rules of a rule file as lang.ParseFile does:
// maximal runs of non-blank lines; comment lines (#) neither end nor start
// a rule.
func ruleChunks(src string) []ruleChunk {
	var out []ruleChunk
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, ruleChunk{line: start, text: strings.Join(cur, "\n")})
			cur = nil
		}
	}
	for i, l := range strings.Split(src, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
		case t[0] == '#':
		default:
			if len(cur) == 0 {
				start = i + 1
			}
			cur = append(cur, strings.TrimRight(l, "\r"))
		}
	}
	flush()
	return out
}

// oneLineText collapses white space and shortens s to n characters.
func oneLineText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func writeLintText(w io.Writer, st *style, rules []*lintRule) error {
	var b strings.Builder
	errs, warns, bad := 0, 0, 0
	for _, r := range rules {
		e, wn := r.counts()
		errs += e
		warns += wn
		if e > 0 {
			bad++
		}
		for _, p := range r.problems {
			writeProblem(&b, st, p)
		}
	}
	summary := fmt.Sprintf("%d %s: %d %s, %d %s", len(rules), textout.Plural(len(rules), "rule", "rules"),
		errs, textout.Plural(errs, "error", "errors"), warns, textout.Plural(warns, "warning", "warnings"))
	switch {
	case errs > 0:
		summary = st.Red(summary) + fmt.Sprintf(" in %d %s", bad, textout.Plural(bad, "rule", "rules"))
	case warns > 0:
		summary = st.Yellow(summary)
	default:
		summary = st.Green(summary)
	}
	b.WriteString(summary + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Lint JSON output.
type lintReportJSON struct {
	Rules   []lintRuleJSON  `json:"rules"`
	Summary lintSummaryJSON `json:"summary"`
}

type lintRuleJSON struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Bundle   string            `json:"bundle,omitempty"`
	File     string            `json:"file,omitempty"`
	Line     int               `json:"line,omitempty"`
	OK       bool              `json:"ok"`
	Errors   []lintProblemJSON `json:"errors"`
	Warnings []lintProblemJSON `json:"warnings"`
}

type lintProblemJSON struct {
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Message    string `json:"message"`
	FileLine   int    `json:"fileLine,omitempty"`
	FileColumn int    `json:"fileColumn,omitempty"`
}

type lintSummaryJSON struct {
	Rules    int `json:"rules"`
	OK       int `json:"ok"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

func writeLintJSON(w io.Writer, rules []*lintRule) error {
	rep := lintReportJSON{Rules: []lintRuleJSON{}}
	for _, r := range rules {
		j := lintRuleJSON{ID: r.meta.ID, Name: r.meta.Name, Bundle: r.meta.Bundle, File: r.file, Line: r.line,
			Errors: []lintProblemJSON{}, Warnings: []lintProblemJSON{}}
		for _, p := range r.problems {
			pj := lintProblemJSON{Line: p.Line, Column: p.Column, Message: p.Msg, FileLine: p.FileLine, FileColumn: p.FileCol}
			if p.Warning {
				j.Warnings = append(j.Warnings, pj)
			} else {
				j.Errors = append(j.Errors, pj)
			}
		}
		j.OK = len(j.Errors) == 0
		rep.Rules = append(rep.Rules, j)
		rep.Summary.Rules++
		rep.Summary.Errors += len(j.Errors)
		rep.Summary.Warnings += len(j.Warnings)
		if j.OK {
			rep.Summary.OK++
		}
	}
	return writeJSON(w, rep)
}
