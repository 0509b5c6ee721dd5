// Package evidencejson is evidence as gslcheck's JSON writes it: in the
// JSON and SARIF reports (package report) and in `gslcheck explain
// --format json`, so the three agree. Embedders get it inside those reports
// (report.NewJSON, report.NewSARIF); eval.Evidence is the value to read.
package evidencejson

import (
	"encoding/json"
	"strings"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/lang"
)

// Evidence is one piece of evidence. Value holds the JSON value read
// (null with Missing set when the path resolved to nothing).
type Evidence struct {
	Path    string          `json:"path"`
	Value   json.RawMessage `json:"value"`
	Missing bool            `json:"missing,omitempty"`
	Span    *Span           `json:"span,omitempty"`
}

// List is ev as JSON reports write it.
func List(ev []eval.Evidence) []Evidence {
	out := make([]Evidence, 0, len(ev))
	for _, e := range ev {
		j := Evidence{Path: e.Path, Span: SpanOf(e.Span), Value: Value(e.Value), Missing: e.Value == "missing"}
		out = append(out, j)
	}
	return out
}

// Value is a value text of eval (Evidence.Value, TraceNode.Result) as
// JSON: "missing" is null, JSON text is compacted, and a value eval cut
// short (no longer valid JSON) becomes a JSON string.
func Value(v string) json.RawMessage {
	switch {
	case v == "missing":
		return json.RawMessage("null")
	case jsontext.Valid(v):
		return json.RawMessage(jsontext.Compact(strings.Trim(v, " \t\r\n")))
	}
	return jsontext.AppendString(nil, v)
}

// Span is a rule-relative source range, as JSON reports write it.
type Span struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine,omitempty"`
	EndColumn int `json:"endColumn,omitempty"`
}

// SpanOf is s as JSON reports write it, nil when s is not set.
func SpanOf(s lang.Span) *Span {
	if !s.Start.IsValid() {
		return nil
	}
	j := &Span{Line: s.Start.Line, Column: s.Start.Column}
	if s.End.IsValid() {
		j.EndLine, j.EndColumn = s.End.Line, s.End.Column
	}
	return j
}
