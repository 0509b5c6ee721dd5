package main

import "testing"

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1GB": 1e9, "20mb": 20e6, "512KB": 512e3, "1000": 1000, "1.5GB": 15e8} {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "GB", "-1MB", "lots"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}
