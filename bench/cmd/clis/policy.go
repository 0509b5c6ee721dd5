package main

// This file writes the 34 rules of bench/peers as the inputs each CLI
// takes, and reads each CLI's violations back as comparable keys.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/bench/peers"
	"github.com/tidwall/gjson"
)

// policy returns the Rego module both peer CLIs run: the translated rules
// of bench/peers (each over input as one document), a `deny` rule per
// translated rule for `conftest test` (which evaluates each element of a
// JSON array as its own input), and `findings` for `opa eval` over the
// whole array, which hands each element to deny as its input. A message
// is "RULE|TYPE|ACCOUNT|ID", the key conftest's violations are compared by.
func policy(rules []peers.Rule, targets []string, now time.Time) string {
	var b strings.Builder
	b.WriteString(peers.RegoModule(rules, now))
	for i, r := range rules {
		fmt.Fprintf(&b, `
deny contains msg if {
	input.type == %q
	%s
	msg := sprintf("%%s|%%s|%%v|%%v", [%q, input.type, object.get(input, "accountNumber", ""), object.get(input, "id", "")])
}
`, targets[i], peers.RegoName(r.ID), r.ID)
	}
	b.WriteString(`
# findings: over a JSON array of documents (opa eval --input), each
# violation as "INDEX|RULE|TYPE|ACCOUNT|ID".
findings contains sprintf("%d|%s", [i, msg]) if {
	some i, doc in input
	msgs := deny with input as doc
	some msg in msgs
}
`)
	return b.String()
}

// gslArgs returns the -r arguments of gslcheck for rules: rule i is named
// rule-(i+1).
func gslArgs(rules []peers.Rule) []string {
	var args []string
	for _, r := range rules {
		args = append(args, "-r", r.GSL)
	}
	return args
}

// violations count a CLI's findings by key: "INDEX|RULE|TYPE|ACCOUNT|ID",
// or "RULE|TYPE|ACCOUNT|ID" where the CLI cannot say which element of the
// array it judged (conftest).
type violations map[string]int

// docKey is "TYPE|ACCOUNT|ID" of a document, as the Rego messages give it.
func docKey(doc []byte) string {
	r := gjson.GetManyBytes(doc, "type", "accountNumber", "id")
	return r[0].String() + "|" + r[1].String() + "|" + r[2].String()
}

// readGSLCheck reads gslcheck's JSON report: every fail of rule-N over the
// element at index I of the input array, as "I|RULE|TYPE|ACCOUNT|ID".
func readGSLCheck(r io.Reader, rules []peers.Rule, docs [][]byte) (violations, error) {
	var rep struct {
		Results []struct {
			Rule, Status, Location string
		}
		Summary struct{ Documents, Malformed int }
	}
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, fmt.Errorf("gslcheck report: %v", err)
	}
	if rep.Summary.Documents != len(docs) || rep.Summary.Malformed != 0 {
		return nil, fmt.Errorf("gslcheck read %d documents (%d malformed), want %d", rep.Summary.Documents, rep.Summary.Malformed, len(docs))
	}
	v := violations{}
	for _, res := range rep.Results {
		switch res.Status {
		case "pass", "skip":
			continue
		case "fail":
		default:
			return nil, fmt.Errorf("gslcheck: %s on %s: status %s", res.Rule, res.Location, res.Status)
		}
		n, err := strconv.Atoi(strings.TrimPrefix(res.Rule, "rule-"))
		if err != nil || n < 1 || n > len(rules) {
			return nil, fmt.Errorf("gslcheck: unknown rule %q", res.Rule)
		}
		_, idx, _ := strings.Cut(res.Location, "[")
		i, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
		if err != nil || i < 0 || i >= len(docs) {
			return nil, fmt.Errorf("gslcheck: location %q is not an element of the array", res.Location)
		}
		v[strconv.Itoa(i)+"|"+rules[n-1].ID+"|"+docKey(docs[i])]++
	}
	return v, nil
}

// readOPA reads `opa eval --format json 'data.bench.findings'`.
func readOPA(r io.Reader) (violations, error) {
	var out struct {
		Result []struct {
			Expressions []struct{ Value []string }
		}
	}
	if err := json.NewDecoder(r).Decode(&out); err != nil {
		return nil, fmt.Errorf("opa eval output: %v", err)
	}
	if len(out.Result) != 1 || len(out.Result[0].Expressions) != 1 {
		return nil, fmt.Errorf("opa eval: %d results, want one expression", len(out.Result))
	}
	v := violations{}
	for _, k := range out.Result[0].Expressions[0].Value {
		v[k]++
	}
	return v, nil
}

// readConftest reads `conftest test --output json`: one entry per file (or
// per element of an array), each with its failures' messages.
func readConftest(r io.Reader) (violations, error) {
	var out []struct {
		Failures []struct{ Msg string }
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(bytes.TrimSpace(b), &out); err != nil {
		return nil, fmt.Errorf("conftest output: %v: %.300s", err, b)
	}
	v := violations{}
	for _, f := range out {
		for _, m := range f.Failures {
			v[m.Msg]++
		}
	}
	return v, nil
}

// dropIndex returns v with the leading "INDEX|" of each key removed.
func (v violations) dropIndex() violations {
	out := violations{}
	for k, n := range v {
		_, rest, _ := strings.Cut(k, "|")
		out[rest] += n
	}
	return out
}

// total is the number of violations.
func (v violations) total() int {
	n := 0
	for _, c := range v {
		n += c
	}
	return n
}

// diff describes how got differs from want, with up to max examples.
func diff(want, got violations, max int) []string {
	var out []string
	add := func(s string) {
		if len(out) < max {
			out = append(out, s)
		}
	}
	missing, extra := 0, 0
	for k, n := range want {
		if got[k] < n {
			missing += n - got[k]
			add("missing " + k)
		}
	}
	for k, n := range got {
		if want[k] < n {
			extra += n - want[k]
			add("extra " + k)
		}
	}
	if missing+extra > 0 {
		out = append([]string{fmt.Sprintf("%d missing, %d extra", missing, extra)}, out...)
	}
	return out
}
