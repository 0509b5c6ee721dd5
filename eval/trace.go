package eval

import (
	"fmt"
	"strings"

	"github.com/gsl-lang/gsl/lang"
)

// Trace records one evaluation of a rule over one entity, step by step:
// every sub-expression with its truth and the values it read. Explain
// builds it; String renders it for `gslcheck explain`.
type Trace struct {
	Rule     string     // the rule's source text
	Status   Status     // the outcome, as Eval reports it
	Err      error      // set when Status is Error
	Evidence []Evidence // what decided a fail or an error
	// Where is the trace of the `where` filter; nil when the rule has none.
	Where *TraceNode
	// Cond is the trace of the condition after `should`; nil for a query or
	// const rule, or when `where` was false.
	Cond *TraceNode
	// Negated is true for `should not`: the rule passes when Cond is false.
	Negated bool
	// Truncated is true when the trace grew past its node limit and later
	// steps were evaluated but not recorded.
	Truncated bool

	assert bool // the rule has a `should` part
}

// TraceNode is one evaluated sub-expression, or one element of a list that
// an array operator visited.
type TraceNode struct {
	Text      string    // the sub-expression's source text, or the element's path
	Span      lang.Span // zero for an element
	Element   bool      // an element of a list, not a sub-expression
	Evaluated bool      // false when `and`/`or` short-circuiting skipped it
	Value     bool      // its truth (an element: whether it passed)
	// Result is the JSON value an operand node computed (the count of
	// `with [...] length()`, the list `with` kept); "" for a condition.
	Result string
	// Reads are the operands a comparison or a bare operand read, with
	// their paths and values.
	Reads    []Evidence
	Children []*TraceNode
}

// String renders the trace as indented text: the outcome and its evidence,
// then the tree, one sub-expression or list element per line with its truth
// and the values it read:
//
//	rule:    Instance should have volumes contain-all [encrypted=true]
//	result:  fail
//	because: volumes[1].encrypted = false   (1:43 encrypted=true)
//
//	should  false  volumes contain-all [encrypted=true]
//	        true     volumes[0]
//	        true       encrypted=true     volumes[0].encrypted = true
//	        false    volumes[1]
//	        false      encrypted=true     volumes[1].encrypted = false
//
// A sub-expression that short-circuiting skipped shows "-" and
// "(not evaluated)".
func (t *Trace) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule:    %s\n", oneLine(t.Rule))
	fmt.Fprintf(&b, "result:  %s", t.Status)
	if t.Err != nil {
		fmt.Fprintf(&b, ": %s", t.Err)
	}
	b.WriteByte('\n')
	for i, e := range t.Evidence {
		label := "because:"
		if i > 0 {
			label = "        "
		}
		fmt.Fprintf(&b, "%s %s", label, e)
		if e.Span.Start.IsValid() {
			fmt.Fprintf(&b, "   (%d:%d %s)", e.Span.Start.Line, e.Span.Start.Column, oneLine(spanText(t.Rule, e.Span)))
		}
		b.WriteByte('\n')
	}
	should := ""
	if t.assert {
		should = "should"
		if t.Negated {
			should = "should not"
		}
	}
	width := len("where")
	if len(should) > width {
		width = len(should)
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-len(s)) }
	if t.Where != nil || t.Cond != nil {
		b.WriteByte('\n')
	}
	if t.Where != nil {
		writeNode(&b, pad("where"), t.Where, 0)
	}
	if t.Cond != nil {
		writeNode(&b, pad(should), t.Cond, 0)
	}
	if t.Truncated {
		fmt.Fprintf(&b, "… (trace cut after %d steps)\n", maxTraceNodes)
	}
	return b.String()
}

func writeNode(b *strings.Builder, label string, n *TraceNode, depth int) {
	b.WriteString(label)
	b.WriteString("  ")
	switch {
	case !n.Evaluated:
		b.WriteString("-      ")
	case n.Result != "":
		b.WriteString("=      ")
	case n.Value:
		b.WriteString("true   ")
	default:
		b.WriteString("false  ")
	}
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString(oneLine(n.Text))
	if n.Result != "" {
		b.WriteString(" = ")
		b.WriteString(n.Result)
	}
	if !n.Evaluated {
		b.WriteString("   (not evaluated)")
	}
	for i, r := range n.Reads {
		if i == 0 {
			b.WriteString("     ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(r.String())
	}
	b.WriteByte('\n')
	pad := strings.Repeat(" ", len(label))
	for _, c := range n.Children {
		writeNode(b, pad, c, depth+1)
	}
}

// oneLine folds runs of whitespace, newlines included, into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func spanText(src string, sp lang.Span) string {
	a, b := sp.Start.Offset, sp.End.Offset
	if a < 0 || b > len(src) || a > b {
		return ""
	}
	return src[a:b]
}
