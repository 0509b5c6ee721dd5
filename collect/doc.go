// Package collect reads an AWS account through its APIs and writes the
// responses as a raw API dump: the directory layout of duo-labs/cloudmapper's
// `collect`, which the inventory package reads (inventory.ReadAPIDump):
//
//	<out>/<account>/describe-regions.json
//	<out>/<account>/collect-summary.json              failed and "not configured" calls
//	<out>/<account>/<region>/<service>-<operation>.json
//	<out>/<account>/<region>/<service>-<operation>/<parameter>
//
// It uses aws-sdk-go-v2 with the standard credential chain, its retries and
// its backoff on throttling. Calls run with bounded concurrency. A call that
// fails (AccessDenied, a region not opted in, a service not available) is
// recorded with its reason in collect-summary.json and the summary and the
// collection goes on; a call whose error means "there is none" (a bucket
// without a policy, an account without a password policy) is recorded as
// not configured. Directories are written 0700 and files 0600: the
// collection describes the account's security posture. No credential is
// ever written or logged.
//
// Besides the CIS calls (IAM, S3, EC2, CloudTrail, CloudWatch, the security
// services) it reads what the aws-best-practices bundle's entity types need:
// load balancers, Lambda, DynamoDB, SQS, SNS, KMS, RDS instances, clusters
// and snapshots, EKS, ECS, ECR, Auto Scaling groups and launch templates,
// API Gateway REST APIs (with their stages) and HTTP and WebSocket APIs
// (with their stages and routes), OpenSearch Service domains, and Secrets
// Manager metadata (never a secret's value).
//
// This is a module of its own so that the gsl library's dependencies stay
// small: gslcheck runs its command, gslcheck-collect, as a plugin (`gslcheck
// collect aws`, `gslcheck run --collect aws`). The least-privilege policy it
// needs is policy.json, exactly the calls it makes (policy_test.go checks
// that, and that the AWS managed policy SecurityAudit allows all of them but
// macie2:GetMacieSession).
package collect
