package eval

// TEMPORARY stand-ins for the operators that package builtin will export
// (Equal, Compare, CompileLike, Truthy). Deleted when builtin lands on main.

import (
	"math"
	"strconv"
	"strings"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/tidwall/gjson"
)

func valEqual(a, b builtin.Value) bool {
	ka, kb := a.Kind(), b.Kind()
	if ka == builtin.Missing || kb == builtin.Missing {
		return false
	}
	if ka == kb {
		switch ka {
		case builtin.Null:
			return true
		case builtin.Bool:
			return a.Bool() == b.Bool()
		case builtin.Number:
			return a.Num() == b.Num()
		case builtin.String:
			return a.Str() == b.Str()
		}
		return compactJSON(a.Raw()) == compactJSON(b.Raw())
	}
	if ka == builtin.String {
		a, b = b, a
		ka, kb = kb, ka
	}
	if kb != builtin.String {
		return false
	}
	switch ka {
	case builtin.Bool:
		s := strings.ToLower(b.Str())
		return s == "true" && a.Bool() || s == "false" && !a.Bool()
	case builtin.Number:
		f, err := strconv.ParseFloat(strings.TrimSpace(b.Str()), 64)
		return err == nil && f == a.Num()
	}
	return false
}

func compactJSON(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '"' {
			e := stringEnd(s, i)
			b.WriteString(s[i:e])
			i = e
			continue
		}
		if !isSpace(s[i]) {
			b.WriteByte(s[i])
		}
		i++
	}
	return b.String()
}

func numOf(v builtin.Value) (float64, bool) {
	switch v.Kind() {
	case builtin.Number:
		return v.Num(), true
	case builtin.String:
		f, err := strconv.ParseFloat(strings.TrimSpace(v.Str()), 64)
		return f, err == nil && !math.IsNaN(f)
	}
	return 0, false
}

// valCompare returns the sign of a-b and whether they are ordered.
func valCompare(a, b builtin.Value) (int, bool) {
	if a.Kind() == builtin.String && b.Kind() == builtin.String {
		return strings.Compare(a.Str(), b.Str()), true
	}
	x, ok1 := numOf(a)
	y, ok2 := numOf(b)
	if !ok1 || !ok2 || (a.Kind() != builtin.Number && b.Kind() != builtin.Number) {
		return 0, false
	}
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}

func valTruthy(v builtin.Value) bool {
	switch v.Kind() {
	case builtin.Missing, builtin.Null:
		return false
	case builtin.Bool:
		return v.Bool()
	case builtin.Number:
		return v.Num() != 0
	case builtin.String:
		return v.Str() != "" && !strings.EqualFold(v.Str(), "false")
	case builtin.Array, builtin.Object:
		n := 0
		r := v.JSON()
		r.ForEach(func(_, _ gjson.Result) bool { n++; return false })
		return n > 0
	}
	return false
}

// likePattern is a compiled `like` pattern.
type likePattern struct {
	src   string
	parts []string // split on %
}

func compileLike(pat string) likePattern {
	return likePattern{src: pat, parts: strings.Split(strings.ToLower(pat), "%")}
}

func likeText(p likePattern) string { return jsonQuote(p.src) }

func (p likePattern) match(v builtin.Value) bool {
	if v.Kind() != builtin.String {
		return false
	}
	s := v.Str()
	if len(p.parts) == 1 {
		return strings.EqualFold(s, p.parts[0])
	}
	s = strings.ToLower(s)
	if !strings.HasPrefix(s, p.parts[0]) {
		return false
	}
	s = s[len(p.parts[0]):]
	last := p.parts[len(p.parts)-1]
	for _, mid := range p.parts[1 : len(p.parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
