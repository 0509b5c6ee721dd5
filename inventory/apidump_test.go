package inventory_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/inventory"
)

// updateFlag is -update: rewrite golden files. Another test file of the
// module's inventory package may define the flag too; whichever registers
// first owns it and the other reads it.
var updateFlag = lookupOrDefineBool("update", "rewrite the golden files in testdata")

func lookupOrDefineBool(name, usage string) func() bool {
	if f := flag.Lookup(name); f != nil {
		return func() bool { return f.Value.String() == "true" }
	}
	b := flag.Bool(name, false, usage)
	return func() bool { return *b }
}

const demoDir = "testdata/apidump/demo"

// readDump reads a dump and returns every entity it emitted.
func readDump(t *testing.T, dir string) ([]inventory.Entity, *inventory.APIDumpSummary) {
	t.Helper()
	var got []inventory.Entity
	sum, err := inventory.ReadAPIDump(dir, func(e inventory.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadAPIDump(%s): %v", dir, err)
	}
	return got, sum
}

// renderDump writes what a reader emitted as NDJSON, one record a line:
// the origin and the document, the error or the unmodelled type, then the
// summary.
func renderDump(t *testing.T, ents []inventory.Entity, sum *inventory.APIDumpSummary) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, e := range ents {
		o := e.Origin
		rec := map[string]any{"input": filepath.ToSlash(o.Input), "index": o.Index}
		if o.Key != "" {
			rec["key"] = o.Key
		}
		if o.Resource != "" {
			rec["resource"] = o.Resource
		}
		switch {
		case e.Err != nil:
			rec["error"] = e.Err.Error()
		case e.NotModelled != "":
			rec["notModelled"] = e.NotModelled
		default:
			rec["doc"] = json.RawMessage(e.Data)
		}
		line, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	line, _ := json.Marshal(map[string]any{"summary": sum})
	b.Write(line)
	b.WriteByte('\n')
	return b.Bytes()
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if updateFlag() {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./inventory -run %s -update)", err, t.Name())
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); diff != "" {
		t.Errorf("%s differs (-want +got; go test ./inventory -run %s -update rewrites it):\n%s", file, t.Name(), diff)
	}
}

// TestReadAPIDumpDemo reads cloudmapper's demo account end to end and
// compares every record with the golden file.
func TestReadAPIDumpDemo(t *testing.T) {
	ents, sum := readDump(t, demoDir)
	golden(t, "testdata/apidump/demo.golden.ndjson", renderDump(t, ents, sum))

	// Counts: each resource of the demo becomes one record.
	count := map[string]int{}
	for _, e := range ents {
		switch {
		case e.Err != nil:
			count["error"]++
		case e.NotModelled != "":
			count["notModelled"]++
		default:
			var d struct{ Type string }
			if err := json.Unmarshal(e.Data, &d); err != nil {
				t.Fatal(err)
			}
			count[d.Type]++
		}
	}
	want := map[string]int{
		// ec2-describe-instances.json: 3 instances; -security-groups: 8;
		// -vpcs: 1; -subnets: 4.
		"Instance": 3, "SecurityGroup": 8, "VPC": 1, "Subnet": 4,
		// The credential report's 3 rows (root, auditor_tmp, user) and the
		// authorization details' 2 users (USER, USER_WITH_BAD_INLINE_POLICY).
		"IamUser": 5, "IamGroup": 1, "IamRole": 4, "IamPolicy": 2, "Iam": 1,
		"S3Bucket": 1, "RDS": 1, "ELB": 1, "ApplicationLoadBalancer": 1,
		"Lambda": 1, "CloudTrail": 1, "Redshift": 1, "SnsTopic": 2, "SqsQueue": 1,
		"Region": 1,
		// What no entity type reads: 6 availability zones; ECR (a
		// repository and its policy), ECS (a cluster, its task list and a
		// task), Elasticsearch (a domain name and the domain), 8 IAM access
		// advisor files (4 jobs started, 4 reports), Kafka (a cluster),
		// Redshift subnet groups (1), Route 53 (1 VPC's zones), Secrets
		// Manager (a secret and its policy).
		"notModelled": 26,
	}
	if diff := cmp.Diff(want, count); diff != "" {
		t.Errorf("records by type (-want +got):\n%s", diff)
	}
	if sum.Files != 61 {
		t.Errorf("summary: %d files read, want the demo's 61", sum.Files)
	}
}

// TestAPIDumpDocsFitModel checks every document the reader builds from the
// demo against the entity model: each property is one the model lists
// (or under an open object), with the model's JSON type, and timestamps are
// RFC 3339.
func TestAPIDumpDocsFitModel(t *testing.T) {
	ents, _ := readDump(t, demoDir)
	s := bundles.AWS()
	for _, e := range ents {
		if e.Data == nil {
			continue
		}
		var doc map[string]any
		if err := json.Unmarshal(e.Data, &doc); err != nil {
			t.Fatal(err)
		}
		typ, _ := doc["type"].(string)
		et := s.Type(typ)
		if et == nil {
			t.Errorf("%s: type %q is not in the model", e.Origin.Resource, typ)
			continue
		}
		for _, p := range fitModel(s, et.Node, doc, typ) {
			t.Errorf("%s %s: %s", typ, doc["id"], p)
		}
	}
}

// fitModel lists where v does not fit the model node n.
func fitModel(s *bundles.Schema, n *bundles.Node, v any, at string) []string {
	n = s.Resolve(n)
	if n == nil || n.Kind == bundles.KindAny {
		return nil
	}
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, at+": "+fmt.Sprintf(format, args...)) }
	switch x := v.(type) {
	case map[string]any:
		if n.Kind != bundles.KindObject {
			bad("an object where the model has %s", n.Kind)
			return probs
		}
		for k, e := range x {
			p := s.Property(n, k)
			if p == nil {
				if !s.IsOpen(n) {
					bad("property %q is not in the model", k)
				}
				continue
			}
			probs = append(probs, fitModel(s, p, e, at+"."+k)...)
		}
	case []any:
		if n.Kind != bundles.KindArray {
			bad("an array where the model has %s", n.Kind)
			return probs
		}
		for i, e := range x {
			probs = append(probs, fitModel(s, n.Items, e, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case string:
		if n.Kind != bundles.KindString {
			bad("a string where the model has %s", n.Kind)
		} else if n.Format == "date-time" {
			if _, err := time.Parse(time.RFC3339, x); err != nil {
				bad("timestamp %q is not RFC 3339", x)
			}
		}
	case float64:
		if n.Kind != bundles.KindNumber {
			bad("a number where the model has %s", n.Kind)
		}
	case bool:
		if n.Kind != bundles.KindBoolean {
			bad("a boolean where the model has %s", n.Kind)
		}
	}
	return probs
}
