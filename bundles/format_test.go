package bundles

import (
	"os"
	"regexp"
	"testing"
)

// TestFormatExamples keeps bundles/FORMAT.md true: its example bundle
// parses, its example fixture parses, and the fixture's case passes.
func TestFormatExamples(t *testing.T) {
	data, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(data), -1)
	if len(blocks) != 2 {
		t.Fatalf("FORMAT.md has %d yaml examples, want 2 (a bundle, a fixture file)", len(blocks))
	}
	b, err := Parse([]byte(blocks[0][1]), "FORMAT.md")
	if err != nil {
		t.Fatalf("the example bundle: %v", err)
	}
	cases, err := ParseCases([]byte(blocks[1][1]), "FORMAT.md")
	if err != nil {
		t.Fatalf("the example fixture: %v", err)
	}
	for _, r := range RunCases(b, cases, nil) {
		if !r.Passed() {
			t.Errorf("the example case fails:\n%s", r.Failures())
		}
	}
}
