package builtin

import "testing"

// TestRuleListCache: one Env asked about many lists and ports, in an order
// that makes its cache hit, miss and evict (lists of equal length included),
// answers every question as a fresh Env does, and reads a list it keeps
// once.
func TestRuleListCache(t *testing.T) {
	lists := []string{
		`[{"protocol":"tcp","fromPort":22,"toPort":22,"scope":"0.0.0.0/0"}]`,
		`[{"protocol":"tcp","fromPort":22,"toPort":22,"scope":"10.0.0.0/8"}]`, // the length of the first
		`[{"protocol":"tcp","fromPort":3389,"toPort":3389,"scope":"::/0"},{"protocol":"udp","port":53,"scope":"0.0.0.0/0"}]`,
		`[{"protocol":"-1","scope":"pl-12345678"}]`,
		`[{"number":2,"action":"allow","protocol":"tcp","port":22,"scope":"0.0.0.0/0"},{"number":1,"action":"deny","protocol":"tcp","port":"0-1000","scope":"0.0.0.0/0"}]`,
		`{"protocol":"tcp","fromPort":0,"toPort":65535,"scope":"0.0.0.0/0"}`,
		`[]`,
		`"not a list"`,
	}
	type question struct {
		fn   string
		args []Value
	}
	questions := []question{
		{"openToInternetForPort", []Value{IntValue(22)}},
		{"openToInternetForPort", []Value{IntValue(3389)}},
		{"openToInternetForPort", []Value{IntValue(53)}},
		{"openToInternetOver", []Value{IntValue(22), StringValue("tcp"), StringValue("any")}},
		{"openToInternetOver", []Value{IntValue(3389), StringValue("any"), StringValue("ipv6")}},
		{"allowedHostsForPort", []Value{IntValue(22)}},
		{"allowedPublicHostsForPort", []Value{IntValue(22)}},
	}
	var env Env
	for round := range 3 {
		for i := range lists {
			// Each round visits the lists in another order.
			text := lists[(i*(round+1)+round)%len(lists)]
			for _, q := range questions {
				f, ok := Default().Lookup(q.fn)
				if !ok {
					t.Fatalf("no builtin %s", q.fn)
				}
				got, err := f.Impl(&env, ParseJSON(text), q.args)
				if err != nil {
					t.Fatalf("%s %s: %v", text, q.fn, err)
				}
				want, err := f.Impl(&Env{}, ParseJSON(text), q.args)
				if err != nil {
					t.Fatalf("%s %s: %v", text, q.fn, err)
				}
				if !Equal(got, want) {
					t.Errorf("round %d, %s %s%v: %v with a used Env, %v with a fresh one", round, text, q.fn, q.args, got, want)
				}
			}
		}
	}
	// A list kept is read once: asking again gives the very rules kept.
	v := ParseJSON(lists[2])
	a, b := env.ruleList(v, false), env.ruleList(ParseJSON(lists[2]), false)
	if len(a) != 2 || &a[0] != &b[0] {
		t.Errorf("the second reading of a kept list was not the kept rules (%d rules)", len(a))
	}
	if c := env.ruleList(v, true); len(c) == 2 && &c[0] == &a[0] {
		t.Errorf("the list read with prefix lists answered for the list read without")
	}
}
