package main

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gsl-lang/gsl/lang"
	"github.com/gsl-lang/gsl/report"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		s    report.Summary
		want int
	}{
		{report.Summary{Pass: 3}, 0},
		{report.Summary{Pass: 3, Skip: 2}, 0},
		{report.Summary{Fail: 1}, 1},
		{report.Summary{Fail: 1, Error: 1}, 2},
		{report.Summary{InputErrors: 1}, 2},
	}
	for _, tt := range tests {
		if got := exitCode(&tt.s); got != tt.want {
			t.Errorf("exitCode(%+v) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestUseColor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	var buf bytes.Buffer
	tests := []struct {
		mode string
		env  func(string) string
		want bool
	}{
		{"auto", env(), false}, // not a terminal
		{"auto", env("FORCE_COLOR", "1"), true},
		{"auto", env("FORCE_COLOR", "1", "NO_COLOR", "1"), false},
		{"auto", env("FORCE_COLOR", "0"), false},
		{"always", env("NO_COLOR", "1"), true},
		{"never", env("FORCE_COLOR", "1"), false},
	}
	for _, tt := range tests {
		if got := useColor(tt.mode, &buf, tt.env); got != tt.want {
			t.Errorf("useColor(%s) = %v, want %v", tt.mode, got, tt.want)
		}
	}
	if useProgress(false, &buf, env()) {
		t.Error("progress on a buffer")
	}
}

func TestProblemsOf(t *testing.T) {
	m := &ruleMeta{Rule: report.Rule{ID: "R-1", Logic: "Instance should\n  have x =", Source: "b.yaml", LogicLine: 10, LogicColumn: 7}}
	err := lang.ErrorList{{Pos: lang.Pos{Line: 2, Column: 11, Offset: 26}, Msg: "unexpected end of rule", Expected: []string{"a value"}}}
	ps := problemsOf(m, err)
	if len(ps) != 1 {
		t.Fatalf("problems = %+v", ps)
	}
	var b bytes.Buffer
	writeProblem(&b, nil, ps[0])
	want := "b.yaml:11:17: error: R-1: unexpected end of rule (expected a value)\n      have x =\n              ^\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	other := problemsOf(m, errors.New("boom"))
	if len(other) != 1 || other[0].Msg != "boom" {
		t.Errorf("plain error = %+v", other)
	}
}
