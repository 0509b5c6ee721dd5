package inventory

// The Region entity from the region-level settings a plan or template
// makes: EBS encryption by default, GuardDuty, Security Hub, AWS Config
// recorders, IAM Access Analyzer, Macie. An input sets some of them; the
// others are not described by it and are listed as unknown, so that a rule
// on them is not judged from this input. optInStatus is left out: a region
// the input deploys to is in use, and rules scope on
// optInStatus != 'not-opted-in', which a missing value meets.

// regionParts are the Region properties region-level resources set.
var regionParts = []string{"ebsEncryptionByDefault", "guardDuty", "securityHub", "configurationRecorders", "accessAnalyzers", "macie"}

// regionFinish lists the parts no resource of the input set as not
// described, and settles recorders whose recording state is open.
func regionFinish(b *builder) {
	for _, p := range regionParts {
		if _, ok := b.doc[p]; !ok {
			b.markUnknown(p, "not described by "+b.r.format)
		}
	}
	notInPlan(b, "hasCloudTrail", "vpcs", "hasVpcFLowLogging")
	// CloudFormation starts a recorder once the template's delivery
	// channel exists; without one it does not say.
	channel, _ := b.doc["deliveryChannel"].(bool)
	delete(b.doc, "deliveryChannel")
	recs, _ := b.doc["configurationRecorders"].([]any)
	for _, e := range recs {
		m, _ := e.(map[string]any)
		if _, ok := m["recording"]; !ok && m != nil {
			if channel {
				m["recording"] = true
			} else {
				b.markUnknown("configurationRecorders", "whether recorder "+toString(m["name"])+" records")
			}
		}
	}
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}

// boolOr returns the boolean at attr, or def when it is absent.
func boolOr(r *iacResource, attr string, def bool) (bool, bool) {
	v, known, _ := r.get(attr)
	if !known {
		return false, false
	}
	if b, ok := asBool(v); ok {
		return b.(bool), true
	}
	return def, true
}

// recorder returns the configurationRecorders element named name,
// appending one when there is none.
func recorder(b *builder, name string) map[string]any {
	recs, _ := b.doc["configurationRecorders"].([]any)
	for _, e := range recs {
		if m, _ := e.(map[string]any); m != nil && m["name"] == name {
			return m
		}
	}
	m := map[string]any{"name": name}
	b.doc["configurationRecorders"] = append(recs, m)
	return m
}

// tfRegion maps the AWS provider's region-level resources.
func tfRegion(b *builder, r *iacResource) {
	switch r.typ {
	case "aws_ebs_encryption_by_default":
		if on, ok := boolOr(r, "enabled", true); ok {
			b.set("ebsEncryptionByDefault", on)
		} else {
			b.markUnknown("ebsEncryptionByDefault", r.addr+".enabled")
		}
	case "aws_ebs_default_kms_key":
		b.copyFrom(r, "ebsDefaultKmsKeyId", "key_arn", nil)
	case "aws_guardduty_detector":
		on, ok := boolOr(r, "enable", true)
		if !ok {
			b.markUnknown("guardDuty", r.addr+".enable")
			return
		}
		b.set("guardDuty.enabled", on)
		b.set("guardDuty.status", map[bool]string{true: "ENABLED", false: "DISABLED"}[on])
		b.copyFrom(r, "guardDuty.findingPublishingFrequency", "finding_publishing_frequency", nil)
	case "aws_securityhub_account":
		b.set("securityHub.enabled", true)
	case "aws_config_configuration_recorder":
		name, _ := r.vals["name"].(string)
		m := recorder(b, name)
		if v, ok := r.vals["role_arn"].(string); ok {
			m["roleArn"] = v
		}
		all, ok1 := boolOr(r, "recording_group.0.all_supported", true)
		global, ok2 := boolOr(r, "recording_group.0.include_global_resource_types", false)
		if ok1 && ok2 {
			m["allSupported"], m["includeGlobalResourceTypes"] = all, global
		} else {
			b.markUnknown("configurationRecorders", r.addr+".recording_group")
		}
	case "aws_config_configuration_recorder_status":
		name, _ := r.vals["name"].(string)
		on, ok := boolOr(r, "is_enabled", false)
		if !ok {
			b.markUnknown("configurationRecorders", r.addr+".is_enabled")
			return
		}
		recorder(b, name)["recording"] = on
	case "aws_accessanalyzer_analyzer":
		a := map[string]any{"status": "ACTIVE", "type": "ACCOUNT"}
		if n, ok := r.vals["analyzer_name"].(string); ok {
			a["name"] = n
		}
		if t, ok := r.vals["type"].(string); ok && t != "" {
			a["type"] = t
		}
		b.appendTo("accessAnalyzers", a)
	case "aws_macie2_account":
		status := "ENABLED"
		if s, ok := r.vals["status"].(string); ok && s != "" {
			status = s
		}
		b.set("macie.status", status)
		b.set("macie.enabled", status == "ENABLED")
	}
}

// cfnRegion maps CloudFormation's region-level resources.
func cfnRegion(b *builder, r *iacResource) {
	switch r.typ {
	case "AWS::GuardDuty::Detector":
		on, ok := asBool(r.vals["Enable"])
		if !ok {
			b.markUnknown("guardDuty", r.addr+".Enable")
			return
		}
		b.set("guardDuty.enabled", on)
		b.set("guardDuty.status", map[bool]string{true: "ENABLED", false: "DISABLED"}[on == true])
		b.copyFrom(r, "guardDuty.findingPublishingFrequency", "FindingPublishingFrequency", nil)
	case "AWS::SecurityHub::Hub":
		b.set("securityHub.enabled", true)
	case "AWS::Config::ConfigurationRecorder":
		name, _ := r.vals["Name"].(string)
		m := recorder(b, name)
		if v, ok := r.vals["RoleARN"].(string); ok {
			m["roleArn"] = v
		}
		all, ok1 := boolOr(r, "RecordingGroup.AllSupported", true)
		global, ok2 := boolOr(r, "RecordingGroup.IncludeGlobalResourceTypes", false)
		if ok1 && ok2 {
			m["allSupported"], m["includeGlobalResourceTypes"] = all, global
		} else {
			b.markUnknown("configurationRecorders", r.addr+".RecordingGroup")
		}
	case "AWS::Config::DeliveryChannel":
		b.doc["deliveryChannel"] = true
	case "AWS::AccessAnalyzer::Analyzer":
		a := map[string]any{"status": "ACTIVE"}
		if n, ok := r.vals["AnalyzerName"].(string); ok {
			a["name"] = n
		}
		if t, ok := r.vals["Type"].(string); ok {
			a["type"] = t
		}
		b.appendTo("accessAnalyzers", a)
	case "AWS::Macie::Session":
		status := "ENABLED"
		if s, ok := r.vals["Status"].(string); ok && s != "" {
			status = s
		}
		b.set("macie.status", status)
		b.set("macie.enabled", status == "ENABLED")
	}
}
