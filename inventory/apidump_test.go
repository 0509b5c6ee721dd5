package inventory_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
		// ecr-describe-repositories.json (with the repository's policy),
		// es-list-domain-names.json (with the domain),
		// secretsmanager-list-secrets.json (with the secret's policy).
		"EcrRepository": 1, "ElasticSearchDomain": 1, "SecretsManagerSecret": 1,
		// ecs-list-clusters.json (the demo has no DescribeClusters: only
		// the name and ARN).
		"EcsCluster": 1,
		// What no entity type reads: 6 availability zones; ECS tasks (a
		// task list and a task), 8 IAM access advisor files (4 jobs
		// started, 4 reports), Kafka (a cluster), Redshift subnet groups
		// (1), Route 53 (1 VPC's zones).
		"notModelled": 19,
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

// TestAPIDumpDemoFindings runs the shipped bundles over the demo account
// and checks the verdicts the controls' text gives for the facts the demo
// holds. The clock is the day after the credential report was generated
// (2019-05-07), when the account looked like this.
func TestAPIDumpDemoFindings(t *testing.T) {
	ents, sum := readDump(t, demoDir)
	var docs [][]byte
	for _, e := range ents {
		if e.Data != nil {
			docs = append(docs, e.Data)
		}
	}
	now := time.Date(2019, 5, 8, 0, 0, 0, 0, time.UTC)
	want := map[string]map[string]string{
		"cis-aws": {
			"CIS-AWS-1.3":    "fail", // root's access key 1 is active; AccountAccessKeysPresent 1
			"CIS-AWS-1.4":    "pass", // AccountMFAEnabled 1, root mfa_active true
			"CIS-AWS-1.6":    "pass", // root last used 2019-03-03 (password), 2018-11-27 (key): not in the last 7 days
			"CIS-AWS-1.9":    "fail", // user "user" has a console password and no MFA
			"CIS-AWS-1.10":   "fail", // "user" has a password and an active key 1 never used
			"CIS-AWS-1.11-a": "fail", // "user" last signed in 2018-05-07, over 45 days before
			"CIS-AWS-1.11-b": "fail", // "user"'s key 2 was rotated and last used 2018-05-07
			"CIS-AWS-1.12":   "fail", // "user" has two active keys
			"CIS-AWS-1.13":   "fail", // root's key 1 dates from 2018-11-23, "user"'s key 2 from 2018-05-07
			"CIS-AWS-1.14":   "fail", // USER_WITH_BAD_INLINE_POLICY has AmazonEC2RoleforSSM attached directly
			"CIS-AWS-1.15":   "skip", // no policy allows "*" on "*"
			"CIS-AWS-1.16":   "fail", // no role has AWSSupportAccess
			"CIS-AWS-1.17":   "fail", // no instance has an instance profile
			"CIS-AWS-1.19":   "pass", // analyzer "default", ACCOUNT, ACTIVE
			"CIS-AWS-2.1.1":  "fail", // the bucket policy has no Deny for aws:SecureTransport false
			"CIS-AWS-2.2.1":  "pass", // StorageEncrypted true
			"CIS-AWS-2.2.2":  "pass", // AutoMinorVersionUpgrade true
			"CIS-AWS-2.2.3":  "pass", // PubliclyAccessible false
			"CIS-AWS-2.2.4":  "fail", // postgres, MultiAZ false
			"CIS-AWS-3.1-a":  "fail", // the only trail is not multi-region
			"CIS-AWS-3.2":    "pass", // LogFileValidationEnabled true
			"CIS-AWS-3.4":    "skip", // the trail's bucket demo-logs is not in the account's bucket list
			"CIS-AWS-3.5":    "fail", // the trail has no KmsKeyId
			"CIS-AWS-3.6":    "skip", // no KMS keys in the dump
			"CIS-AWS-3.8":    "fail", // no multi-region trail
			"CIS-AWS-3.9":    "fail", // no multi-region trail
			"CIS-AWS-4.1":    "fail", // no multi-region trail sending to CloudWatch Logs
			"CIS-AWS-4.15":   "fail", // likewise
			"CIS-AWS-5.1.2":  "pass", // no ingress from 0.0.0.0/0 or ::/0 to 445 or all ports
			"CIS-AWS-5.2":    "skip", // no network ACLs in the dump
			"CIS-AWS-5.3":    "pass", // SSH is open to 1.1.1.1/32 and 2.2.2.2/28 only
			"CIS-AWS-5.4":    "pass", // no IPv6 ingress
			"CIS-AWS-5.5":    "fail", // the default group sg-00000001 allows all traffic from itself
			"CIS-AWS-5.7":    "fail", // Web1 and Web2 have HttpTokens optional
		},
		"hipaa": {
			"HIPAA-005": "pass", // RDS encrypted with a KMS key ARN
			"HIPAA-010": "fail", // Redshift Encrypted false
			"HIPAA-011": "fail", // neither topic has KmsMasterKeyId
			"HIPAA-012": "fail", // the queue has neither KmsMasterKeyId nor SqsManagedSseEnabled
			"HIPAA-014": "fail", // the trail has no KmsKeyId
			"HIPAA-019": "fail", // no Deny for aws:SecureTransport false
			"HIPAA-020": "fail", // weblb listens on HTTP
			"HIPAA-024": "fail", // routing.http.drop_invalid_header_fields.enabled false
			"HIPAA-029": "pass", // no SSH/RDP from anywhere
			"HIPAA-030": "pass", // no database ports from anywhere
			"HIPAA-031": "fail", // the default group has a rule
			"HIPAA-034": "fail", // HttpTokens optional
			"HIPAA-035": "fail", // no instance profiles
			"HIPAA-036": "fail", // subnets 00000001 and 00000002 MapPublicIpOnLaunch true
			"HIPAA-037": "pass", // RDS not public
			"HIPAA-038": "fail", // Redshift PubliclyAccessible true
			"HIPAA-040": "pass", // the ACL grants only the owner
			"HIPAA-041": "fail", // the policy allows AWS "*" s3:GetObject without a condition
			"HIPAA-042": "pass", // the function policy allows apigateway.amazonaws.com only
			"HIPAA-046": "fail", // root has an active access key
			"HIPAA-047": "pass", // root has MFA
			"HIPAA-049": "fail", // "user" has a password and no MFA
			"HIPAA-050": "fail", // a user with a directly attached policy
			"HIPAA-053": "fail", // "user" has not signed in for a year
			"HIPAA-054": "fail", // keys rotated over 90 days ago and unused since
			"HIPAA-055": "fail", // keys rotated over 90 days ago
			"HIPAA-061": "pass", // root's last sign-in 2019-03-03 is over 30 days before
			"HIPAA-063": "fail", // no multi-region trail
			"HIPAA-064": "pass", // log file validation on
			"HIPAA-065": "fail", // the trail sends nothing to CloudWatch Logs
			"HIPAA-070": "fail", // weblb AccessLog.Enabled false
			"HIPAA-071": "fail", // access_logs.s3.enabled false
			"HIPAA-072": "fail", // no CloudWatch Logs exports
			"HIPAA-075": "fail", // no GuardDuty detector
			"HIPAA-078": "pass", // an ACTIVE analyzer
			"HIPAA-084": "pass", // BackupRetentionPeriod 7
			"HIPAA-090": "fail", // AutomatedSnapshotRetentionPeriod 1
			"HIPAA-093": "fail", // deletion_protection.enabled false
		},
	}
	for name, rules := range want {
		b, err := bundles.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		res := bundles.RunCases(b, []bundles.Case{{Name: "cloudmapper demo", Documents: docs, Expect: rules, Now: now, Source: demoDir}}, nil)
		if !res[0].Passed() {
			t.Errorf("%s over the demo account:\n%s", name, res[0].Failures())
		}
	}

	// What the demo does not hold is reported, not guessed: the controls
	// that need these calls have no verdict from the demo.
	for _, call := range []string{
		"us-east-1/iam-get-account-password-policy.json",         // CIS 1.7, 1.8; HIPAA-056..059
		"us-east-1/iam-list-virtual-mfa-devices.json",            // CIS 1.5, HIPAA-048
		"us-east-1/iam-list-server-certificates.json",            // CIS 1.18
		"us-east-1/ec2-get-ebs-encryption-by-default.json",       // CIS 5.1.1, HIPAA-004
		"us-east-1/ec2-describe-flow-logs.json",                  // CIS 3.7, HIPAA-069
		"us-east-1/config-describe-configuration-recorders.json", // CIS 3.3, HIPAA-077
		"us-east-1/securityhub-describe-hub.json",                // CIS 4.16, HIPAA-076
		"us-east-1/macie2-get-macie-session.json",                // CIS 2.1.3, HIPAA-080
	} {
		if !slices.Contains(sum.Missing, call) {
			t.Errorf("summary does not list %s as missing; it lists %q", call, sum.Missing)
		}
	}
}

// BenchmarkReadAPIDumpDemo reads the cloudmapper demo account (61 files)
// into entity documents.
func BenchmarkReadAPIDumpDemo(b *testing.B) {
	n := 0
	for b.Loop() {
		if _, err := inventory.ReadAPIDump(demoDir, func(inventory.Entity) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N), "entities/op")
}
