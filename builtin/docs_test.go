package builtin

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/builtin/internal/docsync"
)

var update = flag.Bool("update", false, "rewrite the generated documentation")

// TestGeneratedDocs fails when FUNCTIONS.md, the function list of doc.go or
// the functions section of SPEC.md (when SPEC.md has the markers) differs
// from what the tables render. Regenerate with
// `go test ./builtin -run TestGeneratedDocs -update` or
// `go run ./builtin/internal/gendoc`.
func TestGeneratedDocs(t *testing.T) {
	reg := Default()
	section := reg.MarkdownDoc()
	check := func(path string, render func(old string) (string, error)) {
		t.Helper()
		old, err := os.ReadFile(path)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		want, err := render(string(old))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if want == string(old) {
			return
		}
		if *update {
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s is out of date: run go run ./builtin/internal/gendoc", path)
	}
	check("FUNCTIONS.md", func(string) (string, error) { return docsync.FunctionsFile(section), nil })
	check("doc.go", func(old string) (string, error) { return docsync.SpliceGoDoc(old, reg.TextDoc(76)) })

	spec, err := os.ReadFile(filepath.Join("..", "SPEC.md"))
	if errors.Is(err, os.ErrNotExist) {
		t.Log("no SPEC.md at the module root; its section is not checked")
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := docsync.SpliceMarkdown(string(spec), section); errors.Is(err, docsync.ErrNoMarkers) {
		t.Log("SPEC.md has no FUNCTIONS markers; its section is not checked")
		return
	}
	check(filepath.Join("..", "SPEC.md"), func(old string) (string, error) {
		return docsync.SpliceMarkdown(old, section)
	})
}

func TestSpliceMarkdown(t *testing.T) {
	doc := "# Spec\n\n" + docsync.BeginMarker + "\nold\n" + docsync.EndMarker + "\n\nafter\n"
	got, err := docsync.SpliceMarkdown(doc, "new\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "# Spec\n\n" + docsync.BeginMarker + "\n\nnew\n\n" + docsync.EndMarker + "\n\nafter\n"
	if got != want {
		t.Errorf("splice:\n%s\nwant:\n%s", got, want)
	}
	again, _ := docsync.SpliceMarkdown(got, "new\n")
	if again != got {
		t.Error("splicing is not idempotent")
	}
	for _, bad := range []string{"no markers", docsync.BeginMarker + " only", docsync.EndMarker + docsync.BeginMarker} {
		if _, err := docsync.SpliceMarkdown(bad, "x"); !errors.Is(err, docsync.ErrNoMarkers) {
			t.Errorf("SpliceMarkdown(%q) = %v", bad, err)
		}
	}
	if _, err := docsync.SpliceGoDoc("package x\n", "x"); !errors.Is(err, docsync.ErrNoMarkers) {
		t.Errorf("SpliceGoDoc without anchors: %v", err)
	}
}

func TestMarkdownDocMentionsEverything(t *testing.T) {
	reg := NewRegistry()
	if err := reg.Register(Func{Name: "custom", Recv: TString, Doc: "A custom function.", Example: "X should have a custom()", Impl: okImpl}); err != nil {
		t.Fatal(err)
	}
	md := reg.MarkdownDoc()
	for _, f := range reg.Funcs() {
		for _, s := range []string{"#### `" + f.callForm() + "`", f.Signature(), f.Doc, f.Example} {
			if !strings.Contains(md, s) {
				t.Errorf("MarkdownDoc lacks %q", s)
			}
		}
	}
	for _, op := range operatorDocs {
		if !strings.Contains(md, mdCode(op.Name)) {
			t.Errorf("MarkdownDoc lacks operator %s", op.Name)
		}
	}
	if !strings.Contains(md, `/^(prod\|dev)-`) {
		t.Error("a | in a table cell is not escaped")
	}
	text := reg.TextDoc(60)
	for line := range strings.SplitSeq(text, "\n") {
		if len(line) > 60 && strings.Contains(strings.TrimSpace(line), " ") {
			t.Errorf("TextDoc line longer than 60: %q", line)
		}
	}
	if !strings.Contains(text, "custom() any; operand: string.") {
		t.Errorf("TextDoc lacks the custom function:\n%s", text)
	}
}

// TestCorpusFunctionsResolve checks that every postfix function the real
// rules call is a builtin, and that calls with literal arguments pass
// CheckCall. It needs the shared corpus (../../shared), and skips without.
func TestCorpusFunctionsResolve(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "corpus", "gsl-rules.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skip("no corpus:", err)
	}
	defer f.Close()
	call := regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*((?:'[^']*'|"[^"]*"|[^()'"])*)\)`)
	seen := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct{ Rule string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(rec.Rule, -1) {
			name := m[1]
			if slices.ContainsFunc(reservedWords, func(w string) bool { return strings.EqualFold(w, name) }) {
				continue // a keyword before a parenthesis: not a call
			}
			// Some rules glue a path to the name (networkAssetsStatslength()).
			fn, ok := Default().Lookup(name)
			if !ok {
				for _, n := range Default().Names() {
					if strings.HasSuffix(name, n) {
						fn, ok = Default().Lookup(n)
					}
				}
			}
			if !ok {
				t.Errorf("corpus calls unknown function %s in %q", name, rec.Rule)
				continue
			}
			seen[fn.Name]++
			if err := fn.CheckCall(literalArgs(m[2])); err != nil {
				t.Errorf("corpus call %s(%s): %v", fn.Name, m[2], err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 8 {
		t.Errorf("only %d functions seen in the corpus: %v", len(seen), seen)
	}
}

// literalArgs reads a comma-separated list of number and string literals.
func literalArgs(s string) []Value {
	var out []Value
	if strings.TrimSpace(s) == "" {
		return nil
	}
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if _, ok := StringValue(part).AsNumber(); ok {
			out = append(out, ParseJSON(part))
		} else if len(part) >= 2 && (part[0] == '\'' || part[0] == '"') {
			out = append(out, StringValue(part[1:len(part)-1]))
		} else {
			out = append(out, MissingValue())
		}
	}
	return out
}
