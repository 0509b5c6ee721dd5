package main

// This file implements `gslcheck explain`: the evaluation trace of one rule
// on the documents of one input, every sub-expression marked true or false
// with the values it read.

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/evidencejson"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/internal/textdist"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/gsl-lang/gsl/lang"
)

func (c *explainCmd) Run(e *env) error {
	switch {
	case c.Rule == "" && c.RuleID == "":
		return usagef("explain needs --rule TEXT, or --bundle and --rule-id")
	case c.Rule != "" && c.RuleID != "":
		return usagef("give either --rule or --rule-id, not both")
	case c.RuleID != "" && c.Bundle == "":
		return usagef("--rule-id needs --bundle")
	case c.Rule != "" && c.Bundle != "":
		return usagef("--bundle goes with --rule-id; --rule takes the rule text itself")
	}
	now, err := parseNow(c.Now)
	if err != nil {
		return err
	}
	m, err := explainRule(c)
	if err != nil {
		return err
	}
	prog, err := m.compile(&eval.Options{Now: now})
	if err != nil {
		for _, p := range problemsOf(m, err) {
			writeProblem(e.stderr, e.errSty, p)
		}
		return &reportedError{err}
	}
	m.Target = prog.Target()
	sources, _, err := openSources([]string{c.Doc}, e.stdin)
	if err != nil {
		return err
	}
	// An input that breaks off (a stray bracket, a cut-off array) still has
	// its documents before the fault explained, as run evaluates them; the
	// input error is reported after them.
	docs, inputErr := readExplainDocs(sources[0])
	if len(docs) == 0 {
		return inputErr
	}
	var items []*explained
	target := prog.Target()
	if prog.IsList() {
		items = explainLists(prog, &eval.Options{Now: now}, docs)
		if c.Entity != "" {
			items = slices.DeleteFunc(items, func(x *explained) bool { return x.entity != c.Entity })
			if len(items) == 0 {
				return fmt.Errorf("no account group %q of %s in %s", c.Entity, target, c.Doc)
			}
		}
	} else if c.Entity != "" {
		var found *explainDoc
		for _, d := range docs {
			if d.err == nil && d.id == c.Entity {
				found = d
				break
			}
		}
		if found == nil {
			return fmt.Errorf("no document with id %q in %s", c.Entity, c.Doc)
		}
		items = append(items, explainOne(prog, found))
	} else {
		skipped := 0
		for _, d := range docs {
			if len(docs) > 1 && d.err == nil && target != "" && d.doc.Type() != target {
				skipped++
				continue
			}
			items = append(items, explainOne(prog, d))
		}
		if skipped > 0 && len(items) == 0 {
			fmt.Fprintf(e.stderr, "gslcheck: none of the %d documents is a %s\n", skipped, target)
		}
	}
	if c.Format == "json" {
		err = writeExplainJSON(e.stdout, m, items)
	} else {
		err = writeExplainText(e.stdout, e.style, m, items)
	}
	if err != nil {
		return err
	}
	e.code = exitOK
	for _, it := range items {
		switch {
		case it.err != nil || it.trace.Status == eval.Error:
			e.code = exitError
		case it.trace.Status == eval.Fail && e.code == exitOK:
			e.code = exitFindings
		}
	}
	return inputErr
}

// explainRule finds the rule to explain: --rule text, or --rule-id in
// --bundle.
func explainRule(c *explainCmd) (*ruleMeta, error) {
	if c.Rule != "" {
		return adhocMeta(0, c.Rule), nil
	}
	bs, err := resolveBundles(c.Bundle)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, b := range bs {
		for i := range b.Rules {
			if b.Rules[i].ID == c.RuleID {
				return metaOf(b, &b.Rules[i]), nil
			}
			ids = append(ids, b.Rules[i].ID)
		}
	}
	msg := fmt.Sprintf("no rule %q in %s", c.RuleID, c.Bundle)
	if s := textdist.Closest(c.RuleID, ids); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return nil, usagef("%s", msg)
}

// explainDoc is one document to explain.
type explainDoc struct {
	doc      *eval.Document // nil when err is set
	id       string
	location string
	err      error // why the document cannot be evaluated
}

// readExplainDocs reads every document of src and validates it, as run
// does (see typedDoc). When the input breaks off, the documents before the
// fault are returned with the error.
func readExplainDocs(src source) ([]*explainDoc, error) {
	var docs []*explainDoc
	err := readSource(src, inventory.Options{}, func(d inventory.Entity) error {
		if d.NotModelled != "" || d.Ignored != "" {
			return nil // no document to explain
		}
		ed := &explainDoc{location: d.Label(), err: d.Err}
		if ed.err == nil {
			var data []byte
			data, ed.id, _, ed.err = typedDoc(&d)
			if ed.err == nil {
				var derr error
				if ed.doc, derr = eval.NewDocument(data); derr != nil {
					ed.err, _ = documentError(&d, derr)
				}
			}
		}
		docs = append(docs, ed)
		return nil
	})
	if err == nil && len(docs) == 0 {
		err = fmt.Errorf("%s: no documents", src.name)
	}
	return docs, err
}

// explained is the trace of the rule on one entity.
type explained struct {
	entity   string
	typ      string
	location string
	trace    *eval.Trace
	err      error // the document could not be evaluated
}

func explainOne(prog *eval.Program, d *explainDoc) *explained {
	x := &explained{entity: d.id, location: d.location, err: d.err}
	if x.entity == "" || x.err != nil {
		x.entity = d.location
	}
	if x.err == nil {
		x.typ = d.doc.Type()
		x.trace = prog.ExplainDocument(d.doc)
	}
	return x
}

// explainLists explains List<> rule prog over each account group of the
// documents, grouped by eval.Lists exactly as run groups them.
func explainLists(prog *eval.Program, opts *eval.Options, docs []*explainDoc) []*explained {
	lists := eval.NewRuleSet([]*eval.Program{prog}, opts).NewLists()
	for _, d := range docs {
		if d.err == nil {
			lists.AddDocument(d.doc)
		}
	}
	typ := prog.Rule().Target.Type
	var out []*explained
	for _, g := range lists.Groups(0) {
		x := &explained{entity: g.ID, typ: prog.Target(), location: fmt.Sprintf("%d %s document", g.Count, typ)}
		if g.Count != 1 {
			x.location += "s"
		}
		x.trace, _ = lists.Explain(0, g.ID)
		out = append(out, x)
	}
	return out
}

func statusStyle(st *style, s eval.Status) string {
	switch s {
	case eval.Pass:
		return st.Green(s.String())
	case eval.Fail:
		return st.Red(s.String())
	case eval.Error:
		return st.Purple(s.String())
	}
	return st.Dim(s.String())
}

func writeExplainText(w io.Writer, st *style, m *ruleMeta, items []*explained) error {
	var b strings.Builder
	if m.Bundle != "" {
		fmt.Fprintf(&b, "%s %s  %s\n", st.Bold("rule:    "), st.Bold(m.ID), m.Name)
	}
	fmt.Fprintf(&b, "%s %s\n", st.Bold("logic:   "), oneLineText(m.Logic, 1<<20))
	for _, x := range items {
		b.WriteByte('\n')
		fmt.Fprintf(&b, "%s %s", st.Bold("entity:  "), st.Bold(x.entity))
		if x.typ != "" {
			fmt.Fprintf(&b, " (%s)", x.typ)
		}
		if x.location != "" && x.location != x.entity {
			fmt.Fprintf(&b, "  %s", st.Dim(x.location))
		}
		b.WriteByte('\n')
		if x.err != nil {
			fmt.Fprintf(&b, "%s %s: %v\n", st.Bold("result:  "), statusStyle(st, eval.Error), x.err)
			continue
		}
		t := x.trace
		fmt.Fprintf(&b, "%s %s", st.Bold("result:  "), statusStyle(st, t.Status))
		if t.Err != nil {
			fmt.Fprintf(&b, ": %v", t.Err)
		}
		if t.Status == eval.Skip && t.Where == nil {
			fmt.Fprintf(&b, " (the rule is for %s)", dashIfEmpty(m.Target))
		}
		b.WriteByte('\n')
		for i, ev := range t.Evidence {
			label := "because: "
			if i > 0 {
				label = "         "
			}
			fmt.Fprintf(&b, "%s %s", st.Bold(label), evidenceText(st, ev))
			if ev.Span.Start.IsValid() {
				fmt.Fprintf(&b, "   %s", st.Dim(fmt.Sprintf("(%d:%d %s)", ev.Span.Start.Line, ev.Span.Start.Column, oneLineText(spanSource(t.Rule, ev.Span), 60))))
			}
			b.WriteByte('\n')
		}
		if t.Where != nil || t.Cond != nil {
			b.WriteByte('\n')
		}
		label := "should"
		if t.Negated {
			label = "should not"
		}
		if t.Where != nil {
			writeTraceNode(&b, st, padRight("where", len(label)), t.Where, 0)
		}
		if t.Cond != nil {
			writeTraceNode(&b, st, label, t.Cond, 0)
		}
		if t.Truncated {
			fmt.Fprintf(&b, "%s\n", st.Dim("… (the trace was cut; later steps were evaluated but not recorded)"))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}

func evidenceText(st *style, ev eval.Evidence) string {
	if ev.Path == "" {
		return jsontext.Compact(ev.Value)
	}
	return st.Cyan(ev.Path) + " = " + jsontext.Compact(ev.Value)
}

// writeTraceNode prints a node and its children, one a line:
// label, truth, indented text, and the values read.
func writeTraceNode(b *strings.Builder, st *style, label string, n *eval.TraceNode, depth int) {
	b.WriteString(label)
	b.WriteString("  ")
	switch {
	case !n.Evaluated:
		b.WriteString(st.Dim("-    "))
	case n.Result != "":
		b.WriteString("=    ")
	case n.Value:
		b.WriteString(st.Green("true "))
	default:
		b.WriteString(st.Red("false"))
	}
	b.WriteString("  ")
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString(oneLineText(n.Text, 1<<20))
	if n.Result != "" {
		b.WriteString(" = ")
		b.WriteString(jsontext.Compact(n.Result))
	}
	if !n.Evaluated {
		b.WriteString(st.Dim("   (not evaluated)"))
	}
	for i, r := range n.Reads {
		if i == 0 {
			b.WriteString("     ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(evidenceText(st, r))
	}
	b.WriteByte('\n')
	pad := strings.Repeat(" ", len(label))
	for _, c := range n.Children {
		writeTraceNode(b, st, pad, c, depth+1)
	}
}

// spanSource is the text of the rule covered by sp.
func spanSource(src string, sp lang.Span) string {
	a, z := sp.Start.Offset, sp.End.Offset
	if a < 0 || z > len(src) || a > z {
		return ""
	}
	return src[a:z]
}

// Explain JSON output.
type explainReportJSON struct {
	Rule         explainRuleJSON   `json:"rule"`
	Explanations []explanationJSON `json:"explanations"`
}

type explainRuleJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Bundle string `json:"bundle,omitempty"`
	Logic  string `json:"logic"`
}

type explanationJSON struct {
	Entity    string                  `json:"entity"`
	Type      string                  `json:"type,omitempty"`
	Location  string                  `json:"location,omitempty"`
	Status    string                  `json:"status"`
	Error     string                  `json:"error,omitempty"`
	Evidence  []evidencejson.Evidence `json:"evidence"`
	Negated   bool                    `json:"negated,omitempty"`
	Where     *traceNodeJSON          `json:"where,omitempty"`
	Should    *traceNodeJSON          `json:"should,omitempty"`
	Truncated bool                    `json:"truncated,omitempty"`
}

type traceNodeJSON struct {
	Text      string                  `json:"text"`
	Span      *evidencejson.Span      `json:"span,omitempty"`
	Element   bool                    `json:"element,omitempty"`
	Evaluated bool                    `json:"evaluated"`
	Value     bool                    `json:"value"`
	Result    json.RawMessage         `json:"result,omitempty"`
	Reads     []evidencejson.Evidence `json:"reads,omitempty"`
	Children  []traceNodeJSON         `json:"children,omitempty"`
}

func traceJSON(n *eval.TraceNode) *traceNodeJSON {
	if n == nil {
		return nil
	}
	j := &traceNodeJSON{Text: oneLineText(n.Text, 1<<20), Span: evidencejson.SpanOf(n.Span), Element: n.Element, Evaluated: n.Evaluated, Value: n.Value}
	if n.Result != "" {
		j.Result = evidencejson.Value(n.Result)
	}
	if len(n.Reads) > 0 {
		j.Reads = evidencejson.List(n.Reads)
	}
	for _, c := range n.Children {
		j.Children = append(j.Children, *traceJSON(c))
	}
	return j
}

func writeExplainJSON(w io.Writer, m *ruleMeta, items []*explained) error {
	rep := explainReportJSON{
		Rule:         explainRuleJSON{ID: m.ID, Name: m.Name, Bundle: m.Bundle, Logic: m.Logic},
		Explanations: []explanationJSON{},
	}
	for _, x := range items {
		j := explanationJSON{Entity: x.entity, Type: x.typ, Location: x.location, Evidence: []evidencejson.Evidence{}}
		if x.err != nil {
			j.Status, j.Error = eval.Error.String(), x.err.Error()
		} else {
			t := x.trace
			j.Status, j.Error = t.Status.String(), errText(t.Err)
			j.Evidence = evidencejson.List(t.Evidence)
			j.Negated, j.Truncated = t.Negated, t.Truncated
			j.Where, j.Should = traceJSON(t.Where), traceJSON(t.Cond)
		}
		rep.Explanations = append(rep.Explanations, j)
	}
	return writeJSON(w, rep)
}

// dashIfEmpty is s, or "-" when s is empty.
func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
