// Command startup measures the wall time and CPU time of a short-lived
// `gslcheck run` with every shipped bundle over a one-document input: what
// a CI step or a Lambda pays before its first document, process start
// included. hyperfine is not on the build machines; this runs the binary
// -n times and reports the minimum, median and maximum of each, and the
// same for `gslcheck version` (process start and flag parsing alone), so
// that the bundles' share can be read off.
//
// It builds gslcheck from the module root (or uses -gslcheck) and runs
//
//	gslcheck run -b BUNDLE... --no-progress --now 2026-06-15T00:00:00Z -o /dev/null tiny.ndjson
//
// Usage, from the bench directory:
//
//	go run ./cmd/startup -n 50
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/gsl-lang/gsl/bench/internal/gslcli"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

// sample is one run of the binary.
type sample struct{ wall, cpu time.Duration }

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("startup", flag.ContinueOnError)
	n := fs.Int("n", 30, "runs of each command")
	bin := fs.String("gslcheck", "", "gslcheck binary (default: build it from -root)")
	root := fs.String("root", "..", "module root to build gslcheck from")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 1 {
		return errors.New("-n must be at least 1")
	}
	work, gsl, remove, err := gslcli.Workspace("", "gsl-startup-", *root, *bin, false)
	if err != nil {
		return err
	}
	defer remove()
	*bin = gsl
	bundles, err := gslcli.Bundles(*bin)
	if err != nil {
		return err
	}
	in := filepath.Join(work, "tiny.ndjson")
	if err := os.WriteFile(in, []byte(`{"type":"Instance","id":"i-1"}`+"\n"), 0o644); err != nil {
		return err
	}
	runArgs := []string{"run", "--no-progress", "--now", "2026-06-15T00:00:00Z", "-o", os.DevNull, in}
	for _, b := range bundles {
		runArgs = append(runArgs, "-b", b)
	}
	// The two commands alternate, so that a change in the machine's load
	// touches them alike.
	var runs, versions []sample
	for range *n {
		s, err := measure(*bin, runArgs, 1) // the instance fails rules: exit 1
		if err != nil {
			return err
		}
		runs = append(runs, s)
		if s, err = measure(*bin, []string{"version"}, 0); err != nil {
			return err
		}
		versions = append(versions, s)
	}
	fmt.Fprintf(w, "%s %s/%s, %d CPUs, %d runs each; bundles: %v\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), *n, bundles)
	fmt.Fprintf(w, "%-34s %28s %28s\n", "", "wall min / median / max", "CPU min / median / max")
	report(w, "gslcheck run, every bundle, 1 doc", runs)
	report(w, "gslcheck version", versions)
	return nil
}

// measure runs bin with args and checks its exit status.
func measure(bin string, args []string, wantExit int) (sample, error) {
	cmd := exec.Command(bin, args...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.ExitCode() == wantExit:
	case err != nil:
		return sample{}, fmt.Errorf("%s %v: %v", bin, args, err)
	case wantExit != 0:
		return sample{}, fmt.Errorf("%s %v: exit 0, want %d", bin, args, wantExit)
	}
	st := cmd.ProcessState
	return sample{wall: wall, cpu: st.UserTime() + st.SystemTime()}, nil
}

func report(w io.Writer, name string, ss []sample) {
	walls := make([]time.Duration, len(ss))
	cpus := make([]time.Duration, len(ss))
	for i, s := range ss {
		walls[i], cpus[i] = s.wall, s.cpu
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/1e6) }
	fmt.Fprintf(w, "%-34s %28s %28s\n", name,
		ms(walls[0])+" / "+ms(walls[len(walls)/2])+" / "+ms(walls[len(walls)-1])+" ms",
		ms(cpus[0])+" / "+ms(cpus[len(cpus)/2])+" / "+ms(cpus[len(cpus)-1])+" ms")
}
