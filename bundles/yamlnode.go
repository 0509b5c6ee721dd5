package bundles

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/gsl-lang/gsl/internal/jsontext"
)

// yamlFile is a parsed YAML file with the helpers the bundle and fixture
// readers share: positions, errors, typed field access.
type yamlFile struct {
	name  string
	lines []string   // the source lines, without line ends
	src   *fileLines // lines, shared by the rules' valueSources
	body  ast.Node   // the single document's root node
	errs  ErrorList

	jsonSize int  // bytes of JSON that toJSON produced for earlier documents
	tooLarge bool // toJSON went past maxJSONBytes
}

// maxJSONBytes bounds the JSON that the documents of one file convert to.
// Aliases repeat what their anchor holds, so a small file can stand for an
// exponentially large document (the "billion laughs"); this stops it. It
// is a variable for the tests.
var maxJSONBytes = 64 << 20

// yamlLines splits a YAML file (without its byte order mark) into lines
// without line ends, as positions in it are counted.
func yamlLines(data []byte) []string {
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}

// srcLines returns f's lines for the valueSources of its rules.
func (f *yamlFile) srcLines() *fileLines {
	if f.src == nil {
		f.src = splitLines(f.lines)
	}
	return f.src
}

// parseYAML parses data as a single YAML document. The error is an
// ErrorList with the syntax error's position.

func parseYAML(data []byte, name string) (*yamlFile, error) {
	// A byte order mark may open a YAML stream; it is not content, and an
	// editor shows none, so positions are counted without it.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	f := &yamlFile{name: name, lines: yamlLines(data)}
	if !utf8.Valid(data) {
		return nil, ErrorList{{File: name, Line: 1, Column: 1, Msg: "file is not valid UTF-8"}}
	}
	tokens := lexer.Tokenize(string(data))
	if tk := tooDeep(tokens); tk != nil {
		return nil, ErrorList{{File: name, Line: tk.Position.Line, Column: tk.Position.Column,
			Msg: fmt.Sprintf("YAML: nested more than %d levels deep", maxYAMLDepth)}}
	}
	file, err := parser.Parse(tokens, 0)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
			p := ye.GetToken().Position
			return nil, ErrorList{{File: name, Line: p.Line, Column: p.Column, Msg: "YAML: " + ye.GetMessage()}}
		}
		return nil, ErrorList{{File: name, Line: 1, Column: 1, Msg: "YAML: " + err.Error()}}
	}
	var docs []ast.Node
	for _, d := range file.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d.Body)
		}
	}
	switch len(docs) {
	case 0:
		return nil, ErrorList{{File: name, Line: 1, Column: 1, Msg: "file is empty"}}
	case 1:
	default:
		l, c := pos(docs[1])
		return nil, ErrorList{{File: name, Line: l, Column: c, Msg: "a file holds one YAML document; found another"}}
	}
	f.body = docs[0]
	return f, nil
}

// maxYAMLDepth bounds how deeply a YAML file may nest collections. The YAML
// parser takes time quadratic in the depth (100,000 "[" took over a
// minute), so deeper files are rejected before it runs.
const maxYAMLDepth = 1000

// tooDeep returns the first token that opens a collection nested deeper
// than maxYAMLDepth, or nil. A flow collection's depth is counted with its
// brackets; a block collection nests by indentation or by "- " entries on
// one line, so each of its levels is at least one column to the right of
// the one holding it: a block entry ("-", "?") or mapping key that starts
// past column maxYAMLDepth may be that deep and is rejected.
func tooDeep(tokens token.Tokens) *token.Token {
	flow := 0
	for i, tk := range tokens {
		if tk.Position == nil {
			continue
		}
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			if flow++; flow > maxYAMLDepth {
				return tk
			}
		case token.SequenceEndType, token.MappingEndType:
			flow = max(0, flow-1)
		case token.SequenceEntryType, token.MappingKeyType:
			if flow == 0 && tk.Position.Column > maxYAMLDepth {
				return tk
			}
		case token.MappingValueType:
			if key := tokens[max(0, i-1)]; flow == 0 && key.Position != nil && key.Position.Column > maxYAMLDepth {
				return key
			}
		}
	}
	return nil
}

// pos returns the 1-based line and column where n starts. For a mapping it
// is the first key, not the first ":".
func pos(n ast.Node) (int, int) {
	switch v := n.(type) {
	case nil:
		return 0, 0
	case *ast.MappingNode:
		if len(v.Values) > 0 {
			return pos(v.Values[0])
		}
	case *ast.MappingValueNode:
		return pos(v.Key)
	case *ast.LiteralNode:
		return tokPos(v.Start)
	case *ast.TagNode:
		return tokPos(v.Start)
	case *ast.AnchorNode:
		return tokPos(v.Start)
	case *ast.AliasNode:
		return tokPos(v.Start)
	}
	return tokPos(n.GetToken())
}

func tokPos(t *token.Token) (int, int) {
	if t == nil || t.Position == nil {
		return 0, 0
	}
	return t.Position.Line, t.Position.Column
}

// errorf records a problem at n (or at line 1 when n is nil).
func (f *yamlFile) errorf(n ast.Node, format string, args ...any) {
	l, c := pos(n)
	if l == 0 {
		l, c = 1, 1
	}
	f.errs = append(f.errs, &Error{File: f.name, Line: l, Column: c, Msg: fmt.Sprintf(format, args...)})
}

// field is one key of a mapping, with its nodes.
type field struct {
	name string
	key  ast.Node
	val  ast.Node
}

// mapping returns the fields of a mapping node, in order, reporting
// duplicate keys and non-scalar keys. It reports what when n is not a
// mapping and returns ok false.
func (f *yamlFile) mapping(n ast.Node, what string) ([]field, bool) {
	var pairs []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		pairs = v.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{v}
	default:
		f.errorf(n, "%s must be a mapping, not %s", what, kindOf(n))
		return nil, false
	}
	seen := map[string]bool{}
	out := make([]field, 0, len(pairs))
	for _, p := range pairs {
		if _, ok := p.Key.(*ast.MergeKeyNode); ok {
			f.errorf(p.Key, "merge keys (<<) are not supported")
			continue
		}
		var name string
		switch k := p.Key.(type) {
		case *ast.StringNode:
			name = k.Value
		case ast.ScalarNode:
			name = k.GetToken().Value
		default:
			f.errorf(p.Key, "%s: keys must be plain scalars", what)
			continue
		}
		if seen[name] {
			f.errorf(p.Key, "duplicate key %q", name)
			continue
		}
		seen[name] = true
		out = append(out, field{name: name, key: p.Key, val: p.Value})
	}
	return out, true
}

// kindOf names the YAML kind of n for messages.
func kindOf(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.AnchorNode, *ast.AliasNode:
		return "an anchor or alias"
	case *ast.TagNode:
		return "a tagged value"
	}
	return "an unsupported value"
}

// str reads a scalar as text: strings as their value, numbers and booleans
// as written (so `version: 1.0.0` and `id: 42` read naturally). It reports
// mappings, lists and nulls.
func (f *yamlFile) str(n ast.Node, what string) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return v.GetToken().Value, true
	}
	f.errorf(n, "%s must be a string, not %s", what, kindOf(n))
	return "", false
}

// seq returns the elements of a list node.
func (f *yamlFile) seq(n ast.Node, what string) ([]ast.Node, bool) {
	if s, ok := n.(*ast.SequenceNode); ok {
		return s.Values, true
	}
	f.errorf(n, "%s must be a list, not %s", what, kindOf(n))
	return nil, false
}

// valueStart returns where the text of a string value starts in the file:
// after the opening quote of a quoted scalar, and on the first non-blank
// content line of a block scalar (| or >).
func (f *yamlFile) valueStart(n ast.Node) (int, int) {
	switch v := n.(type) {
	case *ast.StringNode:
		l, c := tokPos(v.Token)
		if v.Token != nil && (v.Token.Type == token.SingleQuoteType || v.Token.Type == token.DoubleQuoteType) {
			c++
		}
		return l, c
	case *ast.LiteralNode:
		l, _ := tokPos(v.Start)
		for i := l; i < len(f.lines); i++ { // f.lines[i] is file line i+1
			line := f.lines[i]
			if strings.TrimSpace(line) == "" {
				continue
			}
			indent := len(line) - len(strings.TrimLeft(line, " \t"))
			return i + 1, utf8.RuneCountInString(line[:indent]) + 1
		}
		return l, 1
	}
	return pos(n)
}

// jsonNumber matches the JSON number syntax.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// toJSON converts a YAML node to JSON text, keeping mapping key order and
// the spelling of numbers (so 64-bit and larger integers and trailing zeros
// survive). anchors holds the anchors seen so far, for aliases. Past
// maxJSONBytes it stops and sets f.tooLarge.
func (f *yamlFile) toJSON(b []byte, n ast.Node, anchors map[string]ast.Node, depth int) []byte {
	if f.tooLarge {
		return b
	}
	if f.jsonSize+len(b) > maxJSONBytes {
		f.tooLarge = true // the caller reports it
		return b
	}
	if depth > 200 {
		f.errorf(n, "document nested too deeply")
		return append(b, "null"...)
	}
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return append(b, "null"...)
	case *ast.MappingNode, *ast.MappingValueNode:
		fields, _ := f.mapping(n, "document")
		b = append(b, '{')
		for i, fl := range fields {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, fl.name)
			b = append(b, ':')
			b = f.toJSON(b, fl.val, anchors, depth+1)
		}
		return append(b, '}')
	case *ast.SequenceNode:
		b = append(b, '[')
		for i, e := range v.Values {
			if i > 0 {
				b = append(b, ',')
			}
			b = f.toJSON(b, e, anchors, depth+1)
		}
		return append(b, ']')
	case *ast.StringNode:
		if v.Token != nil && v.Token.Type == token.StringType && jsonNumber.MatchString(v.Value) {
			// A plain scalar too large for a 64-bit integer, or 1e3:
			// YAML reads it as a number, so JSON gets the number as written.
			return append(b, v.Value...)
		}
		return jsontext.AppendString(b, v.Value)
	case *ast.LiteralNode:
		return jsontext.AppendString(b, v.Value.Value)
	case *ast.BoolNode:
		return strconv.AppendBool(b, v.Value)
	case *ast.IntegerNode:
		text := v.Token.Value
		if jsonNumber.MatchString(text) {
			return append(b, text...)
		}
		switch x := v.Value.(type) {
		case int64:
			return strconv.AppendInt(b, x, 10)
		case uint64:
			return strconv.AppendUint(b, x, 10)
		}
		f.errorf(n, "unsupported number %q", text)
		return append(b, "null"...)
	case *ast.FloatNode:
		text := v.Token.Value
		if jsonNumber.MatchString(text) {
			return append(b, text...)
		}
		if t := strings.TrimPrefix(text, "+"); jsonNumber.MatchString(t) {
			return append(b, t...)
		}
		return strconv.AppendFloat(b, v.Value, 'g', -1, 64)
	case *ast.InfinityNode, *ast.NanNode:
		f.errorf(n, "%s is not a JSON number", v.GetToken().Value)
		return append(b, "null"...)
	case *ast.AnchorNode:
		name := v.Name.GetToken().Value
		anchors[name] = v.Value
		return f.toJSON(b, v.Value, anchors, depth+1)
	case *ast.AliasNode:
		name := v.Value.GetToken().Value
		target, ok := anchors[name]
		if !ok {
			f.errorf(n, "unknown alias *%s", name)
			return append(b, "null"...)
		}
		return f.toJSON(b, target, anchors, depth+1)
	case *ast.TagNode:
		if v.Start.Value == "!!str" {
			if s, ok := v.Value.(ast.ScalarNode); ok {
				return jsontext.AppendString(b, s.GetToken().Value)
			}
		}
		f.errorf(n, "YAML tag %s is not supported in documents", v.Start.Value)
		return append(b, "null"...)
	}
	f.errorf(n, "unsupported YAML value (%s)", kindOf(n))
	return append(b, "null"...)
}
