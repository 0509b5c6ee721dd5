package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/operator"
	"github.com/tidwall/gjson"
)

// val is a value on the VM stack. v points to where the value lives: a
// constant of the program, a shared value (missing, null, true, false),
// the current element of a loop frame, or the machine's slot for that
// stack position. rec is the index+1 of the value's path-table entry when
// it came from the table, else 0. A value read from the table has a nil v
// until an operator needs it as a builtin.Value (see machine.deref): paths
// read below it go through the table, and equality with a string or
// boolean constant is decided on its raw text. Pointers keep the stack
// small: JSON values are never copied while the program runs.
type val struct {
	v   *builtin.Value
	rec int32
}

// Values that computed results can point to. They are never written.
var (
	missingValue = builtin.MissingValue()
	nullValue    = builtin.NullValue()
	trueValue    = builtin.BoolValue(true)
	falseValue   = builtin.BoolValue(false)
)

func boolVal(b bool) val {
	if b {
		return val{v: &trueValue}
	}
	return val{v: &falseValue}
}

// frame is the state of one running array-operator loop.
type frame struct {
	op    opcode
	exit  int32 // where to go when the loop is decided
	start int32 // the loop's NEXT
	count int32 // elements that passed (ONE, COUNT)

	tab  bool  // iterating table entries rather than raw JSON
	list int32 // table iteration: the list's entry
	i    int32 // table iteration: the current element entry, -1 before the first
	it   elements
	cur  val           // the current element
	curv builtin.Value // its storage when it was read from raw JSON
	out  []byte        // COLLECT: the array being built
}

// machine is the reusable state of one evaluation: a goroutine takes one
// from the pool for the duration of a call.
type machine struct {
	stack  []val
	slots  []builtin.Value // storage for computed values, by stack position
	frames []frame
	args   []builtin.Value
	env    builtin.Env
	rootv  builtin.Value

	recs    []trec       // the path table, when evaluating through one
	layout  *tableLayout // the layout it was built along
	doc     string       // the text of the document the table was built for
	offs    [][]int32    // the running program's offsets into it
	members []member     // buffer for the document index
	docSize int          // size of the largest document this use has seen

	// Path reads while evaluating one document, for tests: values found
	// while filling the path table, and paths read from raw JSON.
	tableReads, rawReads int

	// rec, when set, makes exec run the program's recording copy and
	// report each instruction to it before running it. It points to
	// recorder, which keeps its buffers with the machine.
	rec      *recorder
	recorder recorder
}

var machines = sync.Pool{New: func() any { return new(machine) }}

func getMachine() *machine { return machines.Get().(*machine) }

// readsHook, when set (by tests), receives the path reads of each
// document evaluation.
var readsHook func(table, raw int)

func putMachine(m *machine) {
	if readsHook != nil {
		readsHook(m.tableReads, m.rawReads)
	}
	m.tableReads, m.rawReads = 0, 0
	m.offs = nil
	m.members = m.members[:0]
	if cap(m.recs) > maxTableEntries/4 {
		m.recs = nil
	} else {
		m.recs = m.recs[:0]
	}
	// Everything the machine holds is overwritten before it is read again,
	// but it may alias the last document: after a large one, drop those
	// references so that the pool does not keep the document alive.
	if m.docSize > largeDocument {
		clear(m.stack)
		clear(m.slots)
		clear(m.frames)
		clear(m.args)
		clear(m.members[:cap(m.members)])
	}
	m.rootv = builtin.Value{}
	// The functions' caches (builtin.Env) serve the rules of one
	// document: drop them with the document.
	m.env = builtin.Env{}
	m.doc = ""
	m.layout = nil
	m.docSize = 0
	m.rec = nil
	machines.Put(m)
}

// largeDocument is the size past which a pooled machine forgets the
// document it evaluated.
const largeDocument = 64 << 10

// run executes p over the entity root (with rec 1 when the path table
// holds it). It returns Pass, Fail or Skip, or Error with the reason.
func (m *machine) run(p *Program, root builtin.Value, rec int32, budget int) (Status, error) {
	m.rootv = root
	return m.exec(p, rec, budget)
}

// exec is run over the root value the caller stored in m.rootv, so that
// the rules of one document share it.
func (m *machine) exec(p *Program, rec int32, budget int) (Status, error) {
	if len(m.stack) < p.maxStack {
		m.stack = make([]val, p.maxStack)
		m.slots = make([]builtin.Value, p.maxStack)
	}
	if len(m.frames) < p.maxLoops {
		m.frames = make([]frame, p.maxLoops)
	}
	rootVal := val{v: &m.rootv, rec: rec}
	stack, slots, frames := m.stack, m.slots, m.frames
	code := p.code
	if m.rec != nil {
		code = p.rcode
	}
	sp, nf := 0, 0
	acc := false
	steps := 0
	for pc := 0; ; {
		if uint(pc) >= uint(len(code)) {
			return Error, fmt.Errorf("%w: fell off the end of the program", ErrInternal)
		}
		in := code[pc]
		pc++
	dispatch:
		switch in.op {
		case opPath:
			base := &rootVal
			if nf > 0 {
				base = &frames[nf-1].cur
			}
			m.readPath(p, in.arg, base, &stack[sp], &slots[sp])
			sp++
		case opElem:
			if nf > 0 {
				stack[sp] = frames[nf-1].cur
			} else {
				stack[sp] = rootVal
			}
			sp++
		case opConst:
			stack[sp] = val{v: &p.consts[in.arg]}
			sp++
		case opCall:
			if steps++; steps > budget {
				return Error, budgetError(budget)
			}
			site := &p.calls[in.arg]
			n := site.nargs
			args := m.args[:0]
			for i := sp - n; i < sp; i++ {
				args = append(args, *m.deref(stack, slots, i))
			}
			m.args = args
			sp -= n
			res, err := site.fn.Impl(&m.env, *m.deref(stack, slots, sp-1), args)
			if err != nil {
				return Error, funcError(site.fn.Name, err)
			}
			slots[sp-1] = res
			stack[sp-1] = val{v: &slots[sp-1]}
		case opAcc:
			stack[sp] = boolVal(acc)
			sp++
		case opGroup:
			g, n := group(p, in.arg, *m.deref(stack, slots, sp-1))
			if steps += n; steps > budget {
				return Error, budgetError(budget)
			}
			slots[sp-1] = g
			stack[sp-1] = val{v: &slots[sp-1]}

		case opEq:
			sp -= 2
			acc = equal(m.deref(stack, slots, sp), m.deref(stack, slots, sp+1))
		case opNe:
			sp -= 2
			acc = !equal(m.deref(stack, slots, sp), m.deref(stack, slots, sp+1))
		case opLt, opGt, opLe, opGe:
			sp -= 2
			acc = ordered(in.op, m.deref(stack, slots, sp), m.deref(stack, slots, sp+1))
		case opEqK:
			sp--
			acc = m.equalK(stack, slots, sp, &p.consts[in.arg])
		case opNeK:
			sp--
			acc = !m.equalK(stack, slots, sp, &p.consts[in.arg])
		case opLtK, opGtK, opLeK, opGeK:
			sp--
			acc = m.orderedK(in.op-(opEqK-opEq), stack, slots, sp, &p.consts[in.arg])
		case opLike:
			sp--
			if str, isStr, ok := m.stringOperand(stack, sp); ok {
				acc = isStr && p.likes[in.arg].Match(str) // not a string: no match
			} else {
				acc = p.likes[in.arg].MatchValue(*m.deref(stack, slots, sp))
			}
		case opRegex:
			sp--
			if str, isStr, ok := m.stringOperand(stack, sp); ok {
				acc = isStr && p.regexes[in.arg].MatchString(str) // not a string: no match
			} else {
				acc = operator.MatchRegexp(p.regexes[in.arg], *m.deref(stack, slots, sp))
			}
		case opIn:
			sp--
			acc = m.inListK(stack, slots, sp, p.lists[in.arg])
		case opTruthy:
			sp--
			acc = m.truthy(stack, slots, sp)
		case opNot:
			acc = !acc
		case opSet:
			acc = in.arg != 0

		case opJmpF:
			if !acc {
				pc = int(in.arg)
			}
		case opJmpT:
			if acc {
				pc = int(in.arg)
			}

		case opAny, opAll, opNone, opOne, opCount, opCollect:
			sp--
			f := &frames[nf]
			nf++
			*f = frame{op: in.op, exit: in.arg, start: int32(pc)}
			m.startLoop(f, stack[sp])
		case opNext:
			f := &frames[nf-1]
			if m.advance(f) {
				if steps++; steps > budget {
					return Error, budgetError(budget)
				}
				continue
			}
			nf--
			pc = int(f.exit)
			switch f.op {
			case opAny:
				acc = false
			case opAll, opNone:
				acc = true
			case opOne:
				acc = f.count == 1
			case opCount:
				slots[sp] = builtin.NumberValue(float64(f.count))
				stack[sp] = val{v: &slots[sp]}
				sp++
			case opCollect:
				slots[sp] = f.collected()
				stack[sp] = val{v: &slots[sp]}
				sp++
			}
		case opStep:
			f := &frames[nf-1]
			done := false
			switch f.op {
			case opAny:
				done = acc
			case opAll:
				done = !acc
			case opNone:
				if acc {
					done, acc = true, false
				}
			case opOne:
				if acc {
					f.count++
					if f.count > 1 {
						done, acc = true, false
					}
				}
			case opCount:
				if acc {
					f.count++
				}
			case opCollect:
				if acc {
					f.add(*m.current(f).v)
				}
			}
			if done {
				nf--
				pc = int(f.exit)
			} else {
				pc = int(f.start)
			}

		case opRet:
			if acc {
				return Pass, nil
			}
			return Fail, nil
		case opSkip:
			return Skip, nil
		default:
			if in.op&opRecord != 0 {
				in.op &^= opRecord
				m.rec.step(m, pc-1, sp, nf, acc)
				goto dispatch
			}
			return Error, fmt.Errorf("%w: bad opcode %d at %d", ErrInternal, in.op, pc-1)
		}
	}
}

// equal is builtin.Equal(*a, *b), deciding the common cases in place
// (strings, booleans, null, missing, integers written in the JSON text)
// without copying the values.
func equal(a, b *builtin.Value) bool {
	ka, kb := a.Kind(), b.Kind()
	if ka == kb {
		switch ka {
		case builtin.String:
			return a.Str() == b.Str()
		case builtin.Bool:
			return a.Bool() == b.Bool()
		case builtin.Null:
			return true
		case builtin.Missing:
			return false
		case builtin.Number:
			if x, ok := rawInt(a.Raw()); ok {
				if y, ok := rawInt(b.Raw()); ok {
					return x == y
				}
			}
		case builtin.Array, builtin.Object:
			// The same JSON text is the same value (deep equality is
			// reflexive), and comparing the text costs nothing when both
			// sides read the same bytes, as `volumes = volumes` does: the
			// bundles' way of asking whether a list was collected.
			if r := a.Raw(); r != "" && r == b.Raw() {
				return true
			}
		}
	} else if ka == builtin.Missing || kb == builtin.Missing {
		return false
	}
	return builtin.Equal(*a, *b)
}

// inList is `*v in (list)`: builtin.Equal to some element of list.
func inList(v *builtin.Value, list []builtin.Value) bool {
	if v.Kind() == builtin.Missing {
		return false
	}
	for i := range list {
		if equal(v, &list[i]) {
			return true
		}
	}
	return false
}

// ordered is compareHolds(op, *a, *b) for the ordering opcodes (LT, GT,
// LE, GE), deciding two strings or two integers written in the JSON text
// in place.
func ordered(op opcode, a, b *builtin.Value) bool {
	ka, kb := a.Kind(), b.Kind()
	var c int
	switch {
	case ka == builtin.String && kb == builtin.String:
		c = strings.Compare(a.Str(), b.Str())
	case ka == builtin.Number && kb == builtin.Number:
		x, okx := rawInt(a.Raw())
		y, oky := rawInt(b.Raw())
		if !okx || !oky {
			return compareHolds(op, *a, *b)
		}
		c = cmpInt(x, y)
	default:
		return compareHolds(op, *a, *b)
	}
	return orderHolds(op, c)
}

func cmpInt(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// rawInt reads the raw text of a number that is an integer of at most 18
// digits, optionally negative: the exact value builtin compares such a
// number by.
func rawInt(raw string) (int64, bool) {
	n, neg, ok := decimal(raw, 18)
	if neg {
		return -int64(n), ok
	}
	return int64(n), ok
}

// readPath reads path i of p from base into dst: through the table when
// base came from it, else from raw JSON into slot.
func (m *machine) readPath(p *Program, i int32, base, dst *val, slot *builtin.Value) {
	if base.rec != 0 && m.offs != nil {
		if offs := m.offs[i]; offs != nil {
			r := base.rec - 1
			for _, o := range offs {
				k := m.recs[r].kids
				if k < 0 {
					if k == noEntries {
						*dst = val{v: &missingValue}
						return
					}
					goto raw
				}
				r = k + o
			}
			*dst = val{rec: r + 1} // loaded by deref when needed
			return
		}
	}
raw:
	m.rawReads++
	var b gjson.Result
	if base.v != nil {
		b = base.v.JSON()
	} else {
		b = resultOf(m.raw(base.rec - 1)) // a table entry not loaded yet
	}
	*slot = builtin.FromJSON(p.paths[i].read(b))
	*dst = val{v: slot}
}

// startLoop points f at the elements of list.
func (m *machine) startLoop(f *frame, list val) {
	if list.rec != 0 && m.offs != nil {
		if r := &m.recs[list.rec-1]; r.elems != notInTable {
			f.tab, f.list, f.i = true, list.rec-1, -1
			return
		}
	}
	if list.v == nil {
		f.it = newElements(resultOf(m.raw(list.rec - 1)))
		return
	}
	f.it = newElements(list.v.JSON())
}

// advance loads f's next element; false when none is left.
func (m *machine) advance(f *frame) bool {
	if f.tab {
		var idx int32
		if f.i < 0 {
			idx = m.recs[f.list].elems
		} else {
			idx = m.recs[f.i].next
		}
		if idx < 0 && m.recs[f.list].scan > 0 {
			idx, _ = m.fillNext(f.list)
			if idx < 0 && m.recs[f.list].elems == notInTable {
				// The table is full: go on in the raw JSON.
				f.tab = false
				f.it = elements{s: m.doc, i: int(m.recs[f.list].scan)}
				return m.advance(f)
			}
		}
		if idx < 0 {
			return false
		}
		f.i = idx
		f.cur = val{rec: idx + 1} // loaded by current when needed
		return true
	}
	e, ok := f.it.next()
	if !ok {
		return false
	}
	f.curv = builtin.FromJSON(e)
	f.cur = val{v: &f.curv}
	return true
}

// deref returns the value of stack[i], loading it from the path table
// into slots[i] if it is not loaded yet.
func (m *machine) deref(stack []val, slots []builtin.Value, i int) *builtin.Value {
	if v := stack[i].v; v != nil {
		return v
	}
	v := m.entryValue(stack[i].rec-1, &slots[i])
	stack[i].v = v
	return v
}

// equalK is equal(stack[i], k) for a constant k, deciding a string or
// boolean constant against a value not yet loaded from the path table by
// its raw text.
func (m *machine) equalK(stack []val, slots []builtin.Value, i int, k *builtin.Value) bool {
	if stack[i].v == nil {
		if eq, ok := rawEqual(m.raw(stack[i].rec-1), k); ok {
			return eq
		}
	}
	return equal(m.deref(stack, slots, i), k)
}

// inListK is inList(stack[i], list) for a list of constants, deciding
// by raw text as equalK does.
func (m *machine) inListK(stack []val, slots []builtin.Value, i int, list []builtin.Value) bool {
	if stack[i].v == nil {
		raw := m.raw(stack[i].rec - 1)
		decided := true
		for j := range list {
			eq, ok := rawEqual(raw, &list[j])
			if eq {
				return true
			}
			decided = decided && ok
		}
		if decided {
			return false
		}
	}
	return inList(m.deref(stack, slots, i), list)
}

// orderedK is ordered(op, stack[i], k) for a constant k, deciding a
// value not yet loaded from the path table by its raw text when it is an
// integer against an integer, or a string without escapes against a
// string.
func (m *machine) orderedK(op opcode, stack []val, slots []builtin.Value, i int, k *builtin.Value) bool {
	if raw, ok := m.unloaded(stack, i); ok {
		var c int
		decided := false
		switch k.Kind() {
		case builtin.Number:
			if x, ok := rawInt(raw); ok {
				if y, ok := rawInt(k.Raw()); ok {
					c, decided = cmpInt(x, y), true
				}
			}
		case builtin.String:
			if body, ok := plainString(raw); ok {
				c, decided = strings.Compare(body, k.Str()), true
			}
		}
		if decided {
			return orderHolds(op, c)
		}
	}
	return ordered(op, m.deref(stack, slots, i), k)
}

// truthy is operator.Truthy(stack[i]), deciding a string without escapes
// not yet loaded from the path table by its raw text.
func (m *machine) truthy(stack []val, slots []builtin.Value, i int) bool {
	if raw, ok := m.unloaded(stack, i); ok {
		if body, ok := plainString(raw); ok {
			return body != "" && !strings.EqualFold(body, "false")
		}
	}
	return operator.Truthy(*m.deref(stack, slots, i))
}

// unloaded returns the raw JSON text of stack[i] when it is a path-table
// value not loaded yet ("" when missing).
func (m *machine) unloaded(stack []val, i int) (string, bool) {
	if stack[i].v != nil {
		return "", false
	}
	return m.raw(stack[i].rec - 1), true
}

// plainString returns the text of raw when it is a JSON string without
// escapes.
func plainString(raw string) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	if strings.IndexByte(body, '\\') >= 0 {
		return "", false
	}
	return body, true
}

// stringOperand reads stack[i] for an operator that only matches
// strings, when it is a path-table value not loaded yet: ok reports that
// its raw text decides, isStr whether it is a string, and s is its text.
// A string with escapes does not decide.
func (m *machine) stringOperand(stack []val, i int) (s string, isStr, ok bool) {
	raw, ok := m.unloaded(stack, i)
	switch {
	case !ok:
		return "", false, false
	case raw == "" || raw[0] != '"':
		return "", false, true // missing, or not a string
	}
	s, ok = plainString(raw)
	return s, ok, ok
}

// rawEqual decides builtin.Equal between the value of the raw JSON text
// raw and a string or boolean k when it can without building the value:
// a string against a string unless its text is longer than k and holds an
// escape, a boolean against a boolean. It reports false in ok when it
// cannot.
func rawEqual(raw string, k *builtin.Value) (eq, ok bool) {
	switch k.Kind() {
	case builtin.String:
		if len(raw) < 2 || raw[0] != '"' {
			return false, false
		}
		// Each escape stands for fewer bytes than it is written with, so
		// a string with escapes is shorter than its text: a text no
		// longer than k decides without looking for escapes.
		body, ks := raw[1:len(raw)-1], k.Str()
		switch {
		case len(body) < len(ks):
			return false, true
		case len(body) == len(ks):
			// Equal texts are equal strings unless they hold an escape,
			// which would make raw's value shorter than k.
			return body == ks && strings.IndexByte(ks, '\\') < 0, true
		case strings.IndexByte(body, '\\') < 0:
			return false, true
		}
		return false, false
	case builtin.Bool:
		switch raw {
		case "true":
			return k.Bool(), true
		case "false":
			return !k.Bool(), true
		}
	}
	return false, false
}

// entryValue returns the value of table entry r: a shared value for
// missing, null and the booleans, else the value loaded into slot.
func (m *machine) entryValue(r int32, slot *builtin.Value) *builtin.Value {
	switch raw := m.raw(r); {
	case raw == "":
		return &missingValue
	case raw == "true":
		return &trueValue
	case raw == "false":
		return &falseValue
	case raw == "null":
		return &nullValue
	default:
		setValue(slot, raw)
		return slot
	}
}

// current returns f's current element, loading it from the table if
// it is not loaded yet: paths read from an element go through the table
// and do not need it.
func (m *machine) current(f *frame) val {
	if f.cur.v == nil {
		m.load(f.cur.rec-1, &f.curv)
		f.cur.v = &f.curv
	}
	return f.cur
}

// add appends an element to a COLLECT frame's array.
func (f *frame) add(v builtin.Value) {
	if f.out == nil {
		f.out = append(make([]byte, 0, 64), '[')
	} else {
		f.out = append(f.out, ',')
	}
	f.out = appendJSON(f.out, v)
}

// collected returns the array a COLLECT frame built.
func (f *frame) collected() builtin.Value {
	if f.out == nil {
		return builtin.FromJSON(gjson.Result{Type: gjson.JSON, Raw: "[]"})
	}
	f.out = append(f.out, ']')
	s := string(f.out)
	f.out = nil
	return builtin.FromJSON(gjson.Result{Type: gjson.JSON, Raw: s})
}

// appendJSON appends v's JSON text: its raw text when it came from a
// document, else a spelling of the value (integral numbers without an
// exponent: 4294967296, not 4.294967296e+09).
func appendJSON(b []byte, v builtin.Value) []byte {
	if v.Raw() == "" && v.Kind() == builtin.Number {
		if f := v.Num(); f == math.Trunc(f) && math.Abs(f) < 1e21 {
			return strconv.AppendFloat(b, f, 'f', -1, 64)
		}
	}
	return v.AppendJSON(b)
}

// jsonText returns v's JSON text.
func jsonText(v builtin.Value) string {
	if raw := v.Raw(); raw != "" {
		return raw
	}
	if v.Kind() == builtin.Missing {
		return "missing"
	}
	return string(appendJSON(nil, v))
}

// group builds the groupBy result of list on path k: an array of
// {"key": k, "values": [...]} in first-seen order of the keys. Keys group
// by strict JSON equality (1 and "1" are two keys); elements without the
// key form one group of their own, whose object has no "key". It also
// returns the number of elements seen, which counts against the budget.
func group(p *Program, k int32, list builtin.Value) (builtin.Value, int) {
	type grp struct {
		key    builtin.Value
		values []byte
	}
	var groups []grp
	// Past a few groups, buckets index them by operator.Hash of the key, so
	// that each element is compared with the keys of its bucket only, not
	// with every group's: grouping n distinct keys stays linear.
	var buckets map[uint64][]int
	it := newElements(list.JSON())
	n := 0
	for {
		e, ok := it.next()
		if !ok {
			break
		}
		n++
		key := builtin.FromJSON(p.paths[k].read(e))
		gi := -1
		var h uint64 // the key's hash, once there are buckets
		if buckets == nil {
			for i := range groups {
				if sameKey(groups[i].key, key) {
					gi = i
					break
				}
			}
		} else {
			h = operator.Hash(key)
			for _, i := range buckets[h] {
				if sameKey(groups[i].key, key) {
					gi = i
					break
				}
			}
		}
		if gi < 0 {
			groups = append(groups, grp{key: key})
			gi = len(groups) - 1
			switch {
			case buckets != nil:
				buckets[h] = append(buckets[h], gi)
			case len(groups) > fewGroups:
				buckets = make(map[uint64][]int, 2*len(groups))
				for i := range groups {
					h := operator.Hash(groups[i].key)
					buckets[h] = append(buckets[h], i)
				}
			}
		} else {
			groups[gi].values = append(groups[gi].values, ',')
		}
		groups[gi].values = appendJSON(groups[gi].values, builtin.FromJSON(e))
	}
	b := []byte{'['}
	for i, g := range groups {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		if g.key.Kind() != builtin.Missing {
			b = append(b, `"key":`...)
			b = appendJSON(b, g.key)
			b = append(b, ',')
		}
		b = append(b, `"values":[`...)
		b = append(b, g.values...)
		b = append(b, "]}"...)
	}
	b = append(b, ']')
	return builtin.FromJSON(gjson.Result{Type: gjson.JSON, Raw: string(b)}), n
}

// fewGroups is the number of groupBy groups up to which a key is looked up
// by comparing it with every group's.
const fewGroups = 16

// sameKey reports whether two groupBy keys are the same: both missing, or
// of one kind and equal (builtin.Equal is strict within a kind).
func sameKey(a, b builtin.Value) bool {
	ka, kb := a.Kind(), b.Kind()
	if ka != kb {
		return false
	}
	return ka == builtin.Missing || ka == builtin.Null || builtin.Equal(a, b)
}

// budgetError reports a step budget exceeded.
func budgetError(budget int) error { return fmt.Errorf("%w (%d steps)", ErrStepBudget, budget) }

// funcError wraps the error of function name in ErrFunction, naming the
// function unless its message already does.
func funcError(name string, err error) error {
	if strings.HasPrefix(err.Error(), name+"(") {
		return fmt.Errorf("%w: %w", ErrFunction, err)
	}
	return fmt.Errorf("%w: %s(): %w", ErrFunction, name, err)
}
