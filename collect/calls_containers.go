package collect

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// The container registry, ECS and the secrets of a region, for the
// aws-best-practices bundle (EcrRepository, EcsCluster, EcsService,
// EcsTaskDefinition, SecretsManagerSecret): the files
// inventory/apidump_apps.go and apidump_ecs.go read. No secret value is ever read:
// ListSecrets and GetResourcePolicy return metadata only.

func (c *collector) goContainers(ctx context.Context, cfg aws.Config) {
	c.spawn(func() { c.ecr(ctx, cfg) })
	c.spawn(func() { c.secrets(ctx, cfg) })
	c.spawn(func() { c.ecs(ctx, cfg) })
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

// ecs reads the clusters (with their settings), their services, and the
// latest active revision of each task definition family.
func (c *collector) ecs(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := ecs.NewFromConfig(cfg)
	if out, err := c.do(ctx, r, "ecs-list-clusters.json", func(ctx context.Context) (any, error) {
		p := ecs.NewListClustersPaginator(cl, &ecs.ListClustersInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ecs.ListClustersOutput) { a.ClusterArns = append(a.ClusterArns, b.ClusterArns...) })
	}); err == nil {
		for _, arn := range out.(*ecs.ListClustersOutput).ClusterArns {
			c.do(ctx, r, param("ecs-describe-clusters", arn), func(ctx context.Context) (any, error) {
				return cl.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{arn},
					Include: []ecstypes.ClusterField{ecstypes.ClusterFieldSettings, ecstypes.ClusterFieldTags}})
			})
			c.do(ctx, r, param("ecs-describe-services", arn), func(ctx context.Context) (any, error) {
				p := ecs.NewListServicesPaginator(cl, &ecs.ListServicesInput{Cluster: aws.String(arn)})
				var names []string
				for p.HasMorePages() {
					page, err := p.NextPage(ctx)
					if err != nil {
						return nil, err
					}
					names = append(names, page.ServiceArns...)
				}
				// DescribeServices takes ten services a call.
				all := &ecs.DescribeServicesOutput{Services: []ecstypes.Service{}}
				for len(names) > 0 {
					n := min(10, len(names))
					o, err := cl.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(arn), Services: names[:n]})
					if err != nil {
						return nil, err
					}
					all.Services = append(all.Services, o.Services...)
					names = names[n:]
				}
				return all, nil
			})
		}
	}
	out, err := c.do(ctx, r, "ecs-list-task-definition-families.json", func(ctx context.Context) (any, error) {
		p := ecs.NewListTaskDefinitionFamiliesPaginator(cl, &ecs.ListTaskDefinitionFamiliesInput{Status: ecstypes.TaskDefinitionFamilyStatusActive})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ecs.ListTaskDefinitionFamiliesOutput) { a.Families = append(a.Families, b.Families...) })
	})
	if err != nil {
		return
	}
	for _, family := range out.(*ecs.ListTaskDefinitionFamiliesOutput).Families {
		c.do(ctx, r, param("ecs-describe-task-definition", family), func(ctx context.Context) (any, error) {
			return cl.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(family)})
		})
	}
}
