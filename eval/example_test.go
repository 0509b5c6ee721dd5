package eval_test

import (
	"fmt"
	"time"

	"github.com/gsl-lang/gsl/eval"
)

func ExampleCompile() {
	p, err := eval.Compile(`Instance should have volumes contain-all [encrypted = true]`, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := p.Eval([]byte(`{"type": "Instance", "id": "i-1",
		"volumes": [{"id": "v-1", "encrypted": true}, {"id": "v-2", "encrypted": false}]}`))
	fmt.Println(r.Status)
	for _, e := range r.Evidence {
		fmt.Println(e)
	}
	// Output:
	// fail
	// volumes[1].encrypted = false
}

func ExampleCompile_error() {
	_, err := eval.Compile(`Instance should have tags lenght() > 0`, nil)
	fmt.Println(err)
	// Output:
	// 1:27: unknown function "lenght"; did you mean "length"?
}

func ExampleProgram_Explain() {
	p, err := eval.Compile(`Instance where isPublic = true should not have inboundRules contain [port = 22 and scope = '0.0.0.0/0']`,
		&eval.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := p.Explain([]byte(`{"type": "Instance", "isPublic": true,
		"inboundRules": [{"port": 443, "scope": "0.0.0.0/0"}, {"port": 22, "scope": "0.0.0.0/0"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(t)
	// Output:
	// rule:    Instance where isPublic = true should not have inboundRules contain [port = 22 and scope = '0.0.0.0/0']
	// result:  fail
	// because: inboundRules[1].port = 22   (1:70 port = 22)
	//          inboundRules[1].scope = "0.0.0.0/0"   (1:84 scope = '0.0.0.0/0')
	//
	// where       true   isPublic = true     isPublic = true
	// should not  true   inboundRules contain [port = 22 and scope = '0.0.0.0/0']
	//             false    inboundRules[0]
	//             false      port = 22 and scope = '0.0.0.0/0'
	//             false        port = 22     inboundRules[0].port = 443
	//             -            scope = '0.0.0.0/0'   (not evaluated)
	//             true     inboundRules[1]
	//             true       port = 22 and scope = '0.0.0.0/0'
	//             true         port = 22     inboundRules[1].port = 22
	//             true         scope = '0.0.0.0/0'     inboundRules[1].scope = "0.0.0.0/0"
}

func ExampleRuleSet() {
	var progs []*eval.Program
	for _, src := range []string{
		`Instance should have isRunning = true`,
		`S3Bucket should have encryption.enabled = true`,
		`Instance should not have inboundRules contain [port = 22]`,
	} {
		p, err := eval.Compile(src, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		progs = append(progs, p)
	}
	rs := eval.NewRuleSet(progs, nil)
	err := rs.EvalDoc([]byte(`{"type": "Instance", "isRunning": true, "inboundRules": [{"port": 22}]}`),
		func(rule int, r eval.Result) { fmt.Println(rule, r) })
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// 0 pass
	// 1 skip
	// 2 fail (inboundRules[0].port = 22)
}

// A service compiles once and gives each evaluation its own clock: With
// shares the compiled rules and indexes and changes only the run-time
// settings. Without a clock, before() and after() read the time at each
// evaluation, never the time the rule was compiled.
func ExampleRuleSet_With() {
	p, err := eval.Compile(`Certificate should have notAfter after(30, 'days')`, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	rs := eval.NewRuleSet([]*eval.Program{p}, nil)
	doc := []byte(`{"type": "Certificate", "id": "c-1", "notAfter": "2026-07-01T00:00:00Z"}`)
	for _, month := range []time.Month{time.May, time.June} {
		now := time.Date(2026, month, 15, 0, 0, 0, 0, time.UTC)
		at := rs.With(&eval.Options{Now: now})
		if err := at.EvalDoc(doc, func(_ int, r eval.Result) { fmt.Println(now.Format(time.DateOnly), r.Status) }); err != nil {
			fmt.Println(err)
		}
	}
	// Output:
	// 2026-05-15 pass
	// 2026-06-15 fail
}
