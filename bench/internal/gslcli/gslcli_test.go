package gslcli

import (
	"os"
	"slices"
	"testing"
)

func TestParseBundles(t *testing.T) {
	out := `ID       VERSION  RULES  NAME
cis-aws  1.0.0    63     CIS Amazon Web Services Foundations Benchmark v5.0.0
hipaa    1.0.0    93     HIPAA Security Rule for AWS
`
	got, err := parseBundles(out)
	if err != nil || !slices.Equal(got, []string{"cis-aws", "hipaa"}) {
		t.Errorf("parseBundles = %v, %v", got, err)
	}
	if _, err := parseBundles("ID VERSION RULES NAME\n"); err == nil {
		t.Error("no bundles: no error")
	}
}

// TestWorkspace: a binary given is used as it is, not built; the directory
// goes with remove unless kept.
func TestWorkspace(t *testing.T) {
	for _, keep := range []bool{false, true} {
		work, bin, remove, err := Workspace(t.TempDir(), "ws-", "no-such-root", "/given/gslcheck", keep)
		if err != nil {
			t.Fatal(err)
		}
		if bin != "/given/gslcheck" {
			t.Errorf("bin = %q, want the one given", bin)
		}
		remove()
		if _, err := os.Stat(work); (err == nil) != keep {
			t.Errorf("keep %v: after remove, stat %s: %v", keep, work, err)
		}
	}
	// Without a binary, it is built from root: a root without the module
	// fails, and leaves no directory behind.
	dir := t.TempDir()
	if _, _, _, err := Workspace(dir, "ws-", dir, "", false); err == nil {
		t.Error("building from a directory without the module succeeded")
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("a failed build left %v", left)
	}
}
