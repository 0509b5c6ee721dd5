package inventory_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/inventory"
)

// TestAPIDumpAppTypes reads the responses of the calls behind the types the
// aws-best-practices bundle added (RDS clusters and snapshots, EKS, ECR,
// OpenSearch, Secrets Manager), as the Go SDK's structs marshal them (the
// collector's files), and checks the documents' values and that every
// document fits the model.
func TestAPIDumpAppTypes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"describe-regions.json":                  `{"Regions":[{"RegionName":"eu-west-1"}]}`,
		"eu-west-1/sts-get-caller-identity.json": `{"Account":"123456789012"}`,
		"eu-west-1/rds-describe-db-clusters.json": `{"DBClusters":[{"DBClusterIdentifier":"orders","DBClusterArn":"arn:aws:rds:eu-west-1:123456789012:cluster:orders",
			"Engine":"aurora-postgresql","EngineVersion":"15.4","Status":"available","Port":5432,"StorageEncrypted":true,"MultiAZ":true,
			"AvailabilityZones":["eu-west-1a","eu-west-1b"],"DeletionProtection":false,"IAMDatabaseAuthenticationEnabled":false,
			"BackupRetentionPeriod":7,"EnabledCloudwatchLogsExports":null,"DBClusterMembers":[{"DBInstanceIdentifier":"orders-1","IsClusterWriter":true}],
			"TagList":[{"Key":"team","Value":"shop"}]}]}`,
		"eu-west-1/rds-describe-db-snapshots.json": `{"DBSnapshots":[{"DBSnapshotIdentifier":"nightly","DBSnapshotArn":"arn:aws:rds:eu-west-1:123456789012:snapshot:nightly",
			"SnapshotType":"manual","Engine":"mysql","DBInstanceIdentifier":"legacy","Encrypted":false,"SnapshotCreateTime":"2026-01-02T03:04:05Z"}]}`,
		"eu-west-1/rds-describe-db-snapshot-attributes/nightly": `{"DBSnapshotAttributesResult":{"DBSnapshotIdentifier":"nightly","DBSnapshotAttributes":[{"AttributeName":"restore","AttributeValues":["all"]}]}}`,
		"eu-west-1/rds-describe-db-cluster-snapshots.json": `{"DBClusterSnapshots":[{"DBClusterSnapshotIdentifier":"orders-final","DBClusterSnapshotArn":"arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:orders-final",
			"SnapshotType":"manual","Engine":"aurora-postgresql","DBClusterIdentifier":"orders","StorageEncrypted":true,"KmsKeyId":"arn:aws:kms:eu-west-1:123456789012:key/k"}]}`,
		"eu-west-1/rds-describe-db-cluster-snapshot-attributes/orders-final": `{"DBClusterSnapshotAttributesResult":{"DBClusterSnapshotAttributes":[{"AttributeName":"restore","AttributeValues":["210987654321"]}]}}`,
		"eu-west-1/eks-list-clusters.json":                                   `{"Clusters":["prod"]}`,
		"eu-west-1/eks-describe-cluster/prod": `{"Cluster":{"Name":"prod","Arn":"arn:aws:eks:eu-west-1:123456789012:cluster/prod","Version":"1.31","PlatformVersion":"eks.12","Status":"ACTIVE",
			"Endpoint":"https://ABC.gr7.eu-west-1.eks.amazonaws.com","RoleArn":"arn:aws:iam::123456789012:role/eks",
			"ResourcesVpcConfig":{"VpcId":"vpc-1","SubnetIds":["subnet-1"],"SecurityGroupIds":[],"ClusterSecurityGroupId":"sg-9","EndpointPublicAccess":true,"EndpointPrivateAccess":false,"PublicAccessCidrs":["0.0.0.0/0"]},
			"EncryptionConfig":null,"Logging":{"ClusterLogging":[{"Types":["api","audit"],"Enabled":false}]},"Tags":{"env":"prod"}}}`,
		"eu-west-1/autoscaling-describe-auto-scaling-groups.json": `{"AutoScalingGroups":[{"AutoScalingGroupName":"web","AutoScalingGroupARN":"arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1:autoScalingGroupName/web",
			"MinSize":1,"MaxSize":4,"DesiredCapacity":2,"AvailabilityZones":["eu-west-1a"],"VPCZoneIdentifier":"subnet-1,subnet-2","HealthCheckType":"EC2","HealthCheckGracePeriod":300,
			"LoadBalancerNames":[],"TargetGroupARNs":null,"LaunchConfigurationName":"web-lc","Instances":[{"InstanceId":"i-1","AvailabilityZone":"eu-west-1a","InstanceType":"t3.micro","LifecycleState":"InService","HealthStatus":"Healthy"}],
			"Tags":[{"Key":"env","Value":"prod","PropagateAtLaunch":true,"ResourceId":"web","ResourceType":"auto-scaling-group"}]},
			{"AutoScalingGroupName":"batch","MinSize":0,"MaxSize":2,"MixedInstancesPolicy":{"LaunchTemplate":{"LaunchTemplateSpecification":{"LaunchTemplateId":"lt-1","Version":"$Default"},"Overrides":[{"InstanceType":"m5.large","WeightedCapacity":"1"}]},"InstancesDistribution":{"OnDemandPercentageAboveBaseCapacity":0}}}]}`,
		"eu-west-1/autoscaling-describe-launch-configurations.json": `{"LaunchConfigurations":[{"LaunchConfigurationName":"web-lc","LaunchConfigurationARN":"arn:aws:autoscaling:eu-west-1:123456789012:launchConfiguration:1:launchConfigurationName/web-lc",
			"ImageId":"ami-1","InstanceType":"t3.micro","AssociatePublicIpAddress":true,"SecurityGroups":["sg-1"],"MetadataOptions":{"HttpTokens":"optional","HttpEndpoint":"enabled"},"CreatedTime":"2024-04-04T04:04:04Z"}]}`,
		"eu-west-1/ec2-describe-launch-templates.json": `{"LaunchTemplates":[{"LaunchTemplateId":"lt-1","LaunchTemplateName":"batch","CreateTime":"2024-01-01T00:00:00Z","DefaultVersionNumber":2,"LatestVersionNumber":3}]}`,
		"eu-west-1/ec2-describe-launch-template-versions.json": `{"LaunchTemplateVersions":[{"LaunchTemplateId":"lt-1","VersionNumber":2,"DefaultVersion":true,"LaunchTemplateData":{"ImageId":"ami-2","InstanceType":"m5.large",
			"MetadataOptions":{"HttpTokens":"required","HttpPutResponseHopLimit":1},"NetworkInterfaces":[{"DeviceIndex":0,"AssociatePublicIpAddress":false,"Groups":["sg-2"]}],
			"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"Encrypted":true,"VolumeSize":20,"VolumeType":"gp3"}}]}},
			{"LaunchTemplateId":"lt-1","VersionNumber":3,"DefaultVersion":false,"LaunchTemplateData":{"ImageId":"ami-3"}}]}`,
		"eu-west-1/ecs-list-clusters.json": `{"ClusterArns":["arn:aws:ecs:eu-west-1:123456789012:cluster/prod"]}`,
		"eu-west-1/ecs-describe-clusters/arn%3Aaws%3Aecs%3Aeu-west-1%3A123456789012%3Acluster%2Fprod": `{"Clusters":[{"ClusterName":"prod","ClusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/prod","Status":"ACTIVE",
			"Settings":[{"Name":"containerInsights","Value":"enabled"}],"RegisteredContainerInstancesCount":0,"RunningTasksCount":3,"ActiveServicesCount":1,"CapacityProviders":["FARGATE"]}]}`,
		"eu-west-1/ecs-describe-services/arn%3Aaws%3Aecs%3Aeu-west-1%3A123456789012%3Acluster%2Fprod": `{"Services":[{"ServiceName":"api","ServiceArn":"arn:aws:ecs:eu-west-1:123456789012:service/prod/api",
			"ClusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/prod","Status":"ACTIVE","LaunchType":"FARGATE","PlatformVersion":"LATEST","DesiredCount":2,"RunningCount":2,
			"TaskDefinition":"arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7","NetworkConfiguration":{"AwsvpcConfiguration":{"Subnets":["subnet-1"],"SecurityGroups":["sg-1"],"AssignPublicIp":"ENABLED"}}}]}`,
		"eu-west-1/ecs-list-task-definition-families.json": `{"Families":["api"]}`,
		"eu-west-1/ecs-describe-task-definition/api": `{"TaskDefinition":{"Family":"api","TaskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7","Revision":7,"Status":"ACTIVE",
			"NetworkMode":"awsvpc","RequiresCompatibilities":["FARGATE"],"ContainerDefinitions":[{"Name":"app","Image":"nginx","Essential":true,"Privileged":false,"ReadonlyRootFilesystem":true,
			"Environment":[{"Name":"MODE","Value":"prod"}],"Secrets":[{"Name":"DB","ValueFrom":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}],
			"LogConfiguration":{"LogDriver":"awslogs","Options":{"awslogs-group":"/ecs/api"}}}]}}`,
		"eu-west-1/apigateway-get-rest-apis.json": `{"items":[{"id":"a1b2c3","name":"orders","createdDate":1700000000,"endpointConfiguration":{"types":["REGIONAL"]},
			"policy":"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"execute-api:Invoke\\\",\\\"Resource\\\":\\\"*\\\"}]}"}]}`,
		"eu-west-1/apigateway-get-stages/a1b2c3": `{"item":[{"stageName":"prod","deploymentId":"d1","tracingEnabled":false,"cacheClusterEnabled":false,
			"methodSettings":{"*/*":{"loggingLevel":"ERROR","dataTraceEnabled":false,"metricsEnabled":true,"cachingEnabled":false,"cacheDataEncrypted":false,"throttlingBurstLimit":5000,"throttlingRateLimit":10000.0}},
			"accessLogSettings":{"destinationArn":"arn:aws:logs:eu-west-1:123456789012:log-group:api","format":"$context.requestId"}}]}`,
		"eu-west-1/apigatewayv2-get-apis.json": `{"Items":[{"ApiId":"h1","Name":"web","ProtocolType":"HTTP","ApiEndpoint":"https://h1.execute-api.eu-west-1.amazonaws.com","DisableExecuteApiEndpoint":false}]}`,
		"eu-west-1/apigatewayv2-get-stages/h1": `{"Items":[{"StageName":"$default","AutoDeploy":true,"DefaultRouteSettings":{"DetailedMetricsEnabled":false,"ThrottlingBurstLimit":100,"ThrottlingRateLimit":50.5}}]}`,
		"eu-west-1/apigatewayv2-get-routes/h1": `{"Items":[{"RouteKey":"GET /items","AuthorizationType":"NONE"}]}`,
		"eu-west-1/ecr-describe-repositories.json": `{"Repositories":[{"RepositoryName":"web","RepositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/web","RegistryId":"123456789012",
			"ImageTagMutability":"IMMUTABLE","ImageScanningConfiguration":{"ScanOnPush":true},"EncryptionConfiguration":{"EncryptionType":"KMS","KmsKey":"arn:aws:kms:eu-west-1:123456789012:key/k"},"CreatedAt":"2025-05-05T05:05:05Z"}]}`,
		"eu-west-1/ecr-get-lifecycle-policy/web": `{"LifecyclePolicyText":"{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}","RepositoryName":"web"}`,
		"eu-west-1/secretsmanager-list-secrets.json": `{"SecretList":[{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf","Name":"db","RotationEnabled":true,
			"RotationLambdaARN":"arn:aws:lambda:eu-west-1:123456789012:function:rotate","RotationRules":{"AutomaticallyAfterDays":30},"LastRotatedDate":"2026-02-01T00:00:00Z","CreatedDate":"2024-01-01T00:00:00Z"}]}`,
		"eu-west-1/secretsmanager-get-resource-policy/db": `{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf","Name":"db","ResourcePolicy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"secretsmanager:DeleteSecret\",\"Resource\":\"*\"}]}"}`,
	}
	writeDump(t, dir, files)
	docs := map[string]map[string]any{}
	s := bundles.AWS()
	sum, err := inventory.ReadAPIDump(dir, func(e inventory.Entity) error {
		if e.Err != nil {
			t.Errorf("error record: %s: %v", e.Label(), e.Err)
			return nil
		}
		if e.Data == nil {
			return nil
		}
		var doc map[string]any
		if err := json.Unmarshal(e.Data, &doc); err != nil {
			t.Fatal(err)
		}
		typ, _ := doc["type"].(string)
		docs[typ+"/"+doc["id"].(string)] = doc
		if et := s.Type(typ); et == nil {
			t.Errorf("type %q is not in the model", typ)
		} else {
			for _, p := range fitModel(s, et.Node, doc, typ) {
				t.Errorf("%s %s: %s", typ, doc["id"], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]map[string]any{
		"RDSCluster/orders": {"engine": "aurora-postgresql", "port": 5432.0, "storageEncrypted": true, "multiAZ": true,
			"deletionProtection": false, "backupRetentionPeriod": 7.0, "members.0.isClusterWriter": true, "tags.0.value": "shop"},
		"RDSSnapshot/nightly": {"isClusterSnapshot": false, "encrypted": false, "isPublic": true, "restoreAccountIds.0": "all",
			"sourceIdentifier": "legacy", "snapshotCreateTime": "2026-01-02T03:04:05Z"},
		"RDSSnapshot/orders-final": {"isClusterSnapshot": true, "encrypted": true, "isPublic": false, "restoreAccountIds.0": "210987654321"},
		"EKSCluster/arn:aws:eks:eu-west-1:123456789012:cluster/prod": {"version": "1.31", "resourcesVpcConfig.endpointPublicAccess": true,
			"resourcesVpcConfig.publicAccessCidrs.0": "0.0.0.0/0", "logging.clusterLogging.0.enabled": false, "tags.0.key": "env"},
		"AutoScalingGroup/web": {"desiredCapacity": 2.0, "vpcZoneIdentifier": "subnet-1,subnet-2", "launchConfiguration.associatePublicIpAddress": true,
			"launchConfiguration.metadataOptions.httpTokens": "optional", "launchConfiguration.createdTime": "2024-04-04T04:04:04Z",
			"instances.0.lifecycleState": "InService", "tags.0.key": "env"},
		"AutoScalingGroup/batch": {"mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId": "lt-1",
			"mixedInstancesPolicy.launchTemplate.overrides.0.instanceType": "m5.large", "mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity": 0.0},
		"LaunchTemplate/lt-1": {"launchTemplateName": "batch", "defaultVersionNumber": 2.0, "launchTemplateData.imageId": "ami-2",
			"launchTemplateData.metadataOptions.httpTokens": "required", "launchTemplateData.networkInterfaces.0.associatePublicIpAddress": false,
			"launchTemplateData.blockDeviceMappings.0.ebs.encrypted": true},
		"EcsCluster/prod": {"status": "ACTIVE", "settings.0.value": "enabled", "runningTasksCount": 3.0, "capacityProviders.0": "FARGATE",
			"services.0.serviceName": "api", "services.0.networkConfiguration.awsvpcConfiguration.assignPublicIp": "ENABLED"},
		"EcsService/arn:aws:ecs:eu-west-1:123456789012:service/prod/api": {"launchType": "FARGATE", "desiredCount": 2.0,
			"networkConfiguration.awsvpcConfiguration.subnets.0": "subnet-1"},
		"EcsTaskDefinition/api": {"revision": 7.0, "networkMode": "awsvpc", "containerDefinitions.0.readonlyRootFilesystem": true,
			"containerDefinitions.0.environment.0.name": "MODE", "containerDefinitions.0.secrets.0.name": "DB",
			"containerDefinitions.0.logConfiguration.options.awslogs-group": "/ecs/api"},
		"ApiGateway/a1b2c3": {"endpointConfiguration.types.0": "REGIONAL", "createdDate": "2023-11-14T22:13:20Z", "policy.Statement.0.Principal": "*",
			"stages.0.methodSettings.0.methodPath": "*/*", "stages.0.methodSettings.0.loggingLevel": "ERROR", "stages.0.accessLogSettings.format": "$context.requestId"},
		"ApiGatewayV2/h1": {"protocolType": "HTTP", "disableExecuteApiEndpoint": false, "stages.0.stageName": "$default",
			"stages.0.defaultRouteSettings.throttlingRateLimit": 50.5, "routes.0.authorizationType": "NONE"},
		"EcrRepository/arn:aws:ecr:eu-west-1:123456789012:repository/web": {"imageTagMutability": "IMMUTABLE",
			"imageScanningConfiguration.scanOnPush": true, "encryptionConfiguration.encryptionType": "KMS",
			"lifecyclePolicy.rules.0.action.type": "expire", "createdAt": "2025-05-05T05:05:05Z"},
		"SecretsManagerSecret/arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf": {"rotationEnabled": true,
			"rotationRules.automaticallyAfterDays": 30.0, "lastRotatedDate": "2026-02-01T00:00:00Z", "policy.Statement.0.Effect": "Deny"},
	} {
		doc, ok := docs[key]
		if !ok {
			t.Errorf("no document %s; have %d documents", key, len(docs))
			continue
		}
		for path, v := range want {
			if got := dotted(doc, path); got != v {
				t.Errorf("%s %s = %v, want %v", key, path, got, v)
			}
		}
	}
	// The EKS cluster has no envelope encryption: an empty list, not a
	// missing property; its members' absence would be unknown.
	if enc, ok := docs["EKSCluster/arn:aws:eks:eu-west-1:123456789012:cluster/prod"]["encryptionConfig"].([]any); !ok || len(enc) != 0 {
		t.Errorf("EKS encryptionConfig = %v, want []", enc)
	}
	// The ECR repository policy was never asked for: named in Missing.
	found := false
	for _, m := range sum.Missing {
		if m == "eu-west-1/ecr-get-repository-policy/" {
			found = true
		}
	}
	if !found {
		t.Errorf("Missing %q does not name eu-west-1/ecr-get-repository-policy/", sum.Missing)
	}
}

// dotted reads a dotted path of a decoded document; a number step indexes
// an array ("members.0.isClusterWriter").
func dotted(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// TestAPIDumpECRLifecycle checks that ECR.3 tells a repository without a
// lifecycle policy (LifecyclePolicyNotFoundException, recorded by the
// collector or held in the response file) from one whose policy was not
// collected (no response, or a failed call): the first fails, the second
// is skipped, and a failed call is an error record.
func TestAPIDumpECRLifecycle(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"describe-regions.json":                  `{"Regions":[{"RegionName":"eu-west-1"}]}`,
		"eu-west-1/sts-get-caller-identity.json": `{"Account":"123456789012"}`,
		"eu-west-1/ecr-describe-repositories.json": `{"repositories":[` +
			`{"repositoryName":"policy"},{"repositoryName":"none-file"},{"repositoryName":"none-recorded"},` +
			`{"repositoryName":"failed"},{"repositoryName":"denied-file","repositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/denied-file"},{"repositoryName":"absent"}]}`,
		"eu-west-1/ecr-get-lifecycle-policy/policy":      `{"lifecyclePolicyText":"{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":50},\"action\":{\"type\":\"expire\"}}]}"}`,
		"eu-west-1/ecr-get-lifecycle-policy/none-file":   `{"__type":"LifecyclePolicyNotFoundException","message":"Lifecycle policy does not exist for the repository with name 'none-file'"}`,
		"eu-west-1/ecr-get-lifecycle-policy/denied-file": `{"__type":"AccessDeniedException","message":"not authorized"}`,
		"collect-summary.json": `{"calls":6,` +
			`"failures":[{"file":"eu-west-1/ecr-get-lifecycle-policy/failed","code":"AccessDeniedException","message":"not authorized"}],` +
			`"notConfigured":[{"file":"eu-west-1/ecr-get-lifecycle-policy/none-recorded","code":"LifecyclePolicyNotFoundException","message":"none"}]}`,
	}
	writeDump(t, dir, files)
	rule := loadRules(t, "aws-best-practices")["AWSBP-ECR.3"]
	got := map[string]string{}
	errs := map[string]bool{}
	_, err := inventory.ReadAPIDump(dir, func(e inventory.Entity) error {
		if e.Err != nil {
			errs[e.Origin.Resource] = true
			return nil
		}
		if e.Data != nil {
			var doc struct{ Type, Name string }
			if err := json.Unmarshal(e.Data, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Type == "EcrRepository" {
				got[doc.Name] = rule.judge(e.Data).status
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"policy": "pass", "none-file": "fail", "none-recorded": "fail",
		"failed": "skip", "denied-file": "skip", "absent": "skip",
	} {
		if got[name] != want {
			t.Errorf("%s: ECR.3 %s, want %s", name, got[name], want)
		}
	}
	// The failed call is an error record (from the collector's summary),
	// and so is the file holding an error other than "none".
	if want := map[string]bool{"eu-west-1/ecr-get-lifecycle-policy/failed": true, "arn:aws:ecr:eu-west-1:123456789012:repository/denied-file": true}; !maps.Equal(errs, want) {
		t.Errorf("error records for %v, want %v", errs, want)
	}
}

// writeDump writes files, by path relative to dir, as a dump's response
// files.
func writeDump(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
