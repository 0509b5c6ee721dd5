package eval

import (
	"strconv"
	"testing"
)

// TestXPath: each way the recorder extends a path spells what the string
// operations it stands for spell, in any order and from the empty path.
func TestXPath(t *testing.T) {
	type step struct {
		name  string
		lazy  func(xpath) xpath
		eager func(string) string
	}
	steps := []step{
		{"join x", func(p xpath) xpath { return p.join("x") }, func(s string) string { return joinPath(s, "x") }},
		{"join empty", func(p xpath) xpath { return p.join("") }, func(s string) string { return joinPath(s, "") }},
		{"index 0", func(p xpath) xpath { return p.index(0) }, func(s string) string { return s + "[0]" }},
		{"index 12", func(p xpath) xpath { return p.index(12) }, func(s string) string { return s + "[12]" }},
		{"suffix", func(p xpath) xpath { return p.suffixed("length()") }, func(s string) string { return s + " length()" }},
		{"empty suffix", func(p xpath) xpath { return p.suffixed("") }, func(s string) string { return s + " " }},
	}
	starts := []string{"", "$", "a.b"}
	// Every sequence of up to three steps.
	var walk func(p xpath, s, desc string, depth int)
	walk = func(p xpath, s, desc string, depth int) {
		if got := p.String(); got != s {
			t.Errorf("%s: spells %q, want %q", desc, got, s)
		}
		if p.empty() != (s == "") {
			t.Errorf("%s: empty() %v for %q", desc, p.empty(), s)
		}
		if depth == 3 {
			return
		}
		for _, st := range steps {
			walk(st.lazy(p), st.eager(s), desc+", "+st.name, depth+1)
		}
	}
	for _, s := range starts {
		walk(textPath(s), s, strconv.Quote(s), 0)
	}
	if (xpath{}).String() != "" || !(xpath{}).empty() {
		t.Error("the zero xpath is not the empty path")
	}
}
