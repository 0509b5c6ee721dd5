package inventory_test

import "testing"

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
