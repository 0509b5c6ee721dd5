package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/internal/invgen"
	"github.com/gsl-lang/gsl/internal/jsonschema"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files and testscript expectations")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gslcheck": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: false,
		Setup: func(env *testscript.Env) error {
			examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
			env.Setenv("EXAMPLES", examples)
			testdata, _ := filepath.Abs(filepath.Join("..", "..", "inventory", "testdata"))
			env.Setenv("INVENTORY", testdata)
			// The directory testscript put the gslcheck command in, so
			// that a script can set PATH to it and its own directories
			// only (collect.txtar: the collector plugin absent, or a stub).
			env.Setenv("GSLBIN", filepath.SplitList(env.Getenv("PATH"))[0])
			env.Setenv("NO_COLOR", "")
			env.Setenv("FORCE_COLOR", "")
			return err
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "bundles":
				return len(bundles.Names()) > 0, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exit CODE COMMAND [ARGS...] runs COMMAND and checks its exit
			// code; its stdout and stderr can be checked afterwards.
			"exit": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exit CODE COMMAND [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exit: bad code %q", args[0])
				}
				err = ts.Exec(args[1], args[2:]...)
				got := 0
				if err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("exit: %v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
				}
			},
		},
	})
}

// runMain runs gslcheck in-process and returns its exit code and stdout.
func runMain(t *testing.T, args ...string) (int, []byte) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	if code == exitError {
		t.Logf("stderr: %s", errb.String())
	}
	return code, out.Bytes()
}

// TestRunSARIFSchema validates real `run --format sarif` output, from the
// shipped bundles over the example inventory, against the SARIF schema.
func TestRunSARIFSchema(t *testing.T) {
	schema := sarifSchema(t)
	inv := filepath.Join("..", "..", "examples", "inventory", "account.json")
	code, out := runMain(t, "run", "-b", "hipaa", "-b", "cis-aws", "-f", "sarif", inv)
	if code != exitFindings {
		t.Fatalf("exit code %d, want %d", code, exitFindings)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if errs := schema.Validate(doc); len(errs) > 0 {
		t.Errorf("SARIF output violates the schema (%d problems):\n%s", len(errs), strings.Join(errs[:min(len(errs), 20)], "\n"))
	}
	var log sarifLog
	json.Unmarshal(out, &log)
	if n := len(log.Runs[0].Results); n == 0 {
		t.Error("no results")
	}
	for _, r := range log.Runs[0].Results {
		if pl := r.Locations[0].PhysicalLocation; pl == nil || pl.Region == nil || pl.Region.StartLine < 2 {
			t.Errorf("result %s has no line in the input: %+v", r.RuleID, r.Locations)
			break
		}
	}
}

// TestRunInputsAgree checks that the NDJSON and JSON array forms of the
// same inventory give the same results in the same order.
func TestRunInputsAgree(t *testing.T) {
	results := func(file string) []map[string]any {
		_, out := runMain(t, "run", "-b", "hipaa", "-f", "json", filepath.Join("..", "..", "examples", "inventory", file))
		var rep struct{ Results []map[string]any }
		if err := json.Unmarshal(out, &rep); err != nil {
			t.Fatal(err)
		}
		for _, r := range rep.Results {
			delete(r, "location")
			delete(r, "input")
			delete(r, "line")
			// eval cuts long values at a byte count of their raw text,
			// which differs between compact and pretty-printed input:
			// compare objects and arrays (and cut values) by path only.
			for _, e := range r["evidence"].([]any) {
				ev := e.(map[string]any)
				switch v := ev["value"].(type) {
				case map[string]any, []any:
				case string:
					if !strings.HasSuffix(v, "…") {
						continue
					}
				default:
					continue
				}
				delete(ev, "value")
				delete(r, "message")
			}
		}
		return rep.Results
	}
	a, b := results("account.ndjson"), results("account.json")
	if len(a) == 0 {
		t.Fatal("no results")
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("NDJSON and JSON array results differ (-ndjson +json):\n%s", diff)
	}
}

// TestRunListGroups runs the shipped bundles over a generated inventory of
// several accounts, large enough for many batches and for the workers to
// read it in chunks, and checks that every List<> rule reports one result
// per account, with one worker and with two alike. (Lists once kept each
// type's name as it read the input's bytes, which later batches overwrote:
// the documents of the accounts seen before were then lost.)
func TestRunListGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 10 MB inventory")
	}
	file := filepath.Join(t.TempDir(), "inventory.ndjson")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	const accounts = 4
	err = invgen.Write(f, invgen.Config{N: 4000, Seed: 3, FailRatio: invgen.DefaultFailRatio, Accounts: accounts})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	groups := func(jobs string) (map[string]int, []any) {
		_, out := runMain(t, "run", "--no-progress", "-b", "hipaa", "-b", "cis-aws", "--now", invgen.DefaultNow().Format(time.RFC3339),
			"-f", "json", "--jobs", jobs, file)
		var rep struct{ Results []map[string]any }
		if err := json.Unmarshal(out, &rep); err != nil {
			t.Fatal(err)
		}
		perRule := map[string]int{}
		var all []any
		for _, r := range rep.Results {
			if typ, _ := r["type"].(string); strings.HasPrefix(typ, "List<") {
				perRule[r["rule"].(string)]++
				if r["entity"] == "*" {
					t.Errorf("jobs %s: %s ran over no %s documents", jobs, r["rule"], typ)
				}
			}
			all = append(all, r)
		}
		return perRule, all
	}
	one, all1 := groups("1")
	if len(one) == 0 {
		t.Fatal("no List<> results")
	}
	for rule, n := range one {
		if n != accounts {
			t.Errorf("%s: %d results, want one per account (%d)", rule, n, accounts)
		}
	}
	_, all2 := groups("2")
	if diff := cmp.Diff(all1, all2); diff != "" {
		t.Errorf("one and two workers differ (-1 +2):\n%s", diff)
	}

	// No report keeps anything that reads the input's bytes after their
	// batch is done: with each batch's text overwritten before it is
	// reused, every format gives the same report.
	junitTime := regexp.MustCompile(`time="[^"]*"`)
	for _, format := range []string{"text", "json", "sarif", "junit"} {
		report := func(jobs string, poison bool) string {
			poisonBatches = poison
			defer func() { poisonBatches = false }()
			_, out := runMain(t, "run", "--no-progress", "-b", "hipaa", "-b", "cis-aws", "--now", invgen.DefaultNow().Format(time.RFC3339),
				"-f", format, "--jobs", jobs, file)
			return junitTime.ReplaceAllString(string(out), `time=""`)
		}
		want := report("1", false)
		for _, jobs := range []string{"1", "2"} {
			if got := report(jobs, true); got != want {
				t.Errorf("--format %s, --jobs %s: the report changes when batches are overwritten after use", format, jobs)
			}
		}
	}
}

// fullWriter fails every write, like a full disk or a closed pipe.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestOutputWriteFails checks that every command whose output cannot be
// written says so and exits 2, rather than losing its output silently.
func TestOutputWriteFails(t *testing.T) {
	inv := filepath.Join("..", "..", "examples", "inventory", "account.json")
	for _, args := range [][]string{
		{"version"},
		{"bundles", "list"},
		{"bundles", "export", "hipaa", "--format", "dome9"},
		{"run", "-b", "hipaa", inv},
		{"run", "-b", "hipaa", "-f", "json", inv},
		{"lint", "hipaa"},
		{"test", "hipaa"},
		{"explain", "-b", "hipaa", "--rule-id", "HIPAA-002", inv},
	} {
		var stderr bytes.Buffer
		code := Main(args, strings.NewReader(""), fullWriter{}, &stderr)
		if code != exitError || !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("gslcheck %s: exit %d, stderr %q; want exit %d and the write error", strings.Join(args, " "), code, stderr.String(), exitError)
		}
	}
}

// TestRunSARIFSchemaSuppressions validates SARIF that holds suppressed
// results and baseline states against the SARIF schema.
func TestRunSARIFSchemaSuppressions(t *testing.T) {
	schema := sarifSchema(t)
	dir := t.TempDir()
	inv := filepath.Join("..", "..", "examples", "inventory", "account.json")
	exc := filepath.Join(dir, "exceptions.yaml")
	os.WriteFile(exc, []byte(`exceptions:
  - rule: HIPAA-002
    entity: vol-0e5f60718293a4b52
    reason: Scratch volume, holds no PHI
    owner: platform-team
    expires: 2026-12-31
  - rule: "HIPAA-0[01]*"
    account: "123456789012"
    reason: Accepted risk
`), 0o644)
	base := filepath.Join(dir, "base.json")
	code, out := runMain(t, "run", "-b", "hipaa", "--now", "2026-06-15T00:00:00Z", "--rule-id", "HIPAA-00*", "-f", "json", inv)
	if code != exitFindings {
		t.Fatalf("baseline run: exit %d", code)
	}
	os.WriteFile(base, out, 0o644)
	code, out = runMain(t, "run", "-b", "hipaa", "--now", "2026-06-15T00:00:00Z", "--exceptions", exc, "--baseline", base, "-f", "sarif", inv)
	if code != exitFindings {
		t.Fatalf("exit code %d, want %d", code, exitFindings)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if errs := schema.Validate(doc); len(errs) > 0 {
		t.Errorf("SARIF output violates the schema (%d problems):\n%s", len(errs), strings.Join(errs[:min(len(errs), 20)], "\n"))
	}
	var log sarifLog
	json.Unmarshal(out, &log)
	states := map[string]int{}
	suppressed := 0
	for _, r := range log.Runs[0].Results {
		states[r.BaselineState]++
		if len(r.Suppressions) > 0 {
			suppressed++
			if r.Suppressions[0].Justification == "" || r.Suppressions[0].Status != "accepted" {
				t.Errorf("suppression without justification: %+v", r.Suppressions[0])
			}
		}
	}
	if suppressed == 0 || states["new"] == 0 || states["unchanged"] == 0 {
		t.Errorf("want suppressed, new and unchanged results; got %d suppressed, states %v", suppressed, states)
	}
}

// TestRunSARIFSchemaLimit validates SARIF cut by --sarif-max-results
// against the schema: the held results and the notification.
func TestRunSARIFSchemaLimit(t *testing.T) {
	schema := sarifSchema(t)
	inv := filepath.Join("..", "..", "examples", "inventory", "account.json")
	code, out := runMain(t, "run", "-b", "hipaa", "-b", "cis-aws", "--now", "2026-06-15T00:00:00Z", "--sarif-max-results", "5", "-f", "sarif", inv)
	if code != exitFindings {
		t.Fatalf("exit code %d, want %d", code, exitFindings)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if errs := schema.Validate(doc); len(errs) > 0 {
		t.Errorf("SARIF output violates the schema (%d problems):\n%s", len(errs), strings.Join(errs[:min(len(errs), 20)], "\n"))
	}
	var log sarifLog
	json.Unmarshal(out, &log)
	run := log.Runs[0]
	if len(run.Results) != 5 {
		t.Errorf("%d results, want 5", len(run.Results))
	}
	for _, r := range run.Results {
		if r.Level != "error" {
			t.Errorf("kept a result of level %s; the most severe (error) are more than 5", r.Level)
		}
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) == 0 || notes[len(notes)-1].Descriptor.ID != "results-limit" {
		t.Errorf("no results-limit notification: %+v", notes)
	}
}

// sarifLog is what the tests read of a SARIF log.
type sarifLog struct {
	Runs []struct {
		Results []struct {
			RuleID        string `json:"ruleId"`
			Level         string `json:"level"`
			BaselineState string `json:"baselineState"`
			Locations     []struct {
				PhysicalLocation *struct {
					Region *struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Suppressions []struct {
				Status        string `json:"status"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
		Invocations []struct {
			ToolExecutionNotifications []struct {
				Descriptor struct {
					ID string `json:"id"`
				} `json:"descriptor"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

// sarifSchema is the SARIF 2.1.0 schema.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.SARIF()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
