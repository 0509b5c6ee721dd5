package bundles

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gsl-lang/gsl/internal/firstjson"
)

// DocProblem is a place where a document departs from the schema.
type DocProblem struct {
	Path string // JSON path, e.g. "volumes[1].encrypted"
	Msg  string
}

// String formats the problem as "path: msg".
func (p DocProblem) String() string { return p.Path + ": " + p.Msg }

// CheckDocument compares one JSON document with the schema of its type:
// properties the schema does not list (outside open subtrees) and values of
// the wrong JSON type are reported. null is accepted anywhere, and so is a
// single element for an array marked single (IAM policy Statement). A document of
// a type the schema does not know gets one problem at path "type". A
// member repeated in an object is reported; as in rules, the first counts.
// A document nested deeper than 10000 levels is reported as invalid JSON.
func (s *Schema) CheckDocument(doc []byte) []DocProblem {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var out []DocProblem
	v, err := firstjson.Decode(dec, func(path string) {
		out = append(out, DocProblem{Path: path, Msg: "repeated member: rules read the first one"})
	})
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("data after the document")
		}
	}
	if err != nil {
		return []DocProblem{{Path: "", Msg: "invalid JSON: " + err.Error()}}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []DocProblem{{Path: "", Msg: "a document must be a JSON object"}}
	}
	typ, _ := obj["type"].(string)
	t := s.Type(typ)
	if t == nil {
		return []DocProblem{{Path: "type", Msg: fmt.Sprintf("entity type %q is not in the schema%s", typ, suggest(typ, s.typeNames))}}
	}
	s.checkValue(v, t.Node, "", &out)
	return out
}

func (s *Schema) checkValue(v any, n *Node, path string, out *[]DocProblem) {
	n = s.Resolve(n)
	if v == nil || n == nil || n.Kind == KindAny {
		return
	}
	bad := func(got string) {
		*out = append(*out, DocProblem{Path: path, Msg: fmt.Sprintf("want %s, got %s", typeLabel(n, func(r string) string { return r }), got)})
	}
	if _, isArray := v.([]any); n.Kind == KindArray && n.Single && !isArray {
		// Array operators read a single value as a one-element list (IAM
		// policies may give Statement as one object).
		s.checkValue(v, n.Items, path, out)
		return
	}
	switch x := v.(type) {
	case map[string]any:
		if n.Kind != KindObject {
			bad("an object")
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			child := n.Properties[k]
			if child == nil {
				if !s.IsOpen(n) {
					*out = append(*out, DocProblem{Path: p, Msg: "not in the schema" + suggest(k, n.Names)})
				}
				continue
			}
			s.checkValue(x[k], child, p, out)
		}
	case []any:
		if n.Kind != KindArray {
			bad("an array")
			return
		}
		for i, e := range x {
			s.checkValue(e, n.Items, fmt.Sprintf("%s[%d]", path, i), out)
		}
	case string:
		if n.Kind != KindString {
			bad(fmt.Sprintf("the string %q", x))
		}
	case json.Number:
		if n.Kind != KindNumber {
			bad("the number " + x.String())
		} else if n.Format == "integer" && strings.ContainsAny(x.String(), ".eE") {
			bad("the non-integer " + x.String())
		}
	case bool:
		if n.Kind != KindBoolean {
			bad(fmt.Sprint(x))
		}
	}
}
