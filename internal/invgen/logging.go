package invgen

import "strconv"

// cisFilters are the CloudWatch Logs metric filters of the CIS AWS
// Foundations Benchmark monitoring section: metric name and pattern.
var cisFilters = []struct{ metric, pattern string }{
	{"UnauthorizedAPICalls", `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }`},
	{"ConsoleSigninWithoutMFA", `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`},
	{"RootAccountUsage", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`},
	{"IAMPolicyChanges", `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`},
	{"CloudTrailChanges", `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`},
	{"ConsoleAuthFailures", `{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }`},
	{"DisableOrDeleteCMK", `{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }`},
	{"S3BucketPolicyChanges", `{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }`},
	{"AWSConfigChanges", `{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }`},
	{"SecurityGroupChanges", `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`},
	{"NACLChanges", `{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }`},
	{"NetworkGatewayChanges", `{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }`},
	{"RouteTableChanges", `{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }`},
	{"VPCChanges", `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }`},
	{"OrganizationsChanges", `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }`},
}

// trailName is the name of trail t; trail 0 is the account's main,
// multi-region trail.
func trailName(t int) string {
	if t == 0 {
		return "management-events"
	}
	return "regional-trail-" + strconv.Itoa(t)
}

// metricFilters writes the metric filters on a trail's log group: every
// CIS filter, each missing when bad, each alarm's topic without a
// confirmed subscriber when bad.
func (a *account) metricFilters(w *jw, r rnd, group, region string) {
	w.ka("metricFilters")
	for _, f := range cisFilters {
		if r.bad() {
			continue
		}
		w.obj()
		w.ks("filterName", f.metric)
		w.ks("filterPattern", f.pattern)
		w.ks("logGroupName", group)
		w.ks("metricName", f.metric)
		w.ks("metricNamespace", "CISBenchmark")
		w.ka("alarms")
		w.obj()
		w.ks("alarmName", f.metric+"-alarm")
		w.ks("alarmArn", a.arn("cloudwatch", region, "alarm:"+f.metric+"-alarm"))
		w.kb("actionsEnabled", !r.rare())
		w.kstrs("alarmActions", a.arn("sns", region, "security-alerts"))
		w.ks("stateValue", pick(r, "OK", "OK", "OK", "INSUFFICIENT_DATA"))
		w.kb("hasSNSSubscriber", !r.bad())
		w.end()
		w.endArr()
		w.end()
	}
	w.endArr()
}

func genCloudTrail(a *account, w *jw, t int) {
	r := a.rnd(kCloudTrail, t)
	main := t == 0
	region := homeRegion
	if !main {
		region = a.region(r)
	}
	name := trailName(t)
	arn := a.arn("cloudtrail", region, "trail/"+name)
	a.head(w, "CloudTrail", name, name, arn, region)
	a.tags(w, r, "", "prod", false)
	w.ks("trailArn", arn)
	w.ks("homeRegion", region)
	multi := main && !r.rare()
	w.kb("isMultiRegionTrail", multi)
	w.kb("isOrganizationTrail", false)
	w.kb("includeGlobalServiceEvents", main)
	w.kb("logFileValidationEnabled", !r.bad())
	if !r.bad() {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	bucket := a.org + "-cloudtrail-" + a.id
	w.ks("s3BucketName", bucket)
	w.ks("s3KeyPrefix", name)
	w.key("s3Bucket")
	a.bucket(w, kCloudTrail, t, bucket, region, true)
	cw := !r.bad()
	group := "/aws/cloudtrail/" + name
	if cw {
		w.ks("cloudWatchLogsLogGroupArn", a.arn("logs", region, "log-group:"+group+":*"))
		w.ks("cloudWatchLogsRoleArn", "arn:aws:iam::"+a.id+":role/cloudtrail-to-cloudwatch")
	}
	w.ks("snsTopicArn", a.arn("sns", region, "security-alerts"))
	w.kb("hasCustomEventSelectors", true)
	// Odd trails use advanced event selectors, the others basic ones.
	w.ka("eventSelectors")
	if t%2 == 0 {
		w.obj()
		w.ks("readWriteType", pickBad(r, "All", "WriteOnly"))
		w.kb("includeManagementEvents", true)
		w.ka("excludeManagementEventSources")
		w.endArr()
		w.ka("dataResources")
		if !r.bad() {
			w.obj()
			w.ks("type", "AWS::S3::Object")
			w.kstrs("values", "arn:aws:s3")
			w.end()
		}
		w.endArr()
		w.end()
	}
	w.endArr()
	w.ka("advancedEventSelectors")
	if t%2 == 1 {
		field := func(f string, v ...string) {
			w.obj()
			w.ks("field", f)
			w.kstrs("equals", v...)
			w.end()
		}
		w.obj()
		w.ks("name", "Management events")
		w.ka("fieldSelectors")
		field("eventCategory", "Management")
		if r.bad() {
			field("readOnly", "false")
		}
		w.endArr()
		w.end()
		if !r.bad() {
			w.obj()
			w.ks("name", "S3 data events")
			w.ka("fieldSelectors")
			field("eventCategory", "Data")
			field("resources.type", "AWS::S3::Object")
			w.endArr()
			w.end()
		}
	}
	w.endArr()
	logging := !r.rare()
	w.ko("status")
	w.kb("isLogging", logging)
	w.kt("latestDeliveryTime", a.ago(r, 0, 0.1))
	if cw {
		if r.bad() {
			w.kt("latestCloudWatchLogsDeliveryTime", a.ago(r, 2, 30))
		} else {
			w.kt("latestCloudWatchLogsDeliveryTime", a.ago(r, 0, 0.1))
		}
	}
	w.kt("startLoggingTime", a.ago(r, 200, 1500))
	if !logging {
		w.kt("stopLoggingTime", a.ago(r, 1, 100))
	}
	w.end()
	hasSNS := false
	if cw {
		mark := len(w.b)
		a.metricFilters(w, r, group, region)
		hasSNS = containsTrue(w.b[mark:])
	} else {
		w.ka("metricFilters")
		w.endArr()
	}
	w.kb("hasSNSSubscriber", hasSNS)
	w.end()
}

// containsTrue reports whether b holds "hasSNSSubscriber":true.
func containsTrue(b []byte) bool {
	const s = `"hasSNSSubscriber":true`
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

func genLogGroup(a *account, w *jw, i int) {
	r := a.rnd(kLogGroup, i)
	region := a.region(r)
	name := "/aws/" + pick(r, "lambda", "ecs", "rds/instance", "apigateway", "codebuild", "vpc") + "/" + pick(r, apps...) + "-" + strconv.Itoa(i)
	a.head(w, "LogGroup", name, name, a.arn("logs", region, "log-group:"+name), region)
	a.tags(w, r, "", "", false)
	w.ks("logGroupName", name)
	switch {
	case r.bad():
		w.ki("retentionInDays", pick(r, 7, 14, 30, 90))
	case r.chance(0.3): // never expire
	default:
		w.ki("retentionInDays", pick(r, 365, 400, 731, 1827))
	}
	if !r.bad() {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.ki64("storedBytes", r.Int64N(1<<36))
	w.kt("creationTime", a.ago(r, 1, 1500))
	w.ka("metricFilters")
	w.endArr()
	w.end()
}

func genSnsTopic(a *account, w *jw, i int) {
	r := a.rnd(kSnsTopic, i)
	region := a.region(r)
	name := pick(r, apps...) + "-" + pick(r, "events", "alerts", "notifications", "fanout") + "-" + strconv.Itoa(i)
	if i == 0 {
		name, region = "security-alerts", homeRegion
	}
	arn := a.arn("sns", region, name)
	a.head(w, "SnsTopic", name, name, arn, region)
	a.tags(w, r, "", pick(r, envs...), false)
	w.ks("displayName", name)
	if !r.bad() {
		w.ks("kmsMasterKeyId", a.kmsKey(r, region))
	}
	w.ko("policy")
	w.ks("Version", "2012-10-17")
	w.ka("Statement")
	statement(w, "OwnerPublish", "Allow", `{"AWS":"arn:aws:iam::`+a.id+`:root"}`, []string{"sns:Publish", "sns:Subscribe"}, []string{arn}, "")
	statement(w, "EventsPublish", "Allow", `{"Service":"events.amazonaws.com"}`, []string{"sns:Publish"}, []string{arn},
		`{"StringEquals":{"aws:SourceAccount":"`+a.id+`"}}`)
	w.endArr()
	w.end()
	subs := r.IntN(4)
	w.ki("subscriptionsConfirmed", subs)
	w.ki("subscriptionsPending", r.IntN(2))
	w.ka("subscriptions")
	for j := range subs {
		proto := pick(r, "email", "https", "sqs", "lambda")
		w.obj()
		w.ks("subscriptionArn", arn+":"+a.uuid(kSnsTopic, i, uint64(j)))
		w.ks("protocol", proto)
		switch proto {
		case "email":
			w.ks("endpoint", pick(r, people...)+"@"+a.org+".example")
		case "https":
			w.ks("endpoint", "https://hooks."+a.org+".example/"+name)
		default:
			w.ks("endpoint", a.arn(proto, region, name+"-consumer"))
		}
		w.end()
	}
	w.endArr()
	w.end()
}

func genSqsQueue(a *account, w *jw, i int) {
	r := a.rnd(kSqsQueue, i)
	region := a.region(r)
	fifo := r.chance(0.15)
	name := pick(r, apps...) + "-" + pick(r, "jobs", "events", "intake", "dlq") + "-" + strconv.Itoa(i)
	if fifo {
		name += ".fifo"
	}
	a.head(w, "SqsQueue", name, name, a.arn("sqs", region, name), region)
	a.tags(w, r, "", pick(r, envs...), r.chance(0.15))
	w.ks("queueUrl", "https://sqs."+region+".amazonaws.com/"+a.id+"/"+name)
	w.kb("fifoQueue", fifo)
	switch {
	case r.bad():
		w.kb("sqsManagedSseEnabled", false)
	case r.chance(0.5):
		w.ks("kmsMasterKeyId", a.kmsKey(r, region))
		w.kb("sqsManagedSseEnabled", false)
	default:
		w.kb("sqsManagedSseEnabled", true)
	}
	a.queuePolicy(w, i, a.arn("sqs", region, name), region)
	w.ki("visibilityTimeout", pick(r, 30, 60, 120, 900))
	w.ki("messageRetentionPeriod", pick(r, 345600, 1209600))
	if r.chance(0.5) {
		w.ko("redrivePolicy")
		w.ks("deadLetterTargetArn", a.arn("sqs", region, name+"-dlq"))
		w.ki("maxReceiveCount", pick(r, 3, 5, 10))
		w.end()
	}
	w.end()
}
