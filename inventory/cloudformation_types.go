package inventory

import (
	"fmt"
	"strings"
)

// cloudFormationTypes maps CloudFormation resource types to the entity
// model (ENTITIES.md). Property defaults are CloudFormation's, from the
// AWS resource reference; a type not listed here is emitted as
// NotModelled.
var cloudFormationTypes = map[string]typeMap{
	"AWS::EC2::Instance":             {entity: "Instance", build: cfnInstance},
	"AWS::EC2::Volume":               {entity: "Volume", build: cfnVolume},
	"AWS::EC2::SecurityGroup":        {entity: "SecurityGroup", build: cfnSecurityGroup},
	"AWS::EC2::SecurityGroupIngress": {children: []*childMap{cfnSGChild("GroupId"), cfnSGChild("GroupName")}},
	"AWS::EC2::SecurityGroupEgress":  {children: []*childMap{cfnSGChild("GroupId")}},
	"AWS::EC2::NetworkAcl":           {entity: "NACL", build: cfnNACL},
	"AWS::EC2::NetworkAclEntry": {children: []*childMap{{link: "NetworkAclId", parents: []string{"AWS::EC2::NetworkAcl"},
		merge: cfnNACLEntry}}},
	"AWS::EC2::VPC": {entity: "VPC", build: cfnVPC},
	"AWS::EC2::FlowLog": {children: []*childMap{{link: "ResourceId", parents: []string{"AWS::EC2::VPC"},
		merge: cfnFlowLog}}},
	"AWS::EC2::Subnet": {entity: "Subnet", build: cfnSubnet},

	"AWS::S3::Bucket": {entity: "S3Bucket", build: cfnS3Bucket, after: s3NewBucketDefaults},
	"AWS::S3::BucketPolicy": {children: []*childMap{{link: "Bucket", parents: []string{"AWS::S3::Bucket"}, keys: []string{"BucketName"},
		merge: func(p *builder, c *iacResource) { p.copyFrom(c, "policy", "PolicyDocument", policyDoc) }}}},

	"AWS::IAM::User":  {entity: "IamUser", build: cfnIamIdentity("UserName")},
	"AWS::IAM::Group": {entity: "IamGroup", build: cfnIamIdentity("GroupName")},
	"AWS::IAM::Role":  {entity: "IamRole", build: cfnIamIdentity("RoleName")},
	"AWS::IAM::Policy": {children: []*childMap{
		{link: "Users", parents: []string{"AWS::IAM::User"}, keys: []string{"UserName"}, merge: cfnInlinePolicy},
		{link: "Groups", parents: []string{"AWS::IAM::Group"}, keys: []string{"GroupName"}, merge: cfnInlinePolicy},
		{link: "Roles", parents: []string{"AWS::IAM::Role"}, keys: []string{"RoleName"}, merge: cfnInlinePolicy},
	}},
	"AWS::IAM::RolePolicy":  {children: []*childMap{{link: "RoleName", parents: []string{"AWS::IAM::Role"}, keys: []string{"RoleName"}, merge: cfnInlinePolicy}}},
	"AWS::IAM::UserPolicy":  {children: []*childMap{{link: "UserName", parents: []string{"AWS::IAM::User"}, keys: []string{"UserName"}, merge: cfnInlinePolicy}}},
	"AWS::IAM::GroupPolicy": {children: []*childMap{{link: "GroupName", parents: []string{"AWS::IAM::Group"}, keys: []string{"GroupName"}, merge: cfnInlinePolicy}}},
	"AWS::IAM::AccessKey":   {children: []*childMap{{link: "UserName", parents: []string{"AWS::IAM::User"}, keys: []string{"UserName"}, merge: cfnAccessKey}}},
	"AWS::IAM::ManagedPolicy": {entity: "IamPolicy", build: cfnManagedPolicy, children: []*childMap{
		{link: "Users", parents: []string{"AWS::IAM::User"}, keys: []string{"UserName"}, merge: cfnAttachManaged, optional: true},
		{link: "Groups", parents: []string{"AWS::IAM::Group"}, keys: []string{"GroupName"}, merge: cfnAttachManaged, optional: true},
		{link: "Roles", parents: []string{"AWS::IAM::Role"}, keys: []string{"RoleName"}, merge: cfnAttachManaged, optional: true},
	}},

	"AWS::RDS::DBInstance": {entity: "RDS", build: cfnRDS, children: []*childMap{{link: "DBClusterIdentifier",
		parents: []string{"AWS::RDS::DBCluster"}, keys: []string{"DBClusterIdentifier"}, merge: rdsMember("DBInstanceIdentifier", "AvailabilityZone"), optional: true}}},
	"AWS::KMS::Key":   {entity: "KMS", build: cfnKMS},
	"AWS::KMS::Alias": {children: []*childMap{{link: "TargetKeyId", parents: []string{"AWS::KMS::Key"}, merge: cfnKMSAlias}}},
	"AWS::CloudTrail::Trail": {entity: "CloudTrail", build: cfnCloudTrail, embeds: []embedMap{
		{link: "S3BucketName", to: "s3Bucket", parents: []string{"AWS::S3::Bucket"}, keys: []string{"BucketName"}}}},
	"AWS::DynamoDB::Table":                      {entity: "DynamoDbTable", build: cfnDynamo},
	"AWS::EFS::FileSystem":                      {entity: "EFS", build: cfnEFS},
	"AWS::Redshift::Cluster":                    {entity: "Redshift", build: cfnRedshift},
	"AWS::ElastiCache::ReplicationGroup":        {entity: "ElastiCache", build: cfnElastiCache},
	"AWS::SNS::Topic":                           {entity: "SnsTopic", build: cfnSNS},
	"AWS::SNS::TopicPolicy":                     {children: []*childMap{{link: "Topics", parents: []string{"AWS::SNS::Topic"}, merge: cfnResourcePolicy}}},
	"AWS::SQS::Queue":                           {entity: "SqsQueue", build: cfnSQS},
	"AWS::SQS::QueuePolicy":                     {children: []*childMap{{link: "Queues", parents: []string{"AWS::SQS::Queue"}, merge: cfnResourcePolicy}}},
	"AWS::Logs::LogGroup":                       {entity: "LogGroup", build: cfnLogGroup},
	"AWS::Lambda::Function":                     {entity: "Lambda", build: cfnLambda},
	"AWS::Lambda::Permission":                   {children: []*childMap{{link: "FunctionName", parents: []string{"AWS::Lambda::Function"}, keys: []string{"FunctionName"}, merge: cfnLambdaPermission}}},
	"AWS::Lambda::Url":                          {children: []*childMap{{link: "TargetFunctionArn", parents: []string{"AWS::Lambda::Function"}, merge: cfnLambdaURL}}},
	"AWS::ElasticLoadBalancing::LoadBalancer":   {entity: "ELB", build: cfnELB},
	"AWS::ElasticLoadBalancingV2::LoadBalancer": {entity: "ApplicationLoadBalancer", build: cfnLB},
	"AWS::ElasticLoadBalancingV2::Listener": {children: []*childMap{{link: "LoadBalancerArn", parents: []string{"AWS::ElasticLoadBalancingV2::LoadBalancer"},
		merge: cfnLBListener}}},
	"AWS::CloudFront::Distribution":        {entity: "CloudFront", build: cfnCloudFront},
	"AWS::CertificateManager::Certificate": {entity: "AcmCertificate", build: cfnACM},

	"AWS::RDS::DBCluster":                     {entity: "RDSCluster", build: cfnRDSCluster, after: rdsClusterAfter},
	"AWS::ECR::Repository":                    {entity: "EcrRepository", build: cfnECR},
	"AWS::ECR::RegistryScanningConfiguration": {broadcast: []string{"AWS::ECR::Repository"}, merge: cfnECRRegistryScanning},
	"AWS::ECS::Cluster":                       {entity: "EcsCluster", build: cfnECSCluster, after: ecsClusterAfter},
	"AWS::ECS::Service":                       {entity: "EcsService", build: cfnECSService},
	"AWS::ECS::TaskDefinition":                {entity: "EcsTaskDefinition", build: cfnECSTaskDefinition},
	"AWS::EKS::Cluster":                       {entity: "EKSCluster", build: cfnEKS},
	"AWS::OpenSearchService::Domain":          {entity: "ElasticSearchDomain", build: cfnOpenSearch},
	"AWS::Elasticsearch::Domain":              {entity: "ElasticSearchDomain", build: cfnOpenSearch},
	"AWS::ApiGateway::RestApi":                {entity: "ApiGateway", build: cfnAPIGateway},
	"AWS::ApiGateway::Stage":                  {children: []*childMap{{link: "RestApiId", parents: []string{"AWS::ApiGateway::RestApi"}, merge: cfnAPIStage}}},
	"AWS::ApiGateway::Deployment":             {children: []*childMap{{link: "RestApiId", parents: []string{"AWS::ApiGateway::RestApi"}, merge: cfnAPIDeployment}}},
	"AWS::WAFv2::WebACLAssociation":           {attach: &attachMap{targets: cfnWebACLTargets, from: "WebACLArn", to: "webAclArn"}},
	"AWS::WAFRegional::WebACLAssociation":     {attach: &attachMap{targets: cfnWebACLTargets, from: "WebACLId", to: "webAclArn"}},
	"AWS::ApiGatewayV2::Api":                  {entity: "ApiGatewayV2", build: cfnAPIGatewayV2},
	"AWS::ApiGatewayV2::Stage":                {children: []*childMap{{link: "ApiId", parents: []string{"AWS::ApiGatewayV2::Api"}, merge: cfnAPIV2Stage}}},
	"AWS::ApiGatewayV2::Route":                {children: []*childMap{{link: "ApiId", parents: []string{"AWS::ApiGatewayV2::Api"}, merge: cfnAPIV2Route}}},
	"AWS::SecretsManager::Secret":             {entity: "SecretsManagerSecret", build: cfnSecret, after: tfSecretAfter},
	"AWS::SecretsManager::RotationSchedule": {children: []*childMap{{link: "SecretId", parents: []string{"AWS::SecretsManager::Secret"},
		keys: []string{"Name"}, merge: cfnSecretRotation}}},
	"AWS::SecretsManager::ResourcePolicy": {children: []*childMap{{link: "SecretId", parents: []string{"AWS::SecretsManager::Secret"},
		keys: []string{"Name"}, merge: cfnSecretPolicy}}},
	"AWS::AutoScaling::AutoScalingGroup": {entity: "AutoScalingGroup", build: cfnAutoScalingGroup, embeds: []embedMap{
		{link: "LaunchConfigurationName", to: "launchConfiguration", parents: []string{"AWS::AutoScaling::LaunchConfiguration"},
			keys: []string{"LaunchConfigurationName"}}}},
	"AWS::AutoScaling::LaunchConfiguration": {entity: "LaunchConfiguration", build: cfnLaunchConfiguration, embedOnly: true},
	"AWS::EC2::LaunchTemplate":              {entity: "LaunchTemplate", build: cfnLaunchTemplate},

	"AWS::GuardDuty::Detector":           {region: cfnRegion},
	"AWS::SecurityHub::Hub":              {region: cfnRegion},
	"AWS::Config::ConfigurationRecorder": {region: cfnRegion},
	"AWS::Config::DeliveryChannel":       {region: cfnRegion},
	"AWS::AccessAnalyzer::Analyzer":      {region: cfnRegion},
	"AWS::Macie::Session":                {region: cfnRegion},
}

// cfnCommon copies the envelope: tags, and the name from the given
// property or, for EC2 resources, the Name tag. A name CloudFormation
// generates at deploy is left out (not unknown: no rule judges a name it
// did not choose).
func cfnCommon(b *builder, nameProp string) {
	b.copy("tags", "Tags", tfTagList)
	if nameProp != "" {
		b.copy("name", nameProp, nil)
	}
	if _, ok := b.doc["name"]; !ok {
		if n, ok := tagValue(b.doc, "Name"); ok {
			b.set("name", n)
		}
	}
	delete(b.unknown, "name")
}

func cfnVolume(b *builder) {
	cfnCommon(b, "")
	b.fields("kmsKeyId", "KmsKeyId", "size", "Size", "volumeType", "VolumeType", "iops", "Iops",
		"availabilityZone", "AvailabilityZone", "snapshotId", "SnapshotId")
	if !b.copy("encrypted", "Encrypted", asBool) {
		if _, known, _ := b.r.get("Encrypted"); known {
			// Not set: encrypted only if the account encrypts new volumes
			// by default, which a template does not say.
			b.markUnknown("encrypted", "the account's EBS encryption by default"+computedSuffix)
		}
	}
}

func cfnInstance(b *builder) {
	cfnCommon(b, "")
	b.fields("instanceType", "InstanceType", "image", "ImageId", "keyName", "KeyName", "subnetId", "SubnetId",
		"ebsOptimized", "EbsOptimized", "sourceDestCheck", "SourceDestCheck")
	b.copy("monitoring", "Monitoring", func(v any) (any, bool) {
		return map[bool]string{true: "enabled", false: "disabled"}[v == true], true
	})
	if v, known, refs := b.r.get("IamInstanceProfile"); !known {
		b.markUnknown("profileArn", refs...)
	} else if v != nil {
		b.markUnknown("profileArn", fmt.Sprintf("instance profile %v", v))
	}
	if v, known, refs := b.r.get("BlockDeviceMappings"); !known {
		b.markUnknown("volumes", refs...)
	} else {
		var vols []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			ebs, _ := m["Ebs"].(map[string]any)
			if ebs == nil {
				continue
			}
			vol := map[string]any{}
			if enc, ok := asBool(ebs["Encrypted"]); ok {
				vol["encrypted"] = enc
			}
			if k, ok := ebs["KmsKeyId"].(string); ok {
				vol["kmsKeyId"] = k
			}
			if n, ok := asNumber(ebs["VolumeSize"]); ok {
				vol["size"] = n
			}
			if d, ok := m["DeviceName"].(string); ok {
				vol["attachments"] = []any{map[string]any{"device": d}}
			}
			vols = append(vols, dropUnknown(vol))
		}
		if vols != nil {
			b.set("volumes", vols)
		}
	}
	if v, _, _ := b.r.get("NetworkInterfaces"); v != nil {
		for _, e := range list(v) {
			if m, _ := e.(map[string]any); m != nil && m["AssociatePublicIpAddress"] == true {
				b.markUnknown("isPublic", "a public IP address: reachable if the subnet routes to an internet gateway")
			}
		}
	}
	notInPlan(b, "isRunning", "state", "ssm", "isPublic")
	// IMDS settings live in a launch template, not on AWS::EC2::Instance.
	if _, ok := b.r.vals["LaunchTemplate"]; ok {
		b.markUnknown("metadataOptions", "the launch template")
	} else {
		b.markUnknown("metadataOptions", "the AMI's and account's instance metadata defaults"+computedSuffix)
	}
	if _, ok := b.doc["volumes"]; !ok {
		if _, unk := b.unknown["volumes"]; !unk {
			b.markUnknown("volumes", "the AMI's block device mappings"+computedSuffix)
		}
	}
}

// cfnRuleScopes lists the scopes of a CloudFormation ingress or egress
// rule, with what keeps some of them unknown.
func cfnRuleScopes(m map[string]any, egress bool) (scopes, unknown []string) {
	props := []string{"CidrIp", "CidrIpv6", "SourcePrefixListId", "SourceSecurityGroupId", "SourceSecurityGroupName"}
	if egress {
		props = []string{"CidrIp", "CidrIpv6", "DestinationPrefixListId", "DestinationSecurityGroupId"}
	}
	for _, p := range props {
		switch v := m[p].(type) {
		case string:
			scopes = append(scopes, v)
		case unknownVal:
			unknown = append(unknown, v.refs...)
		}
	}
	return scopes, unknown
}

// cfnAddRule appends one rule (a SecurityGroupIngress/Egress element or
// resource) to the group's property to.
func cfnAddRule(b *builder, m map[string]any, to string) {
	scopes, unknown := cfnRuleScopes(m, to == "outboundRules")
	if len(unknown) > 0 {
		b.markUnknown(to, unknown...)
	}
	for _, p := range []string{"IpProtocol", "FromPort", "ToPort"} {
		if u, ok := m[p].(unknownVal); ok {
			b.markUnknown(to, u.refs...)
			return
		}
	}
	b.appendTo(to, securityRules(m["IpProtocol"], m["FromPort"], m["ToPort"], scopes, m["Description"])...)
}

func cfnSecurityGroup(b *builder) {
	cfnCommon(b, "GroupName")
	b.fields("description", "GroupDescription", "vpcId", "VpcId")
	b.doc["inboundRules"] = []any{}
	b.doc["outboundRules"] = []any{}
	for _, dir := range []struct{ prop, to string }{{"SecurityGroupIngress", "inboundRules"}, {"SecurityGroupEgress", "outboundRules"}} {
		v, known, refs := b.r.get(dir.prop)
		if !known {
			b.markUnknown(dir.to, refs...)
			continue
		}
		if v == nil && dir.to == "outboundRules" {
			// Without egress rules AWS keeps the default allow-all rule.
			b.appendTo("outboundRules", securityRules("-1", 0, 0, []string{"0.0.0.0/0"}, nil)...)
			continue
		}
		for _, e := range list(v) {
			switch m := e.(type) {
			case map[string]any:
				cfnAddRule(b, m, dir.to)
			case unknownVal:
				b.markUnknown(dir.to, m.refs...)
			}
		}
	}
}

func cfnSGChild(link string) *childMap {
	return &childMap{link: link, parents: []string{"AWS::EC2::SecurityGroup"}, keys: []string{"GroupName"},
		merge: func(p *builder, c *iacResource) {
			to := "inboundRules"
			if c.typ == "AWS::EC2::SecurityGroupEgress" {
				to = "outboundRules"
				// The first egress rule replaces the default allow-all one.
				if !p.egressSet {
					p.doc["outboundRules"] = []any{}
					p.egressSet = true
				}
			}
			cfnAddRule(p, c.vals, to)
		}}
}

func cfnNACL(b *builder) {
	cfnCommon(b, "")
	b.fields("vpcId", "VpcId")
	b.set("isDefault", false)
	b.doc["inbound"] = []any{}
	b.doc["outbound"] = []any{}
}

func cfnNACLEntry(p *builder, c *iacResource) {
	egress, _ := asBool(c.vals["Egress"])
	to := "inbound"
	if egress == true {
		to = "outbound"
	}
	if u, refs := hasUnknown(c.vals); u {
		for _, k := range []string{"CidrBlock", "Ipv6CidrBlock", "Protocol", "PortRange", "RuleAction", "RuleNumber"} {
			if unk, _ := hasUnknown(c.vals[k]); unk {
				p.markUnknown(to, refs...)
				return
			}
		}
	}
	cidr := c.vals["CidrBlock"]
	if cidr == nil {
		cidr = c.vals["Ipv6CidrBlock"]
	}
	pr, _ := c.vals["PortRange"].(map[string]any)
	p.appendTo(to, naclEntry(c.vals["RuleNumber"], c.vals["Protocol"], c.vals["RuleAction"], cidr, pr["From"], pr["To"], egress == true))
}

func cfnVPC(b *builder) {
	cfnCommon(b, "")
	b.fields("cidr", "CidrBlock", "instanceTenancy", "InstanceTenancy")
	b.set("isDefault", false)
	b.doc["flowLogs"] = []any{}
	b.set("hasFlowLogs", false)
}

func cfnFlowLog(p *builder, c *iacResource) {
	fl := map[string]any{"status": "ACTIVE"}
	for _, f := range [][2]string{{"trafficType", "TrafficType"}, {"logDestinationType", "LogDestinationType"}, {"logDestination", "LogDestination"}} {
		if s, ok := c.vals[f[1]].(string); ok {
			fl[f[0]] = s
		}
	}
	p.appendTo("flowLogs", fl)
	p.set("hasFlowLogs", true)
}

func cfnSubnet(b *builder) {
	cfnCommon(b, "")
	b.fields("cidr", "CidrBlock", "availabilityZone", "AvailabilityZone", "vpcId", "VpcId")
	if !b.copy("mapPublicIpOnLaunch", "MapPublicIpOnLaunch", asBool) {
		if _, known, _ := b.r.get("MapPublicIpOnLaunch"); known {
			b.set("mapPublicIpOnLaunch", false)
		}
	}
}

func cfnS3Bucket(b *builder) {
	cfnCommon(b, "BucketName")
	if v, known, refs := b.r.get("AccessControl"); !known {
		b.markUnknown("acl.grants", refs...)
	} else if s, ok := v.(string); ok && s != "" {
		setCannedACL(b, s)
	}
	if v, known, refs := b.r.get("BucketEncryption.ServerSideEncryptionConfiguration"); !known {
		b.markUnknown("encryption", refs...)
	} else if v != nil {
		var rules []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			rule := map[string]any{}
			if d, ok := m["ServerSideEncryptionByDefault"].(map[string]any); ok {
				def := map[string]any{}
				switch a := d["SSEAlgorithm"].(type) {
				case string:
					def["serverSideEncryptionAlgorithm"] = a
				case unknownVal:
					b.markUnknown("encryption", a.refs...)
				}
				if k, ok := d["KMSMasterKeyID"].(string); ok {
					def["kmsMasterKeyId"] = k
				}
				rule["serverSideEncryptionByDefault"] = def
			}
			if bk, ok := asBool(m["BucketKeyEnabled"]); ok {
				rule["bucketKeyEnabled"] = bk
			}
			rules = append(rules, rule)
		}
		b.set("encryption.serverSideEncryptionRules", rules)
	}
	if v, _, _ := b.r.get("LoggingConfiguration"); v != nil {
		b.set("logging.enabled", true)
		b.copy("logging.targetBucketName", "LoggingConfiguration.DestinationBucketName", nil)
		b.copy("logging.targetPrefix", "LoggingConfiguration.LogFilePrefix", nil)
	}
	if s, _, _ := b.r.get("VersioningConfiguration.Status"); s == "Enabled" || s == "Suspended" {
		b.set("versioning.status", s)
	} else {
		b.copy("versioning.status", "VersioningConfiguration.Status", func(any) (any, bool) { return nil, false })
	}
	if v, known, refs := b.r.get("PublicAccessBlockConfiguration"); !known {
		b.markUnknown("publicAccessBlockConfiguration", refs...)
	} else if m, ok := v.(map[string]any); ok {
		for _, f := range []string{"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"} {
			to := "publicAccessBlockConfiguration." + strings.ToLower(f[:1]) + f[1:]
			// A setting left out of the block is false.
			if !b.copy(to, "PublicAccessBlockConfiguration."+f, asBool) {
				if _, unk := m[f].(unknownVal); !unk {
					b.set(to, false)
				}
			}
		}
	}
	// OwnershipControls holds one rule; BucketOwnerEnforced disables ACLs.
	b.copy("ownershipControls.objectOwnership", "OwnershipControls.Rules.0.ObjectOwnership", nil)
	if v, _, _ := b.r.get("ReplicationConfiguration.Rules"); v != nil {
		var rules []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			rule := map[string]any{}
			if s, ok := m["Status"].(string); ok {
				rule["status"] = s
			}
			if s, ok := m["Id"].(string); ok {
				rule["id"] = s
			}
			rules = append(rules, rule)
		}
		b.set("replication.rules", rules)
	}
	if v, _, _ := b.r.get("LifecycleConfiguration.Rules"); v != nil {
		var rules []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			rules = append(rules, dropUnknown(map[string]any{"id": m["Id"], "status": m["Status"]}))
		}
		b.set("lifecycleRules", rules)
	}
	if v, _ := asBool(b.r.vals["ObjectLockEnabled"]); v == true {
		b.set("objectLockConfiguration.objectLockEnabled", "Enabled")
	}
	if v := b.r.vals["WebsiteConfiguration"]; v != nil {
		b.set("website", map[string]any{})
		b.copy("website.indexDocumentSuffix", "WebsiteConfiguration.IndexDocument", nil)
	}
}

func cfnIamIdentity(nameProp string) func(b *builder) {
	return func(b *builder) {
		cfnCommon(b, nameProp)
		b.fields("path", "Path", "description", "Description", "maxSessionDuration", "MaxSessionDuration", "permissionsBoundary", "PermissionsBoundary")
		b.set("region", "global")
		b.copy("assumeRolePolicyDocument", "AssumeRolePolicyDocument", policyDoc)
		if b.r.typ == "AWS::IAM::Role" {
			if _, set := b.doc["maxSessionDuration"]; !set {
				if _, known, _ := b.r.get("MaxSessionDuration"); known {
					b.set("maxSessionDuration", 3600)
				}
			}
		}
		b.doc["managedPolicies"] = []any{}
		b.doc["inlinePolicies"] = []any{}
		if v, known, refs := b.r.get("Policies"); !known {
			b.markUnknown("inlinePolicies", refs...)
		} else {
			for _, e := range list(v) {
				m, _ := e.(map[string]any)
				p := map[string]any{"policyType": "Inline"}
				if n, ok := m["PolicyName"].(string); ok {
					p["name"] = n
				}
				if d, ok := policyDoc(m["PolicyDocument"]); ok {
					p["policyDocument"] = d
				}
				b.appendTo("inlinePolicies", dropUnknown(p))
			}
		}
		if v, known, refs := b.r.get("ManagedPolicyArns"); !known {
			b.markUnknown("managedPolicies", refs...)
		} else {
			for _, e := range list(v) {
				switch a := e.(type) {
				case string:
					b.appendTo("managedPolicies", managedPolicy(a))
				case unknownVal:
					b.appendTo("managedPolicies", map[string]any{"policyType": "Managed", "name": strings.Join(a.refs, " ")})
				}
			}
		}
		if b.r.typ == "AWS::IAM::User" {
			b.set("passwordEnabled", b.r.vals["LoginProfile"] != nil)
			if v, _, _ := b.r.get("Groups"); v != nil {
				for _, g := range stringsOf(v) {
					b.appendTo("attachedGroups", map[string]any{"name": g})
				}
			}
			notInPlan(b, "mfaActive", "virtualMfaEnabled", "firstAccessKey", "secondAccessKey", "passwordLastUsed")
		}
	}
}

// cfnAccessKey merges AWS::IAM::AccessKey into its user (Status defaults
// to Active).
func cfnAccessKey(p *builder, c *iacResource) {
	key := map[string]any{"isActive": c.vals["Status"] != "Inactive"}
	slot := "firstAccessKey"
	if _, used := p.doc[slot]; used {
		slot = "secondAccessKey"
	}
	p.doc[slot] = key
	delete(p.unknown, slot)
	p.markUnknown(slot+".lastRotated", "the time of deploy")
}

func cfnInlinePolicy(p *builder, c *iacResource) {
	pol := map[string]any{"policyType": "Inline"}
	if n, ok := c.vals["PolicyName"].(string); ok {
		pol["name"] = n
	}
	if d, ok := policyDoc(c.vals["PolicyDocument"]); ok {
		pol["policyDocument"] = dropUnknown(d)
	}
	p.appendTo("inlinePolicies", pol)
}

// cfnAttachManaged adds a managed policy of the template to a user, group
// or role it lists, with its document.
func cfnAttachManaged(p *builder, c *iacResource) {
	pol := map[string]any{"policyType": "Managed", "arn": "${" + c.addr + "}"}
	if n, ok := c.vals["ManagedPolicyName"].(string); ok {
		pol["name"] = n
	}
	if d, ok := policyDoc(c.vals["PolicyDocument"]); ok {
		if out, _, unresolved := placeholders(d); unresolved == nil {
			pol["policyDocument"] = out
		}
	}
	p.appendTo("managedPolicies", pol)
}

func cfnManagedPolicy(b *builder) {
	cfnCommon(b, "ManagedPolicyName")
	b.fields("path", "Path", "description", "Description")
	b.copy("document", "PolicyDocument", policyDoc)
	b.set("region", "global")
	b.set("isAwsManaged", false)
	b.set("isAttachable", true)
	n := 0
	for _, k := range []string{"Users", "Groups", "Roles"} {
		for _, e := range list(b.r.vals[k]) {
			p := map[string]any{}
			switch x := e.(type) {
			case string:
				p["name"] = x
			case unknownVal:
				if x.placeholder != "" {
					p["name"] = x.placeholder
				}
			}
			b.appendTo(strings.ToLower(k), p)
			n++
		}
	}
	b.set("attachmentCount", n)
}

func cfnRDS(b *builder) {
	cfnCommon(b, "DBInstanceIdentifier")
	b.fields("dbInstanceIdentifier", "DBInstanceIdentifier", "dbType", "Engine", "engineVersion", "EngineVersion",
		"instanceType", "DBInstanceClass", "storageType", "StorageType", "allocatedStorage", "AllocatedStorage",
		"kmsKeyId", "KmsKeyId",
		"copyTagsToSnapshot", "CopyTagsToSnapshot", "monitoringInterval", "MonitoringInterval",
		"performanceInsightsEnabled", "EnablePerformanceInsights", "enabledCloudwatchLogsExports", "EnableCloudwatchLogsExports",
		"caCertificateIdentifier", "CACertificateIdentifier", "dbClusterIdentifier", "DBClusterIdentifier")
	defaults := []struct {
		to, from string
		def      any
	}{
		{"isStorageEncrypted", "StorageEncrypted", false},
		{"isMultiAvailabilityZone", "MultiAZ", false},
		{"deletionProtection", "DeletionProtection", false},
		{"iamDatabaseAuthenticationEnabled", "EnableIAMDatabaseAuthentication", false},
		{"backupRetentionPeriod", "BackupRetentionPeriod", 1},
		{"autoMinorVersionUpgrade", "AutoMinorVersionUpgrade", true},
	}
	for _, d := range defaults {
		conv := asBool
		if _, isNum := d.def.(int); isNum {
			conv = asNumber
		}
		if !b.copy(d.to, d.from, conv) {
			if _, known, _ := b.r.get(d.from); known {
				b.set(d.to, d.def)
			}
		}
	}
	if !b.copy("isPublic", "PubliclyAccessible", asBool) {
		if _, known, _ := b.r.get("PubliclyAccessible"); known {
			// AWS decides from the subnet group's VPC: public when it has
			// an internet gateway.
			b.markUnknown("isPublic", "the DB subnet group's VPC (PubliclyAccessible not set)")
		}
	}
	if _, ok := b.doc["dbType"]; !ok {
		// A read replica or a restored snapshot takes its source's engine.
		for _, src := range []string{"SourceDBInstanceIdentifier", "DBSnapshotIdentifier", "SourceDBClusterIdentifier"} {
			if v, _ := b.r.vals[src]; v != nil {
				b.markUnknown("dbType", "the engine of "+src)
			}
		}
	}
	cfnRDSPortAndUser(b)
	if _, ok := b.doc["dbClusterIdentifier"]; ok {
		// Aurora instances keep storage and backup settings on the cluster.
		for _, p := range []string{"isStorageEncrypted", "backupRetentionPeriod", "kmsKeyId"} {
			delete(b.doc, p)
			b.markUnknown(p, "the DB cluster")
		}
	}
}

func cfnKMS(b *builder) {
	cfnCommon(b, "")
	b.fields("description", "Description", "keyUsage", "KeyUsage", "multiRegion", "MultiRegion")
	b.copy("policy", "KeyPolicy", policyDoc)
	b.set("isCustomerManaged", true)
	b.set("keyManager", "CUSTOMER")
	if !b.copy("keySpec", "KeySpec", nil) {
		b.set("keySpec", "SYMMETRIC_DEFAULT")
	}
	if !b.copy("origin", "Origin", nil) {
		b.set("origin", "AWS_KMS")
	}
	if !b.copy("rotationStatus", "EnableKeyRotation", asBool) {
		if _, known, _ := b.r.get("EnableKeyRotation"); known {
			b.set("rotationStatus", false)
		}
	}
	enabled := true
	if v, known, refs := b.r.get("Enabled"); !known {
		b.markUnknown("keyState", refs...)
		b.markUnknown("enabled", refs...)
	} else if e, ok := asBool(v); ok && e == false {
		enabled = false
	}
	if _, unk := b.unknown["keyState"]; !unk {
		b.set("enabled", enabled)
		b.set("keyState", map[bool]string{true: "Enabled", false: "Disabled"}[enabled])
	}
	b.doc["aliases"] = []any{}
}

func cfnKMSAlias(p *builder, c *iacResource) {
	if n, ok := c.vals["AliasName"].(string); ok {
		p.appendTo("aliases", n)
	}
}

func cfnCloudTrail(b *builder) {
	cfnCommon(b, "TrailName")
	b.fields("isMultiRegionTrail", "IsMultiRegionTrail", "isOrganizationTrail", "IsOrganizationTrail",
		"logFileValidationEnabled", "EnableLogFileValidation", "kmsKeyId", "KMSKeyId", "s3BucketName", "S3BucketName",
		"s3KeyPrefix", "S3KeyPrefix", "cloudWatchLogsLogGroupArn", "CloudWatchLogsLogGroupArn",
		"cloudWatchLogsRoleArn", "CloudWatchLogsRoleArn", "status.isLogging", "IsLogging")
	if !b.copy("includeGlobalServiceEvents", "IncludeGlobalServiceEvents", asBool) {
		if _, known, _ := b.r.get("IncludeGlobalServiceEvents"); known {
			b.set("includeGlobalServiceEvents", true)
		}
	}
	if v, _, _ := b.r.get("EventSelectors"); v != nil {
		var out []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			s := map[string]any{"readWriteType": m["ReadWriteType"], "includeManagementEvents": m["IncludeManagementEvents"]}
			var drs []any
			for _, d := range list(m["DataResources"]) {
				dm, _ := d.(map[string]any)
				drs = append(drs, map[string]any{"type": dm["Type"], "values": dm["Values"]})
			}
			if drs != nil {
				s["dataResources"] = drs
			}
			out = append(out, dropUnknown(s))
		}
		b.set("eventSelectors", out)
		b.set("hasCustomEventSelectors", true)
	}
	if v, _, _ := b.r.get("AdvancedEventSelectors"); v != nil {
		var out []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			var fs []any
			for _, f := range list(m["FieldSelectors"]) {
				fm, _ := f.(map[string]any)
				o := map[string]any{}
				for k, x := range fm {
					o[strings.ToLower(k[:1])+k[1:]] = x
				}
				fs = append(fs, o)
			}
			out = append(out, dropUnknown(map[string]any{"name": m["Name"], "fieldSelectors": fs}))
		}
		b.set("advancedEventSelectors", out)
	}
	notInPlan(b, "metricFilters", "hasSNSSubscriber", "status.latestCloudWatchLogsDeliveryTime", "status.latestDeliveryTime")
}

func cfnDynamo(b *builder) {
	cfnCommon(b, "TableName")
	b.fields("billingMode", "BillingMode", "deletionProtectionEnabled", "DeletionProtectionEnabled")
	if !b.copy("pointInTimeRecoveryEnabled", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", asBool) {
		if _, known, _ := b.r.get("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"); known {
			b.set("pointInTimeRecoveryEnabled", false)
		}
	}
	if v, known, refs := b.r.get("SSESpecification.SSEEnabled"); !known {
		b.markUnknown("sseDescription", refs...)
	} else if e, _ := asBool(v); e == true {
		b.set("encrypted", true)
		b.set("sseDescription.status", "ENABLED")
		b.set("sseDescription.sseType", "KMS")
		if !b.copy("sseDescription.kmsMasterKeyArn", "SSESpecification.KMSMasterKeyId", nil) {
			if _, known, _ := b.r.get("SSESpecification.KMSMasterKeyId"); known {
				b.markUnknown("sseDescription.kmsMasterKeyArn", "the AWS managed key aws/dynamodb")
			}
		}
	} else {
		b.set("encrypted", false)
	}
}

func cfnEFS(b *builder) {
	cfnCommon(b, "")
	b.fields("kmsKeyId", "KmsKeyId", "performanceMode", "PerformanceMode", "throughputMode", "ThroughputMode",
		"backupPolicy.status", "BackupPolicy.Status")
	if !b.copy("encrypted", "Encrypted", asBool) {
		if _, known, _ := b.r.get("Encrypted"); known {
			b.set("encrypted", false)
		}
	}
	b.copy("policy", "FileSystemPolicy", policyDoc)
}

func cfnRedshift(b *builder) {
	cfnCommon(b, "ClusterIdentifier")
	b.fields("clusterIdentifier", "ClusterIdentifier", "nodeType", "NodeType", "numberOfNodes", "NumberOfNodes",
		"masterUsername", "MasterUsername", "kmsKeyId", "KmsKeyId", "allowVersionUpgrade", "AllowVersionUpgrade")
	// DBName: "If you do not provide a name, Amazon Redshift will create a
	// default database called dev."
	cfnOr(b, "dbName", "DBName", nonEmptyString, "dev")
	if _, ok := b.doc["masterUsername"]; !ok {
		b.markUnknown("masterUsername", "the snapshot the cluster is restored from (MasterUsername not set)")
	}
	for _, d := range []struct {
		to, from string
		def      any
	}{
		{"isPublic", "PubliclyAccessible", false}, {"encrypted", "Encrypted", false}, {"enhancedVpcRouting", "EnhancedVpcRouting", false},
		{"automatedSnapshotRetentionPeriod", "AutomatedSnapshotRetentionPeriod", 1},
	} {
		conv := asBool
		if _, isNum := d.def.(int); isNum {
			conv = asNumber
		}
		if !b.copy(d.to, d.from, conv) {
			if _, known, _ := b.r.get(d.from); known {
				b.set(d.to, d.def)
			}
		}
	}
	if v, _, _ := b.r.get("LoggingProperties"); v != nil {
		b.set("loggingStatus.loggingEnabled", true)
		b.copy("loggingStatus.bucketName", "LoggingProperties.BucketName", nil)
	} else {
		b.set("loggingStatus.loggingEnabled", false)
	}
	notInPlan(b, "requireSsl")
}

func cfnElastiCache(b *builder) {
	cfnCommon(b, "")
	if !b.copy("cacheSubnetGroupName", "CacheSubnetGroupName", nonEmptyString) {
		if _, known, _ := b.r.get("CacheSubnetGroupName"); known {
			// Not set: the default subnet group of the default VPC.
			b.markUnknown("cacheSubnetGroupName", "the default cache subnet group (CacheSubnetGroupName not set)"+computedSuffix)
		}
	}
	b.fields("engineVersion", "EngineVersion", "cacheNodeType", "CacheNodeType", "kmsKeyId", "KmsKeyId",
		"snapshotRetentionLimit", "SnapshotRetentionLimit", "autoMinorVersionUpgrade", "AutoMinorVersionUpgrade")
	if !b.copy("engine", "Engine", nil) {
		b.set("engine", "redis")
	}
	for _, d := range [][2]string{{"atRestEncryptionEnabled", "AtRestEncryptionEnabled"}, {"transitEncryptionEnabled", "TransitEncryptionEnabled"}} {
		if !b.copy(d[0], d[1], asBool) {
			if _, known, _ := b.r.get(d[1]); known {
				b.set(d[0], false)
			}
		}
	}
	b.copy("multiAZ", "MultiAZEnabled", func(v any) (any, bool) { return map[bool]string{true: "enabled", false: "disabled"}[v == true], true })
	if v, _, _ := b.r.get("AuthToken"); v != nil {
		b.set("authTokenEnabled", true)
	}
}

func cfnSNS(b *builder) {
	cfnCommon(b, "TopicName")
	b.fields("displayName", "DisplayName", "kmsMasterKeyId", "KmsMasterKeyId")
}

func cfnSQS(b *builder) {
	cfnCommon(b, "QueueName")
	b.fields("fifoQueue", "FifoQueue", "kmsMasterKeyId", "KmsMasterKeyId", "sqsManagedSseEnabled", "SqsManagedSseEnabled",
		"visibilityTimeout", "VisibilityTimeout", "messageRetentionPeriod", "MessageRetentionPeriod")
	b.copy("redrivePolicy", "RedrivePolicy", policyDoc)
}

// cfnResourcePolicy merges an AWS::SNS::TopicPolicy or
// AWS::SQS::QueuePolicy into each topic or queue it lists.
func cfnResourcePolicy(p *builder, c *iacResource) {
	p.copyFrom(c, "policy", "PolicyDocument", policyDoc)
}

func cfnLogGroup(b *builder) {
	cfnCommon(b, "LogGroupName")
	b.fields("logGroupName", "LogGroupName", "kmsKeyId", "KmsKeyId")
	b.copy("retentionInDays", "RetentionInDays", asNumber)
}

func cfnLambda(b *builder) {
	cfnCommon(b, "FunctionName")
	b.fields("runtime", "Runtime", "handler", "Handler", "packageType", "PackageType", "memorySize", "MemorySize",
		"timeout", "Timeout", "kmsKeyArn", "KmsKeyArn", "tracingConfig.mode", "TracingConfig.Mode",
		"deadLetterTargetArn", "DeadLetterConfig.TargetArn", "reservedConcurrentExecutions", "ReservedConcurrentExecutions",
		"layers", "Layers", "environment.variables", "Environment.Variables")
	if v, _, _ := b.r.get("VpcConfig"); v != nil {
		b.fields("vpcConfig.subnetIds", "VpcConfig.SubnetIds", "vpcConfig.securityGroupIds", "VpcConfig.SecurityGroupIds")
		b.markUnknown("vpcConfig.vpcId", "the VPC of VpcConfig.SubnetIds")
		vc, _ := b.r.vals["VpcConfig"].(map[string]any)
		if ids, _ := vc["SubnetIds"].([]any); len(ids) > 0 {
			// Subnets given: the function is in their VPC.
			delete(b.unknown, "vpcConfig.vpcId")
			b.set("vpcConfig.vpcId", "(the VPC of the function's subnets)")
		}
	}
}

func cfnLambdaPermission(p *builder, c *iacResource) {
	st := map[string]any{"Effect": "Allow"}
	if a, ok := c.vals["Action"].(string); ok {
		st["Action"] = a
	}
	switch pr := c.vals["Principal"].(type) {
	case string:
		switch {
		case pr == "*":
			st["Principal"] = "*"
		case strings.Contains(pr, ".amazonaws.com"):
			st["Principal"] = map[string]any{"Service": pr}
		default:
			st["Principal"] = map[string]any{"AWS": pr}
		}
	case unknownVal:
		p.markUnknown("policyDocument", pr.refs...)
		return
	}
	cond := map[string]any{}
	if v := c.vals["SourceArn"]; v != nil {
		cond["ArnLike"] = map[string]any{"AWS:SourceArn": fmt.Sprint(dropUnknownScalar(v))}
	}
	if v := c.vals["SourceAccount"]; v != nil {
		cond["StringEquals"] = map[string]any{"AWS:SourceAccount": fmt.Sprint(dropUnknownScalar(v))}
	}
	if len(cond) > 0 {
		st["Condition"] = cond
	}
	doc, _ := p.doc["policyDocument"].(map[string]any)
	if doc == nil {
		doc = map[string]any{"Version": "2012-10-17", "Statement": []any{}}
		p.doc["policyDocument"] = doc
	}
	stmts, _ := doc["Statement"].([]any)
	doc["Statement"] = append(stmts, st)
}

// dropUnknownScalar shows an unknown value as what it depends on.
func dropUnknownScalar(v any) any {
	if u, ok := v.(unknownVal); ok {
		return strings.Join(u.refs, " ")
	}
	return v
}

func cfnLambdaURL(p *builder, c *iacResource) {
	p.copyFrom(c, "functionUrl.authType", "AuthType", nil)
}

func cfnELB(b *builder) {
	cfnCommon(b, "LoadBalancerName")
	b.fields("availabilityZones", "AvailabilityZones", "subnetIds", "Subnets", "crossZoneLoadBalancing", "CrossZone",
		"connectionDraining.enabled", "ConnectionDrainingPolicy.Enabled", "connectionDraining.timeout", "ConnectionDrainingPolicy.Timeout")
	scheme := "internet-facing"
	if s, known, refs := b.r.get("Scheme"); !known {
		b.markUnknown("scheme", refs...)
		b.markUnknown("isPublic", refs...)
	} else {
		if s == "internal" {
			scheme = "internal"
		}
		b.set("scheme", scheme)
		b.set("isPublic", scheme == "internet-facing")
	}
	if v, known, refs := b.r.get("Listeners"); !known {
		b.markUnknown("elbListeners", refs...)
	} else {
		var out []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			l := map[string]any{}
			if s, ok := m["Protocol"].(string); ok {
				l["sourceProtocol"] = strings.ToUpper(s)
			}
			if s, ok := m["InstanceProtocol"].(string); ok {
				l["instanceProtocol"] = strings.ToUpper(s)
			}
			for from, to := range map[string]string{"LoadBalancerPort": "sourcePort", "InstancePort": "instancePort", "SSLCertificateId": "sslCertificateId"} {
				if x, ok := m[from]; ok {
					if _, unk := x.(unknownVal); !unk {
						l[to] = x
					}
				}
			}
			out = append(out, l)
		}
		b.doc["elbListeners"] = out
	}
	if v, _, _ := b.r.get("AccessLoggingPolicy"); v != nil {
		b.fields("accessLog.enabled", "AccessLoggingPolicy.Enabled", "accessLog.s3BucketName", "AccessLoggingPolicy.S3BucketName",
			"accessLog.emitInterval", "AccessLoggingPolicy.EmitInterval")
	} else {
		b.set("accessLog.enabled", false)
	}
}

func cfnLB(b *builder) {
	cfnCommon(b, "Name")
	switch t, _, _ := b.r.get("Type"); t {
	case "network":
		b.doc["type"] = "NetworkLoadBalancer"
	case "gateway":
		b.doc["type"] = "GatewayLoadBalancer"
	}
	b.fields("ipAddressType", "IpAddressType")
	scheme, _, _ := b.r.get("Scheme")
	if scheme != "internal" {
		scheme = "internet-facing"
	}
	b.set("scheme", scheme)
	b.set("isPublic", scheme == "internet-facing")
	attrs := map[string]any{}
	for _, e := range list(b.r.vals["LoadBalancerAttributes"]) {
		m, _ := e.(map[string]any)
		if k, ok := m["Key"].(string); ok {
			attrs[k] = m["Value"]
		}
	}
	attrBool := func(to, key string) {
		switch v := attrs[key].(type) {
		case nil:
			b.set(to, false) // every one of these attributes defaults to false
		case unknownVal:
			b.markUnknown(to, v.refs...)
		default:
			if x, ok := asBool(v); ok {
				b.set(to, x)
			}
		}
	}
	attrBool("deletionProtection", "deletion_protection.enabled")
	attrBool("accessLogs.enabled", "access_logs.s3.enabled")
	if s, ok := attrs["access_logs.s3.bucket"].(string); ok {
		b.set("accessLogs.s3BucketName", s)
	}
	if b.doc["type"] == "ApplicationLoadBalancer" {
		attrBool("dropInvalidHeaderFields", "routing.http.drop_invalid_header_fields.enabled")
	} else {
		attrBool("crossZoneLoadBalancing", "load_balancing.cross_zone.enabled")
	}
	b.doc["listeners"] = []any{}
}

func cfnLBListener(p *builder, c *iacResource) {
	l := map[string]any{}
	for from, to := range map[string]string{"Port": "port", "Protocol": "protocol", "SslPolicy": "sslPolicy"} {
		switch v := c.vals[from].(type) {
		case nil:
		case unknownVal:
			p.markUnknown("listeners", v.refs...)
		default:
			l[to] = v
		}
	}
	var certs []any
	for i, e := range list(c.vals["Certificates"]) {
		m, _ := e.(map[string]any)
		certs = append(certs, map[string]any{"arn": dropUnknownScalar(m["CertificateArn"]), "isDefault": i == 0})
	}
	if certs != nil {
		l["certificates"] = certs
	}
	var acts []any
	for _, e := range list(c.vals["DefaultActions"]) {
		m, _ := e.(map[string]any)
		a := map[string]any{"type": m["Type"]}
		if rc, ok := m["RedirectConfig"].(map[string]any); ok {
			a["redirectConfig"] = map[string]any{"protocol": rc["Protocol"], "port": rc["Port"], "statusCode": rc["StatusCode"]}
		}
		acts = append(acts, dropUnknown(a))
	}
	if acts != nil {
		l["defaultActions"] = acts
	}
	p.appendTo("listeners", l)
}

func cfnCloudFront(b *builder) {
	cfnCommon(b, "")
	const dc = "DistributionConfig."
	b.fields("enabled", dc+"Enabled", "aliases", dc+"Aliases", "defaultRootObject", dc+"DefaultRootObject", "webAclId", dc+"WebACLId",
		"defaultCacheBehavior.viewerProtocolPolicy", dc+"DefaultCacheBehavior.ViewerProtocolPolicy",
		"viewerCertificate.minimumProtocolVersion", dc+"ViewerCertificate.MinimumProtocolVersion",
		"viewerCertificate.sslSupportMethod", dc+"ViewerCertificate.SslSupportMethod",
		"viewerCertificate.cloudFrontDefaultCertificate", dc+"ViewerCertificate.CloudFrontDefaultCertificate")
	if _, ok := b.doc["defaultCacheBehavior"]; !ok {
		if _, unk := b.unknown["defaultCacheBehavior.viewerProtocolPolicy"]; !unk {
			// Required by CloudFront: a template without it does not deploy.
			b.markUnknown("defaultCacheBehavior.viewerProtocolPolicy", "DefaultCacheBehavior.ViewerProtocolPolicy (required, not in the template)"+computedSuffix)
		}
	}
	if v, known, refs := b.r.get(dc + "Origins"); !known {
		b.markUnknown("origins", refs...)
	} else if v == nil {
		b.markUnknown("origins", "DistributionConfig.Origins (required, not in the template)"+computedSuffix)
	} else {
		var origins []any
		for i := range list(v) {
			at := dc + "Origins." + itoa(i) + "."
			o := childObj(b, "origins", b.r, nil, "id", at+"Id", "domainName", at+"DomainName",
				"originProtocolPolicy", at+"CustomOriginConfig.OriginProtocolPolicy",
				"originSslProtocols", at+"CustomOriginConfig.OriginSSLProtocols",
				"originAccessControlId", at+"OriginAccessControlId")
			origins = append(origins, o)
		}
		b.doc["origins"] = origins
	}
	if v, _, _ := b.r.get(dc + "ViewerCertificate"); v == nil {
		// Without a viewer certificate CloudFront uses its own.
		b.set("viewerCertificate.cloudFrontDefaultCertificate", true)
	}
	var cbs []any
	v, _, _ := b.r.get(dc + "CacheBehaviors")
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		cbs = append(cbs, dropUnknown(map[string]any{"pathPattern": m["PathPattern"], "viewerProtocolPolicy": m["ViewerProtocolPolicy"]}))
	}
	if cbs == nil {
		cbs = []any{}
	}
	b.doc["cacheBehaviors"] = cbs
	if v, _, _ := b.r.get(dc + "Logging"); v != nil {
		b.set("logging.enabled", true)
		b.copy("logging.bucket", dc+"Logging.Bucket", nil)
	} else {
		b.set("logging.enabled", false)
	}
}

func cfnACM(b *builder) {
	cfnCommon(b, "")
	b.fields("domainName", "DomainName", "subjectAlternativeNames", "SubjectAlternativeNames")
	notInPlan(b, "notAfter", "notBefore", "inUseBy", "status")
}

// cfnRDSPortAndUser copies the port and master user of a DB instance. A
// port left out is the engine's default (AWS::RDS::DBInstance reference
// and the provider's aws_db_instance docs: 3306 MySQL/MariaDB, 5432
// PostgreSQL, 1521 Oracle, 1433 SQL Server); a master user left out comes
// from the source of a replica or restore.
func cfnRDSPortAndUser(b *builder) {
	b.copy("masterUsername", "MasterUsername", nonEmptyString)
	if _, ok := b.doc["masterUsername"]; !ok {
		if _, unk := b.unknown["masterUsername"]; !unk {
			b.markUnknown("masterUsername", "the source instance, snapshot or cluster (MasterUsername not set)")
		}
	}
	if b.copy("port", "Port", asNumber) {
		return
	}
	if _, known, _ := b.r.get("Port"); known {
		defaultDBPort(b)
	}
}

// defaultDBPort sets the port of a DB instance whose input leaves it out:
// the engine's default.
func defaultDBPort(b *builder) {
	engine, _ := b.doc["dbType"].(string)
	engine = strings.ToLower(engine)
	switch {
	case engine == "mysql" || engine == "mariadb":
		b.set("port", 3306)
	case engine == "postgres":
		b.set("port", 5432)
	case strings.HasPrefix(engine, "oracle"):
		b.set("port", 1521)
	case strings.HasPrefix(engine, "sqlserver"):
		b.set("port", 1433)
	default:
		b.markUnknown("port", "the engine's default port"+computedSuffix)
	}
}

var cfnWebACLTargets = webACLTargets("ResourceArn", []string{"AWS::ElasticLoadBalancingV2::LoadBalancer"}, stageRef{"AWS::ApiGateway::Stage", "RestApiId", "StageName"},
	stageRef{"AWS::ApiGateway::Deployment", "RestApiId", "StageName"})
