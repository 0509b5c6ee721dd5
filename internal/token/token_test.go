package token

import (
	"regexp"
	"strings"
	"testing"
)

// TestTable checks the table's own invariants: spellings unique (names
// ignoring case), symbols made of characters no other token uses, fields
// used only by their class, and Reserved holding the names only.
// identifier is the lexer's identifier token (lang's lexRules).
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_:-]*$`)

func TestTable(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range All() {
		key := w.Text
		if w.IsName() {
			key = strings.ToLower(key)
			if !identifier.MatchString(w.Text) {
				t.Errorf("name %q is not one identifier token", w.Text)
			}
		} else if strings.ContainsAny(w.Text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ \t'\"`()[],.$-/") {
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
	}
	if got := strings.Join(Reserved(), " "); !strings.Contains(got, "regexMatch") || strings.Contains(got, "=") {
		t.Errorf("Reserved() = %s", got)
	}
}
