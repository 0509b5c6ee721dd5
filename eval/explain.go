package eval

// The explainer re-runs a rule in recording mode, only for fails and errors
// (and for Explain), so that the passing path builds nothing. It walks the
// rule's tree over the document's raw JSON, using the program's compiled
// parts (paths, constants, patterns, regexes, functions) and the very
// operations the VM uses (ops.go), in the VM's order: `and`/`or` short-
// circuit the same way, and a `with` filter guards the loop that follows it
// exactly as the compiled loop does. Along the way it records, for every
// sub-expression, the values it read, and it derives the evidence: the
// operands that decided the outcome.
//
// How evidence is chosen:
//   - a comparison or a bare operand: its operands read from the document
//     (literals left out);
//   - `X and Y`: when false, the evidence of the first false side; when
//     true, both. `X or Y`: the reverse. `not X`: that of X.
//   - an array operator decided by one element (contain/with true,
//     contain-all/contain-none false, contain-single with a second match):
//     that element's evidence, with its index in the path; otherwise the
//     list itself.
//   - a rule fails on its condition's evidence; a query rule fails on its
//     `where`'s (why the entity matched).

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/lang"
	"github.com/tidwall/gjson"
)

// maxTraceNodes bounds the nodes of one trace; past it, Explain stops
// recording (Trace.Truncated) but still evaluates.
const maxTraceNodes = 10000

type explainer struct {
	p      *Program
	doc    Document // a copy, so that the caller's does not escape
	src    string
	env    builtin.Env
	budget int
	steps  int
	trace  bool // build TraceNodes
	nodes  int

	err   error
	errEv []evid
	loops []loopState // the loops running, innermost last
}

// evid is evidence while the explainer runs: the value still points into
// the document, and is copied out only for the evidence that is kept.
type evid struct {
	path string
	v    builtin.Value
	text string // instead of v, for evidence about the rule or document
	span lang.Span
}

// toEvidence copies the evidence out of the document, dropping repeats
// (the same path and value, as when two tests read one operand) and keeping
// at most maxEvidence. Every trace's and result's evidence is made here.
func toEvidence(ev []evid) []Evidence {
	var out []Evidence
	for _, e := range ev {
		x := Evidence{Path: e.path, Value: e.text, Span: e.span}
		if e.text == "" && (e.path != "" || e.v.Kind() != builtin.Missing) {
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

// xval is an operand's value and where it came from.
type xval struct {
	v    builtin.Value
	path string // JSON path with indices, or how it was computed
	lit  bool   // a literal of the rule
	root bool   // the entity itself
	recv *xval  // a function result: the receiver it was computed from
}

type loopState struct {
	list xval
	span lang.Span
	i    int
}

// explain runs p over d and returns the trace (nodes only when trace is
// set).
func (p *Program) explain(d *Document, set settings, trace bool) (out *Trace) {
	x := &explainer{
		p:      p,
		doc:    *d,
		src:    p.rule.Source,
		env:    builtin.Env{Now: set.now},
		budget: set.budget,
		trace:  trace,
	}
	t := &Trace{Rule: p.rule.Source, Negated: p.rule.Negated, assert: p.rule.Kind == lang.RuleAssert}
	defer func() {
		if r := recover(); r != nil {
			t.Status = Error
			t.Err = fmt.Errorf("%w: %v", ErrInternal, r)
			t.Evidence = toEvidence([]evid{x.ruleEvidence("")})
			out = t // a panic returned nothing: return the trace so far
		}
	}()
	rootVal := xval{v: builtin.FromJSON(d.root), root: true}
	r := p.rule
	switch r.Kind {
	case lang.RuleConst:
		t.Status = Pass
		if !r.Const {
			t.Status = Fail
			t.Evidence = toEvidence([]evid{x.ruleEvidence("false")})
		}
		return t
	case lang.RuleAssert, lang.RuleQuery:
		if r.Where != nil {
			ok, ev, n := x.cond(r.Where, rootVal)
			t.Where = n
			if x.err != nil {
				return x.finishError(t)
			}
			if !ok {
				t.Status = Skip
				return t
			}
			if r.Kind == lang.RuleQuery {
				t.Status = Fail
				t.Evidence = toEvidence(ev)
				return t
			}
		}
		if r.Cond == nil {
			t.Status = Error
			t.Err = fmt.Errorf("%w: rule has no condition", ErrInternal)
			return t
		}
		ok, ev, n := x.cond(r.Cond, rootVal)
		t.Cond = n
		if x.err != nil {
			return x.finishError(t)
		}
		if r.Negated {
			ok = !ok
		}
		if ok {
			t.Status = Pass
		} else {
			t.Status = Fail
			t.Evidence = toEvidence(ev)
		}
	}
	t.Truncated = x.nodes > maxTraceNodes
	return t
}

func (x *explainer) finishError(t *Trace) *Trace {
	t.Status = Error
	t.Err = x.err
	t.Evidence = toEvidence(x.errEv)
	t.Truncated = x.nodes > maxTraceNodes
	return t
}

// ruleEvidence is evidence about the whole rule.
func (x *explainer) ruleEvidence(value string) evid {
	return evid{text: value, span: x.p.rule.Span()}
}

// step counts n steps against the budget exactly as the VM does: one per
// element a loop visits, one per function call, one per element grouped.
func (x *explainer) step(n int) bool {
	if x.err != nil {
		return false
	}
	x.steps += n
	if x.steps <= x.budget {
		return true
	}
	x.err = budgetError(x.budget)
	if len(x.loops) > 0 {
		l := x.loops[len(x.loops)-1]
		x.errEv = []evid{x.evidence(l.list, l.span)}
	} else {
		x.errEv = []evid{x.ruleEvidence("")}
	}
	return false
}

// text returns the rule source of a span.
func (x *explainer) text(sp lang.Span) string {
	a, b := sp.Start.Offset, sp.End.Offset
	if a < 0 || b > len(x.src) || a > b {
		return ""
	}
	return x.src[a:b]
}

// countNode counts a trace node about to be made, reporting false when
// not tracing or when the trace is full (past maxTraceNodes).
func (x *explainer) countNode() bool {
	if !x.trace {
		return false
	}
	x.nodes++
	return x.nodes <= maxTraceNodes
}

// node makes a trace node for n, or nil when not tracing.
func (x *explainer) node(n lang.Node) *TraceNode {
	if !x.countNode() {
		return nil
	}
	sp := n.Span()
	return &TraceNode{Text: x.text(sp), Span: sp, Evaluated: true}
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

// notRun is the trace node of a sub-expression that short-circuiting
// skipped.
func (x *explainer) notRun(n lang.Node) *TraceNode {
	t := x.node(n)
	if t != nil {
		t.Evaluated = false
	}
	return t
}

// cond evaluates a condition: its truth, its evidence, its trace node.
func (x *explainer) cond(e lang.Expr, sc xval) (bool, []evid, *TraceNode) {
	if x.err != nil {
		return false, nil, nil
	}
	t := x.node(e)
	switch e := e.(type) {
	case *lang.Logical:
		a, ea, na := x.cond(e.X, sc)
		t.add(na)
		if x.err != nil {
			return false, nil, t
		}
		if (e.Op == lang.And) != a {
			// false and ..., true or ...: decided.
			t.add(x.notRun(e.Y))
			t.set(a, nil)
			return a, ea, t
		}
		b, eb, nb := x.cond(e.Y, sc)
		t.add(nb)
		t.set(b, nil)
		if b == (e.Op == lang.And) {
			return b, append(ea, eb...), t
		}
		return b, eb, t
	case *lang.Not:
		a, ea, na := x.cond(e.X, sc)
		t.add(na)
		t.set(!a, nil)
		return !a, ea, t
	case *lang.Compare:
		return x.compare(e, sc, t)
	case *lang.Test:
		if a, ok := e.X.(*lang.ArrayOp); ok && a.Op != lang.GroupBy {
			return x.quantifier(a, sc, t)
		}
		v, kids := x.operand(e.X, sc)
		for _, k := range kids {
			t.add(k)
		}
		if x.err != nil {
			return false, nil, t
		}
		ok := builtin.Truthy(v.v)
		ev := x.operandEvidence(nil, v, e.Span())
		t.set(ok, ev)
		return ok, ev, t
	}
	x.err = fmt.Errorf("%w: unexpected %T", ErrInternal, e)
	return false, nil, t
}

// evidence records operand v for the sub-expression at sp.
func (x *explainer) evidence(v xval, sp lang.Span) evid {
	return evid{path: v.path, v: v.v, span: sp}
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

func (x *explainer) compare(e *lang.Compare, sc xval, t *TraceNode) (bool, []evid, *TraceNode) {
	a, ka := x.operand(e.X, sc)
	for _, k := range ka {
		t.add(k)
	}
	if x.err != nil {
		return false, nil, t
	}
	var ok bool
	var opsBuf [2]xval
	ops := append(opsBuf[:0], a)
	switch e.Op {
	case lang.Like, lang.Unlike:
		ok = x.p.likes[x.p.nodeLike[e]].MatchValue(a.v)
		if e.Op == lang.Unlike {
			ok = !ok
		}
	case lang.RegexMatch:
		ok = builtin.MatchRegexp(x.p.regexes[x.p.nodeRegex[e]], a.v)
	case lang.In:
		ok = builtin.In(a.v, x.p.lists[x.p.nodeList[e]])
	default:
		b, kb := x.operand(e.Y, sc)
		for _, k := range kb {
			t.add(k)
		}
		if x.err != nil {
			return false, nil, t
		}
		ok = compareHolds(compareOps[e.Op], a.v, b.v)
		ops = append(ops, b)
	}
	ev := make([]evid, 0, 2)
	for _, o := range ops {
		if !o.lit {
			ev = x.operandEvidence(ev, o, e.Span())
		}
	}
	if len(ev) == 0 {
		ev = append(ev, x.evidence(a, e.Span()))
	}
	t.set(ok, ev)
	return ok, ev, t
}

// operandEvidence appends the evidence of operand v: for a function result,
// the receiver it was computed from (when read from the document), then
// the result itself.
func (x *explainer) operandEvidence(ev []evid, v xval, sp lang.Span) []evid {
	if r := v.recv; r != nil && !r.lit {
		ev = x.operandEvidence(ev, *r, sp)
	}
	return append(ev, x.evidence(v, sp))
}

// quantifier evaluates an array operator used as a condition.
func (x *explainer) quantifier(a *lang.ArrayOp, sc xval, t *TraceNode) (bool, []evid, *TraceNode) {
	op, _ := quantifierOp(a.Op) // the compiler rejected any other operator
	r := x.loop(op, a.X, a.Body, a, sc, t)
	t.set(r.ok, nil)
	return r.ok, r.ev, t
}

// loopResult is what a loop decided.
type loopResult struct {
	list  xval // the list iterated
	ok    bool
	ev    []evid
	count int
	out   []builtin.Value // COLLECT: the elements that passed
}

// loop mirrors a compiled loop (see compiler.loop): it iterates src's
// elements, skips those a `with` filter rejects, runs body on the rest and
// stops as soon as op is decided. Trace nodes of the elements go under t.
func (x *explainer) loop(op opcode, src lang.Operand, body lang.Expr, n lang.Node, sc xval, t *TraceNode) loopResult {
	base, filters := withChain(src)
	if body == nil && len(filters) > 0 {
		body = filters[len(filters)-1]
		filters = filters[:len(filters)-1]
	}
	list, kids := x.operand(base, sc)
	for _, k := range kids {
		t.add(k)
	}
	res := loopResult{list: list}
	if x.err != nil || body == nil {
		return res
	}
	// The list itself is the evidence when no element decides.
	listEv := func() []evid { return []evid{x.evidence(list, n.Span())} }
	x.loops = append(x.loops, loopState{list: list, span: n.Span()})
	defer func() { x.loops = x.loops[:len(x.loops)-1] }()

	it := newElements(list.v.JSON())
	isArray := list.v.Kind() == builtin.Array
	var witness []evid
	for i := 0; ; i++ {
		e, ok := it.next()
		if !ok {
			break
		}
		if !x.step(1) {
			return res
		}
		x.loops[len(x.loops)-1].i = i
		elem := xval{v: builtin.FromJSON(e), path: list.path}
		if isArray {
			elem.path = list.path + "[" + strconv.Itoa(i) + "]"
		}
		et := x.elementNode(elem.path)
		t.add(et)
		var evs []evid
		pass := true
		for _, f := range filters {
			fok, fev, fn := x.cond(f, elem)
			et.add(fn)
			if x.err != nil {
				return res
			}
			if !fok {
				pass = false
				break
			}
			evs = append(evs, fev...)
		}
		filtered := !pass
		if pass {
			bok, bev, bn := x.cond(body, elem)
			et.add(bn)
			if x.err != nil {
				return res
			}
			pass = bok
			if op == opAll {
				evs = bev // the element that fails contain-all: its own reasons
			} else {
				evs = append(evs, bev...)
			}
		}
		et.set(pass, nil)
		if filtered {
			continue
		}
		switch op {
		case opAny:
			if pass {
				return loopResult{list: list, ok: true, ev: evs}
			}
		case opAll:
			if !pass {
				return loopResult{list: list, ok: false, ev: evs}
			}
		case opNone:
			if pass {
				return loopResult{list: list, ok: false, ev: evs}
			}
		case opOne:
			if pass {
				res.count++
				witness = append(witness, evs...)
				if res.count > 1 {
					return loopResult{list: list, ok: false, ev: witness}
				}
			}
		case opCount:
			if pass {
				res.count++
			}
		case opCollect:
			if pass {
				res.out = append(res.out, elem.v)
			}
		}
	}
	switch op {
	case opAny:
		return loopResult{list: list, ok: false, ev: listEv()}
	case opAll, opNone:
		return loopResult{list: list, ok: true, ev: listEv()}
	case opOne:
		if res.count == 1 {
			return loopResult{list: list, ok: true, ev: witness}
		}
		return loopResult{list: list, ok: false, ev: listEv()}
	}
	res.ok = true
	return res
}

// elementNode makes the trace node of one element of a loop.
func (x *explainer) elementNode(path string) *TraceNode {
	if !x.countNode() {
		return nil
	}
	if path == "" {
		path = "$"
	}
	return &TraceNode{Text: path, Element: true, Evaluated: true}
}

// suffix returns the source text of n after its operand x, e.g. " numberOfHosts()"
// for `scope numberOfHosts()`.
func (x *explainer) suffix(n lang.Node, from lang.Node) string {
	a, b := from.Span().End.Offset, n.Span().End.Offset
	if a < 0 || b > len(x.src) || a > b {
		return ""
	}
	return " " + strings.TrimSpace(x.src[a:b])
}

// operand evaluates an operand; loops inside it leave trace nodes.
func (x *explainer) operand(o lang.Operand, sc xval) (xval, []*TraceNode) {
	if x.err != nil {
		return xval{}, nil
	}
	p := x.p
	switch o := o.(type) {
	case *lang.Path:
		if len(o.Segments) == 0 {
			if sc.path == "" {
				return xval{v: sc.v, path: "$"}, nil
			}
			return sc, nil
		}
		ps := p.paths[p.nodePath[o]]
		var v gjson.Result
		if sc.root {
			v = ps.readDoc(&x.doc)
		} else {
			v = ps.read(sc.v.JSON())
		}
		return xval{v: builtin.FromJSON(v), path: joinPath(sc.path, ps.text)}, nil
	case *lang.String, *lang.Number, *lang.Bool, *lang.Null:
		return xval{v: p.consts[p.nodeConst[o]], path: x.text(o.Span()), lit: true}, nil
	case *lang.Call:
		k, ok := p.nodeCall[o]
		if !ok {
			// length() or isEmpty() of a `with`, compiled as a loop.
			t := x.node(o)
			switch o.Name {
			case "length":
				r := x.loop(opCount, o.X, nil, o, sc, t)
				v := builtin.NumberValue(float64(r.count))
				t.setResult(v)
				return xval{v: v, path: x.computed(r.list, o, o.X)}, nodes(t)
			case "isEmpty":
				r := x.loop(opNone, o.X, nil, o, sc, t)
				t.set(r.ok, nil)
				return xval{v: builtin.BoolValue(r.ok), path: x.computed(r.list, o, o.X)}, nodes(t)
			}
			x.err = fmt.Errorf("%w: uncompiled call %s", ErrInternal, o.Name)
			return xval{}, nil
		}
		recv, kids := x.operand(o.X, sc)
		if x.err != nil {
			return xval{}, kids
		}
		args := make([]builtin.Value, len(o.Args))
		for i, a := range o.Args {
			av, ak := x.operand(a, sc)
			kids = append(kids, ak...)
			if x.err != nil {
				return xval{}, kids
			}
			args[i] = av.v
		}
		site := p.calls[k]
		if !x.step(1) {
			x.errEv = []evid{x.evidence(recv, o.Span())} // the call that ran out
			return xval{}, kids
		}
		res, err := site.fn.Impl(&x.env, recv.v, args)
		if err != nil {
			x.err = funcError(site.fn.Name, err)
			x.errEv = []evid{x.evidence(recv, o.Span())}
			return xval{}, kids
		}
		path := recv.path
		if recv.lit || path == "" {
			path = x.text(o.X.Span())
		}
		return xval{v: res, path: path + x.suffix(o, o.X), recv: &recv}, kids
	case *lang.ArrayOp:
		t := x.node(o)
		switch o.Op {
		case lang.With:
			r := x.loop(opCollect, o, nil, o, sc, t)
			var f frame
			for _, v := range r.out {
				f.add(v)
			}
			v := f.collected()
			t.setResult(v)
			return xval{v: v, path: x.computed(r.list, o, o)}, nodes(t)
		case lang.GroupBy:
			list, kids := x.operand(o.X, sc)
			if x.err != nil || o.Key == nil {
				return xval{}, kids
			}
			g, n := group(p, p.nodePath[o.Key], list.v)
			if !x.step(n) {
				x.errEv = []evid{x.evidence(list, o.Span())} // the grouping that ran out
				return xval{}, kids
			}
			return xval{v: g, path: list.path + x.suffix(o, o.X)}, kids
		default:
			ok, _, t := x.quantifier(o, sc, t)
			return xval{v: builtin.BoolValue(ok), path: x.text(o.Span())}, nodes(t)
		}
	}
	x.err = fmt.Errorf("%w: unexpected operand %T", ErrInternal, o)
	return xval{}, nil
}

// computed describes the result of n, computed from the list `list` (the
// base of n's with chain): the list's path followed by the rest of n's
// text, e.g. "tags with [key='a'] length()".
func (x *explainer) computed(list xval, n lang.Node, chain lang.Operand) string {
	base, _ := withChain(chain)
	path := list.path
	if list.lit || path == "" {
		path = x.text(base.Span())
	}
	return path + x.suffix(n, base)
}

func nodes(t *TraceNode) []*TraceNode {
	if t == nil {
		return nil
	}
	return []*TraceNode{t}
}
