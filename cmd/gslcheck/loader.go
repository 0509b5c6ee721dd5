package main

// This file finds bundles named on the command line and compiles their
// rules, collecting every problem with its position in the bundle file.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/lang"
	"github.com/gsl-lang/gsl/report"
)

// stdinName is how standard input is named in results.
const stdinName = report.StdinName

// ruleMeta describes one rule being run: what reports say of it, and the
// bundle rule it comes from (nil for --rule text), which maps positions in
// its logic to its file.
type ruleMeta struct {
	report.Rule
	src *bundles.Rule
}

// compile compiles the rule, from its bundle's pre-parsed syntax tree when
// it has one (parsing shipped rules was a third of start-up).
func (m *ruleMeta) compile(opts *eval.Options) (*eval.Program, error) {
	if m.src == nil {
		return eval.Compile(m.Logic, opts)
	}
	t, err := m.src.Syntax()
	if err != nil {
		return nil, err
	}
	return eval.CompileRule(t, opts)
}

// resolveBundles loads what a --bundle argument names: a bundle file (YAML
// or Dome9 JSON), a directory (its bundle.yaml, else every bundle file in
// it), or a shipped bundle name.
func resolveBundles(arg string) ([]*bundles.Bundle, error) {
	if strings.EqualFold(filepath.Ext(arg), ".gsl") {
		b, err := loadRuleFile(arg)
		if err != nil {
			return nil, err
		}
		return []*bundles.Bundle{b}, nil
	}
	fi, err := os.Stat(arg)
	switch {
	case err == nil && fi.IsDir():
		return loadBundleDir(arg)
	case err == nil:
		b, err := bundles.LoadFile(arg)
		if err != nil {
			return nil, err
		}
		return []*bundles.Bundle{b}, nil
	}
	for _, n := range bundles.Names() {
		if n == arg {
			b, err := bundles.Load(arg)
			if err != nil {
				return nil, err
			}
			return []*bundles.Bundle{b}, nil
		}
	}
	if strings.ContainsAny(arg, `/\.`) {
		return nil, fmt.Errorf("%s: %v", arg, errors.Unwrap(err))
	}
	return nil, fmt.Errorf("unknown bundle %q: not a file or directory, and not a shipped bundle (shipped: %s)",
		arg, strings.Join(bundleNames(), ", "))
}

// loadRuleFile reads a .gsl rule file (rules separated by blank lines, as
// lint reads it) as a bundle named after the file, its rules rule-1,
// rule-2, ... A rule that does not parse keeps its text, and fails to
// compile where the bundle is used, with its position in the file.
func loadRuleFile(path string) (*bundles.Bundle, error) {
	lrs, err := lintRuleFile(path, nil)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(path)
	b := &bundles.Bundle{ID: strings.TrimSuffix(base, filepath.Ext(base)), Name: base, Source: path}
	for _, lr := range lrs {
		m := lr.meta
		b.Rules = append(b.Rules, bundles.Rule{ID: m.ID, Name: m.Name, Logic: m.Logic, LogicLine: m.LogicLine, LogicColumn: m.LogicColumn, Line: m.LogicLine, Column: 1})
	}
	if len(b.Rules) == 0 {
		return nil, fmt.Errorf("%s: no rules in the file", path)
	}
	return b, nil
}

// loadBundleDir loads the bundles of a directory (see bundles.LoadDir); a
// directory without any is an error.
func loadBundleDir(dir string) ([]*bundles.Bundle, error) {
	bs, err := bundles.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 {
		return nil, fmt.Errorf("%s: no bundle.yaml and no bundle files (*.yaml, *.yml, *.json) in the directory", dir)
	}
	return bs, nil
}

// bundleNames lists the shipped bundles, or "none".
func bundleNames() []string {
	n := bundles.Names()
	if len(n) == 0 {
		return []string{"none"}
	}
	return n
}

// metaOf describes rule r of bundle b.
func metaOf(b *bundles.Bundle, r *bundles.Rule) *ruleMeta {
	id := r.ID
	if id == "" {
		id = r.Name
	}
	return &ruleMeta{Rule: report.Rule{
		Bundle: b.ID, BundleName: b.Name, BundleVersion: b.Version,
		ID: id, Name: r.Name, Severity: r.Severity,
		Description: r.Description, Remediation: r.Remediation, Compliance: r.Compliance,
		Logic: r.Logic, Source: b.Source, LogicLine: r.LogicLine, LogicColumn: r.LogicColumn,
	}, src: r}
}

// adhocMeta describes the i-th rule given with --rule.
func adhocMeta(i int, text string) *ruleMeta {
	return &ruleMeta{Rule: report.Rule{ID: fmt.Sprintf("rule-%d", i+1), Name: strings.Join(strings.Fields(text), " "), Logic: text}}
}

// problem is a positioned message about a rule.
type problem struct {
	File      string // the file holding the rule, "" for --rule text
	RuleID    string
	Line      int // within the rule's logic (1-based)
	Column    int
	EndColumn int // just past the faulty token on Line, 0 when unknown
	FileLine  int // within File, 0 when unknown
	FileCol   int
	Msg       string
	Source    string // the logic line holding the problem, for the caret
	Warning   bool
}

// problemsOf turns a compile error into problems positioned in m's file.
func problemsOf(m *ruleMeta, err error) []problem {
	var list lang.ErrorList
	var one *lang.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = lang.ErrorList{one}
	default:
		return []problem{{File: m.Source, RuleID: m.ID, Line: 1, Column: 1, Msg: err.Error()}}
	}
	out := make([]problem, 0, len(list))
	for _, e := range list {
		p := problem{File: m.Source, RuleID: m.ID, Line: e.Pos.Line, Column: e.Pos.Column, Msg: errorMessage(e), Source: e.Line,
			EndColumn: endColumn(lang.Span{Start: e.Pos, End: e.End})}
		if p.Source == "" {
			p.Source = lineOf(m.Logic, e.Pos.Line)
		}
		p.FileLine, p.FileCol = filePos(m, e.Pos)
		out = append(out, p)
	}
	return out
}

// errorMessage is e's message without its position: what is wrong, what
// was expected, and the hint.
func errorMessage(e *lang.Error) string {
	msg := e.Msg
	if len(e.Expected) > 0 {
		msg += " (expected " + strings.Join(e.Expected, ", ") + ")"
	}
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

// filePos maps a position in m's logic to its bundle file (0, 0 when the
// rule does not come from a file).
func filePos(m *ruleMeta, p lang.Pos) (int, int) {
	if m.src != nil {
		if line, col := m.src.FilePos(p); line > 0 {
			return line, col
		}
	}
	if m.LogicLine <= 0 || p.Line <= 0 {
		return 0, 0
	}
	return m.LogicLine + p.Line - 1, m.LogicColumn + p.Column - 1
}

// lineOf returns the n-th (1-based) line of s.
func lineOf(s string, n int) string {
	lines := strings.Split(s, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// writeProblem prints p as "file:line:col: id: msg", the source line and a
// caret under the column.
func writeProblem(w io.Writer, st *style, p problem) {
	where := "--rule"
	line, col := p.Line, p.Column
	if p.File != "" {
		where = p.File
		if p.FileLine > 0 {
			line, col = p.FileLine, p.FileCol
		}
	}
	kind := st.Red("error")
	if p.Warning {
		kind = st.Yellow("warning")
	}
	fmt.Fprintf(w, "%s:%d:%d: %s: %s: %s\n", where, line, col, kind, st.Bold(p.RuleID), p.Msg)
	if p.Source != "" && p.Column > 0 {
		marks := "^"
		if p.EndColumn > p.Column+1 {
			marks += strings.Repeat("~", p.EndColumn-p.Column-1)
		}
		fmt.Fprintf(w, "    %s\n    %s%s\n", p.Source, caretPad(p.Source, p.Column), st.Green(marks))
	}
}

// caretPad is the blank prefix that puts a caret under the col-th rune of
// line, keeping tabs so that it lines up.
func caretPad(line string, col int) string {
	var b strings.Builder
	for i, r := range line {
		if utf8.RuneCountInString(line[:i]) >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	for n := utf8.RuneCountInString(line); n < col-1; n++ {
		b.WriteByte(' ')
	}
	return b.String()
}

// ruleSet is the compiled rules of a run.
type ruleSet struct {
	metas []*ruleMeta
	progs []*eval.Program
	lists bool // some rule is a List<> rule
}

// rules returns what reports say of the rules, in order.
func (s *ruleSet) rules() []*report.Rule {
	out := make([]*report.Rule, len(s.metas))
	for i, m := range s.metas {
		out[i] = &m.Rule
	}
	return out
}

// sources returns the files the rules were read from, each once.
func (s *ruleSet) sources() []string {
	var files []string
	seen := map[string]bool{}
	for _, m := range s.metas {
		if m.Source != "" && !seen[m.Source] {
			seen[m.Source] = true
			files = append(files, m.Source)
		}
	}
	return files
}

// compileRules loads the bundles and compiles every rule. All compile
// problems are returned together.
func compileRules(bundleArgs, ruleTexts []string, sel *ruleSelection, opts *eval.Options) (*ruleSet, []problem, []string, error) {
	// Bundles are loaded, and rules compiled, on every core: start-up
	// counts in every run.
	loaded := make([][]*bundles.Bundle, len(bundleArgs))
	errs := make([]error, len(bundleArgs))
	var wg sync.WaitGroup
	for i, arg := range bundleArgs {
		wg.Go(func() { loaded[i], errs[i] = resolveBundles(arg) })
	}
	wg.Wait()
	var metas []*ruleMeta
	seen := map[string]bool{}
	for i, bs := range loaded {
		if errs[i] != nil {
			return nil, nil, nil, errs[i]
		}
		for _, b := range bs {
			// A bundle named twice (-b hipaa -b bundles/hipaa) runs once.
			key := b.ID + "\x00" + filepath.Clean(b.Source)
			if seen[key] {
				continue
			}
			seen[key] = true
			for j := range b.Rules {
				metas = append(metas, metaOf(b, &b.Rules[j]))
			}
		}
	}
	for i, text := range ruleTexts {
		metas = append(metas, adhocMeta(i, text))
	}
	var warnings []string
	if sel != nil {
		var err error
		if metas, warnings, err = sel.apply(metas); err != nil {
			return nil, nil, warnings, err
		}
	}
	progs := make([]*eval.Program, len(metas))
	cerrs := make([]error, len(metas))
	workers := min(runtime.GOMAXPROCS(0), len(metas))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(metas); i += workers {
				progs[i], cerrs[i] = metas[i].compile(opts)
			}
		})
	}
	wg.Wait()
	set := &ruleSet{}
	var problems []problem
	for i, m := range metas {
		if err := cerrs[i]; err != nil {
			problems = append(problems, problemsOf(m, err)...)
			continue
		}
		prog := progs[i]
		m.Target = prog.Target()
		set.lists = set.lists || prog.IsList()
		set.metas = append(set.metas, m)
		set.progs = append(set.progs, prog)
	}
	return set, problems, warnings, nil
}

// parseNow reads a --now value; "" means the current time.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usagef("--now %q: want an RFC 3339 time like 2026-06-15T00:00:00Z", s)
	}
	return t, nil
}

// schemaFlag reads a --schema value: the built-in entity schema, or nil
// for none.
func schemaFlag(v string) (*bundles.Schema, error) {
	switch v {
	case "builtin":
		return bundles.AWS(), nil
	case "none":
		return nil, nil
	}
	return nil, usagef("--schema must be builtin or none, not %q", v)
}

// checkSchema checks the compiled rules against schema (nil: nothing to
// check). Unlike lint, which warns about an entity type the schema does
// not know, a run refuses it: such a rule applies to no document and
// would pass silently.
func (s *ruleSet) checkSchema(schema *bundles.Schema) []problem {
	var out []problem
	for i, m := range s.metas {
		for _, p := range schemaProblems(m, s.progs[i].Rule(), schema, false, 1, 1) {
			p.Warning = false
			out = append(out, p)
		}
	}
	return out
}
