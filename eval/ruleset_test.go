package eval

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// instanceRules are twenty rules of the kind a compliance bundle runs over
// an Instance: they share many paths.
var instanceRules = []string{
	typicalRule,
	`Instance should have isRunning = true`,
	`Instance should not have isPublic = true`,
	`Instance should have vpc.isDefault = false`,
	`Instance should have tags contain [key = 'owner']`,
	`Instance should have tags contain [key = 'env' and value in ('prod', 'dev', 'test')]`,
	`Instance should have volumes contain-all [encrypted = true and kmsKeyId like 'arn:aws:kms:%']`,
	`Instance should not have inboundRules contain [port <= 22 and portTo >= 22 and scope = '0.0.0.0/0']`,
	`Instance should not have inboundRules contain [port <= 3389 and portTo >= 3389 and scope = '0.0.0.0/0']`,
	`Instance should have metadataOptions.httpTokens = 'required'`,
	`Instance should have roles`,
	`Instance should have instanceType unlike 't1.%'`,
	`Instance where isPublic = true should not have nics contain [publicIpAddress]`,
	`Instance should have nics contain-all [subnet.nacl.inbound contain-none [action = 'allow' and source = '0.0.0.0/0' and port <= 22 and portTo >= 22]]`,
	`Instance should have outboundRules contain-none [scope = '0.0.0.0/0' and port <= 25 and portTo >= 25]`,
	`Instance should have ebsOptimized = true`,
	`Instance should have monitoring != 'disabled'`,
	`Instance should have volumes contain-all [volumeType in ('gp3', 'io2')]`,
	`Instance should have scanners.findings contain-none [severity = 'High']`,
	`Instance should have launchTime > 1600000000 and platform = 'linux' and vpc.instanceTenancy = 'default'`,
}

func compileAll(t testing.TB, rules []string) []*Program {
	t.Helper()
	progs := make([]*Program, len(rules))
	for i, r := range rules {
		progs[i] = vmtCompile(t, r)
	}
	return progs
}

// countReads runs f and returns the path reads it made.
func countReads(f func()) (table, raw int) {
	readsHook = func(t, r int) { table += t; raw += r }
	defer func() { readsHook = nil }()
	f()
	return
}

func TestRuleSetReadsEachPathOnce(t *testing.T) {
	doc := loadInstanceDoc(t)
	progs := compileAll(t, instanceRules)
	rs := NewRuleSet(progs, &Options{Now: vmtNow})

	got := make([]Result, len(progs))
	table, raw := countReads(func() {
		if err := rs.EvalDoc(doc, func(i int, r Result) { got[i] = r }); err != nil {
			t.Fatal(err)
		}
	})
	if raw != 0 {
		t.Errorf("the rules read %d paths from the raw JSON; want all from the table", raw)
	}
	for i, p := range progs {
		if want := p.Eval(doc); got[i].Status != want.Status {
			t.Errorf("rule %d: rule set gave %v, Eval gave %v", i, got[i], want)
		}
	}
	if got[16].Status != Fail {
		t.Errorf("the monitoring rule should fail: %v", got[16])
	}

	// Three copies of every rule read no more than one.
	triple := append(append(append([]*Program(nil), progs...), progs...), progs...)
	table3, raw3 := countReads(func() {
		NewRuleSet(triple, nil).EvalDoc(doc, func(int, Result) {})
	})
	if table3 != table || raw3 != 0 {
		t.Errorf("tripled rules read %d+%d paths, want %d+0", table3, raw3, table)
	}

	// One rule at a time reads the shared paths again and again.
	alone := 0
	for _, p := range progs {
		n, _ := countReads(func() {
			NewRuleSet([]*Program{p}, nil).EvalDoc(doc, func(int, Result) {})
		})
		alone += n
	}
	if alone <= table {
		t.Errorf("rules alone read %d paths, together %d: expected sharing", alone, table)
	}
	t.Logf("path reads: %d for the set, %d for the rules one by one", table, alone)

	// Every table entry found is a distinct path instance: the layout has
	// one node per path, and each document value is recorded once.
	l := rs.byType["Instance"].layout
	if l.nodes < 20 {
		t.Errorf("layout has %d nodes", l.nodes)
	}
}

func TestProgramReadsEachRootPathOnce(t *testing.T) {
	p := vmtCompile(t, `T should have a = 1 and (a = 2 or a = 1) and b.c = 1 and b.c != 2`)
	var r Result
	table, raw := countReads(func() { r = p.Eval([]byte(`{"type":"T","a":1,"b":{"c":1}}`)) })
	if r.Status != Pass || table != 3 || raw != 0 {
		t.Fatalf("got %v with %d table and %d raw reads; want pass, 3, 0", r, table, raw)
	}
}

func TestRuleSetOrder(t *testing.T) {
	progs := compileAll(t, []string{
		`T should have a = 1`,         // 0
		`U should have a = 1`,         // 1
		`true`,                        // 2
		`List<T> should have items`,   // 3: not emitted by EvalDoc
		`T where a = 2`,               // 4: query
		`false`,                       // 5
		`T where b = 1 should have a`, // 6
	})
	progs = append(progs, nil) // 7
	rs := NewRuleSet(progs, nil)
	var got []string
	err := rs.EvalDoc([]byte(`{"type":"T","a":2}`), func(i int, r Result) {
		got = append(got, fmt.Sprintf("%d:%s", i, r.Status))
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "0:fail 1:skip 2:pass 4:fail 5:fail 6:skip 7:skip"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(rs.Programs()) != 8 {
		t.Fatal("Programs")
	}

	// A document that cannot be evaluated: an error, and no results.
	for _, doc := range []string{`{"type":"T"`, `{"a":1}`, `[]`} {
		called := false
		err := rs.EvalDoc([]byte(doc), func(int, Result) { called = true })
		if err == nil || called {
			t.Errorf("%s: err %v, emit called %v", doc, err, called)
		}
	}
	err = rs.EvalDoc([]byte(`{"a":1}`), func(int, Result) {})
	if !errors.Is(err, ErrNoType) {
		t.Errorf("got %v", err)
	}
}

// TestRuleSetOptions checks OnlyApplicable (no Skip for other types' rules,
// the rest unchanged and in order) and NoEvidence (the same statuses and
// errors, no evidence) against plain EvalDoc.
func TestRuleSetOptions(t *testing.T) {
	progs := compileAll(t, []string{
		`T should have a = 1`,                // 0
		`U should have a = 1`,                // 1
		`true`,                               // 2
		`List<T> should have items`,          // 3
		`T where a = 2`,                      // 4
		`false`,                              // 5
		`T where b = 1 should have a`,        // 6
		`T should have c before(-1, 'days')`, // 7: error on a list
		`List<T> should have items`,          // 8
		`T should have c contain [x=1]`,      // 9
	})
	progs = append(progs, nil) // 10
	docs := []string{`{"type":"T","a":2,"c":[{"x":2}]}`, `{"type":"U","a":1}`, `{"type":"V"}`, `{"type":"List<T>"}`}
	run := func(opts *Options, doc string) []string {
		var got []string
		err := NewRuleSet(progs, opts).EvalDoc([]byte(doc), func(i int, r Result) {
			got = append(got, fmt.Sprintf("%d:%s/%d/%v", i, r.Status, len(r.Evidence), r.Err != nil))
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, doc := range docs {
		all := run(nil, doc)
		var applicable, bare []string
		for i, r := range all {
			var k int
			var st string
			var ev int
			var hasErr bool
			fmt.Sscanf(strings.ReplaceAll(strings.ReplaceAll(r, ":", " "), "/", " "), "%d %s %d %t", &k, &st, &ev, &hasErr)
			if st != "skip" || progs[k] != nil && progs[k].Target() == gjsonType(doc) {
				applicable = append(applicable, all[i])
			}
			bare = append(bare, fmt.Sprintf("%d:%s/0/%v", k, st, hasErr))
		}
		if got := run(&Options{OnlyApplicable: true}, doc); strings.Join(got, " ") != strings.Join(applicable, " ") {
			t.Errorf("%s OnlyApplicable:\n got  %v\n want %v", doc, got, applicable)
		}
		if got := run(&Options{NoEvidence: true}, doc); strings.Join(got, " ") != strings.Join(bare, " ") {
			t.Errorf("%s NoEvidence:\n got  %v\n want %v", doc, got, bare)
		}
	}
	// The table itself, for one document, so that the test cannot pass
	// vacuously.
	want := "0:fail/1/false 2:pass/0/false 4:fail/1/false 5:fail/1/false 6:skip/0/false 7:error/1/true 9:fail/1/false"
	if got := run(&Options{OnlyApplicable: true}, docs[0]); strings.Join(got, " ") != want {
		t.Errorf("got  %v\nwant %s", got, want)
	}
	if got := run(&Options{OnlyApplicable: true}, docs[2]); strings.Join(got, " ") != "2:pass/0/false 5:fail/1/false" {
		t.Errorf("V: got %v", got)
	}

	// Program.Eval and Lists honour NoEvidence too.
	p, err := Compile(`T should have a = 1`, &Options{NoEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Eval([]byte(`{"type":"T","a":2}`)); r.Status != Fail || r.Evidence != nil {
		t.Errorf("Eval: %+v", r)
	}
	if r := p.Eval([]byte(`{"type":`)); r.Status != Error || r.Evidence != nil || !errors.Is(r.Err, ErrInvalidJSON) {
		t.Errorf("Eval invalid: %+v", r)
	}
	l := NewRuleSet(progs[3:4], &Options{NoEvidence: true}).NewLists()
	l.Eval(func(_ int, _ string, r Result) {
		if r.Status != Fail || r.Evidence != nil {
			t.Errorf("Lists: %+v", r)
		}
	})
}

// gjsonType is the "type" member of doc.
func gjsonType(doc string) string {
	var d Document
	if err := d.init([]byte(doc), 1<<20, 64, nil); err != nil {
		return ""
	}
	return d.typ
}

func TestRuleSetConcurrent(t *testing.T) {
	doc := loadInstanceDoc(t)
	rs := NewRuleSet(compileAll(t, instanceRules), nil)
	want := make([]Status, len(instanceRules))
	rs.EvalDoc(doc, func(i int, r Result) { want[i] = r.Status })
	done := make(chan string)
	for g := range 4 {
		go func() {
			for range 200 {
				bad := ""
				rs.EvalDoc(doc, func(i int, r Result) {
					if r.Status != want[i] {
						bad = fmt.Sprintf("goroutine %d rule %d: %v", g, i, r)
					}
				})
				if bad != "" {
					done <- bad
					return
				}
			}
			done <- ""
		}()
	}
	for range 4 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

func TestLists(t *testing.T) {
	progs := compileAll(t, []string{
		`T should have a = 1`,                                  // 0
		`List<T> should have items length() >= 2`,              // 1
		`List<U> should have items length() > 0`,               // 2: no U documents
		`List<T> should have items contain-all [region = 'x']`, // 3
	})
	rs := NewRuleSet(progs, nil)
	l := rs.NewLists()
	for _, doc := range []string{
		`{"type":"T","accountNumber":"222","region":"x"}`,
		`{"type":"T","accountNumber":"111","region":"x"}`,
		`{"type":"T","region":"y"}`,
		`{"type":"T","accountNumber":"111","region":"x"}`,
		`{"type":"V","accountNumber":"111"}`,
		`{"type":"T","accountNumber":"222"`, // invalid: ignored
	} {
		l.Add([]byte(doc))
	}
	run := func() string {
		var got []string
		l.Eval(func(i int, group string, r Result) {
			got = append(got, fmt.Sprintf("%d/%s:%s", i, group, r.Status))
			if r.Status == Fail && len(r.Evidence) == 0 {
				t.Errorf("rule %d group %s fails without evidence", i, group)
			}
		})
		return strings.Join(got, " ")
	}
	want := "1/*:fail 3/*:fail 1/111:pass 3/111:pass 1/222:fail 3/222:pass 2/*:fail"
	if got := run(); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := run(); got != want {
		t.Fatalf("second run: %s", got)
	}
	// The same results, in the same order, whatever the number of
	// goroutines.
	for _, n := range []int{1, 3, 16} {
		l.SetWorkers(n)
		if got := run(); got != want {
			t.Fatalf("%d workers: %s", n, got)
		}
	}
	l.SetWorkers(0)
	// The evidence points into the virtual entity.
	l.Eval(func(i int, group string, r Result) {
		if i == 3 && group == "*" {
			if len(r.Evidence) != 1 || r.Evidence[0].String() != `items[0].region = "y"` {
				t.Errorf("evidence %v", r.Evidence)
			}
		}
	})
	// Explain traces one group.
	tr, ok := l.Explain(3, "*")
	if !ok || tr.Status != Fail || !strings.Contains(tr.String(), `items[0].region = "y"`) {
		t.Errorf("Lists.Explain: %v %v", ok, tr)
	}
	if _, ok := l.Explain(0, "*"); ok {
		t.Error("Lists.Explain of a rule that is not List<>")
	}
	// Groups lists what Eval runs over, with counts; an empty accountNumber
	// is a group of its own, not "*".
	if got := fmt.Sprint(l.Groups(3), l.Groups(2), l.Groups(0)); got != "[{* 1} {111 2} {222 1}] [{* 0}] []" {
		t.Errorf("Groups: %s", got)
	}
	l.Add([]byte(`{"type":"T","accountNumber":"","region":"x"}`))
	if got := fmt.Sprint(l.Groups(1)); got != "[{ 1} {* 1} {111 2} {222 1}]" {
		t.Errorf("Groups with an empty accountNumber: %s", got)
	}
	// AddDocument gathers the same groups from prepared documents.
	l3 := rs.NewLists()
	for _, doc := range []string{`{"type":"T","accountNumber":111,"region":"x"}`, `{"type":"T","accountNumber":"111","region":"x"}`} {
		d, err := NewDocument([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		l3.AddDocument(d)
	}
	var got3 []string
	l3.Eval(func(i int, group string, r Result) { got3 = append(got3, fmt.Sprintf("%d/%s:%s", i, group, r.Status)) })
	if s := strings.Join(got3, " "); s != "1/111:pass 3/111:pass 2/*:fail" {
		t.Errorf("AddDocument: %s", s)
	}
	// A group's entity is read where the group keeps it; adding documents
	// after Eval must leave an entity already returned as it was.
	g := newListGroup("T", "111")
	g.add(`{"a":1}`)
	e1 := g.entity()
	for range 3 {
		g.add(`{"b":2}`)
	}
	if want := `{"type":"List<T>","id":"111","items":[{"a":1}]}`; e1 != want {
		t.Errorf("entity after adding: %s, want %s", e1, want)
	}
	if e2, want := g.entity(), `{"type":"List<T>","id":"111","items":[{"a":1},{"b":2},{"b":2},{"b":2}]}`; e2 != want {
		t.Errorf("entity: %s, want %s", e2, want)
	}
	// Lists keep nothing that reads the bytes they were given: a caller
	// may reuse them.
	l5 := rs.NewLists()
	buf := []byte(`{"type":"T","accountNumber":"111","region":"x"}`)
	l5.Add(buf)
	copy(buf, `{"type":"U","accountNumber":"222","region":"y"}`)
	l5.Add(buf)
	if got := fmt.Sprint(l5.Groups(1), l5.Groups(2)); got != "[{111 1}] [{222 1}]" {
		t.Errorf("Groups after the caller reused its buffer: %s", got)
	}
	// A set without List<> rules keeps nothing.
	l2 := NewRuleSet(progs[:1], nil).NewLists()
	l2.Add([]byte(`{"type":"T"}`))
	if len(l2.groups) != 0 {
		t.Error("kept a document no rule needs")
	}
}
