package textdist

import "testing"

func TestClosest(t *testing.T) {
	kw := []string{"where", "should", "not", "have", "and", "or", "contain", "contain-any", "contain-all", "isEmpty", "length"}
	for _, tc := range []struct{ name, want string }{
		{"shuold", "should"},
		{"SHOULD", "should"},
		{"contain_any", "contain-any"},
		{"containall", "contain-all"},
		{"isempty", "isEmpty"},
		{"lenght", "length"},
		{"wher", "where"},
		{"xyz", ""},
		{"", ""},
		{"instance", ""},
	} {
		if got := Closest(tc.name, kw); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0},
		{"abc", "acb", 1}, {"kitten", "sitting", 3}, {"ça", "ca", 1},
	} {
		if got := Distance([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
