// Package jsonschema is a JSON Schema (draft-04) validator covering the
// keywords that the SARIF 2.1.0 schema uses, for the tests that check
// SARIF output against it. It refuses schemas with other keywords, so that
// no constraint of the schema is silently ignored.
package jsonschema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Schema is a parsed JSON schema.
type Schema struct {
	root map[string]any
}

// knownKeywords are the keywords the validator implements or that carry no
// constraint (annotations).
var knownKeywords = map[string]bool{
	"$schema": true, "id": true, "title": true, "description": true, "default": true, "definitions": true,
	"type": true, "properties": true, "required": true, "additionalProperties": true, "items": true,
	"enum": true, "$ref": true, "minItems": true, "uniqueItems": true, "minimum": true, "maximum": true,
	"pattern": true, "format": true, "oneOf": true, "anyOf": true,
}

// Parse reads a schema, refusing keywords the validator does not
// implement.
func Parse(data []byte) (*Schema, error) {
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, err
	}
	s := &Schema{root: root}
	if err := s.checkKeywords(root, "#"); err != nil {
		return nil, err
	}
	return s, nil
}

// checkKeywords walks every subschema and rejects unknown keywords.
func (s *Schema) checkKeywords(sch map[string]any, where string) error {
	for k, v := range sch {
		if !knownKeywords[k] {
			return fmt.Errorf("%s: unsupported keyword %q", where, k)
		}
		switch k {
		case "properties", "definitions":
			m, _ := v.(map[string]any)
			keys := sortedKeysOf(m)
			for _, name := range keys {
				sub, ok := m[name].(map[string]any)
				if !ok {
					return fmt.Errorf("%s/%s/%s: not a schema", where, k, name)
				}
				if err := s.checkKeywords(sub, where+"/"+k+"/"+name); err != nil {
					return err
				}
			}
		case "items", "additionalProperties":
			if sub, ok := v.(map[string]any); ok {
				if err := s.checkKeywords(sub, where+"/"+k); err != nil {
					return err
				}
			}
		case "oneOf", "anyOf":
			for i, x := range v.([]any) {
				if err := s.checkKeywords(x.(map[string]any), fmt.Sprintf("%s/%s/%d", where, k, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func sortedKeysOf(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validate returns every violation of instance against the schema.
// Validate returns the ways instance (decoded JSON) violates the schema,
// each naming where.
func (s *Schema) Validate(instance any) []string {
	var errs []string
	s.check(s.root, instance, "$", &errs)
	return errs
}

func (s *Schema) resolve(ref string) map[string]any {
	const prefix = "#/definitions/"
	if !strings.HasPrefix(ref, prefix) {
		panic("unsupported $ref " + ref)
	}
	d := s.root["definitions"].(map[string]any)[strings.TrimPrefix(ref, prefix)]
	if d == nil {
		panic("unknown $ref " + ref)
	}
	return d.(map[string]any)
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func typeMatches(want, got string) bool {
	return want == got || want == "number" && got == "integer"
}

func (s *Schema) check(sch map[string]any, v any, path string, errs *[]string) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, path+": "+fmt.Sprintf(format, args...))
	}
	if ref, ok := sch["$ref"].(string); ok {
		s.check(s.resolve(ref), v, path, errs)
	}
	if t, ok := sch["type"]; ok {
		got := jsonType(v)
		var wants []string
		switch t := t.(type) {
		case string:
			wants = []string{t}
		case []any:
			for _, x := range t {
				wants = append(wants, x.(string))
			}
		}
		ok := false
		for _, w := range wants {
			ok = ok || typeMatches(w, got)
		}
		if !ok {
			fail("type %s, want %v", got, wants)
			return
		}
	}
	if enum, ok := sch["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || reflect.DeepEqual(e, v)
		}
		if !found {
			fail("value %v not in enum %v", v, enum)
		}
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		alts, ok := sch[key].([]any)
		if !ok {
			continue
		}
		n := 0
		for _, a := range alts {
			var sub []string
			s.check(a.(map[string]any), v, path, &sub)
			if len(sub) == 0 {
				n++
			}
		}
		if n == 0 || key == "oneOf" && n > 1 {
			fail("%s: %d alternatives match", key, n)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := sch["properties"].(map[string]any)
		for _, r := range asStrings(sch["required"]) {
			if _, ok := x[r]; !ok {
				fail("missing required property %q", r)
			}
		}
		for _, k := range sortedKeysOf(x) {
			if p, ok := props[k]; ok {
				s.check(p.(map[string]any), x[k], path+"."+k, errs)
				continue
			}
			switch ap := sch["additionalProperties"].(type) {
			case bool:
				if !ap {
					fail("property %q is not allowed", k)
				}
			case map[string]any:
				s.check(ap, x[k], path+"."+k, errs)
			}
		}
	case []any:
		if m, ok := sch["minItems"].(float64); ok && float64(len(x)) < m {
			fail("%d items, want at least %v", len(x), m)
		}
		if u, ok := sch["uniqueItems"].(bool); ok && u {
			for i := range x {
				for j := i + 1; j < len(x); j++ {
					if reflect.DeepEqual(x[i], x[j]) {
						fail("items %d and %d are equal", i, j)
					}
				}
			}
		}
		if items, ok := sch["items"].(map[string]any); ok {
			for i, e := range x {
				s.check(items, e, fmt.Sprintf("%s[%d]", path, i), errs)
			}
		}
	case float64:
		if m, ok := sch["minimum"].(float64); ok && x < m {
			fail("%v is below the minimum %v", x, m)
		}
		if m, ok := sch["maximum"].(float64); ok && x > m {
			fail("%v is above the maximum %v", x, m)
		}
	case string:
		if p, ok := sch["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			fail("%q does not match %q", x, p)
		}
		switch sch["format"] {
		case "uri":
			if u, err := url.Parse(x); err != nil || !u.IsAbs() {
				fail("%q is not an absolute URI", x)
			}
		case "uri-reference":
			if _, err := url.Parse(x); err != nil {
				fail("%q is not a URI reference", x)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, x); err != nil {
				fail("%q is not a date-time", x)
			}
		}
	}
}

func asStrings(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, x.(string))
		}
	}
	return out
}

// sarifSchemaText is the OASIS SARIF 2.1.0 schema (errata 01), from
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
//
//go:embed sarif-schema-2.1.0.json
var sarifSchemaText []byte

// SARIF returns the SARIF 2.1.0 schema.
func SARIF() (*Schema, error) { return Parse(sarifSchemaText) }
