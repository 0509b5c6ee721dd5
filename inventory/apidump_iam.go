package inventory

import (
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
)

// adIAM is what other types embed from IAM: roles by name and by
// instance profile ARN.
type adIAM struct {
	roles    map[string]adObj // role name -> IamRole document
	profiles map[string][]any // instance profile ARN -> its IamRole documents
}

// adRootUser is the credential report's name for the root user.
const adRootUser = "<root_account>"

// readIAM assembles IamUser (with the credential report merged in and the
// root user), IamRole, IamGroup, IamPolicy and the account's Iam document.
func (d *apiDump) readIAM() *adIAM {
	out := &adIAM{roles: map[string]adObj{}, profiles: map[string][]any{}}
	auth, authFile, _ := d.globalCall("iam-get-account-authorization-details")

	// Managed policy documents, by ARN (default version).
	policyDocs := map[string]adObj{}
	for i, p := range adArr(adGet(auth, "Policies")) {
		for _, v := range adArr(adGet(p, "PolicyVersionList")) {
			if b, _ := adBool(adGet(v, "IsDefaultVersion")); b || adStr(adGet(v, "VersionId")) == adStr(adGet(p, "DefaultVersionId")) {
				doc, err := adPolicy(adGet(v, "Document"))
				if err != nil {
					d.fail(Origin{Input: d.show(authFile), Index: i, Key: "Policies", Resource: adStr(adGet(p, "Arn"))}, err)
				}
				if doc != nil {
					policyDocs[adStr(adGet(p, "Arn"))] = doc
				}
			}
		}
	}
	managed := func(list any) []any {
		out := []any{}
		for _, a := range adArr(list) {
			arn := adStr(adGet(a, "PolicyArn"))
			p := adObj{"name": adStr(adGet(a, "PolicyName")), "arn": arn, "policyType": "Managed"}
			if doc := policyDocs[arn]; doc != nil {
				p["policyDocument"] = doc
			}
			out = append(out, p)
		}
		return out
	}
	inline := func(list any, o Origin) []any {
		out := []any{}
		for _, a := range adArr(list) {
			p := adObj{"name": adStr(adGet(a, "PolicyName")), "policyType": "Inline"}
			doc, err := adPolicy(adGet(a, "PolicyDocument"))
			if err != nil {
				d.fail(o, fmt.Errorf("inline policy %s: %w", adStr(adGet(a, "PolicyName")), err))
			}
			if doc != nil {
				p["policyDocument"] = doc
			}
			out = append(out, p)
		}
		return out
	}

	// Groups.
	groups := map[string]adObj{}
	groupOrigin := map[string]Origin{}
	var groupNames []string
	for i, g := range adArr(adGet(auth, "GroupDetailList")) {
		name := adStr(adGet(g, "GroupName"))
		o := Origin{Input: d.show(authFile), Index: i, Key: "GroupDetailList", Resource: adStr(adGet(g, "Arn"))}
		doc := d.envelope("IamGroup", name, name, adStr(adGet(g, "Arn")), "global")
		adCopy(doc, g, "GroupId", "Path", "CreateDate")
		doc["managedPolicies"] = managed(adGet(g, "AttachedManagedPolicies"))
		doc["inlinePolicies"] = inline(adGet(g, "GroupPolicyList"), o)
		doc["combinedPolicies"] = append(append([]any{}, doc["managedPolicies"].([]any)...), doc["inlinePolicies"].([]any)...)
		doc["users"] = []any{}
		groups[name] = doc
		groupOrigin[name] = o
		groupNames = append(groupNames, name)
	}

	// Policy attachments, for IamPolicy.users/groups/roles.
	attached := map[string]map[string][]any{} // policy ARN -> "users"/"groups"/"roles" -> principals
	attach := func(list any, kind string, who adObj) {
		for _, a := range adArr(list) {
			arn := adStr(adGet(a, "PolicyArn"))
			if attached[arn] == nil {
				attached[arn] = map[string][]any{}
			}
			attached[arn][kind] = append(attached[arn][kind], who)
		}
	}
	for _, g := range adArr(adGet(auth, "GroupDetailList")) {
		attach(adGet(g, "AttachedManagedPolicies"), "groups", adObj{"id": adStr(adGet(g, "GroupId")), "name": adStr(adGet(g, "GroupName")), "arn": adStr(adGet(g, "Arn"))})
	}

	// The credential report, by user name.
	report, adReportTime := d.credentialReport()
	mfa, haveMFA := d.virtualMFA()

	// Users.
	seen := map[string]bool{}
	for i, u := range adArr(adGet(auth, "UserDetailList")) {
		name := adStr(adGet(u, "UserName"))
		seen[name] = true
		o := Origin{Input: d.show(authFile), Index: i, Key: "UserDetailList", Resource: adStr(adGet(u, "Arn"))}
		doc := d.envelope("IamUser", name, name, adStr(adGet(u, "Arn")), "global")
		adCopy(doc, u, "UserId", "Path", "CreateDate")
		if t := adGet(u, "Tags"); t != nil {
			doc["tags"] = adTagList(t)
		}
		adSet(doc, "permissionsBoundary", adStr(adGet(u, "PermissionsBoundary", "PermissionsBoundaryArn")))
		// iam GetUser gives the permissions boundary and tags of users
		// whose authorization details predate them.
		if full := adGet(d.globalParam("iam-get-user", name), "User"); full != nil {
			adSet(doc, "permissionsBoundary", adStr(adGet(full, "PermissionsBoundary", "PermissionsBoundaryArn")))
			if _, ok := doc["tags"]; !ok && adGet(full, "Tags") != nil {
				doc["tags"] = adTagList(adGet(full, "Tags"))
			}
		}
		doc["managedPolicies"] = managed(adGet(u, "AttachedManagedPolicies"))
		doc["inlinePolicies"] = inline(adGet(u, "UserPolicyList"), o)
		combined := append(append([]any{}, doc["managedPolicies"].([]any)...), doc["inlinePolicies"].([]any)...)
		attachedGroups := []any{}
		for _, gn := range adArr(adGet(u, "GroupList")) {
			g := groups[adStr(gn)]
			if g == nil {
				continue
			}
			g["users"] = append(g["users"].([]any), adObj{"id": adStr(adGet(u, "UserId")), "name": name, "arn": adStr(adGet(u, "Arn"))})
			attachedGroups = append(attachedGroups, adShallowGroup(g))
			combined = append(combined, g["combinedPolicies"].([]any)...)
		}
		doc["attachedGroups"] = attachedGroups
		doc["combinedPolicies"] = combined
		attach(adGet(u, "AttachedManagedPolicies"), "users", adObj{"id": adStr(adGet(u, "UserId")), "name": name, "arn": adStr(adGet(u, "Arn"))})
		if row, ok := report[name]; ok {
			adMergeCredentialRow(doc, row)
		}
		if haveMFA {
			adSetVirtualMFA(doc, mfa)
		}
		d.doc(o, doc)
	}

	// Users only in the credential report: the root user, and every user
	// when the authorization details are missing.
	var root adObj
	names := make([]string, 0, len(report))
	for n := range report {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		if seen[name] {
			continue
		}
		row := report[name]
		doc := d.envelope("IamUser", name, name, row["arn"], "global")
		adMergeCredentialRow(doc, row)
		if haveMFA {
			adSetVirtualMFA(doc, mfa)
		}
		if name == adRootUser {
			root = doc
		}
		d.doc(Origin{Input: d.show(adReportFile(d)), Index: -1, Resource: row["arn"]}, doc)
	}

	// Groups, now that their members are known.
	for _, name := range groupNames {
		d.doc(groupOrigin[name], groups[name])
	}

	// Roles, with iam get-role's description and session duration.
	for i, r := range adArr(adGet(auth, "RoleDetailList")) {
		name := adStr(adGet(r, "RoleName"))
		o := Origin{Input: d.show(authFile), Index: i, Key: "RoleDetailList", Resource: adStr(adGet(r, "Arn"))}
		doc := d.envelope("IamRole", name, name, adStr(adGet(r, "Arn")), "global")
		adCopy(doc, r, "RoleId", "Path", "CreateDate", "Description", "MaxSessionDuration")
		if t := adGet(r, "Tags"); t != nil {
			doc["tags"] = adTagList(t)
		}
		if full := adGet(d.globalParam("iam-get-role", name), "Role"); full != nil {
			adCopy(doc, full, "Description", "MaxSessionDuration")
			if lu := adGet(full, "RoleLastUsed"); lu != nil && adGet(r, "RoleLastUsed") == nil {
				r.(adObj)["RoleLastUsed"] = lu
			}
		}
		trust, err := adPolicy(adGet(r, "AssumeRolePolicyDocument"))
		if err != nil {
			d.fail(o, fmt.Errorf("trust policy: %w", err))
		}
		if trust != nil {
			doc["assumeRolePolicyDocument"] = trust
		}
		adSet(doc, "permissionsBoundary", adStr(adGet(r, "PermissionsBoundary", "PermissionsBoundaryArn")))
		doc["managedPolicies"] = managed(adGet(r, "AttachedManagedPolicies"))
		doc["inlinePolicies"] = inline(adGet(r, "RolePolicyList"), o)
		doc["combinedPolicies"] = append(append([]any{}, doc["managedPolicies"].([]any)...), doc["inlinePolicies"].([]any)...)
		if lu := adGet(r, "RoleLastUsed"); lu != nil {
			last := adObj{}
			adSet(last, "lastUsedDate", adTime(adGet(lu, "LastUsedDate")))
			adSet(last, "region", adStr(adGet(lu, "Region")))
			doc["roleLastUsed"] = last
		}
		doc["isServiceLinked"] = strings.HasPrefix(adStr(adGet(r, "Path")), "/aws-service-role/")
		attach(adGet(r, "AttachedManagedPolicies"), "roles", adObj{"id": adStr(adGet(r, "RoleId")), "name": name, "arn": adStr(adGet(r, "Arn"))})
		out.roles[name] = doc
		for _, p := range adArr(adGet(r, "InstanceProfileList")) {
			arn := adStr(adGet(p, "Arn"))
			out.profiles[arn] = append(out.profiles[arn], doc)
		}
		d.doc(o, doc)
	}

	// Managed policies.
	for i, p := range adArr(adGet(auth, "Policies")) {
		arn := adStr(adGet(p, "Arn"))
		name := adStr(adGet(p, "PolicyName"))
		doc := d.envelope("IamPolicy", arn, name, arn, "global")
		adCopy(doc, p, "PolicyId", "Path", "Description", "IsAttachable", "AttachmentCount", "DefaultVersionId", "CreateDate", "UpdateDate")
		doc["isAwsManaged"] = strings.Contains(arn, ":iam::aws:policy/")
		if pd := policyDocs[arn]; pd != nil {
			doc["document"] = pd
		}
		for _, kind := range []string{"users", "groups", "roles"} {
			list := attached[arn][kind]
			if list == nil {
				list = []any{}
			}
			doc[kind] = list
		}
		d.doc(Origin{Input: d.show(authFile), Index: i, Key: "Policies", Resource: arn}, doc)
	}

	d.emitIam(root, adReportTime, mfa, haveMFA)
	return out
}

// adShallowGroup is a group embedded in a user: without its member list.
func adShallowGroup(g adObj) adObj {
	out := adObj{}
	for k, v := range g {
		if k != "users" {
			out[k] = v
		}
	}
	return out
}

func adReportFile(d *apiDump) string {
	for _, r := range d.regions {
		if f, ok := d.calls[r]["iam-get-credential-report"]; ok {
			return f
		}
	}
	return d.root
}

// credentialReport reads iam GetCredentialReport: Content is the CSV as
// base64 (the AWS CLI and the raw API) or as text (cloudmapper decodes it).
// It returns the rows by user name and the report's generation time.
func (d *apiDump) credentialReport() (map[string]map[string]string, any) {
	if d.report == nil {
		d.report = &adReport{}
		d.report.rows, d.report.generated = d.readCredentialReport()
	}
	return d.report.rows, d.report.generated
}

// adReport is the credential report, read once.
type adReport struct {
	rows      map[string]map[string]string
	generated any
}

func (d *apiDump) readCredentialReport() (map[string]map[string]string, any) {
	rows := map[string]map[string]string{}
	v, file, ok := d.globalCall("iam-get-credential-report")
	if !ok {
		return rows, nil
	}
	content := adStr(adGet(v, "Content"))
	text := content
	if !strings.HasPrefix(content, "user,") {
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(content))
		if err != nil {
			d.fail(Origin{Input: d.show(file), Index: -1, Key: "Content"}, fmt.Errorf("credential report: Content is neither CSV nor base64: %w", err))
			return rows, nil
		}
		text = string(b)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		d.fail(Origin{Input: d.show(file), Index: -1, Key: "Content"}, fmt.Errorf("credential report: %w", err))
		return rows, nil
	}
	if len(recs) == 0 || len(recs[0]) == 0 || recs[0][0] != "user" {
		d.fail(Origin{Input: d.show(file), Index: -1, Key: "Content"}, fmt.Errorf("credential report: no header row starting with \"user\""))
		return rows, nil
	}
	head := recs[0]
	for i, rec := range recs[1:] {
		if len(rec) != len(head) {
			d.fail(Origin{Input: d.show(file), Line: i + 2, Index: -1, Key: "Content"}, fmt.Errorf("credential report row %d has %d fields, the header %d", i+1, len(rec), len(head)))
			continue
		}
		row := map[string]string{}
		for j, h := range head {
			row[h] = rec[j]
		}
		rows[row["user"]] = row
	}
	return rows, adTime(adGet(v, "GeneratedTime"))
}

// adReportValue is a credential-report cell, or "" for the report's "no
// value" markers.
func adReportValue(row map[string]string, col string) string {
	switch v := row[col]; v {
	case "N/A", "not_supported", "no_information", "":
		return ""
	default:
		return v
	}
}

// adMergeCredentialRow adds the credential-report fields to an IamUser.
func adMergeCredentialRow(doc adObj, row map[string]string) {
	if _, ok := doc["createDate"]; !ok {
		adSet(doc, "createDate", adReportTime(row, "user_creation_time"))
	}
	adSetBool(doc, "passwordEnabled", adReportValue(row, "password_enabled"))
	adSet(doc, "passwordLastUsed", adReportTime(row, "password_last_used"))
	adSet(doc, "passwordLastChanged", adReportTime(row, "password_last_changed"))
	adSet(doc, "passwordNextRotation", adReportTime(row, "password_next_rotation"))
	adSetBool(doc, "mfaActive", adReportValue(row, "mfa_active"))
	for i, k := range []string{"firstAccessKey", "secondAccessKey"} {
		p := fmt.Sprintf("access_key_%d_", i+1)
		key := adObj{}
		adSetBool(key, "isActive", adReportValue(row, p+"active"))
		adSet(key, "lastRotated", adReportTime(row, p+"last_rotated"))
		adSet(key, "lastUsedDate", adReportTime(row, p+"last_used_date"))
		adSet(key, "lastUsedRegion", adReportValue(row, p+"last_used_region"))
		adSet(key, "lastUsedService", adReportValue(row, p+"last_used_service"))
		if len(key) > 0 {
			doc[k] = key
		}
	}
	for i, k := range []string{"firstCertificate", "secondCertificate"} {
		p := fmt.Sprintf("cert_%d_", i+1)
		c := adObj{}
		adSetBool(c, "isActive", adReportValue(row, p+"active"))
		adSet(c, "lastRotated", adReportTime(row, p+"last_rotated"))
		if len(c) > 0 {
			doc[k] = c
		}
	}
}

func adReportTime(row map[string]string, col string) any {
	v := adReportValue(row, col)
	if v == "" {
		return nil
	}
	return adTime(v)
}

// virtualMFA reads iam ListVirtualMFADevices: the devices, and whether the
// call is in the dump.
func (d *apiDump) virtualMFA() ([]any, bool) {
	v, _, ok := d.globalCall("iam-list-virtual-mfa-devices")
	if !ok {
		return nil, false
	}
	out := []any{}
	for _, m := range adArr(adGet(v, "VirtualMFADevices")) {
		dev := adObj{}
		adSet(dev, "serialNumber", adStr(adGet(m, "SerialNumber")))
		adSet(dev, "userArn", adStr(adGet(m, "User", "Arn")))
		adSet(dev, "enableDate", adTime(adGet(m, "EnableDate")))
		out = append(out, dev)
	}
	return out, true
}

// adSetVirtualMFA sets virtualMfaEnabled on a user whose MFA state is known:
// true when a virtual device is assigned to the user's ARN.
func adSetVirtualMFA(doc adObj, devices []any) {
	arn := adStr(doc["arn"])
	if arn == "" {
		return
	}
	for _, dev := range devices {
		if adStr(adGet(dev, "userArn")) == arn {
			doc["virtualMfaEnabled"] = true
			return
		}
	}
	if _, ok := doc["mfaActive"]; ok {
		doc["virtualMfaEnabled"] = false
	}
}

// emitIam emits the account's Iam document.
func (d *apiDump) emitIam(root adObj, adReportTime any, mfa []any, haveMFA bool) {
	doc := d.envelope("Iam", d.account, d.account, "", "global")
	if d.account == "" {
		doc["id"] = "unknown-account"
	}
	origin := Origin{Input: d.display, Index: -1, Resource: d.account}
	if v, _, ok := d.globalCall("iam-get-account-password-policy"); ok {
		pp := adObj{"enabledInAccount": true}
		p := adGet(v, "PasswordPolicy")
		adSet(pp, "minPasswordLength", adNumber(adGet(p, "MinimumPasswordLength")))
		adSet(pp, "maxPasswordAge", adNumber(adGet(p, "MaxPasswordAge")))
		adSet(pp, "passwordReusePrevention", adNumber(adGet(p, "PasswordReusePrevention")))
		adSetBool(pp, "requireSymbols", adGet(p, "RequireSymbols"))
		adSetBool(pp, "requireNumbers", adGet(p, "RequireNumbers"))
		adSetBool(pp, "requireUppercaseCharacter", adGet(p, "RequireUppercaseCharacters"))
		adSetBool(pp, "requireLowercaseCharacter", adGet(p, "RequireLowercaseCharacters"))
		adSetBool(pp, "allowUsersToChangePassword", adGet(p, "AllowUsersToChangePassword"))
		adSetBool(pp, "expirePasswords", adGet(p, "ExpirePasswords"))
		adSetBool(pp, "hardExpiry", adGet(p, "HardExpiry"))
		doc["passwordPolicy"] = pp
	} else if d.notConfigured(d.global, "iam-get-account-password-policy") {
		doc["passwordPolicy"] = adObj{"enabledInAccount": false}
	}
	if v, _, ok := d.globalCall("iam-get-account-summary"); ok {
		m := adGet(v, "SummaryMap")
		st := adObj{}
		for api, k := range map[string]string{"AccountMFAEnabled": "accountMfaEnabled", "AccountAccessKeysPresent": "accountAccessKeysPresent", "AccountSigningCertificatesPresent": "accountSigningCertificatesPresent"} {
			if n := adNumber(adGet(m, api)); n != nil {
				st[k] = fmt.Sprint(n) != "0"
			}
		}
		for api, k := range map[string]string{"Users": "users", "Groups": "groups", "Roles": "roles", "Policies": "policies", "MFADevices": "mfaDevices", "MFADevicesInUse": "mfaDevicesInUse"} {
			adSet(st, k, adNumber(adGet(m, api)))
		}
		doc["stats"] = st
	}
	if root != nil {
		doc["rootUser"] = root
	}
	adSet(doc, "credentialReportGeneratedTime", adReportTime)
	if haveMFA {
		doc["virtualMfaDevices"] = mfa
	}
	if v, _, ok := d.globalCall("iam-list-server-certificates"); ok {
		certs := []any{}
		for _, c := range adArr(adGet(v, "ServerCertificateMetadataList")) {
			cert := adObj{}
			adCopy(cert, c, "ServerCertificateName", "Arn", "UploadDate")
			adSet(cert, "expiration", adTime(adGet(c, "Expiration")))
			certs = append(certs, cert)
		}
		doc["serverCertificates"] = certs
	}
	if v, _, ok := d.globalCall("iam-list-saml-providers"); ok {
		doc["samlProviders"] = adArns(adGet(v, "SAMLProviderList"), "Arn")
	}
	if v, _, ok := d.globalCall("iam-list-open-id-connect-providers"); ok {
		doc["openIdConnectProviders"] = adArns(adGet(v, "OpenIDConnectProviderList"), "Arn")
	}
	contacts := adObj{}
	for _, kind := range []string{"SECURITY", "BILLING", "OPERATIONS"} {
		c := adGet(d.globalParam("account-get-alternate-contact", kind), "AlternateContact")
		if c == nil {
			continue
		}
		contact := adObj{}
		adCopy(contact, c, "Name", "Title", "EmailAddress", "PhoneNumber")
		contacts[strings.ToLower(kind)] = contact
	}
	if len(contacts) > 0 {
		doc["alternateContacts"] = contacts
	}
	if v, _, ok := d.globalCall("organizations-describe-organization"); ok {
		adSet(doc, "organizationId", adStr(adGet(v, "Organization", "Id")))
	}
	d.doc(origin, doc)
}

// adArns collects one string field of each element of a list.
func adArns(list any, field string) []any {
	out := []any{}
	for _, it := range adArr(list) {
		if s := adStr(adGet(it, field)); s != "" {
			out = append(out, s)
		}
	}
	return out
}
