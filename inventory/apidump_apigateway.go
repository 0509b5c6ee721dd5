package inventory

import (
	"sort"
	"strings"
)

// readAPIGateway: apigateway GetRestApis, with GetStages per REST API id,
// as ApiGateway documents, as the collector and the AWS CLI (`aws
// apigateway get-rest-apis`, `get-stages --rest-api-id`) write them.
func (d *apiDump) readAPIGateway(r string) {
	d.eachListed(r, adList{call: "apigateway-get-rest-apis", key: "items", id: "id", perResource: []string{"apigateway-get-stages"}}, func(api any, o Origin) adObj {
		id := o.Resource
		arn := "arn:" + adPartition(r) + ":apigateway:" + r + "::/restapis/" + id
		doc := d.envelope("ApiGateway", id, adStr(adGet(api, "name")), arn, r)
		doc["apiId"] = id
		adSet(doc, "description", adStr(adGet(api, "description")))
		if t := adGet(api, "createdDate"); t != nil {
			doc["createdDate"] = adTime(t)
		}
		if ec := adGet(api, "endpointConfiguration"); ec != nil {
			doc["endpointConfiguration"] = adObj{"types": adOrEmpty(adArr(adGet(ec, "types")))}
		}
		if t, ok := adGet(api, "tags").(adObj); ok {
			doc["tags"] = adTagMap(t)
		}
		if p := adStr(adGet(api, "policy")); p != "" {
			if _, err := adPolicy(p); err != nil && strings.Contains(p, `\"`) {
				// API Gateway returns the policy with its quotes escaped
				// once more: {\"Version\":...}.
				p = strings.ReplaceAll(p, `\"`, `"`)
			}
			d.setPolicy(o, doc, "policy", "REST API policy", p)
		}
		if sv := d.param(r, "apigateway-get-stages", id); sv != nil {
			stages := []any{}
			for _, s := range adArr(adGet(sv, "item")) {
				x := adObj{}
				for _, k := range []string{"stageName", "deploymentId", "clientCertificateId", "webAclArn", "cacheClusterSize"} {
					adSet(x, k, adStr(adGet(s, k)))
				}
				if t := adGet(s, "createdDate"); t != nil {
					x["createdDate"] = adTime(t)
				}
				adSetBool(x, "tracingEnabled", adGet(s, "tracingEnabled"))
				adSetBool(x, "cacheClusterEnabled", adGet(s, "cacheClusterEnabled"))
				settings := []any{}
				if ms, ok := adGet(s, "methodSettings").(adObj); ok {
					paths := make([]string, 0, len(ms))
					for p := range ms {
						paths = append(paths, p)
					}
					sort.Strings(paths)
					for _, p := range paths {
						m := ms[p]
						mx := adObj{"methodPath": p}
						adSet(mx, "loggingLevel", adStr(adGet(m, "loggingLevel")))
						for _, k := range []string{"dataTraceEnabled", "metricsEnabled", "cachingEnabled", "cacheDataEncrypted"} {
							adSetBool(mx, k, adGet(m, k))
						}
						adSet(mx, "throttlingBurstLimit", adNumber(adGet(m, "throttlingBurstLimit")))
						adSet(mx, "throttlingRateLimit", adNumber(adGet(m, "throttlingRateLimit")))
						settings = append(settings, mx)
					}
				}
				x["methodSettings"] = settings
				adStageAccessLog(x, s)
				stages = append(stages, x)
			}
			doc["stages"] = stages
		}
		return doc
	})
}

// readAPIGatewayV2: apigatewayv2 GetApis, with GetStages and GetRoutes per
// API id, as ApiGatewayV2 documents (HTTP and WebSocket APIs); the
// collector's files or the AWS CLI's, like readAPIGateway.
func (d *apiDump) readAPIGatewayV2(r string) {
	d.eachListed(r, adList{call: "apigatewayv2-get-apis", key: "Items", id: "ApiId",
		perResource: []string{"apigatewayv2-get-stages", "apigatewayv2-get-routes"}}, func(api any, o Origin) adObj {
		id := o.Resource
		arn := "arn:" + adPartition(r) + ":apigateway:" + r + "::/apis/" + id
		doc := d.envelope("ApiGatewayV2", id, adStr(adGet(api, "Name")), arn, r)
		doc["apiId"] = id
		adSet(doc, "protocolType", adStr(adGet(api, "ProtocolType")))
		adSet(doc, "apiEndpoint", adStr(adGet(api, "ApiEndpoint")))
		adSetBool(doc, "disableExecuteApiEndpoint", adGet(api, "DisableExecuteApiEndpoint"))
		if t, ok := adGet(api, "Tags").(adObj); ok {
			doc["tags"] = adTagMap(t)
		}
		if sv := d.param(r, "apigatewayv2-get-stages", id); sv != nil {
			stages := []any{}
			for _, s := range adArr(adGet(sv, "Items")) {
				x := adObj{}
				adSet(x, "stageName", adStr(adGet(s, "StageName")))
				adSetBool(x, "autoDeploy", adGet(s, "AutoDeploy"))
				adStageAccessLog(x, s)
				if rs := adGet(s, "DefaultRouteSettings"); rs != nil {
					rx := adObj{}
					adSet(rx, "loggingLevel", adStr(adGet(rs, "LoggingLevel")))
					adSetBool(rx, "detailedMetricsEnabled", adGet(rs, "DetailedMetricsEnabled"))
					adSet(rx, "throttlingBurstLimit", adNumber(adGet(rs, "ThrottlingBurstLimit")))
					adSet(rx, "throttlingRateLimit", adNumber(adGet(rs, "ThrottlingRateLimit")))
					x["defaultRouteSettings"] = rx
				}
				stages = append(stages, x)
			}
			doc["stages"] = stages
		}
		if rv := d.param(r, "apigatewayv2-get-routes", id); rv != nil {
			routes := []any{}
			for _, rt := range adArr(adGet(rv, "Items")) {
				x := adObj{}
				adSet(x, "routeKey", adStr(adGet(rt, "RouteKey")))
				adSet(x, "authorizationType", adStr(adGet(rt, "AuthorizationType")))
				adSet(x, "authorizerId", adStr(adGet(rt, "AuthorizerId")))
				routes = append(routes, x)
			}
			doc["routes"] = routes
		}
		return doc
	})
}

// adStageAccessLog copies the access log settings of an API stage (REST
// or v2: the keys differ only in case) into the stage's document x.
func adStageAccessLog(x adObj, stage any) {
	if al := adGet(stage, "accessLogSettings"); al != nil {
		ax := adObj{}
		adSet(ax, "destinationArn", adStr(adGet(al, "destinationArn")))
		adSet(ax, "format", adStr(adGet(al, "format")))
		x["accessLogSettings"] = ax
	}
}
