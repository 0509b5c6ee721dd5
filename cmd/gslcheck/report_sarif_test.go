package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/lang"
)

// TestSARIFAppendResult checks that the hand-written SARIF result is the
// JSON encoding/json writes for sarifResult, byte for byte.
func TestSARIFAppendResult(t *testing.T) {
	rule := &ruleMeta{Bundle: "b", ID: "R-1", Name: `Volumes are <encrypted> & "safe"`, Severity: "High", Source: "rules dir/bundle.yaml", LogicLine: 7}
	list := &ruleMeta{ID: "rule-1", Name: "List rule", Source: "/abs/path#1.yaml", LogicLine: 3}
	noSrc := &ruleMeta{ID: "rule-2", Name: "ad hoc"}
	span := lang.Span{Start: lang.Pos{Line: 1, Column: 20}, End: lang.Pos{Line: 1, Column: 36}}
	x := &exception{Rule: "R-*", Reason: "accepted \u2028 risk", Owner: "team", Expires: "2026-12-31", file: "exc.yaml", line: 4}
	recs := []record{
		{rule: rule, status: eval.Fail, entity: "vol-1", typ: "Volume", input: "inv.json", line: 3, col: 5,
			evidence: []eval.Evidence{{Path: "encrypted", Value: "false", Span: span}, {Path: "tags", Value: "[ {\"k\": 1} ]"}}},
		{rule: rule, status: eval.Fail, entity: "ünïcode\x01\"id", typ: "Volume", input: "<stdin>", line: 1},
		{rule: rule, ruleIdx: 3, status: eval.Fail, entity: "vol-2", typ: "Volume", input: "a b%.json", line: 0,
			evidence: []eval.Evidence{{Path: "x", Value: "missing"}}, suppressed: x, baseline: baselineUnchanged},
		{rule: list, status: eval.Fail, entity: "123456789012", typ: "List<CloudTrail>", evidence: []eval.Evidence{{Path: "items", Value: "[]"}}, baseline: baselineNew},
		{rule: noSrc, status: eval.Fail, entity: "", typ: ""},
		{rule: noSrc, status: eval.Fail, entity: "e", typ: ""},
		{rule: list, status: eval.Fail, entity: "", typ: "T"},
	}
	s := newSARIFReporter(reportOptions{})
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
			t.Errorf("record %d:\n got %s\nwant %s", i, got, w)
		}
		if !json.Valid(got) {
			t.Errorf("record %d: not valid JSON: %s", i, got)
		}
	}
}
