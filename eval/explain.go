package eval

// Explanations come from a recording run: the VM runs the program's
// recording copy (Program.rcode), which hands every instruction to a
// recorder before running it. The recorder decides nothing. It reads what
// the VM did (the values pushed, acc after a test, whether a jump was
// taken, whether a loop frame was popped) one instruction later, when the
// next one is handed to it, and maps each instruction back to the rule
// text through the position table (Program.pos). Only fails and errors
// (and Explain) pay for a recording run; the passing path never makes one.
//
// The recorder keeps a shadow of the VM's state: for each value on the
// stack, where it came from (a JSON path with array indices, or how it was
// computed); the conditions decided and not yet taken by their parent;
// the `and`/`or` whose right side is running; and for each loop frame,
// the list, its current element and what its elements decided.
//
// How evidence is chosen:
//   - a test: its operands read from the document (literals left out);
//   - `X and Y`: when false, the evidence of the first false side; when
//     true, both. `X or Y`: the reverse. `not X`: that of X.
//   - an array operator decided by one element (contain/with true,
//     contain-all/contain-none false, contain-single with a second match):
//     that element's evidence, with its index in the path; otherwise the
//     list itself.
//   - a rule fails on its condition's evidence; a query rule fails on its
//     `where`'s (why the entity matched);
//   - an error: the receiver of the function that failed, the list of the
//     loop or groupBy that ran out of budget.

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/lang"
)

// maxTraceNodes bounds the nodes of one trace; past it, Explain stops
// recording (Trace.Truncated) but still evaluates.
const maxTraceNodes = 10000

// record runs p over d in recording mode and returns its trace, with
// trace nodes only when trace is set (evidence alone otherwise). It reads
// the document through the program's own path table.
func (p *Program) record(d *Document, set settings, trace bool) *Trace {
	m := getMachine()
	defer putMachine(m)
	ok := true
	func() {
		defer func() {
			if recover() != nil {
				ok = false
			}
		}()
		m.startSelf(p, d)
	}()
	if !ok {
		// Building the table panicked: read the raw JSON.
		m.recs, m.offs = nil, nil
		m.rootv = builtin.FromJSON(d.root)
	}
	t := new(Trace)
	m.record(p, set, trace, t)
	return t
}

// record runs p in recording mode over the document, path table, offsets
// and root value the machine holds, as the evaluation that it explains
// left them: the recording reads what that evaluation read, and the
// elements it had not reached yet are added to the same table. The trace
// is written to t.
func (m *machine) record(p *Program, set settings, trace bool, t *Trace) {
	r := &m.recorder
	r.start(p, trace)
	m.rec = r
	// readsHook counts evaluations, not recordings.
	tableReads, rawReads := m.tableReads, m.rawReads
	defer func() {
		r.stop()
		m.rec = nil
		m.tableReads, m.rawReads = tableReads, rawReads
	}()
	defer func() {
		// A recorder that lost track of the run must not take the
		// caller down: its trace is the rule's, with the error.
		if x := recover(); x != nil {
			*t = Trace{Rule: p.rule.Source, Negated: p.rule.Negated, Status: Error,
				Err: fmt.Errorf("%w: recording: %v", ErrInternal, x), Evidence: toEvidence([]evid{r.ruleEvidence("")})}
		}
	}()
	st, err := m.runSafe(p, set)
	r.finish(st, err, t)
}

// recorder builds a trace and evidence from the instructions a recording
// run hands it.
type recorder struct {
	p     *Program
	src   string
	trace bool // build TraceNodes
	nodes int

	ops   []xval   // the value stack's shadow
	conds []xcond  // decided conditions not yet taken by their parent
	open  []xframe // `and`/`or` running their right side, and loops, innermost last
	loops []int    // the indices in open of the loops, innermost last: the shadow of the loop frames

	pend     int    // the instruction handed over last, not yet accounted for; -1 for none
	lastLoop part   // the part of the loop that ended last, for the ACC after it
	lastList xpath  // and, when it computes a value, how (see computed)
	where    *xcond // the `where` condition, once decided
	cond     *xcond // the condition after `should`, once decided
	// whereC and condC hold where and cond, so that deciding them does not
	// allocate.
	whereC, condC xcond

	// evs is the chunk that evidence slices are cut from (see evids).
	evs []evid
}

// start readies a recorder of a machine (whose slices it reuses) for a run
// of p.
func (r *recorder) start(p *Program, trace bool) {
	*r = recorder{p: p, src: p.rule.Source, trace: trace, pend: -1,
		ops: r.ops[:0], conds: r.conds[:0], open: r.open[:0], loops: r.loops[:0], evs: r.evs[:0]}
}

// stop drops what the recorder holds of the run (values that alias the
// document, trace nodes), keeping its slices for the next one.
func (r *recorder) stop() {
	clear(r.ops[:cap(r.ops)])
	clear(r.conds[:cap(r.conds)])
	clear(r.open[:cap(r.open)])
	clear(r.evs) // a chunk is written only up to its length
	evs := r.evs[:0]
	if cap(evs) > evidChunk {
		evs = nil // a run made a large chunk: do not keep it
	}
	*r = recorder{ops: r.ops[:0], conds: r.conds[:0], open: r.open[:0], loops: r.loops[:0], evs: evs}
}

// evidChunk is the size of the chunks evidence slices are cut from.
const evidChunk = 64

// evids returns an empty evidence slice with room for n items, cut from
// the recorder's chunk, whose end it takes: the slice's capacity is n, so
// that an append to it copies rather than write over its neighbour. When
// the chunk is full a new one is made; the slices cut from the old one
// keep it alive as long as they need it, so a long run holds only the
// chunks of the evidence it still holds, as if each slice were its own.
// Most runs fit in the chunk the machine keeps, and allocate nothing.
func (r *recorder) evids(n int) []evid {
	if cap(r.evs)-len(r.evs) < n {
		r.evs = make([]evid, 0, max(evidChunk, n))
	}
	k := len(r.evs)
	r.evs = r.evs[:k+n]
	return r.evs[k : k : k+n]
}

// one returns the evidence e alone.
func (r *recorder) one(e evid) []evid { return append(r.evids(1), e) }

// join returns the evidence of a followed by b. It never appends to a:
// evidence slices are shared between a condition and its parents. A run
// keeps only the evidence still held by a condition or a loop, so that a
// long run does not hold the evidence of every test it made.
func (r *recorder) join(a, b []evid) []evid {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	return append(append(r.evids(len(a)+len(b)), a...), b...)
}

// loop returns the innermost running loop.
func (r *recorder) loop() *xframe { return &r.open[r.loops[len(r.loops)-1]] }

// xval is where a value on the stack came from, and the value.
type xval struct {
	v    builtin.Value
	path xpath     // JSON path with indices, or how it was computed
	span lang.Span // the operand's rule text
	lit  bool      // a literal of the rule
	recv *xval     // a function result: the receiver it was computed from
	kids []*TraceNode
}

// xcond is a decided condition.
type xcond struct {
	node *TraceNode
	ok   bool
	ev   []evid
}

// xframe is an `and`/`or` whose right side is running (loop false), or a
// running loop.
type xframe struct {
	loop  bool
	node  *TraceNode
	conds int // len(recorder.conds) when it opened
	ops   int // len(recorder.ops) when it opened

	// and/or
	target int   // where its right side ends
	and    bool  // `and`, else `or`
	x      xcond // its left side

	span lang.Span // its rule text

	// loops
	op      opcode
	part    part
	list    xval
	isArray bool
	i       int        // the current element's index
	elem    xpath      // the current element's path
	enode   *TraceNode // its trace node
	evs     []evid     // its evidence so far
	witness []evid     // contain-single: the evidence of the elements that passed
}

// evid is evidence while the recorder runs: the value still points into
// the document, and is copied out only for the evidence that is kept.
type evid struct {
	path xpath
	v    builtin.Value
	text string // instead of v, for evidence about the rule or document
	span lang.Span
}

// step is called by the VM before it runs instruction pc; sp, nf and acc
// are its state then, which is the state after the instruction handed
// over before.
func (r *recorder) step(m *machine, pc, sp, nf int, acc bool) {
	if r.pend >= 0 {
		r.settle(m, r.pend, pc, sp, nf, acc)
	}
	// An `and`/`or` whose right side ends here is decided by it.
	for len(r.open) > 0 {
		f := r.open[len(r.open)-1]
		if f.loop || f.target != pc {
			break
		}
		r.open = r.open[:len(r.open)-1]
		y := r.popCond()
		f.node.add(y.node)
		f.node.set(y.ok, nil)
		ev := y.ev
		if y.ok == f.and {
			ev = r.join(f.x.ev, y.ev)
		}
		r.conds = append(r.conds, xcond{node: f.node, ok: y.ok, ev: ev})
	}
	r.pend = pc
}

// settle accounts for instruction at, which has just run: the VM is about
// to run pc with the state sp, nf, acc.
func (r *recorder) settle(m *machine, at, pc, sp, nf int, acc bool) {
	in, pos := r.p.code[at], r.p.pos[at]
	info := in.op.info()
	if info.test {
		n := int(-info.stack)
		ops := r.ops[len(r.ops)-n:]
		t := r.node(pos.span)
		k := 0 // the evidence items: each operand read from the document, with the receivers it was computed from
		for i := range ops {
			if !ops[i].lit {
				for v := &ops[i]; v != nil && !v.lit; v = v.recv {
					k++
				}
			}
		}
		ev := r.evids(max(k, 1))
		for i := range ops {
			for _, k := range ops[i].kids {
				t.add(k)
			}
			if !ops[i].lit {
				ev = r.operandEvidence(ev, ops[i], pos.span)
			}
		}
		if len(ev) == 0 {
			ev = append(ev, r.evidence(ops[0], pos.span))
		}
		r.ops = r.ops[:len(r.ops)-n]
		t.set(acc, ev)
		r.conds = append(r.conds, xcond{node: t, ok: acc, ev: ev})
		return
	}
	top := func() builtin.Value { return *m.deref(m.stack, m.slots, sp-1) }
	switch in.op {
	case opPath:
		var base xpath
		if len(r.loops) > 0 {
			base = r.loop().elem
		}
		r.ops = append(r.ops, xval{v: top(), path: base.join(r.p.paths[in.arg].text), span: pos.span})
	case opElem:
		path := textPath("$")
		if len(r.loops) > 0 && !r.loop().elem.empty() {
			path = r.loop().elem
		}
		r.ops = append(r.ops, xval{v: top(), path: path, span: pos.span})
	case opConst:
		r.ops = append(r.ops, xval{v: top(), path: textPath(r.text(pos.span)), span: pos.span, lit: true})
	case opCall:
		n := r.p.calls[in.arg].nargs
		recv := r.ops[len(r.ops)-1-n]
		kids := recv.kids
		for _, a := range r.ops[len(r.ops)-n:] {
			kids = append(kids, a.kids...)
		}
		recv.kids = nil
		r.ops = append(r.ops[:len(r.ops)-1-n], xval{v: top(), path: r.computed(recv, pos.span), span: pos.span, recv: &recv, kids: kids})
	case opGroup:
		list := &r.ops[len(r.ops)-1]
		*list = xval{v: top(), path: r.suffix(list.path, pos.span, list.span), span: pos.span, kids: list.kids}
	case opAcc:
		c := r.popCond()
		path := textPath(r.text(pos.span))
		if r.lastLoop == partComputed {
			path = r.lastList
		}
		r.ops = append(r.ops, xval{v: top(), path: path, span: pos.span, kids: nodes(c.node)})
	case opNot:
		switch pos.part {
		case partFold:
			c := &r.conds[len(r.conds)-1]
			c.ok = !c.ok
			c.node.set(c.ok, nil)
		case partNode:
			x := r.popCond()
			t := r.node(pos.span)
			t.add(x.node)
			t.set(acc, nil)
			r.conds = append(r.conds, xcond{node: t, ok: acc, ev: x.ev})
		}
	case opJmpF, opJmpT:
		taken := pc == int(in.arg) && pc != at+1
		switch pos.part {
		case partRule:
			r.whereC = r.popCond()
			r.where = &r.whereC
		case partGuard:
			f := r.loop()
			c := r.popCond()
			f.enode.add(c.node)
			if taken {
				f.enode.set(false, nil)
			} else {
				f.evs = r.join(f.evs, c.ev)
			}
		default:
			x := r.popCond()
			t := r.node(pos.span)
			t.add(x.node)
			if taken {
				t.add(r.notRun(r.spanOf(at+1, int(in.arg))))
				t.set(x.ok, nil)
				r.conds = append(r.conds, xcond{node: t, ok: x.ok, ev: x.ev})
				break
			}
			r.open = append(r.open, xframe{node: t, span: pos.span, conds: len(r.conds), ops: len(r.ops), target: int(in.arg), and: in.op == opJmpF, x: x})
		}
	case opAny, opAll, opNone, opOne, opCount, opCollect:
		list := r.ops[len(r.ops)-1]
		r.ops = r.ops[:len(r.ops)-1]
		f := xframe{loop: true, node: r.node(pos.span), conds: len(r.conds), ops: len(r.ops),
			op: in.op, part: pos.part, span: pos.span, list: list, isArray: list.v.Kind() == builtin.Array, i: -1}
		for _, k := range list.kids {
			f.node.add(k)
		}
		f.list.kids = nil
		r.loops = append(r.loops, len(r.open))
		r.open = append(r.open, f)
	case opNext:
		f := r.loop()
		if nf < len(r.loops) {
			r.endLoop(m, f, true, sp, acc)
			return
		}
		f.i++
		f.elem = f.list.path
		if f.isArray {
			f.elem = f.list.path.index(f.i)
		}
		f.enode = r.elementNode(f.elem)
		f.node.add(f.enode)
		f.evs = nil
	case opStep:
		f := r.loop()
		b := r.popCond()
		f.enode.add(b.node)
		f.enode.set(b.ok, nil)
		if f.op == opAll {
			f.evs = b.ev // the element that fails contain-all: its own reasons
		} else {
			f.evs = r.join(f.evs, b.ev)
		}
		if f.op == opOne && b.ok {
			f.witness = r.join(f.witness, f.evs)
		}
		if nf < len(r.loops) {
			r.endLoop(m, f, false, sp, acc)
		}
	}
}

// endLoop closes loop f, which NEXT ended with no element left (exhausted)
// or STEP ended as soon as an element decided it.
func (r *recorder) endLoop(m *machine, fp *xframe, exhausted bool, sp int, acc bool) {
	f := *fp
	r.loops = r.loops[:len(r.loops)-1]
	r.open = r.open[:len(r.open)-1]
	r.lastLoop = f.part
	switch f.op {
	case opCount, opCollect:
		v := *m.deref(m.stack, m.slots, sp-1)
		f.node.setResult(v)
		r.ops = append(r.ops, xval{v: v, path: r.computed(f.list, f.span), span: f.span, kids: nodes(f.node)})
		return
	}
	if f.part == partComputed {
		r.lastList = r.computed(f.list, f.span)
	}
	ev := r.one(r.evidence(f.list, f.span)) // the list, when no element decided
	switch {
	case f.op == opOne && acc, f.op == opOne && !exhausted:
		ev = f.witness
	case f.op != opOne && !exhausted:
		ev = f.evs
	}
	f.node.set(acc, nil)
	r.conds = append(r.conds, xcond{node: f.node, ok: acc, ev: ev})
}

func (r *recorder) popCond() xcond {
	if len(r.conds) == 0 {
		return xcond{}
	}
	c := r.conds[len(r.conds)-1]
	r.conds = r.conds[:len(r.conds)-1]
	return c
}

// finish writes to t the trace of a run that ended with st and err. The
// instruction handed over last (r.pend) is the one that ended it: RET,
// SKIP, or the one that failed.
func (r *recorder) finish(st Status, err error, t *Trace) {
	rule := r.p.rule
	*t = Trace{Rule: rule.Source, Negated: rule.Negated, assert: rule.Kind == lang.RuleAssert, Status: st, Err: err}
	var ev []evid
	last := opInvalid
	if r.pend >= 0 {
		last = r.p.code[r.pend].op
	}
	switch {
	case st == Error:
		ev = r.errorEvidence()
		r.partial()
	case last == opRet && len(r.conds) > 0:
		r.condC = r.popCond()
		r.cond = &r.condC
		if st == Fail {
			ev = r.condC.ev
		}
	case last == opRet && r.where != nil:
		if st == Fail {
			ev = r.where.ev // a query rule: why the entity matched
		}
	case last == opRet && st == Fail:
		ev = []evid{r.ruleEvidence("false")}
	}
	if r.where != nil {
		t.Where = r.where.node
	}
	if r.cond != nil {
		t.Cond = r.cond.node
	}
	t.Evidence = toEvidence(ev)
	t.Truncated = r.nodes > maxTraceNodes
}

// errorEvidence is the evidence of an error raised by instruction r.pend:
// what the function that failed was called on, the list that a loop or
// groupBy was going through when the budget ran out.
func (r *recorder) errorEvidence() []evid {
	if r.pend >= 0 {
		in, span := r.p.code[r.pend], r.p.pos[r.pend].span
		switch in.op {
		case opCall:
			if n := r.p.calls[in.arg].nargs; len(r.ops) > n {
				return []evid{r.evidence(r.ops[len(r.ops)-1-n], span)}
			}
		case opGroup:
			if len(r.ops) > 0 {
				return []evid{r.evidence(r.ops[len(r.ops)-1], span)}
			}
		case opNext:
			if len(r.loops) > 0 {
				f := r.loop()
				return []evid{r.evidence(f.list, f.span)}
			}
		}
	}
	return []evid{r.ruleEvidence("")}
}

// partial makes the trace of the part of the rule an error interrupted:
// the sub-expressions around the instruction that failed, each with its
// children so far. They are the running `and`/`or` and loops, and the
// nodes whose instruction had yet to run (the test that would have read
// a failed call, the `and` whose left side it was): those after the
// failed one whose span holds its span.
func (r *recorder) partial() {
	type around struct {
		node, into *TraceNode // its node, and where its children go
		span       lang.Span
		conds, ops int // where the conditions and values decided inside it start
	}
	var running []around
	for _, f := range r.open {
		a := around{node: f.node, into: f.node, span: f.span, conds: f.conds, ops: f.ops}
		if f.loop && f.enode != nil {
			a.into = f.enode
		}
		running = append(running, a)
	}
	var pending []around
	if r.pend >= 0 {
		at := r.p.pos[r.pend].span
		for pc := r.pend + 1; pc < len(r.p.code); pc++ {
			in, pos := r.p.code[pc], r.p.pos[pc]
			if pos.part != partNode || !holds(pos.span, at) {
				continue
			}
			info := in.op.info()
			if info.test || info.arg == argLoop || in.op == opNot || in.op == opJmpF || in.op == opJmpT {
				pending = append(pending, around{node: r.node(pos.span), span: pos.span})
			}
		}
	}
	// Fold from the inside out: each takes the conditions and values
	// decided inside it that nothing took, then the one folded before.
	var inner *TraceNode
	fold := func(into, node *TraceNode, conds, ops int) {
		conds, ops = min(conds, len(r.conds)), min(ops, len(r.ops))
		for _, c := range r.conds[conds:] {
			into.add(c.node)
		}
		for _, o := range r.ops[ops:] {
			for _, k := range o.kids {
				into.add(k)
			}
		}
		r.conds, r.ops = r.conds[:conds], r.ops[:ops]
		into.add(inner)
		inner = node
	}
	i := len(running) - 1
	for _, a := range pending {
		// A running loop that ran out of budget is inside the pending
		// nodes around it.
		for ; i >= 0 && !holds(running[i].span, a.span); i-- {
			fold(running[i].into, running[i].node, running[i].conds, running[i].ops)
		}
		conds, ops := 0, 0
		if i >= 0 {
			conds, ops = len(r.conds), len(r.ops)
			if inner == nil {
				conds, ops = running[i].conds, running[i].ops
			}
		} else if inner != nil {
			conds, ops = len(r.conds), len(r.ops)
		}
		fold(a.node, a.node, conds, ops)
	}
	for ; i >= 0; i-- {
		fold(running[i].into, running[i].node, running[i].conds, running[i].ops)
	}
	if inner == nil {
		return
	}
	c := &xcond{node: inner}
	if r.where == nil && r.p.rule.Where != nil {
		r.where = c
	} else {
		r.cond = c
	}
}

// holds reports whether span a holds span b.
func holds(a, b lang.Span) bool {
	return a.Start.Offset <= b.Start.Offset && b.End.Offset <= a.End.Offset
}

// ruleEvidence is evidence about the whole rule.
func (r *recorder) ruleEvidence(value string) evid {
	return evid{text: value, span: r.p.rule.Span()}
}

// evidence records operand v for the sub-expression at sp.
func (r *recorder) evidence(v xval, sp lang.Span) evid {
	return evid{path: v.path, v: v.v, span: sp}
}

// operandEvidence appends the evidence of operand v: for a function result,
// the receiver it was computed from (when read from the document), then
// the result itself.
func (r *recorder) operandEvidence(ev []evid, v xval, sp lang.Span) []evid {
	if rv := v.recv; rv != nil && !rv.lit {
		ev = r.operandEvidence(ev, *rv, sp)
	}
	return append(ev, r.evidence(v, sp))
}

// text returns the rule source of a span.
func (r *recorder) text(sp lang.Span) string { return spanText(r.src, sp) }

// suffix returns path p followed by the source text of n after its
// operand from, e.g. "scope numberOfHosts()" for `scope numberOfHosts()`.
func (r *recorder) suffix(p xpath, n, from lang.Span) xpath {
	a, b := from.End.Offset, n.End.Offset
	if a < 0 || b > len(r.src) || a > b {
		return p
	}
	return p.suffixed(strings.TrimSpace(r.src[a:b]))
}

// computed describes the value of the loop at span n over list: the
// list's path followed by the rest of n's text, e.g.
// "tags with [key='a'] length()".
func (r *recorder) computed(list xval, n lang.Span) xpath {
	path := list.path
	if list.lit || path.empty() {
		path = textPath(r.text(list.span))
	}
	return r.suffix(path, n, list.span)
}

// spanOf returns the span of the code from address a up to b: the code
// of one sub-expression, whose own span holds those of all its parts.
func (r *recorder) spanOf(a, b int) lang.Span {
	sp := r.p.pos[a].span
	for _, p := range r.p.pos[a+1 : b] {
		if p.span.Start.Offset < sp.Start.Offset {
			sp.Start = p.span.Start
		}
		if p.span.End.Offset > sp.End.Offset {
			sp.End = p.span.End
		}
	}
	return sp
}

// countNode counts a trace node about to be made, reporting false when
// not tracing or when the trace is full (past maxTraceNodes).
func (r *recorder) countNode() bool {
	if !r.trace {
		return false
	}
	r.nodes++
	return r.nodes <= maxTraceNodes
}

// node makes the trace node of the sub-expression at sp, or nil when not
// tracing.
func (r *recorder) node(sp lang.Span) *TraceNode {
	if !r.countNode() {
		return nil
	}
	return &TraceNode{Text: r.text(sp), Span: sp, Evaluated: true}
}

// notRun is the trace node of a sub-expression that short-circuiting
// skipped.
func (r *recorder) notRun(sp lang.Span) *TraceNode {
	t := r.node(sp)
	if t != nil {
		t.Evaluated = false
	}
	return t
}

// elementNode makes the trace node of one element of a loop.
func (r *recorder) elementNode(path xpath) *TraceNode {
	if !r.countNode() {
		return nil
	}
	text := path.String()
	if text == "" {
		text = "$"
	}
	return &TraceNode{Text: text, Element: true, Evaluated: true}
}

func (t *TraceNode) add(c *TraceNode) {
	if t != nil && c != nil {
		t.Children = append(t.Children, c)
	}
}

func (t *TraceNode) set(v bool, reads []evid) {
	if t != nil {
		t.Value = v
		if reads != nil {
			t.Reads = toEvidence(reads)
		}
	}
}

// setResult records the value an operand node computed.
func (t *TraceNode) setResult(v builtin.Value) {
	if t != nil {
		t.Result = evidenceValue(v)
	}
}

func nodes(t *TraceNode) []*TraceNode {
	if t == nil {
		return nil
	}
	return []*TraceNode{t}
}

// toEvidence copies the evidence out of the document, dropping repeats
// (the same path and value, as when two tests read one operand) and keeping
// at most maxEvidence. Every trace's and result's evidence is made here.
func toEvidence(ev []evid) []Evidence {
	if len(ev) == 0 {
		return nil
	}
	out := make([]Evidence, 0, min(len(ev), maxEvidence))
	for _, e := range ev {
		x := Evidence{Path: e.path.String(), Value: e.text, Span: e.span}
		if e.text == "" && (x.Path != "" || e.v.Kind() != builtin.Missing) {
			x.Value = evidenceValue(e.v)
		}
		dup := false
		for _, o := range out {
			if o.Path == x.Path && o.Value == x.Value {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x)
			if len(out) == maxEvidence {
				break
			}
		}
	}
	return out
}

// evidenceValue copies v's JSON text out of the document, cut to
// MaxEvidenceValue bytes. Bytes that are not UTF-8 (JSON strings may hold
// them; gjson does not check) become U+FFFD, so that evidence printed in
// JSON, SARIF or XML reports is valid text.
func evidenceValue(v builtin.Value) string {
	s := jsonText(v)
	if len(s) > MaxEvidenceValue {
		cut := MaxEvidenceValue
		for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		return strings.ToValidUTF8(s[:cut], "\ufffd") + "…"
	}
	if !utf8.ValidString(s) {
		return strings.ToValidUTF8(s, "\ufffd")
	}
	return strings.Clone(s)
}
