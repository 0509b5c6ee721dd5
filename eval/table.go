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
// (buildTable), and records one entry (trec) per node instance: where the
// value's raw text lies in the document, where its named children's
// entries start, and where its element entries start. Entries hold no
// pointers (filling them costs no write barriers), and a value becomes a
// builtin.Value only when an operator needs one: equality, ordering, like
// and truthiness over strings without escapes, integers and booleans are
// decided on the raw text. The entries of a node's named children are
// contiguous and in trie order, so a path read is a few index additions;
// elements are linked in order. Each object that has needed members is
// scanned once, stopping when all are found, and a needed object or array
// met in that scan is filled by the same scan. The elements of an array
// whose extent is already known (a top-level member, an element) are
// recorded as loops reach them, so that a loop that stops early does not
// pay for the rest; each is still recorded, and read, once.
//
// Programs then read from the table instead of the bytes: a PATH
// instruction whose base value came from the table follows its offsets. A
// value that did not come from the table (a function result, a filtered or
// grouped list, or an array left out because the table is full) is read
// from its raw JSON, with the same result.

import (
	"math"
	"slices"
	"strings"
	"unsafe"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// tnode is a node of the path trie.
type tnode struct {
	name    string
	kids    []*tnode
	names   []string         // the kids' names, for lookups
	sigs    []uint32         // keySig of each kid's name, for lookups
	byName  map[string]int32 // the kids by name, once there are more than mappedKids
	lenMask uint64           // bit n set when a kid's name is n bytes long (n < 64), bit 63 for longer names
	elem    *tnode           // the elements, when an array operator iterates this node
	// slots is an open-addressing table of the kids by keyHash (kid
	// index+1, 0 for an empty slot), for nodes with many kids.
	slots []int32
	id    int32 // the node's index in tableLayout.nodeList
}

// hashedKids is the number of kids past which a node looks them up by
// hash rather than one by one.
const hashedKids = 2

// keyHash is a cheap hash of an object key: its length and three of its
// bytes.
func keyHash(s string) uint32 {
	n := len(s)
	if n == 0 {
		return 0
	}
	x := uint64(n) | uint64(s[0])<<8 | uint64(s[n-1])<<16 | uint64(s[n/2])<<24
	return uint32((x * 0x9E3779B97F4A7C15) >> 32)
}

// index builds the lookup tables of n and of the nodes below it, once its
// kids are all added, and numbers them in list.
func (n *tnode) index(list *[]*tnode) {
	n.id = int32(len(*list))
	*list = append(*list, n)
	n.names, n.sigs = n.names[:0], n.sigs[:0]
	for _, k := range n.kids {
		n.names = append(n.names, k.name)
		n.sigs = append(n.sigs, keySig(k.name))
		k.index(list)
	}
	if n.elem != nil {
		n.elem.index(list)
	}
	n.slots = nil
	if len(n.kids) > hashedKids {
		size := 16
		for size < 2*len(n.kids) {
			size *= 2
		}
		n.slots = make([]int32, size)
		mask := uint32(size - 1)
		for i, k := range n.kids {
			h := keyHash(k.name) & mask
			for n.slots[h] != 0 {
				h = (h + 1) & mask
			}
			n.slots[h] = int32(i) + 1
		}
	}
}

func lenBit(n int) uint64 { return 1 << min(n, 63) }

// keySig packs the length of an object key (modulo 2^16) with its first
// and last bytes: keys with different signatures differ.
func keySig(s string) uint32 {
	n := len(s)
	if n == 0 {
		return 0
	}
	return uint32(n&0xffff) | uint32(s[0])<<16 | uint32(s[n-1])<<24
}

func (n *tnode) child(name string) (*tnode, int32) {
	if n.byName != nil {
		if i, ok := n.byName[name]; ok {
			return n.kids[i], i
		}
	} else {
		// Most nodes have a few kids: a scan, without a map to build.
		for i, k := range n.kids {
			if k.name == name {
				return k, int32(i)
			}
		}
	}
	k := &tnode{name: name}
	i := int32(len(n.kids))
	n.kids = append(n.kids, k)
	switch {
	case n.byName != nil:
		n.byName[name] = i
	case len(n.kids) > mappedKids:
		n.byName = make(map[string]int32, 2*len(n.kids))
		for j, kid := range n.kids {
			n.byName[kid.name] = int32(j)
		}
	}
	n.lenMask |= lenBit(len(name))
	return k, i
}

// mappedKids is the number of kids past which child finds a kid by name
// through a map rather than a scan, while the layout is built.
const mappedKids = 8

func (n *tnode) element() *tnode {
	if n.elem == nil {
		n.elem = &tnode{name: "[]"}
	}
	return n.elem
}

// lookup finds the child for a raw object key (still escaped when esc).
func (n *tnode) lookup(rawKey string, esc bool) int32 {
	if esc {
		for i, k := range n.kids {
			if keyEquals(rawKey, k.name) {
				return int32(i)
			}
		}
		return -1
	}
	if n.lenMask&lenBit(len(rawKey)) == 0 {
		return -1 // no kid has a name of that length
	}
	if n.slots == nil {
		sig := keySig(rawKey)
		for i, g := range n.sigs {
			if g == sig && n.names[i] == rawKey {
				return int32(i)
			}
		}
		return -1
	}
	mask := uint32(len(n.slots) - 1)
	for h := keyHash(rawKey) & mask; ; h = (h + 1) & mask {
		i := n.slots[h] - 1
		if i < 0 {
			return -1
		}
		if name := n.names[i]; len(name) == len(rawKey) && name == rawKey {
			return i
		}
	}
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
	// shallow: only the entity's paths are in the trie.
	shallow bool
	// nodeList lists the nodes by id.
	nodeList []*tnode
}

// newLayout merges the paths of progs into one trie. A shallow layout
// holds only the paths read from the entity, not those read inside array
// operators: elements are then iterated and read in the raw JSON, lazily,
// which suits one program whose loops may stop early.
func newLayout(progs []*Program, shallow bool) *tableLayout {
	l := &tableLayout{root: &tnode{name: "$"}, offs: make([][][]int32, len(progs)), shallow: shallow}
	for i, p := range progs {
		l.offs[i] = l.add(p)
	}
	l.nodes = countNodes(l.root)
	l.root.index(&l.nodeList)
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
			if l.shallow {
				break
			}
			if pn := nodeOfPath(sc.from); pn != nil {
				n = pn.element()
			}
		case scopeElemElem:
			if l.shallow {
				break
			}
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
	noEntries  = -1 // kids: not an object. elems: the list is empty
	notInTable = -2 // not recorded (the table was full): read the raw JSON
)

// maxTableEntries bounds the entries one document may add to a table.
// Past it, objects and arrays are left out and read from raw JSON.
const maxTableEntries = 1 << 18

// trec is the table entry of one node instance. It holds no pointers, so
// that filling the table is plain stores (no write barriers): the value is
// the text m.doc[off:off+size], made into a builtin.Value only when a
// program reads it.
type trec struct {
	off   int32 // where the value's raw text starts in m.doc
	size  int32 // its length; 0 when the value is missing
	kids  int32 // first named-child entry, or noEntries / notInTable
	elems int32 // first element entry, or noEntries / notInTable
	next  int32 // an element's next sibling entry, or -1
	last  int32 // the last element entry so far, or -1
	// An array whose extent is known when the table is built has its
	// elements recorded as loops reach them, so that a loop that stops
	// early does not pay for the rest: scan is where its next element
	// starts in m.doc (0 once all are recorded) and node the id of its
	// element node.
	scan int32
	node int32
}

func newRec() trec { return trec{kids: noEntries, elems: notInTable, next: -1, last: -1} }

// raw returns the raw JSON text of entry r, "" when it is missing.
func (m *machine) raw(r int32) string {
	e := &m.recs[r]
	return m.doc[e.off : e.off+e.size]
}

// load stores the value of entry r in dst.
func (m *machine) load(r int32, dst *builtin.Value) { setValue(dst, m.raw(r)) }

// offsetIn returns where sub, a slice of base, starts in base.
func offsetIn(base, sub string) (int, bool) {
	if len(sub) == 0 || len(sub) > len(base) {
		return 0, false
	}
	d := uintptr(unsafe.Pointer(unsafe.StringData(sub))) - uintptr(unsafe.Pointer(unsafe.StringData(base)))
	if d > uintptr(len(base)-len(sub)) {
		return 0, false
	}
	return int(d), true
}

// buildTable fills m.recs for document d along layout l.
func (m *machine) buildTable(l *tableLayout, d *Document) {
	m.docSize = max(m.docSize, len(d.raw))
	m.doc = d.raw
	m.layout = l
	m.recs = append(m.recs[:0], newRec())
	off, ok := offsetIn(d.raw, d.root.Raw)
	if !ok || len(d.raw) > math.MaxInt32 {
		// Offsets do not fit: no table, every path is read from raw JSON.
		m.recs[0].kids = notInTable
		return
	}
	m.recs[0].off, m.recs[0].size = int32(off), int32(len(d.root.Raw))
	n := l.root
	if d.members == nil {
		m.fill(0, n)
		return
	}
	// The top level was indexed when the document was prepared: match its
	// members rather than scan it again.
	if len(n.kids) > 0 {
		base := m.allocKids(0, len(n.kids))
		found := 0
		for k := range d.members {
			mb := &d.members[k]
			j := n.lookup(mb.key, mb.esc)
			if j < 0 || m.recs[base+j].size != 0 {
				continue // not needed, or a repeated key: the first one counts
			}
			off, ok := offsetIn(d.raw, mb.val)
			if !ok {
				m.recs = m.recs[:1] // not expected: read the raw JSON
				m.recs[0].kids = notInTable
				return
			}
			m.recs[base+j].off, m.recs[base+j].size = int32(off), int32(len(mb.val))
			m.tableReads++
			if found++; found == len(n.kids) {
				break
			}
		}
		m.fillKids(base, n)
	}
	if n.elem != nil {
		m.fillElements(0, n.elem)
	}
}

// allocKids appends k child entries for entry ri.
func (m *machine) allocKids(ri int32, k int) int32 {
	base := len(m.recs)
	m.recs = slices.Grow(m.recs, k)[:base+k]
	kids := m.recs[base:]
	for i := range kids {
		kids[i] = newRec()
	}
	m.recs[ri].kids = int32(base)
	return int32(base)
}

// fill records the children and elements of entry ri, an instance of n.
func (m *machine) fill(ri int32, n *tnode) {
	if len(n.kids) > 0 {
		if e := &m.recs[ri]; e.size > 0 && m.doc[e.off] == '{' {
			m.fillMembers(ri, n, int(e.off), false)
		}
	}
	if n.elem != nil {
		m.fillElements(ri, n.elem)
	}
}

// fillKids fills the children of the kids of n, whose entries start at base.
func (m *machine) fillKids(base int32, n *tnode) {
	for j, k := range n.kids {
		if len(k.kids) > 0 || k.elem != nil {
			m.fill(base+int32(j), k)
		}
	}
}

// fillMembers records the members of the object at m.doc[i] that n
// needs, as the children of entry ri, and fills their own children as it
// meets them, so that a needed object or array is scanned once, for its
// extent and its contents together. With needEnd it scans the whole
// object and returns the offset just past it; otherwise it stops once
// every needed member is found.
func (m *machine) fillMembers(ri int32, n *tnode, i int, needEnd bool) int {
	s := m.doc
	if len(m.recs)+len(n.kids) > maxTableEntries {
		m.recs[ri].kids = notInTable
		if needEnd {
			return jsontext.ValueEnd(s, i)
		}
		return 0
	}
	base := m.allocKids(ri, len(n.kids))
	found := 0
	it := newMembers(s, i)
	for found < len(n.kids) {
		key, vstart, esc, ok := it.nextKey()
		if !ok {
			break
		}
		j := n.lookup(key, esc)
		if j < 0 || m.recs[base+j].size != 0 {
			if !it.valueDone(vstart, jsontext.ValueEnd(s, vstart)) {
				break
			}
			continue
		}
		vend := m.fillValue(base+j, n.kids[j], vstart)
		if !it.valueDone(vstart, vend) {
			break
		}
		found++
	}
	end := 0
	if needEnd {
		if found == len(n.kids) {
			end = it.skipRest()
		} else {
			end = it.end()
		}
	}
	if found < len(n.kids) {
		// The kids not found are missing: they have no elements.
		for j, k := range n.kids {
			if k.elem != nil && m.recs[base+int32(j)].size == 0 {
				m.recs[base+int32(j)].elems = noEntries
			}
		}
	}
	return end
}

// fillValue records the value at m.doc[i] in entry ri, an instance of k,
// with its children and elements, and returns the offset just past it.
func (m *machine) fillValue(ri int32, k *tnode, i int) int {
	s := m.doc
	var end int
	switch {
	case s[i] == '[' && k.elem != nil:
		end = m.fillArray(ri, k.elem, i)
	case s[i] == '{' && len(k.kids) > 0:
		end = m.fillMembers(ri, k, i, true)
	default:
		end = jsontext.ValueEnd(s, i)
	}
	if end <= i {
		return end
	}
	m.recs[ri].off, m.recs[ri].size = int32(i), int32(end-i)
	m.tableReads++
	if k.elem != nil && s[i] != '[' {
		m.fillElements(ri, k.elem) // null, or a list of one
	}
	return end
}

// fillElements records the elements of entry ri: one entry per element,
// linked through next, each followed by its own children. The elements of
// an array are recorded as loops reach them (see fillNext).
func (m *machine) fillElements(ri int32, en *tnode) {
	e := m.recs[ri]
	m.recs[ri].elems, m.recs[ri].last = noEntries, -1
	if e.size == 0 {
		return // missing: no elements
	}
	if m.doc[e.off] == '[' {
		m.recs[ri].scan, m.recs[ri].node = e.off+1, en.id
		return
	}
	if m.raw(ri) == "null" {
		return // no elements
	}
	// A scalar or an object is a list of one: itself.
	idx := m.addElement(ri)
	if idx < 0 {
		return
	}
	m.recs[idx].off, m.recs[idx].size = e.off, e.size
	m.fill(idx, en)
}

// fillArray records the elements of the array at m.doc[i] as those of
// entry ri, and returns the offset just past the array. An object element
// is scanned once, for its extent and its members together.
func (m *machine) fillArray(ri int32, en *tnode, i int) int {
	m.recs[ri].elems, m.recs[ri].last = noEntries, -1
	m.recs[ri].scan, m.recs[ri].node = int32(i+1), en.id
	for {
		idx, end := m.fillNext(ri)
		switch {
		case end > 0:
			return end
		case idx < 0: // the table is full
			return jsontext.CloseAfter(m.doc, int(m.recs[ri].scan), 1)
		}
	}
}

// fillNext records the next element of the array of entry ri, whose
// elements are not all recorded yet, and returns its entry, or -1. When
// the array ends (with that element or with none) it also returns the
// offset just past the array, else 0. When the table is full it returns
// -1 and 0: the array's entry is then marked notInTable, and its scan
// tells where the element not recorded starts.
func (m *machine) fillNext(ri int32) (idx int32, arrayEnd int) {
	s := m.doc
	i := jsontext.SkipSpace(s, int(m.recs[ri].scan))
	if i >= len(s) || s[i] == ']' {
		m.recs[ri].scan = 0
		return -1, min(i+1, len(s))
	}
	en := m.layout.nodeList[m.recs[ri].node]
	idx = m.addElement(ri)
	if idx < 0 {
		m.recs[ri].scan = int32(i)
		return -1, 0
	}
	var end int
	if s[i] == '{' && len(en.kids) > 0 {
		end = m.fillMembers(idx, en, i, true)
	} else {
		end = jsontext.ValueEnd(s, i)
	}
	if end <= i {
		m.recs[ri].scan = 0 // malformed: stop
		return idx, len(s)
	}
	m.recs[idx].off, m.recs[idx].size = int32(i), int32(end-i)
	if en.elem != nil {
		m.fillElements(idx, en.elem)
	}
	i = jsontext.SkipSpace(s, end)
	if i < len(s) && s[i] == ',' {
		i++
	}
	m.recs[ri].scan = int32(i)
	return idx, 0
}

// addElement appends an element entry to the list of entry ri. It returns
// -1, marking the list as not in the table, when the table is full.
func (m *machine) addElement(ri int32) int32 {
	if len(m.recs) >= maxTableEntries {
		m.recs[ri].elems = notInTable
		return -1
	}
	idx := int32(len(m.recs))
	m.recs = append(m.recs, newRec())
	if prev := m.recs[ri].last; prev < 0 {
		m.recs[ri].elems = idx
	} else {
		m.recs[prev].next = idx
	}
	m.recs[ri].last = idx
	return idx
}

// setValue stores the value of the raw JSON text raw in r, as resultOf
// reads it, building the common kinds in place.
func setValue(r *builtin.Value, raw string) {
	if raw != "" {
		switch raw[0] {
		case '{', '[':
			*r = builtin.FromJSON(gjson.Result{Type: gjson.JSON, Raw: raw})
			return
		case '"':
			if len(raw) >= 2 && strings.IndexByte(raw, '\\') < 0 {
				*r = builtin.FromJSON(gjson.Result{Type: gjson.String, Raw: raw, Str: raw[1 : len(raw)-1]})
				return
			}
		case 't':
			*r = builtin.FromJSON(gjson.Result{Type: gjson.True, Raw: raw})
			return
		case 'f':
			*r = builtin.FromJSON(gjson.Result{Type: gjson.False, Raw: raw})
			return
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			if f, ok := smallInt(raw); ok {
				*r = builtin.FromJSON(gjson.Result{Type: gjson.Number, Raw: raw, Num: f})
				return
			}
		}
	}
	*r = builtin.FromJSON(resultOf(raw))
}
