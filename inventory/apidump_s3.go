package inventory

// readS3 assembles S3Bucket documents from s3 ListBuckets and each bucket's
// per-resource calls (ACL, policy, logging, versioning, encryption, public
// access block, tags, location, lifecycle, replication, website, object
// lock), with the account's public access block copied in. It returns the
// buckets by name, for CloudTrail.s3Bucket.
func (d *apiDump) readS3() map[string]adObj {
	out := map[string]adObj{}
	list, file, ok := d.globalCall("s3-list-buckets")
	if !ok {
		return out
	}
	var account adObj
	if v := d.globalParam("s3control-get-public-access-block", d.account); v != nil {
		account = adPublicAccessBlock(adGet(v, "PublicAccessBlockConfiguration"))
	}
	for i, b := range adArr(adGet(list, "Buckets")) {
		name := adStr(adGet(b, "Name"))
		o := Origin{Input: d.show(file), Index: i, Key: "Buckets", Resource: name}
		region := ""
		if loc := d.globalParam("s3-get-bucket-location", name); loc != nil {
			region = adBucketRegion(adGet(loc, "LocationConstraint"))
		} else if r := adStr(adGet(b, "BucketRegion")); r != "" {
			region = r
		}
		doc := d.envelope("S3Bucket", name, name, "arn:"+adPartition(d.global)+":s3:::"+name, region)
		adSet(doc, "creationDate", adTime(adGet(b, "CreationDate")))
		if t := d.globalParam("s3-get-bucket-tagging", name); t != nil {
			doc["tags"] = adTagList(adGet(t, "TagSet"))
		} else if d.globalParamNotConfigured("s3-get-bucket-tagging", name) {
			doc["tags"] = []any{}
		}
		if acl := d.globalParam("s3-get-bucket-acl", name); acl != nil {
			grants := []any{}
			for _, g := range adArr(adGet(acl, "Grants")) {
				gr := adObj{}
				adSet(gr, "type", adStr(adGet(g, "Grantee", "Type")))
				adSet(gr, "canonicalUser", adStr(adGet(g, "Grantee", "ID")))
				adSet(gr, "displayName", adStr(adGet(g, "Grantee", "DisplayName")))
				adSet(gr, "uri", adStr(adGet(g, "Grantee", "URI")))
				adSet(gr, "premission", adStr(adGet(g, "Permission")))
				grants = append(grants, gr)
			}
			a := adObj{"grants": grants}
			adSet(a, "ownerId", adStr(adGet(acl, "Owner", "ID")))
			doc["acl"] = a
		}
		if p := d.globalParam("s3-get-bucket-policy", name); p != nil {
			d.setPolicy(o, doc, "policy", "bucket policy", adGet(p, "Policy"))
		}
		if l := d.globalParam("s3-get-bucket-logging", name); l != nil {
			le := adGet(l, "LoggingEnabled")
			lg := adObj{"enabled": le != nil}
			adSet(lg, "targetBucketName", adStr(adGet(le, "TargetBucket")))
			adSet(lg, "targetPrefix", adStr(adGet(le, "TargetPrefix")))
			doc["logging"] = lg
		}
		if v := d.globalParam("s3-get-bucket-versioning", name); v != nil {
			ver := adObj{}
			adSet(ver, "status", adStr(adGet(v, "Status")))
			adSet(ver, "mfaDelete", adStr(adGet(v, "MFADelete")))
			doc["versioning"] = ver
		}
		if e := d.globalParam("s3-get-bucket-encryption", name); e != nil {
			rules := []any{}
			for _, r := range adArr(adGet(e, "ServerSideEncryptionConfiguration", "Rules")) {
				rule := adObj{}
				if def := adGet(r, "ApplyServerSideEncryptionByDefault"); def != nil {
					sd := adObj{}
					adSet(sd, "serverSideEncryptionAlgorithm", adStr(adGet(def, "SSEAlgorithm")))
					adSet(sd, "kmsMasterKeyId", adStr(adGet(def, "KMSMasterKeyID")))
					rule["serverSideEncryptionByDefault"] = sd
				}
				adSetBool(rule, "bucketKeyEnabled", adGet(r, "BucketKeyEnabled"))
				rules = append(rules, rule)
			}
			doc["encryption"] = adObj{"serverSideEncryptionRules": rules}
		} else if d.globalParamNotConfigured("s3-get-bucket-encryption", name) {
			doc["encryption"] = adObj{"serverSideEncryptionRules": []any{}}
		}
		if p := d.globalParam("s3-get-public-access-block", name); p != nil {
			doc["publicAccessBlockConfiguration"] = adPublicAccessBlock(adGet(p, "PublicAccessBlockConfiguration"))
		}
		if account != nil {
			doc["accountPublicAccessBlock"] = account
		}
		if l := d.globalParam("s3-get-object-lock-configuration", name); l != nil {
			ol := adObj{}
			adSet(ol, "objectLockEnabled", adStr(adGet(l, "ObjectLockConfiguration", "ObjectLockEnabled")))
			doc["objectLockConfiguration"] = ol
		}
		if l := d.globalParam("s3-get-bucket-lifecycle-configuration", name); l != nil {
			rules := []any{}
			for _, r := range adArr(adGet(l, "Rules")) {
				rule := adCamelTree(r).(adObj)
				if id, ok := rule["iD"]; ok {
					rule["id"] = id
					delete(rule, "iD")
				}
				rules = append(rules, rule)
			}
			doc["lifecycleRules"] = rules
		} else if d.globalParamNotConfigured("s3-get-bucket-lifecycle-configuration", name) {
			doc["lifecycleRules"] = []any{}
		}
		if r := d.globalParam("s3-get-bucket-replication", name); r != nil {
			doc["replication"] = adCamelTree(adGet(r, "ReplicationConfiguration"))
		}
		if w := d.globalParam("s3-get-bucket-website", name); w != nil {
			doc["website"] = adCamelTree(w)
		}
		out[name] = doc
		d.doc(o, doc)
	}
	return out
}

// adPublicAccessBlock converts a PublicAccessBlockConfiguration.
func adPublicAccessBlock(v any) adObj {
	p := adObj{}
	adSetBool(p, "blockPublicAcls", adGet(v, "BlockPublicAcls"))
	adSetBool(p, "ignorePublicAcls", adGet(v, "IgnorePublicAcls"))
	adSetBool(p, "blockPublicPolicy", adGet(v, "BlockPublicPolicy"))
	adSetBool(p, "restrictPublicBuckets", adGet(v, "RestrictPublicBuckets"))
	return p
}

// adBucketRegion maps GetBucketLocation's LocationConstraint to a region:
// null or "" is us-east-1, EU is eu-west-1.
func adBucketRegion(v any) string {
	switch s := adStr(v); s {
	case "":
		return "us-east-1"
	case "EU":
		return "eu-west-1"
	default:
		return s
	}
}
