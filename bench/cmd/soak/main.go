// Command soak runs `gslcheck run` over a large generated inventory in
// which a share of the lines are malformed, with every shipped bundle and
// in every report format, and checks that every document is accounted for.
//
// It builds gslcheck from the module root (or uses -gslcheck), writes an
// NDJSON inventory of -n documents with internal/invgen (seed 1) in which
// -bad of the lines are damaged in turn: cut short, given bytes that are not
// UTF-8, given a duplicate "id", or given a huge string (one in ten of
// those longer than --max-doc-bytes, -limit), and runs
//
//	gslcheck run -b BUNDLE... --now 2026-06-15T00:00:00Z --max-doc-bytes LIMIT --format F --jobs J FILE
//
// for each format F, reading the report as it streams out. A run passes
// when gslcheck exits 1 or 2 (findings, malformed documents) without a
// crash; the report counts every line as a document (text, json), evaluated
// or malformed (json); every truncated or over-long line, and no intact
// line, is named by an input error record; and all formats agree on the
// passes and failures. Every damaged line that gslcheck evaluates rather
// than rejects is counted by damage.
//
// Resident memory is sampled from /proc every 100 ms: the peak RSS column
// is the highest VmHWM sampled (the child's own peak, which wait4's would
// not be: see bench/internal/rusage), and the quarters column the
// peak VmRSS of each quarter of the run (flat memory: the last quarters no higher
// than the first); a run whose RSS passes -max-rss is stopped, so that a
// report that grows with the input does not take the machine down. Time
// is linear when a JSON run over an inventory of half the size takes about
// half as long.
//
// Usage, from the bench directory:
//
//	go run ./cmd/soak -n 1000000          # about 3 GB of NDJSON in -dir
//	go run ./cmd/soak -n 2000 -half=false # quick (CI)
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
	"strconv"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/bench/internal/gslcli"
	"github.com/gsl-lang/gsl/bench/internal/size"
	"github.com/gsl-lang/gsl/internal/invgen"
)

func main() {
	ok, err := run(os.Args[1:], os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	n        int
	bad      float64
	formats  []string
	bundles  []string
	jobs     int
	limit    int
	huge     int
	maxRSS   int64
	half     bool
	dir      string
	bin      string
	root     string
	keep     bool
	interval time.Duration
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.IntVar(&o.n, "n", 1000000, "documents (lines) in the inventory")
	fs.Float64Var(&o.bad, "bad", 0.01, "share of the lines damaged")
	formats := fs.String("formats", "text,json,sarif,junit", "report formats to run, comma-separated")
	bundles := fs.String("bundles", "", "bundles to run, comma-separated (default: every shipped bundle, from `gslcheck bundles`)")
	fs.IntVar(&o.jobs, "jobs", 2, "gslcheck --jobs, and GOMAXPROCS of its process")
	fs.IntVar(&o.limit, "limit", 1<<20, "gslcheck --max-doc-bytes; one huge string in ten is longer")
	fs.IntVar(&o.huge, "huge", 64<<10, "length of the other huge strings")
	maxRSS := fs.String("max-rss", "2GB", "stop a run whose resident memory passes this")
	fs.BoolVar(&o.half, "half", true, "also run the JSON report over an inventory of n/2 documents (linearity)")
	fs.StringVar(&o.dir, "dir", os.TempDir(), "where to write the inventories")
	fs.StringVar(&o.bin, "gslcheck", "", "gslcheck binary (default: build it from -root)")
	fs.StringVar(&o.root, "root", "..", "module root to build gslcheck from")
	fs.BoolVar(&o.keep, "keep", false, "keep the inventories")
	fs.DurationVar(&o.interval, "sample", 100*time.Millisecond, "how often resident memory is sampled")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.n < 2 || o.bad < 0 || o.bad > 1 || o.jobs < 1 || o.limit < 1024 || o.huge < 1 || o.huge >= o.limit || o.interval <= 0 {
		return nil, errors.New("need -n >= 2, 0 <= -bad <= 1, -jobs >= 1, -limit >= 1024, 0 < -huge < -limit, -sample > 0")
	}
	var err error
	if o.maxRSS, err = size.Parse(*maxRSS); err != nil {
		return nil, err
	}
	for f := range strings.SplitSeq(*formats, ",") {
		switch f = strings.TrimSpace(f); f {
		case "text", "json", "sarif", "junit":
			o.formats = append(o.formats, f)
		default:
			return nil, fmt.Errorf("unknown format %q", f)
		}
	}
	if *bundles != "" {
		o.bundles = strings.Split(*bundles, ",")
	}
	return o, nil
}

func run(args []string, w io.Writer) (bool, error) {
	o, err := parseFlags(args)
	if err != nil {
		return false, err
	}
	work, bin, remove, err := gslcli.Workspace(o.dir, "gsl-soak-", o.root, o.bin, o.keep)
	if err != nil {
		return false, err
	}
	defer remove()
	o.bin = bin
	if o.bundles == nil {
		if o.bundles, err = gslcli.Bundles(o.bin); err != nil {
			return false, err
		}
	}

	start := time.Now()
	full := filepath.Join(work, "soak.ndjson")
	p, err := createInventory(full, inventoryConfig{n: o.n, seed: 1, bad: o.bad, limit: o.limit, hugeBytes: o.huge})
	if err != nil {
		return false, err
	}
	fmt.Fprintf(w, "inventory: %d documents, %.0f MB, written in %.1f s; %s %s/%s, %d CPUs, gslcheck --jobs %d, bundles %s\n",
		p.docs, float64(p.bytes)/1e6, time.Since(start).Seconds(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
		runtime.NumCPU(), o.jobs, strings.Join(o.bundles, ", "))
	fmt.Fprintf(w, "damaged lines: %d (%.2f%%):", len(p.damaged), 100*float64(len(p.damaged))/float64(p.docs))
	for d := truncated; d < numDamages; d++ {
		fmt.Fprintf(w, " %s %d;", d, p.counts[d])
	}
	fmt.Fprintf(w, " --max-doc-bytes %d, huge strings %d bytes\n\n", o.limit, o.huge)

	ok := true
	results := map[string]outcome{}
	fmt.Fprintf(w, "%-6s %10s %9s %9s %10s  %-31s %9s %8s %10s %10s\n",
		"format", "documents", "wall", "cpu", "peak RSS", "RSS peak by quarter of run (MB)", "report", "inp.err", "pass", "fail")
	for _, f := range o.formats {
		out := runOnce(o, f, full)
		results[f] = out
		fmt.Fprintln(w, out.row(f))
	}
	fmt.Fprintln(w)
	for _, f := range o.formats {
		out := results[f]
		problems := out.problems
		if out.err == nil {
			problems = append(problems, check(f, out.t, p)...)
		}
		if len(problems) > 0 {
			ok = false
			for _, pr := range problems {
				fmt.Fprintf(w, "FAIL %s: %s\n", f, pr)
			}
		}
		fmt.Fprintf(w, "%-6s memory %s\n", f, out.flatness())
	}
	if problems := agree(results, o.formats); len(problems) > 0 {
		ok = false
		for _, pr := range problems {
			fmt.Fprintf(w, "FAIL: %s\n", pr)
		}
	}
	if j, has := results["json"]; has && j.err == nil {
		fmt.Fprintln(w, accepted(j.t, p))
	}

	if o.half {
		half := filepath.Join(work, "half.ndjson")
		hp, err := createInventory(half, inventoryConfig{n: o.n / 2, seed: 1, bad: o.bad, limit: o.limit, hugeBytes: o.huge})
		if err != nil {
			return false, err
		}
		h := runOnce(o, "json", half)
		fmt.Fprintf(w, "\nhalf:  %d documents, %.0f MB\n", hp.docs, float64(hp.bytes)/1e6)
		fmt.Fprintln(w, h.row("json"))
		if problems := append(h.problems, check("json", h.t, hp)...); h.err != nil || len(problems) > 0 {
			ok = false
			for _, pr := range problems {
				fmt.Fprintf(w, "FAIL json, half: %s\n", pr)
			}
		}
		if j, has := results["json"]; has && j.err == nil && h.err == nil {
			fmt.Fprintf(w, "linearity: full/half wall %.2f, cpu %.2f for %.2fx the documents and %.2fx the bytes (linear: 2 +- 15%%)\n",
				j.wall.Seconds()/h.wall.Seconds(), j.cpu.Seconds()/h.cpu.Seconds(),
				float64(p.docs)/float64(hp.docs), float64(p.bytes)/float64(hp.bytes))
		}
	}
	if ok {
		fmt.Fprintln(w, "\nsoak: every document accounted for in every format")
	} else {
		fmt.Fprintln(w, "\nsoak: FAILED")
	}
	return ok, nil
}

// outcome is one gslcheck run.
type outcome struct {
	t        tally
	err      error // the run could not be made or read
	problems []string
	exit     int
	wall     time.Duration
	cpu      time.Duration
	maxRSS   int64   // bytes: the child's own peak (VmHWM), sampled
	quarters []int64 // peak sampled RSS in each quarter of the run
	stopped  bool    // killed at -max-rss
}

// runOnce runs gslcheck over file in format f, reading its report.
func runOnce(o *options, f, file string) outcome {
	args := []string{"run", "--no-progress", "--now", invgen.DefaultNow().Format(time.RFC3339),
		"--max-doc-bytes", strconv.Itoa(o.limit), "--format", f, "--jobs", strconv.Itoa(o.jobs)}
	if f == "sarif" {
		// Every result, so that SARIF's failures can be counted against
		// the other formats' (code scanning's 25,000 limit is the default).
		args = append(args, "--sarif-max-results", "0")
	}
	for _, b := range o.bundles {
		args = append(args, "-b", b)
	}
	cmd := exec.Command(o.bin, append(args, file)...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(o.jobs), "NO_COLOR=1")
	var stderr tailBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return outcome{err: err}
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return outcome{err: err}
	}
	sampler := sampleRSS(cmd.Process, o.interval, o.maxRSS)
	t, readErr := readReport(f, stdout)
	io.Copy(io.Discard, stdout)
	waitErr := cmd.Wait()
	out := outcome{t: t, wall: time.Since(start), exit: cmd.ProcessState.ExitCode()}
	samples, stopped := sampler.stop()
	out.stopped = stopped
	out.quarters = quarters(samples)
	out.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	out.maxRSS = peak(samples)
	var exit *exec.ExitError
	switch {
	case stopped:
		out.problems = append(out.problems, fmt.Sprintf("stopped: resident memory passed %d MB", o.maxRSS/1e6))
	case waitErr != nil && !errors.As(waitErr, &exit):
		out.err = waitErr
		out.problems = append(out.problems, waitErr.Error())
	case out.exit != 1 && out.exit != 2:
		// 1: findings; 2: malformed documents. Anything else, or a
		// signal (-1), is a crash or a usage error.
		out.problems = append(out.problems, fmt.Sprintf("exit status %d (%v)", out.exit, waitErr))
	}
	if s := stderr.String(); strings.Contains(s, "panic") || strings.Contains(s, "fatal error") || (len(out.problems) > 0 && s != "") {
		out.problems = append(out.problems, "stderr: "+s)
	}
	if readErr != nil {
		out.err = readErr
		out.problems = append(out.problems, "reading the report: "+readErr.Error())
	}
	return out
}

func (out outcome) row(f string) string {
	q := make([]string, len(out.quarters))
	for i, v := range out.quarters {
		q[i] = strconv.FormatInt(v>>20, 10)
	}
	count := func(n int) string {
		if n < 0 {
			return "-"
		}
		return strconv.Itoa(n)
	}
	// A run shorter than a few samples may end before its peak is sampled.
	peakRSS := "      -   "
	if len(out.quarters) > 0 {
		peakRSS = fmt.Sprintf("%7.0f MB", float64(out.maxRSS)/(1<<20))
	}
	return fmt.Sprintf("%-6s %10s %8.1fs %8.1fs %s  %-31s %6.0f MB %8d %10s %10s", f, count(out.t.documents),
		out.wall.Seconds(), out.cpu.Seconds(), peakRSS, strings.Join(q, " "),
		float64(out.t.bytes)/1e6, len(out.t.inputErrors), count(out.t.pass), count(out.t.fail))
}

// flatness judges the sampled resident memory: flat when no later quarter
// of the run peaks more than 25% (and 16 MB) above the second, by which
// time the start-up is done.
func (out outcome) flatness() string {
	q := out.quarters
	if len(q) < 4 {
		return "not judged: the run was too short for four samples"
	}
	base, top := q[1], slices.Max(q[1:])
	if top > base+base/4 && top-base > 16<<20 {
		return fmt.Sprintf("GROWS: from %d MB in the second quarter of the run to %d MB", base>>20, top>>20)
	}
	return fmt.Sprintf("flat: %d MB to %d MB after the first quarter", slices.Min(q[1:])>>20, top>>20)
}

// check compares a report's tally with the inventory's plan.
func check(f string, t tally, p *plan) []string {
	var problems []string
	if t.documents >= 0 && t.documents != p.docs {
		problems = append(problems, fmt.Sprintf("%d documents in the summary, %d lines in the input", t.documents, p.docs))
	}
	if t.evaluated >= 0 && t.evaluated+t.malformed != t.documents {
		problems = append(problems, fmt.Sprintf("evaluated %d + malformed %d != documents %d", t.evaluated, t.malformed, t.documents))
	}
	if t.malformed >= 0 && t.malformed != len(t.inputErrors) {
		problems = append(problems, fmt.Sprintf("%d malformed documents but %d input error records", t.malformed, len(t.inputErrors)))
	}
	seen := map[int]bool{}
	for _, n := range t.inputErrors {
		if seen[n] {
			problems = append(problems, fmt.Sprintf("line %d has two input error records", n))
		}
		seen[n] = true
		if _, damaged := p.damaged[n]; !damaged {
			problems = append(problems, fmt.Sprintf("line %d, not damaged, has an input error", n))
		}
	}
	missing := 0
	for n := range p.mustErr {
		if !seen[n] {
			if missing < 5 {
				problems = append(problems, fmt.Sprintf("line %d (%s) has no input error record", n, p.damaged[n]))
			}
			missing++
		}
	}
	if missing > 5 {
		problems = append(problems, fmt.Sprintf("... %d lines without an input error record in all", missing))
	}
	if t.fail < 0 && f != "text" && f != "json" {
		problems = append(problems, "no failure count found in the report")
	}
	return problems
}

// agree checks that every format reports the same failures, passes and
// input errors as the JSON report.
func agree(results map[string]outcome, formats []string) []string {
	ref, has := results["json"]
	if !has || ref.err != nil {
		return nil
	}
	var problems []string
	for _, f := range formats {
		t := results[f].t
		if results[f].err != nil || f == "json" {
			continue
		}
		if t.fail != ref.t.fail {
			problems = append(problems, fmt.Sprintf("%s reports %d failures, json %d", f, t.fail, ref.t.fail))
		}
		if t.pass >= 0 && t.pass != ref.t.pass {
			problems = append(problems, fmt.Sprintf("%s reports %d passes, json %d", f, t.pass, ref.t.pass))
		}
		if len(t.inputErrors) != len(ref.t.inputErrors) {
			problems = append(problems, fmt.Sprintf("%s reports %d input errors, json %d", f, len(t.inputErrors), len(ref.t.inputErrors)))
		}
	}
	return problems
}

// accepted says, per damage, how many damaged lines gslcheck evaluated
// rather than rejected.
func accepted(t tally, p *plan) string {
	rejected := map[damage]int{}
	for _, n := range t.inputErrors {
		rejected[p.damaged[n]]++
	}
	var parts []string
	for d := truncated; d < numDamages; d++ {
		parts = append(parts, fmt.Sprintf("%s %d of %d", d, rejected[d], p.counts[d]))
	}
	return "input errors by damage: " + strings.Join(parts, "; ")
}

// tailBuffer keeps the last 4 KB written to it.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = append(t.b[:0], t.b[len(t.b)-4096:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return strings.TrimSpace(string(t.b)) }
