package eval

import (
	"regexp"
	"time"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/lang"
)

// Options configure compilation and evaluation.
type Options struct {
	// Now is the evaluation clock for before()/after(). Zero means the
	// wall clock, read at each evaluation (once per document for a
	// RuleSet, once per Lists.Eval), never frozen when a rule is compiled.
	// Given to Compile, it is the clock of the program's own Eval and
	// Explain; given to NewRuleSet or RuleSet.With, the clock of the set's
	// evaluations. A set built without one uses its programs' clock; a set
	// whose programs were compiled with different clocks, or with one that
	// differs from the set's, gives every result an Error naming the
	// conflict rather than silently choosing one of them.
	Now time.Time
	// StepBudget bounds the work of one (rule, entity) evaluation; when
	// exceeded the result is an Error. A step is one element visited by an
	// array operator, one function call, or one element grouped by
	// groupBy (the code between is bounded by the rule's length). Zero (or
	// a negative value) means DefaultStepBudget.
	StepBudget int
	// Functions resolves postfix functions. Nil means builtin.Default().
	Functions *builtin.Registry
	// MaxDocumentSize bounds a document's size in bytes. Zero (or a
	// negative value) means DefaultMaxDocumentSize.
	MaxDocumentSize int
	// MaxDepth bounds how deeply a document nests arrays and objects. Zero
	// (or a negative value) means DefaultMaxDepth.
	MaxDepth int
	// NoEvidence leaves Result.Evidence empty: results carry only their
	// status and, for Error, the error. Evidence is built by re-running a
	// failing or erring evaluation in recording mode, which costs about as
	// much again as the evaluation; callers that need only verdicts (a
	// gate, a count) can skip it. Explain still traces any rule on demand.
	NoEvidence bool
	// OnlyApplicable makes RuleSet.EvalDoc and RuleSet.EvalDocument call
	// emit only for the rules that apply to the document: those of its
	// entity type and the const rules, not with Skip for every rule of the
	// other types. It has no effect on Program or Lists.
	OnlyApplicable bool
}

// DefaultStepBudget is the step budget used when Options.StepBudget is 0.
const DefaultStepBudget = 1 << 20

// settings are the resolved options an evaluation runs under.
type settings struct {
	now      time.Time
	budget   int
	maxSize  int
	maxDepth int

	noEvidence     bool
	onlyApplicable bool
}

func resolve(opts *Options) settings {
	s := settings{budget: DefaultStepBudget, maxSize: DefaultMaxDocumentSize, maxDepth: DefaultMaxDepth}
	if opts != nil {
		s.now = opts.Now
		s.noEvidence = opts.NoEvidence
		s.onlyApplicable = opts.OnlyApplicable
		if opts.StepBudget > 0 {
			s.budget = opts.StepBudget
		}
		if opts.MaxDocumentSize > 0 {
			s.maxSize = opts.MaxDocumentSize
		}
		if opts.MaxDepth > 0 {
			s.maxDepth = opts.MaxDepth
		}
	}
	return s
}

// wallClock reads the time for evaluations given no clock; tests replace
// it to show that the clock is read when evaluating, not when compiling.
var wallClock = time.Now

// at returns s with its clock fixed for one evaluation: the given clock, or
// else the wall clock now.
func (s settings) at() settings {
	if s.now.IsZero() {
		s.now = wallClock()
	}
	return s
}

// Program is a compiled rule. It is immutable and safe for concurrent use.
type Program struct {
	rule   *lang.Rule
	target string // entity type it applies to ("List<T>" for list rules); "" for a const rule
	set    settings

	code []instr
	// rcode is code with every opcode marked for recording (see
	// opRecord): the recording run's copy, so that the normal run tests
	// nothing to know it is not recording.
	rcode []instr
	// pos is the position table: pos[pc] is where instruction pc came
	// from. It maps a recording back to the rule's text.
	pos []srcPos

	paths   []*pathSpec
	scopes  []scopeSpec
	consts  []builtin.Value
	likes   []likePattern
	regexes []*regexp.Regexp
	lists   [][]builtin.Value // the value lists of `in`
	calls   []callSite

	maxStack int // deepest value stack
	maxLoops int // deepest loop nesting

	// self lays the program's own paths out as a path table, for Eval.
	self *tableLayout
}

// srcPos is the origin of one instruction: the span of the node it was
// compiled from, and the part it plays in that node where its opcode
// alone does not tell.
type srcPos struct {
	span lang.Span
	part part
}

// part is what an instruction does for the node it was compiled from, as
// far as the recorder needs to know (see explain.go).
type part uint8

const (
	// partNode: the instruction decides, computes or joins its node (a
	// test, the NOT of `not`, the jump of `and`/`or`, a loop opener).
	partNode part = iota
	// partFold: the NOT of `unlike`, which negates the LIKE before it
	// within the same node.
	partFold
	// partRule: an instruction of the rule itself, not of a condition:
	// the jump of `where`, the NOT of `should not`.
	partRule
	// partGuard: the JMPF of a `with` filter, which skips the element.
	partGuard
	// partComputed: a loop that computes a value (with, length(),
	// isEmpty()), described by its list's path and the rest of its text.
	partComputed
)

// callSite is a resolved function call.
type callSite struct {
	fn    *builtin.Func
	nargs int
}

// scopeKind tells where the elements of a loop come from, which decides
// whether the paths read inside it can be laid out in a path table.
type scopeKind uint8

const (
	scopeRoot     scopeKind = iota // the entity
	scopeElemPath                  // the elements of path `from`
	scopeElemElem                  // the elements of the current element of scope `from` ($)
	scopeRaw                       // elements of a computed list: read from raw JSON
)

// scopeSpec describes one scope: the entity, or the elements of a list.
type scopeSpec struct {
	kind scopeKind
	from int32 // a path index (scopeElemPath) or a scope index (scopeElemElem)
}

// rawScope is the scope index of paths that are never in a path table.
const rawScope = -1

// Rule returns the parsed rule.
func (p *Program) Rule() *lang.Rule { return p.rule }

// Target returns the entity type the rule applies to, "List<Type>" for a
// List<> rule, and "" for a rule that is only `true` or `false`.
func (p *Program) Target() string { return p.target }

// IsList reports whether the rule is a List<Type> rule.
func (p *Program) IsList() bool { return p.rule.Target != nil && p.rule.Target.List }
