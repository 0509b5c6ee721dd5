package invgen

import "strconv"

var (
	goodTLSPolicies = []string{"ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS-1-2-2017-01"}
	oldTLSPolicies  = []string{"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2015-05"}
)

// ---------------------------------------------------------------- Classic ELB

// lbFront writes what every load balancer document starts with: the
// envelope, tags, DNS name, scheme and isPublic.
func (a *account) lbFront(w *jw, r rnd, typ, name, arn, region string) {
	a.head(w, typ, name, name, arn, region)
	a.tags(w, r, "", pick(r, envs...), r.chance(0.2))
	w.ks("dnsName", name+"-"+strconv.Itoa(1000000000+r.IntN(999999999))+"."+region+".elb.amazonaws.com")
	public := r.chance(0.6)
	if public {
		w.ks("scheme", "internet-facing")
	} else {
		w.ks("scheme", "internal")
	}
	w.kb("isPublic", public)
}

func genELB(a *account, w *jw, i int) {
	r := a.rnd(kELB, i)
	v, region := a.network(r)
	name := pick(r, apps...) + "-legacy-" + strconv.Itoa(i)
	a.lbFront(w, r, "ELB", name, a.arn("elasticloadbalancing", region, "loadbalancer/"+name), region)
	a.fsbpLB(w, kELB, i, "ELB", region)
	var subs []int
	if v >= 0 {
		w.ks("vpcId", a.awsID("vpc", kVPC, v))
		w.kraw("vpc", a.vpcSummary(v))
		subs = a.subnetsOf(v)
	}
	w.kstrs("availabilityZones", region+"a", region+"b")
	w.ka("subnetIds")
	for j, sn := range subs {
		if j == 2 {
			break
		}
		w.str(a.awsID("subnet", kSubnet, sn))
	}
	w.endArr()
	a.writeGroups(w, a.groupsFor(r, v))
	w.ka("elbListeners")
	if r.bad() {
		w.obj()
		w.ks("sourceProtocol", "HTTP")
		w.ki("sourcePort", 80)
		w.ks("instanceProtocol", "HTTP")
		w.ki("instancePort", 8080)
		w.ka("policies")
		w.endArr()
		w.end()
	}
	w.obj()
	w.ks("sourceProtocol", "HTTPS")
	w.ki("sourcePort", 443)
	w.ks("instanceProtocol", "HTTP")
	w.ki("instancePort", 8080)
	w.ks("sslCertificateId", a.arn("acm", region, "certificate/"+a.uuid(kAcmCertificate, i, 3)))
	w.ka("policies")
	w.obj()
	old := r.bad()
	if old {
		w.ks("name", "ELBSecurityPolicy-2016-08")
	} else {
		w.ks("name", "ELBSecurityPolicy-TLS-1-2-2017-01")
	}
	w.ks("type", "SSLNegotiationPolicyType")
	w.ka("attributes")
	attr := func(n string, on bool) {
		w.obj()
		w.ks("name", n)
		w.ks("value", strconv.FormatBool(on))
		w.end()
	}
	attr("Protocol-SSLv3", false)
	attr("Protocol-TLSv1", old)
	attr("Protocol-TLSv1.1", old)
	attr("Protocol-TLSv1.2", true)
	attr("ECDHE-RSA-AES128-GCM-SHA256", true)
	attr("ECDHE-RSA-AES256-GCM-SHA384", true)
	w.endArr()
	w.end()
	w.endArr()
	w.end()
	w.endArr()
	w.ka("instances")
	for j := range r.IntN(4) {
		w.obj()
		w.ks("id", a.awsID("i", kInstance, r.IntN(max(1, a.c[kInstance]))))
		w.ks("state", pick(r, "InService", "InService", "OutOfService"))
		_ = j
		w.end()
	}
	w.endArr()
	w.ko("accessLog")
	if r.bad() {
		w.kb("enabled", false)
	} else {
		w.kb("enabled", true)
		w.ks("s3BucketName", a.org+"-elb-logs-"+a.id)
		w.ki("emitInterval", 60)
	}
	w.end()
	w.ko("connectionDraining")
	w.kb("enabled", true)
	w.ki("timeout", 300)
	w.end()
	w.kb("crossZoneLoadBalancing", true)
	w.end()
}

// ---------------------------------------------------------------- ALB and NLB

func (a *account) listener(w *jw, r rnd, lbARN, region string, port int, proto string, redirect bool) {
	w.obj()
	w.ks("arn", lbARN+"/"+a.hex(kALB, r.IntN(1<<30), 9, 16))
	w.ki("port", port)
	w.ks("protocol", proto)
	secure := proto == "HTTPS" || proto == "TLS"
	if secure {
		w.ks("sslPolicy", pickBad(r, pick(r, goodTLSPolicies...), pick(r, oldTLSPolicies...)))
	}
	w.ka("certificates")
	if secure {
		w.obj()
		w.ks("arn", a.arn("acm", region, "certificate/"+a.uuid(kAcmCertificate, r.IntN(max(1, a.c[kAcmCertificate])), 1)))
		w.kb("isDefault", true)
		w.kt("expiration", a.ahead(r, 10, 390))
		w.end()
	}
	w.endArr()
	w.ka("defaultActions")
	w.obj()
	if redirect {
		w.ks("type", "redirect")
		w.ko("redirectConfig")
		w.ks("protocol", "HTTPS")
		w.ks("port", "443")
		w.ks("statusCode", "HTTP_301")
		w.end()
	} else {
		w.ks("type", "forward")
		w.ks("targetGroupArn", a.arn("elasticloadbalancing", region, "targetgroup/tg-"+strconv.Itoa(port)+"/"+a.hex(kALB, r.IntN(1<<30), 10, 16)))
	}
	w.end()
	w.endArr()
	w.end()
}

func (a *account) elbv2(w *jw, k kindID, i int) {
	r := a.rnd(k, i)
	v, region := a.network(r)
	app := k == kALB
	name := pick(r, apps...) + "-" + pick(r, envs...) + "-" + strconv.Itoa(i)
	typ, kind := "ApplicationLoadBalancer", "app"
	if !app {
		typ, kind = "NetworkLoadBalancer", "net"
	}
	arn := a.arn("elasticloadbalancing", region, "loadbalancer/"+kind+"/"+name+"/"+a.hex(k, i, 1, 16))
	a.lbFront(w, r, typ, name, arn, region)
	a.fsbpLB(w, k, i, typ, region)
	w.ks("state", "active")
	if app {
		w.ks("ipAddressType", pick(r, "ipv4", "dualstack"))
	}
	if v >= 0 {
		w.ks("vpcId", a.awsID("vpc", kVPC, v))
		w.kraw("vpc", a.vpcSummary(v))
	}
	if app || r.chance(0.3) {
		a.writeGroups(w, a.groupsFor(r, v))
	} else {
		w.ka("securityGroups")
		w.endArr()
		w.ka("inboundRules")
		w.endArr()
		w.ka("outboundRules")
		w.endArr()
	}
	lbARN := a.arn("elasticloadbalancing", region, "listener/"+kind+"/"+name)
	w.ka("listeners")
	if app {
		a.listener(w, r, lbARN, region, 443, "HTTPS", false)
		if r.chance(0.7) {
			a.listener(w, r, lbARN, region, 80, "HTTP", !r.bad())
		}
	} else {
		a.listener(w, r, lbARN, region, pick(r, 443, 2575, 6514), pick(r, "TLS", "TCP"), false)
	}
	w.endArr()
	w.ko("accessLogs")
	if r.bad() {
		w.kb("enabled", false)
	} else {
		w.kb("enabled", true)
		w.ks("s3BucketName", a.org+"-elb-logs-"+a.id)
		w.ks("s3Prefix", kind+"/"+name)
	}
	w.end()
	w.kb("deletionProtection", !r.bad())
	if app {
		w.kb("dropInvalidHeaderFields", !r.bad())
		if r.chance(0.5) {
			w.ks("webAclArn", a.arn("wafv2", region, "regional/webacl/"+name+"/"+a.uuid(k, i, 2)))
		}
	} else {
		w.kb("crossZoneLoadBalancing", r.chance(0.5))
	}
	w.end()
}

func genALB(a *account, w *jw, i int) { a.elbv2(w, kALB, i) }
func genNLB(a *account, w *jw, i int) { a.elbv2(w, kNLB, i) }

// ---------------------------------------------------------------- certificates and CloudFront

func genAcmCertificate(a *account, w *jw, i int) {
	r := a.rnd(kAcmCertificate, i)
	region := a.region(r)
	id := a.uuid(kAcmCertificate, i, 1)
	domain := pick(r, apps...) + "." + a.org + ".example"
	arn := a.arn("acm", region, "certificate/"+id)
	a.head(w, "AcmCertificate", id, domain, arn, region)
	a.tags(w, r, "", "", false)
	w.ks("domainName", domain)
	w.kstrs("subjectAlternativeNames", domain, "www."+domain)
	imported := r.chance(0.1)
	if imported {
		w.ks("certificateType", "IMPORTED")
	} else {
		w.ks("certificateType", "AMAZON_ISSUED")
	}
	var notAfter = a.ahead(r, 35, 395)
	if r.bad() {
		notAfter = a.ahead(r, 1, 29)
	}
	w.ks("status", "ISSUED")
	w.kt("notBefore", notAfter.AddDate(-1, 0, 0))
	w.kt("notAfter", notAfter)
	w.ks("keyAlgorithm", pick(r, "RSA_2048", "EC_prime256v1"))
	w.ka("inUseBy")
	if r.chance(0.7) {
		w.str(a.arn("elasticloadbalancing", region, "loadbalancer/app/"+pick(r, apps...)+"/"+a.hex(kALB, i, 4, 16)))
	}
	w.endArr()
	if imported {
		w.ks("renewalEligibility", "INELIGIBLE")
	} else {
		w.ks("renewalEligibility", "ELIGIBLE")
	}
	w.end()
}

func genCloudFront(a *account, w *jw, i int) {
	r := a.rnd(kCloudFront, i)
	id := "E" + a.upperID("", kCloudFront, i)[:13]
	name := pick(r, apps...) + "-cdn-" + strconv.Itoa(i)
	a.head(w, "CloudFront", id, name, "arn:aws:cloudfront::"+a.id+":distribution/"+id, "global")
	a.tags(w, r, "", "prod", false)
	a.fsbpCloudFront(w, i)
	w.ks("domainName", "d"+a.hex(kCloudFront, i, 2, 13)+".cloudfront.net")
	w.kb("enabled", true)
	custom := r.chance(0.7)
	w.ka("aliases")
	if custom {
		w.str(name + "." + a.org + ".example")
	}
	w.endArr()
	if r.chance(0.5) {
		w.ks("webAclId", "arn:aws:wafv2:us-east-1:"+a.id+":global/webacl/"+name+"/"+a.uuid(kCloudFront, i, 3))
	}
	w.ks("defaultRootObject", "index.html")
	w.ko("defaultCacheBehavior")
	w.ks("viewerProtocolPolicy", pickBad(r, pick(r, "redirect-to-https", "https-only"), "allow-all"))
	w.end()
	w.ka("cacheBehaviors")
	for j := range r.IntN(3) {
		w.obj()
		w.ks("pathPattern", pick(r, "/api/*", "/static/*", "/images/*")+strconv.Itoa(j))
		w.ks("viewerProtocolPolicy", pickBad3(r, "https-only", "redirect-to-https", "allow-all"))
		w.end()
	}
	w.endArr()
	w.ko("viewerCertificate")
	if custom {
		w.ks("minimumProtocolVersion", pickBad(r, "TLSv1.2_2021", pick(r, "TLSv1", "TLSv1.1_2016", "TLSv1_2016")))
		w.ks("sslSupportMethod", "sni-only")
		w.kb("cloudFrontDefaultCertificate", false)
	} else {
		w.ks("minimumProtocolVersion", "TLSv1")
		w.kb("cloudFrontDefaultCertificate", true)
	}
	w.end()
	w.ka("origins")
	w.obj()
	w.ks("id", "origin-"+strconv.Itoa(i))
	if r.chance(0.5) {
		w.ks("domainName", a.org+"-assets."+"s3.amazonaws.com")
		w.ks("originAccessControlId", "E"+a.upperID("", kCloudFront, -1-i)[:13])
	} else {
		w.ks("domainName", name+".elb.amazonaws.com")
		w.ks("originProtocolPolicy", pickBad(r, "https-only", "match-viewer"))
		w.kstrs("originSslProtocols", "TLSv1.2")
	}
	w.end()
	w.endArr()
	w.ko("logging")
	if r.bad() {
		w.kb("enabled", false)
	} else {
		w.kb("enabled", true)
		w.ks("bucket", a.org+"-cdn-logs.s3.amazonaws.com")
	}
	w.end()
	w.end()
}

// ---------------------------------------------------------------- Region

func genRegion(a *account, w *jw, i int) {
	r := a.rnd(kRegion, i)
	code := regions[i%len(regions)]
	optIn := "opt-in-not-required"
	if i >= len(regions)-optInRegions {
		optIn = "not-opted-in"
		if i == len(regions)-optInRegions && r.chance(0.3) {
			optIn = "opted-in"
		}
	}
	a.head(w, "Region", code, code, "", code)
	w.ka("tags")
	w.endArr()
	w.ks("optInStatus", optIn)
	if optIn == "not-opted-in" {
		w.kb("hasCloudTrail", false)
		w.ka("vpcs")
		w.endArr()
		w.end()
		return
	}
	vpcs := a.regionVPC[code]
	flow := true
	for _, v := range vpcs {
		flow = flow && a.vpcSpec(v).flowLogs
	}
	w.kb("hasCloudTrail", true)
	w.kb("hasVpcFLowLogging", flow)
	w.ka("vpcs")
	for _, v := range vpcs {
		w.raw(a.vpcSummary(v))
	}
	w.endArr()
	w.ks("behavior", "ReadOnly")
	ebs := !r.bad()
	w.kb("ebsEncryptionByDefault", ebs)
	if ebs {
		w.ks("ebsDefaultKmsKeyId", a.kmsKey(r, code))
	}
	w.ka("configurationRecorders")
	if !r.bad() {
		w.obj()
		w.ks("name", "default")
		w.ks("roleArn", "arn:aws:iam::"+a.id+":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig")
		w.kb("recording", !r.rare())
		w.ks("lastStatus", pickBad3(r, "SUCCESS", "SUCCESS", "FAILURE"))
		all := !r.bad()
		w.kb("allSupported", all)
		w.kb("includeGlobalResourceTypes", code == homeRegion && all)
		w.ka("resourceTypes")
		if !all {
			w.str("AWS::EC2::Instance")
			w.str("AWS::S3::Bucket")
		}
		w.endArr()
		w.end()
	}
	w.endArr()
	w.ka("accessAnalyzers")
	if !r.bad() {
		w.obj()
		w.ks("name", "account-analyzer")
		w.ks("arn", a.arn("access-analyzer", code, "analyzer/account-analyzer"))
		w.ks("type", pick(r, "ACCOUNT", "ACCOUNT", "ORGANIZATION"))
		w.ks("status", pickBad3(r, "ACTIVE", "ACTIVE", "FAILED"))
		w.end()
	}
	w.endArr()
	w.ko("securityHub")
	if r.bad() {
		w.kb("enabled", false)
	} else {
		w.kb("enabled", true)
		w.ks("hubArn", a.arn("securityhub", code, "hub/default"))
		w.kt("subscribedAt", a.ago(r, 100, 1000))
		w.ka("standards")
		w.obj()
		w.ks("standardsArn", "arn:aws:securityhub:"+code+"::standards/cis-aws-foundations-benchmark/v/5.0.0")
		w.ks("status", "READY")
		w.end()
		w.endArr()
	}
	w.end()
	w.ko("guardDuty")
	if r.bad() {
		w.kb("enabled", false)
	} else {
		w.kb("enabled", true)
		w.ks("detectorId", a.hex(kRegion, i, 4, 32))
		w.ks("status", "ENABLED")
		w.ks("findingPublishingFrequency", pick(r, "FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"))
		a.guardDutyFeatures(w, i)
	}
	w.end()
	w.ko("macie")
	switch {
	case r.bad():
		w.kb("enabled", false)
	default:
		w.kb("enabled", true)
		w.ks("status", pickBad3(r, "ENABLED", "ENABLED", "PAUSED"))
	}
	w.end()
	w.end()
}
