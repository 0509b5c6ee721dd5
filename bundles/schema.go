package bundles

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
)

// Kind is the JSON type of a property in the entity schema.
type Kind uint8

const (
	// KindAny is a value of any JSON type; its subtree is open.
	KindAny Kind = iota
	// KindString is a JSON string.
	KindString
	// KindNumber is a JSON number.
	KindNumber
	// KindBoolean is true or false.
	KindBoolean
	// KindObject is a JSON object.
	KindObject
	// KindArray is a JSON array.
	KindArray
)

var kindNames = [...]string{"any", "string", "number", "boolean", "object", "array"}

// String returns the schema spelling of the kind.
func (k Kind) String() string { return kindNames[k] }

// Node describes one property (or array element) of an entity document.
type Node struct {
	Kind Kind
	// Format refines Kind for documentation: "integer" for whole numbers,
	// "date-time" for RFC 3339 timestamps; "" otherwise.
	Format string
	// Doc is the one-line meaning of the property.
	Doc string
	// Ref names the definition or entity type this node has the shape of
	// ("" for an inline node). Properties, Items and Open are then those of
	// the referenced node; use Schema.Resolve to follow it.
	Ref string
	// Properties of an object node, by name; Names lists them in file order.
	Properties map[string]*Node
	Names      []string
	// Items describes the elements of an array node.
	Items *Node
	// Open is true for an object that may hold property names the schema
	// does not list (always true for KindAny and for objects with no
	// listed properties).
	Open bool
	// Single is true for an array whose documents may give one element
	// instead of a list (IAM policy Statement); array operators read it as
	// a one-element list.
	Single bool
}

// EntityType is one entity type of the schema.
type EntityType struct {
	Name string
	Doc  string
	// Node is the object node of a document of this type: the envelope
	// properties followed by the type's own.
	Node *Node
	// Own lists the type's own property names (without the envelope), in
	// file order.
	Own []string
}

// Schema is an entity model: entity types, shared definitions and the
// envelope properties common to every type.
type Schema struct {
	Envelope    *Node
	types       map[string]*EntityType
	typeNames   []string
	definitions map[string]*Node
	defNames    []string
}

//go:embed schema/aws.yaml
var awsSchemaYAML []byte

var (
	awsOnce   sync.Once
	awsSchema *Schema
	awsErr    error
)

// AWS returns the Dome9-compatible AWS entity model the shipped bundles are
// written against (bundles/schema/aws.yaml, documented in ENTITIES.md).
func AWS() *Schema {
	awsOnce.Do(func() { awsSchema, awsErr = parseAWSSchema() })
	if awsErr != nil {
		panic("bundles: embedded schema is invalid: " + awsErr.Error()) // covered by TestAWSSchema
	}
	return awsSchema
}

// Type returns the entity type named name (case-sensitive), or nil.
func (s *Schema) Type(name string) *EntityType { return s.types[name] }

// TypeNames lists the entity types in file order.
func (s *Schema) TypeNames() []string { return append([]string(nil), s.typeNames...) }

// Resolve follows n's Ref, if any, to the node holding the shape. It returns
// n itself for an inline node and nil for nil.
func (s *Schema) Resolve(n *Node) *Node {
	for i := 0; n != nil && n.Ref != "" && i < 8; i++ {
		if t := s.types[n.Ref]; t != nil {
			n = t.Node
		} else if d := s.definitions[n.Ref]; d != nil {
			n = d
		} else {
			return n
		}
	}
	return n
}

// Property returns the node of property name of the object node n (after
// resolving references), or nil when n has no such property.
func (s *Schema) Property(n *Node, name string) *Node {
	n = s.Resolve(n)
	if n == nil {
		return nil
	}
	return n.Properties[name]
}

// IsOpen reports whether n (resolved) accepts property names it does not list.
func (s *Schema) IsOpen(n *Node) bool {
	n = s.Resolve(n)
	return n == nil || n.Kind == KindAny || n.Open || (n.Kind == KindObject && len(n.Properties) == 0)
}

// ParseSchema reads an entity model in the format of bundles/schema/aws.yaml.
// file names the source in errors.
func ParseSchema(data []byte, file string) (*Schema, error) {
	top, err := schemaValues(data, file)
	if err != nil {
		return nil, err
	}
	return parseSchemaValues(top, file)
}

// schemaValues decodes a schema file's YAML.
func schemaValues(data []byte, file string) (yaml.MapSlice, error) {
	var top yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(data, &top, yaml.UseOrderedMap()); err != nil {
		return nil, fmt.Errorf("%s: %s", file, yaml.FormatError(err, false, false))
	}
	return top, nil
}

// parseSchemaValues reads a schema from its decoded YAML.
func parseSchemaValues(top yaml.MapSlice, file string) (*Schema, error) {
	p := &schemaParser{file: file, s: &Schema{
		types:       map[string]*EntityType{},
		definitions: map[string]*Node{},
	}}
	for _, it := range top {
		key, _ := it.Key.(string)
		switch key {
		case "version":
			if fmt.Sprint(it.Value) != "1" {
				return nil, fmt.Errorf("%s: unsupported schema version %v", file, it.Value)
			}
		case "envelope":
			p.s.Envelope = &Node{Kind: KindObject, Properties: map[string]*Node{}}
			p.props(p.s.Envelope, it.Value, "envelope")
		case "definitions":
			for _, d := range p.mapping(it.Value, "definitions") {
				name := d.Key.(string)
				p.s.definitions[name] = p.node(d.Value, "definitions."+name)
				p.s.defNames = append(p.s.defNames, name)
			}
		case "types":
			for _, d := range p.mapping(it.Value, "types") {
				name := d.Key.(string)
				p.s.typeNames = append(p.s.typeNames, name)
				p.s.types[name] = p.entity(name, d.Value)
			}
		default:
			p.errorf("%s: unknown key", key)
		}
	}
	if p.s.Envelope == nil {
		p.errorf("no envelope")
	}
	if p.err == nil {
		p.check()
	}
	if p.err != nil {
		return nil, p.err
	}
	return p.s, nil
}

type schemaParser struct {
	file string
	s    *Schema
	err  error
	refs []refUse
}

type refUse struct{ ref, where string }

func (p *schemaParser) errorf(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%s: %s", p.file, fmt.Sprintf(format, args...))
	}
}

func (p *schemaParser) mapping(v any, where string) yaml.MapSlice {
	m, ok := v.(yaml.MapSlice)
	if !ok {
		if v != nil {
			p.errorf("%s: want a mapping", where)
		}
		return nil
	}
	for _, it := range m {
		if _, ok := it.Key.(string); !ok {
			p.errorf("%s: key %v is not a string", where, it.Key)
			return nil
		}
	}
	return m
}

func (p *schemaParser) entity(name string, v any) *EntityType {
	t := &EntityType{Name: name}
	own := &Node{Kind: KindObject, Properties: map[string]*Node{}}
	for _, it := range p.mapping(v, "types."+name) {
		switch k := it.Key.(string); k {
		case "doc":
			t.Doc = strings.TrimSpace(fmt.Sprint(it.Value))
		case "properties":
			p.props(own, it.Value, "types."+name)
		default:
			p.errorf("types.%s: unknown key %q", name, k)
		}
	}
	if t.Doc == "" {
		p.errorf("types.%s: no doc", name)
	}
	t.Own = own.Names
	t.Node = &Node{Kind: KindObject, Doc: t.Doc, Properties: map[string]*Node{}}
	if env := p.s.Envelope; env != nil {
		for _, n := range env.Names {
			if own.Properties[n] != nil {
				p.errorf("types.%s.%s: redefines an envelope property", name, n)
			}
			t.Node.Names = append(t.Node.Names, n)
			t.Node.Properties[n] = env.Properties[n]
		}
	}
	for _, n := range own.Names {
		t.Node.Names = append(t.Node.Names, n)
		t.Node.Properties[n] = own.Properties[n]
	}
	return t
}

func (p *schemaParser) props(obj *Node, v any, where string) {
	for _, it := range p.mapping(v, where) {
		name := it.Key.(string)
		if obj.Properties[name] != nil {
			p.errorf("%s.%s: duplicate property", where, name)
		}
		obj.Properties[name] = p.node(it.Value, where+"."+name)
		obj.Names = append(obj.Names, name)
	}
}

// node reads a property in the short form "TYPE | doc" or the long form.
func (p *schemaParser) node(v any, where string) *Node { return p.nodeDoc(v, where, true) }

// nodeDoc is node; needDoc is false for array items, which need no doc.
func (p *schemaParser) nodeDoc(v any, where string, needDoc bool) *Node {
	if s, ok := v.(string); ok {
		typ, doc, found := strings.Cut(s, " | ")
		if !found {
			p.errorf("%s: want \"TYPE | meaning\", got %q", where, s)
			return &Node{}
		}
		n := p.typeExpr(strings.TrimSpace(typ), where)
		n.Doc = strings.TrimSpace(doc)
		return n
	}
	n := &Node{}
	var typ string
	var props, items any
	for _, it := range p.mapping(v, where) {
		switch k := it.Key.(string); k {
		case "type":
			typ = fmt.Sprint(it.Value)
		case "doc":
			n.Doc = strings.TrimSpace(fmt.Sprint(it.Value))
		case "open":
			b, ok := it.Value.(bool)
			if !ok {
				p.errorf("%s.open: want true or false", where)
			}
			n.Open = b
		case "single":
			b, ok := it.Value.(bool)
			if !ok {
				p.errorf("%s.single: want true or false", where)
			}
			n.Single = b
		case "properties":
			props = it.Value
		case "items":
			items = it.Value
		default:
			p.errorf("%s: unknown key %q", where, k)
		}
	}
	if typ == "" {
		p.errorf("%s: no type", where)
		return n
	}
	t := p.typeExpr(typ, where)
	n.Kind, n.Format, n.Ref, n.Items = t.Kind, t.Format, t.Ref, t.Items
	n.Open = n.Open || t.Kind == KindAny
	if n.Doc == "" && needDoc {
		p.errorf("%s: no doc", where)
	}
	if props != nil {
		if n.Kind != KindObject || n.Ref != "" {
			p.errorf("%s: properties on a %s", where, typ)
		}
		n.Properties = map[string]*Node{}
		p.props(n, props, where)
	}
	if n.Single && n.Kind != KindArray {
		p.errorf("%s: single on a %s", where, typ)
	}
	if items != nil {
		if n.Kind != KindArray || n.Items != nil {
			p.errorf("%s: items on a %s", where, typ)
		}
		n.Items = p.nodeDoc(items, where+"[]", false)
	} else if n.Kind == KindArray && n.Items == nil {
		n.Items = &Node{Kind: KindAny, Open: true}
	}
	if n.Kind == KindObject && n.Ref == "" && len(n.Properties) == 0 {
		n.Open = true
	}
	return n
}

// typeExpr reads TYPE: a JSON type, integer, timestamp, array<TYPE> or the
// name of a definition or entity type.
func (p *schemaParser) typeExpr(t, where string) *Node {
	switch t {
	case "string":
		return &Node{Kind: KindString}
	case "number":
		return &Node{Kind: KindNumber}
	case "integer":
		return &Node{Kind: KindNumber, Format: "integer"}
	case "boolean":
		return &Node{Kind: KindBoolean}
	case "timestamp":
		return &Node{Kind: KindString, Format: "date-time"}
	case "object":
		return &Node{Kind: KindObject, Open: true}
	case "any":
		return &Node{Kind: KindAny, Open: true}
	case "array":
		return &Node{Kind: KindArray}
	}
	if elem, ok := strings.CutPrefix(t, "array<"); ok && strings.HasSuffix(elem, ">") {
		return &Node{Kind: KindArray, Items: p.typeExpr(strings.TrimSuffix(elem, ">"), where+"[]")}
	}
	if t == "" || !isIdent(t) {
		p.errorf("%s: bad type %q", where, t)
		return &Node{Kind: KindAny, Open: true}
	}
	p.refs = append(p.refs, refUse{t, where})
	return &Node{Kind: KindObject, Ref: t}
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// check verifies that every reference names a known type or definition and
// that no name is both.
func (p *schemaParser) check() {
	for _, r := range p.refs {
		if p.s.types[r.ref] == nil && p.s.definitions[r.ref] == nil {
			p.errorf("%s: unknown type %q", r.where, r.ref)
		}
	}
	for name := range p.s.definitions {
		if p.s.types[name] != nil {
			p.errorf("%s is both a definition and an entity type", name)
		}
	}
	for name, d := range p.s.definitions {
		if d.Ref != "" {
			p.errorf("definitions.%s: a definition cannot be a reference", name)
		}
	}
}

// typeLabel renders n's type for documentation, e.g. "array of SecurityRule".
func typeLabel(n *Node, link func(string) string) string {
	switch {
	case n.Ref != "":
		return link(n.Ref)
	case n.Kind == KindArray:
		if n.Items == nil {
			return "array"
		}
		return "array of " + typeLabel(n.Items, link)
	case n.Format == "integer":
		return "integer"
	case n.Format == "date-time":
		return "timestamp"
	case n.Kind == KindObject && n.Open && len(n.Properties) == 0:
		return "object (open)"
	}
	return n.Kind.String()
}

// sortedKeys returns the keys of m in sorted order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
