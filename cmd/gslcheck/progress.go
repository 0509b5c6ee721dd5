package main

// This file draws a progress line on stderr for long runs: it appears only
// after a second, only on a terminal, and is erased when the run ends.

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gsl-lang/gsl/internal/textout"
)

// progress counts bytes and documents read. A nil *progress does nothing.
type progress struct {
	w     io.Writer
	total int64 // bytes in all inputs, 0 when unknown (stdin)
	bytes atomic.Int64
	docs  atomic.Int64
	start time.Time
	delay time.Duration // how long to wait before drawing

	stopOnce sync.Once
	stop     chan struct{}
	done     chan struct{}
	width    int // width of the last line drawn
}

func newProgress(w io.Writer, total int64) *progress {
	return &progress{w: w, total: total, delay: time.Second, stop: make(chan struct{}), done: make(chan struct{})}
}

func (p *progress) addDoc() {
	if p != nil {
		p.docs.Add(1)
	}
}

// reader counts the bytes read through r.
func (p *progress) reader(r io.Reader) io.Reader { return &countingReader{r: r, n: &p.bytes} }

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// run draws until finish is called; start it in its own goroutine.
func (p *progress) run() {
	defer close(p.done)
	p.start = time.Now()
	select {
	case <-p.stop:
		return
	case <-time.After(p.delay):
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		p.draw()
		select {
		case <-p.stop:
			if p.width > 0 {
				fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
			}
			return
		case <-tick.C:
		}
	}
}

// finish stops drawing and erases the line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.stopOnce.Do(func() { close(p.stop) })
	<-p.done
}

func (p *progress) draw() {
	line := renderProgress(p.bytes.Load(), p.total, p.docs.Load(), time.Since(p.start))
	pad := ""
	if n := len(line); n < p.width {
		pad = strings.Repeat(" ", p.width-n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.width = len(line)
}

// renderProgress formats one progress line.
func renderProgress(read, total, docs int64, elapsed time.Duration) string {
	rate := ""
	if s := elapsed.Seconds(); s > 0 {
		rate = fmt.Sprintf("  %s/s", humanBytes(float64(read)/s))
	}
	if total <= 0 {
		return fmt.Sprintf("%s documents  %s%s", textout.Commas(docs), humanBytes(float64(read)), rate)
	}
	frac := min(float64(read)/float64(total), 1)
	const width = 24
	filled := int(frac * width)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	if filled > 0 && filled < width {
		bar = strings.Repeat("=", filled-1) + ">" + strings.Repeat(" ", width-filled)
	}
	return fmt.Sprintf("[%s] %3.0f%%  %s documents%s", bar, frac*100, textout.Commas(docs), rate)
}

// humanBytes formats a byte count with a binary unit.
func humanBytes(n float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for n >= 1024 && i < len(units)-1 {
		n /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%.0f %s", n, units[i])
	}
	return fmt.Sprintf("%.1f %s", n, units[i])
}
