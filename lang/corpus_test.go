package lang

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type corpusRule struct {
	Rule   string `json:"rule"`
	Entity string `json:"entity"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

// corpusPath is where the shared corpus lives, relative to this package.
var corpusPath = filepath.Join("..", "..", "shared", "corpus", "gsl-rules.jsonl")

// loadCorpus reads the real-rule corpus, skipping the test when it is absent.
func loadCorpus(tb testing.TB) []corpusRule {
	tb.Helper()
	rules, err := readCorpus()
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("corpus not available: %v", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return rules
}

func readCorpus() ([]corpusRule, error) {
	f, err := os.Open(corpusPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []corpusRule
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r corpusRule
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("corpus line %d: %w", len(out)+1, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// malformed lists the corpus rules that must not parse (see
// reference/gsl-language.md section 9), with where the error must point and
// the text that must stand at that position.
var malformed = []struct {
	prefix string // the start of the rule text
	pos    string // line:col of the error
	at     string // the source text at the error position
	msg    string // a substring of the message
}{
	{"S3Bucket should have policy.Statement contain [Effect='Deny' and (Action='s3:PutObject' and Condition.Null", "1:148", ")", `unmatched ")"`},
	{"List<LogProfile> should have items with [properties.retentionPolicy.enabled='true' and properties.retentionPolicy.days >= 365] length() >0]", "1:139", "]", `unmatched "]"`},
	{"Instance should have vpc exclude name='test'", "1:26", "exclude", `unexpected "exclude"`},
	{"NetworkSecurityGroup should have networkAssetsStatslength()>0", "1:34", "networkAssetsStatslength", "without an operand"},
	{"PostgreSQL should have logsConfiguration with [ value='ON'] where name='connection_throttling'", "1:61", "where", `"where" after the condition`},
	{"VirtualMachine should have tags contain [ ( key like \u2018Prod' ) ]", "1:54", "\u2018", "typographic quote"},
}

// TestCorpus parses every real rule: all but the known malformed ones must
// parse and survive a Format round trip; the malformed ones must fail with
// the error at the fault.
func TestCorpus(t *testing.T) {
	rules := loadCorpus(t)
	ok := 0
	seen := make([]bool, len(malformed))
	for _, rec := range rules {
		bad := -1
		for i, m := range malformed {
			if strings.HasPrefix(rec.Rule, m.prefix) {
				bad = i
			}
		}
		r, err := Parse(rec.Rule)
		if bad >= 0 {
			seen[bad] = true
			checkMalformed(t, rec.Rule, err, malformed[bad].pos, malformed[bad].at, malformed[bad].msg)
			continue
		}
		if err != nil {
			t.Errorf("%s\n%s", rec.Rule, err.(ErrorList).Detail())
			continue
		}
		ok++
		checkSpans(t, rec.Rule, r)
		checkRoundTrip(t, r)
	}
	for i, s := range seen {
		if !s {
			t.Errorf("malformed rule %q is not in the corpus", malformed[i].prefix)
		}
	}
	t.Logf("corpus: %d of %d rules parse; %d are known to be malformed", ok, len(rules), len(malformed))
	if ok < 1285 {
		t.Errorf("only %d of %d corpus rules parse, want at least 1285", ok, len(rules))
	}
}

func checkMalformed(t *testing.T, src string, err error, pos, at, msg string) {
	t.Helper()
	if err == nil {
		t.Errorf("malformed rule parsed: %s", src)
		return
	}
	e := err.(ErrorList)[0]
	if got := fmt.Sprintf("%d:%d", e.Pos.Line, e.Pos.Column); got != pos {
		t.Errorf("%s: error at %s, want %s\n%s", src, got, pos, e.Detail())
	}
	if !strings.HasPrefix(src[e.Pos.Offset:], at) {
		t.Errorf("%s: error points at %q, want %q", src, src[e.Pos.Offset:], at)
	}
	if !strings.Contains(e.Msg, msg) {
		t.Errorf("%s: message %q does not contain %q", src, e.Msg, msg)
	}
}
