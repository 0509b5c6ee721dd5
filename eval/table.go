package eval

// The path table lets many rules read one document in a single pass.
//
// At set-up, the paths that a group of programs read are merged into a
// trie (tableLayout): one node per property path below the entity, and
// below a node that array operators iterate, an element node under which
// the paths read inside the brackets hang. Each program path maps to a list
// of child offsets from the node of its scope.
//
// Per document, the machine walks the document once along the trie
// (buildTable), and records one entry (trec) per node instance: the value's
// raw slice, where its named children's entries start, and where its
// element entries start. The entries of a node's named children are
// contiguous and in trie order, so a path read is a few index additions;
// the elements of an iterated array are contiguous too. Each object that
// has needed members is scanned once, stopping when all are found.
//
// Programs then read from the table instead of the bytes: a PATH
// instruction whose base value came from the table follows its offsets. A
// value that did not come from the table (a function result, a filtered or
// grouped list, or an array left out because the table is full) is read
// from its raw JSON, with the same result.

import (
	"github.com/tidwall/gjson"
)

// tnode is a node of the path trie.
type tnode struct {
	name   string
	kids   []*tnode
	byName map[string]int32
	elem   *tnode // the elements, when an array operator iterates this node
}

func (n *tnode) child(name string) (*tnode, int32) {
	if i, ok := n.byName[name]; ok {
		return n.kids[i], i
	}
	if n.byName == nil {
		n.byName = map[string]int32{}
	}
	k := &tnode{name: name}
	i := int32(len(n.kids))
	n.kids = append(n.kids, k)
	n.byName[name] = i
	return k, i
}

func (n *tnode) element() *tnode {
	if n.elem == nil {
		n.elem = &tnode{name: "[]"}
	}
	return n.elem
}

// lookup finds the child for a raw (still escaped) object key.
func (n *tnode) lookup(rawKey string) int32 {
	if len(n.kids) <= 4 {
		for i, k := range n.kids {
			if len(k.name) == len(rawKey) && k.name == rawKey {
				return int32(i)
			}
		}
		if !hasBackslash(rawKey) {
			return -1
		}
	} else if i, ok := n.byName[rawKey]; ok {
		return i
	} else if !hasBackslash(rawKey) {
		return -1
	}
	// An escaped key: compare its text.
	for i, k := range n.kids {
		if keyEquals(rawKey, k.name) {
			return int32(i)
		}
	}
	return -1
}

func hasBackslash(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			return true
		}
	}
	return false
}

// tableLayout is the trie of a group of programs and each program's path
// offsets into it.
type tableLayout struct {
	root *tnode
	// offs[i][path] lists, for path `path` of the i-th program, the child
	// offsets from the node of the path's scope; nil when the path is read
	// from raw JSON (its scope is not in the trie).
	offs [][][]int32
	// nodes counts the trie's nodes, the entity included.
	nodes int
}

// newLayout merges the paths of progs into one trie.
func newLayout(progs []*Program) *tableLayout {
	l := &tableLayout{root: &tnode{name: "$"}, offs: make([][][]int32, len(progs))}
	for i, p := range progs {
		l.offs[i] = l.add(p)
	}
	l.nodes = countNodes(l.root)
	return l
}

func countNodes(n *tnode) int {
	c := 1
	for _, k := range n.kids {
		c += countNodes(k)
	}
	if n.elem != nil {
		c += countNodes(n.elem)
	}
	return c
}

// add inserts p's paths and returns their offsets.
func (l *tableLayout) add(p *Program) [][]int32 {
	scopeNode := make([]*tnode, len(p.scopes))
	pathNode := make([]*tnode, len(p.paths))
	offs := make([][]int32, len(p.paths))
	var nodeOfScope func(s int32) *tnode
	var nodeOfPath func(i int32) *tnode
	nodeOfScope = func(s int32) *tnode {
		if s < 0 || int(s) >= len(p.scopes) {
			return nil
		}
		if scopeNode[s] != nil {
			return scopeNode[s]
		}
		var n *tnode
		switch sc := p.scopes[s]; sc.kind {
		case scopeRoot:
			n = l.root
		case scopeElemPath:
			if pn := nodeOfPath(sc.from); pn != nil {
				n = pn.element()
			}
		case scopeElemElem:
			if sn := nodeOfScope(sc.from); sn != nil {
				n = sn.element()
			}
		}
		scopeNode[s] = n
		return n
	}
	nodeOfPath = func(i int32) *tnode {
		if pathNode[i] != nil {
			return pathNode[i]
		}
		ps := p.paths[i]
		n := nodeOfScope(ps.scope)
		if n == nil {
			return nil
		}
		o := make([]int32, len(ps.segs))
		for j, s := range ps.segs {
			n, o[j] = n.child(s)
		}
		pathNode[i], offs[i] = n, o
		return n
	}
	for i := range p.paths {
		nodeOfPath(int32(i))
	}
	for s := range p.scopes {
		nodeOfScope(int32(s))
	}
	return offs
}

// Entry states for trec.kids and trec.elems.
const (
	noEntries  = -1 // the value has none (not an object; nothing to iterate)
	notInTable = -2 // not recorded (the table was full): read the raw JSON
)

// maxTableEntries bounds the entries one document may add to a table.
// Past it, arrays are left out and read from raw JSON.
const maxTableEntries = 1 << 18

// trec is the table entry of one node instance.
type trec struct {
	v     gjson.Result
	kids  int32 // first named-child entry, or noEntries / notInTable
	elems int32 // first element entry, or noEntries / notInTable
	n     int32 // number of element entries
}

// buildTable fills m.recs for the document root along layout l.
func (m *machine) buildTable(l *tableLayout, root gjson.Result) {
	m.recs = append(m.recs[:0], trec{v: root, kids: noEntries, elems: noEntries})
	m.fill(0, l.root)
}

// fill records the children and elements of entry ri, an instance of n.
func (m *machine) fill(ri int32, n *tnode) {
	v := m.recs[ri].v
	if len(n.kids) > 0 && isObject(v) {
		if len(m.recs)+len(n.kids) > maxTableEntries {
			m.recs[ri].kids = notInTable
		} else {
			base := int32(len(m.recs))
			for range n.kids {
				m.recs = append(m.recs, trec{kids: noEntries, elems: noEntries})
			}
			m.recs[ri].kids = base
			found := 0
			it := newMembers(v.Raw)
			for found < len(n.kids) {
				key, raw, ok := it.next()
				if !ok {
					break
				}
				j := n.lookup(key)
				if j < 0 || m.recs[base+j].v.Raw != "" {
					continue // not needed, or a duplicate key: the first one counts
				}
				m.recs[base+j].v = resultOf(raw)
				m.reads++
				found++
			}
			for j, k := range n.kids {
				if len(k.kids) > 0 || k.elem != nil {
					m.fill(base+int32(j), k)
				}
			}
		}
	}
	if n.elem != nil {
		m.fillElements(ri, n.elem)
	}
}

// fillElements records the elements of entry ri.
func (m *machine) fillElements(ri int32, en *tnode) {
	base := int32(len(m.recs))
	it := newElements(m.recs[ri].v)
	for {
		e, ok := it.next()
		if !ok {
			break
		}
		if len(m.recs) >= maxTableEntries {
			m.recs = m.recs[:base]
			m.recs[ri].elems = notInTable
			return
		}
		m.recs = append(m.recs, trec{v: e, kids: noEntries, elems: noEntries})
	}
	end := int32(len(m.recs))
	m.recs[ri].elems = base
	m.recs[ri].n = end - base
	if len(en.kids) > 0 || en.elem != nil {
		for i := base; i < end; i++ {
			m.fill(i, en)
		}
	}
}
