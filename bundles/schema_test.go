package bundles

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite generated files (ENTITIES.md, bundles/*/README.md, bundles/preparsed_gen.go)")

func TestAWSSchema(t *testing.T) {
	s, err := ParseSchema(awsSchemaYAML, "aws.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The types the shipped bundles and the brief rely on.
	for _, name := range []string{"Instance", "Volume", "SecurityGroup", "NACL", "VPC", "Subnet", "S3Bucket",
		"IamUser", "IamRole", "IamGroup", "IamPolicy", "Iam", "RDS", "ELB", "ApplicationLoadBalancer",
		"NetworkLoadBalancer", "Lambda", "KMS", "CloudTrail", "Region", "DynamoDbTable", "EFS", "Redshift",
		"ElastiCache", "SnsTopic", "SqsQueue"} {
		typ := s.Type(name)
		if typ == nil {
			t.Errorf("type %s missing", name)
			continue
		}
		for _, env := range []string{"type", "id", "name", "arn", "accountNumber", "region", "tags"} {
			if typ.Node.Properties[env] == nil {
				t.Errorf("%s: envelope property %s missing", name, env)
			}
		}
	}
	// Paths that decide CIS and HIPAA controls.
	for _, path := range []string{
		"Instance.metadataOptions.httpTokens", "Instance.volumes[].encrypted", "Instance.nics[].subnet.nacl.inbound[].action",
		"RDS.autoMinorVersionUpgrade", "RDS.isPublic", "RDS.isStorageEncrypted", "EFS.encrypted",
		"Region.ebsEncryptionByDefault", "Region.configurationRecorders[].allSupported", "Region.securityHub.enabled",
		"Region.accessAnalyzers[].status", "Region.guardDuty.enabled", "Region.macie.status", "Region.hasVpcFLowLogging",
		"Iam.passwordPolicy.minPasswordLength", "Iam.stats.accountMfaEnabled", "Iam.rootUser.firstAccessKey.isActive",
		"IamUser.firstAccessKey.lastRotated", "IamPolicy.document.Statement[].Effect", "IamPolicy.roles[].name",
		"S3Bucket.acl.grants[].premission", "S3Bucket.accountPublicAccessBlock.blockPublicAcls",
		"S3Bucket.policy.Statement[].Condition", "CloudTrail.metricFilters[].alarms[].hasSNSSubscriber",
		"CloudTrail.s3Bucket.logging.enabled", "KMS.rotationStatus", "VPC.hasFlowLogs", "NACL.inbound[].destinationPortTo",
		"SecurityGroup.inboundRules[].scope", "ApplicationLoadBalancer.listeners[].certificates[].expiration",
	} {
		if n := lookupDotted(s, path); n == nil {
			t.Errorf("path %s not in schema", path)
		}
	}
}

// lookupDotted resolves "Type.a.b[].c" against s.
func lookupDotted(s *Schema, path string) *Node {
	typ, rest, _ := strings.Cut(path, ".")
	et := s.Type(typ)
	if et == nil {
		return nil
	}
	n := et.Node
	for _, seg := range strings.Split(rest, ".") {
		arr := strings.HasSuffix(seg, "[]")
		n = s.Property(n, strings.TrimSuffix(seg, "[]"))
		if n == nil {
			return nil
		}
		if arr {
			if n.Kind != KindArray {
				return nil
			}
			n = n.Items
		}
	}
	return n
}

func TestParseSchemaErrors(t *testing.T) {
	base := "version: 1\nenvelope:\n  type: string | The type\n"
	tests := []struct{ src, want string }{
		{base + "types:\n  A:\n    doc: x\n    properties:\n      b: Nope | y\n", `unknown type "Nope"`},
		{base + "types:\n  A:\n    doc: x\n    properties:\n      b: string\n", `want "TYPE | meaning"`},
		{base + "types:\n  A:\n    doc: x\n    properties:\n      b:\n        type: string\n", "no doc"},
		{base + "types:\n  A:\n    properties:\n      b: string | y\n", "types.A: no doc"},
		{base + "types:\n  A:\n    doc: x\n    colour: red\n", `unknown key "colour"`},
		{base + "types:\n  A:\n    doc: x\n    properties:\n      type: string | y\n", "redefines an envelope property"},
		{base + "types:\n  A:\n    doc: x\n    properties:\n      b:\n        type: string\n        doc: y\n        properties:\n          c: string | z\n", "properties on a string"},
		{"version: 2\n", "unsupported schema version"},
		{"version: 1\nenvelope: [\n", "aws.yaml"},
	}
	for _, tt := range tests {
		_, err := ParseSchema([]byte(tt.src), "aws.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseSchema(%q) = %v, want error containing %q", tt.src, err, tt.want)
		}
	}
}

// TestEntitiesDoc checks that ENTITIES.md at the module root is the
// rendering of the embedded schema. Run with -update to rewrite it.
func TestEntitiesDoc(t *testing.T) {
	got := AWS().Markdown()
	file := filepath.Join("..", "ENTITIES.md")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("ENTITIES.md is stale: run go test ./bundles -run TestEntitiesDoc -update")
	}
}
