package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/alecthomas/kong"

	"github.com/gsl-lang/gsl/inventory"
)

// Exit codes.
const (
	exitOK       = 0 // nothing failed
	exitFindings = 1 // failed rules, failed fixture tests, lint problems
	exitError    = 2 // usage, input or rule errors
)

func main() {
	stop := startProfile(os.Getenv, os.Stderr)
	code := Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what commands get from the process: streams, environment, and the
// exit code they set.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	style  *style // colours for stdout
	errSty *style // colours for stderr
	color  string // the --color mode
	noProg bool   // --no-progress
	code   int    // exit code chosen by the command
}

// usageError is a command-line mistake kong cannot catch; it exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// exitPanic carries kong's exit code out of its Exit callback.
type exitPanic struct{ code int }

// Main runs gslcheck with args and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	var c cli
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	noArgs := len(args) == 0
	if noArgs {
		args = []string{"--help"} // print the help, then exit 2
	}
	defer func() {
		if r := recover(); r != nil {
			p, ok := r.(exitPanic)
			if !ok {
				panic(r)
			}
			code = p.code
			if noArgs {
				code = exitError
			}
		}
	}()
	parser, err := kong.New(&c,
		kong.Name("gslcheck"),
		kong.Description("Check JSON inventories of cloud resources against GSL rules and compliance bundles."),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { panic(exitPanic{code}) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true, WrapUpperBound: 100}),
		kong.Vars{"cpus": fmt.Sprint(runtime.NumCPU()), "maxdoc": fmt.Sprint(inventory.DefaultMaxDocBytes), "version": versionLine()},
		kong.Bind(e),
		kong.ExplicitGroups([]kong.Group{{Key: "collect", Title: "Collecting the account first (run --collect):"}}),
	)
	if err != nil {
		fmt.Fprintf(stderr, "gslcheck: internal error: %v\n", err)
		return exitError
	}
	ctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(stderr, "gslcheck: %v\n", err)
		var pe *kong.ParseError
		if errors.As(err, &pe) && pe.Context != nil && pe.Context.Selected() != nil {
			fmt.Fprintf(stderr, "Run 'gslcheck %s --help' for usage.\n", pe.Context.Selected().Path())
		} else {
			fmt.Fprintln(stderr, "Run 'gslcheck --help' for usage.")
		}
		return exitError
	}
	e.color = c.Color
	e.noProg = c.NoProgress
	e.style = &style{On: useColor(c.Color, stdout, e.getenv)}
	e.errSty = &style{On: useColor(c.Color, stderr, e.getenv)}
	if err := ctx.Run(e); err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "gslcheck: %v\n", err)
			fmt.Fprintf(stderr, "Run 'gslcheck %s --help' for usage.\n", ctx.Selected().Path())
			return exitError
		}
		var quiet *reportedError
		if !errors.As(err, &quiet) {
			fmt.Fprintf(stderr, "gslcheck: %v\n", err)
		}
		return exitError
	}
	return e.code
}

// reportedError is an error whose details were already written; Main only
// sets the exit code.
type reportedError struct{ err error }

func (e *reportedError) Error() string { return e.err.Error() }

// writeJSON writes v to w as indented JSON, without HTML escaping: the
// shape of every JSON output that is written as one document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
