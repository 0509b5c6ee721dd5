package report

// This file writes the SARIF 2.1.0 report for GitHub code scanning
// and other SARIF consumers. Each rule is a reportingDescriptor; each fail
// is a result located at the input file (with the document's line) and at
// the entity as a logical location. Rule errors and input errors are tool
// execution notifications.
//
// The report streams: the tool and its rules are written first, then each
// result on a line of its own as it comes, then the invocation (SARIF does
// not order an object's properties). Under a result limit (code scanning
// takes 25,000 results per run), the most severe results are held instead,
// at most the limit, and written at the end with a notification saying
// what was left out.

import (
	"bufio"
	"bytes"
	"container/heap"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/evidencejson"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/internal/textout"
)

const (
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	informationURI = "https://github.com/gsl-lang/gsl"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	ColumnKind  string            `json:"columnKind,omitempty"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     *sarifText     `json:"shortDescription,omitempty"`
	FullDescription      *sarifText     `json:"fullDescription,omitempty"`
	Help                 *sarifText     `json:"help,omitempty"`
	DefaultConfiguration *sarifConfig   `json:"defaultConfiguration,omitempty"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	BaselineState       string             `json:"baselineState,omitempty"`
	Properties          *sarifResultProps  `json:"properties,omitempty"`
}

// sarifResultProps are the properties of a result: the entity and the
// evidence of the failure.
type sarifResultProps struct {
	Entity     string                  `json:"entity"`
	EntityType string                  `json:"entityType,omitempty"`
	Evidence   []evidencejson.Evidence `json:"evidence,omitempty"`
}

// sarifSuppression is an exception that suppresses a result; code
// scanning dismisses a result with an accepted suppression.
type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Status        string         `json:"status,omitempty"`
	Justification string         `json:"justification,omitempty"`
	Location      *sarifLocation `json:"location,omitempty"`
	Properties    map[string]any `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level          string          `json:"level"`
	Message        sarifText       `json:"message"`
	Locations      []sarifLocation `json:"locations,omitempty"`
	Descriptor     *sarifReference `json:"descriptor,omitempty"`
	AssociatedRule *sarifReference `json:"associatedRule,omitempty"`
	Properties     map[string]any  `json:"properties,omitempty"`
}

type sarifReference struct {
	ID    string `json:"id"`
	Index *int   `json:"index,omitempty"`
}

// sarifLevel maps a rule severity to a SARIF level.
func sarifLevel(severity string) string {
	switch severity {
	case "Critical", "High":
		return "error"
	case "Medium":
		return "warning"
	}
	return "note"
}

// securitySeverity maps a rule severity to GitHub's 0.0-10.0 scale
// (critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9).
func securitySeverity(severity string) string {
	switch severity {
	case "Critical":
		return "9.5"
	case "High":
		return "8.0"
	case "Medium":
		return "5.5"
	case "Low":
		return "3.0"
	}
	return "0.0"
}

// sarifURI turns a file path into a relative URI reference, or a file URI
// for an absolute path, percent-encoding what a URI cannot hold as is
// (spaces, '#', '%', ...).
func sarifURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // Windows drive letter
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: strings.TrimPrefix(p, "./")}).String()
}

// maxSARIFNotes bounds the tool execution notifications of a report (one
// per input error or rule error); the rest are counted in a last one.
const maxSARIFNotes = 1000

// SARIFWriter writes a SARIF 2.1.0 log of one run.
type SARIFWriter struct {
	o       Options
	w       *bufio.Writer
	started bool
	n       int // results written (or held, under a limit)
	seq     int // results offered
	held    sarifHeap
	left    map[string]int // severity -> results left out by the limit
	notes   []sarifNotification
	more    map[string]int // descriptor -> notifications left out
	buf     []byte         // the rendered result, without a limit

	lastPath, lastURI string
	lines             *JSONRenderer // for its evidence writer
}

// NewSARIF returns a SARIFWriter to w.
func NewSARIF(w io.Writer, o Options) *SARIFWriter {
	o.out = w
	return &SARIFWriter{o: o, w: bufio.NewWriterSize(o.out, 64<<10), lines: newJSONLines(nil, &o)}
}

func (s *SARIFWriter) note(n sarifNotification) {
	if len(s.notes) >= maxSARIFNotes {
		if s.more == nil {
			s.more = map[string]int{}
		}
		s.more[n.Descriptor.ID]++
		return
	}
	s.notes = append(s.notes, n)
}

// Result writes (or, under a result limit, holds) the result of a
// failure; errors become notifications.
func (s *SARIFWriter) Result(r *Record) error {
	switch {
	case r.Rule == nil:
		s.note(sarifNotification{
			Level:      "error",
			Message:    sarifText{Text: r.Err},
			Locations:  s.locations(r),
			Descriptor: &sarifReference{ID: "input-error"},
		})
	case r.Status == eval.Error:
		idx := r.RuleIndex
		s.note(sarifNotification{
			Level:          "error",
			Message:        sarifText{Text: fmt.Sprintf("%s on %s: %s", r.Rule.ID, r.Entity, r.Err)},
			Locations:      s.locations(r),
			Descriptor:     &sarifReference{ID: "rule-error"},
			AssociatedRule: &sarifReference{ID: r.Rule.ID, Index: &idx},
		})
	case r.Status == eval.Fail:
		return s.fail(r)
	}
	return nil
}

// fail writes, or holds, the result of a failure.
func (s *SARIFWriter) fail(r *Record) error {
	rank := SeverityRank(r.Rule.Severity)
	s.seq++
	if s.o.SARIFMaxResults > 0 && s.held.Len() >= s.o.SARIFMaxResults {
		// Full: the new result replaces the least severe held one (the
		// latest of those), if it is more severe.
		worst := s.held.items[0]
		if rank <= worst.rank {
			s.leaveOut(r.Rule.Severity)
			return nil
		}
		s.leaveOut(worst.severity)
		heap.Pop(&s.held)
	}
	if s.o.SARIFMaxResults > 0 {
		heap.Push(&s.held, heldResult{rank: rank, seq: s.seq, severity: r.Rule.Severity, text: s.appendResult(nil, r)})
		return nil
	}
	s.buf = s.appendResult(s.buf[:0], r)
	return s.writeResult(s.buf)
}

func (s *SARIFWriter) leaveOut(severity string) {
	if s.left == nil {
		s.left = map[string]int{}
	}
	s.left[orDash(severity)]++
}

// writeResult writes one result of the results array.
func (s *SARIFWriter) writeResult(b []byte) error {
	if !s.started {
		if err := s.start(); err != nil {
			return err
		}
	}
	if s.n > 0 {
		s.w.WriteString(",\n        ")
	} else {
		s.w.WriteString("\n        ")
	}
	s.n++
	_, err := s.w.Write(b)
	return err
}

// sarifResult is the SARIF result of failure r as a value: what
// appendResult spells by hand, and the reference it is tested against.
func (s *SARIFWriter) sarifResult(r *Record) *sarifResult {
	msg := fmt.Sprintf("%s %s fails %s: %s", orDash(r.Type), r.Entity, r.Rule.ID, r.Rule.Name)
	if m := r.message(); m != "" && m != r.Rule.Name {
		msg += " (" + m + ")"
	}
	props := &sarifResultProps{Entity: r.Entity, EntityType: r.Type}
	if len(r.Evidence) > 0 {
		props.Evidence = evidencejson.List(r.Evidence)
	}
	sum := sha256.Sum256([]byte(r.Rule.Bundle + "\x00" + r.Rule.ID + "\x00" + r.Type + "\x00" + r.Entity))
	return &sarifResult{
		RuleID:              r.Rule.ID,
		RuleIndex:           r.RuleIndex,
		Level:               sarifLevel(r.Rule.Severity),
		Message:             sarifText{Text: msg},
		Locations:           s.locations(r),
		PartialFingerprints: map[string]string{"gslcheckEntity/v1": hex.EncodeToString(sum[:16])},
		Suppressions:        sarifSuppressions(r.Suppression),
		BaselineState:       r.Baseline.String(),
		Properties:          props,
	}
}

// appendResult appends the result of failure r as compact JSON, the
// bytes encoding/json writes for sarifResult(r) without HTML escaping
// (TestSARIFAppendResult), without reflection: failures can be millions.
func (s *SARIFWriter) appendResult(b []byte, r *Record) []byte {
	b = append(b, `{"ruleId":"`...)
	b = jsontext.AppendStringBody(b, r.Rule.ID)
	b = append(b, `","ruleIndex":`...)
	b = strconv.AppendInt(b, int64(r.RuleIndex), 10)
	b = append(b, `,"level":"`...)
	b = append(b, sarifLevel(r.Rule.Severity)...)
	b = append(b, `","message":{"text":"`...)
	b = jsontext.AppendStringBody(b, orDash(r.Type))
	b = append(b, ' ')
	b = jsontext.AppendStringBody(b, r.Entity)
	b = append(b, " fails "...)
	b = jsontext.AppendStringBody(b, r.Rule.ID)
	b = append(b, ": "...)
	b = jsontext.AppendStringBody(b, r.Rule.Name)
	if r.Status == eval.Fail && len(r.Evidence) > 0 {
		b = append(b, " ("...)
		for i, e := range r.Evidence {
			if i > 0 {
				b = append(b, "; "...)
			}
			b = jsontext.AppendStringBody(b, e.Path)
			b = append(b, " = "...)
			b = jsontext.AppendStringBody(b, jsontext.Compact(e.Value))
		}
		b = append(b, ')')
	}
	b = append(b, `"},"locations":`...)
	b = s.appendLocations(b, r)
	sum := sha256.Sum256([]byte(r.Rule.Bundle + "\x00" + r.Rule.ID + "\x00" + r.Type + "\x00" + r.Entity))
	b = append(b, `,"partialFingerprints":{"gslcheckEntity/v1":"`...)
	b = hex.AppendEncode(b, sum[:16])
	b = append(b, `"}`...)
	if r.Suppression != nil {
		sup, _ := s.marshal(sarifSuppressions(r.Suppression), "", "")
		b = append(b, `,"suppressions":`...)
		b = append(b, sup...)
	}
	if r.Baseline != BaselineNone {
		b = append(b, `,"baselineState":"`...)
		b = append(b, r.Baseline.String()...)
		b = append(b, '"')
	}
	b = append(b, `,"properties":{"entity":"`...)
	b = jsontext.AppendStringBody(b, r.Entity)
	b = append(b, '"')
	if r.Type != "" {
		b = append(b, `,"entityType":"`...)
		b = jsontext.AppendStringBody(b, r.Type)
		b = append(b, '"')
	}
	if len(r.Evidence) > 0 {
		b = append(b, `,"evidence":`...)
		b = s.lines.appendEvidence(b, r.Evidence)
	}
	return append(b, "}}"...)
}

// appendLocations appends s.locations(r) as encoding/json writes it.
func (s *SARIFWriter) appendLocations(b []byte, r *Record) []byte {
	var uri string
	line, col := 0, 0
	switch {
	case r.Input != "" && r.Input != StdinName:
		uri = s.uri(r.Input)
		line, col = r.Line, r.Col
	case r.Rule != nil && r.Rule.Source != "":
		uri = s.uri(r.Rule.Source)
		line = r.Rule.LogicLine
	}
	if uri == "" && r.Entity == "" {
		return append(b, "[]"...)
	}
	b = append(b, "[{"...)
	if uri != "" {
		b = append(b, `"physicalLocation":{"artifactLocation":{"uri":"`...)
		b = jsontext.AppendStringBody(b, uri)
		b = append(b, `"}`...)
		if line > 0 {
			b = append(b, `,"region":{"startLine":`...)
			b = strconv.AppendInt(b, int64(line), 10)
			if col != 0 {
				b = append(b, `,"startColumn":`...)
				b = strconv.AppendInt(b, int64(col), 10)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	if r.Entity != "" {
		if uri != "" {
			b = append(b, ',')
		}
		b = append(b, `"logicalLocations":[{"name":"`...)
		b = jsontext.AppendStringBody(b, r.Entity)
		b = append(b, '"')
		if r.Type != "" {
			b = append(b, `,"fullyQualifiedName":"`...)
			b = jsontext.AppendStringBody(b, r.Type)
			b = append(b, '/')
			b = jsontext.AppendStringBody(b, r.Entity)
			b = append(b, '"')
		}
		b = append(b, `,"kind":"resource"}]`...)
	}
	return append(b, "}]"...)
}

// uri is sarifURI(path), remembered for the last path: results come file
// by file.
func (s *SARIFWriter) uri(path string) string {
	if path != s.lastPath {
		s.lastPath, s.lastURI = path, sarifURI(path)
	}
	return s.lastURI
}

// heldResult is a rendered result held under a result limit.
type heldResult struct {
	rank, seq int
	severity  string
	text      []byte
}

// sarifHeap holds results with the least severe (and, among equals, the
// latest) on top: the first to leave when a more severe result comes.
type sarifHeap struct{ items []heldResult }

func (h *sarifHeap) Len() int { return len(h.items) }
func (h *sarifHeap) Less(i, j int) bool {
	a, b := &h.items[i], &h.items[j]
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	return a.seq > b.seq
}
func (h *sarifHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *sarifHeap) Push(x any)    { h.items = append(h.items, x.(heldResult)) }
func (h *sarifHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// locations places a record: in the input file at the document's line
// (and column, counted in code points as the run's columnKind says), or
// for results without a document (List<> groups, stdin) at the rule's
// definition, plus the entity as a logical location.
func (s *SARIFWriter) locations(r *Record) []sarifLocation {
	var loc sarifLocation
	switch {
	case r.Input != "" && r.Input != StdinName:
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(r.Input)}}
		if r.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.Line, StartColumn: r.Col}
		}
	case r.Rule != nil && r.Rule.Source != "":
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(r.Rule.Source)}}
		if r.Rule.LogicLine > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.Rule.LogicLine}
		}
	}
	if r.Entity != "" {
		l := sarifLogical{Name: r.Entity, Kind: "resource"}
		if r.Type != "" {
			l.FullyQualifiedName = r.Type + "/" + r.Entity
		}
		loc.LogicalLocations = []sarifLogical{l}
	}
	if loc.PhysicalLocation == nil && loc.LogicalLocations == nil {
		return []sarifLocation{} // "locations" is an array, never null
	}
	return []sarifLocation{loc}
}

// sarifHead is the start of the log: everything before the results.
type sarifHead struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool       sarifTool `json:"tool"`
		ColumnKind string    `json:"columnKind,omitempty"`
	} `json:"runs"`
}

// start writes the log up to the first result.
func (s *SARIFWriter) start() error {
	s.started = true
	rules := make([]sarifRule, 0, len(s.o.Rules))
	for _, m := range s.o.Rules {
		rule := sarifRule{
			ID:                   m.ID,
			Name:                 m.Name,
			ShortDescription:     &sarifText{Text: orDash(m.Name)},
			DefaultConfiguration: &sarifConfig{Level: sarifLevel(m.Severity)},
		}
		if d := strings.TrimSpace(m.Description); d != "" {
			rule.FullDescription = &sarifText{Text: d}
		}
		if h := strings.TrimSpace(m.Remediation); h != "" {
			rule.Help = &sarifText{Text: h, Markdown: h}
		}
		tags := []string{"security", "compliance"}
		if m.Bundle != "" {
			tags = append(tags, m.Bundle)
		}
		tags = append(tags, m.complianceTags()...)
		props := map[string]any{
			"security-severity": securitySeverity(m.Severity),
			"tags":              tags,
			"precision":         "high",
		}
		if m.Severity != "" {
			props["severity"] = m.Severity
		}
		if m.Logic != "" {
			props["logic"] = m.Logic
		}
		rule.Properties = props
		rules = append(rules, rule)
	}
	var head sarifHead
	head.Schema, head.Version = sarifSchemaURI, "2.1.0"
	head.Runs = make([]struct {
		Tool       sarifTool `json:"tool"`
		ColumnKind string    `json:"columnKind,omitempty"`
	}, 1)
	head.Runs[0].Tool = sarifTool{Driver: sarifDriver{
		Name:            "gslcheck",
		Version:         orDefault(s.o.ToolVersion, "devel"),
		SemanticVersion: s.o.ToolSemanticVersion,
		InformationURI:  informationURI,
		Rules:           rules,
	}}
	head.Runs[0].ColumnKind = "unicodeCodePoints"
	b, err := s.marshal(head, "", "  ")
	if err != nil {
		return err
	}
	// Cut the log open after columnKind: "...\n    }\n  ]\n}".
	b = b[:len(b)-len("\n    }\n  ]\n}")]
	s.w.Write(b)
	_, err = s.w.WriteString(",\n      \"results\": [")
	return err
}

// Finish writes the held results, then the invocation with its
// notifications.
func (s *SARIFWriter) Finish(sum *Summary) error {
	if s.o.SARIFMaxResults > 0 {
		held := s.held.items
		s.held.items = nil
		slices.SortFunc(held, func(a, b heldResult) int { return a.seq - b.seq })
		for _, h := range held {
			if err := s.writeResult(h.text); err != nil {
				return err
			}
		}
	}
	if !s.started {
		if err := s.start(); err != nil {
			return err
		}
	}
	if s.n > 0 {
		s.w.WriteString("\n      ")
	}
	s.w.WriteString("],\n      \"invocations\": ")
	if len(s.left) > 0 {
		s.notes = append(s.notes, sarifNotification{
			Level:      "warning",
			Message:    sarifText{Text: s.leftOutText()},
			Descriptor: &sarifReference{ID: "results-limit"},
		})
	}
	for _, id := range slices.Sorted(maps.Keys(s.more)) {
		s.notes = append(s.notes, sarifNotification{
			Level:      "error",
			Message:    sarifText{Text: fmt.Sprintf("%s more notifications like the above (%s) were left out; the JSON report lists them all", textout.Commas(int64(s.more[id])), id)},
			Descriptor: &sarifReference{ID: id},
		})
	}
	inv := []sarifInvocation{{
		ExecutionSuccessful:        sum.InputErrors == 0 && sum.Error == 0,
		ToolExecutionNotifications: s.notes,
	}}
	b, err := s.marshal(inv, "      ", "  ")
	if err != nil {
		return err
	}
	s.w.Write(b)
	s.w.WriteString("\n    }\n  ]\n}\n")
	return s.w.Flush()
}

// leftOutText says how many results the limit left out, by severity.
func (s *SARIFWriter) leftOutText() string {
	total := 0
	var parts []string
	for i := len(bundles.Severities()); i >= 0; i-- {
		name := "-"
		if i < len(bundles.Severities()) {
			name = bundles.Severities()[i]
		}
		if n := s.left[name]; n > 0 {
			total += n
			parts = append(parts, fmt.Sprintf("%s %s", textout.Commas(int64(n)), name))
		}
	}
	for name, n := range s.left {
		if _, ok := SeverityName(name); !ok && name != "-" {
			total += n
			parts = append(parts, fmt.Sprintf("%s %s", textout.Commas(int64(n)), name))
		}
	}
	return fmt.Sprintf("%s of %s failures are in this report (its result limit), the most severe; left out: %s. The JSON report lists them all.",
		textout.Commas(int64(s.n)), textout.Commas(int64(s.n+total)), strings.Join(parts, ", "))
}

// sarifSuppressions describes the exception that suppresses a result: an
// external suppression (the exceptions file), accepted, with its reason as
// the justification.
func sarifSuppressions(x *Suppression) []sarifSuppression {
	if x == nil {
		return nil
	}
	sup := sarifSuppression{Kind: "external", Status: "accepted", Justification: x.Reason}
	loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(x.File)}}}
	if x.Line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: x.Line}
	}
	sup.Location = &loc
	props := map[string]any{}
	if x.Owner != "" {
		props["owner"] = x.Owner
	}
	if x.Expires != "" {
		props["expires"] = x.Expires
	}
	if len(props) > 0 {
		sup.Properties = props
	}
	return []sarifSuppression{sup}
}

// marshal encodes v as JSON indented by indent after prefix (compact
// when both are ""), without HTML escaping and without a final newline.
// The bytes are new.
func (s *SARIFWriter) marshal(v any, prefix, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if prefix != "" || indent != "" {
		enc.SetIndent(prefix, indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// orDefault is s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
