package inventory

// IAM identities and policies from Terraform: inline and attached policies
// are merged into the user, group or role, and attachments of a policy of
// the same input are counted on the IamPolicy.

func tfIamIdentity(idField string) func(b *builder) {
	return func(b *builder) {
		b.fields("name", "name", "arn", "arn", "path", "path", idField, "unique_id")
		b.copy("permissionsBoundary", "permissions_boundary", nonEmptyString)
		b.copy("tags", "tags", tfTagList)
		b.set("region", "global")
		b.doc["managedPolicies"] = []any{}
		b.doc["inlinePolicies"] = []any{}
		if b.r.typ == "aws_iam_user" {
			// A console password comes with aws_iam_user_login_profile.
			b.set("passwordEnabled", false)
			notInPlan(b, "mfaActive", "virtualMfaEnabled", "passwordLastUsed", "createDate")
		}
	}
}

// tfLoginProfile merges aws_iam_user_login_profile: the user has a
// console password.
func tfLoginProfile(p *builder, c *iacResource) {
	p.set("passwordEnabled", true)
}

// tfAccessKey merges aws_iam_access_key into the user's first free key
// slot, as the credential report numbers them. A key being created was
// last rotated at apply time.
func tfAccessKey(p *builder, c *iacResource) {
	key := map[string]any{"isActive": true}
	if s, _, _ := c.get("status"); s == "Inactive" {
		key["isActive"] = false
	}
	if id, _, _ := c.get("id"); id != nil {
		key["id"] = id
	}
	slot := "firstAccessKey"
	if _, used := p.doc[slot]; used {
		slot = "secondAccessKey"
	}
	p.doc[slot] = key
	if c.create {
		p.markUnknown(slot+".lastRotated", "the time of apply")
	}
}

func tfIamRole(b *builder) {
	tfIamIdentity("roleId")(b)
	b.fields("description", "description", "maxSessionDuration", "max_session_duration")
	b.copy("assumeRolePolicyDocument", "assume_role_policy", policyDoc)
	// Unset, these two are computed: they hold what the attachment and
	// policy resources of the input, merged below, give the role.
	if v, known, refs := b.r.get("inline_policy"); !known {
		if len(refs) > 0 {
			b.markUnknown("inlinePolicies", refs...)
		}
	} else {
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			if name, _ := m["name"].(string); name != "" {
				p := map[string]any{"name": name, "policyType": "Inline"}
				if d, ok := policyDoc(m["policy"]); ok {
					p["policyDocument"] = d
				}
				b.appendTo("inlinePolicies", p)
			}
		}
	}
	if v, known, refs := b.r.get("managed_policy_arns"); !known {
		if len(refs) > 0 {
			b.markUnknown("managedPolicies", refs...)
		}
	} else {
		for _, a := range stringsOf(v) {
			b.appendTo("managedPolicies", managedPolicy(a))
		}
	}
}

func managedPolicy(arn string) map[string]any {
	return map[string]any{"arn": arn, "name": arnName(arn), "policyType": "Managed"}
}

func tfIamPolicy(b *builder) {
	b.fields("name", "name", "arn", "arn", "path", "path", "description", "description", "policyId", "policy_id")
	b.copy("document", "policy", policyDoc)
	b.copy("tags", "tags", tfTagList)
	b.set("region", "global")
	b.set("isAwsManaged", false)
	b.set("isAttachable", true)
	b.set("attachmentCount", 0)
}

// tfInlinePolicy merges aws_iam_{user,group,role}_policy.
func tfInlinePolicy(p *builder, c *iacResource) {
	pol := map[string]any{"policyType": "Inline"}
	if n, _, _ := c.get("name"); n != nil {
		pol["name"] = n
	}
	if d, known, refs := c.get("policy"); !known {
		p.markUnknown("inlinePolicies", refs...)
	} else if doc, ok := policyDoc(d); ok {
		pol["policyDocument"] = doc
	}
	p.appendTo("inlinePolicies", pol)
}

// tfAttachPolicy merges a policy attachment into the user, group or role.
func tfAttachPolicy(p *builder, c *iacResource) {
	a, known, refs := c.get("policy_arn")
	s, _ := a.(string)
	if !known || s == "" {
		// A policy of the same input being created: its ARN comes later.
		pol := map[string]any{"policyType": "Managed"}
		if ph := tfPlaceholder(refs); ph != "" {
			pol["arn"] = ph
		}
		p.appendTo("managedPolicies", pol)
		if !known && len(linksOf(c, "policy_arn")) == 0 {
			p.markUnknown("managedPolicies", refs...)
		}
		return
	}
	p.appendTo("managedPolicies", managedPolicy(s))
}

// tfPolicyAttached counts an attachment on the IamPolicy it names.
func tfPolicyAttached(kind string) func(p *builder, c *iacResource) {
	return func(p *builder, c *iacResource) {
		n, _ := p.doc["attachmentCount"].(int)
		for _, attr := range []string{"user", "group", "role", "users", "groups", "roles"} {
			v, _, _ := c.get(attr)
			for _, name := range stringsOf(v) {
				to := attr
				if to[len(to)-1] != 's' {
					to += "s"
				}
				p.appendTo(to, map[string]any{"name": name})
				n++
			}
		}
		p.doc["attachmentCount"] = n
	}
}

func iamAttachChildren(link, parent string) []*childMap {
	return []*childMap{
		{link: link, parents: []string{parent}, keys: []string{"name", "arn:name"}, merge: tfAttachPolicy},
		{link: "policy_arn", parents: []string{"aws_iam_policy"}, keys: []string{"arn"}, merge: tfPolicyAttached(link), optional: true},
	}
}

func iamInlineChildren(link, parent string) []*childMap {
	return []*childMap{{link: link, parents: []string{parent}, keys: []string{"name", "arn:name"}, merge: tfInlinePolicy}}
}

// tfGroupMembers merges aws_iam_group_membership and
// aws_iam_user_group_membership into the groups (users) and the users
// (attachedGroups).
func tfGroupMembers(p *builder, c *iacResource) {
	switch p.r.typ {
	case "aws_iam_group":
		for _, attr := range []string{"users", "user"} {
			v, _, _ := c.get(attr)
			for _, u := range stringsOf(v) {
				p.appendTo("users", map[string]any{"name": u})
			}
		}
	case "aws_iam_user":
		for _, attr := range []string{"groups", "group"} {
			v, _, _ := c.get(attr)
			for _, g := range stringsOf(v) {
				p.appendTo("attachedGroups", map[string]any{"name": g})
			}
		}
	}
}

// tfPasswordPolicy maps aws_iam_account_password_policy to the Iam entity.
// The plan says nothing of the rest of Iam (the root user, the account
// summary, MFA devices, alternate contacts): those properties are listed
// as unknown, so that rules reading them do not judge the account from a
// plan that cannot know.
func tfPasswordPolicy(b *builder) {
	b.set("region", "global")
	b.set("passwordPolicy.enabledInAccount", true)
	b.fields("passwordPolicy.minPasswordLength", "minimum_password_length",
		"passwordPolicy.passwordReusePrevention", "password_reuse_prevention",
		"passwordPolicy.requireSymbols", "require_symbols",
		"passwordPolicy.requireNumbers", "require_numbers",
		"passwordPolicy.requireUppercaseCharacter", "require_uppercase_characters",
		"passwordPolicy.requireLowercaseCharacter", "require_lowercase_characters",
		"passwordPolicy.allowUsersToChangePassword", "allow_users_to_change_password",
		"passwordPolicy.hardExpiry", "hard_expiry")
	if b.copy("passwordPolicy.maxPasswordAge", "max_password_age", positive) {
		b.set("passwordPolicy.expirePasswords", true)
	} else if _, known, _ := b.r.get("max_password_age"); known {
		b.set("passwordPolicy.expirePasswords", false)
	}
	notInPlan(b, "stats", "rootUser", "virtualMfaDevices", "alternateContacts", "credentialReportGeneratedTime", "serverCertificates")
}

// notInPlan records properties the input format never describes.
func notInPlan(b *builder, props ...string) {
	for _, p := range props {
		b.markUnknown(p, "not described by "+b.r.format)
	}
}
