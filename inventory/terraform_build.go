package inventory

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file holds what the Terraform and CloudFormation readers share: the
// resource graph they both build (iacResource), the marker for a value known
// only after apply or deploy (unknownVal), and the builder that turns one
// resource, and the child resources merged into it, into an entity document.

// UnknownKey is the member of an entity document's "source" object that
// lists the properties whose values the input leaves to apply (Terraform)
// or deploy (CloudFormation) time, each with the resources or expressions
// it depends on: {"source": {"unknown": {"kmsKeyId": ["aws_kms_key.k.arn"]}}}.
// Such a property is left out of the document (it is missing, as SPEC.md
// defines it), so a rule that reads it must not be trusted to pass: see
// UnknownReads and INPUTS.md.
const UnknownKey = "unknown"

// ReferenceKey is the member of source that lists the properties holding
// a placeholder for a reference resolved at apply or deploy time
// ("${aws_kms_key.k.arn}", "${Key.Arn}"), each with what it refers to. The
// value will exist, only its text is unknown: a rule that passes on the
// placeholder passes on any value of that reference's kind, while a rule
// that fails on it may be judging the placeholder's text. See Undecided.
const ReferenceKey = "references"

// unknownVal stands, in a resource's value tree, for a value that is known
// only after apply or deploy. refs names what it depends on: Terraform
// references (aws_kms_key.k.arn) or a CloudFormation expression (!GetAtt
// Key.Arn, !Ref KeyParam).
//
// placeholder is set when the value is a reference to something the input
// creates or the account has (another resource's ARN or id, the account
// id): it will exist, only its text is unknown. The placeholder, in
// CloudFormation's ${Name.Attr} notation, stands in for it in the
// document, and the property is listed under source.references instead
// of source.unknown (see ReferenceKey).
type unknownVal struct {
	refs        []string
	placeholder string
}

// iacResource is one resource of a plan, a state or a template, before it
// is mapped into the entity model.
type iacResource struct {
	addr   string         // Terraform address or CloudFormation logical id
	typ    string         // aws_s3_bucket or AWS::S3::Bucket
	vals   map[string]any // attribute values; unknownVal where unknown
	create bool           // the plan creates it (AWS defaults apply)
	origin Origin
	// links gives, for an attribute that names another resource (bucket,
	// security_group_id, GroupId ...), the addresses of the resources of
	// the same input it refers to: Terraform configuration references or
	// CloudFormation Ref/GetAtt targets.
	links func(attr string) []string
	// format is the "source.format" of its documents.
	format string
	// err, when set, is why the resource cannot be read at all.
	err error
	// attached holds what other resources of the input set on this one
	// (typeMap.attach: the web ACL a WAF association gives a stage), by
	// name; attachedBy are those resources.
	attached   map[string]any
	attachedBy []*iacResource
}

// get reads a dotted path of r's values. A segment of digits indexes a
// list. It returns the value and whether it is known; a missing path is
// (nil, true), an unknown one (nil, false) with the unknown's references.
func (r *iacResource) get(path string) (v any, known bool, refs []string) {
	return lookup(r.vals, path)
}

func lookup(tree any, path string) (v any, known bool, refs []string) {
	cur := tree
	for seg := range strings.SplitSeq(path, ".") {
		if u, ok := cur.(unknownVal); ok {
			return nil, false, u.refs
		}
		switch c := cur.(type) {
		case map[string]any:
			cur = c[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(c) {
				return nil, true, nil
			}
			cur = c[i]
		default:
			return nil, true, nil
		}
	}
	if u, ok := cur.(unknownVal); ok {
		return nil, false, u.refs
	}
	return cur, true, nil
}

// placeholders replaces the unknown values of v that are references by
// their placeholders. It returns the new value, the references it put
// placeholders for, and, when some unknown value is not a reference, the
// references of those (non-nil, possibly empty: computed values have none).
func placeholders(v any) (out any, refs, unresolved []string) {
	var walk func(any) any
	walk = func(v any) any {
		switch c := v.(type) {
		case unknownVal:
			if c.placeholder != "" {
				refs = append(refs, c.refs...)
				return c.placeholder
			}
			if unresolved == nil {
				unresolved = []string{}
			}
			unresolved = append(unresolved, c.refs...)
			return nil
		case map[string]any:
			m := make(map[string]any, len(c))
			for k, e := range c {
				m[k] = walk(e)
			}
			return m
		case []any:
			l := make([]any, len(c))
			for i, e := range c {
				l[i] = walk(e)
			}
			return l
		}
		return v
	}
	out = walk(v)
	return out, refs, unresolved
}

// lookupRaw is lookup returning the unknownVal itself where the path
// reaches one (nil elsewhere a path is missing).
func lookupRaw(tree any, path string) any {
	cur := tree
	for seg := range strings.SplitSeq(path, ".") {
		switch c := cur.(type) {
		case unknownVal:
			return c
		case map[string]any:
			cur = c[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

// hasUnknown reports whether v holds an unknownVal anywhere, and the
// references of all of them.
func hasUnknown(v any) (bool, []string) {
	var refs []string
	found := false
	var walk func(any)
	walk = func(v any) {
		switch c := v.(type) {
		case unknownVal:
			found = true
			refs = append(refs, c.refs...)
		case map[string]any:
			for _, e := range c {
				walk(e)
			}
		case []any:
			for _, e := range c {
				walk(e)
			}
		}
	}
	walk(v)
	return found, refs
}

// builder assembles one entity document.
type builder struct {
	r       *iacResource
	doc     map[string]any
	unknown map[string][]string // entity path -> what it depends on
	refd    map[string][]string // entity path holding placeholders -> what they refer to
	merged  []string            // addresses of the child resources merged in
	// egressSet: an egress rule resource replaced the default allow-all
	// egress rule of a CloudFormation security group.
	egressSet bool
	// pending holds, by key, what a child contributed to an element
	// another child adds (API Gateway method settings, by stage name),
	// placed by the type's after step.
	pending map[string][]any
}

func newBuilder(r *iacResource, entityType string) *builder {
	b := &builder{r: r, doc: map[string]any{"type": entityType, "id": r.addr}, unknown: map[string][]string{}, refd: map[string][]string{}}
	return b
}

// set stores v at the dotted entity path to, creating objects on the way.
func (b *builder) set(to string, v any) {
	setPath(b.doc, to, v)
}

func setPath(doc map[string]any, to string, v any) {
	segs := strings.Split(to, ".")
	m := doc
	for _, s := range segs[:len(segs)-1] {
		next, ok := m[s].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[s] = next
		}
		m = next
	}
	m[segs[len(segs)-1]] = v
}

// markUnknown records that the entity property to is known only later.
func (b *builder) markUnknown(to string, refs ...string) {
	have := b.unknown[to]
	for _, r := range refs {
		if !slices.Contains(have, r) {
			have = append(have, r)
		}
	}
	if have == nil {
		have = []string{}
	}
	b.unknown[to] = have
}

// copy sets entity path to from the resource attribute from, converted by
// conv (nil: as is). A null or absent attribute leaves the property out;
// an unknown one is recorded with markUnknown. It reports whether a value
// was set.
func (b *builder) copy(to, from string, conv func(any) (any, bool)) bool {
	return b.copyFrom(b.r, to, from, conv)
}

func (b *builder) copyFrom(r *iacResource, to, from string, conv func(any) (any, bool)) bool {
	v, known, refs := r.get(from)
	if !known {
		v = unknownVal{refs: refs}
		if u, ok := lookupRaw(r.vals, from).(unknownVal); ok {
			v = u
		}
	}
	if v == nil {
		return false
	}
	v, refs, unresolved := placeholders(v)
	if unresolved != nil {
		b.markUnknown(to, refsOr(unresolved, r, from)...)
		return false
	}
	if len(refs) > 0 {
		b.refd[to] = append(b.refd[to], refs...)
	}
	if conv != nil {
		var ok bool
		if v, ok = conv(v); !ok {
			if len(refs) > 0 {
				// The placeholder does not fit (JSON text built from a
				// reference): the value is unknown.
				b.markUnknown(to, refs...)
			}
			return false
		}
	}
	b.set(to, v)
	return true
}

// computedSuffix marks a reference to a value the provider computes,
// which the configuration does not set.
const computedSuffix = " (computed)"

// refsOr returns refs, or when there are none (the provider computes the
// value) the attribute itself.
func refsOr(refs []string, r *iacResource, attr string) []string {
	if len(refs) == 0 {
		return []string{r.addr + "." + attr + computedSuffix}
	}
	return refs
}

// onlyComputed reports whether refs name only values the provider computes.
func onlyComputed(refs []string) bool {
	for _, r := range refs {
		if !strings.HasSuffix(r, computedSuffix) {
			return false
		}
	}
	return true
}

// childObj builds an object from properties of a child resource c (or of
// a block of the resource itself): pairs of model name and property path;
// conv, by model name, converts a value or drops it. A missing, null or
// empty value is left out. A placeholder stands for a reference, listed
// under the references of the parent's property whole; any other value
// known only at apply or deploy marks whole unknown.
func childObj(p *builder, whole string, c *iacResource, conv map[string]func(any) (any, bool), pairs ...string) map[string]any {
	return childValues(p, whole, c, conv, true, pairs...)
}

// tfChildObj is childObj for the blocks of a plan's API Gateway stages
// and routes, whose placeholders (a log group's ARN, an authorizer's id)
// are not listed as references: a fail of another stage or route setting
// stands.
func tfChildObj(p *builder, whole string, c *iacResource, pairs ...string) map[string]any {
	return childValues(p, whole, c, nil, false, pairs...)
}

func childValues(p *builder, whole string, c *iacResource, conv map[string]func(any) (any, bool), listRefs bool, pairs ...string) map[string]any {
	o := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		to, from := pairs[i], pairs[i+1]
		v, known, refs := c.get(from)
		if !known {
			if u, ok := lookupRaw(c.vals, from).(unknownVal); ok && u.placeholder != "" {
				setPath(o, to, u.placeholder)
				if listRefs {
					p.refd[whole] = append(p.refd[whole], u.refs...)
				}
			} else {
				p.markUnknown(whole, refsOr(refs, c, from)...)
			}
			continue
		}
		if v == nil || v == "" {
			continue
		}
		if f := conv[to]; f != nil {
			var ok bool
			if v, ok = f(v); !ok {
				continue
			}
		}
		setPath(o, to, v)
	}
	return o
}

// fields copies several attributes at once: pairs of entity path and
// attribute path.
func (b *builder) fields(pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		b.copy(pairs[i], pairs[i+1], nil)
	}
}

// Conversions for copy.

func asBool(v any) (any, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(x) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return nil, false
}

func asNumber(v any) (any, bool) {
	switch x := v.(type) {
	case float64, int, int64:
		return x, true
	case json.Number:
		return x, true
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return f, true
		}
	}
	return nil, false
}

// positive drops zero and negative numbers (Terraform's "not set").
func positive(v any) (any, bool) {
	n, ok := asNumber(v)
	if !ok {
		return nil, false
	}
	if f, ok := toFloat(n); ok && f <= 0 {
		return nil, false
	}
	return n, true
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

func nonEmptyString(v any) (any, bool) {
	s, ok := v.(string)
	return s, ok && s != ""
}

// policyDoc parses an IAM policy document given as JSON text (Terraform,
// CloudFormation strings) or as an object (CloudFormation YAML).
func policyDoc(v any) (any, bool) {
	switch x := v.(type) {
	case string:
		if strings.TrimSpace(x) == "" {
			return nil, false
		}
		var doc any
		if err := json.Unmarshal([]byte(x), &doc); err != nil {
			return nil, false
		}
		return doc, true
	case map[string]any:
		return x, true
	}
	return nil, false
}

// list returns v as a list: a list as is, nil as empty, anything else as
// a one-element list.
func list(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	default:
		return []any{x}
	}
}

// tfTagList turns a Terraform tags map, or CloudFormation's [{Key, Value}],
// into the model's [{key, value}], sorted by key for a stable document.
func tfTagList(v any) (any, bool) {
	var tags []any
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			tags = append(tags, map[string]any{"key": k, "value": fmt.Sprint(x[k])})
		}
	case []any:
		for _, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			t := map[string]any{}
			if k, ok := m["Key"].(string); ok {
				t["key"] = k
			}
			if val, ok := m["Value"]; ok {
				if _, unk := val.(unknownVal); !unk {
					t["value"] = fmt.Sprint(val)
				}
			}
			tags = append(tags, t)
		}
	default:
		return nil, false
	}
	if tags == nil {
		tags = []any{}
	}
	return tags, true
}

// tagValue returns the value of tag key in a document's tags.
func tagValue(doc map[string]any, key string) (string, bool) {
	tags, _ := doc["tags"].([]any)
	for _, t := range tags {
		m, _ := t.(map[string]any)
		if m["key"] == key {
			s, ok := m["value"].(string)
			return s, ok
		}
	}
	return "", false
}

// appendTo appends elements to the array at the top-level entity property
// name.
func (b *builder) appendTo(name string, elems ...any) {
	cur, _ := b.doc[name].([]any)
	b.doc[name] = append(cur, elems...)
}

// finish renders the document: source provenance, the unknown properties
// (the most specific path wins: "logging" covers "logging.enabled"), and
// the merged child resources.
func (b *builder) finish() ([]byte, error) {
	src := map[string]any{"format": b.r.format, "type": b.r.typ, "resource": b.r.addr}
	if len(b.merged) > 0 {
		sort.Strings(b.merged)
		src["merged"] = b.merged
	}
	if len(b.unknown) > 0 {
		u := map[string]any{}
		for p, refs := range b.unknown {
			// A value a merged child set supersedes it; a list may hold
			// the known elements beside the unknown ones.
			if v, _, _ := lookup(b.doc, p); v != nil {
				if _, isList := v.([]any); !isList {
					continue
				}
			}
			if len(refs) == 0 {
				refs = []string{b.r.addr + computedSuffix}
			}
			sort.Strings(refs)
			u[p] = refs
		}
		if len(u) > 0 {
			src[UnknownKey] = u
		}
	}
	if len(b.refd) > 0 {
		r := map[string]any{}
		for p, refs := range b.refd {
			if _, unk := b.unknown[p]; unk {
				continue
			}
			sort.Strings(refs)
			r[p] = slices.Compact(refs)
		}
		if len(r) > 0 {
			src[ReferenceKey] = r
		}
	}
	dropUnknown(b.doc)
	b.doc["source"] = src
	return json.Marshal(b.doc)
}
