package bundles

import (
	"strings"
	"testing"
)

// TestShippedNames checks that the shipped bundles are embedded: the tests
// that range over Names() would pass vacuously without them.
func TestShippedNames(t *testing.T) {
	if got := strings.Join(Names(), " "); got != "aws-best-practices cis-aws hipaa" {
		t.Errorf("Names() = %q, want the shipped bundles aws-best-practices, cis-aws and hipaa", got)
	}
}

// TestShippedRulesCompile compiles every rule of every shipped bundle.
func TestShippedRulesCompile(t *testing.T) {
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		_, errs := compileAll(b, DefaultNow(), nil)
		for i, err := range errs {
			if err != nil {
				r := b.Rules[i]
				t.Errorf("%s:%d:%d: %s does not compile: %v", b.Source, r.LogicLine, r.LogicColumn, r.ID, err)
			}
		}
	}
}

// TestShippedFixtures runs every fixture case of every shipped bundle (one
// subtest per case) and checks that each rule has a case expecting pass and
// one expecting fail.
func TestShippedFixtures(t *testing.T) {
	for _, id := range Names() {
		t.Run(id, func(t *testing.T) {
			b, err := Load(id)
			if err != nil {
				t.Fatal(err)
			}
			cases, err := b.Cases()
			if err != nil {
				t.Fatal(err)
			}
			if len(cases) == 0 {
				t.Fatalf("bundle %s has no fixture cases (bundles/%s/tests/*.yaml)", id, id)
			}
			cov := Coverage(b, cases)
			for _, r := range b.Rules {
				got := strings.Join(cov[r.ID], ",")
				if !strings.Contains(got, "pass") || !strings.Contains(got, "fail") {
					t.Errorf("rule %s: fixtures expect [%s]; every rule needs a pass case and a fail case", r.ID, got)
				}
			}
			for _, res := range RunCases(b, cases, nil) {
				t.Run(res.Case.Name, func(t *testing.T) {
					if !res.Passed() {
						t.Error("\n" + res.Failures())
					}
				})
			}
		})
	}
}
