package inventory_test

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/inventory"
)

// TestTerraformFSBP runs the aws-best-practices rules over checkov's plans
// and a plan written for this test (handwritten/fsbp_plan.json) that
// holds every type the bundle added. The expected verdicts come from the
// FSBP control definitions applied to the plans' content.
func TestTerraformFSBP(t *testing.T) {
	rules := loadRules(t, "aws-best-practices")
	const (
		dir      = "testdata/terraform/"
		terra    = "checkov/terraform__runner__plan__tfplan.json"
		nested   = "checkov/terraform__runner__plan_nested_child_modules__tfplan.json"
		deleted  = "checkov/terraform__runner__plan_with_deleted_resources__tfplan.json"
		fsbpPlan = "handwritten/fsbp_plan.json"
		assoc    = "handwritten/associations_plan.json"
	)
	tests := []verdict{
		// TerraGoat's repository: mutable tags, no scan on push, no
		// lifecycle policy (ECR.1-3).
		{terra, "aws_ecr_repository.repository", "AWSBP-ECR.1", "fail"},
		{terra, "aws_ecr_repository.repository", "AWSBP-ECR.2", "fail"},
		{terra, "aws_ecr_repository.repository", "AWSBP-ECR.3", "fail"},
		// TerraGoat's EKS cluster: public endpoint, no secrets encryption,
		// no control plane logs (EKS.1, EKS.3, EKS.8).
		{terra, "aws_eks_cluster.eks_cluster", "AWSBP-EKS.1", "fail"},
		{terra, "aws_eks_cluster.eks_cluster", "AWSBP-EKS.3", "fail"},
		{terra, "aws_eks_cluster.eks_cluster", "AWSBP-EKS.8", "fail"},
		// Clusters in nested modules send api and audit logs.
		{nested, "module.child_0.module.child_1_a.aws_eks_cluster.cluster", "AWSBP-EKS.8", "pass"},
		// TerraGoat's Elasticsearch domain: public, one node, no error logs;
		// its access policy merged from aws_elasticsearch_domain_policy.
		{terra, "aws_elasticsearch_domain.monitoring-framework", "AWSBP-Opensearch.2", "fail"},
		{terra, "aws_elasticsearch_domain.monitoring-framework", "AWSBP-Opensearch.4", "fail"},
		{terra, "aws_elasticsearch_domain.monitoring-framework", "AWSBP-Opensearch.6", "fail"},
		// Encryption at rest is left to the provider (computed): the fail
		// on the default stands.
		{terra, "aws_elasticsearch_domain.monitoring-framework", "AWSBP-Opensearch.1", "fail"},
		// A secret without rotation.
		{deleted, "aws_secretsmanager_secret.default", "AWSBP-SecretsManager.1", "fail"},

		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.27", "fail"},
		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.7", "fail"},
		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.14", "fail"},
		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.16", "pass"},
		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.24", "fail"},
		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.12", "pass"},
		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.34", "pass"},
		// Multi-AZ from the zones of the two aws_rds_cluster_instance
		// members, which are RDS instances of their own too.
		{fsbpPlan, "aws_rds_cluster.aurora", "AWSBP-RDS.15", "pass"},
		{fsbpPlan, "aws_rds_cluster_instance.aurora[0]", "AWSBP-RDS.2", "pass"},
		// Shared with all accounts: public (RDS.1); encryption is the
		// source cluster's, computed by the provider.
		{fsbpPlan, "aws_db_cluster_snapshot.shared", "AWSBP-RDS.1", "fail"},
		{fsbpPlan, "aws_db_cluster_snapshot.shared", "AWSBP-RDS.4", "fail"},
		// Scan on push, immutable tags, and the lifecycle policy merged
		// from aws_ecr_lifecycle_policy.
		{fsbpPlan, "aws_ecr_repository.app", "AWSBP-ECR.1", "pass"},
		{fsbpPlan, "aws_ecr_repository.app", "AWSBP-ECR.2", "pass"},
		{fsbpPlan, "aws_ecr_repository.app", "AWSBP-ECR.3", "pass"},
		{fsbpPlan, "aws_ecs_cluster.main", "AWSBP-ECS.12", "pass"},
		// No containerInsights setting: the account default (off) applies.
		{fsbpPlan, "aws_ecs_cluster.batch", "AWSBP-ECS.12", "fail"},
		// Host network and PID mode, a root container, a secret key in the
		// environment, logs to awslogs (container_definitions is JSON text).
		{fsbpPlan, "aws_ecs_task_definition.agent", "AWSBP-ECS.1", "fail"},
		{fsbpPlan, "aws_ecs_task_definition.agent", "AWSBP-ECS.3", "fail"},
		{fsbpPlan, "aws_ecs_task_definition.agent", "AWSBP-ECS.4", "pass"},
		{fsbpPlan, "aws_ecs_task_definition.agent", "AWSBP-ECS.5", "fail"},
		{fsbpPlan, "aws_ecs_task_definition.agent", "AWSBP-ECS.8", "fail"},
		{fsbpPlan, "aws_ecs_task_definition.agent", "AWSBP-ECS.9", "pass"},
		{fsbpPlan, "aws_ecs_service.web", "AWSBP-ECS.2", "fail"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.1", "pass"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.2", "pass"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.3", "pass"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.4", "pass"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.5", "fail"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.6", "pass"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.7", "pass"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-ES.7", "pass"},
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.8", "pass"},
		// Pending software updates exist only once the domain runs.
		{fsbpPlan, "aws_opensearch_domain.search", "AWSBP-Opensearch.10", "error"},
		// Stage and method settings merged into the REST API through the
		// configuration's references (rest_api_id is known after apply).
		{fsbpPlan, "aws_api_gateway_rest_api.api", "AWSBP-APIGateway.1-a", "pass"},
		{fsbpPlan, "aws_api_gateway_rest_api.api", "AWSBP-APIGateway.2", "pass"},
		{fsbpPlan, "aws_api_gateway_rest_api.api", "AWSBP-APIGateway.3", "pass"},
		{fsbpPlan, "aws_api_gateway_rest_api.api", "AWSBP-APIGateway.5", "fail"},
		// No web ACL association in the plan.
		{fsbpPlan, "aws_api_gateway_rest_api.api", "AWSBP-APIGateway.4", "fail"},
		// The web ACL associations name their stages by reference: a WAFv2
		// and a classic WAF Regional one; one of billing's two stages has
		// none, plain's none at all.
		{assoc, "aws_api_gateway_rest_api.orders", "AWSBP-APIGateway.4", "pass"},
		{assoc, "aws_api_gateway_rest_api.billing", "AWSBP-APIGateway.4", "fail"},
		{assoc, "aws_api_gateway_rest_api.plain", "AWSBP-APIGateway.4", "fail"},
		// An existing stage named by its literal ARN.
		{assoc, "aws_api_gateway_rest_api.legacy", "AWSBP-APIGateway.4", "pass"},
		// A load balancer's association (ELB.16), and one without.
		{assoc, "aws_lb.web", "AWSBP-ELB.16", "pass"},
		{assoc, "aws_lb.bare", "AWSBP-ELB.16", "fail"},
		// The account default (aws_ecs_account_setting_default) turns
		// Container Insights on for a cluster without its own setting; a
		// cluster's own setting wins.
		{assoc, "aws_ecs_cluster.inherits", "AWSBP-ECS.12", "pass"},
		{assoc, "aws_ecs_cluster.own_off", "AWSBP-ECS.12", "fail"},
		{fsbpPlan, "aws_apigatewayv2_api.http", "AWSBP-APIGateway.8", "fail"},
		{fsbpPlan, "aws_apigatewayv2_api.http", "AWSBP-APIGateway.9", "fail"},
		{fsbpPlan, "aws_secretsmanager_secret.db", "AWSBP-SecretsManager.1", "pass"},
		{fsbpPlan, "aws_secretsmanager_secret.token", "AWSBP-SecretsManager.1", "fail"},
		// Dates exist once the secret does.
		{fsbpPlan, "aws_secretsmanager_secret.db", "AWSBP-SecretsManager.4", "error"},
		{fsbpPlan, "aws_launch_template.web", "AWSBP-EC2.170", "pass"},
		{fsbpPlan, "aws_launch_template.web", "AWSBP-EC2.25", "fail"},
		{fsbpPlan, "aws_launch_template.web", "AWSBP-EC2.181", "pass"},
		// The launch configuration embedded into its group.
		{fsbpPlan, "aws_autoscaling_group.legacy", "AWSBP-AutoScaling.1", "fail"},
		{fsbpPlan, "aws_autoscaling_group.legacy", "AWSBP-AutoScaling.2", "pass"},
		{fsbpPlan, "aws_autoscaling_group.legacy", "AWSBP-AutoScaling.3", "fail"},
		{fsbpPlan, "aws_autoscaling_group.legacy", "AWSBP-AutoScaling.4", "fail"},
		{fsbpPlan, "aws_autoscaling_group.legacy", "AWSBP-AutoScaling.5", "fail"},
		{fsbpPlan, "aws_autoscaling_group.legacy", "AWSBP-AutoScaling.9", "fail"},
	}
	checkVerdicts(t, rules, readPlan, dir, tests)
}

// TestIaCAssociationRecords checks that every web ACL association and ECS
// account default is accounted for: merged where it applies, not
// modelled where it names what the model does not join (a Cognito user
// pool, another account setting), an error naming why when its target
// cannot be told.
func TestIaCAssociationRecords(t *testing.T) {
	for _, tc := range []struct {
		file string
		read func(io.Reader, string, func(inventory.Entity) error) error
		want map[string]string
	}{
		{"testdata/terraform/handwritten/associations_plan.json", inventory.ReadTerraform, map[string]string{
			"aws_wafv2_web_acl_association.orders":        "aws_wafv2_web_acl_association (merged into its ApiGateway)",
			"aws_wafregional_web_acl_association.billing": "aws_wafregional_web_acl_association (merged into its ApiGateway)",
			"aws_wafv2_web_acl_association.lb":            "aws_wafv2_web_acl_association (merged into its ApplicationLoadBalancer)",
			"aws_wafv2_web_acl_association.cognito":       "not modelled",
			"aws_wafv2_web_acl_association.external":      "error: aws_wafv2_web_acl_association.external: its resource_arn is known only at apply (var.stage_arn): which API Gateway stage it protects cannot be told, so no stage gets its web ACL",
			"aws_wafv2_web_acl_association.legacy":        "aws_wafv2_web_acl_association (merged into its ApiGateway)",
			"aws_wafv2_web_acl_association.elsewhere":     "error: aws_wafv2_web_acl_association.elsewhere: its resource_arn names no aws_api_gateway_stage of this input",
			"aws_ecs_account_setting_default.insights":    "aws_ecs_account_setting_default (merged into its EcsCluster)",
			"aws_ecs_account_setting_default.trunking":    "not modelled",
		}},
		{"testdata/cloudformation/webacl_template.yaml", inventory.ReadCloudFormation, map[string]string{
			"OrdersStageAcl": "AWS::WAFv2::WebACLAssociation (merged into its ApiGateway)",
			"OrdersV1Acl":    "AWS::WAFv2::WebACLAssociation (merged into its ApiGateway)",
			"BillingProdAcl": "AWS::WAFRegional::WebACLAssociation (merged into its ApiGateway)",
			"LbAcl":          "AWS::WAFv2::WebACLAssociation (merged into its ApplicationLoadBalancer)",
			"PoolAcl":        "not modelled",
			"ParameterAcl":   "error: ParameterAcl: its ResourceArn is known only at deploy (!Ref StageArn (parameter)): which API Gateway stage it protects cannot be told, so no stage gets its web ACL",
		}},
	} {
		f, err := os.Open(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		err = tc.read(f, tc.file, func(e inventory.Entity) error {
			switch {
			case e.Err != nil:
				got[e.Origin.Resource] = "error: " + e.Err.Error()
			case e.NotModelled != "":
				got[e.Origin.Resource] = "not modelled"
			case e.Ignored != "":
				got[e.Origin.Resource] = e.Ignored
			}
			return nil
		})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for res, want := range tc.want {
			if g := got[res]; !strings.HasPrefix(g, want) {
				t.Errorf("%s %s: %q, want %q", tc.file, res, g, want)
			}
		}
	}
}
