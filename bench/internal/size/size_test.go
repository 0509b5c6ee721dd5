package size

import "testing"

func TestParse(t *testing.T) {
	for in, want := range map[string]int64{"1GB": 1e9, "20mb": 20e6, "512KB": 512e3, "1000": 1000, "1.5GB": 15e8} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "GB", "-1MB", "lots"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q): no error", in)
		}
	}
}
