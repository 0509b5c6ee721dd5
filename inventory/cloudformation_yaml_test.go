package inventory

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestFillEmptyTags(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tag then next key", "A:\n  Z: !GetAZs\n  B: 1\n", "A:\n  Z: !GetAZs \"\"\n  B: 1\n"},
		{"tag at the end", "A:\n  Z: !GetAZs", "A:\n  Z: !GetAZs \"\""},
		{"with a comment", "A:\n  Z: !GetAZs  # all zones\n  B: 1\n", "A:\n  Z: !GetAZs \"\" # all zones\n  B: 1\n"},
		{"sequence item", "Z:\n  - !GetAZs\n  - b\n", "Z:\n  - !GetAZs \"\"\n  - b\n"},
		{"value below, deeper", "A:\n  J: !Join\n    - ''\n    - [a, b]\n", "A:\n  J: !Join\n    - ''\n    - [a, b]\n"},
		{"compact sequence value", "J: !Join\n- ''\n- [a]\n", "J: !Join\n- ''\n- [a]\n"},
		{"value on the line", "A:\n  R: !Ref B\n  C: 1\n", "A:\n  R: !Ref B\n  C: 1\n"},
		{"inside a block scalar", "U: |\n  x: !Tag\n  y: 1\nB: 2\n", "U: |\n  x: !Tag\n  y: 1\nB: 2\n"},
		{"no tags", "A: 1\n", "A: 1\n"},
	}
	for _, tc := range tests {
		if got := string(fillEmptyTags([]byte(tc.in))); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestCloudFormationEmptyTag: the keys after a value-less tag stay keys of
// the resource (they were taken as the tag's value before).
func TestCloudFormationEmptyTag(t *testing.T) {
	const tmpl = "Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      AvailabilityZones: !GetAZs\n      LaunchConfigurationName: lc\n      MinSize: 2\n"
	res, err := cfnResources([]byte(tmpl), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].vals["MinSize"] == nil || res[0].vals["LaunchConfigurationName"] != "lc" {
		t.Fatalf("properties after !GetAZs lost: %+v", res[0].vals)
	}
}

// TestCloudFormationEveryResource counts the logical ids of each sample
// template from its text (two-space indented keys under Resources) and
// checks that the reader emits one record for each: none is lost to a
// parse that folds resources into another's value.
func TestCloudFormationEveryResource(t *testing.T) {
	files, _ := filepath.Glob("testdata/cloudformation/templates/*.yaml")
	files = append(files, "testdata/cloudformation/fsbp_template.yaml", "testdata/cloudformation/webacl_template.yaml")
	idRe := regexp.MustCompile(`^  [A-Za-z0-9]+:\s*$`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, in := 0, false
		for _, line := range strings.Split(string(data), "\n") {
			switch {
			case strings.HasPrefix(line, "Resources:"):
				in = true
			case len(line) > 0 && line[0] != ' ' && line[0] != '#':
				in = false
			case in && idRe.MatchString(line):
				want++
			}
		}
		got := 0
		if err := ReadCloudFormation(bytes.NewReader(data), f, func(Entity) error { got++; return nil }); err != nil {
			t.Fatal(err)
		}
		if got != want || want == 0 {
			t.Errorf("%s: %d records for %d resources", f, got, want)
		}
	}
}
