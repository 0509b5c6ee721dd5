package eval

import (
	"fmt"
	"strings"
	"testing"
)

// TestListsRootValue checks that List<> rules that read the virtual entity
// itself (`$`, functions of it) see it, on one goroutine and on several.
func TestListsRootValue(t *testing.T) {
	progs := compileAll(t, []string{
		`List<T> should have $ length() = 3`,          // 0: the entity's members
		`List<T> should have $.items length() = 2`,    // 1
		`List<T> should not have $ isEmpty()`,         // 2
		`List<T> should have items contain [$.a = 1]`, // 3
	})
	for _, workers := range []int{1, 4} {
		l := NewRuleSet(progs, nil).NewLists()
		l.SetWorkers(workers)
		l.Add([]byte(`{"type":"T","accountNumber":"1","a":1}`))
		l.Add([]byte(`{"type":"T","accountNumber":"1","a":2}`))
		var got []string
		l.Eval(func(i int, group string, r Result) {
			got = append(got, fmt.Sprintf("%d/%s:%s", i, group, r.Status))
		})
		if want := "0/1:pass 1/1:pass 2/1:pass 3/1:pass"; strings.Join(got, " ") != want {
			t.Errorf("%d workers: got %s, want %s", workers, strings.Join(got, " "), want)
		}
	}
}

// TestRootValue checks that a rule reading the entity itself sees it
// through every entry point: Program.Eval, Program.EvalDocument and a rule
// set in both of its modes.
func TestRootValue(t *testing.T) {
	src := []string{`T should have $ length() = 2`, `T should not have $ isEmpty()`, `T should have $.a = 1`}
	doc := []byte(`{"type":"T","a":1}`)
	progs := compileAll(t, src)
	d, err := NewDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range progs {
		if r := p.Eval(doc); r.Status != Pass {
			t.Errorf("Eval %s: %v", src[i], r)
		}
		if r := p.EvalDocument(d); r.Status != Pass {
			t.Errorf("EvalDocument %s: %v", src[i], r)
		}
	}
	for _, opts := range []*Options{nil, {OnlyApplicable: true, NoEvidence: true}} {
		n := 0
		err := NewRuleSet(progs, opts).EvalDoc(doc, func(i int, r Result) {
			n++
			if r.Status != Pass {
				t.Errorf("RuleSet %+v %s: %v", opts, src[i], r)
			}
		})
		if err != nil || n != len(src) {
			t.Errorf("RuleSet %+v: %d results, %v", opts, n, err)
		}
	}
}
