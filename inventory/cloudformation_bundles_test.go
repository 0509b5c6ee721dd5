package inventory_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/gsl-lang/gsl/inventory"
)

// guardShared pairs the rules of aws-cloudformation/aws-guard-rules-registry
// whose test templates ship in testdata/cloudformation/guard with the
// shipped rules that judge the same control. The registry's expected
// PASS/FAIL/SKIP per template are independent expectations for ours.
var guardShared = map[string][]string{
	"RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED":         {"CIS-AWS-2.2.2"},
	"RDS_MULTI_AZ_SUPPORT":                                {"CIS-AWS-2.2.4"},
	"ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT": {"HIPAA-017"},
	"SQS_QUEUE_KMS_MASTER_KEY_ID_RULE":                    {"HIPAA-012"},
	"ALB_HTTP_DROP_INVALID_HEADER_ENABLED":                {"HIPAA-024"},
	"CLOUD_TRAIL_ENCRYPTION_ENABLED":                      {"CIS-AWS-3.5"},
	"CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED":             {"CIS-AWS-3.2"},
	"CLOUDFRONT_MINIMUM_PROTOCOL_VERSION_RULE":            {"HIPAA-027"},
	"CLOUDFRONT_VIEWER_POLICY_HTTPS":                      {"HIPAA-026"},
	"CLOUDWATCH_LOG_GROUP_ENCRYPTED":                      {"HIPAA-013"},
	"CMK_BACKING_KEY_ROTATION_ENABLED":                    {"CIS-AWS-3.6"},
	"DB_INSTANCE_BACKUP_ENABLED":                          {"HIPAA-084"},
	"DYNAMODB_PITR_ENABLED":                               {"HIPAA-087"},
	"EFS_ENCRYPTED_CHECK":                                 {"CIS-AWS-2.3.1"},
	"ELB_DELETION_PROTECTION_ENABLED":                     {"HIPAA-093"},
	"ELB_LOGGING_ENABLED":                                 {"HIPAA-070", "HIPAA-071"},
	"ELB_TLS_HTTPS_LISTENERS_ONLY":                        {"HIPAA-020"},
	"ELBV2_ACCESS_LOGGING_RULE":                           {"HIPAA-071"},
	"ENCRYPTED_VOLUMES":                                   {"HIPAA-002"},
	"IAM_USER_NO_POLICIES_CHECK":                          {"CIS-AWS-1.14"},
	"RDS_INSTANCE_DELETION_PROTECTION_ENABLED":            {"HIPAA-086"},
	"RDS_INSTANCE_PUBLIC_ACCESS_CHECK":                    {"CIS-AWS-2.2.3"},
	"RDS_INSTANCE_LOGGING_ENABLED":                        {"HIPAA-072"},
	"RDS_STORAGE_ENCRYPTED":                               {"CIS-AWS-2.2.1", "AWSBP-RDS.27"},
	"REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK":                {"HIPAA-038"},
	"INCOMING_SSH_DISABLED":                               {"CIS-AWS-5.3", "CIS-AWS-5.4"},
	"S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED":            {"CIS-AWS-2.1.4"},
	"S3_BUCKET_PUBLIC_READ_PROHIBITED":                    {"HIPAA-040"},
	"S3_BUCKET_PUBLIC_WRITE_PROHIBITED":                   {"HIPAA-040"},
	"S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED":            {"HIPAA-006"},
	"S3_BUCKET_SSL_REQUESTS_ONLY":                         {"CIS-AWS-2.1.1"},
	"SNS_ENCRYPTED_KMS":                                   {"HIPAA-011"},
	"SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED":               {"HIPAA-036"},
	"ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST":    {"HIPAA-017"},
	// The aws-best-practices types.
	"AURORA_MYSQL_BACKTRACKING_ENABLED":            {"AWSBP-RDS.14"},
	"AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED":   {"AWSBP-AutoScaling.1"},
	"AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED": {"AWSBP-AutoScaling.5"},
	"ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK": {"AWSBP-ECS.1"},
	"EKS_CLUSTER_ENCRYPTION_RULE":                  {"AWSBP-EKS.3"},
	"EKS_ENDPOINT_NO_PUBLIC_ACCESS":                {"AWSBP-EKS.1"},
	"API_GW_CACHE_ENABLED_AND_ENCRYPTED":           {"AWSBP-APIGateway.5"},
	"API_GW_EXECUTION_LOGGING_ENABLED":             {"AWSBP-APIGateway.1-a", "AWSBP-APIGateway.1-b"},
	"API_GWV2_ACCESS_LOGS_ENABLED":                 {"AWSBP-APIGateway.9"},
	"ECR_REPO_SCAN_ON_PUSH":                        {"AWSBP-ECR.1"},
	"ELASTICSEARCH_APPLICATION_LOGGING_ENABLED":    {"AWSBP-Opensearch.4"},
	"OPENSEARCH_APPLICATION_LOGGING_ENABLED":       {"AWSBP-Opensearch.4"},
	"ELASTICSEARCH_LOGS_TO_CLOUDWATCH":             {"AWSBP-Opensearch.4"},
	"ELASTICSEARCH_AUDIT_LOGGING_ENABLED":          {"AWSBP-Opensearch.5"},
	"OPENSEARCH_AUDIT_LOGGING_ENABLED":             {"AWSBP-Opensearch.5"},
	"ELASTICSEARCH_DATA_NODE_FAULT_TOLERANCE":      {"AWSBP-Opensearch.6"},
	"OPENSEARCH_DATA_NODE_FAULT_TOLERANCE":         {"AWSBP-Opensearch.6"},
	"ELASTICSEARCH_ENCRYPTED_AT_REST":              {"AWSBP-Opensearch.1"},
	"OPENSEARCH_ENCRYPTED_AT_REST":                 {"AWSBP-Opensearch.1"},
	"ELASTICSEARCH_HTTPS_REQUIRED":                 {"AWSBP-Opensearch.8"},
	"OPENSEARCH_HTTPS_REQUIRED":                    {"AWSBP-Opensearch.8"},
	"ELASTICSEARCH_IN_VPC_ONLY":                    {"AWSBP-Opensearch.2"},
	"OPENSEARCH_IN_VPC_ONLY":                       {"AWSBP-Opensearch.2"},
	"ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK":  {"AWSBP-Opensearch.3"},
	"OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK":     {"AWSBP-Opensearch.3"},
	"ELASTICSEARCH_PRIMARY_NODE_FAULT_TOLERANCE":   {"AWSBP-ES.7"},
	"OPENSEARCH_ACCESS_CONTROL_ENABLED":            {"AWSBP-Opensearch.7"},
	"SECRETSMANAGER_ROTATION_ENABLED_CHECK":        {"AWSBP-SecretsManager.1"},
	// Not kept: IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS judges
	// AWS::IAM::Policy (inline policies, merged into their identities
	// here) while HIPAA-051 judges managed policies; the templates of
	// LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED hold permissions of
	// functions that are not in the template, and those of
	// ELBV2_LISTENER_PROTOCOL_RULE and ELBV2_LISTENER_SSL_POLICY_RULE
	// listeners of load balancers that are not.
}

// guardDiffs are the cases where our verdict differs from the registry's,
// each with the reason. A difference not listed fails the test, and so
// does a listed one that no longer occurs.
var guardDiffs = map[string]string{
	"api_gw_cache_enabled_and_encrypted_tests.yml: CacheDataEncrypted and CachingEnabled missing, FAIL":                                                                                                                                                    "the stage's API (RestApiId !Ref MyRestApi) is not in the template: the stage is an error record, and with no ApiGateway entity there is nothing to judge (the model judges stages inside their API)",
	"api_gw_cache_enabled_and_encrypted_tests.yml: CacheDataEncrypted and CachingEnabled set to true, PASS":                                                                                                                                                "as above: no ApiGateway in the template",
	"api_gw_cache_enabled_and_encrypted_tests.yml: CacheDataEncrypted set to false and CachingEnabled set to fail, FAIL":                                                                                                                                   "as above: no ApiGateway in the template",
	"api_gw_cache_enabled_and_encrypted_tests.yml: CacheDataEncrypted set to false and CachingEnabled set to true, FAIL":                                                                                                                                   "as above: no ApiGateway in the template",
	"api_gw_cache_enabled_and_encrypted_tests.yml: CacheDataEncrypted set to true and CachingEnabled set to false, FAIL":                                                                                                                                   "as above: no ApiGateway in the template",
	"api_gw_execution_logging_enabled_tests.yml: LoggingLevel missing, FAIL":                                                                                                                                                                               "as above: no ApiGateway in the template",
	"api_gw_execution_logging_enabled_tests.yml: LoggingLevel set to ERROR, PASS":                                                                                                                                                                          "as above: no ApiGateway in the template",
	"api_gw_execution_logging_enabled_tests.yml: LoggingLevel set to INFO, PASS":                                                                                                                                                                           "as above: no ApiGateway in the template",
	"api_gw_execution_logging_enabled_tests.yml: LoggingLevel set to SUPER, FAIL":                                                                                                                                                                          "as above: no ApiGateway in the template",
	"api_gwv2_access_logs_enabled_tests.yml: Scenario c) API Gateway V2 Stage Method is missing AccessLogSettings.DestinationArn or AccessLogSettings.Format, FAIL":                                                                                        "the stage's API (ApiId) is not in the template: an error record, no ApiGatewayV2 to judge",
	"api_gwv2_access_logs_enabled_tests.yml: Scenario d) API Gateway V2 Stage Method has AccessLogSettings.DestinationArn or AccessLogSettings.Format set to a value other than a string or struct, FAIL":                                                  "the stage's API (ApiId) is not in the template: an error record, no ApiGatewayV2 to judge",
	"api_gwv2_access_logs_enabled_tests.yml: Scenario e) API Gateway V2 Stage Method have an AccessLogSettings configuration with DestinationArn and Format set to a string or struct, PASS":                                                               "the stage's API (ApiId) is not in the template: an error record, no ApiGatewayV2 to judge",
	"autoscaling_launch_config_public_ip_disabled_tests.yml: Scenario c) AssociatePublicIpAddress not set, FAIL":                                                                                                                                           "the launch configuration is used by no Auto Scaling group of the template: it is ignored (AutoScaling.5 judges it embedded in its group, as FSBP does)",
	"autoscaling_launch_config_public_ip_disabled_tests.yml: Scenario d) AssociatePublicIpAddress set to true, FAIL":                                                                                                                                       "the launch configuration is used by no Auto Scaling group of the template: it is ignored (AutoScaling.5 judges it embedded in its group, as FSBP does)",
	"autoscaling_launch_config_public_ip_disabled_tests.yml: Scenario e) AssociatePublicIpAddress set to false, PASS":                                                                                                                                      "the launch configuration is used by no Auto Scaling group of the template: it is ignored (AutoScaling.5 judges it embedded in its group, as FSBP does)",
	"eks_cluster_encryption_rule_tests.yml: EKS Cluster with SSE specified":                                                                                                                                                                                "the encryption configs name resources testVal1 and testVal2, not secrets: FSBP EKS.3 asks for encrypted Kubernetes secrets",
	"elasticsearch_application_logging_enabled_tests.yml: Scenario c) ElasticSearch Domain resources are missing LogPublishingOptions.ES_APPLICATION_LOGS.Enabled or LogPublishingOptions.ES_APPLICATION_LOGS.CloudWatchLogsLogGroupArn, FAIL":             "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"elasticsearch_application_logging_enabled_tests.yml: Scenario e) ElasticSearch Domain resources have LogPublishingOptions.ES_APPLICATION_LOGS.CloudWatchLogsLogGroupArn set to a value other than a string or struct, FAIL":                           "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"elasticsearch_audit_logging_enabled_tests.yml: Scenario c) ElasticSearch Domain resources are missing LogPublishingOptions.AUDIT_LOGS.Enabled or LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn, FAIL":                                     "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"elasticsearch_audit_logging_enabled_tests.yml: Scenario e) ElasticSearch Domain resources have LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn set to a value other than a string or struct, FAIL":                                          "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"opensearch_application_logging_enabled_tests.yml: Scenario c) OpenSearchService Domain resources are missing LogPublishingOptions.ES_APPLICATION_LOGS.Enabled or LogPublishingOptions.ES_APPLICATION_LOGS.CloudWatchLogsLogGroupArn, FAIL":            "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"opensearch_application_logging_enabled_tests.yml: Scenario e) OpenSearchService Domain resources have LogPublishingOptions.ES_APPLICATION_LOGS.CloudWatchLogsLogGroupArn set to a value other than a string or struct, FAIL":                          "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"opensearch_audit_logging_enabled_tests.yml: Scenario c) OpenSearchService Domain resources are missing LogPublishingOptions.AUDIT_LOGS.Enabled or LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn, FAIL":                                    "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"opensearch_audit_logging_enabled_tests.yml: Scenario e) OpenSearchService Domain resources have LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn set to a value other than a string or struct, FAIL":                                         "Enabled: true without a string log group ARN: AWS rejects such a domain at deploy; the rule judges Enabled, as FSBP Opensearch.4/5 do",
	"elasticsearch_primary_node_fault_tolerance_tests.yml: Scenario f) ElasticSearch Domain resources have ElasticsearchClusterConfig.DedicatedMasterEnabled set to true and  ElasticsearchClusterConfig.DedicatedMasterCount has not been provided, PASS": "DedicatedMasterCount is not set and the resource reference documents no default: ES.7 asks for three dedicated masters and fails on a count it does not have",
	"rds_multi_az_support_tests.yml: RDS Multi AZ property missing, FAIL":                                                                                                                                                                                  "a read replica (SourceDBInstanceIdentifier) has its source's engine, unknown in the template; CIS 2.2.4's scope (not Aurora) reads it, so the verdict is undecided (error)",
	"rds_multi_az_support_tests.yml: RDS Multi AZ set with value of false, FAIL":                                                                                                                                                                           "as above: the replica's engine is unknown",
	"rds_multi_az_support_tests.yml: RDS Multi AZ set with value of true, PASS":                                                                                                                                                                            "as above: the replica's engine is unknown",
	"rds_automatic_minor_version_upgrade_enabled_tests.yml: RDS AutoMinorVersionUpgrade property missing, FAIL":                                                                                                                                            "AutoMinorVersionUpgrade defaults to true (CreateDBInstance applies minor upgrades automatically unless told not to); the registry requires it written",
	"elasticache_replication_group_transit_encryption_tests.yml: Elasticache old (ignored) version 2.x, SKIP":                                                                                                                                              "HIPAA-017 requires encryption in transit whatever the engine version; a Redis version that cannot provide it is a finding, not out of scope",
	"elasticache_replication_group_transit_encryption_tests.yml: Elasticache old (ignored) version 3.x, SKIP":                                                                                                                                              "as above: Redis before 3.2.6 has no encryption in transit",
	"cloudfront_minimum_protocol_version_rule_tests.yml: CloudFront with no viewerCertificate":                                                                                                                                                             "HIPAA-027 judges only distributions with a custom certificate (the control: the TLS version a custom certificate negotiates); the default *.cloudfront.net certificate is out of its scope",
	"cloudfront_minimum_protocol_version_rule_tests.yml: CloudFront with viewerCertificate and CloudFrontDefaultCertificate true":                                                                                                                          "HIPAA-027 skips distributions on the default CloudFront certificate",
	"cloudfront_minimum_protocol_version_rule_tests.yml: CloudFront with viewerCertificate and TLS 1.1":                                                                                                                                                    "the template sets CloudFrontDefaultCertificate: true, which HIPAA-027 skips",
	"cloudfront_viewer_policy_https_tests.yml: Scenario c) 'CacheBehaviors' has been provided as an empty list, SKIP":                                                                                                                                      "the registry judges only CacheBehaviors; HIPAA-026 also requires HTTPS on the DefaultCacheBehavior, which allows HTTP here",
	"cloudfront_viewer_policy_https_tests.yml: Scenario c) 'CacheBehaviors' has not been provided, SKIP":                                                                                                                                                   "as above: the DefaultCacheBehavior allows HTTP",
	"cloudfront_viewer_policy_https_tests.yml: Scenario g) 'CacheBehaviors.*.ViewerProtocolPolicy' is set to 'https-only', PASS":                                                                                                                           "as above: the DefaultCacheBehavior allows HTTP",
	"cloudfront_viewer_policy_https_tests.yml: Scenario g) 'CacheBehaviors.*.ViewerProtocolPolicy' is set to 'redirect-to-https', PASS":                                                                                                                    "as above: the DefaultCacheBehavior allows HTTP",
	"cloudwatch_log_group_encrypted_tests.yml: CloudWatch Log LogGroup present KmsKeyId, PASS":                                                                                                                                                             "KmsKeyId is !Ref myKmsKeyId, which names nothing in the template: unknown until deploy, so undecided (error), never a pass",
	"db_instance_backup_enabled_tests.yml: RDS BackupRetentionPeriod set with value of 1, PASS":                                                                                                                                                            "HIPAA-084 requires at least 7 days of backups (contingency plan); the registry accepts any retention",
	"elasticache_replication_group_encryption_at_rest_tests.yml: Elasticache with AtRestEncryptionEnabled = true, PASS":                                                                                                                                    "HIPAA-017 requires encryption at rest and in transit; the template does not enable TransitEncryptionEnabled",
	"encrypted_volumes_tests.yml: EC2 Volume with KmsKeyId property not empty, PASS":                                                                                                                                                                       "Encrypted is not set: EC2 rejects a KmsKeyId without Encrypted: true, and a volume's encryption then depends on the account default, so HIPAA-002 fails",
	"rds_instance_public_access_check_tests.yml: Rule fails when RDS instances has PubliclyAccessible property missing. FAIL":                                                                                                                              "without PubliclyAccessible AWS decides from the subnet group's VPC (public when it has an internet gateway): unknown until deploy, so undecided (error)",
	"restricted_ssh_tests.yml: Security Group with no SSH ingress, SKIP":                                                                                                                                                                                   "the registry skips groups without SSH rules; CIS 5.3/5.4 judge every group, and one without SSH from anywhere passes",
	"s3_bucket_level_public_access_prohibited_tests.yml: S3 Bucket PublicAccessBlockConfiguration missing, FAIL":                                                                                                                                           "AWS turns on all four Block Public Access settings of every new bucket since April 2023 (the registry's test predates it)",
	"s3_bucket_public_read_prohibited_tests.yml: S3 Bucket PublicAccessBlockConfiguration missing, FAIL":                                                                                                                                                   "HIPAA-040 judges the ACL's grants: the bucket grants nothing to AllUsers (and new buckets block public access by default)",
	"s3_bucket_public_read_prohibited_tests.yml: S3 Bucket PublicAccessBlockConfiguration properties set to false, FAIL":                                                                                                                                   "HIPAA-040 judges the ACL's grants, and the bucket grants nothing to AllUsers; Block Public Access off alone does not make it public",
	"s3_bucket_public_write_prohibited_tests.yml: S3 Bucket PublicAccessBlockConfiguration missing, FAIL":                                                                                                                                                  "as for public read: no public grant",
	"s3_bucket_public_write_prohibited_tests.yml: S3 Bucket PublicAccessBlockConfiguration properties set to false, FAIL":                                                                                                                                  "as for public read: no public grant",
	"s3_bucket_server_side_encryption_enabled_tests.yml: S3 Bucket Encryption not set, FAIL":                                                                                                                                                               "S3 encrypts every new bucket with SSE-S3 by default since January 2023",
	"s3_bucket_ssl_requests_only_tests.yml: S3 Bucket Policy statement does not allow requests to use Secure Socket Layer (SSL), FAIL":                                                                                                                     "the policy's bucket (!Ref rLogsBucket) is not in the template: an error record, no S3Bucket to judge",
	"s3_bucket_ssl_requests_only_tests.yml: S3 Bucket Policy statement only allows requests to use Secure Socket Layer (SSL), PASS":                                                                                                                        "the policy's bucket is not in the template: an error record, no S3Bucket to judge",
	"s3_bucket_ssl_requests_only_tests.yml: S3 Bucket Policy statement to only allow requests to use Secure Socket Layer (SSL) missing, FAIL":                                                                                                              "the policy's bucket is not in the template: an error record, no S3Bucket to judge",
	"sns_encrypted_kms_tests.yml: Scenario d) KmsMasterKeyId set many times, PASS":                                                                                                                                                                         "KmsMasterKeyId is a GetAtt of a resource that is not in the template: unknown until deploy, so undecided (error)",
	"sns_encrypted_kms_tests.yml: Scenario d) KmsMasterKeyId set, PASS":                                                                                                                                                                                    "KmsMasterKeyId is a GetAtt of a resource that is not in the template: unknown until deploy, so undecided (error)",
}

type guardCase struct {
	name     string
	line     int
	template string
	expect   map[string]string
}

// guardCases reads a registry test file: a YAML list of {name, input,
// expectations: {rules: {RULE: PASS|FAIL|SKIP}}}. The input is kept as
// YAML text, short-form tags included, to go through ReadCloudFormation.
func guardCases(t *testing.T, file string) []guardCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var out []guardCase
	for _, doc := range f.Docs {
		seq, ok := doc.Body.(*ast.SequenceNode)
		if !ok {
			continue
		}
		for _, item := range seq.Values {
			m, ok := item.(*ast.MappingNode)
			if !ok {
				continue
			}
			gc := guardCase{line: item.GetToken().Position.Line, expect: map[string]string{}}
			for _, kv := range m.Values {
				switch kv.Key.String() {
				case "name":
					gc.name = strings.Trim(kv.Value.String(), `"'`)
				case "input":
					gc.template = kv.Value.String()
				case "expectations":
					em, _ := kv.Value.(*ast.MappingNode)
					if em == nil {
						continue
					}
					for _, e := range em.Values {
						if e.Key.String() != "rules" {
							continue
						}
						rm, _ := e.Value.(*ast.MappingNode)
						if rm == nil {
							continue
						}
						for _, r := range rm.Values {
							gc.expect[r.Key.String()] = strings.ToLower(r.Value.String())
						}
					}
				}
			}
			out = append(out, gc)
		}
	}
	return out
}

// aggregate combines per-entity verdicts as the registry does per
// template: fail if any fails, else error, else pass, else skip.
func aggregate(statuses []string) string {
	has := map[string]bool{}
	for _, s := range statuses {
		has[s] = true
	}
	for _, s := range []string{"fail", "error", "pass"} {
		if has[s] {
			return s
		}
	}
	return "skip"
}

func TestCloudFormationGuardRegistry(t *testing.T) {
	rules := loadRules(t, "hipaa", "cis-aws", "aws-best-practices")
	files, _ := filepath.Glob("testdata/cloudformation/guard/*.yml")
	if len(files) == 0 {
		t.Fatal("no registry test files")
	}
	seen := map[string]bool{}
	compared := 0
	var mismatches []string
	for _, file := range files {
		for _, gc := range guardCases(t, file) {
			if strings.Contains(gc.template, "SuppressedRules") || strings.Contains(gc.template, "rules_to_suppress") {
				// The registry's and cfn_nag's own suppressions: a GSL
				// bundle has exclusions of its own.
				continue
			}
			for gr, want := range gc.expect {
				ours, ok := guardShared[gr]
				if !ok {
					continue
				}
				var statuses []string
				err := inventory.ReadCloudFormation(strings.NewReader(gc.template), file, func(e inventory.Entity) error {
					if e.Data == nil {
						return nil
					}
					for _, id := range ours {
						statuses = append(statuses, rules[id].judge(e.Data).status)
					}
					return nil
				})
				got := aggregate(statuses)
				if err != nil {
					// An empty input ({}) is no template: nothing to judge.
					got = "skip"
				}
				compared++
				key := filepath.Base(file) + ": " + gc.name
				if got == want {
					continue
				}
				seen[key] = true
				if _, known := guardDiffs[key]; !known {
					mismatches = append(mismatches, key+" ("+gr+" -> "+strings.Join(ours, ",")+"): registry "+want+", ours "+got)
				}
			}
		}
	}
	sort.Strings(mismatches)
	for _, m := range mismatches {
		t.Error(m)
	}
	for k := range guardDiffs {
		if !seen[k] {
			t.Errorf("listed difference no longer occurs: %s", k)
		}
	}
	if compared < 100 {
		t.Errorf("only %d registry expectations compared", compared)
	}
	t.Logf("%d registry expectations compared, %d known differences", compared, len(guardDiffs))
}
