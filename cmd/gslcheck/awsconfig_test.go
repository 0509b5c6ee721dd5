package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// configSnapshot writes, gzipped, an AWS Config snapshot file holding every
// valid example item of the RDK and the developer guide's snapshot (see
// inventory/testdata/awsconfig), and returns its path and item count.
func configSnapshot(t *testing.T) (string, int) {
	t.Helper()
	dir := filepath.Join("..", "..", "inventory", "testdata", "awsconfig")
	files, _ := filepath.Glob(filepath.Join(dir, "rdk", "*.json"))
	var items []json.RawMessage
	for _, f := range files {
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var one json.RawMessage
		var many []json.RawMessage
		switch {
		case json.Unmarshal(in, &many) == nil:
			items = append(items, many...)
		case json.Unmarshal(in, &one) == nil:
			items = append(items, one)
		}
	}
	in, err := os.ReadFile(filepath.Join(dir, "devguide", "snapshot.json"))
	if err != nil {
		t.Fatal(err)
	}
	var snap struct{ ConfigurationItems []json.RawMessage }
	if err := json.Unmarshal(in, &snap); err != nil {
		t.Fatal(err)
	}
	items = append(items, snap.ConfigurationItems...)
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	fmt.Fprint(zw, `{"fileVersion":"1.0","configSnapshotId":"94ccff53-83be-42d9-996f-b4624b3c1a55","configurationItems":[`)
	for i, it := range items {
		if i > 0 {
			zw.Write([]byte(","))
		}
		zw.Write(it)
	}
	fmt.Fprint(zw, "]}")
	zw.Close()
	file := filepath.Join(t.TempDir(), "snapshot.json.gz")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, len(items)
}

// TestRunAWSConfigSnapshot runs every shipped bundle over a gzipped AWS
// Config snapshot of real example items. The findings are compared with
// testdata/golden/awsconfig-snapshot.txt (-update rewrites it); a few are
// pinned here from the controls' text. Every item is accounted for: as a
// document, or counted on stderr as not modelled or merged.
func TestRunAWSConfigSnapshot(t *testing.T) {
	file, nitems := configSnapshot(t)
	var out, errb bytes.Buffer
	code := Main([]string{"run", "-b", "hipaa", "-b", "cis-aws", "-b", "aws-best-practices", "-f", "json", "--now", "2026-06-15T00:00:00Z", file}, strings.NewReader(""), &out, &errb)
	if code != exitFindings {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitFindings, errb.String())
	}
	var rep struct {
		Results []struct {
			Rule, Entity, Type, Status, Location string
		}
		Summary struct{ Documents, Malformed int }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	var lines []string
	statuses := map[string]string{}
	for _, r := range rep.Results {
		lines = append(lines, fmt.Sprintf("%-14s %-6s %s (%s)", r.Rule, r.Status, r.Entity, r.Type))
		statuses[r.Rule+" "+r.Entity] = r.Status
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "golden", "awsconfig-snapshot.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), got); diff != "" {
			t.Errorf("findings differ from %s (-want +got):\n%s", golden, diff)
		}
	}
	// Pinned from the controls' text.
	for key, want := range map[string]string{
		// CIS 5.7: instances require IMDSv2; the RDK instance allows v1
		// (httpTokens optional).
		"CIS-AWS-5.7 i-03402838daac1d611": "fail",
		// CIS 5.3: no security group admits 0.0.0.0/0 to port 22; the RDK
		// group launch-wizard-7 does.
		"CIS-AWS-5.3 sg-1d56fc66": "fail",
		// CIS 2.1.1: buckets deny HTTP requests; the RDK bucket's policy
		// denies s3:* when aws:SecureTransport is false.
		"CIS-AWS-2.1.1 mborch-test-bucket-config-item": "pass",
		// HIPAA 164.312(e)(1), OpenSearch: TLS 1.2 or later required; both
		// RDK domains (Elasticsearch and OpenSearch) allow TLS 1.0
		// (Policy-Min-TLS-1-0-2019-07).
		"HIPAA-096 test": "fail",
		// HIPAA 164.312(a)(2)(iv), snapshots encrypted and private: the
		// RDK's DB snapshot is encrypted and its restore attribute empty.
		"HIPAA-104 rds:myrdstest-2016-10-20-23-52": "pass",
		// EKS secrets encryption: the RDK cluster has no encryptionConfig.
		"HIPAA-098 test": "fail",
		// FSBP AutoScaling.9: groups use launch templates; the RDK group
		// uses the launch configuration "test".
		"AWSBP-AutoScaling.9 asg1": "fail",
		// FSBP ECR.1: image scanning on push; the RDK repository has
		// ScanOnPush false.
		"AWSBP-ECR.1 test": "fail",
		// FSBP EC2.170: launch templates require IMDSv2; the RDK
		// template's data has no metadata options.
		"AWSBP-EC2.170 lt-test": "fail",
	} {
		if statuses[key] != want {
			t.Errorf("%s: status %q, want %q", key, statuses[key], want)
		}
	}
	// Counts: every item is a document or counted on stderr.
	counted := 0
	for _, line := range strings.Split(errb.String(), "\n") {
		_, list, ok := strings.Cut(line, ": ")
		if !ok || !strings.HasPrefix(line, "gslcheck: not modelled") && !strings.HasPrefix(line, "gslcheck: no document") {
			continue
		}
		_, list, _ = strings.Cut(list, ": ")
		for _, part := range strings.Split(list, ", ") {
			var n int
			fmt.Sscan(part, &n)
			counted += n
		}
	}
	if rep.Summary.Malformed != 0 || rep.Summary.Documents+counted != nitems {
		t.Errorf("%d items, but %d documents (%d malformed) and %d counted on stderr:\n%s", nitems, rep.Summary.Documents, rep.Summary.Malformed, counted, errb.String())
	}
}
