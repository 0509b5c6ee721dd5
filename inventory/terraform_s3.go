package inventory

import "strings"

// S3 buckets: Terraform's inline arguments (provider v3) and split
// aws_s3_bucket_* resources (v4 and later) both land in one S3Bucket
// document; the canned-ACL expansion and the defaults AWS applies to a new
// bucket are shared with CloudFormation.

// Group grantee URIs of S3 ACLs.
const (
	allUsersURI      = "http://acs.amazonaws.com/groups/global/AllUsers"
	authUsersURI     = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	logDeliveryURI   = "http://acs.amazonaws.com/groups/s3/LogDelivery"
	ownerDisplayName = "bucket owner"
)

func ownerGrant() map[string]any {
	return map[string]any{"type": "CanonicalUser", "displayName": ownerDisplayName, "premission": "FULL_CONTROL"}
}

func groupGrant(uri, perm string) map[string]any {
	return map[string]any{"type": "Group", "uri": uri, "premission": perm}
}

// cannedACLGrants expands a canned ACL into the grants AWS creates for a
// bucket (S3 User Guide, "Canned ACL"): the owner always gets
// FULL_CONTROL. Object-only ACLs (bucket-owner-read,
// bucket-owner-full-control) give a bucket just the owner's grant. It
// reports false for a name that is not a canned ACL.
// CloudFormation spells the names in PascalCase (LogDeliveryWrite).
func cannedACLGrants(acl string) ([]any, bool) {
	g := []any{ownerGrant()}
	switch kebab(acl) {
	case "private", "bucket-owner-read", "bucket-owner-full-control":
	case "public-read":
		g = append(g, groupGrant(allUsersURI, "READ"))
	case "public-read-write":
		g = append(g, groupGrant(allUsersURI, "READ"), groupGrant(allUsersURI, "WRITE"))
	case "authenticated-read":
		g = append(g, groupGrant(authUsersURI, "READ"))
	case "log-delivery-write":
		g = append(g, groupGrant(logDeliveryURI, "WRITE"), groupGrant(logDeliveryURI, "READ_ACP"))
	case "aws-exec-read":
		g = append(g, map[string]any{"type": "CanonicalUser", "displayName": "Amazon EC2", "premission": "READ"})
	default:
		return nil, false
	}
	return g, true
}

// kebab turns PascalCase into lower-case words joined by hyphens
// (PublicReadWrite -> public-read-write) and lower-cases the rest.
func kebab(s string) string {
	if strings.ContainsRune(s, '-') {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// configuredUnknown reports whether property p is unknown for a reason
// other than the provider computing it: a configured expression, a
// parameter, an unrecognised value.
func configuredUnknown(b *builder, p string) bool {
	refs, ok := b.unknown[p]
	return ok && !onlyComputed(refs)
}

// setCannedACL sets acl.grants from a canned ACL name; a name that is not
// one is recorded as unknown rather than read as private.
func setCannedACL(b *builder, name string) {
	if g, ok := cannedACLGrants(name); ok {
		b.set("acl.grants", g)
	} else {
		b.markUnknown("acl.grants", "unrecognised canned ACL "+name)
	}
}

// s3NewBucketDefaults fills what AWS gives every bucket created today when
// neither the bucket nor a split resource sets it: SSE-S3 default
// encryption (since 2023-01-05), the private ACL (ACLs disabled, since
// 2023-04) and all four Block Public Access settings (since 2023-04).
func s3NewBucketDefaults(b *builder) {
	if _, ok := b.doc["encryption"]; !ok {
		b.set("encryption", map[string]any{"serverSideEncryptionRules": []any{
			map[string]any{"serverSideEncryptionByDefault": map[string]any{"serverSideEncryptionAlgorithm": "AES256"}, "bucketKeyEnabled": false},
		}})
		delete(b.unknown, "encryption")
	}
	if acl, _ := b.doc["acl"].(map[string]any); (acl == nil || acl["grants"] == nil) && !configuredUnknown(b, "acl.grants") {
		g, _ := cannedACLGrants("private")
		b.set("acl.grants", g)
		delete(b.unknown, "acl.grants")
		delete(b.unknown, "acl")
	}
	if _, ok := b.doc["publicAccessBlockConfiguration"]; !ok {
		b.set("publicAccessBlockConfiguration", map[string]any{
			"blockPublicAcls": true, "ignorePublicAcls": true, "blockPublicPolicy": true, "restrictPublicBuckets": true,
		})
	}
	if _, ok := b.doc["logging"]; !ok {
		b.set("logging", map[string]any{"enabled": false})
		delete(b.unknown, "logging")
	}
	// From provider v4 the inline arguments are computed: unknown on
	// create but not configured (no references), they hold what the
	// split resources of the input set, and those are merged already.
	for _, p := range []string{"policy", "versioning", "lifecycleRules", "replication", "website", "objectLockConfiguration", "logging", "logging.enabled"} {
		if refs, ok := b.unknown[p]; ok && onlyComputed(refs) {
			delete(b.unknown, p)
		}
	}
}

// tfS3Bucket maps aws_s3_bucket with the inline arguments of provider v3
// (acl, grant, policy, logging, versioning, server_side_encryption_configuration,
// replication_configuration, lifecycle_rule, object_lock_configuration).
// From v4 these are computed: unknown when the bucket is created, known in
// a state or for an unchanged bucket.
func tfS3Bucket(b *builder) {
	r := b.r
	b.fields("name", "bucket", "arn", "arn", "region", "region")
	b.copy("tags", "tags", tfTagList)
	if v, known, refs := r.get("grant"); !known {
		b.markUnknown("acl.grants", refs...)
	} else if g := tfGrants(v); len(g) > 0 {
		b.set("acl.grants", g)
	}
	if _, set := b.doc["acl"]; !set {
		if v, known, refs := r.get("acl"); !known {
			b.markUnknown("acl.grants", refs...)
		} else if s, ok := v.(string); ok && s != "" {
			setCannedACL(b, s)
		}
	}
	b.copy("policy", "policy", policyDoc)
	tfS3Logging(b, r, "logging.0.")
	if v, known, refs := r.get("logging"); known && len(list(v)) == 0 {
		b.set("logging", map[string]any{"enabled": false})
	} else if !known {
		b.markUnknown("logging", refs...)
	}
	if v, _, _ := r.get("versioning.0.enabled"); v == true {
		b.set("versioning.status", "Enabled")
	} else if _, known, refs := r.get("versioning"); !known {
		b.markUnknown("versioning", refs...)
	}
	if v, _, _ := r.get("versioning.0.mfa_delete"); v != nil {
		b.set("versioning.mfaDelete", map[bool]string{true: "Enabled", false: "Disabled"}[v == true])
	}
	tfS3Encryption(b, r, "server_side_encryption_configuration.0.rule")
	tfS3Replication(b, r, "replication_configuration.0.role", "replication_configuration.0.rules")
	tfS3Lifecycle(b, r, "lifecycle_rule")
	if v, _, _ := r.get("object_lock_enabled"); v == true {
		b.set("objectLockConfiguration.objectLockEnabled", "Enabled")
	}
	if v, _, _ := r.get("object_lock_configuration.0.object_lock_enabled"); v == "Enabled" {
		b.set("objectLockConfiguration.objectLockEnabled", "Enabled")
	}
}

func tfS3Logging(b *builder, r *iacResource, base string) {
	if v, _, _ := r.get(strings.TrimSuffix(base, ".")); base != "" && v == nil {
		return
	}
	// A logging block turns logging on, whatever bucket it names.
	b.set("logging.enabled", true)
	b.copyFrom(r, "logging.targetBucketName", base+"target_bucket", nil)
	b.copyFrom(r, "logging.targetPrefix", base+"target_prefix", nil)
}

// tfGrants converts Terraform grant blocks ({type, id, uri, permissions})
// or access_control_policy grants ({grantee {type, id, uri}, permission}).
func tfGrants(v any) []any {
	var out []any
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		if m == nil {
			continue
		}
		grantee := m
		if gl := list(m["grantee"]); len(gl) > 0 {
			grantee, _ = gl[0].(map[string]any)
		}
		base := map[string]any{}
		if t, ok := grantee["type"].(string); ok {
			base["type"] = t
		}
		if id, ok := grantee["id"].(string); ok && id != "" {
			base["canonicalUser"] = id
		}
		if u, ok := grantee["uri"].(string); ok && u != "" {
			base["uri"] = u
		}
		if d, ok := grantee["display_name"].(string); ok && d != "" {
			base["displayName"] = d
		}
		perms := stringsOf(m["permissions"])
		if p, ok := m["permission"].(string); ok {
			perms = append(perms, p)
		}
		for _, p := range perms {
			g := map[string]any{"premission": p}
			for k, v := range base {
				g[k] = v
			}
			out = append(out, g)
		}
	}
	return out
}

func tfS3Encryption(b *builder, r *iacResource, rules string) {
	v, known, refs := r.get(rules)
	if !known {
		b.markUnknown("encryption", refs...)
		return
	}
	var out []any
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		rule := map[string]any{}
		if d := list(m["apply_server_side_encryption_by_default"]); len(d) > 0 {
			dm, _ := d[0].(map[string]any)
			def := map[string]any{}
			if a, ok := dm["sse_algorithm"].(string); ok {
				def["serverSideEncryptionAlgorithm"] = a
			}
			if k, ok := dm["kms_master_key_id"].(string); ok && k != "" {
				def["kmsMasterKeyId"] = k
			} else if u, refs := hasUnknown(dm["kms_master_key_id"]); u {
				b.markUnknown("encryption.serverSideEncryptionRules", refs...)
			}
			rule["serverSideEncryptionByDefault"] = def
		}
		if bk, ok := m["bucket_key_enabled"].(bool); ok {
			rule["bucketKeyEnabled"] = bk
		}
		out = append(out, rule)
	}
	if len(out) > 0 {
		b.set("encryption.serverSideEncryptionRules", out)
	}
}

func tfS3Replication(b *builder, r *iacResource, role, rules string) {
	v, known, refs := r.get(rules)
	if !known {
		b.markUnknown("replication", refs...)
		return
	}
	var out []any
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		rule := map[string]any{}
		if s, ok := m["status"].(string); ok {
			rule["status"] = s
		}
		if id, ok := m["id"].(string); ok {
			rule["id"] = id
		}
		out = append(out, rule)
	}
	if len(out) > 0 {
		b.set("replication.rules", out)
		b.copyFrom(r, "replication.role", role, nil)
	}
}

func tfS3Lifecycle(b *builder, r *iacResource, rules string) {
	v, known, refs := r.get(rules)
	if !known {
		b.markUnknown("lifecycleRules", refs...)
		return
	}
	var out []any
	for _, e := range list(v) {
		m, _ := e.(map[string]any)
		rule := map[string]any{}
		if id, ok := m["id"].(string); ok {
			rule["id"] = id
		}
		switch s := m["status"].(type) {
		case string:
			rule["status"] = s
		}
		if en, ok := m["enabled"].(bool); ok {
			rule["status"] = map[bool]string{true: "Enabled", false: "Disabled"}[en]
		}
		out = append(out, rule)
	}
	if len(out) > 0 {
		b.set("lifecycleRules", out)
	}
}

// tfS3Child merges an aws_s3_bucket_* resource into its bucket.
func tfS3Child(p *builder, c *iacResource) {
	switch c.typ {
	case "aws_s3_bucket_acl":
		if v, _, _ := c.get("access_control_policy.0.grant"); v != nil {
			p.set("acl.grants", tfGrants(v))
			p.copyFrom(c, "acl.ownerId", "access_control_policy.0.owner.0.id", nil)
		} else if a, known, refs := c.get("acl"); !known {
			p.markUnknown("acl.grants", refs...)
		} else if s, ok := a.(string); ok && s != "" {
			setCannedACL(p, s)
		}
	case "aws_s3_bucket_policy":
		p.copyFrom(c, "policy", "policy", policyDoc)
	case "aws_s3_bucket_logging":
		tfS3Logging(p, c, "")
	case "aws_s3_bucket_versioning":
		if s, _, _ := c.get("versioning_configuration.0.status"); s == "Enabled" || s == "Suspended" {
			p.set("versioning.status", s)
		} else if _, known, refs := c.get("versioning_configuration.0.status"); !known {
			p.markUnknown("versioning.status", refs...)
		}
		p.copyFrom(c, "versioning.mfaDelete", "versioning_configuration.0.mfa_delete", nil)
	case "aws_s3_bucket_server_side_encryption_configuration":
		tfS3Encryption(p, c, "rule")
	case "aws_s3_bucket_public_access_block":
		for _, f := range [][2]string{{"blockPublicAcls", "block_public_acls"}, {"ignorePublicAcls", "ignore_public_acls"},
			{"blockPublicPolicy", "block_public_policy"}, {"restrictPublicBuckets", "restrict_public_buckets"}} {
			// Terraform's default for each is false.
			if !p.copyFrom(c, "publicAccessBlockConfiguration."+f[0], f[1], asBool) {
				if _, known, _ := c.get(f[1]); known {
					p.set("publicAccessBlockConfiguration."+f[0], false)
				}
			}
		}
	case "aws_s3_bucket_replication_configuration":
		tfS3Replication(p, c, "role", "rule")
	case "aws_s3_bucket_lifecycle_configuration":
		tfS3Lifecycle(p, c, "rule")
	case "aws_s3_bucket_object_lock_configuration":
		if v, _, _ := c.get("object_lock_enabled"); v == "Enabled" {
			p.set("objectLockConfiguration.objectLockEnabled", "Enabled")
		}
	case "aws_s3_bucket_ownership_controls":
		p.copyFrom(c, "ownershipControls.objectOwnership", "rule.0.object_ownership", nil)
	case "aws_s3_bucket_website_configuration":
		p.set("website", map[string]any{})
		p.copyFrom(c, "website.indexDocumentSuffix", "index_document.0.suffix", nil)
	}
}

// tfS3AccountBlock copies aws_s3_account_public_access_block into every
// bucket of the input.
func tfS3AccountBlock(p *builder, c *iacResource) {
	for _, f := range [][2]string{{"blockPublicAcls", "block_public_acls"}, {"ignorePublicAcls", "ignore_public_acls"},
		{"blockPublicPolicy", "block_public_policy"}, {"restrictPublicBuckets", "restrict_public_buckets"}} {
		if !p.copyFrom(c, "accountPublicAccessBlock."+f[0], f[1], asBool) {
			if _, known, _ := c.get(f[1]); known {
				p.set("accountPublicAccessBlock."+f[0], false)
			}
		}
	}
}

var s3Child = &childMap{
	link:    "bucket",
	parents: []string{"aws_s3_bucket"},
	keys:    []string{"bucket", "id"},
	merge:   tfS3Child,
}
