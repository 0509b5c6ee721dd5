package inventory

import (
	"fmt"
	"strings"
)

// readServices assembles the regional service types: RDS, ELB,
// ApplicationLoadBalancer, NetworkLoadBalancer, Lambda, KMS, DynamoDbTable,
// EFS, Redshift, ElastiCache, SnsTopic, SqsQueue, LogGroup,
// AcmCertificate, and those of readApps.
func (d *apiDump) readServices(r string, e *adEC2, iam *adIAM) {
	d.readRDS(r, e)
	d.readELB(r, e)
	d.readELBv2(r, e)
	d.readLambda(r, iam)
	d.readKMS(r)
	d.readDynamoDB(r)
	d.readEFS(r)
	d.readRedshift(r, e)
	d.readElastiCache(r, e)
	d.readSNS(r)
	d.readSQS(r)
	d.readLogGroups(r)
	d.readACM(r)
	d.readApps(r, e)
}

func (d *apiDump) readRDS(r string, e *adEC2) {
	v, file, _ := d.call(r, "rds-describe-db-instances")
	for i, db := range adArr(adGet(v, "DBInstances")) {
		id := adStr(adGet(db, "DBInstanceIdentifier"))
		doc := d.envelope("RDS", id, id, adStr(adGet(db, "DBInstanceArn")), r)
		doc["tags"] = adTagList(adGet(db, "TagList"))
		adCopy(doc, db, "DBInstanceIdentifier", "EngineVersion", "StorageType", "AllocatedStorage", "KmsKeyId", "BackupRetentionPeriod", "AutoMinorVersionUpgrade", "DeletionProtection", "CopyTagsToSnapshot", "MonitoringInterval", "PerformanceInsightsEnabled", "CACertificateIdentifier", "DBClusterIdentifier")
		adSet(doc, "dbType", adStr(adGet(db, "Engine")))
		adSet(doc, "instanceType", adStr(adGet(db, "DBInstanceClass")))
		adSet(doc, "address", adStr(adGet(db, "Endpoint", "Address")))
		adSet(doc, "port", adNumber(adGet(db, "Endpoint", "Port")))
		adSetBool(doc, "isPublic", adGet(db, "PubliclyAccessible"))
		adSetBool(doc, "isStorageEncrypted", adGet(db, "StorageEncrypted"))
		adSetBool(doc, "isMultiAvailabilityZone", adGet(db, "MultiAZ"))
		adSetBool(doc, "iamDatabaseAuthenticationEnabled", adGet(db, "IAMDatabaseAuthenticationEnabled"))
		exports := adGet(db, "EnabledCloudwatchLogsExports")
		if exports == nil {
			exports = []any{}
		}
		doc["enabledCloudwatchLogsExports"] = exports
		var groups []string
		for _, g := range adArr(adGet(db, "VpcSecurityGroups")) {
			groups = append(groups, adStr(adGet(g, "VpcSecurityGroupId")))
		}
		d.embedGroups(doc, e, groups)
		if vpc := e.vpcs[adStr(adGet(db, "DBSubnetGroup", "VpcId"))]; vpc != nil {
			doc["vpc"] = adShallowVPC(vpc)
		}
		d.doc(Origin{Input: d.show(file), Index: i, Key: "DBInstances", Resource: adStr(adGet(db, "DBInstanceArn"))}, doc)
	}
}

func (d *apiDump) readELB(r string, e *adEC2) {
	v, file, _ := d.call(r, "elb-describe-load-balancers")
	policies := map[string]any{}
	if pv, _, ok := d.call(r, "elb-describe-load-balancer-policies"); ok {
		for _, p := range adArr(adGet(pv, "PolicyDescriptions")) {
			policies[adStr(adGet(p, "PolicyName"))] = p
		}
	}
	for i, lb := range adArr(adGet(v, "LoadBalancerDescriptions")) {
		name := adStr(adGet(lb, "LoadBalancerName"))
		arn := "arn:" + adPartition(r) + ":elasticloadbalancing:" + r + ":" + d.account + ":loadbalancer/" + name
		doc := d.envelope("ELB", name, name, arn, r)
		adSet(doc, "dnsName", adStr(adGet(lb, "DNSName")))
		adCopy(doc, lb, "Scheme", "VpcId")
		if s := adStr(adGet(lb, "Scheme")); s != "" {
			doc["isPublic"] = s == "internet-facing"
		}
		doc["availabilityZones"] = adOrEmpty(adArr(adGet(lb, "AvailabilityZones")))
		doc["subnetIds"] = adOrEmpty(adArr(adGet(lb, "Subnets")))
		var groups []string
		for _, g := range adArr(adGet(lb, "SecurityGroups")) {
			groups = append(groups, adStr(g))
		}
		d.embedGroups(doc, e, groups)
		if vpc := e.vpcs[adStr(adGet(lb, "VPCId"))]; vpc != nil {
			doc["vpc"] = adShallowVPC(vpc)
			doc["vpcId"] = adStr(adGet(lb, "VPCId"))
		}
		listeners := []any{}
		for _, ld := range adArr(adGet(lb, "ListenerDescriptions")) {
			l := adGet(ld, "Listener")
			li := adObj{}
			adSet(li, "sourceProtocol", strings.ToUpper(adStr(adGet(l, "Protocol"))))
			adSet(li, "sourcePort", adNumber(adGet(l, "LoadBalancerPort")))
			adSet(li, "instanceProtocol", strings.ToUpper(adStr(adGet(l, "InstanceProtocol"))))
			adSet(li, "instancePort", adNumber(adGet(l, "InstancePort")))
			adSet(li, "sslCertificateId", adStr(adGet(l, "SSLCertificateId")))
			pols := []any{}
			for _, pn := range adArr(adGet(ld, "PolicyNames")) {
				p := adObj{"name": adStr(pn)}
				if pd := policies[adStr(pn)]; pd != nil {
					adSet(p, "type", adStr(adGet(pd, "PolicyTypeName")))
					attrs := []any{}
					for _, a := range adArr(adGet(pd, "PolicyAttributeDescriptions")) {
						attrs = append(attrs, adObj{"name": adStr(adGet(a, "AttributeName")), "value": adStr(adGet(a, "AttributeValue"))})
					}
					p["attributes"] = attrs
				}
				pols = append(pols, p)
			}
			li["policies"] = pols
			listeners = append(listeners, li)
		}
		doc["elbListeners"] = listeners
		inst := []any{}
		for _, in := range adArr(adGet(lb, "Instances")) {
			inst = append(inst, adObj{"id": adStr(adGet(in, "InstanceId"))})
		}
		doc["instances"] = inst
		if a := adGet(d.param(r, "elb-describe-load-balancer-attributes", name), "LoadBalancerAttributes"); a != nil {
			al := adObj{}
			adSetBool(al, "enabled", adGet(a, "AccessLog", "Enabled"))
			adSet(al, "s3BucketName", adStr(adGet(a, "AccessLog", "S3BucketName")))
			adSet(al, "emitInterval", adNumber(adGet(a, "AccessLog", "EmitInterval")))
			doc["accessLog"] = al
			cd := adObj{}
			adSetBool(cd, "enabled", adGet(a, "ConnectionDraining", "Enabled"))
			adSet(cd, "timeout", adNumber(adGet(a, "ConnectionDraining", "Timeout")))
			doc["connectionDraining"] = cd
			adSetBool(doc, "crossZoneLoadBalancing", adGet(a, "CrossZoneLoadBalancing", "Enabled"))
		}
		if t := d.param(r, "elb-describe-tags", name); t != nil {
			for _, td := range adArr(adGet(t, "TagDescriptions")) {
				doc["tags"] = adTagList(adGet(td, "Tags"))
			}
		}
		d.doc(Origin{Input: d.show(file), Index: i, Key: "LoadBalancerDescriptions", Resource: name}, doc)
	}
}

func (d *apiDump) readELBv2(r string, e *adEC2) {
	v, file, _ := d.call(r, "elbv2-describe-load-balancers")
	for i, lb := range adArr(adGet(v, "LoadBalancers")) {
		arn := adStr(adGet(lb, "LoadBalancerArn"))
		name := adStr(adGet(lb, "LoadBalancerName"))
		o := Origin{Input: d.show(file), Index: i, Key: "LoadBalancers", Resource: arn}
		var typ string
		switch adStr(adGet(lb, "Type")) {
		case "application":
			typ = "ApplicationLoadBalancer"
		case "network":
			typ = "NetworkLoadBalancer"
		default:
			d.send(Entity{NotModelled: "elbv2 " + adStr(adGet(lb, "Type")) + " load balancer", Origin: o})
			continue
		}
		doc := d.envelope(typ, arn, name, arn, r)
		adSet(doc, "dnsName", adStr(adGet(lb, "DNSName")))
		adCopy(doc, lb, "Scheme", "VpcId", "IpAddressType")
		if typ == "NetworkLoadBalancer" {
			delete(doc, "ipAddressType")
		}
		adSet(doc, "state", adStr(adGet(lb, "State", "Code")))
		if s := adStr(adGet(lb, "Scheme")); s != "" {
			doc["isPublic"] = s == "internet-facing"
		}
		var groups []string
		for _, g := range adArr(adGet(lb, "SecurityGroups")) {
			groups = append(groups, adStr(g))
		}
		d.embedGroups(doc, e, groups)
		if vpc := e.vpcs[adStr(adGet(lb, "VpcId"))]; vpc != nil {
			doc["vpc"] = adShallowVPC(vpc)
		}
		if a := d.param(r, "elbv2-describe-load-balancer-attributes", arn); a != nil {
			attrs := map[string]any{}
			for _, kv := range adArr(adGet(a, "Attributes")) {
				attrs[adStr(adGet(kv, "Key"))] = adGet(kv, "Value")
			}
			al := adObj{}
			adSetBool(al, "enabled", attrs["access_logs.s3.enabled"])
			adSet(al, "s3BucketName", adStr(attrs["access_logs.s3.bucket"]))
			adSet(al, "s3Prefix", adStr(attrs["access_logs.s3.prefix"]))
			doc["accessLogs"] = al
			adSetBool(doc, "deletionProtection", attrs["deletion_protection.enabled"])
			if typ == "ApplicationLoadBalancer" {
				adSetBool(doc, "dropInvalidHeaderFields", attrs["routing.http.drop_invalid_header_fields.enabled"])
			} else {
				adSetBool(doc, "crossZoneLoadBalancing", attrs["load_balancing.cross_zone.enabled"])
			}
		}
		if l := d.param(r, "elbv2-describe-listeners", arn); l != nil {
			listeners := []any{}
			for _, li := range adArr(adGet(l, "Listeners")) {
				x := adObj{}
				adSet(x, "arn", adStr(adGet(li, "ListenerArn")))
				adCopy(x, li, "Port", "Protocol", "SslPolicy")
				certs := []any{}
				for _, c := range adArr(adGet(li, "Certificates")) {
					cert := adObj{}
					adSet(cert, "arn", adStr(adGet(c, "CertificateArn")))
					adSetBool(cert, "isDefault", adGet(c, "IsDefault"))
					certs = append(certs, cert)
				}
				x["certificates"] = certs
				acts := []any{}
				for _, a := range adArr(adGet(li, "DefaultActions")) {
					act := adObj{}
					adCopy(act, a, "Type", "TargetGroupArn")
					if rc := adGet(a, "RedirectConfig"); rc != nil {
						red := adObj{}
						adCopy(red, rc, "Protocol", "Port", "StatusCode")
						act["redirectConfig"] = red
					}
					acts = append(acts, act)
				}
				x["defaultActions"] = acts
				listeners = append(listeners, x)
			}
			doc["listeners"] = listeners
		}
		if w := d.param(r, "wafv2-get-web-acl-for-resource", arn); w != nil {
			adSet(doc, "webAclArn", adStr(adGet(w, "WebACL", "ARN")))
		}
		if t := d.param(r, "elbv2-describe-tags", arn); t != nil {
			for _, td := range adArr(adGet(t, "TagDescriptions")) {
				doc["tags"] = adTagList(adGet(td, "Tags"))
			}
		}
		d.doc(o, doc)
	}
}

func (d *apiDump) readLambda(r string, iam *adIAM) {
	v, file, _ := d.call(r, "lambda-list-functions")
	for i, f := range adArr(adGet(v, "Functions")) {
		name := adStr(adGet(f, "FunctionName"))
		arn := adStr(adGet(f, "FunctionArn"))
		o := Origin{Input: d.show(file), Index: i, Key: "Functions", Resource: arn}
		doc := d.envelope("Lambda", name, name, arn, r)
		adCopy(doc, f, "Runtime", "Handler", "PackageType", "MemorySize", "Timeout", "LastModified", "KMSKeyArn")
		if role := adStr(adGet(f, "Role")); role != "" {
			roleName := role[strings.LastIndex(role, "/")+1:]
			if doc2 := iam.roles[roleName]; doc2 != nil {
				doc["executionRole"] = doc2
			}
		}
		if vc := adGet(f, "VpcConfig"); adStr(adGet(vc, "VpcId")) != "" {
			doc["vpcConfig"] = adObj{"vpcId": adStr(adGet(vc, "VpcId")), "subnetIds": adOrEmpty(adArr(adGet(vc, "SubnetIds"))), "securityGroupIds": adOrEmpty(adArr(adGet(vc, "SecurityGroupIds")))}
		}
		if env := adGet(f, "Environment", "Variables"); env != nil {
			doc["environment"] = adObj{"variables": env}
		}
		adSet(doc, "tracingConfig", adCamelTree(adGet(f, "TracingConfig")))
		adSet(doc, "deadLetterTargetArn", adStr(adGet(f, "DeadLetterConfig", "TargetArn")))
		if layers := adArr(adGet(f, "Layers")); layers != nil {
			l := []any{}
			for _, x := range layers {
				l = append(l, adStr(adGet(x, "Arn")))
			}
			doc["layers"] = l
		}
		public := false
		known := false
		if p := d.param(r, "lambda-get-policy", name); p != nil {
			pd, err := adPolicy(adGet(p, "Policy"))
			if err != nil {
				d.fail(o, fmt.Errorf("function policy: %w", err))
			}
			if pd != nil {
				doc["policyDocument"] = pd
				public = adPublicPolicy(pd)
				known = true
			}
		} else if d.paramNotConfigured(r, "lambda-get-policy", name) {
			known = true
		}
		if u := d.param(r, "lambda-get-function-url-config", name); u != nil {
			fu := adObj{}
			adSet(fu, "url", adStr(adGet(u, "FunctionUrl")))
			adSet(fu, "authType", adStr(adGet(u, "AuthType")))
			doc["functionUrl"] = fu
			public = public || adStr(adGet(u, "AuthType")) == "NONE"
		}
		if t := d.param(r, "lambda-list-tags", arn); t != nil {
			doc["tags"] = adTagMap(adGet(t, "Tags"))
		} else if t := adGet(f, "Tags"); t != nil {
			doc["tags"] = adTagMap(t)
		}
		if c := d.param(r, "lambda-get-function-concurrency", name); c != nil {
			adSet(doc, "reservedConcurrentExecutions", adNumber(adGet(c, "ReservedConcurrentExecutions")))
		}
		if known {
			doc["isPublic"] = public
		}
		d.doc(o, doc)
	}
}

// publicPolicy: a statement allows everyone ('*' or AWS '*') without a
// condition.
func adPublicPolicy(pd adObj) bool {
	stmts := adArr(pd["Statement"])
	if s, ok := pd["Statement"].(adObj); ok {
		stmts = []any{s}
	}
	for _, s := range stmts {
		if adStr(adGet(s, "Effect")) != "Allow" {
			continue
		}
		p := adGet(s, "Principal")
		star := adStr(p) == "*" || adStr(adGet(p, "AWS")) == "*"
		for _, a := range adArr(adGet(p, "AWS")) {
			star = star || adStr(a) == "*"
		}
		if c, ok := adGet(s, "Condition").(adObj); star && (!ok || len(c) == 0) {
			return true
		}
	}
	return false
}

func (d *apiDump) readKMS(r string) {
	v, file, _ := d.call(r, "kms-list-keys")
	aliases := map[string][]any{}
	if av, _, ok := d.call(r, "kms-list-aliases"); ok {
		for _, a := range adArr(adGet(av, "Aliases")) {
			if k := adStr(adGet(a, "TargetKeyId")); k != "" {
				aliases[k] = append(aliases[k], adStr(adGet(a, "AliasName")))
			}
		}
	}
	for i, k := range adArr(adGet(v, "Keys")) {
		id := adStr(adGet(k, "KeyId"))
		arn := adStr(adGet(k, "KeyArn"))
		o := Origin{Input: d.show(file), Index: i, Key: "Keys", Resource: arn}
		doc := d.envelope("KMS", id, id, arn, r)
		adSet(doc, "keyId", id)
		if md := adGet(d.param(r, "kms-describe-key", id), "KeyMetadata"); md != nil {
			adCopy(doc, md, "Description", "KeyManager", "KeyState", "KeySpec", "KeyUsage", "Origin", "MultiRegion", "CreationDate")
			if m := adStr(adGet(md, "KeyManager")); m != "" {
				doc["isCustomerManaged"] = m == "CUSTOMER"
			}
			if s := adStr(adGet(md, "KeyState")); s != "" {
				doc["enabled"] = s == "Enabled"
			}
			if dd := adGet(md, "DeletionDate"); dd != nil {
				doc["deletionDate"] = adTime(dd)
			}
		}
		if _, ok := d.calls[r]["kms-list-aliases"]; ok {
			doc["aliases"] = adOrEmpty(aliases[id])
		}
		if rs := d.param(r, "kms-get-key-rotation-status", id); rs != nil {
			adSetBool(doc, "rotationStatus", adGet(rs, "KeyRotationEnabled"))
		}
		if p := d.param(r, "kms-get-key-policy", id); p != nil {
			d.setPolicy(o, doc, "policy", "key policy", adGet(p, "Policy"))
		}
		if t := d.param(r, "kms-list-resource-tags", id); t != nil {
			tags := []any{}
			for _, x := range adArr(adGet(t, "Tags")) {
				tags = append(tags, adObj{"key": adStr(adGet(x, "TagKey")), "value": adStr(adGet(x, "TagValue"))})
			}
			doc["tags"] = tags
		}
		d.doc(o, doc)
	}
}

func (d *apiDump) readDynamoDB(r string) {
	v, file, _ := d.call(r, "dynamodb-list-tables")
	for i, n := range adArr(adGet(v, "TableNames")) {
		name := adStr(n)
		o := Origin{Input: d.show(file), Index: i, Key: "TableNames", Resource: name}
		t := adGet(d.param(r, "dynamodb-describe-table", name), "Table")
		doc := d.envelope("DynamoDbTable", name, name, adStr(adGet(t, "TableArn")), r)
		if t != nil {
			adCopy(doc, t, "TableStatus", "CreationDateTime", "ItemCount", "TableSizeBytes", "DeletionProtectionEnabled")
			adSet(doc, "billingMode", adStr(adGet(t, "BillingModeSummary", "BillingMode")))
			if sse := adGet(t, "SSEDescription"); sse != nil {
				s := adObj{}
				adSet(s, "status", adStr(adGet(sse, "Status")))
				adSet(s, "sseType", adStr(adGet(sse, "SSEType")))
				adSet(s, "kmsMasterKeyArn", adStr(adGet(sse, "KMSMasterKeyArn")))
				doc["sseDescription"] = s
				doc["encrypted"] = adStr(adGet(sse, "Status")) == "ENABLED"
			} else {
				doc["encrypted"] = false
			}
		}
		if b := d.param(r, "dynamodb-describe-continuous-backups", name); b != nil {
			st := adStr(adGet(b, "ContinuousBackupsDescription", "PointInTimeRecoveryDescription", "PointInTimeRecoveryStatus"))
			if st != "" {
				doc["pointInTimeRecoveryEnabled"] = st == "ENABLED"
			}
		}
		d.doc(o, doc)
	}
}

func (d *apiDump) readEFS(r string) {
	v, file, _ := d.call(r, "efs-describe-file-systems")
	for i, f := range adArr(adGet(v, "FileSystems")) {
		id := adStr(adGet(f, "FileSystemId"))
		o := Origin{Input: d.show(file), Index: i, Key: "FileSystems", Resource: id}
		doc := d.envelope("EFS", id, adStr(adGet(f, "Name")), adStr(adGet(f, "FileSystemArn")), r)
		doc["tags"] = adTagList(adGet(f, "Tags"))
		adCopy(doc, f, "FileSystemId", "CreationTime", "Encrypted", "KmsKeyId", "LifeCycleState", "PerformanceMode", "ThroughputMode", "NumberOfMountTargets")
		adSet(doc, "sizeInBytes", adNumber(adGet(f, "SizeInBytes", "Value")))
		if b := d.param(r, "efs-describe-backup-policy", id); b != nil {
			doc["backupPolicy"] = adObj{"status": adStr(adGet(b, "BackupPolicy", "Status"))}
		}
		if p := d.param(r, "efs-describe-file-system-policy", id); p != nil {
			d.setPolicy(o, doc, "policy", "file system policy", adGet(p, "Policy"))
		}
		d.doc(o, doc)
	}
}

func (d *apiDump) readRedshift(r string, e *adEC2) {
	v, file, _ := d.call(r, "redshift-describe-clusters")
	for i, c := range adArr(adGet(v, "Clusters")) {
		id := adStr(adGet(c, "ClusterIdentifier"))
		arn := "arn:" + adPartition(r) + ":redshift:" + r + ":" + d.account + ":cluster:" + id
		doc := d.envelope("Redshift", id, id, arn, r)
		doc["tags"] = adTagList(adGet(c, "Tags"))
		adCopy(doc, c, "ClusterIdentifier", "NodeType", "NumberOfNodes", "ClusterVersion", "MasterUsername", "Encrypted", "KmsKeyId", "EnhancedVpcRouting", "AllowVersionUpgrade", "AutomatedSnapshotRetentionPeriod")
		adSet(doc, "dbName", adStr(adGet(c, "DBName")))
		if ep := adGet(c, "Endpoint"); ep != nil {
			x := adObj{}
			adSet(x, "address", adStr(adGet(ep, "Address")))
			adSet(x, "port", adNumber(adGet(ep, "Port")))
			doc["endpoint"] = x
		}
		adSetBool(doc, "isPublic", adGet(c, "PubliclyAccessible"))
		var groups []string
		for _, g := range adArr(adGet(c, "VpcSecurityGroups")) {
			groups = append(groups, adStr(adGet(g, "VpcSecurityGroupId")))
		}
		d.embedGroups(doc, e, groups)
		delete(doc, "securityGroups")
		delete(doc, "outboundRules")
		if vpc := e.vpcs[adStr(adGet(c, "VpcId"))]; vpc != nil {
			doc["vpc"] = adShallowVPC(vpc)
		}
		if l := d.param(r, "redshift-describe-logging-status", id); l != nil {
			ls := adObj{}
			adSetBool(ls, "loggingEnabled", adGet(l, "LoggingEnabled"))
			adSet(ls, "bucketName", adStr(adGet(l, "BucketName")))
			doc["loggingStatus"] = ls
		}
		for _, pg := range adArr(adGet(c, "ClusterParameterGroups")) {
			params := d.param(r, "redshift-describe-cluster-parameters", adStr(adGet(pg, "ParameterGroupName")))
			for _, p := range adArr(adGet(params, "Parameters")) {
				if adStr(adGet(p, "ParameterName")) == "require_ssl" {
					adSetBool(doc, "requireSsl", adGet(p, "ParameterValue"))
				}
			}
		}
		d.doc(Origin{Input: d.show(file), Index: i, Key: "Clusters", Resource: id}, doc)
	}
}

func (d *apiDump) readElastiCache(r string, e *adEC2) {
	inGroup := map[string]bool{}
	v, file, _ := d.call(r, "elasticache-describe-replication-groups")
	for i, g := range adArr(adGet(v, "ReplicationGroups")) {
		id := adStr(adGet(g, "ReplicationGroupId"))
		for _, m := range adArr(adGet(g, "MemberClusters")) {
			inGroup[adStr(m)] = true
		}
		doc := d.envelope("ElastiCache", id, id, adStr(adGet(g, "ARN")), r)
		adSet(doc, "engine", adStr(adGet(g, "Engine")))
		adCopy(doc, g, "CacheNodeType", "AtRestEncryptionEnabled", "TransitEncryptionEnabled", "AuthTokenEnabled", "KmsKeyId", "AutomaticFailover", "SnapshotRetentionLimit", "AutoMinorVersionUpgrade")
		adSet(doc, "multiAZ", adStr(adGet(g, "MultiAZ")))
		d.doc(Origin{Input: d.show(file), Index: i, Key: "ReplicationGroups", Resource: id}, doc)
	}
	cv, cfile, _ := d.call(r, "elasticache-describe-cache-clusters")
	for i, c := range adArr(adGet(cv, "CacheClusters")) {
		id := adStr(adGet(c, "CacheClusterId"))
		if inGroup[id] || adStr(adGet(c, "ReplicationGroupId")) != "" {
			continue // reported with its replication group
		}
		doc := d.envelope("ElastiCache", id, id, adStr(adGet(c, "ARN")), r)
		adCopy(doc, c, "Engine", "EngineVersion", "CacheNodeType", "NumCacheNodes", "AtRestEncryptionEnabled", "TransitEncryptionEnabled", "AuthTokenEnabled", "SnapshotRetentionLimit", "AutoMinorVersionUpgrade")
		var groups []string
		for _, g := range adArr(adGet(c, "SecurityGroups")) {
			groups = append(groups, adStr(adGet(g, "SecurityGroupId")))
		}
		d.embedGroups(doc, e, groups)
		delete(doc, "securityGroups")
		delete(doc, "outboundRules")
		d.doc(Origin{Input: d.show(cfile), Index: i, Key: "CacheClusters", Resource: id}, doc)
	}
}

func (d *apiDump) readSNS(r string) {
	v, file, _ := d.call(r, "sns-list-topics")
	subs := map[string][]any{}
	_, haveSubs := d.calls[r]["sns-list-subscriptions"]
	if haveSubs {
		sv, _, _ := d.call(r, "sns-list-subscriptions")
		for _, s := range adArr(adGet(sv, "Subscriptions")) {
			x := adObj{}
			adCopy(x, s, "SubscriptionArn", "Protocol", "Endpoint")
			subs[adStr(adGet(s, "TopicArn"))] = append(subs[adStr(adGet(s, "TopicArn"))], x)
		}
	}
	for i, t := range adArr(adGet(v, "Topics")) {
		arn := adStr(adGet(t, "TopicArn"))
		name := arn[strings.LastIndex(arn, ":")+1:]
		o := Origin{Input: d.show(file), Index: i, Key: "Topics", Resource: arn}
		doc := d.envelope("SnsTopic", arn, name, arn, r)
		if a := adGet(d.param(r, "sns-get-topic-attributes", arn), "Attributes"); a != nil {
			adSet(doc, "displayName", adStr(adGet(a, "DisplayName")))
			adSet(doc, "kmsMasterKeyId", adStr(adGet(a, "KmsMasterKeyId")))
			adSet(doc, "subscriptionsConfirmed", adNumber(adGet(a, "SubscriptionsConfirmed")))
			adSet(doc, "subscriptionsPending", adNumber(adGet(a, "SubscriptionsPending")))
			d.setPolicy(o, doc, "policy", "topic policy", adGet(a, "Policy"))
		}
		if haveSubs {
			doc["subscriptions"] = adOrEmpty(subs[arn])
		}
		d.doc(o, doc)
	}
}

func (d *apiDump) readSQS(r string) {
	v, file, _ := d.call(r, "sqs-list-queues")
	for i, q := range adArr(adGet(v, "QueueUrls")) {
		url := adStr(q)
		name := url[strings.LastIndex(url, "/")+1:]
		o := Origin{Input: d.show(file), Index: i, Key: "QueueUrls", Resource: url}
		a := adGet(d.param(r, "sqs-get-queue-attributes", url), "Attributes")
		arn := adStr(adGet(a, "QueueArn"))
		doc := d.envelope("SqsQueue", url, name, arn, r)
		doc["queueUrl"] = url
		if a != nil {
			doc["fifoQueue"] = false
			adSetBool(doc, "fifoQueue", adGet(a, "FifoQueue"))
			adSet(doc, "kmsMasterKeyId", adStr(adGet(a, "KmsMasterKeyId")))
			adSetBool(doc, "sqsManagedSseEnabled", adGet(a, "SqsManagedSseEnabled"))
			adSet(doc, "visibilityTimeout", adNumber(adGet(a, "VisibilityTimeout")))
			adSet(doc, "messageRetentionPeriod", adNumber(adGet(a, "MessageRetentionPeriod")))
			d.setPolicy(o, doc, "policy", "queue policy", adGet(a, "Policy"))
			if rp := adStr(adGet(a, "RedrivePolicy")); rp != "" {
				if x, err := adDecodeObject(rp); err == nil {
					red := adObj{}
					adSet(red, "deadLetterTargetArn", adStr(adGet(x, "deadLetterTargetArn")))
					adSet(red, "maxReceiveCount", adNumber(adGet(x, "maxReceiveCount")))
					doc["redrivePolicy"] = red
				} else {
					d.fail(o, fmt.Errorf("redrive policy: %w", err))
				}
			}
		}
		if t := d.param(r, "sqs-list-queue-tags", url); t != nil {
			doc["tags"] = adTagMap(adGet(t, "Tags"))
		}
		d.doc(o, doc)
	}
}

// adDecodeObject decodes a JSON object held in a string attribute.
func adDecodeObject(s string) (adObj, error) {
	v, err := adDecode([]byte(s))
	if err != nil {
		return nil, err
	}
	m, ok := v.(adObj)
	if !ok {
		return nil, fmt.Errorf("not a JSON object")
	}
	return m, nil
}

func (d *apiDump) readLogGroups(r string) {
	v, file, _ := d.call(r, "logs-describe-log-groups")
	mf, _, haveMF := d.call(r, "logs-describe-metric-filters")
	for i, g := range adArr(adGet(v, "logGroups")) {
		name := adStr(adGet(g, "logGroupName"))
		arn := strings.TrimSuffix(adStr(adGet(g, "arn")), ":*")
		doc := d.envelope("LogGroup", name, name, arn, r)
		adSet(doc, "logGroupName", name)
		adSet(doc, "retentionInDays", adNumber(adGet(g, "retentionInDays")))
		adSet(doc, "kmsKeyId", adStr(adGet(g, "kmsKeyId")))
		adSet(doc, "storedBytes", adNumber(adGet(g, "storedBytes")))
		adSet(doc, "creationTime", adEpochMillis(adGet(g, "creationTime")))
		if haveMF {
			list := []any{}
			for _, m := range adArr(adGet(mf, "metricFilters")) {
				if adStr(adGet(m, "logGroupName")) != name {
					continue
				}
				flt := adObj{}
				adCopy(flt, m, "filterName", "filterPattern", "logGroupName")
				if tr := adArr(adGet(m, "metricTransformations")); len(tr) > 0 {
					adSet(flt, "metricName", adStr(adGet(tr[0], "metricName")))
					adSet(flt, "metricNamespace", adStr(adGet(tr[0], "metricNamespace")))
				}
				list = append(list, flt)
			}
			doc["metricFilters"] = list
		}
		d.doc(Origin{Input: d.show(file), Index: i, Key: "logGroups", Resource: name}, doc)
	}
}

func (d *apiDump) readACM(r string) {
	v, file, _ := d.call(r, "acm-list-certificates")
	for i, c := range adArr(adGet(v, "CertificateSummaryList")) {
		arn := adStr(adGet(c, "CertificateArn"))
		doc := d.envelope("AcmCertificate", arn, adStr(adGet(c, "DomainName")), arn, r)
		src := c
		if full := adGet(d.param(r, "acm-describe-certificate", arn), "Certificate"); full != nil {
			src = full
		}
		adCopy(doc, src, "DomainName", "Status", "NotBefore", "NotAfter", "KeyAlgorithm", "RenewalEligibility")
		if s := adGet(src, "SubjectAlternativeNames"); s != nil {
			doc["subjectAlternativeNames"] = s
		}
		adSet(doc, "certificateType", adStr(adGet(src, "Type")))
		if u := adGet(src, "InUseBy"); u != nil {
			doc["inUseBy"] = u
		} else if b, ok := adBool(adGet(src, "InUse")); ok && !b {
			doc["inUseBy"] = []any{}
		}
		d.doc(Origin{Input: d.show(file), Index: i, Key: "CertificateSummaryList", Resource: arn}, doc)
	}
}

// readCloudFront assembles CloudFront documents from cloudfront
// ListDistributions (a global call).
func (d *apiDump) readCloudFront() {
	v, file, ok := d.globalCall("cloudfront-list-distributions")
	if !ok {
		return
	}
	for i, c := range adArr(adGet(v, "DistributionList", "Items")) {
		id := adStr(adGet(c, "Id"))
		doc := d.envelope("CloudFront", id, id, adStr(adGet(c, "ARN")), "global")
		adCopy(doc, c, "DomainName", "Enabled")
		doc["aliases"] = adOrEmpty(adArr(adGet(c, "Aliases", "Items")))
		adSet(doc, "webAclId", adStr(adGet(c, "WebACLId")))
		if b := adGet(c, "DefaultCacheBehavior"); b != nil {
			doc["defaultCacheBehavior"] = adObj{"viewerProtocolPolicy": adStr(adGet(b, "ViewerProtocolPolicy"))}
		}
		cbs := []any{}
		for _, b := range adArr(adGet(c, "CacheBehaviors", "Items")) {
			cbs = append(cbs, adObj{"pathPattern": adStr(adGet(b, "PathPattern")), "viewerProtocolPolicy": adStr(adGet(b, "ViewerProtocolPolicy"))})
		}
		doc["cacheBehaviors"] = cbs
		if vc := adGet(c, "ViewerCertificate"); vc != nil {
			x := adObj{}
			adCopy(x, vc, "MinimumProtocolVersion", "SSLSupportMethod", "CloudFrontDefaultCertificate")
			doc["viewerCertificate"] = x
		}
		origins := []any{}
		for _, o := range adArr(adGet(c, "Origins", "Items")) {
			x := adObj{}
			adCopy(x, o, "Id", "DomainName", "OriginAccessControlId")
			if co := adGet(o, "CustomOriginConfig"); co != nil {
				adSet(x, "originProtocolPolicy", adStr(adGet(co, "OriginProtocolPolicy")))
				if p := adGet(co, "OriginSslProtocols", "Items"); p != nil {
					x["originSslProtocols"] = p
				}
			}
			origins = append(origins, x)
		}
		doc["origins"] = origins
		d.doc(Origin{Input: d.show(file), Index: i, Key: "DistributionList.Items", Resource: id}, doc)
	}
}
