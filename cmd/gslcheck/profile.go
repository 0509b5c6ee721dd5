package main

// This file lets a real run be profiled: GSLCHECK_CPUPROFILE=FILE writes a
// CPU profile of the whole process (start-up, rule compilation, the run and
// its report) to FILE, for `go tool pprof`. It is not a flag: it is for the
// people who work on gslcheck, not its users (docs/internals.md).

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startProfile starts the CPU profile GSLCHECK_CPUPROFILE asks for and
// returns the function that writes it out. A profile that cannot be
// started is said on stderr; the run goes on without it.
func startProfile(getenv func(string) string, stderr io.Writer) (stop func()) {
	path := getenv("GSLCHECK_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "gslcheck: GSLCHECK_CPUPROFILE: %v\n", unwrapPathError(err))
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(stderr, "gslcheck: GSLCHECK_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "gslcheck: GSLCHECK_CPUPROFILE: %v\n", err)
		}
	}
}
