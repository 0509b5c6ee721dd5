package collect_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	apigwv2types "github.com/aws/aws-sdk-go-v2/service/apigatewayv2/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/collect"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/sivchari/kumo"
)

// TestCollectKumo collects an account from sivchari/kumo, an AWS API
// emulator running in-process on loopback: resources are created through
// the SDK, collected, read back and evaluated by the shipped bundles. The
// calls kumo does not implement are recorded as failed, never fatal.
func TestCollectKumo(t *testing.T) {
	srv := kumo.NewServer()
	defer srv.Close()
	cfg := aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", secretKey, ""),
		BaseEndpoint:     aws.String(srv.URL),
		RetryMaxAttempts: 1,
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	// The account: a VPC with a group open to SSH from anywhere, a bucket
	// with versioning and default encryption, a user.
	e := ec2.NewFromConfig(cfg)
	vpc, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16")})
	if err != nil {
		t.Fatalf("kumo CreateVpc: %v", err)
	}
	sg, err := e.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("ssh-open"), Description: aws.String("SSH from anywhere"), VpcId: vpc.Vpc.VpcId})
	if err != nil {
		t.Fatalf("kumo CreateSecurityGroup: %v", err)
	}
	if _, err := e.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}},
	}}}); err != nil {
		t.Fatalf("kumo AuthorizeSecurityGroupIngress: %v", err)
	}
	s := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	bucket := aws.String("kumo-audit-bucket")
	if _, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatalf("kumo CreateBucket: %v", err)
	}
	if _, err := s.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: bucket, VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatalf("kumo PutBucketVersioning: %v", err)
	}
	if _, err := s.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: bucket, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
		Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256}}},
	}}); err != nil {
		t.Fatalf("kumo PutBucketEncryption: %v", err)
	}
	if _, err := iam.NewFromConfig(cfg).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("kumo-user")}); err != nil {
		t.Fatalf("kumo CreateUser: %v", err)
	}

	// A REST API with a stage, an HTTP API with a stage: neither logs.
	gw := apigateway.NewFromConfig(cfg)
	rest, err := gw.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: aws.String("kumo-rest")})
	if err != nil {
		t.Fatalf("kumo CreateRestApi: %v", err)
	}
	dep, err := gw.CreateDeployment(ctx, &apigateway.CreateDeploymentInput{RestApiId: rest.Id})
	if err != nil {
		t.Fatalf("kumo CreateDeployment: %v", err)
	}
	if _, err := gw.CreateStage(ctx, &apigateway.CreateStageInput{RestApiId: rest.Id, DeploymentId: dep.Id, StageName: aws.String("prod")}); err != nil {
		t.Fatalf("kumo CreateStage: %v", err)
	}
	gw2 := apigatewayv2.NewFromConfig(cfg)
	httpAPI, err := gw2.CreateApi(ctx, &apigatewayv2.CreateApiInput{Name: aws.String("kumo-http"), ProtocolType: apigwv2types.ProtocolTypeHttp})
	if err != nil {
		t.Fatalf("kumo CreateApi: %v", err)
	}
	if _, err := gw2.CreateStage(ctx, &apigatewayv2.CreateStageInput{ApiId: httpAPI.ApiId, StageName: aws.String("$default")}); err != nil {
		t.Fatalf("kumo CreateStage (v2): %v", err)
	}

	res, err := collect.Run(ctx, cfg, collect.Options{Out: t.TempDir(), Concurrency: 4})
	if err != nil {
		t.Fatalf("Run against kumo: %v", err)
	}
	t.Logf("kumo: %d calls, %d failed, %d not configured", res.Summary.Calls, len(res.Summary.Failures), len(res.Summary.NotConfigured))
	for _, f := range res.Summary.Failures {
		t.Logf("  failed %s: %s", f.File, f.Code)
	}

	var docs [][]byte
	byType := map[string]int{}
	errs := 0
	if _, err := inventory.ReadAPIDump(res.Dir, func(e inventory.Entity) error {
		switch {
		case e.Err != nil:
			errs++
		case e.Data != nil:
			docs = append(docs, e.Data)
			var d struct {
				Type   string
				Stages []struct{ StageName string }
			}
			_ = jsonUnmarshal(e.Data, &d)
			byType[d.Type]++
			if d.Type == "ApiGateway" || d.Type == "ApiGatewayV2" {
				// The stages were read: the verdicts below rest on them.
				if len(d.Stages) != 1 {
					t.Errorf("%s stages %v, want the one created", d.Type, d.Stages)
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if errs != len(res.Summary.Failures) {
		t.Errorf("%d error records for %d failed calls", errs, len(res.Summary.Failures))
	}
	for _, typ := range []string{"SecurityGroup", "VPC", "S3Bucket", "Region", "Iam", "ApiGateway", "ApiGatewayV2"} {
		if byType[typ] == 0 {
			t.Errorf("no %s document from the emulator's account (types: %v)", typ, byType)
		}
	}
	want := map[string]map[string]string{
		"cis-aws": {"CIS-AWS-5.3": "fail"},                    // ssh-open allows SSH from 0.0.0.0/0
		"hipaa":   {"HIPAA-006": "pass", "HIPAA-029": "fail"}, // AES256 default encryption; SSH open
		// The same, as FSBP S3.4 and EC2.13 put them.
		"aws-best-practices": {"AWSBP-S3.4": "pass", "AWSBP-EC2.13": "fail",
			// The REST API's stage has no execution logging, the HTTP
			// API's no access logging.
			"AWSBP-APIGateway.1-a": "fail", "AWSBP-APIGateway.9": "fail"},
	}
	for name, rules := range want {
		b, err := bundles.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		r := bundles.RunCases(b, []bundles.Case{{Name: "kumo account", Documents: docs, Expect: rules, Source: res.Dir}}, nil)
		if !r[0].Passed() {
			t.Errorf("%s over the emulator's account:\n%s", name, r[0].Failures())
		}
	}
}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
