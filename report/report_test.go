package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/evidencejson"
	"github.com/gsl-lang/gsl/internal/jsonschema"
	"github.com/gsl-lang/gsl/internal/junitxml"
	"github.com/gsl-lang/gsl/internal/textout"
	"github.com/gsl-lang/gsl/lang"
)

// sampleRules and sampleRecords exercise every kind of Record.
func sampleRules() []*Rule {
	return []*Rule{
		{
			Bundle: "hipaa", ID: "HIPAA-001", Name: "EC2 instances that hold PHI encrypt every EBS volume",
			Severity: "High", Description: "Unencrypted volumes expose PHI at rest.\n",
			Remediation: "Create an encrypted snapshot copy and replace the volume.\n",
			Compliance:  map[string][]string{"HIPAA": {"164.312(a)(2)(iv)", "164.312(e)(2)(ii)"}},
			Logic:       "Instance should have volumes contain-all [encrypted=true]",
			Source:      "bundles/hipaa/bundle.yaml", LogicLine: 12, LogicColumn: 7, Target: "Instance",
		},
		{
			Bundle: "hipaa", ID: "HIPAA-002", Name: "S3 buckets block public access",
			Severity: "Medium", Logic: "S3Bucket should have publicAccessBlock.blockPublicAcls=true",
			Source: "bundles/hipaa/bundle.yaml", LogicLine: 30, LogicColumn: 7, Target: "S3Bucket",
		},
		{
			Bundle: "hipaa", ID: "HIPAA-003", Name: "Every account has a CloudTrail trail",
			Severity: "Low", Logic: "List<CloudTrail> should have items length() > 0",
			Source: "bundles/hipaa/bundle.yaml", LogicLine: 40, LogicColumn: 7, Target: "List<CloudTrail>",
		},
	}
}

func sampleRecords(rules []*Rule) []*Record {
	span := lang.Span{Start: lang.Pos{Line: 1, Column: 22, Offset: 21}, End: lang.Pos{Line: 1, Column: 57, Offset: 56}}
	return []*Record{
		{Rule: rules[0], RuleIndex: 0, Status: eval.Fail, Entity: "i-0a1b2c3d4e5f60718", Type: "Instance",
			Evidence: []eval.Evidence{{Path: "volumes[1].encrypted", Value: "false", Span: span}},
			Input:    "inv.json", Line: 2, Col: 3, Location: "inv.json[0]"},
		{Rule: rules[1], RuleIndex: 1, Status: eval.Skip, Entity: "i-0a1b2c3d4e5f60718", Type: "Instance",
			Input: "inv.json", Line: 2, Location: "inv.json[0]"},
		{Rule: rules[0], RuleIndex: 0, Status: eval.Pass, Entity: "i-0fedcba987654321", Type: "Instance",
			Input: "inv.json", Line: 9, Col: 3, Location: "inv.json[1]"},
		{Rule: nil, Entity: "inv.json[2]", Err: `invalid JSON: invalid character '}' (line 14, column 3)`,
			Input: "inv.json", Line: 13, Col: 3, Location: "inv.json[2]"},
		{Rule: rules[1], RuleIndex: 1, Status: eval.Fail, Entity: "inv.json[3]", Type: "S3Bucket",
			Evidence: []eval.Evidence{{Path: "publicAccessBlock.blockPublicAcls", Value: "missing"}},
			Input:    "inv.json", Line: 16, Location: "inv.json[3]"},
		{Rule: rules[1], RuleIndex: 1, Status: eval.Error, Entity: "logs-<prod>", Type: "S3Bucket",
			Err: "step budget exceeded", Input: "inv.json", Line: 20, Location: "inv.json[4]"},
		{Rule: rules[2], RuleIndex: 2, Status: eval.Fail, Entity: "123456789012", Type: "List<CloudTrail>",
			Evidence: []eval.Evidence{{Path: "items", Value: `[]`}}},
	}
}

func sampleSummary() *Summary {
	return &Summary{Documents: 5, Evaluated: 4, Malformed: 1, InputErrors: 1, Rules: 3, Results: 7, Pass: 1, Fail: 3, Error: 1, Skip: 2}
}

// render runs records through a Writer of the given format.
func render(t *testing.T, format string, color, showSkipped bool) string {
	t.Helper()
	var b bytes.Buffer
	rules := sampleRules()
	rep, err := New(format, &b, Options{Rules: rules, ShowSkipped: showSkipped, Style: &textout.Style{On: color}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sampleRecords(rules) {
		if err := rep.Result(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := rep.Finish(sampleSummary()); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var update = flag.Bool("update", false, "rewrite golden files")

var junitTime = regexp.MustCompile(`time="[0-9.]+"`)

// golden compares got with testdata/golden/name, rewriting it with -update.
// report writes records in format through a Writer over rules, then its
// summary sum, and returns the output.
func report(t *testing.T, format string, rules []*Rule, sum *Summary, records ...*Record) []byte {
	t.Helper()
	var b bytes.Buffer
	rep, err := New(format, &b, Options{Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		if err := rep.Result(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := rep.Finish(sum); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func TestReportGolden(t *testing.T) {
	tests := []struct {
		file, format string
		color, skips bool
	}{
		{"run.txt", "text", false, false},
		{"run-skipped.txt", "text", false, true},
		{"run-color.txt", "text", true, false},
		{"run.json", "json", false, false},
		{"run-skipped.json", "json", false, true},
		{"run.sarif", "sarif", false, false},
		{"run.xml", "junit", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := render(t, tt.format, tt.color, tt.skips)
			if tt.format == "junit" {
				got = junitTime.ReplaceAllString(got, `time="0.000"`)
			}
			golden(t, tt.file, got)
		})
	}
}

func TestJSONReportShape(t *testing.T) {
	var out struct {
		Results []map[string]any `json:"results"`
		Summary map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", false, false)), &out); err != nil {
		t.Fatal(err)
	}
	// Skips are left out without --show-skipped; input errors are records.
	if len(out.Results) != 6 {
		t.Fatalf("%d results, want 6", len(out.Results))
	}
	for i, r := range out.Results {
		if r["error"] != nil && r["rule"] == nil {
			continue // input error
		}
		for _, k := range []string{"rule", "name", "bundle", "entity", "type", "status", "severity", "evidence", "message"} {
			if _, ok := r[k]; !ok {
				t.Errorf("result %d has no %q: %v", i, k, r)
			}
		}
	}
	in := out.Results[2]
	if in["status"] != "error" || in["entity"] != "inv.json[2]" || !strings.HasPrefix(in["error"].(string), "invalid JSON") {
		t.Errorf("input error Record = %v", in)
	}
	ev := out.Results[0]["evidence"].([]any)[0].(map[string]any)
	if ev["path"] != "volumes[1].encrypted" || ev["value"] != false || ev["span"] == nil {
		t.Errorf("evidence = %v", ev)
	}
	missing := out.Results[3]["evidence"].([]any)[0].(map[string]any)
	if missing["value"] != nil || missing["missing"] != true {
		t.Errorf("missing evidence = %v", missing)
	}
	s := out.Summary
	if s["documents"] != s["evaluated"]+s["malformed"] {
		t.Errorf("summary does not account for every document: %v", s)
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := sarifSchema(t)
	var doc any
	if err := json.Unmarshal([]byte(render(t, "sarif", false, false)), &doc); err != nil {
		t.Fatal(err)
	}
	if errs := schema.Validate(doc); len(errs) > 0 {
		t.Errorf("SARIF output violates the 2.1.0 schema:\n%s", strings.Join(errs, "\n"))
	}

	// The validator must catch violations, or the test above proves nothing.
	bad := map[string]any{"version": "2.1.0", "runs": []any{map[string]any{
		"tool":    map[string]any{"driver": map[string]any{}},
		"results": []any{map[string]any{"level": "severe", "message": map[string]any{"text": "x"}}},
	}}}
	errs := schema.Validate(bad)
	want := []string{"missing required property \"name\"", `value severe not in enum`}
	for _, w := range want {
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e, w)
		}
		if !found {
			t.Errorf("validator missed %q; it reported %q", w, errs)
		}
	}
}

func TestSARIFContent(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal([]byte(render(t, "sarif", false, false)), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "gslcheck" || d.InformationURI == "" || len(d.Rules) != 3 {
		t.Fatalf("driver = %+v", d)
	}
	r0 := d.Rules[0]
	if r0.ID != "HIPAA-001" || r0.Help == nil || !strings.Contains(r0.Help.Text, "encrypted snapshot") ||
		r0.Properties["security-severity"] != "8.0" || r0.FullDescription == nil {
		t.Errorf("rule 0 = %+v", r0)
	}
	tags, _ := r0.Properties["tags"].([]any)
	if len(tags) == 0 || tags[0] != "security" {
		t.Errorf("rule 0 tags = %v", tags)
	}
	levels := map[string]string{}
	for _, res := range run.Results {
		levels[res.RuleID] = res.Level
	}
	if diff := cmp.Diff(map[string]string{"HIPAA-001": "error", "HIPAA-002": "warning", "HIPAA-003": "note"}, levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	first := run.Results[0]
	pl := first.Locations[0].PhysicalLocation
	if pl == nil || pl.ArtifactLocation.URI != "inv.json" || pl.Region == nil || pl.Region.StartLine != 2 {
		t.Errorf("location = %+v", first.Locations[0])
	}
	if ll := first.Locations[0].LogicalLocations; len(ll) != 1 || ll[0].Name != "i-0a1b2c3d4e5f60718" {
		t.Errorf("logical locations = %+v", ll)
	}
	// The List<> result is placed at the rule's definition.
	last := run.Results[len(run.Results)-1]
	if pl := last.Locations[0].PhysicalLocation; pl == nil || pl.ArtifactLocation.URI != "bundles/hipaa/bundle.yaml" || pl.Region.StartLine != 40 {
		t.Errorf("List<> location = %+v", last.Locations[0])
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
		t.Errorf("invocation = %+v", inv)
	}
}

func TestJUnitReport(t *testing.T) {
	var doc junitxml.Suites
	if err := xml.Unmarshal([]byte(render(t, "junit", false, false)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 6 || doc.Failures != 3 || doc.Errors != 2 || doc.Skipped != 0 {
		t.Errorf("totals tests=%d failures=%d errors=%d skipped=%d", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	if len(doc.Suites) != 4 || doc.Suites[3].Name != "input errors" {
		t.Fatalf("suites = %d", len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Tests != 2 || s.Failures != 1 || s.Cases[0].Failure == nil || s.Cases[1].Failure != nil {
		t.Errorf("suite 0 = %+v", s)
	}
	if got := s.Cases[0].Failure.Message; got != "volumes[1].encrypted = false" {
		t.Errorf("failure message = %q", got)
	}
}

// TestJSONResultMatchesEncoder checks the hand-spelled JSON of a result
// against encoding/json on awkward strings.
func TestJSONResultMatchesEncoder(t *testing.T) {
	odd := []string{"", "plain", `q"uote`, `back\slash`, "tab\tnew\nline", "<html>&amp;", "caf\u00e9 \u2028 \u2029", "bad \xff utf8", "\x01\x1f", "emoji \U0001F600"}
	for i, s := range odd {
		rule := &Rule{ID: s, Name: s + "n", Bundle: s + "b", Severity: s}
		r := &Record{Rule: rule, RuleIndex: 0, Status: eval.Status(i % 4), Entity: s, Type: s, Err: s, Location: s, Input: s, Line: i,
			Evidence: []eval.Evidence{{Path: s, Value: `"` + s + `"`}}}
		if i%3 == 0 {
			r.Evidence = nil
		}
		var got bytes.Buffer
		rep := NewJSON(&got, Options{Rules: []*Rule{rule}, ShowSkipped: true})
		if err := rep.Result(r); err != nil {
			t.Fatal(err)
		}
		rep.w.Flush()
		want, err := json.Marshal(resultJSON{
			Rule: rule.ID, Name: rule.Name, Bundle: rule.Bundle, Severity: rule.Severity,
			Entity: r.Entity, Type: r.Type, Status: r.Status.String(), Message: r.message(),
			Evidence: evidencejson.List(r.Evidence), Error: errorOf(r), Location: r.Location, Input: r.Input, Line: r.Line,
		})
		if err != nil {
			t.Fatal(err)
		}
		var v any
		json.Unmarshal(want, &v)
		g := strings.TrimPrefix(got.String(), "{\"results\": [\n")
		var gv any
		if err := json.Unmarshal([]byte(g), &gv); err != nil {
			t.Fatalf("%q: invalid JSON %s: %v", s, g, err)
		}
		if diff := cmp.Diff(v, gv); diff != "" {
			t.Errorf("%q: (-encoding/json +Writer):\n%s", s, diff)
		}
		// encoding/json escapes <, > and & by default; the Writer does not.
		want2 := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(string(want), `\u003c`, "<"), `\u003e`, ">"), `\u0026`, "&")
		if g != want2 {
			t.Errorf("%q: spelled\n%s\nwant\n%s", s, g, want2)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"inv.json", "inv.json"},
		{"./data/inv.json", "data/inv.json"},
		{"my inventory#1 100%.json", "my%20inventory%231%20100%25.json"},
		{"a:b.json", "./a:b.json"}, // not a URI scheme
		{"/srv/my inv.json", "file:///srv/my%20inv.json"},
		{"bundles/hipaa/bundle.yaml", "bundles/hipaa/bundle.yaml"},
	} {
		if got := sarifURI(tt.path); got != tt.want {
			t.Errorf("sarifURI(%q) = %q, want %q", tt.path, got, tt.want)
		}
		if _, err := url.Parse(sarifURI(tt.path)); err != nil {
			t.Errorf("sarifURI(%q) is not a URI: %v", tt.path, err)
		}
	}
}

// evidenceByEncoder is how appendEvidence's output is defined: encoding/json
// writing EvidenceList, as the report's encoder does.
func evidenceByEncoder(ev []eval.Evidence) string {
	j := newJSONLines(nil, &Options{})
	if len(ev) == 0 {
		return "[]"
	}
	return string(j.appendValue(nil, evidencejson.List(ev)))
}

// TestAppendEvidence checks that the hand-written evidence encoding gives
// the bytes encoding/json gives.
func TestAppendEvidence(t *testing.T) {
	span := lang.Span{Start: lang.Pos{Line: 1, Column: 22, Offset: 21}, End: lang.Pos{Line: 1, Column: 57, Offset: 56}}
	half := lang.Span{Start: lang.Pos{Line: 3, Column: 1}}
	cases := [][]eval.Evidence{
		nil,
		{{Path: "volumes[1].encrypted", Value: "false", Span: span}},
		{{Path: "tags", Value: "missing", Span: span}, {Path: "name", Value: `"a \"quoted\" <b>&amp; é \u2028"`, Span: half}},
		{{Path: "x", Value: "{ \"a\" : [1, 2],\n \"b\":\"c d\" }"}},             // pretty-printed
		{{Path: "x", Value: `[{"type":"Region","id":"us-east-1","name":"us-…`}}, // cut short
		{{Path: "x", Value: "<cut> & \"so on\"…"}},                              // not JSON at all
		{{Path: "weird\tpath\"<>\\", Value: "12.5e3", Span: span}},              // escapes in the path
		{{Path: "", Value: "true"}, {Path: "$", Value: "null"}},                 // rule-level evidence
		{{Path: "bad utf8", Value: "\"\xff\xfe\""}, {Path: "\xc3", Value: "1"}}, // invalid UTF-8
		{{Path: "ws", Value: " 1"}, {Path: "ws2", Value: "[ ]"}},                // white space around
	}
	j := newJSONLines(nil, &Options{})
	for i, ev := range cases {
		want := evidenceByEncoder(ev)
		if got := string(j.appendEvidence(nil, ev)); got != want {
			t.Errorf("case %d:\ngot  %s\nwant %s", i, got, want)
		}
	}
}

// FuzzAppendEvidence compares the hand-written evidence encoding with
// encoding/json on arbitrary paths, values and spans.
func FuzzAppendEvidence(f *testing.F) {
	f.Add("a.b[0]", `{"k": "v <x>"}`, 1, 2, 1, 9)
	f.Add("p", "missing", 0, 0, 0, 0)
	f.Add("p\n", "\"\u2028\"", 2, 1, 0, 0)
	f.Add("", "abc…", 1, 1, 3, 4)
	j := newJSONLines(nil, &Options{})
	f.Fuzz(func(t *testing.T, path, value string, l1, c1, l2, c2 int) {
		sp := lang.Span{Start: lang.Pos{Line: l1, Column: c1}, End: lang.Pos{Line: l2, Column: c2}}
		ev := []eval.Evidence{{Path: path, Value: value, Span: sp}, {Path: value, Value: path}}
		want := evidenceByEncoder(ev)
		if got := string(j.appendEvidence(nil, ev)); got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
}

// FuzzAppendString compares the report's JSON string encoding with
// encoding/json's (HTML escaping off), and the message written in place
// with the message built as a string.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `a "q" \ b`, "\b\f\n\r\t\x00\x1f\x7f", "é\u2028\u2029", "\xff\xc3", "<>&", "\xe2\x80"} {
		f.Add(s, "1")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	j := newJSONLines(nil, &Options{})
	meta := &Rule{ID: "R", Name: "r"}
	f.Fuzz(func(t *testing.T, s, v string) {
		buf.Reset()
		enc.Encode(s)
		want := strings.TrimSuffix(buf.String(), "\n")
		if got := string(j.appendString(nil, s)); got != want {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
		r := &Record{Rule: meta, Status: eval.Fail, Evidence: []eval.Evidence{{Path: s, Value: v}, {Path: v, Value: "{ " + s}}}
		if got, want := string(j.appendMessage(nil, r)), string(j.appendString(nil, r.message())); got != want {
			t.Fatalf("appendMessage = %s, want %s", got, want)
		}
	})
}

// TestJUnitSameIDTwoPlaces checks that passing test cases carry their
// document's file and line, and that two entities with the same id (here
// from two files) get names that tell them apart, as CI tools key test
// cases by classname and name.
func TestJUnitSameIDTwoPlaces(t *testing.T) {
	rules := sampleRules()
	out := report(t, "junit", rules, &Summary{},
		&Record{Rule: rules[0], RuleIndex: 0, Status: eval.Pass, Entity: "i-1", Type: "Instance", Input: "a.json", Line: 3, Col: 3, Location: "a.json[1]"},
		&Record{Rule: rules[0], RuleIndex: 0, Status: eval.Pass, Entity: "i-1", Type: "Instance", Input: "b.ndjson", Line: 7, Col: 1, Location: "b.ndjson:7"},
		&Record{Rule: rules[0], RuleIndex: 0, Status: eval.Pass, Entity: "i-2", Type: "Instance", Input: "b.ndjson", Line: 8, Col: 1, Location: "b.ndjson:8"},
	)
	var doc junitxml.Suites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	type tc struct {
		Name, File string
		Line       int
	}
	var got []tc
	for _, c := range doc.Suites[0].Cases {
		got = append(got, tc{c.Name, c.File, c.Line})
	}
	want := []tc{
		{"i-1 (Instance) at a.json[1]", "a.json", 3},
		{"i-1 (Instance) at b.ndjson:7", "b.ndjson", 7},
		{"i-2 (Instance)", "b.ndjson", 8},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("test cases (-want +got):\n%s", diff)
	}
}

// TestJUnitCDATAWellFormed checks that the body of a failure or an error
// stays well-formed XML whatever it holds: a file name with control
// characters, invalid UTF-8 or "]]>" (the body is CDATA, where the XML
// encoder escapes nothing).
func TestJUnitCDATAWellFormed(t *testing.T) {
	rules := sampleRules()
	input := "a\x01b\x00c\xffd]]>e\ufffe.json"
	out := report(t, "junit", rules, &Summary{},
		&Record{Rule: rules[0], RuleIndex: 0, Status: eval.Fail, Entity: "i-1", Type: "Instance", Input: input, Line: 3, Location: input + "[0]",
			Evidence: []eval.Evidence{{Path: "volumes[0].encrypted", Value: "false"}}},
		&Record{Rule: rules[1], RuleIndex: 1, Status: eval.Error, Entity: "b-1", Type: "S3Bucket", Err: "step budget exceeded",
			Input: input, Line: 9, Location: input + "[1]"},
	)
	var doc junitxml.Suites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, out)
	}
	want := "at a\ufffdb\ufffdc\ufffdd]]>e\ufffd.json[0]\nvolumes[0].encrypted = false\n"
	if got := doc.Suites[0].Cases[0].Failure.Text; got != want {
		t.Errorf("failure body = %q, want %q", got, want)
	}
	if got := doc.Suites[1].Cases[0].Error.Text; !strings.HasPrefix(got, "at a\ufffdb") {
		t.Errorf("error body = %q", got)
	}
}

// TestSARIFResultWithoutLocation checks that a result with nothing to
// place it (a List<> group of an ad-hoc rule, whose account number is
// empty) still validates: its locations are an empty array, not null.
func TestSARIFResultWithoutLocation(t *testing.T) {
	rules := []*Rule{{ID: "rule-1", Name: "List<Instance> should have items length() > 2", Logic: "List<Instance> should have items length() > 2"}}
	rules[0].Target = "List<Instance>"
	out := report(t, "sarif", rules, &Summary{Documents: 1, Evaluated: 1, Rules: 1, Results: 1, Fail: 1},
		&Record{Rule: rules[0], RuleIndex: 0, Status: eval.Fail, Entity: "", Type: "List<Instance>",
			Evidence: []eval.Evidence{{Path: "items length()", Value: "1"}}})
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if errs := sarifSchema(t).Validate(doc); len(errs) > 0 {
		t.Errorf("SARIF output violates the 2.1.0 schema:\n%s", strings.Join(errs, "\n"))
	}
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
