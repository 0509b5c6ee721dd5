package collect

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// The application services of a region: load balancers, Lambda functions,
// DynamoDB tables and SQS queues.

func (c *collector) goApps(ctx context.Context, cfg aws.Config) {
	c.spawn(func() { c.loadBalancers(ctx, cfg) })
	c.spawn(func() { c.lambda(ctx, cfg) })
	c.spawn(func() { c.dynamodb(ctx, cfg) })
	c.spawn(func() { c.sqs(ctx, cfg) })
}

func (c *collector) loadBalancers(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := elb.NewFromConfig(cfg)
	if out, err := c.do(ctx, r, "elb-describe-load-balancers.json", func(ctx context.Context) (any, error) {
		p := elb.NewDescribeLoadBalancersPaginator(cl, &elb.DescribeLoadBalancersInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *elb.DescribeLoadBalancersOutput) {
			a.LoadBalancerDescriptions = append(a.LoadBalancerDescriptions, b.LoadBalancerDescriptions...)
		})
	}); err == nil {
		c.do(ctx, r, "elb-describe-load-balancer-policies.json", func(ctx context.Context) (any, error) {
			return cl.DescribeLoadBalancerPolicies(ctx, &elb.DescribeLoadBalancerPoliciesInput{})
		})
		for _, lb := range out.(*elb.DescribeLoadBalancersOutput).LoadBalancerDescriptions {
			name := aws.ToString(lb.LoadBalancerName)
			c.do(ctx, r, param("elb-describe-load-balancer-attributes", name), func(ctx context.Context) (any, error) {
				return cl.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerName: aws.String(name)})
			})
			c.do(ctx, r, param("elb-describe-tags", name), func(ctx context.Context) (any, error) {
				return cl.DescribeTags(ctx, &elb.DescribeTagsInput{LoadBalancerNames: []string{name}})
			})
		}
	}
	cl2 := elbv2.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "elbv2-describe-load-balancers.json", func(ctx context.Context) (any, error) {
		p := elbv2.NewDescribeLoadBalancersPaginator(cl2, &elbv2.DescribeLoadBalancersInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *elbv2.DescribeLoadBalancersOutput) {
			a.LoadBalancers = append(a.LoadBalancers, b.LoadBalancers...)
		})
	})
	if err != nil {
		return
	}
	for _, lb := range out.(*elbv2.DescribeLoadBalancersOutput).LoadBalancers {
		arn := aws.ToString(lb.LoadBalancerArn)
		c.do(ctx, r, param("elbv2-describe-load-balancer-attributes", arn), func(ctx context.Context) (any, error) {
			return cl2.DescribeLoadBalancerAttributes(ctx, &elbv2.DescribeLoadBalancerAttributesInput{LoadBalancerArn: aws.String(arn)})
		})
		c.do(ctx, r, param("elbv2-describe-listeners", arn), func(ctx context.Context) (any, error) {
			p := elbv2.NewDescribeListenersPaginator(cl2, &elbv2.DescribeListenersInput{LoadBalancerArn: aws.String(arn)})
			return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *elbv2.DescribeListenersOutput) { a.Listeners = append(a.Listeners, b.Listeners...) })
		})
		c.do(ctx, r, param("elbv2-describe-tags", arn), func(ctx context.Context) (any, error) {
			return cl2.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: []string{arn}})
		})
	}
}

func (c *collector) lambda(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := lambda.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "lambda-list-functions.json", func(ctx context.Context) (any, error) {
		p := lambda.NewListFunctionsPaginator(cl, &lambda.ListFunctionsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *lambda.ListFunctionsOutput) { a.Functions = append(a.Functions, b.Functions...) })
	})
	if err != nil {
		return
	}
	for _, f := range out.(*lambda.ListFunctionsOutput).Functions {
		name, arn := aws.ToString(f.FunctionName), aws.ToString(f.FunctionArn)
		c.do(ctx, r, param("lambda-get-policy", name), func(ctx context.Context) (any, error) {
			return cl.GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: aws.String(name)})
		})
		c.do(ctx, r, param("lambda-get-function-url-config", name), func(ctx context.Context) (any, error) {
			return cl.GetFunctionUrlConfig(ctx, &lambda.GetFunctionUrlConfigInput{FunctionName: aws.String(name)})
		})
		c.do(ctx, r, param("lambda-list-tags", arn), func(ctx context.Context) (any, error) {
			return cl.ListTags(ctx, &lambda.ListTagsInput{Resource: aws.String(arn)})
		})
	}
}

func (c *collector) dynamodb(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := dynamodb.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "dynamodb-list-tables.json", func(ctx context.Context) (any, error) {
		p := dynamodb.NewListTablesPaginator(cl, &dynamodb.ListTablesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *dynamodb.ListTablesOutput) { a.TableNames = append(a.TableNames, b.TableNames...) })
	})
	if err != nil {
		return
	}
	for _, name := range out.(*dynamodb.ListTablesOutput).TableNames {
		c.do(ctx, r, param("dynamodb-describe-table", name), func(ctx context.Context) (any, error) {
			return cl.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		})
		c.do(ctx, r, param("dynamodb-describe-continuous-backups", name), func(ctx context.Context) (any, error) {
			return cl.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String(name)})
		})
	}
}

func (c *collector) sqs(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := sqs.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "sqs-list-queues.json", func(ctx context.Context) (any, error) {
		p := sqs.NewListQueuesPaginator(cl, &sqs.ListQueuesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *sqs.ListQueuesOutput) { a.QueueUrls = append(a.QueueUrls, b.QueueUrls...) })
	})
	if err != nil {
		return
	}
	for _, url := range out.(*sqs.ListQueuesOutput).QueueUrls {
		c.do(ctx, r, param("sqs-get-queue-attributes", url), func(ctx context.Context) (any, error) {
			return cl.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameAll}})
		})
		c.do(ctx, r, param("sqs-list-queue-tags", url), func(ctx context.Context) (any, error) {
			return cl.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(url)})
		})
	}
}
