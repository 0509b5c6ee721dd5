package eval

import (
	"errors"
	"strings"
	"testing"
)

// vmCase is one rule over one document with the expected outcome and, for
// fails and errors, the expected evidence (each "path = value", in order).
type vmCase struct {
	rule string
	doc  string
	want Status
	ev   []string // nil: not checked
}

// The VM cases exercise every opcode and the semantics the compiler owns
// (short-circuiting, loops, scopes, with-chains, results); the semantics of
// the operators themselves belong to package builtin.
var vmCases = []vmCase{
	// PATH, CONST, EQK; RET.
	{rule: `T should have a = 1`, doc: `{"type":"T","a":1}`, want: Pass},
	{rule: `T should have a = 1`, doc: `{"type":"T","a":2}`, want: Fail, ev: []string{"a = 2"}},
	{rule: `T should have a = 1`, doc: `{"type":"T"}`, want: Fail, ev: []string{"a = missing"}},
	{rule: `T should have a.b.c = 'x'`, doc: `{"type":"T","a":{"b":{"c":"x"}}}`, want: Pass},
	{rule: `T should have a.b.c = 'x'`, doc: `{"type":"T","a":{"b":[{"c":"x"}]}}`, want: Fail, ev: []string{"a.b.c = missing"}},
	// A path never steps into an array, not even with a numeric name.
	{rule: "T should have a.`0` = 5", doc: `{"type":"T","a":[5]}`, want: Fail},
	{rule: "T should have a.`0` = 5", doc: `{"type":"T","a":{"0":5}}`, want: Pass},
	// Keys with gjson path syntax are plain names.
	{rule: "T should have tags.`aws:cloudformation:stack-name` = 's'", doc: `{"type":"T","tags":{"aws:cloudformation:stack-name":"s"}}`, want: Pass},
	{rule: "T should have `a.b` = 1", doc: `{"type":"T","a.b":1,"a":{"b":2}}`, want: Pass},
	{rule: "T should have `@this` = 1", doc: `{"type":"T","@this":1}`, want: Pass},
	{rule: "T should have `*` = 1", doc: `{"type":"T","x":1,"*":2}`, want: Fail},
	{rule: "T should have `k\"q` = 1", doc: `{"type":"T","k\"q":1}`, want: Pass},
	{rule: "T should have `é` = 1", doc: `{"type":"T","\u00e9":1}`, want: Pass},
	// A repeated key: the first one counts.
	{rule: `T should have a = 1`, doc: `{"type":"T","a":1,"a":2}`, want: Pass},
	{rule: `T should have x.a = 1`, doc: `{"type":"T","x":{"a":1,"a":2}}`, want: Pass},
	// Integers beyond 2^53 compare exactly, in constants and between paths.
	{rule: `T should have n = 9007199254740993`, doc: `{"type":"T","n":9007199254740992}`, want: Fail},
	{rule: `T should have n = 9007199254740993`, doc: `{"type":"T","n":9007199254740993}`, want: Pass},
	{rule: `T should have n < m`, doc: `{"type":"T","n":9007199254740992,"m":9007199254740993}`, want: Pass},
	{rule: `T should have n in (4294967296, 9007199254740993)`, doc: `{"type":"T","n":9007199254740993}`, want: Pass},
	// A path on either side.
	{rule: `T should have a = b`, doc: `{"type":"T","a":3,"b":3}`, want: Pass},
	{rule: `T should have a < b`, doc: `{"type":"T","a":3,"b":4}`, want: Pass},
	{rule: `T should have a > b`, doc: `{"type":"T","a":3,"b":4}`, want: Fail, ev: []string{"a = 3", "b = 4"}},
	// NEK and friends, EQ/NE with computed right-hand sides.
	{rule: `T should have a != 'x'`, doc: `{"type":"T"}`, want: Pass},
	{rule: `T should have a != 'x'`, doc: `{"type":"T","a":"x"}`, want: Fail},
	{rule: `T should have a <= 2 and a >= 2 and a < 3 and a > 1`, doc: `{"type":"T","a":2}`, want: Pass},
	{rule: `T should have a != b`, doc: `{"type":"T","a":1,"b":1}`, want: Fail},
	{rule: `T should have a >= b and a <= b`, doc: `{"type":"T","a":"m","b":"m"}`, want: Pass},
	// LIKE, REGEX, IN.
	{rule: `T should have name like 'prod-%'`, doc: `{"type":"T","name":"PROD-web"}`, want: Pass},
	{rule: `T should have name unlike 'prod-%'`, doc: `{"type":"T","name":"prod-web"}`, want: Fail, ev: []string{`name = "prod-web"`}},
	{rule: `T should have name regexMatch /^web-[0-9]+$/`, doc: `{"type":"T","name":"web-12"}`, want: Pass},
	{rule: `T should have name regexMatch /^WEB/i`, doc: `{"type":"T","name":"web-12"}`, want: Pass},
	{rule: `T should have name regexMatch /^WEB/`, doc: `{"type":"T","name":"web-12"}`, want: Fail},
	{rule: `T should have name regexMatch /a.b/s`, doc: `{"type":"T","name":"a\nb"}`, want: Pass},
	{rule: `T should have name regexMatch /^b$/m`, doc: `{"type":"T","name":"a\nb"}`, want: Pass},
	{rule: `T should have n regexMatch /1/`, doc: `{"type":"T","n":1}`, want: Fail},
	{rule: `T should have protocol in ('TCP', 'ALL')`, doc: `{"type":"T","protocol":"ALL"}`, want: Pass},
	{rule: `T should have protocol in ('TCP', 'ALL')`, doc: `{"type":"T","protocol":"UDP"}`, want: Fail, ev: []string{`protocol = "UDP"`}},
	{rule: `T should have protocol in ('TCP', 'ALL')`, doc: `{"type":"T"}`, want: Fail},
	// TRUTHY.
	{rule: `T should have vpc`, doc: `{"type":"T","vpc":{"id":1}}`, want: Pass},
	{rule: `T should have vpc`, doc: `{"type":"T","vpc":{}}`, want: Fail, ev: []string{"vpc = {}"}},
	{rule: `T should have vpc`, doc: `{"type":"T"}`, want: Fail, ev: []string{"vpc = missing"}},
	{rule: `T should have flag`, doc: `{"type":"T","flag":"false"}`, want: Fail},
	{rule: `T should have flag`, doc: `{"type":"T","flag":0}`, want: Fail},
	{rule: `T should have flag`, doc: `{"type":"T","flag":[]}`, want: Fail},
	{rule: `T should have flag`, doc: `{"type":"T","flag":[0]}`, want: Pass},
	// NOT, JMPF, JMPT: short-circuiting and evidence of and/or.
	{rule: `T should have not a = 1`, doc: `{"type":"T","a":1}`, want: Fail, ev: []string{"a = 1"}},
	{rule: `T should have a = 1 and b = 2`, doc: `{"type":"T","a":1,"b":3}`, want: Fail, ev: []string{"b = 3"}},
	{rule: `T should have a = 1 and b = 2`, doc: `{"type":"T","a":0,"b":3}`, want: Fail, ev: []string{"a = 0"}},
	{rule: `T should have a = 1 or b = 2`, doc: `{"type":"T","a":0,"b":3}`, want: Fail, ev: []string{"a = 0", "b = 3"}},
	{rule: `T should not have a = 1 or b = 2`, doc: `{"type":"T","a":0,"b":2}`, want: Fail, ev: []string{"b = 2"}},
	{rule: `T should not have a = 1 and b = 2`, doc: `{"type":"T","a":1,"b":2}`, want: Fail, ev: []string{"a = 1", "b = 2"}},
	{rule: `T should have (a = 1 or b = 2) and c = 3`, doc: `{"type":"T","b":2,"c":3}`, want: Pass},
	// The function of a short-circuited side never runs.
	{rule: `T should have a = 1 or x vmtFail()`, doc: `{"type":"T","a":1,"x":"boom"}`, want: Pass},
	{rule: `T should have a = 1 and x vmtFail()`, doc: `{"type":"T","a":2,"x":"boom"}`, want: Fail},
	// should not = not over the whole condition.
	{rule: `T should not have a = 1 and b = 1`, doc: `{"type":"T","a":1,"b":2}`, want: Pass},
	// where / SKIP.
	{rule: `T where a = 1 should have b = 2`, doc: `{"type":"T","a":2,"b":0}`, want: Skip},
	{rule: `T where a = 1 should have b = 2`, doc: `{"type":"T","a":1,"b":0}`, want: Fail, ev: []string{"b = 0"}},
	{rule: `T where a = 1 should have b = 2`, doc: `{"type":"U","a":1,"b":0}`, want: Skip},
	// Query rules: a match is a finding, with the where's evidence.
	{rule: `T where a = 1`, doc: `{"type":"T","a":1}`, want: Fail, ev: []string{"a = 1"}},
	{rule: `T where a = 1`, doc: `{"type":"T","a":2}`, want: Skip},
	{rule: `T where a = 1`, doc: `{"type":"U","a":1}`, want: Skip},
	// Const rules (SET) apply to any entity type.
	{rule: `true`, doc: `{"type":"T"}`, want: Pass},
	{rule: `FALSE`, doc: `{"type":"Anything"}`, want: Fail, ev: []string{"false"}},

	// Loops: ANY (contain, contain-any, with as a condition).
	{rule: `T should have tags contain [key='env' and value='prod']`, doc: `{"type":"T","tags":[{"key":"Name","value":"x"},{"key":"env","value":"prod"}]}`, want: Pass},
	{rule: `T should have tags contain [key='env' and value='prod']`, doc: `{"type":"T","tags":[{"key":"env","value":"dev"}]}`, want: Fail, ev: []string{`tags = [{"key":"env","value":"dev"}]`}},
	{rule: `T should have tags contain-any [key='env']`, doc: `{"type":"T","tags":[]}`, want: Fail},
	{rule: `T should have tags with [key='env']`, doc: `{"type":"T","tags":[{"key":"env"}]}`, want: Pass},
	{rule: `T should not have tags contain [key='env']`, doc: `{"type":"T","tags":[{"key":"a"},{"key":"env"}]}`, want: Fail, ev: []string{`tags[1].key = "env"`}},
	// A missing or null list is empty; a scalar or object is a list of one.
	{rule: `T should have xs contain [$ = 1]`, doc: `{"type":"T"}`, want: Fail},
	{rule: `T should have xs contain [$ = 1]`, doc: `{"type":"T","xs":null}`, want: Fail},
	{rule: `T should have xs contain [$ = 1]`, doc: `{"type":"T","xs":1}`, want: Pass},
	{rule: `T should have xs contain [a = 1]`, doc: `{"type":"T","xs":{"a":1}}`, want: Pass},
	{rule: `T should not have xs contain [a = 1]`, doc: `{"type":"T","xs":{"a":1}}`, want: Fail, ev: []string{"xs.a = 1"}},
	{rule: `T should have xs contain-all [$ = 1]`, doc: `{"type":"T","xs":2}`, want: Fail, ev: []string{"xs = 2"}},
	// A lone literal in brackets means $ = literal.
	{rule: `T should have Action contain ['s3:*']`, doc: `{"type":"T","Action":["s3:Get","s3:*"]}`, want: Pass},
	{rule: `T should have Action contain ['s3:*']`, doc: `{"type":"T","Action":"s3:*"}`, want: Pass},
	// ALL.
	{rule: `T should have volumes contain-all [encrypted=true]`, doc: `{"type":"T","volumes":[{"encrypted":true},{"encrypted":true}]}`, want: Pass},
	{rule: `T should have volumes contain-all [encrypted=true]`, doc: `{"type":"T","volumes":[{"encrypted":true},{"encrypted":false}]}`, want: Fail, ev: []string{"volumes[1].encrypted = false"}},
	{rule: `T should have volumes contain-all [encrypted=true]`, doc: `{"type":"T","volumes":[]}`, want: Pass},
	{rule: `T should have volumes contain-all [encrypted=true]`, doc: `{"type":"T"}`, want: Pass},
	// NONE.
	{rule: `T should have rules contain-none [port=22]`, doc: `{"type":"T","rules":[{"port":80},{"port":443}]}`, want: Pass},
	{rule: `T should have rules contain-none [port=22]`, doc: `{"type":"T","rules":[{"port":80},{"port":22}]}`, want: Fail, ev: []string{"rules[1].port = 22"}},
	// ONE.
	{rule: `T should have xs contain-single [$ > 1]`, doc: `{"type":"T","xs":[1,2]}`, want: Pass},
	{rule: `T should have xs contain-single [$ > 1]`, doc: `{"type":"T","xs":[1,2,3]}`, want: Fail, ev: []string{"xs[1] = 2", "xs[2] = 3"}},
	{rule: `T should have xs contain-single [$ > 1]`, doc: `{"type":"T","xs":[1]}`, want: Fail, ev: []string{"xs = [1]"}},
	// with followed by another array operator: the filter guards the loop.
	{rule: `T should have rules with [port=22] contain-all [scope != '0.0.0.0/0']`, doc: `{"type":"T","rules":[{"port":80,"scope":"0.0.0.0/0"},{"port":22,"scope":"10.0.0.0/8"}]}`, want: Pass},
	{rule: `T should have rules with [port=22] contain-all [scope != '0.0.0.0/0']`, doc: `{"type":"T","rules":[{"port":22,"scope":"10.0.0.0/8"},{"port":22,"scope":"0.0.0.0/0"}]}`, want: Fail, ev: []string{`rules[1].scope = "0.0.0.0/0"`}},
	{rule: `T should have rules with [port=22] contain [scope = '0.0.0.0/0']`, doc: `{"type":"T","rules":[{"port":80,"scope":"0.0.0.0/0"}]}`, want: Fail},
	{rule: `T should have rules with [port=22] with [scope='a'] contain-single [proto='tcp']`, doc: `{"type":"T","rules":[{"port":22,"scope":"a","proto":"tcp"},{"port":22,"scope":"b","proto":"tcp"},{"port":23,"scope":"a","proto":"tcp"}]}`, want: Pass},
	{rule: `T should have rules with [port=22] contain-none [scope='a']`, doc: `{"type":"T","rules":[{"port":23,"scope":"a"}]}`, want: Pass},
	// COUNT and NONE over with: length() and isEmpty().
	{rule: `T should have rules with [port=22] length() = 2`, doc: `{"type":"T","rules":[{"port":22},{"port":80},{"port":22}]}`, want: Pass},
	{rule: `T should have rules with [port=22] length() > 2`, doc: `{"type":"T","rules":[{"port":22},{"port":80},{"port":22}]}`, want: Fail, ev: []string{"rules with [port=22] length() = 2"}},
	{rule: `T should have rules with [port=22] isEmpty()`, doc: `{"type":"T","rules":[{"port":80}]}`, want: Pass},
	{rule: `T should have rules with [port=22] isEmpty()`, doc: `{"type":"T","rules":[{"port":22}]}`, want: Fail},
	{rule: `T should not have rules with [port=22] isEmpty()`, doc: `{"type":"T","rules":[{"port":80}]}`, want: Fail},
	// COLLECT: with as a value.
	{rule: `T should have rules with [port=22] = rules2`, doc: `{"type":"T","rules":[{"port":22},{"port":80}],"rules2":[{"port":22}]}`, want: Pass},
	{rule: `T should have xs with [$ > 1] length() = 2`, doc: `{"type":"T","xs":[1,2,3]}`, want: Pass},
	{rule: `T should have xs with [$ > 1] vmtFail()`, doc: `{"type":"T","xs":[1,2,3]}`, want: Pass},
	{rule: `T should have xs with [$ > 1] contain [$ = 3]`, doc: `{"type":"T","xs":[1,2,3]}`, want: Pass},
	// ACC: an array operator as a value.
	{rule: `T should have xs contain [$ = 1] = true`, doc: `{"type":"T","xs":[1]}`, want: Pass},
	{rule: `T should have xs contain [$ = 1] = false`, doc: `{"type":"T","xs":[1]}`, want: Fail},
	// Nested loops, paths relative to the element, $ and $.a.
	{rule: `T should have nics contain [securityGroups contain [inboundRules contain [port = 22]]]`, doc: `{"type":"T","nics":[{"securityGroups":[{"inboundRules":[{"port":80}]}]},{"securityGroups":[{"inboundRules":[{"port":443},{"port":22}]}]}]}`, want: Pass},
	{rule: `T should not have nics contain [securityGroups contain [inboundRules contain [port = 22]]]`, doc: `{"type":"T","nics":[{"securityGroups":[{"inboundRules":[{"port":80}]}]},{"securityGroups":[{"inboundRules":[{"port":443},{"port":22}]}]}]}`, want: Fail, ev: []string{"nics[1].securityGroups[0].inboundRules[1].port = 22"}},
	{rule: `T should have matrix contain [$ contain [$ = 4]]`, doc: `{"type":"T","matrix":[[1,2],[3,4]]}`, want: Pass},
	{rule: `T should have xs contain [$.a.b = 1]`, doc: `{"type":"T","xs":[{"a":{"b":1}}]}`, want: Pass},
	{rule: `T should have xs contain [a.b = 1 and $.a.b = 1]`, doc: `{"type":"T","xs":[{"a":{"b":2}},{"a":{"b":1}}]}`, want: Pass},
	// Paths inside brackets do not see the entity.
	{rule: `T should have xs contain [top = 1]`, doc: `{"type":"T","top":1,"xs":[{"a":1}]}`, want: Fail},
	// A loop after a loop (frames reused), and loops in where.
	{rule: `T where tags contain [key='a'] should have xs contain-all [$ > 0] and ys contain [$ = 'y']`, doc: `{"type":"T","tags":[{"key":"a"}],"xs":[1,2],"ys":["x","y"]}`, want: Pass},
	// GROUP.
	{rule: `T should have items groupBy [vpc] length() = 2`, doc: `{"type":"T","items":[{"vpc":"a"},{"vpc":"b"},{"vpc":"a"}]}`, want: Pass},
	{rule: `T should have items groupBy [vpc] contain [key = 'a' and values length() = 2]`, doc: `{"type":"T","items":[{"vpc":"a"},{"vpc":"b"},{"vpc":"a"}]}`, want: Pass},
	{rule: `T should have items groupBy [vpc] contain-all [values length() = 1]`, doc: `{"type":"T","items":[{"vpc":"a"},{"vpc":"b"},{"vpc":"a"}]}`, want: Fail, ev: []string{`items groupBy [vpc][0].values = [{"vpc":"a"},{"vpc":"a"}]`, "items groupBy [vpc][0].values length() = 2"}},
	{rule: `T should have items groupBy [vpc] contain [key = null]`, doc: `{"type":"T","items":[{"x":1}]}`, want: Fail},
	{rule: `T should have items groupBy [vpc] length() = 3`, doc: `{"type":"T","items":[{"x":1},{"vpc":null},{"vpc":"1"},{"vpc":1},{}]}`, want: Fail},
	{rule: `T should have items groupBy [vpc] length() = 4`, doc: `{"type":"T","items":[{"x":1},{"vpc":null},{"vpc":"1"},{"vpc":1},{}]}`, want: Pass},
	// CALL.
	{rule: `T should have n vmtAdd(2) = 5`, doc: `{"type":"T","n":3}`, want: Pass},
	{rule: `T should have n vmtAdd(m) = 5`, doc: `{"type":"T","n":3,"m":2}`, want: Pass},
	{rule: `T should have n vmtAdd(2) vmtAdd(1) = 6`, doc: `{"type":"T","n":3}`, want: Pass},
	{rule: `T should have n vmtAdd(2) > 9`, doc: `{"type":"T","n":3}`, want: Fail, ev: []string{"n = 3", "n vmtAdd(2) = 5"}},
	{rule: `T should have x vmtYear() = 2026`, doc: `{"type":"T"}`, want: Pass},
	{rule: `T should have name vmtConcat('-x') = 'a-x'`, doc: `{"type":"T","name":"a"}`, want: Pass},
	{rule: `T should have xs contain [name vmtConcat('!') = 'b!']`, doc: `{"type":"T","xs":[{"name":"a"},{"name":"b"}]}`, want: Pass},
	// A function error is an Error result with the operand as evidence.
	{rule: `T should have x vmtFail()`, doc: `{"type":"T","x":"boom"}`, want: Error, ev: []string{`x = "boom"`}},
	{rule: `T should have xs contain [name vmtFail()]`, doc: `{"type":"T","xs":[{"name":"a"},{"name":"boom"}]}`, want: Pass},
	{rule: `T should have xs contain-all [name vmtFail()]`, doc: `{"type":"T","xs":[{"name":"a"},{"name":"boom"}]}`, want: Error, ev: []string{`xs[1].name = "boom"`}},
	// The builtin functions through the VM.
	{rule: `T should have d before(0, 'days')`, doc: `{"type":"T","d":"2020-01-01T00:00:00Z"}`, want: Pass},
	{rule: `T should have d after(-30, 'days')`, doc: `{"type":"T","d":"2020-01-01T00:00:00Z"}`, want: Fail, ev: []string{`d = "2020-01-01T00:00:00Z"`, `d after(-30, 'days') = false`}},
	{rule: `T should have d after(-1, 'days')`, doc: `{"type":"T","d":"not a date"}`, want: Error, ev: []string{`d = "not a date"`}},
	{rule: `T should have keys contain [lastUsed before(-90, 'days')]`, doc: `{"type":"T","keys":[{"lastUsed":"2026-01-10T00:00:00Z"},{"lastUsed":1700000000}]}`, want: Pass},
	{rule: `T should not have inboundRules contain [scope isPublic() and scope numberOfHosts() > 256]`, doc: `{"type":"T","inboundRules":[{"scope":"10.0.0.0/8"},{"scope":"0.0.0.0/0"}]}`, want: Fail, ev: []string{`inboundRules[1].scope = "0.0.0.0/0"`, `inboundRules[1].scope isPublic() = true`, `inboundRules[1].scope numberOfHosts() = 4294967296`}},
	{rule: `T should have inboundRules allowedHostsForPort(22) = 0`, doc: `{"type":"T","inboundRules":[{"port":22,"portTo":22,"protocol":"TCP","scope":"10.0.0.0/30"}]}`, want: Fail},
	{rule: `T should have tags length() = 2 and name length() = 3 and missing length() = 0`, doc: `{"type":"T","tags":[1,2],"name":"abc"}`, want: Pass},
	// Documents that cannot be evaluated.
	{rule: `T should have a = 1`, doc: `{"type":"T","a":1`, want: Error},
	{rule: `T should have a = 1`, doc: `[1,2]`, want: Error},
	{rule: `T should have a = 1`, doc: `{"a":1}`, want: Error},
	{rule: `true`, doc: `nope`, want: Error},
}

func TestVM(t *testing.T) {
	for _, c := range vmCases {
		t.Run(c.rule, func(t *testing.T) {
			p := vmtCompile(t, c.rule)
			var r Result
			if c.want == Error && !validEntity(c.doc) {
				r = p.Eval([]byte(c.doc))
			} else {
				r = vmtStatusModes(t, p, []byte(c.doc))
			}
			if r.Status != c.want {
				t.Fatalf("doc %s: got %v, want %v", c.doc, r, c.want)
			}
			if r.Status == Fail || r.Status == Error {
				if len(r.Evidence) == 0 {
					t.Fatalf("no evidence on %v", r)
				}
			} else if r.Evidence != nil || r.Err != nil {
				t.Fatalf("evidence or error on %v", r)
			}
			if r.Status == Error && r.Err == nil {
				t.Fatalf("error without Err")
			}
			if c.ev != nil {
				got := make([]string, len(r.Evidence))
				for i, e := range r.Evidence {
					got[i] = e.String()
				}
				if strings.Join(got, "; ") != strings.Join(c.ev, "; ") {
					t.Fatalf("evidence:\n got  %q\n want %q", got, c.ev)
				}
			}
		})
	}
}

func TestFunctionErrorMessage(t *testing.T) {
	r := vmtCompile(t, `T should have d after(-1, 'days')`).Eval([]byte(`{"type":"T","d":"soon"}`))
	if !errors.Is(r.Err, ErrFunction) || r.Err.Error() != `function failed: after(): "soon" is not a date` {
		t.Fatalf("got %v", r.Err)
	}
	r = vmtCompile(t, `T should have x vmtFail()`).Eval([]byte(`{"type":"T","x":"boom"}`))
	if r.Err == nil || r.Err.Error() != `function failed: vmtFail(): cannot handle boom` {
		t.Fatalf("got %v", r.Err)
	}
}

func validEntity(doc string) bool {
	_, err := NewDocument([]byte(doc))
	return err == nil
}

func TestStepBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"T","xs":[`)
	for i := range 300 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"ys":[1,2,3,4,5,6,7,8,9,10]}`)
	}
	b.WriteString(`]}`)
	doc := []byte(b.String())
	rule := `T should have xs contain [ys contain [$ = 11]]`
	p, err := Compile(rule, &Options{StepBudget: 1000, Functions: vmtRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	r := p.Eval(doc)
	if r.Status != Error || !errors.Is(r.Err, ErrStepBudget) {
		t.Fatalf("got %v, want a step budget error", r)
	}
	if len(r.Evidence) == 0 {
		t.Fatal("no evidence")
	}
	// The same rule set under the default budget decides.
	if r := vmtCompile(t, rule).Eval(doc); r.Status != Fail {
		t.Fatalf("default budget: got %v", r)
	}
	// Through a rule set too.
	var got Result
	if err := NewRuleSet([]*Program{p}, &Options{StepBudget: 1000}).EvalDoc(doc, func(_ int, r Result) { got = r }); err != nil {
		t.Fatal(err)
	}
	if got.Status != Error || !errors.Is(got.Err, ErrStepBudget) {
		t.Fatalf("rule set: got %v", got)
	}
}

func TestDocumentLimits(t *testing.T) {
	p, err := Compile(`T should have a = 1`, &Options{MaxDocumentSize: 100, MaxDepth: 4})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		doc  string
		want error
	}{
		{`{"type":"T","a":1}`, nil},
		{`{"type":"T","a":"` + strings.Repeat("x", 100) + `"}`, ErrTooLarge},
		{`{"type":"T","a":[[[1]]]}`, nil},
		{`{"type":"T","a":[[[[1]]]]}`, ErrTooDeep},
		{`{"type":"T","a":"[[[[[[[[["}`, nil},
		{`{"type":"T","a":1} x`, ErrInvalidJSON},
		{``, ErrInvalidJSON},
		{`"T"`, ErrNotObject},
		{`{"type":1}`, ErrNoType},
	}
	for _, c := range cases {
		r := p.Eval([]byte(c.doc))
		if c.want == nil {
			if r.Status == Error {
				t.Errorf("%s: %v", c.doc, r)
			}
			continue
		}
		if r.Status != Error || !errors.Is(r.Err, c.want) {
			t.Errorf("%s: got %v, want %v", c.doc, r, c.want)
		}
		if len(r.Evidence) == 0 {
			t.Errorf("%s: no evidence", c.doc)
		}
	}
	if r := p.Eval([]byte(`{"type":"T" "a":1}`)); r.Err == nil || r.Err.Error() != `invalid JSON near byte 13: invalid character '"' after object key:value pair` {
		t.Errorf("invalid JSON message: %v", r.Err)
	}
	// Deep nesting far past the limit is refused before any recursion.
	deep := `{"type":"T","a":` + strings.Repeat("[", 1<<20) + strings.Repeat("]", 1<<20) + `}`
	if r := vmtCompile(t, `T should have a`).Eval([]byte(deep)); !errors.Is(r.Err, ErrTooDeep) {
		t.Fatalf("deep: got %v", r)
	}
}

func TestEvidenceDoesNotAlias(t *testing.T) {
	p := vmtCompile(t, `T should have name = 'x'`)
	doc := []byte(`{"type":"T","name":"abc"}`)
	r := p.Eval(doc)
	for i := range doc {
		doc[i] = ' '
	}
	if got := r.Evidence[0].String(); got != `name = "abc"` {
		t.Fatalf("evidence changed with the document: %q", got)
	}
}

func TestEvidenceSpan(t *testing.T) {
	src := `T should have a = 1 and b = 2`
	p := vmtCompile(t, src)
	r := p.Eval([]byte(`{"type":"T","a":1,"b":3}`))
	sp := r.Evidence[0].Span
	if got := src[sp.Start.Offset:sp.End.Offset]; got != "b = 2" {
		t.Fatalf("span covers %q", got)
	}
	if sp.Start.Line != 1 || sp.Start.Column != 25 {
		t.Fatalf("span starts at %d:%d", sp.Start.Line, sp.Start.Column)
	}
}

func TestLongEvidenceIsCut(t *testing.T) {
	p := vmtCompile(t, `T should have name = 'x'`)
	long := strings.Repeat("é", 300)
	r := p.Eval([]byte(`{"type":"T","name":"` + long + `"}`))
	v := r.Evidence[0].Value
	if len(v) > MaxEvidenceValue+len("…") || !strings.HasSuffix(v, "…") {
		t.Fatalf("value not cut: %d bytes", len(v))
	}
	if !strings.HasPrefix(v, `"éé`) || strings.ContainsRune(v, '\uFFFD') {
		t.Fatalf("value cut badly: %q", v[:10])
	}
}

// TestBudgetAgreement checks that the recording run reaches the verdict of
// the evaluation, budget by budget, and that an error's evidence names the
// loop that ran out.
func TestBudgetAgreement(t *testing.T) {
	doc := []byte(`{"type":"T","xs":[{"ys":[1,2,3]},{"ys":[4,5]},{"ys":[6]}],"n":3,"g":[{"k":1},{"k":2},{"k":1}]}`)
	rules := []string{
		`T should have xs contain-all [ys contain [$ > 0]] and n vmtAdd(1) = 4`,
		`T should not have xs with [ys length() > 1] contain [ys contain [$ = 5]]`,
		`T should have g groupBy [k] contain [values length() = 2] and xs contain [ys contain-none [$ = 9]]`,
	}
	for _, rule := range rules {
		sawError, sawDecision := false, false
		for budget := 1; budget <= 40; budget++ {
			p, err := Compile(rule, &Options{Now: vmtNow, StepBudget: budget, Functions: vmtRegistry()})
			if err != nil {
				t.Fatal(err)
			}
			r := p.Eval(doc)
			d, _ := NewDocument(doc)
			tr := p.record(d, p.set, false)
			if tr.Status != r.Status {
				t.Fatalf("%s, budget %d: VM %v, recording %v", rule, budget, r, tr.Status)
			}
			if r.Status == Error {
				sawError = true
				if !errors.Is(r.Err, ErrStepBudget) || len(r.Evidence) == 0 || r.Evidence[0].Path == "" {
					t.Fatalf("%s, budget %d: %v", rule, budget, r)
				}
			} else {
				sawDecision = true
			}
		}
		if !sawError || !sawDecision {
			t.Errorf("%s: budgets 1..40 never crossed the limit", rule)
		}
	}
}
