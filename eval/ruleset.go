package eval

import (
	"fmt"
	"time"

	"github.com/gsl-lang/gsl/builtin"
)

// RuleSet is a set of compiled programs indexed by entity type, so that each
// document meets only the rules for its type and its paths are read once.
//
// For each entity type, the paths that the type's rules read are merged
// into one path table layout (see table.go). EvalDoc walks the document
// once along it; the rules then read the table, never the bytes.
//
// A rule that is only `true` or `false` has no entity type: it applies to
// every document, whatever its type, and passes or fails on each.
type RuleSet struct {
	progs []*Program
	set   settings
	// clockErr is set when the clocks given to NewRuleSet and to the
	// programs' Compile disagree: every result is then this Error.
	clockErr error
	byType   map[string]*bucket // entity type (or "List<T>") -> its rules
	lists    map[string][]int   // T -> the List<T> rules, in index order
	consts   []int              // the const rules, in index order
	// types has a kid per key of byType, found by tnode.lookup (cheaper
	// than the map's hash); buckets lists their buckets by kid index.
	types   *tnode
	buckets []*bucket
}

// bucket holds the rules of one entity type.
type bucket struct {
	rules  []int // indices into progs, ascending
	layout *tableLayout
	// progs and list hold, for each of rules, its program and whether it
	// is a List<> rule, so that the per-document loop reads neither
	// RuleSet.progs nor the rule's AST.
	progs []*Program
	list  []bool
}

// NewRuleSet indexes progs. Result indices passed to callbacks are indices
// into progs. opts sets the step budget and the document limits of the
// set's evaluations, in place of the programs' own; nil means the defaults.
// The clock is opts.Now, else the programs' own (see Options.Now), else the
// wall clock at each evaluation. Functions were resolved when the programs
// were compiled and are not read here. A nil program is skipped for every
// document.
func NewRuleSet(progs []*Program, opts *Options) *RuleSet {
	rs := &RuleSet{
		progs:  progs,
		byType: map[string]*bucket{},
		lists:  map[string][]int{},
	}
	rs.setOptions(opts)
	members := map[string][]*Program{}
	for i, p := range progs {
		if p == nil {
			continue
		}
		if p.target == "" {
			rs.consts = append(rs.consts, i)
			continue
		}
		b := rs.byType[p.target]
		if b == nil {
			b = &bucket{}
			rs.byType[p.target] = b
		}
		b.rules = append(b.rules, i)
		b.progs = append(b.progs, p)
		b.list = append(b.list, p.IsList())
		members[p.target] = append(members[p.target], p)
		if p.IsList() {
			t := p.rule.Target.Type
			rs.lists[t] = append(rs.lists[t], i)
		}
	}
	rs.types = &tnode{}
	for t, b := range rs.byType {
		b.layout = newLayout(members[t], false)
		rs.types.child(t)
		rs.buckets = append(rs.buckets, b)
	}
	rs.types.index(new([]*tnode))
	return rs
}

// With returns a rule set with the programs and indexes of rs (shared, so
// this is cheap) that evaluates under opts instead: its clock, step
// budget, document limits, NoEvidence and OnlyApplicable, resolved as
// NewRuleSet resolves them. It lets a service that compiles once give each
// evaluation its own clock and limits.
func (rs *RuleSet) With(opts *Options) *RuleSet {
	c := *rs
	c.setOptions(opts)
	return &c
}

// setOptions resolves the run-time settings of rs from opts and from the
// clocks its programs were compiled with.
func (rs *RuleSet) setOptions(opts *Options) {
	rs.set, rs.clockErr = resolve(opts), nil
	given := "NewRuleSet"
	for i, p := range rs.progs {
		switch {
		case p == nil || p.set.now.IsZero() || p.set.now.Equal(rs.set.now):
		case rs.set.now.IsZero():
			rs.set.now, given = p.set.now, fmt.Sprintf("the Compile of rule %d", i)
		default:
			rs.clockErr = fmt.Errorf("%w: rule %d was compiled with Now %s but %s was given Now %s; give the clock in one place",
				ErrClockConflict, i, p.set.now.Format(time.RFC3339Nano), given, rs.set.now.Format(time.RFC3339Nano))
			return
		}
	}
}

// bucket returns the bucket of entity type t, nil when no rule targets it.
func (rs *RuleSet) bucket(t string) *bucket {
	if i := rs.types.lookup(t, false); i >= 0 {
		return rs.buckets[i]
	}
	return nil
}

// Programs returns the programs of the set, in index order.
func (rs *RuleSet) Programs() []*Program { return rs.progs }

// EvalDoc evaluates every non-List rule over doc and calls emit once per
// rule, in index order: rules for other entity types get Skip (unless
// Options.OnlyApplicable is set: then they are not called). List<> rules
// are not called here (see Lists). The error reports a document that cannot
// be evaluated at all (invalid JSON, over the limits, not an object, no
// "type"); emit is then not called. EvalDoc is safe for concurrent use.
func (rs *RuleSet) EvalDoc(doc []byte, emit func(rule int, r Result)) error {
	m := getMachine()
	var d Document
	err := d.init(doc, rs.set.maxSize, rs.set.maxDepth, m.members)
	m.members = d.members
	m.docSize = max(m.docSize, len(doc))
	if err != nil {
		putMachine(m)
		return err
	}
	rs.evalDocument(m, &d, rs.set.at(), emit)
	putMachine(m)
	return nil
}

// EvalDocument is EvalDoc over a prepared document.
func (rs *RuleSet) EvalDocument(d *Document, emit func(rule int, r Result)) {
	m := getMachine()
	defer putMachine(m)
	rs.evalDocument(m, d, rs.set.at(), emit)
}

// evalDocument runs the rules over d under set, whose clock is fixed.
func (rs *RuleSet) evalDocument(m *machine, d *Document, set settings, emit func(rule int, r Result)) {
	if rs.clockErr != nil {
		for i, p := range rs.progs {
			if p != nil && !p.IsList() && (!set.onlyApplicable || p.target == "" || p.target == d.typ) {
				emit(i, Result{Status: Error, Err: rs.clockErr})
			}
		}
		return
	}
	b := rs.bucket(d.typ)
	var l *tableLayout
	if b != nil {
		l = b.layout
	}
	tab := m.startDocument(l, d)
	if set.onlyApplicable {
		rs.evalApplicable(m, d, b, tab, set, emit)
		return
	}
	k := 0
	for i, p := range rs.progs {
		switch {
		case p == nil:
			emit(i, Result{Status: Skip})
		case p.IsList():
			if b != nil && k < len(b.rules) && b.rules[k] == i {
				k++
			}
		case p.target == "":
			emit(i, constResult(p, set))
		case b != nil && k < len(b.rules) && b.rules[k] == i:
			m.offs = nil // without a table, read the raw JSON
			if tab {
				m.offs = b.layout.offs[k]
			}
			k++
			emit(i, runRule(m, p, set))
		default:
			emit(i, Result{Status: Skip})
		}
	}
}

// evalApplicable runs the rules of bucket b (nil when no rule targets the
// document's type) and the const rules, merged in index order.
func (rs *RuleSet) evalApplicable(m *machine, d *Document, b *bucket, tab bool, set settings, emit func(rule int, r Result)) {
	a := applicable{c: rs.consts}
	if b != nil {
		a.rules, a.progs, a.list = b.rules, b.progs, b.list
	}
	for !rs.runApplicable(m, d, b, tab, &set, emit, &a) {
	}
}

// applicable is where evalApplicable is in its rules.
type applicable struct {
	rules []int      // the bucket's rules
	progs []*Program // their programs
	list  []bool     // whether each is a List<> rule
	k     int        // the next of rules
	c     []int      // the const rules left
}

// runApplicable runs the rules of a from where it is, and reports whether
// it got to the end. A rule that panics is reported as an Error and
// runApplicable returns false: the caller resumes with the next rule.
// One deferred recover serves all the rules of a document; a panic out of
// emit is not a rule's and goes on up.
func (rs *RuleSet) runApplicable(m *machine, d *Document, b *bucket, tab bool, set *settings, emit func(rule int, r Result), a *applicable) bool {
	running := -1 // the rule being run, if any
	defer func() {
		if running < 0 {
			return // not a rule's panic (if any): let it go on
		}
		if r := recover(); r != nil {
			m.stack, m.frames = nil, nil
			i := running
			running = -1
			emit(i, rs.progs[i].explainResult(d, *set, Error, fmt.Errorf("%w: %v", ErrInternal, r)))
		}
	}()
	for a.k < len(a.rules) || len(a.c) > 0 {
		if len(a.c) > 0 && (a.k == len(a.rules) || a.c[0] < a.rules[a.k]) {
			i := a.c[0]
			a.c = a.c[1:]
			emit(i, constResult(rs.progs[i], *set))
			continue
		}
		k := a.k
		a.k++
		if a.list[k] {
			continue
		}
		i, p := a.rules[k], a.progs[k]
		m.offs = nil
		if tab {
			m.offs = b.layout.offs[k]
		}
		running = i
		m.env.Now = set.now
		st, err := m.exec(p, 1, set.budget)
		running = -1
		if st == Fail || st == Error {
			emit(i, m.explainResult(p, *set, st, err))
		} else {
			emit(i, Result{Status: st})
		}
	}
	return true
}

// startDocument makes d the document the machine's rules run over (see
// runRule): it sets the entity's root value, which every rule of the
// document shares, and builds the path table of layout l (none when l is
// nil). It reports whether there is a table.
func (m *machine) startDocument(l *tableLayout, d *Document) bool {
	m.rootv = builtin.FromJSON(d.root)
	return l != nil && m.safeBuildTable(l, d)
}

// safeBuildTable builds the path table for d, reporting false (and leaving
// no table) if building it panicked: a last resort, after which the rules
// read the raw JSON.
func (m *machine) safeBuildTable(l *tableLayout, d *Document) (ok bool) {
	defer func() {
		if recover() != nil {
			m.recs, ok = nil, false
		}
	}()
	m.buildTable(l, d)
	return true
}

// runRule runs p over the machine's document through its current table under
// set; the machine must have been given the document by startDocument.
func runRule(m *machine, p *Program, set settings) Result {
	st, err := m.runSafe(p, set)
	if st == Fail || st == Error {
		return m.explainResult(p, set, st, err)
	}
	return Result{Status: st}
}

// runSafe runs p with the machine's table, offsets and root value
// (m.rootv) already set.
func (m *machine) runSafe(p *Program, set settings) (st Status, err error) {
	defer m.rescue(&st, &err)
	m.env.Now = set.now
	return m.exec(p, 1, set.budget)
}

// constResult is the result of a rule that is only `true` or `false`.
func constResult(p *Program, set settings) Result {
	if p.rule.Const {
		return Result{Status: Pass}
	}
	if set.noEvidence {
		return Result{Status: Fail}
	}
	return Result{Status: Fail, Evidence: []Evidence{{Value: "false", Span: p.rule.Span()}}}
}
