package inventory

import (
	"fmt"
	"strings"
)

// readTrails assembles CloudTrail documents: cloudtrail DescribeTrails (each
// region lists the multi-region trails of the others too; a trail is emitted
// once, from its home region when that region was collected), with
// GetTrailStatus and GetEventSelectors, the CloudWatch Logs metric filters on
// its log group, the alarms on their metrics, whether an alarm notifies an
// SNS topic with a confirmed subscription, and its destination bucket. It
// returns, per region, the trails that region's DescribeTrails listed.
func (d *apiDump) readTrails(buckets map[string]adObj) map[string][]adObj {
	byRegion := map[string][]adObj{}
	type found struct {
		trail  any
		region string
		origin Origin
	}
	var order []string
	trails := map[string]*found{}
	for _, r := range d.regions {
		v, file, _ := d.call(r, "cloudtrail-describe-trails")
		for i, t := range adArr(adGet(v, "trailList")) {
			arn := adStr(adGet(t, "TrailARN"))
			o := Origin{Input: d.show(file), Index: i, Key: "trailList", Resource: arn}
			f := trails[arn]
			if f == nil {
				order = append(order, arn)
				trails[arn] = &found{t, r, o}
			} else if r == adStr(adGet(t, "HomeRegion")) && f.region != r {
				*f = found{t, r, o}
			}
		}
	}
	docs := map[string]adObj{}
	for _, arn := range order {
		f := trails[arn]
		t := f.trail
		home := adStr(adGet(t, "HomeRegion"))
		if home == "" {
			home = f.region
		}
		name := adStr(adGet(t, "Name"))
		doc := d.envelope("CloudTrail", arn, name, arn, home)
		adSet(doc, "trailArn", arn)
		adCopy(doc, t, "HomeRegion", "IsMultiRegionTrail", "IsOrganizationTrail", "IncludeGlobalServiceEvents", "LogFileValidationEnabled", "KmsKeyId", "S3BucketName", "S3KeyPrefix", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn", "SnsTopicARN", "HasCustomEventSelectors")
		if v, ok := doc["snsTopicARN"]; ok {
			doc["snsTopicArn"] = v
			delete(doc, "snsTopicARN")
		}
		if b := buckets[adStr(adGet(t, "S3BucketName"))]; b != nil {
			doc["s3Bucket"] = b
		}
		if st := d.trailParam(f.region, home, "cloudtrail-get-trail-status", arn, name); st != nil {
			s := adObj{}
			adSetBool(s, "isLogging", adGet(st, "IsLogging"))
			adSet(s, "latestDeliveryTime", adTime(adGet(st, "LatestDeliveryTime")))
			adSet(s, "latestDeliveryError", adStr(adGet(st, "LatestDeliveryError")))
			adSet(s, "latestCloudWatchLogsDeliveryTime", adTime(adGet(st, "LatestCloudWatchLogsDeliveryTime")))
			adSet(s, "startLoggingTime", adTime(adGet(st, "StartLoggingTime")))
			adSet(s, "stopLoggingTime", adTime(adGet(st, "StopLoggingTime")))
			doc["status"] = s
		}
		if es := d.trailParam(f.region, home, "cloudtrail-get-event-selectors", arn, name); es != nil {
			sel := []any{}
			for _, e := range adArr(adGet(es, "EventSelectors")) {
				s := adObj{}
				adCopy(s, e, "ReadWriteType", "IncludeManagementEvents", "ExcludeManagementEventSources")
				res := []any{}
				for _, dr := range adArr(adGet(e, "DataResources")) {
					x := adObj{}
					adSet(x, "type", adStr(adGet(dr, "Type")))
					if vals := adGet(dr, "Values"); vals != nil {
						x["values"] = vals
					}
					res = append(res, x)
				}
				s["dataResources"] = res
				sel = append(sel, s)
			}
			doc["eventSelectors"] = sel
			adv := []any{}
			for _, a := range adArr(adGet(es, "AdvancedEventSelectors")) {
				adv = append(adv, adCamelTree(a))
			}
			doc["advancedEventSelectors"] = adv
		}
		d.trailMetrics(doc, adStr(adGet(t, "CloudWatchLogsLogGroupArn")))
		docs[arn] = doc
		d.doc(f.origin, doc)
	}
	for _, r := range d.regions {
		if !d.has(r, "cloudtrail-describe-trails") {
			continue
		}
		v, _, _ := d.call(r, "cloudtrail-describe-trails")
		list := []adObj{}
		for _, t := range adArr(adGet(v, "trailList")) {
			if doc := docs[adStr(adGet(t, "TrailARN"))]; doc != nil {
				list = append(list, doc)
			}
		}
		byRegion[r] = list
	}
	return byRegion
}

// trailParam finds a per-trail response, named by the trail's ARN (as
// cloudmapper does) or its name, in the home region or the listing one.
func (d *apiDump) trailParam(listed, home, call, arn, name string) any {
	for _, r := range []string{home, listed} {
		for _, p := range []string{arn, name} {
			if v := d.param(r, call, p); v != nil {
				return v
			}
		}
	}
	return nil
}

// trailMetrics adds metricFilters and hasSNSSubscriber from the log group's
// region: logs DescribeMetricFilters, cloudwatch DescribeAlarms and SNS
// subscriptions. Left out when the log group is unknown or the calls are
// missing.
func (d *apiDump) trailMetrics(doc adObj, groupArn string) {
	if groupArn == "" {
		return
	}
	// arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:*
	f := strings.SplitN(groupArn, ":", 8)
	if len(f) < 7 || f[5] != "log-group" {
		return
	}
	region, group := f[3], f[6]
	if _, ok := d.calls[region]; !ok {
		return
	}
	mf, _, ok := d.call(region, "logs-describe-metric-filters")
	if !ok {
		return
	}
	alarmsV, _, haveAlarms := d.call(region, "cloudwatch-describe-alarms")
	subscribed := d.snsSubscribed()
	filters := []any{}
	anySNS, snsKnown := false, haveAlarms
	for _, m := range adArr(adGet(mf, "metricFilters")) {
		if adStr(adGet(m, "logGroupName")) != group {
			continue
		}
		flt := adObj{}
		adCopy(flt, m, "filterName", "filterPattern", "logGroupName")
		var metric, ns string
		if tr := adArr(adGet(m, "metricTransformations")); len(tr) > 0 {
			metric, ns = adStr(adGet(tr[0], "metricName")), adStr(adGet(tr[0], "metricNamespace"))
			adSet(flt, "metricName", metric)
			adSet(flt, "metricNamespace", ns)
		}
		if haveAlarms {
			alarms := []any{}
			for _, a := range adArr(adGet(alarmsV, "MetricAlarms")) {
				if adStr(adGet(a, "MetricName")) != metric || adStr(adGet(a, "Namespace")) != ns {
					continue
				}
				al := adObj{}
				adCopy(al, a, "AlarmName", "AlarmArn", "ActionsEnabled", "StateValue")
				actions := adOrEmpty(adArr(adGet(a, "AlarmActions")))
				al["alarmActions"] = actions
				has, known := false, true
				for _, act := range actions {
					if !strings.Contains(adStr(act), ":sns:") {
						continue
					}
					c, ok := subscribed(adStr(act))
					if !ok {
						known = false
					}
					has = has || c
				}
				if has || known {
					al["hasSNSSubscriber"] = has
				}
				if has {
					anySNS = true
				} else if !known {
					snsKnown = false
				}
				alarms = append(alarms, al)
			}
			flt["alarms"] = alarms
		}
		filters = append(filters, flt)
	}
	doc["metricFilters"] = filters
	if anySNS || snsKnown {
		doc["hasSNSSubscriber"] = anySNS
	}
}

// snsSubscribed returns a function telling whether a topic has a confirmed
// subscription, from sns ListSubscriptions or the topic's
// SubscriptionsConfirmed attribute; ok is false when neither is in the dump.
func (d *apiDump) snsSubscribed() func(topic string) (bool, bool) {
	return func(topic string) (bool, bool) {
		f := strings.Split(topic, ":")
		if len(f) < 6 {
			return false, false
		}
		region := f[3]
		if v := d.param(region, "sns-get-topic-attributes", topic); v != nil {
			n := adNumber(adGet(v, "Attributes", "SubscriptionsConfirmed"))
			return n != nil && fmt.Sprint(n) != "0", n != nil
		}
		if d.has(region, "sns-list-subscriptions") {
			v, _, _ := d.call(region, "sns-list-subscriptions")
			for _, s := range adArr(adGet(v, "Subscriptions")) {
				if adStr(adGet(s, "TopicArn")) == topic && strings.HasPrefix(adStr(adGet(s, "SubscriptionArn")), "arn:") {
					return true, true
				}
			}
			return false, true
		}
		return false, false
	}
}
