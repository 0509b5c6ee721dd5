package inventory

// This file converts the AWS Config resource types of the service entity
// types (containers, Kubernetes, search domains, APIs, secrets, Auto
// Scaling, launch templates, RDS clusters and snapshots). Config records
// most of them through their CloudFormation schema (PascalCase names:
// RepositoryName, ClusterSettings), some through the service's API
// (camelCase: autoScalingGroupName), and a few with names of their own
// (vpcoptions, tlssecurityPolicy); the f* helpers below therefore look
// names up without regard to case. AWSCONFIG.md lists, per type, what
// Config records and what it does not (left out, never guessed).

import (
	"strings"
)

// fval returns the value at path in m, each name matched without regard
// to case (an exact match first, else the least of the names that match,
// so that the result does not depend on map order); nil when missing.
func fval(m jmap, path ...string) any {
	var v any = m
	for _, p := range path {
		mm, ok := v.(jmap)
		if !ok {
			return nil
		}
		x, ok := mm[p]
		if !ok {
			best := ""
			for k, e := range mm {
				if strings.EqualFold(k, p) && (!ok || k < best) {
					x, best, ok = e, k, true
				}
			}
		}
		if !ok {
			return nil
		}
		v = x
	}
	return v
}

func fstr(m jmap, path ...string) string { s, _ := fval(m, path...).(string); return s }
func fstrv(m jmap, path ...string) any   { return orNil(fstr(m, path...), "") }
func fbool(m jmap, path ...string) any   { return boolOf(fval(m, path...)) }
func fnum(m jmap, path ...string) any    { return numOf(fval(m, path...)) }
func ftime(m jmap, path ...string) any   { return timeOf(fval(m, path...)) }
func flist(m jmap, path ...string) []any { l, _ := fval(m, path...).([]any); return l }
func fobj(m jmap, path ...string) jmap   { o, _ := decodeNested(fval(m, path...)).(jmap); return o }
func fstrs(m jmap, path ...string) any   { return stringListOf(fval(m, path...)) }

// fpolicy is the policy document at path, nil when there is none (Config
// writes {} or "" for a resource without a policy).
func fpolicy(m jmap, path ...string) any {
	v := fval(m, path...)
	d, ok := policyDocument(v)
	if s, isStr := v.(string); !ok && isStr && strings.Contains(s, `\"`) {
		// API Gateway returns its policy with its quotes escaped once more.
		s = strings.ReplaceAll(s, `\"`, `"`)
		d, ok = policyDocument(strings.ReplaceAll(s, `\\`, `\`))
	}
	if m, isMap := d.(jmap); !ok || (isMap && len(m) == 0) {
		return nil
	}
	return d
}

// creationTime is the time Config recorded the resource was created
// (resourceCreationTime), for types whose configuration lacks it.
func creationTime(it *configItem) any { return orNil(it.creationTime, "") }

// nameOr is the first non-empty name among keys of c, else the item's
// resource name, else its resource id.
func nameOr(it *configItem, c jmap, keys ...string) string {
	for _, k := range keys {
		if s := fstr(c, k); s != "" {
			return s
		}
	}
	if it.name != "" {
		return it.name
	}
	return it.id
}

// --- RDS clusters and snapshots ---

func convertRDSCluster(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	id := nameOr(it, c, "dbClusterIdentifier")
	o := envelope("RDSCluster", it, id, id)
	o.set("dbClusterIdentifier", id).set("engine", fstrv(c, "engine")).set("engineVersion", fstrv(c, "engineVersion")).
		set("engineMode", fstrv(c, "engineMode")).set("status", fstrv(c, "status")).set("masterUsername", fstrv(c, "masterUsername")).
		set("port", fnum(c, "port")).set("storageEncrypted", fbool(c, "storageEncrypted")).set("kmsKeyId", fstrv(c, "kmsKeyId")).
		set("multiAZ", fbool(c, "multiAZ")).set("availabilityZones", fstrs(c, "availabilityZones")).
		set("deletionProtection", fbool(c, "deletionProtection")).
		set("iamDatabaseAuthenticationEnabled", fbool(c, "iamDatabaseAuthenticationEnabled")).
		set("copyTagsToSnapshot", fbool(c, "copyTagsToSnapshot")).set("backupRetentionPeriod", fnum(c, "backupRetentionPeriod")).
		set("backtrackWindow", fnum(c, "backtrackWindow")).set("autoMinorVersionUpgrade", fbool(c, "autoMinorVersionUpgrade")).
		set("enabledCloudwatchLogsExports", fstrs(c, "enabledCloudwatchLogsExports")).
		set("publiclyAccessible", fbool(c, "publiclyAccessible"))
	if l := fval(c, "dbClusterMembers"); l != nil {
		members := []any{}
		for _, m := range flist(c, "dbClusterMembers") {
			mm := asMap(m)
			members = append(members, newObj().set("dbInstanceIdentifier", fstrv(mm, "dbInstanceIdentifier")).
				set("isClusterWriter", fbool(mm, "isClusterWriter")))
		}
		o.set("members", members)
	}
	return o, nil
}

// convertRDSSnapshot builds an RDSSnapshot from a DB snapshot or DB
// cluster snapshot item. restoreAccountIds are the values of the restore
// attribute (supplementary DBSnapshotAttributes or
// DBClusterSnapshotAttributes); isPublic is whether they hold "all".
func convertRDSSnapshot(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	cluster := it.resourceType == "AWS::RDS::DBClusterSnapshot"
	idKey, srcKey, attrKey := "dbSnapshotIdentifier", "dbInstanceIdentifier", "DBSnapshotAttributes"
	if cluster {
		idKey, srcKey, attrKey = "dbClusterSnapshotIdentifier", "dbClusterIdentifier", "DBClusterSnapshotAttributes"
	}
	id := nameOr(it, c, idKey)
	o := envelope("RDSSnapshot", it, id, id)
	o.set("snapshotIdentifier", id).set("isClusterSnapshot", cluster).set("snapshotType", fstrv(c, "snapshotType")).
		set("engine", fstrv(c, "engine")).set("sourceIdentifier", fstrv(c, srcKey))
	enc := fbool(c, "encrypted")
	if enc == nil {
		enc = fbool(c, "storageEncrypted")
	}
	o.set("encrypted", enc).set("kmsKeyId", fstrv(c, "kmsKeyId")).set("snapshotCreateTime", ftime(c, "snapshotCreateTime"))
	for _, a := range flist(it.supp, attrKey) {
		am := asMap(a)
		if fstr(am, "attributeName") != "restore" {
			continue
		}
		ids := stringListOf(fval(am, "attributeValues"))
		if ids == nil {
			ids = []string{}
		}
		public := false
		for _, s := range ids.([]string) {
			public = public || s == "all"
		}
		o.set("restoreAccountIds", ids).set("isPublic", public)
	}
	return o, nil
}

// --- Containers ---

// convertEcrRepository builds an EcrRepository. registryScanningRules
// (GetRegistryScanningConfiguration) are not recorded by Config.
func convertEcrRepository(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	name := nameOr(it, c, "RepositoryName")
	o := envelope("EcrRepository", it, name, name)
	o.set("repositoryName", name).set("repositoryUri", fstrv(c, "RepositoryUri"))
	registry := fstr(c, "LifecyclePolicy", "RegistryId")
	if registry == "" {
		registry = fstr(c, "RegistryId")
	}
	if registry == "" {
		registry = it.account
	}
	o.set("registryId", orNil(registry, "")).set("createdAt", ftime(c, "CreatedAt"))
	if o.get("createdAt") == nil {
		o.set("createdAt", creationTime(it))
	}
	o.set("imageTagMutability", fstrv(c, "ImageTagMutability"))
	if sc := fobj(c, "ImageScanningConfiguration"); sc != nil {
		o.set("imageScanningConfiguration", newObj().set("scanOnPush", fbool(sc, "ScanOnPush")))
	}
	if ec := fobj(c, "EncryptionConfiguration"); len(ec) > 0 {
		o.set("encryptionConfiguration", newObj().set("encryptionType", fstrv(ec, "EncryptionType")).set("kmsKey", fstrv(ec, "KmsKey")))
	}
	if lp, ok := decodeNested(fval(c, "LifecyclePolicy", "LifecyclePolicyText")).(jmap); ok && len(lp) > 0 {
		o.set("lifecyclePolicy", lp)
	}
	o.set("policy", fpolicy(c, "RepositoryPolicyText"))
	return o, nil
}

// convertEcsCluster builds an EcsCluster, with the documents of its
// services when the input holds AWS::ECS::Service items. The counts of
// instances, tasks and services and the container instances are runtime
// state that Config does not record.
func convertEcsCluster(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	name := nameOr(it, c, "ClusterName")
	o := envelope("EcsCluster", it, name, name)
	o.set("clusterName", name).set("status", fstrv(c, "Status"))
	if l := fval(c, "ClusterSettings"); l != nil {
		settings := []any{}
		for _, s := range flist(c, "ClusterSettings") {
			sm := asMap(s)
			settings = append(settings, newObj().set("name", fstrv(sm, "Name")).set("value", fstrv(sm, "Value")))
		}
		o.set("settings", settings)
	}
	o.set("capacityProviders", fstrs(c, "CapacityProviders"))
	if x.recorded("AWS::ECS::Service") {
		arn := fstr(c, "Arn")
		if arn == "" {
			arn = it.arn
		}
		services := []any{}
		for _, s := range x.ecsServices[arn] {
			services = append(services, x.ecsServiceDoc(x.full(s)))
		}
		for _, s := range x.ecsServices[name] {
			services = append(services, x.ecsServiceDoc(x.full(s)))
		}
		o.set("services", services)
	}
	return o, nil
}

func indexEcsService(x *configIndex, it *configItem) {
	cluster := strings.Clone(fstr(it.conf, "Cluster")) // the key must not hold the decoded item
	x.ecsServices[cluster] = replaceOrAppend(x.ecsServices[cluster], it.stored, func(e *storedItem) bool { return e.id == it.id })
}

func convertEcsService(it *configItem, x *configIndex) (*obj, error) {
	return x.ecsServiceDoc(it), nil
}

// ecsServiceDoc builds an EcsService. inboundRules are the union of its
// security groups' rules (left out when one of them is missing). Its
// status and running count are runtime state Config does not record.
func (x *configIndex) ecsServiceDoc(it *configItem) *obj {
	c := it.conf
	name := nameOr(it, c, "ServiceName")
	o := envelope("EcsService", it, name, name)
	o.set("serviceName", name).set("clusterArn", fstrv(c, "Cluster")).set("status", fstrv(c, "Status")).
		set("launchType", fstrv(c, "LaunchType")).set("platformVersion", fstrv(c, "PlatformVersion")).
		set("platformFamily", fstrv(c, "PlatformFamily")).set("taskDefinition", fstrv(c, "TaskDefinition")).
		set("desiredCount", fnum(c, "DesiredCount")).set("runningCount", fnum(c, "RunningCount"))
	if vc := fobj(c, "NetworkConfiguration", "AwsvpcConfiguration"); vc != nil {
		o.set("networkConfiguration", newObj().set("awsvpcConfiguration", newObj().set("subnets", fstrs(vc, "Subnets")).
			set("securityGroups", fstrs(vc, "SecurityGroups")).set("assignPublicIp", fstrv(vc, "AssignPublicIp"))))
		probe := newObj()
		x.groupsDocs(probe, idsOf(flist(vc, "SecurityGroups"), ""))
		o.set("inboundRules", probe.get("inboundRules"))
	}
	return o
}

// convertEcsTaskDefinition builds an EcsTaskDefinition from one revision's
// item (Config records each revision; status tells the inactive ones).
func convertEcsTaskDefinition(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	family := nameOr(it, c, "Family")
	o := envelope("EcsTaskDefinition", it, family, family)
	rev := fnum(c, "Revision")
	if arn := fstr(c, "TaskDefinitionArn"); rev == nil && arn != "" {
		rev = numOf(arn[strings.LastIndexByte(arn, ':')+1:])
	}
	o.set("family", family).set("revision", rev).set("status", fstrv(c, "Status")).set("networkMode", fstrv(c, "NetworkMode")).
		set("pidMode", fstrv(c, "PidMode")).set("ipcMode", fstrv(c, "IpcMode")).
		set("requiresCompatibilities", fstrs(c, "RequiresCompatibilities")).
		set("taskRoleArn", fstrv(c, "TaskRoleArn")).set("executionRoleArn", fstrv(c, "ExecutionRoleArn"))
	if fval(c, "ContainerDefinitions") != nil {
		defs := []any{}
		for _, d := range flist(c, "ContainerDefinitions") {
			dm := asMap(d)
			cd := newObj().set("name", fstrv(dm, "Name")).set("image", fstrv(dm, "Image")).set("essential", fbool(dm, "Essential")).
				set("privileged", fbool(dm, "Privileged")).set("user", fstrv(dm, "User")).
				set("readonlyRootFilesystem", fbool(dm, "ReadonlyRootFilesystem"))
			env := []any{}
			for _, e := range flist(dm, "Environment") {
				env = append(env, newObj().set("name", fstrv(asMap(e), "Name")).set("value", fstrv(asMap(e), "Value")))
			}
			secrets := []any{}
			for _, e := range flist(dm, "Secrets") {
				secrets = append(secrets, newObj().set("name", fstrv(asMap(e), "Name")).set("valueFrom", fstrv(asMap(e), "ValueFrom")))
			}
			cd.set("environment", env).set("secrets", secrets)
			if lc := fobj(dm, "LogConfiguration"); lc != nil {
				l := newObj().set("logDriver", fstrv(lc, "LogDriver"))
				if opts := fobj(lc, "Options"); opts != nil {
					l.set("options", opts)
				}
				cd.set("logConfiguration", l)
			}
			defs = append(defs, cd)
		}
		o.set("containerDefinitions", defs)
	}
	return o, nil
}

// convertEKSCluster builds an EKSCluster. Config records the cluster's
// CloudFormation properties: status and the platform version are not
// among them unless the item has them.
func convertEKSCluster(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	name := nameOr(it, c, "Name")
	o := envelope("EKSCluster", it, name, name)
	o.set("version", fstrv(c, "Version")).set("platformVersion", fstrv(c, "PlatformVersion")).set("status", fstrv(c, "Status")).
		set("endpoint", fstrv(c, "Endpoint")).set("roleArn", fstrv(c, "RoleArn"))
	if vc := fobj(c, "ResourcesVpcConfig"); vc != nil {
		v := newObj().set("vpcId", fstrv(vc, "VpcId")).set("subnetIds", fstrs(vc, "SubnetIds")).
			set("securityGroupIds", fstrs(vc, "SecurityGroupIds")).set("clusterSecurityGroupId", fstrv(vc, "ClusterSecurityGroupId"))
		if v.get("clusterSecurityGroupId") == nil {
			v.set("clusterSecurityGroupId", fstrv(c, "ClusterSecurityGroupId"))
		}
		v.set("endpointPublicAccess", fbool(vc, "EndpointPublicAccess")).set("endpointPrivateAccess", fbool(vc, "EndpointPrivateAccess")).
			set("publicAccessCidrs", fstrs(vc, "PublicAccessCidrs"))
		o.set("resourcesVpcConfig", v)
	}
	if fval(c, "EncryptionConfig") != nil {
		enc := []any{}
		for _, e := range flist(c, "EncryptionConfig") {
			em := asMap(e)
			ec := newObj().set("resources", fstrs(em, "Resources"))
			if k := fstr(em, "Provider", "KeyArn"); k != "" {
				ec.set("provider", newObj().set("keyArn", k))
			}
			enc = append(enc, ec)
		}
		o.set("encryptionConfig", enc)
	}
	if lg := fobj(c, "Logging"); lg != nil {
		cl := fval(lg, "ClusterLogging")
		var groups []any
		switch t := cl.(type) {
		case []any: // the API's form: [{types, enabled}]
			for _, g := range t {
				gm := asMap(g)
				groups = append(groups, newObj().set("types", fstrs(gm, "Types")).set("enabled", fbool(gm, "Enabled")))
			}
		case jmap: // CloudFormation's form: {EnabledTypes: [{Type}]}, the enabled ones only
			types := []string{}
			for _, e := range flist(t, "EnabledTypes") {
				if s := fstr(asMap(e), "Type"); s != "" {
					types = append(types, s)
				}
			}
			groups = append(groups, newObj().set("types", types).set("enabled", true))
		}
		if groups == nil {
			groups = []any{}
		}
		o.set("logging", newObj().set("clusterLogging", groups))
	}
	return o, nil
}

// --- Search domains ---

// convertSearchDomain builds an ElasticSearchDomain from an
// AWS::Elasticsearch::Domain item (the API's names, elasticsearchVersion)
// or an AWS::OpenSearch::Domain item (CloudFormation's names).
func convertSearchDomain(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	name := nameOr(it, c, "DomainName")
	o := envelope("ElasticSearchDomain", it, name, name)
	o.set("domainName", name)
	id := fstr(c, "DomainId")
	if id == "" {
		id = fstr(c, "Id")
	}
	o.set("domainId", orNil(id, ""))
	version := fstr(c, "EngineVersion")
	if v := fstr(c, "ElasticsearchVersion"); version == "" && v != "" {
		version = "Elasticsearch_" + v
	}
	o.set("engineVersion", orNil(version, ""))
	o.set("endpoint", fstrv(c, "Endpoint"))
	if o.get("endpoint") == nil {
		o.set("endpoint", fstrv(c, "DomainEndpoint"))
	}
	for _, k := range []string{"Endpoints", "DomainEndpoints"} {
		if e := fobj(c, k); len(e) > 0 {
			o.set("endpoints", e)
		}
	}
	if vc := fobj(c, "VPCOptions"); len(vc) > 0 {
		o.set("vpcOptions", newObj().set("vpcId", fstrv(vc, "VpcId")).set("subnetIds", fstrs(vc, "SubnetIds")).
			set("securityGroupIds", fstrs(vc, "SecurityGroupIds")).set("availabilityZones", fstrs(vc, "AvailabilityZones")))
	}
	cc := fobj(c, "ClusterConfig")
	if cc == nil {
		cc = fobj(c, "ElasticsearchClusterConfig")
	}
	if cc != nil {
		cl := newObj().set("instanceType", fstrv(cc, "InstanceType")).set("instanceCount", fnum(cc, "InstanceCount")).
			set("dedicatedMasterEnabled", fbool(cc, "DedicatedMasterEnabled")).set("dedicatedMasterCount", fnum(cc, "DedicatedMasterCount")).
			set("dedicatedMasterType", fstrv(cc, "DedicatedMasterType")).set("zoneAwarenessEnabled", fbool(cc, "ZoneAwarenessEnabled"))
		if n := fnum(cc, "ZoneAwarenessConfig", "AvailabilityZoneCount"); n != nil {
			cl.set("zoneAwarenessConfig", newObj().set("availabilityZoneCount", n))
		}
		o.set("clusterConfig", cl)
	}
	if e := fobj(c, "EncryptionAtRestOptions"); e != nil {
		o.set("encryptionAtRestOptions", newObj().set("enabled", fbool(e, "Enabled")).set("kmsKeyId", fstrv(e, "KmsKeyId")))
	}
	if e := fobj(c, "NodeToNodeEncryptionOptions"); e != nil {
		o.set("nodeToNodeEncryptionOptions", newObj().set("enabled", fbool(e, "Enabled")))
	}
	if e := fobj(c, "DomainEndpointOptions"); e != nil {
		o.set("domainEndpointOptions", newObj().set("enforceHTTPS", fbool(e, "EnforceHTTPS")).
			set("tlsSecurityPolicy", fstrv(e, "TLSSecurityPolicy")).set("customEndpointEnabled", fbool(e, "CustomEndpointEnabled")))
	}
	if e := fobj(c, "AdvancedSecurityOptions"); e != nil {
		o.set("advancedSecurityOptions", newObj().set("enabled", fbool(e, "Enabled")).
			set("internalUserDatabaseEnabled", fbool(e, "InternalUserDatabaseEnabled")).set("anonymousAuthEnabled", fbool(e, "AnonymousAuthEnabled")))
	}
	if lp := fobj(c, "LogPublishingOptions"); lp != nil {
		logs := newObj()
		for _, k := range sortedKeys(lp) {
			lm := asMap(lp[k])
			logs.set(k, newObj().set("enabled", fbool(lm, "Enabled")).set("cloudWatchLogsLogGroupArn", fstrv(lm, "CloudWatchLogsLogGroupArn")))
		}
		o.set("logPublishingOptions", logs)
	}
	if s := fobj(c, "ServiceSoftwareOptions"); s != nil {
		o.set("serviceSoftwareOptions", newObj().set("currentVersion", fstrv(s, "CurrentVersion")).set("newVersion", fstrv(s, "NewVersion")).
			set("updateAvailable", fbool(s, "UpdateAvailable")).set("updateStatus", fstrv(s, "UpdateStatus")))
	}
	o.set("accessPolicies", fpolicy(c, "AccessPolicies"))
	return o, nil
}

// --- APIs ---

// apiOfStage is the ARN of the API a stage item belongs to: its own ARN
// up to /stages/.
func apiOfStage(it *configItem) string {
	arn := it.arn
	if arn == "" {
		arn = it.id
	}
	if i := strings.Index(arn, "/stages/"); i >= 0 {
		return arn[:i]
	}
	for _, r := range it.relationships {
		if strings.HasPrefix(r.ResourceType, "AWS::ApiGateway") {
			return strings.Clone(r.ResourceID)
		}
	}
	return ""
}

func indexAPIStage(x *configIndex, it *configItem) {
	api := apiOfStage(it)
	x.apiStages[api] = replaceOrAppend(x.apiStages[api], it.stored, func(e *storedItem) bool { return e.id == it.id })
}

// apiID is the id of an API from its item: the configuration's id, else
// the last element of its ARN.
func apiID(it *configItem, c jmap, key string) string {
	if s := fstr(c, key); s != "" {
		return s
	}
	arn := it.arn
	if arn == "" {
		arn = it.id
	}
	return arn[strings.LastIndexByte(arn, '/')+1:]
}

// convertRestAPI builds an ApiGateway, with its stages when the input
// holds AWS::ApiGateway::Stage items.
func convertRestAPI(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	id := apiID(it, c, "id")
	o := envelope("ApiGateway", it, id, nameOr(it, c, "name"))
	o.set("apiId", id).set("description", fstrv(c, "description")).set("createdDate", ftime(c, "createdDate"))
	if ec := fobj(c, "endpointConfiguration"); ec != nil {
		o.set("endpointConfiguration", newObj().set("types", fstrs(ec, "types")))
	}
	o.set("policy", fpolicy(c, "policy"))
	if x.recorded("AWS::ApiGateway::Stage") {
		stages := []any{}
		for _, s := range x.apiStages[firstNonEmpty(it.arn, it.id)] {
			sc := x.full(s).conf
			st := newObj().set("stageName", fstrv(sc, "stageName")).set("deploymentId", fstrv(sc, "deploymentId")).
				set("createdDate", ftime(sc, "createdDate")).set("tracingEnabled", fbool(sc, "tracingEnabled")).
				set("clientCertificateId", fstrv(sc, "clientCertificateId")).set("webAclArn", fstrv(sc, "webAclArn")).
				set("cacheClusterEnabled", fbool(sc, "cacheClusterEnabled")).set("cacheClusterSize", fstrv(sc, "cacheClusterSize"))
			if ms := fobj(sc, "methodSettings"); ms != nil {
				settings := []any{}
				for _, path := range sortedKeys(ms) {
					m := asMap(ms[path])
					settings = append(settings, newObj().set("methodPath", path).set("loggingLevel", fstrv(m, "loggingLevel")).
						set("dataTraceEnabled", fbool(m, "dataTraceEnabled")).set("metricsEnabled", fbool(m, "metricsEnabled")).
						set("cachingEnabled", fbool(m, "cachingEnabled")).set("cacheDataEncrypted", fbool(m, "cacheDataEncrypted")).
						set("throttlingBurstLimit", fnum(m, "throttlingBurstLimit")).set("throttlingRateLimit", fnum(m, "throttlingRateLimit")))
				}
				st.set("methodSettings", settings)
			}
			st.set("accessLogSettings", accessLogSettings(sc))
			stages = append(stages, st)
		}
		o.set("stages", stages)
	}
	return o, nil
}

// accessLogSettings is a stage's access logging, nil when off.
func accessLogSettings(sc jmap) any {
	al := fobj(sc, "accessLogSettings")
	if fstr(al, "destinationArn") == "" {
		return nil
	}
	return newObj().set("destinationArn", fstrv(al, "destinationArn")).set("format", fstrv(al, "format"))
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// convertHTTPAPI builds an ApiGatewayV2, with its stages when the input
// holds AWS::ApiGatewayV2::Stage items. Config records no routes.
func convertHTTPAPI(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	id := apiID(it, c, "apiId")
	o := envelope("ApiGatewayV2", it, id, nameOr(it, c, "name"))
	o.set("apiId", id).set("protocolType", fstrv(c, "protocolType")).set("apiEndpoint", fstrv(c, "apiEndpoint")).
		set("disableExecuteApiEndpoint", fbool(c, "disableExecuteApiEndpoint"))
	if x.recorded("AWS::ApiGatewayV2::Stage") {
		stages := []any{}
		for _, s := range x.apiStages[firstNonEmpty(it.arn, it.id)] {
			sc := x.full(s).conf
			st := newObj().set("stageName", fstrv(sc, "stageName")).set("autoDeploy", fbool(sc, "autoDeploy")).
				set("accessLogSettings", accessLogSettings(sc))
			if d := fobj(sc, "defaultRouteSettings"); d != nil {
				st.set("defaultRouteSettings", newObj().set("loggingLevel", fstrv(d, "loggingLevel")).
					set("detailedMetricsEnabled", fbool(d, "detailedMetricsEnabled")).
					set("throttlingBurstLimit", fnum(d, "throttlingBurstLimit")).set("throttlingRateLimit", fnum(d, "throttlingRateLimit")))
			}
			stages = append(stages, st)
		}
		o.set("stages", stages)
	}
	return o, nil
}

// --- Secrets ---

// convertSecret builds a SecretsManagerSecret from the secret's metadata
// as DescribeSecret names it (Config never records the value).
func convertSecret(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	name := nameOr(it, c, "Name")
	o := envelope("SecretsManagerSecret", it, name, name)
	o.set("description", fstrv(c, "Description")).set("kmsKeyId", fstrv(c, "KmsKeyId")).
		set("rotationEnabled", fbool(c, "RotationEnabled")).set("rotationLambdaArn", fstrv(c, "RotationLambdaARN"))
	if rr := fobj(c, "RotationRules"); rr != nil {
		o.set("rotationRules", newObj().set("automaticallyAfterDays", fnum(rr, "AutomaticallyAfterDays")).
			set("scheduleExpression", fstrv(rr, "ScheduleExpression")).set("duration", fstrv(rr, "Duration")))
	}
	o.set("createdDate", ftime(c, "CreatedDate"))
	if o.get("createdDate") == nil {
		o.set("createdDate", creationTime(it))
	}
	o.set("lastChangedDate", ftime(c, "LastChangedDate")).set("lastRotatedDate", ftime(c, "LastRotatedDate")).
		set("nextRotationDate", ftime(c, "NextRotationDate")).set("lastAccessedDate", ftime(c, "LastAccessedDate")).
		set("primaryRegion", fstrv(c, "PrimaryRegion")).set("owningService", fstrv(c, "OwningService"))
	p := fpolicy(it.supp, "ResourcePolicy")
	if p == nil {
		p = fpolicy(c, "ResourcePolicy")
	}
	o.set("policy", p)
	return o, nil
}

// --- Auto Scaling and launch templates ---

func indexLaunchConfiguration(x *configIndex, it *configItem) {
	x.launchConfigs[strings.Clone(nameOr(it, it.conf, "launchConfigurationName"))] = it.stored
}

// launchConfigurationDoc is the LaunchConfiguration object of an item.
func launchConfigurationDoc(it *configItem) *obj {
	c := it.conf
	o := newObj().set("launchConfigurationName", nameOr(it, c, "launchConfigurationName")).
		set("launchConfigurationARN", firstOrNil(c, "launchConfigurationARN")).set("imageId", fstrv(c, "imageId")).
		set("instanceType", fstrv(c, "instanceType")).set("associatePublicIpAddress", fbool(c, "associatePublicIpAddress"))
	if o.get("launchConfigurationARN") == nil && it.arn != "" {
		o.set("launchConfigurationARN", it.arn)
	}
	if mo := fobj(c, "metadataOptions"); mo != nil {
		o.set("metadataOptions", metadataOptions(mo))
	}
	return o.set("securityGroups", fstrs(c, "securityGroups")).set("createdTime", ftime(c, "createdTime"))
}

func metadataOptions(mo jmap) *obj {
	return newObj().set("httpTokens", fstrv(mo, "HttpTokens")).set("httpEndpoint", fstrv(mo, "HttpEndpoint")).
		set("httpPutResponseHopLimit", fnum(mo, "HttpPutResponseHopLimit")).set("instanceMetadataTags", fstrv(mo, "InstanceMetadataTags"))
}

func launchTemplateSpec(m jmap) *obj {
	if m == nil {
		return nil
	}
	return newObj().set("launchTemplateId", fstrv(m, "launchTemplateId")).set("launchTemplateName", fstrv(m, "launchTemplateName")).
		set("version", scalarOrNil(fval(m, "version")))
}

// scalarOrNil is a string or number as text, nil when missing or empty.
func scalarOrNil(v any) any {
	if v == nil {
		return nil
	}
	return orNil(scalarText(v), "")
}

// convertAutoScalingGroup builds an AutoScalingGroup, with its launch
// configuration's document when the input holds that item.
func convertAutoScalingGroup(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	name := nameOr(it, c, "autoScalingGroupName")
	o := envelope("AutoScalingGroup", it, name, name)
	o.set("autoScalingGroupName", name).set("minSize", fnum(c, "minSize")).set("maxSize", fnum(c, "maxSize")).
		set("desiredCapacity", fnum(c, "desiredCapacity")).set("availabilityZones", fstrs(c, "availabilityZones")).
		set("vpcZoneIdentifier", fstrv(c, "vpcZoneIdentifier")).set("healthCheckType", fstrv(c, "healthCheckType")).
		set("healthCheckGracePeriod", fnum(c, "healthCheckGracePeriod")).set("loadBalancerNames", fstrs(c, "loadBalancerNames")).
		set("targetGroupARNs", fstrs(c, "targetGroupARNs"))
	lc := fstr(c, "launchConfigurationName")
	o.set("launchConfigurationName", orNil(lc, ""))
	if l := x.launchConfigs[lc]; l != nil && lc != "" {
		o.set("launchConfiguration", launchConfigurationDoc(x.full(l)))
	}
	o.set("launchTemplate", launchTemplateSpec(fobj(c, "launchTemplate")))
	if mp := fobj(c, "mixedInstancesPolicy"); mp != nil {
		p := newObj()
		if lt := fobj(mp, "launchTemplate"); lt != nil {
			l := newObj().set("launchTemplateSpecification", launchTemplateSpec(fobj(lt, "launchTemplateSpecification")))
			if fval(lt, "overrides") != nil {
				ov := []any{}
				for _, e := range flist(lt, "overrides") {
					em := asMap(e)
					ov = append(ov, newObj().set("instanceType", fstrv(em, "instanceType")).set("weightedCapacity", scalarOrNil(fval(em, "weightedCapacity"))))
				}
				l.set("overrides", ov)
			}
			p.set("launchTemplate", l)
		}
		if d := fobj(mp, "instancesDistribution"); d != nil {
			p.set("instancesDistribution", d)
		}
		o.set("mixedInstancesPolicy", p)
	}
	if fval(c, "instances") != nil {
		insts := []any{}
		for _, i := range flist(c, "instances") {
			im := asMap(i)
			insts = append(insts, newObj().set("instanceId", fstrv(im, "instanceId")).set("availabilityZone", fstrv(im, "availabilityZone")).
				set("instanceType", fstrv(im, "instanceType")).set("lifecycleState", fstrv(im, "lifecycleState")).
				set("healthStatus", fstrv(im, "healthStatus")))
		}
		o.set("instances", insts)
	}
	return o, nil
}

// convertLaunchTemplate builds a LaunchTemplate: Config records the
// default version's data.
func convertLaunchTemplate(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	id := fstr(c, "Id")
	if id == "" {
		id = fstr(c, "LaunchTemplateId")
	}
	if id == "" {
		id = it.id
	}
	name := nameOr(it, c, "LaunchTemplateName")
	o := envelope("LaunchTemplate", it, id, name)
	o.set("launchTemplateId", id).set("launchTemplateName", name).set("createTime", ftime(c, "CreateTime"))
	if o.get("createTime") == nil {
		o.set("createTime", creationTime(it))
	}
	o.set("defaultVersionNumber", fnum(c, "DefaultVersionNumber")).set("latestVersionNumber", fnum(c, "LatestVersionNumber"))
	d := fobj(c, "LaunchTemplateData")
	if d == nil {
		return o, nil
	}
	ld := newObj().set("imageId", fstrv(d, "ImageId")).set("instanceType", fstrv(d, "InstanceType")).
		set("keyName", fstrv(d, "KeyName")).set("securityGroupIds", fstrs(d, "SecurityGroupIds"))
	if mo := fobj(d, "MetadataOptions"); mo != nil {
		ld.set("metadataOptions", metadataOptions(mo))
	}
	nics := []any{}
	for _, n := range flist(d, "NetworkInterfaces") {
		nm := asMap(n)
		nics = append(nics, newObj().set("deviceIndex", fnum(nm, "DeviceIndex")).set("subnetId", fstrv(nm, "SubnetId")).
			set("associatePublicIpAddress", fbool(nm, "AssociatePublicIpAddress")).set("groups", fstrs(nm, "Groups")))
	}
	ld.set("networkInterfaces", nics)
	bdms := []any{}
	for _, b := range flist(d, "BlockDeviceMappings") {
		bm := asMap(b)
		bd := newObj().set("deviceName", fstrv(bm, "DeviceName"))
		if e := fobj(bm, "Ebs"); e != nil {
			bd.set("ebs", newObj().set("encrypted", fbool(e, "Encrypted")).set("kmsKeyId", fstrv(e, "KmsKeyId")).
				set("volumeSize", fnum(e, "VolumeSize")).set("volumeType", fstrv(e, "VolumeType")).
				set("deleteOnTermination", fbool(e, "DeleteOnTermination")))
		}
		bdms = append(bdms, bd)
	}
	ld.set("blockDeviceMappings", bdms)
	return o.set("launchTemplateData", ld), nil
}
