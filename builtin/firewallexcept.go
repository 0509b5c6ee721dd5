package builtin

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// This file answers whether a rule list lets the whole internet reach a
// port outside an authorized set (openToInternetExceptPorts), the question
// of FSBP EC2.18 and the AWS Config rule vpc-sg-open-only-to-authorized-ports.
// It asks openToInternetForPort's question of one port in each stretch of
// ports that no rule's or list's bound splits, so the answer is exact
// without trying all 65536 ports.

var openToInternetExceptPortsFunc = &Func{
	Name:   "openToInternetExceptPorts",
	Recv:   TList,
	Params: []Param{{"tcpPorts", TString}, {"udpPorts", TString}},
	Result: TBool,
	Doc: "True when, over a list of firewall rules read as openToInternetForPort reads them, TCP traffic to some port " +
		"outside `tcpPorts`, or UDP traffic to some port outside `udpPorts`, is let in from a whole address space " +
		"(0.0.0.0/0, ::/0, '*', 'Any' or 'Internet') by an allow rule that still decides it. The port lists are " +
		"comma-separated ports and ranges ('80,443', '1020-1025'; an empty string for none), as the AWS Config rule " +
		"vpc-sg-open-only-to-authorized-ports writes them; a literal list is checked when the rule compiles, and a " +
		"port outside 0-65535 or a malformed entry is an error. A rule for every protocol (-1, 'ALL') reaches every " +
		"TCP and UDP port, so it is open outside any list short of 0-65535; ICMP and other protocols are never open. " +
		"A missing or null operand is not open. The work is bounded: a list that splits the ports into more " +
		"stretches than can be judged in about a second (thousands of rules, with denies hiding internet allows) " +
		"makes the result an error; real security groups and network ACLs stay far below that.",
	Example: "SecurityGroup should not have inboundRules openToInternetExceptPorts('443,1020-1025', '500,1020-1025')",
	Check:   checkPortListArgs,
	Impl:    openToInternetExceptImpl,
}

// parsePortList reads a comma-separated list of ports and port ranges.
func parsePortList(s string) ([]portRange, error) {
	var out []portRange
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for piece := range strings.SplitSeq(s, ",") {
		piece = strings.TrimSpace(piece)
		lo, hi, isRange := strings.Cut(piece, "-")
		if !isRange {
			hi = lo
		}
		a, errA := strconv.Atoi(strings.TrimSpace(lo))
		b, errB := strconv.Atoi(strings.TrimSpace(hi))
		switch {
		case errA != nil || errB != nil:
			return nil, fmt.Errorf("%q is not a port or a range of ports such as 1020-1025", piece)
		case a < 0 || b > 65535 || a > b:
			return nil, fmt.Errorf("%q is not a range of ports in 0-65535", piece)
		}
		out = append(out, portRange{a, b})
	}
	return out, nil
}

func checkPortListArgs(consts []Value) error {
	for i, c := range consts {
		if c.Kind() != String {
			continue // not a literal: checked at run time
		}
		if _, err := parsePortList(c.Str()); err != nil {
			return &ArgError{Index: i, Msg: err.Error()}
		}
	}
	return nil
}

func openToInternetExceptImpl(_ *Env, recv Value, args []Value) (Value, error) {
	var lists [2][]portRange
	for i, a := range args {
		if a.Kind() != String {
			return Value{}, fmt.Errorf("openToInternetExceptPorts(): the port list %s is not a string", a)
		}
		l, err := parsePortList(a.Str())
		if err != nil {
			return Value{}, fmt.Errorf("openToInternetExceptPorts(): %v", err)
		}
		lists[i] = l
	}
	open, err := openToInternetExcept(recv, lists[0], lists[1])
	if err != nil {
		return Value{}, fmt.Errorf("openToInternetExceptPorts(): %v", err)
	}
	return BoolValue(open), nil
}

// maxExceptWork bounds the work of one openToInternetExceptPorts call, in
// rule readings: each port stretch that an allow from the whole internet
// reaches judges every rule, so a list of n such rules with n denies among
// them costs about n² readings (about a second at the limit, some 2,200
// such rules). Real rule lists stay far below it: a network ACL holds at
// most 40 entries, and a security group (up to 1,000 rules) has no denies,
// so the first stretch an internet allow reaches is open.
var maxExceptWork = 5_000_000 // a variable so that a test can lower it

// openToInternetExcept reports whether TCP traffic to a port outside tcp,
// or UDP traffic to a port outside udp, is open to the internet. Each rule
// is read once; every stretch is then judged from those readings. The
// error is the work limit (maxExceptWork) reached.
func openToInternetExcept(recv Value, tcp, udp []portRange) (bool, error) {
	var rules []fwRule
	var covers []portCover
	forEachRuleObject(recv, func(obj gjson.Result) {
		r := readRule(obj)
		rules = append(rules, r)
		covers = append(covers, r.cover)
	})
	// Evaluation order, as readRules sorts: by number, rules without one
	// after those with one, in list order.
	order := make([]int, len(rules))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ra, rb := rules[a], rules[b]
		switch {
		case ra.hasOrder != rb.hasOrder:
			if ra.hasOrder {
				return -1
			}
			return 1
		case ra.hasOrder:
			return cmp.Compare(ra.order, rb.order)
		}
		return 0
	})
	// Only an allow rule with a whole address space among its sources can
	// open a port.
	var openers []int
	for i, r := range rules {
		if !r.deny && fromWholeSpace(r) {
			openers = append(openers, i)
		}
	}
	if len(openers) == 0 {
		return false, nil
	}
	// Every port where some rule's coverage or an authorized list starts or
	// ends: between two of them, every port gets the same answer.
	starts := []int{0}
	mark := func(r portRange) {
		starts = append(starts, min(r.lo, 65535))
		if r.hi < 65535 {
			starts = append(starts, r.hi+1)
		}
	}
	for _, l := range [...][]portRange{tcp, udp} {
		for _, r := range l {
			mark(r)
		}
	}
	for _, c := range covers {
		for _, r := range c.ranges {
			mark(r)
		}
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	work := 0
	var sel []fwRule
	for _, p := range starts {
		for _, c := range [...]struct {
			proto protoClass
			ok    []portRange
		}{{protoTCP, tcp}, {protoUDP, udp}} {
			if slices.ContainsFunc(c.ok, func(r portRange) bool { return r.has(p) }) {
				continue
			}
			if !slices.ContainsFunc(openers, func(i int) bool {
				return (rules[i].proto == c.proto || rules[i].proto == protoAny) && covers[i].has(p)
			}) {
				continue // no allow from the internet reaches this stretch
			}
			sel = sel[:0]
			for _, i := range order {
				if r := rules[i]; r.proto == c.proto || r.proto == protoAny {
					r.covers = covers[i].has(p)
					sel = append(sel, r)
				}
			}
			if work += len(sel); work > maxExceptWork {
				return false, fmt.Errorf("the %d rules split the ports into too many stretches to judge (more than %d rule readings)", len(rules), maxExceptWork)
			}
			if wholeSpaceDecides(sel, bothFamilies) {
				return true, nil
			}
		}
	}
	return false, nil
}

// portCover is the ports a rule applies to (see readRule): every port, or
// those in ranges.
type portCover struct {
	all    bool
	ranges []portRange
}

func (c portCover) has(p int) bool {
	return c.all || slices.ContainsFunc(c.ranges, func(r portRange) bool { return r.has(p) })
}

// forEachRuleObject calls fn for each object of a rule list (an array of
// objects, or one object).
func forEachRuleObject(recv Value, fn func(gjson.Result)) {
	switch recv.Kind() {
	case Array:
		recv.r.ForEach(func(_, e gjson.Result) bool {
			if e.IsObject() {
				fn(e)
			}
			return true
		})
	case Object:
		fn(recv.r)
	}
}
