package inventory

import "strings"

// This file maps the CloudFormation resources of the entity types the
// aws-best-practices bundle added. Property names are those of the AWS
// resource and property types reference; a default is applied only where
// that reference states it, and said so beside it. CloudFormation has no
// resource for RDS snapshots, so RDSSnapshot comes from Terraform only.

// cfnOr copies from to to, converted by conv, or sets def when the
// template leaves the property out.
func cfnOr(b *builder, to, from string, conv func(any) (any, bool), def any) {
	if !b.copy(to, from, conv) {
		if _, known, _ := b.r.get(from); known {
			b.set(to, def)
		}
	}
}

func cfnRDSCluster(b *builder) {
	cfnCommon(b, "DBClusterIdentifier")
	b.fields("dbClusterIdentifier", "DBClusterIdentifier", "engine", "Engine", "engineVersion", "EngineVersion",
		"kmsKeyId", "KmsKeyId", "availabilityZones", "AvailabilityZones",
		"enabledCloudwatchLogsExports", "EnableCloudwatchLogsExports")
	b.copy("port", "Port", asNumber)
	if !b.copy("masterUsername", "MasterUsername", nonEmptyString) {
		if _, unk := b.unknown["masterUsername"]; !unk {
			b.markUnknown("masterUsername", "the snapshot or source cluster (MasterUsername not set)")
		}
	}
	b.copy("publiclyAccessible", "PubliclyAccessible", asBool)
	b.copy("autoMinorVersionUpgrade", "AutoMinorVersionUpgrade", asBool)
	// Defaults of the AWS::RDS::DBCluster reference.
	cfnOr(b, "engineMode", "EngineMode", nonEmptyString, "provisioned")
	cfnOr(b, "deletionProtection", "DeletionProtection", asBool, false)
	cfnOr(b, "iamDatabaseAuthenticationEnabled", "EnableIAMDatabaseAuthentication", asBool, false)
	cfnOr(b, "copyTagsToSnapshot", "CopyTagsToSnapshot", asBool, false)
	cfnOr(b, "backupRetentionPeriod", "BackupRetentionPeriod", asNumber, 1)
	cfnOr(b, "backtrackWindow", "BacktrackWindow", asNumber, 0)
	if !b.copy("storageEncrypted", "StorageEncrypted", asBool) {
		_, restored := b.r.vals["SnapshotIdentifier"]
		_, cloned := b.r.vals["SourceDBClusterIdentifier"]
		switch {
		case restored || cloned:
			// Inherited from the snapshot or source cluster.
			b.markUnknown("storageEncrypted", "the encryption of the snapshot or source cluster")
		case b.doc["engineMode"] == "serverless":
			b.set("storageEncrypted", true) // Aurora Serverless v1 clusters are always encrypted
		default:
			b.set("storageEncrypted", b.doc["kmsKeyId"] != nil)
		}
	}
	if _, ok := b.doc["enabledCloudwatchLogsExports"]; !ok {
		if _, known, _ := b.r.get("EnableCloudwatchLogsExports"); known {
			b.set("enabledCloudwatchLogsExports", []any{})
		}
	}
	// Multi-AZ follows from the zones of the cluster's DB instances.
	notInPlan(b, "multiAZ", "members")
}

func cfnECR(b *builder) {
	cfnCommon(b, "RepositoryName")
	b.copy("repositoryName", "RepositoryName", nil)
	cfnOr(b, "imageTagMutability", "ImageTagMutability", nonEmptyString, "MUTABLE")
	cfnOr(b, "imageScanningConfiguration.scanOnPush", "ImageScanningConfiguration.ScanOnPush", asBool, false)
	cfnOr(b, "encryptionConfiguration.encryptionType", "EncryptionConfiguration.EncryptionType", nonEmptyString, "AES256")
	b.copy("encryptionConfiguration.kmsKey", "EncryptionConfiguration.KmsKey", nonEmptyString)
	b.copy("lifecyclePolicy", "LifecyclePolicy.LifecyclePolicyText", policyDoc)
	b.copy("policy", "RepositoryPolicyText", policyDoc)
}

// cfnECRRegistryScanning adds the rules of an
// AWS::ECR::RegistryScanningConfiguration whose filters match the
// repository's name.
func cfnECRRegistryScanning(p *builder, c *iacResource) {
	name, _ := p.doc["repositoryName"].(string)
	rules, known, refs := c.get("Rules")
	if !known {
		p.markUnknown("registryScanningRules", refs...)
		return
	}
	out := []any{}
	for _, e := range list(rules) {
		m, _ := e.(map[string]any)
		for _, f := range list(m["RepositoryFilters"]) {
			fm, _ := f.(map[string]any)
			if pat, ok := fm["Filter"].(string); ok && name != "" && wildcardMatch(pat, name) {
				out = append(out, map[string]any{"scanType": c.vals["ScanType"], "scanFrequency": m["ScanFrequency"]})
				break
			}
		}
	}
	p.doc["registryScanningRules"] = dropUnknown(out)
}

// wildcardMatch matches ECR's repository filters: * stands for any
// characters, slashes included.
func wildcardMatch(pat, s string) bool {
	parts := strings.Split(pat, "*")
	if len(parts) == 1 {
		return pat == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

func cfnECSCluster(b *builder) {
	cfnCommon(b, "ClusterName")
	b.copy("clusterName", "ClusterName", nil)
	b.copy("capacityProviders", "CapacityProviders", nil)
	v, known, refs := b.r.get("ClusterSettings")
	if !known {
		b.markUnknown("settings", refs...)
		return
	}
	out := []any{}
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		s := map[string]any{}
		for from, to := range map[string]string{"Name": "name", "Value": "value"} {
			switch x := m[from].(type) {
			case string:
				s[to] = x
			case unknownVal:
				b.markUnknown("settings", x.refs...)
			}
		}
		out = append(out, s)
	}
	b.doc["settings"] = out
}

func cfnECSService(b *builder) {
	cfnCommon(b, "ServiceName")
	b.copy("serviceName", "ServiceName", nil)
	b.fields("clusterArn", "Cluster", "taskDefinition", "TaskDefinition", "platformVersion", "PlatformVersion", "launchType", "LaunchType")
	b.copy("desiredCount", "DesiredCount", asNumber)
	const vpc = "NetworkConfiguration.AwsvpcConfiguration"
	if v, known, refs := b.r.get(vpc); !known {
		b.markUnknown("networkConfiguration", refs...)
	} else if v != nil {
		b.fields("networkConfiguration.awsvpcConfiguration.subnets", vpc+".Subnets",
			"networkConfiguration.awsvpcConfiguration.securityGroups", vpc+".SecurityGroups")
		// AssignPublicIp: "The default value is DISABLED."
		cfnOr(b, "networkConfiguration.awsvpcConfiguration.assignPublicIp", vpc+".AssignPublicIp", nonEmptyString, "DISABLED")
	}
}

func cfnECSTaskDefinition(b *builder) {
	cfnCommon(b, "Family")
	b.fields("family", "Family", "pidMode", "PidMode", "ipcMode", "IpcMode", "requiresCompatibilities", "RequiresCompatibilities",
		"taskRoleArn", "TaskRoleArn", "executionRoleArn", "ExecutionRoleArn")
	// ECS: "If no network mode is specified, the default is bridge."
	cfnOr(b, "networkMode", "NetworkMode", nonEmptyString, "bridge")
	v, known, refs := b.r.get("ContainerDefinitions")
	if !known {
		b.markUnknown("containerDefinitions", refs...)
		return
	}
	if v == nil {
		return
	}
	// The properties the rules judge must be known; others (an image
	// given as a parameter) may stay unknown.
	raw := lookupRaw(b.r.vals, "ContainerDefinitions")
	for _, c := range list(raw) {
		m, _ := c.(map[string]any)
		for _, k := range []string{"Privileged", "User", "ReadonlyRootFilesystem", "Environment", "LogConfiguration"} {
			if u, bad := hasUnknown(m[k]); u {
				b.markUnknown("containerDefinitions", refsOr(bad, b.r, "ContainerDefinitions."+k)...)
			}
		}
	}
	if cs, ok := containerDefinitions(dropUnknown(deepCopy(raw))); ok {
		b.set("containerDefinitions", cs)
	}
}

// deepCopy copies a value tree, so that dropUnknown does not change the
// resource's values.
func deepCopy(v any) any {
	switch c := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(c))
		for k, e := range c {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(c))
		for i, e := range c {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}

func cfnEKS(b *builder) {
	cfnCommon(b, "Name")
	b.fields("version", "Version", "roleArn", "RoleArn",
		"resourcesVpcConfig.subnetIds", "ResourcesVpcConfig.SubnetIds",
		"resourcesVpcConfig.securityGroupIds", "ResourcesVpcConfig.SecurityGroupIds",
		"resourcesVpcConfig.publicAccessCidrs", "ResourcesVpcConfig.PublicAccessCidrs")
	// Defaults of the ResourcesVpcConfig reference.
	cfnOr(b, "resourcesVpcConfig.endpointPublicAccess", "ResourcesVpcConfig.EndpointPublicAccess", asBool, true)
	cfnOr(b, "resourcesVpcConfig.endpointPrivateAccess", "ResourcesVpcConfig.EndpointPrivateAccess", asBool, false)
	if v, known, refs := b.r.get("EncryptionConfig"); !known {
		b.markUnknown("encryptionConfig", refs...)
	} else {
		out := []any{}
		for i := range list(v) {
			at := "EncryptionConfig." + itoa(i)
			ec := childObj(b, "encryptionConfig", b.r, nil, "resources", at+".Resources", "provider.keyArn", at+".Provider.KeyArn")
			out = append(out, ec)
		}
		b.doc["encryptionConfig"] = out
	}
	if v, known, refs := b.r.get("Logging.ClusterLogging.EnabledTypes"); !known {
		b.markUnknown("logging.clusterLogging", refs...)
	} else {
		var types []any
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			switch t := m["Type"].(type) {
			case string:
				types = append(types, t)
			case unknownVal:
				b.markUnknown("logging.clusterLogging", t.refs...)
			}
		}
		if len(types) > 0 {
			b.set("logging.clusterLogging", []any{map[string]any{"types": types, "enabled": true}})
		} else {
			b.set("logging.clusterLogging", []any{})
		}
	}
}

// cfnOpenSearch maps AWS::OpenSearchService::Domain and the legacy
// AWS::Elasticsearch::Domain.
func cfnOpenSearch(b *builder) {
	cfnCommon(b, "DomainName")
	b.copy("domainName", "DomainName", nil)
	cc := "ClusterConfig"
	if b.r.typ == "AWS::Elasticsearch::Domain" {
		cc = "ElasticsearchClusterConfig"
		b.copy("engineVersion", "ElasticsearchVersion", func(v any) (any, bool) {
			s, ok := v.(string)
			return "Elasticsearch_" + s, ok && s != ""
		})
	} else {
		b.copy("engineVersion", "EngineVersion", nonEmptyString)
	}
	b.fields("clusterConfig.instanceType", cc+".InstanceType",
		"clusterConfig.dedicatedMasterType", cc+".DedicatedMasterType")
	b.copy("clusterConfig.dedicatedMasterCount", cc+".DedicatedMasterCount", asNumber)
	b.copy("clusterConfig.zoneAwarenessConfig.availabilityZoneCount", cc+".ZoneAwarenessConfig.AvailabilityZoneCount", asNumber)
	// Defaults of the ClusterConfig reference: one instance, no dedicated
	// masters, no zone awareness.
	cfnOr(b, "clusterConfig.instanceCount", cc+".InstanceCount", asNumber, 1)
	cfnOr(b, "clusterConfig.dedicatedMasterEnabled", cc+".DedicatedMasterEnabled", asBool, false)
	cfnOr(b, "clusterConfig.zoneAwarenessEnabled", cc+".ZoneAwarenessEnabled", asBool, false)
	if v, _, _ := b.r.get("VPCOptions"); v != nil {
		b.fields("vpcOptions.subnetIds", "VPCOptions.SubnetIds", "vpcOptions.securityGroupIds", "VPCOptions.SecurityGroupIds")
	}
	for _, f := range []struct{ to, from string }{
		{"encryptionAtRestOptions", "EncryptionAtRestOptions"},
		{"nodeToNodeEncryptionOptions", "NodeToNodeEncryptionOptions"},
	} {
		if !b.copy(f.to+".enabled", f.from+".Enabled", asBool) {
			if _, known, _ := b.r.get(f.from + ".Enabled"); known {
				// The reference gives no default: AWS's depends on the
				// engine version.
				b.markUnknown(f.to+".enabled", "AWS's default for the domain's engine version ("+f.from+" not set)"+computedSuffix)
			}
		}
	}
	b.copy("encryptionAtRestOptions.kmsKeyId", "EncryptionAtRestOptions.KmsKeyId", nonEmptyString)
	// Fine-grained access control is off unless AdvancedSecurityOptions
	// enables it.
	cfnOr(b, "advancedSecurityOptions.enabled", "AdvancedSecurityOptions.Enabled", asBool, false)
	b.copy("advancedSecurityOptions.internalUserDatabaseEnabled", "AdvancedSecurityOptions.InternalUserDatabaseEnabled", asBool)
	b.copy("advancedSecurityOptions.anonymousAuthEnabled", "AdvancedSecurityOptions.AnonymousAuthEnabled", asBool)
	b.copy("domainEndpointOptions.enforceHTTPS", "DomainEndpointOptions.EnforceHTTPS", asBool)
	b.copy("domainEndpointOptions.tlsSecurityPolicy", "DomainEndpointOptions.TLSSecurityPolicy", nonEmptyString)
	b.copy("domainEndpointOptions.customEndpointEnabled", "DomainEndpointOptions.CustomEndpointEnabled", asBool)
	for _, p := range []string{"enforceHTTPS", "tlsSecurityPolicy"} {
		if _, ok := lookupDoc(b.doc, "domainEndpointOptions."+p); !ok {
			if _, unk := b.unknown["domainEndpointOptions."+p]; !unk {
				b.markUnknown("domainEndpointOptions."+p, "AWS's default for the domain's engine version (DomainEndpointOptions not set)"+computedSuffix)
			}
		}
	}
	if v, known, refs := b.r.get("LogPublishingOptions"); !known {
		b.markUnknown("logPublishingOptions", refs...)
	} else if m, ok := v.(map[string]any); ok {
		for lt, e := range m {
			em, _ := e.(map[string]any)
			o := childObj(b, "logPublishingOptions", &iacResource{addr: b.r.addr, vals: map[string]any{"x": em}}, map[string]func(any) (any, bool){"enabled": asBool},
				"enabled", "x.Enabled", "cloudWatchLogsLogGroupArn", "x.CloudWatchLogsLogGroupArn")
			b.set("logPublishingOptions."+lt, o)
		}
	}
	b.copy("accessPolicies", "AccessPolicies", policyDoc)
	notInPlan(b, "serviceSoftwareOptions")
}

func lookupDoc(doc map[string]any, p string) (any, bool) {
	v, _, _ := lookup(doc, p)
	return v, v != nil
}

func cfnAPIGateway(b *builder) {
	cfnCommon(b, "Name")
	b.fields("description", "Description", "endpointConfiguration.types", "EndpointConfiguration.Types")
	b.copy("policy", "Policy", policyDoc)
	b.doc["stages"] = []any{}
}

// cfnAPIStage adds an AWS::ApiGateway::Stage to its REST API.
func cfnAPIStage(p *builder, c *iacResource) {
	st := childObj(p, "stages", c, map[string]func(any) (any, bool){"tracingEnabled": asBool, "cacheClusterEnabled": asBool},
		"stageName", "StageName", "tracingEnabled", "TracingEnabled",
		"clientCertificateId", "ClientCertificateId", "cacheClusterEnabled", "CacheClusterEnabled", "cacheClusterSize", "CacheClusterSize",
		"accessLogSettings.destinationArn", "AccessLogSetting.DestinationArn", "accessLogSettings.format", "AccessLogSetting.Format")
	if _, ok := st["tracingEnabled"]; !ok {
		st["tracingEnabled"] = false // the reference's default
	}
	// The deployment is kept only as literal text: a reference to the
	// template's deployment would mark the stages as holding a
	// placeholder, which no rule on them reads.
	if d, ok := c.vals["DeploymentId"].(string); ok {
		st["deploymentId"] = d
	}
	// A web ACL is associated by a separate resource
	// (AWS::WAFv2::WebACLAssociation), attached to the stage it names.
	stageWebACL(p, st, c)
	st["methodSettings"] = cfnMethodSettings(p, c, "MethodSettings", []any{})
	p.appendTo("stages", st)
}

// cfnMethodSettingObj reads one method setting (the properties under the
// prefix at) of a stage c creates.
func cfnMethodSettingObj(p *builder, c *iacResource, at string) map[string]any {
	return childObj(p, "stages", c, map[string]func(any) (any, bool){"dataTraceEnabled": asBool, "metricsEnabled": asBool,
		"cachingEnabled": asBool, "cacheDataEncrypted": asBool},
		"loggingLevel", at+"LoggingLevel", "dataTraceEnabled", at+"DataTraceEnabled", "metricsEnabled", at+"MetricsEnabled",
		"cachingEnabled", at+"CachingEnabled", "cacheDataEncrypted", at+"CacheDataEncrypted",
		"throttlingBurstLimit", at+"ThrottlingBurstLimit", "throttlingRateLimit", at+"ThrottlingRateLimit")
}

// cfnMethodSettings appends to ms the method settings of the list at path
// of c, each with its method path.
func cfnMethodSettings(p *builder, c *iacResource, path string, ms []any) []any {
	v, _, _ := c.get(path)
	for i, e := range list(v) {
		m, _ := e.(map[string]any)
		rp, _ := m["ResourcePath"].(string)
		hm, _ := m["HttpMethod"].(string)
		o := cfnMethodSettingObj(p, c, path+"."+itoa(i)+".")
		if rp != "" && hm != "" {
			o["methodPath"] = apiMethodPath(rp, hm)
		}
		ms = append(ms, o)
	}
	return ms
}

// cfnAPIDeployment adds the stage an AWS::ApiGateway::Deployment with a
// StageName creates, configured by its StageDescription. A deployment
// without StageName adds nothing: its stages are AWS::ApiGateway::Stage
// resources.
func cfnAPIDeployment(p *builder, c *iacResource) {
	if _, ok := c.vals["StageName"]; !ok {
		return
	}
	const sd = "StageDescription."
	bools := map[string]func(any) (any, bool){"tracingEnabled": asBool, "cacheClusterEnabled": asBool}
	st := childObj(p, "stages", c, bools, "stageName", "StageName", "tracingEnabled", sd+"TracingEnabled",
		"clientCertificateId", sd+"ClientCertificateId", "cacheClusterEnabled", sd+"CacheClusterEnabled", "cacheClusterSize", sd+"CacheClusterSize",
		"accessLogSettings.destinationArn", sd+"AccessLogSetting.DestinationArn", "accessLogSettings.format", sd+"AccessLogSetting.Format")
	if _, ok := st["tracingEnabled"]; !ok {
		st["tracingEnabled"] = false
	}
	stageWebACL(p, st, c)
	// The description's own settings apply to every method (*/*).
	ms := []any{}
	if all := cfnMethodSettingObj(p, c, sd); len(all) > 0 {
		all["methodPath"] = "*/*"
		ms = append(ms, all)
	}
	st["methodSettings"] = cfnMethodSettings(p, c, sd+"MethodSettings", ms)
	p.appendTo("stages", st)
}

// apiMethodPath turns a ResourcePath and HttpMethod into API Gateway's
// method path: /* and * give */*, /items and GET give ~1items/GET.
func apiMethodPath(resourcePath, method string) string {
	rp := resourcePath
	if rp == "/*" {
		rp = "*"
	} else {
		rp = strings.ReplaceAll(rp, "/", "~1")
	}
	return rp + "/" + method
}

func cfnAPIGatewayV2(b *builder) {
	cfnCommon(b, "Name")
	b.copy("protocolType", "ProtocolType", nonEmptyString)
	b.copy("disableExecuteApiEndpoint", "DisableExecuteApiEndpoint", asBool)
	b.doc["stages"] = []any{}
	b.doc["routes"] = []any{}
	// Quick create: RouteKey and Target make a route without authorization.
	if rk, known, _ := b.r.get("RouteKey"); known && rk != nil {
		b.appendTo("routes", map[string]any{"routeKey": rk, "authorizationType": "NONE"})
	}
}

func cfnAPIV2Stage(p *builder, c *iacResource) {
	st := childObj(p, "stages", c, map[string]func(any) (any, bool){"autoDeploy": asBool, "defaultRouteSettings.detailedMetricsEnabled": asBool},
		"stageName", "StageName", "autoDeploy", "AutoDeploy",
		"accessLogSettings.destinationArn", "AccessLogSettings.DestinationArn", "accessLogSettings.format", "AccessLogSettings.Format",
		"defaultRouteSettings.loggingLevel", "DefaultRouteSettings.LoggingLevel",
		"defaultRouteSettings.detailedMetricsEnabled", "DefaultRouteSettings.DetailedMetricsEnabled",
		"defaultRouteSettings.throttlingBurstLimit", "DefaultRouteSettings.ThrottlingBurstLimit",
		"defaultRouteSettings.throttlingRateLimit", "DefaultRouteSettings.ThrottlingRateLimit")
	p.appendTo("stages", st)
}

func cfnAPIV2Route(p *builder, c *iacResource) {
	rt := childObj(p, "routes", c, nil, "routeKey", "RouteKey", "authorizationType", "AuthorizationType", "authorizerId", "AuthorizerId")
	if _, ok := rt["authorizationType"]; !ok {
		if _, unk := p.unknown["routes"]; !unk {
			rt["authorizationType"] = "NONE" // the reference's default
		}
	}
	p.appendTo("routes", rt)
}

func cfnSecret(b *builder) {
	cfnCommon(b, "Name")
	b.copy("description", "Description", nil)
	b.copy("kmsKeyId", "KmsKeyId", nonEmptyString)
	notInPlan(b, "createdDate", "lastAccessedDate", "lastRotatedDate", "lastChangedDate")
}

// cfnSecretRotation adds an AWS::SecretsManager::RotationSchedule.
func cfnSecretRotation(p *builder, c *iacResource) {
	p.set("rotationEnabled", true)
	if _, hosted := c.vals["HostedRotationLambda"]; hosted {
		p.markUnknown("rotationLambdaArn", c.addr+".HostedRotationLambda (a function the stack creates)")
	} else {
		p.copyFrom(c, "rotationLambdaArn", "RotationLambdaARN", nil)
	}
	p.copyFrom(c, "rotationRules.automaticallyAfterDays", "RotationRules.AutomaticallyAfterDays", asNumber)
	p.copyFrom(c, "rotationRules.scheduleExpression", "RotationRules.ScheduleExpression", nonEmptyString)
	p.copyFrom(c, "rotationRules.duration", "RotationRules.Duration", nonEmptyString)
}

func cfnSecretPolicy(p *builder, c *iacResource) {
	p.copyFrom(c, "policy", "ResourcePolicy", policyDoc)
}

func cfnAutoScalingGroup(b *builder) {
	cfnCommon(b, "AutoScalingGroupName")
	b.copy("autoScalingGroupName", "AutoScalingGroupName", nil)
	for _, f := range [][2]string{{"minSize", "MinSize"}, {"maxSize", "MaxSize"}, {"desiredCapacity", "DesiredCapacity"},
		{"healthCheckGracePeriod", "HealthCheckGracePeriod"}} {
		b.copy(f[0], f[1], asNumber)
	}
	b.fields("loadBalancerNames", "LoadBalancerNames", "targetGroupARNs", "TargetGroupARNs", "launchConfigurationName", "LaunchConfigurationName",
		"launchTemplate.launchTemplateId", "LaunchTemplate.LaunchTemplateId", "launchTemplate.launchTemplateName", "LaunchTemplate.LaunchTemplateName",
		"launchTemplate.version", "LaunchTemplate.Version")
	// HealthCheckType: "The default value is EC2."
	cfnOr(b, "healthCheckType", "HealthCheckType", nonEmptyString, "EC2")
	if !b.copy("availabilityZones", "AvailabilityZones", nil) {
		if _, known, _ := b.r.get("AvailabilityZones"); known {
			b.markUnknown("availabilityZones", "the zones of the VPCZoneIdentifier subnets")
		}
	}
	if v, known, refs := b.r.get("VPCZoneIdentifier"); !known {
		b.markUnknown("vpcZoneIdentifier", refs...)
	} else if ids := list(v); len(ids) > 0 {
		out, prefs, unresolved := placeholders(lookupRaw(b.r.vals, "VPCZoneIdentifier"))
		var ss []string
		for _, e := range list(out) {
			if s, ok := e.(string); ok {
				ss = append(ss, s)
			}
		}
		if unresolved != nil {
			b.markUnknown("vpcZoneIdentifier", refsOr(unresolved, b.r, "VPCZoneIdentifier")...)
		} else {
			b.set("vpcZoneIdentifier", strings.Join(ss, ","))
			if len(prefs) > 0 {
				b.refd["vpcZoneIdentifier"] = prefs
			}
		}
	}
	const mip = "MixedInstancesPolicy.LaunchTemplate."
	if v, _, _ := b.r.get("MixedInstancesPolicy"); v != nil {
		b.fields("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId", mip+"LaunchTemplateSpecification.LaunchTemplateId",
			"mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateName", mip+"LaunchTemplateSpecification.LaunchTemplateName",
			"mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.version", mip+"LaunchTemplateSpecification.Version")
		if ov, known, refs := b.r.get(mip + "Overrides"); !known {
			b.markUnknown("mixedInstancesPolicy.launchTemplate.overrides", refs...)
		} else {
			out := []any{}
			for i := range list(ov) {
				at := mip + "Overrides." + itoa(i) + "."
				out = append(out, childObj(b, "mixedInstancesPolicy.launchTemplate.overrides", b.r, nil,
					"instanceType", at+"InstanceType", "weightedCapacity", at+"WeightedCapacity"))
			}
			b.set("mixedInstancesPolicy.launchTemplate.overrides", out)
		}
		if d, ok := lookupRaw(b.r.vals, "MixedInstancesPolicy.InstancesDistribution").(map[string]any); ok {
			b.set("mixedInstancesPolicy.instancesDistribution", dropUnknown(deepCopy(d)))
		}
	}
	if _, ok := b.doc["launchConfigurationName"]; ok || b.unknown["launchConfigurationName"] != nil {
		// Embedded when the template has it (typeMap.embeds).
		b.markUnknown("launchConfiguration", "the launch configuration LaunchConfigurationName names")
	}
	notInPlan(b, "instances")
}

// cfnLaunchConfiguration builds the document of an
// AWS::AutoScaling::LaunchConfiguration, embedded into the groups that use
// it.
func cfnLaunchConfiguration(b *builder) {
	b.fields("launchConfigurationName", "LaunchConfigurationName", "imageId", "ImageId", "instanceType", "InstanceType",
		"securityGroups", "SecurityGroups")
	b.copy("associatePublicIpAddress", "AssociatePublicIpAddress", asBool)
	cfnMetadataOptions(b, "metadataOptions", "MetadataOptions")
}

func cfnMetadataOptions(b *builder, to, from string) {
	v, known, refs := b.r.get(from)
	if !known {
		b.markUnknown(to, refs...)
		return
	}
	if v == nil {
		b.markUnknown(to, "the AMI's and account's instance metadata defaults"+computedSuffix)
		return
	}
	b.fields(to+".httpTokens", from+".HttpTokens", to+".httpEndpoint", from+".HttpEndpoint",
		to+".instanceMetadataTags", from+".InstanceMetadataTags")
	b.copy(to+".httpPutResponseHopLimit", from+".HttpPutResponseHopLimit", asNumber)
}

func cfnLaunchTemplate(b *builder) {
	cfnCommon(b, "LaunchTemplateName")
	b.copy("launchTemplateName", "LaunchTemplateName", nil)
	const d = "LaunchTemplateData."
	b.fields("launchTemplateData.imageId", d+"ImageId", "launchTemplateData.instanceType", d+"InstanceType",
		"launchTemplateData.keyName", d+"KeyName", "launchTemplateData.securityGroupIds", d+"SecurityGroupIds")
	cfnMetadataOptions(b, "launchTemplateData.metadataOptions", d+"MetadataOptions")
	conv := map[string]func(any) (any, bool){"associatePublicIpAddress": asBool, "deviceIndex": asNumber,
		"ebs.encrypted": asBool, "ebs.volumeSize": asNumber, "ebs.deleteOnTermination": asBool}
	if v, known, refs := b.r.get(d + "NetworkInterfaces"); !known {
		b.markUnknown("launchTemplateData.networkInterfaces", refs...)
	} else if nis := list(v); len(nis) > 0 {
		var out []any
		for i := range nis {
			at := d + "NetworkInterfaces." + itoa(i) + "."
			out = append(out, childObj(b, "launchTemplateData.networkInterfaces", b.r, conv,
				"deviceIndex", at+"DeviceIndex", "subnetId", at+"SubnetId", "associatePublicIpAddress", at+"AssociatePublicIpAddress",
				"groups", at+"Groups"))
		}
		b.set("launchTemplateData.networkInterfaces", out)
	}
	if v, known, refs := b.r.get(d + "BlockDeviceMappings"); !known {
		b.markUnknown("launchTemplateData.blockDeviceMappings", refs...)
	} else if bdms := list(v); len(bdms) > 0 {
		var out []any
		for i, e := range bdms {
			at := d + "BlockDeviceMappings." + itoa(i) + "."
			o := childObj(b, "launchTemplateData.blockDeviceMappings", b.r, conv,
				"deviceName", at+"DeviceName", "ebs.encrypted", at+"Ebs.Encrypted", "ebs.kmsKeyId", at+"Ebs.KmsKeyId",
				"ebs.volumeSize", at+"Ebs.VolumeSize", "ebs.volumeType", at+"Ebs.VolumeType", "ebs.deleteOnTermination", at+"Ebs.DeleteOnTermination")
			if m, _ := e.(map[string]any); m != nil && m["Ebs"] != nil {
				if ebs, _ := o["ebs"].(map[string]any); ebs == nil || ebs["encrypted"] == nil {
					// Not set: the snapshot's and the account's default
					// encryption decide.
					b.markUnknown("launchTemplateData.blockDeviceMappings", "the account's EBS encryption by default"+computedSuffix)
				}
			}
			out = append(out, o)
		}
		b.set("launchTemplateData.blockDeviceMappings", out)
	}
}
