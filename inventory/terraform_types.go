package inventory

import "strings"

// terraformTypes maps the AWS provider's resource types to the entity
// model (ENTITIES.md). A type not listed here is emitted as NotModelled.
var terraformTypes = map[string]typeMap{
	"aws_instance":                        {entity: "Instance", build: tfInstance},
	"aws_ebs_volume":                      {entity: "Volume", build: tfVolume},
	"aws_ebs_snapshot":                    {entity: "EbsSnapshot", build: tfSnapshot},
	"aws_security_group":                  {entity: "SecurityGroup", build: tfSecurityGroup},
	"aws_default_security_group":          {entity: "SecurityGroup", build: tfSecurityGroup},
	"aws_security_group_rule":             {children: []*childMap{sgChild}},
	"aws_vpc_security_group_ingress_rule": {children: []*childMap{sgChild}},
	"aws_vpc_security_group_egress_rule":  {children: []*childMap{sgChild}},
	"aws_network_acl":                     {entity: "NACL", build: tfNACL},
	"aws_default_network_acl":             {entity: "NACL", build: tfNACL},
	"aws_network_acl_rule": {children: []*childMap{{link: "network_acl_id", parents: []string{"aws_network_acl", "aws_default_network_acl"},
		keys: []string{"id"}, merge: tfNACLRule}}},
	"aws_vpc":         {entity: "VPC", build: tfVPC},
	"aws_default_vpc": {entity: "VPC", build: tfVPC},
	"aws_flow_log": {children: []*childMap{{link: "vpc_id", parents: []string{"aws_vpc", "aws_default_vpc"},
		keys: []string{"id"}, merge: tfFlowLog}}},
	"aws_subnet": {entity: "Subnet", build: tfSubnet},

	"aws_s3_bucket": {entity: "S3Bucket", build: tfS3Bucket, after: func(b *builder) {
		if b.r.create {
			s3NewBucketDefaults(b)
		}
	}},
	"aws_s3_bucket_acl":                                  {children: []*childMap{s3Child}},
	"aws_s3_bucket_policy":                               {children: []*childMap{s3Child}},
	"aws_s3_bucket_logging":                              {children: []*childMap{s3Child}},
	"aws_s3_bucket_versioning":                           {children: []*childMap{s3Child}},
	"aws_s3_bucket_server_side_encryption_configuration": {children: []*childMap{s3Child}},
	"aws_s3_bucket_public_access_block":                  {children: []*childMap{s3Child}},
	"aws_s3_bucket_replication_configuration":            {children: []*childMap{s3Child}},
	"aws_s3_bucket_lifecycle_configuration":              {children: []*childMap{s3Child}},
	"aws_s3_bucket_object_lock_configuration":            {children: []*childMap{s3Child}},
	"aws_s3_bucket_website_configuration":                {children: []*childMap{s3Child}},
	"aws_s3_bucket_ownership_controls":                   {children: []*childMap{s3Child}},
	"aws_s3_account_public_access_block":                 {broadcast: []string{"aws_s3_bucket"}, merge: tfS3AccountBlock},

	"aws_iam_user":                    {entity: "IamUser", build: tfIamIdentity("userId")},
	"aws_iam_group":                   {entity: "IamGroup", build: tfIamIdentity("groupId")},
	"aws_iam_role":                    {entity: "IamRole", build: tfIamRole},
	"aws_iam_policy":                  {entity: "IamPolicy", build: tfIamPolicy},
	"aws_iam_user_policy":             {children: iamInlineChildren("user", "aws_iam_user")},
	"aws_iam_group_policy":            {children: iamInlineChildren("group", "aws_iam_group")},
	"aws_iam_role_policy":             {children: iamInlineChildren("role", "aws_iam_role")},
	"aws_iam_user_policy_attachment":  {children: iamAttachChildren("user", "aws_iam_user")},
	"aws_iam_group_policy_attachment": {children: iamAttachChildren("group", "aws_iam_group")},
	"aws_iam_role_policy_attachment":  {children: iamAttachChildren("role", "aws_iam_role")},
	"aws_iam_policy_attachment": {children: append(append(iamAttachChildren("users", "aws_iam_user"),
		iamAttachChildren("groups", "aws_iam_group")[0]), iamAttachChildren("roles", "aws_iam_role")[0])},
	"aws_iam_group_membership": {children: []*childMap{
		{link: "group", parents: []string{"aws_iam_group"}, keys: []string{"name"}, merge: tfGroupMembers},
		{link: "users", parents: []string{"aws_iam_user"}, keys: []string{"name"}, merge: tfGroupMembersOfUser, optional: true},
	}},
	"aws_iam_user_group_membership": {children: []*childMap{
		{link: "user", parents: []string{"aws_iam_user"}, keys: []string{"name"}, merge: tfGroupMembers},
	}},
	"aws_iam_account_password_policy": {entity: "Iam", build: tfPasswordPolicy},
	"aws_iam_user_login_profile":      {children: []*childMap{{link: "user", parents: []string{"aws_iam_user"}, keys: []string{"name"}, merge: tfLoginProfile}}},
	"aws_iam_access_key":              {children: []*childMap{{link: "user", parents: []string{"aws_iam_user"}, keys: []string{"name"}, merge: tfAccessKey}}},

	"aws_db_instance": {entity: "RDS", build: tfRDS},
	"aws_kms_key":     {entity: "KMS", build: tfKMS},
	"aws_kms_alias":   {children: []*childMap{{link: "target_key_id", parents: []string{"aws_kms_key"}, keys: []string{"key_id", "arn", "id"}, merge: tfKMSAlias}}},
	"aws_cloudtrail": {entity: "CloudTrail", build: tfCloudTrail, embeds: []embedMap{
		{link: "s3_bucket_name", to: "s3Bucket", parents: []string{"aws_s3_bucket"}, keys: []string{"bucket", "id"}}}},
	"aws_dynamodb_table":    {entity: "DynamoDbTable", build: tfDynamo},
	"aws_efs_file_system":   {entity: "EFS", build: tfEFS},
	"aws_efs_backup_policy": {children: []*childMap{{link: "file_system_id", parents: []string{"aws_efs_file_system"}, keys: []string{"id"}, merge: tfEFSBackup}}},
	"aws_efs_file_system_policy": {children: []*childMap{{link: "file_system_id", parents: []string{"aws_efs_file_system"}, keys: []string{"id"},
		merge: func(p *builder, c *iacResource) { p.copyFrom(c, "policy", "policy", policyDoc) }}}},
	"aws_redshift_cluster":              {entity: "Redshift", build: tfRedshift},
	"aws_elasticache_replication_group": {entity: "ElastiCache", build: tfElastiCache},
	"aws_sns_topic":                     {entity: "SnsTopic", build: tfSNS},
	"aws_sns_topic_policy": {children: []*childMap{{link: "arn", parents: []string{"aws_sns_topic"}, keys: []string{"arn"},
		merge: func(p *builder, c *iacResource) { p.copyFrom(c, "policy", "policy", policyDoc) }}}},
	"aws_sqs_queue": {entity: "SqsQueue", build: tfSQS},
	"aws_sqs_queue_policy": {children: []*childMap{{link: "queue_url", parents: []string{"aws_sqs_queue"}, keys: []string{"url", "id"},
		merge: func(p *builder, c *iacResource) { p.copyFrom(c, "policy", "policy", policyDoc) }}}},
	"aws_cloudwatch_log_group": {entity: "LogGroup", build: tfLogGroup},
	"aws_lambda_function":      {entity: "Lambda", build: tfLambda},
	"aws_lambda_function_url": {children: []*childMap{{link: "function_name", parents: []string{"aws_lambda_function"}, keys: []string{"function_name", "arn"},
		merge: func(p *builder, c *iacResource) { p.copyFrom(c, "functionUrl.authType", "authorization_type", nil) }}}},
	"aws_lambda_permission": {children: []*childMap{{link: "function_name", parents: []string{"aws_lambda_function"}, keys: []string{"function_name", "arn"},
		merge: tfLambdaPermission}}},
	"aws_elb":                     {entity: "ELB", build: tfELB},
	"aws_lb":                      {entity: "ApplicationLoadBalancer", build: tfLB},
	"aws_alb":                     {entity: "ApplicationLoadBalancer", build: tfLB},
	"aws_lb_listener":             {children: []*childMap{lbListenerChild}},
	"aws_alb_listener":            {children: []*childMap{lbListenerChild}},
	"aws_cloudfront_distribution": {entity: "CloudFront", build: tfCloudFront},
	"aws_acm_certificate":         {entity: "AcmCertificate", build: tfACM},

	"aws_rds_cluster": {entity: "RDSCluster", build: tfRDSCluster, after: rdsClusterAfter},
	"aws_rds_cluster_instance": {entity: "RDS", build: tfRDS, children: []*childMap{{link: "cluster_identifier",
		parents: []string{"aws_rds_cluster"}, keys: []string{"cluster_identifier", "id"}, merge: rdsMember("identifier", "availability_zone")}}},
	"aws_db_snapshot":         {entity: "RDSSnapshot", build: tfRDSSnapshot},
	"aws_db_cluster_snapshot": {entity: "RDSSnapshot", build: tfRDSSnapshot},
	"aws_ecr_repository":      {entity: "EcrRepository", build: tfECR},
	"aws_ecr_repository_policy": {children: []*childMap{{link: "repository", parents: []string{"aws_ecr_repository"}, keys: ecrChildKeys,
		merge: tfECRPolicy}}},
	"aws_ecr_lifecycle_policy": {children: []*childMap{{link: "repository", parents: []string{"aws_ecr_repository"}, keys: ecrChildKeys,
		merge: tfECRLifecycle}}},
	"aws_ecr_registry_scanning_configuration": {broadcast: []string{"aws_ecr_repository"}, merge: tfECRRegistryScanning},
	"aws_ecs_cluster":                         {entity: "EcsCluster", build: tfECSCluster, after: ecsClusterAfter},
	"aws_ecs_account_setting_default": {broadcast: []string{"aws_ecs_cluster"}, broadcastIf: isInsightsDefault,
		merge: tfECSAccountDefault},
	"aws_ecs_service":          {entity: "EcsService", build: tfECSService},
	"aws_ecs_task_definition":  {entity: "EcsTaskDefinition", build: tfECSTaskDefinition},
	"aws_eks_cluster":          {entity: "EKSCluster", build: tfEKS},
	"aws_opensearch_domain":    {entity: "ElasticSearchDomain", build: tfOpenSearch},
	"aws_elasticsearch_domain": {entity: "ElasticSearchDomain", build: tfOpenSearch},
	"aws_opensearch_domain_policy": {children: []*childMap{{link: "domain_name", parents: []string{"aws_opensearch_domain"},
		keys: []string{"domain_name"}, merge: tfOpenSearchPolicy}}},
	"aws_elasticsearch_domain_policy": {children: []*childMap{{link: "domain_name", parents: []string{"aws_elasticsearch_domain"},
		keys: []string{"domain_name"}, merge: tfOpenSearchPolicy}}},
	"aws_api_gateway_rest_api": {entity: "ApiGateway", build: tfAPIGateway, after: tfAPIGatewayAfter},
	"aws_api_gateway_stage": {children: []*childMap{{link: "rest_api_id", parents: []string{"aws_api_gateway_rest_api"},
		keys: []string{"id"}, merge: tfAPIStage}}},
	"aws_api_gateway_deployment": {children: []*childMap{{link: "rest_api_id", parents: []string{"aws_api_gateway_rest_api"},
		keys: []string{"id"}, merge: tfAPIDeployment}}},
	"aws_api_gateway_method_settings": {children: []*childMap{{link: "rest_api_id", parents: []string{"aws_api_gateway_rest_api"},
		keys: []string{"id"}, merge: tfAPIMethodSettings}}},
	// A web ACL association protects the load balancer or API stage its
	// resource_arn names.
	"aws_wafv2_web_acl_association":       {attach: &attachMap{targets: tfWebACLTargets, from: "web_acl_arn", to: "webAclArn"}},
	"aws_wafregional_web_acl_association": {attach: &attachMap{targets: tfWebACLTargets, from: "web_acl_id", to: "webAclArn"}},
	"aws_apigatewayv2_api":                {entity: "ApiGatewayV2", build: tfAPIGatewayV2},
	"aws_apigatewayv2_stage": {children: []*childMap{{link: "api_id", parents: []string{"aws_apigatewayv2_api"},
		keys: []string{"id"}, merge: tfAPIV2Stage}}},
	"aws_apigatewayv2_route": {children: []*childMap{{link: "api_id", parents: []string{"aws_apigatewayv2_api"},
		keys: []string{"id"}, merge: tfAPIV2Route}}},
	"aws_secretsmanager_secret": {entity: "SecretsManagerSecret", build: tfSecret, after: tfSecretAfter},
	"aws_secretsmanager_secret_rotation": {children: []*childMap{{link: "secret_id", parents: []string{"aws_secretsmanager_secret"},
		keys: []string{"arn", "id", "name"}, merge: tfSecretRotation}}},
	"aws_secretsmanager_secret_policy": {children: []*childMap{{link: "secret_arn", parents: []string{"aws_secretsmanager_secret"},
		keys: []string{"arn", "id"}, merge: tfSecretPolicy}}},
	"aws_autoscaling_group": {entity: "AutoScalingGroup", build: tfAutoScalingGroup, embeds: []embedMap{
		{link: "launch_configuration", to: "launchConfiguration", parents: []string{"aws_launch_configuration"}, keys: []string{"name", "id"}}}},
	"aws_launch_configuration": {entity: "LaunchConfiguration", build: tfLaunchConfiguration, embedOnly: true},
	"aws_launch_template":      {entity: "LaunchTemplate", build: tfLaunchTemplate},

	"aws_ebs_encryption_by_default":            {region: tfRegion},
	"aws_ebs_default_kms_key":                  {region: tfRegion},
	"aws_guardduty_detector":                   {region: tfRegion},
	"aws_securityhub_account":                  {region: tfRegion},
	"aws_config_configuration_recorder":        {region: tfRegion},
	"aws_config_configuration_recorder_status": {region: tfRegion},
	"aws_accessanalyzer_analyzer":              {region: tfRegion},
	"aws_macie2_account":                       {region: tfRegion},
}

// tfGroupMembersOfUser adds the group of an aws_iam_group_membership to
// each member user.
func tfGroupMembersOfUser(p *builder, c *iacResource) {
	if g, _, _ := c.get("group"); g != nil {
		p.appendTo("attachedGroups", map[string]any{"name": g})
	}
}

// tfCommon copies the envelope: name from the Name tag, tags, arn.
func tfCommon(b *builder) {
	b.copy("tags", "tags", tfTagList)
	if n, ok := tagValue(b.doc, "Name"); ok {
		b.set("name", n)
	}
	b.copy("arn", "arn", nil)
}

func tfInstance(b *builder) {
	tfCommon(b)
	b.fields("instanceType", "instance_type", "image", "ami", "keyName", "key_name", "subnetId", "subnet_id",
		"ebsOptimized", "ebs_optimized", "sourceDestCheck", "source_dest_check",
		"metadataOptions.httpTokens", "metadata_options.0.http_tokens",
		"metadataOptions.httpEndpoint", "metadata_options.0.http_endpoint",
		"metadataOptions.httpPutResponseHopLimit", "metadata_options.0.http_put_response_hop_limit",
		"metadataOptions.instanceMetadataTags", "metadata_options.0.instance_metadata_tags")
	b.copy("monitoring", "monitoring", func(v any) (any, bool) {
		return map[bool]string{true: "enabled", false: "disabled"}[v == true], true
	})
	// The plan names the instance profile; its ARN exists only after apply.
	if v, known, refs := b.r.get("iam_instance_profile"); !known {
		b.markUnknown("profileArn", refs...)
	} else if s, _ := v.(string); s != "" {
		b.markUnknown("profileArn", "instance profile "+s)
	}
	var vols []any
	for _, blk := range []string{"root_block_device", "ebs_block_device"} {
		v, known, refs := b.r.get(blk)
		if !known {
			b.markUnknown("volumes", refs...)
			continue
		}
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			vol := map[string]any{}
			if enc, ok := m["encrypted"].(bool); ok {
				vol["encrypted"] = enc
			} else if _, unk := m["encrypted"].(unknownVal); unk {
				b.markUnknown("volumes", b.r.addr+"."+blk+".encrypted")
			}
			if k, ok := m["kms_key_id"].(string); ok && k != "" {
				vol["kmsKeyId"] = k
			}
			if n, ok := asNumber(m["volume_size"]); ok {
				vol["size"] = n
			}
			if t, ok := m["volume_type"].(string); ok {
				vol["volumeType"] = t
			}
			if d, ok := m["device_name"].(string); ok {
				vol["attachments"] = []any{map[string]any{"device": d}}
			}
			vols = append(vols, vol)
		}
	}
	if vols != nil {
		b.set("volumes", vols)
	}
	// Reachability needs the public address and the routes AWS assigns.
	notInPlan(b, "isRunning", "state", "ssm", "isPublic")
	if v, known, _ := b.r.get("metadata_options"); known && len(list(v)) == 0 {
		// Not configured: the AMI's and the account's IMDS defaults apply.
		b.markUnknown("metadataOptions", "the AMI's and account's instance metadata defaults"+computedSuffix)
	}
}

func tfVolume(b *builder) {
	tfCommon(b)
	b.fields("encrypted", "encrypted", "kmsKeyId", "kms_key_id", "size", "size", "volumeType", "type",
		"iops", "iops", "availabilityZone", "availability_zone", "snapshotId", "snapshot_id")
}

func tfSnapshot(b *builder) {
	tfCommon(b)
	b.fields("volumeId", "volume_id", "encrypted", "encrypted", "kmsKeyId", "kms_key_id", "volumeSize", "volume_size")
	notInPlan(b, "isPublic")
}

func tfVPC(b *builder) {
	tfCommon(b)
	b.fields("cidr", "cidr_block", "instanceTenancy", "instance_tenancy")
	b.set("isDefault", b.r.typ == "aws_default_vpc")
	b.doc["flowLogs"] = []any{}
	b.set("hasFlowLogs", false)
}

// tfFlowLog adds an aws_flow_log to its VPC. A flow log the plan creates
// is taken as ACTIVE, the status AWS reports once it exists.
func tfFlowLog(p *builder, c *iacResource) {
	fl := map[string]any{"status": "ACTIVE"}
	for _, f := range [][2]string{{"trafficType", "traffic_type"}, {"logDestinationType", "log_destination_type"}, {"logDestination", "log_destination"}} {
		if v, _, _ := c.get(f[1]); v != nil {
			fl[f[0]] = v
		}
	}
	p.appendTo("flowLogs", fl)
	p.set("hasFlowLogs", true)
}

func tfSubnet(b *builder) {
	tfCommon(b)
	b.fields("cidr", "cidr_block", "availabilityZone", "availability_zone", "mapPublicIpOnLaunch", "map_public_ip_on_launch", "vpcId", "vpc_id")
}

func tfRDS(b *builder) {
	tfCommon(b)
	b.fields("dbInstanceIdentifier", "identifier", "dbType", "engine", "engineVersion", "engine_version",
		"instanceType", "instance_class", "storageType", "storage_type", "allocatedStorage", "allocated_storage",
		"isPublic", "publicly_accessible", "isStorageEncrypted", "storage_encrypted",
		"kmsKeyId", "kms_key_id", "isMultiAvailabilityZone", "multi_az", "backupRetentionPeriod", "backup_retention_period",
		"autoMinorVersionUpgrade", "auto_minor_version_upgrade", "deletionProtection", "deletion_protection",
		"iamDatabaseAuthenticationEnabled", "iam_database_authentication_enabled", "copyTagsToSnapshot", "copy_tags_to_snapshot",
		"monitoringInterval", "monitoring_interval", "performanceInsightsEnabled", "performance_insights_enabled",
		"enabledCloudwatchLogsExports", "enabled_cloudwatch_logs_exports", "caCertificateIdentifier", "ca_cert_identifier")
	b.copy("dbClusterIdentifier", "cluster_identifier", nonEmptyString)
	if _, ok := b.doc["name"]; !ok {
		b.copy("name", "identifier", nil)
	}
	if !b.copy("port", "port", nil) {
		if v, known, _ := b.r.get("port"); known && v == nil {
			defaultDBPort(b)
		}
	}
	if _, ok := b.doc["dbClusterIdentifier"]; ok || b.r.typ == "aws_rds_cluster_instance" {
		// Aurora instances keep storage, backups and the master user on
		// the cluster.
		for _, p := range []string{"isStorageEncrypted", "backupRetentionPeriod", "kmsKeyId", "masterUsername"} {
			delete(b.doc, p)
			b.markUnknown(p, "the DB cluster")
		}
		return
	}
	if !b.copy("masterUsername", "username", nonEmptyString) {
		if _, unk := b.unknown["masterUsername"]; !unk {
			b.markUnknown("masterUsername", "the source instance, snapshot or cluster (username not set)")
		}
	}
}

func tfKMS(b *builder) {
	tfCommon(b)
	b.fields("description", "description", "keyId", "key_id", "keySpec", "customer_master_key_spec", "keyUsage", "key_usage",
		"multiRegion", "multi_region", "rotationStatus", "enable_key_rotation")
	b.copy("policy", "policy", policyDoc)
	b.set("isCustomerManaged", true)
	b.set("keyManager", "CUSTOMER")
	b.set("origin", "AWS_KMS")
	enabled := true
	if v, known, refs := b.r.get("is_enabled"); !known {
		b.markUnknown("keyState", refs...)
	} else if v == false {
		enabled = false
	}
	b.set("enabled", enabled)
	b.set("keyState", map[bool]string{true: "Enabled", false: "Disabled"}[enabled])
	b.doc["aliases"] = []any{}
}

func tfKMSAlias(p *builder, c *iacResource) {
	if n, _, _ := c.get("name"); n != nil {
		p.appendTo("aliases", n)
	}
}

func tfCloudTrail(b *builder) {
	tfCommon(b)
	b.fields("isMultiRegionTrail", "is_multi_region_trail", "isOrganizationTrail", "is_organization_trail",
		"includeGlobalServiceEvents", "include_global_service_events", "logFileValidationEnabled", "enable_log_file_validation",
		"kmsKeyId", "kms_key_id", "s3BucketName", "s3_bucket_name", "s3KeyPrefix", "s3_key_prefix",
		"cloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn", "cloudWatchLogsRoleArn", "cloud_watch_logs_role_arn",
		"trailArn", "arn", "homeRegion", "home_region")
	b.copy("name", "name", nil)
	if !b.copy("status.isLogging", "enable_logging", nil) {
		if _, known, _ := b.r.get("enable_logging"); known {
			b.set("status.isLogging", true) // Terraform's default
		}
	}
	if v, known, refs := b.r.get("event_selector"); !known {
		b.markUnknown("eventSelectors", refs...)
	} else if sels := list(v); len(sels) > 0 {
		var out []any
		for _, e := range sels {
			m, _ := e.(map[string]any)
			s := map[string]any{}
			if rw, ok := m["read_write_type"].(string); ok {
				s["readWriteType"] = rw
			}
			if im, ok := m["include_management_events"].(bool); ok {
				s["includeManagementEvents"] = im
			}
			var drs []any
			for _, d := range list(m["data_resource"]) {
				dm, _ := d.(map[string]any)
				drs = append(drs, map[string]any{"type": dm["type"], "values": dm["values"]})
			}
			if drs != nil {
				s["dataResources"] = drs
			}
			out = append(out, s)
		}
		b.set("eventSelectors", out)
		b.set("hasCustomEventSelectors", true)
	}
	if v, _, _ := b.r.get("advanced_event_selector"); len(list(v)) > 0 {
		var out []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			s := map[string]any{}
			if n, ok := m["name"].(string); ok {
				s["name"] = n
			}
			var fs []any
			for _, f := range list(m["field_selector"]) {
				fm, _ := f.(map[string]any)
				o := map[string]any{}
				for from, to := range map[string]string{"field": "field", "equals": "equals", "not_equals": "notEquals",
					"starts_with": "startsWith", "not_starts_with": "notStartsWith", "ends_with": "endsWith", "not_ends_with": "notEndsWith"} {
					if x := fm[from]; x != nil {
						o[to] = x
					}
				}
				fs = append(fs, o)
			}
			s["fieldSelectors"] = fs
			out = append(out, s)
		}
		b.set("advancedEventSelectors", out)
	}
	// Metric filters, alarms and delivery status live in other resources or
	// exist only once the trail runs.
	notInPlan(b, "metricFilters", "hasSNSSubscriber", "status.latestCloudWatchLogsDeliveryTime", "status.latestDeliveryTime")
}

func tfDynamo(b *builder) {
	tfCommon(b)
	b.copy("billingMode", "billing_mode", nil)
	b.copy("deletionProtectionEnabled", "deletion_protection_enabled", nil)
	b.copy("pointInTimeRecoveryEnabled", "point_in_time_recovery.0.enabled", nil)
	if v, known, refs := b.r.get("server_side_encryption.0.enabled"); !known {
		b.markUnknown("sseDescription", refs...)
	} else if v == true {
		b.set("encrypted", true)
		b.set("sseDescription.status", "ENABLED")
		b.set("sseDescription.sseType", "KMS")
		if !b.copy("sseDescription.kmsMasterKeyArn", "server_side_encryption.0.kms_key_arn", nonEmptyString) {
			// Without a key ARN DynamoDB uses the AWS managed key aws/dynamodb.
			if _, known, _ := b.r.get("server_side_encryption.0.kms_key_arn"); known {
				b.markUnknown("sseDescription.kmsMasterKeyArn", "the AWS managed key aws/dynamodb")
			}
		}
	} else {
		b.set("encrypted", false)
	}
	if _, ok := b.doc["name"]; !ok {
		b.copy("name", "name", nil)
	}
}

func tfEFS(b *builder) {
	tfCommon(b)
	b.fields("encrypted", "encrypted", "kmsKeyId", "kms_key_id", "performanceMode", "performance_mode", "throughputMode", "throughput_mode",
		"fileSystemId", "id")
}

func tfEFSBackup(p *builder, c *iacResource) {
	if s, _, _ := c.get("backup_policy.0.status"); s != nil {
		p.set("backupPolicy.status", s)
	}
}

func tfRedshift(b *builder) {
	tfCommon(b)
	b.fields("clusterIdentifier", "cluster_identifier", "nodeType", "node_type", "numberOfNodes", "number_of_nodes",
		"dbName", "database_name", "masterUsername", "master_username", "isPublic", "publicly_accessible",
		"encrypted", "encrypted", "kmsKeyId", "kms_key_id", "enhancedVpcRouting", "enhanced_vpc_routing",
		"allowVersionUpgrade", "allow_version_upgrade", "automatedSnapshotRetentionPeriod", "automated_snapshot_retention_period")
	b.copy("loggingStatus.loggingEnabled", "logging.0.enable", nil)
	if _, ok := b.doc["dbName"]; !ok {
		if v, known, _ := b.r.get("database_name"); known && v == nil {
			// "If you do not provide a name, Amazon Redshift will create a
			// default database called dev."
			b.set("dbName", "dev")
		}
	}
	if _, ok := b.doc["name"]; !ok {
		b.copy("name", "cluster_identifier", nil)
	}
	// require_ssl lives in the cluster's parameter group.
	notInPlan(b, "requireSsl")
}

func tfElastiCache(b *builder) {
	tfCommon(b)
	b.copy("cacheSubnetGroupName", "subnet_group_name", nonEmptyString)
	b.fields("engineVersion", "engine_version", "cacheNodeType", "node_type", "atRestEncryptionEnabled", "at_rest_encryption_enabled",
		"transitEncryptionEnabled", "transit_encryption_enabled", "kmsKeyId", "kms_key_id",
		"snapshotRetentionLimit", "snapshot_retention_limit", "autoMinorVersionUpgrade", "auto_minor_version_upgrade")
	if !b.copy("engine", "engine", nil) {
		b.set("engine", "redis")
	}
	b.copy("multiAZ", "multi_az_enabled", func(v any) (any, bool) { return map[bool]string{true: "enabled", false: "disabled"}[v == true], true })
	b.copy("automaticFailover", "automatic_failover_enabled", func(v any) (any, bool) {
		return map[bool]string{true: "enabled", false: "disabled"}[v == true], true
	})
	if v, _, _ := b.r.get("auth_token"); v != nil {
		b.set("authTokenEnabled", v != "")
	}
}

func tfSNS(b *builder) {
	tfCommon(b)
	b.fields("displayName", "display_name")
	b.copy("kmsMasterKeyId", "kms_master_key_id", nonEmptyString)
	b.copy("policy", "policy", policyDoc)
	if _, ok := b.doc["name"]; !ok {
		b.copy("name", "name", nil)
	}
}

func tfSQS(b *builder) {
	tfCommon(b)
	b.fields("fifoQueue", "fifo_queue", "sqsManagedSseEnabled", "sqs_managed_sse_enabled",
		"visibilityTimeout", "visibility_timeout_seconds", "messageRetentionPeriod", "message_retention_seconds", "queueUrl", "url")
	b.copy("kmsMasterKeyId", "kms_master_key_id", nonEmptyString)
	b.copy("policy", "policy", policyDoc)
	b.copy("redrivePolicy", "redrive_policy", policyDoc)
	if _, ok := b.doc["name"]; !ok {
		b.copy("name", "name", nil)
	}
}

func tfLogGroup(b *builder) {
	tfCommon(b)
	b.copy("logGroupName", "name", nil)
	b.copy("name", "name", nil)
	b.copy("retentionInDays", "retention_in_days", positive)
	b.copy("kmsKeyId", "kms_key_id", nonEmptyString)
}

func tfLambda(b *builder) {
	tfCommon(b)
	b.copy("name", "function_name", nil)
	b.fields("runtime", "runtime", "handler", "handler", "packageType", "package_type", "memorySize", "memory_size", "timeout", "timeout",
		"tracingConfig.mode", "tracing_config.0.mode", "deadLetterTargetArn", "dead_letter_config.0.target_arn",
		"environment.variables", "environment.0.variables")
	b.copy("kmsKeyArn", "kms_key_arn", nonEmptyString)
	b.copy("layers", "layers", nil)
	b.copy("reservedConcurrentExecutions", "reserved_concurrent_executions", func(v any) (any, bool) {
		f, ok := toFloat(v)
		return v, ok && f >= 0
	})
	if v, _, _ := b.r.get("vpc_config"); len(list(v)) > 0 {
		b.fields("vpcConfig.subnetIds", "vpc_config.0.subnet_ids", "vpcConfig.securityGroupIds", "vpc_config.0.security_group_ids",
			"vpcConfig.vpcId", "vpc_config.0.vpc_id")
	}
}

// tfLambdaPermission adds an aws_lambda_permission to the function's
// resource policy as the statement AWS writes for it.
func tfLambdaPermission(p *builder, c *iacResource) {
	st := map[string]any{"Effect": "Allow"}
	if a, _, _ := c.get("action"); a != nil {
		st["Action"] = a
	}
	if pr, known, refs := c.get("principal"); !known {
		p.markUnknown("policyDocument", refs...)
		return
	} else if s, _ := pr.(string); s == "*" {
		st["Principal"] = "*"
	} else if strings.Contains(s, ".amazonaws.com") {
		st["Principal"] = map[string]any{"Service": s}
	} else if s != "" {
		st["Principal"] = map[string]any{"AWS": s}
	}
	cond := map[string]any{}
	if v, known, refs := c.get("source_arn"); v != nil {
		cond["ArnLike"] = map[string]any{"AWS:SourceArn": v}
	} else if !known {
		// Set, to an ARN that exists only after apply: the condition is
		// there, whatever its text.
		cond["ArnLike"] = map[string]any{"AWS:SourceArn": "${" + strings.Join(refs, " ") + "}"}
	}
	if v, _, _ := c.get("source_account"); v != nil {
		cond["StringEquals"] = map[string]any{"AWS:SourceAccount": v}
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

func tfELB(b *builder) {
	tfCommon(b)
	b.copy("name", "name", nil)
	b.fields("availabilityZones", "availability_zones", "subnetIds", "subnets", "crossZoneLoadBalancing", "cross_zone_load_balancing",
		"connectionDraining.enabled", "connection_draining", "connectionDraining.timeout", "connection_draining_timeout", "dnsName", "dns_name")
	if v, known, _ := b.r.get("internal"); known {
		scheme := map[bool]string{true: "internal", false: "internet-facing"}[v == true]
		b.set("scheme", scheme)
		b.set("isPublic", v != true)
	}
	if v, known, refs := b.r.get("listener"); !known {
		b.markUnknown("elbListeners", refs...)
	} else {
		var out []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			l := map[string]any{}
			for from, to := range map[string]string{"lb_protocol": "sourceProtocol", "instance_protocol": "instanceProtocol"} {
				if s, ok := m[from].(string); ok {
					l[to] = strings.ToUpper(s)
				}
			}
			for from, to := range map[string]string{"lb_port": "sourcePort", "instance_port": "instancePort", "ssl_certificate_id": "sslCertificateId"} {
				switch x := m[from].(type) {
				case nil, unknownVal:
				case string:
					if x != "" {
						l[to] = x
					}
				default:
					l[to] = x
				}
			}
			out = append(out, l)
		}
		b.doc["elbListeners"] = out
	}
	if v, _, _ := b.r.get("access_logs"); len(list(v)) > 0 {
		b.set("accessLog.enabled", true)
		b.copy("accessLog.enabled", "access_logs.0.enabled", nil)
		b.copy("accessLog.s3BucketName", "access_logs.0.bucket", nil)
		b.copy("accessLog.emitInterval", "access_logs.0.interval", nil)
	} else {
		b.set("accessLog.enabled", false)
	}
}

func tfLB(b *builder) {
	tfCommon(b)
	b.copy("name", "name", nil)
	if t, _, _ := b.r.get("load_balancer_type"); t == "network" {
		b.doc["type"] = "NetworkLoadBalancer"
		b.copy("crossZoneLoadBalancing", "enable_cross_zone_load_balancing", nil)
	} else if t == "gateway" {
		b.doc["type"] = "GatewayLoadBalancer"
	}
	b.fields("deletionProtection", "enable_deletion_protection", "ipAddressType", "ip_address_type", "dnsName", "dns_name", "vpcId", "vpc_id")
	if b.doc["type"] == "ApplicationLoadBalancer" {
		b.copy("dropInvalidHeaderFields", "drop_invalid_header_fields", nil)
	}
	if v, known, _ := b.r.get("internal"); known {
		b.set("scheme", map[bool]string{true: "internal", false: "internet-facing"}[v == true])
		b.set("isPublic", v != true)
	}
	if v, _, _ := b.r.get("access_logs.0.enabled"); v != nil {
		b.copy("accessLogs.enabled", "access_logs.0.enabled", nil)
		b.copy("accessLogs.s3BucketName", "access_logs.0.bucket", nil)
		b.copy("accessLogs.s3Prefix", "access_logs.0.prefix", nil)
	} else {
		b.set("accessLogs.enabled", false)
	}
	b.doc["listeners"] = []any{}
}

var lbListenerChild = &childMap{link: "load_balancer_arn", parents: []string{"aws_lb", "aws_alb"}, keys: []string{"arn", "id"}, merge: tfLBListener}

// tfLBListener adds an aws_lb_listener to its load balancer.
func tfLBListener(p *builder, c *iacResource) {
	l := map[string]any{}
	for from, to := range map[string]string{"port": "port", "protocol": "protocol", "ssl_policy": "sslPolicy"} {
		if v, known, refs := c.get(from); !known {
			p.markUnknown("listeners", refs...)
		} else if v != nil && v != "" {
			l[to] = v
		}
	}
	if a, _, _ := c.get("certificate_arn"); a != nil && a != "" {
		l["certificates"] = []any{map[string]any{"arn": a, "isDefault": true}}
	}
	var acts []any
	v, _, _ := c.get("default_action")
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		a := map[string]any{}
		if t, ok := m["type"].(string); ok {
			a["type"] = t
		}
		if t, ok := m["target_group_arn"].(string); ok && t != "" {
			a["targetGroupArn"] = t
		}
		if r := list(m["redirect"]); len(r) > 0 {
			rm, _ := r[0].(map[string]any)
			rc := map[string]any{}
			for from, to := range map[string]string{"protocol": "protocol", "port": "port", "status_code": "statusCode"} {
				if s, ok := rm[from].(string); ok {
					rc[to] = s
				}
			}
			a["redirectConfig"] = rc
		}
		acts = append(acts, a)
	}
	if acts != nil {
		l["defaultActions"] = acts
	}
	p.appendTo("listeners", l)
}

func tfCloudFront(b *builder) {
	tfCommon(b)
	b.fields("enabled", "enabled", "aliases", "aliases", "defaultRootObject", "default_root_object", "domainName", "domain_name",
		"defaultCacheBehavior.viewerProtocolPolicy", "default_cache_behavior.0.viewer_protocol_policy",
		"viewerCertificate.minimumProtocolVersion", "viewer_certificate.0.minimum_protocol_version",
		"viewerCertificate.sslSupportMethod", "viewer_certificate.0.ssl_support_method",
		"viewerCertificate.cloudFrontDefaultCertificate", "viewer_certificate.0.cloudfront_default_certificate")
	b.copy("webAclId", "web_acl_id", nonEmptyString)
	if v, known, _ := b.r.get("default_cache_behavior"); known && len(list(v)) == 0 {
		// Required by the provider: a plan without it is cut short.
		b.markUnknown("defaultCacheBehavior.viewerProtocolPolicy", "default_cache_behavior (required, not in the plan)"+computedSuffix)
	}
	var cbs []any
	v, _, _ := b.r.get("ordered_cache_behavior")
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		cbs = append(cbs, map[string]any{"pathPattern": m["path_pattern"], "viewerProtocolPolicy": m["viewer_protocol_policy"]})
	}
	if cbs == nil {
		cbs = []any{}
	}
	b.doc["cacheBehaviors"] = cbs
	var origins []any
	v, known, _ := b.r.get("origin")
	if known && len(list(v)) == 0 {
		b.markUnknown("origins", "origin (required, not in the plan)"+computedSuffix)
	}
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		o := map[string]any{"id": m["origin_id"], "domainName": m["domain_name"]}
		if c := list(m["custom_origin_config"]); len(c) > 0 {
			cm, _ := c[0].(map[string]any)
			o["originProtocolPolicy"] = cm["origin_protocol_policy"]
			o["originSslProtocols"] = cm["origin_ssl_protocols"]
		}
		if s, ok := m["origin_access_control_id"].(string); ok && s != "" {
			o["originAccessControlId"] = s
		}
		origins = append(origins, o)
	}
	if origins != nil {
		b.doc["origins"] = dropUnknown(origins)
	}
	if v, _, _ := b.r.get("logging_config"); len(list(v)) > 0 {
		b.set("logging.enabled", true)
		b.copy("logging.bucket", "logging_config.0.bucket", nil)
	} else {
		b.set("logging.enabled", false)
	}
}

func tfACM(b *builder) {
	tfCommon(b)
	b.fields("domainName", "domain_name", "subjectAlternativeNames", "subject_alternative_names", "keyAlgorithm", "key_algorithm")
	notInPlan(b, "notAfter", "notBefore", "inUseBy", "status")
}

// dropUnknown removes unknownVal markers from values copied wholesale.
func dropUnknown(v any) any {
	switch c := v.(type) {
	case map[string]any:
		for k, e := range c {
			if _, u := e.(unknownVal); u || e == nil {
				delete(c, k)
			} else {
				c[k] = dropUnknown(e)
			}
		}
	case []any:
		for i, e := range c {
			c[i] = dropUnknown(e)
		}
	}
	return v
}

var tfWebACLTargets = webACLTargets("resource_arn", []string{"aws_lb", "aws_alb"}, stageRef{"aws_api_gateway_stage", "rest_api_id", "stage_name"},
	stageRef{"aws_api_gateway_deployment", "rest_api_id", "stage_name"})
