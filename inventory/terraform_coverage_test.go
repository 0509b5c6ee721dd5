package inventory_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/gsl-lang/gsl/inventory"
)

// TestRulePathsCovered lists, for every document converted from the test
// plans and templates (the registry's included), the properties that shipped rules passing on it read
// and that the document neither has nor lists as unknown. Such a property
// is missing, which SPEC.md gives a meaning (`should not have isPublic`
// passes), so each must be a property whose absence is a fact of the
// input: listed in absentMeans with the reason.
func TestRulePathsCovered(t *testing.T) {
	rules := loadRules(t, "hipaa", "cis-aws")
	var docs [][]byte
	files, _ := filepath.Glob("testdata/terraform/*/*.json")
	for _, f := range files {
		if strings.Contains(f, "corrupted") {
			continue
		}
		for _, d := range readPlan(t, f) {
			docs = append(docs, d)
		}
	}
	tmpls, _ := filepath.Glob("testdata/cloudformation/templates/*.*")
	for _, f := range tmpls {
		if !strings.HasSuffix(f, ".yaml") && !strings.HasSuffix(f, ".json") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_ = inventory.ReadCloudFormation(strings.NewReader(string(data)), f, func(e inventory.Entity) error {
			if e.Data != nil {
				docs = append(docs, e.Data)
			}
			return nil
		})
	}
	guards, _ := filepath.Glob("testdata/cloudformation/guard/*.yml")
	for _, f := range guards {
		for _, gc := range guardCases(t, f) {
			_ = inventory.ReadCloudFormation(strings.NewReader(gc.template), f, func(e inventory.Entity) error {
				if e.Data != nil {
					docs = append(docs, e.Data)
				}
				return nil
			})
		}
	}
	gaps := map[string]bool{}
	for _, doc := range docs {
		typ := gjson.GetBytes(doc, "type").String()
		unknown := inventory.UnknownProperties(doc)
		for _, br := range rules {
			if br.prog.Target() != typ || br.judge(doc).status != "pass" {
				// Only a pass can rest silently on a missing property.
				continue
			}
			for _, p := range br.paths {
				if gjson.GetBytes(doc, gjson.Escape(p)).Exists() || pathExists(doc, p) {
					continue
				}
				covered := false
				for u := range unknown {
					if p == u || strings.HasPrefix(p, u+".") || strings.HasPrefix(u, p+".") {
						covered = true
					}
				}
				if !covered {
					gaps[typ+"."+p] = true
				}
			}
		}
	}
	var missing []string
	for g := range gaps {
		if _, ok := absentMeans[g]; !ok {
			missing = append(missing, g)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("%s: read by a shipped rule, neither set nor unknown in some converted document", m)
	}
}

// pathExists reads a dotted path segment by segment (segments may hold
// characters gjson treats specially).
func pathExists(doc []byte, p string) bool {
	r := gjson.ParseBytes(doc)
	for _, seg := range strings.Split(p, ".") {
		r = r.Get(gjson.Escape(seg))
		if !r.Exists() {
			return false
		}
	}
	return true
}

// absentMeans are the properties whose absence from a converted document
// is a fact of the input, with the reason.
var absentMeans = map[string]string{
	"IamUser.name":                                            "a user CloudFormation names is never the root user",
	"LogGroup.retentionInDays":                                "no retention set: the log group never expires its events",
	"RDS.dbClusterIdentifier":                                 "not set: the instance is not in an Aurora cluster",
	"RDS.dbType":                                              "Engine is required unless the instance is a replica or a restore, which are unknown",
	"SqsQueue.sqsManagedSseEnabled":                           "the rule passed on kmsMasterKeyId (SSE-KMS)",
	"IamUser.secondAccessKey.isActive":                        "the user's access keys are the aws_iam_access_key resources of the input: one key means no second",
	"Lambda.functionUrl.authType":                             "no aws_lambda_function_url or AWS::Lambda::Url for the function in the input",
	"Lambda.policyDocument.Statement":                         "no permission for the function in the input: its resource policy is empty",
	"S3Bucket.policy.Statement":                               "no bucket policy in the input",
	"Lambda.policyDocument":                                   "no permission for the function in the input: it has no resource policy",
	"S3Bucket.policy":                                         "no bucket policy in the input",
	"S3Bucket.ownershipControls.objectOwnership":              "no ownership controls in the input; read only as the alternative to acl.grants, which the bucket's (canned) ACL sets",
	"S3Bucket.accountPublicAccessBlock.blockPublicAcls":       "the account-level block is a fallback; the rule passed on the bucket's own settings",
	"S3Bucket.accountPublicAccessBlock.blockPublicPolicy":     "as above",
	"S3Bucket.accountPublicAccessBlock.ignorePublicAcls":      "as above",
	"S3Bucket.accountPublicAccessBlock.restrictPublicBuckets": "as above",
}
