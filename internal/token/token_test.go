package token

import (
	"strings"
	"testing"
)

// TestTable checks the table's own invariants: spellings unique (names
// ignoring case), fields used only by their class, and Lookup finding
// every word by any case of a name but only the exact symbol.
func TestTable(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range All() {
		key := w.Text
		if w.IsName() {
			key = strings.ToLower(key)
		} else if strings.ContainsAny(w.Text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ \t'\"`()[],.$") {
			t.Errorf("symbol %q holds a character of another token", w.Text)
		}
		if seen[key] {
			t.Errorf("%q is in the table twice", w.Text)
		}
		seen[key] = true
		if (w.Class == Foreign) != (w.Instead != "") {
			t.Errorf("%q: Instead is for foreign operators only, and they need it", w.Text)
		}
		if w.Class != Compare && w.Takes != AnyOperand {
			t.Errorf("%q: Takes is for comparison operators only", w.Text)
		}
		for _, s := range []string{w.Text, strings.ToUpper(w.Text)} {
			got, ok := Lookup(s)
			if want := s == w.Text || w.IsName(); ok != want || ok && got != w {
				t.Errorf("Lookup(%q) = %+v, %v", s, got, ok)
			}
		}
	}
	if _, ok := Lookup("contains"); ok {
		t.Error("Lookup found a word not in the table")
	}
	if got := strings.Join(Reserved(), " "); !strings.Contains(got, "regexMatch") || strings.Contains(got, "=") {
		t.Errorf("Reserved() = %s", got)
	}
}
