package inventory_test

import (
	"testing"

	"github.com/tidwall/gjson"

	"github.com/gsl-lang/gsl/inventory"
)

// readTemplate converts a template into its documents by logical id.
func readTemplate(t *testing.T, file string) map[string][]byte {
	t.Helper()
	return readByResource(t, file, inventory.ReadCloudFormation)
}

// TestCloudFormationFSBP runs the aws-best-practices rules over sample
// templates of aws-cloudformation-templates and a template written for
// this test; the expected verdicts come from the FSBP control definitions
// applied to the templates' content.
func TestCloudFormationFSBP(t *testing.T) {
	rules := loadRules(t, "aws-best-practices")
	const (
		dir     = "testdata/cloudformation/templates/"
		eks     = dir + "EKS_template.yaml"
		service = dir + "ECS_FargateLaunchType_services_public-service.yaml"
		cluster = dir + "ECS_FargateLaunchType_clusters_public-vpc.yaml"
		asg     = dir + "AutoScaling_AutoScalingMultiAZWithNotifications.yaml"
		own     = "testdata/cloudformation/fsbp_template.yaml"
		webACL  = "testdata/cloudformation/webacl_template.yaml"
	)
	tests := []verdict{
		// The EKS sample: ResourcesVpcConfig leaves the endpoint public
		// (EndpointPublicAccess defaults to true), no encryption config,
		// no control plane logging.
		{eks, "ControlPlane", "AWSBP-EKS.1", "fail"},
		{eks, "ControlPlane", "AWSBP-EKS.3", "fail"},
		{eks, "ControlPlane", "AWSBP-EKS.8", "fail"},
		// Its node launch template allows IMDSv1 (HttpTokens: optional).
		{eks, "LaunchTemplate", "AWSBP-EC2.170", "fail"},
		// The Fargate service assigns public IPs.
		{service, "Service", "AWSBP-ECS.2", "fail"},
		// The container neither has a read-only root file system nor
		// logging.
		{service, "TaskDefinition", "AWSBP-ECS.5", "fail"},
		{service, "TaskDefinition", "AWSBP-ECS.9", "fail"},
		{service, "TaskDefinition", "AWSBP-ECS.4", "pass"},
		// The cluster sets no containerInsights: the account default (off).
		{cluster, "ECSCluster", "AWSBP-ECS.12", "fail"},
		// The group behind a target group checks ELB health, from a launch
		// template.
		{asg, "WebServerGroup", "AWSBP-AutoScaling.1", "pass"},
		{asg, "WebServerGroup", "AWSBP-AutoScaling.9", "pass"},

		{own, "Aurora", "AWSBP-RDS.27", "pass"},
		{own, "Aurora", "AWSBP-RDS.7", "pass"},
		{own, "Aurora", "AWSBP-RDS.14", "fail"}, // BacktrackWindow defaults to 0
		{own, "Aurora", "AWSBP-RDS.24", "pass"},
		// Its one instance's zone is AWS's choice: Multi-AZ is unknown.
		{own, "Aurora", "AWSBP-RDS.15", "error"},
		{own, "Repo", "AWSBP-ECR.1", "fail"}, // ScanOnPush defaults to false
		{own, "Repo", "AWSBP-ECR.2", "fail"}, // MUTABLE by default
		{own, "Repo", "AWSBP-ECR.3", "pass"},
		{own, "Agent", "AWSBP-ECS.1", "pass"}, // host mode, non-root user
		{own, "Agent", "AWSBP-ECS.8", "pass"},
		{own, "Search", "AWSBP-Opensearch.1", "pass"},
		{own, "Search", "AWSBP-Opensearch.3", "fail"},
		{own, "Search", "AWSBP-Opensearch.5", "pass"},
		// DomainEndpointOptions left out: AWS's default for the engine
		// version (marked computed), which the rule fails without it.
		{own, "Search", "AWSBP-Opensearch.8", "fail"},
		// The stage a Deployment with StageName creates, and a Stage
		// resource, both inside their REST API.
		{own, "Api", "AWSBP-APIGateway.1-a", "fail"},
		{own, "Api", "AWSBP-APIGateway.3", "fail"},
		// No web ACL association in the template.
		{own, "Api", "AWSBP-APIGateway.4", "fail"},
		// Both of Orders' stages have a web ACL association (the stage a
		// Deployment creates named in the ARN by its name); Billing's test
		// stage has none.
		{webACL, "Orders", "AWSBP-APIGateway.4", "pass"},
		{webACL, "Billing", "AWSBP-APIGateway.4", "fail"},
		{webACL, "Lb", "AWSBP-ELB.16", "pass"},
		{webACL, "LbBare", "AWSBP-ELB.16", "fail"},
		{own, "HttpApi", "AWSBP-APIGateway.8", "pass"},
		{own, "HttpApi", "AWSBP-APIGateway.9", "pass"},
		{own, "Secret", "AWSBP-SecretsManager.1", "pass"},
		{own, "Group", "AWSBP-AutoScaling.3", "pass"},
		{own, "Group", "AWSBP-AutoScaling.5", "fail"},
		// AvailabilityZones left to the subnets of VPCZoneIdentifier.
		{own, "Group", "AWSBP-AutoScaling.2", "error"},
	}
	// The Deployment's stage (v1, its StageDescription's logging level
	// for */*) and the Stage resource's (v2) are both in the API.
	api := gjson.GetBytes(readTemplate(t, own)["Api"], `[stages.#.stageName,stages.0.methodSettings.0.loggingLevel]`).String()
	if api != `[["v1","v2"],"ERROR"]` {
		t.Errorf("Api stages and v1 logging: %s", api)
	}
	checkVerdicts(t, rules, readTemplate, "", tests)
}
