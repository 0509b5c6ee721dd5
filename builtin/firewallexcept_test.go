package builtin

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

func TestOpenToInternetExceptPorts(t *testing.T) {
	// Security group rules in the model's flattened form, and NACL entries.
	sg := func(rules ...string) string { return "[" + strings.Join(rules, ",") + "]" }
	tests := []struct {
		name     string
		rules    string
		tcp, udp string
		want     bool
	}{
		{"80 and 443 from anywhere", sg(`{"protocol":"TCP","port":80,"portTo":80,"scope":"0.0.0.0/0"}`,
			`{"protocol":"TCP","port":443,"portTo":443,"scope":"::/0"}`), "80,443", "", false},
		{"22 from anywhere", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}`), "80,443", "", true},
		{"22 from IPv6 anywhere", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"::/0"}`), "80,443", "", true},
		{"22 from a network", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"10.0.0.0/8"}`), "80,443", "", false},
		{"range 80-443 holds 81", sg(`{"protocol":"TCP","port":80,"portTo":443,"scope":"0.0.0.0/0"}`), "80,443", "", true},
		{"range 80-443 authorized as a range", sg(`{"protocol":"TCP","port":80,"portTo":443,"scope":"0.0.0.0/0"}`), "80-443", "", false},
		{"all traffic", sg(`{"protocol":"ALL","port":0,"portTo":65535,"scope":"0.0.0.0/0"}`), "80,443", "", true},
		{"all traffic, every port authorized", sg(`{"protocol":"ALL","scope":"0.0.0.0/0"}`), "0-65535", "0-65535", false},
		{"protocol -1", sg(`{"ipProtocol":"-1","cidrIp":"0.0.0.0/0"}`), "80,443", "", true},
		{"UDP 80 is not TCP 80", sg(`{"protocol":"UDP","port":80,"portTo":80,"scope":"0.0.0.0/0"}`), "80,443", "", true},
		{"UDP 500 authorized", sg(`{"protocol":"UDP","port":500,"portTo":500,"scope":"0.0.0.0/0"}`), "80,443", "500", false},
		{"ICMP from anywhere", sg(`{"protocol":"ICMP","port":-1,"portTo":-1,"scope":"0.0.0.0/0"}`), "80,443", "", false},
		{"ICMPv6 from anywhere", sg(`{"protocol":"ICMPV6","scope":"::/0"}`), "", "", false},
		{"top port", sg(`{"protocol":"TCP","port":65535,"portTo":65535,"scope":"0.0.0.0/0"}`), "80,443", "", true},
		{"port 0", sg(`{"protocol":"TCP","port":0,"portTo":0,"scope":"0.0.0.0/0"}`), "1-65535", "", true},
		{"security group source", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"sg-0a1b2c3d"}`), "", "", false},
		{"empty list", `[]`, "", "", false},
		{"missing", `null`, "", "", false},
		// NACL entries: order decides.
		{"nacl deny 22 before allow all", sg(
			`{"number":100,"protocol":"TCP","destinationPort":22,"destinationPortTo":22,"source":"0.0.0.0/0","action":"DENY"}`,
			`{"number":200,"protocol":"TCP","destinationPort":0,"destinationPortTo":65535,"source":"0.0.0.0/0","action":"ALLOW"}`),
			"0-21,23-65535", "", false},
		{"nacl deny 22 after allow all", sg(
			`{"number":200,"protocol":"TCP","destinationPort":22,"destinationPortTo":22,"source":"0.0.0.0/0","action":"DENY"}`,
			`{"number":100,"protocol":"TCP","destinationPort":0,"destinationPortTo":65535,"source":"0.0.0.0/0","action":"ALLOW"}`),
			"0-21,23-65535", "", true},
	}
	for _, tt := range tests {
		got := call(t, "openToInternetExceptPorts", j(tt.rules), StringValue(tt.tcp), StringValue(tt.udp))
		if got.Bool() != tt.want {
			t.Errorf("%s: openToInternetExceptPorts(%q, %q) = %v, want %v", tt.name, tt.tcp, tt.udp, got, tt.want)
		}
	}
}

// TestOpenToInternetExceptAgreesPortByPort: the answer is the one found by
// asking openToInternetForPort's question of every port.
func TestOpenToInternetExceptAgreesPortByPort(t *testing.T) {
	lists := []string{
		`[{"protocol":"TCP","port":1000,"portTo":2000,"scope":"0.0.0.0/0"},{"protocol":"UDP","port":53,"portTo":53,"scope":"::/0"}]`,
		`[{"number":10,"protocol":"ALL","source":"0.0.0.0/0","action":"DENY","destinationPort":1500,"destinationPortTo":1600},` +
			`{"number":20,"protocol":"TCP","source":"0.0.0.0/0","action":"ALLOW","destinationPort":1000,"destinationPortTo":2000}]`,
	}
	auth := [][2]string{{"", ""}, {"1000-1499,1601-2000", ""}, {"1000-2000", "53"}, {"1000-1499,1601-2000", "53"}, {"1000-1498,1601-2000", "53"}}
	for _, l := range lists {
		recv := j(l)
		for _, a := range auth {
			tcp, _ := parsePortList(a[0])
			udp, _ := parsePortList(a[1])
			want := false
			for p := 0; p <= 65535 && !want; p++ {
				rules := readRules(nil, recv, p)
				for _, c := range []struct {
					proto protoClass
					list  []portRange
				}{{protoTCP, tcp}, {protoUDP, udp}} {
					if portsHold(c.list, p) {
						continue
					}
					var sel []fwRule
					for _, r := range rules {
						if r.proto == c.proto || r.proto == protoAny {
							sel = append(sel, r)
						}
					}
					want = want || wholeSpaceDecides(sel, bothFamilies)
				}
			}
			if got, err := openToInternetExcept(recv, tcp, udp); err != nil || got != want {
				t.Errorf("%s except %q/%q = %v, port by port %v", l, a[0], a[1], got, want)
			}
		}
	}
}

func portsHold(l []portRange, p int) bool {
	for _, r := range l {
		if r.has(p) {
			return true
		}
	}
	return false
}

func TestOpenToInternetExceptPortsArgs(t *testing.T) {
	f, _ := Default().Lookup("openToInternetExceptPorts")
	for _, bad := range []string{"80,", "http", "443-80", "70000", "-1", "1-2-3"} {
		if err := f.CheckCall([]Value{StringValue(bad), StringValue("")}); err == nil {
			t.Errorf("port list %q passed CheckCall", bad)
		}
		if _, err := f.Impl(&Env{}, j(`[]`), []Value{StringValue(""), StringValue(bad)}); err == nil {
			t.Errorf("port list %q passed at run time", bad)
		}
	}
	for _, good := range []string{"", " 80 , 443 ", "1020-1025", "0-65535"} {
		if err := f.CheckCall([]Value{StringValue(good), StringValue(good)}); err != nil {
			t.Errorf("port list %q: %v", good, err)
		}
	}
	if _, err := f.Impl(&Env{}, j(`[]`), []Value{MissingValue(), StringValue("")}); err == nil {
		t.Errorf("a missing port list passed at run time")
	}
}

// coversPort is the reference reading of whether a rule object applies to
// port p, asked one port at a time: the reading readRule's cover, made
// once per rule for every port, must agree with.
func coversPort(obj gjson.Result, p int) bool {
	var from, to gjson.Result
	proto := gjson.Result{}
	ports, inSet := 0, false
	obj.ForEach(func(k, v gjson.Result) bool {
		switch classifyField(k.Str) {
		case fieldProtocol:
			proto = v
		case fieldPortFrom:
			from, ports = v, ports+1
		case fieldPortTo:
			to, ports = v, ports+1
		case fieldPortSet:
			ports++
			forEachPortRange(v, func(r portRange) { inSet = inSet || r.has(p) })
		}
		return true
	})
	n, isNum := numberOf(Value{proto})
	isNum = isNum && n.isInt
	switch {
	case isNum && n.i == -1, !isNum && isAnyProtocol(proto.Str):
		return true
	case isNum && (n.i == 1 || n.i == 58), !isNum && isICMP(proto.Str):
		return false
	case ports == 0, inSet:
		return true
	}
	lo, okLo := parsePorts(from)
	hi, okHi := parsePorts(to)
	switch {
	case okLo && okHi:
		return lo.lo <= p && p <= hi.hi
	case okLo:
		return lo.has(p)
	case okHi:
		return hi.has(p)
	}
	return false
}

// TestReadRuleCover: the ports readRule finds a rule covers, read once
// for all ports, are those the per-port reading coversPort finds, port by
// port, and some rules' are spelt out.
func TestReadRuleCover(t *testing.T) {
	rules := []string{
		`{"protocol":"TCP","port":22,"portTo":22}`,
		`{"protocol":"TCP","port":1000,"portTo":2000}`,
		`{"protocol":"udp","fromPort":53}`,
		`{"protocol":"tcp","toPort":8080}`,
		`{"protocol":"6","fromPort":"80","toPort":"443"}`,
		`{"protocol":"TCP","port":-1,"portTo":-1}`,
		`{"protocol":"TCP","port":"*"}`,
		`{"protocol":"TCP","port":"10-20"}`,
		`{"protocol":"TCP","port":"x","portTo":30}`,
		`{"protocol":"TCP","port":70000,"portTo":80000}`,
		`{"protocol":"ALL","port":22,"portTo":22}`,
		`{"ipProtocol":"-1"}`,
		`{"protocol":"ICMP","port":8,"portTo":-1}`,
		`{"protocol":"icmpv6"}`,
		`{"protocol":"gre"}`,
		`{"protocol":"TCP"}`,
		`{"protocol":"Tcp","destinationPortRange":"3389"}`,
		`{"protocol":"Tcp","destinationPortRanges":["22","3380-3390","*"]}`,
		`{"protocol":"Udp","portRange":{"from":500,"to":600}}`,
		`{"protocol":"Udp","portRange":{"to":600}}`,
		`{"protocol":"TCP","destinationPort":22,"destinationPortTo":21}`,
		`{"protocol":"TCP","destinationPortRange":"3389","port":22,"portTo":22}`,
	}
	ports := []int{0, 1, 9, 10, 20, 21, 22, 23, 29, 30, 31, 52, 53, 54, 79, 80, 443, 444, 499, 500, 600, 601,
		999, 1000, 1500, 2000, 2001, 3379, 3380, 3389, 3390, 3391, 8080, 8081, 65534, 65535}
	for _, text := range rules {
		obj := j(text).r
		c := readRule(obj).cover
		for _, p := range ports {
			if want := coversPort(obj, p); c.has(p) != want {
				t.Errorf("%s port %d: readRule's cover %v, per port %v", text, p, c.has(p), want)
			}
		}
	}
	for _, tt := range []struct {
		rule string
		want portCover
	}{
		{`{"protocol":"TCP","port":1000,"portTo":2000}`, portCover{ranges: []portRange{{1000, 2000}}}},
		{`{"protocol":"Tcp","destinationPortRanges":["22","3380-3390"],"port":80}`, portCover{ranges: []portRange{{22, 22}, {3380, 3390}, {80, 80}}}},
		{`{"protocol":"ICMP","port":8}`, portCover{}},
		{`{"protocol":"ALL","port":22}`, portCover{all: true}},
		{`{"protocol":"TCP"}`, portCover{all: true}},
	} {
		if got := readRule(j(tt.rule).r).cover; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: cover %+v, want %+v", tt.rule, got, tt.want)
		}
	}
}

// TestOpenToInternetExceptWorkLimit: a list that needs more work than the
// limit gives an error, not a long wait.
func TestOpenToInternetExceptWorkLimit(t *testing.T) {
	defer func(n int) { maxExceptWork = n }(maxExceptWork)
	maxExceptWork = 1000
	var rules []string
	for i := range 40 {
		rules = append(rules,
			fmt.Sprintf(`{"number":%d,"action":"deny","protocol":"TCP","destinationPort":%d,"destinationPortTo":%d,"source":"0.0.0.0/0"}`, i, 1000+3*i, 1001+3*i),
			fmt.Sprintf(`{"number":%d,"action":"allow","protocol":"TCP","destinationPort":%d,"destinationPortTo":%d,"source":"0.0.0.0/0"}`, 100+i, 1000+3*i, 1001+3*i))
	}
	f, _ := Default().Lookup("openToInternetExceptPorts")
	_, err := f.Impl(&Env{}, j("["+strings.Join(rules, ",")+"]"), []Value{StringValue(""), StringValue("")})
	if err == nil || !strings.Contains(err.Error(), "too many stretches") {
		t.Errorf("err = %v, want the work limit", err)
	}
	maxExceptWork = 1_000_000
	if v, err := f.Impl(&Env{}, j("["+strings.Join(rules, ",")+"]"), []Value{StringValue(""), StringValue("")}); err != nil || v.Bool() {
		t.Errorf("under the limit: %v, %v; want closed (every allow hidden by its deny)", v, err)
	}
}

// BenchmarkOpenToInternetExceptPorts: a security group at the default quota
// (60 inbound rules), none open outside 80 and 443, so every stretch an
// internet allow reaches is judged.
func BenchmarkOpenToInternetExceptPorts(b *testing.B) {
	var rules []string
	for i := range 58 {
		rules = append(rules, fmt.Sprintf(`{"protocol":"TCP","port":%d,"portTo":%d,"scope":"10.%d.0.0/16"}`, 1000+i, 1000+i, i))
	}
	rules = append(rules, `{"protocol":"TCP","port":80,"portTo":80,"scope":"0.0.0.0/0"}`, `{"protocol":"TCP","port":443,"portTo":443,"scope":"::/0"}`)
	recv := j("[" + strings.Join(rules, ",") + "]")
	f, _ := Default().Lookup("openToInternetExceptPorts")
	args := []Value{StringValue("80,443"), StringValue("")}
	for b.Loop() {
		if v, err := f.Impl(&Env{}, recv, args); err != nil || v.Bool() {
			b.Fatal(v, err)
		}
	}
}
