package eval

// The compiler turns a rule's tree into a flat program (see opcode.go).
// Conditions compile to code that leaves their truth in acc, with `and` and
// `or` short-circuiting through conditional jumps; operands compile to code
// that pushes one value. Array operators become scoped loops with early
// exit. A `with` filter is not materialized when an array operator,
// length() or isEmpty() follows it, or when it stands as a condition: its
// condition becomes a guard at the head of the following loop's body.
//
// Everything decidable before running is checked here and reported as a
// lang.ErrorList with positions: unknown functions (with a suggestion),
// argument counts and literal argument types, the functions' own checks of
// literal arguments (time units...), regexes, and the shapes the grammar
// allows but the language does not (a list outside `in`, groupBy without a
// path).

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/internal/operator"
	"github.com/gsl-lang/gsl/internal/textdist"
	"github.com/gsl-lang/gsl/lang"
	"github.com/tidwall/gjson"
)

// maxNesting bounds the nesting of conditions and operands in one rule.
const maxNesting = 200

// Compile parses and compiles one rule. The error is a lang.ErrorList with
// positions for every problem found before running.
func Compile(src string, opts *Options) (*Program, error) {
	r, err := lang.Parse(src)
	if err != nil {
		return nil, err
	}
	return CompileRule(r, opts)
}

// CompileRule compiles a rule that was already parsed. Positions in errors
// refer to r.Source.
func CompileRule(r *lang.Rule, opts *Options) (*Program, error) {
	if r == nil {
		return nil, lang.ErrorList{{Pos: lang.Pos{Line: 1, Column: 1}, Msg: "no rule to compile"}}
	}
	funcs := builtin.Default()
	if opts != nil && opts.Functions != nil {
		funcs = opts.Functions
	}
	c := &compiler{
		p: &Program{
			rule: r,
			set:  resolve(opts),
		},
		funcs:    funcs,
		src:      r.Source,
		pathIdx:  map[string]int32{},
		constIdx: map[string]int32{},
		scopeIdx: map[scopeSpec]int32{},
	}
	c.p.scopes = []scopeSpec{{kind: scopeRoot}}
	c.rule(r)
	if len(c.errs) > 0 {
		sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Pos.Offset < c.errs[j].Pos.Offset })
		return nil, c.errs
	}
	if err := c.p.verify(); err != nil {
		return nil, lang.ErrorList{{Pos: r.Span().Start, Msg: err.Error()}}
	}
	c.p.maxStack = c.maxDepth
	c.p.maxLoops = c.maxLoops
	c.p.rcode = make([]instr, len(c.p.code))
	for pc, in := range c.p.code {
		in.op |= opRecord
		c.p.rcode[pc] = in
	}
	c.p.self = newLayout([]*Program{c.p}, false)
	return c.p, nil
}

type compiler struct {
	p     *Program
	funcs *builtin.Registry
	src   string
	errs  lang.ErrorList

	scope    int32 // scope of the paths being compiled
	depth    int   // value-stack depth at this point of the code
	maxDepth int
	loops    int // loop nesting at this point of the code
	maxLoops int
	nesting  int // tree nesting, bounded by maxNesting

	pathIdx  map[string]int32
	constIdx map[string]int32
	scopeIdx map[scopeSpec]int32
}

// emit appends an instruction compiled from n and returns its address.
func (c *compiler) emit(n lang.Node, op opcode, arg int32) int {
	p := c.p
	p.code = append(p.code, instr{op: op, arg: arg})
	p.pos = append(p.pos, srcPos{span: n.Span()})
	eff := int(op.info().stack)
	if op == opCall {
		eff = -p.calls[arg].nargs
	}
	c.depth += eff
	c.maxDepth = max(c.maxDepth, c.depth)
	return len(p.code) - 1
}

// mark sets the part the instruction at address at plays in its node.
func (c *compiler) mark(at int, pt part) { c.p.pos[at].part = pt }

// patch points the jump or loop at address at to the next instruction.
func (c *compiler) patch(at int) { c.p.code[at].arg = int32(len(c.p.code)) }

// errorf records a compile error covering node n.
func (c *compiler) errorf(n lang.Node, hint, format string, args ...any) {
	sp := n.Span()
	c.errorAt(sp.Start, sp.End, hint, format, args...)
}

func (c *compiler) errorAt(pos, end lang.Pos, hint, format string, args ...any) {
	c.errs = append(c.errs, &lang.Error{
		Pos:  pos,
		End:  end,
		Msg:  fmt.Sprintf(format, args...),
		Hint: hint,
		Line: sourceLine(c.src, pos),
	})
}

// sourceLine returns the line of src holding pos.
func sourceLine(src string, pos lang.Pos) string {
	off := pos.Offset
	if off < 0 || off > len(src) {
		return ""
	}
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : off+end]
}

func (c *compiler) rule(r *lang.Rule) {
	if r.Kind != lang.RuleConst {
		if r.Target == nil {
			c.errorf(r, "", "rule has no target entity type")
			return
		}
		c.p.target = r.Target.Type
		if r.Target.List {
			c.p.target = "List<" + r.Target.Type + ">"
		}
	}
	switch r.Kind {
	case lang.RuleConst:
		c.emit(r, opSet, boolArg(r.Const))
		c.emit(r, opRet, 0)
	case lang.RuleAssert:
		skip := -1
		if r.Where != nil {
			c.cond(r.Where)
			skip = c.emit(r.Where, opJmpF, 0)
			c.mark(skip, partRule)
		}
		if r.Cond == nil {
			c.errorf(r, "", "rule has no condition after should")
			return
		}
		c.cond(r.Cond)
		if r.Negated {
			c.mark(c.emit(r.Cond, opNot, 0), partRule)
		}
		c.emit(r, opRet, 0)
		if skip >= 0 {
			c.patch(skip)
			c.emit(r, opSkip, 0)
		}
	case lang.RuleQuery:
		if r.Where == nil {
			c.errorf(r, "", "query rule has no condition after where")
			return
		}
		c.cond(r.Where)
		skip := c.emit(r.Where, opJmpF, 0)
		c.mark(skip, partRule)
		c.emit(r, opSet, 0)
		c.emit(r, opRet, 0)
		c.patch(skip)
		c.emit(r, opSkip, 0)
	default:
		c.errorf(r, "", "unknown rule kind %d", r.Kind)
	}
}

func boolArg(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// enter bounds the nesting of the tree; leave undoes it.
func (c *compiler) enter(n lang.Node) bool {
	c.nesting++
	if c.nesting > maxNesting {
		if c.nesting == maxNesting+1 {
			c.errorf(n, "", "rule nests more than %d levels deep", maxNesting)
		}
		return false
	}
	return true
}

func (c *compiler) leave() { c.nesting-- }

// cond compiles a condition: the code leaves its truth in acc.
func (c *compiler) cond(e lang.Expr) {
	if !c.enter(e) {
		c.leave()
		return
	}
	defer c.leave()
	switch e := e.(type) {
	case *lang.Logical:
		c.cond(e.X)
		op := opJmpF
		if e.Op == lang.Or {
			op = opJmpT
		}
		j := c.emit(e, op, 0)
		c.cond(e.Y)
		c.patch(j)
	case *lang.Not:
		c.cond(e.X)
		c.emit(e, opNot, 0)
	case *lang.Compare:
		c.compare(e)
	case *lang.Test:
		c.test(e)
	case nil:
		c.errorAt(lang.Pos{Line: 1, Column: 1}, lang.Pos{}, "", "missing condition")
	default:
		c.errorf(e, "", "unexpected %T in a condition", e)
	}
}

// test compiles a bare operand in boolean position.
func (c *compiler) test(e *lang.Test) {
	switch x := e.X.(type) {
	case *lang.ArrayOp:
		if x.Op != lang.GroupBy {
			c.quantifier(x)
			return
		}
	}
	c.operand(e.X)
	c.emit(e, opTruthy, 0)
}

func isWith(o lang.Operand) bool {
	a, ok := o.(*lang.ArrayOp)
	return ok && a.Op == lang.With
}

// quantifier compiles contain, contain-any, contain-all, contain-none,
// contain-single and with as a condition.
func (c *compiler) quantifier(x *lang.ArrayOp) {
	op, ok := quantifierOp(x.Op)
	if !ok {
		c.errorf(x, "", "%s is not a condition", x.Op)
		return
	}
	if x.Body == nil {
		c.errorAt(x.OpPos, x.Span().End, "", "%s needs a condition in brackets", x.Op)
		return
	}
	c.loop(op, x.X, x.Body, x, false)
}

// quantifierOp is the loop opcode of an array operator used as a
// condition; ok is false for groupBy, which is not one.
func quantifierOp(op lang.ArrayOpKind) (_ opcode, ok bool) {
	switch op {
	case lang.Contain, lang.ContainAny, lang.With:
		return opAny, true
	case lang.ContainAll:
		return opAll, true
	case lang.ContainNone:
		return opNone, true
	case lang.ContainSingle:
		return opOne, true
	}
	return 0, false
}

// withChain unwraps `X with [A] with [B]` into X and [A, B].
func withChain(o lang.Operand) (lang.Operand, []lang.Expr) {
	var filters []lang.Expr
	for {
		a, ok := o.(*lang.ArrayOp)
		if !ok || a.Op != lang.With || a.Body == nil {
			break
		}
		filters = append(filters, a.Body)
		o = a.X
	}
	for i, j := 0, len(filters)-1; i < j; i, j = i+1, j-1 {
		filters[i], filters[j] = filters[j], filters[i]
	}
	return o, filters
}

// loop compiles an array-operator loop over src, whose `with` filters
// become guards, with body as the per-element condition (the last filter
// when body is nil). computed marks a loop that computes a value (with,
// length(), isEmpty()) rather than a quantifier.
//
//	    <src>
//	    OP     exit
//	L:  NEXT
//	    <filter>  JMPF L    (one per with)
//	    <body>
//	    STEP
//	exit:
func (c *compiler) loop(op opcode, src lang.Operand, body lang.Expr, n lang.Node, computed bool) {
	base, filters := withChain(src)
	if body == nil {
		if len(filters) == 0 {
			c.errorf(n, "", "this array operator needs a condition in brackets")
			return
		}
		body = filters[len(filters)-1]
		filters = filters[:len(filters)-1]
	}
	c.operand(base)
	inner := c.elementScope(base)
	open := c.emit(n, op, 0)
	if computed {
		c.mark(open, partComputed)
	}
	next := c.emit(n, opNext, 0)
	saved := c.scope
	c.scope = inner
	c.loops++
	c.maxLoops = max(c.maxLoops, c.loops)
	for _, f := range filters {
		c.cond(f)
		c.mark(c.emit(f, opJmpF, int32(next)), partGuard)
	}
	c.cond(body)
	c.emit(n, opStep, 0)
	c.loops--
	c.scope = saved
	c.patch(open)
}

// elementScope returns the scope of the elements of the list base, which
// was just compiled in the current scope: a path compiles to one PATH (or
// ELEM for `$`), whose operand names it.
func (c *compiler) elementScope(base lang.Operand) int32 {
	if c.scope == rawScope {
		return rawScope
	}
	if _, ok := base.(*lang.Path); !ok {
		return rawScope
	}
	switch last := c.p.code[len(c.p.code)-1]; last.op {
	case opElem:
		return c.scopeOf(scopeSpec{kind: scopeElemElem, from: c.scope})
	case opPath:
		return c.scopeOf(scopeSpec{kind: scopeElemPath, from: last.arg})
	}
	return rawScope
}

func (c *compiler) scopeOf(s scopeSpec) int32 {
	return intern(c.scopeIdx, &c.p.scopes, s, func() scopeSpec { return s })
}

// intern returns the index in *table of the entry for key, appending
// newEntry() to the table the first time key is seen.
func intern[K comparable, V any](index map[K]int32, table *[]V, key K, newEntry func() V) int32 {
	if i, ok := index[key]; ok {
		return i
	}
	i := int32(len(*table))
	*table = append(*table, newEntry())
	index[key] = i
	return i
}

// operand compiles an operand: the code pushes its value.
func (c *compiler) operand(o lang.Operand) {
	if !c.enter(o) {
		c.leave()
		c.emit(o, opConst, c.constValue("missing", builtin.MissingValue()))
		return
	}
	defer c.leave()
	switch o := o.(type) {
	case *lang.Path:
		if len(o.Segments) == 0 {
			c.emit(o, opElem, 0)
			return
		}
		c.emit(o, opPath, c.path(o, c.scope))
	case *lang.String, *lang.Number, *lang.Bool, *lang.Null:
		c.emit(o, opConst, c.constant(o))
	case *lang.List:
		c.errorf(o, "", "a list of values is only allowed after in")
		c.emit(o, opConst, c.constValue("missing", builtin.MissingValue()))
	case *lang.Regex:
		c.errorf(o, "", "a regex is only allowed after regexMatch")
		c.emit(o, opConst, c.constValue("missing", builtin.MissingValue()))
	case *lang.Call:
		c.call(o)
	case *lang.ArrayOp:
		switch o.Op {
		case lang.With:
			if o.Body == nil {
				c.errorAt(o.OpPos, o.Span().End, "", "with needs a condition in brackets")
				c.emit(o, opConst, c.constValue("missing", builtin.MissingValue()))
				return
			}
			c.loop(opCollect, o, nil, o, true)
		case lang.GroupBy:
			c.groupBy(o)
		default:
			c.quantifier(o)
			c.emit(o, opAcc, 0)
		}
	case nil:
		c.errorAt(lang.Pos{Line: 1, Column: 1}, lang.Pos{}, "", "missing operand")
		c.emit(&lang.Null{}, opConst, c.constValue("missing", builtin.MissingValue()))
	default:
		c.errorf(o, "", "unexpected %T as an operand", o)
		c.emit(o, opConst, c.constValue("missing", builtin.MissingValue()))
	}
}

// path returns the index of path node p read in scope.
func (c *compiler) path(p *lang.Path, scope int32) int32 {
	segs := make([]string, len(p.Segments))
	var key strings.Builder
	key.WriteString(strconv.Itoa(int(scope)))
	for i, s := range p.Segments {
		segs[i] = s.Name
		key.WriteByte('/')
		key.WriteString(strconv.Itoa(len(s.Name)))
		key.WriteByte(':')
		key.WriteString(s.Name)
	}
	return intern(c.pathIdx, &c.p.paths, key.String(), func() *pathSpec { return newPathSpec(segs, scope) })
}

// constant returns the index of a literal in the constant pool.
func (c *compiler) constant(o lang.Operand) int32 {
	v, key := literal(o)
	return c.constValue(key, v)
}

// constValue returns the index of v, told apart from other constants by
// key, in the constant pool.
func (c *compiler) constValue(key string, v builtin.Value) int32 {
	return intern(c.constIdx, &c.p.consts, key, func() builtin.Value { return v })
}

// literal returns the value of a literal operand and a key that tells
// distinct literals apart; any other operand gives Missing and the key "".
func literal(o lang.Operand) (v builtin.Value, key string) {
	switch o := o.(type) {
	case *lang.String:
		q := jsonQuote(o.Value)
		return builtin.FromJSON(gjson.Result{Type: gjson.String, Str: o.Value, Raw: q}), "s" + q
	case *lang.Number:
		if v, ok := operator.ParseNumber(o.Text); ok {
			return v, "n" + o.Text
		}
		if o.IsInt {
			return builtin.IntValue(o.Int), "n" + strconv.FormatInt(o.Int, 10)
		}
		return builtin.NumberValue(o.Float), "n" + strconv.FormatFloat(o.Float, 'g', -1, 64)
	case *lang.Bool:
		return builtin.BoolValue(o.Value), "b" + strconv.FormatBool(o.Value)
	case *lang.Null:
		return builtin.NullValue(), "null"
	}
	return builtin.MissingValue(), ""
}

func isLiteral(o lang.Operand) bool {
	switch o.(type) {
	case *lang.String, *lang.Number, *lang.Bool, *lang.Null:
		return true
	}
	return false
}

// jsonQuote spells s as a JSON string.
func jsonQuote(s string) string { return jsontext.Quote(s) }

// compare compiles a comparison.
func (c *compiler) compare(e *lang.Compare) {
	switch e.Op {
	case lang.Eq, lang.Ne, lang.Lt, lang.Gt, lang.Le, lang.Ge:
		c.operand(e.X)
		if isLiteral(e.Y) {
			c.emit(e, compareOps[e.Op]+(opEqK-opEq), c.constant(e.Y))
			return
		}
		c.operand(e.Y)
		c.emit(e, compareOps[e.Op], 0)
	case lang.Like, lang.Unlike:
		c.operand(e.X)
		s, ok := e.Y.(*lang.String)
		if !ok {
			c.errorf(e.Y, "", "%s needs a quoted pattern, e.g. %s '%%prod%%'", e.Op, e.Op)
			c.emit(e, opTruthy, 0)
			return
		}
		k := int32(len(c.p.likes))
		c.p.likes = append(c.p.likes, operator.CompileLike(s.Value))
		c.emit(e, opLike, k)
		if e.Op == lang.Unlike {
			c.mark(c.emit(e, opNot, 0), partFold)
		}
	case lang.RegexMatch:
		c.operand(e.X)
		re, ok := e.Y.(*lang.Regex)
		if !ok {
			c.errorf(e.Y, "", "regexMatch needs a regex literal, e.g. regexMatch /^prod-/i")
			c.emit(e, opTruthy, 0)
			return
		}
		rx, err := compileRegex(re)
		if err != nil {
			c.errorf(re, "", "%s", err)
			c.emit(e, opTruthy, 0)
			return
		}
		k := int32(len(c.p.regexes))
		c.p.regexes = append(c.p.regexes, rx)
		c.emit(e, opRegex, k)
	case lang.In:
		c.operand(e.X)
		l, ok := e.Y.(*lang.List)
		if !ok {
			c.errorf(e.Y, "", "in needs a parenthesised list of values, e.g. in ('TCP', 'ALL')")
			c.emit(e, opTruthy, 0)
			return
		}
		vals := make([]builtin.Value, 0, len(l.Elems))
		for _, el := range l.Elems {
			if !isLiteral(el) {
				c.errorf(el, "", "the list after in holds only literal values")
				continue
			}
			v, _ := literal(el)
			vals = append(vals, v)
		}
		k := int32(len(c.p.lists))
		c.p.lists = append(c.p.lists, vals)
		c.emit(e, opIn, k)
	default:
		c.errorf(e, "", "unknown comparison %d", e.Op)
	}
}

var compareOps = [...]opcode{lang.Eq: opEq, lang.Ne: opNe, lang.Lt: opLt, lang.Gt: opGt, lang.Le: opLe, lang.Ge: opGe}

// compileRegex compiles a regex literal with its flags (i, m, s become
// (?ims) in Go's RE2 syntax).
func compileRegex(re *lang.Regex) (*regexp.Regexp, error) {
	rx, err := operator.CompileRegexp(re.Pattern, re.Flags)
	if err == nil {
		return rx, nil
	}
	var ae *builtin.ArgError
	if errors.As(err, &ae) {
		return nil, errors.New(ae.Msg)
	}
	return nil, fmt.Errorf("invalid regex: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
}

// call compiles a function call.
func (c *compiler) call(x *lang.Call) {
	fn, ok := c.funcs.Lookup(x.Name)
	if !ok {
		hint := ""
		if s := textdist.Closest(x.Name, c.funcs.Names()); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		c.errorAt(x.NamePos, advance(x.NamePos, x.Name), hint, "unknown function %q", x.Name)
		c.emit(x, opConst, c.constValue("missing", builtin.MissingValue()))
		return
	}
	if !c.checkCall(x, fn) {
		c.emit(x, opConst, c.constValue("missing", builtin.MissingValue()))
		return
	}
	if isWith(x.X) && len(x.Args) == 0 {
		switch x.Name {
		case "length":
			c.loop(opCount, x.X, nil, x, true)
			return
		case "isEmpty":
			c.loop(opNone, x.X, nil, x, true)
			c.emit(x, opAcc, 0)
			return
		}
	}
	c.operand(x.X)
	for _, a := range x.Args {
		c.operand(a)
	}
	k := int32(len(c.p.calls))
	c.p.calls = append(c.p.calls, callSite{fn: fn, nargs: len(x.Args)})
	c.emit(x, opCall, k)
}

// advance returns the position just past name, which starts at pos.
func advance(pos lang.Pos, name string) lang.Pos {
	return lang.Pos{Offset: pos.Offset + len(name), Line: pos.Line, Column: pos.Column + len([]rune(name))}
}

// checkCall checks a call against the function's signature: the literal
// receiver's type, then (through builtin.Func.CheckCall) the argument count,
// the types of literal arguments and the function's own check.
func (c *compiler) checkCall(x *lang.Call, fn *builtin.Func) bool {
	usage := "usage: " + fn.Signature()
	ok := true
	if isLiteral(x.X) {
		v, _ := literal(x.X)
		if !fn.Recv.Accepts(v.Kind()) {
			c.errorf(x.X, usage, "%s() applies to a %s, not a %s", fn.Name, fn.Recv, v.Kind())
			ok = false
		}
	}
	consts := make([]builtin.Value, len(x.Args))
	for i, a := range x.Args {
		if isLiteral(a) {
			consts[i], _ = literal(a)
		}
	}
	err := fn.CheckCall(consts)
	if err == nil {
		return ok
	}
	msg, idx := err.Error(), -1
	var ae *builtin.ArgError
	if errors.As(err, &ae) {
		msg, idx = ae.Msg, ae.Index
	}
	if !strings.Contains(msg, fn.Name+"(") {
		msg = fn.Name + "(): " + msg
	}
	if idx >= 0 && idx < len(x.Args) {
		c.errorf(x.Args[idx], usage, "%s", msg)
	} else {
		c.errorAt(x.NamePos, x.Span().End, usage, "%s", msg)
	}
	return false
}

// groupBy compiles `X groupBy [path]`.
func (c *compiler) groupBy(x *lang.ArrayOp) {
	if x.Key == nil || x.Body != nil {
		c.errorAt(x.OpPos, x.Span().End, "", "groupBy needs a property path in brackets, e.g. groupBy [vpc.id]")
		c.emit(x, opConst, c.constValue("missing", builtin.MissingValue()))
		return
	}
	c.operand(x.X)
	k := c.path(x.Key, rawScope)
	c.emit(x, opGroup, k)
}

// verify checks the program's structural invariants: operands in range,
// jumps inside the code, stack effects that balance. A failure is a
// compiler bug, reported as an error rather than run.
func (p *Program) verify() error {
	n := int32(len(p.code))
	if n == 0 {
		return fmt.Errorf("%w: empty program", ErrInternal)
	}
	for pc, in := range p.code {
		if in.op == opInvalid || in.op.info().name == "" {
			return fmt.Errorf("%w: bad opcode %d at %d", ErrInternal, in.op, pc)
		}
		var limit int
		switch op := in.op.info(); op.arg {
		case argNone:
			continue
		case argPath:
			limit = len(p.paths)
		case argConst:
			limit = len(p.consts)
		case argCall:
			limit = len(p.calls)
		case argLike:
			limit = len(p.likes)
		case argRegex:
			limit = len(p.regexes)
		case argList:
			limit = len(p.lists)
		case argBool:
			limit = 2
		case argJump, argLoop:
			limit = int(n)
			if op.arg == argLoop && (pc+1 >= int(n) || p.code[pc+1].op != opNext) {
				return fmt.Errorf("%w: loop at %d not followed by NEXT", ErrInternal, pc)
			}
		}
		if in.arg < 0 || int(in.arg) >= limit {
			return fmt.Errorf("%w: operand out of range at %d", ErrInternal, pc)
		}
	}
	switch p.code[n-1].op {
	case opRet, opSkip:
	default:
		return fmt.Errorf("%w: program does not end in RET or SKIP", ErrInternal)
	}
	return nil
}
