package invgen

import (
	"strconv"
	"strings"
	"time"
)

var (
	instanceTypes = []string{"t3.micro", "t3.medium", "t3.large", "m6i.large", "m6i.xlarge", "m7g.large", "c6i.2xlarge", "r6i.xlarge", "c7g.xlarge", "m5.large"}
	volumeTypes   = []string{"gp3", "gp3", "gp3", "gp2", "io2", "st1"}
	runtimes      = []string{"python3.12", "python3.11", "nodejs20.x", "nodejs18.x", "java21", "provided.al2023", "go1.x"}
)

// ---------------------------------------------------------------- Instance

// placement is where instance i lives; its volumes derive it too.
type placement struct {
	id, region, az string
	vpc, subnet    int
}

func (a *account) placement(i int) placement {
	r := a.sub(kInstance, i, 1)
	p := placement{id: a.awsID("i", kInstance, i), vpc: -1, subnet: -1}
	if nv := a.c[kVPC]; nv > 0 {
		// Busy VPCs hold more instances: a skewed pick.
		p.vpc = min(nv-1, int(float64(nv)*r.Float64()*r.Float64()))
		if subs := a.subnetsOf(p.vpc); len(subs) > 0 {
			p.subnet = subs[r.IntN(len(subs))]
		}
	}
	if p.subnet >= 0 {
		s := a.subnetSpec(p.subnet)
		p.region, p.az = s.region, s.az
	} else if p.vpc >= 0 {
		p.region = a.vpcRegion(p.vpc)
		p.az = p.region + "a"
	} else {
		p.region = a.region(r)
		p.az = p.region + "b"
	}
	return p
}

// volumesOf lists the volumes attached to instance i: volume i (the root
// volume) and, for every seventh instance, one of the extra volumes.
func (a *account) volumesOf(i int) []int {
	var vs []int
	if i < a.c[kVolume] {
		vs = append(vs, i)
	}
	if j := a.c[kInstance] + i/7; i%7 == 0 && j < a.c[kVolume] {
		vs = append(vs, j)
	}
	return vs
}

// attachedTo returns the instance volume j is attached to, or -1.
func (a *account) attachedTo(j int) int {
	ni := a.c[kInstance]
	if j < ni {
		return j
	}
	if i := (j - ni) * 7; i < ni {
		return i
	}
	return -1
}

// ip returns an address in the /20 cidr ("A.B.C.0/20").
func (a *account) ip(r rnd, cidr string) string {
	parts := strings.SplitN(cidr, ".", 4)
	if len(parts) < 4 {
		return "10.0.0." + strconv.Itoa(4+r.IntN(250))
	}
	third, _ := strconv.Atoi(parts[2])
	return parts[0] + "." + parts[1] + "." + strconv.Itoa(third+r.IntN(16)) + "." + strconv.Itoa(4+r.IntN(250))
}

func publicIP(r rnd) string {
	return strconv.Itoa(pick(r, 3, 18, 34, 44, 52, 54)) + "." + strconv.Itoa(r.IntN(256)) + "." + strconv.Itoa(r.IntN(256)) + "." + strconv.Itoa(1+r.IntN(254))
}

func genInstance(a *account, w *jw, i int) {
	r := a.rnd(kInstance, i)
	p := a.placement(i)
	name, app, env := appName(r, i)
	phi := r.chance(0.25)
	a.head(w, "Instance", p.id, name, a.arn("ec2", p.region, "instance/"+p.id), p.region)
	a.tags(w, r, name, env, phi)
	a.fsbpInstance(w, i)
	w.ks("instanceType", pick(r, instanceTypes...))
	nAMI := max(1, a.c[kAMI])
	w.ks("image", a.awsID("ami", kAMI, r.IntN(nAMI)))
	windows := r.chance(0.1)
	w.ko("imageDetails")
	if windows {
		w.ks("name", "Windows_Server-2022-English-Full-Base-2025.05.14")
		w.ks("ownerId", "801119661308")
	} else {
		w.ks("name", "al2023-ami-2023.7.20250512.0-kernel-6.1-x86_64")
		w.ks("ownerId", "137112412989")
	}
	w.kt("creationDate", a.ago(r, 30, 700))
	w.kb("isPublic", true)
	w.end()
	if windows {
		w.ks("platform", "windows")
	}
	w.ks("architecture", pick(r, "x86_64", "x86_64", "arm64"))
	w.kt("launchTime", a.ago(r, 0.5, 900))
	state := "running"
	switch x := r.IntN(100); {
	case x < 9:
		state = "stopped"
	case x < 11:
		state = "terminated"
	case x < 12:
		state = "pending"
	}
	w.ks("state", state)
	w.kb("isRunning", state == "running")
	public := r.chance(0.12) || (phi && r.bad())
	w.kb("isPublic", public)
	cidr := "10.0.0.0/20"
	if p.subnet >= 0 {
		cidr = a.subnetSpec(p.subnet).cidr
	}
	priv := a.ip(r, cidr)
	pub := ""
	if public {
		pub = publicIP(r)
		w.ks("publicIpAddress", pub)
	}
	w.ks("privateIpAddress", priv)
	w.ks("privateDnsName", "ip-"+dashed(priv)+".ec2.internal")
	if p.subnet >= 0 {
		w.ks("subnetId", a.awsID("subnet", kSubnet, p.subnet))
	}
	if p.vpc >= 0 {
		w.ks("vpcId", a.awsID("vpc", kVPC, p.vpc))
	}
	role := -1
	if nr := min(a.c[kIamRole], 9); nr > 1 && !r.bad() {
		role = 1 + r.IntN(nr-1)
		s := a.roleSpec(role)
		w.ks("profileArn", "arn:aws:iam::"+a.id+":instance-profile/"+s.name)
	}
	w.ka("roles")
	if role >= 0 {
		w.raw(a.roleSummary(role))
	}
	w.endArr()
	gs := a.groupsFor(r, p.vpc)
	w.ka("nics")
	w.obj()
	w.ks("id", a.awsID("eni", kInstance, i))
	w.ks("description", "Primary network interface")
	w.ks("privateIpAddress", priv)
	if pub != "" {
		w.ks("publicIpAddress", pub)
	}
	w.ka("ipv6Addresses")
	w.endArr()
	if p.subnet >= 0 {
		w.kraw("subnet", a.subnetSummary(p.subnet))
	}
	w.ka("securityGroups")
	for _, s := range gs {
		sp := a.sgSpec(s)
		w.obj()
		w.ks("type", "SecurityGroup")
		w.ks("id", sp.id)
		w.ks("name", sp.name)
		w.end()
	}
	w.endArr()
	w.end()
	w.endArr()
	a.writeGroups(w, gs)
	w.ka("volumes")
	for _, j := range a.volumesOf(i) {
		a.volume(w, j)
	}
	w.endArr()
	if p.vpc >= 0 {
		w.kraw("vpc", a.vpcSummary(p.vpc))
	}
	w.ko("metadataOptions")
	w.ks("httpTokens", pickBad(r, "required", "optional"))
	w.ks("httpEndpoint", pickBad3(r, "enabled", "enabled", "disabled"))
	w.ki("httpPutResponseHopLimit", pick(r, 1, 2))
	w.ks("httpProtocolIpv6", "disabled")
	w.ks("instanceMetadataTags", pick(r, "disabled", "enabled"))
	w.end()
	w.ks("monitoring", pick(r, "enabled", "disabled"))
	w.kb("ebsOptimized", r.chance(0.8))
	w.kb("sourceDestCheck", true)
	w.ks("keyName", app+"-"+env)
	if r.bad() {
		if r.chance(0.5) {
			w.ko("ssm")
			w.kb("isManaged", false)
			w.end()
		}
	} else {
		w.ko("ssm")
		w.kb("isManaged", true)
		w.ks("pingStatus", "Online")
		w.ks("agentVersion", "3.3."+strconv.Itoa(1000+r.IntN(1000))+".0")
		w.ks("patchComplianceStatus", pickBad(r, "COMPLIANT", "NON_COMPLIANT"))
		w.end()
	}
	w.end()
}

// pickBad3 is pickBad with a third, rarer bad value.
func pickBad3[T any](r rnd, good, bad, rare T) T {
	switch {
	case r.rare():
		return rare
	case r.bad():
		return bad
	}
	return good
}

func dashed(ip string) string {
	b := []byte(ip)
	for i, c := range b {
		if c == '.' {
			b[i] = '-'
		}
	}
	return string(b)
}

// ---------------------------------------------------------------- Volume

// volume writes volume j; the same bytes are the Volume document and the
// element of its instance's volumes.
func (a *account) volume(w *jw, j int) {
	r := a.rnd(kVolume, j)
	inst := a.attachedTo(j)
	var p placement
	if inst >= 0 {
		p = a.placement(inst)
	} else {
		p.region = a.region(r)
		p.az = p.region + "c"
	}
	id := a.awsID("vol", kVolume, j)
	root := j < a.c[kInstance]
	name := "data-" + strconv.Itoa(j)
	if root {
		name = "root-" + strconv.Itoa(j)
	}
	a.head(w, "Volume", id, name, a.arn("ec2", p.region, "volume/"+id), p.region)
	a.tags(w, r, name, "", false)
	w.ks("volumeId", id)
	enc := !r.bad()
	w.kb("encrypted", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, p.region))
	}
	size := 8 << r.IntN(6)
	w.ki("size", size)
	vt := pick(r, volumeTypes...)
	w.ks("volumeType", vt)
	if vt == "gp3" || vt == "io2" {
		w.ki("iops", 3000+r.IntN(4)*1000)
	}
	created := a.ago(r, 1, 1000)
	if inst >= 0 {
		w.ks("state", "in-use")
	} else {
		w.ks("state", "available")
	}
	w.ks("availabilityZone", p.az)
	if r.chance(0.3) {
		w.ks("snapshotId", a.awsID("snap", kEbsSnapshot, r.IntN(max(1, a.c[kEbsSnapshot]))))
	}
	w.kt("createTime", created)
	w.ka("attachments")
	if inst >= 0 {
		w.obj()
		w.ks("instanceId", p.id)
		if root {
			w.ks("device", "/dev/xvda")
		} else {
			w.ks("device", "/dev/sdf")
		}
		w.ks("state", "attached")
		w.kb("deleteOnTermination", root)
		w.kt("attachTime", created.Add(time.Minute))
		w.end()
	}
	w.endArr()
	w.end()
}

func genVolume(a *account, w *jw, j int) { a.volume(w, j) }

// ---------------------------------------------------------------- snapshots and images

func genEbsSnapshot(a *account, w *jw, i int) {
	r := a.rnd(kEbsSnapshot, i)
	id := a.awsID("snap", kEbsSnapshot, i)
	region := a.region(r)
	name := pick(r, apps...) + "-" + pick(r, "nightly", "weekly", "pre-upgrade", "migration") + "-" + strconv.Itoa(i)
	a.head(w, "EbsSnapshot", id, name, a.arn("ec2", region, "snapshot/"+id), region)
	a.tags(w, r, name, "", false)
	w.ks("snapshotId", id)
	w.ks("volumeId", a.awsID("vol", kVolume, r.IntN(max(1, a.c[kVolume]))))
	w.ki("volumeSize", 8<<r.IntN(6))
	enc := !r.bad()
	w.kb("encrypted", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.kb("isPublic", r.rare())
	w.ks("state", pickBad3(r, "completed", "completed", "error"))
	w.kt("startTime", a.ago(r, 0, 700))
	w.ks("ownerId", a.id)
	w.end()
}

func genAMI(a *account, w *jw, i int) {
	r := a.rnd(kAMI, i)
	id := a.awsID("ami", kAMI, i)
	region := a.region(r)
	name := pick(r, apps...) + "-golden-" + a.ago(r, 1, 600).Format("20060102")
	a.head(w, "AMI", id, name, a.arn("ec2", region, "image/"+id), region)
	a.tags(w, r, name, "", false)
	w.ks("imageId", id)
	w.kb("isPublic", r.rare())
	w.ks("ownerId", a.id)
	w.kt("creationDate", a.ago(r, 1, 900))
	w.ks("state", "available")
	if r.chance(0.1) {
		w.ks("platform", "windows")
	}
	w.kb("encrypted", !r.bad())
	w.end()
}

// ---------------------------------------------------------------- Lambda

func genLambda(a *account, w *jw, i int) {
	r := a.rnd(kLambda, i)
	region := a.region(r)
	name, app, env := appName(r, i)
	phi := r.chance(0.2)
	arn := a.arn("lambda", region, "function:"+name)
	a.head(w, "Lambda", name, name, arn, region)
	a.tags(w, r, "", env, phi)
	image := r.chance(0.1)
	if !image {
		w.ks("runtime", pick(r, runtimes...))
		w.ks("handler", "main.handler")
		w.ks("packageType", "Zip")
	} else {
		w.ks("packageType", "Image")
	}
	w.ki("memorySize", 128<<r.IntN(5))
	w.ki("timeout", pick(r, 3, 30, 60, 300, 900))
	w.kt("lastModified", a.ago(r, 0, 500))
	if n := a.c[kIamRole]; n > 9 {
		w.kraw("executionRole", a.roleSummary(9+r.IntN(min(n, instanceRoles)-9)))
	}
	public := false
	if r.chance(0.4) {
		src := pick(r, "s3.amazonaws.com", "events.amazonaws.com", "apigateway.amazonaws.com", "sns.amazonaws.com")
		w.ko("policyDocument")
		w.ks("Version", "2012-10-17")
		w.ks("Id", "default")
		w.ka("Statement")
		if r.chance(0.15) {
			statement(w, "CrossAccountInvoke", "Allow", `{"AWS":"arn:aws:iam::`+strconv.Itoa(100000000000+r.IntN(900000000000))+`:root"}`,
				[]string{"lambda:InvokeFunction"}, []string{arn}, "")
		}
		if r.rare() {
			public = true
			statement(w, "PublicInvoke", "Allow", `"*"`, []string{"lambda:InvokeFunction"}, []string{arn}, "")
		} else {
			statement(w, "Invoke", "Allow", `{"Service":"`+src+`"}`, []string{"lambda:InvokeFunction"}, []string{arn},
				a.invokeCondition(i, "arn:aws:"+src[:len(src)-len(".amazonaws.com")]+":"+region+":"+a.id+":*"))
		}
		w.endArr()
		w.end()
	}
	if r.chance(0.1) {
		auth := pickBad(r, "AWS_IAM", "NONE")
		public = public || auth == "NONE"
		w.ko("functionUrl")
		w.ks("url", "https://"+a.hex(kLambda, i, 3, 32)+".lambda-url."+region+".on.aws/")
		w.ks("authType", auth)
		w.end()
	}
	w.kb("isPublic", public)
	if inVPC := (phi && !r.bad()) || (!phi && r.chance(0.4)); inVPC && a.c[kVPC] > 0 {
		v := r.IntN(a.c[kVPC])
		w.ko("vpcConfig")
		w.ks("vpcId", a.awsID("vpc", kVPC, v))
		w.ka("subnetIds")
		for j, sn := range a.subnetsOf(v) {
			if j == 2 {
				break
			}
			w.str(a.awsID("subnet", kSubnet, sn))
		}
		w.endArr()
		w.ka("securityGroupIds")
		for _, s := range a.groupsFor(r, v) {
			w.str(a.awsID("sg", kSecurityGroup, s))
		}
		w.endArr()
		w.end()
	}
	w.ko("environment")
	w.ko("variables")
	w.ks("APP", app)
	w.ks("STAGE", env)
	w.ks("LOG_LEVEL", pick(r, "info", "warn", "debug"))
	w.end()
	w.end()
	if (phi && !r.bad()) || (!phi && r.chance(0.2)) {
		w.ks("kmsKeyArn", a.kmsKey(r, region))
	}
	w.ko("tracingConfig")
	w.ks("mode", pick(r, "Active", "PassThrough"))
	w.end()
	if r.chance(0.3) {
		w.ks("deadLetterTargetArn", a.arn("sqs", region, app+"-dlq"))
	}
	if r.chance(0.2) {
		w.ki("reservedConcurrentExecutions", 5*(1+r.IntN(20)))
	}
	w.ka("layers")
	if r.chance(0.2) {
		w.str(a.arn("lambda", region, "layer:"+app+"-deps:"+strconv.Itoa(1+r.IntN(30))))
	}
	w.endArr()
	w.end()
}
