// Command peers compares GSL with expr, CEL and Rego on thirty rules of the
// shipped bundles translated by hand (bench/peers), over a generated
// inventory read from raw JSON bytes. It first checks that every engine
// gives GSL's verdict on every (rule, document) and prints nothing but the
// disagreements when one does not; then it times each engine and prints ns
// per (rule, document) and each peer's ratio to GSL, from the same run.
//
// Usage (from the bench directory):
//
//	go run ./cmd/peers -n 20000 -rounds 5
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/gsl-lang/gsl/bench/peers"
	"github.com/gsl-lang/gsl/internal/invgen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("peers", flag.ContinueOnError)
	n := fs.Int("n", 20000, "documents to generate (those of the rules' types are kept)")
	seed := fs.Uint64("seed", 1, "inventory seed")
	rounds := fs.Int("rounds", 5, "timed passes over the documents per engine")
	cpus := fs.Int("cpus", 1, "GOMAXPROCS while timing (1: one core, as the figures are quoted)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the timed passes to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rounds < 1 {
		return fmt.Errorf("-rounds must be at least 1")
	}
	if *cpus < 1 {
		return fmt.Errorf("-cpus must be at least 1")
	}
	rules := peers.Rules
	targets, err := peers.Targets(rules)
	if err != nil {
		return err
	}
	engines, err := peers.Engines(rules, invgen.DefaultNow())
	if err != nil {
		return err
	}
	docs, pairs, err := peers.Inventory(*n, *seed, targets)
	if err != nil {
		return err
	}
	var size int
	for _, d := range docs {
		size += len(d)
	}
	fmt.Fprintf(w, "%d rules, %d documents (%.1f MB) of their types from %d generated (seed %d), %d (rule, document) pairs\n",
		len(rules), len(docs), float64(size)/1e6, *n, *seed, pairs)
	bad, verdicts, err := peers.Check(engines, rules, targets, docs, 50)
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		for _, d := range bad {
			fmt.Fprintln(w, d)
		}
		return fmt.Errorf("%d or more disagreements with GSL: no timings", len(bad))
	}
	fmt.Fprintf(w, "all engines agree with GSL on every (rule, document); violations per rule:\n%s\n", peers.Coverage(rules, verdicts))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(*cpus))
	fmt.Fprintf(w, "%s %s/%s, GOMAXPROCS %d, %d rounds (fastest shown), %s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH,
		runtime.GOMAXPROCS(0), *rounds, time.Now().UTC().Format(time.DateOnly))
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	timings, err := peers.Measure(append(engines, peers.Valid{}), len(rules), docs, *rounds)
	if err != nil {
		return err
	}
	peers.Report(w, timings, pairs, len(docs))
	return nil
}
