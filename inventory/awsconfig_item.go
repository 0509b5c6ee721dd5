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
	// supplementaryConfiguration as read (nil once an indexed item's are
	// stored: a pointer keeps the many indexed items small).
	raw *[4][]byte
	// body is where an indexed item's body is kept (see bodyStore); nil
	// for other items.
	body *storedBody
}

// itemFieldNames are the members decodeItem reads, with both spellings of item
// versions 1.2 and 1.3.
var itemFieldNames = [...]string{
	"resourceType", "resourceId", "resourceName", "arn", "ARN", "awsAccountId", "accountId", "awsRegion",
	"configurationItemStatus", "configurationItemCaptureTime", "resourceCreationTime",
	"tags", "relationships", "configuration", "supplementaryConfiguration",
}

// itemField is the index of each name in itemFieldNames.
var itemField = func() map[string]int {
	m := map[string]int{}
	for i, f := range itemFieldNames {
		m[f] = i
	}
	return m
}()

// decodeItem decodes the envelope of one configuration item: its type,
// ids, account, region, status and times. It reads the item with gjson,
// without decoding the configuration, which is decoded (by decodeBody)
// only for the items that are converted.
func decodeItem(data []byte) (*configItem, error) {
	if !jsontext.ValidBytes(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, fmt.Errorf("configuration item: %v", err)
	}
	return decodeValidItem(data)
}

// decodeValidItem is decodeItem for data known to be valid JSON (an item
// held back after decodeItem read it).
func decodeValidItem(data []byte) (*configItem, error) {
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return nil, fmt.Errorf("configuration item: a JSON %s, not an object", gjsonKind(root))
	}
	// One pass over the members picks the fields (the first of each name).
	var fields [len(itemFieldNames)]gjson.Result
	root.ForEach(func(k, v gjson.Result) bool {
		if i, ok := itemField[k.Str]; ok && !fields[i].Exists() {
			fields[i] = v
		}
		return true
	})
	f := func(name string) gjson.Result { return fields[itemField[name]] }
	var it configItem
	var err error
	text := func(names ...string) string {
		for _, n := range names {
			v := f(n)
			if !v.Exists() || v.Type == gjson.Null {
				continue
			}
			if v.Type != gjson.String && v.Type != gjson.Number {
				if err == nil {
					err = fmt.Errorf("configuration item: %s is a JSON %s, not a string", n, gjsonKind(v))
				}
				return ""
			}
			if v.Str != "" || v.Type == gjson.Number {
				// A copy: gjson's strings share the whole item's text,
				// which an item kept in the index must not hold.
				return strings.Clone(v.String())
			}
		}
		return ""
	}
	it.resourceType = text("resourceType")
	it.id = text("resourceId")
	it.name = text("resourceName")
	it.arn = text("arn", "ARN")
	it.account = text("awsAccountId", "accountId")
	it.region = text("awsRegion")
	it.status = text("configurationItemStatus")
	if err != nil {
		return nil, err
	}
	if it.resourceType == "" {
		return nil, errors.New(`configuration item without "resourceType"`)
	}
	if it.captureTime, err = rawTime([]byte(f("configurationItemCaptureTime").Raw)); err != nil {
		return nil, fmt.Errorf("configurationItemCaptureTime: %v", err)
	}
	if it.creationTime, err = rawTime([]byte(f("resourceCreationTime").Raw)); err != nil {
		return nil, fmt.Errorf("resourceCreationTime: %v", err)
	}
	it.raw = &[4][]byte{[]byte(f("tags").Raw), []byte(f("relationships").Raw), []byte(f("configuration").Raw), []byte(f("supplementaryConfiguration").Raw)}
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
	var raw [4][]byte
	if it.raw != nil {
		raw = *it.raw
	}
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
	if r := bytes.TrimSpace(raw[rawRelationships]); len(r) > 0 && string(r) != "null" {
		// Read with gjson (valid: see decodeObject), as encoding/json
		// would into the struct: an array of objects with string members.
		rel := gjson.ParseBytes(r)
		if !rel.IsArray() {
			return fmt.Errorf("relationships: a JSON %s, not an array", gjsonKind(rel))
		}
		it.relationships = it.relationships[:0]
		var err error
		rel.ForEach(func(_, e gjson.Result) bool {
			if e.Type == gjson.Null {
				it.relationships = append(it.relationships, relationship{})
				return true
			}
			if !e.IsObject() {
				err = fmt.Errorf("relationships: an element is a JSON %s, not an object", gjsonKind(e))
				return false
			}
			var r relationship
			for _, m := range []struct {
				name string
				to   *string
			}{{"resourceType", &r.ResourceType}, {"resourceId", &r.ResourceID}, {"resourceName", &r.ResourceName}, {"relationshipName", &r.Name}} {
				switch v := e.Get(m.name); v.Type {
				case gjson.String:
					*m.to = v.Str
				case gjson.Null:
				default:
					if v.Exists() {
						err = fmt.Errorf("relationships: %s is a JSON %s, not a string", m.name, gjsonKind(v))
						return false
					}
				}
			}
			it.relationships = append(it.relationships, r)
			return true
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// gjsonKind names the JSON type of a gjson value.
func gjsonKind(v gjson.Result) string {
	switch {
	case v.IsObject():
		return "object"
	case v.IsArray():
		return "array"
	case v.Type == gjson.String:
		return "string"
	case v.Type == gjson.Number:
		return "number"
	case v.Type == gjson.True, v.Type == gjson.False:
		return "boolean"
	}
	return "null"
}

// decodeJSON decodes data keeping numbers exact (as json.Number). gjson
// reads it, several times faster than encoding/json into interfaces;
// encoding/json words the error of invalid JSON.
func decodeJSON(data []byte) (any, error) {
	if !jsontext.ValidBytes(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, err
	}
	return fromGJSON(gjson.ParseBytes(data)), nil
}

// fromGJSON converts a valid JSON value read by gjson.
func fromGJSON(r gjson.Result) any {
	switch {
	case r.IsObject():
		m := jmap{}
		r.ForEach(func(k, v gjson.Result) bool {
			if _, dup := m[k.Str]; !dup { // the first of duplicate names, as gjson reads them
				m[k.Str] = fromGJSON(v)
			}
			return true
		})
		return m
	case r.IsArray():
		l := []any{}
		r.ForEach(func(_, v gjson.Result) bool {
			l = append(l, fromGJSON(v))
			return true
		})
		return l
	}
	switch r.Type {
	case gjson.String:
		return r.Str
	case gjson.Number:
		return json.Number(r.Raw)
	case gjson.True:
		return true
	case gjson.False:
		return false
	}
	return nil
}

// decodeObject decodes an object that may be given as JSON in a string;
// absent or null gives an empty object. raw is part of an item that
// decodeItem found valid: it is not validated again (JSON in a string is).
func decodeObject(raw json.RawMessage) (jmap, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return jmap{}, nil
	}
	v := fromGJSON(gjson.ParseBytes(raw))
	var err error
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
	return tagList(fromGJSON(gjson.ParseBytes(raw))), nil // valid: see decodeObject
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
		if d, err := decodeJSON([]byte(s)); err == nil {
			if m, ok := d.(jmap); ok {
				return m, true
			}
		}
	}
	return nil, false
}
