package main

// This file writes the human-readable `run` report: findings grouped by
// rule in rule order, input errors, and a one-line summary.

import (
	"bufio"
	"bytes"
	"fmt"
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
		fmt.Fprintf(&t.buf, "  %s %s: %s\n", st.purple("ERROR"), printable(r.entity), printable(r.err))
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
		fmt.Fprintf(b, "%s  ", st.bold(rule.ID))
		if rule.Severity != "" {
			fmt.Fprintf(b, "%s  ", st.severity(rule.Severity))
		}
		b.WriteString(rule.Name)
		if rule.Bundle != "" {
			fmt.Fprintf(b, "  %s", st.dim("("+rule.Bundle+")"))
		}
		b.WriteByte('\n')
		if err := t.sp.writeTo(b, i); err != nil {
			return err
		}
		b.WriteByte('\n')
	}
	if t.inputs {
		fmt.Fprintf(b, "%s\n", st.bold("Input errors"))
		if err := t.sp.writeTo(b, len(t.o.rules)); err != nil {
			return err
		}
		b.WriteByte('\n')
	}
	if len(t.gone) > 0 {
		fmt.Fprintf(b, "%s\n", st.bold("Fixed since the baseline"))
		for _, f := range t.gone {
			fmt.Fprintf(b, "  %s %s  %s", st.green("FIXED"), st.bold(printable(f.key.rule)), printable(f.key.entity))
			if f.key.typ != "" {
				fmt.Fprintf(b, " (%s)", printable(f.key.typ))
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
		tag = st.dim("SUPPRESSED")
	case r.status == eval.Fail:
		tag = st.red("FAIL ")
	case r.status == eval.Error:
		tag = st.purple("ERROR")
	case r.status == eval.Skip:
		tag = st.dim("SKIP ")
	default:
		tag = st.green("PASS ")
	}
	name := printable(r.entity)
	if name == "" {
		name = `""` // an empty id (a List<> group of accountNumber ""): say so
	}
	fmt.Fprintf(b, "  %s %s", tag, st.bold(name))
	if r.typ != "" {
		fmt.Fprintf(b, " (%s)", printable(r.typ))
	}
	if r.location != "" && r.location != r.entity {
		fmt.Fprintf(b, "  %s", st.dim(printable(r.location)))
	}
	if r.baseline == baselineUnchanged {
		fmt.Fprintf(b, "  %s", st.dim("[in baseline]"))
	}
	b.WriteByte('\n')
	const indent = "        "
	if x := r.suppressed; x != nil {
		fmt.Fprintf(b, "%ssuppressed: %s", indent, printable(x.Reason))
		var by []string
		if x.Owner != "" {
			by = append(by, "owner "+printable(x.Owner))
		}
		if x.Expires != "" {
			by = append(by, "expires "+x.Expires)
		}
		by = append(by, x.where())
		fmt.Fprintf(b, " %s\n", st.dim("("+strings.Join(by, ", ")+")"))
	}
	switch r.status {
	case eval.Fail, eval.Error:
		if r.err != "" {
			fmt.Fprintf(b, "%s%s\n", indent, printable(r.err))
		}
		for _, e := range r.evidence {
			fmt.Fprintf(b, "%s%s = %s\n", indent, st.cyan(e.Path), compactValue(e.Value))
		}
	}
}

// textSummary is the final line of a text report.
func textSummary(s *summary, failedRules int, st *style) string {
	var parts []string
	add := func(n int, what string, colour func(string) string) {
		if n > 0 {
			parts = append(parts, colour(fmt.Sprintf("%s %s", commas(int64(n)), what)))
		}
	}
	add(s.Fail, "failed", st.red)
	if s.InBaseline > 0 {
		parts[len(parts)-1] += fmt.Sprintf(" (%s in the baseline)", commas(int64(s.InBaseline)))
	}
	add(s.Suppressed, "suppressed", st.dim)
	add(s.Error, plural(s.Error, "error", "errors"), st.purple)
	add(s.Pass, "passed", st.green)
	add(s.Skip, "skipped", st.dim)
	add(s.Fixed, "fixed since the baseline", st.green)
	if len(parts) == 0 {
		parts = append(parts, "no results")
	}
	line := fmt.Sprintf("%s %s, %s %s: %s",
		commas(int64(s.Documents)), plural(s.Documents, "document", "documents"),
		commas(int64(s.Rules)), plural(s.Rules, "rule", "rules"),
		strings.Join(parts, ", "))
	if failedRules > 0 {
		line += fmt.Sprintf(" (%d %s with findings)", failedRules, plural(failedRules, "rule", "rules"))
	}
	if n := s.Tolerated - s.InBaseline; n > 0 {
		line += fmt.Sprintf("; %s %s below --fail-on", commas(int64(n)), plural(n, "failure", "failures"))
	}
	if s.InputErrors > 0 {
		line += st.purple(fmt.Sprintf("; %d input %s", s.InputErrors, plural(s.InputErrors, "error", "errors")))
	}
	return line
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printable escapes the control characters of s (as \x1b, or \u0085 for
// the C1 ones); ranging over s replaces the bytes that are not UTF-8 by
// U+FFFD. Ids, types and type-map keys come from the documents, whose JSON
// escapes can spell any character, and a text report goes to a terminal.
func printable(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
