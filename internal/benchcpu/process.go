package benchcpu

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// Process returns the CPU time the process's threads have run, summed from
// /proc/self/task/*/schedstat; ok is false where those files do not exist.
// Unlike wall time it leaves out the time other processes on a shared
// machine take, so ratios of it are steadier.
func Process() (d time.Duration, ok bool) {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0, false
	}
	for _, t := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + t.Name() + "/schedstat")
		if err != nil {
			continue // the thread has exited
		}
		f := bytes.Fields(b)
		if len(f) == 0 {
			return 0, false
		}
		ns, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return 0, false
		}
		d += time.Duration(ns)
	}
	return d, true
}
