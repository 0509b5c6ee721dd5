package invgen

import (
	"strconv"
	"strings"
)

// managed is an AWS managed policy: name, path and default document.
type managed struct {
	name, path, doc string
}

// awsManaged are the AWS managed policies the generator uses. The first
// ones are the IamPolicy documents of every account.
var awsManaged = []managed{
	{"AdministratorAccess", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
	{"PowerUserAccess", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions"],"Resource":"*"}]}`},
	{"ReadOnlyAccess", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","s3:Get*","s3:List*","iam:Get*","iam:List*","rds:Describe*","cloudwatch:Get*","logs:Get*","kms:Describe*","kms:List*"],"Resource":"*"}]}`},
	{"AmazonSSMManagedInstanceCore", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:DescribeAssociation","ssm:GetDocument","ssm:UpdateInstanceInformation","ssmmessages:*","ec2messages:*"],"Resource":"*"}]}`},
	{"AWSSupportAccess", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*"],"Resource":"*"}]}`},
	{"SecurityAudit", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["acm:Describe*","cloudtrail:Describe*","cloudtrail:GetTrailStatus","config:Describe*","ec2:Describe*","iam:GenerateCredentialReport","iam:Get*","iam:List*","s3:GetBucketPolicy","s3:GetBucketAcl"],"Resource":"*"}]}`},
	{"AWSCloudShellFullAccess", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudshell:*"],"Resource":"*"}]}`},
	{"AmazonS3ReadOnlyAccess", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}`},
	{"CloudWatchAgentServerPolicy", "/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudwatch:PutMetricData","ec2:DescribeVolumes","ec2:DescribeTags","logs:PutLogEvents","logs:DescribeLogStreams","logs:DescribeLogGroups","logs:CreateLogStream","logs:CreateLogGroup"],"Resource":"*"}]}`},
	{"AWSLambdaBasicExecutionRole", "/service-role/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}`},
	{"AWSLambdaVPCAccessExecutionRole", "/service-role/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents","ec2:CreateNetworkInterface","ec2:DescribeNetworkInterfaces","ec2:DeleteNetworkInterface"],"Resource":"*"}]}`},
	{"Billing", "/job-function/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["aws-portal:*Billing","aws-portal:*Usage","aws-portal:*PaymentMethods","budgets:ViewBudget","budgets:ModifyBudget","ce:*","cur:*"],"Resource":"*"}]}`},
	{"NetworkAdministrator", "/job-function/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:*Vpc*","ec2:*Subnet*","ec2:*Gateway*","ec2:*Route*","ec2:*NetworkAcl*","ec2:*SecurityGroup*","elasticloadbalancing:*","route53:*"],"Resource":"*"}]}`},
}

const (
	pAdmin = iota
	pPowerUser
	pReadOnly
	pSSM
	pSupport
	pAudit
	pCloudShell
	pS3Read
	pCWAgent
	pLambdaBasic
	pLambdaVPC
	pBilling
	pNetwork
)

func managedARN(p int) string {
	return "arn:aws:iam::aws:policy" + awsManaged[p].path + awsManaged[p].name
}

// attachManaged writes an AttachedPolicy for AWS managed policy p.
func attachManaged(w *jw, p int) {
	w.obj()
	w.ks("name", awsManaged[p].name)
	w.ks("arn", managedARN(p))
	w.ks("policyType", "Managed")
	w.kraw("policyDocument", []byte(awsManaged[p].doc))
	w.end()
}

// statement writes one policy statement. actions and resources are written
// as a string when there is one of them, as AWS does.
func statement(w *jw, sid, effect string, principal string, actions, resources []string, cond string) {
	w.obj()
	if sid != "" {
		w.ks("Sid", sid)
	}
	w.ks("Effect", effect)
	if principal != "" {
		w.kraw("Principal", []byte(principal))
	}
	strOrList(w, "Action", actions)
	strOrList(w, "Resource", resources)
	if cond != "" {
		w.kraw("Condition", []byte(cond))
	}
	w.end()
}

func strOrList(w *jw, k string, vs []string) {
	if len(vs) == 1 {
		w.ks(k, vs[0])
		return
	}
	w.kstrs(k, vs...)
}

// appPolicy writes the document of a customer managed policy for app:
// least-privilege data access, or, when bad, one of the over-broad shapes
// the rules look for.
func (a *account) appPolicy(w *jw, r rnd, app string, broad int) {
	w.obj()
	w.ks("Version", "2012-10-17")
	w.ka("Statement")
	bucket := "arn:aws:s3:::" + a.org + "-" + app + "-data"
	switch broad {
	case 1: // full admin
		statement(w, "Everything", "Allow", "", []string{"*"}, []string{"*"}, "")
	case 2: // every key
		statement(w, "KeyAccess", "Allow", "", []string{"kms:*"}, []string{"*"}, "")
	}
	statement(w, "DataAccess", "Allow", "", []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket"}, []string{bucket, bucket + "/*"}, "")
	statement(w, "KeyUse", "Allow", "", []string{"kms:Decrypt", "kms:GenerateDataKey"}, []string{a.kmsKey(r, homeRegion)}, "")
	if r.chance(0.4) {
		statement(w, "Queue", "Allow", "", []string{"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"},
			[]string{a.arn("sqs", homeRegion, app+"-jobs")}, "")
	}
	w.endArr()
	w.end()
}

// ---------------------------------------------------------------- root user

// rootFacts are the root user's settings, shared by the root IamUser and
// the Iam document.
type rootFacts struct {
	mfa, virtual, key1, key2, cert bool
}

func (a *account) rootFacts() rootFacts {
	r := a.rnd(kRoot, 0)
	var f rootFacts
	f.mfa = !r.bad()
	f.virtual = f.mfa && r.bad()
	f.key1 = r.rare()
	f.key2 = r.rare() && r.chance(0.3)
	f.cert = r.rare()
	return f
}

// rootDoc returns the root user document (cached per account).
func (a *account) rootDoc() []byte {
	if a.root != nil {
		return a.root
	}
	f := a.rootFacts()
	r := a.rnd(kRoot, 1)
	w := &jw{}
	a.head(w, "IamUser", "<root_account>", "<root_account>", "arn:aws:iam::"+a.id+":root", "global")
	w.ka("tags")
	w.endArr()
	created := a.ago(r, 1500, 3200)
	w.kt("createDate", created)
	w.kb("passwordEnabled", true)
	switch {
	case r.bad(): // the root user signed in this week
		w.kt("passwordLastUsed", a.ago(r, 0.1, 6))
	case r.chance(0.8):
		w.kt("passwordLastUsed", a.ago(r, 40, 400))
	}
	w.kt("passwordLastChanged", a.ago(r, 200, 900))
	w.kb("mfaActive", f.mfa)
	w.kb("virtualMfaEnabled", f.virtual)
	accessKey(w, a, r, "firstAccessKey", f.key1, false)
	accessKey(w, a, r, "secondAccessKey", f.key2, false)
	w.ko("firstCertificate")
	w.kb("isActive", f.cert)
	if f.cert {
		w.kt("lastRotated", a.ago(r, 300, 1200))
	}
	w.end()
	w.ko("secondCertificate")
	w.kb("isActive", false)
	w.end()
	w.end()
	a.root = w.b
	return a.root
}

// accessKey writes an AccessKey; old and unused keys are the failing shapes.
func accessKey(w *jw, a *account, r rnd, k string, active, stale bool) {
	w.ko(k)
	w.kb("isActive", active)
	if active {
		w.ks("id", "AKIA"+strings.ToUpper(a.hex(kIamUser, r.IntN(1<<30), 0xacc, 16)))
		if stale {
			w.kt("lastRotated", a.ago(r, 120, 900))
		} else {
			w.kt("lastRotated", a.ago(r, 1, 80))
		}
		switch {
		case stale && r.chance(0.5): // never used
		case stale:
			w.kt("lastUsedDate", a.ago(r, 100, 400))
			w.ks("lastUsedRegion", homeRegion)
			w.ks("lastUsedService", "s3")
		default:
			w.kt("lastUsedDate", a.ago(r, 0, 5))
			w.ks("lastUsedRegion", pick(r, "us-east-1", "us-west-2", "eu-west-1"))
			w.ks("lastUsedService", pick(r, "s3", "ec2", "sts", "dynamodb", "sqs"))
		}
	}
	w.end()
}

func genRoot(a *account, w *jw, _ int) { w.b = append(w.b, a.rootDoc()...) }

// ---------------------------------------------------------------- Iam

func genIam(a *account, w *jw, _ int) {
	r := a.rnd(kIam, 0)
	f := a.rootFacts()
	a.head(w, "Iam", a.id, a.org+"-"+strconv.Itoa(len(a.id)), "", "global")
	w.ka("tags")
	w.endArr()

	w.ko("passwordPolicy")
	if r.rare() {
		w.kb("enabledInAccount", false)
	} else {
		w.kb("enabledInAccount", true)
		w.ki("minPasswordLength", pickBad(r, 14, 8))
		if !r.bad() {
			w.ki("maxPasswordAge", pick(r, 60, 90))
		} else if r.chance(0.5) {
			w.ki("maxPasswordAge", 180)
		}
		if !r.bad() {
			w.ki("passwordReusePrevention", 24)
		} else if r.chance(0.5) {
			w.ki("passwordReusePrevention", 5)
		}
		w.kb("requireSymbols", !r.bad())
		w.kb("requireNumbers", true)
		w.kb("requireUppercaseCharacter", true)
		w.kb("requireLowercaseCharacter", !r.rare())
		w.kb("allowUsersToChangePassword", true)
		w.kb("expirePasswords", true)
		w.kb("hardExpiry", false)
	}
	w.end()

	c := a.c
	w.ko("stats")
	w.kb("accountMfaEnabled", f.mfa)
	w.kb("accountAccessKeysPresent", f.key1 || f.key2)
	w.kb("accountSigningCertificatesPresent", f.cert)
	w.ki("users", c[kIamUser])
	w.ki("groups", c[kIamGroup])
	w.ki("roles", c[kIamRole])
	w.ki("policies", max(0, c[kIamPolicy]-len(awsManaged)))
	w.ki("mfaDevices", c[kIamUser]*2/3)
	w.ki("mfaDevicesInUse", c[kIamUser]*2/3)
	w.end()

	w.kraw("rootUser", a.rootDoc())
	w.kt("credentialReportGeneratedTime", a.ago(r, 0.01, 0.9))

	w.ka("virtualMfaDevices")
	if f.virtual {
		w.obj()
		w.ks("serialNumber", "arn:aws:iam::"+a.id+":mfa/root-account-mfa-device")
		w.ks("userArn", "arn:aws:iam::"+a.id+":root")
		w.kt("enableDate", a.ago(r, 300, 1500))
		w.end()
	}
	for j := range min(3, c[kIamUser]) {
		w.obj()
		user := userName(a, j)
		w.ks("serialNumber", "arn:aws:iam::"+a.id+":mfa/"+user)
		w.ks("userArn", "arn:aws:iam::"+a.id+":user/"+user)
		w.kt("enableDate", a.ago(r, 30, 900))
		w.end()
	}
	w.endArr()

	w.ka("serverCertificates")
	for j := range 1 + r.IntN(2) {
		name := pick(r, apps...) + "-legacy-" + strconv.Itoa(2022+j)
		w.obj()
		w.ks("serverCertificateName", name)
		w.ks("arn", "arn:aws:iam::"+a.id+":server-certificate/"+name)
		w.kt("uploadDate", a.ago(r, 400, 1200))
		if r.bad() {
			w.kt("expiration", a.ago(r, 1, 300))
		} else {
			w.kt("expiration", a.ahead(r, 30, 700))
		}
		w.end()
	}
	w.endArr()
	w.kstrs("samlProviders", "arn:aws:iam::"+a.id+":saml-provider/"+a.org+"-okta")
	w.ka("openIdConnectProviders")
	if r.chance(0.5) {
		w.str("arn:aws:iam::" + a.id + ":oidc-provider/token.actions.githubusercontent.com")
	}
	w.endArr()

	w.ko("alternateContacts")
	if !r.bad() {
		w.ko("security")
		w.ks("name", "Security Operations")
		w.ks("title", "SecOps")
		w.ks("emailAddress", "secops@"+a.org+".example")
		if !r.bad() {
			w.ks("phoneNumber", "+1-555-0"+strconv.Itoa(100+r.IntN(900)))
		}
		w.end()
	}
	w.ko("billing")
	w.ks("name", "Finance")
	w.ks("emailAddress", "aws-billing@"+a.org+".example")
	w.ks("phoneNumber", "+1-555-0142")
	w.end()
	w.end()
	w.ks("organizationId", "o-"+a.hex(kIam, -1, 0x0, 10))
	w.end()
}

// pickBad returns good, or bad with the fail probability.
func pickBad[T any](r rnd, good, bad T) T {
	if r.bad() {
		return bad
	}
	return good
}

// ---------------------------------------------------------------- users and groups

var groupNames = []string{"Admins", "Developers", "ReadOnly", "Billing", "Support", "Auditors", "DataEngineers", "SecurityOps", "NetworkAdmins"}

// groupPolicy is the managed policy of group g (-1: a customer policy).
var groupPolicy = []int{pAdmin, pPowerUser, pReadOnly, pBilling, pSupport, pAudit, -1, pAudit, pNetwork}

func groupName(g int) string {
	n := groupNames[g%len(groupNames)]
	if g >= len(groupNames) {
		n += strconv.Itoa(g / len(groupNames))
	}
	return n
}

// adminAttached reports whether AdministratorAccess is attached in the
// account (to the Admins group) - a CIS finding when it is.
func (a *account) adminAttached() bool { return a.rnd(kIamPolicy, -2).bad() }

func userName(a *account, i int) string {
	r := a.sub(kIamUser, i, 1)
	if i%4 == 3 {
		return "svc-" + pick(r, apps...) + "-" + strconv.Itoa(i)
	}
	return pick(r, people...) + "." + pick(r, surnames...) + strconv.Itoa(i)
}

func principal(w *jw, id, name, arn string) {
	w.obj()
	w.ks("id", id)
	w.ks("name", name)
	w.ks("arn", arn)
	w.end()
}

func genIamUser(a *account, w *jw, i int) {
	name := userName(a, i)
	r := a.rnd(kIamUser, i)
	human := i%4 != 3
	a.head(w, "IamUser", name, name, "arn:aws:iam::"+a.id+":user/"+name, "global")
	a.tags(w, r, "", "", false)
	w.ks("userId", a.upperID("AIDA", kIamUser, i))
	w.ks("path", "/")
	created := a.ago(r, 10, 2400)
	w.kt("createDate", created)
	w.kb("passwordEnabled", human)
	if human {
		if r.bad() {
			if r.chance(0.7) {
				w.kt("passwordLastUsed", a.ago(r, 95, 500))
			}
		} else {
			w.kt("passwordLastUsed", a.ago(r, 0, 30))
		}
		w.kt("passwordLastChanged", a.ago(r, 5, 80))
		mfa := !r.bad()
		w.kb("mfaActive", mfa)
		w.kb("virtualMfaEnabled", mfa && r.chance(0.8))
	} else {
		w.kb("mfaActive", false)
		w.kb("virtualMfaEnabled", false)
	}
	key1 := !human || r.chance(0.3)
	accessKey(w, a, r, "firstAccessKey", key1, key1 && r.bad())
	key2 := key1 && r.rare()
	accessKey(w, a, r, "secondAccessKey", key2, key2 && r.bad())
	w.ko("firstCertificate")
	w.kb("isActive", false)
	w.end()
	w.ko("secondCertificate")
	w.kb("isActive", false)
	w.end()

	direct := r.bad()
	w.ka("managedPolicies")
	if direct && r.chance(0.5) {
		attachManaged(w, pick(r, pS3Read, pReadOnly, pCloudShell))
	}
	w.endArr()
	w.ka("inlinePolicies")
	if direct {
		w.obj()
		w.ks("name", name+"-inline")
		w.ks("policyType", "Inline")
		w.key("policyDocument")
		a.appPolicy(w, r, pick(r, apps...), 0)
		w.end()
	}
	w.endArr()
	groups := a.c[kIamGroup]
	var gs []int
	if groups > 0 {
		gs = append(gs, r.IntN(groups))
		if r.chance(0.3) && groups > 1 {
			if g := r.IntN(groups); g != gs[0] {
				gs = append(gs, g)
			}
		}
	}
	w.ka("attachedGroups")
	for _, g := range gs {
		w.obj()
		w.ks("type", "IamGroup")
		w.ks("id", groupName(g))
		w.ks("name", groupName(g))
		w.ks("arn", "arn:aws:iam::"+a.id+":group/"+groupName(g))
		w.end()
	}
	w.endArr()
	w.ka("combinedPolicies")
	for _, g := range gs {
		if p := groupPolicy[g%len(groupPolicy)]; p >= 0 && (p != pAdmin || a.adminAttached()) {
			attachManaged(w, p)
		}
	}
	w.endArr()
	if r.chance(0.1) {
		w.ks("permissionsBoundary", "arn:aws:iam::"+a.id+":policy/boundary-developer")
	}
	w.end()
}

func genIamGroup(a *account, w *jw, i int) {
	r := a.rnd(kIamGroup, i)
	name := groupName(i)
	a.head(w, "IamGroup", name, name, "arn:aws:iam::"+a.id+":group/"+name, "global")
	w.ka("tags")
	w.endArr()
	w.ks("groupId", a.upperID("AGPA", kIamGroup, i))
	w.ks("path", "/")
	w.kt("createDate", a.ago(r, 400, 2500))
	w.ka("users")
	if n := a.c[kIamUser]; n > 0 {
		for range 1 + r.IntN(min(n, 6)) {
			u := r.IntN(n)
			principal(w, a.upperID("AIDA", kIamUser, u), userName(a, u), "arn:aws:iam::"+a.id+":user/"+userName(a, u))
		}
	}
	w.endArr()
	p := groupPolicy[i%len(groupPolicy)]
	w.ka("managedPolicies")
	if p >= 0 && (p != pAdmin || a.adminAttached()) {
		attachManaged(w, p)
	}
	w.endArr()
	w.ka("inlinePolicies")
	if p < 0 {
		w.obj()
		w.ks("name", name+"-data")
		w.ks("policyType", "Inline")
		w.key("policyDocument")
		a.appPolicy(w, r, "analytics", 0)
		w.end()
	}
	w.endArr()
	w.ka("combinedPolicies")
	if p >= 0 && (p != pAdmin || a.adminAttached()) {
		attachManaged(w, p)
	}
	w.endArr()
	w.end()
}

// ---------------------------------------------------------------- roles

// instanceRoles is the number of roles (after the support role) used as
// EC2 instance profiles and Lambda execution roles.
const instanceRoles = 17

// roleSpec is what a role's document and its embedded summaries share.
type roleSpec struct {
	name, trust string
	path        string
	policies    []int // AWS managed policies
	appPolicy   string
	saml        bool
	linked      bool
}

func (a *account) roleSpec(i int) roleSpec {
	r := a.sub(kIamRole, i, 1)
	app := pick(r, apps...)
	switch {
	case i == 0:
		s := roleSpec{name: "aws-support-access", trust: `{"AWS":"arn:aws:iam::` + a.id + `:root"}`, path: "/"}
		if !r.bad() {
			s.policies = []int{pSupport}
		}
		return s
	case i <= 8:
		return roleSpec{name: app + "-instance-" + strconv.Itoa(i), trust: `{"Service":"ec2.amazonaws.com"}`, path: "/",
			policies: []int{pSSM, pCWAgent}, appPolicy: app + "-data-access"}
	case i < instanceRoles:
		return roleSpec{name: app + "-lambda-" + strconv.Itoa(i), trust: `{"Service":"lambda.amazonaws.com"}`, path: "/service-role/",
			policies: []int{pLambdaVPC}, appPolicy: app + "-data-access"}
	case i%10 == 3:
		return roleSpec{name: pick(r, "SSO-Admin", "SSO-Developer", "SSO-ReadOnly", "SSO-Billing") + "-" + strconv.Itoa(i),
			trust: `{"Federated":"arn:aws:iam::` + a.id + `:saml-provider/` + a.org + `-okta"}`, path: "/", saml: true,
			policies: []int{pick(r, pReadOnly, pPowerUser, pAudit)}}
	case i%10 == 5:
		svc := pick(r, "elasticloadbalancing", "rds", "autoscaling", "ecs", "guardduty", "config", "organizations")
		return roleSpec{name: "AWSServiceRoleFor" + strings.ToUpper(svc[:1]) + svc[1:] + strconv.Itoa(i),
			trust: `{"Service":"` + svc + `.amazonaws.com"}`, path: "/aws-service-role/" + svc + ".amazonaws.com/", linked: true}
	default:
		svc := pick(r, "ecs-tasks", "lambda", "glue", "states", "codebuild", "events")
		return roleSpec{name: app + "-" + svc + "-" + strconv.Itoa(i), trust: `{"Service":"` + svc + `.amazonaws.com"}`, path: "/",
			policies: []int{pick(r, pS3Read, pCWAgent, pLambdaBasic)}, appPolicy: app + "-" + svc}
	}
}

func (a *account) roleARN(s roleSpec) string {
	return "arn:aws:iam::" + a.id + ":role" + s.path + s.name
}

// rolePolicies writes managedPolicies (and, with combined, combinedPolicies).
func (a *account) rolePolicies(w *jw, r rnd, s roleSpec, key string) {
	w.ka(key)
	for _, p := range s.policies {
		attachManaged(w, p)
	}
	if s.appPolicy != "" {
		w.obj()
		w.ks("name", s.appPolicy)
		w.ks("arn", "arn:aws:iam::"+a.id+":policy/"+s.appPolicy)
		w.ks("policyType", "Managed")
		w.key("policyDocument")
		a.appPolicy(w, r, strings.SplitN(s.appPolicy, "-", 2)[0], 0)
		w.end()
	}
	w.endArr()
}

// roleSummary returns role i as embedded in instances and functions.
func (a *account) roleSummary(i int) []byte {
	if i < len(a.roles) && a.roles[i] != nil {
		return a.roles[i]
	}
	s := a.roleSpec(i)
	w := &jw{}
	w.obj()
	w.ks("type", "IamRole")
	w.ks("id", s.name)
	w.ks("name", s.name)
	w.ks("arn", a.roleARN(s))
	a.rolePolicies(w, a.sub(kIamRole, i, 2), s, "managedPolicies")
	w.end()
	if i < len(a.roles) {
		a.roles[i] = w.b
	}
	return w.b
}

func genIamRole(a *account, w *jw, i int) {
	s := a.roleSpec(i)
	r := a.rnd(kIamRole, i)
	a.head(w, "IamRole", s.name, s.name, a.roleARN(s), "global")
	a.tags(w, r, "", "", false)
	w.ks("roleId", a.upperID("AROA", kIamRole, i))
	w.ks("path", s.path)
	w.ks("description", "Role for "+s.name)
	w.kt("createDate", a.ago(r, 20, 2000))
	session := 3600
	if s.saml && r.bad() {
		session = 43200
	} else if r.chance(0.1) {
		session = 7200
	}
	w.ki("maxSessionDuration", session)
	w.ko("assumeRolePolicyDocument")
	w.ks("Version", "2012-10-17")
	w.ka("Statement")
	action := "sts:AssumeRole"
	cond := ""
	if s.saml {
		action = "sts:AssumeRoleWithSAML"
		cond = `{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}`
	}
	statement(w, "", "Allow", s.trust, []string{action}, nil, cond)
	w.endArr()
	w.end()
	pr := a.sub(kIamRole, i, 2) // the same documents as the summary
	a.rolePolicies(w, pr, s, "managedPolicies")
	w.ka("inlinePolicies")
	inline := !s.linked && r.chance(0.15)
	if inline {
		w.obj()
		w.ks("name", s.name+"-inline")
		w.ks("policyType", "Inline")
		w.key("policyDocument")
		a.appPolicy(w, r, pick(r, apps...), 0)
		w.end()
	}
	w.endArr()
	pr = a.sub(kIamRole, i, 2)
	a.rolePolicies(w, pr, s, "combinedPolicies")
	if !s.linked && r.chance(0.1) {
		w.ks("permissionsBoundary", "arn:aws:iam::"+a.id+":policy/boundary-workload")
	}
	if r.chance(0.85) {
		w.ko("roleLastUsed")
		w.kt("lastUsedDate", a.ago(r, 0, 60))
		w.ks("region", a.region(r))
		w.end()
	}
	w.kb("isServiceLinked", s.linked)
	w.end()
}

// ---------------------------------------------------------------- policies

func genIamPolicy(a *account, w *jw, i int) {
	r := a.rnd(kIamPolicy, i)
	admin := a.adminAttached()
	if i < len(awsManaged) {
		m := awsManaged[i]
		a.head(w, "IamPolicy", m.name, m.name, managedARN(i), "global")
		w.ka("tags")
		w.endArr()
		w.ks("policyId", a.upperID("ANPA", kIamPolicy, -1-i))
		w.ks("path", m.path)
		w.ks("description", "AWS managed policy "+m.name)
		w.kb("isAwsManaged", true)
		w.kb("isAttachable", true)
		var groups, roles, users int
		switch i {
		case pAdmin:
			if admin {
				groups = 1
			}
		case pCloudShell:
			if r.bad() {
				users = 1
			}
		case pSupport:
			roles, groups = 1, 1
		default:
			roles = r.IntN(min(8, a.c[kIamRole]+1))
			groups = r.IntN(2)
		}
		w.ki("attachmentCount", groups+roles+users)
		w.ks("defaultVersionId", "v"+strconv.Itoa(1+r.IntN(9)))
		w.kt("createDate", a.ago(r, 2500, 3800))
		w.kt("updateDate", a.ago(r, 30, 900))
		w.kraw("document", []byte(m.doc))
		w.ka("users")
		for u := range min(users, a.c[kIamUser]) {
			principal(w, a.upperID("AIDA", kIamUser, u), userName(a, u), "arn:aws:iam::"+a.id+":user/"+userName(a, u))
		}
		w.endArr()
		w.ka("groups")
		if groups > 0 {
			g := i
			for j, p := range groupPolicy {
				if p == i {
					g = j
				}
			}
			principal(w, a.upperID("AGPA", kIamGroup, g), groupName(g), "arn:aws:iam::"+a.id+":group/"+groupName(g))
		}
		w.endArr()
		w.ka("roles")
		for j := range min(roles, a.c[kIamRole]) {
			s := a.roleSpec(j)
			principal(w, a.upperID("AROA", kIamRole, j), s.name, a.roleARN(s))
		}
		w.endArr()
		w.end()
		return
	}
	app := pick(r, apps...)
	name := app + "-" + pick(r, "data-access", "deploy", "readers", "operators", "kms-usage") + "-" + strconv.Itoa(i)
	a.head(w, "IamPolicy", name, name, "arn:aws:iam::"+a.id+":policy/"+name, "global")
	a.tags(w, r, "", "", false)
	w.ks("policyId", a.upperID("ANPA", kIamPolicy, i))
	w.ks("path", "/")
	w.ks("description", "Access for "+app)
	w.kb("isAwsManaged", false)
	w.kb("isAttachable", true)
	roles := 0
	if r.chance(0.8) {
		roles = 1 + r.IntN(3)
	}
	roles = min(roles, a.c[kIamRole])
	w.ki("attachmentCount", roles)
	w.ks("defaultVersionId", "v"+strconv.Itoa(1+r.IntN(5)))
	w.kt("createDate", a.ago(r, 100, 1800))
	w.kt("updateDate", a.ago(r, 1, 90))
	broad := 0
	if r.bad() {
		broad = 1 + r.IntN(2)
	}
	w.key("document")
	a.appPolicy(w, r, app, broad)
	w.ka("users")
	w.endArr()
	w.ka("groups")
	w.endArr()
	w.ka("roles")
	for range roles {
		j := r.IntN(a.c[kIamRole])
		s := a.roleSpec(j)
		principal(w, a.upperID("AROA", kIamRole, j), s.name, a.roleARN(s))
	}
	w.endArr()
	w.end()
}
