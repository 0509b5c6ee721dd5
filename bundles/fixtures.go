package bundles

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// DefaultNow returns the evaluation clock of fixture files that set no
// `now`, 2026-06-15T00:00:00Z, the date the example inventory and the
// fixtures are written against.
func DefaultNow() time.Time { return time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC) }

// statuses lists the values a fixture may expect for a rule.
var statuses = []string{"pass", "fail", "skip", "error"}

// ParseCases reads one fixture file (tests/*.yaml; see bundles/FORMAT.md):
//
//	now: 2026-06-15T00:00:00Z   # optional
//	cases:
//	  - name: ...               # unique within the file
//	    documents: [...]        # one or more entity documents
//	    expect: {RULE-ID: pass | fail | skip | error}
//
// Documents are converted to JSON keeping key order and the spelling of
// numbers. The error is an ErrorList with file, line and column.
func ParseCases(data []byte, file string) ([]Case, error) {
	cases, _, err := parseCases(data, file)
	return cases, err
}

// caseExpect records where each expectation was written, for checking rule
// ids against a bundle.
type caseExpect struct {
	rule       string
	line, col  int
	caseSource string // the fixture file
}

func parseCases(data []byte, file string) ([]Case, []caseExpect, error) {
	f, err := parseYAML(data, file)
	if err != nil {
		return nil, nil, err
	}
	fields, ok := f.mapping(f.body, "a fixture file")
	if !ok {
		return nil, nil, f.errs
	}
	now := DefaultNow()
	var casesNode ast.Node
	for _, fl := range fields {
		switch fl.name {
		case "now":
			s, ok := f.str(fl.val, "now")
			if !ok {
				break
			}
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				f.errorf(fl.val, "now %q is not an RFC 3339 time (like 2026-06-15T00:00:00Z)", s)
				break
			}
			now = t
		case "cases":
			casesNode = fl.val
		default:
			f.errorf(fl.key, "unknown key %q in fixture file (want now, cases)", fl.name)
		}
	}
	if casesNode == nil {
		f.errorf(f.body, "fixture file has no cases")
		return nil, nil, f.errs
	}
	items, ok := f.seq(casesNode, "cases")
	if ok && len(items) == 0 {
		f.errorf(casesNode, "cases is empty")
	}
	var cases []Case
	var expects []caseExpect
	names := map[string]int{}
	for _, item := range items {
		c, ex, ok := f.fixtureCase(item, now)
		if !ok {
			continue
		}
		if line, dup := names[c.Name]; dup {
			f.errorf(item, "duplicate case name %q (first at line %d)", c.Name, line)
			continue
		}
		names[c.Name], _ = pos(item)
		cases = append(cases, c)
		expects = append(expects, ex...)
	}
	if len(f.errs) > 0 {
		return nil, nil, f.errs
	}
	return cases, expects, nil
}

// fixtureCase reads one entry of cases.
func (f *yamlFile) fixtureCase(n ast.Node, now time.Time) (Case, []caseExpect, bool) {
	line, _ := pos(n)
	c := Case{Source: fmt.Sprintf("%s:%d", f.name, line), Now: now}
	fields, ok := f.mapping(n, "a case")
	if !ok {
		return c, nil, false
	}
	before := len(f.errs)
	seen := map[string]bool{}
	var expects []caseExpect
	for _, fl := range fields {
		seen[fl.name] = true
		switch fl.name {
		case "name":
			c.Name, _ = f.str(fl.val, "case name")
			if strings.TrimSpace(c.Name) == "" {
				f.errorf(fl.val, "case name is empty")
			}
		case "documents":
			docs, ok := f.seq(fl.val, "documents")
			if ok && len(docs) == 0 {
				f.errorf(fl.val, "documents is empty")
			}
			for _, d := range docs {
				if doc, ok := f.document(d); ok {
					c.Documents = append(c.Documents, doc)
				}
			}
		case "expect":
			ex, ok := f.mapping(fl.val, "expect")
			if !ok {
				break
			}
			if len(ex) == 0 {
				f.errorf(fl.val, "expect is empty")
			}
			c.Expect = map[string]string{}
			for _, e := range ex {
				s, ok := f.str(e.val, "an expected status")
				if !ok {
					continue
				}
				if !isStatus(s) {
					f.errorf(e.val, "status %q: want pass, fail, skip or error", s)
					continue
				}
				c.Expect[e.name] = s
				l, col := pos(e.key)
				expects = append(expects, caseExpect{rule: e.name, line: l, col: col})
			}
		default:
			f.errorf(fl.key, "unknown key %q in case (want name, documents, expect)", fl.name)
		}
	}
	for _, k := range []string{"name", "documents", "expect"} {
		if !seen[k] {
			f.errorf(n, "case has no %s", k)
		}
	}
	return c, expects, len(f.errs) == before
}

// document converts one entity document to JSON; it must be a mapping with
// a string `type`.
func (f *yamlFile) document(n ast.Node) ([]byte, bool) {
	if f.tooLarge {
		return nil, false // reported at the document that went past the limit
	}
	fields, ok := f.mapping(n, "a document")
	if !ok {
		return nil, false
	}
	hasType := false
	for _, fl := range fields {
		if fl.name == "type" {
			s, ok := fl.val.(*ast.StringNode)
			hasType = ok && s.Value != ""
			if !hasType {
				f.errorf(fl.val, "document type must be a non-empty string")
				return nil, false
			}
		}
	}
	if !hasType {
		f.errorf(n, "document has no type")
		return nil, false
	}
	before := len(f.errs)
	doc := f.toJSON(nil, n, map[string]ast.Node{}, 0)
	f.jsonSize += len(doc)
	if f.tooLarge {
		f.errorf(n, "the documents of the file come to more than %d bytes of JSON (aliases repeat what their anchor holds)", maxJSONBytes)
		return nil, false
	}
	return doc, len(f.errs) == before
}

func isStatus(s string) bool {
	for _, v := range statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Cases reads the bundle's fixtures: tests/*.yaml beside its bundle.yaml
// (embedded for shipped bundles). It checks that every expectation names a
// rule of the bundle. A bundle without a tests directory has no cases.
func (b *Bundle) Cases() ([]Case, error) {
	if b.fixtures == nil {
		return nil, nil
	}
	shown := path.Join(path.Dir(strings.ReplaceAll(b.Source, `\`, "/")), "tests")
	return b.checkCases(readCases(b.fixtures, b.testDir, shown))
}

// LoadCases reads every fixture file (*.yaml, *.yml) of a directory on disk.
func LoadCases(dir string) ([]Case, error) {
	cases, _, err := readCases(os.DirFS(dir), ".", dir)
	return cases, err
}

// readCases reads dir/*.yaml of fsys in name order; shown is the directory
// name used in errors and Case.Source.
func readCases(fsys fs.FS, dir, shown string) ([]Case, []caseExpect, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && (strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var cases []Case
	var expects []caseExpect
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		file := path.Join(shown, name)
		c, ex, err := parseCases(data, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for i := range ex {
			ex[i].caseSource = file
		}
		cases = append(cases, c...)
		expects = append(expects, ex...)
	}
	return cases, expects, errors.Join(errs...)
}

// checkCases reports expectations that name no rule of b.
func (b *Bundle) checkCases(cases []Case, expects []caseExpect, err error) ([]Case, error) {
	var list ErrorList
	for _, e := range expects {
		if b.Rule(e.rule) == nil {
			list = append(list, &Error{File: e.caseSource, Line: e.line, Column: e.col,
				Msg: fmt.Sprintf("expect names %q, which is not a rule of bundle %s", e.rule, b.ID)})
		}
	}
	if len(list) > 0 {
		err = errors.Join(err, list)
	}
	if err != nil {
		return cases, err
	}
	return cases, nil
}
