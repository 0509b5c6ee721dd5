package collect

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// The container registry and the secrets of a region, for the
// aws-best-practices bundle (EcrRepository, SecretsManagerSecret): the
// files inventory/apidump_apps.go reads. No secret value is ever read:
// ListSecrets and GetResourcePolicy return metadata only.

func (c *collector) goContainers(ctx context.Context, cfg aws.Config) {
	c.spawn(func() { c.ecr(ctx, cfg) })
	c.spawn(func() { c.secrets(ctx, cfg) })
}

func (c *collector) ecr(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := ecr.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "ecr-describe-repositories.json", func(ctx context.Context) (any, error) {
		p := ecr.NewDescribeRepositoriesPaginator(cl, &ecr.DescribeRepositoriesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ecr.DescribeRepositoriesOutput) { a.Repositories = append(a.Repositories, b.Repositories...) })
	})
	if err != nil {
		return
	}
	for _, repo := range out.(*ecr.DescribeRepositoriesOutput).Repositories {
		name := aws.ToString(repo.RepositoryName)
		c.do(ctx, r, param("ecr-get-repository-policy", name), func(ctx context.Context) (any, error) {
			return cl.GetRepositoryPolicy(ctx, &ecr.GetRepositoryPolicyInput{RepositoryName: aws.String(name)})
		})
		c.do(ctx, r, param("ecr-get-lifecycle-policy", name), func(ctx context.Context) (any, error) {
			return cl.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(name)})
		})
	}
}

func (c *collector) secrets(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := secretsmanager.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "secretsmanager-list-secrets.json", func(ctx context.Context) (any, error) {
		p := secretsmanager.NewListSecretsPaginator(cl, &secretsmanager.ListSecretsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *secretsmanager.ListSecretsOutput) { a.SecretList = append(a.SecretList, b.SecretList...) })
	})
	if err != nil {
		return
	}
	for _, s := range out.(*secretsmanager.ListSecretsOutput).SecretList {
		name, arn := aws.ToString(s.Name), aws.ToString(s.ARN)
		c.do(ctx, r, param("secretsmanager-get-resource-policy", name), func(ctx context.Context) (any, error) {
			return cl.GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(arn)})
		})
	}
}
