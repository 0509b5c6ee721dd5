// Command gendoc regenerates the documentation rendered from the operator
// and function tables of package builtin: builtin/FUNCTIONS.md, the function
// list in builtin/doc.go, and the section of SPEC.md between
// <!-- BEGIN FUNCTIONS --> and <!-- END FUNCTIONS --> when SPEC.md has
// those markers. Run it from anywhere in the module:
//
//	go run ./builtin/internal/gendoc [-check]
//
// With -check it changes nothing and exits 1 when a file is out of date.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/builtin/internal/docsync"
)

func main() {
	check := flag.Bool("check", false, "report out-of-date files instead of writing them")
	flag.Parse()
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendoc:", err)
		os.Exit(2)
	}
	stale, err := run(root, *check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendoc:", err)
		os.Exit(2)
	}
	for _, f := range stale {
		if *check {
			fmt.Fprintln(os.Stderr, "gendoc: out of date:", f)
		} else {
			fmt.Println("gendoc: wrote", f)
		}
	}
	if *check && len(stale) > 0 {
		os.Exit(1)
	}
}

// run regenerates the files under root and returns those that changed (or,
// with check, would change).
func run(root string, check bool) ([]string, error) {
	reg := builtin.Default()
	section := reg.MarkdownDoc()
	type gen struct {
		path   string
		render func(old string) (string, error)
		must   bool // the file must exist
	}
	gens := []gen{
		{filepath.Join(root, "builtin", "FUNCTIONS.md"), func(string) (string, error) {
			return docsync.FunctionsFile(section), nil
		}, false},
		{filepath.Join(root, "builtin", "doc.go"), func(old string) (string, error) {
			return docsync.SpliceGoDoc(old, reg.TextDoc(76))
		}, true},
		{filepath.Join(root, "SPEC.md"), func(old string) (string, error) {
			return docsync.SpliceMarkdown(old, section)
		}, false},
	}
	var stale []string
	for _, g := range gens {
		old, err := os.ReadFile(g.path)
		switch {
		case errors.Is(err, os.ErrNotExist) && !g.must && filepath.Base(g.path) == "SPEC.md":
			continue
		case err != nil && !errors.Is(err, os.ErrNotExist):
			return nil, err
		case err != nil && g.must:
			return nil, err
		}
		text, err := g.render(string(old))
		if errors.Is(err, docsync.ErrNoMarkers) && filepath.Base(g.path) == "SPEC.md" {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.path, err)
		}
		if text == string(old) {
			continue
		}
		stale = append(stale, g.path)
		if !check {
			if err := os.WriteFile(g.path, []byte(text), 0o644); err != nil {
				return nil, err
			}
		}
	}
	return stale, nil
}

// moduleRoot finds the directory of go.mod above the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
