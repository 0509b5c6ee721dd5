package invgen

import "strconv"

// The entity types added for the AWS Foundational Security Best Practices
// bundle: containers (ECR, ECS, EKS), OpenSearch, API Gateway, Secrets
// Manager, launch templates and Auto Scaling groups, RDS clusters and
// snapshots. Each setting a shipped rule checks is drawn with r.bad().

// ---------------------------------------------------------------- containers

func genEcrRepository(a *account, w *jw, i int) {
	r := a.rnd(kEcrRepository, i)
	region := a.region(r)
	name, _, env := appName(r, i)
	a.head(w, "EcrRepository", name, name, a.arn("ecr", region, "repository/"+name), region)
	a.tags(w, r, "", env, false)
	w.ks("repositoryName", name)
	w.ks("repositoryUri", a.id+".dkr.ecr."+region+".amazonaws.com/"+name)
	w.ks("registryId", a.id)
	w.kt("createdAt", a.ago(r, 10, 1500))
	w.ks("imageTagMutability", pickBad(r, "IMMUTABLE", "MUTABLE"))
	scan := !r.bad()
	w.ko("imageScanningConfiguration")
	w.kb("scanOnPush", scan && r.chance(0.6))
	w.end()
	w.ka("registryScanningRules")
	if scan && r.chance(0.5) {
		w.obj()
		w.ks("scanType", pick(r, "BASIC", "ENHANCED"))
		w.ks("scanFrequency", pick(r, "SCAN_ON_PUSH", "CONTINUOUS_SCAN"))
		w.end()
	}
	w.endArr()
	w.ko("encryptionConfiguration")
	if r.chance(0.3) {
		w.ks("encryptionType", "KMS")
		w.ks("kmsKey", a.kmsKey(r, region))
	} else {
		w.ks("encryptionType", "AES256")
	}
	w.end()
	if !r.bad() {
		w.kraw("lifecyclePolicy", []byte(`{"rules":[{"rulePriority":1,"description":"expire untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}`))
	} else if r.chance(0.25) {
		// As an API dump gives a repository whose lifecycle policy call
		// was not made or failed.
		w.kb("lifecyclePolicyCollected", false)
	}
	w.end()
}

func genEcsCluster(a *account, w *jw, i int) {
	r := a.rnd(kEcsCluster, i)
	region := a.region(r)
	env := pick(r, envs...)
	name := env + "-" + strconv.Itoa(i)
	a.head(w, "EcsCluster", name, name, a.arn("ecs", region, "cluster/"+name), region)
	a.tags(w, r, "", env, false)
	w.ks("clusterName", name)
	w.ks("status", "ACTIVE")
	w.ka("settings")
	w.obj()
	w.ks("name", "containerInsights")
	w.ks("value", pickBad3(r, "enabled", "disabled", "enhanced"))
	w.end()
	w.endArr()
	ec2 := r.chance(0.3)
	instances := 0
	if ec2 {
		instances = 2 + r.IntN(10)
	}
	w.ki("registeredContainerInstancesCount", instances)
	w.ki("runningTasksCount", r.IntN(60))
	w.ki("activeServicesCount", r.IntN(12))
	if ec2 {
		w.kstrs("capacityProviders", "asg-"+name)
	} else {
		w.kstrs("capacityProviders", "FARGATE", "FARGATE_SPOT")
	}
	w.end()
}

func genEcsService(a *account, w *jw, i int) {
	r := a.rnd(kEcsService, i)
	v, region := a.network(r)
	name, app, env := appName(r, i)
	cluster := env + "-" + strconv.Itoa(r.IntN(max(1, a.c[kEcsCluster])))
	a.head(w, "EcsService", name, name, a.arn("ecs", region, "service/"+cluster+"/"+name), region)
	a.tags(w, r, "", env, false)
	w.ks("serviceName", name)
	w.ks("clusterArn", a.arn("ecs", region, "cluster/"+cluster))
	w.ks("status", "ACTIVE")
	fargate := r.chance(0.7)
	if fargate {
		w.ks("launchType", "FARGATE")
		w.ks("platformVersion", pick(r, "LATEST", "1.4.0", "1.3.0"))
	} else {
		w.ks("launchType", "EC2")
	}
	w.ks("taskDefinition", a.arn("ecs", region, "task-definition/"+app+"-"+pick(r, tiers...)+":"+strconv.Itoa(1+r.IntN(40))))
	n := 1 + r.IntN(6)
	w.ki("desiredCount", n)
	w.ki("runningCount", n-r.IntN(2))
	if fargate || r.chance(0.5) {
		w.ko("networkConfiguration")
		w.ko("awsvpcConfiguration")
		w.ka("subnets")
		if v >= 0 {
			for _, sn := range a.subnetsOf(v) {
				w.str(a.awsID("subnet", kSubnet, sn))
			}
		}
		w.endArr()
		w.ka("securityGroups")
		if v >= 0 {
			for _, s := range a.groupsFor(r, v) {
				w.str(a.awsID("sg", kSecurityGroup, s))
			}
		}
		w.endArr()
		w.ks("assignPublicIp", pickBad(r, "DISABLED", "ENABLED"))
		w.end()
		w.end()
	}
	w.end()
}

func genEcsTaskDefinition(a *account, w *jw, i int) {
	r := a.rnd(kEcsTaskDefinition, i)
	region := a.region(r)
	name, app, env := appName(r, i)
	rev := 1 + r.IntN(40)
	a.head(w, "EcsTaskDefinition", name, name, a.arn("ecs", region, "task-definition/"+name+":"+strconv.Itoa(rev)), region)
	a.tags(w, r, "", env, false)
	w.ks("family", name)
	w.ki("revision", rev)
	w.ks("status", "ACTIVE")
	host := r.chance(0.1)
	if host {
		w.ks("networkMode", "host")
	} else {
		w.ks("networkMode", pick(r, "awsvpc", "awsvpc", "bridge"))
	}
	if r.rare() {
		w.ks("pidMode", "host")
	}
	w.kstrs("requiresCompatibilities", pick(r, "FARGATE", "EC2"))
	if !r.bad() {
		w.ks("taskRoleArn", "arn:aws:iam::"+a.id+":role/"+app+"-task")
	}
	w.ks("executionRoleArn", "arn:aws:iam::"+a.id+":role/ecsTaskExecutionRole")
	w.ka("containerDefinitions")
	for c := range 1 + r.IntN(2) {
		w.obj()
		w.ks("name", pick(r, "app", "sidecar", "proxy")+strconv.Itoa(c))
		w.ks("image", a.id+".dkr.ecr."+region+".amazonaws.com/"+app+":"+strconv.Itoa(1+r.IntN(9))+"."+strconv.Itoa(r.IntN(20)))
		w.kb("essential", c == 0)
		w.kb("privileged", r.rare())
		if !r.bad() {
			w.ks("user", pick(r, "1000", "1000:1000", "nobody", "app"))
		} else if r.chance(0.5) {
			w.ks("user", pick(r, "root", "0", "0:0"))
		}
		w.kb("readonlyRootFilesystem", !r.bad())
		w.ka("environment")
		w.obj()
		w.ks("name", "STAGE")
		w.ks("value", env)
		w.end()
		if r.rare() {
			w.obj()
			w.ks("name", pick(r, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"))
			w.ks("value", "AKIA"+a.upperID("", kEcsTaskDefinition, i)[:16])
			w.end()
		}
		w.endArr()
		w.ka("secrets")
		w.obj()
		w.ks("name", "DB_PASSWORD")
		w.ks("valueFrom", a.arn("secretsmanager", region, "secret:"+env+"/"+app+"/db"))
		w.end()
		w.endArr()
		if !r.bad() {
			w.ko("logConfiguration")
			w.ks("logDriver", pick(r, "awslogs", "awslogs", "awsfirelens"))
			w.ko("options")
			w.ks("awslogs-group", "/ecs/"+name)
			w.ks("awslogs-region", region)
			w.end()
			w.end()
		}
		w.end()
	}
	w.endArr()
	w.end()
}

func genEKSCluster(a *account, w *jw, i int) {
	r := a.rnd(kEKSCluster, i)
	v, region := a.network(r)
	env := pick(r, envs...)
	name := env + "-k8s-" + strconv.Itoa(i)
	a.head(w, "EKSCluster", name, name, a.arn("eks", region, "cluster/"+name), region)
	a.tags(w, r, "", env, false)
	w.ks("version", pick(r, "1.29", "1.30", "1.31", "1.32"))
	w.ks("platformVersion", "eks."+strconv.Itoa(5+r.IntN(15)))
	w.ks("status", "ACTIVE")
	w.ks("endpoint", "https://"+a.upperID("", kEKSCluster, i)+".gr7."+region+".eks.amazonaws.com")
	w.ks("roleArn", "arn:aws:iam::"+a.id+":role/eks-cluster-role")
	w.ko("resourcesVpcConfig")
	if v >= 0 {
		w.ks("vpcId", a.awsID("vpc", kVPC, v))
		w.ka("subnetIds")
		for _, sn := range a.subnetsOf(v) {
			w.str(a.awsID("subnet", kSubnet, sn))
		}
		w.endArr()
	}
	public := r.bad()
	w.kb("endpointPublicAccess", public)
	w.kb("endpointPrivateAccess", true)
	if public {
		w.kstrs("publicAccessCidrs", "0.0.0.0/0")
	}
	w.end()
	w.ka("encryptionConfig")
	if !r.bad() {
		w.obj()
		w.kstrs("resources", "secrets")
		w.ko("provider")
		w.ks("keyArn", a.kmsKey(r, region))
		w.end()
		w.end()
	}
	w.endArr()
	w.ko("logging")
	w.ka("clusterLogging")
	audit := !r.bad()
	w.obj()
	if audit {
		w.kstrs("types", "api", "audit", "authenticator")
	} else {
		w.kstrs("types", "api")
	}
	w.kb("enabled", true)
	w.end()
	w.obj()
	if audit {
		w.kstrs("types", "controllerManager", "scheduler")
	} else {
		w.kstrs("types", "audit", "authenticator", "controllerManager", "scheduler")
	}
	w.kb("enabled", false)
	w.end()
	w.endArr()
	w.end()
	w.end()
}

// ---------------------------------------------------------------- OpenSearch

func genElasticSearchDomain(a *account, w *jw, i int) {
	r := a.rnd(kElasticSearchDomain, i)
	v, region := a.network(r)
	name := pick(r, apps...) + "-search-" + strconv.Itoa(i)
	arn := a.arn("es", region, "domain/"+name)
	a.head(w, "ElasticSearchDomain", name, name, arn, region)
	a.tags(w, r, "", pick(r, envs...), r.chance(0.3))
	w.ks("domainName", name)
	w.ks("domainId", a.id+"/"+name)
	w.ks("engineVersion", pick(r, "OpenSearch_2.13", "OpenSearch_2.11", "Elasticsearch_7.10"))
	if r.bad() || v < 0 {
		w.ks("endpoint", "search-"+name+"-"+a.hex(kElasticSearchDomain, i, 2, 26)+"."+region+".es.amazonaws.com")
	} else {
		w.ko("vpcOptions")
		w.ks("vpcId", a.awsID("vpc", kVPC, v))
		w.ka("subnetIds")
		for _, sn := range a.subnetsOf(v) {
			w.str(a.awsID("subnet", kSubnet, sn))
		}
		w.endArr()
		w.end()
	}
	w.ko("clusterConfig")
	w.ks("instanceType", pick(r, "r6g.large.search", "m6g.large.search", "r7g.xlarge.search"))
	w.ki("instanceCount", pickBad(r, 3+r.IntN(4), 1+r.IntN(2)))
	masters := !r.bad()
	w.kb("dedicatedMasterEnabled", masters)
	if masters {
		w.ki("dedicatedMasterCount", 3)
		w.ks("dedicatedMasterType", "m6g.large.search")
	}
	w.kb("zoneAwarenessEnabled", !r.bad())
	w.end()
	w.ko("encryptionAtRestOptions")
	enc := !r.bad()
	w.kb("enabled", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.end()
	w.ko("nodeToNodeEncryptionOptions")
	w.kb("enabled", !r.bad())
	w.end()
	w.ko("domainEndpointOptions")
	w.kb("enforceHTTPS", !r.rare())
	w.ks("tlsSecurityPolicy", pickBad(r, pick(r, "Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"), "Policy-Min-TLS-1-0-2019-07"))
	w.end()
	w.ko("advancedSecurityOptions")
	fgac := !r.bad()
	w.kb("enabled", fgac)
	w.kb("internalUserDatabaseEnabled", fgac && r.chance(0.3))
	w.end()
	w.ko("logPublishingOptions")
	group := "arn:aws:logs:" + region + ":" + a.id + ":log-group:/aws/opensearch/" + name
	logType := func(k string, on bool) {
		w.ko(k)
		w.kb("enabled", on)
		if on {
			w.ks("cloudWatchLogsLogGroupArn", group+"/"+k)
		}
		w.end()
	}
	logType("ES_APPLICATION_LOGS", !r.bad())
	logType("AUDIT_LOGS", fgac && !r.bad())
	if r.chance(0.3) {
		logType("SEARCH_SLOW_LOGS", true)
	}
	w.end()
	w.ko("serviceSoftwareOptions")
	update := r.bad()
	w.ks("currentVersion", "OpenSearch_2_13_R20240520-P3")
	w.kb("updateAvailable", update)
	w.ks("updateStatus", pickBad(r, "COMPLETED", "ELIGIBLE"))
	w.end()
	w.end()
}

// ---------------------------------------------------------------- API Gateway

func genApiGateway(a *account, w *jw, i int) {
	r := a.rnd(kApiGateway, i)
	region := a.region(r)
	id := a.hex(kApiGateway, i, 1, 10)
	name := pick(r, apps...) + "-api-" + strconv.Itoa(i)
	a.head(w, "ApiGateway", id, name, "arn:aws:apigateway:"+region+"::/restapis/"+id, region)
	a.tags(w, r, "", pick(r, envs...), false)
	w.ks("apiId", id)
	w.kt("createdDate", a.ago(r, 10, 1500))
	w.ko("endpointConfiguration")
	w.kstrs("types", pick(r, "REGIONAL", "REGIONAL", "EDGE", "PRIVATE"))
	w.end()
	w.ka("stages")
	for s, stage := range []string{"prod", "staging"}[:1+r.IntN(2)] {
		w.obj()
		w.ks("stageName", stage)
		w.ks("deploymentId", a.hex(kApiGateway, i, uint64(10+s), 6))
		w.kb("tracingEnabled", !r.bad())
		if !r.bad() {
			w.ks("clientCertificateId", a.hex(kApiGateway, i, uint64(20+s), 6))
		}
		if !r.bad() {
			w.ks("webAclArn", "arn:aws:wafv2:"+region+":"+a.id+":regional/webacl/"+name+"/"+a.uuid(kApiGateway, i, uint64(30+s)))
		}
		cache := r.chance(0.3)
		w.kb("cacheClusterEnabled", cache)
		w.ka("methodSettings")
		w.obj()
		w.ks("methodPath", "*/*")
		w.ks("loggingLevel", pickBad(r, pick(r, "ERROR", "INFO"), "OFF"))
		w.kb("metricsEnabled", r.chance(0.5))
		w.kb("cachingEnabled", cache)
		w.kb("cacheDataEncrypted", cache && !r.bad())
		w.end()
		w.endArr()
		if !r.bad() {
			w.ko("accessLogSettings")
			w.ks("destinationArn", "arn:aws:logs:"+region+":"+a.id+":log-group:api-access/"+name)
			w.ks("format", "$context.requestId $context.identity.sourceIp $context.status")
			w.end()
		}
		w.end()
	}
	w.endArr()
	w.end()
}

func genApiGatewayV2(a *account, w *jw, i int) {
	r := a.rnd(kApiGatewayV2, i)
	region := a.region(r)
	id := a.hex(kApiGatewayV2, i, 1, 10)
	proto := pick(r, "HTTP", "HTTP", "WEBSOCKET")
	name := pick(r, apps...) + "-" + map[string]string{"HTTP": "http", "WEBSOCKET": "ws"}[proto] + "-" + strconv.Itoa(i)
	a.head(w, "ApiGatewayV2", id, name, "arn:aws:apigateway:"+region+"::/apis/"+id, region)
	a.tags(w, r, "", pick(r, envs...), false)
	w.ks("apiId", id)
	w.ks("protocolType", proto)
	scheme := "https://"
	if proto == "WEBSOCKET" {
		scheme = "wss://"
	}
	w.ks("apiEndpoint", scheme+id+".execute-api."+region+".amazonaws.com")
	w.ka("stages")
	w.obj()
	w.ks("stageName", pick(r, "$default", "prod"))
	w.kb("autoDeploy", proto == "HTTP")
	if !r.bad() {
		w.ko("accessLogSettings")
		w.ks("destinationArn", "arn:aws:logs:"+region+":"+a.id+":log-group:api-access/"+name)
		w.ks("format", "$context.requestId $context.routeKey $context.status")
		w.end()
	}
	w.ko("defaultRouteSettings")
	if proto == "WEBSOCKET" {
		w.ks("loggingLevel", pickBad(r, pick(r, "ERROR", "INFO"), "OFF"))
	}
	w.kb("detailedMetricsEnabled", r.chance(0.5))
	w.end()
	w.end()
	w.endArr()
	w.ka("routes")
	routes := []string{"GET /items", "POST /items", "GET /health"}
	if proto == "WEBSOCKET" {
		routes = []string{"$connect", "$default", "$disconnect"}
	}
	for _, rk := range routes {
		w.obj()
		w.ks("routeKey", rk)
		auth := pick(r, "JWT", "AWS_IAM", "CUSTOM")
		if r.bad() {
			auth = "NONE"
		}
		w.ks("authorizationType", auth)
		w.end()
	}
	w.endArr()
	w.end()
}

// ---------------------------------------------------------------- Secrets Manager

func genSecretsManagerSecret(a *account, w *jw, i int) {
	r := a.rnd(kSecretsManagerSecret, i)
	region := a.region(r)
	_, app, env := appName(r, i)
	name := env + "/" + app + "/" + pick(r, "db", "api-key", "oauth-client", "smtp", "partner-sftp") + "-" + strconv.Itoa(i)
	a.head(w, "SecretsManagerSecret", name, name, a.arn("secretsmanager", region, "secret:"+name+"-"+a.hex(kSecretsManagerSecret, i, 1, 6)), region)
	a.tags(w, r, "", env, r.chance(0.2))
	if r.chance(0.6) {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	created := a.ago(r, 5, 1500)
	w.kt("createdDate", created)
	rotate := !r.bad()
	w.kb("rotationEnabled", rotate)
	if rotate {
		w.ks("rotationLambdaArn", a.arn("lambda", region, "function:"+app+"-secret-rotation"))
		w.ko("rotationRules")
		w.ki("automaticallyAfterDays", pick(r, 30, 60, 90))
		w.end()
		if r.bad() {
			w.kt("lastRotatedDate", a.ago(r, 100, 400))
		} else {
			w.kt("lastRotatedDate", a.ago(r, 0, 80))
		}
		w.kt("nextRotationDate", a.ahead(r, 1, 30))
	}
	if r.bad() {
		w.kt("lastAccessedDate", a.ago(r, 95, 400))
	} else {
		w.kt("lastAccessedDate", a.ago(r, 0, 30).Truncate(24*3600e9))
	}
	w.end()
}

// ---------------------------------------------------------------- launch templates and Auto Scaling

// launchTemplateName is the name of launch template t.
func launchTemplateName(t int) string { return apps[t%len(apps)] + "-" + tiers[t/len(apps)%len(tiers)] }

func genLaunchTemplate(a *account, w *jw, i int) {
	r := a.rnd(kLaunchTemplate, i)
	region := a.region(r)
	id := a.awsID("lt", kLaunchTemplate, i)
	name := launchTemplateName(i)
	a.head(w, "LaunchTemplate", id, name, a.arn("ec2", region, "launch-template/"+id), region)
	a.tags(w, r, "", pick(r, envs...), false)
	w.ks("launchTemplateId", id)
	w.ks("launchTemplateName", name)
	w.kt("createTime", a.ago(r, 10, 1200))
	v := 1 + r.IntN(12)
	w.ki("defaultVersionNumber", v)
	w.ki("latestVersionNumber", v+r.IntN(2))
	w.ko("launchTemplateData")
	w.ks("imageId", a.awsID("ami", kAMI, r.IntN(max(1, a.c[kAMI]))))
	w.ks("instanceType", pick(r, "m7i.large", "c7i.xlarge", "t3.medium", "r7g.large"))
	if !r.bad() {
		w.ko("metadataOptions")
		w.ks("httpTokens", "required")
		w.ki("httpPutResponseHopLimit", pick(r, 1, 1, 2))
		w.ks("httpEndpoint", "enabled")
		w.end()
	}
	w.ka("networkInterfaces")
	w.obj()
	w.ki("deviceIndex", 0)
	w.kb("associatePublicIpAddress", r.bad())
	w.end()
	w.endArr()
	w.ka("blockDeviceMappings")
	w.obj()
	w.ks("deviceName", "/dev/xvda")
	w.ko("ebs")
	w.kb("encrypted", !r.bad())
	w.ki("volumeSize", pick(r, 20, 30, 50, 100))
	w.ks("volumeType", "gp3")
	w.kb("deleteOnTermination", true)
	w.end()
	w.end()
	w.endArr()
	w.end()
	w.end()
}

func genAutoScalingGroup(a *account, w *jw, i int) {
	r := a.rnd(kAutoScalingGroup, i)
	region := a.region(r)
	name, _, env := appName(r, i)
	a.head(w, "AutoScalingGroup", name, name, a.arn("autoscaling", region, "autoScalingGroup:"+a.uuid(kAutoScalingGroup, i, 1)+":autoScalingGroupName/"+name), region)
	a.tags(w, r, "", env, false)
	w.ks("autoScalingGroupName", name)
	lo := r.IntN(3)
	w.ki("minSize", lo)
	w.ki("maxSize", lo+2+r.IntN(10))
	w.ki("desiredCapacity", lo+r.IntN(2))
	zones := 2 + r.IntN(2)
	if r.bad() {
		zones = 1
	}
	w.ka("availabilityZones")
	for z := range zones {
		w.str(region + string(rune('a'+z)))
	}
	w.endArr()
	lb := r.chance(0.6)
	w.ks("healthCheckType", pickBad(r, map[bool]string{true: "ELB", false: "EC2"}[lb], "EC2"))
	w.ki("healthCheckGracePeriod", 300)
	w.ka("loadBalancerNames")
	if lb && r.chance(0.2) {
		w.str(pick(r, apps...) + "-legacy")
	}
	w.endArr()
	w.ka("targetGroupARNs")
	if lb {
		w.str(a.arn("elasticloadbalancing", region, "targetgroup/"+name+"/"+a.hex(kAutoScalingGroup, i, 2, 16)))
	}
	w.endArr()
	t := r.IntN(max(1, a.c[kLaunchTemplate]))
	spec := func(k string) {
		w.ko(k)
		w.ks("launchTemplateId", a.awsID("lt", kLaunchTemplate, t))
		w.ks("launchTemplateName", launchTemplateName(t))
		w.ks("version", pick(r, "$Default", "$Latest"))
		w.end()
	}
	switch {
	case r.bad():
		lc := name + "-lc-" + strconv.Itoa(2018+r.IntN(5))
		w.ks("launchConfigurationName", lc)
		w.ko("launchConfiguration")
		w.ks("launchConfigurationName", lc)
		w.ks("imageId", a.awsID("ami", kAMI, r.IntN(max(1, a.c[kAMI]))))
		w.ks("instanceType", pick(r, "t2.medium", "m4.large", "c5.large"))
		w.kb("associatePublicIpAddress", r.bad())
		w.ko("metadataOptions")
		w.ks("httpTokens", pickBad(r, "required", "optional"))
		w.ki("httpPutResponseHopLimit", pickBad(r, 1, 2))
		w.ks("httpEndpoint", "enabled")
		w.end()
		w.kt("createdTime", a.ago(r, 400, 2500))
		w.end()
	case r.chance(0.5):
		w.ko("mixedInstancesPolicy")
		w.ko("launchTemplate")
		spec("launchTemplateSpecification")
		w.ka("overrides")
		types := []string{"m7i.large", "m6i.large", "m7a.large"}
		if r.bad() {
			types = types[:1]
		}
		for _, it := range types {
			w.obj()
			w.ks("instanceType", it)
			w.end()
		}
		w.endArr()
		w.end()
		w.end()
	default:
		spec("launchTemplate")
	}
	w.end()
}

// ---------------------------------------------------------------- RDS clusters and snapshots

func genRDSCluster(a *account, w *jw, i int) {
	r := a.rnd(kRDSCluster, i)
	region := a.region(r)
	name, app, env := appName(r, i)
	name += "-cluster"
	engine := pick(r, "aurora-postgresql", "aurora-mysql", "aurora-postgresql", "postgres")
	a.head(w, "RDSCluster", name, name, a.arn("rds", region, "cluster:"+name), region)
	a.tags(w, r, "", env, r.chance(0.3))
	w.ks("dbClusterIdentifier", name)
	w.ks("engine", engine)
	port := 5432
	switch engine {
	case "aurora-mysql":
		w.ks("engineVersion", "8.0.mysql_aurora.3.07.1")
		port = 3306
	default:
		w.ks("engineVersion", "15.6")
	}
	w.ks("engineMode", "provisioned")
	w.ks("status", "available")
	w.ks("masterUsername", pickBad(r, app+"_admin", pick(r, "admin", "postgres")))
	w.ki("port", pickBad(r, port+10000, port))
	enc := !r.bad()
	w.kb("storageEncrypted", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	multi := !r.bad()
	w.kb("multiAZ", multi)
	w.ka("availabilityZones")
	for z := range map[bool]int{true: 3, false: 1}[multi] {
		w.str(region + string(rune('a'+z)))
	}
	w.endArr()
	w.kb("deletionProtection", !r.bad())
	w.kb("iamDatabaseAuthenticationEnabled", !r.bad())
	w.kb("copyTagsToSnapshot", !r.bad())
	w.ki("backupRetentionPeriod", pickBad(r, 7+r.IntN(28), 1))
	if engine == "aurora-mysql" {
		w.ki("backtrackWindow", pickBad(r, 86400, 0))
	}
	w.kb("autoMinorVersionUpgrade", !r.bad())
	w.ka("enabledCloudwatchLogsExports")
	if !r.bad() {
		if engine == "aurora-mysql" {
			w.str("audit")
			w.str("error")
		} else {
			w.str("postgresql")
		}
	}
	w.endArr()
	w.ka("members")
	for m := range 1 + r.IntN(3) {
		w.obj()
		w.ks("dbInstanceIdentifier", name+"-"+strconv.Itoa(m+1))
		w.kb("isClusterWriter", m == 0)
		w.end()
	}
	w.endArr()
	w.end()
}

func genRDSSnapshot(a *account, w *jw, i int) {
	r := a.rnd(kRDSSnapshot, i)
	region := a.region(r)
	src, _, _ := appName(r, i)
	cluster := r.chance(0.3)
	kind := pick(r, "automated", "automated", "manual")
	at := a.ago(r, 0, 400)
	id := src + "-" + at.Format("2006-01-02-15-04")
	if kind == "automated" {
		id = "rds:" + id
	}
	res := "snapshot:"
	if cluster {
		res = "cluster-snapshot:"
	}
	a.head(w, "RDSSnapshot", id, id, a.arn("rds", region, res+id), region)
	a.tags(w, r, "", "", false)
	w.ks("snapshotIdentifier", id)
	w.kb("isClusterSnapshot", cluster)
	w.ks("snapshotType", kind)
	w.ks("engine", pick(r, "postgres", "mysql", "aurora-postgresql"))
	w.ks("sourceIdentifier", src)
	enc := !r.bad()
	w.kb("encrypted", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.kt("snapshotCreateTime", at)
	public := kind == "manual" && r.rare()
	w.ka("restoreAccountIds")
	if public {
		w.str("all")
	} else if kind == "manual" && r.chance(0.2) {
		w.str(strconv.Itoa(100000000000 + r.IntN(900000000000)))
	}
	w.endArr()
	w.kb("isPublic", public)
	w.end()
}
