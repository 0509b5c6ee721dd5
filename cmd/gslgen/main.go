// Command gslgen writes a synthetic AWS inventory as NDJSON: documents of
// every entity type of the Dome9-compatible model (ENTITIES.md), in the
// proportions of a large account, with a mix of compliant and
// non-compliant resources. The output is deterministic for a given seed
// and count.
//
// Usage:
//
//	go run ./cmd/gslgen -n 100000 -seed 1 -o inventory.ndjson
//
// Flags:
//
//	-n N          number of documents (default 10000)
//	-seed S       seed (default 1)
//	-fail R       probability that each checked setting is non-compliant (default 0.2)
//	-accounts A   number of AWS accounts (default: one per ~34,000 documents)
//	-now T        clock timestamps are relative to, RFC 3339 (default 2026-06-15T00:00:00Z)
//	-o FILE       output file (default standard output)
//	-counts       print the number of documents of each type to standard error
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/gsl-lang/gsl/internal/invgen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gslgen:", err)
		}
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gslgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "number of documents")
	seed := fs.Uint64("seed", 1, "seed")
	fail := fs.Float64("fail", invgen.DefaultFailRatio, "probability that each checked setting is non-compliant (0 to 1)")
	accounts := fs.Int("accounts", 0, "number of AWS accounts (0: one per large account of documents)")
	now := fs.String("now", invgen.DefaultNow().Format(time.RFC3339), "clock timestamps are relative to (RFC 3339)")
	out := fs.String("o", "", "output file (default standard output)")
	counts := fs.Bool("counts", false, "print the number of documents of each type to standard error")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	clock, err := time.Parse(time.RFC3339, *now)
	if err != nil {
		return fmt.Errorf("-now: %v", err)
	}
	cfg := invgen.Config{N: *n, Seed: *seed, FailRatio: *fail, Accounts: *accounts, Now: clock}
	g, err := invgen.New(cfg)
	if err != nil {
		return err
	}
	if *counts {
		c := g.Counts()
		types := make([]string, 0, len(c))
		for t := range c {
			types = append(types, t)
		}
		sort.Slice(types, func(i, j int) bool {
			return c[types[i]] > c[types[j]] || c[types[i]] == c[types[j]] && types[i] < types[j]
		})
		for _, t := range types {
			fmt.Fprintf(stderr, "%8d %s\n", c[t], t)
		}
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := invgen.Write(w, cfg); err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && *out != "" {
		return f.Close()
	}
	return nil
}
