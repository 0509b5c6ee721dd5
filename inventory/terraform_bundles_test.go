package inventory_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/gsl-lang/gsl/lang"
)

// judge is what a runner reports for rule on doc: eval's verdict, or
// "error" when the rule reads a property the input knows only after apply.
type judged struct {
	status  string
	unknown []string
}

type bundleRule struct {
	id    string
	prog  *eval.Program
	paths []string
}

func loadRules(t *testing.T, ids ...string) map[string]bundleRule {
	t.Helper()
	out := map[string]bundleRule{}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, id := range ids {
		b, err := bundles.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Rules {
			prog, err := eval.Compile(r.Logic, &eval.Options{Now: now})
			if err != nil {
				t.Fatalf("%s: %v", r.ID, err)
			}
			out[r.ID] = bundleRule{id: r.ID, prog: prog, paths: lang.EntityPaths(prog.Rule())}
		}
	}
	return out
}

func (br bundleRule) judge(doc []byte) judged {
	res := br.prog.Eval(doc)
	j := judged{status: res.Status.String()}
	if res.Status == eval.Pass || res.Status == eval.Fail {
		if u := inventory.Undecided(doc, br.paths, res.Status == eval.Pass); len(u) > 0 {
			j.status, j.unknown = "error", u
		}
	}
	return j
}

func readPlan(t *testing.T, file string) map[string][]byte {
	t.Helper()
	return readByResource(t, file, inventory.ReadTerraform)
}

// readByResource converts file with read (ReadTerraform,
// ReadCloudFormation) into its documents by resource address or logical id.
func readByResource(t *testing.T, file string, read func(io.Reader, string, func(inventory.Entity) error) error) map[string][]byte {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs := map[string][]byte{}
	err = read(f, file, func(e inventory.Entity) error {
		if e.Data != nil {
			docs[e.Origin.Resource] = e.Data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// verdict is one expected result of a shipped rule on the document of
// one resource of an input file.
type verdict struct {
	file, resource, rule, want string
}

// checkVerdicts reads each file once with read (readPlan, readTemplate),
// prefixing its name with dir, and checks what a runner reports for each
// verdict's rule on its resource's document.
func checkVerdicts(t *testing.T, rules map[string]bundleRule, read func(*testing.T, string) map[string][]byte, dir string, tests []verdict) {
	t.Helper()
	files := map[string]map[string][]byte{}
	for _, tc := range tests {
		docs := files[tc.file]
		if docs == nil {
			docs = read(t, dir+tc.file)
			files[tc.file] = docs
		}
		doc := docs[tc.resource]
		if doc == nil {
			t.Errorf("%s: no document for %s", tc.file, tc.resource)
			continue
		}
		br, ok := rules[tc.rule]
		if !ok {
			t.Fatalf("no rule %s", tc.rule)
		}
		if got := br.judge(doc); got.status != tc.want {
			t.Errorf("%s %s %s = %s (unknown %v), want %s\n%s", tc.file, tc.resource, tc.rule, got.status, got.unknown, tc.want, doc)
		}
	}
}

// TestTerraformBundles runs shipped rules over checkov's plans. The
// expectations come from the plans' content and the controls' text:
// a bucket whose ACL is public-read-write grants AllUsers (HIPAA-040
// fails), a security group open to 0.0.0.0/0 on every port exposes SSH
// (HIPAA-029, CIS 5.3 fail).
func TestTerraformBundles(t *testing.T) {
	rules := loadRules(t, "hipaa", "cis-aws")
	const dir = "testdata/terraform/"
	tests := []verdict{
		// Split aws_s3_bucket_acl (public-read-write) and
		// aws_s3_bucket_public_access_block (all false) in a count module.
		{"checkov/terraform__runner__plan_nested_child_modules_with_connections__tfplan.json", "module.s3_bucket.aws_s3_bucket.this[0]", "HIPAA-040", "fail"},
		{"checkov/terraform__runner__plan_nested_child_modules_with_connections__tfplan.json", "module.s3_bucket.aws_s3_bucket.this[0]", "HIPAA-039", "fail"},
		// The public access block's bucket is unknown until apply; the
		// configuration's reference joins it to the root bucket.
		{"checkov/terraform__runner__plan_nested_child_modules_with_connections__tfplan.json", "aws_s3_bucket.root_bucket", "HIPAA-039", "pass"},
		{"checkov/terraform__runner__plan_nested_child_modules_with_connections__tfplan.json", "module.s3_module.module.s3_submodule.aws_s3_bucket.submodule_bucket", "HIPAA-040", "pass"},
		// for_each module instances of a group allowing all traffic from anywhere.
		{"checkov/common__runner_registry__plan_with_for_each_for_enrichment__tf_plan.json", `module.sg["bad_example"].aws_security_group.bad`, "HIPAA-029", "fail"},
		{"checkov/common__runner_registry__plan_with_for_each_for_enrichment__tf_plan.json", `module.sg["terrible_example"].aws_security_group.bad`, "CIS-AWS-5.3", "fail"},
		// Inline policies granting iam:* on * merged into user and role.
		{"checkov/terraform__runner__plan_with_iam_policies__tfplan.json", "aws_iam_user.fail_3", "HIPAA-050", "fail"},
		// TerraGoat (checkov's plan): the data bucket has a public-read ACL
		// in a format 0.1 plan of provider v2.
		{"checkov/terraform__runner__plan__tfplan.json", "aws_s3_bucket.data", "HIPAA-040", "fail"},
		{"checkov/terraform__runner__plan__tfplan.json", "aws_s3_bucket.financials", "HIPAA-040", "pass"},
		// EBS volume created without encryption: encrypted is left to the
		// provider (computed), so the fail stands.
		{"checkov/terraform__runner__plan__tfplan.json", "aws_ebs_volume.web_host_storage", "HIPAA-002", "fail"},
		// The snapshot of that volume: its encryption is computed too.
		{"checkov/terraform__runner__plan__tfplan.json", "aws_ebs_snapshot.example_snapshot", "HIPAA-003", "fail"},
		// Whether a snapshot is public is not in a plan at all; eval alone
		// would pass `should not have isPublic` on the missing value.
		{"checkov/terraform__runner__plan__tfplan.json", "aws_ebs_snapshot.example_snapshot", "HIPAA-043", "error"},
		// The RDS instance sets no key: storage_encrypted is false.
		{"checkov/terraform__runner__plan__tfplan.json", "aws_db_instance.default", "HIPAA-005", "fail"},
		// Encrypted with a key whose ARN exists only after apply: eval
		// alone fails kmsKeyId like 'arn:aws%:kms:%' on the missing value.
		{"handwritten/joins_plan.json", "aws_db_instance.db", "HIPAA-005", "error"},
		{"handwritten/joins_plan.json", "aws_db_instance.db", "HIPAA-086", "pass"},
		// The bucket policy joined through the module's reference denies
		// insecure transport; versioning from the split resource.
		{"handwritten/joins_plan.json", `module.logs.aws_s3_bucket.b["audit"]`, "HIPAA-019", "pass"},
		{"handwritten/joins_plan.json", `module.logs.aws_s3_bucket.b["audit"]`, "HIPAA-088", "pass"},
		{"handwritten/joins_plan.json", "aws_security_group.sg", "CIS-AWS-5.3", "fail"},
		{"handwritten/joins_plan.json", "aws_iam_account_password_policy.strict", "CIS-AWS-1.8", "pass"},
		{"handwritten/joins_plan.json", "aws_iam_account_password_policy.strict", "HIPAA-059", "pass"},
		// Root MFA is not in a plan: not a fail, not a pass.
		{"handwritten/joins_plan.json", "aws_iam_account_password_policy.strict", "CIS-AWS-1.4", "error"},
	}
	checkVerdicts(t, rules, readPlan, dir, tests)
}

// TestTerraformUnknownNeverPasses checks, for every shipped rule and every
// document of every fixture plan, that a rule whose verdict rests on a
// value known only after apply is not reported as pass: either it reads
// none of them, or the judged status is error.
func TestTerraformUnknownNeverPasses(t *testing.T) {
	rules := loadRules(t, "hipaa", "cis-aws", "aws-best-practices")
	files, _ := filepath.Glob("testdata/terraform/*/*.json")
	checked := 0
	for _, f := range files {
		if strings.Contains(f, "corrupted") {
			continue
		}
		for addr, doc := range readPlan(t, f) {
			unknown := inventory.UnknownProperties(doc)
			for _, br := range rules {
				got := br.judge(doc)
				if u := inventory.UnknownReads(inventory.UnknownProperties(doc), br.paths); len(u) > 0 {
					checked++
					if got.status == "pass" {
						t.Errorf("%s %s: %s passes although it reads %v (unknown %v)", f, addr, br.id, u, unknown)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no rule read an unknown value: the test proves nothing")
	}
}

// TestRegionSettings: the region-level settings of a plan and of a
// template make one Region entity; what the input does not set is not
// judged from it.
func TestRegionSettings(t *testing.T) {
	rules := loadRules(t, "hipaa", "cis-aws")
	const plan = `{"format_version": "1.2", "resource_changes": [
	  {"address": "aws_ebs_encryption_by_default.on", "mode": "managed", "type": "aws_ebs_encryption_by_default", "name": "on",
	   "change": {"actions": ["create"], "after": {"enabled": true}, "after_unknown": {"id": true}}},
	  {"address": "aws_guardduty_detector.main", "mode": "managed", "type": "aws_guardduty_detector", "name": "main",
	   "change": {"actions": ["no-op"], "after": {"enable": true, "finding_publishing_frequency": "SIX_HOURS"}, "after_unknown": {}}},
	  {"address": "aws_config_configuration_recorder_status.main", "mode": "managed", "type": "aws_config_configuration_recorder_status", "name": "main",
	   "change": {"actions": ["create"], "after": {"name": "default", "is_enabled": true}, "after_unknown": {"id": true}}},
	  {"address": "aws_config_configuration_recorder.main", "mode": "managed", "type": "aws_config_configuration_recorder", "name": "main",
	   "change": {"actions": ["create"], "after": {"name": "default", "recording_group": [{"all_supported": true, "include_global_resource_types": true}]}, "after_unknown": {"role_arn": true}}}
	]}`
	const tmpl = `Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties: {Enable: false}
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties: {RoleARN: !GetAtt Role.Arn}
  Hub:
    Type: AWS::SecurityHub::Hub
`
	var tfDocs, cfnDocs [][]byte
	var tfMerged, cfnMerged int
	if err := inventory.ReadTerraform(strings.NewReader(plan), "p.json", func(e inventory.Entity) error {
		if e.Ignored != "" {
			tfMerged++
			return nil
		}
		tfDocs = append(tfDocs, e.Data)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := inventory.ReadCloudFormation(strings.NewReader(tmpl), "t.yaml", func(e inventory.Entity) error {
		if e.Ignored != "" {
			cfnMerged++
			return nil
		}
		cfnDocs = append(cfnDocs, e.Data)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(tfDocs) != 1 || len(cfnDocs) != 1 || tfDocs[0] == nil || cfnDocs[0] == nil || tfMerged != 3 || cfnMerged != 2 {
		t.Fatalf("want one Region entity from each, and the other settings merged into it (3 and 2): %q %q, %d %d", tfDocs, cfnDocs, tfMerged, cfnMerged)
	}
	for _, tc := range []struct {
		doc        []byte
		rule, want string
	}{
		{tfDocs[0], "HIPAA-004", "pass"},
		{tfDocs[0], "HIPAA-075", "pass"},
		{tfDocs[0], "HIPAA-077", "pass"},
		{tfDocs[0], "CIS-AWS-3.3-a", "pass"},
		{tfDocs[0], "HIPAA-076", "error"}, // Security Hub is not in the plan
		{cfnDocs[0], "HIPAA-075", "fail"},
		{cfnDocs[0], "HIPAA-076", "pass"},
		{cfnDocs[0], "HIPAA-077", "error"}, // no delivery channel: recording is not said
		{cfnDocs[0], "HIPAA-004", "error"}, // a template cannot set EBS default encryption
	} {
		if got := rules[tc.rule].judge(tc.doc); got.status != tc.want {
			t.Errorf("%s = %s (unknown %v), want %s\n%s", tc.rule, got.status, got.unknown, tc.want, tc.doc)
		}
	}
}
