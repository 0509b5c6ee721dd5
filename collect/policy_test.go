package collect_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	"github.com/gsl-lang/gsl/collect"
	"github.com/gsl-lang/gsl/eval"
)

// iamPrefix is the IAM service prefix of each SDK service id the collector
// uses.
var iamPrefix = map[string]string{
	"AccessAnalyzer": "access-analyzer", "Account": "account", "CloudTrail": "cloudtrail",
	"CloudWatch": "cloudwatch", "CloudWatch Logs": "logs", "Config Service": "config",
	"DynamoDB": "dynamodb", "EC2": "ec2", "Elastic Load Balancing": "elasticloadbalancing",
	"Elastic Load Balancing v2": "elasticloadbalancing", "GuardDuty": "guardduty", "IAM": "iam",
	"KMS": "kms", "Lambda": "lambda", "Macie2": "macie2", "RDS": "rds", "S3": "s3",
	"S3 Control": "s3", "SecurityHub": "securityhub", "ECR": "ecr", "EKS": "eks", "Auto Scaling": "autoscaling", "ECS": "ecs", "Secrets Manager": "secretsmanager", "SNS": "sns", "SQS": "sqs", "STS": "sts",
	"OpenSearch": "es",
}

// iamActionOf names the IAM actions whose names differ from their API
// operations (the Service Authorization Reference's tables).
var iamActionOf = map[string]string{
	"S3 ListBuckets":                     "s3:ListAllMyBuckets",
	"S3 GetBucketEncryption":             "s3:GetEncryptionConfiguration",
	"S3 GetPublicAccessBlock":            "s3:GetBucketPublicAccessBlock",
	"S3 GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
	"S3 GetBucketReplication":            "s3:GetReplicationConfiguration",
	"S3 Control GetPublicAccessBlock":    "s3:GetAccountPublicAccessBlock",
	// API Gateway authorizes by HTTP method: every read is apigateway:GET.
	"API Gateway GetRestApis": "apigateway:GET",
	"API Gateway GetStages":   "apigateway:GET",
	"ApiGatewayV2 GetApis":    "apigateway:GET",
	"ApiGatewayV2 GetStages":  "apigateway:GET",
	"ApiGatewayV2 GetRoutes":  "apigateway:GET",
}

// actionRecorder returns an SDK stack option that records the IAM action
// of every operation the SDK is asked to make (once per call, before any
// retry), whether or not it succeeds.
func actionRecorder(t *testing.T, mu *sync.Mutex, seen map[string]bool) func(*middleware.Stack) error {
	return func(st *middleware.Stack) error {
		return st.Initialize.Add(middleware.InitializeMiddlewareFunc("gslcheckRecordAction",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				svc, op := awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx)
				action, ok := iamActionOf[svc+" "+op]
				if !ok {
					prefix, known := iamPrefix[svc]
					if !known {
						t.Errorf("the collector calls %s %s, a service the test does not know", svc, op)
					}
					action = prefix + ":" + op
				}
				mu.Lock()
				seen[action] = true
				mu.Unlock()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
}

// policyStatement is a statement of an IAM policy document, whose Action
// and Resource are a string or a list of strings.
type policyStatement struct {
	Effect   string
	Action   any
	Resource any
}

// readPolicy reads the statements of a policy file, and the file.
func readPolicy(t *testing.T, file string) ([]policyStatement, []byte) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Statement []policyStatement }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc.Statement, data
}

// stringsOf returns a policy element that is a string or a list of
// strings as a list.
func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// policyActions reads the actions of the Allow statements of a policy
// file that apply to every resource.
func policyActions(t *testing.T, file string) ([]string, []byte) {
	t.Helper()
	statements, data := readPolicy(t, file)
	var out []string
	for _, s := range statements {
		if s.Effect == "Allow" && s.Resource == "*" {
			out = append(out, stringsOf(s.Action)...)
		}
	}
	return out, asEntity(data)
}

// scopedResources are the resources of the actions that AWS authorizes by
// resource: API Gateway authorizes every read as apigateway:GET on the
// path read, and the managed policies grant it path by path. The
// collector reads these paths (as ARNs) and no others.
var scopedResources = map[string][]string{
	"apigateway:GET": {
		"arn:aws:apigateway:*::/apis", "arn:aws:apigateway:*::/apis/*/routes", "arn:aws:apigateway:*::/apis/*/stages",
		"arn:aws:apigateway:*::/restapis", "arn:aws:apigateway:*::/restapis/*/stages",
	},
}

// scopedGrant returns the resources on which the Allow statements of a
// policy file grant action by name (no wildcard in the action: the
// managed policies name apigateway:GET exactly).
func scopedGrant(t *testing.T, file, action string) []string {
	t.Helper()
	statements, _ := readPolicy(t, file)
	var out []string
	for _, s := range statements {
		if s.Effect == "Allow" && slices.Contains(stringsOf(s.Action), action) {
			out = append(out, stringsOf(s.Resource)...)
		}
	}
	sort.Strings(out)
	return out
}

// asEntity makes a policy document an entity of type Policy, as rules
// read them.
func asEntity(doc []byte) []byte {
	return append([]byte(`{"type":"Policy",`), strings.TrimSpace(string(doc))[1:]...)
}

// allows compiles a GSL rule that asks whether an AWS managed policy
// (testdata/managed-policies) allows an action on every resource, with
// the IAM wildcard semantics of coversAction.
func allows(t *testing.T, action string) *eval.Program {
	t.Helper()
	p, err := eval.Compile("Policy should have Statement contain [ Effect = 'Allow' and $ coversAction('"+action+"') and Resource = '*' ]", nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// replayAll makes every list the collector reads hold a resource, so that
// every per-resource call is made.
var replayAll = map[string]string{
	"kms ListKeys": "every/kms-ListKeys", "sns ListTopics": "every/sns-ListTopics",
	"ec2 DescribeSnapshots":                        "every/ec2-DescribeSnapshots",
	"elasticloadbalancing DescribeLoadBalancers":   "every/elasticloadbalancing-DescribeLoadBalancers",
	"elasticloadbalancingv2 DescribeLoadBalancers": "every/elasticloadbalancingv2-DescribeLoadBalancers",
	"lambda ListFunctions":                         "every/lambda-ListFunctions",
	"dynamodb ListTables":                          "every/dynamodb-ListTables",
	"sqs ListQueues":                               "every/sqs-ListQueues",
	"securityhub DescribeHub":                      "every/securityhub-DescribeHub",
	"rds DescribeDBSnapshots":                      "every/rds-DescribeDBSnapshots",
	"rds DescribeDBClusterSnapshots":               "every/rds-DescribeDBClusterSnapshots",
	"eks ListClusters":                             "every/eks-ListClusters",
	"ecs ListClusters":                             "every/ecs-ListClusters",
	"ecs ListServices":                             "every/ecs-ListServices",
	"ecs ListTaskDefinitionFamilies":               "every/ecs-ListTaskDefinitionFamilies",
}

// macieNotInManaged is the one call neither SecurityAudit nor
// ViewOnlyAccess allows: macie2:GetMacieSession (they hold
// macie2:ListFindings only). Without it Macie's status is a failed call,
// recorded, and the other calls are unaffected.
const macieNotInManaged = "macie2:GetMacieSession"

// TestPolicy: policy.json allows exactly the calls the collector makes
// (least privilege: each is made against a replayed account in which every
// list holds a resource), and the AWS managed policy SecurityAudit, as AWS
// publishes it, allows all of them but Macie's session; ViewOnlyAccess
// does not allow many.
func TestPolicy(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]bool{}
	res, _ := runReplay(t, collect.Options{AllRegions: true, Concurrency: 4}, replayAll, actionRecorder(t, &mu, seen))
	if res.Summary.Calls == 0 {
		t.Fatal("no calls")
	}
	checkNothingDropped(t, res.Dir, recordedEvery)
	// GetCallerIdentity needs no permission: every identity may call it.
	delete(seen, "sts:GetCallerIdentity")
	var made []string
	for a := range seen {
		made = append(made, a)
	}
	sort.Strings(made)
	t.Logf("%d actions: %s", len(made), strings.Join(made, " "))

	granted, _ := policyActions(t, "policy.json")
	if !slices.IsSorted(granted) {
		t.Error("policy.json: the actions are not sorted")
	}
	for a, want := range scopedResources {
		if got := scopedGrant(t, "policy.json", a); !slices.Equal(got, want) {
			t.Errorf("policy.json grants %s on %v, want exactly %v", a, got, want)
		}
		granted = append(granted, a)
	}
	for _, a := range made {
		if !slices.Contains(granted, a) {
			t.Errorf("the collector calls %s, which policy.json does not allow", a)
		}
	}
	for _, a := range granted {
		if !seen[a] {
			t.Errorf("policy.json allows %s, which the collector never calls (not least privilege)", a)
		}
	}

	for _, name := range []string{"SecurityAudit", "ViewOnlyAccess"} {
		_, doc := policyActions(t, "testdata/managed-policies/"+name+".json")
		var missing []string
		for _, a := range made {
			if want, ok := scopedResources[a]; ok {
				got := scopedGrant(t, "testdata/managed-policies/"+name+".json", a)
				if !slices.ContainsFunc(want, func(r string) bool { return !slices.Contains(got, r) && !slices.Contains(got, "*") }) {
					continue
				}
				missing = append(missing, a)
			} else if allows(t, a).Eval(doc).Status.String() != "pass" {
				missing = append(missing, a)
			}
		}
		t.Logf("%s does not allow %d of the %d calls: %s", name, len(missing), len(made), strings.Join(missing, ", "))
		if name == "SecurityAudit" && !slices.Equal(missing, []string{macieNotInManaged}) {
			t.Errorf("SecurityAudit does not allow %v; want only %s (README.md says so)", missing, macieNotInManaged)
		}
	}
	// ViewOnlyAccess is not enough: it does not read IAM's or S3's
	// configuration (README.md says so).
	_, vo := policyActions(t, "testdata/managed-policies/ViewOnlyAccess.json")
	for _, a := range []string{"iam:GetAccountAuthorizationDetails", "iam:GetCredentialReport", "s3:GetBucketPolicy"} {
		if allows(t, a).Eval(vo).Status.String() == "pass" {
			t.Errorf("ViewOnlyAccess allows %s; README.md says it does not", a)
		}
	}
}

// TestAllows: the check itself tells allowed from not allowed, wildcards
// and case included.
func TestAllows(t *testing.T) {
	doc := []byte(`{"Statement":[{"Effect":"Allow","Action":["ec2:Describe*","S3:GetBucket?cl"],"Resource":"*"},
		{"Effect":"Allow","Action":"kms:DescribeKey","Resource":"arn:aws:kms:*:*:key/1"},
		{"Effect":"Deny","Action":"iam:GetRole","Resource":"*"}]}`)
	doc = asEntity(doc)
	for action, want := range map[string]string{
		"ec2:DescribeInstances": "pass", "s3:GetBucketAcl": "pass", "ec2:GetEbsEncryptionByDefault": "fail",
		"kms:DescribeKey": "fail", "iam:GetRole": "fail", "s3:GetBucketPolicy": "fail",
	} {
		if r := allows(t, action).Eval(doc); r.Status.String() != want {
			t.Errorf("%s: %s (%v), want %s", action, r.Status, r.Err, want)
		}
	}
}
