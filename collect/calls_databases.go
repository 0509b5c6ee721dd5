package collect

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/rds"
)

// RDS clusters and snapshots, and EKS clusters, for the aws-best-practices
// bundle (RDSCluster, RDSSnapshot, EKSCluster): the files
// inventory/apidump_rds.go reads.

func (c *collector) goClusters(ctx context.Context, cfg aws.Config) {
	c.spawn(func() { c.rdsClusters(ctx, cfg) })
	c.spawn(func() { c.rdsSnapshots(ctx, cfg) })
	c.spawn(func() { c.eks(ctx, cfg) })
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
