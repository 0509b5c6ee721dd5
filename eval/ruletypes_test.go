package eval

import (
	"fmt"
	"testing"
)

// TestRuleSetManyTypes checks that each document meets the rules of its
// own type, and only those, with more types than a trie node looks up
// one by one, of equal and different lengths, and types no rule targets.
func TestRuleSetManyTypes(t *testing.T) {
	types := []string{"A", "B", "AB", "BA", "Instance", "Instancf", "S3Bucket", "Lambda", "Vpc", "Vpd",
		"Subnet", "Region", "T", "LongTypeNameOfMoreThanSixtyFourBytesxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
	opts := &Options{Now: vmtNow, Functions: vmtRegistry(), NoEvidence: true, OnlyApplicable: true}
	var progs []*Program
	for _, typ := range types {
		p, err := Compile(fmt.Sprintf("%s should have k = '%s'", typ, typ), opts)
		if err != nil {
			t.Fatal(err)
		}
		progs = append(progs, p)
	}
	rs := NewRuleSet(progs, opts)
	for i, typ := range append(types, "C", "Instanc", "Instanceх", "") {
		for _, k := range []string{typ, "other"} {
			doc := fmt.Sprintf(`{"type":%q,"k":%q}`, typ, k)
			var got []string
			err := rs.EvalDoc([]byte(doc), func(rule int, r Result) {
				got = append(got, fmt.Sprintf("%d %v", rule, r.Status))
			})
			if err != nil {
				t.Fatalf("EvalDoc(%s): %v", doc, err)
			}
			var want []string
			if i < len(types) {
				st := Fail
				if k == typ {
					st = Pass
				}
				want = []string{fmt.Sprintf("%d %v", i, st)}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("EvalDoc(%s) = %v, want %v", doc, got, want)
			}
		}
	}
}
