package report

// This file writes the text report, for people: findings grouped by
// rule in rule order, input errors, and a one-line summary.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/internal/textout"
)

// TextWriter groups records by rule through a bounded spill: memory
// stays flat however many findings there are.
type TextWriter struct {
	o      Options
	sp     *spill // groups: one per rule, then the input errors
	has    []bool // per rule: it has records to show
	failed []bool // per rule: it has a failure (not suppressed) or an error
	inputs bool   // there are input errors
	buf    bytes.Buffer
	gone   []Finding // the baseline's findings not found
}

// Fixed keeps the baseline's findings that are gone, for Finish.
func (t *TextWriter) Fixed(f []Finding) error {
	t.gone = f
	return nil
}

// NewText returns a TextWriter to w.
func NewText(w io.Writer, o Options) *TextWriter {
	o.out = w
	n := len(o.Rules)
	return &TextWriter{o: o, sp: newSpill(n + 1), has: make([]bool, n), failed: make([]bool, n)}
}

// Result keeps r's text in its rule's group (passes are not shown).
func (t *TextWriter) Result(r *Record) error {
	t.buf.Reset()
	switch {
	case r.Rule == nil:
		st := t.o.Style
		fmt.Fprintf(&t.buf, "  %s %s: %s\n", st.Purple("ERROR"), textout.Printable(r.Entity), textout.Printable(r.Err))
		t.inputs = true
		t.sp.add(len(t.o.Rules), t.buf.Bytes())
	case r.Status == eval.Pass, r.Status == eval.Skip && !t.o.ShowSkipped:
	default:
		t.writeRecord(&t.buf, r)
		i := r.RuleIndex
		t.has[i] = true
		if (r.Status == eval.Fail && r.Suppression == nil) || r.Status == eval.Error {
			t.failed[i] = true
		}
		t.sp.add(i, t.buf.Bytes())
	}
	return nil
}

// Finish writes the groups in rule order, the input errors, the fixed
// findings and the summary line.
func (t *TextWriter) Finish(s *Summary) error {
	defer t.sp.close()
	st := t.o.Style
	b := bufio.NewWriterSize(t.o.out, 64<<10)
	failedRules := 0
	for i, rule := range t.o.Rules {
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
		if err := t.sp.writeTo(b, len(t.o.Rules)); err != nil {
			return err
		}
		b.WriteByte('\n')
	}
	if len(t.gone) > 0 {
		fmt.Fprintf(b, "%s\n", st.Bold("Fixed since the baseline"))
		for _, f := range t.gone {
			fmt.Fprintf(b, "  %s %s  %s", st.Green("FIXED"), st.Bold(textout.Printable(f.Rule)), textout.Printable(f.Entity))
			if f.Type != "" {
				fmt.Fprintf(b, " (%s)", textout.Printable(f.Type))
			}
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString(textSummary(s, failedRules, st))
	b.WriteByte('\n')
	return b.Flush()
}

func (t *TextWriter) writeRecord(b *bytes.Buffer, r *Record) {
	st := t.o.Style
	var tag string
	switch {
	case r.Suppression != nil:
		tag = st.Dim("SUPPRESSED")
	case r.Status == eval.Fail:
		tag = st.Red("FAIL ")
	case r.Status == eval.Error:
		tag = st.Purple("ERROR")
	case r.Status == eval.Skip:
		tag = st.Dim("SKIP ")
	default:
		tag = st.Green("PASS ")
	}
	name := textout.Printable(r.Entity)
	if name == "" {
		name = `""` // an empty id (a List<> group of accountNumber ""): say so
	}
	fmt.Fprintf(b, "  %s %s", tag, st.Bold(name))
	if r.Type != "" {
		fmt.Fprintf(b, " (%s)", textout.Printable(r.Type))
	}
	if r.Location != "" && r.Location != r.Entity {
		fmt.Fprintf(b, "  %s", st.Dim(textout.Printable(r.Location)))
	}
	if r.Baseline == BaselineUnchanged {
		fmt.Fprintf(b, "  %s", st.Dim("[in baseline]"))
	}
	b.WriteByte('\n')
	const indent = "        "
	if x := r.Suppression; x != nil {
		fmt.Fprintf(b, "%ssuppressed: %s", indent, textout.Printable(x.Reason))
		var by []string
		if x.Owner != "" {
			by = append(by, "owner "+textout.Printable(x.Owner))
		}
		if x.Expires != "" {
			by = append(by, "expires "+x.Expires)
		}
		by = append(by, x.Source)
		fmt.Fprintf(b, " %s\n", st.Dim("("+strings.Join(by, ", ")+")"))
	}
	switch r.Status {
	case eval.Fail, eval.Error:
		if r.Err != "" {
			fmt.Fprintf(b, "%s%s\n", indent, textout.Printable(r.Err))
		}
		for _, e := range r.Evidence {
			fmt.Fprintf(b, "%s%s = %s\n", indent, st.Cyan(e.Path), jsontext.Compact(e.Value))
		}
	}
}

// textSummary is the final line of a text report.
func textSummary(s *Summary, failedRules int, st *textout.Style) string {
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
		line += fmt.Sprintf("; %s %s below the failing severity", textout.Commas(int64(n)), textout.Plural(n, "failure", "failures"))
	}
	if s.InputErrors > 0 {
		line += st.Purple(fmt.Sprintf("; %d input %s", s.InputErrors, textout.Plural(s.InputErrors, "error", "errors")))
	}
	return line
}
