package bundles

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/gsl-lang/gsl/lang"
)

// Evaluator is the rules of one or more bundles compiled once, ready to
// judge any number of document streams. It is immutable and safe for
// concurrent use: each call of Eval has its own clock, limits and List<>
// groups.
type Evaluator struct {
	rules   []*Rule   // by program index
	owners  []*Bundle // the bundle of each rule
	targets []string  // the entity type of each rule ("List<T>" for List<> rules)
	// paths returns the entity paths each rule reads (see Decide). Only
	// documents that may hold unknown values need them, so they are found
	// on first use rather than at start-up.
	paths func() [][]string
	rs    *eval.RuleSet
}

// CompileOption configures Prepare: what the rules are compiled against.
// Options of a single evaluation are EvalOptions.
type CompileOption func(*compileConfig)

type compileConfig struct {
	functions *builtin.Registry
	schema    *Schema
}

// WithFunctions resolves the rules' postfix functions in r instead of
// builtin.Default(), e.g. a registry with functions of your own.
func WithFunctions(r *builtin.Registry) CompileOption {
	return func(c *compileConfig) { c.functions = r }
}

// WithSchema type-checks every rule against s (see Schema.CheckRule), e.g.
// AWS(): a path that cannot resolve in a document of the model makes
// Prepare fail. Warnings (an entity type the schema does not know) are not
// errors.
func WithSchema(s *Schema) CompileOption {
	return func(c *compileConfig) { c.schema = s }
}

// EvalOption configures one call of Evaluator.Eval.
type EvalOption func(*evalConfig)

// evalConfig holds the run-time options of one evaluation; the compile-time
// ones (functions) cannot be set from here.
type evalConfig struct{ o eval.Options }

// At sets the clock of before() and after() for one evaluation. Without
// it, the clock is read once when the evaluation starts.
func At(now time.Time) EvalOption {
	return func(c *evalConfig) { c.o.Now = now }
}

// WithStepBudget bounds the work of each (rule, entity) evaluation (see
// eval.Options.StepBudget); over it, the finding is an error.
func WithStepBudget(steps int) EvalOption {
	return func(c *evalConfig) { c.o.StepBudget = steps }
}

// WithDocumentLimits bounds each document's size in bytes and nesting depth
// (0 keeps eval's default); a document over them is an error finding.
func WithDocumentLimits(maxBytes, maxDepth int) EvalOption {
	return func(c *evalConfig) { c.o.MaxDocumentSize, c.o.MaxDepth = maxBytes, maxDepth }
}

// WithoutEvidence leaves Finding.Evidence empty, which saves re-running
// each failing rule in recording mode when only verdicts are needed.
func WithoutEvidence() EvalOption {
	return func(c *evalConfig) { c.o.NoEvidence = true }
}

// Finding is one verdict of an evaluation, or one record about an input
// entity that no rule could judge.
type Finding struct {
	// Rule is the rule judged, and Bundle the bundle it belongs to; both
	// are nil for a record about an input entity itself: one the reader or
	// the evaluator could not read (Status Error), one of a type the
	// entity model does not have (Status Skip, NotModelled set), one that
	// yields no document of its own (Status Skip, Ignored set), or one
	// that no rule judged (Status Skip: no rule reads its type, or every
	// rule's `where` excluded it).
	Rule   *Rule
	Bundle *Bundle
	// Type and ID name the entity: its "type" and "id" properties, or for
	// a List<T> rule "List<T>" and the account group the rule ran over
	// (the accountNumber, or "*"). Empty when the document was unreadable.
	Type, ID string
	// Status is Pass, Fail or Error; Skip only for a record without a Rule
	// (and for a List<> rule whose `where` excluded the group).
	Status eval.Status
	// Evidence says what decided a Fail or an Error (see eval.Evidence).
	Evidence []eval.Evidence
	// Err says why the status is Error.
	Err error
	// Origin is where the entity came from, as its reader reported it.
	// It is zero for a List<> rule's finding, which is about a group.
	Origin inventory.Origin
	// NotModelled is the source's type of an entity the model has no type
	// for (see inventory.Entity).
	NotModelled string
	// Ignored says what an item of the input that yields no document of
	// its own was, and why (see inventory.Entity): Status Skip.
	Ignored string
}

// String renders f on one line: rule, entity, status, evidence and where
// the entity came from, e.g.
//
//	HIPAA-002 Volume vol-0e5f: fail: encrypted = false (account.ndjson:42)
func (f Finding) String() string {
	var b strings.Builder
	if f.Rule != nil {
		b.WriteString(f.Rule.ID)
		b.WriteByte(' ')
	}
	where := f.Origin.Input
	if where != "" && f.Origin.Line > 0 {
		where = fmt.Sprintf("%s:%d", where, f.Origin.Line)
	}
	if f.Type != "" {
		fmt.Fprintf(&b, "%s %s", f.Type, f.ID)
	} else {
		b.WriteString(where)
		where = ""
	}
	fmt.Fprintf(&b, ": %s", f.Status)
	if f.NotModelled != "" {
		fmt.Fprintf(&b, " (type %s is not in the entity model)", f.NotModelled)
	}
	if f.Err != nil {
		fmt.Fprintf(&b, ": %v", f.Err)
	}
	sep := ": "
	for _, ev := range f.Evidence {
		if ev.Path == "" && ev.Value == "" {
			continue
		}
		b.WriteString(sep)
		b.WriteString(ev.String())
		sep = "; "
	}
	if where != "" {
		fmt.Fprintf(&b, " (%s)", where)
	}
	return b.String()
}

// Prepare compiles every rule of bs once into an Evaluator. A rule that
// does not compile (or, with WithSchema, does not type-check) makes it
// fail: the error is an ErrorList naming the bundle file, line and column
// of every problem. Ad-hoc rules are a Bundle of your own:
//
//	b := &bundles.Bundle{ID: "mine", Rules: []bundles.Rule{{ID: "r1", Logic: "Instance should have isPublic = false"}}}
func Prepare(bs []*Bundle, opts ...CompileOption) (*Evaluator, error) {
	var cfg compileConfig
	for _, o := range opts {
		o(&cfg)
	}
	// Compiling is most of the start-up of a short-lived process: spread
	// it over the cores (the compiler is safe for concurrent use).
	var rules []*Rule
	var owners []*Bundle
	for _, b := range bs {
		for i := range b.Rules {
			rules = append(rules, &b.Rules[i])
			owners = append(owners, b)
		}
	}
	progs := make([]*eval.Program, len(rules))
	errs := make([]ErrorList, len(rules))
	eo := &eval.Options{Functions: cfg.functions}
	workers := min(runtime.GOMAXPROCS(0), len(rules))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(rules); i += workers {
				progs[i], errs[i] = compileRule(owners[i], rules[i], eo, cfg.schema)
			}
		})
	}
	wg.Wait()
	var all ErrorList
	for _, l := range errs {
		all = append(all, l...)
	}
	if len(all) > 0 {
		return nil, all
	}
	e := &Evaluator{rules: rules, owners: owners, targets: make([]string, len(progs))}
	for i, p := range progs {
		e.targets[i] = p.Target()
	}
	e.paths = sync.OnceValue(func() [][]string {
		paths := make([][]string, len(progs))
		for i, p := range progs {
			paths[i] = lang.EntityPaths(p.Rule())
		}
		return paths
	})
	// No clock here: each Eval gives its own (see At).
	e.rs = eval.NewRuleSet(progs, &eval.Options{OnlyApplicable: true})
	return e, nil
}

// compileRule compiles r of b, and type-checks it against schema when
// given; the errors are located in b's file.
func compileRule(b *Bundle, r *Rule, eo *eval.Options, schema *Schema) (*eval.Program, ErrorList) {
	t, err := r.Syntax()
	if err != nil {
		return nil, ruleErrors(b, r, err)
	}
	p, err := eval.CompileRule(t, eo)
	if err != nil {
		return nil, ruleErrors(b, r, err)
	}
	var errs ErrorList
	if schema != nil {
		for _, sp := range schema.CheckRule(p.Rule()) {
			if sp.Level == Problem {
				errs = append(errs, ruleError(b, r, sp.Span.Start, "schema: "+sp.Msg))
			}
		}
	}
	return p, errs
}

// ruleErrors maps the errors of compiling r to positions in b's file.
func ruleErrors(b *Bundle, r *Rule, err error) ErrorList {
	var list lang.ErrorList
	if !errors.As(err, &list) {
		return ErrorList{ruleError(b, r, lang.Pos{}, err.Error())}
	}
	out := make(ErrorList, 0, len(list))
	for _, le := range list {
		msg := le.Msg
		if le.Hint != "" {
			msg += "; " + le.Hint
		}
		out = append(out, ruleError(b, r, le.Pos, msg))
	}
	return out
}

// ruleError is a problem of rule r at position p of its logic, located in
// b's file when r was read from one, else in the logic itself.
func ruleError(b *Bundle, r *Rule, p lang.Pos, msg string) *Error {
	file := b.Source
	if file == "" {
		file = "bundle " + b.ID
	}
	line, col := r.FilePos(p)
	if line == 0 {
		line, col = p.Line, p.Column
	}
	return &Error{File: file, Line: line, Column: col, Msg: fmt.Sprintf("rule %s: %s", r.ID, msg)}
}

// Eval judges every entity of docs with every rule that applies to it, and
// yields the findings as it goes: for each entity, a finding per rule of
// its type (Pass, Fail or Error; rules of other types, and rules whose
// `where` excludes the entity, are not reported), or else one record
// without a Rule: the entity could not be read (Error), is not modelled
// (Skip, NotModelled set) or was judged by no rule (Skip). So every entity
// in yields at least one finding out. After the last entity it runs the
// List<T> rules over the entities of their type grouped by account, so
// they cannot be forgotten.
//
// The error is non-nil only in the last pair: ctx was cancelled (checked
// before each entity and before the List<> rules; each rule evaluation is
// bounded by the step budget). Stopping the loop early stops reading docs.
func (e *Evaluator) Eval(ctx context.Context, docs iter.Seq[inventory.Entity], opts ...EvalOption) iter.Seq2[Finding, error] {
	return func(yield func(Finding, error) bool) {
		var c evalConfig
		for _, opt := range opts {
			opt(&c)
		}
		c.o.OnlyApplicable = true
		if c.o.Now.IsZero() {
			c.o.Now = time.Now() // one clock for the whole stream
		}
		rs := e.rs.With(&c.o)
		lists := rs.NewLists()
		stopped := false
		emit := func(f Finding) {
			if !stopped && !yield(f, nil) {
				stopped = true
			}
		}
		for ent := range docs {
			if err := ctx.Err(); err != nil {
				yield(Finding{}, err)
				return
			}
			e.evalEntity(rs, lists, ent, emit)
			if stopped {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(Finding{}, err)
			return
		}
		lists.Eval(func(i int, group string, r eval.Result) {
			emit(e.finding(i, e.targets[i], group, r, inventory.Origin{Index: -1}))
		})
	}
}

// evalEntity judges one entity, calling emit for each finding.
func (e *Evaluator) evalEntity(rs *eval.RuleSet, lists *eval.Lists, ent inventory.Entity, emit func(Finding)) {
	switch {
	case ent.Err != nil:
		emit(Finding{Status: eval.Error, Err: ent.Err, Origin: ent.Origin})
		return
	case ent.NotModelled != "":
		emit(Finding{Status: eval.Skip, NotModelled: ent.NotModelled, Origin: ent.Origin})
		return
	case ent.Ignored != "":
		emit(Finding{Status: eval.Skip, Ignored: ent.Ignored, Origin: ent.Origin})
		return
	}
	d, err := rs.NewDocument(ent.Data)
	if err != nil {
		emit(Finding{Status: eval.Error, Err: err, Origin: ent.Origin})
		return
	}
	// The document's bytes belong to the caller: findings keep copies.
	typ, id := "", ""
	undecidable := ent.Resource != "" && inventory.MayHaveUnknowns(ent.Data)
	rs.EvalDocument(d, func(i int, r eval.Result) {
		if r.Status == eval.Skip {
			return // `where` excluded the entity
		}
		if typ == "" {
			typ, id = strings.Clone(d.Type()), strings.Clone(d.ID())
		}
		if undecidable {
			r = decide(ent.Data, e.paths()[i], r)
		}
		emit(e.finding(i, typ, id, r, ent.Origin))
	})
	if typ == "" {
		// No rule judged it: say so, so that every entity in has a
		// finding out.
		emit(Finding{Type: strings.Clone(d.Type()), ID: strings.Clone(d.ID()), Status: eval.Skip, Origin: ent.Origin})
	}
	lists.AddDocument(d)
}

func (e *Evaluator) finding(i int, typ, id string, r eval.Result, o inventory.Origin) Finding {
	return Finding{Rule: e.rules[i], Bundle: e.owners[i], Type: typ, ID: id,
		Status: r.Status, Evidence: r.Evidence, Err: r.Err, Origin: o}
}

// EvalBytes is Eval over JSON documents given as bytes, e.g. the lines of
// an NDJSON file (bytes.Lines). Each finding's Origin names input and the
// 1-based position of its document in docs as Line, which is its line
// number when docs are the lines of a file. Blank items (empty lines) are
// counted but not evaluated.
func (e *Evaluator) EvalBytes(ctx context.Context, input string, docs iter.Seq[[]byte], opts ...EvalOption) iter.Seq2[Finding, error] {
	ents := func(yield func(inventory.Entity) bool) {
		line := 0
		for doc := range docs {
			line++
			if len(bytes.TrimSpace(doc)) == 0 {
				continue
			}
			if !yield(inventory.Entity{Data: doc, Origin: inventory.Origin{Input: input, Line: line, Index: -1}}) {
				return
			}
		}
	}
	return e.Eval(ctx, ents, opts...)
}

// Decide returns r, the result of a rule that reads paths (lang.EntityPaths)
// on doc, or an Error naming the properties when r is a pass or a fail that
// rests on a value doc does not have: a Terraform plan's value known only
// after apply, a template's known only at deploy time (inventory.Undecided,
// inventory/INPUTS.md). A plan never passes a rule on a value it lacks.
// Documents that list no such value keep r as it is; a caller with many
// results for one document asks inventory.MayHaveUnknowns once first.
func Decide(doc []byte, paths []string, r eval.Result) eval.Result {
	if (r.Status != eval.Pass && r.Status != eval.Fail) || !inventory.MayHaveUnknowns(doc) {
		return r
	}
	return decide(doc, paths, r)
}

// decide is Decide for a document that MayHaveUnknowns has let through.
func decide(doc []byte, paths []string, r eval.Result) eval.Result {
	if r.Status != eval.Pass && r.Status != eval.Fail {
		return r
	}
	if u := inventory.Undecided(doc, paths, r.Status == eval.Pass); len(u) > 0 {
		return eval.Result{Status: eval.Error, Err: fmt.Errorf("%w: %s", ErrUndecided, strings.Join(u, ", "))}
	}
	return r
}

// ErrUndecided is the error of a result Decide turned into an Error.
var ErrUndecided = errors.New("known only after apply or deploy")
