package lang

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Instance should vpc", "Instance should have vpc"},
		{"Instance SHOULD NOT vpc", "Instance should not have vpc"},
		{"Instance   Should\n Not\tHave   vpc", "Instance should not have vpc"},
		{"TRUE", "true"},
		{"False", "false"},
		{"list < X > should have items", "List<X> should have items"},
		{"cloudtrail WHERE event.name IN ( 'a','b' )", "cloudtrail where event.name in ('a', 'b')"},
		{"X should have port<=22 AND portTo>=22", "X should have port <= 22 and portTo >= 22"},
		{`X should have a = "it's" and b = 'say "hi"' and c = 'back\\slash'`,
			`X should have a = 'it\'s' and b = 'say "hi"' and c = 'back\\slash'`},
		{"X should have a = 'line\nbreak\ttab'", `X should have a = 'line\nbreak\ttab'`},
		{"X should have a = TRUE and b = Null", "X should have a = true and b = null"},
		{"X should have Action contain ['s3:*']", "X should have Action contain [$ = 's3:*']"},
		{"X should have Action contain [ ( 's3:*' ) ]", "X should have Action contain [$ = 's3:*']"},
		{"X should have a CONTAIN-ANY[b] and c With [d]", "X should have a contain-any [b] and c with [d]"},
		{"X should have items GROUPBY [k] length() > 1", "X should have items groupBy [k] length() > 1"},
		{"X should have d after (-24,'hours')", "X should have d after(-24, 'hours')"},
		{"X should have a regexMatch /^a\\/b/i", "X should have a regexMatch /^a\\/b/i"},
		{"X should have a REGEXMATCH/x/", "X should have a regexMatch /x/"},
		{"X should have n LIKE '%a%' and m Unlike 'b'", "X should have n like '%a%' and m unlike 'b'"},
		{"X should have tags.`aws:x` = 1", "X should have tags.`aws:x` = 1"},
		{"X should have a.`b` = 1", "X should have a.`b` = 1"},
		{"X should have $ = 1 and $.a = 2", "X should have $ = 1 and $.a = 2"},
		// Parentheses only where precedence needs them.
		{"X should have ((a)) and (b)", "X should have a and b"},
		{"X should have (a and b) or c", "X should have a and b or c"},
		{"X should have a and (b or c)", "X should have a and (b or c)"},
		{"X should have (a or b) and c", "X should have (a or b) and c"},
		{"X should have a or (b or c)", "X should have a or (b or c)"},
		{"X should have (a or b) or c", "X should have a or b or c"},
		{"X should have a and (b and c)", "X should have a and (b and c)"},
		{"X should have not (a = 1)", "X should have not a = 1"},
		{"X should have not (a and b)", "X should have not (a and b)"},
		{"X should have not (not a)", "X should have not not a"},
		{"X should have (not a) and b", "X should have not a and b"},
		{"X where (a or b) should not have (c or d)", "X where a or b should not have c or d"},
		{"X should have a contain [(b or c) and d]", "X should have a contain [(b or c) and d]"},
		{"X should have a = -0.50", "X should have a = -0.50"},
	}
	for _, tt := range tests {
		r, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := Format(r); got != tt.want {
			t.Errorf("Format(Parse(%q))\n got %s\nwant %s", tt.src, got, tt.want)
		}
		checkRoundTrip(t, r)
	}
}

// TestFormatBuilt formats trees that the parser never produces, to check
// that Format still writes text that parses to the same tree.
func TestFormatBuilt(t *testing.T) {
	p := func(names ...string) *Path {
		path := &Path{}
		for _, n := range names {
			path.Segments = append(path.Segments, Segment{Name: n})
		}
		return path
	}
	r := &Rule{
		Kind:   RuleAssert,
		Target: &Target{Type: "X"},
		Cond: &Logical{Op: And,
			X: &Test{X: p("and")}, // a keyword as first segment
			Y: &Compare{Op: Eq, X: p("a b", "c"), Y: &Number{IsInt: true, Int: -3}}},
	}
	got := Format(r)
	want := "X should have `and` and `a b`.c = -3"
	if got != want {
		t.Fatalf("Format = %s, want %s", got, want)
	}
	r2, err := Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if d := Dump(r2); d != "(rule assert (target X) (and (test (path `and`)) (= (path `a b` c) -3)))" {
		t.Errorf("reparsed as %s", d)
	}
}
