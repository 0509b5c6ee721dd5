package eval

// STUB: the public API of package eval, pinned so that the bundles and CLI
// work can compile against it while the compiler and VM are built (issue 3).
// Signatures here may gain fields and methods but must not change shape.

import (
	"errors"
	"time"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/lang"
)

// Status is the outcome of one rule on one entity.
type Status uint8

const (
	Pass Status = iota
	Fail
	Skip
	Error
)

var statusNames = [...]string{"pass", "fail", "skip", "error"}

func (s Status) String() string { return statusNames[s] }

// Options configure compilation and evaluation.
type Options struct {
	// Now is the evaluation clock for before()/after(). Zero means the time
	// at which Compile or NewRuleSet was called.
	Now time.Time
	// StepBudget bounds the VM steps of one (rule, entity) evaluation; when
	// exceeded the result is an Error. Zero means DefaultStepBudget.
	StepBudget int
	// Functions resolves postfix functions. Nil means builtin.Default().
	Functions *builtin.Registry
}

// DefaultStepBudget is the step budget used when Options.StepBudget is 0.
const DefaultStepBudget = 1 << 20

// Evidence is one operand that decided a fail or an error.
type Evidence struct {
	Path  string    // JSON path with array indices, e.g. "volumes[1].encrypted"
	Value string    // the raw JSON value read, or "missing"
	Span  lang.Span // the source span of the sub-expression that decided
}

// Result is the outcome of one rule on one entity.
type Result struct {
	Status   Status
	Evidence []Evidence // set on Fail and Error
	Err      error      // set on Error
}

// Program is a compiled rule. It is immutable and safe for concurrent use.
type Program struct {
	rule *lang.Rule
}

// Compile parses and compiles one rule. The error is a lang.ErrorList with
// positions for every problem found before running.
func Compile(src string, opts *Options) (*Program, error) {
	return nil, errors.New("eval: not implemented")
}

// Rule returns the parsed rule.
func (p *Program) Rule() *lang.Rule { return p.rule }

// Eval evaluates the program over one JSON document.
func (p *Program) Eval(doc []byte) Result { return Result{Status: Error, Err: errors.New("eval: not implemented")} }

// RuleSet is a set of compiled programs indexed by entity type, so that each
// document meets only the rules for its type and its paths are read once.
type RuleSet struct {
	progs []*Program
}

// NewRuleSet indexes progs. Result indices passed to callbacks are indices
// into progs.
func NewRuleSet(progs []*Program, opts *Options) *RuleSet { return &RuleSet{progs: progs} }

// EvalDoc evaluates every non-List rule over doc and calls emit once per
// rule, in index order: rules for other entity types get Skip. List<> rules
// are not called here (see Lists). The error reports a document that cannot
// be evaluated at all (invalid JSON, no "type"); emit is then not called.
// EvalDoc is safe for concurrent use.
func (rs *RuleSet) EvalDoc(doc []byte, emit func(rule int, r Result)) error {
	return errors.New("eval: not implemented")
}

// Lists gathers the documents that List<Type> rules need, grouped by
// accountNumber. It is not safe for concurrent use.
type Lists struct{ rs *RuleSet }

// NewLists starts an empty collection for rs.
func (rs *RuleSet) NewLists() *Lists { return &Lists{rs: rs} }

// Add keeps (a copy of) doc if a List<> rule of rs needs its type.
func (l *Lists) Add(doc []byte) {}

// Eval runs every List<> rule once per account group, calling emit with the
// group's id (the accountNumber, or "*") in a deterministic order.
func (l *Lists) Eval(emit func(rule int, group string, r Result)) {}
