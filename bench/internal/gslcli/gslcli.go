// Package gslcli builds the gslcheck binary the bench commands run and asks
// it what it ships.
package gslcli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// Workspace makes a directory for a bench command's inventories and
// reports in dir, named from prefix, and returns it with the gslcheck
// binary to run: bin, or one built from the module at root into the
// directory when bin is "". remove deletes the directory, unless keep.
func Workspace(dir, prefix, root, bin string, keep bool) (work, gslcheck string, remove func(), err error) {
	work, err = os.MkdirTemp(dir, prefix)
	if err != nil {
		return "", "", nil, err
	}
	remove = func() {
		if !keep {
			os.RemoveAll(work)
		}
	}
	if bin == "" {
		bin = filepath.Join(work, "gslcheck")
		if err := Build(root, bin); err != nil {
			remove()
			return "", "", nil, err
		}
	}
	return work, bin, remove, nil
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
