package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// MaxCloudFormationSize bounds the size of a template ReadCloudFormation
// accepts (CloudFormation itself takes at most 1 MB from S3).
const MaxCloudFormationSize = 16 << 20

// maxTemplateDepth bounds how deeply template values nest.
const maxTemplateDepth = 200

// ReadCloudFormation reads a CloudFormation template, YAML (with the
// short-form intrinsic function tags !Ref, !GetAtt, !Sub, !If ...) or
// JSON, and emits one Entity per resource of its Resources section, in
// template order:
//   - resources of the types the entity model has become entity documents
//     whose id and Origin.Resource are the logical id, and whose Origin
//     has the line and column of the resource in the template;
//   - resources that only configure another one (AWS::S3::BucketPolicy,
//     AWS::EC2::SecurityGroupIngress, AWS::IAM::Policy ...) are merged into
//     the resource they name through Ref or GetAtt (or a literal name) and
//     not emitted on their own; one whose target is not in the template is
//     an error record;
//   - other resources are emitted with NotModelled set to their type.
//
// A value given by an intrinsic function that cannot be worked out from
// the template alone (a parameter, an attribute of another resource, a
// condition) is known only at deploy time: it is left out of the document
// and listed under source.unknown, as for Terraform plans (see
// UnknownKey). A template that cannot be parsed, or has no Resources, is
// an error returned, with its line and column where the parser gives one.
func ReadCloudFormation(r io.Reader, input string, emit func(Entity) error) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxCloudFormationSize+1))
	if err != nil {
		return fmt.Errorf("%s: %w", input, err)
	}
	if len(data) > MaxCloudFormationSize {
		return fmt.Errorf("%s: template larger than %d bytes", input, MaxCloudFormationSize)
	}
	data = bytes.TrimPrefix(data, []byte{0xef, 0xbb, 0xbf})
	res, err := cfnResources(data, input)
	if err != nil {
		return err
	}
	return convert(res, cloudFormationTypes, emit)
}

// isCloudFormation reports whether head, the first bytes of an input named
// name, look like a CloudFormation template: it names
// AWSTemplateFormatVersion, or has a Resources section whose types are
// AWS:: types. name is used only to accept the usual template extensions
// (.template, .cfn.yaml ...) with a weaker signal.
func isCloudFormation(head []byte, name string) bool {
	if bytes.Contains(head, []byte("AWSTemplateFormatVersion")) {
		return true
	}
	// The regular expressions run only where their literal parts occur:
	// most inputs are entity documents, and scanning their first 64 KB
	// with both would cost milliseconds per file.
	hasResources := bytes.Contains(head, []byte("Resources")) && cfnResourcesRe.Match(head)
	awsType := bytes.Contains(head, []byte("AWS::")) && cfnTypeRe.Match(head)
	if hasResources && awsType {
		return true
	}
	ext := strings.ToLower(filepath.Ext(name))
	templ := ext == ".template" || strings.Contains(strings.ToLower(name), ".cfn.") || strings.Contains(strings.ToLower(name), "cloudformation")
	return templ && (hasResources || awsType)
}

// The keys must stand alone: AWS Config items have "resourceType":
// "AWS::S3::Bucket" and "relatedResources".
var (
	cfnTypeRe      = regexp.MustCompile(`(?:^|[^A-Za-z0-9_])"?Type"?\s*:\s*["']?AWS::[A-Za-z0-9]+::`)
	cfnResourcesRe = regexp.MustCompile(`(?:^|[^A-Za-z0-9_])"?Resources"?\s*:`)
)

// cfnContext resolves intrinsic functions: it knows the template's
// resources and parameters.
type cfnContext struct {
	resources  map[string]bool
	parameters map[string]bool
	input      string
}

// cfnResources parses a template into its resources.
func cfnResources(data []byte, input string) ([]*iacResource, error) {
	file, err := parser.ParseBytes(fillEmptyTags(data), 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", input, strings.TrimSpace(yamlErrorText(err)))
	}
	if len(file.Docs) == 0 || file.Docs[0] == nil || file.Docs[0].Body == nil {
		return nil, fmt.Errorf("%s: empty template", input)
	}
	if len(file.Docs) > 1 {
		return nil, fmt.Errorf("%s: %d YAML documents; a template is one", input, len(file.Docs))
	}
	top, ok := unwrap(file.Docs[0].Body).(*ast.MappingNode)
	if !ok {
		return nil, posErr(input, file.Docs[0].Body, "a template is a mapping with a Resources section")
	}
	var resNode, paramNode *ast.MappingValueNode
	for _, kv := range top.Values {
		switch keyText(kv.Key) {
		case "Resources":
			resNode = kv
		case "Parameters":
			paramNode = kv
		}
	}
	if resNode == nil {
		return nil, posErr(input, top, "no Resources section: not a CloudFormation template")
	}
	ctx := &cfnContext{resources: map[string]bool{}, parameters: map[string]bool{}, input: input}
	resMap, ok := unwrap(resNode.Value).(*ast.MappingNode)
	if !ok {
		if _, null := unwrap(resNode.Value).(*ast.NullNode); null || resNode.Value == nil {
			return nil, nil
		}
		return nil, posErr(input, resNode.Value, "Resources is not a mapping")
	}
	if paramNode != nil {
		if pm, ok := unwrap(paramNode.Value).(*ast.MappingNode); ok {
			for _, kv := range pm.Values {
				ctx.parameters[keyText(kv.Key)] = true
			}
		}
	}
	for _, kv := range resMap.Values {
		ctx.resources[keyText(kv.Key)] = true
	}
	var out []*iacResource
	for _, kv := range resMap.Values {
		id := keyText(kv.Key)
		pos := kv.Key.GetToken().Position
		r := &iacResource{
			addr:   id,
			create: true,
			origin: Origin{Input: input, Line: pos.Line, Col: pos.Column, Index: -1, Resource: id},
			format: "cloudformation",
			vals:   map[string]any{},
		}
		body, ok := unwrap(kv.Value).(*ast.MappingNode)
		if !ok {
			r.err = posErr(input, kv.Value, id+": a resource is a mapping with a Type")
			out = append(out, r)
			continue
		}
		links := map[string][]string{}
		for _, f := range body.Values {
			switch keyText(f.Key) {
			case "Type":
				r.typ, _ = scalar(f.Value).(string)
			case "Properties":
				props, ok := unwrap(f.Value).(*ast.MappingNode)
				if !ok {
					continue
				}
				for _, p := range props.Values {
					name := keyText(p.Key)
					var sink []string
					v, err := ctx.value(p.Value, &sink, 0)
					if err != nil {
						return nil, err
					}
					r.vals[name] = v
					links[name] = sink
				}
			}
		}
		r.links = func(attr string) []string { return links[attr] }
		if r.typ == "" {
			r.err = posErr(input, kv.Key, id+": resource has no Type")
		}
		out = append(out, r)
	}
	return out, nil
}

// yamlErrorText keeps goccy's message (which names line and column) without
// its source excerpt's colour codes.
func yamlErrorText(err error) string {
	s := err.Error()
	if i := strings.Index(s, "\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

func posErr(input string, n ast.Node, msg string) error {
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		n = m.Values[0].Key // a mapping's own token is its first ':'
	}
	if n != nil && n.GetToken() != nil {
		p := n.GetToken().Position
		return fmt.Errorf("%s:%d:%d: %s", input, p.Line, p.Column, msg)
	}
	return fmt.Errorf("%s: %s", input, msg)
}

// unwrap looks through anchors and comment wrappers.
func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.AnchorNode:
			n = x.Value
		case *ast.MappingKeyNode:
			n = x.Value
		default:
			return n
		}
	}
}

func keyText(k ast.MapKeyNode) string {
	if k == nil {
		return ""
	}
	switch n := unwrap(k).(type) {
	case *ast.StringNode:
		return n.Value
	case ast.ScalarNode:
		return fmt.Sprint(n.GetValue())
	}
	return k.String()
}

// scalar returns the Go value of a scalar node, or nil.
func scalar(n ast.Node) any {
	switch x := unwrap(n).(type) {
	case *ast.StringNode:
		return x.Value
	case *ast.LiteralNode:
		return x.Value.Value
	case *ast.NullNode:
		return nil
	case ast.ScalarNode:
		v := x.GetValue()
		if u, ok := v.(uint64); ok {
			return float64(u)
		}
		return v
	}
	return nil
}

var errTooDeep = errors.New("template values nest too deeply")

// value converts a template node into a Go value, resolving the intrinsic
// functions it can and turning the others into unknownVal. sink collects
// the logical ids of the template's resources that the value refers to.
func (c *cfnContext) value(n ast.Node, sink *[]string, depth int) (any, error) {
	if depth > maxTemplateDepth {
		return nil, posErr(c.input, n, errTooDeep.Error())
	}
	switch x := unwrap(n).(type) {
	case nil:
		return nil, nil
	case *ast.TagNode:
		tag := x.Start.Value
		switch tag {
		case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!binary", "!!timestamp":
			return c.value(x.Value, sink, depth+1)
		}
		arg, err := c.value(x.Value, sink, depth+1)
		if err != nil {
			return nil, err
		}
		name := strings.TrimPrefix(tag, "!")
		if name != "Ref" && name != "Condition" {
			name = "Fn::" + name
		}
		return c.intrinsic(name, arg, sink), nil
	case *ast.MappingNode:
		m := make(map[string]any, len(x.Values))
		for _, kv := range x.Values {
			v, err := c.value(kv.Value, sink, depth+1)
			if err != nil {
				return nil, err
			}
			m[keyText(kv.Key)] = v
		}
		if len(m) == 1 {
			for k, arg := range m {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return c.intrinsic(k, arg, sink), nil
				}
			}
		}
		return m, nil
	case *ast.MappingValueNode:
		// A single-pair mapping written without braces.
		v, err := c.value(x.Value, sink, depth+1)
		if err != nil {
			return nil, err
		}
		k := keyText(x.Key)
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return c.intrinsic(k, v, sink), nil
		}
		return map[string]any{k: v}, nil
	case *ast.SequenceNode:
		l := make([]any, 0, len(x.Values))
		for _, e := range x.Values {
			v, err := c.value(e, sink, depth+1)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case *ast.AliasNode:
		return unknownVal{refs: []string{"a YAML alias"}}, nil
	default:
		return scalar(x), nil
	}
}

// pseudoParams are CloudFormation's pseudo parameters: values the
// account and stack have, never wildcards.
var pseudoParams = map[string]bool{
	"AWS::AccountId": true, "AWS::Region": true, "AWS::Partition": true, "AWS::URLSuffix": true,
	"AWS::StackName": true, "AWS::StackId": true,
}

var subVarRe = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// intrinsic resolves one intrinsic function. Only functions whose result
// the template alone determines become values (Fn::Sub and Fn::Join of
// literals); everything else is unknown until deploy, described as the
// short form it was written in.
func (c *cfnContext) intrinsic(name string, arg any, sink *[]string) any {
	short := "!" + strings.TrimPrefix(name, "Fn::")
	link := func(id string) {
		if c.resources[id] {
			*sink = append(*sink, id)
		}
	}
	switch name {
	case "Ref":
		s, _ := arg.(string)
		link(s)
		desc := "!Ref " + s
		if c.parameters[s] {
			desc += " (parameter)"
		}
		u := unknownVal{refs: []string{desc}}
		if c.resources[s] || pseudoParams[s] {
			u.placeholder = "${" + s + "}"
		}
		return u
	case "Fn::GetAtt":
		var parts []string
		switch a := arg.(type) {
		case string:
			parts = strings.SplitN(a, ".", 2)
		case []any:
			for _, p := range a {
				parts = append(parts, fmt.Sprint(p))
			}
		}
		u := unknownVal{refs: []string{"!GetAtt " + strings.Join(parts, ".")}}
		if len(parts) > 0 {
			link(parts[0])
			if c.resources[parts[0]] {
				u.placeholder = "${" + strings.Join(parts, ".") + "}"
			}
		}
		return u
	case "Fn::Sub":
		tmpl, _ := arg.(string)
		if l, ok := arg.([]any); ok && len(l) > 0 {
			tmpl, _ = l[0].(string)
		}
		vars := subVarRe.FindAllStringSubmatch(tmpl, -1)
		if len(vars) == 0 {
			if _, ok := arg.(string); ok {
				return strings.ReplaceAll(tmpl, "${!", "${")
			}
		}
		u := unknownVal{refs: []string{"!Sub " + tmpl}}
		resolvable := true
		for _, v := range vars {
			name := strings.SplitN(v[1], ".", 2)[0]
			link(name)
			if !c.resources[name] && !pseudoParams[name] {
				resolvable = false
			}
		}
		if _, ok := arg.(string); ok && resolvable {
			u.placeholder = tmpl
		}
		return u
	case "Fn::Join":
		if l, ok := arg.([]any); ok && len(l) == 2 {
			delim, ok1 := l[0].(string)
			parts, ok2 := l[1].([]any)
			if ok1 && ok2 {
				var ss, refs []string
				all, literal := true, true
				for _, p := range parts {
					switch x := p.(type) {
					case string:
						ss = append(ss, x)
					case unknownVal:
						literal = false
						refs = append(refs, x.refs...)
						if x.placeholder == "" {
							all = false
						}
						ss = append(ss, x.placeholder)
					default:
						all = false
					}
				}
				if all && literal {
					return strings.Join(ss, delim)
				}
				if all {
					return unknownVal{refs: refs, placeholder: strings.Join(ss, delim)}
				}
			}
		}
	}
	// Any other function (If, Select, FindInMap, ImportValue ...), or a
	// Join over unknown parts: unknown, with the references inside it.
	_, refs := hasUnknown(arg)
	sort.Strings(refs)
	desc := short
	if len(refs) > 0 {
		desc += " (" + strings.Join(refs, ", ") + ")"
	}
	return unknownVal{refs: []string{desc}}
}
