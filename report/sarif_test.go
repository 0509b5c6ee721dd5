package report

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/lang"
)

// TestSARIFAppendResult checks that the hand-written SARIF result is the
// JSON encoding/json writes for sarifResult, byte for byte.
func TestSARIFAppendResult(t *testing.T) {
	rule := &Rule{Bundle: "b", ID: "R-1", Name: `Volumes are <encrypted> & "safe"`, Severity: "High", Source: "rules dir/bundle.yaml", LogicLine: 7}
	list := &Rule{ID: "rule-1", Name: "List rule", Source: "/abs/path#1.yaml", LogicLine: 3}
	noSrc := &Rule{ID: "rule-2", Name: "ad hoc"}
	span := lang.Span{Start: lang.Pos{Line: 1, Column: 20}, End: lang.Pos{Line: 1, Column: 36}}
	x := &Suppression{Reason: "accepted \u2028 risk", Owner: "team", Expires: "2026-12-31", File: "exc.yaml", Line: 4, Source: "exc.yaml:4"}
	recs := []Record{
		{Rule: rule, Status: eval.Fail, Entity: "vol-1", Type: "Volume", Input: "inv.json", Line: 3, Col: 5,
			Evidence: []eval.Evidence{{Path: "encrypted", Value: "false", Span: span}, {Path: "tags", Value: "[ {\"k\": 1} ]"}}},
		{Rule: rule, Status: eval.Fail, Entity: "ünïcode\x01\"id", Type: "Volume", Input: "<stdin>", Line: 1},
		{Rule: rule, RuleIndex: 3, Status: eval.Fail, Entity: "vol-2", Type: "Volume", Input: "a b%.json", Line: 0,
			Evidence: []eval.Evidence{{Path: "x", Value: "missing"}}, Suppression: x, Baseline: BaselineUnchanged},
		{Rule: list, Status: eval.Fail, Entity: "123456789012", Type: "List<CloudTrail>", Evidence: []eval.Evidence{{Path: "items", Value: "[]"}}, Baseline: BaselineNew},
		{Rule: noSrc, Status: eval.Fail, Entity: "", Type: ""},
		{Rule: noSrc, Status: eval.Fail, Entity: "e", Type: ""},
		{Rule: list, Status: eval.Fail, Entity: "", Type: "T"},
	}
	s := NewSARIF(io.Discard, Options{})
	for i := range recs {
		r := &recs[i]
		got := s.appendResult(nil, r)
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s.sarifResult(r)); err != nil {
			t.Fatal(err)
		}
		if w := bytes.TrimSuffix(want.Bytes(), []byte("\n")); !bytes.Equal(got, w) {
			t.Errorf("Record %d:\n got %s\nwant %s", i, got, w)
		}
		if !json.Valid(got) {
			t.Errorf("Record %d: not valid JSON: %s", i, got)
		}
	}
}
