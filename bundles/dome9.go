package bundles

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/internal/jsontext"
)

// ParseDome9 reads a Dome9 / CloudGuard ruleset export:
//
//	{"name": ..., "description": ..., "rules": [{"name", "ruleId", "logic",
//	  "severity", "description", "remediation", "complianceTag", ...}, ...]}
//
// or a JSON array holding exactly one such ruleset. Fields this package does
// not use (id, cloudVendor, category, logicHash, ...) are ignored. A rule's
// id is its ruleId, else its name (a repeated id gets a "#2", "#3" suffix).
// Severities may be in any case. The complianceTag is read as written by
// Dome9JSON ("Framework: id, id; Framework: id"); a tag in another form is
// kept under the framework "" (so "Dome9 NetSec" survives a round trip).
func ParseDome9(data []byte) (*Bundle, error) { return parseDome9(data, "ruleset.json") }

// jsonDoc is a JSON file with offset-to-position conversion.
type jsonDoc struct {
	name string
	data []byte
	errs ErrorList
	// lines holds the file's lines, shared by the rules' valueSources.
	lines *fileLines
	// at, line and col are the last offset converted by lineCol and its
	// position: the rules are read in file order, so each conversion
	// counts only the bytes since the previous one.
	at, line, col int
}

func (d *jsonDoc) errorf(off int, format string, args ...any) {
	l, c := d.lineCol(off)
	d.errs = append(d.errs, &Error{File: d.name, Line: l, Column: c, Msg: fmt.Sprintf(format, args...)})
}

// lineCol is lineCol(d.data, off), counting from the previous offset
// converted when off is not before it.
func (d *jsonDoc) lineCol(off int) (int, int) {
	off = max(0, min(off, len(d.data)))
	if d.line == 0 || off < d.at {
		d.at, d.line, d.col = 0, 1, 1
	}
	if off < len(d.data) && !utf8.RuneStart(d.data[off]) {
		return lineCol(d.data, off) // not a place to resume counting from
	}
	seg := d.data[d.at:off]
	if i := bytes.LastIndexByte(seg, '\n'); i >= 0 {
		d.line += bytes.Count(seg, []byte{'\n'})
		d.col = 1
		seg = seg[i+1:]
	}
	d.col += utf8.RuneCount(seg)
	d.at = off
	return d.line, d.col
}

// srcLines returns the lines of the file.
func (d *jsonDoc) srcLines() *fileLines {
	if d.lines == nil {
		d.lines = splitLines(strings.Split(string(d.data), "\n"))
	}
	return d.lines
}

// lineCol converts a byte offset to a 1-based line and rune column.
func lineCol(data []byte, off int) (int, int) {
	off = max(0, min(off, len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// jsonMember is a key (or array index) of a JSON value with its raw value
// and the offset where the value starts.
type jsonMember struct {
	key string
	raw json.RawMessage
	off int
}

// members splits the object or array that starts at data[off:] into its
// members. want is '{' or '['.
func (d *jsonDoc) members(off int, want json.Delim, what string) ([]jsonMember, bool) {
	dec := json.NewDecoder(bytes.NewReader(d.data[off:]))
	tok, err := dec.Token()
	if err != nil {
		d.jsonError(off, err)
		return nil, false
	}
	if tok != want {
		kind := "an object"
		if want == '[' {
			kind = "an array"
		}
		d.errorf(off, "%s must be %s", what, kind)
		return nil, false
	}
	var out []jsonMember
	for i := 0; dec.More(); i++ {
		key := strconv.Itoa(i)
		if want == '{' {
			t, err := dec.Token()
			if err != nil {
				d.jsonError(off, err)
				return nil, false
			}
			key, _ = t.(string)
		}
		start := d.skip(off + int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			d.jsonError(off, err)
			return nil, false
		}
		out = append(out, jsonMember{key: key, raw: raw, off: start})
	}
	if _, err := dec.Token(); err != nil {
		d.jsonError(off, err)
		return nil, false
	}
	return out, true
}

// skip returns the offset of the first byte at or after at that is not
// white space, ':' or ','.
func (d *jsonDoc) skip(at int) int {
	for at < len(d.data) && strings.IndexByte(" \t\r\n:,", d.data[at]) >= 0 {
		at++
	}
	return at
}

func (d *jsonDoc) jsonError(base int, err error) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := base + int(se.Offset) // just past the fault, or the end of the input
		if off < len(d.data) {
			off = max(base, off-1)
		}
		d.errorf(off, "JSON: %s", se.Error())
		return
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		d.errorf(len(d.data), "JSON: unexpected end of file")
		return
	}
	d.errorf(base, "JSON: %s", err.Error())
}

// str decodes a member that must be a JSON string (null reads as "").
func (d *jsonDoc) str(m jsonMember, what string) string {
	var s *string
	if err := json.Unmarshal(m.raw, &s); err != nil {
		d.errorf(m.off, "%s must be a string", what)
		return ""
	}
	if s == nil {
		return ""
	}
	return *s
}

func parseDome9(data []byte, file string) (*Bundle, error) {
	// A byte order mark is not JSON; positions are counted without it, as
	// an editor shows the file.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	d := &jsonDoc{name: file, data: data}
	if !utf8.Valid(data) {
		return nil, ErrorList{{File: file, Line: 1, Column: 1, Msg: "file is not valid UTF-8"}}
	}
	start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
	if !jsontext.ValidBytes(data) {
		var v any
		err := json.Unmarshal(data, &v)
		d.jsonError(0, err)
		return nil, d.errs
	}
	if start < len(data) && data[start] == '[' {
		sets, ok := d.members(start, '[', "the file")
		if !ok {
			return nil, d.errs
		}
		if len(sets) != 1 {
			d.errorf(start, "the file holds %d rulesets; want one", len(sets))
			return nil, d.errs
		}
		start = sets[0].off
	}
	fields, ok := d.members(start, '{', "a ruleset")
	if !ok {
		return nil, d.errs
	}
	b := &Bundle{Source: file}
	var rules *jsonMember
	badName := false
	for i, m := range fields {
		switch m.key {
		case "name":
			n := len(d.errs)
			b.Name = strings.TrimSpace(d.str(m, "name"))
			badName = len(d.errs) > n
		case "description":
			b.Description = d.str(m, "description")
		case "version":
			var s string
			if json.Unmarshal(m.raw, &s) == nil && semver.MatchString(s) {
				b.Version = s
			}
		case "rules":
			rules = &fields[i]
		}
	}
	if b.Name == "" && !badName {
		d.errorf(start, "ruleset has no name")
	}
	b.ID = slug(b.Name)
	if rules == nil {
		d.errorf(start, "ruleset has no rules")
		return nil, d.errs
	}
	items, ok := d.members(rules.off, '[', "rules")
	if !ok {
		return nil, d.errs
	}
	ids := map[string]int{}
	for _, it := range items {
		r, ok := d.rule(it)
		if !ok {
			continue
		}
		base := r.ID
		for n := 2; ids[r.ID] > 0; n++ {
			r.ID = fmt.Sprintf("%s#%d", base, n)
		}
		ids[r.ID]++
		b.Rules = append(b.Rules, r)
	}
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return b, nil
}

// rule reads one Dome9 rule object.
func (d *jsonDoc) rule(it jsonMember) (Rule, bool) {
	var r Rule
	r.Line, r.Column = d.lineCol(it.off)
	fields, ok := d.members(it.off, '{', "a rule")
	if !ok {
		return r, false
	}
	before := len(d.errs)
	var ruleID string
	sevOff := -1
	var sev string
	// bad notes the members that are not strings, already reported, so
	// that they are not reported again as missing.
	bad := map[string]bool{}
	str := func(m jsonMember) string {
		n := len(d.errs)
		s := d.str(m, m.key)
		bad[m.key] = len(d.errs) > n
		return s
	}
	for _, m := range fields {
		switch m.key {
		case "name":
			r.Name = strings.TrimSpace(str(m))
		case "ruleId":
			ruleID = strings.TrimSpace(str(m))
		case "logic":
			raw := str(m)
			r.Logic = strings.TrimSpace(raw)
			if r.Logic != "" && len(m.raw) > 0 && m.raw[0] == '"' {
				l, c := d.lineCol(m.off + 1)
				vs := &valueSource{lines: d.srcLines(), line: l, col: c, escapes: true}
				if lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n")); lead > 0 {
					vs.line, vs.col = vs.locate(raw, lead)
				}
				r.src = vs
				r.LogicLine, r.LogicColumn = vs.line, vs.col
			}
		case "severity":
			sev, sevOff = str(m), m.off
		case "description":
			r.Description = str(m)
		case "remediation":
			r.Remediation = str(m)
		case "complianceTag":
			r.Compliance = parseComplianceTag(str(m))
		}
	}
	r.ID = ruleID
	if r.ID == "" {
		r.ID = r.Name
	}
	switch {
	case r.Name == "" && ruleID == "":
		if !bad["name"] && !bad["ruleId"] {
			d.errorf(it.off, "rule has no name")
		}
	case r.Logic == "" && !bad["logic"]:
		d.errorf(it.off, "rule %q has no logic", r.ID)
	}
	if r.Severity = normSeverity(sev); r.Severity == "" && !bad["severity"] {
		if sevOff < 0 {
			d.errorf(it.off, "rule %q has no severity", r.ID)
		} else {
			d.errorf(sevOff, "severity %q: want one of %s (any case)", sev, strings.Join(severities, ", "))
		}
	}
	return r, len(d.errs) == before
}

// Dome9JSON renders the bundle as a Dome9 / CloudGuard ruleset: name,
// description and rules with name, ruleId, logic, severity, description,
// remediation and complianceTag (see ParseDome9 for the tag format).
func (b *Bundle) Dome9JSON() ([]byte, error) {
	type d9Rule struct {
		Name          string `json:"name"`
		RuleID        string `json:"ruleId"`
		Logic         string `json:"logic"`
		Severity      string `json:"severity"`
		Description   string `json:"description"`
		Remediation   string `json:"remediation"`
		ComplianceTag string `json:"complianceTag"`
	}
	type d9Set struct {
		Name        string   `json:"name"`
		Description string   `json:"description"`
		CloudVendor string   `json:"cloudVendor"`
		Rules       []d9Rule `json:"rules"`
	}
	set := d9Set{Name: b.Name, Description: b.Description, CloudVendor: "aws", Rules: []d9Rule{}}
	for _, r := range b.Rules {
		set.Rules = append(set.Rules, d9Rule{
			Name: r.Name, RuleID: r.ID, Logic: r.Logic, Severity: r.Severity,
			Description: r.Description, Remediation: r.Remediation,
			ComplianceTag: complianceTag(r.Compliance),
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// complianceTag renders compliance mappings as one string:
// "Framework: id, id; Framework: id", frameworks sorted.
func complianceTag(m map[string][]string) string {
	var parts []string
	for _, fw := range sortedKeys(m) {
		ids := strings.Join(m[fw], ", ")
		if fw == "" {
			parts = append(parts, ids)
		} else {
			parts = append(parts, fw+": "+ids)
		}
	}
	return strings.Join(parts, "; ")
}

// parseComplianceTag inverts complianceTag.
func parseComplianceTag(tag string) map[string][]string {
	if strings.TrimSpace(tag) == "" {
		return nil
	}
	out := map[string][]string{}
	for _, part := range strings.Split(tag, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fw, ids, found := strings.Cut(part, ": ")
		if !found {
			fw, ids = "", part
		}
		fw = strings.TrimSpace(fw)
		for _, id := range strings.Split(ids, ",") {
			if id = strings.TrimSpace(id); id != "" {
				out[fw] = append(out[fw], id)
			}
		}
	}
	return out
}

// slug turns a ruleset name into a bundle id.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "dome9-ruleset"
	}
	return b.String()
}
