package invgen

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/lang"
)

// rulePaths returns the property paths rule reads, with "[]" for each step
// into the elements of an array.
func rulePaths(r *lang.Rule) [][]string {
	var out [][]string
	var walk func(n lang.Node, base []string)
	path := func(p *lang.Path, base []string) []string {
		full := append([]string(nil), base...)
		for _, s := range p.Segments {
			full = append(full, s.Name)
		}
		return full
	}
	walk = func(n lang.Node, base []string) {
		switch n := n.(type) {
		case *lang.Path:
			if len(n.Segments) > 0 {
				out = append(out, path(n, base))
			}
		case *lang.ArrayOp:
			walk(n.X, base)
			elem := base
			switch x := n.X.(type) {
			case *lang.Path:
				elem = append(path(x, base), "[]")
			case *lang.ArrayOp:
				if p, ok := x.X.(*lang.Path); ok {
					elem = append(path(p, base), "[]")
				}
			}
			if n.Body != nil {
				walk(n.Body, elem)
			}
			if n.Key != nil {
				walk(n.Key, elem)
			}
		case *lang.Call:
			walk(n.X, base)
			for _, a := range n.Args {
				walk(a, base)
			}
		case *lang.Logical:
			walk(n.X, base)
			walk(n.Y, base)
		case *lang.Not:
			walk(n.X, base)
		case *lang.Compare:
			walk(n.X, base)
			walk(n.Y, base)
		case *lang.Test:
			walk(n.X, base)
		case *lang.List:
			for _, e := range n.Elems {
				walk(e, base)
			}
		}
	}
	if r.Where != nil {
		walk(r.Where, nil)
	}
	if r.Cond != nil {
		walk(r.Cond, nil)
	}
	return out
}

// present reports whether some value in vs has a non-null value at path.
func present(vs []any, path []string) bool {
	for _, step := range path {
		var next []any
		for _, v := range vs {
			switch x := v.(type) {
			case map[string]any:
				if step != "[]" && x[step] != nil {
					next = append(next, x[step])
				} else if step == "[]" {
					next = append(next, x) // a single element for an array
				}
			case []any:
				if step == "[]" {
					next = append(next, x...)
				}
			}
		}
		vs = next
	}
	return len(vs) > 0
}

// TestRulePathsPresent checks that the documents of a full account hold
// every property the shipped rules read, so that no rule is decided by a
// missing property alone.
func TestRulePathsPresent(t *testing.T) {
	docs := generate(t, Config{N: accountSize, Seed: 4, FailRatio: 0.3})
	byType := map[string][]any{}
	for _, d := range docs {
		// At most 2,000 documents of a type: enough to meet every shape.
		if typ := info(t, d).Type; len(byType[typ]) < 2000 {
			var v map[string]any
			if err := json.Unmarshal(d, &v); err != nil {
				t.Fatal(err)
			}
			byType[typ] = append(byType[typ], v)
		}
	}
	rules := 0
	for _, name := range bundles.Names() {
		b, err := bundles.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, br := range b.Rules {
			r, err := lang.Parse(br.Logic)
			if err != nil {
				t.Fatalf("%s: %v", br.ID, err)
			}
			rules++
			root := byType[r.Target.Type]
			if r.Target.List {
				root = []any{map[string]any{"items": root}}
			}
			if len(root) == 0 {
				t.Errorf("%s: no %s document", br.ID, r.Target.Type)
				continue
			}
			for _, p := range rulePaths(r) {
				if !present(root, p) {
					t.Errorf("%s: no %s document has %s", br.ID, r.Target.Type, strings.Join(p, "."))
				}
			}
		}
	}
	if rules < 100 {
		t.Fatalf("only %d shipped rules", rules)
	}
}
