package eval

// This file checks that the VM and the reference interpreter agree: on every
// corpus rule and every rule of the semantic table, over documents generated
// from the paths each rule reads (TestDifferential), and on arbitrary rule
// and document pairs (FuzzDifferential).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gsl-lang/gsl/lang"
)

// diffCorpusRules reads the rule texts of the shared corpus, or returns nil
// when it is absent.
func diffCorpusRules(t testing.TB) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "corpus", "gsl-rules.jsonl"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var rules []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct{ Rule string }
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("corpus: %v", err)
		}
		rules = append(rules, line.Rule)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("corpus: %v", err)
	}
	return rules
}

// diffShape is what a rule reads below one value: the properties it steps
// into, the element shape when an array operator iterates the value, and
// hints for values worth generating.
type diffShape struct {
	fields   map[string]*diffShape
	order    []string // field names in first-seen order, for determinism
	elem     *diffShape
	hints    []any // literals the value is compared with
	cidr     bool  // read by isPublic or numberOfHosts
	date     bool  // read by before or after
	firewall bool  // read by allowedHostsForPort
	current  bool  // `$` is compared directly: the elements are scalars
}

func (s *diffShape) field(name string) *diffShape {
	if s.fields == nil {
		s.fields = map[string]*diffShape{}
	}
	f, ok := s.fields[name]
	if !ok {
		f = &diffShape{}
		s.fields[name] = f
		s.order = append(s.order, name)
	}
	return f
}

func (s *diffShape) element() *diffShape {
	if s.elem == nil {
		s.elem = &diffShape{}
	}
	return s.elem
}

// diffShapeOf collects the shape of the entity that rule reads.
func diffShapeOf(rule *lang.Rule) *diffShape {
	root := &diffShape{}
	var expr func(e lang.Expr, ctx *diffShape)
	var operand func(o lang.Operand, ctx *diffShape) *diffShape
	hint := func(s *diffShape, o lang.Operand) {
		if s == nil {
			return
		}
		switch o := o.(type) {
		case *lang.String:
			s.hints = append(s.hints, o.Value)
		case *lang.Number:
			n := refNumberLit(o)
			s.hints = append(s.hints, n, n)
			if o.IsInt {
				s.hints = append(s.hints, json.Number(strconv.FormatInt(o.Int-1, 10)), json.Number(strconv.FormatInt(o.Int+1, 10)))
			}
		case *lang.Bool:
			s.hints = append(s.hints, o.Value)
		case *lang.Null:
			s.hints = append(s.hints, nil)
		}
	}
	operand = func(o lang.Operand, ctx *diffShape) *diffShape {
		switch o := o.(type) {
		case *lang.Path:
			s := ctx
			if o.Current && len(o.Segments) == 0 {
				ctx.current = true
			}
			for _, seg := range o.Segments {
				s = s.field(seg.Name)
			}
			return s
		case *lang.ArrayOp:
			xs := operand(o.X, ctx)
			if xs == nil {
				xs = &diffShape{}
			}
			el := xs.element()
			if o.Op == lang.GroupBy {
				operand(o.Key, el)
				g := &diffShape{}
				g.field("key")
				g.field("values").elem = el
				return g
			}
			expr(o.Body, el)
			if o.Op == lang.With {
				return xs
			}
			return nil
		case *lang.Call:
			xs := operand(o.X, ctx)
			for _, a := range o.Args {
				operand(a, ctx)
			}
			if xs != nil {
				switch o.Name {
				case "isPublic", "numberOfHosts":
					xs.cidr = true
				case "before", "after":
					xs.date = true
				case "allowedHostsForPort", "allowedPublicHostsForPort":
					xs.firewall = true
				case "isFilterPatternEqual":
					if len(o.Args) == 1 {
						hint(xs, o.Args[0])
					}
				}
			}
			return nil
		}
		return nil
	}
	expr = func(e lang.Expr, ctx *diffShape) {
		switch e := e.(type) {
		case *lang.Logical:
			expr(e.X, ctx)
			expr(e.Y, ctx)
		case *lang.Not:
			expr(e.X, ctx)
		case *lang.Test:
			operand(e.X, ctx)
		case *lang.Compare:
			xs := operand(e.X, ctx)
			switch y := e.Y.(type) {
			case *lang.List:
				for _, el := range y.Elems {
					hint(xs, el)
				}
			case *lang.String:
				if e.Op == lang.Like || e.Op == lang.Unlike {
					if xs != nil {
						xs.hints = append(xs.hints, y.Value, strings.ReplaceAll(y.Value, "%", "x"),
							strings.ToUpper(strings.ReplaceAll(y.Value, "%", "")))
					}
				} else {
					hint(xs, y)
				}
			case *lang.Regex:
				// A regex that is a plain literal between anchors yields a
				// string that matches it.
				lit := strings.TrimSuffix(strings.TrimPrefix(y.Pattern, "^"), "$")
				if xs != nil && !strings.ContainsAny(lit, `\.[](){}*+?|^$`) {
					xs.hints = append(xs.hints, lit, "x"+lit)
				}
			default:
				ys := operand(e.Y, ctx)
				hint(xs, e.Y)
				if ys != nil {
					hint(ys, e.X)
				}
			}
		}
	}
	expr(rule.Where, root)
	expr(rule.Cond, root)
	return root
}

// Pools of values the generator draws from.
var (
	diffScalars = []any{true, false, "true", "TRUE", "false", json.Number("0"), json.Number("1"),
		json.Number("22"), "22", json.Number("-1"), json.Number("2.5"), "abc", "", nil,
		json.Number("4294967296"), "0.0.0.0/0", "10.0.0.0/8"}
	diffCIDRs = []any{"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/24", "10.0.0.0/23", "192.168.1.0/24", "8.8.8.8",
		"8.8.8.0/24", "172.16.0.0/12", "52.0.0.0/8", "10.0.0.1/32", "::/0", "fd00::/8", "sg-0123", "*"}
	diffDates = []any{"2026-06-15T12:00:00Z", "2026-06-01T00:00:00Z", "2025-01-01T00:00:00Z",
		"2027-01-01T00:00:00Z", "2026-06-14T12:00:00Z", "2026-03-01T08:30:00+02:00", "2026-06-15",
		json.Number("1780272000"), json.Number("1782864000000"), "N/A"}
	diffProtocols = []any{"TCP", "UDP", "ALL", "-1", "tcp"}
	diffPorts     = []any{json.Number("0"), json.Number("22"), json.Number("80"), json.Number("443"),
		json.Number("3389"), json.Number("65535"), json.Number("-1")}
)

// diffGen generates documents for one shape. Noise, between 0 and 1, is how
// far the documents stray from the values the rule looks for: each document
// draws its own, so that some come close to matching and some do not.
type diffGen struct {
	r     *rand.Rand
	noise float64
}

func (g *diffGen) pick(vs []any) any { return vs[g.r.IntN(len(vs))] }

func (g *diffGen) chance(p float64) bool { return g.r.Float64() < p }

// value generates a value for s; ok is false for missing.
func (g *diffGen) value(s *diffShape, depth int) (v any, ok bool) {
	switch {
	case g.chance(g.noise * 0.3):
		return nil, false
	case g.chance(g.noise * 0.1):
		return nil, true
	case depth > 6:
		return g.pick(diffScalars), true
	case s.firewall && g.chance(0.8):
		return g.rules(s, depth), true
	case s.elem != nil && g.chance(0.8):
		if g.chance(0.1) {
			return g.value(s.elem, depth+1) // a lone element: a one-element list
		}
		k := 1 + g.r.IntN(3)
		if g.chance(0.1) {
			k = 0
		}
		arr := make([]any, 0, k)
		for range k {
			if v, ok := g.value(s.elem, depth+1); ok {
				arr = append(arr, v)
			}
		}
		return arr, true
	case len(s.fields) > 0 && g.chance(0.9):
		return g.object(s, depth), true
	case s.cidr && g.chance(0.8):
		return g.pick(diffCIDRs), true
	case s.date && g.chance(0.8):
		return g.pick(diffDates), true
	case len(s.hints) > 0 && !g.chance(g.noise):
		return g.variant(g.pick(s.hints)), true
	}
	return g.pick(diffScalars), true
}

// variant returns v, or now and then a value that GSL may treat as equal or
// nearly so.
func (g *diffGen) variant(v any) any {
	if !g.chance(g.noise) {
		return v
	}
	switch x := v.(type) {
	case json.Number:
		switch g.r.IntN(3) {
		case 0:
			return string(x)
		case 1:
			if f, err := strconv.ParseFloat(string(x), 64); err == nil {
				return json.Number(strconv.FormatFloat(f, 'f', 1, 64))
			}
		}
	case bool:
		switch g.r.IntN(3) {
		case 0:
			return strconv.FormatBool(x)
		case 1:
			return strings.ToUpper(strconv.FormatBool(x))
		}
	case string:
		switch g.r.IntN(3) {
		case 0:
			return strings.ToLower(x)
		case 1:
			return x + "x"
		}
	}
	return v
}

func (g *diffGen) object(s *diffShape, depth int) map[string]any {
	m := map[string]any{}
	for _, name := range s.order {
		if v, ok := g.value(s.fields[name], depth+1); ok {
			m[name] = v
		}
	}
	return m
}

// rules generates a firewall rule list.
func (g *diffGen) rules(s *diffShape, depth int) []any {
	k := g.r.IntN(4)
	out := make([]any, 0, k)
	for range k {
		var m map[string]any
		if s.elem != nil {
			m = g.object(s.elem, depth+1)
		} else {
			m = map[string]any{}
		}
		// Fields the rule reads elsewhere were generated from its hints;
		// the rest come from the pools.
		if _, ok := m["port"]; !ok {
			m["port"] = g.pick(diffPorts)
		}
		if _, ok := m["portTo"]; !ok {
			m["portTo"] = m["port"]
			if g.chance(0.5) {
				m["portTo"] = g.pick(diffPorts)
			}
		}
		if _, ok := m["protocol"]; !ok {
			m["protocol"] = g.pick(diffProtocols)
		}
		if _, ok := m["scope"]; !ok {
			m["scope"] = g.pick(diffCIDRs)
		}
		out = append(out, m)
	}
	return out
}

// entity generates one document of type typ with the shape s.
func (g *diffGen) entity(typ string, s *diffShape, i int) []byte {
	g.noise = []float64{0.02, 0.1, 0.3, 0.6}[g.r.IntN(4)]
	m := g.object(s, 0)
	m["type"] = typ
	if g.r.IntN(10) == 0 {
		m["type"] = "Other"
	}
	m["id"] = "e-" + strconv.Itoa(i)
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

// diffSeed derives a deterministic seed from a rule text.
func diffSeed(text string) uint64 {
	h := fnv.New64a()
	io.WriteString(h, text)
	return h.Sum64()
}

// diffLimitErr reports whether a VM error is a resource limit, which the
// reference does not model.
func diffLimitErr(err error) bool {
	if err == nil {
		return false
	}
	s := strings.ToLower(err.Error())
	for _, w := range []string{"budget", "limit", "too deep", "too large", "too long", "depth", "nest"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// diffCase compares the VM and the reference on one rule and a batch of
// documents. For a List<> rule the batch is one Lists collection; otherwise
// every document is a case of its own. It returns a description of each
// disagreement.
func diffCase(rule *lang.Rule, p *Program, docs [][]byte) []string {
	var out []string
	opts := &refOptions{Now: refNow, StepBudget: DefaultStepBudget}
	if rule.Target != nil && rule.Target.List {
		vals := make([]any, 0, len(docs))
		for _, d := range docs {
			v, err := refDecode(d)
			if err != nil {
				return nil
			}
			vals = append(vals, v)
		}
		want, errs := refEvalList(rule, vals, opts)
		rs := NewRuleSet([]*Program{p}, &Options{Now: refNow})
		l := rs.NewLists()
		for _, d := range docs {
			l.Add(d)
		}
		got := map[string]string{}
		limited := false
		l.Eval(func(_ int, group string, r Result) {
			got[group] = r.Status.String()
			if r.Status == Error && diffLimitErr(r.Err) {
				limited = true
			}
		})
		if !limited && fmt.Sprint(got) != fmt.Sprint(want) {
			out = append(out, fmt.Sprintf("rule: %s\ndocs: %s\nVM: %v, reference: %v (reference errors %v)",
				rule.Source, bytes.Join(docs, []byte("\n      ")), got, want, errs))
		}
		return out
	}
	for _, d := range docs {
		v, err := refDecode(d)
		if err != nil {
			continue
		}
		want, werr := refEvalOpts(rule, v, opts)
		res := p.Eval(d)
		got := res.Status.String()
		if got == want || (res.Status == Error && want != "error" && diffLimitErr(res.Err)) {
			continue
		}
		out = append(out, fmt.Sprintf("rule: %s\ndoc:  %s\nVM: %s (err %v, evidence %v), reference: %s (err %v)",
			rule.Source, d, got, res.Err, res.Evidence, want, werr))
	}
	return out
}

// diffRules gathers the rules to compare: the corpus (when present) and the
// rules of the semantic table.
func diffRules(t *testing.T) []string {
	rules := diffCorpusRules(t)
	if rules == nil {
		t.Log("corpus absent: using the semantic table's rules only")
	}
	seen := map[string]bool{}
	for _, r := range rules {
		seen[r] = true
	}
	for _, r := range semLoad(t) {
		if !seen[r.Rule] && r.Want != "compile-error" {
			seen[r.Rule] = true
			rules = append(rules, r.Rule)
		}
	}
	return rules
}

func TestDifferential(t *testing.T) {
	perRule := 24
	if testing.Short() {
		perRule = 6
	}
	var problems []string
	compared, parsed := 0, 0
	for _, text := range diffRules(t) {
		rule, err := lang.Parse(text)
		if err != nil {
			continue
		}
		parsed++
		refErr := refCompile(rule, &refOptions{Now: refNow})
		p, vmErr := Compile(text, &Options{Now: refNow})
		if (refErr == nil) != (vmErr == nil) {
			problems = append(problems, fmt.Sprintf("rule: %s\ncompiles differently: VM error %v, reference error %v", text, vmErr, refErr))
			continue
		}
		if vmErr != nil {
			continue
		}
		g := &diffGen{r: rand.New(rand.NewPCG(diffSeed(text), 7))}
		shape := diffShapeOf(rule)
		typ := "Instance"
		if rule.Target != nil {
			typ = rule.Target.Type
		}
		if rule.Target != nil && rule.Target.List {
			items := shape.field("items").element()
			for i := range perRule / 3 {
				var docs [][]byte
				g.noise = []float64{0.02, 0.1, 0.3, 0.6}[g.r.IntN(4)]
				for j := range g.r.IntN(5) {
					m := g.object(items, 1)
					m["type"] = typ
					if g.r.IntN(8) == 0 {
						m["type"] = "Other"
					}
					m["id"] = fmt.Sprintf("e-%d-%d", i, j)
					if acct := g.r.IntN(3); acct > 0 {
						m["accountNumber"] = strconv.Itoa(acct * 111)
					}
					b, _ := json.Marshal(m)
					docs = append(docs, b)
				}
				problems = append(problems, diffCase(rule, p, docs)...)
				compared++
			}
			continue
		}
		docs := make([][]byte, perRule)
		for i := range docs {
			docs[i] = g.entity(typ, shape, i)
		}
		problems = append(problems, diffCase(rule, p, docs)...)
		compared += len(docs)
	}
	t.Logf("%d rules parsed, %d comparisons, %d disagreements", parsed, compared, len(problems))
	for i, p := range problems {
		if i == 40 {
			t.Errorf("... and %d more disagreements", len(problems)-40)
			break
		}
		t.Errorf("VM and reference disagree:\n%s", p)
	}
}

// diffDupKeys reports whether a JSON document has an object with a repeated
// key (encoding/json keeps the last, a raw reader may keep the first).
func diffDupKeys(doc []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(doc))
	type frame struct {
		keys         map[string]bool
		obj, wantKey bool
	}
	var stack []*frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].obj {
			stack[n-1].wantKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].wantKey {
			top := stack[n-1]
			if tok == json.Delim('}') {
				stack = stack[:n-1]
				valueDone()
				continue
			}
			k, _ := tok.(string)
			if top.keys[k] {
				return true
			}
			top.keys[k] = true
			top.wantKey = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{keys: map[string]bool{}, obj: true, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

func FuzzDifferential(f *testing.F) {
	for _, r := range semLoad(f) {
		if r.Want == "compile-error" {
			continue
		}
		if r.List {
			f.Add(r.Rule, strings.Join(r.Docs, "\n"))
		} else if len(r.Doc) < 4096 {
			f.Add(r.Rule, r.Doc)
		}
	}
	corpus := diffCorpusRules(f)
	for i := 0; i < len(corpus); i += 25 {
		rule, err := lang.Parse(corpus[i])
		if err != nil {
			continue
		}
		g := &diffGen{r: rand.New(rand.NewPCG(diffSeed(corpus[i]), 1))}
		typ := "Instance"
		if rule.Target != nil {
			typ = rule.Target.Type
		}
		f.Add(corpus[i], string(g.entity(typ, diffShapeOf(rule), 0)))
	}
	f.Fuzz(func(t *testing.T, ruleText, docText string) {
		rule, err := lang.Parse(ruleText)
		if err != nil {
			return
		}
		if refCompile(rule, &refOptions{Now: refNow}) != nil {
			return
		}
		p, err := Compile(ruleText, &Options{Now: refNow})
		if err != nil {
			return
		}
		// A List<> case holds one document per line; any other case one
		// document. Documents must be valid UTF-8 JSON objects without
		// repeated keys (a question the decisions do not settle).
		var docs [][]byte
		if rule.Target != nil && rule.Target.List {
			for line := range strings.SplitSeq(docText, "\n") {
				if strings.TrimSpace(line) != "" {
					docs = append(docs, []byte(line))
				}
			}
		} else {
			docs = [][]byte{[]byte(docText)}
		}
		for _, d := range docs {
			v, err := refDecode(d)
			if err != nil || !utf8.Valid(d) || diffDupKeys(d) {
				return
			}
			if _, ok := v.(map[string]any); !ok {
				return
			}
		}
		if problems := diffCase(rule, p, docs); len(problems) > 0 {
			t.Fatalf("VM and reference disagree:\n%s", problems[0])
		}
	})
}

// TestDiffHelpers checks the document generator and the duplicate-key test.
func TestDiffHelpers(t *testing.T) {
	for doc, want := range map[string]bool{
		`{"a":1,"b":2}`:                  false,
		`{"a":1,"a":2}`:                  true,
		`{"a":{"b":1},"c":{"b":2}}`:      false,
		`{"a":[{"b":1,"b":2}]}`:          true,
		`{"a":[1,{"x":[]}],"b":{"a":1}}`: false,
		`{"a":{"b":{}},"a":3}`:           true,
	} {
		if got := diffDupKeys([]byte(doc)); got != want {
			t.Errorf("diffDupKeys(%s) = %v, want %v", doc, got, want)
		}
	}
	rule, err := lang.Parse("Instance where inboundRules contain [port <= 22 and scope isPublic()] should have tags contain [$.key = 'env'] and launchTime after(-1, 'days')")
	if err != nil {
		t.Fatal(err)
	}
	s := diffShapeOf(rule)
	if !slices.Equal(s.order, []string{"inboundRules", "tags", "launchTime"}) {
		t.Errorf("top-level fields %v", s.order)
	}
	el := s.fields["inboundRules"].elem
	if el == nil || !el.fields["scope"].cidr || len(el.fields["port"].hints) == 0 {
		t.Errorf("inboundRules element shape %+v", el)
	}
	if !s.fields["launchTime"].date {
		t.Errorf("launchTime not marked as a date")
	}
	g := &diffGen{r: rand.New(rand.NewPCG(1, 2))}
	a, b := g.entity("Instance", s, 0), (&diffGen{r: rand.New(rand.NewPCG(1, 2))}).entity("Instance", s, 0)
	if !bytes.Equal(a, b) {
		t.Errorf("generation is not deterministic:\n%s\n%s", a, b)
	}
}
