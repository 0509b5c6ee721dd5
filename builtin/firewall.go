package builtin

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// The firewall functions read a list of rules. Each rule is an object; the
// fields are matched by name ignoring case, and the ones not listed here
// are ignored (direction among them: the list given is the one evaluated).
var (
	orderFields    = []string{"number", "ruleNumber", "priority"}
	actionFields   = []string{"action", "access", "ruleAction"}
	protocolFields = []string{"protocol", "ipProtocol"}
	portFromFields = []string{"port", "fromPort", "destinationPort"}
	portToFields   = []string{"portTo", "toPort", "destinationPortTo"}
	portSetFields  = []string{"destinationPortRange", "destinationPortRanges", "portRange"}
	sourceFields   = []string{"scope", "source", "sources", "sourceAddressPrefix",
		"sourceAddressPrefixes", "sourceRanges", "cidrBlock", "ipv6CidrBlock", "cidrIp", "cidrIpv6"}
)

// fwRule is one firewall rule, read for one port.
type fwRule struct {
	order    float64
	hasOrder bool
	deny     bool
	covers   bool // the rule applies to the port asked about
	proto    protoClass
	srcs     []fwSource
	cover    portCover // the ports it applies to, in a rule list read for every port (see readList)
}

type fwSource struct {
	fam family
	sp  span
}

// protoClass is what a rule's protocol field says.
type protoClass uint8

const (
	protoOther protoClass = iota // a named or numbered protocol other than those below, or none given
	protoAny
	protoTCP
	protoUDP
	protoICMP
)

// ruleField classifies a field name.
type ruleField uint8

const (
	fieldOther ruleField = iota
	fieldOrder
	fieldAction
	fieldProtocol
	fieldPortFrom
	fieldPortTo
	fieldPortSet
	fieldSource
)

var fieldGroups = [...]struct {
	f     ruleField
	names []string
}{
	{fieldOrder, orderFields}, {fieldAction, actionFields}, {fieldProtocol, protocolFields},
	{fieldPortFrom, portFromFields}, {fieldPortTo, portToFields}, {fieldPortSet, portSetFields},
	{fieldSource, sourceFields},
}

func classifyField(name string) ruleField {
	for _, g := range fieldGroups {
		for _, n := range g.names {
			if strings.EqualFold(name, n) {
				return g.f
			}
		}
	}
	return fieldOther
}

// portRange is an inclusive range of ports.
type portRange struct{ lo, hi int }

var allPorts = portRange{0, 65535}

func (r portRange) has(p int) bool { return r.lo <= p && p <= r.hi }

// readRule reads one rule object in one pass over its fields: its order,
// action, protocol class and sources, and the ports it covers (cover):
// every port for protocol ALL or a rule without port fields, none for
// ICMP, otherwise the port-set ranges and the from-to range. covers is
// left for the port asked about (see forPort).
func readRule(obj gjson.Result) fwRule {
	var r fwRule
	var from, to gjson.Result
	var proto string
	var protoNum int64
	protoIsNum := false
	ports := 0 // port fields seen
	var set []portRange
	obj.ForEach(func(k, v gjson.Result) bool {
		switch classifyField(k.Str) {
		case fieldOrder:
			if n, ok := numberOf(Value{v}); ok {
				r.order, r.hasOrder = n.float(), true
			}
		case fieldAction:
			switch strings.ToLower(v.Str) {
			case "deny", "drop", "block", "reject":
				r.deny = true
			}
		case fieldProtocol:
			if n, ok := numberOf(Value{v}); ok && n.isInt {
				protoNum, protoIsNum = n.i, true
			} else {
				proto = v.Str
			}
		case fieldPortFrom:
			from = v
			ports++
		case fieldPortTo:
			to = v
			ports++
		case fieldPortSet:
			ports++
			forEachPortRange(v, func(pr portRange) { set = append(set, pr) })
		case fieldSource:
			forEachString(v, func(s string) {
				for piece := range strings.SplitSeq(s, ",") {
					if pfx, ok := addressPrefix(piece); ok {
						f, sp := prefixSpan(pfx)
						r.srcs = append(r.srcs, fwSource{f, sp})
					}
				}
			})
		}
		return true
	})
	switch {
	case protoIsNum && protoNum == 6, !protoIsNum && strings.EqualFold(proto, "tcp"):
		r.proto = protoTCP
	case protoIsNum && protoNum == 17, !protoIsNum && strings.EqualFold(proto, "udp"):
		r.proto = protoUDP
	}
	switch {
	case protoIsNum && protoNum == -1, !protoIsNum && isAnyProtocol(proto):
		r.proto = protoAny
		r.cover.all = true
		return r
	case protoIsNum && (protoNum == 1 || protoNum == 58), !protoIsNum && isICMP(proto):
		r.proto = protoICMP
		return r // ICMP has no ports
	}
	if ports == 0 {
		r.cover.all = true // no port fields: every port
		return r
	}
	r.cover.ranges = set
	if from.Exists() || to.Exists() {
		lo, okLo := parsePorts(from)
		hi, okHi := parsePorts(to)
		switch {
		case okLo && okHi:
			r.cover.ranges = append(r.cover.ranges, portRange{lo.lo, hi.hi})
		case okLo:
			r.cover.ranges = append(r.cover.ranges, lo)
		case okHi:
			r.cover.ranges = append(r.cover.ranges, hi)
		}
	}
	return r
}

func isAnyProtocol(s string) bool {
	for _, t := range [...]string{"all", "-1", "*", "any"} {
		if strings.EqualFold(s, t) {
			return true
		}
	}
	return false
}

func isICMP(s string) bool {
	for _, t := range [...]string{"icmp", "icmpv6", "ipv6-icmp", "icmp6"} {
		if strings.EqualFold(s, t) {
			return true
		}
	}
	return false
}

// parsePorts reads a port or a port range: a number, a numeric string,
// "a-b", or one of "*", "any", "all" (every port). A negative number (AWS
// uses -1) means every port.
func parsePorts(v gjson.Result) (portRange, bool) {
	switch v.Type {
	case gjson.Number:
		n, _ := numberOf(Value{v})
		if n.float() < 0 {
			return allPorts, true
		}
		p := int(min(n.float(), 65536))
		return portRange{p, p}, true
	case gjson.String:
		s := strings.TrimSpace(v.Str)
		if s == "*" || strings.EqualFold(s, "any") || strings.EqualFold(s, "all") {
			return allPorts, true
		}
		if a, b, ok := strings.Cut(s, "-"); ok && a != "" {
			lo, ok1 := parseInt(strings.TrimSpace(a))
			hi, ok2 := parseInt(strings.TrimSpace(b))
			if !ok1 || !ok2 || lo < 0 || hi < lo {
				return portRange{}, false
			}
			return portRange{int(min(lo, 65536)), int(min(hi, 65536))}, true
		}
		n, ok := parseNumber(s)
		if !ok {
			return portRange{}, false
		}
		if n.float() < 0 {
			return allPorts, true
		}
		p := int(min(n.float(), 65536))
		return portRange{p, p}, true
	}
	return portRange{}, false
}

// forEachPortRange calls fn for each range in a port-set field: a string
// or number, an array of them, or an object {from, to}.
func forEachPortRange(v gjson.Result, fn func(portRange)) {
	switch {
	case v.IsArray():
		v.ForEach(func(_, e gjson.Result) bool {
			if pr, ok := parsePorts(e); ok {
				fn(pr)
			}
			return true
		})
	case v.IsObject():
		var lo, hi gjson.Result
		v.ForEach(func(k, e gjson.Result) bool {
			switch {
			case strings.EqualFold(k.Str, "from"):
				lo = e
			case strings.EqualFold(k.Str, "to"):
				hi = e
			}
			return true
		})
		a, okA := parsePorts(lo)
		b, okB := parsePorts(hi)
		switch {
		case okA && okB:
			fn(portRange{a.lo, b.hi})
		case okA:
			fn(a)
		case okB:
			fn(b)
		}
	default:
		if pr, ok := parsePorts(v); ok {
			fn(pr)
		}
	}
}

// forEachString calls fn for a string, or for each string of an array.
func forEachString(v gjson.Result, fn func(string)) {
	switch {
	case v.Type == gjson.String:
		fn(v.Str)
	case v.IsArray():
		v.ForEach(func(_, e gjson.Result) bool {
			if e.Type == gjson.String {
				fn(e.Str)
			}
			return true
		})
	}
}

// allowedSources evaluates the rule list recv for port p and returns the
// set of source addresses allowed. Rules are taken in ascending order of
// their number or priority (rules without one keep their place after those
// that have one); for each address the first rule that applies to the port
// and names it as a source decides. With allow rules only this is the union
// of their sources.
func allowedSources(env *Env, recv Value, p int) addrSet {
	return decideRules(readRules(env, recv, p))
}

// readRules reads the rule list recv for port p, in evaluation order.
func readRules(env *Env, recv Value, p int) []fwRule {
	return forPort(env.ruleList(recv, false), p)
}

// readList reads the rule list recv for every port, in evaluation order:
// each rule with the ports it covers (see readRule). With prefixLists, an allow rule that names a
// prefix list gets both whole address spaces among its sources.
func readList(recv Value, prefixLists bool) []fwRule {
	var rules []fwRule
	forEachRuleObject(recv, func(e gjson.Result) {
		r := readRule(e)
		if prefixLists && !r.deny && namesPrefixList(e) {
			r.srcs = append(r.srcs, fwSource{v4, wholeSpace[v4]}, fwSource{v6, wholeSpace[v6]})
		}
		rules = append(rules, r)
	})
	slices.SortStableFunc(rules, ruleOrder)
	return rules
}

// forPort returns a copy of the rules of a list read by readList, each
// marked as covering port p or not.
func forPort(list []fwRule, p int) []fwRule {
	if len(list) == 0 {
		return nil
	}
	rules := slices.Clone(list)
	for i := range rules {
		rules[i].covers = rules[i].cover.has(p)
	}
	return rules
}

// ruleOrder orders rules for evaluation, sorting stably: by number or
// priority, rules without one after those with one.
func ruleOrder(a, b fwRule) int {
	switch {
	case a.hasOrder != b.hasOrder:
		if a.hasOrder {
			return -1
		}
		return 1
	case a.hasOrder:
		return cmp.Compare(a.order, b.order)
	}
	return 0
}

// decideRules returns the addresses allowed by rules, taken in order.
func decideRules(rules []fwRule) addrSet {
	var bounds [2][]bound
	var deny []bool
	for _, r := range rules {
		if !r.covers {
			continue
		}
		k := int32(len(deny))
		deny = append(deny, r.deny)
		for _, s := range r.srcs {
			b := &bounds[s.fam]
			*b = append(*b, bound{at: s.sp.lo, rule: k, start: true})
			if s.sp.hi == maxU128 {
				*b = append(*b, bound{rule: k, atEnd: true})
			} else {
				*b = append(*b, bound{at: s.sp.hi.addOne(), rule: k})
			}
		}
	}
	var allowed addrSet
	for f := range bounds {
		allowed.fam[f] = firstDecides(bounds[f], deny)
	}
	return allowed
}

// bound is where a rule's source starts (start) or ends: at is the first
// address past it, or past the end of the address space (atEnd).
type bound struct {
	at    u128
	rule  int32 // the rule's rank in evaluation order
	start bool
	atEnd bool
}

// firstDecides returns the addresses where, among the sources that hold
// them, the one of the lowest-ranked rule is an allow (deny[rank] false).
// It sweeps the bounds in address order keeping the ranks of the sources
// open there in a min-heap: O(n log n) for n sources, where subtracting
// each source from those before it was O(n²).
func firstDecides(bounds []bound, deny []bool) spanSet {
	slices.SortFunc(bounds, func(a, b bound) int {
		if a.atEnd != b.atEnd {
			if a.atEnd {
				return 1
			}
			return -1
		}
		return a.at.cmp(b.at)
	})
	var (
		out    spanSet
		open   rankHeap
		closed = map[int32]int{} // ranks closed but still in the heap
		from   u128              // where the current stretch starts
	)
	// decided adds [from, to] when the lowest open rank allows it.
	decided := func(to u128) {
		for len(open) > 0 && closed[open[0]] > 0 {
			closed[open[0]]--
			open.pop()
		}
		if len(open) == 0 || deny[open[0]] {
			return
		}
		if n := len(out); n > 0 && out[n-1].hi.addOne() == from {
			out[n-1].hi = to
		} else {
			out = append(out, span{from, to})
		}
	}
	for i := 0; i < len(bounds); {
		b := bounds[i]
		if b.atEnd {
			decided(maxU128)
			break
		}
		if from.less(b.at) {
			decided(b.at.subOne())
		}
		from = b.at
		for ; i < len(bounds) && !bounds[i].atEnd && bounds[i].at == b.at; i++ {
			if bounds[i].start {
				open.push(bounds[i].rule)
			} else {
				closed[bounds[i].rule]++
			}
		}
	}
	return out
}

// rankHeap is a min-heap of rule ranks.
type rankHeap []int32

func (h *rankHeap) push(x int32) {
	*h = append(*h, x)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if s[p] <= s[i] {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
}

func (h *rankHeap) pop() {
	s := *h
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < n && s[l] < s[m] {
			m = l
		}
		if r := l + 1; r < n && s[r] < s[m] {
			m = r
		}
		if m == i {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
}

// portArg reads the port argument of the firewall functions.
func portArg(name string, v Value) (int, error) {
	n, ok := numberOf(v)
	if !ok || !n.isInt && n.f != float64(int64(n.f)) {
		return 0, fmt.Errorf("%s(): the port %s is not an integer", name, v)
	}
	p := n.i
	if !n.isInt {
		p = int64(n.f)
	}
	if p < 0 || p > 65535 {
		return 0, fmt.Errorf("%s(): the port %d is not in 0-65535", name, p)
	}
	return int(p), nil
}

func checkPortArg(consts []Value) error {
	c := consts[0]
	if c.Kind() != Number {
		return nil // not a literal: checked at run time
	}
	n, _ := numberOf(c)
	if !n.isInt && n.f != float64(int64(n.f)) {
		return &ArgError{Index: 0, Msg: "the port must be an integer, not " + c.String()}
	}
	if f := n.float(); f < 0 || f > 65535 {
		return &ArgError{Index: 0, Msg: "the port must be in 0-65535, not " + c.String()}
	}
	return nil
}

func allowedHostsImpl(env *Env, recv Value, args []Value) (Value, error) {
	p, err := portArg("allowedHostsForPort", args[0])
	if err != nil {
		return Value{}, err
	}
	set := allowedSources(env, recv, p)
	return NumberValue(set.count()), nil
}

func allowedPublicHostsImpl(env *Env, recv Value, args []Value) (Value, error) {
	p, err := portArg("allowedPublicHostsForPort", args[0])
	if err != nil {
		return Value{}, err
	}
	set := allowedSources(env, recv, p)
	return NumberValue(set.publicCount()), nil
}

// wholeSpace is the span of every address of a family.
var wholeSpace = [2]span{v4: {u128{}, u128{0, 1<<32 - 1}}, v6: {u128{}, maxU128}}

// openToInternet reports whether, for TCP or for UDP, some allow rule whose
// source is a whole address space (0.0.0.0/0 or ::/0) applies to port p and
// still decides at least one address: the allowed set with those sources
// differs from the set without them. A rule applies to a protocol when it
// names that protocol or every protocol.
func openToInternet(env *Env, recv Value, p int) bool {
	return openOver(readRules(env, recv, p), []protoClass{protoTCP, protoUDP}, bothFamilies)
}

// bothFamilies asks about IPv4 and IPv6 addresses.
var bothFamilies = []family{v4, v6}

// openOver reports whether, for one of protos, an allow from a whole
// address space decides some address of one of fams among all (in
// evaluation order). A rule applies to a protocol when it names it or
// every protocol.
func openOver(all []fwRule, protos []protoClass, fams []family) bool {
	for _, proto := range protos {
		applies := func(r fwRule) bool { return r.proto == proto || r.proto == protoAny }
		// Most lists have no allow from a whole address space for the
		// port: they are answered without gathering the rules.
		if !slices.ContainsFunc(all, func(r fwRule) bool { return applies(r) && opensWholeSpace(r) }) {
			continue
		}
		var rules []fwRule
		for _, r := range all {
			if applies(r) {
				rules = append(rules, r)
			}
		}
		if wholeSpaceDecides(rules, fams) {
			return true
		}
	}
	return false
}

// wholeSpaceDecides reports whether an allow from a whole address space
// decides some address of one of fams among rules (in evaluation order).
func wholeSpaceDecides(rules []fwRule, fams []family) bool {
	// Most lists have no allow from a whole address space for the port:
	// they are answered without deciding any address.
	if !slices.ContainsFunc(rules, opensWholeSpace) {
		return false
	}
	without := make([]fwRule, len(rules))
	for i, r := range rules {
		without[i] = r
		if r.deny || !r.covers {
			continue
		}
		kept := make([]fwSource, 0, len(r.srcs))
		for _, s := range r.srcs {
			if s.sp != wholeSpace[s.fam] {
				kept = append(kept, s)
			}
		}
		without[i].srcs = kept
	}
	with, w := decideRules(rules), decideRules(without)
	for _, f := range fams {
		if !slices.Equal(with.fam[f], w.fam[f]) {
			return true
		}
	}
	return false
}

// opensWholeSpace reports whether r is an allow rule for the port asked
// about with a whole address space among its sources.
func opensWholeSpace(r fwRule) bool { return !r.deny && r.covers && fromWholeSpace(r) }

// fromWholeSpace reports whether a whole address space is among the
// sources of r.
func fromWholeSpace(r fwRule) bool {
	return slices.ContainsFunc(r.srcs, func(s fwSource) bool { return s.sp == wholeSpace[s.fam] })
}

func openToInternetImpl(env *Env, recv Value, args []Value) (Value, error) {
	p, err := portArg("openToInternetForPort", args[0])
	if err != nil {
		return Value{}, err
	}
	return BoolValue(openToInternet(env, recv, p)), nil
}
