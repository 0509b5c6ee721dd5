package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// adObj is a decoded JSON object, and the documents the raw API reader builds.
type adObj = map[string]any

// adDecode decodes one JSON value, keeping numbers as json.Number so that
// they are written back unchanged.
func adDecode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value")
	}
	return v, nil
}

// setPolicy sets doc[key] to the policy document v holds (adPolicy); one
// that cannot be read is an error record, what naming the policy.
func (d *apiDump) setPolicy(o Origin, doc adObj, key, what string, v any) {
	pd, err := adPolicy(v)
	if err != nil {
		d.fail(o, fmt.Errorf("%s: %w", what, err))
	}
	if pd != nil {
		doc[key] = pd
	}
}

// adErrorCode is the AWS error code a response file holds instead of a
// response: the JSON protocols' error body ({"__type": "...#Code"}) or
// an SDK's error shape ({"Error": {"Code": ...}}); "" for a response.
func adErrorCode(v any) string {
	if t := adStr(adGet(v, "__type")); t != "" {
		return t[strings.LastIndex(t, "#")+1:]
	}
	return adStr(adGet(v, "Error", "Code"))
}

// adGet walks object keys; nil when a step is missing or not an object.
func adGet(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(adObj)
		if !ok {
			return nil
		}
		x, ok := m[k]
		if !ok {
			// The AWS CLI writes the members of JSON-protocol APIs in their
			// wire case (logGroupName); a Go SDK struct marshals them as its
			// field names (LogGroupName).
			for mk, mv := range m {
				if strings.EqualFold(mk, k) {
					x = mv
					break
				}
			}
		}
		v = x
	}
	return v
}

func adArr(v any) []any {
	a, _ := v.([]any)
	return a
}

// adStr is a string value, or "" for anything else.
func adStr(v any) string {
	s, _ := v.(string)
	return s
}

// adBool reads a JSON boolean, or the strings "true"/"false" that some APIs
// (elbv2 attributes, SQS/SNS attributes) use.
func adBool(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		b, err := strconv.ParseBool(x)
		return b, err == nil
	}
	return false, false
}

// adNumber reads a JSON number, or a string holding an integer (attribute
// maps); nil when it is neither.
func adNumber(v any) any {
	switch x := v.(type) {
	case json.Number:
		return x
	case float64:
		return x
	case string:
		if _, err := strconv.ParseInt(x, 10, 64); err == nil {
			return json.Number(x)
		}
	}
	return nil
}

// adTime turns an API time into RFC 3339 in UTC. The AWS CLI and
// boto3 write ISO 8601 strings with an offset; JSON-protocol APIs read raw
// give epoch seconds. Anything else is kept as it is, so that no value is
// lost.
func adTime(v any) any {
	switch x := v.(type) {
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05"} {
			if t, err := time.Parse(layout, x); err == nil {
				return t.UTC().Format(time.RFC3339)
			}
		}
		return x
	case json.Number:
		if f, err := x.Float64(); err == nil {
			sec := int64(f)
			return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC().Format(time.RFC3339)
		}
	}
	return v
}

// adEpochMillis turns an epoch-milliseconds number (CloudWatch Logs) into RFC 3339.
func adEpochMillis(v any) any {
	if n, ok := v.(json.Number); ok {
		if ms, err := n.Int64(); err == nil {
			return time.UnixMilli(ms).UTC().Format(time.RFC3339)
		}
	}
	return adTime(v)
}

// adCamel is the camelCase name of an API field: VolumeId -> volumeId,
// KMSKeyId -> kmsKeyId, DBName -> dbName.
func adCamel(s string) string {
	n := 0
	for n < len(s) && s[n] >= 'A' && s[n] <= 'Z' {
		n++
	}
	switch {
	case n == 0:
		return s
	case n == 1 || n == len(s):
		return strings.ToLower(s[:n]) + s[n:]
	default:
		return strings.ToLower(s[:n-1]) + s[n-1:]
	}
}

// adSet stores v under k unless v is nil (missing means unset).
func adSet(doc adObj, k string, v any) {
	if v == nil {
		return
	}
	if s, ok := v.(string); ok && s == "" {
		return
	}
	doc[k] = v
}

// adSetBool stores a boolean read with boolean.
func adSetBool(doc adObj, k string, v any) {
	if b, ok := adBool(v); ok {
		doc[k] = b
	}
}

// adCopy copies src's fields by API name into doc under their camelCase
// name, converting the time fields listed in times.
func adCopy(doc adObj, src any, fields ...string) {
	for _, f := range fields {
		v := adGet(src, f)
		if v == nil {
			continue
		}
		if adIsTimeField(f) {
			v = adTime(v)
		}
		adSet(doc, adCamel(f), v)
	}
}

// adCamelTree converts every key of a value to camelCase, recursively (for
// nested API structures that map one to one onto the model).
func adCamelTree(v any) any {
	switch x := v.(type) {
	case adObj:
		out := adObj{}
		for k, e := range x {
			out[adCamel(k)] = adCamelTree(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = adCamelTree(e)
		}
		return out
	}
	return v
}

// envelope starts a document with the properties every type has.
func (d *apiDump) envelope(typ, id, name, arn, region string) adObj {
	doc := adObj{"type": typ, "id": id}
	adSet(doc, "name", name)
	adSet(doc, "arn", arn)
	adSet(doc, "accountNumber", d.account)
	adSet(doc, "region", region)
	doc["source"] = adObj{"format": "aws-api-dump"}
	return doc
}

// adTagList converts [{Key, Value}] (EC2, RDS, S3, ELB) to [{key, value}].
func adTagList(v any) []any {
	out := []any{}
	for _, t := range adArr(v) {
		out = append(out, adObj{"key": adStr(adGet(t, "Key")), "value": adStr(adGet(t, "Value"))})
	}
	return out
}

// adTagMap converts {"k": "v"} (Lambda, SQS) to [{key, value}], sorted by key.
func adTagMap(v any) []any {
	m, _ := v.(adObj)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := []any{}
	for _, k := range keys {
		out = append(out, adObj{"key": k, "value": adStr(m[k])})
	}
	return out
}

// adNameTag is the value of the Name tag, or "".
func adNameTag(v any) string {
	for _, t := range adArr(v) {
		if adStr(adGet(t, "Key")) == "Name" {
			return adStr(adGet(t, "Value"))
		}
	}
	return ""
}

// adPolicy parses an IAM policy document: an object (the CLI's form), a
// JSON string (S3, SNS, SQS, Lambda, KMS responses) or a URL-encoded JSON
// string (the raw IAM API). nil when v is none of these.
func adPolicy(v any) (adObj, error) {
	switch x := v.(type) {
	case adObj:
		return x, nil
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return nil, nil
		}
		if !strings.HasPrefix(s, "{") {
			if u, err := url.QueryUnescape(s); err == nil {
				s = u
			}
		}
		p, err := adDecode([]byte(s))
		if err != nil {
			return nil, errors.New("policy document is not JSON: " + err.Error())
		}
		m, ok := p.(adObj)
		if !ok {
			return nil, errors.New("policy document is not a JSON object")
		}
		return m, nil
	}
	return nil, nil
}

// adIsTimeField reports whether an API field holds a time (LaunchTime,
// CreateDate, LastModified, NotAfter ...), to be written as RFC 3339.
func adIsTimeField(f string) bool {
	for _, suffix := range []string{"Time", "Date", "DateTime", "Modified", "NotBefore", "NotAfter", "Expiration"} {
		if strings.HasSuffix(f, suffix) {
			return true
		}
	}
	return false
}

// adPartition is the ARN partition of a region: aws-cn for China, aws-us-gov
// for GovCloud, aws elsewhere.
func adPartition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}
