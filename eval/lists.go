package eval

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// Lists gathers the documents that List<Type> rules need, grouped by
// accountNumber. It keeps a copy of each document whose type a List<> rule
// of the set names, and nothing else. It is not safe for concurrent use
// (Eval itself spreads its work over several goroutines).
//
// A List<Type> rule runs once per group over the virtual entity
//
//	{"type": "List<Type>", "id": "<accountNumber or *>", "items": [...]}
//
// A document's group is its accountNumber, a string or a number taken as
// its text (so "" is a group of its own); documents without one (absent,
// null or another kind of value) form the group "*". When no document of
// the type was added at all, the rule still runs once, over group "*" with
// no items, so that a rule requiring at least one such entity can fail.
type Lists struct {
	rs      *RuleSet
	groups  map[string]map[string]*listGroup // type -> account -> its documents
	buf     []member
	workers int // goroutines of Eval; 0: GOMAXPROCS
}

// listGroup is the documents of one type and account, kept as the text of
// the group's virtual entity without its closing "]}", so that Eval reads
// the entity where it is instead of copying megabytes at the end of a run.
type listGroup struct {
	text   []byte // {"type":...,"id":...,"items":[ then the documents, comma-separated
	n      int    // how many
	sealed bool   // entity returned a string over text: copy it before adding
}

// listTail closes a group's virtual entity.
const listTail = "]}"

func newListGroup(typ, id string) *listGroup {
	g := &listGroup{}
	g.text = append(g.text, `{"type":`...)
	g.text = jsontext.AppendString(g.text, "List<"+typ+">")
	g.text = append(g.text, `,"id":`...)
	g.text = jsontext.AppendString(g.text, id)
	g.text = append(g.text, `,"items":[`...)
	return g
}

// add appends the text of a document, keeping room for listTail.
func (g *listGroup) add(doc string) {
	need := len(doc) + 1 + len(listTail)
	if g.sealed {
		// A string returned by entity reads the bytes past text.
		g.text = append(make([]byte, 0, 2*len(g.text)+need), g.text...)
		g.sealed = false
	}
	g.text = slices.Grow(g.text, need)
	if g.n > 0 {
		g.text = append(g.text, ',')
	}
	g.text = append(g.text, doc...)
	g.n++
}

// entity returns the group's virtual entity, which shares g's storage.
func (g *listGroup) entity() string {
	t := append(slices.Grow(g.text, len(listTail)), listTail...)
	g.text = t[:len(t)-len(listTail)]
	g.sealed = true
	return unsafe.String(unsafe.SliceData(t), len(t))
}

// ListGroup describes one group a List<> rule runs over.
type ListGroup struct {
	ID    string // the accountNumber, or "*"
	Count int    // the documents in the group
}

// NewLists starts an empty collection for rs.
func (rs *RuleSet) NewLists() *Lists {
	return &Lists{rs: rs, groups: map[string]map[string]*listGroup{}}
}

// Add keeps (a copy of) doc if a List<> rule of rs needs its type. Documents
// that cannot be evaluated (see EvalDoc) are ignored.
func (l *Lists) Add(doc []byte) {
	if len(l.rs.lists) == 0 {
		return
	}
	var d Document
	// Two levels are kept for the virtual entity's object and items array.
	err := d.init(doc, l.rs.set.maxSize, max(l.rs.set.maxDepth-2, 1), l.buf)
	l.buf = d.members
	if err == nil {
		l.AddDocument(&d)
	}
}

// AddDocument is Add for a prepared document, copied if kept: a caller that
// evaluates each document with RuleSet.EvalDocument validates it only once.
func (l *Lists) AddDocument(d *Document) {
	if _, ok := l.rs.lists[d.typ]; !ok {
		return
	}
	acct := "*"
	switch a := d.member("accountNumber"); a.Type {
	case gjson.String:
		acct = cloneString(a.Str)
	case gjson.Number:
		acct = cloneString(a.Raw)
	}
	byAcct := l.groups[d.typ]
	if byAcct == nil {
		byAcct = map[string]*listGroup{}
		// d.typ reads the caller's bytes, which may be reused.
		l.groups[strings.Clone(d.typ)] = byAcct
	}
	g := byAcct[acct]
	if g == nil {
		g = newListGroup(d.typ, acct)
		byAcct[acct] = g
	}
	g.add(d.root.Raw)
}

// groupIDs returns the ids of the groups of documents of type t, in the
// order rules run over them: sorted, and ["*"] when there are none.
func (l *Lists) groupIDs(t string) []string {
	groups := l.groups[t]
	if len(groups) == 0 {
		return []string{"*"}
	}
	ids := make([]string, 0, len(groups))
	for id := range groups {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// entity returns the virtual entity of group id of type t.
func (l *Lists) entity(t, id string) string {
	g := l.groups[t][id]
	if g == nil {
		g = newListGroup(t, id) // a type without documents: group "*", no items
	}
	return g.entity()
}

// SetWorkers sets how many goroutines Eval runs the groups on: n < 1 means
// GOMAXPROCS (the default), 1 runs them on the caller's goroutine.
func (l *Lists) SetWorkers(n int) { l.workers = n }

// listJob is one (type, group) that Eval runs the type's List<> rules over.
type listJob struct {
	t, id string
	raw   string // the group's virtual entity
	b     *bucket
	out   []Result // by position in b.rules, once run
}

// Eval runs every List<> rule once per account group, calling emit with the
// group's id (the accountNumber, or "*"). The order is deterministic: by
// entity type, then group id, then rule index. The groups are evaluated on
// several goroutines (see SetWorkers); emit is always called on the
// caller's goroutine, after every group has run.
func (l *Lists) Eval(emit func(rule int, group string, r Result)) {
	rs := l.rs
	types := make([]string, 0, len(rs.lists))
	for t := range rs.lists {
		types = append(types, t)
	}
	slices.Sort(types)
	var jobs []*listJob
	for _, t := range types {
		b := rs.byType["List<"+t+">"]
		for _, id := range l.groupIDs(t) {
			jobs = append(jobs, &listJob{t: t, id: id, raw: l.entity(t, id), b: b})
		}
	}
	set := rs.set.at()
	workers := l.workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(jobs))
	if workers <= 1 {
		for _, j := range jobs {
			l.run(j, set)
			l.emitJob(j, emit)
		}
		return
	}
	// The largest groups go first, so that the last to finish are small.
	order := slices.Clone(jobs)
	slices.SortStableFunc(order, func(a, b *listJob) int { return len(b.raw) - len(a.raw) })
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(order) {
					return
				}
				l.run(order[i], set)
			}
		})
	}
	wg.Wait()
	for _, j := range jobs {
		l.emitJob(j, emit)
	}
}

// run evaluates the List<> rules of job j over its group's virtual entity.
// It only reads l, so jobs may run concurrently.
func (l *Lists) run(j *listJob, set settings) {
	rs := l.rs
	d := Document{raw: j.raw, root: gjson.Result{Type: gjson.JSON, Raw: j.raw}, typ: "List<" + j.t + ">"}
	m := getMachine()
	tab := m.startDocument(j.b.layout, &d)
	j.out = make([]Result, len(j.b.rules))
	for k, i := range j.b.rules {
		m.offs = nil
		if tab {
			m.offs = j.b.layout.offs[k]
		}
		if rs.clockErr != nil {
			j.out[k] = Result{Status: Error, Err: rs.clockErr}
			continue
		}
		j.out[k] = runRule(m, rs.progs[i], set)
	}
	putMachine(m)
}

// emitJob reports the results of a job that has run and lets them go.
func (l *Lists) emitJob(j *listJob, emit func(rule int, group string, r Result)) {
	for k, i := range j.b.rules {
		emit(i, j.id, j.out[k])
	}
	j.out = nil
}

// listRule returns rule's program when it is a List<> rule of the set.
func (l *Lists) listRule(rule int) (*Program, bool) {
	progs := l.rs.progs
	if rule < 0 || rule >= len(progs) || progs[rule] == nil || !progs[rule].IsList() {
		return nil, false
	}
	return progs[rule], true
}

// Groups returns the groups that List<> rule `rule` runs over, in the
// order Eval runs them, with the number of documents in each: one group
// "*" with no documents when none of the rule's type was added. It returns
// nil when rule is not a List<> rule of the set.
func (l *Lists) Groups(rule int) []ListGroup {
	p, ok := l.listRule(rule)
	if !ok {
		return nil
	}
	t := p.rule.Target.Type
	ids := l.groupIDs(t)
	out := make([]ListGroup, len(ids))
	for i, id := range ids {
		out[i] = ListGroup{ID: id}
		if g := l.groups[t][id]; g != nil {
			out[i].Count = g.n
		}
	}
	return out
}

// Explain traces List<> rule `rule` over the group `group` (an id that
// Eval or Groups reported), for `gslcheck explain`. It reports false when
// rule is not a List<> rule of the set.
func (l *Lists) Explain(rule int, group string) (*Trace, bool) {
	p, ok := l.listRule(rule)
	if !ok {
		return nil, false
	}
	rs := l.rs
	raw := l.entity(p.rule.Target.Type, group)
	d := Document{raw: raw, root: gjson.Result{Type: gjson.JSON, Raw: raw}, typ: p.target}
	tr := p.record(&d, rs.set.at(), true)
	return tr, true
}
