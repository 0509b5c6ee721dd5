package main

// This file implements `gslcheck collect` and `run --collect`: both run the
// collector, a separate executable (gslcheck-collect, the module
// github.com/gsl-lang/gsl/collect), the way git and kubectl run their
// plugins. The collector links the AWS SDK; gslcheck and the library do not.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/gsl-lang/gsl/inventory"
)

// collectorName is the collector's executable name.
const collectorName = "gslcheck-collect"

// collectorInstall is the command that installs the collector.
const collectorInstall = "go install github.com/gsl-lang/gsl/collect/cmd/gslcheck-collect@latest"

// collectProviders are the clouds the collector reads.
var collectProviders = []string{"aws"}

// collectedName names a collection that run --collect reads from a
// temporary directory, in the origins of its documents and errors.
const collectedName = "collected"

func (c *collectCmd) Run(e *env) error {
	if len(c.Args) == 0 {
		return usagef("collect needs a provider: gslcheck collect aws [FLAGS]")
	}
	if err := checkProvider(c.Args[0]); err != nil {
		return err
	}
	exe, err := findCollector()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, c.Args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, e.stdout, e.stderr
	code, err := runCollector(cmd)
	if err != nil {
		return err
	}
	e.code = code
	return nil
}

// checkProvider refuses a provider the collector does not read.
func checkProvider(p string) error {
	for _, q := range collectProviders {
		if p == q {
			return nil
		}
	}
	return usagef("collect: unknown provider %q (want aws)", p)
}

// findCollector looks for gslcheck-collect on PATH, then next to the
// running gslcheck (where `go install` of both puts them).
func findCollector() (string, error) {
	name := collectorName
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
			return p, nil
		}
	}
	return "", fmt.Errorf("the collector %s is not installed (it is not on PATH, nor next to gslcheck); it is a separate executable, so that gslcheck does not link the AWS SDK. Install it with\n\n    %s", collectorName, collectorInstall)
}

// runCollector runs the collector and returns its exit code; the error is
// for a collector that could not be started or was killed.
func runCollector(cmd *exec.Cmd) (int, error) {
	err := cmd.Run()
	if err == nil {
		return 0, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() >= 0 {
		return ee.ExitCode(), nil
	}
	return 0, fmt.Errorf("running %s: %w", cmd.Path, err)
}

// collect runs the collector for run --collect and returns the source that
// reads its collection, and a function that removes the collection unless
// --collect-out keeps it. The collector's own report (its calls, and each
// failed call) goes to stderr: stdout holds the run's report.
func (c *runCmd) collect(e *env) (source, func(), error) {
	none := func() {}
	if err := checkProvider(c.Collect); err != nil {
		return source{}, none, err
	}
	exe, err := findCollector()
	if err != nil {
		return source{}, none, err
	}
	dir, name, cleanup := c.CollectOut, c.CollectOut, none
	if dir == "" {
		// MkdirTemp makes it 0700: the collection describes the
		// account's security posture.
		if dir, err = os.MkdirTemp("", "gslcheck-collect-"); err != nil {
			return source{}, none, err
		}
		name = collectedName
		cleanup = func() { os.RemoveAll(dir) }
	}
	args := []string{c.Collect, "--out", dir}
	if c.Profile != "" {
		args = append(args, "--profile", c.Profile)
	}
	for _, r := range c.Region {
		args = append(args, "--region", r)
	}
	if c.AllRegions {
		args = append(args, "--all-regions")
	}
	for _, r := range c.RoleARN {
		args = append(args, "--role-arn", r)
	}
	args = append(args, c.CollectArg...)
	cmd := exec.Command(exe, args...)
	cmd.Stdout = e.stderr
	cmd.Stderr = e.stderr
	code, err := runCollector(cmd)
	if err == nil && code != 0 {
		err = fmt.Errorf("collect %s: %s exited with status %d; nothing was evaluated", c.Collect, collectorName, code)
	}
	if err == nil && !inventory.IsAPIDump(dir) {
		err = fmt.Errorf("collect %s: %s wrote no collection to %s", c.Collect, collectorName, dir)
	}
	if err != nil {
		cleanup()
		return source{}, none, err
	}
	return source{name: name, dir: dir, dump: new(inventory.APIDumpSummary)}, cleanup, nil
}

// checkCollectFlags refuses the collection flags without --collect.
func (c *runCmd) checkCollectFlags() error {
	if c.Collect != "" {
		if c.AllRegions && len(c.Region) > 0 {
			return usagef("--region and --all-regions exclude each other")
		}
		return nil
	}
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"--profile", c.Profile != ""}, {"--region", len(c.Region) > 0}, {"--all-regions", c.AllRegions},
		{"--role-arn", len(c.RoleARN) > 0}, {"--collect-out", c.CollectOut != ""}, {"--collect-arg", len(c.CollectArg) > 0},
	} {
		if f.set {
			return usagef("%s only goes with --collect aws", f.name)
		}
	}
	return nil
}
