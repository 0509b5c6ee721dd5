package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/bench/peers"
	"github.com/gsl-lang/gsl/internal/invgen"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// The policy the peer CLIs run gives, over an array, the violations GSL
// gives document by document, keyed as readGSLCheck keys them; and over one
// document (conftest's input) the same without the index.
func TestPolicyAgreesWithGSL(t *testing.T) {
	docs, err := invgen.Generate(invgen.Config{N: 1500, Seed: 1, FailRatio: invgen.DefaultFailRatio})
	if err != nil {
		t.Fatal(err)
	}
	rules := peers.Rules
	targets, err := peers.Targets(rules)
	if err != nil {
		t.Fatal(err)
	}
	gsl, err := peers.NewGSL(rules, invgen.DefaultNow(), false)
	if err != nil {
		t.Fatal(err)
	}
	want := violations{}
	verdict := make([]bool, len(rules))
	for i, d := range docs {
		clear(verdict)
		if err := gsl.Eval(d, verdict); err != nil {
			t.Fatal(err)
		}
		for r, v := range verdict {
			if v {
				want[strconv.Itoa(i)+"|"+rules[r].ID+"|"+docKey(d)]++
			}
		}
	}
	if want.total() < 50 {
		t.Fatalf("only %d violations: the inventory does not exercise the rules", want.total())
	}

	module := policy(rules, targets, invgen.DefaultNow())
	ctx := context.Background()
	var array []any
	for _, d := range docs {
		var v any
		if err := json.Unmarshal(d, &v); err != nil {
			t.Fatal(err)
		}
		array = append(array, v)
	}
	rs, err := rego.New(rego.Query("data.bench.findings"), rego.Module("bench.rego", module), rego.Input(array)).Eval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// What opa eval --format json prints.
	out, err := json.Marshal(map[string]any{"result": []any{map[string]any{"expressions": []any{map[string]any{"value": rs[0].Expressions[0].Value}}}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := readOPA(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(want, got, 10); len(d) > 0 {
		t.Errorf("findings over the array differ from GSL's verdicts:\n%s", strings.Join(d, "\n"))
	}

	// deny over each document alone, as conftest evaluates an array.
	compiler, err := ast.CompileModulesWithOpt(map[string]string{"bench.rego": module}, ast.CompileOpts{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := rego.New(rego.Query("data.bench.deny"), rego.Compiler(compiler)).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perDoc := violations{}
	for _, doc := range array {
		rs, err := q.Eval(ctx, rego.EvalInput(doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range rs[0].Expressions[0].Value.([]any) {
			perDoc[m.(string)]++
		}
	}
	if d := diff(want.dropIndex(), perDoc, 10); len(d) > 0 {
		t.Errorf("deny document by document differs from GSL's verdicts:\n%s", strings.Join(d, "\n"))
	}
}

func TestReadGSLCheck(t *testing.T) {
	docs := [][]byte{[]byte(`{"type":"Volume","id":"v-1","accountNumber":"111"}`), []byte(`{"type":"Volume","id":"v-2","accountNumber":"111"}`)}
	rules := []peers.Rule{{ID: "A"}, {ID: "B"}}
	report := func(results, summary string) string {
		return `{"results": [` + results + `], "summary": ` + summary + `}`
	}
	ok := `{"documents":2,"malformed":0}`
	v, err := readGSLCheck(strings.NewReader(report(`{"rule":"rule-2","status":"fail","location":"d.json[1]"},{"rule":"rule-1","status":"pass","location":"d.json[0]"}`, ok)), rules, docs)
	if err != nil || fmt.Sprint(v) != "map[1|B|Volume|111|v-2:1]" {
		t.Errorf("readGSLCheck = %v, %v", v, err)
	}
	for name, bad := range map[string]string{
		"a rule error":           report(`{"rule":"rule-1","status":"error","location":"d.json[0]"}`, ok),
		"an unknown rule":        report(`{"rule":"rule-3","status":"fail","location":"d.json[0]"}`, ok),
		"a location not indexed": report(`{"rule":"rule-1","status":"fail","location":"d.json:3"}`, ok),
		"an index out of range":  report(`{"rule":"rule-1","status":"fail","location":"d.json[2]"}`, ok),
		"a document lost":        report(``, `{"documents":1,"malformed":0}`),
		"a malformed document":   report(``, `{"documents":2,"malformed":1}`),
	} {
		if _, err := readGSLCheck(strings.NewReader(bad), rules, docs); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestReadConftest(t *testing.T) {
	// The shape of conftest test --output json.
	out := `[
	{"filename": "d.json", "namespace": "bench", "successes": 3, "failures": [{"msg": "A|Volume|111|v-1"}, {"msg": "B|Volume|111|v-1"}]},
	{"filename": "d.json", "namespace": "bench", "successes": 4},
	{"filename": "d.json", "namespace": "bench", "successes": 3, "failures": [{"msg": "A|Volume|111|v-1"}]}
]`
	v, err := readConftest(strings.NewReader(out))
	if err != nil || fmt.Sprint(v) != "map[A|Volume|111|v-1:2 B|Volume|111|v-1:1]" {
		t.Errorf("readConftest = %v, %v", v, err)
	}
	if _, err := readConftest(strings.NewReader("FAIL - d.json")); err == nil {
		t.Error("text output read as JSON")
	}
}

func TestDiff(t *testing.T) {
	want := violations{"a": 1, "b": 2}
	if d := diff(want, violations{"a": 1, "b": 2}, 5); d != nil {
		t.Errorf("equal: %v", d)
	}
	d := diff(want, violations{"b": 1, "c": 1}, 5)
	slices.Sort(d[1:])
	if strings.Join(d, "; ") != "2 missing, 1 extra; extra c; missing a; missing b" {
		t.Errorf("diff: %v", d)
	}
}
