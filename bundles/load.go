package bundles

import (
	"regexp"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

var (
	bundleID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	ruleID   = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	semver   = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
)

// parseBundle reads and validates a YAML bundle. shipped adds the checks
// for bundles shipped in the module (compliance mappings are required).
func parseBundle(data []byte, file string, shipped bool) (*Bundle, error) {
	f, err := parseYAML(data, file)
	if err != nil {
		return nil, err
	}
	b := &Bundle{Source: file}
	fields, ok := f.mapping(f.body, "a bundle")
	if !ok {
		return nil, f.errs
	}
	seen := map[string]bool{}
	var rulesNode ast.Node
	for _, fl := range fields {
		seen[fl.name] = true
		switch fl.name {
		case "id":
			b.ID, _ = f.str(fl.val, "id")
			if b.ID != "" && !bundleID.MatchString(b.ID) {
				f.errorf(fl.val, "bundle id %q: use lower-case letters, digits and dashes", b.ID)
			}
		case "name":
			b.Name, _ = f.str(fl.val, "name")
			f.oneLine(fl.val, "name", b.Name)
		case "version":
			b.Version, _ = f.str(fl.val, "version")
			if b.Version != "" && !semver.MatchString(b.Version) {
				f.errorf(fl.val, "version %q is not a semantic version (like 1.0.0)", b.Version)
			}
		case "description":
			b.Description, _ = f.str(fl.val, "description")
		case "rules":
			rulesNode = fl.val
		default:
			f.errorf(fl.key, "unknown key %q in bundle (want id, name, version, description, rules)", fl.name)
		}
	}
	for _, k := range []string{"id", "name", "version", "description", "rules"} {
		if !seen[k] {
			f.errorf(f.body, "bundle has no %s", k)
		}
	}
	for _, fl := range fields {
		if (fl.name == "name" || fl.name == "description" || fl.name == "version" || fl.name == "id") && isBlankNode(fl.val) {
			f.errorf(fl.val, "%s is empty", fl.name)
		}
	}
	if rulesNode != nil {
		items, ok := f.seq(rulesNode, "rules")
		if ok && len(items) == 0 {
			f.errorf(rulesNode, "rules is empty")
		}
		ids := map[string]int{}
		for _, item := range items {
			r, ok := f.rule(item, shipped)
			if !ok {
				continue
			}
			if line, dup := ids[r.ID]; dup && r.ID != "" {
				f.errorf(item, "duplicate rule id %q (first at line %d)", r.ID, line)
				continue
			}
			ids[r.ID] = r.Line
			b.Rules = append(b.Rules, r)
		}
	}
	if len(f.errs) > 0 {
		return nil, f.errs
	}
	return b, nil
}

// rule reads one entry of rules.
func (f *yamlFile) rule(n ast.Node, shipped bool) (Rule, bool) {
	var r Rule
	r.Line, r.Column = pos(n)
	fields, ok := f.mapping(n, "a rule")
	if !ok {
		return r, false
	}
	before := len(f.errs)
	seen := map[string]bool{}
	for _, fl := range fields {
		seen[fl.name] = true
		switch fl.name {
		case "id":
			r.ID, _ = f.str(fl.val, "rule id")
			if r.ID != "" && !ruleID.MatchString(r.ID) {
				f.errorf(fl.val, "rule id %q: use letters, digits, '.', '_' and '-'", r.ID)
			}
		case "name":
			r.Name, _ = f.str(fl.val, "rule name")
			f.oneLine(fl.val, "rule name", r.Name)
		case "severity":
			s, _ := f.str(fl.val, "severity")
			if r.Severity = normSeverity(s); r.Severity == "" && s != "" {
				f.errorf(fl.val, "severity %q: want one of %s", s, strings.Join(severities, ", "))
			}
		case "logic":
			raw, ok := f.str(fl.val, "logic")
			if !ok {
				break
			}
			r.Logic = strings.TrimSpace(raw)
			if r.Logic != "" {
				r.src = f.logicSource(fl.val, raw)
				r.LogicLine, r.LogicColumn = r.src.line, r.src.col
			}
		case "description":
			r.Description, _ = f.str(fl.val, "description")
		case "remediation":
			r.Remediation, _ = f.str(fl.val, "remediation")
		case "compliance":
			r.Compliance = f.compliance(fl.val)
		default:
			f.errorf(fl.key, "unknown key %q in rule (want id, name, severity, logic, description, remediation, compliance)", fl.name)
		}
		if fl.name != "compliance" && seen[fl.name] && isBlankNode(fl.val) {
			f.errorf(fl.val, "%s is empty", fl.name)
		}
	}
	required := []string{"id", "name", "severity", "logic", "description", "remediation"}
	if shipped {
		required = append(required, "compliance")
	}
	what := "rule"
	if r.ID != "" {
		what = "rule " + r.ID
	}
	for _, k := range required {
		if !seen[k] {
			f.errorf(n, "%s has no %s", what, k)
		}
	}
	if shipped && seen["compliance"] && len(r.Compliance) == 0 {
		f.errorf(n, "%s: compliance maps no framework", what)
	}
	return r, len(f.errs) == before
}

// compliance reads `framework: [control ids]`.
func (f *yamlFile) compliance(n ast.Node) map[string][]string {
	fields, ok := f.mapping(n, "compliance")
	if !ok {
		return nil
	}
	out := map[string][]string{}
	for _, fl := range fields {
		if strings.TrimSpace(fl.name) == "" {
			f.errorf(fl.key, "empty framework name")
			continue
		}
		items, ok := f.seq(fl.val, "controls of "+fl.name)
		if !ok {
			continue
		}
		if len(items) == 0 {
			f.errorf(fl.val, "%s lists no controls", fl.name)
		}
		seen := map[string]bool{}
		ids := []string{}
		for _, it := range items {
			s, ok := f.str(it, "a control id")
			if !ok {
				continue
			}
			s = strings.TrimSpace(s)
			switch {
			case s == "":
				f.errorf(it, "empty control id")
			case strings.ContainsAny(s, ",;\n"):
				f.errorf(it, "control id %q holds ',', ';' or a line break", s)
			case seen[s]:
				f.errorf(it, "control %s listed twice", s)
			default:
				seen[s] = true
				ids = append(ids, s)
			}
		}
		if strings.ContainsAny(fl.name, ":;") {
			f.errorf(fl.key, "framework name %q holds ':' or ';'", fl.name)
		}
		out[fl.name] = ids
	}
	return out
}

// oneLine reports a value that spans lines.
func (f *yamlFile) oneLine(n ast.Node, what, s string) {
	if strings.ContainsAny(strings.TrimRight(s, "\n"), "\n\r") {
		f.errorf(n, "%s must be one line", what)
	}
}

// isBlankNode reports a null or a blank string.
func isBlankNode(n ast.Node) bool {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return true
	case *ast.StringNode:
		return strings.TrimSpace(v.Value) == ""
	case *ast.LiteralNode:
		return strings.TrimSpace(v.Value.Value) == ""
	}
	return false
}

// logicSource records where the text of a string value lies in the file.
func (f *yamlFile) logicSource(n ast.Node, raw string) *valueSource {
	line, col := f.valueStart(n)
	vs := &valueSource{lines: f.srcLines(), line: line, col: col}
	if s, ok := n.(*ast.StringNode); ok && s.Token != nil {
		vs.escapes = s.Token.Type == token.DoubleQuoteType
		vs.single = s.Token.Type == token.SingleQuoteType
	}
	// Point line/col at the first non-blank character of the value, which
	// is where the trimmed Logic starts.
	lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n"))
	if lead > 0 {
		vs.line, vs.col = vs.locate(raw, lead)
	}
	return vs
}
