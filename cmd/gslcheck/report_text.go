package main

// This file writes the human-readable `run` report: findings grouped by
// rule in rule order, input errors, and a one-line summary.

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/gsl-lang/gsl/internal/textout"
	"strings"

	"github.com/gsl-lang/gsl/eval"
)

// textReporter groups records by rule through a bounded spill: memory
// stays flat however many findings there are.
type textReporter struct {
	o      reportOptions
	sp     *spill // groups: one per rule, then the input errors
	has    []bool // per rule: it has records to show
	failed []bool // per rule: it has a failure (not suppressed) or an error
	inputs bool   // there are input errors
	buf    bytes.Buffer
	gone   []*baselineFinding // the baseline's findings not found
}

// fixed keeps the baseline's findings that are gone, for finish.
func (t *textReporter) fixed(f []*baselineFinding) error {
	t.gone = f
	return nil
}

func newTextReporter(o reportOptions) *textReporter {
	n := len(o.rules)
	return &textReporter{o: o, sp: newSpill(n + 1), has: make([]bool, n), failed: make([]bool, n)}
}

func (t *textReporter) result(r *record) error {
	t.buf.Reset()
	switch {
	case r.rule == nil:
		st := t.o.style
		fmt.Fprintf(&t.buf, "  %s %s: %s\n", st.Purple("ERROR"), textout.Printable(r.entity), textout.Printable(r.err))
		t.inputs = true
		t.sp.add(len(t.o.rules), t.buf.Bytes())
	case r.status == eval.Pass, r.status == eval.Skip && !t.o.showSkipped:
	default:
		t.writeRecord(&t.buf, r)
		i := r.ruleIdx
		t.has[i] = true
		if (r.status == eval.Fail && r.suppressed == nil) || r.status == eval.Error {
			t.failed[i] = true
		}
		t.sp.add(i, t.buf.Bytes())
	}
	return nil
}

func (t *textReporter) finish(s *summary) error {
	defer t.sp.close()
	st := t.o.style
	b := bufio.NewWriterSize(t.o.w, 64<<10)
	failedRules := 0
	for i, rule := range t.o.rules {
		if !t.has[i] {
			continue
		}
		if t.failed[i] {
			failedRules++
		}
		fmt.Fprintf(b, "%s  ", st.Bold(rule.ID))
		if rule.Severity != "" {
			fmt.Fprintf(b, "%s  ", st.Severity(rule.Severity))
		}
		b.WriteString(rule.Name)
		if rule.Bundle != "" {
			fmt.Fprintf(b, "  %s", st.Dim("("+rule.Bundle+")"))
		}
		b.WriteByte('\n')
		if err := t.sp.writeTo(b, i); err != nil {
			return err
		}
		b.WriteByte('\n')
	}
	if t.inputs {
		fmt.Fprintf(b, "%s\n", st.Bold("Input errors"))
		if err := t.sp.writeTo(b, len(t.o.rules)); err != nil {
			return err
		}
		b.WriteByte('\n')
	}
	if len(t.gone) > 0 {
		fmt.Fprintf(b, "%s\n", st.Bold("Fixed since the baseline"))
		for _, f := range t.gone {
			fmt.Fprintf(b, "  %s %s  %s", st.Green("FIXED"), st.Bold(textout.Printable(f.key.rule)), textout.Printable(f.key.entity))
			if f.key.typ != "" {
				fmt.Fprintf(b, " (%s)", textout.Printable(f.key.typ))
			}
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString(textSummary(s, failedRules, st))
	b.WriteByte('\n')
	return b.Flush()
}

func (t *textReporter) writeRecord(b *bytes.Buffer, r *record) {
	st := t.o.style
	var tag string
	switch {
	case r.suppressed != nil:
		tag = st.Dim("SUPPRESSED")
	case r.status == eval.Fail:
		tag = st.Red("FAIL ")
	case r.status == eval.Error:
		tag = st.Purple("ERROR")
	case r.status == eval.Skip:
		tag = st.Dim("SKIP ")
	default:
		tag = st.Green("PASS ")
	}
	name := textout.Printable(r.entity)
	if name == "" {
		name = `""` // an empty id (a List<> group of accountNumber ""): say so
	}
	fmt.Fprintf(b, "  %s %s", tag, st.Bold(name))
	if r.typ != "" {
		fmt.Fprintf(b, " (%s)", textout.Printable(r.typ))
	}
	if r.location != "" && r.location != r.entity {
		fmt.Fprintf(b, "  %s", st.Dim(textout.Printable(r.location)))
	}
	if r.baseline == baselineUnchanged {
		fmt.Fprintf(b, "  %s", st.Dim("[in baseline]"))
	}
	b.WriteByte('\n')
	const indent = "        "
	if x := r.suppressed; x != nil {
		fmt.Fprintf(b, "%ssuppressed: %s", indent, textout.Printable(x.Reason))
		var by []string
		if x.Owner != "" {
			by = append(by, "owner "+textout.Printable(x.Owner))
		}
		if x.Expires != "" {
			by = append(by, "expires "+x.Expires)
		}
		by = append(by, x.where())
		fmt.Fprintf(b, " %s\n", st.Dim("("+strings.Join(by, ", ")+")"))
	}
	switch r.status {
	case eval.Fail, eval.Error:
		if r.err != "" {
			fmt.Fprintf(b, "%s%s\n", indent, textout.Printable(r.err))
		}
		for _, e := range r.evidence {
			fmt.Fprintf(b, "%s%s = %s\n", indent, st.Cyan(e.Path), compactValue(e.Value))
		}
	}
}

// textSummary is the final line of a text report.
func textSummary(s *summary, failedRules int, st *style) string {
	var parts []string
	add := func(n int, what string, colour func(string) string) {
		if n > 0 {
			parts = append(parts, colour(fmt.Sprintf("%s %s", textout.Commas(int64(n)), what)))
		}
	}
	add(s.Fail, "failed", st.Red)
	if s.InBaseline > 0 {
		parts[len(parts)-1] += fmt.Sprintf(" (%s in the baseline)", textout.Commas(int64(s.InBaseline)))
	}
	add(s.Suppressed, "suppressed", st.Dim)
	add(s.Error, textout.Plural(s.Error, "error", "errors"), st.Purple)
	add(s.Pass, "passed", st.Green)
	add(s.Skip, "skipped", st.Dim)
	add(s.Fixed, "fixed since the baseline", st.Green)
	if len(parts) == 0 {
		parts = append(parts, "no results")
	}
	line := fmt.Sprintf("%s %s, %s %s: %s",
		textout.Commas(int64(s.Documents)), textout.Plural(s.Documents, "document", "documents"),
		textout.Commas(int64(s.Rules)), textout.Plural(s.Rules, "rule", "rules"),
		strings.Join(parts, ", "))
	if failedRules > 0 {
		line += fmt.Sprintf(" (%d %s with findings)", failedRules, textout.Plural(failedRules, "rule", "rules"))
	}
	if n := s.Tolerated - s.InBaseline; n > 0 {
		line += fmt.Sprintf("; %s %s below --fail-on", textout.Commas(int64(n)), textout.Plural(n, "failure", "failures"))
	}
	if s.InputErrors > 0 {
		line += st.Purple(fmt.Sprintf("; %d input %s", s.InputErrors, textout.Plural(s.InputErrors, "error", "errors")))
	}
	return line
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
