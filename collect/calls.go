package collect

import (
	"context"
	"errors"

	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/account"
	accounttypes "github.com/aws/aws-sdk-go-v2/service/account/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/macie2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// The calls, by service. Each writes the file the inventory reader reads
// (inventory/apidump*.go); per-resource calls run after the list they
// depend on.

// goGlobal starts the global services: IAM, S3, S3 Control and Account,
// written under us-east-1 as cloudmapper does.
func (c *collector) goGlobal(ctx context.Context) {
	cfg := c.cfg.Copy()
	cfg.Region = globalRegion
	r := globalRegion
	c.spawn(func() { c.iam(ctx, cfg) })
	c.spawn(func() { c.s3(ctx, cfg) })
	c.spawn(func() {
		cl := s3control.NewFromConfig(cfg)
		c.do(ctx, r, param("s3control-get-public-access-block", c.account), func(ctx context.Context) (any, error) {
			return cl.GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: aws.String(c.account)})
		})
	})
	c.spawn(func() {
		cl := account.NewFromConfig(cfg)
		for _, t := range []accounttypes.AlternateContactType{accounttypes.AlternateContactTypeSecurity, accounttypes.AlternateContactTypeBilling, accounttypes.AlternateContactTypeOperations} {
			c.do(ctx, r, param("account-get-alternate-contact", string(t)), func(ctx context.Context) (any, error) {
				return cl.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: t})
			})
		}
	})
}

func (c *collector) iam(ctx context.Context, cfg aws.Config) {
	r := globalRegion
	cl := iam.NewFromConfig(cfg)
	c.spawn(func() { c.credentialReport(ctx, cl) })
	out, err := c.do(ctx, r, "iam-get-account-authorization-details.json", func(ctx context.Context) (any, error) {
		p := iam.NewGetAccountAuthorizationDetailsPaginator(cl, &iam.GetAccountAuthorizationDetailsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *iam.GetAccountAuthorizationDetailsOutput) {
			a.UserDetailList = append(a.UserDetailList, b.UserDetailList...)
			a.GroupDetailList = append(a.GroupDetailList, b.GroupDetailList...)
			a.RoleDetailList = append(a.RoleDetailList, b.RoleDetailList...)
			a.Policies = append(a.Policies, b.Policies...)
		})
	})
	if err == nil {
		// GetRole gives what the authorization details leave out
		// (description, maximum session duration, last use).
		for _, role := range out.(*iam.GetAccountAuthorizationDetailsOutput).RoleDetailList {
			name := aws.ToString(role.RoleName)
			c.do(ctx, r, param("iam-get-role", name), func(ctx context.Context) (any, error) {
				return cl.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
			})
		}
	}
	c.do(ctx, r, "iam-get-account-password-policy.json", func(ctx context.Context) (any, error) {
		return cl.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	})
	c.do(ctx, r, "iam-get-account-summary.json", func(ctx context.Context) (any, error) {
		return cl.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	})
	c.do(ctx, r, "iam-list-virtual-mfa-devices.json", func(ctx context.Context) (any, error) {
		p := iam.NewListVirtualMFADevicesPaginator(cl, &iam.ListVirtualMFADevicesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *iam.ListVirtualMFADevicesOutput) {
			a.VirtualMFADevices = append(a.VirtualMFADevices, b.VirtualMFADevices...)
		})
	})
	c.do(ctx, r, "iam-list-server-certificates.json", func(ctx context.Context) (any, error) {
		p := iam.NewListServerCertificatesPaginator(cl, &iam.ListServerCertificatesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *iam.ListServerCertificatesOutput) {
			a.ServerCertificateMetadataList = append(a.ServerCertificateMetadataList, b.ServerCertificateMetadataList...)
		})
	})
	c.do(ctx, r, "iam-list-saml-providers.json", func(ctx context.Context) (any, error) {
		return cl.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
	})
	c.do(ctx, r, "iam-list-open-id-connect-providers.json", func(ctx context.Context) (any, error) {
		return cl.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	})
}

// credentialReport asks IAM to generate the report and fetches it when it
// is complete (a few seconds; bounded by a minute).
func (c *collector) credentialReport(ctx context.Context, cl *iam.Client) {
	c.do(ctx, globalRegion, "iam-get-credential-report.json", func(ctx context.Context) (any, error) {
		deadline := time.Now().Add(time.Minute)
		for {
			g, err := cl.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
			if err != nil {
				return nil, err
			}
			if g.State == iamtypes.ReportStateTypeComplete {
				return cl.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
			}
			if time.Now().After(deadline) {
				return nil, errors.New("the credential report was not complete after a minute")
			}
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(2 * time.Second):
			}
		}
	})
}

func (c *collector) s3(ctx context.Context, cfg aws.Config) {
	r := globalRegion
	cl := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = cfg.BaseEndpoint != nil })
	out, err := c.do(ctx, r, "s3-list-buckets.json", func(ctx context.Context) (any, error) {
		p := s3.NewListBucketsPaginator(cl, &s3.ListBucketsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *s3.ListBucketsOutput) { a.Buckets = append(a.Buckets, b.Buckets...) })
	})
	if err != nil {
		return
	}
	for _, b := range out.(*s3.ListBucketsOutput).Buckets {
		name := aws.ToString(b.Name)
		c.spawn(func() {
			// A bucket answers in its own region.
			region := aws.ToString(b.BucketRegion)
			loc, err := c.do(ctx, r, param("s3-get-bucket-location", name), func(ctx context.Context) (any, error) {
				return cl.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(name)})
			})
			if err == nil {
				region = string(loc.(*s3.GetBucketLocationOutput).LocationConstraint)
				switch region {
				case "":
					region = "us-east-1"
				case "EU":
					region = "eu-west-1"
				}
			}
			bcl := cl
			if region != "" && region != cfg.Region {
				bcl = s3.NewFromConfig(cfg, func(o *s3.Options) { o.Region = region; o.UsePathStyle = cfg.BaseEndpoint != nil })
			}
			bucket := aws.String(name)
			calls := []struct {
				call string
				fn   func(context.Context) (any, error)
			}{
				{"s3-get-bucket-acl", func(ctx context.Context) (any, error) {
					return bcl.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: bucket})
				}},
				{"s3-get-bucket-policy", func(ctx context.Context) (any, error) {
					return bcl.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: bucket})
				}},
				{"s3-get-bucket-logging", func(ctx context.Context) (any, error) {
					return bcl.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: bucket})
				}},
				{"s3-get-bucket-versioning", func(ctx context.Context) (any, error) {
					return bcl.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: bucket})
				}},
				{"s3-get-bucket-encryption", func(ctx context.Context) (any, error) {
					return bcl.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: bucket})
				}},
				{"s3-get-public-access-block", func(ctx context.Context) (any, error) {
					return bcl.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: bucket})
				}},
				{"s3-get-bucket-tagging", func(ctx context.Context) (any, error) {
					return bcl.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: bucket})
				}},
			}
			for _, k := range calls {
				c.do(ctx, r, param(k.call, name), k.fn)
			}
		})
	}
}

// goRegion starts the regional services of one region.
func (c *collector) goRegion(ctx context.Context, region string) {
	cfg := c.cfg.Copy()
	cfg.Region = region
	c.spawn(func() { c.ec2(ctx, cfg) })
	c.spawn(func() { c.cloudtrail(ctx, cfg) })
	c.spawn(func() { c.monitoring(ctx, cfg) })
	c.spawn(func() { c.kms(ctx, cfg) })
	c.spawn(func() { c.settings(ctx, cfg) })
	c.goApps(ctx, cfg)
	c.goContainers(ctx, cfg)
	c.goClusters(ctx, cfg)
	c.goAPIGateway(ctx, cfg)
	c.spawn(func() {
		cl := rds.NewFromConfig(cfg)
		c.do(ctx, region, "rds-describe-db-instances.json", func(ctx context.Context) (any, error) {
			p := rds.NewDescribeDBInstancesPaginator(cl, &rds.DescribeDBInstancesInput{})
			return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *rds.DescribeDBInstancesOutput) { a.DBInstances = append(a.DBInstances, b.DBInstances...) })
		})
	})
}

func (c *collector) ec2(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := ec2.NewFromConfig(cfg)
	self := []string{"self"}
	c.do(ctx, r, "ec2-describe-instances.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeInstancesPaginator(cl, &ec2.DescribeInstancesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeInstancesOutput) { a.Reservations = append(a.Reservations, b.Reservations...) })
	})
	c.do(ctx, r, "ec2-describe-security-groups.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeSecurityGroupsPaginator(cl, &ec2.DescribeSecurityGroupsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeSecurityGroupsOutput) {
			a.SecurityGroups = append(a.SecurityGroups, b.SecurityGroups...)
		})
	})
	c.do(ctx, r, "ec2-describe-vpcs.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeVpcsPaginator(cl, &ec2.DescribeVpcsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeVpcsOutput) { a.Vpcs = append(a.Vpcs, b.Vpcs...) })
	})
	c.do(ctx, r, "ec2-describe-subnets.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeSubnetsPaginator(cl, &ec2.DescribeSubnetsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeSubnetsOutput) { a.Subnets = append(a.Subnets, b.Subnets...) })
	})
	c.do(ctx, r, "ec2-describe-network-acls.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeNetworkAclsPaginator(cl, &ec2.DescribeNetworkAclsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeNetworkAclsOutput) { a.NetworkAcls = append(a.NetworkAcls, b.NetworkAcls...) })
	})
	c.do(ctx, r, "ec2-describe-route-tables.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeRouteTablesPaginator(cl, &ec2.DescribeRouteTablesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeRouteTablesOutput) { a.RouteTables = append(a.RouteTables, b.RouteTables...) })
	})
	c.do(ctx, r, "ec2-describe-internet-gateways.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeInternetGatewaysPaginator(cl, &ec2.DescribeInternetGatewaysInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeInternetGatewaysOutput) {
			a.InternetGateways = append(a.InternetGateways, b.InternetGateways...)
		})
	})
	c.do(ctx, r, "ec2-describe-vpn-gateways.json", func(ctx context.Context) (any, error) {
		return cl.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{})
	})
	c.do(ctx, r, "ec2-describe-flow-logs.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeFlowLogsPaginator(cl, &ec2.DescribeFlowLogsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeFlowLogsOutput) { a.FlowLogs = append(a.FlowLogs, b.FlowLogs...) })
	})
	c.do(ctx, r, "ec2-describe-volumes.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeVolumesPaginator(cl, &ec2.DescribeVolumesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeVolumesOutput) { a.Volumes = append(a.Volumes, b.Volumes...) })
	})
	c.do(ctx, r, "ec2-describe-network-interfaces.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeNetworkInterfacesPaginator(cl, &ec2.DescribeNetworkInterfacesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeNetworkInterfacesOutput) {
			a.NetworkInterfaces = append(a.NetworkInterfaces, b.NetworkInterfaces...)
		})
	})
	c.do(ctx, r, "ec2-describe-vpc-endpoints.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeVpcEndpointsPaginator(cl, &ec2.DescribeVpcEndpointsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeVpcEndpointsOutput) { a.VpcEndpoints = append(a.VpcEndpoints, b.VpcEndpoints...) })
	})
	c.do(ctx, r, "ec2-describe-vpc-peering-connections.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeVpcPeeringConnectionsPaginator(cl, &ec2.DescribeVpcPeeringConnectionsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeVpcPeeringConnectionsOutput) {
			a.VpcPeeringConnections = append(a.VpcPeeringConnections, b.VpcPeeringConnections...)
		})
	})
	c.do(ctx, r, "ec2-describe-images.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeImagesPaginator(cl, &ec2.DescribeImagesInput{Owners: self})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeImagesOutput) { a.Images = append(a.Images, b.Images...) })
	})
	snaps, err := c.do(ctx, r, "ec2-describe-snapshots.json", func(ctx context.Context) (any, error) {
		p := ec2.NewDescribeSnapshotsPaginator(cl, &ec2.DescribeSnapshotsInput{OwnerIds: self})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *ec2.DescribeSnapshotsOutput) { a.Snapshots = append(a.Snapshots, b.Snapshots...) })
	})
	if err == nil {
		for _, s := range snaps.(*ec2.DescribeSnapshotsOutput).Snapshots {
			id := aws.ToString(s.SnapshotId)
			c.do(ctx, r, param("ec2-describe-snapshot-attribute", id), func(ctx context.Context) (any, error) {
				return cl.DescribeSnapshotAttribute(ctx, &ec2.DescribeSnapshotAttributeInput{SnapshotId: aws.String(id), Attribute: "createVolumePermission"})
			})
		}
	}
	c.do(ctx, r, "ec2-get-ebs-encryption-by-default.json", func(ctx context.Context) (any, error) {
		return cl.GetEbsEncryptionByDefault(ctx, &ec2.GetEbsEncryptionByDefaultInput{})
	})
	c.do(ctx, r, "ec2-get-ebs-default-kms-key-id.json", func(ctx context.Context) (any, error) {
		return cl.GetEbsDefaultKmsKeyId(ctx, &ec2.GetEbsDefaultKmsKeyIdInput{})
	})
}

func (c *collector) cloudtrail(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := cloudtrail.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "cloudtrail-describe-trails.json", func(ctx context.Context) (any, error) {
		return cl.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
	})
	if err != nil {
		return
	}
	for _, t := range out.(*cloudtrail.DescribeTrailsOutput).TrailList {
		// A multi-region trail is listed by every region; its status and
		// selectors are read in its home region.
		if aws.ToString(t.HomeRegion) != r {
			continue
		}
		arn := aws.ToString(t.TrailARN)
		c.do(ctx, r, param("cloudtrail-get-trail-status", arn), func(ctx context.Context) (any, error) {
			return cl.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(arn)})
		})
		c.do(ctx, r, param("cloudtrail-get-event-selectors", arn), func(ctx context.Context) (any, error) {
			return cl.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(arn)})
		})
	}
}

// monitoring: the CloudWatch Logs groups and metric filters, the alarms and
// the SNS topics and subscriptions they notify (CIS section 4).
func (c *collector) monitoring(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	logs := cloudwatchlogs.NewFromConfig(cfg)
	c.do(ctx, r, "logs-describe-log-groups.json", func(ctx context.Context) (any, error) {
		p := cloudwatchlogs.NewDescribeLogGroupsPaginator(logs, &cloudwatchlogs.DescribeLogGroupsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *cloudwatchlogs.DescribeLogGroupsOutput) { a.LogGroups = append(a.LogGroups, b.LogGroups...) })
	})
	c.do(ctx, r, "logs-describe-metric-filters.json", func(ctx context.Context) (any, error) {
		p := cloudwatchlogs.NewDescribeMetricFiltersPaginator(logs, &cloudwatchlogs.DescribeMetricFiltersInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *cloudwatchlogs.DescribeMetricFiltersOutput) {
			a.MetricFilters = append(a.MetricFilters, b.MetricFilters...)
		})
	})
	cw := cloudwatch.NewFromConfig(cfg)
	c.do(ctx, r, "cloudwatch-describe-alarms.json", func(ctx context.Context) (any, error) {
		p := cloudwatch.NewDescribeAlarmsPaginator(cw, &cloudwatch.DescribeAlarmsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *cloudwatch.DescribeAlarmsOutput) {
			a.MetricAlarms = append(a.MetricAlarms, b.MetricAlarms...)
			a.CompositeAlarms = append(a.CompositeAlarms, b.CompositeAlarms...)
		})
	})
	topics := sns.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "sns-list-topics.json", func(ctx context.Context) (any, error) {
		p := sns.NewListTopicsPaginator(topics, &sns.ListTopicsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *sns.ListTopicsOutput) { a.Topics = append(a.Topics, b.Topics...) })
	})
	c.do(ctx, r, "sns-list-subscriptions.json", func(ctx context.Context) (any, error) {
		p := sns.NewListSubscriptionsPaginator(topics, &sns.ListSubscriptionsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *sns.ListSubscriptionsOutput) {
			a.Subscriptions = append(a.Subscriptions, b.Subscriptions...)
		})
	})
	if err == nil {
		for _, t := range out.(*sns.ListTopicsOutput).Topics {
			arn := aws.ToString(t.TopicArn)
			c.do(ctx, r, param("sns-get-topic-attributes", arn), func(ctx context.Context) (any, error) {
				return topics.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
			})
		}
	}
}

func (c *collector) kms(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := kms.NewFromConfig(cfg)
	c.do(ctx, r, "kms-list-aliases.json", func(ctx context.Context) (any, error) {
		p := kms.NewListAliasesPaginator(cl, &kms.ListAliasesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *kms.ListAliasesOutput) { a.Aliases = append(a.Aliases, b.Aliases...) })
	})
	out, err := c.do(ctx, r, "kms-list-keys.json", func(ctx context.Context) (any, error) {
		p := kms.NewListKeysPaginator(cl, &kms.ListKeysInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *kms.ListKeysOutput) { a.Keys = append(a.Keys, b.Keys...) })
	})
	if err != nil {
		return
	}
	for _, k := range out.(*kms.ListKeysOutput).Keys {
		id := aws.ToString(k.KeyId)
		c.do(ctx, r, param("kms-describe-key", id), func(ctx context.Context) (any, error) {
			return cl.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
		})
		c.do(ctx, r, param("kms-get-key-rotation-status", id), func(ctx context.Context) (any, error) {
			return cl.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(id)})
		})
		c.do(ctx, r, param("kms-get-key-policy", id), func(ctx context.Context) (any, error) {
			return cl.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default")})
		})
	}
}

// settings: the region's security services (AWS Config, Access Analyzer,
// Security Hub, GuardDuty, Macie).
func (c *collector) settings(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	conf := configservice.NewFromConfig(cfg)
	c.do(ctx, r, "config-describe-configuration-recorders.json", func(ctx context.Context) (any, error) {
		return conf.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	})
	c.do(ctx, r, "config-describe-configuration-recorder-status.json", func(ctx context.Context) (any, error) {
		return conf.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
	})
	aa := accessanalyzer.NewFromConfig(cfg)
	c.do(ctx, r, "accessanalyzer-list-analyzers.json", func(ctx context.Context) (any, error) {
		p := accessanalyzer.NewListAnalyzersPaginator(aa, &accessanalyzer.ListAnalyzersInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *accessanalyzer.ListAnalyzersOutput) { a.Analyzers = append(a.Analyzers, b.Analyzers...) })
	})
	sh := securityhub.NewFromConfig(cfg)
	if _, err := c.do(ctx, r, "securityhub-describe-hub.json", func(ctx context.Context) (any, error) {
		return sh.DescribeHub(ctx, &securityhub.DescribeHubInput{})
	}); err == nil {
		c.do(ctx, r, "securityhub-get-enabled-standards.json", func(ctx context.Context) (any, error) {
			p := securityhub.NewGetEnabledStandardsPaginator(sh, &securityhub.GetEnabledStandardsInput{})
			return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *securityhub.GetEnabledStandardsOutput) {
				a.StandardsSubscriptions = append(a.StandardsSubscriptions, b.StandardsSubscriptions...)
			})
		})
	}
	gd := guardduty.NewFromConfig(cfg)
	if out, err := c.do(ctx, r, "guardduty-list-detectors.json", func(ctx context.Context) (any, error) {
		p := guardduty.NewListDetectorsPaginator(gd, &guardduty.ListDetectorsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *guardduty.ListDetectorsOutput) { a.DetectorIds = append(a.DetectorIds, b.DetectorIds...) })
	}); err == nil {
		for _, id := range out.(*guardduty.ListDetectorsOutput).DetectorIds {
			c.do(ctx, r, param("guardduty-get-detector", id), func(ctx context.Context) (any, error) {
				return gd.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: aws.String(id)})
			})
		}
	}
	mc := macie2.NewFromConfig(cfg)
	c.do(ctx, r, "macie2-get-macie-session.json", func(ctx context.Context) (any, error) {
		return mc.GetMacieSession(ctx, &macie2.GetMacieSessionInput{})
	})
}
