package builtin

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// This file evaluates CloudWatch Logs filter patterns against log events,
// so that a rule asks "does this filter select these events" instead of
// comparing the pattern's text with one spelling of it.
//
// Supported: JSON patterns, { SELECTOR OP VALUE } joined by && and || with
// parentheses (&& binds tighter than ||), where SELECTOR is $.a.b, $.a[0].b
// or $.a[*].b; OP is =, !=, <, <=, >, >= (numeric for number values, with
// * wildcards for strings), or the forms IS TRUE, IS FALSE, IS NULL, NOT
// EXISTS; VALUE is a number, a quoted string, an unquoted string (up to the
// next ")", "}", "&&" or "||"), or a regular expression %...%. Term patterns
// (words and "quoted phrases" that must all occur in the event's text, with
// ?term alternatives and -term exclusions) and the empty pattern (every
// event) are supported too. Space-delimited [a, b, ...] patterns select
// fields by position in a log line and never express a JSON event test: they
// match no event.

// fpNode is a node of a parsed filter pattern.
type fpNode struct {
	op          string // "&&", "||", or a comparison: "=", "!=", "<", ">", "<=", ">=", "true", "false", "null", "notexists"
	left, right *fpNode
	path        []string // selector segments ("*" for [*])
	str         string   // string value
	num         float64
	isNum       bool
	re          *regexp.Regexp
}

// filterPattern is a parsed pattern.
type filterPattern struct {
	json  *fpNode // a JSON pattern
	terms []fpTerm
	never bool // a space-delimited pattern
}

type fpTerm struct {
	text   string
	orWith bool // a ?term: the ?terms form one alternative group
	not    bool // a -term
}

// parseFilterPattern parses a CloudWatch Logs filter pattern.
func parseFilterPattern(s string) (*filterPattern, error) {
	t := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(t, "{"):
		p := &fpParser{s: t, i: 1}
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '}' {
			return nil, p.errf("expected '}'")
		}
		p.i++
		p.space()
		if p.i != len(p.s) {
			return nil, p.errf("text after the closing '}'")
		}
		return &filterPattern{json: n}, nil
	case strings.HasPrefix(t, "["):
		return &filterPattern{never: true}, nil
	}
	return &filterPattern{terms: parseTerms(t)}, nil
}

func parseTerms(s string) []fpTerm {
	var out []fpTerm
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		var t fpTerm
		switch s[i] {
		case '?':
			t.orWith = true
			i++
		case '-':
			t.not = true
			i++
		}
		if i < len(s) && s[i] == '"' {
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				t.text = s[i+1:]
				i = len(s)
			} else {
				t.text = s[i+1 : i+1+j]
				i += j + 2
			}
		} else {
			j := i
			for j < len(s) && s[j] != ' ' {
				j++
			}
			t.text = s[i:j]
			i = j
		}
		out = append(out, t)
	}
	return out
}

type fpParser struct {
	s string
	i int
}

func (p *fpParser) errf(format string, args ...any) error {
	return fmt.Errorf("filter pattern, at byte %d: %s", p.i+1, fmt.Sprintf(format, args...))
}

func (p *fpParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *fpParser) peek(tok string) bool {
	p.space()
	return strings.HasPrefix(p.s[p.i:], tok)
}

func (p *fpParser) or() (*fpNode, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.peek("||") {
		p.i += 2
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		l = &fpNode{op: "||", left: l, right: r}
	}
	return l, nil
}

func (p *fpParser) and() (*fpNode, error) {
	l, err := p.primary()
	if err != nil {
		return nil, err
	}
	for p.peek("&&") {
		p.i += 2
		r, err := p.primary()
		if err != nil {
			return nil, err
		}
		l = &fpNode{op: "&&", left: l, right: r}
	}
	return l, nil
}

func (p *fpParser) primary() (*fpNode, error) {
	if p.peek("(") {
		p.i++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.peek(")") {
			return nil, p.errf("expected ')'")
		}
		p.i++
		return n, nil
	}
	if !p.peek("$") {
		return nil, p.errf("expected a selector ($.field) or '('")
	}
	path, err := p.selector()
	if err != nil {
		return nil, err
	}
	n := &fpNode{path: path}
	p.space()
	rest := p.s[p.i:]
	for _, kw := range [...]struct{ text, op string }{
		{"IS TRUE", "true"}, {"IS FALSE", "false"}, {"IS NULL", "null"}, {"NOT EXISTS", "notexists"},
	} {
		if len(rest) >= len(kw.text) && strings.EqualFold(rest[:len(kw.text)], kw.text) {
			p.i += len(kw.text)
			n.op = kw.op
			return n, nil
		}
	}
	for _, op := range [...]string{"!=", "<=", ">=", "=", "<", ">"} {
		if strings.HasPrefix(rest, op) {
			n.op = op
			p.i += len(op)
			break
		}
	}
	if n.op == "" {
		return nil, p.errf("expected an operator after the selector")
	}
	return n, p.value(n)
}

// selector reads $.a.b[0].c into its segments.
func (p *fpParser) selector() ([]string, error) {
	p.i++ // '$'
	var path []string
	for p.i < len(p.s) {
		switch c := p.s[p.i]; c {
		case '.':
			j := p.i + 1
			for j < len(p.s) && !strings.ContainsRune(".[ \t\r\n=!<>()&|}", rune(p.s[j])) {
				j++
			}
			if j == p.i+1 {
				return nil, p.errf("empty field name in selector")
			}
			path = append(path, p.s[p.i+1:j])
			p.i = j
		case '[':
			j := strings.IndexByte(p.s[p.i:], ']')
			if j < 0 {
				return nil, p.errf("unclosed '[' in selector")
			}
			path = append(path, strings.TrimSpace(p.s[p.i+1:p.i+j]))
			p.i += j + 1
		default:
			if len(path) == 0 {
				return nil, p.errf("selector without a field")
			}
			return path, nil
		}
	}
	return path, nil
}

func (p *fpParser) value(n *fpNode) error {
	p.space()
	if p.i >= len(p.s) {
		return p.errf("missing value")
	}
	switch p.s[p.i] {
	case '"':
		j := p.i + 1
		var b strings.Builder
		for ; j < len(p.s) && p.s[j] != '"'; j++ {
			if p.s[j] == '\\' && j+1 < len(p.s) {
				j++
			}
			b.WriteByte(p.s[j])
		}
		if j >= len(p.s) {
			return p.errf("unterminated string")
		}
		n.str = b.String()
		p.i = j + 1
		return nil
	case '%':
		j := strings.IndexByte(p.s[p.i+1:], '%')
		if j < 0 {
			return p.errf("unterminated regular expression")
		}
		re, err := regexp.Compile(p.s[p.i+1 : p.i+1+j])
		if err != nil {
			return p.errf("regular expression: %v", err)
		}
		if n.op != "=" && n.op != "!=" {
			return p.errf("a regular expression needs = or !=")
		}
		n.re = re
		p.i += j + 2
		return nil
	}
	j := p.i
	for j < len(p.s) && p.s[j] != ')' && p.s[j] != '}' &&
		!strings.HasPrefix(p.s[j:], "&&") && !strings.HasPrefix(p.s[j:], "||") {
		j++
	}
	text := strings.TrimSpace(p.s[p.i:j])
	if text == "" {
		return p.errf("missing value")
	}
	p.i = j
	if f, err := strconv.ParseFloat(text, 64); err == nil {
		n.num, n.isNum = f, true
	}
	n.str = text
	return nil
}

// match reports whether the pattern selects the event (raw JSON text).
func (fp *filterPattern) match(event gjson.Result) bool {
	switch {
	case fp.never:
		return false
	case fp.json != nil:
		return fp.json.eval(event)
	}
	text := event.Raw
	anyOr, orHit := false, false
	for _, t := range fp.terms {
		has := strings.Contains(text, t.text)
		switch {
		case t.not:
			if has {
				return false
			}
		case t.orWith:
			anyOr = true
			orHit = orHit || has
		default:
			if !has {
				return false
			}
		}
	}
	return !anyOr || orHit
}

func (n *fpNode) eval(ev gjson.Result) bool {
	switch n.op {
	case "&&":
		return n.left.eval(ev) && n.right.eval(ev)
	case "||":
		return n.left.eval(ev) || n.right.eval(ev)
	}
	vals := selectPath(ev, n.path)
	if n.op == "notexists" {
		return len(vals) == 0
	}
	if len(vals) == 0 {
		// Nothing selected: a comparison cannot hold, not even !=.
		return false
	}
	for _, v := range vals {
		if n.test(v) {
			return true
		}
	}
	return false
}

func (n *fpNode) test(v gjson.Result) bool {
	switch n.op {
	case "true":
		return v.Type == gjson.True
	case "false":
		return v.Type == gjson.False
	case "null":
		return v.Type == gjson.Null
	}
	if n.re != nil {
		if v.Type != gjson.String {
			return false
		}
		return n.re.MatchString(v.Str) == (n.op == "=")
	}
	if n.isNum && v.Type == gjson.Number {
		switch n.op {
		case "=":
			return v.Num == n.num
		case "!=":
			return v.Num != n.num
		case "<":
			return v.Num < n.num
		case "<=":
			return v.Num <= n.num
		case ">":
			return v.Num > n.num
		case ">=":
			return v.Num >= n.num
		}
	}
	var s string
	switch v.Type {
	case gjson.String:
		s = v.Str
	case gjson.Number, gjson.True, gjson.False:
		s = v.Raw
	default:
		return false
	}
	switch n.op {
	case "=":
		return wildcardMatch(n.str, s)
	case "!=":
		return !wildcardMatch(n.str, s)
	}
	return false
}

// selectPath returns the values the selector path names in ev; a [*]
// segment fans out over an array's elements.
func selectPath(ev gjson.Result, path []string) []gjson.Result {
	cur := []gjson.Result{ev}
	for _, seg := range path {
		var next []gjson.Result
		for _, c := range cur {
			switch {
			case seg == "*" && c.IsArray():
				next = append(next, c.Array()...)
			case c.IsArray():
				if i, err := strconv.Atoi(seg); err == nil {
					if e := c.Get(strconv.Itoa(i)); e.Exists() {
						next = append(next, e)
					}
				}
			case c.IsObject():
				c.ForEach(func(k, v gjson.Result) bool {
					if k.String() == seg {
						next = append(next, v)
						return false
					}
					return true
				})
			}
		}
		cur = next
	}
	return cur
}

// wildcardMatch reports whether s matches p, in which '*' stands for any
// run of characters; the comparison is case-sensitive, as CloudWatch's.
func wildcardMatch(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		if pi < len(p) && p[pi] == '*' {
			star, mark = pi, si
			pi++
			continue
		}
		if pi < len(p) && p[pi] == s[si] {
			pi++
			si++
			continue
		}
		if star < 0 {
			return false
		}
		pi = star + 1
		mark++
		si = mark
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// parseEvents reads a filterPatternSelects() argument: a JSON array of
// event objects, or one event object.
func parseEvents(text string) ([]gjson.Result, error) {
	if !jsontext.Valid(text) {
		return nil, errors.New("must be a JSON array of event objects")
	}
	r := gjson.Parse(text)
	if r.IsObject() {
		return []gjson.Result{r}, nil
	}
	if !r.IsArray() {
		return nil, errors.New("must be a JSON array of event objects")
	}
	evs := r.Array()
	for i, e := range evs {
		if !e.IsObject() {
			return nil, fmt.Errorf("element %d must be an event object", i+1)
		}
	}
	return evs, nil
}

// filterPatternSelects reports whether pattern selects every event of
// match and none of noMatch.
func filterPatternSelects(pattern string, match, noMatch []gjson.Result) (bool, error) {
	fp, err := parseFilterPattern(pattern)
	if err != nil {
		return false, err
	}
	for _, e := range match {
		if !fp.match(e) {
			return false, nil
		}
	}
	for _, e := range noMatch {
		if fp.match(e) {
			return false, nil
		}
	}
	return true, nil
}

// eventLists caches the parsed event arguments of filterPatternSelects():
// they are rule literals, so the cache is bounded by the rules compiled.
var eventLists sync.Map // string -> []gjson.Result

func eventsOf(text string) ([]gjson.Result, error) {
	if v, ok := eventLists.Load(text); ok {
		return v.([]gjson.Result), nil
	}
	evs, err := parseEvents(text)
	if err != nil {
		return nil, err
	}
	eventLists.Store(text, evs)
	return evs, nil
}

func checkEventArgs(consts []Value) error {
	for i, c := range consts {
		if c.Kind() != String {
			return &ArgError{Index: i, Msg: "must be a string literal holding a JSON array of events"}
		}
		if _, err := parseEvents(c.Str()); err != nil {
			return &ArgError{Index: i, Msg: err.Error()}
		}
	}
	return nil
}

func filterPatternSelectsImpl(_ *Env, recv Value, args []Value) (Value, error) {
	if recv.Kind() != String {
		return BoolValue(false), nil
	}
	match, err := eventsOf(args[0].Str())
	if err != nil {
		return Value{}, err
	}
	others, err := eventsOf(args[1].Str())
	if err != nil {
		return Value{}, err
	}
	ok, err := filterPatternSelects(recv.Str(), match, others)
	if err != nil {
		return Value{}, err
	}
	return BoolValue(ok), nil
}
