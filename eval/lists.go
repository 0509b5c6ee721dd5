package eval

import (
	"slices"

	"github.com/tidwall/gjson"
)

// Lists gathers the documents that List<Type> rules need, grouped by
// accountNumber. It keeps a copy of each document whose type a List<> rule
// of the set names, and nothing else. It is not safe for concurrent use.
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
	rs     *RuleSet
	groups map[string]map[string]*listGroup // type -> account -> its documents
	buf    []member
}

// listGroup is the documents of one type and account.
type listGroup struct {
	items []byte // the documents, comma-separated
	n     int    // how many
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
		l.groups[d.typ] = byAcct
	}
	g := byAcct[acct]
	if g == nil {
		g = &listGroup{}
		byAcct[acct] = g
	}
	if g.n > 0 {
		g.items = append(g.items, ',')
	}
	g.items = append(g.items, d.root.Raw...)
	g.n++
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

// items returns the comma-separated documents of group id of type t.
func (l *Lists) items(t, id string) []byte {
	if g := l.groups[t][id]; g != nil {
		return g.items
	}
	return nil
}

// Eval runs every List<> rule once per account group, calling emit with the
// group's id (the accountNumber, or "*"). The order is deterministic: by
// entity type, then group id, then rule index.
func (l *Lists) Eval(emit func(rule int, group string, r Result)) {
	rs := l.rs
	types := make([]string, 0, len(rs.lists))
	for t := range rs.lists {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		lt := "List<" + t + ">"
		b := rs.byType[lt]
		for _, id := range l.groupIDs(t) {
			raw := listEntity(lt, id, l.items(t, id))
			d := Document{raw: raw, root: gjson.Result{Type: gjson.JSON, Raw: raw}, typ: lt}
			m := getMachine()
			tab := m.safeBuildTable(b.layout, &d)
			for k, i := range b.rules {
				m.offs = nil
				if tab {
					m.offs = b.layout.offs[k]
				}
				emit(i, id, rs.runRule(m, rs.progs[i], &d))
			}
			putMachine(m)
		}
	}
}

// listEntity spells the virtual entity of one group.
func listEntity(typ, id string, items []byte) string {
	b := make([]byte, 0, len(items)+len(typ)+len(id)+40)
	b = append(b, `{"type":`...)
	b = append(b, jsonQuote(typ)...)
	b = append(b, `,"id":`...)
	b = append(b, jsonQuote(id)...)
	b = append(b, `,"items":[`...)
	b = append(b, items...)
	b = append(b, "]}"...)
	return string(b)
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
	raw := listEntity(p.target, group, l.items(p.rule.Target.Type, group))
	d := Document{raw: raw, root: gjson.Result{Type: gjson.JSON, Raw: raw}, typ: p.target}
	tr := p.explain(&d, rs.set, true)
	return tr, true
}
