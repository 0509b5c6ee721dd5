package invgen

// Settings of the older entity types that the AWS Foundational Security
// Best Practices rules read. They are drawn from a stream of their own
// (salt fsbpSalt), so adding them left the other settings of these
// documents as they were.

const fsbpSalt = 0xf5b9

func (a *account) fsbpInstance(w *jw, i int) {
	r := a.sub(kInstance, i, fsbpSalt)
	w.ks("virtualizationType", pickBad3(r, "hvm", "hvm", "paravirtual"))
}

func (a *account) fsbpBucket(w *jw, k kindID, i int) {
	r := a.sub(k, i, fsbpSalt)
	w.ko("ownershipControls")
	w.ks("objectOwnership", pickBad3(r, "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"))
	w.end()
	if r.bad() {
		return
	}
	w.ko("notificationConfiguration")
	w.ka("topicConfigurations")
	w.endArr()
	w.ka("queueConfigurations")
	if r.chance(0.5) {
		w.obj()
		w.ks("id", "object-created")
		w.kstrs("events", "s3:ObjectCreated:*")
		w.end()
	}
	w.endArr()
	w.ka("lambdaFunctionConfigurations")
	w.endArr()
	w.kb("eventBridgeEnabled", r.chance(0.5))
	w.end()
}

// fsbpLB writes the desync mode and zones of a load balancer of type typ.
func (a *account) fsbpLB(w *jw, k kindID, i int, typ, region string) {
	r := a.sub(k, i, fsbpSalt)
	if typ != "NetworkLoadBalancer" {
		w.ks("desyncMitigationMode", pickBad3(r, "defensive", "monitor", "strictest"))
	}
	if typ == "ELB" {
		return
	}
	zones := 2 + r.IntN(2)
	if r.bad() {
		zones = 1
	}
	w.ka("availabilityZones")
	for z := range zones {
		w.str(region + string(rune('a'+z)))
	}
	w.endArr()
}

func (a *account) fsbpElastiCache(w *jw, i int) {
	r := a.sub(kElastiCache, i, fsbpSalt)
	w.ks("cacheSubnetGroupName", pickBad(r, "cache-private-"+pick(r, envs...), "default"))
}

func (a *account) fsbpRDS(w *jw, i int, vpc string) {
	r := a.sub(kRDS, i, fsbpSalt)
	w.ks("masterUsername", pickBad(r, pick(r, apps...)+"_admin", pick(r, "admin", "postgres")))
	w.ko("dbSubnetGroup")
	w.ks("name", "db-private")
	if !r.rare() {
		w.ks("vpcId", vpc)
	}
	w.end()
}

func (a *account) fsbpCloudFront(w *jw, i int) {
	r := a.sub(kCloudFront, i, fsbpSalt)
	w.ka("originGroups")
	if !r.bad() {
		w.obj()
		w.ks("id", "failover")
		w.kstrs("members", "primary", "secondary")
		w.key("failoverStatusCodes")
		w.raw([]byte("[500,502,503,504]"))
		w.end()
	}
	w.endArr()
}

// guardDutyFeatures writes the protection plans of an enabled detector.
func (a *account) guardDutyFeatures(w *jw, i int) {
	r := a.sub(kRegion, i, fsbpSalt)
	status := func() string { return pickBad(r, "ENABLED", "DISABLED") }
	w.ka("features")
	for _, f := range []string{"S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS"} {
		w.obj()
		w.ks("name", f)
		w.ks("status", status())
		w.end()
	}
	w.obj()
	w.ks("name", "RUNTIME_MONITORING")
	w.ks("status", status())
	w.ka("additionalConfiguration")
	for _, f := range []string{"EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"} {
		w.obj()
		w.ks("name", f)
		w.ks("status", status())
		w.end()
	}
	w.endArr()
	w.end()
	w.endArr()
}

// invokeConditions are the conditions AWS and tools write when a service
// may invoke a function; the spelling of the keys varies (IAM compares
// them case-insensitively).
var invokeConditions = []string{
	`{"ArnLike":{"AWS:SourceArn":"%s"}}`, `{"ArnLike":{"aws:SourceArn":"%s"}}`,
	`{"ArnEquals":{"AWS:SourceArn":"%s"}}`, `{"ArnEquals":{"aws:SourceArn":"%s"}}`,
	`{"StringEquals":{"AWS:SourceAccount":"%a"}}`, `{"StringEquals":{"aws:SourceAccount":"%a"}}`,
	`{"StringEquals":{"aws:PrincipalOrgID":"o-%o"}}`,
}

// invokeCondition returns one of invokeConditions for function i, with the
// source ARN, account and organization filled in.
func (a *account) invokeCondition(i int, src string) string {
	r := a.sub(kLambda, i, fsbpSalt)
	c := pick(r, invokeConditions...)
	out := make([]byte, 0, len(c)+len(src))
	for j := 0; j < len(c); j++ {
		if c[j] == '%' && j+1 < len(c) {
			switch c[j+1] {
			case 's':
				out = append(out, src...)
			case 'a':
				out = append(out, a.id...)
			case 'o':
				out = append(out, a.hex(kIam, 0, 9, 10)...)
			}
			j++
			continue
		}
		out = append(out, c[j])
	}
	return string(out)
}

// queuePolicy writes the access policy of an SQS queue: a topic or a bucket
// may send to it, and, when bad, anyone may.
func (a *account) queuePolicy(w *jw, i int, arn, region string) {
	r := a.sub(kSqsQueue, i, fsbpSalt)
	if r.chance(0.3) {
		return
	}
	w.ko("policy")
	w.ks("Version", "2012-10-17")
	w.ka("Statement")
	statement(w, "TopicSend", "Allow", `{"Service":"sns.amazonaws.com"}`, []string{"sqs:SendMessage"}, []string{arn},
		`{"ArnEquals":{"aws:SourceArn":"`+a.arn("sns", region, pick(r, apps...)+"-events")+`"}}`)
	if r.chance(0.3) {
		statement(w, "ConsumerRole", "Allow", `{"AWS":"arn:aws:iam::`+a.id+`:role/`+pick(r, apps...)+`-worker"}`,
			[]string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, []string{arn}, "")
	}
	if r.rare() {
		statement(w, "Anyone", "Allow", pick(r, `"*"`, `{"AWS":"*"}`), []string{"sqs:SendMessage"}, []string{arn}, "")
	}
	w.endArr()
	w.end()
}
