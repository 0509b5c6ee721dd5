package inventory

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// readApps assembles the types the aws-best-practices bundle added that an
// account's APIs give: RDSCluster, RDSSnapshot, EKSCluster,
// AutoScalingGroup, LaunchTemplate, EcsCluster, EcsService,
// EcsTaskDefinition, ApiGateway, ApiGatewayV2, EcrRepository, ElasticSearchDomain and
// SecretsManagerSecret.
func (d *apiDump) readApps(r string, e *adEC2) {
	d.readRDSClusters(r)
	d.readRDSSnapshots(r)
	d.readEKS(r)
	d.readAutoScaling(r)
	d.readECS(r, e)
	d.readAPIGateway(r)
	d.readAPIGatewayV2(r)
	d.readECR(r)
	d.readSearchDomains(r, e)
	d.readSecrets(r)
}

// readECR: ecr DescribeRepositories, with GetRepositoryPolicy and
// GetLifecyclePolicy per repository (named by repository name).
func (d *apiDump) readECR(r string) {
	// cloudmapper does not read lifecycle policies: without the calls,
	// lifecyclePolicy is not collected, not absent.
	d.eachListed(r, adList{call: "ecr-describe-repositories", key: "repositories", id: "repositoryArn",
		perResource: []string{"ecr-get-lifecycle-policy", "ecr-get-repository-policy"}}, func(repo any, o Origin) adObj {
		name := adStr(adGet(repo, "repositoryName"))
		arn := o.Resource
		doc := d.envelope("EcrRepository", adFirst(arn, name), name, arn, r)
		adSet(doc, "repositoryName", name)
		adSet(doc, "repositoryUri", adStr(adGet(repo, "repositoryUri")))
		adSet(doc, "registryId", adStr(adGet(repo, "registryId")))
		if t := adGet(repo, "createdAt"); t != nil {
			doc["createdAt"] = adTime(t)
		}
		adSet(doc, "imageTagMutability", adStr(adGet(repo, "imageTagMutability")))
		if sc := adGet(repo, "imageScanningConfiguration"); sc != nil {
			x := adObj{}
			adSetBool(x, "scanOnPush", adGet(sc, "scanOnPush"))
			doc["imageScanningConfiguration"] = x
		}
		if ec := adGet(repo, "encryptionConfiguration"); ec != nil {
			x := adObj{}
			adSet(x, "encryptionType", adStr(adGet(ec, "encryptionType")))
			adSet(x, "kmsKey", adStr(adGet(ec, "kmsKey")))
			doc["encryptionConfiguration"] = x
		}
		if p := d.param(r, "ecr-get-repository-policy", name); p != nil {
			d.setPolicy(o, doc, "policy", "repository policy", adGet(p, "policyText"))
		}
		d.ecrLifecyclePolicy(r, name, o, doc)
		return doc
	})
}

// ecrLifecyclePolicy sets the repository's lifecyclePolicy from its
// GetLifecyclePolicy response. LifecyclePolicyNotFoundException, as the
// collector records it (or as a file holding that error body), means the
// repository has none: lifecyclePolicy stays missing. Without a response
// (the call was not made, or it failed: an error record) the dump cannot
// tell, so lifecyclePolicyCollected is false and ECR.3 skips the
// repository instead of failing it for a policy nobody asked for.
func (d *apiDump) ecrLifecyclePolicy(r, name string, o Origin, doc adObj) {
	const call = "ecr-get-lifecycle-policy"
	p := d.param(r, call, name)
	switch code := adErrorCode(p); {
	case p == nil && d.paramNotConfigured(r, call, name), code == "LifecyclePolicyNotFoundException":
		return
	case p == nil:
	case code != "":
		d.fail(o, fmt.Errorf("lifecycle policy: %s holds the error %s, not a response", d.show(d.paramFile(r, call, name)), code))
	default:
		text := adStr(adGet(p, "lifecyclePolicyText"))
		if text == "" {
			return
		}
		lp, err := adDecodeObject(text)
		if err == nil {
			doc["lifecyclePolicy"] = lp
			return
		}
		d.fail(o, fmt.Errorf("lifecycle policy: %w", err))
	}
	doc["lifecyclePolicyCollected"] = false
}

// readSearchDomains: OpenSearch Service domains, from the opensearch
// ListDomainNames and DescribeDomain responses, or the legacy es
// ListDomainNames and DescribeElasticsearchDomain ones (cloudmapper's).
func (d *apiDump) readSearchDomains(r string, e *adEC2) {
	list, describe, statusKey := "opensearch-list-domain-names", "opensearch-describe-domain", "DomainStatus"
	if !d.has(r, list) && d.has(r, "es-list-domain-names") {
		list, describe = "es-list-domain-names", "es-describe-elasticsearch-domain"
	}
	d.eachListed(r, adList{call: list, key: "DomainNames", id: "DomainName", perResource: []string{describe}}, func(dn any, o Origin) adObj {
		name := o.Resource
		st := adGet(d.param(r, describe, name), statusKey)
		arn := adStr(adGet(st, "ARN"))
		id := arn
		if id == "" {
			id = "arn:" + adPartition(r) + ":es:" + r + ":" + d.account + ":domain/" + name
		}
		doc := d.envelope("ElasticSearchDomain", id, name, id, r)
		adSet(doc, "domainName", name)
		if st != nil {
			adSet(doc, "domainId", adStr(adGet(st, "DomainId")))
			version := adStr(adGet(st, "EngineVersion"))
			if version == "" {
				if es := adStr(adGet(st, "ElasticsearchVersion")); es != "" {
					version = "Elasticsearch_" + es
				}
			}
			adSet(doc, "engineVersion", version)
			adSet(doc, "endpoint", adStr(adGet(st, "Endpoint")))
			if eps, ok := adGet(st, "Endpoints").(adObj); ok {
				doc["endpoints"] = eps
			}
			if vpc := adGet(st, "VPCOptions"); vpc != nil {
				x := adObj{}
				adSet(x, "vpcId", adStr(adGet(vpc, "VPCId")))
				for _, k := range []string{"SubnetIds", "SecurityGroupIds", "AvailabilityZones"} {
					if a := adGet(vpc, k); a != nil {
						x[adCamel(k)] = adOrEmpty(adArr(a))
					}
				}
				doc["vpcOptions"] = x
			}
			cc := adGet(st, "ClusterConfig")
			if cc == nil {
				cc = adGet(st, "ElasticsearchClusterConfig")
			}
			if cc != nil {
				x := adObj{}
				adSet(x, "instanceType", adStr(adGet(cc, "InstanceType")))
				adSet(x, "instanceCount", adNumber(adGet(cc, "InstanceCount")))
				adSetBool(x, "dedicatedMasterEnabled", adGet(cc, "DedicatedMasterEnabled"))
				adSet(x, "dedicatedMasterCount", adNumber(adGet(cc, "DedicatedMasterCount")))
				adSet(x, "dedicatedMasterType", adStr(adGet(cc, "DedicatedMasterType")))
				adSetBool(x, "zoneAwarenessEnabled", adGet(cc, "ZoneAwarenessEnabled"))
				if z := adGet(cc, "ZoneAwarenessConfig"); z != nil {
					zx := adObj{}
					adSet(zx, "availabilityZoneCount", adNumber(adGet(z, "AvailabilityZoneCount")))
					x["zoneAwarenessConfig"] = zx
				}
				doc["clusterConfig"] = x
			}
			if ea := adGet(st, "EncryptionAtRestOptions"); ea != nil {
				x := adObj{}
				adSetBool(x, "enabled", adGet(ea, "Enabled"))
				adSet(x, "kmsKeyId", adStr(adGet(ea, "KmsKeyId")))
				doc["encryptionAtRestOptions"] = x
			}
			if nn := adGet(st, "NodeToNodeEncryptionOptions"); nn != nil {
				x := adObj{}
				adSetBool(x, "enabled", adGet(nn, "Enabled"))
				doc["nodeToNodeEncryptionOptions"] = x
			}
			if ep := adGet(st, "DomainEndpointOptions"); ep != nil {
				x := adObj{}
				adSetBool(x, "enforceHTTPS", adGet(ep, "EnforceHTTPS"))
				adSet(x, "tlsSecurityPolicy", adStr(adGet(ep, "TLSSecurityPolicy")))
				adSetBool(x, "customEndpointEnabled", adGet(ep, "CustomEndpointEnabled"))
				doc["domainEndpointOptions"] = x
			}
			if as := adGet(st, "AdvancedSecurityOptions"); as != nil {
				x := adObj{}
				adSetBool(x, "enabled", adGet(as, "Enabled"))
				adSetBool(x, "internalUserDatabaseEnabled", adGet(as, "InternalUserDatabaseEnabled"))
				adSetBool(x, "anonymousAuthEnabled", adGet(as, "AnonymousAuthEnabled"))
				doc["advancedSecurityOptions"] = x
			}
			if lp, ok := adGet(st, "LogPublishingOptions").(adObj); ok {
				x := adObj{}
				for k, opt := range lp {
					ox := adObj{}
					adSet(ox, "cloudWatchLogsLogGroupArn", adStr(adGet(opt, "CloudWatchLogsLogGroupArn")))
					adSetBool(ox, "enabled", adGet(opt, "Enabled"))
					x[k] = ox
				}
				doc["logPublishingOptions"] = x
			}
			if so := adGet(st, "ServiceSoftwareOptions"); so != nil {
				x := adObj{}
				adSet(x, "currentVersion", adStr(adGet(so, "CurrentVersion")))
				adSet(x, "newVersion", adStr(adGet(so, "NewVersion")))
				adSetBool(x, "updateAvailable", adGet(so, "UpdateAvailable"))
				adSet(x, "updateStatus", adStr(adGet(so, "UpdateStatus")))
				doc["serviceSoftwareOptions"] = x
			}
			d.setPolicy(o, doc, "accessPolicies", "access policy", adGet(st, "AccessPolicies"))
		}
		return doc
	})
}

// readSecrets: secretsmanager ListSecrets (metadata, never a value), with
// GetResourcePolicy per secret (named by secret name).
func (d *apiDump) readSecrets(r string) {
	d.eachListed(r, adList{call: "secretsmanager-list-secrets", key: "SecretList", id: "ARN",
		perResource: []string{"secretsmanager-get-resource-policy"}}, func(s any, o Origin) adObj {
		name := adStr(adGet(s, "Name"))
		arn := o.Resource
		doc := d.envelope("SecretsManagerSecret", adFirst(arn, name), name, arn, r)
		doc["tags"] = adTagList(adGet(s, "Tags"))
		adSet(doc, "description", adStr(adGet(s, "Description")))
		adSet(doc, "kmsKeyId", adStr(adGet(s, "KmsKeyId")))
		adSetBool(doc, "rotationEnabled", adGet(s, "RotationEnabled"))
		adSet(doc, "rotationLambdaArn", adStr(adGet(s, "RotationLambdaARN")))
		if rr := adGet(s, "RotationRules"); rr != nil {
			x := adObj{}
			adSet(x, "automaticallyAfterDays", adNumber(adGet(rr, "AutomaticallyAfterDays")))
			adSet(x, "scheduleExpression", adStr(adGet(rr, "ScheduleExpression")))
			adSet(x, "duration", adStr(adGet(rr, "Duration")))
			doc["rotationRules"] = x
		}
		for _, k := range []string{"CreatedDate", "LastChangedDate", "LastRotatedDate", "NextRotationDate", "LastAccessedDate"} {
			if t := adGet(s, k); t != nil {
				doc[adCamel(k)] = adTime(t)
			}
		}
		adSet(doc, "primaryRegion", adStr(adGet(s, "PrimaryRegion")))
		adSet(doc, "owningService", adStr(adGet(s, "OwningService")))
		if p := d.param(r, "secretsmanager-get-resource-policy", name); p != nil {
			d.setPolicy(o, doc, "policy", "resource policy", adGet(p, "ResourcePolicy"))
		}
		return doc
	})
}

// paramCallMissing names a per-resource call in the summary's Missing
// ("<region>/<call>/") when the dump holds no response of it and the
// collector recorded none as failed or not configured: the properties it
// gives are unknown for every resource.
func (d *apiDump) paramCallMissing(region, call string) {
	if len(d.params[region][call]) > 0 {
		return
	}
	prefix := path.Join(d.root, region, call) + "/"
	for f := range d.notConf {
		if strings.HasPrefix(f, prefix) {
			return
		}
	}
	if d.summary != nil {
		for _, c := range d.summary.Failures {
			if strings.HasPrefix(path.Join(d.root, c.File), prefix) {
				return
			}
		}
	}
	name := region + "/" + call + "/"
	if !slices.Contains(d.sum.Missing, name) {
		d.sum.Missing = append(d.sum.Missing, name)
	}
}

// adFirst is the first of its arguments that is not empty.
func adFirst(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
