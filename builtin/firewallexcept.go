package builtin

import (
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
		"A missing or null operand is not open.",
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
	return BoolValue(openToInternetExcept(recv, lists[0], lists[1])), nil
}

// openToInternetExcept reports whether TCP traffic to a port outside tcp,
// or UDP traffic to a port outside udp, is open to the internet.
func openToInternetExcept(recv Value, tcp, udp []portRange) bool {
	if recv.Kind() != Array && recv.Kind() != Object {
		return false
	}
	// Every port where some rule's coverage or an authorized list starts or
	// ends: between two of them, every port gets the same answer.
	starts := []int{0}
	mark := func(r portRange) {
		starts = append(starts, r.lo)
		if r.hi < 65535 {
			starts = append(starts, r.hi+1)
		}
	}
	for _, l := range [...][]portRange{tcp, udp} {
		for _, r := range l {
			mark(r)
		}
	}
	forEachRuleObject(recv, func(obj gjson.Result) {
		obj.ForEach(func(k, v gjson.Result) bool {
			switch classifyField(k.Str) {
			case fieldPortFrom, fieldPortTo:
				if r, ok := parsePorts(v); ok {
					mark(portRange{min(r.lo, 65535), min(r.hi, 65535)})
				}
			case fieldPortSet:
				forEachPortRange(v, func(r portRange) { mark(portRange{min(r.lo, 65535), min(r.hi, 65535)}) })
			}
			return true
		})
	})
	slices.Sort(starts)
	starts = slices.Compact(starts)
	authorized := func(l []portRange, p int) bool {
		return slices.ContainsFunc(l, func(r portRange) bool { return r.has(p) })
	}
	for _, p := range starts {
		okTCP, okUDP := authorized(tcp, p), authorized(udp, p)
		if okTCP && okUDP {
			continue
		}
		all := readRules(recv, p)
		for _, c := range [...]struct {
			proto protoClass
			ok    bool
		}{{protoTCP, okTCP}, {protoUDP, okUDP}} {
			if c.ok {
				continue
			}
			var rules []fwRule
			for _, r := range all {
				if r.proto == c.proto || r.proto == protoAny {
					rules = append(rules, r)
				}
			}
			if wholeSpaceDecides(rules) {
				return true
			}
		}
	}
	return false
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
