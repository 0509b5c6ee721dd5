package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCloudFormationGolden converts AWS's sample templates (YAML and JSON)
// and compares the entities, with the line of each resource, with golden
// files.
func TestCloudFormationGolden(t *testing.T) {
	var files []string
	for _, ext := range []string{"yaml", "json"} {
		f, _ := filepath.Glob("testdata/cloudformation/templates/*." + ext)
		files = append(files, f...)
	}
	if len(files) == 0 {
		t.Fatal("no templates")
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ents, err := collectEntities(t, func(emit func(Entity) error) error {
				return ReadCloudFormation(bytes.NewReader(data), f, emit)
			})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata/cloudformation/golden", name+".ndjson"), renderEntities(t, ents))
		})
	}
}

// TestCloudFormationYAMLJSON checks that the YAML and the JSON form of
// the same AWS sample give the same documents, and that each resource's
// origin is the line of its logical id in its own file.
func TestCloudFormationYAMLJSON(t *testing.T) {
	read := func(f string) ([]Entity, []byte) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ents, err := collectEntities(t, func(emit func(Entity) error) error { return ReadCloudFormation(bytes.NewReader(data), f, emit) })
		if err != nil {
			t.Fatal(err)
		}
		return ents, data
	}
	y, ydata := read("testdata/cloudformation/templates/S3_compliant-bucket.yaml")
	j, jdata := read("testdata/cloudformation/templates/S3_compliant-bucket.json")
	if len(y) != len(j) || len(y) == 0 {
		t.Fatalf("%d entities from YAML, %d from JSON", len(y), len(j))
	}
	for i := range y {
		if string(y[i].Data) != string(j[i].Data) || y[i].NotModelled != j[i].NotModelled {
			t.Errorf("%s differs:\nyaml %s\njson %s", y[i].Origin.Resource, y[i].Data, j[i].Data)
		}
		for _, c := range []struct {
			e    Entity
			data []byte
			key  string
		}{{y[i], ydata, y[i].Origin.Resource + ":"}, {j[i], jdata, `"` + j[i].Origin.Resource + `"`}} {
			lines := strings.Split(string(c.data), "\n")
			o := c.e.Origin
			if o.Line < 1 || o.Line > len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[o.Line-1]), c.key) {
				t.Errorf("%s: origin line %d col %d is not where %s is", o.Input, o.Line, o.Col, c.key)
			} else if got := strings.Index(lines[o.Line-1], strings.TrimSpace(lines[o.Line-1])) + 1; got != o.Col {
				t.Errorf("%s: %s at column %d, origin says %d", o.Input, c.key, got, o.Col)
			}
		}
	}
}

func TestCloudFormationErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not yaml", "Resources: [\n", "t.yaml:"},
		{"no resources", "AWSTemplateFormatVersion: '2010-09-09'\nDescription: x\n", "t.yaml:1:1: no Resources section"},
		{"list", "- a\n- b\n", "a template is a mapping"},
		{"two documents", "Resources: {}\n---\nResources: {}\n", "2 YAML documents"},
		{"deep", "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      X: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", "nest too deeply"},
	}
	for _, tc := range tests {
		err := ReadCloudFormation(strings.NewReader(tc.src), "t.yaml", func(Entity) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	// A resource without a Type is an error record, not a lost resource.
	var ents []Entity
	err := ReadCloudFormation(strings.NewReader("Resources:\n  Topic:\n    Properties: {}\n  Q:\n    Type: AWS::SQS::Queue\n"), "t.yaml", func(e Entity) error {
		ents = append(ents, e)
		return nil
	})
	if err != nil || len(ents) != 2 || ents[0].Err == nil || !strings.Contains(ents[0].Err.Error(), "t.yaml:2:3: Topic: resource has no Type") {
		t.Errorf("got %v, %+v", err, ents)
	}
}

func TestDetectors(t *testing.T) {
	for _, tc := range []struct {
		head string
		name string
		tf   bool
		cfn  bool
	}{
		{`{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{`, "plan.json", true, false},
		{"{\n  \"format_version\": \"0.1\",", "x.json", true, false},
		{"\xff\xfe{\x00\"\x00f\x00o\x00r\x00m\x00a\x00t\x00_\x00v\x00e\x00r\x00s\x00i\x00o\x00n\x00\"\x00", "plan.json", true, false},
		{`{"version": 4, "terraform_version": "1.5.0", "serial": 3, "lineage": "`, "terraform.tfstate", true, false},
		{"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n", "t.yaml", false, true},
		{"Resources:\n  B:\n    Type: AWS::S3::Bucket\n", "t.yml", false, true},
		{`{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, "t.json", false, true},
		{`{"type": "S3Bucket", "id": "b"}`, "e.json", false, false},
		{"Resources:\n  - 1\n", "notes.yaml", false, false},
		{`{"configurationItems": [{"resourceType": "AWS::S3::Bucket", "relatedResources": []}]}`, "snapshot.json", false, false},
	} {
		if got := isTerraformJSON([]byte(tc.head)); got != tc.tf {
			t.Errorf("isTerraformJSON(%q) = %v", tc.head, got)
		}
		if got := isCloudFormation([]byte(tc.head), tc.name); got != tc.cfn {
			t.Errorf("isCloudFormation(%q) = %v", tc.head, got)
		}
	}
}

// TestCloudFormationJoins pins the joins and intrinsic functions on a
// small template: GetAtt and Ref links, a trail's bucket embedded, the
// default egress rule replaced by an egress resource, placeholders in a
// policy, parameters unknown, literal Sub and Join.
func TestCloudFormationJoins(t *testing.T) {
	const tmpl = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "audit-trail-logs"
      LoggingConfiguration:
        DestinationBucketName: !Join ["-", [access, logs]]
      AccessControl: LogDeliveryWrite
  TrailBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailBucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: !Sub "${TrailBucket.Arn}/*"
            Condition: {Bool: {"aws:SecureTransport": false}}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref TrailBucket
      KMSKeyId: !Ref KeyArn
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
  Https:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Group.GroupId
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 0.0.0.0/0
  Out:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !Ref Group
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/8
`
	ents, err := collectEntities(t, func(emit func(Entity) error) error {
		return ReadCloudFormation(strings.NewReader(tmpl), "t.yaml", emit)
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var docs []Entity
	for _, e := range ents {
		if e.Ignored != "" {
			got[e.Origin.Resource] = "ignored: " + e.Ignored
			continue
		}
		got[e.Origin.Resource] = string(e.Data)
		docs = append(docs, e)
	}
	if len(ents) != 6 || len(docs) != 3 {
		t.Errorf("%d entities, %d documents, want 6 (bucket, trail, group and the 3 resources merged into them)", len(ents), len(docs))
	}
	for _, w := range []struct{ id, want string }{
		{"TrailBucket", `"logging":{"enabled":true,"targetBucketName":"access-logs"}`},
		{"TrailBucket", `"name":"audit-trail-logs"`},
		{"TrailBucket", `"Resource":"${TrailBucket.Arn}/*"`},
		{"TrailBucket", `"references":{"policy":["!Sub ${TrailBucket.Arn}/*"]}`},
		{"TrailBucket", `"uri":"http://acs.amazonaws.com/groups/s3/LogDelivery"`},
		{"Trail", `"s3Bucket":{"acl":`},
		{"Trail", `"kmsKeyId":["!Ref KeyArn (parameter)"]`},
		{"Group", `"inboundRules":[{"port":443,"portTo":443,"protocol":"TCP","scope":"0.0.0.0/0"}]`},
		{"Group", `"outboundRules":[{"port":443,"portTo":443,"protocol":"TCP","scope":"10.0.0.0/8"}]`},
		{"Group", `"merged":["Https","Out"]`},
		{"TrailBucketPolicy", "ignored: AWS::S3::BucketPolicy (merged into its S3Bucket)"},
		{"Https", "ignored: AWS::EC2::SecurityGroupIngress (merged into its SecurityGroup)"},
	} {
		if !strings.Contains(got[w.id], w.want) {
			t.Errorf("%s: want %s in\n%s", w.id, w.want, got[w.id])
		}
	}
	if o := docs[1].Origin; o.Resource != "Trail" || o.Line != 24 || o.Col != 3 {
		t.Errorf("trail origin %+v, want line 24 column 3", o)
	}
}

// TestCloudFormationManagedPolicy: a managed policy of the template is an
// IamPolicy and is attached to the users it lists.
func TestCloudFormationManagedPolicy(t *testing.T) {
	const tmpl = `Resources:
  Dev:
    Type: AWS::IAM::User
    Properties: {UserName: dev}
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: admin
      Users: [!Ref Dev, someone-else]
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
`
	ents, err := collectEntities(t, func(emit func(Entity) error) error {
		return ReadCloudFormation(strings.NewReader(tmpl), "t.yaml", emit)
	})
	if err != nil || len(ents) != 2 {
		t.Fatalf("%v, %d entities", err, len(ents))
	}
	if !strings.Contains(string(ents[0].Data), `"managedPolicies":[{"arn":"${Admin}","name":"admin","policyDocument":{"Statement":[{"Action":"*"`) {
		t.Errorf("user: %s", ents[0].Data)
	}
	if !strings.Contains(string(ents[1].Data), `"attachmentCount":2`) {
		t.Errorf("policy: %s", ents[1].Data)
	}
}

// TestCloudFormationMalformedProperties: properties of the wrong shape
// leave the property out (or unknown); they never panic.
func TestCloudFormationMalformedProperties(t *testing.T) {
	const tmpl = `Resources:
  F:
    Type: AWS::Lambda::Function
    Properties: {VpcConfig: oops, Environment: [1], TracingConfig: 3}
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketEncryption: {ServerSideEncryptionConfiguration: [x, {ServerSideEncryptionByDefault: 1}]}, PublicAccessBlockConfiguration: [], Tags: oops}
  G:
    Type: AWS::EC2::SecurityGroup
    Properties: {SecurityGroupIngress: [x, [1], {IpProtocol: {a: b}}], SecurityGroupEgress: oops}
  L:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {LoadBalancerAttributes: [x, {Key: 1}]}
  LL:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref L, Certificates: [x], DefaultActions: [x, {RedirectConfig: x}]}
`
	ents, err := collectEntities(t, func(emit func(Entity) error) error {
		return ReadCloudFormation(strings.NewReader(tmpl), "t.yaml", emit)
	})
	// Five resources, five records: the listener is merged into its load
	// balancer and accounted for as such.
	if err != nil || len(ents) != 5 || ents[4].Ignored == "" {
		t.Fatalf("%v, %d entities", err, len(ents))
	}
}

// cfnPropertyNames are the property names the CloudFormation mappings read.
const cfnPropertyNames = "ACTIVE AccessControl AccessLoggingPolicy AcmCertificate Action AdvancedEventSelectors AliasName Aliases AllocatedStorage Allow AllowVersionUpgrade ApplicationLoadBalancer ArnLike AssociatePublicIpAddress AssumeRolePolicyDocument AtRestEncryptionEnabled AuthToken AuthType AutoMinorVersionUpgrade AutomatedSnapshotRetentionPeriod AvailabilityZone AvailabilityZones BackupPolicy BackupRetentionPeriod BillingMode BlockDeviceMappings BlockPublicAcls BlockPublicPolicy Bucket BucketEncryption BucketKeyEnabled BucketName CACertificateIdentifier CUSTOMER CacheBehaviors CacheNodeType CertificateArn Certificates CidrBlock CidrIp CidrIpv6 CloudFront CloudTrail CloudWatchLogsLogGroupArn CloudWatchLogsRoleArn ClusterIdentifier Condition ConnectionDrainingPolicy CopyTagsToSnapshot CrossZone DBClusterIdentifier DBInstanceClass DBInstanceIdentifier DBName DataResources DeadLetterConfig DefaultActions DefaultCacheBehavior DefaultRootObject DeletionProtection DeletionProtectionEnabled Description DestinationPrefixListId DestinationSecurityGroupId DeviceName Disabled DisplayName DomainName DynamoDbTable EFS ELB ENABLED Ebs EbsOptimized Effect Egress ElastiCache EnableCloudwatchLogsExports EnableIAMDatabaseAuthentication EnableKeyRotation EnableLogFileValidation EnablePerformanceInsights Encrypted Engine EngineVersion EnhancedVpcRouting Environment EventSelectors FieldSelectors FifoQueue FileSystemPolicy From FromPort FunctionName GatewayLoadBalancer GroupDescription GroupId GroupName Groups Handler IamGroup IamInstanceProfile IamPolicy IamRole IamUser Id IgnorePublicAcls ImageId IncludeGlobalServiceEvents IncludeManagementEvents Inline Instance InstancePort InstanceProtocol InstanceTenancy InstanceType Iops IpAddressType IpProtocol Ipv6CidrBlock IsLogging IsMultiRegionTrail IsOrganizationTrail KMS KMSKeyId KMSMasterKeyID Key KeyName KeyPolicy KeySpec KeyUsage KmsKeyArn KmsKeyId KmsMasterKeyId Lambda LaunchTemplate Layers LifecycleConfiguration Listeners LoadBalancerArn LoadBalancerAttributes LoadBalancerName LoadBalancerPort LogDestination LogDestinationType LogGroup LogGroupName Logging LoggingConfiguration LoggingProperties LoginProfile Managed ManagedPolicyArns ManagedPolicyName MapPublicIpOnLaunch MasterUsername MaxSessionDuration MemorySize MessageRetentionPeriod Monitoring MonitoringInterval MultiAZ MultiAZEnabled MultiRegion NACL NetworkAclId NetworkInterfaces NetworkLoadBalancer NodeType NumberOfNodes ObjectLockEnabled Origin PackageType Path PathPattern PerformanceMode PermissionsBoundary PointInTimeRecoverySpecification Policies PolicyDocument PolicyName Port PortRange Principal Protocol PublicAccessBlockConfiguration PubliclyAccessible QueueName Queues RDS ReadWriteType RedirectConfig RedrivePolicy Redshift ReplicationConfiguration ReservedConcurrentExecutions ResourceId RestrictPublicBuckets RetentionInDays RoleName Roles RuleAction RuleNumber Runtime S3Bucket S3BucketName S3KeyPrefix SSEAlgorithm SSESpecification SSLCertificateId Scheme SecurityGroup SecurityGroupEgress SecurityGroupIngress ServerSideEncryptionByDefault Service Size SnapshotId SnapshotRetentionLimit SnsTopic SourceAccount SourceArn SourceDestCheck SourcePrefixListId SourceSecurityGroupId SourceSecurityGroupName SqsManagedSseEnabled SqsQueue SslPolicy Statement Status StatusCode StorageEncrypted StorageType StringEquals SubjectAlternativeNames Subnet SubnetId SubnetIds Subnets TableName Tags TargetFunctionArn TargetKeyId ThroughputMode Timeout To ToPort TopicName Topics TracingConfig TrafficType TrailName TransitEncryptionEnabled UserName Users VPC Value Values Version VersioningConfiguration ViewerCertificate ViewerProtocolPolicy VisibilityTimeout Volume VolumeSize VolumeType VpcConfig VpcId WebACLId WebsiteConfiguration"

// TestCloudFormationOddValues gives every property of every mapped type
// values of odd shapes: never a panic, every resource accounted for.
func TestCloudFormationOddValues(t *testing.T) {
	odd := []string{"oops", "[1, {Key: 1, Value: [2]}, null]", "{a: [{b: 1}]}", "!GetAtt R.Arn"}
	for _, v := range odd {
		var b strings.Builder
		b.WriteString("Parameters: {P: {Type: String}}\nResources:\n  R:\n    Type: AWS::KMS::Key\n")
		n := 1
		for tt := range cloudFormationTypes {
			fmt.Fprintf(&b, "  R%d:\n    Type: %s\n    Properties:\n", n, tt)
			for _, p := range strings.Fields(cfnPropertyNames) {
				fmt.Fprintf(&b, "      %s: %s\n", p, v)
			}
			n++
		}
		ents, err := collectEntities(t, func(emit func(Entity) error) error {
			return ReadCloudFormation(strings.NewReader(b.String()), "t.yaml", emit)
		})
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		merged := map[string]bool{}
		for _, e := range ents {
			if e.Err != nil && strings.Contains(e.Err.Error(), "internal error") {
				t.Errorf("%s: %v", v, e.Err)
			}
			var doc struct {
				Source struct{ Merged []string } `json:"source"`
			}
			if e.Data != nil {
				if err := json.Unmarshal(e.Data, &doc); err != nil {
					t.Fatal(err)
				}
			}
			for _, m := range doc.Source.Merged {
				merged[m] = true
			}
		}
		for _, e := range ents {
			delete(merged, e.Origin.Resource) // a managed policy is both
		}
		if len(ents)+len(merged) != n {
			t.Errorf("%s: %d entities and %d merged for %d resources", v, len(ents), len(merged), n)
		}
	}
}
