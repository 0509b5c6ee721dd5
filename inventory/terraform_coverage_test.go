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
	rules := loadRules(t, "hipaa", "cis-aws", "aws-best-practices")
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
	gaps := map[string]string{}
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
					gaps[typ+"."+p] = gjson.GetBytes(doc, "source.resource").String() + " (" + br.id + ")"
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
		t.Errorf("%s: read by a shipped rule, neither set nor unknown in some converted document: %s", m, gaps[m])
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
	"S3Bucket.arn":                                            "without the bucket's arn only a TLS deny on every resource ('*') passes S3.5, and that covers any bucket",
	"ElasticSearchDomain.endpoint":                            "a template or plan names no endpoint; a domain with VPC options gets none (HIPAA-097 passes on vpcOptions)",
	"S3Bucket.ownershipControls.objectOwnership":              "no ownership controls in the input; read only as the alternative to acl.grants, which the bucket's (canned) ACL sets",
	"S3Bucket.accountPublicAccessBlock.blockPublicAcls":       "the account-level block is a fallback; the rule passed on the bucket's own settings",
	"S3Bucket.accountPublicAccessBlock.blockPublicPolicy":     "as above",
	"S3Bucket.accountPublicAccessBlock.ignorePublicAcls":      "as above",
	"S3Bucket.accountPublicAccessBlock.restrictPublicBuckets": "as above",
	"AutoScalingGroup.launchConfigurationName":                "the group uses a launch template: it has no launch configuration",
	"AutoScalingGroup.launchTemplate.launchTemplateName":      "the launch template is named by id (or a mixed instances policy is used): the rule passed on that",
	"AutoScalingGroup.mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId":   "no mixed instances policy: the rule passed on the group's own launch template",
	"AutoScalingGroup.mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateName": "as above",
	"AutoScalingGroup.loadBalancerNames":                        "no Classic Load Balancer on the group; attachments made by aws_autoscaling_attachment are not joined and are counted as not modelled",
	"AutoScalingGroup.targetGroupARNs":                          "no target group on the group; as above for attachment resources",
	"CloudFront.viewerCertificate.cloudFrontDefaultCertificate": "the distribution has a viewer certificate from ACM or IAM: not the default one",
	"EcrRepository.registryScanningRules":                       "the registry's scanning configuration is an account setting, read only from an aws_ecr_registry_scanning_configuration (or AWS::ECR::RegistryScanningConfiguration) of the input; the rule passed on the repository's own scan on push",
	"EcrRepository.lifecyclePolicyCollected":                    "a plan or template holds the repository's lifecycle policy or has none: only an API dump can lack it",
	"EcsTaskDefinition.containerDefinitions":                    "the task definition has no containers",
	"EcsTaskDefinition.pidMode":                                 "not set: the task's own PID namespace, ECS's default",
	"LaunchTemplate.launchTemplateData.networkInterfaces":       "no network interfaces in the template: instances get the subnet's public IP setting, which EC2.25 does not judge",
	"SnsTopic.policy.Statement":                                 "no topic policy in the input: AWS's default policy grants only the owner account",
	"SqsQueue.policy.Statement":                                 "no queue policy in the input: only the owner account has access",
	"ElasticSearchDomain.vpcOptions.vpcId":                      "the subnets place the domain in a VPC, whose id AWS derives from them; the rule passed on vpcOptions.subnetIds",
}
