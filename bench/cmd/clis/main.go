// Command clis compares the command-line tools a user would pick between:
// `gslcheck run`, `opa eval` and `conftest test`, on the same 34 rules of
// the shipped bundles (bench/peers: the GSL as shipped, the Rego
// translations) over the same generated documents, as one JSON array file.
//
// It builds opa and conftest from the Go module proxy at pinned versions
// (go install MODULE@VERSION, kept in -bin for the next run) and gslcheck
// from the module root, writes the inventories with internal/invgen
// (seed 1, every entity type, one document per line of the array), and runs
// each tool on one core and on two (taskset and GOMAXPROCS; gslcheck with
// --jobs as many), -rounds times, the fastest run counting:
//
//	gslcheck run -r RULE... --now 2026-06-15T00:00:00Z --format json -o OUT --jobs J docs.json
//	opa eval --format json --data policy.rego --input docs.json data.bench.findings
//	conftest test --no-color --output json --namespace bench --policy DIR docs.json
//
// Before any figure is printed, every run's violations must equal
// gslcheck's: (element, rule) for opa eval, (rule, type, account, id) for
// conftest, which does not say which element of the array it judged.
// Wall time, CPU time and peak RSS are the tool's process's own, from the
// kernel (wait4), measured through a shim (bench/internal/rusage) so that
// this command's own memory is not counted as the tool's.
//
// Usage, from the bench directory:
//
//	go run ./cmd/clis                           # 10,000 and 100,000 documents, 1 and 2 cores
//	go run ./cmd/clis -sizes 300 -cores 1       # quick
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
	"strconv"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/bench/internal/gslcli"
	"github.com/gsl-lang/gsl/bench/internal/rusage"
	"github.com/gsl-lang/gsl/bench/peers"
	"github.com/gsl-lang/gsl/internal/invgen"
)

// Pinned peer versions, checked with `go mod download MODULE@VERSION`:
// OPA is the version bench/ links in-process; conftest v0.71.1 links OPA
// v1.21.1.
const (
	opaModule      = "github.com/open-policy-agent/opa"
	opaVersion     = "v1.22.2"
	conftestModule = "github.com/open-policy-agent/conftest"
	conftestVer    = "v0.71.1"
)

func main() {
	rusage.Serve()
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "clis:", err)
		os.Exit(1)
	}
}

type options struct {
	sizes  []int
	cores  []int
	rounds int
	bin    string
	gsl    string
	root   string
	dir    string
	keep   bool
	tools  []string
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("clis", flag.ContinueOnError)
	sizes := fs.String("sizes", "10000,100000", "inventory sizes (documents), comma-separated")
	cores := fs.String("cores", "1,2", "core counts, comma-separated")
	fs.IntVar(&o.rounds, "rounds", 1, "runs of each (tool, size, cores); the fastest counts")
	cache, _ := os.UserCacheDir()
	fs.StringVar(&o.bin, "bin", filepath.Join(cache, "gsl-bench-clis"), "where the peer CLIs are built and kept")
	fs.StringVar(&o.gsl, "gslcheck", "", "gslcheck binary (default: build it from -root)")
	fs.StringVar(&o.root, "root", "..", "module root to build gslcheck from")
	fs.StringVar(&o.dir, "dir", os.TempDir(), "where to write the inventories and reports")
	fs.BoolVar(&o.keep, "keep", false, "keep the inventories, the policy and the reports")
	tools := fs.String("tools", "gslcheck,opa,conftest", "tools to run (gslcheck always runs: it is the reference)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	var err error
	if o.sizes, err = ints(*sizes, 1); err != nil {
		return nil, fmt.Errorf("-sizes: %v", err)
	}
	if o.cores, err = ints(*cores, 1); err != nil {
		return nil, fmt.Errorf("-cores: %v", err)
	}
	if o.rounds < 1 {
		return nil, errors.New("-rounds must be at least 1")
	}
	o.tools = []string{"gslcheck"}
	for t := range strings.SplitSeq(*tools, ",") {
		switch t = strings.TrimSpace(t); t {
		case "gslcheck":
		case "opa", "conftest":
			o.tools = append(o.tools, t)
		default:
			return nil, fmt.Errorf("unknown tool %q", t)
		}
	}
	return o, nil
}

// ints reads a comma-separated list of integers of at least min.
func ints(s string, min int) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < min {
			return nil, fmt.Errorf("bad number %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func run(args []string, w io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	for _, c := range o.cores {
		if c > runtime.NumCPU() {
			return fmt.Errorf("%d cores asked for, %d present", c, runtime.NumCPU())
		}
	}
	work, gsl, remove, err := gslcli.Workspace(o.dir, "gsl-clis-", o.root, o.gsl, o.keep)
	if err != nil {
		return err
	}
	defer remove()
	bins := map[string]string{"gslcheck": gsl}
	for _, t := range o.tools[1:] {
		mod, ver := opaModule, opaVersion
		if t == "conftest" {
			mod, ver = conftestModule, conftestVer
		}
		if bins[t], err = peerBinary(o.bin, t, mod, ver); err != nil {
			return err
		}
	}

	rules := peers.Rules
	targets, err := peers.Targets(rules)
	if err != nil {
		return err
	}
	policyDir := filepath.Join(work, "policy")
	if err := os.Mkdir(policyDir, 0o755); err != nil {
		return err
	}
	policyFile := filepath.Join(policyDir, "bench.rego")
	if err := os.WriteFile(policyFile, []byte(policy(rules, targets, invgen.DefaultNow())), 0o644); err != nil {
		return err
	}

	fmt.Fprintf(w, "%d rules (bench/peers); gslcheck from this tree, opa %s and conftest %s built from the module proxy; %s %s/%s, %d CPUs, %s\n",
		len(rules), opaVersion, conftestVer, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"))
	type row struct {
		docs, cores int
		tool        string
		m           rusage.Usage
		violations  int
	}
	var rows []row
	for _, n := range o.sizes {
		file, docs, err := writeArray(work, n)
		if err != nil {
			return err
		}
		st, _ := os.Stat(file)
		fmt.Fprintf(w, "inventory: %d documents, %.0f MB, one JSON array\n", n, float64(st.Size())/1e6)
		var ref violations
		for _, cores := range o.cores {
			for _, tool := range o.tools {
				var best rusage.Usage
				var got violations
				for range o.rounds {
					m, v, err := runTool(tool, bins[tool], work, file, policyFile, policyDir, cores, rules, docs)
					if err != nil {
						return fmt.Errorf("%s, %d documents, %d cores: %v", tool, n, cores, err)
					}
					best = rusage.Best(best, m)
					got = v
				}
				if tool == "gslcheck" && ref == nil {
					ref = got
				}
				// The same violations as gslcheck's, or no figures.
				want := ref
				if tool == "conftest" {
					want = ref.dropIndex()
				}
				if d := diff(want, got, 10); len(d) > 0 {
					return fmt.Errorf("%s, %d documents, %d cores, reports other violations than gslcheck:\n  %s", tool, n, cores, strings.Join(d, "\n  "))
				}
				rows = append(rows, row{n, cores, tool, best, got.total()})
				// Progress on stderr, so that a long run shows its figures as
				// they come.
				fmt.Fprintf(os.Stderr, "  %s, %d documents, %d cores: %.2fs wall, %.2fs cpu, %.0f MB peak RSS\n",
					tool, n, cores, best.Wall.Seconds(), best.CPU.Seconds(), float64(best.MaxRSS)/1e6)
			}
		}
		fmt.Fprintf(w, "  all tools report the same %d violations (%s)\n", ref.total(), perRule(ref, rules))
		if !o.keep {
			os.Remove(file)
		}
	}
	fmt.Fprintf(w, "\n%9s %5s  %-9s %9s %9s %10s  %8s %8s %8s\n", "documents", "cores", "tool", "wall", "cpu", "peak RSS", "x wall", "x cpu", "x RSS")
	for _, r := range rows {
		var ref rusage.Usage
		for _, g := range rows {
			if g.tool == "gslcheck" && g.docs == r.docs && g.cores == r.cores {
				ref = g.m
			}
		}
		fmt.Fprintf(w, "%9d %5d  %-9s %8.2fs %8.2fs %7.0f MB  %7.1fx %7.1fx %7.1fx\n", r.docs, r.cores, r.tool, r.m.Wall.Seconds(),
			r.m.CPU.Seconds(), float64(r.m.MaxRSS)/1e6, r.m.Wall.Seconds()/ref.Wall.Seconds(), r.m.CPU.Seconds()/ref.CPU.Seconds(),
			float64(r.m.MaxRSS)/float64(ref.MaxRSS))
	}
	fmt.Fprintln(w, "\nx wall, x cpu, x RSS: the tool's wall time, CPU time (user + system) and peak RSS over gslcheck's at the same size and cores")
	return nil
}

// perRule lists the violations of each rule, in the rules' order.
func perRule(v violations, rules []peers.Rule) string {
	counts := map[string]int{}
	for k, n := range v {
		parts := strings.Split(k, "|")
		if len(parts) == 5 {
			counts[parts[1]] += n
		}
	}
	var b strings.Builder
	for i, r := range rules {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s:%d", r.ID, counts[r.ID])
	}
	return b.String()
}

// peerBinary returns the path of name at version in dir, building it with
// go install MODULE@VERSION from the module proxy when it is not there.
func peerBinary(dir, name, module, version string) (string, error) {
	path := filepath.Join(dir, name+"-"+version)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	fmt.Fprintf(os.Stderr, "building %s: go install %s@%s (a few minutes the first time)\n", name, module, version)
	cmd := exec.Command("go", "install", module+"@"+version)
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "GOFLAGS=-buildvcs=false", "GOWORK=off")
	cmd.Dir = tmp
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go install %s@%s: %v", module, version, err)
	}
	return path, os.Rename(filepath.Join(tmp, name), path)
}

// writeArray writes n generated documents as a JSON array, one document
// per line, and returns the file and the documents.
func writeArray(dir string, n int) (string, [][]byte, error) {
	docs, err := invgen.Generate(invgen.Config{N: n, Seed: 1, FailRatio: invgen.DefaultFailRatio})
	if err != nil {
		return "", nil, err
	}
	file := filepath.Join(dir, "docs-"+strconv.Itoa(n)+".json")
	f, err := os.Create(file)
	if err != nil {
		return "", nil, err
	}
	buf := make([]byte, 0, 1<<20)
	buf = append(buf, "[\n"...)
	for i, d := range docs {
		buf = append(buf, d...)
		if i < len(docs)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		if len(buf) > 1<<20-1<<16 {
			if _, err := f.Write(buf); err != nil {
				f.Close()
				return "", nil, err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "]\n"...)
	_, err = f.Write(buf)
	if err == nil {
		// Written out now, not by the kernel during the timed runs.
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return file, docs, err
}

// runTool runs tool over file on cores CPUs and reads its violations.
func runTool(tool, bin, work, file, policyFile, policyDir string, cores int, rules []peers.Rule, docs [][]byte) (rusage.Usage, violations, error) {
	out := filepath.Join(work, tool+".out")
	var args []string
	switch tool {
	case "gslcheck":
		args = append([]string{"run", "--no-progress", "--now", invgen.DefaultNow().Format(time.RFC3339),
			"--format", "json", "-o", out, "--jobs", strconv.Itoa(cores)}, gslArgs(rules)...)
		args = append(args, file)
	case "opa":
		args = []string{"eval", "--format", "json", "--data", policyFile, "--input", file, "data.bench.findings"}
	case "conftest":
		args = []string{"test", "--no-color", "--output", "json", "--namespace", "bench", "--policy", policyDir, file}
	}
	cpuList := "0"
	for c := 1; c < cores; c++ {
		cpuList += "," + strconv.Itoa(c)
	}
	cmd := exec.Command("taskset", append([]string{"-c", cpuList, bin}, args...)...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(cores), "NO_COLOR=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	var f *os.File
	if tool != "gslcheck" {
		var err error
		if f, err = os.Create(out); err != nil {
			return rusage.Usage{}, nil, err
		}
		cmd.Stdout = f
	}
	m, err := rusage.Run(cmd)
	if f != nil {
		f.Close()
	}
	var exit *exec.ExitError
	// Exit status 1 is findings, for each tool.
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return m, nil, fmt.Errorf("%v\n%s", err, stderr.String())
	}
	rf, err := os.Open(out)
	if err != nil {
		return m, nil, err
	}
	defer rf.Close()
	defer os.Remove(out)
	var v violations
	switch tool {
	case "gslcheck":
		v, err = readGSLCheck(rf, rules, docs)
	case "opa":
		v, err = readOPA(rf)
	case "conftest":
		v, err = readConftest(rf)
	}
	return m, v, err
}
