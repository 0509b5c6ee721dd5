package peers

// Rule is one shipped rule with its hand translations. The expressions are
// true when the resource violates the rule (the GSL rule fails). They are
// evaluated only over documents of the rule's target type; the GSL where
// clause is part of each translation.
//
// expr and CEL see the document as r and the evaluation clock as clock
// (expr, a time.Time) or now (CEL, a timestamp). expr has list(x), and CEL
// items(x), giving a list for a list and a one-element list for any other
// value (GSL reads a scalar as a one-element list). Rego sees the document
// as input and the clock as now_ns; Rego is a complete rule whose head is
// the rule's name (see RegoName), helper rules included.
type Rule struct {
	ID   string // the shipped rule id
	GSL  string // the logic as shipped (checked against the bundle)
	Expr string
	CEL  string
	Rego string
}

// Rules are the translated rules: thirty-four rules of the HIPAA and CIS
// bundles, with as many rules per Instance document as the shipped bundles
// have (Instance and Volume documents are three quarters of an inventory),
// covering equality, boolean and numeric tests, like, regular
// expressions, in-lists, missing properties, truthiness, isEmpty(), time
// functions, nested array operators, with-filters and scalar-or-list
// policy fields.
var Rules = []Rule{
	{
		ID:   "HIPAA-001",
		GSL:  `Instance where tags contain [key = 'contains_phi' and value = 'true'] should have volumes = volumes and volumes contain-all [encrypted = true]`,
		Expr: `any(r.tags ?? [], .key == "contains_phi" && .value == "true") && (!("volumes" in r) || !all(r.volumes ?? [], .encrypted == true))`,
		CEL:  `r.?tags.orValue([]).exists(t, t.?key.orValue('') == 'contains_phi' && t.?value.orValue('') == 'true') && (!has(r.volumes) || !r.?volumes.orValue([]).all(v, v.?encrypted.orValue(false) == true))`,
		Rego: `hipaa_001 if {
	hipaa_001_tagged
	not "volumes" in object.keys(input)
}

hipaa_001 if {
	hipaa_001_tagged
	some v in object.get(input, "volumes", [])
	not v.encrypted == true
}

hipaa_001_tagged if {
	some t in object.get(input, "tags", [])
	t.key == "contains_phi"
	t.value == "true"
}`,
	},
	{
		ID:   "HIPAA-002",
		GSL:  `Volume should have encrypted = true`,
		Expr: `r.encrypted != true`,
		CEL:  `r.?encrypted.orValue(false) != true`,
		Rego: `hipaa_002 if not input.encrypted == true`,
	},
	{
		ID:   "HIPAA-005",
		GSL:  `RDS should have isStorageEncrypted = true and kmsKeyId like 'arn:aws%:kms:%'`,
		Expr: `!(r.isStorageEncrypted == true && (r.kmsKeyId ?? "") matches "(?is)^arn:aws.*:kms:")`,
		CEL:  `!(r.?isStorageEncrypted.orValue(false) == true && r.?kmsKeyId.orValue('').matches('(?is)^arn:aws.*:kms:'))`,
		Rego: `hipaa_005 if not hipaa_005_ok

hipaa_005_ok if {
	input.isStorageEncrypted == true
	regex.match("(?is)^arn:aws.*:kms:", input.kmsKeyId)
}`,
	},
	{
		ID:   "HIPAA-006",
		GSL:  `S3Bucket should have encryption.serverSideEncryptionRules contain [serverSideEncryptionByDefault.serverSideEncryptionAlgorithm in ('AES256', 'aws:kms', 'aws:kms:dsse')]`,
		Expr: `!any(r.encryption?.serverSideEncryptionRules ?? [], .serverSideEncryptionByDefault?.serverSideEncryptionAlgorithm in ["AES256", "aws:kms", "aws:kms:dsse"])`,
		CEL:  `!r.?encryption.?serverSideEncryptionRules.orValue([]).exists(x, x.?serverSideEncryptionByDefault.?serverSideEncryptionAlgorithm.orValue('') in ['AES256', 'aws:kms', 'aws:kms:dsse'])`,
		Rego: `hipaa_006 if not hipaa_006_ok

hipaa_006_ok if {
	some x in object.get(input, ["encryption", "serverSideEncryptionRules"], [])
	x.serverSideEncryptionByDefault.serverSideEncryptionAlgorithm in {"AES256", "aws:kms", "aws:kms:dsse"}
}`,
	},
	{
		ID:   "HIPAA-012",
		GSL:  `SqsQueue should have kmsMasterKeyId or sqsManagedSseEnabled = true`,
		Expr: `!((r.kmsMasterKeyId ?? "") != "" || r.sqsManagedSseEnabled == true)`,
		CEL:  `!(r.?kmsMasterKeyId.orValue('') != '' || r.?sqsManagedSseEnabled.orValue(false) == true)`,
		Rego: `hipaa_012 if not hipaa_012_ok

hipaa_012_ok if input.kmsMasterKeyId != ""

hipaa_012_ok if input.sqsManagedSseEnabled == true`,
	},
	{
		ID:   "HIPAA-015",
		GSL:  `KMS where isCustomerManaged = true and keyState = 'Enabled' and (keySpec = 'SYMMETRIC_DEFAULT' or not keySpec) should have rotationStatus = true`,
		Expr: `r.isCustomerManaged == true && r.keyState == "Enabled" && (r.keySpec == "SYMMETRIC_DEFAULT" || (r.keySpec ?? "") == "") && r.rotationStatus != true`,
		CEL:  `r.?isCustomerManaged.orValue(false) == true && r.?keyState.orValue('') == 'Enabled' && (r.?keySpec.orValue('') == 'SYMMETRIC_DEFAULT' || r.?keySpec.orValue('') == '') && r.?rotationStatus.orValue(false) != true`,
		Rego: `hipaa_015 if {
	input.isCustomerManaged == true
	input.keyState == "Enabled"
	hipaa_015_symmetric
	not input.rotationStatus == true
}

hipaa_015_symmetric if input.keySpec == "SYMMETRIC_DEFAULT"

hipaa_015_symmetric if object.get(input, "keySpec", "") == ""`,
	},
	{
		ID:   "HIPAA-017",
		GSL:  `ElastiCache where engine in ('redis', 'valkey') should have atRestEncryptionEnabled = true and transitEncryptionEnabled = true`,
		Expr: `r.engine in ["redis", "valkey"] && !(r.atRestEncryptionEnabled == true && r.transitEncryptionEnabled == true)`,
		CEL:  `r.?engine.orValue('') in ['redis', 'valkey'] && !(r.?atRestEncryptionEnabled.orValue(false) == true && r.?transitEncryptionEnabled.orValue(false) == true)`,
		Rego: `hipaa_017 if {
	input.engine in {"redis", "valkey"}
	not hipaa_017_ok
}

hipaa_017_ok if {
	input.atRestEncryptionEnabled == true
	input.transitEncryptionEnabled == true
}`,
	},
	{
		ID:   "HIPAA-019",
		GSL:  `S3Bucket should have policy deniesInsecureTransport('s3:*', '')`,
		Expr: `!any(list(r.policy?.Statement), type(.Effect) == "string" && lower(.Effect) == "deny" && .NotPrincipal == nil && (.Principal == "*" || (type(.Principal) == "map" && any(list(.Principal.AWS), # == "*"))) && any(list(.Action), type(#) == "string" && lower(#) in ["s3:*", "*", "*:*"]) && type(.Condition) == "map" && len(.Condition) == 1 && lower(keys(.Condition)[0]) in ["bool", "boolifexists"] && type(values(.Condition)[0]) == "map" && len(values(.Condition)[0]) == 1 && lower(keys(values(.Condition)[0])[0]) == "aws:securetransport" && any(list(values(values(.Condition)[0])[0]), lower(string(#)) == "false"))`,
		CEL:  `!items(r.?policy.?Statement.orValue(null)).exists(s, string(s.?Effect.orValue('')).lowerAscii() == 'deny' && s.?NotPrincipal.orValue(null) == null && (s.?Principal.orValue(null) == '*' || (type(s.?Principal.orValue(null)) == map && items(s.Principal[?'AWS'].orValue(null)).exists(p, p == '*'))) && items(s.?Action.orValue(null)).exists(a, type(a) == string && a.lowerAscii() in ['s3:*', '*', '*:*']) && type(s.?Condition.orValue(null)) == map && size(s.Condition) == 1 && s.Condition.exists(op, op.lowerAscii() in ['bool', 'boolifexists'] && type(s.Condition[op]) == map && size(s.Condition[op]) == 1 && s.Condition[op].exists(k, k.lowerAscii() == 'aws:securetransport' && items(s.Condition[op][k]).exists(v, string(v).lowerAscii() == 'false'))))`,
		Rego: `hipaa_019 if not hipaa_019_ok

hipaa_019_ok if {
	some s in as_list(object.get(input, ["policy", "Statement"], []))
	lower(s.Effect) == "deny"
	object.get(s, "NotPrincipal", null) == null
	hipaa_019_everyone(s)
	some a in as_list(object.get(s, "Action", null))
	lower(a) in {"s3:*", "*", "*:*"}
	is_object(s.Condition)
	count(s.Condition) == 1
	some op, block in s.Condition
	lower(op) in {"bool", "boolifexists"}
	is_object(block)
	count(block) == 1
	some k, vals in block
	lower(k) == "aws:securetransport"
	some v in as_list(vals)
	lower(format_int_or_string(v)) == "false"
}

hipaa_019_everyone(s) if s.Principal == "*"

hipaa_019_everyone(s) if {
	some p in as_list(s.Principal.AWS)
	p == "*"
}`,
	},
	{
		ID:   "HIPAA-020",
		GSL:  `ELB should have elbListeners = elbListeners and elbListeners contain-all [sourceProtocol in ('HTTPS', 'SSL')]`,
		Expr: `!("elbListeners" in r) || !all(r.elbListeners ?? [], .sourceProtocol in ["HTTPS", "SSL"])`,
		CEL:  `!has(r.elbListeners) || !r.?elbListeners.orValue([]).all(l, l.?sourceProtocol.orValue('') in ['HTTPS', 'SSL'])`,
		Rego: `hipaa_020 if not "elbListeners" in object.keys(input)

hipaa_020 if {
	some l in object.get(input, "elbListeners", [])
	not object.get(l, "sourceProtocol", "") in {"HTTPS", "SSL"}
}`,
	},
	{
		ID:   "HIPAA-022",
		GSL:  `ApplicationLoadBalancer should have listeners = listeners and listeners contain-all [protocol = 'HTTPS' or defaultActions contain [type = 'redirect' and redirectConfig.protocol = 'HTTPS']]`,
		Expr: `!("listeners" in r) || !all(r.listeners ?? [], .protocol == "HTTPS" || any(.defaultActions ?? [], .type == "redirect" && .redirectConfig?.protocol == "HTTPS"))`,
		CEL:  `!has(r.listeners) || !r.?listeners.orValue([]).all(l, l.?protocol.orValue('') == 'HTTPS' || l.?defaultActions.orValue([]).exists(a, a.?type.orValue('') == 'redirect' && a.?redirectConfig.?protocol.orValue('') == 'HTTPS'))`,
		Rego: `hipaa_022 if not "listeners" in object.keys(input)

hipaa_022 if {
	some l in object.get(input, "listeners", [])
	not hipaa_022_ok(l)
}

hipaa_022_ok(l) if l.protocol == "HTTPS"

hipaa_022_ok(l) if {
	some a in object.get(l, "defaultActions", [])
	a.type == "redirect"
	a.redirectConfig.protocol == "HTTPS"
}`,
	},
	{
		ID:   "HIPAA-023",
		GSL:  `ApplicationLoadBalancer should have listeners = listeners and listeners with [protocol = 'HTTPS'] contain-all [sslPolicy regexMatch /TLS13-1-[23]|TLS-1-2|FS-1-2/]`,
		Expr: `!("listeners" in r) || !all(filter(r.listeners ?? [], .protocol == "HTTPS"), (.sslPolicy ?? "") matches "TLS13-1-[23]|TLS-1-2|FS-1-2")`,
		CEL:  `!has(r.listeners) || !r.?listeners.orValue([]).filter(l, l.?protocol.orValue('') == 'HTTPS').all(l, l.?sslPolicy.orValue('').matches('TLS13-1-[23]|TLS-1-2|FS-1-2'))`,
		Rego: `hipaa_023 if not "listeners" in object.keys(input)

hipaa_023 if {
	some l in object.get(input, "listeners", [])
	l.protocol == "HTTPS"
	not regex.match("TLS13-1-[23]|TLS-1-2|FS-1-2", object.get(l, "sslPolicy", ""))
}`,
	},
	{
		ID:   "HIPAA-025",
		GSL:  `AcmCertificate where inUseBy should have notAfter after(30, 'days')`,
		Expr: `len(r.inUseBy ?? []) > 0 && !(r.notAfter != nil && date(r.notAfter) > clock + duration("720h"))`,
		CEL:  `size(r.?inUseBy.orValue([])) > 0 && !(has(r.notAfter) && timestamp(r.notAfter) > now + duration('720h'))`,
		Rego: `hipaa_025 if {
	count(object.get(input, "inUseBy", [])) > 0
	not hipaa_025_ok
}

hipaa_025_ok if time.parse_rfc3339_ns(input.notAfter) > now_ns + 30 * day_ns`,
	},
	{
		ID:   "HIPAA-026",
		GSL:  `CloudFront should have defaultCacheBehavior.viewerProtocolPolicy in ('https-only', 'redirect-to-https') and cacheBehaviors = cacheBehaviors and cacheBehaviors contain-all [viewerProtocolPolicy in ('https-only', 'redirect-to-https')]`,
		Expr: `!(r.defaultCacheBehavior?.viewerProtocolPolicy in ["https-only", "redirect-to-https"] && "cacheBehaviors" in r && all(r.cacheBehaviors ?? [], .viewerProtocolPolicy in ["https-only", "redirect-to-https"]))`,
		CEL:  `!(r.?defaultCacheBehavior.?viewerProtocolPolicy.orValue('') in ['https-only', 'redirect-to-https'] && has(r.cacheBehaviors) && r.?cacheBehaviors.orValue([]).all(c, c.?viewerProtocolPolicy.orValue('') in ['https-only', 'redirect-to-https']))`,
		Rego: `hipaa_026 if not hipaa_026_ok

hipaa_026_ok if {
	input.defaultCacheBehavior.viewerProtocolPolicy in {"https-only", "redirect-to-https"}
	"cacheBehaviors" in object.keys(input)
	every c in object.get(input, "cacheBehaviors", []) {
		c.viewerProtocolPolicy in {"https-only", "redirect-to-https"}
	}
}`,
	},
	{
		ID:   "HIPAA-029",
		GSL:  `SecurityGroup should not have inboundRules openToInternetOver(22, 'any', 'any') or inboundRules openToInternetOver(3389, 'any', 'any')`,
		Expr: `any(r.inboundRules ?? [], (.scope in ["0.0.0.0/0", "::/0"] || .scope startsWith "pl-") && (lower(string(.protocol)) in ["all", "-1"] || lower(string(.protocol)) in ["tcp", "udp", "6", "17"] && (.port <= 22 && .portTo >= 22 || .port <= 3389 && .portTo >= 3389)))`,
		CEL:  `r.?inboundRules.orValue([]).exists(x, (x.?scope.orValue('') in ['0.0.0.0/0', '::/0'] || string(x.?scope.orValue('')).startsWith('pl-')) && (string(x.?protocol.orValue('')).lowerAscii() in ['all', '-1'] || string(x.?protocol.orValue('')).lowerAscii() in ['tcp', 'udp', '6', '17'] && (x.port <= 22 && x.portTo >= 22 || x.port <= 3389 && x.portTo >= 3389)))`,
		Rego: `hipaa_029 if {
	some x in object.get(input, "inboundRules", [])
	hipaa_029_world(x.scope)
	hipaa_029_port(x)
}

hipaa_029_world(s) if s in {"0.0.0.0/0", "::/0"}

hipaa_029_world(s) if startswith(s, "pl-")

hipaa_029_port(x) if lower(format_int_or_string(x.protocol)) in {"all", "-1"}

hipaa_029_port(x) if {
	lower(format_int_or_string(x.protocol)) in {"tcp", "udp", "6", "17"}
	some p in [22, 3389]
	x.port <= p
	x.portTo >= p
}`,
	},
	{
		ID:   "HIPAA-034",
		GSL:  `Instance should have metadataOptions.httpTokens = 'required'`,
		Expr: `r.metadataOptions?.httpTokens != "required"`,
		CEL:  `r.?metadataOptions.?httpTokens.orValue('') != 'required'`,
		Rego: `hipaa_034 if not input.metadataOptions.httpTokens == "required"`,
	},
	{
		ID:   "HIPAA-033",
		GSL:  `Instance where tags contain [key = 'contains_phi' and value = 'true'] should have isPublic = false`,
		Expr: `any(r.tags ?? [], .key == "contains_phi" && .value == "true") && r.isPublic != false`,
		CEL:  `r.?tags.orValue([]).exists(t, t.?key.orValue('') == 'contains_phi' && t.?value.orValue('') == 'true') && r.?isPublic.orValue(true) != false`,
		Rego: `hipaa_033 if {
	some t in object.get(input, "tags", [])
	t.key == "contains_phi"
	t.value == "true"
	not input.isPublic == false
}`,
	},
	{
		ID:   "HIPAA-035",
		GSL:  `Instance should have profileArn like 'arn:aws%:iam::%:instance-profile/%'`,
		Expr: `!((r.profileArn ?? "") matches "(?is)^arn:aws.*:iam::.*:instance-profile/")`,
		CEL:  `!r.?profileArn.orValue('').matches('(?is)^arn:aws.*:iam::.*:instance-profile/')`,
		Rego: `hipaa_035 if not regex.match("(?is)^arn:aws.*:iam::.*:instance-profile/", object.get(input, "profileArn", ""))`,
	},
	{
		ID:   "HIPAA-036",
		GSL:  `Subnet should have mapPublicIpOnLaunch = false`,
		Expr: `r.mapPublicIpOnLaunch != false`,
		CEL:  `r.?mapPublicIpOnLaunch.orValue(true) != false`,
		Rego: `hipaa_036 if not input.mapPublicIpOnLaunch == false`,
	},
	{
		ID:   "HIPAA-039",
		GSL:  `S3Bucket should have (publicAccessBlockConfiguration.blockPublicAcls = true or accountPublicAccessBlock.blockPublicAcls = true) and (publicAccessBlockConfiguration.ignorePublicAcls = true or accountPublicAccessBlock.ignorePublicAcls = true) and (publicAccessBlockConfiguration.blockPublicPolicy = true or accountPublicAccessBlock.blockPublicPolicy = true) and (publicAccessBlockConfiguration.restrictPublicBuckets = true or accountPublicAccessBlock.restrictPublicBuckets = true)`,
		Expr: `!((r.publicAccessBlockConfiguration?.blockPublicAcls == true || r.accountPublicAccessBlock?.blockPublicAcls == true) && (r.publicAccessBlockConfiguration?.ignorePublicAcls == true || r.accountPublicAccessBlock?.ignorePublicAcls == true) && (r.publicAccessBlockConfiguration?.blockPublicPolicy == true || r.accountPublicAccessBlock?.blockPublicPolicy == true) && (r.publicAccessBlockConfiguration?.restrictPublicBuckets == true || r.accountPublicAccessBlock?.restrictPublicBuckets == true))`,
		CEL:  `!((r.?publicAccessBlockConfiguration.?blockPublicAcls.orValue(false) == true || r.?accountPublicAccessBlock.?blockPublicAcls.orValue(false) == true) && (r.?publicAccessBlockConfiguration.?ignorePublicAcls.orValue(false) == true || r.?accountPublicAccessBlock.?ignorePublicAcls.orValue(false) == true) && (r.?publicAccessBlockConfiguration.?blockPublicPolicy.orValue(false) == true || r.?accountPublicAccessBlock.?blockPublicPolicy.orValue(false) == true) && (r.?publicAccessBlockConfiguration.?restrictPublicBuckets.orValue(false) == true || r.?accountPublicAccessBlock.?restrictPublicBuckets.orValue(false) == true))`,
		Rego: `hipaa_039 if {
	some k in ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"]
	not hipaa_039_on(k)
}

hipaa_039_on(k) if input.publicAccessBlockConfiguration[k] == true

hipaa_039_on(k) if input.accountPublicAccessBlock[k] == true`,
	},
	{
		ID:   "HIPAA-040",
		GSL:  `S3Bucket should have (acl.grants = acl.grants or ownershipControls.objectOwnership = 'BucketOwnerEnforced') and acl.grants contain-none [uri in ('http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers')]`,
		Expr: `(!(type(r.acl) == "map" && "grants" in r.acl) && r.ownershipControls?.objectOwnership != "BucketOwnerEnforced") || any(r.acl?.grants ?? [], .uri in ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"])`,
		CEL:  `(!r.?acl.?grants.hasValue() && r.?ownershipControls.?objectOwnership.orValue('') != 'BucketOwnerEnforced') || r.?acl.?grants.orValue([]).exists(g, g.?uri.orValue('') in ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'])`,
		Rego: `hipaa_040 if {
	not hipaa_040_grants_known
	not input.ownershipControls.objectOwnership == "BucketOwnerEnforced"
}

hipaa_040 if {
	some g in object.get(input, ["acl", "grants"], [])
	g.uri in {"http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}
}

hipaa_040_grants_known if "grants" in object.keys(input.acl)`,
	},
	{
		ID:   "HIPAA-049",
		GSL:  `IamUser where passwordEnabled = true and name != '<root_account>' should have mfaActive = true`,
		Expr: `r.passwordEnabled == true && r.name != "<root_account>" && r.mfaActive != true`,
		CEL:  `r.?passwordEnabled.orValue(false) == true && r.?name.orValue('') != '<root_account>' && r.?mfaActive.orValue(false) != true`,
		Rego: `hipaa_049 if {
	input.passwordEnabled == true
	not input.name == "<root_account>"
	not input.mfaActive == true
}`,
	},
	{
		ID:   "HIPAA-051",
		GSL:  `IamPolicy where document.Statement contain [Effect like 'allow' and $ coversAction('*') and Resource contain [$ = '*']] should have users isEmpty() and groups isEmpty() and roles isEmpty() and (attachmentCount = 0 or not attachmentCount > 0 and users = users and groups = groups and roles = roles)`,
		Expr: `any(list(r.document?.Statement), type(.Effect) == "string" && lower(.Effect) == "allow" && any(list(.Action), # in ["*", "*:*"]) && "*" in list(.Resource)) && !(len(r.users ?? []) == 0 && len(r.groups ?? []) == 0 && len(r.roles ?? []) == 0 && (r.attachmentCount == 0 || !((r.attachmentCount ?? 0) > 0) && "users" in r && "groups" in r && "roles" in r))`,
		CEL:  `items(r.?document.?Statement.orValue(null)).exists(s, string(s.?Effect.orValue('')).lowerAscii() == 'allow' && items(s.?Action.orValue(null)).exists(a, a in ['*', '*:*']) && '*' in items(s.?Resource.orValue(null))) && !(size(r.?users.orValue([])) == 0 && size(r.?groups.orValue([])) == 0 && size(r.?roles.orValue([])) == 0 && (r.?attachmentCount.orValue(-1) == 0 || !(r.?attachmentCount.orValue(0) > 0) && has(r.users) && has(r.groups) && has(r.roles)))`,
		Rego: `hipaa_051 if {
	some s in as_list(object.get(input, ["document", "Statement"], []))
	lower(s.Effect) == "allow"
	some a in as_list(s.Action)
	a in {"*", "*:*"}
	"*" in as_list(s.Resource)
	not hipaa_051_unattached
}

hipaa_051_unattached if {
	hipaa_051_empty
	input.attachmentCount == 0
}

hipaa_051_unattached if {
	hipaa_051_empty
	not hipaa_051_counted
	not hipaa_051_unknown
}

hipaa_051_counted if input.attachmentCount > 0

hipaa_051_unknown if {
	some k in ["users", "groups", "roles"]
	not k in object.keys(input)
}

hipaa_051_empty if not hipaa_051_attached

hipaa_051_attached if {
	some k in ["users", "groups", "roles"]
	count(object.get(input, k, [])) > 0
}`,
	},
	{
		ID:   "HIPAA-055",
		GSL:  `IamUser where firstAccessKey.isActive = true or secondAccessKey.isActive = true should not have firstAccessKey.isActive = true and firstAccessKey.lastRotated before(-91, 'days') or secondAccessKey.isActive = true and secondAccessKey.lastRotated before(-91, 'days')`,
		Expr: `(r.firstAccessKey?.isActive == true || r.secondAccessKey?.isActive == true) && (r.firstAccessKey?.isActive == true && r.firstAccessKey?.lastRotated != nil && date(r.firstAccessKey.lastRotated) < clock - duration("2184h") || r.secondAccessKey?.isActive == true && r.secondAccessKey?.lastRotated != nil && date(r.secondAccessKey.lastRotated) < clock - duration("2184h"))`,
		CEL:  `(r.?firstAccessKey.?isActive.orValue(false) == true || r.?secondAccessKey.?isActive.orValue(false) == true) && (r.?firstAccessKey.?isActive.orValue(false) == true && r.?firstAccessKey.?lastRotated.hasValue() && timestamp(r.firstAccessKey.lastRotated) < now - duration('2184h') || r.?secondAccessKey.?isActive.orValue(false) == true && r.?secondAccessKey.?lastRotated.hasValue() && timestamp(r.secondAccessKey.lastRotated) < now - duration('2184h'))`,
		Rego: `hipaa_055 if {
	some k in ["firstAccessKey", "secondAccessKey"]
	input[k].isActive == true
	time.parse_rfc3339_ns(input[k].lastRotated) < now_ns - 91 * day_ns
}`,
	},
	{
		ID:   "HIPAA-056",
		GSL:  `Iam should have passwordPolicy.enabledInAccount != false and passwordPolicy.minPasswordLength >= 14`,
		Expr: `!(r.passwordPolicy?.enabledInAccount != false && (r.passwordPolicy?.minPasswordLength ?? 0) >= 14)`,
		CEL:  `!(r.?passwordPolicy.?enabledInAccount.orValue(true) != false && r.?passwordPolicy.?minPasswordLength.orValue(0) >= 14)`,
		Rego: `hipaa_056 if not hipaa_056_ok

hipaa_056_ok if {
	not input.passwordPolicy.enabledInAccount == false
	input.passwordPolicy.minPasswordLength >= 14
}`,
	},
	{
		ID:   "HIPAA-060",
		GSL:  `IamRole where assumeRolePolicyDocument.Statement contain [Effect like 'allow' and ($ coversAction('sts:AssumeRoleWithSAML') or $ coversAction('sts:AssumeRoleWithWebIdentity'))] should not have maxSessionDuration > 3600`,
		Expr: `any(list(r.assumeRolePolicyDocument?.Statement), type(.Effect) == "string" && lower(.Effect) == "allow" && any(list(.Action), type(#) == "string" && ("sts:assumerolewithsaml" matches ("^" + replace(replace(lower(#), "*", ".*"), "?", ".") + "$") || "sts:assumerolewithwebidentity" matches ("^" + replace(replace(lower(#), "*", ".*"), "?", ".") + "$")))) && (r.maxSessionDuration ?? 0) > 3600`,
		CEL:  `items(r.?assumeRolePolicyDocument.?Statement.orValue(null)).exists(s, string(s.?Effect.orValue('')).lowerAscii() == 'allow' && items(s.?Action.orValue(null)).exists(a, type(a) == string && ['sts:assumerolewithsaml', 'sts:assumerolewithwebidentity'].exists(t, t.matches('^' + a.lowerAscii().replace('*', '.*').replace('?', '.') + '$')))) && r.?maxSessionDuration.orValue(0) > 3600`,
		Rego: `hipaa_060 if {
	some s in as_list(object.get(input, ["assumeRolePolicyDocument", "Statement"], []))
	lower(s.Effect) == "allow"
	some a in as_list(s.Action)
	some t in ["sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]
	glob.match(lower(a), ["\n"], t)
	input.maxSessionDuration > 3600
}`,
	},
	{
		ID:   "HIPAA-069",
		GSL:  `VPC should have flowLogs contain [status = 'ACTIVE' and trafficType = 'ALL'] or not flowLogs and hasFlowLogs = true`,
		Expr: `!(any(r.flowLogs ?? [], .status == "ACTIVE" && .trafficType == "ALL") || (len(r.flowLogs ?? []) == 0 && r.hasFlowLogs == true))`,
		CEL:  `!(r.?flowLogs.orValue([]).exists(f, f.?status.orValue('') == 'ACTIVE' && f.?trafficType.orValue('') == 'ALL') || (size(r.?flowLogs.orValue([])) == 0 && r.?hasFlowLogs.orValue(false) == true))`,
		Rego: `hipaa_069 if not hipaa_069_ok

hipaa_069_ok if {
	some f in object.get(input, "flowLogs", [])
	f.status == "ACTIVE"
	f.trafficType == "ALL"
}

hipaa_069_ok if {
	count(object.get(input, "flowLogs", [])) == 0
	input.hasFlowLogs == true
}`,
	},
	{
		ID:   "HIPAA-074",
		GSL:  `LogGroup should not have retentionInDays < 365`,
		Expr: `r.retentionInDays != nil && r.retentionInDays < 365`,
		CEL:  `r.?retentionInDays.hasValue() && r.retentionInDays < 365`,
		Rego: `hipaa_074 if input.retentionInDays < 365`,
	},
	{
		ID:   "HIPAA-077",
		GSL:  `Region where optInStatus != 'not-opted-in' should have configurationRecorders contain [allSupported = true and recording = true]`,
		Expr: `r.optInStatus != "not-opted-in" && !any(r.configurationRecorders ?? [], .allSupported == true && .recording == true)`,
		CEL:  `r.?optInStatus.orValue('') != 'not-opted-in' && !r.?configurationRecorders.orValue([]).exists(c, c.?allSupported.orValue(false) == true && c.?recording.orValue(false) == true)`,
		Rego: `hipaa_077 if {
	not input.optInStatus == "not-opted-in"
	not hipaa_077_ok
}

hipaa_077_ok if {
	some c in object.get(input, "configurationRecorders", [])
	c.allSupported == true
	c.recording == true
}`,
	},
	{
		ID:   "HIPAA-083",
		GSL:  `Instance where isRunning = true should have ssm.isManaged = true`,
		Expr: `r.isRunning == true && r.ssm?.isManaged != true`,
		CEL:  `r.?isRunning.orValue(false) == true && r.?ssm.?isManaged.orValue(false) != true`,
		Rego: `hipaa_083 if {
	input.isRunning == true
	not input.ssm.isManaged == true
}`,
	},
	{
		ID:   "HIPAA-084",
		GSL:  `RDS should have backupRetentionPeriod >= 7`,
		Expr: `!((r.backupRetentionPeriod ?? -1) >= 7)`,
		CEL:  `!(r.?backupRetentionPeriod.orValue(-1) >= 7)`,
		Rego: `hipaa_084 if not input.backupRetentionPeriod >= 7`,
	},
	{
		ID:   "CIS-AWS-1.12",
		GSL:  `IamUser where firstAccessKey.isActive = true should not have secondAccessKey.isActive = true`,
		Expr: `r.firstAccessKey?.isActive == true && r.secondAccessKey?.isActive == true`,
		CEL:  `r.?firstAccessKey.?isActive.orValue(false) == true && r.?secondAccessKey.?isActive.orValue(false) == true`,
		Rego: `cis_aws_1_12 if {
	input.firstAccessKey.isActive == true
	input.secondAccessKey.isActive == true
}`,
	},
	{
		ID:   "CIS-AWS-1.17",
		GSL:  `Instance where not state in ('shutting-down', 'terminated') should have profileArn`,
		Expr: `!(r.state in ["shutting-down", "terminated"]) && (r.profileArn ?? "") == ""`,
		CEL:  `!(r.?state.orValue('') in ['shutting-down', 'terminated']) && r.?profileArn.orValue('') == ''`,
		Rego: `cis_aws_1_17 if {
	not object.get(input, "state", "") in {"shutting-down", "terminated"}
	object.get(input, "profileArn", "") == ""
}`,
	},
	{
		ID:   "CIS-AWS-5.5",
		GSL:  `SecurityGroup where name = 'default' should have inboundRules = inboundRules and outboundRules = outboundRules and inboundRules isEmpty() and outboundRules isEmpty()`,
		Expr: `r.name == "default" && !("inboundRules" in r && "outboundRules" in r && len(r.inboundRules ?? []) == 0 && len(r.outboundRules ?? []) == 0)`,
		CEL:  `r.?name.orValue('') == 'default' && !(has(r.inboundRules) && has(r.outboundRules) && size(r.?inboundRules.orValue([])) == 0 && size(r.?outboundRules.orValue([])) == 0)`,
		Rego: `cis_aws_5_5 if {
	input.name == "default"
	some k in ["inboundRules", "outboundRules"]
	count(object.get(input, k, [])) > 0
}

cis_aws_5_5 if {
	input.name == "default"
	some k in ["inboundRules", "outboundRules"]
	not k in object.keys(input)
}`,
	},
	{
		ID:   "CIS-AWS-5.7",
		GSL:  `Instance where not state in ('shutting-down', 'terminated') should have metadataOptions.httpTokens = 'required' or metadataOptions.httpEndpoint = 'disabled'`,
		Expr: `!(r.state in ["shutting-down", "terminated"]) && !(r.metadataOptions?.httpTokens == "required" || r.metadataOptions?.httpEndpoint == "disabled")`,
		CEL:  `!(r.?state.orValue('') in ['shutting-down', 'terminated']) && !(r.?metadataOptions.?httpTokens.orValue('') == 'required' || r.?metadataOptions.?httpEndpoint.orValue('') == 'disabled')`,
		Rego: `cis_aws_5_7 if {
	not object.get(input, "state", "") in {"shutting-down", "terminated"}
	not cis_aws_5_7_ok
}

cis_aws_5_7_ok if input.metadataOptions.httpTokens == "required"

cis_aws_5_7_ok if input.metadataOptions.httpEndpoint == "disabled"`,
	},
}

// regoHelpers are the helper rules every translated Rego rule may use.
// now_ns is prepended by the engine from the clock.
const regoHelpers = `day_ns := 86400000000000

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

format_int_or_string(v) := v if is_string(v)

format_int_or_string(v) := sprintf("%v", [v]) if not is_string(v)
`

// RegoName is the name of the Rego rule of id: HIPAA-001 is hipaa_001.
func RegoName(id string) string {
	b := []byte(id)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == '-' || c == '.':
			b[i] = '_'
		}
	}
	return string(b)
}
