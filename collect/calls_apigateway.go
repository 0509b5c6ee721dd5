package collect

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
)

// API Gateway's REST APIs (v1) with their stages, and its HTTP and
// WebSocket APIs (v2) with their stages and routes, for the
// aws-best-practices bundle (ApiGateway, ApiGatewayV2): the files
// inventory/apidump_apigateway.go reads, named as the AWS CLI names them.

func (c *collector) goAPIGateway(ctx context.Context, cfg aws.Config) {
	c.spawn(func() { c.restAPIs(ctx, cfg) })
	c.spawn(func() { c.httpAPIs(ctx, cfg) })
}

func (c *collector) restAPIs(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := apigateway.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "apigateway-get-rest-apis.json", func(ctx context.Context) (any, error) {
		p := apigateway.NewGetRestApisPaginator(cl, &apigateway.GetRestApisInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, func(a, b *apigateway.GetRestApisOutput) { a.Items = append(a.Items, b.Items...) })
	})
	if err != nil {
		return
	}
	for _, api := range out.(*apigateway.GetRestApisOutput).Items {
		id := aws.ToString(api.Id)
		c.do(ctx, r, param("apigateway-get-stages", id), func(ctx context.Context) (any, error) {
			return cl.GetStages(ctx, &apigateway.GetStagesInput{RestApiId: aws.String(id)})
		})
	}
}

func (c *collector) httpAPIs(ctx context.Context, cfg aws.Config) {
	r := cfg.Region
	cl := apigatewayv2.NewFromConfig(cfg)
	out, err := c.do(ctx, r, "apigatewayv2-get-apis.json", func(ctx context.Context) (any, error) {
		return tokenPages(ctx, func(ctx context.Context, token *string) (*apigatewayv2.GetApisOutput, *string, error) {
			o, err := cl.GetApis(ctx, &apigatewayv2.GetApisInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return o, o.NextToken, nil
		}, func(a, b *apigatewayv2.GetApisOutput) { a.Items = append(a.Items, b.Items...) })
	})
	if err != nil {
		return
	}
	for _, api := range out.(*apigatewayv2.GetApisOutput).Items {
		id := aws.ToString(api.ApiId)
		c.do(ctx, r, param("apigatewayv2-get-stages", id), func(ctx context.Context) (any, error) {
			return tokenPages(ctx, func(ctx context.Context, token *string) (*apigatewayv2.GetStagesOutput, *string, error) {
				o, err := cl.GetStages(ctx, &apigatewayv2.GetStagesInput{ApiId: aws.String(id), NextToken: token})
				if err != nil {
					return nil, nil, err
				}
				return o, o.NextToken, nil
			}, func(a, b *apigatewayv2.GetStagesOutput) { a.Items = append(a.Items, b.Items...) })
		})
		c.do(ctx, r, param("apigatewayv2-get-routes", id), func(ctx context.Context) (any, error) {
			return tokenPages(ctx, func(ctx context.Context, token *string) (*apigatewayv2.GetRoutesOutput, *string, error) {
				o, err := cl.GetRoutes(ctx, &apigatewayv2.GetRoutesInput{ApiId: aws.String(id), NextToken: token})
				if err != nil {
					return nil, nil, err
				}
				return o, o.NextToken, nil
			}, func(a, b *apigatewayv2.GetRoutesOutput) { a.Items = append(a.Items, b.Items...) })
		})
	}
}
