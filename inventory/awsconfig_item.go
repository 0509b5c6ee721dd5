package inventory

// This file decodes one AWS Config configuration item: the field names of
// item versions 1.2 and 1.3, configuration and supplementaryConfiguration
// values that arrive as JSON inside strings, and times in epoch
// milliseconds.

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// relationship is one entry of an item's relationships.
type relationship struct {
	ResourceType string `json:"resourceType"`
	ResourceID   string `json:"resourceId"`
	ResourceName string `json:"resourceName"`
	Name         string `json:"relationshipName"`
}

// jmap is a decoded JSON object; numbers are json.Number.
type jmap = map[string]any

// configItem is a decoded configuration item. decodeItem fills the
// envelope; decodeBody the rest, only for the items that are converted.
type configItem struct {
	resourceType, id, name, arn string
	account, region, status     string
	captureTime, creationTime   string // RFC 3339, "" when absent
	tags                        []any  // [{key, value}], nil when absent
	relationships               []relationship
	conf                        jmap // configuration, {} when absent
	supp                        jmap // supplementaryConfiguration, {} when absent
	origin                      Origin

	// raw holds the item's tags, relationships, configuration and
	// supplementaryConfiguration as read: parts of the item's text.
	raw [4]string
	// stored is where the item is kept when it is indexed (see
	// bodyStore); nil for other items.
	stored *storedItem
}

// The members decodeItem reads, with both spellings of item versions 1.2
// and 1.3, in the order of configItem's fields they fill.
const (
	fResourceType = iota
	fResourceID
	fResourceName
	fArn
	fARN
	fAwsAccountID
	fAccountID
	fAwsRegion
	fStatus
	fCaptureTime
	fCreationTime
	fTags
	fRelationships
	fConfiguration
	fSupplementary
	nItemFields
)

// itemField is the index of each member name decodeItem reads.
var itemField = map[string]int{
	"resourceType": fResourceType, "resourceId": fResourceID, "resourceName": fResourceName,
	"arn": fArn, "ARN": fARN, "awsAccountId": fAwsAccountID, "accountId": fAccountID, "awsRegion": fAwsRegion,
	"configurationItemStatus": fStatus, "configurationItemCaptureTime": fCaptureTime, "resourceCreationTime": fCreationTime,
	"tags": fTags, "relationships": fRelationships, "configuration": fConfiguration, "supplementaryConfiguration": fSupplementary,
}

// itemFieldNames spells the members of itemField, for errors.
var itemFieldNames = func() (names [nItemFields]string) {
	for n, i := range itemField {
		names[i] = n
	}
	return names
}()

// decodeItem decodes the envelope of one configuration item: its type,
// ids, account, region, status and times. It walks the item's members
// once, finding where each value ends without decoding it (so that an item
// of a type the model lacks costs a scan); the configuration is decoded (by
// decodeBody) only for the items that are converted.
func decodeItem(text string) (*configItem, error) {
	if !jsontext.Valid(text) {
		var v any
		err := json.Unmarshal([]byte(text), &v)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, fmt.Errorf("configuration item: %v", err)
	}
	return decodeValidItem(text)
}

// decodeValidItem is decodeItem for text known to be valid JSON (an item
// held back or indexed after decodeItem read it). The item's raw parts
// share text.
func decodeValidItem(text string) (*configItem, error) {
	i := jsontext.SkipSpace(text, 0)
	if i >= len(text) || text[i] != '{' {
		return nil, fmt.Errorf("configuration item: a JSON %s, not an object", rawKind(text[i:]))
	}
	// One pass over the members picks the fields (the first of each name).
	var fields [nItemFields]string
	members := jsontext.NewMembers(text)
	for {
		key, v, ok := members.Next()
		if !ok {
			break
		}
		name := key[1 : len(key)-1]
		if strings.IndexByte(name, '\\') >= 0 {
			name = gjson.Parse(key).Str
		}
		if f, ok := itemField[name]; ok && fields[f] == "" {
			fields[f] = v
		}
	}
	var it configItem
	var err error
	text1 := func(fs ...int) string {
		for _, f := range fs {
			v := fields[f]
			if v == "" || v == "null" {
				continue
			}
			switch c := v[0]; {
			case c == '"':
				if len(v) > 2 {
					// A copy: an item kept in the index must not hold
					// the whole item's text.
					return strings.Clone(stringValue(v))
				}
			case c == '-' || (c >= '0' && c <= '9'):
				return gjson.Parse(v).String()
			default:
				if err == nil {
					err = fmt.Errorf("configuration item: %s is a JSON %s, not a string", itemFieldNames[f], rawKind(v))
				}
				return ""
			}
		}
		return ""
	}
	it.resourceType = text1(fResourceType)
	it.id = text1(fResourceID)
	it.name = text1(fResourceName)
	it.arn = text1(fArn, fARN)
	it.account = text1(fAwsAccountID, fAccountID)
	it.region = text1(fAwsRegion)
	it.status = text1(fStatus)
	if err != nil {
		return nil, err
	}
	if it.resourceType == "" {
		return nil, errors.New(`configuration item without "resourceType"`)
	}
	if it.captureTime, err = rawTime(fields[fCaptureTime]); err != nil {
		return nil, fmt.Errorf("configurationItemCaptureTime: %v", err)
	}
	if it.creationTime, err = rawTime(fields[fCreationTime]); err != nil {
		return nil, fmt.Errorf("resourceCreationTime: %v", err)
	}
	it.raw = [4]string{fields[fTags], fields[fRelationships], fields[fConfiguration], fields[fSupplementary]}
	if it.id == "" {
		it.id = it.name
	}
	if it.id == "" {
		return nil, errors.New(`configuration item without "resourceId"`)
	}
	return &it, nil
}

// The parts of configItem.raw.
const (
	rawTags = iota
	rawRelationships
	rawConf
	rawSupp
)

// decodeBody decodes the configuration, supplementaryConfiguration, tags
// and relationships of an item.
func (it *configItem) decodeBody() error {
	raw := it.raw
	var err error
	if it.conf, err = decodeObject(raw[rawConf]); err != nil {
		return fmt.Errorf("configuration: %v", err)
	}
	if it.supp, err = decodeObject(raw[rawSupp]); err != nil {
		return fmt.Errorf("supplementaryConfiguration: %v", err)
	}
	// Values of supplementaryConfiguration are often JSON in strings (an
	// S3 bucket's AccessControlList, a KMS key's Policy).
	for k, v := range it.supp {
		it.supp[k] = decodeNested(v)
	}
	if it.tags, err = decodeTags(raw[rawTags]); err != nil {
		return fmt.Errorf("tags: %v", err)
	}
	if r := jsontext.TrimSpaceEnd(raw[rawRelationships]); r != "" && r != "null" {
		// Valid (see decodeObject), read as encoding/json would into the
		// struct: an array of objects with string members.
		rel, ok := parseValid(r).([]any)
		if !ok {
			return fmt.Errorf("relationships: a JSON %s, not an array", rawKind(r))
		}
		it.relationships = it.relationships[:0]
		for _, e := range rel {
			if e == nil {
				it.relationships = append(it.relationships, relationship{})
				continue
			}
			m, ok := e.(jmap)
			if !ok {
				return fmt.Errorf("relationships: an element is a JSON %s, not an object", jsonKind(e))
			}
			var r relationship
			for _, f := range []struct {
				name string
				to   *string
			}{{"resourceType", &r.ResourceType}, {"resourceId", &r.ResourceID}, {"resourceName", &r.ResourceName}, {"relationshipName", &r.Name}} {
				switch v := m[f.name].(type) {
				case string:
					*f.to = v
				case nil:
				default:
					return fmt.Errorf("relationships: %s is a JSON %s, not a string", f.name, jsonKind(v))
				}
			}
			it.relationships = append(it.relationships, r)
		}
	}
	return nil
}

// rawKind names the JSON type of the valid JSON text v.
func rawKind(v string) string {
	v = v[jsontext.SkipSpace(v, 0):]
	if v == "" {
		return "null"
	}
	switch v[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// decodeJSON decodes data keeping numbers exact (as json.Number), after
// validating it; encoding/json words the error of invalid JSON.
func decodeJSON(data string) (any, error) {
	if !jsontext.Valid(data) {
		var v any
		err := json.Unmarshal([]byte(data), &v)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, err
	}
	return parseValid(data), nil
}

// parseValid decodes s, valid JSON text, into maps, slices, strings,
// json.Number, booleans and nil, in one pass (gjson would find the end of
// each value again at every level). Of duplicate names in an object the
// first is kept.
func parseValid(s string) any {
	v, _ := parseValue(s, jsontext.SkipSpace(s, 0))
	return v
}

// parseValue decodes the valid value at s[i] and returns the offset after
// it. On text that is not valid it returns what it made of it, without
// reading past s.
func parseValue(s string, i int) (any, int) {
	if i >= len(s) {
		return nil, len(s)
	}
	switch c := s[i]; c {
	case '{':
		m := jmap{}
		i = jsontext.SkipSpace(s, i+1)
		for i < len(s) && s[i] == '"' {
			end := jsontext.StringEnd(s, i)
			key := stringValue(s[i:end])
			i = jsontext.SkipSpace(s, end)
			if i < len(s) && s[i] == ':' {
				i = jsontext.SkipSpace(s, i+1)
			}
			var v any
			v, i = parseValue(s, i)
			if _, dup := m[key]; !dup {
				m[key] = v
			}
			i = jsontext.SkipSpace(s, i)
			if i < len(s) && s[i] == ',' {
				i = jsontext.SkipSpace(s, i+1)
			}
		}
		return m, min(i+1, len(s))
	case '[':
		l := []any{}
		i = jsontext.SkipSpace(s, i+1)
		for i < len(s) && s[i] != ']' {
			var v any
			n := i
			v, i = parseValue(s, i)
			if i == n {
				return l, len(s) // not valid: no progress
			}
			l = append(l, v)
			i = jsontext.SkipSpace(s, i)
			if i < len(s) && s[i] == ',' {
				i = jsontext.SkipSpace(s, i+1)
			}
		}
		return l, min(i+1, len(s))
	case '"':
		end := jsontext.StringEnd(s, i)
		return stringValue(s[i:end]), end
	case 't':
		return true, min(i+4, len(s))
	case 'f':
		return false, min(i+5, len(s))
	case 'n':
		return nil, min(i+4, len(s))
	}
	end := jsontext.ValueEnd(s, i)
	return json.Number(s[i:end]), end
}

// stringValue is the value of the JSON string literal lit (quotes
// included): a part of lit when it holds no escape.
func stringValue(lit string) string {
	if len(lit) < 2 {
		return ""
	}
	body := lit[1 : len(lit)-1]
	if strings.IndexByte(body, '\\') < 0 {
		return body
	}
	return gjson.Parse(lit).Str
}

// decodeObject decodes an object that may be given as JSON in a string;
// absent or null gives an empty object. raw is part of an item that
// decodeItem found valid: it is not validated again (JSON in a string is).
func decodeObject(raw string) (jmap, error) {
	raw = jsontext.TrimSpaceEnd(raw)
	if raw == "" || raw == "null" {
		return jmap{}, nil
	}
	v := parseValid(raw)
	var err error
	if s, ok := v.(string); ok {
		if strings.TrimSpace(s) == "" {
			return jmap{}, nil
		}
		if v, err = decodeJSON(s); err != nil {
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
	if d, err := decodeJSON(t); err == nil {
		return d
	}
	return v
}

// decodeTags reads tags given as an object ({"k": "v"}, as items have
// them) or as a list of {key, value} (as select-resource-config and
// configurations have them), into a list sorted by key.
func decodeTags(raw string) ([]any, error) {
	raw = jsontext.TrimSpaceEnd(raw)
	if raw == "" || raw == "null" {
		return nil, nil
	}
	return tagList(parseValid(raw)), nil // valid: see decodeObject
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
func rawTime(raw string) (string, error) {
	raw = jsontext.TrimSpaceEnd(raw)
	if raw == "" || raw == "null" {
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
	"Jan 2, 2006 3:04:05 PM",     // API Gateway's createdDate
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
		if d, err := decodeJSON(s); err == nil {
			if m, ok := d.(jmap); ok {
				return m, true
			}
		}
	}
	return nil, false
}
