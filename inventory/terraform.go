package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	tfjson "github.com/hashicorp/terraform-json"
)

// MaxTerraformSize bounds the size of a Terraform plan or state document
// ReadTerraform accepts; a larger one is an error, not an exhausted memory.
const MaxTerraformSize = 256 << 20

// ReadTerraform reads the output of `terraform show -json`: a plan (format
// versions 0.1 to 1.x) or a state, and emits one Entity per resource the
// plan creates, updates, replaces or leaves unchanged (resources being only
// deleted, and data sources, are not deployed resources and are not
// emitted), of every module and every count or for_each instance:
//   - resources of the types the entity model has become entity documents
//     whose id and Origin.Resource are the Terraform address;
//   - Terraform's split resources (aws_s3_bucket_*, security group rules,
//     policy attachments, aws_iam_account_password_policy ...) are merged
//     into their parent's document and not emitted on their own; a child
//     whose parent is not in the input is an error record;
//   - other resources are emitted with NotModelled set to their type.
//
// Values known only after apply are left out of the documents and listed
// under source.unknown (see UnknownKey). input names the input in Origins
// and errors. An input that is not Terraform JSON at all is an error
// returned, with its line and column when the JSON is malformed.
func ReadTerraform(r io.Reader, input string, emit func(Entity) error) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxTerraformSize+1))
	if err != nil {
		return fmt.Errorf("%s: %w", input, err)
	}
	if len(data) > MaxTerraformSize {
		return fmt.Errorf("%s: Terraform JSON larger than %d bytes", input, MaxTerraformSize)
	}
	data, err = decodeBOM(data)
	if err != nil {
		return fmt.Errorf("%s: %w", input, err)
	}
	res, err := terraformResources(data, input)
	if err != nil {
		return err
	}
	return convert(res, terraformTypes, emit)
}

// isTerraformJSON reports whether head, the first bytes of an input, look
// like `terraform show -json` output (a plan or a state) or a raw state
// file: a JSON object naming a format_version or terraform_version. A
// UTF-16 or UTF-8 byte-order mark (PowerShell's redirection writes one) is
// allowed.
func isTerraformJSON(head []byte) bool {
	if h, err := decodeBOM(head); err == nil {
		head = h
	} else if len(head) > 2 && (head[0] == 0xff || head[0] == 0xfe) {
		// A UTF-16 prefix cut in the middle of a character.
		h, _ := decodeBOM(head[:len(head)&^1])
		head = h
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	return bytes.Contains(t, []byte(`"format_version"`)) || bytes.Contains(t, []byte(`"terraform_version"`))
}

// decodeBOM removes a UTF-8 byte-order mark and decodes UTF-16 text that
// starts with one (Windows PowerShell writes `terraform show -json >
// plan.json` as UTF-16).
func decodeBOM(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return b[3:], nil
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		le := b[0] == 0xff
		b = b[2:]
		if len(b)%2 != 0 {
			return nil, errors.New("UTF-16 text with an odd number of bytes")
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			if le {
				u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			} else {
				u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			}
		}
		return []byte(string(utf16.Decode(u))), nil
	}
	return b, nil
}

// tfProbe tells plans, `show -json` states and raw state files apart.
type tfProbe struct {
	FormatVersion   string          `json:"format_version"`
	Version         json.RawMessage `json:"version"`
	Lineage         string          `json:"lineage"`
	ResourceChanges json.RawMessage `json:"resource_changes"`
	PlannedValues   json.RawMessage `json:"planned_values"`
	Values          json.RawMessage `json:"values"`
}

// terraformResources decodes a plan or a state into the resources to map.
func terraformResources(data []byte, input string) ([]*iacResource, error) {
	var probe tfProbe
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, jsonError(data, input, err)
	}
	switch {
	case probe.FormatVersion == "" && probe.Lineage != "":
		return nil, fmt.Errorf("%s: a raw Terraform state file (version %s); convert it with `terraform show -json` first", input, probe.Version)
	case probe.FormatVersion == "":
		return nil, fmt.Errorf("%s: not Terraform JSON: no format_version (expected the output of `terraform show -json`)", input)
	case probe.ResourceChanges != nil || probe.PlannedValues != nil:
		var p tfjson.Plan
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("%s: Terraform plan: %w", input, err)
		}
		return planResources(&p, input), nil
	default:
		var s tfjson.State
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, fmt.Errorf("%s: Terraform state: %w", input, err)
		}
		var res []*iacResource
		if s.Values != nil {
			res = stateResources(s.Values.RootModule, input, "terraform-state", tfConfigIndex{})
		}
		return res, nil
	}
}

// jsonError turns a JSON syntax error into one naming the line and column.
func jsonError(data []byte, input string, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, int(se.Offset)-1) // Offset is just past the bad byte
		return fmt.Errorf("%s:%d:%d: invalid JSON: %v", input, line, col, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line, col := lineCol(data, int(te.Offset)-1)
		return fmt.Errorf("%s:%d:%d: not Terraform JSON: %v", input, line, col, err)
	}
	return fmt.Errorf("%s: invalid JSON: %v", input, err)
}

func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// planResources lists the managed resources a plan deploys, with their
// planned values and, where after_unknown marks a value, an unknownVal
// carrying the configuration's references for it.
func planResources(p *tfjson.Plan, input string) []*iacResource {
	cfg := newTFConfigIndex(p.Config)
	var res []*iacResource
	if len(p.ResourceChanges) == 0 && p.PlannedValues != nil {
		return stateResources(p.PlannedValues.RootModule, input, "terraform-plan", cfg)
	}
	for i, rc := range p.ResourceChanges {
		if rc == nil || rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil || rc.DeposedKey != "" {
			continue
		}
		a := rc.Change.Actions
		if a.Delete() || a.Read() {
			continue
		}
		after, _ := rc.Change.After.(map[string]any)
		if after == nil {
			after = map[string]any{}
		}
		r := &iacResource{
			addr:   rc.Address,
			typ:    rc.Type,
			create: a.Create() || a.Replace(),
			origin: Origin{Input: input, Index: i, Resource: rc.Address},
			format: "terraform-plan",
		}
		exprs := cfg.lookup(rc.Address)
		r.links = cfg.links(rc.Address)
		merged := mergeUnknown(after, rc.Change.AfterUnknown, func(path []string) []string {
			return exprRefs(exprs, path)
		}, nil)
		r.vals, _ = merged.(map[string]any)
		if r.vals == nil {
			r.vals = map[string]any{}
		}
		res = append(res, r)
	}
	return res
}

// stateResources lists the managed resources of a state module tree (a
// state's values, or a plan's planned_values when it has no
// resource_changes).
func stateResources(m *tfjson.StateModule, input, format string, cfg tfConfigIndex) []*iacResource {
	var res []*iacResource
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, sr := range m.Resources {
			if sr == nil || sr.Mode != tfjson.ManagedResourceMode {
				continue
			}
			vals := sr.AttributeValues
			if vals == nil {
				vals = map[string]any{}
			}
			r := &iacResource{
				addr:   sr.Address,
				typ:    sr.Type,
				vals:   vals,
				origin: Origin{Input: input, Index: -1, Resource: sr.Address},
				format: format,
			}
			r.links = cfg.links(sr.Address)
			res = append(res, r)
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(m)
	return res
}

// mergeUnknown puts unknownVal markers into after wherever unk (a plan's
// after_unknown) is true. refs gives the configuration references of the
// attribute at a path.
func mergeUnknown(after, unk any, refs func([]string) []string, path []string) any {
	switch u := unk.(type) {
	case bool:
		if u {
			r := refs(path)
			return unknownVal{refs: r, placeholder: tfPlaceholder(r)}
		}
		return after
	case map[string]any:
		m, _ := after.(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		for k, sub := range u {
			if v := mergeUnknown(m[k], sub, refs, append(path[:len(path):len(path)], k)); v != nil {
				m[k] = v
			}
		}
		return m
	case []any:
		l, _ := after.([]any)
		for i, sub := range u {
			for len(l) <= i {
				l = append(l, nil)
			}
			l[i] = mergeUnknown(l[i], sub, refs, append(path[:len(path):len(path)], strconv.Itoa(i)))
		}
		return l
	}
	return after
}

// tfPlaceholder returns the placeholder for an unknown value whose
// expression refers to exactly one attribute that identifies another
// resource (its arn, id, name ...), or "" for anything else (variables,
// locals, data sources, module outputs, several resources).
func tfPlaceholder(refs []string) string {
	best := ""
	res := ""
	for _, ref := range refs {
		k := stripKeys(ref)
		for _, p := range []string{"var.", "local.", "data.", "module.", "count.", "each.", "path.", "terraform.", "self."} {
			if strings.HasPrefix(k, p) {
				return ""
			}
		}
		parts := strings.Split(k, ".")
		if len(parts) < 2 {
			return ""
		}
		if r := parts[0] + "." + parts[1]; res == "" {
			res = r
		} else if res != r {
			return ""
		}
		if len(parts) == 3 && len(ref) > len(best) {
			best = ref
		}
	}
	if best == "" {
		return ""
	}
	switch best[strings.LastIndexByte(best, '.')+1:] {
	case "arn", "id", "key_id", "name", "bucket", "url", "unique_id":
		return "${" + best + "}"
	}
	return ""
}

// exprRefs returns the references of the configuration expression at
// path: an attribute, or an attribute of a nested block (logging.0.target_bucket).
func exprRefs(exprs map[string]*tfjson.Expression, path []string) []string {
	var e *tfjson.Expression
	blocks := []map[string]*tfjson.Expression{exprs}
	for i := 0; i < len(path); i++ {
		if len(blocks) == 0 {
			return nil
		}
		e = blocks[0][path[i]]
		if e == nil || e.ExpressionData == nil {
			return nil
		}
		if len(e.References) > 0 || i == len(path)-1 {
			return e.References
		}
		// A nested block: the next segment picks the block.
		blocks = e.NestedBlocks
		if i+1 < len(path) {
			if n, err := strconv.Atoi(path[i+1]); err == nil {
				if n >= len(blocks) {
					return nil
				}
				blocks = blocks[n:]
				i++
			}
		}
	}
	return nil
}

// tfConfigIndex is what the plan's configuration says about references:
// each resource's expressions by its configuration address (module path
// and resource, without instance keys: module.net.aws_subnet.private),
// and the references of module outputs and of module call arguments, so
// that a reference can be followed through modules to a resource.
type tfConfigIndex struct {
	res     map[string]map[string]*tfjson.Expression
	outputs map[string][]string // "module.a.module.b." + output -> references in module.a.module.b
	vars    map[string][]string // "module.a.module.b." + variable -> references in module.a
}

func newTFConfigIndex(c *tfjson.Config) tfConfigIndex {
	idx := tfConfigIndex{res: map[string]map[string]*tfjson.Expression{}, outputs: map[string][]string{}, vars: map[string][]string{}}
	if c == nil {
		return idx
	}
	var walk func(m *tfjson.ConfigModule, prefix string, depth int)
	walk = func(m *tfjson.ConfigModule, prefix string, depth int) {
		if m == nil || depth > maxModuleDepth {
			return
		}
		for _, r := range m.Resources {
			if r != nil {
				idx.res[prefix+r.Address] = r.Expressions
			}
		}
		for name, o := range m.Outputs {
			if o != nil && o.Expression != nil && o.Expression.ExpressionData != nil {
				idx.outputs[prefix+name] = o.Expression.References
			}
		}
		for name, call := range m.ModuleCalls {
			if call == nil {
				continue
			}
			sub := prefix + "module." + name + "."
			for v, e := range call.Expressions {
				if e != nil && e.ExpressionData != nil {
					idx.vars[sub+v] = e.References
				}
			}
			walk(call.Module, sub, depth+1)
		}
	}
	walk(c.RootModule, "", 0)
	return idx
}

// maxModuleDepth bounds module nesting and the references followed
// through module outputs and variables.
const maxModuleDepth = 64

// lookup finds the expressions of the resource instance at addr.
func (c tfConfigIndex) lookup(addr string) map[string]*tfjson.Expression {
	return c.res[stripKeys(addr)]
}

// links returns the links function of the resource at addr: the
// references of an attribute, made absolute and followed through module
// variables and outputs to the resources they name.
func (c tfConfigIndex) links(addr string) func(string) []string {
	exprs := c.lookup(addr)
	prefix := modulePrefix(addr)
	return func(attr string) []string {
		e := exprs[attr]
		if e == nil || e.ExpressionData == nil {
			return nil
		}
		var out []string
		c.resolve(prefix, e.References, 0, &out)
		return out
	}
}

// resolve appends to out the absolute addresses that refs, written in the
// module instance prefix ("" or "module.a[0]."), name.
func (c tfConfigIndex) resolve(prefix string, refs []string, depth int, out *[]string) {
	if depth > maxModuleDepth {
		return
	}
	mod := stripKeys(prefix)
	for _, ref := range refs {
		parts := strings.Split(stripKeys(ref), ".")
		switch {
		case parts[0] == "var" && len(parts) >= 2:
			// A module argument: follow it in the calling module.
			if up, ok := c.vars[mod+parts[1]]; ok && prefix != "" {
				c.resolve(parentModule(prefix), up, depth+1, out)
			}
		case parts[0] == "module" && len(parts) >= 3:
			// A module output: follow it inside the module. The module's
			// instance key is not in the reference; matching then falls
			// back on the addresses without keys.
			sub := mod + "module." + parts[1] + "."
			if down, ok := c.outputs[sub+parts[2]]; ok {
				c.resolve(prefix+"module."+parts[1]+".", down, depth+1, out)
			}
		case parts[0] == "local" || parts[0] == "data" || parts[0] == "count" || parts[0] == "each" || parts[0] == "path" || parts[0] == "terraform" || parts[0] == "self":
		default:
			*out = append(*out, prefix+ref)
		}
	}
}

// parentModule drops the last module of a module instance prefix:
// "module.a[0].module.b." becomes "module.a[0].".
func parentModule(prefix string) string {
	p := strings.TrimSuffix(prefix, ".")
	// modulePrefix treats the last two names as a resource address: the
	// last module call "module.b" (with its key) is exactly that.
	return modulePrefix(p)
}

// stripKeys removes the instance keys of an address: module.a["x"].b[0]
// becomes module.a.b. Keys are quoted strings or numbers in brackets.
func stripKeys(addr string) string {
	var sb strings.Builder
	outsideKeys(addr, func(i int) { sb.WriteByte(addr[i]) })
	return sb.String()
}

// modulePrefix returns the module instance part of a resource address,
// with its trailing dot ("module.a[0].module.b." or "").
func modulePrefix(addr string) string {
	// The resource part is the last two dot-separated names outside
	// brackets; everything before it is the module path.
	var dots []int
	outsideKeys(addr, func(i int) {
		if addr[i] == '.' {
			dots = append(dots, i)
		}
	})
	if len(dots) < 2 {
		return ""
	}
	return addr[:dots[len(dots)-2]+1]
}

// outsideKeys calls f with the index of each byte of addr that is not
// part of an instance key (brackets and what they hold, quoted strings
// with their escapes included).
func outsideKeys(addr string, f func(i int)) {
	depth, inStr := 0, false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth > 0 && c == '"':
			inStr = true
		case depth == 0:
			f(i)
		}
	}
}

// instanceKey returns the instance key of a resource address ("[0]",
// `["a"]`), or "".
func instanceKey(addr string) string {
	if !strings.HasSuffix(addr, "]") {
		return ""
	}
	mp := modulePrefix(addr)
	rest := addr[len(mp):]
	if i := strings.IndexByte(rest, '['); i >= 0 {
		return rest[i:]
	}
	return ""
}
