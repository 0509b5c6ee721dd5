package main

// This file samples a child process's resident memory from /proc while it
// runs, and stops it if it passes a limit.

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// rssSample is the resident memory of the process at a moment of its run.
type rssSample struct {
	at  time.Duration
	rss int64 // bytes: VmRSS
	hwm int64 // bytes: VmHWM, the peak so far
}

// sampler samples one process until stopped.
type sampler struct {
	done    chan struct{}
	result  chan []rssSample
	stopped chan bool
}

// sampleRSS samples p's VmRSS every interval, and kills p if it passes max.
func sampleRSS(p *os.Process, interval time.Duration, max int64) *sampler {
	s := &sampler{done: make(chan struct{}), result: make(chan []rssSample, 1), stopped: make(chan bool, 1)}
	path := "/proc/" + strconv.Itoa(p.Pid) + "/status"
	go func() {
		start := time.Now()
		var samples []rssSample
		killed := false
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			if rss, hwm, ok := readRSS(path); ok {
				samples = append(samples, rssSample{time.Since(start), rss, hwm})
				if rss > max && !killed {
					p.Kill()
					killed = true
				}
			}
			select {
			case <-s.done:
				s.result <- samples
				s.stopped <- killed
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// stop ends the sampling and returns the samples, and whether the process
// was killed for passing the limit.
func (s *sampler) stop() ([]rssSample, bool) {
	close(s.done)
	return <-s.result, <-s.stopped
}

// readRSS reads VmRSS and VmHWM from a /proc/PID/status file. VmHWM is
// the process's own peak since it called execve: unlike the peak RSS that
// wait4 reports, it does not hold the parent's address space, which the
// child shares until execve when Go starts it (see bench/internal/rusage).
func readRSS(path string) (rss, hwm int64, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, false
	}
	rss, ok = statusKB(b, "\nVmRSS:")
	if !ok {
		return 0, 0, false
	}
	if hwm, ok = statusKB(b, "\nVmHWM:"); !ok || hwm < rss {
		hwm = rss
	}
	return rss, hwm, true
}

// statusKB reads the value in kB of the /proc status line that starts with
// key, in bytes.
func statusKB(b []byte, key string) (int64, bool) {
	_, rest, ok := bytes.Cut(b, []byte(key))
	if !ok {
		return 0, false
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) != 2 || string(f[1]) != "kB" {
		return 0, false
	}
	kb, err := strconv.ParseInt(string(f[0]), 10, 64)
	return kb << 10, err == nil
}

// peak is the highest VmHWM of the samples: the process's own peak
// resident memory up to the last sample.
func peak(samples []rssSample) int64 {
	var p int64
	for _, s := range samples {
		p = max(p, s.hwm)
	}
	return p
}

// quarters returns the peak RSS of each quarter of the run (by time), or
// nothing when there are fewer than four samples.
func quarters(samples []rssSample) []int64 {
	if len(samples) < 4 {
		return nil
	}
	end := samples[len(samples)-1].at + 1
	q := make([]int64, 4)
	for _, s := range samples {
		i := int(4 * s.at / end)
		q[i] = max(q[i], s.rss)
	}
	return q
}
