// Package gslcli builds the gslcheck binary the bench commands run and asks
// it what it ships.
package gslcli

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Build builds ./cmd/gslcheck of the module at root into out.
func Build(root, out string) error {
	build := exec.Command("go", "build", "-o", out, "./cmd/gslcheck")
	build.Dir = root
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building gslcheck: %v", err)
	}
	return nil
}

// Bundles returns the ids of the bundles bin ships, as `gslcheck bundles`
// lists them (a header line, then one bundle per line, its id first).
func Bundles(bin string) ([]string, error) {
	out, err := exec.Command(bin, "bundles").Output()
	if err != nil {
		return nil, fmt.Errorf("gslcheck bundles: %v", err)
	}
	return parseBundles(string(out))
}

func parseBundles(out string) ([]string, error) {
	var ids []string
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Fields(line); i > 0 && len(f) > 0 {
			ids = append(ids, f[0])
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("gslcheck bundles listed none:\n%s", out)
	}
	return ids, nil
}
