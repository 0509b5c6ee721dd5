package collect

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	"github.com/aws/aws-sdk-go-v2/service/rds"
)

// RDS clusters and snapshots, EKS clusters, Auto Scaling groups and launch
// templates, and OpenSearch Service domains, for the aws-best-practices
// bundle (RDSCluster, RDSSnapshot, EKSCluster, AutoScalingGroup,
// LaunchTemplate, ElasticSearchDomain): the files inventory/apidump_rds.go,
// apidump_autoscaling.go and apidump_apps.go read.

func (c *collector) goClusters(ctx context.Context, cfg aws.Config) {
	c.spawn(func() { c.rdsClusters(ctx, cfg) })
	c.spawn(func() { c.rdsSnapshots(ctx, cfg) })
	c.spawn(func() { c.eks(ctx, cfg) })
	c.spawn(func() { c.autoScaling(ctx, cfg) })
	c.spawn(func() { c.searchDomains(ctx, cfg) })
}

// searchDomains reads the OpenSearch Service domains, OpenSearch and
// legacy Elasticsearch engines alike (ListDomainNames without an engine
// type lists both; DescribeDomain describes both).
func (c *collector) searchDomains(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := opensearch.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "opensearch-list-domain-names.json", func(ctx context.Context) (any, error) {
		return cl.ListDomainNames(ctx, &opensearch.ListDomainNamesInput{})
	})
	if err != nil {
		return
	}
	for _, d := range out.(*opensearch.ListDomainNamesOutput).DomainNames {
		name := aws.ToString(d.DomainName)
		c.do(ctx, r, param("opensearch-describe-domain", name), func(ctx context.Context) (any, error) {
			return cl.DescribeDomain(ctx, &opensearch.DescribeDomainInput{DomainName: aws.String(name)})
		})
	}
}

func (c *collector) rdsClusters(ctx context.Context, cfg aws.Config) {
	cl := rds.NewFromConfig(cfg)
	c.do(ctx, cfg.Region, "rds-describe-db-clusters.json", func(ctx context.Context) (any, error) {
		p := rds.NewDescribeDBClustersPaginator(cl, &rds.DescribeDBClustersInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *rds.DescribeDBClustersOutput) { a.DBClusters = append(a.DBClusters, b.DBClusters...) })
	})
}

// rdsSnapshots reads the account's snapshots and, for the manual ones (only
// those can be shared), who may restore them.
func (c *collector) rdsSnapshots(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := rds.NewFromConfig(cfg)
	if out, err := c.do(ctx, r, "rds-describe-db-snapshots.json", func(ctx context.Context) (any, error) {
		p := rds.NewDescribeDBSnapshotsPaginator(cl, &rds.DescribeDBSnapshotsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *rds.DescribeDBSnapshotsOutput) { a.DBSnapshots = append(a.DBSnapshots, b.DBSnapshots...) })
	}); err == nil {
		for _, s := range out.(*rds.DescribeDBSnapshotsOutput).DBSnapshots {
			if aws.ToString(s.SnapshotType) != "manual" {
				continue
			}
			id := aws.ToString(s.DBSnapshotIdentifier)
			c.do(ctx, r, param("rds-describe-db-snapshot-attributes", id), func(ctx context.Context) (any, error) {
				return cl.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{DBSnapshotIdentifier: aws.String(id)})
			})
		}
	}
	out, err := c.do(ctx, r, "rds-describe-db-cluster-snapshots.json", func(ctx context.Context) (any, error) {
		p := rds.NewDescribeDBClusterSnapshotsPaginator(cl, &rds.DescribeDBClusterSnapshotsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *rds.DescribeDBClusterSnapshotsOutput) {
			a.DBClusterSnapshots = append(a.DBClusterSnapshots, b.DBClusterSnapshots...)
		})
	})
	if err != nil {
		return
	}
	for _, s := range out.(*rds.DescribeDBClusterSnapshotsOutput).DBClusterSnapshots {
		if aws.ToString(s.SnapshotType) != "manual" {
			continue
		}
		id := aws.ToString(s.DBClusterSnapshotIdentifier)
		c.do(ctx, r, param("rds-describe-db-cluster-snapshot-attributes", id), func(ctx context.Context) (any, error) {
			return cl.DescribeDBClusterSnapshotAttributes(ctx, &rds.DescribeDBClusterSnapshotAttributesInput{DBClusterSnapshotIdentifier: aws.String(id)})
		})
	}
}

func (c *collector) eks(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := eks.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "eks-list-clusters.json", func(ctx context.Context) (any, error) {
		p := eks.NewListClustersPaginator(cl, &eks.ListClustersInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *eks.ListClustersOutput) { a.Clusters = append(a.Clusters, b.Clusters...) })
	})
	if err != nil {
		return
	}
	for _, name := range out.(*eks.ListClustersOutput).Clusters {
		c.do(ctx, r, param("eks-describe-cluster", name), func(ctx context.Context) (any, error) {
			return cl.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(name)})
		})
	}
}

// autoScaling reads the Auto Scaling groups and launch configurations, and
// the launch templates with the data of their default versions.
func (c *collector) autoScaling(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	as := autoscaling.NewFromConfig(cfg)
	c.do(ctx, r, "autoscaling-describe-auto-scaling-groups.json", func(ctx context.Context) (any, error) {
		p := autoscaling.NewDescribeAutoScalingGroupsPaginator(as, &autoscaling.DescribeAutoScalingGroupsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *autoscaling.DescribeAutoScalingGroupsOutput) {
			a.AutoScalingGroups = append(a.AutoScalingGroups, b.AutoScalingGroups...)
		})
	})
	c.do(ctx, r, "autoscaling-describe-launch-configurations.json", func(ctx context.Context) (any, error) {
		p := autoscaling.NewDescribeLaunchConfigurationsPaginator(as, &autoscaling.DescribeLaunchConfigurationsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *autoscaling.DescribeLaunchConfigurationsOutput) {
			a.LaunchConfigurations = append(a.LaunchConfigurations, b.LaunchConfigurations...)
		})
	})
	cl := ec2.NewFromConfig(cfg)
	c.do(ctx, r, "ec2-describe-launch-templates.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeLaunchTemplatesPaginator(cl, &ec2.DescribeLaunchTemplatesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeLaunchTemplatesOutput) {
			a.LaunchTemplates = append(a.LaunchTemplates, b.LaunchTemplates...)
		})
	})
	// Without a template id, $Default asks for the default version of
	// every template of the account: one call, not one per template.
	c.do(ctx, r, "ec2-describe-launch-template-versions.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeLaunchTemplateVersionsPaginator(cl, &ec2.DescribeLaunchTemplateVersionsInput{Versions: []string{"$Default"}})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeLaunchTemplateVersionsOutput) {
			a.LaunchTemplateVersions = append(a.LaunchTemplateVersions, b.LaunchTemplateVersions...)
		})
	})
}
