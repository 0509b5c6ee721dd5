package main

import (
	"strings"
	"testing"
	"time"
)

// TestExceptionMatch checks which failures each kind of entry matches.
func TestExceptionMatch(t *testing.T) {
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	set, err := parseExceptions([]byte(`exceptions:
  - rule: R-1
    entity: vol-1
    reason: by id
  - rule: "R-2*"
    entity: "build-*"
    reason: by name glob
  - rule: R-3
    account: "111111111111"
    region: us-east-1
    reason: by account and region
  - rule: R-4
    tag: env=dev
    reason: by tag value
  - rule: R-5
    tag: scratch
    reason: by tag key
  - rule: R-6
    reason: expired
    expires: 2026-06-14
  - rule: R-7
    reason: expires today, still in force
    expires: 2026-06-15
  - rule: R-8
    account: "111111111111"
    reason: a List<> group is an account
`), "x.yaml", now)
	if err != nil {
		t.Fatal(err)
	}
	vol1 := `{"type":"Volume","id":"vol-1","accountNumber":"111111111111","region":"us-east-1","tags":[{"key":"env","value":"dev"},{"key":"scratch","value":""}]}`
	named := `{"type":"Volume","id":"vol-2","name":"build-7","accountNumber":"222222222222","region":"eu-west-1","tags":{"env":"prod"}}`
	mapTags := `{"type":"Volume","id":"vol-3","tags":{"env":"dev","scratch":"yes"}}`
	tests := []struct {
		rule, entity, doc string
		list              bool
		want              string // the reason, "" for no match
	}{
		{"R-1", "vol-1", vol1, false, "by id"},
		{"R-1", "vol-2", named, false, ""},
		{"R-20", "vol-2", named, false, "by name glob"},
		{"R-2", "vol-1", vol1, false, ""},
		{"R-3", "vol-1", vol1, false, "by account and region"},
		{"R-3", "vol-2", named, false, ""},
		{"R-4", "vol-1", vol1, false, "by tag value"},
		{"R-4", "vol-3", mapTags, false, "by tag value"},
		{"R-4", "vol-2", named, false, ""},
		{"R-5", "vol-1", vol1, false, "by tag key"},
		{"R-5", "vol-3", mapTags, false, "by tag key"},
		{"R-5", "vol-2", named, false, ""},
		{"R-6", "vol-1", vol1, false, ""},
		{"R-7", "vol-1", vol1, false, "expires today, still in force"},
		{"R-8", "111111111111", "", true, "a List<> group is an account"},
		{"R-8", "222222222222", "", true, ""},
		{"R-3", "111111111111", "", true, ""}, // a region cannot match a group
	}
	for _, tt := range tests {
		var doc []byte
		if !tt.list {
			doc = []byte(tt.doc)
		}
		got := ""
		if x := set.match(tt.rule, tt.entity, doc); x != nil {
			got = x.Reason
		}
		if got != tt.want {
			t.Errorf("%s on %s: matched %q, want %q", tt.rule, tt.entity, got, tt.want)
		}
	}
	if w := set.expiredWarnings(); len(w) != 1 || !strings.Contains(w[0], "x.yaml:18: exception for R-6 expired on 2026-06-14") {
		t.Errorf("expired warnings = %q", w)
	}
	unmatched := strings.Join(set.unmatchedWarnings(), "\n")
	if unmatched != "" {
		t.Errorf("every entry in force matched something, but: %s", unmatched)
	}
}

// TestParseExceptionsErrors checks that a bad exceptions file is an error
// naming the file and the entry, never a silent empty set.
func TestParseExceptionsErrors(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"exceptions:\n  - rule: R\n", "x.yaml:2: entry 1: reason is required"},
		{"exceptions:\n  - reason: r\n", "x.yaml:2: entry 1: rule is required"},
		{"exceptions:\n  - rule: R\n    reason: r\n  - rule: '[x'\n    reason: r\n", "x.yaml:4: entry 2: pattern \"[x\""},
		{"exceptions:\n  - rule: R\n    reason: r\n    expires: soon\n", `expires "soon": want a date like 2026-12-31`},
		{"exceptions:\n  - rule: R\n    reason: r\n    entity_id: x\n", `unknown field "entity_id"`},
		{"rules: []\n", `unknown field "rules"`},
		{"exceptions:\n  -\n", "entry 1 is empty"},
	} {
		_, err := parseExceptions([]byte(tt.text), "x.yaml", time.Now())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one containing %q", tt.text, err, tt.want)
		}
	}
}
