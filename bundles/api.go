package bundles

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// Rule is one rule of a bundle.
type Rule struct {
	ID          string
	Name        string
	Severity    string // Informational, Low, Medium, High, Critical
	Logic       string // the GSL text, without leading and trailing white space
	Description string
	Remediation string
	Compliance  map[string][]string // framework -> control ids
	// LogicLine and LogicColumn locate the first character of Logic in the
	// bundle file (1-based), so rule errors can point into the file. They
	// are 0 when the rule was not read from a file. FilePos maps any other
	// position of Logic.
	LogicLine, LogicColumn int
	// Line and Column locate the rule's entry in the file (1-based; 0 when
	// not read from a file).
	Line, Column int

	src  *valueSource // where Logic came from, for FilePos
	tree string       // Logic's syntax tree (lang.EncodeRule) when pre-parsed; see syntax
}

// Bundle is a named, versioned set of rules.
type Bundle struct {
	ID          string
	Name        string
	Version     string
	Description string
	Rules       []Rule
	// Source is the file the bundle was read from; for shipped bundles it
	// is "bundles/<id>/bundle.yaml" within the module.
	Source string

	fixtures fs.FS  // where tests/*.yaml live (shipped bundles and LoadFile)
	testDir  string // the directory of the fixtures within fixtures
}

// Case is one fixture case: documents and the expected aggregate status
// (pass, fail, skip, error) per rule id.
type Case struct {
	Name      string
	Documents [][]byte // JSON documents
	Expect    map[string]string
	Source    string // file and line of the case, "file:line"
	// Now is the evaluation clock of the case's file (DefaultNow when the
	// file sets none).
	Now time.Time
}

// Severities returns the valid severity values, lowest first.
func Severities() []string { return slices.Clone(severities) }

var severities = []string{"Informational", "Low", "Medium", "High", "Critical"}

// normSeverity returns the canonical spelling of s (any case), or "".
func normSeverity(s string) string {
	for _, v := range severities {
		if strings.EqualFold(v, strings.TrimSpace(s)) {
			return v
		}
	}
	return ""
}

// Rule returns the rule with the given id, or nil.
func (b *Bundle) Rule(id string) *Rule {
	for i := range b.Rules {
		if b.Rules[i].ID == id {
			return &b.Rules[i]
		}
	}
	return nil
}

// Names lists the shipped bundles, sorted.
func Names() []string {
	var names []string
	entries, _ := fs.ReadDir(shipped, ".")
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(shipped, path.Join(e.Name(), "bundle.yaml")); err == nil {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// Load returns a shipped bundle by id. Shipped bundles are validated more
// strictly than user files: every rule must carry compliance mappings.
func Load(id string) (*Bundle, error) {
	if !bundleID.MatchString(id) {
		return nil, fmt.Errorf("bundles: no shipped bundle %q", id)
	}
	data, err := fs.ReadFile(shipped, path.Join(id, "bundle.yaml"))
	if err != nil {
		return nil, fmt.Errorf("bundles: no shipped bundle %q (have %s)", id, strings.Join(Names(), ", "))
	}
	b := fromPreparsed(id, data)
	if b == nil {
		if b, err = parseBundle(data, "bundles/"+id+"/bundle.yaml", true); err != nil {
			return nil, err
		}
	}
	if b.ID != id {
		return nil, fmt.Errorf("bundles/%s/bundle.yaml: id is %q, want %q", id, b.ID, id)
	}
	b.fixtures, b.testDir = shipped, path.Join(id, "tests")
	return b, nil
}

// Parse reads a bundle in the YAML format of bundles/FORMAT.md from data.
// file names the source in errors and in Bundle.Source. The error is an
// ErrorList: every problem found, each with file, line and column.
func Parse(data []byte, file string) (*Bundle, error) {
	return parseBundle(data, file, false)
}

// LoadFile reads a bundle YAML file or a Dome9 ruleset JSON file; the format
// is detected from the content (JSON starts with "{" or "["). Fixtures of a
// YAML bundle are looked up in the tests directory next to it.
func LoadFile(file string) (*Bundle, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var b *Bundle
	if isJSON(data) {
		b, err = parseDome9(data, file)
	} else {
		b, err = parseBundle(data, file, false)
	}
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(file)
	b.fixtures, b.testDir = os.DirFS(dir), "tests"
	return b, nil
}

// LoadDir reads every bundle file of a directory: the *.yaml, *.yml and
// *.json files in it, and <sub>/bundle.yaml for each subdirectory (the
// layout of the module's bundles directory). Bundles are returned in path
// order; the error lists the problems of every file that failed, and the
// bundles that loaded are still returned.
func LoadDir(dir string) ([]*Bundle, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			f := filepath.Join(dir, name, "bundle.yaml")
			if _, err := os.Stat(f); err == nil {
				files = append(files, f)
			}
		case strings.HasSuffix(name, ".yaml"), strings.HasSuffix(name, ".yml"), strings.HasSuffix(name, ".json"):
			files = append(files, filepath.Join(dir, name))
		}
	}
	sort.Strings(files)
	var out []*Bundle
	var errs []error
	ids := map[string]string{}
	for _, f := range files {
		b, err := LoadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := ids[b.ID]; dup {
			errs = append(errs, &Error{File: f, Msg: fmt.Sprintf("bundle id %q is also used by %s", b.ID, prev)})
			continue
		}
		ids[b.ID] = f
		out = append(out, b)
	}
	return out, errors.Join(errs...)
}

// isJSON reports whether data looks like JSON rather than YAML.
func isJSON(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n\ufeff")
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	return len(data) > 0 && (data[0] == '{' || data[0] == '[')
}
