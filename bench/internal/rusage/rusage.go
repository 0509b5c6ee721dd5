// Package rusage measures a child process's own wall time, CPU time and
// peak resident memory.
//
// A process's peak RSS from wait4 (os.ProcessState.SysUsage) is not the
// child's alone when it is started from Go: on Linux, os/exec starts a
// child with clone(CLONE_VM|CLONE_VFORK), so until it calls execve the child
// runs in its parent's address space, and execve records the high-water
// mark of that address space, the parent's, in the child's peak RSS. A
// benchmark command that holds an inventory in memory thus reported its own
// size as the tool's (652 MB for a `gslcheck run` that peaked at 43 MB).
//
// Run therefore starts the command from a shim: the benchmark's own binary
// run again (Serve, first thing in main, makes it one), a small process that
// starts the command, waits for it and writes down its usage. The shim's
// high-water mark, a few megabytes, is the floor of what is measured.
package rusage

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// shimEnv names the file a shim writes the usage to.
const shimEnv = "GSL_BENCH_RUSAGE_FILE"

// Usage is what a child process used.
type Usage struct {
	Wall, CPU time.Duration // CPU: user and system
	MaxRSS    int64         // peak resident memory, bytes
}

// Best is the best of the runs a and b of the same command, for a
// benchmark that keeps the best of several rounds: the shorter wall time,
// the lesser CPU time, and the larger peak RSS (memory does not get
// better by luck). The zero Usage stands for no run yet.
func Best(a, b Usage) Usage {
	if a == (Usage{}) {
		return b
	}
	return Usage{Wall: min(a.Wall, b.Wall), CPU: min(a.CPU, b.CPU), MaxRSS: max(a.MaxRSS, b.MaxRSS)}
}

// Serve makes the program a shim when Run started it so: it runs the
// command in its arguments and exits with its exit status. Otherwise it
// returns at once.
func Serve() {
	out := os.Getenv(shimEnv)
	if out == "" {
		return
	}
	os.Unsetenv(shimEnv)
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "rusage shim:", err)
		os.Exit(125)
	}
	var maxRSS int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if err := os.WriteFile(out, fmt.Appendf(nil, "%d %d %d\n", wall, cpu, maxRSS), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "rusage shim:", err)
		os.Exit(125)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

// Run runs cmd, which must not have been started, through a shim (see
// Serve) and returns what its process used. The error is cmd.Run's, for the
// command (an *exec.ExitError for a non-zero exit status); the usage is
// valid when the command ran, whatever its status.
func Run(cmd *exec.Cmd) (Usage, error) {
	self, err := os.Executable()
	if err != nil {
		return Usage{}, err
	}
	f, err := os.CreateTemp("", "rusage-")
	if err != nil {
		return Usage{}, err
	}
	f.Close()
	defer os.Remove(f.Name())
	shim := exec.Command(self, append([]string{cmd.Path}, cmd.Args[1:]...)...)
	shim.Dir, shim.Stdin, shim.Stdout, shim.Stderr = cmd.Dir, cmd.Stdin, cmd.Stdout, cmd.Stderr
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	shim.Env = append(env[:len(env):len(env)], shimEnv+"="+f.Name())
	runErr := shim.Run()
	var exit *exec.ExitError
	if runErr != nil && (!errors.As(runErr, &exit) || exit.ExitCode() == 125) {
		return Usage{}, runErr
	}
	b, err := os.ReadFile(f.Name())
	if err != nil {
		return Usage{}, err
	}
	fields := strings.Fields(string(b))
	if len(fields) != 3 {
		return Usage{}, fmt.Errorf("rusage shim wrote %q", b)
	}
	var n [3]int64
	for i, s := range fields {
		if n[i], err = strconv.ParseInt(s, 10, 64); err != nil {
			return Usage{}, fmt.Errorf("rusage shim wrote %q", b)
		}
	}
	return Usage{Wall: time.Duration(n[0]), CPU: time.Duration(n[1]), MaxRSS: n[2]}, runErr
}
