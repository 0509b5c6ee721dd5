package inventory

import (
	"io/fs"
	"path"
	"sort"
)

// readRegions emits one Region document per region: those listed in
// describe-regions.json (with their opt-in status) and those with a
// directory. Each setting comes from its own call in the region's
// directory: EBS encryption by default, AWS Config recorders, IAM Access
// Analyzer, Security Hub, GuardDuty and Macie. A setting whose call is
// missing is left out; one the collector recorded as "not configured" is
// false.
func (d *apiDump) readRegions(ec2 map[string]*adEC2, trails map[string][]adObj) {
	optIn := map[string]string{}
	origin := map[string]Origin{}
	regions := append([]string(nil), d.regions...)
	listed := map[string]bool{}
	for _, r := range regions {
		listed[r] = true
	}
	file := path.Join(d.root, "describe-regions.json")
	if v := d.loadIfExists(file); v != nil {
		for i, r := range adArr(adGet(v, "Regions")) {
			name := adStr(adGet(r, "RegionName"))
			if name == "" {
				continue
			}
			if s := adStr(adGet(r, "OptInStatus")); s != "" {
				optIn[name] = s
			}
			origin[name] = Origin{Input: d.show(file), Index: i, Key: "Regions", Resource: name}
			if !listed[name] {
				listed[name] = true
				regions = append(regions, name)
			}
		}
	}
	sort.Strings(regions)
	for _, r := range regions {
		doc := d.envelope("Region", r, r, "", r)
		adSet(doc, "optInStatus", optIn[r])
		o, ok := origin[r]
		if !ok {
			o = Origin{Input: d.show(path.Join(d.root, r)), Index: -1, Resource: r}
		}
		if _, collected := d.calls[r]; !collected {
			d.doc(o, doc)
			continue
		}
		if d.has(r, "cloudtrail-describe-trails") {
			has, known := false, true
			for _, t := range trails[r] {
				if t["isMultiRegionTrail"] != true && adStr(t["homeRegion"]) != r {
					continue
				}
				switch adGet(t, "status", "isLogging") {
				case true:
					has = true
				case nil:
					known = false
				}
			}
			if has || known {
				doc["hasCloudTrail"] = has
			}
		} else {
			d.missing(r, "cloudtrail-describe-trails")
		}
		if e := ec2[r]; e != nil && e.haveVpcs {
			vpcs := []any{}
			all := true
			for _, id := range adSortedKeys(e.vpcs) {
				v := e.vpcs[id]
				vpcs = append(vpcs, adShallowVPC(v))
				if v["hasFlowLogs"] != true {
					all = false
				}
			}
			doc["vpcs"] = vpcs
			if e.haveFlowLogs {
				doc["hasVpcFLowLogging"] = all
			}
		}
		if v, _, ok := d.call(r, "ec2-get-ebs-encryption-by-default"); ok {
			adSetBool(doc, "ebsEncryptionByDefault", adGet(v, "EbsEncryptionByDefault"))
		}
		if v, _, ok := d.call(r, "ec2-get-ebs-default-kms-key-id"); ok {
			adSet(doc, "ebsDefaultKmsKeyId", adStr(adGet(v, "KmsKeyId")))
		}
		d.configRecorders(r, doc)
		if v, _, ok := d.call(r, "accessanalyzer-list-analyzers"); ok {
			list := []any{}
			for _, a := range adArr(adGet(v, "analyzers")) {
				an := adObj{}
				adCopy(an, a, "name", "arn", "type", "status")
				list = append(list, an)
			}
			doc["accessAnalyzers"] = list
		}
		if v, _, ok := d.call(r, "securityhub-describe-hub"); ok {
			sh := adObj{"enabled": true}
			adSet(sh, "hubArn", adStr(adGet(v, "HubArn")))
			adSet(sh, "subscribedAt", adTime(adGet(v, "SubscribedAt")))
			if st, _, ok := d.call(r, "securityhub-get-enabled-standards"); ok {
				list := []any{}
				for _, s := range adArr(adGet(st, "StandardsSubscriptions")) {
					x := adObj{}
					adSet(x, "standardsArn", adStr(adGet(s, "StandardsArn")))
					adSet(x, "status", adStr(adGet(s, "StandardsStatus")))
					list = append(list, x)
				}
				sh["standards"] = list
			}
			doc["securityHub"] = sh
		} else if d.notConfigured(r, "securityhub-describe-hub") {
			doc["securityHub"] = adObj{"enabled": false}
		}
		if v, _, ok := d.call(r, "guardduty-list-detectors"); ok {
			gd := adObj{}
			ids := adArr(adGet(v, "DetectorIds"))
			if len(ids) == 0 {
				gd["enabled"] = false
			} else {
				id := adStr(ids[0])
				gd["detectorId"] = id
				if det := d.param(r, "guardduty-get-detector", id); det != nil {
					status := adStr(adGet(det, "Status"))
					adSet(gd, "status", status)
					gd["enabled"] = status == "ENABLED"
					adSet(gd, "findingPublishingFrequency", adStr(adGet(det, "FindingPublishingFrequency")))
				}
			}
			doc["guardDuty"] = gd
		}
		if v, _, ok := d.call(r, "macie2-get-macie-session"); ok {
			m := adObj{"enabled": true}
			adSet(m, "status", adStr(adGet(v, "status")))
			doc["macie"] = m
		} else if d.notConfigured(r, "macie2-get-macie-session") {
			doc["macie"] = adObj{"enabled": false}
		}
		d.doc(o, doc)
	}
}

// configRecorders sets Region.configurationRecorders from config
// DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus
// (JSON-protocol responses: camelCase member names).
func (d *apiDump) configRecorders(r string, doc adObj) {
	v, _, ok := d.call(r, "config-describe-configuration-recorders")
	if !ok {
		return
	}
	status := map[string]any{}
	st, _, haveStatus := d.call(r, "config-describe-configuration-recorder-status")
	for _, s := range adArr(adGet(st, "ConfigurationRecordersStatus")) {
		status[adStr(adGet(s, "name"))] = s
	}
	list := []any{}
	for _, c := range adArr(adGet(v, "ConfigurationRecorders")) {
		name := adStr(adGet(c, "name"))
		rec := adObj{}
		adSet(rec, "name", name)
		adSet(rec, "roleArn", adStr(adGet(c, "roleARN")))
		g := adGet(c, "recordingGroup")
		adSetBool(rec, "allSupported", adGet(g, "allSupported"))
		adSetBool(rec, "includeGlobalResourceTypes", adGet(g, "includeGlobalResourceTypes"))
		if t := adGet(g, "resourceTypes"); t != nil {
			rec["resourceTypes"] = t
		}
		if haveStatus {
			if s := status[name]; s != nil {
				adSetBool(rec, "recording", adGet(s, "recording"))
				adSet(rec, "lastStatus", adStr(adGet(s, "lastStatus")))
			}
		}
		list = append(list, rec)
	}
	doc["configurationRecorders"] = list
}

// loadIfExists loads an account-level file, or returns nil without an error
// record when it is absent.
func (d *apiDump) loadIfExists(file string) any {
	if _, err := fs.Stat(d.fsys, file); err != nil {
		return nil
	}
	return d.load(file)
}

func adSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
