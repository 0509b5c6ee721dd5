package invgen

import "strconv"

// ---------------------------------------------------------------- S3

// bucket writes an S3Bucket document. The same writer makes the bucket
// documents and the destination buckets embedded in trails.
func (a *account) bucket(w *jw, k kindID, i int, name, region string, trail bool) {
	r := a.sub(k, i, 5)
	phi := !trail && r.chance(0.25)
	arn := "arn:aws:s3:::" + name
	a.head(w, "S3Bucket", name, name, arn, region)
	a.tags(w, r, "", pick(r, envs...), phi)
	a.fsbpBucket(w, k, i)
	w.kt("creationDate", a.ago(r, 30, 3000))
	w.ko("acl")
	w.ks("ownerId", a.owner)
	w.ka("grants")
	grant := func(typ, who, perm string) {
		w.obj()
		w.ks("type", typ)
		if typ == "Group" {
			w.ks("uri", who)
		} else {
			w.ks("canonicalUser", who)
			w.ks("displayName", "aws-root+"+a.org)
		}
		w.ks("premission", perm)
		w.end()
	}
	grant("CanonicalUser", a.owner, "FULL_CONTROL")
	if r.rare() {
		grant("Group", pick(r, "http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"), "READ")
	}
	if r.chance(0.05) {
		grant("Group", "http://acs.amazonaws.com/groups/s3/LogDelivery", "WRITE")
	}
	w.endArr()
	w.end()

	if trail || r.chance(0.7) {
		w.ko("policy")
		w.ks("Version", "2012-10-17")
		w.ka("Statement")
		if !r.bad() {
			principal := `"*"`
			if r.chance(0.2) {
				principal = `{"AWS":"*"}`
			}
			cond := `{"Bool":{"aws:SecureTransport":"false"}}`
			if r.chance(0.1) {
				cond = `{"BoolIfExists":{"aws:SecureTransport":"false"}}`
			}
			statement(w, "DenyInsecureTransport", "Deny", principal, []string{"s3:*"}, []string{arn, arn + "/*"}, cond)
		}
		if trail {
			statement(w, "AWSCloudTrailAclCheck", "Allow", `{"Service":"cloudtrail.amazonaws.com"}`, []string{"s3:GetBucketAcl"}, []string{arn}, "")
			statement(w, "AWSCloudTrailWrite", "Allow", `{"Service":"cloudtrail.amazonaws.com"}`, []string{"s3:PutObject"},
				[]string{arn + "/AWSLogs/" + a.id + "/*"}, `{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}`)
			statement(w, "LogReaders", "Allow", `{"AWS":"arn:aws:iam::`+a.id+`:role/security-log-reader"}`, []string{"s3:GetObject"}, []string{arn + "/*"}, "")
		} else {
			statement(w, "AppAccess", "Allow", `{"AWS":"arn:aws:iam::`+a.id+`:role/`+pick(r, apps...)+`-app"}`,
				[]string{"s3:GetObject", "s3:PutObject"}, []string{arn + "/*"}, "")
		}
		if r.rare() {
			statement(w, "PublicRead", "Allow", `"*"`, []string{"s3:GetObject"}, []string{arn + "/*"}, "")
		}
		w.endArr()
		w.end()
	}
	w.ko("logging")
	if !r.bad() {
		w.kb("enabled", true)
		w.ks("targetBucketName", a.org+"-s3-access-logs-"+a.id)
		w.ks("targetPrefix", name+"/")
	} else {
		w.kb("enabled", false)
	}
	w.end()
	w.ko("versioning")
	switch {
	case r.bad():
		if r.chance(0.5) {
			w.ks("status", "Suspended")
		}
	default:
		w.ks("status", "Enabled")
	}
	w.ks("mfaDelete", pickBad(r, "Enabled", "Disabled"))
	w.end()
	w.ko("encryption")
	w.ka("serverSideEncryptionRules")
	switch {
	case phi && !r.bad(), !phi && r.chance(0.3):
		w.obj()
		w.ko("serverSideEncryptionByDefault")
		w.ks("serverSideEncryptionAlgorithm", "aws:kms")
		w.ks("kmsMasterKeyId", a.kmsKey(r, region))
		w.end()
		w.kb("bucketKeyEnabled", true)
		w.end()
	case r.rare():
		// no default encryption (a bucket from before 2023)
	default:
		w.obj()
		w.ko("serverSideEncryptionByDefault")
		w.ks("serverSideEncryptionAlgorithm", "AES256")
		w.end()
		w.kb("bucketKeyEnabled", false)
		w.end()
	}
	w.endArr()
	w.end()
	pab := func(k string, all bool) {
		w.ko(k)
		w.kb("blockPublicAcls", true)
		w.kb("ignorePublicAcls", true)
		w.kb("blockPublicPolicy", all)
		w.kb("restrictPublicBuckets", all)
		w.end()
	}
	switch {
	case !r.bad():
		pab("publicAccessBlockConfiguration", true)
	case r.chance(0.5):
		pab("publicAccessBlockConfiguration", false)
	}
	if a.pab {
		pab("accountPublicAccessBlock", true)
	}
	if r.chance(0.05) {
		w.ko("objectLockConfiguration")
		w.ks("objectLockEnabled", "Enabled")
		w.end()
	}
	w.ka("lifecycleRules")
	if r.chance(0.4) {
		w.obj()
		w.ks("id", "archive-after-"+strconv.Itoa(pick(r, 90, 180, 365)))
		w.ks("status", "Enabled")
		w.end()
	}
	w.endArr()
	if (phi && !r.bad()) || r.chance(0.05) {
		w.ko("replication")
		w.ks("role", "arn:aws:iam::"+a.id+":role/s3-replication")
		w.ka("rules")
		w.obj()
		w.ks("id", "dr")
		w.ks("status", "Enabled")
		w.ko("destination")
		w.ks("bucket", arn+"-dr")
		w.end()
		w.end()
		w.endArr()
		w.end()
	}
	if !trail && r.rare() {
		w.ko("website")
		w.ks("indexDocumentSuffix", "index.html")
		w.end()
	}
	w.end()
}

func genS3Bucket(a *account, w *jw, i int) {
	r := a.rnd(kS3Bucket, i)
	name := a.org + "-" + pick(r, apps...) + "-" + pick(r, "data", "uploads", "exports", "backups", "assets", "logs", "artifacts") + "-" + a.hex(kS3Bucket, i, 1, 6)
	a.bucket(w, kS3Bucket, i, name, a.region(r), false)
}

// ---------------------------------------------------------------- databases

var engines = []struct {
	name, version string
	port          int
	logs          []string
}{
	{"postgres", "16.4", 5432, []string{"postgresql", "upgrade"}},
	{"mysql", "8.0.39", 3306, []string{"error", "slowquery", "audit"}},
	{"aurora-postgresql", "15.6", 5432, []string{"postgresql"}},
	{"aurora-mysql", "8.0.mysql_aurora.3.07.1", 3306, []string{"audit", "error"}},
	{"mariadb", "10.11.9", 3306, []string{"error", "audit"}},
	{"sqlserver-se", "15.00.4385.2.v1", 1433, []string{"error", "agent"}},
	{"oracle-ee", "19.0.0.0.ru-2024-07.rur-2024-07.r1", 1521, []string{"alert", "audit"}},
}

// network picks a VPC and returns it with its region.
func (a *account) network(r rnd) (v int, region string) {
	if nv := a.c[kVPC]; nv > 0 {
		v = r.IntN(nv)
		return v, a.vpcRegion(v)
	}
	return -1, a.region(r)
}

func genRDS(a *account, w *jw, i int) {
	r := a.rnd(kRDS, i)
	v, region := a.network(r)
	e := engines[r.IntN(len(engines))]
	name, _, env := appName(r, i)
	name += "-db"
	a.head(w, "RDS", "db-"+a.upperID("", kRDS, i)+a.upperID("", kRDS, -1-i)[:9], name, a.arn("rds", region, "db:"+name), region)
	phi := r.chance(0.3)
	a.tags(w, r, "", env, phi)
	a.fsbpRDS(w, i, a.awsID("vpc", kVPC, v))
	w.ks("dbInstanceIdentifier", name)
	w.ks("dbType", e.name)
	w.ks("engineVersion", e.version)
	w.ks("instanceType", pick(r, "db.t4g.medium", "db.m6g.large", "db.r6g.xlarge", "db.r6i.2xlarge"))
	aurora := e.name[:min(6, len(e.name))] == "aurora"
	if aurora {
		w.ks("storageType", "aurora")
		w.ki("allocatedStorage", 1)
	} else {
		w.ks("storageType", pick(r, "gp3", "gp2", "io1"))
		w.ki("allocatedStorage", 20<<r.IntN(6))
	}
	w.ks("address", name+"."+a.hex(kRDS, 0, 2, 12)+"."+region+".rds.amazonaws.com")
	w.ki("port", e.port)
	w.kb("isPublic", r.rare())
	enc := !r.bad()
	w.kb("isStorageEncrypted", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.kb("isMultiAvailabilityZone", !aurora && !r.bad())
	w.ki("backupRetentionPeriod", pickBad(r, pick(r, 7, 14, 35), pick(r, 0, 1, 3)))
	w.kb("autoMinorVersionUpgrade", !r.bad())
	w.kb("deletionProtection", !r.bad())
	w.kb("iamDatabaseAuthenticationEnabled", !r.bad())
	w.kb("copyTagsToSnapshot", r.chance(0.8))
	w.ki("monitoringInterval", pick(r, 0, 15, 60))
	w.kb("performanceInsightsEnabled", r.chance(0.6))
	if r.bad() {
		w.ka("enabledCloudwatchLogsExports")
		w.endArr()
	} else {
		w.kstrs("enabledCloudwatchLogsExports", e.logs...)
	}
	w.ks("caCertificateIdentifier", "rds-ca-rsa2048-g1")
	if aurora {
		w.ks("dbClusterIdentifier", name+"-cluster")
	}
	w.ko("parameters")
	if e.port == 5432 {
		w.ks("rds.force_ssl", pickBad(r, "1", "0"))
	}
	w.ks("log_connections", "1")
	w.end()
	a.writeGroups(w, a.groupsFor(r, v))
	if v >= 0 {
		w.kraw("vpc", a.vpcSummary(v))
	}
	w.end()
}

func genDynamoDbTable(a *account, w *jw, i int) {
	r := a.rnd(kDynamoDbTable, i)
	region := a.region(r)
	name := pick(r, apps...) + "-" + pick(r, "sessions", "events", "state", "locks", "profiles") + "-" + strconv.Itoa(i)
	a.head(w, "DynamoDbTable", name, name, a.arn("dynamodb", region, "table/"+name), region)
	phi := r.chance(0.3)
	a.tags(w, r, "", pick(r, envs...), phi)
	w.ks("tableStatus", "ACTIVE")
	w.kt("creationDateTime", a.ago(r, 10, 1500))
	w.ks("billingMode", pick(r, "PAY_PER_REQUEST", "PROVISIONED"))
	w.ki64("itemCount", r.Int64N(50_000_000))
	w.ki64("tableSizeBytes", r.Int64N(1<<35))
	kms := !r.bad()
	w.kb("encrypted", kms)
	if kms {
		w.ko("sseDescription")
		w.ks("status", "ENABLED")
		w.ks("sseType", "KMS")
		w.ks("kmsMasterKeyArn", a.kmsKey(r, region))
		w.end()
	}
	w.kb("pointInTimeRecoveryEnabled", !r.bad())
	w.kb("deletionProtectionEnabled", r.chance(0.6))
	w.end()
}

func genEFS(a *account, w *jw, i int) {
	r := a.rnd(kEFS, i)
	region := a.region(r)
	id := "fs-0" + a.hex(kEFS, i, 0, 16)
	name := pick(r, apps...) + "-shared-" + strconv.Itoa(i)
	a.head(w, "EFS", id, name, a.arn("elasticfilesystem", region, "file-system/"+id), region)
	a.tags(w, r, name, "", r.chance(0.3))
	w.ks("fileSystemId", id)
	w.kt("creationTime", a.ago(r, 10, 1500))
	enc := !r.bad()
	w.kb("encrypted", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.ks("lifeCycleState", "available")
	w.ks("performanceMode", pick(r, "generalPurpose", "maxIO"))
	w.ks("throughputMode", pick(r, "bursting", "elastic", "provisioned"))
	w.ki("numberOfMountTargets", 1+r.IntN(3))
	w.ki64("sizeInBytes", r.Int64N(1<<40))
	w.ko("backupPolicy")
	w.ks("status", pickBad(r, "ENABLED", "DISABLED"))
	w.end()
	w.end()
}

func genRedshift(a *account, w *jw, i int) {
	r := a.rnd(kRedshift, i)
	v, region := a.network(r)
	name := pick(r, apps...) + "-warehouse-" + strconv.Itoa(i)
	a.head(w, "Redshift", name, name, a.arn("redshift", region, "cluster:"+name), region)
	a.tags(w, r, "", "analytics", false)
	w.ks("clusterIdentifier", name)
	w.ks("nodeType", pick(r, "ra3.xlplus", "ra3.4xlarge", "dc2.large"))
	w.ki("numberOfNodes", 1+r.IntN(4))
	w.ks("clusterVersion", "1.0")
	w.ks("dbName", "analytics")
	w.ks("masterUsername", "awsadmin")
	w.ko("endpoint")
	w.ks("address", name+"."+a.hex(kRedshift, i, 2, 12)+"."+region+".redshift.amazonaws.com")
	w.ki("port", 5439)
	w.end()
	w.kb("isPublic", r.rare())
	enc := !r.bad()
	w.kb("encrypted", enc)
	if enc {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.kb("requireSsl", !r.bad())
	w.kb("enhancedVpcRouting", r.chance(0.5))
	w.kb("allowVersionUpgrade", true)
	w.ki("automatedSnapshotRetentionPeriod", pickBad(r, pick(r, 7, 14, 35), pick(r, 0, 1)))
	w.ko("loggingStatus")
	if r.bad() {
		w.kb("loggingEnabled", false)
	} else {
		w.kb("loggingEnabled", true)
		w.ks("bucketName", a.org+"-s3-access-logs-"+a.id)
	}
	w.end()
	if v >= 0 {
		w.kraw("vpc", a.vpcSummary(v))
	}
	w.ka("inboundRules")
	writeRules(w, []sgRule{{"TCP", 5439, 5439, vpcCIDR(max(v, 0)), "", ""}})
	w.endArr()
	w.end()
}

func genElastiCache(a *account, w *jw, i int) {
	r := a.rnd(kElastiCache, i)
	v, region := a.network(r)
	engine := pick(r, "redis", "redis", "redis", "valkey", "memcached")
	name := pick(r, apps...) + "-cache-" + strconv.Itoa(i)
	a.head(w, "ElastiCache", name, name, a.arn("elasticache", region, "replicationgroup:"+name), region)
	a.tags(w, r, "", pick(r, envs...), r.chance(0.2))
	a.fsbpElastiCache(w, i)
	w.ks("engine", engine)
	w.ks("engineVersion", map[string]string{"redis": "7.1", "valkey": "8.0", "memcached": "1.6.22"}[engine])
	w.ks("cacheNodeType", pick(r, "cache.t4g.medium", "cache.r6g.large", "cache.m7g.large"))
	w.ki("numCacheNodes", 1+r.IntN(3))
	w.kb("atRestEncryptionEnabled", !r.bad())
	w.kb("transitEncryptionEnabled", !r.bad())
	w.kb("authTokenEnabled", r.chance(0.5))
	if r.chance(0.5) {
		w.ks("kmsKeyId", a.kmsKey(r, region))
	}
	w.ks("automaticFailover", pick(r, "enabled", "disabled"))
	w.ks("multiAZ", pick(r, "enabled", "disabled"))
	w.ki("snapshotRetentionLimit", pickBad(r, pick(r, 7, 14), pick(r, 0, 1)))
	w.kb("autoMinorVersionUpgrade", true)
	if v >= 0 {
		w.kraw("vpc", a.vpcSummary(v))
	}
	w.ka("inboundRules")
	writeRules(w, []sgRule{{"TCP", 6379, 6379, a.awsID("sg", kSecurityGroup, r.IntN(max(1, a.c[kSecurityGroup]))), "app", ""}})
	w.endArr()
	w.end()
}

// ---------------------------------------------------------------- KMS

func genKMS(a *account, w *jw, i int) {
	r := a.rnd(kKMS, i)
	region := a.region(r)
	// The first keys of each busy region are the workload keys others use.
	var id string
	if j := i % 8; j < 6 && i/8 < len(busyRegions) {
		region = busyRegions[i/8].name
		id = a.uuid(kKMS, -1-regionIndex(region)*8-j, 7)
	} else {
		id = a.uuid(kKMS, i, 7)
	}
	customer := i%8 < 6 || r.chance(0.5)
	alias := "alias/" + pick(r, apps...) + "-" + pick(r, "data", "ebs", "logs", "backup", "secrets")
	if !customer {
		alias = "alias/aws/" + pick(r, "ebs", "s3", "rds", "lambda", "sns", "sqs")
	}
	arn := a.arn("kms", region, "key/"+id)
	a.head(w, "KMS", id, alias, arn, region)
	a.tags(w, r, "", "", false)
	w.ks("keyId", id)
	w.ks("description", "Key for "+alias[6:])
	w.kstrs("aliases", alias)
	w.kb("isCustomerManaged", customer)
	if customer {
		w.ks("keyManager", "CUSTOMER")
	} else {
		w.ks("keyManager", "AWS")
	}
	state := "Enabled"
	switch {
	case customer && r.rare():
		state = "PendingDeletion"
	case customer && r.rare():
		state = "Disabled"
	}
	w.ks("keyState", state)
	w.kb("enabled", state == "Enabled")
	spec := "SYMMETRIC_DEFAULT"
	if customer && r.chance(0.08) {
		spec = pick(r, "RSA_2048", "ECC_NIST_P256", "HMAC_256")
	}
	w.ks("keySpec", spec)
	switch spec {
	case "SYMMETRIC_DEFAULT":
		w.ks("keyUsage", "ENCRYPT_DECRYPT")
	case "HMAC_256":
		w.ks("keyUsage", "GENERATE_VERIFY_MAC")
	default:
		w.ks("keyUsage", "SIGN_VERIFY")
	}
	w.ks("origin", pickBad3(r, "AWS_KMS", "AWS_KMS", "EXTERNAL"))
	w.kb("multiRegion", r.chance(0.05))
	w.kt("creationDate", a.ago(r, 10, 2000))
	w.kb("rotationStatus", !customer || (spec == "SYMMETRIC_DEFAULT" && !r.bad()))
	if state == "PendingDeletion" {
		w.kt("deletionDate", a.ahead(r, 1, 30))
	}
	w.ko("policy")
	w.ks("Version", "2012-10-17")
	w.ka("Statement")
	statement(w, "EnableIAMUserPermissions", "Allow", `{"AWS":"arn:aws:iam::`+a.id+`:root"}`, []string{"kms:*"}, []string{"*"}, "")
	if customer && r.rare() {
		statement(w, "AllowEveryone", "Allow", `{"AWS":"*"}`, []string{"kms:Decrypt"}, []string{"*"}, "")
	} else if r.chance(0.3) {
		statement(w, "AllowGrants", "Allow", `{"AWS":"arn:aws:iam::`+a.id+`:role/`+pick(r, apps...)+`-app"}`,
			[]string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}, []string{"*"}, `{"Bool":{"kms:GrantIsForAWSResource":"true"}}`)
	} else if r.chance(0.5) {
		statement(w, "AllowUse", "Allow", `{"AWS":"arn:aws:iam::`+a.id+`:role/`+pick(r, apps...)+`-app"}`,
			[]string{"kms:Decrypt", "kms:GenerateDataKey*"}, []string{"*"}, "")
	}
	w.endArr()
	w.end()
	w.end()
}
