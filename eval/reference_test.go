package eval

// This file holds the reference interpreter: a plain tree walker over the
// lang AST and a document decoded with encoding/json. It exists only as a
// test oracle. It shares no code with the compiler or the VM: every operator
// is written again here, directly from the language decisions, so that the
// VM and the reference can be checked against each other and against the
// semantic table. Speed does not matter here; clarity does.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/firstjson"
	"github.com/gsl-lang/gsl/lang"
	"github.com/tidwall/gjson"
)

// refNow is the fixed evaluation clock of every oracle test.
var refNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// refMissingT is the type of refMissing, the value of a path that resolves
// to nothing. Document values are otherwise what encoding/json produces with
// UseNumber: nil, bool, json.Number, string, []any and map[string]any.
type refMissingT struct{}

var refMissing any = refMissingT{}

func refIsMissing(v any) bool { _, ok := v.(refMissingT); return ok }

// refOptions configure a reference evaluation.
type refOptions struct {
	Now        time.Time
	StepBudget int // 0: no budget
	Functions  *builtin.Registry
}

// refCompileError is a problem the reference finds before evaluation: a bad
// regex, an unknown function, a bad argument.
type refCompileError struct{ msg string }

func (e *refCompileError) Error() string { return "compile: " + e.msg }

// errRefBudget is returned when the step budget is exhausted.
var errRefBudget = errors.New("evaluation step budget exceeded")

// refDecode decodes a JSON document keeping numbers exact.
func refDecode(doc []byte) (any, error) {
	// json.Valid first: decoding token by token does not enforce
	// encoding/json's nesting limit, which rejects over-deep documents.
	if !json.Valid(doc) {
		return nil, errors.New("invalid JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	v, err := firstjson.Decode(dec, nil) // repeated names: the first counts, as in SPEC.md
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(doc[dec.InputOffset():])) > 0 {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

// refEvalOpts evaluates rule over doc (a decoded JSON value). The status is
// one of pass, fail, skip, error; err explains an error, and is a
// *refCompileError when the rule would not compile.
func refEvalOpts(rule *lang.Rule, doc any, opts *refOptions) (status string, err error) {
	if err := refCompile(rule, opts); err != nil {
		return "error", err
	}
	o := *opts
	if o.Functions == nil {
		o.Functions = builtin.Default()
	}
	ev := &refEvaluator{opts: &o}
	obj, ok := doc.(map[string]any)
	if !ok {
		return "error", errors.New("document is not a JSON object")
	}
	typ, ok := obj["type"].(string)
	if !ok {
		return "error", errors.New(`document has no string "type"`)
	}
	if rule.Kind == lang.RuleConst {
		if rule.Const {
			return "pass", nil
		}
		return "fail", nil
	}
	want := rule.Target.Type
	if rule.Target.List {
		want = "List<" + want + ">"
	}
	if typ != want {
		return "skip", nil
	}
	if rule.Where != nil {
		ok, err := ev.cond(rule.Where, obj)
		if err != nil {
			return "error", err
		}
		if !ok {
			return "skip", nil
		}
	}
	if rule.Kind == lang.RuleQuery {
		return "fail", nil
	}
	ok, err = ev.cond(rule.Cond, obj)
	if err != nil {
		return "error", err
	}
	if rule.Negated {
		ok = !ok
	}
	if ok {
		return "pass", nil
	}
	return "fail", nil
}

// refListGroup is one account group of documents for a List<Type> rule.
type refListGroup struct {
	ID    string
	Items []any
}

// refGroupList groups the documents of type typ by accountNumber, in order of
// first appearance. Documents without an accountNumber form the group "*".
// When no document has the type, the result is one empty group "*", so that
// `List<T> should have items` fails when there is no T at all.
func refGroupList(typ string, docs []any) []refListGroup {
	var groups []refListGroup
	index := map[string]int{}
	for _, d := range docs {
		obj, ok := d.(map[string]any)
		if !ok || obj["type"] != typ {
			continue
		}
		id := "*"
		switch a := obj["accountNumber"].(type) {
		case string:
			id = a
		case json.Number:
			id = a.String()
		}
		i, ok := index[id]
		if !ok {
			i = len(groups)
			index[id] = i
			groups = append(groups, refListGroup{ID: id})
		}
		groups[i].Items = append(groups[i].Items, d)
	}
	if len(groups) == 0 {
		groups = append(groups, refListGroup{ID: "*", Items: []any{}})
	}
	return groups
}

// refListEntity builds the virtual entity a List<Type> rule sees.
func refListEntity(typ string, g refListGroup) map[string]any {
	items := g.Items
	if items == nil {
		items = []any{}
	}
	return map[string]any{"type": "List<" + typ + ">", "id": g.ID, "items": items}
}

// refEvalList runs a List<Type> rule over every account group of docs and
// returns the status per group id.
func refEvalList(rule *lang.Rule, docs []any, opts *refOptions) (map[string]string, map[string]error) {
	status := map[string]string{}
	errs := map[string]error{}
	for _, g := range refGroupList(rule.Target.Type, docs) {
		s, err := refEvalOpts(rule, refListEntity(rule.Target.Type, g), opts)
		status[g.ID] = s
		if err != nil {
			errs[g.ID] = err
		}
	}
	return status, errs
}

// ---------------------------------------------------------------------------
// Compile-time checks.

// refCompile reports what must be rejected before evaluation: regexes that
// do not compile, unknown functions and bad literal arguments.
func refCompile(rule *lang.Rule, opts *refOptions) error {
	reg := opts.Functions
	if reg == nil {
		reg = builtin.Default()
	}
	var first error
	var walkExpr func(lang.Expr)
	var walkOp func(lang.Operand)
	fail := func(format string, args ...any) {
		if first == nil {
			first = &refCompileError{fmt.Sprintf(format, args...)}
		}
	}
	walkExpr = func(e lang.Expr) {
		switch e := e.(type) {
		case nil:
		case *lang.Logical:
			walkExpr(e.X)
			walkExpr(e.Y)
		case *lang.Not:
			walkExpr(e.X)
		case *lang.Test:
			walkOp(e.X)
		case *lang.Compare:
			walkOp(e.X)
			switch e.Op {
			case lang.RegexMatch:
				re, ok := e.Y.(*lang.Regex)
				if !ok {
					fail("regexMatch needs a regex")
					return
				}
				if _, err := refRegex(re); err != nil {
					fail("%v", err)
				}
			case lang.Like, lang.Unlike:
				if _, ok := e.Y.(*lang.String); !ok {
					fail("%s needs a string pattern", e.Op)
				}
			case lang.In:
				l, ok := e.Y.(*lang.List)
				if !ok {
					fail("in needs a list")
					return
				}
				for _, x := range l.Elems {
					walkOp(x)
				}
			default:
				walkOp(e.Y)
			}
		default:
			fail("unknown expression %T", e)
		}
	}
	walkOp = func(o lang.Operand) {
		switch o := o.(type) {
		case *lang.Path, *lang.String, *lang.Number, *lang.Bool, *lang.Null:
		case *lang.ArrayOp:
			walkOp(o.X)
			if o.Op == lang.GroupBy {
				if o.Key == nil {
					fail("groupBy needs a path")
				}
				return
			}
			walkExpr(o.Body)
		case *lang.Call:
			walkOp(o.X)
			for _, a := range o.Args {
				walkOp(a)
			}
			if err := refCheckCall(o, reg); err != nil {
				fail("%v", err)
			}
		default:
			fail("unexpected operand %T", o)
		}
	}
	walkExpr(rule.Where)
	walkExpr(rule.Cond)
	return first
}

// refOwnFuncs are the postfix functions the reference implements itself,
// with their arity. The network and time functions (isPublic, numberOfHosts,
// allowedHostsForPort, allowedPublicHostsForPort, before, after) and any
// embedder function come from the registry: their meaning is held by the
// semantic table, and the reference is an oracle for the evaluator.
var refOwnFuncs = map[string]int{"isEmpty": 0, "length": 0, "isFilterPatternEqual": 1}

func refCheckCall(c *lang.Call, reg *builtin.Registry) error {
	if n, ok := refOwnFuncs[c.Name]; ok {
		if len(c.Args) != n {
			return fmt.Errorf("%s takes %d argument(s), got %d", c.Name, n, len(c.Args))
		}
		if c.Name == "isFilterPatternEqual" {
			switch c.Args[0].(type) {
			case *lang.Number, *lang.Bool, *lang.Null:
				return fmt.Errorf("%s needs a string", c.Name)
			}
		}
		return nil
	}
	f, ok := reg.Lookup(c.Name)
	if !ok {
		return fmt.Errorf("unknown function %q", c.Name)
	}
	if len(c.Args) != len(f.Params) {
		return fmt.Errorf("%s takes %d argument(s), got %d", c.Name, len(f.Params), len(c.Args))
	}
	for i, a := range c.Args {
		if k := refLiteralValue(a).Kind(); k != builtin.Missing && !refKindFits(f.Params[i].Type, k) {
			return fmt.Errorf("%s: argument %d is a %v, want %v", c.Name, i+1, k, f.Params[i].Type)
		}
	}
	if f.Check != nil {
		consts := make([]builtin.Value, len(c.Args))
		for i, a := range c.Args {
			consts[i] = refLiteralValue(a)
		}
		if err := f.Check(consts); err != nil {
			return err
		}
	}
	return nil
}

// refKindFits reports whether a literal of kind k may stand where a
// parameter of type t is declared.
func refKindFits(t builtin.Type, k builtin.Kind) bool {
	switch t {
	case builtin.TBool:
		return k == builtin.Bool
	case builtin.TNumber:
		return k == builtin.Number
	case builtin.TString:
		return k == builtin.String
	case builtin.TList:
		return k == builtin.Array
	case builtin.TObject:
		return k == builtin.Object
	}
	return true
}

// refLiteralValue converts a literal argument to a builtin.Value (Missing
// when the argument is not a literal).
func refLiteralValue(o lang.Operand) builtin.Value {
	switch o := o.(type) {
	case *lang.String:
		return builtin.StringValue(o.Value)
	case *lang.Number:
		return builtin.FromJSON(gjson.Parse(string(refNumberLit(o))))
	case *lang.Bool:
		return builtin.BoolValue(o.Value)
	case *lang.Null:
		return builtin.NullValue()
	}
	return builtin.MissingValue()
}

// refRegex compiles a regex literal with its flags.
func refRegex(re *lang.Regex) (*regexp.Regexp, error) {
	prefix := ""
	for _, f := range re.Flags {
		switch f {
		case 'i', 'm', 's':
			if !strings.ContainsRune(prefix, f) {
				prefix += string(f)
			}
		default:
			return nil, fmt.Errorf("unknown regex flag %q", f)
		}
	}
	src := re.Pattern
	if prefix != "" {
		src = "(?" + prefix + ")" + src
	}
	return regexp.Compile(src)
}

// ---------------------------------------------------------------------------
// Evaluation.

type refEvaluator struct {
	opts  *refOptions
	steps int
}

func (ev *refEvaluator) step() error {
	ev.steps++
	if ev.opts.StepBudget > 0 && ev.steps > ev.opts.StepBudget {
		return errRefBudget
	}
	return nil
}

// cond evaluates e in boolean position with cur as the context value.
func (ev *refEvaluator) cond(e lang.Expr, cur any) (bool, error) {
	if err := ev.step(); err != nil {
		return false, err
	}
	switch e := e.(type) {
	case *lang.Logical:
		x, err := ev.cond(e.X, cur)
		if err != nil {
			return false, err
		}
		if e.Op == lang.And && !x {
			return false, nil
		}
		if e.Op == lang.Or && x {
			return true, nil
		}
		return ev.cond(e.Y, cur)
	case *lang.Not:
		x, err := ev.cond(e.X, cur)
		return !x, err
	case *lang.Test:
		if a, ok := e.X.(*lang.ArrayOp); ok && a.Op == lang.With {
			// `with` as a condition means "non-empty": it is contain, and
			// stops at the first match.
			c := *a
			c.Op = lang.Contain
			v, err := ev.arrayOp(&c, cur)
			return v == true, err
		}
		v, err := ev.operand(e.X, cur)
		if err != nil {
			return false, err
		}
		return refTruthy(v), nil
	case *lang.Compare:
		return ev.compare(e, cur)
	}
	return false, fmt.Errorf("unknown expression %T", e)
}

func (ev *refEvaluator) compare(e *lang.Compare, cur any) (bool, error) {
	x, err := ev.operand(e.X, cur)
	if err != nil {
		return false, err
	}
	switch e.Op {
	case lang.Like, lang.Unlike:
		m := refLike(x, e.Y.(*lang.String).Value)
		return m == (e.Op == lang.Like), nil
	case lang.RegexMatch:
		re, err := refRegex(e.Y.(*lang.Regex))
		if err != nil {
			return false, err
		}
		s, ok := x.(string)
		return ok && re.MatchString(s), nil
	case lang.In:
		for _, el := range e.Y.(*lang.List).Elems {
			y, err := ev.operand(el, cur)
			if err != nil {
				return false, err
			}
			if refEqual(x, y) {
				return true, nil
			}
		}
		return false, nil
	}
	y, err := ev.operand(e.Y, cur)
	if err != nil {
		return false, err
	}
	switch e.Op {
	case lang.Eq:
		return refEqual(x, y), nil
	case lang.Ne:
		return !refEqual(x, y), nil
	}
	return refOrder(e.Op, x, y), nil
}

// operand evaluates o with cur as the context value (the entity, or the
// current element inside array brackets).
func (ev *refEvaluator) operand(o lang.Operand, cur any) (any, error) {
	switch o := o.(type) {
	case *lang.Path:
		return refPath(cur, o), nil
	case *lang.String:
		return o.Value, nil
	case *lang.Number:
		return refNumberLit(o), nil
	case *lang.Bool:
		return o.Value, nil
	case *lang.Null:
		return nil, nil
	case *lang.ArrayOp:
		return ev.arrayOp(o, cur)
	case *lang.Call:
		return ev.call(o, cur)
	}
	return nil, fmt.Errorf("unexpected operand %T", o)
}

// refPath reads a path below v. Stepping into anything but an object (an
// array included) yields missing.
func refPath(v any, p *lang.Path) any {
	for _, s := range p.Segments {
		m, ok := v.(map[string]any)
		if !ok {
			return refMissing
		}
		v, ok = m[s.Name]
		if !ok {
			return refMissing
		}
	}
	return v
}

// refNumberLit turns a number literal into a json.Number holding its
// value.
func refNumberLit(n *lang.Number) json.Number {
	if n.IsInt {
		return json.Number(strconv.FormatInt(n.Int, 10))
	}
	if _, ok := refParseNum(n.Text); ok {
		return json.Number(n.Text)
	}
	return json.Number(strconv.FormatFloat(n.Float, 'g', -1, 64))
}

// refElems is the list an array operator iterates: missing and null are
// empty, an array is its elements, anything else is a one-element list.
func refElems(v any) []any {
	switch v := v.(type) {
	case refMissingT, nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

func (ev *refEvaluator) arrayOp(o *lang.ArrayOp, cur any) (any, error) {
	x, err := ev.operand(o.X, cur)
	if err != nil {
		return nil, err
	}
	elems := refElems(x)
	if o.Op == lang.GroupBy {
		var groups []any
		var keys []any
		byDigest := map[string][]int{} // indices into keys, by refKeyDigest
		for _, el := range elems {
			if err := ev.step(); err != nil {
				return nil, err
			}
			k := refPath(el, o.Key)
			d := refKeyDigest(k)
			i := -1
			for _, j := range byDigest[d] {
				if refSameKey(keys[j], k) {
					i = j
					break
				}
			}
			if i < 0 {
				keys = append(keys, k)
				byDigest[d] = append(byDigest[d], len(keys)-1)
				g := map[string]any{"values": []any{}}
				if !refIsMissing(k) {
					g["key"] = k
				}
				groups = append(groups, g)
				i = len(groups) - 1
			}
			g := groups[i].(map[string]any)
			g["values"] = append(g["values"].([]any), el)
		}
		if groups == nil {
			groups = []any{}
		}
		return groups, nil
	}
	// The quantifiers stop as soon as their result is known, as and/or do:
	// elements after that point are never read (an unparsable date there is
	// no error). with reads every element to build its list.
	n := 0
	var kept []any
	for _, el := range elems {
		if err := ev.step(); err != nil {
			return nil, err
		}
		ok, err := ev.cond(o.Body, el)
		if err != nil {
			return nil, err
		}
		switch o.Op {
		case lang.Contain, lang.ContainAny:
			if ok {
				return true, nil
			}
		case lang.ContainAll:
			if !ok {
				return false, nil
			}
		case lang.ContainNone:
			if ok {
				return false, nil
			}
		case lang.ContainSingle:
			if ok && n == 1 {
				return false, nil
			}
		case lang.With:
			if ok {
				kept = append(kept, el)
			}
		}
		if ok {
			n++
		}
	}
	switch o.Op {
	case lang.Contain, lang.ContainAny:
		return false, nil
	case lang.ContainAll, lang.ContainNone:
		return true, nil
	case lang.ContainSingle:
		return n == 1, nil
	case lang.With:
		if kept == nil {
			kept = []any{}
		}
		return kept, nil
	}
	return nil, fmt.Errorf("unknown array operator %v", o.Op)
}

// refKeyDigest summarises a groupBy key so that keys refSameKey finds the
// same share a digest: its JSON type and its content, numbers as float64,
// objects with their names sorted.
func refKeyDigest(k any) string {
	switch k := k.(type) {
	case json.Number:
		f, _ := strconv.ParseFloat(string(k), 64)
		if f == 0 {
			f = 0 // -0 and 0 are one key
		}
		return "number " + strconv.FormatFloat(f, 'g', -1, 64)
	case string:
		return "string " + strconv.Quote(k)
	case []any:
		parts := make([]string, len(k))
		for i, e := range k {
			parts[i] = refKeyDigest(e)
		}
		return "array [" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		names := slices.Sorted(maps.Keys(k))
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = strconv.Quote(n) + ": " + refKeyDigest(k[n])
		}
		return "object {" + strings.Join(parts, ", ") + "}"
	}
	if refIsMissing(k) {
		return "missing"
	}
	return fmt.Sprintf("%T %v", k, k)
}

// refSameKey tells groupBy keys apart: strict JSON equality (no coercion),
// with missing equal only to missing.
func refSameKey(a, b any) bool {
	if refIsMissing(a) || refIsMissing(b) {
		return refIsMissing(a) && refIsMissing(b)
	}
	return refDeepEqual(a, b)
}

// ---------------------------------------------------------------------------
// Operators.

// refNum is a number as the language sees it: an exact 64-bit integer when
// its text is an integer that fits, a float64 otherwise.
type refNum struct {
	isInt bool
	i     int64
	f     float64
}

// refDecimal is the syntax of a numeric string: an optional sign, digits
// with an optional fraction (or a fraction alone), an optional exponent.
var refDecimal = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// refParseNum reads number text (see refDecimal).
func refParseNum(s string) (refNum, bool) {
	if !refDecimal.MatchString(s) {
		return refNum{}, false
	}
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return refNum{isInt: true, i: i}, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return refNum{}, false
	}
	return refNum{f: f}, true
}

// refCmpNum compares two numbers exactly.
func refCmpNum(a, b refNum) int {
	if a.isInt && b.isInt {
		switch {
		case a.i < b.i:
			return -1
		case a.i > b.i:
			return 1
		}
		return 0
	}
	big := func(n refNum) *big.Float {
		if n.isInt {
			return new(big.Float).SetInt64(n.i)
		}
		return new(big.Float).SetFloat64(n.f)
	}
	return big(a).Cmp(big(b))
}

// refNumeric reads a number, or a string holding a decimal number.
func refNumeric(v any) (refNum, bool) {
	switch v := v.(type) {
	case json.Number:
		return refParseNum(string(v))
	case string:
		return refParseNum(v)
	}
	return refNum{}, false
}

// refEqual is `=`.
func refEqual(a, b any) bool {
	if refIsMissing(a) || refIsMissing(b) {
		return false
	}
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool:
		switch b := b.(type) {
		case bool:
			return a == b
		case string:
			return strings.EqualFold(b, strconv.FormatBool(a))
		}
		return false
	case json.Number:
		switch b.(type) {
		case json.Number, string:
			x, ok1 := refNumeric(a)
			y, ok2 := refNumeric(b)
			return ok1 && ok2 && refCmpNum(x, y) == 0
		}
		return false
	case string:
		switch b := b.(type) {
		case string:
			return a == b
		case bool, json.Number:
			return refEqual(b, a)
		}
		return false
	case []any, map[string]any:
		switch b.(type) {
		case []any, map[string]any:
			return refDeepEqual(a, b)
		}
		return false
	}
	return false
}

// refDeepEqual is strict JSON equality: same kinds throughout, numbers by
// value, object keys in any order.
func refDeepEqual(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && a == y
	case string:
		y, ok := b.(string)
		return ok && a == y
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		p, ok1 := refNumeric(a)
		q, ok2 := refNumeric(y)
		return ok1 && ok2 && refCmpNum(p, q) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(a) != len(y) {
			return false
		}
		for i := range a {
			if !refDeepEqual(a[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(a) != len(y) {
			return false
		}
		for k, v := range a {
			w, ok := y[k]
			if !ok || !refDeepEqual(v, w) {
				return false
			}
		}
		return true
	}
	return false
}

// refOrder is `< > <= >=`: numerically when one side is a number and the
// other a number or numeric string; lexicographically for two strings;
// false otherwise.
func refOrder(op lang.CompareOp, a, b any) bool {
	var c int
	_, an := a.(json.Number)
	_, bn := b.(json.Number)
	as, aStr := a.(string)
	bs, bStr := b.(string)
	switch {
	case aStr && bStr:
		c = strings.Compare(as, bs)
	case an || bn:
		x, ok1 := refNumeric(a)
		y, ok2 := refNumeric(b)
		if !ok1 || !ok2 {
			return false
		}
		c = refCmpNum(x, y)
	default:
		return false
	}
	switch op {
	case lang.Lt:
		return c < 0
	case lang.Gt:
		return c > 0
	case lang.Le:
		return c <= 0
	case lang.Ge:
		return c >= 0
	}
	return false
}

// refLike is `like`: strings only, case-insensitive, % matches any run of
// characters (newlines included), every other character is literal.
func refLike(v any, pat string) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	// Each byte that is not valid UTF-8 stands for U+FFFD, as a rune decoder
	// sees it; regexp would refuse the raw bytes.
	s, pat = refRunes(s), refRunes(pat)
	parts := strings.Split(pat, "%")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(`(?is)^` + strings.Join(parts, ".*") + `$`)
	return re.MatchString(s)
}

// refRunes replaces every byte of s that is not valid UTF-8 by U+FFFD.
func refRunes(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}

// refTruthy is the truth of a bare operand.
func refTruthy(v any) bool {
	switch v := v.(type) {
	case refMissingT, nil:
		return false
	case bool:
		return v
	case json.Number:
		n, ok := refNumeric(v)
		return ok && refCmpNum(n, refNum{isInt: true}) != 0
	case string:
		return v != "" && !strings.EqualFold(v, "false")
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return true
}

// ---------------------------------------------------------------------------
// Postfix functions.

func (ev *refEvaluator) call(c *lang.Call, cur any) (any, error) {
	x, err := ev.operand(c.X, cur)
	if err != nil {
		return nil, err
	}
	args := make([]any, len(c.Args))
	for i, a := range c.Args {
		if args[i], err = ev.operand(a, cur); err != nil {
			return nil, err
		}
	}
	switch c.Name {
	case "isEmpty":
		switch x := x.(type) {
		case refMissingT, nil:
			return true, nil
		case string:
			return x == "", nil
		case []any:
			return len(x) == 0, nil
		case map[string]any:
			return len(x) == 0, nil
		}
		return false, nil
	case "length":
		n := 0
		switch x := x.(type) {
		case string:
			n = utf8.RuneCountInString(x)
		case []any:
			n = len(x)
		case map[string]any:
			n = len(x)
		}
		return json.Number(strconv.Itoa(n)), nil
	case "isFilterPatternEqual":
		s, ok1 := x.(string)
		p, ok2 := args[0].(string)
		return ok1 && ok2 && refStripSpace(s) == refStripSpace(p), nil
	}
	return ev.registryCall(c, x, args)
}

// registryCall runs a function from the registry (allowedHostsForPort,
// allowedPublicHostsForPort and embedder functions), handing it the operand
// re-marshalled as JSON.
func (ev *refEvaluator) registryCall(c *lang.Call, x any, args []any) (any, error) {
	f, ok := ev.opts.Functions.Lookup(c.Name)
	if !ok {
		return nil, fmt.Errorf("unknown function %q", c.Name)
	}
	recv, err := refToValue(x)
	if err != nil {
		return nil, err
	}
	vals := make([]builtin.Value, len(args))
	for i, a := range args {
		if vals[i], err = refToValue(a); err != nil {
			return nil, err
		}
	}
	res, err := f.Impl(&builtin.Env{Now: ev.opts.Now}, recv, vals)
	if err != nil {
		return nil, err
	}
	return refFromValue(res)
}

func refToValue(v any) (builtin.Value, error) {
	if refIsMissing(v) {
		return builtin.MissingValue(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return builtin.Value{}, err
	}
	return builtin.FromJSON(gjson.ParseBytes(b)), nil
}

func refFromValue(v builtin.Value) (any, error) {
	switch v.Kind() {
	case builtin.Missing:
		return refMissing, nil
	case builtin.Null:
		return nil, nil
	case builtin.Bool:
		return v.Bool(), nil
	case builtin.Number:
		if raw := v.Raw(); raw != "" {
			return json.Number(raw), nil
		}
		f := v.Num()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("function returned %v", f)
		}
		return json.Number(strconv.FormatFloat(f, 'f', -1, 64)), nil
	case builtin.String:
		return v.Str(), nil
	}
	return refDecode([]byte(v.Raw()))
}

func refStripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
