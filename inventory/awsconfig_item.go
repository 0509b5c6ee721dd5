package inventory

// This file decodes one AWS Config configuration item: the field names of
// item versions 1.2 and 1.3, configuration and supplementaryConfiguration
// values that arrive as JSON inside strings, and times in epoch
// milliseconds.

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

// rawItem is a configuration item as Config writes it. encoding/json
// matches member names without regard to case, so "arn" also reads
// version 1.3's "ARN".
type rawItem struct {
	Version       string          `json:"version"`                  // 1.2
	ItemVersion   string          `json:"configurationItemVersion"` // 1.3
	AccountID     string          `json:"accountId"`                // 1.2
	AWSAccountID  string          `json:"awsAccountId"`             // 1.3
	ARN           string          `json:"arn"`
	ResourceType  string          `json:"resourceType"`
	ResourceID    string          `json:"resourceId"`
	ResourceName  string          `json:"resourceName"`
	Region        string          `json:"awsRegion"`
	Status        string          `json:"configurationItemStatus"`
	CaptureTime   json.RawMessage `json:"configurationItemCaptureTime"`
	CreationTime  json.RawMessage `json:"resourceCreationTime"`
	Tags          json.RawMessage `json:"tags"`
	Relationships []relationship  `json:"relationships"`
	Configuration json.RawMessage `json:"configuration"`
	Supplementary json.RawMessage `json:"supplementaryConfiguration"`
}

// relationship is one entry of an item's relationships.
type relationship struct {
	ResourceType string `json:"resourceType"`
	ResourceID   string `json:"resourceId"`
	ResourceName string `json:"resourceName"`
	Name         string `json:"relationshipName"`
}

// jmap is a decoded JSON object; numbers are json.Number.
type jmap = map[string]any

// configItem is a decoded configuration item.
type configItem struct {
	resourceType, id, name, arn string
	account, region, status     string
	captureTime, creationTime   string // RFC 3339, "" when absent
	tags                        []any  // [{key, value}], nil when absent
	relationships               []relationship
	conf                        jmap // configuration, {} when absent
	supp                        jmap // supplementaryConfiguration, {} when absent
	origin                      Origin
}

// decodeItem decodes the JSON of one configuration item.
func decodeItem(data []byte) (*configItem, error) {
	var raw rawItem
	if err := json.Unmarshal(data, &raw); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return nil, fmt.Errorf("configuration item: %s is a JSON %s, not a %s", ute.Field, ute.Value, ute.Type)
		}
		return nil, fmt.Errorf("configuration item: %v", err)
	}
	if raw.ResourceType == "" {
		return nil, errors.New(`configuration item without "resourceType"`)
	}
	it := &configItem{
		resourceType:  raw.ResourceType,
		id:            raw.ResourceID,
		name:          raw.ResourceName,
		arn:           raw.ARN,
		account:       raw.AWSAccountID,
		region:        raw.Region,
		status:        raw.Status,
		relationships: raw.Relationships,
	}
	if it.account == "" {
		it.account = raw.AccountID
	}
	var err error
	if it.captureTime, err = rawTime(raw.CaptureTime); err != nil {
		return nil, fmt.Errorf("configurationItemCaptureTime: %v", err)
	}
	if it.creationTime, err = rawTime(raw.CreationTime); err != nil {
		return nil, fmt.Errorf("resourceCreationTime: %v", err)
	}
	if it.conf, err = decodeObject(raw.Configuration); err != nil {
		return nil, fmt.Errorf("configuration: %v", err)
	}
	if it.supp, err = decodeObject(raw.Supplementary); err != nil {
		return nil, fmt.Errorf("supplementaryConfiguration: %v", err)
	}
	// Values of supplementaryConfiguration are often JSON in strings (an
	// S3 bucket's AccessControlList, a KMS key's Policy).
	for k, v := range it.supp {
		it.supp[k] = decodeNested(v)
	}
	if it.tags, err = decodeTags(raw.Tags); err != nil {
		return nil, fmt.Errorf("tags: %v", err)
	}
	if it.id == "" {
		it.id = it.name
	}
	if it.id == "" {
		return nil, errors.New(`configuration item without "resourceId"`)
	}
	return it, nil
}

// decodeJSON decodes data keeping numbers exact.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("unexpected content after the value")
	}
	return v, nil
}

// decodeObject decodes an object that may be given as JSON in a string;
// absent or null gives an empty object.
func decodeObject(raw json.RawMessage) (jmap, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return jmap{}, nil
	}
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, err
	}
	if s, ok := v.(string); ok {
		if strings.TrimSpace(s) == "" {
			return jmap{}, nil
		}
		if v, err = decodeJSON([]byte(s)); err != nil {
			return nil, fmt.Errorf("JSON in a string: %v", err)
		}
	}
	m, ok := v.(jmap)
	if !ok {
		return nil, fmt.Errorf("a JSON %s, not an object", jsonKind(v))
	}
	return m, nil
}

// decodeNested returns v, or when v is a string holding a JSON object or
// array, what it holds.
func decodeNested(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	t := strings.TrimSpace(s)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return v
	}
	if d, err := decodeJSON([]byte(t)); err == nil {
		return d
	}
	return v
}

// decodeTags reads tags given as an object ({"k": "v"}, as items have
// them) or as a list of {key, value} (as select-resource-config and
// configurations have them), into a list sorted by key.
func decodeTags(raw json.RawMessage) ([]any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, err
	}
	return tagList(v), nil
}

// tagList turns tags in either shape into [{key, value}] sorted by key.
func tagList(v any) []any {
	out := []any{}
	switch t := v.(type) {
	case jmap:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, newObj().set("key", k).set("value", scalarText(t[k])))
		}
	case []any:
		for _, e := range t {
			m, ok := e.(jmap)
			if !ok {
				continue
			}
			k, v := firstOf(m, "key", "Key"), firstOf(m, "value", "Value")
			if k == nil {
				continue
			}
			out = append(out, newObj().set("key", scalarText(k)).set("value", scalarText(v)))
		}
	}
	return out
}

// firstOf returns the value of the first of keys that m has.
func firstOf(m jmap, keys ...string) any {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != nil {
			return v
		}
	}
	return nil
}

// scalarText is a scalar as text ("" for null).
func scalarText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	}
	return fmt.Sprint(v)
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	return "object"
}

// rawTime reads a time given as a string or as epoch milliseconds.
func rawTime(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	v, err := decodeJSON(raw)
	if err != nil {
		return "", err
	}
	t, ok := timeText(v)
	if !ok {
		return "", fmt.Errorf("a JSON %s, not a time", jsonKind(v))
	}
	return t, nil
}

// timeLayouts are the layouts Config's times come in.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.000-0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05",
	"January 2, 2006 3:04:05 PM", // IAM policy versions' createDate
	"Mon Jan 02 15:04:05 MST 2006",
}

// epochSecondsBelow tells epoch seconds from epoch milliseconds: 1e11
// seconds is the year 5138, 1e11 milliseconds March 1973, before AWS.
const epochSecondsBelow = 1e11

// timeText normalises a time to RFC 3339 in UTC: a string in one of
// Config's layouts, or a number of milliseconds (as Config writes them) or
// seconds (as the AWS CLI prints them) since the epoch. A string
// in no known layout is kept as it is (it is what Config recorded); any
// other value is not a time (ok false).
func timeText(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		for _, layout := range timeLayouts {
			if tm, err := time.Parse(layout, t); err == nil {
				return tm.UTC().Format(time.RFC3339), true
			}
		}
		return t, true
	case json.Number:
		n, err := t.Float64()
		if err != nil {
			return "", false
		}
		if n < epochSecondsBelow {
			// The AWS CLI prints times as epoch seconds.
			return time.Unix(int64(n), 0).UTC().Format(time.RFC3339), true
		}
		return time.UnixMilli(int64(n)).UTC().Format(time.RFC3339), true
	}
	return "", false
}

// policyDocument reads an IAM policy document as Config records it: an
// object, JSON in a string, URL-encoded JSON in a string (IAM items), or
// a one-element list of documents (as some items have it). ok is false
// when v holds none.
func policyDocument(v any) (any, bool) {
	switch t := v.(type) {
	case nil:
		return nil, false
	case jmap:
		return t, true
	case []any:
		if len(t) == 1 {
			return policyDocument(t[0])
		}
		return nil, false
	case string:
		s := strings.TrimSpace(t)
		if strings.HasPrefix(s, "%7B") || strings.HasPrefix(s, "%7b") {
			if u, err := url.QueryUnescape(s); err == nil {
				s = u
			}
		}
		if d, err := decodeJSON([]byte(s)); err == nil {
			if m, ok := d.(jmap); ok {
				return m, true
			}
		}
	}
	return nil, false
}
