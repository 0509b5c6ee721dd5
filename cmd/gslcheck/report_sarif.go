package main

// This file writes the `run` report as SARIF 2.1.0 for GitHub code scanning
// and other SARIF consumers. Each rule is a reportingDescriptor; each fail
// is a result located at the input file (with the document's line) and at
// the entity as a logical location. Rule errors and input errors are tool
// execution notifications.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/gsl-lang/gsl/eval"
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
	Properties          map[string]any     `json:"properties,omitempty"`
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

type sarifReporter struct {
	o       reportOptions
	results []sarifResult
	notes   []sarifNotification
}

func newSARIFReporter(o reportOptions) *sarifReporter {
	return &sarifReporter{o: o, results: []sarifResult{}}
}

func (s *sarifReporter) result(r *record) error {
	switch {
	case r.rule == nil:
		s.notes = append(s.notes, sarifNotification{
			Level:      "error",
			Message:    sarifText{Text: r.err},
			Locations:  s.locations(r),
			Descriptor: &sarifReference{ID: "input-error"},
		})
	case r.status == eval.Error:
		idx := r.ruleIdx
		s.notes = append(s.notes, sarifNotification{
			Level:          "error",
			Message:        sarifText{Text: fmt.Sprintf("%s on %s: %s", r.rule.ID, r.entity, r.err)},
			Locations:      s.locations(r),
			Descriptor:     &sarifReference{ID: "rule-error"},
			AssociatedRule: &sarifReference{ID: r.rule.ID, Index: &idx},
		})
	case r.status == eval.Fail:
		msg := fmt.Sprintf("%s %s fails %s: %s", orDash(r.typ), r.entity, r.rule.ID, r.rule.Name)
		if m := r.message(); m != "" && m != r.rule.Name {
			msg += " (" + m + ")"
		}
		props := map[string]any{"entity": r.entity}
		if r.typ != "" {
			props["entityType"] = r.typ
		}
		if len(r.evidence) > 0 {
			props["evidence"] = evidenceList(r.evidence)
		}
		sum := sha256.Sum256([]byte(r.rule.Bundle + "\x00" + r.rule.ID + "\x00" + r.typ + "\x00" + r.entity))
		s.results = append(s.results, sarifResult{
			RuleID:              r.rule.ID,
			RuleIndex:           r.ruleIdx,
			Level:               sarifLevel(r.rule.Severity),
			Message:             sarifText{Text: msg},
			Locations:           s.locations(r),
			PartialFingerprints: map[string]string{"gslcheckEntity/v1": hex.EncodeToString(sum[:16])},
			Suppressions:        sarifSuppressions(r.suppressed),
			BaselineState:       r.baseline.String(),
			Properties:          props,
		})
	}
	return nil
}

// locations places a record: in the input file at the document's line
// (and column, counted in code points as the run's columnKind says), or
// for results without a document (List<> groups, stdin) at the rule's
// definition, plus the entity as a logical location.
func (s *sarifReporter) locations(r *record) []sarifLocation {
	var loc sarifLocation
	switch {
	case r.input != "" && r.input != stdinName:
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(r.input)}}
		if r.line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.line, StartColumn: r.col}
		}
	case r.rule != nil && r.rule.Source != "":
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(r.rule.Source)}}
		if r.rule.LogicLine > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.rule.LogicLine}
		}
	}
	if r.entity != "" {
		l := sarifLogical{Name: r.entity, Kind: "resource"}
		if r.typ != "" {
			l.FullyQualifiedName = r.typ + "/" + r.entity
		}
		loc.LogicalLocations = []sarifLogical{l}
	}
	if loc.PhysicalLocation == nil && loc.LogicalLocations == nil {
		return []sarifLocation{} // "locations" is an array, never null
	}
	return []sarifLocation{loc}
}

func (s *sarifReporter) finish(sum *summary) error {
	rules := make([]sarifRule, 0, len(s.o.rules))
	for _, m := range s.o.rules {
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
	log := sarifLog{
		Schema:  sarifSchemaURI,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:            "gslcheck",
				Version:         version(),
				SemanticVersion: semanticVersion(),
				InformationURI:  informationURI,
				Rules:           rules,
			}},
			ColumnKind: "unicodeCodePoints",
			Invocations: []sarifInvocation{{
				ExecutionSuccessful:        sum.InputErrors == 0 && sum.Error == 0,
				ToolExecutionNotifications: s.notes,
			}},
			Results: s.results,
		}},
	}
	return writeJSON(s.o.w, log)
}

// sarifSuppressions describes the exception that suppresses a result: an
// external suppression (the exceptions file), accepted, with its reason as
// the justification.
func sarifSuppressions(x *exception) []sarifSuppression {
	if x == nil {
		return nil
	}
	sup := sarifSuppression{Kind: "external", Status: "accepted", Justification: x.Reason}
	loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(x.file)}}}
	if x.line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: x.line}
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
