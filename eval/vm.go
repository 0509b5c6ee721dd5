package eval

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/tidwall/gjson"
)

// val is a value on the VM stack: a JSON value and, when it was read from
// the path table, the index+1 of its table entry (0 otherwise).
type val struct {
	v   builtin.Value
	rec int32
}

// frame is the state of one running array-operator loop.
type frame struct {
	op    Opcode
	exit  int32 // where to go when the loop is decided
	start int32 // the loop's NEXT
	count int32 // elements that passed (ONE, COUNT)

	tab  bool  // iterating table entries rather than raw JSON
	i, n int32 // table iteration: next index, count
	base int32 // table iteration: first element entry
	it   elements
	cur  val    // the current element
	out  []byte // COLLECT: the array being built
}

// machine is the reusable state of one evaluation: a goroutine takes one
// from the pool for the duration of a call.
type machine struct {
	stack  []val
	frames []frame
	args   []builtin.Value
	env    builtin.Env

	recs []trec    // the path table, when evaluating through one
	offs [][]int32 // the running program's offsets into it

	reads int // raw JSON path reads and table entries found (for tests)
	errPC int // the instruction that raised the last error
}

var machines = sync.Pool{New: func() any { return new(machine) }}

func getMachine() *machine { return machines.Get().(*machine) }

func putMachine(m *machine) {
	m.offs = nil
	// Drop what aliases the document, so the pool does not keep it alive.
	clear(m.stack)
	clear(m.frames)
	clear(m.args)
	if cap(m.recs) > maxTableEntries/4 {
		m.recs = nil
	} else {
		clear(m.recs)
		m.recs = m.recs[:0]
	}
	machines.Put(m)
}

// run executes p with root as the entity. It returns Pass, Fail or Skip,
// or Error with the reason.
func (m *machine) run(p *Program, root val, budget int) (Status, error) {
	if len(m.stack) < p.maxStack {
		m.stack = make([]val, p.maxStack)
	}
	if len(m.frames) < p.maxLoops {
		m.frames = make([]frame, p.maxLoops)
	}
	stack, frames := m.stack, m.frames
	code := p.code
	sp, nf := 0, 0
	acc := false
	steps := 0
	for pc := 0; ; {
		if uint(pc) >= uint(len(code)) {
			m.errPC = len(code) - 1
			return Error, fmt.Errorf("%w: fell off the end of the program", ErrInternal)
		}
		in := code[pc]
		pc++
		steps++
		if steps > budget {
			m.errPC = pc - 1
			return Error, fmt.Errorf("%w (%d steps)", ErrStepBudget, budget)
		}
		switch in.op {
		case opPath:
			base := root
			if nf > 0 {
				base = frames[nf-1].cur
			}
			stack[sp] = m.readPath(p, in.arg, base)
			sp++
		case opElem:
			if nf > 0 {
				stack[sp] = frames[nf-1].cur
			} else {
				stack[sp] = root
			}
			sp++
		case opConst:
			stack[sp] = val{v: p.consts[in.arg]}
			sp++
		case opCall:
			site := &p.calls[in.arg]
			n := site.nargs
			args := m.args[:0]
			for i := sp - n; i < sp; i++ {
				args = append(args, stack[i].v)
			}
			m.args = args
			sp -= n
			res, err := site.fn.Impl(&m.env, stack[sp-1].v, args)
			if err != nil {
				m.errPC = pc - 1
				return Error, fmt.Errorf("%w: %s(): %w", ErrFunction, site.fn.Name, err)
			}
			stack[sp-1] = val{v: res}
		case opAcc:
			stack[sp] = val{v: builtin.BoolValue(acc)}
			sp++
		case opGroup:
			list := stack[sp-1]
			g, n := group(p, in.arg, list.v)
			steps += n
			stack[sp-1] = val{v: g}

		case opEq:
			sp -= 2
			acc = valEqual(stack[sp].v, stack[sp+1].v)
		case opNe:
			sp -= 2
			acc = !valEqual(stack[sp].v, stack[sp+1].v)
		case opLt:
			sp -= 2
			c, ok := valCompare(stack[sp].v, stack[sp+1].v)
			acc = ok && c < 0
		case opGt:
			sp -= 2
			c, ok := valCompare(stack[sp].v, stack[sp+1].v)
			acc = ok && c > 0
		case opLe:
			sp -= 2
			c, ok := valCompare(stack[sp].v, stack[sp+1].v)
			acc = ok && c <= 0
		case opGe:
			sp -= 2
			c, ok := valCompare(stack[sp].v, stack[sp+1].v)
			acc = ok && c >= 0
		case opLike:
			sp--
			acc = p.likes[in.arg].match(stack[sp].v)
		case opRegex:
			sp--
			acc = regexMatch(p.regexes[in.arg], stack[sp].v)
		case opIn:
			sp--
			acc = inList(stack[sp].v, p.lists[in.arg])
		case opTruthy:
			sp--
			acc = valTruthy(stack[sp].v)
		case opNot:
			acc = !acc
		case opSet:
			acc = in.arg != 0

		case opJmp:
			pc = int(in.arg)
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
				stack[sp] = val{v: builtin.NumberValue(float64(f.count))}
				sp++
			case opCollect:
				stack[sp] = val{v: f.collected()}
				sp++
			}
			f.cur = val{}
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
					f.add(f.cur.v)
				}
			}
			if done {
				nf--
				pc = int(f.exit)
				f.cur = val{}
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
			m.errPC = pc - 1
			return Error, fmt.Errorf("%w: bad opcode %d at %d", ErrInternal, in.op, pc-1)
		}
	}
}

// readPath reads path i of p from base: through the table when base came
// from it, else from raw JSON.
func (m *machine) readPath(p *Program, i int32, base val) val {
	if base.rec != 0 && m.offs != nil {
		if offs := m.offs[i]; offs != nil {
			r := base.rec - 1
			for _, o := range offs {
				k := m.recs[r].kids
				if k < 0 {
					if k == noEntries {
						return val{}
					}
					goto raw
				}
				r = k + o
			}
			return val{v: builtin.FromJSON(m.recs[r].v), rec: r + 1}
		}
	}
raw:
	m.reads++
	return val{v: builtin.FromJSON(p.paths[i].read(base.v.JSON()))}
}

// startLoop points f at the elements of list.
func (m *machine) startLoop(f *frame, list val) {
	if list.rec != 0 && m.offs != nil {
		r := &m.recs[list.rec-1]
		if r.elems >= 0 {
			f.tab, f.base, f.n, f.i = true, r.elems, r.n, 0
			return
		}
		if r.elems == noEntries && r.v.Type == gjson.Null {
			f.tab = true // nothing to iterate
			return
		}
	}
	f.it = newElements(list.v.JSON())
}

// advance loads f's next element; false when none is left.
func (m *machine) advance(f *frame) bool {
	if f.tab {
		if f.i >= f.n {
			return false
		}
		idx := f.base + f.i
		f.i++
		f.cur = val{v: builtin.FromJSON(m.recs[idx].v), rec: idx + 1}
		return true
	}
	e, ok := f.it.next()
	if !ok {
		return false
	}
	f.cur = val{v: builtin.FromJSON(e)}
	return true
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
// document, else a spelling of the value.
func appendJSON(b []byte, v builtin.Value) []byte {
	if raw := v.Raw(); raw != "" {
		return append(b, raw...)
	}
	switch v.Kind() {
	case builtin.Null, builtin.Missing:
		return append(b, "null"...)
	case builtin.Bool:
		return strconv.AppendBool(b, v.Bool())
	case builtin.Number:
		return strconv.AppendFloat(b, v.Num(), 'g', -1, 64)
	case builtin.String:
		return append(b, jsonQuote(v.Str())...)
	}
	return append(b, "null"...)
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
// {"key": k, "values": [...]} in first-seen order of the keys. It also
// returns the number of elements seen, which counts against the budget.
func group(p *Program, k int32, list builtin.Value) (builtin.Value, int) {
	type grp struct {
		key    builtin.Value
		values []byte
	}
	var groups []grp
	it := newElements(list.JSON())
	n := 0
	for {
		e, ok := it.next()
		if !ok {
			break
		}
		n++
		key := builtin.FromJSON(p.paths[k].read(e))
		if key.Kind() == builtin.Missing {
			key = builtin.NullValue() // elements without the key group under null
		}
		gi := -1
		for i := range groups {
			if groups[i].key.Kind() == key.Kind() && (key.Kind() == builtin.Null || valEqual(groups[i].key, key)) {
				gi = i
				break
			}
		}
		if gi < 0 {
			groups = append(groups, grp{key: key})
			gi = len(groups) - 1
		} else {
			groups[gi].values = append(groups[gi].values, ',')
		}
		groups[gi].values = appendJSON(groups[gi].values, builtin.FromJSON(e))
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, g := range groups {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"key":`)
		b.Write(appendJSON(nil, g.key))
		b.WriteString(`,"values":[`)
		b.Write(g.values)
		b.WriteString(`]}`)
	}
	b.WriteByte(']')
	return builtin.FromJSON(gjson.Result{Type: gjson.JSON, Raw: b.String()}), n
}
