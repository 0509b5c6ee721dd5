package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/lang"
)

// fakeFormat stands in for lang.Format: single spaces, spaces around "=",
// and "should have" after "should". Text holding "@@" does not parse.
func fakeFormat(s string) (string, error) {
	if i := strings.Index(s, "@@"); i >= 0 {
		line := 1 + strings.Count(s[:i], "\n")
		col := i - strings.LastIndex(s[:i], "\n")
		return "", lang.ErrorList{{Pos: lang.Pos{Offset: i, Line: line, Column: col}, Msg: `unexpected "@@"`}}
	}
	s = strings.Join(strings.Fields(s), " ")
	s = regexp.MustCompile(`\s*=\s*`).ReplaceAllString(s, " = ")
	s = regexp.MustCompile(`should (?:have )?`).ReplaceAllString(s, "should have ")
	if s == "TRUE" {
		s = "true"
	}
	return s, nil
}

const fmtHeader = "# A bundle for the fmt tests.\nid: t\nname: T\nversion: 1.0.0\ndescription: |\n  d\nrules:\n"

func ruleYAML(id, logicLines string) string {
	return "  - id: " + id + "\n    name: N " + id + "\n    severity: High\n" + logicLines +
		"    description: d   # keep this comment\n    remediation: r\n"
}

func TestFormatBundleFile(t *testing.T) {
	long := "Instance where tags contain [key='contains_phi' and value='true'] should volumes contain-all [encrypted=true]"
	tests := []struct {
		name, in, want string
	}{
		{
			name: "already canonical is untouched",
			in:   fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true\n"),
		},
		{
			name: "plain on the key line, with a trailing comment",
			in:   fmtHeader + ruleYAML("A", "    logic: Volume   should encrypted=true   # why\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true   # why\n"),
		},
		{
			name: "plain continued on more-indented lines",
			in:   fmtHeader + ruleYAML("A", "    logic: Volume should\n      encrypted=true\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true\n"),
		},
		{
			name: "a comment after a block indicator is kept",
			in:   fmtHeader + ruleYAML("A", "    logic: >- # why\n      Volume   should encrypted=true\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true # why\n"),
		},
		{
			name: "a comment on the key line before the value is kept",
			in:   fmtHeader + ruleYAML("A", "    logic: # why\n      Volume should encrypted=true\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true # why\n"),
		},
		{
			name: "a comment after a plain value on the next line is kept",
			in:   fmtHeader + ruleYAML("A", "    logic:\n      Volume should encrypted=true   # why\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true   # why\n"),
		},
		{
			name: "a comment after the indicator of a long block is kept",
			in:   fmtHeader + ruleYAML("A", "    logic: |2 # why\n      "+long+"\n"),
			want: fmtHeader + ruleYAML("A", "    logic: >- # why\n      Instance where tags contain [key = 'contains_phi' and value = 'true']\n      should have volumes contain-all [encrypted = true]\n"),
		},
		{
			name: "a comment after a value that becomes a block moves after the indicator",
			in:   fmtHeader + ruleYAML("A", "    logic: \""+long+"\"   # why\n"),
			want: fmtHeader + ruleYAML("A", "    logic: >- # why\n      Instance where tags contain [key = 'contains_phi' and value = 'true']\n      should have volumes contain-all [encrypted = true]\n"),
		},
		{
			name: "plain on the next line",
			in:   fmtHeader + ruleYAML("A", "    logic:\n      Volume should encrypted=true\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Volume should have encrypted = true\n"),
		},
		{
			name: "folded block with a leading blank line becomes plain",
			in:   fmtHeader + ruleYAML("A", "    logic: >-\n\n      Instance where isRunning=true\n        and state='running'\n      should metadataOptions.httpTokens='required'\n\n"),
			want: fmtHeader + ruleYAML("A", "    logic: >-\n      Instance where isRunning = true and state = 'running'\n      should have metadataOptions.httpTokens = 'required'\n\n"),
		},
		{
			name: "folded block that fits on the line becomes plain",
			in:   fmtHeader + ruleYAML("A", "    logic: >-\n      Instance where isRunning=true\n      should metadataOptions.httpTokens='required'\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Instance where isRunning = true should have metadataOptions.httpTokens = 'required'\n"),
		},
		{
			name: "literal block",
			in:   fmtHeader + ruleYAML("A", "    logic: |\n      Iam should\n        passwordPolicy.minPasswordLength >= 14\n"),
			want: fmtHeader + ruleYAML("A", "    logic: Iam should have passwordPolicy.minPasswordLength > = 14\n"),
		},
		{
			name: "single-quoted with doubled quotes",
			in:   fmtHeader + ruleYAML("A", "    logic: 'S3Bucket should name!=''x'''\n"),
			want: fmtHeader + ruleYAML("A", "    logic: S3Bucket should have name! = 'x'\n"),
		},
		{
			name: "double-quoted across lines",
			in:   fmtHeader + ruleYAML("A", "    logic: \"CloudTrail should have\\n  logFileValidationEnabled=true\"\n"),
			want: fmtHeader + ruleYAML("A", "    logic: CloudTrail should have logFileValidationEnabled = true\n"),
		},
		{
			name: "long logic becomes a folded block",
			in:   fmtHeader + ruleYAML("A", "    logic: "+long+"\n"),
			want: fmtHeader + ruleYAML("A", "    logic: >-\n      Instance where tags contain [key = 'contains_phi' and value = 'true']\n      should have volumes contain-all [encrypted = true]\n"),
		},
		{
			name: "text that YAML would misread is quoted",
			in:   fmtHeader + ruleYAML("A", "    logic: 'TRUE'\n"),
			want: fmtHeader + ruleYAML("A", "    logic: \"true\"\n"),
		},
		{
			name: "a colon and space needs quotes",
			in:   fmtHeader + ruleYAML("A", "    logic: \"Instance should name='a: b'\"\n"),
			want: fmtHeader + ruleYAML("A", "    logic: \"Instance should have name = 'a: b'\"\n"),
		},
		{
			name: "quotes and colons in a long rule make a block",
			in:   fmtHeader + ruleYAML("A", "    logic: |\n      Instance where x=\"1\" should name='a: b' and description='a rather long text that does not fit'\n"),
			want: fmtHeader + ruleYAML("A", "    logic: >-\n      Instance where x = \"1\"\n      should have name = 'a: b' and description = 'a rather long text that does not fit'\n"),
		},
		{
			name: "CRLF line endings are kept",
			in:   strings.ReplaceAll(fmtHeader+ruleYAML("A", "    logic: "+long+"\n")+ruleYAML("B", "    logic: X should a=1\n"), "\n", "\r\n"),
			want: strings.ReplaceAll(fmtHeader+ruleYAML("A", "    logic: >-\n      Instance where tags contain [key = 'contains_phi' and value = 'true']\n      should have volumes contain-all [encrypted = true]\n")+ruleYAML("B", "    logic: X should have a = 1\n"), "\n", "\r\n"),
		},
		{
			name: "Dome9 JSON",
			in:   `{"name": "R", "rules": [{"name": "a", "ruleId": "X1", "logic": "Volume should   encrypted=true", "severity": "High"}]}` + "\n",
			want: `{"name": "R", "rules": [{"name": "a", "ruleId": "X1", "logic": "Volume should have encrypted = true", "severity": "High"}]}` + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := formatBundleFile([]byte(tt.in), "b.yaml", fakeFormat)
			if err != nil || len(problems) > 0 {
				t.Fatalf("err = %v, problems = %+v", err, problems)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			// Formatting is idempotent.
			again, _, err := formatBundleFile(got, "b.yaml", fakeFormat)
			if err != nil || string(again) != string(got) {
				t.Errorf("second pass changed the file (err %v):\n%s", err, again)
			}
		})
	}
}

func TestFormatBundleFileProblems(t *testing.T) {
	in := fmtHeader + ruleYAML("A", "    logic: Volume should encrypted=true\n") + ruleYAML("B", "    logic: >-\n      Volume should\n      encrypted @@ true\n")
	got, problems, err := formatBundleFile([]byte(in), "b.yaml", fakeFormat)
	if err != nil || got != nil {
		t.Fatalf("got %q, err %v; want problems only", got, err)
	}
	if len(problems) != 1 {
		t.Fatalf("problems = %+v", problems)
	}
	p := problems[0]
	if p.RuleID != "B" || p.FileLine != 19 || p.FileCol != 17 || !strings.Contains(p.Msg, `unexpected "@@"`) {
		t.Errorf("problem = %+v", p)
	}
	if _, _, err := formatBundleFile([]byte("id: [\n"), "bad.yaml", fakeFormat); err == nil {
		t.Error("no error for a broken file")
	}
	_ = errors.New
}

// TestReplaceFile: fmt -w replaces a file through a temporary file, keeping
// its mode, following a symbolic link, and leaving nothing else behind.
func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bundle.yaml")
	if err := os.WriteFile(file, []byte("old contents, longer than the new\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink("bundle.yaml", link); err != nil {
		t.Fatal(err)
	}
	if err := replaceFile(link, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil || string(data) != "new\n" {
		t.Errorf("contents %q, %v", data, err)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, %v", fi.Mode(), err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left behind: %v", entries)
	}
	if err := replaceFile(filepath.Join(dir, "missing.yaml"), nil); err == nil {
		t.Error("replacing a missing file succeeded")
	}
}

// FuzzFormatBundleFile puts rule text in a bundle in one of several YAML
// layouts, each with a comment on the key line or after the value, and
// checks that fmt either reports the rule's problems or gives a file that
// loads with the canonical logic (formatBundleFile checks that), keeps the
// comment and the other keys, and formats again to itself.
func FuzzFormatBundleFile(f *testing.F) {
	f.Add("Instance   should have volumes contain-all [encrypted=true]", uint8(0))
	f.Add("Instance where tags contain [key='contains_phi' and value='true'] and name like 'abc%' should have volumes contain-all [encrypted=true]", uint8(1))
	f.Add("S3Bucket should have name = 'a: b #c'", uint8(2))
	f.Add("Iam should\n  have x>1", uint8(3))
	f.Fuzz(func(t *testing.T, logic string, layout uint8) {
		if strings.ContainsAny(logic, "\r\x00") || !utf8.ValidString(logic) {
			return
		}
		var value string
		switch layout % 4 {
		case 0: // double-quoted, comment after it
			value = " " + jsontext.Quote(logic) + " # c1\n"
		case 1: // folded block, comment after the indicator
			value = " >- # c1\n" + "      " + indentLines(logic, "      ") + "\n"
		case 2: // literal block, comment after the indicator
			value = " |2 # c1\n" + "      " + indentLines(logic, "      ") + "\n"
		case 3: // comment, then a double-quoted value on the next line
			value = " # c1\n      " + jsontext.Quote(logic) + "\n"
		}
		in := fmtHeader + ruleYAML("A", "    logic:"+value)
		if _, err := bundles.Parse([]byte(in), "b.yaml"); err != nil {
			return // not a valid bundle (an empty rule, say)
		}
		got, problems, err := formatBundleFile([]byte(in), "b.yaml", canonicalLogic)
		if err != nil {
			t.Fatalf("%v\n%s", err, in)
		}
		if len(problems) > 0 {
			return
		}
		for _, keep := range []string{"# c1", "# A bundle for the fmt tests.", "description: d   # keep this comment\n"} {
			if !strings.Contains(string(got), keep) {
				t.Fatalf("%q was lost:\n%s\nfrom\n%s", keep, got, in)
			}
		}
		again, _, err := formatBundleFile(got, "b.yaml", canonicalLogic)
		if err != nil || string(again) != string(got) {
			t.Fatalf("not idempotent (err %v):\n%s\nthen\n%s", err, got, again)
		}
	})
}
