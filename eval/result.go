package eval

import (
	"errors"
	"strings"

	"github.com/gsl-lang/gsl/lang"
)

// Status is the outcome of one rule on one entity.
type Status uint8

const (
	// Pass: the entity meets the rule.
	Pass Status = iota
	// Fail: the entity breaks the rule (or, for a query rule, matches it).
	Fail
	// Skip: the rule does not apply (another entity type, or `where` false).
	Skip
	// Error: the rule could not be decided (see Result.Err).
	Error
)

var statusNames = [...]string{"pass", "fail", "skip", "error"}

// String returns "pass", "fail", "skip" or "error".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "invalid"
}

// Evidence is one operand that decided a fail or an error: where in the
// document it was read, what it held, and which part of the rule read it.
// It prints as `volumes[1].encrypted = false`.
type Evidence struct {
	// Path is the JSON path of the operand with array indices, e.g.
	// "volumes[1].encrypted". For a computed operand it is the path of what
	// it was computed from followed by the computation, e.g.
	// "inboundRules[0].scope numberOfHosts()" or "tags with [...] length()".
	// It is "" when the evidence is about the whole document or rule.
	Path string
	// Value is the JSON text of the value read, "missing" when the path
	// resolved to nothing. A value longer than MaxEvidenceValue bytes keeps
	// its first MaxEvidenceValue bytes (fewer, so as not to split a
	// character) followed by "…". Bytes that are not UTF-8 are written as
	// U+FFFD, which can make the text longer than the bytes it shows.
	Value string
	// Span is the rule source range of the sub-expression that decided.
	Span lang.Span
}

// String renders e as "path = value".
func (e Evidence) String() string {
	if e.Path == "" {
		return e.Value
	}
	return e.Path + " = " + e.Value
}

// MaxEvidenceValue bounds how many bytes of a value Evidence.Value shows
// (see Evidence.Value).
const MaxEvidenceValue = 256

// maxEvidence bounds the number of evidence items of one result.
const maxEvidence = 16

// Result is the outcome of one rule on one entity.
type Result struct {
	Status   Status
	Evidence []Evidence // set on Fail and Error
	Err      error      // set on Error
}

// String renders r on one line: the status followed by its evidence.
func (r Result) String() string {
	var b strings.Builder
	b.WriteString(r.Status.String())
	if r.Err != nil {
		b.WriteString(": ")
		b.WriteString(r.Err.Error())
	}
	for i, e := range r.Evidence {
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(e.String())
		if i == len(r.Evidence)-1 {
			b.WriteString(")")
		}
	}
	return b.String()
}

// Errors reported in Result.Err. Test for them with errors.Is: the returned
// errors wrap these with details.
var (
	// ErrStepBudget: the evaluation ran more VM steps than allowed.
	ErrStepBudget = errors.New("step budget exceeded")
	// ErrInvalidJSON: the document is not valid JSON.
	ErrInvalidJSON = errors.New("invalid JSON")
	// ErrTooLarge: the document is larger than the size limit.
	ErrTooLarge = errors.New("document too large")
	// ErrTooDeep: the document nests deeper than the depth limit.
	ErrTooDeep = errors.New("document nested too deeply")
	// ErrNotObject: the document is valid JSON but not an object.
	ErrNotObject = errors.New("document is not a JSON object")
	// ErrNoType: the document has no string "type" property.
	ErrNoType = errors.New(`document has no string "type"`)
	// ErrFunction: a function failed (its error is wrapped too).
	ErrFunction = errors.New("function failed")
	// ErrInternal: the evaluator hit a state it should never reach. It is
	// reported instead of crashing; please file a bug with the rule and
	// document.
	ErrInternal = errors.New("internal error")
	// ErrClockConflict: a rule set and its programs were given different
	// clocks (see Options.Now).
	ErrClockConflict = errors.New("conflicting clocks")
)
