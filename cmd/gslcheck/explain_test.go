package main

import (
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/eval"
)

// TestExplainTreeMatchesEval checks that explain's text renderer, which
// adds colours, draws the trace tree exactly as eval's Trace.String does:
// marks, indentation, operand results and reads.
func TestExplainTreeMatchesEval(t *testing.T) {
	// Compact, as explain compacts the values it shows and eval does not.
	doc := `{"type":"Instance","id":"i-1","isRunning":true,"name":"web",` +
		`"volumes":[{"encrypted":false,"size":8},{"encrypted":false,"size":200},{"encrypted":true}],` +
		`"tags":[{"key":"env","value":"prod"}]}`
	rules := []string{
		`Instance should have volumes contain-all [encrypted = true]`,
		`Instance where isRunning = true should not have volumes with [encrypted = false] length() > 1`,
		`Instance should have name like 'db%' or tags contain [key = 'env' and value in ('prod', 'dev')]`,
		`Instance should not have volumes contain-single [size > 100 and encrypted = false]`,
		`Instance should have not (isRunning = true) and name = 'web'`,
		`Instance where name = 'other' should have isRunning = false`,
		`Instance should have volumes groupBy [encrypted] length() = 2`,
	}
	for _, rule := range rules {
		p, err := eval.Compile(rule, nil)
		if err != nil {
			t.Fatalf("%s: %v", rule, err)
		}
		d, err := eval.NewDocument([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		x := explainOne(p, &explainDoc{doc: d, id: "i-1", location: "doc.json"})
		var b strings.Builder
		if err := writeExplainText(&b, &style{}, adhocMeta(0, rule), []*explained{x}); err != nil {
			t.Fatal(err)
		}
		got, want := treeLines(b.String()), treeLines(x.trace.String())
		if got != want {
			t.Errorf("%s\nexplain draws:\n%s\neval draws:\n%s", rule, got, want)
		}
		if want == "" {
			t.Errorf("%s: no tree to compare", rule)
		}
	}
}

// treeLines returns the tree part of a rendered trace: the lines from the
// first one that starts with "where" or "should".
func treeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "where") || strings.HasPrefix(l, "should") {
			return strings.Join(lines[i:], "\n")
		}
	}
	return ""
}
