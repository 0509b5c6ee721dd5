package report

// This file holds the model shared by the output formats: the rules being
// run, one record per (rule, entity) result or input error, the summary
// counts, and the Writer every format implements.

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/internal/textout"
)

// StdinName is how standard input is named as an input: a record from it
// has no file to point to.
const StdinName = "<stdin>"

// Rule describes one rule being run.
type Rule struct {
	Bundle        string // bundle id, "" for an ad-hoc rule
	BundleName    string
	BundleVersion string
	ID            string
	Name          string
	Severity      string // Informational, Low, Medium, High, Critical, or ""
	Description   string
	Remediation   string
	Compliance    map[string][]string // framework -> control ids
	Logic         string
	Source        string // the file that defines the rule, "" when none
	LogicLine     int    // where Logic starts in Source (1-based), 0 if unknown
	LogicColumn   int
	Target        string // "Instance" or "List<Instance>", "" when unknown
}

// complianceTags flattens the compliance map as "FRAMEWORK CONTROL" strings
// in a stable order.
func (m *Rule) complianceTags() []string {
	var tags []string
	frameworks := make([]string, 0, len(m.Compliance))
	for f := range m.Compliance {
		frameworks = append(frameworks, f)
	}
	sort.Strings(frameworks)
	for _, f := range frameworks {
		for _, c := range m.Compliance[f] {
			tags = append(tags, f+" "+c)
		}
	}
	return tags
}

// Record is one line of a report: a rule's result on an entity, or an
// input error (Rule nil). Writers do not keep a Record once Result
// returns: the caller may reuse it.
type Record struct {
	Rule      *Rule
	RuleIndex int // Rule's index in Options.Rules
	Status    eval.Status
	Entity    string // document id, or its position
	Type      string // entity type
	Evidence  []eval.Evidence
	Err       string // error text (Error results and input errors)
	Input     string // input file, "" for List<> results
	Line      int    // line in Input where the document starts, 0 if unknown
	Col       int    // its column there in characters (code points), 0 if unknown
	Location  string // the document's position label ("" for List<> results)

	// Suppression, on a failure, is the exception that suppresses it: the
	// failure is reported as suppressed and does not count as one.
	Suppression *Suppression
	// Baseline is what a baseline says of a failure.
	Baseline BaselineState
}

// Suppression is an accepted exception to a rule: why, by whom, until
// when, and where it is written down.
type Suppression struct {
	Reason  string
	Owner   string // "" when not given
	Expires string // a date, "" when it does not expire
	File    string // the exceptions file
	Line    int    // the entry's line in File, 0 if unknown
	Source  string // File:Line, as reports name it
}

// BaselineState is what a baseline says of a failure.
type BaselineState uint8

// Baseline states.
const (
	BaselineNone      BaselineState = iota // no baseline given
	BaselineNew                            // not in the baseline
	BaselineUnchanged                      // in the baseline
)

// String is the state as SARIF's baselineState spells it ("" for none).
func (s BaselineState) String() string {
	switch s {
	case BaselineNew:
		return "new"
	case BaselineUnchanged:
		return "unchanged"
	}
	return ""
}

// Finding names a failure of a baseline that a run did not find again.
type Finding struct {
	Rule, Name, Bundle, Entity, Type string
}

// message is the one-line explanation of a record.
func (r *Record) message() string {
	if r.Rule != nil && r.Status == eval.Fail && len(r.Evidence) > 0 {
		return string(r.appendMessage(nil))
	}
	switch {
	case r.Rule == nil || r.Status == eval.Error:
		return r.Err
	case r.Status == eval.Fail:
		return r.Rule.Name
	}
	return ""
}

// appendMessage appends a failure's evidence as message gives it: each
// piece as "path = value", compacted, joined by "; ".
func (r *Record) appendMessage(dst []byte) []byte {
	for i, e := range r.Evidence {
		if i > 0 {
			dst = append(dst, "; "...)
		}
		dst = append(dst, e.Path...)
		dst = append(dst, " = "...)
		dst = jsontext.AppendCompact(dst, e.Value)
	}
	return dst
}

// Summary counts what a run saw.
type Summary struct {
	Documents   int `json:"documents"`   // documents read, malformed ones included
	Evaluated   int `json:"evaluated"`   // documents evaluated
	Malformed   int `json:"malformed"`   // documents that could not be evaluated
	InputErrors int `json:"inputErrors"` // malformed documents plus unreadable inputs
	Rules       int `json:"rules"`
	Results     int `json:"results"` // rule results, skips included
	Pass        int `json:"pass"`
	Fail        int `json:"fail"`
	Error       int `json:"error"`
	Skip        int `json:"skip"`
	// Suppressed counts failures an exception suppresses (not in Fail).
	Suppressed int `json:"suppressed,omitempty"`
	// InBaseline counts failures the baseline holds (in Fail).
	InBaseline int `json:"inBaseline,omitempty"`
	// Fixed counts the baseline's failures this run did not find.
	Fixed int `json:"fixed,omitempty"`
	// Tolerated counts failures that leave the run green: in the baseline,
	// or below the failing severity (in Fail).
	Tolerated int `json:"tolerated,omitempty"`
	// NotModelled counts, by the source's type name, the resources of the
	// inputs that the entity model has no type for (AWS::Glue::Job,
	// aws_glue_job): read, named, not evaluated.
	NotModelled map[string]int `json:"notModelled,omitempty"`
	// NoDocument counts, by reason, the items of the inputs that yield no
	// document of their own (merged into another document, a deletion).
	NoDocument map[string]int `json:"noDocument,omitempty"`
}

// Count counts n results of status st.
func (s *Summary) Count(st eval.Status, n int) {
	s.Results += n
	switch st {
	case eval.Pass:
		s.Pass += n
	case eval.Fail:
		s.Fail += n
	case eval.Error:
		s.Error += n
	case eval.Skip:
		s.Skip += n
	}
}

// Add adds the counts of o to s (all but Rules).
func (s *Summary) Add(o *Summary) {
	s.Documents += o.Documents
	s.Evaluated += o.Evaluated
	s.Malformed += o.Malformed
	s.InputErrors += o.InputErrors
	s.Results += o.Results
	s.Pass += o.Pass
	s.Fail += o.Fail
	s.Error += o.Error
	s.Skip += o.Skip
	s.Suppressed += o.Suppressed
	s.InBaseline += o.InBaseline
	s.Fixed += o.Fixed
	s.Tolerated += o.Tolerated
	s.NotModelled = addCounts(s.NotModelled, o.NotModelled)
	s.NoDocument = addCounts(s.NoDocument, o.NoDocument)
}

// addCounts adds the counts of o to m, which it allocates when needed.
func addCounts(m, o map[string]int) map[string]int {
	if len(o) > 0 && m == nil {
		m = make(map[string]int, len(o))
	}
	for k, n := range o {
		m[k] += n
	}
	return m
}

// Writer writes one report format. Result is called in order for every
// record to report, Finish once at the end; nothing is complete before
// Finish returns.
type Writer interface {
	Result(r *Record) error
	Finish(s *Summary) error
}

// FixedWriter is a Writer that can list the findings of a baseline a run
// did not find again (text and JSON can). Fixed is called before Finish.
type FixedWriter interface {
	Fixed(f []Finding) error
}

// Options configure the writers.
type Options struct {
	// Rules are the rules being run; a Record's RuleIndex indexes them.
	Rules []*Rule
	// ShowSkipped reports the results of rules that did not apply.
	ShowSkipped bool
	// FailuresOnly leaves passes (and skips) out of JSON and JUnit.
	FailuresOnly bool
	// SARIFMaxResults bounds the results of a SARIF report, keeping the
	// most severe (0: no bound).
	SARIFMaxResults int
	// Style colours the text report (nil: plain).
	Style *textout.Style
	// ToolVersion and ToolSemanticVersion name the tool's version in SARIF.
	ToolVersion, ToolSemanticVersion string

	out io.Writer // set by each writer's constructor
}

// keeps reports whether a report keeps a rule result of status st.
func (o *Options) keeps(st eval.Status) bool {
	switch st {
	case eval.Pass:
		return !o.FailuresOnly
	case eval.Skip:
		return o.ShowSkipped && !o.FailuresOnly
	}
	return true
}

// Formats returns the report formats New knows.
func Formats() []string { return []string{"text", "json", "sarif", "junit"} }

// New returns a Writer of format (text, json, sarif or junit) to w.
func New(format string, w io.Writer, o Options) (Writer, error) {
	switch format {
	case "text", "":
		return NewText(w, o), nil
	case "json":
		return NewJSON(w, o), nil
	case "sarif":
		return NewSARIF(w, o), nil
	case "junit":
		return NewJUnit(w, o), nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
}

// Multi writes several reports from the same records.
type Multi []Writer

// Result passes r to every writer.
func (m Multi) Result(r *Record) error {
	for _, w := range m {
		if err := w.Result(r); err != nil {
			return err
		}
	}
	return nil
}

// Finish finishes every writer, and returns the first error.
func (m Multi) Finish(s *Summary) error {
	var first error
	for _, w := range m {
		if err := w.Finish(s); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Fixed passes f to every writer that lists fixed findings.
func (m Multi) Fixed(f []Finding) error {
	for _, w := range m {
		if fw, ok := w.(FixedWriter); ok {
			if err := fw.Fixed(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// SeverityName returns the canonical spelling of a severity, matched
// without regard to case.
func SeverityName(s string) (string, bool) {
	for _, n := range severities {
		if strings.EqualFold(n, s) {
			return n, true
		}
	}
	return "", false
}

// SeverityRank orders severities from 0 (Informational) up; a severity
// that is missing or unknown ranks above every other, so that a threshold
// never lets its findings pass unseen.
func SeverityRank(s string) int {
	if n, ok := SeverityName(s); ok {
		return slices.Index(severities, n)
	}
	return len(severities)
}

// severities is bundles.Severities, read once: a run ranks the severity of
// every failure.
var severities = bundles.Severities()

// orDash is s, or "-" when s is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
