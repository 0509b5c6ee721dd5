package builtin

import (
	"fmt"
	"math"
	"math/big"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

const publicIPv4 = 3702258688 // 2^32 minus the non-public IPv4 ranges

func TestAllowedHostsForPort(t *testing.T) {
	two32 := 4294967296.0
	two128 := math.Ldexp(1, 128)
	tests := []struct {
		name     string
		rules    string
		port     int
		all, pub float64
	}{
		// AWS security groups: allow only, union of scopes.
		{"sg open", `[{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}]`, 22, two32, publicIPv4},
		{"sg other port", `[{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}]`, 23, 0, 0},
		{"sg range in", `[{"protocol":"TCP","port":20,"portTo":30,"scope":"8.8.8.0/24"}]`, 30, 256, 256},
		{"sg range out", `[{"protocol":"TCP","port":20,"portTo":30,"scope":"8.8.8.0/24"}]`, 31, 0, 0},
		{"sg port without portTo", `[{"protocol":"TCP","port":22,"scope":"8.8.8.8/32"}]`, 22, 1, 1},
		{"sg all ports by range", `[{"protocol":"TCP","port":0,"portTo":65535,"scope":"1.2.3.4"}]`, 9200, 1, 1},
		{"sg protocol ALL", `[{"protocol":"ALL","port":0,"portTo":0,"scope":"10.0.0.0/8"}]`, 3389, 16777216, 0},
		{"sg protocol -1", `[{"ipProtocol":"-1","fromPort":-1,"toPort":-1,"cidrIp":"10.0.0.0/8"}]`, 3389, 16777216, 0},
		{"sg protocol number -1", `[{"protocol":-1,"scope":"10.0.0.0/8"}]`, 1, 16777216, 0},
		{"sg icmp", `[{"protocol":"ICMP","port":-1,"portTo":-1,"scope":"0.0.0.0/0"}]`, 22, 0, 0},
		{"sg icmp number", `[{"protocol":1,"scope":"0.0.0.0/0"}]`, 22, 0, 0},
		{"sg udp", `[{"protocol":"UDP","port":53,"portTo":53,"scope":"8.8.8.8"}]`, 53, 1, 1},
		{"sg overlap", `[
			{"protocol":"TCP","port":22,"portTo":22,"scope":"10.0.0.0/8"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"10.1.0.0/16"},
			{"protocol":"TCP","port":0,"portTo":65535,"scope":"10.0.0.0/24"}]`, 22, 16777216, 0},
		{"sg adjacent", `[
			{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.0/25"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.128/25"}]`, 22, 256, 256},
		{"sg partial overlap", `[
			{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.0/24"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.128/25"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.9.0/24"}]`, 22, 512, 512},
		{"sg mixed public", `[
			{"protocol":"TCP","port":22,"portTo":22,"scope":"10.0.0.0/8"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.0/24"}]`, 22, 16777216 + 256, 256},
		{"sg slash 0 covers all", `[
			{"protocol":"TCP","port":22,"portTo":22,"scope":"10.0.0.0/8"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}]`, 22, two32, publicIPv4},
		{"sg ipv6", `[{"protocol":"TCP","port":22,"portTo":22,"scope":"::/0"}]`, 22, two128, publicIPv6()},
		{"sg ipv6 /64", `[{"protocol":"TCP","port":22,"portTo":22,"cidrIpv6":"2600:1f18::/64"}]`, 22, math.Ldexp(1, 64), math.Ldexp(1, 64)},
		{"sg ipv6 private", `[{"protocol":"TCP","port":22,"portTo":22,"scope":"fd00::/8"}]`, 22, math.Ldexp(1, 120), 0},
		{"sg both families", `[
			{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"2600::/120"}]`, 22, two32 + 256, publicIPv4 + 256},
		{"sg mapped ipv4", `[
			{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.0/24"},
			{"protocol":"TCP","port":22,"portTo":22,"scope":"::ffff:8.8.8.0/120"}]`, 22, 256, 256},
		{"sg source list", `[{"protocol":"TCP","port":22,"portTo":22,"scope":["8.8.8.8","8.8.4.4/32", "bogus"]}]`, 22, 2, 2},
		{"sg comma list", `[{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.8, 8.8.4.4"}]`, 22, 2, 2},
		{"sg no source", `[{"protocol":"TCP","port":22,"portTo":22}]`, 22, 0, 0},
		{"sg sg-reference", `[{"protocol":"TCP","port":22,"portTo":22,"scope":"sg-0abc"}]`, 22, 0, 0},
		{"sg no port fields", `[{"protocol":"TCP","scope":"8.8.8.8"}]`, 22, 1, 1},
		{"sg string ports", `[{"protocol":"tcp","port":"22","portTo":"22","scope":"8.8.8.8"}]`, 22, 1, 1},
		{"sg case-insensitive fields", `[{"Protocol":"TCP","Port":22,"PortTo":22,"Scope":"8.8.8.8"}]`, 22, 1, 1},
		{"single object", `{"protocol":"TCP","port":22,"portTo":22,"scope":"8.8.8.8"}`, 22, 1, 1},
		{"non-object elements", `["8.8.8.8", 1, null, {"protocol":"TCP","port":22,"scope":"8.8.8.8"}]`, 22, 1, 1},
		{"empty", `[]`, 22, 0, 0},
		{"null", `null`, 22, 0, 0},
		{"string", `"0.0.0.0/0"`, 22, 0, 0},

		// AWS NACL entries: ordered by number, first match wins.
		{"nacl deny before allow", `[
			{"number":100,"action":"DENY","source":"8.8.8.0/24","protocol":"TCP","destinationPort":22,"destinationPortTo":22,"direction":"inbound"},
			{"number":200,"action":"ALLOW","source":"8.8.0.0/16","protocol":"-1","destinationPort":0,"destinationPortTo":65535,"direction":"inbound"},
			{"number":32767,"action":"DENY","source":"0.0.0.0/0","protocol":"-1","direction":"inbound"}]`, 22, 65536 - 256, 65536 - 256},
		{"nacl numbers not list order", `[
			{"number":200,"action":"ALLOW","source":"8.8.0.0/16","protocol":"-1"},
			{"number":100,"action":"DENY","source":"8.8.8.0/24","protocol":"TCP","destinationPort":22,"destinationPortTo":22}]`, 22, 65536 - 256, 65536 - 256},
		{"nacl allow before deny", `[
			{"number":100,"action":"ALLOW","source":"8.8.0.0/16","protocol":"-1"},
			{"number":200,"action":"DENY","source":"8.8.8.0/24","protocol":"TCP","destinationPort":22,"destinationPortTo":22}]`, 22, 65536, 65536},
		{"nacl deny other port", `[
			{"number":100,"action":"DENY","source":"8.8.8.0/24","protocol":"TCP","destinationPort":80,"destinationPortTo":80},
			{"number":200,"action":"ALLOW","source":"8.8.0.0/16","protocol":"-1"}]`, 22, 65536, 65536},
		{"nacl deny all first", `[
			{"number":1,"action":"DENY","source":"0.0.0.0/0","protocol":"-1"},
			{"number":100,"action":"ALLOW","source":"0.0.0.0/0","protocol":"-1"}]`, 22, 0, 0},
		{"nacl deny straddles", `[
			{"number":1,"action":"DENY","source":"8.8.8.128/25","protocol":"6","destinationPort":22},
			{"number":2,"action":"ALLOW","source":"8.8.8.0/24","protocol":"6","destinationPort":22},
			{"number":3,"action":"ALLOW","source":"8.8.9.0/24","protocol":"6","destinationPort":22}]`, 22, 384, 384},
		{"nacl api shape", `[
			{"ruleNumber":100,"ruleAction":"deny","cidrBlock":"8.8.8.0/24","protocol":"6","portRange":{"from":22,"to":22},"egress":false},
			{"ruleNumber":200,"ruleAction":"allow","cidrBlock":"8.8.8.0/23","protocol":"6","portRange":{"from":0,"to":1023}}]`, 22, 256, 256},
		{"nacl ipv6 deny", `[
			{"number":1,"action":"DENY","source":"2600::/121","protocol":"-1"},
			{"number":2,"action":"ALLOW","source":"2600::/120","protocol":"-1"}]`, 443, 128, 128},

		// Azure NSG rules: ordered by priority.
		{"nsg deny internet", `[
			{"priority":100,"access":"Deny","sourceAddressPrefix":"Internet","destinationPortRange":"22","protocol":"Tcp"},
			{"priority":200,"access":"Allow","sourceAddressPrefix":"*","destinationPortRange":"*","protocol":"*"}]`, 22, 0, 0},
		{"nsg deny internet other port", `[
			{"priority":100,"access":"Deny","sourceAddressPrefix":"Internet","destinationPortRange":"22","protocol":"Tcp"},
			{"priority":200,"access":"Allow","sourceAddressPrefix":"*","destinationPortRange":"*","protocol":"*"}]`, 80, two32, publicIPv4},
		{"nsg port range", `[
			{"priority":300,"access":"Allow","sourceAddressPrefix":"8.8.8.0/24","destinationPortRange":"3000-4000","protocol":"Tcp"}]`, 3389, 256, 256},
		{"nsg port ranges", `[
			{"priority":300,"access":"Allow","sourceAddressPrefixes":["8.8.8.0/24","1.1.1.1"],"destinationPortRanges":["20-21","3389"],"protocol":"Tcp"}]`, 3389, 257, 257},
		{"nsg port ranges miss", `[
			{"priority":300,"access":"Allow","sourceAddressPrefixes":["8.8.8.0/24"],"destinationPortRanges":["20-21","3389"],"protocol":"Tcp"}]`, 22, 0, 0},
		{"nsg service tags", `[
			{"priority":65000,"access":"Allow","sourceAddressPrefix":"VirtualNetwork","destinationPortRange":"*","protocol":"*"},
			{"priority":65001,"access":"Allow","sourceAddressPrefix":"AzureLoadBalancer","destinationPortRange":"*","protocol":"*"},
			{"priority":65500,"access":"Deny","sourceAddressPrefix":"*","destinationPortRange":"*","protocol":"*"}]`, 22, 0, 0},
		{"nsg dome9 shape", `[
			{"priority":4096,"access":"Deny","source":"0.0.0.0/0","destinationPort":0,"destinationPortTo":65535,"protocol":"ALL"},
			{"priority":110,"access":"Allow","source":"8.8.8.0/24","destinationPort":22,"destinationPortTo":22,"protocol":"TCP"},
			{"priority":100,"access":"Deny","source":"8.8.8.8","destinationPort":22,"destinationPortTo":22,"protocol":"TCP"}]`, 22, 255, 255},
		{"nsg priority strings", `[
			{"priority":"200","access":"Allow","source":"8.8.8.0/24","protocol":"TCP","destinationPort":22},
			{"priority":"100","access":"Deny","source":"8.8.8.0/25","protocol":"TCP","destinationPort":22}]`, 22, 128, 128},

		// GCP firewall rules.
		{"gcp", `[
			{"priority":1000,"action":"ALLOW","source":"0.0.0.0/0","protocol":"TCP","destinationPort":11211,"destinationPortTo":11211},
			{"priority":900,"action":"DENY","source":"10.0.0.0/8","protocol":"ALL"}]`, 11211, two32 - 16777216, publicIPv4},
		// Rules without an order come after those with one.
		{"unordered after ordered", `[
			{"action":"ALLOW","source":"8.8.8.0/24"},
			{"number":5,"action":"DENY","source":"8.8.8.0/25"}]`, 22, 128, 128},
	}
	all, _ := Default().Lookup("allowedHostsForPort")
	pub, _ := Default().Lookup("allowedPublicHostsForPort")
	for _, tt := range tests {
		args := []Value{IntValue(int64(tt.port))}
		got, err := all.Impl(nil, j(tt.rules), args)
		if err != nil || !closeTo(got.Num(), tt.all) {
			t.Errorf("%s: allowedHostsForPort(%d) = %v, %v; want %v", tt.name, tt.port, got, err, tt.all)
		}
		got, err = pub.Impl(nil, j(tt.rules), args)
		if err != nil || !closeTo(got.Num(), tt.pub) {
			t.Errorf("%s: allowedPublicHostsForPort(%d) = %v, %v; want %v", tt.name, tt.port, got, err, tt.pub)
		}
	}
	if got, _ := all.Impl(nil, missing, []Value{IntValue(22)}); got.Num() != 0 {
		t.Errorf("missing allowedHostsForPort(22) = %v", got)
	}
}

// closeTo compares counts: exactly up to 2^53, within a relative 1e-12
// above (IPv6 counts are float64 sums).
func closeTo(got, want float64) bool {
	if want <= 1<<53 {
		return got == want
	}
	return math.Abs(got-want) <= want*1e-12
}

// publicIPv6 computes the number of public IPv6 addresses with big
// integers, independently of the interval code: 2^128 minus the
// non-public IPv6 prefixes minus the IPv4-mapped non-public addresses.
func publicIPv6() float64 {
	n := new(big.Int).Lsh(big.NewInt(1), 128)
	for _, s := range nonPublicPrefixes {
		p := netip.MustParsePrefix(s)
		if p.Addr().Is6() {
			n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(128-p.Bits())))
		}
	}
	n.Sub(n, big.NewInt(1<<32-publicIPv4))
	f, _ := new(big.Float).SetInt(n).Float64()
	return f
}

func TestAllowedHostsPortErrors(t *testing.T) {
	f, _ := Default().Lookup("allowedHostsForPort")
	rules := j(`[{"scope":"0.0.0.0/0"}]`)
	for _, p := range []Value{IntValue(-1), IntValue(65536), NumberValue(22.5), StringValue("ssh"), missing, j(`null`)} {
		if _, err := f.Impl(nil, rules, []Value{p}); err == nil {
			t.Errorf("allowedHostsForPort(%v) gave no error", p)
		}
	}
	if got, err := f.Impl(nil, rules, []Value{StringValue("22")}); err != nil || got.Num() != 4294967296 {
		t.Errorf(`allowedHostsForPort("22") = %v, %v`, got, err)
	}
	for _, tt := range []struct {
		arg Value
		ok  bool
	}{
		{IntValue(22), true}, {IntValue(0), true}, {IntValue(65535), true}, {missing, true},
		{IntValue(65536), false}, {IntValue(-1), false}, {NumberValue(1.5), false}, {StringValue("22"), false},
	} {
		err := f.CheckCall([]Value{tt.arg})
		if (err == nil) != tt.ok {
			t.Errorf("CheckCall(%v) = %v, want ok=%v", tt.arg, err, tt.ok)
		}
	}
}

// FuzzAllowedHosts compares the interval arithmetic with brute force over
// two /24 networks, one private and one public.
func FuzzAllowedHosts(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
	f.Add([]byte{0x81, 0x19, 0x00, 0x16, 0x03, 0x02, 0x99, 0x20, 0x07, 0x00, 0x33, 0x01, 0x41})
	f.Fuzz(func(t *testing.T, data []byte) {
		type rule struct {
			hasOrder bool
			order    int
			deny     bool
			proto    string
			lo, hi   int
			prefix   netip.Prefix
		}
		bases := [2]netip.Addr{netip.MustParseAddr("10.0.0.0"), netip.MustParseAddr("8.8.8.0")}
		var rules []rule
		var js []string
		for len(data) >= 6 && len(rules) < 8 {
			b := data[:6]
			data = data[6:]
			r := rule{
				hasOrder: b[0]&1 != 0,
				order:    int(b[1] % 8),
				deny:     b[0]&2 != 0,
				proto:    [...]string{"TCP", "ALL", "ICMP", "UDP"}[b[0]>>2&3],
				lo:       20 + int(b[2]%4),
			}
			r.hi = r.lo + int(b[3]%3)
			bits := 24 + int(b[4]%9)
			base := bases[b[0]>>4&1].As4()
			base[3] = b[5]
			r.prefix = netip.PrefixFrom(netip.AddrFrom4(base), bits).Masked()
			rules = append(rules, r)
			fields := []string{
				fmt.Sprintf(`"protocol":%q`, r.proto),
				fmt.Sprintf(`"source":%q`, r.prefix),
				fmt.Sprintf(`"destinationPort":%d,"destinationPortTo":%d`, r.lo, r.hi),
			}
			if r.hasOrder {
				fields = append(fields, fmt.Sprintf(`"number":%d`, r.order))
			}
			if r.deny {
				fields = append(fields, `"action":"DENY"`)
			} else if b[0]&0x40 != 0 {
				fields = append(fields, `"action":"ALLOW"`)
			}
			js = append(js, "{"+strings.Join(fields, ",")+"}")
		}
		port := 21
		if len(data) > 0 {
			port = 20 + int(data[0]%6)
		}
		// Brute force: for each address, the applicable rule with the
		// smallest (order, position) decides.
		idx := make([]int, len(rules))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			ka, kb := math.MaxInt, math.MaxInt
			if rules[a].hasOrder {
				ka = rules[a].order
			}
			if rules[b].hasOrder {
				kb = rules[b].order
			}
			return ka - kb
		})
		wantAll, wantPub := 0, 0
		for _, base := range bases {
			for i := range 256 {
				a4 := base.As4()
				a4[3] = byte(i)
				addr := netip.AddrFrom4(a4)
				for _, k := range idx {
					r := rules[k]
					applies := r.proto == "ALL" || r.proto != "ICMP" && r.lo <= port && port <= r.hi
					if !applies || !r.prefix.Contains(addr) {
						continue
					}
					if !r.deny {
						wantAll++
						if addr.As4()[0] == 8 {
							wantPub++
						}
					}
					break
				}
			}
		}
		list := j("[" + strings.Join(js, ",") + "]")
		set := allowedSources(nil, list, port)
		if got := set.count(); got != float64(wantAll) {
			t.Fatalf("port %d over %s: allowed %v, brute force %d", port, list, got, wantAll)
		}
		if got := set.publicCount(); got != float64(wantPub) {
			t.Fatalf("port %d over %s: public %v, brute force %d", port, list, got, wantPub)
		}
	})
}

func TestSpanSet(t *testing.T) {
	sp := func(lo, hi uint64) span { return span{u128{0, lo}, u128{0, hi}} }
	var s spanSet
	for _, x := range []span{sp(10, 20), sp(30, 40), sp(21, 29), sp(50, 50), sp(0, 5), sp(45, 60)} {
		s = s.add(x)
	}
	want := spanSet{sp(0, 5), sp(10, 40), sp(45, 60)}
	if !slices.Equal(s, want) {
		t.Fatalf("add: %v, want %v", s, want)
	}
	got := s.subtractFrom(sp(3, 70), nil)
	if wantPieces := (spanSet{sp(6, 9), sp(41, 44), sp(61, 70)}); !slices.Equal(got, wantPieces) {
		t.Fatalf("subtract: %v, want %v", got, wantPieces)
	}
	if got := s.subtractFrom(sp(12, 30), nil); len(got) != 0 {
		t.Fatalf("subtract covered: %v", got)
	}
	// The ends of the IPv6 space do not wrap around.
	full := span{u128{}, maxU128}
	var w spanSet
	w = w.add(span{u128{0, 5}, maxU128})
	w = w.add(span{u128{}, u128{0, 4}})
	if !slices.Equal(w, spanSet{full}) {
		t.Fatalf("full space: %v", w)
	}
	if full.size() != math.Ldexp(1, 128) {
		t.Fatalf("size of the IPv6 space: %v", full.size())
	}
	if got := (spanSet{full}).subtractFrom(full, nil); len(got) != 0 {
		t.Fatalf("full minus full: %v", got)
	}
	if got := (spanSet{span{u128{0, 1}, maxU128}}).subtractFrom(full, nil); !slices.Equal(got, spanSet{{u128{}, u128{}}}) {
		t.Fatalf("full minus all but zero: %v", got)
	}
}

// TestAllowedHostsManyRules evaluates 100,000 ordered rules on separate
// addresses, a third of them denies, then an allow of the /8 they all lie
// in: the denied addresses stay out. Subtracting each source from all
// those before it took 14 s here; the sweep takes a fraction of
// a second.
func TestAllowedHostsManyRules(t *testing.T) {
	const n = 100000
	var b strings.Builder
	b.WriteString("[")
	denies := 0
	for i := range n {
		action := "allow"
		if i%3 == 0 {
			action, denies = "deny", denies+1
		}
		a := 2 * i // every other address, so that no two sources touch
		fmt.Fprintf(&b, `{"ruleNumber":%d,"ruleAction":%q,"cidrBlock":"10.%d.%d.%d/32","protocol":"-1"},`,
			i, action, a>>16, a>>8&255, a&255)
	}
	fmt.Fprintf(&b, `{"ruleNumber":%d,"ruleAction":"allow","cidrBlock":"10.0.0.0/8","protocol":"-1"}]`, n)
	set := allowedSources(nil, j(b.String()), 22)
	got := set.count()
	if want := float64(1<<24 - denies); got != want {
		t.Errorf("allowed %v addresses, want %v", got, want)
	}
}

func TestOpenToInternetForPort(t *testing.T) {
	tests := []struct {
		name  string
		rules string
		port  int
		want  bool
	}{
		{"allow 0.0.0.0/0 ssh", `[{"number":100,"protocol":"TCP","source":"0.0.0.0/0","destinationPort":22,"destinationPortTo":22,"action":"ALLOW"}]`, 22, true},
		{"allow ::/0 all", `[{"number":100,"protocol":"ALL","source":"::/0","action":"ALLOW"}]`, 3389, true},
		{"allow udp range", `[{"number":100,"protocol":"UDP","source":"0.0.0.0/0","destinationPort":3000,"destinationPortTo":4000,"action":"ALLOW"}]`, 3389, true},
		{"range misses port", `[{"number":100,"protocol":"TCP","source":"0.0.0.0/0","destinationPort":80,"destinationPortTo":443,"action":"ALLOW"}]`, 22, false},
		{"icmp", `[{"number":100,"protocol":"ICMP","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, false},
		{"few denies before allow", `[
			{"number":50,"protocol":"ALL","source":"198.51.100.7/32","action":"DENY"},
			{"number":60,"protocol":"ALL","source":"203.0.113.0/24","action":"DENY"},
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"},
			{"number":32767,"protocol":"ALL","source":"0.0.0.0/0","action":"DENY"}]`, 22, true},
		{"deny tcp first leaves udp open", `[
			{"number":50,"protocol":"TCP","source":"0.0.0.0/0","destinationPort":22,"destinationPortTo":22,"action":"DENY"},
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, true},
		{"deny tcp and udp first", `[
			{"number":50,"protocol":"6","source":"0.0.0.0/0","destinationPort":22,"destinationPortTo":22,"action":"DENY"},
			{"number":51,"protocol":17,"source":"0.0.0.0/0","destinationPort":22,"destinationPortTo":22,"action":"DENY"},
			{"number":100,"protocol":"-1","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, false},
		{"deny all first, listed out of order", `[
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"},
			{"number":50,"protocol":"ALL","source":"0.0.0.0/0","destinationPort":22,"destinationPortTo":22,"action":"DENY"}]`, 22, false},
		{"tcp deny does not hide a udp allow", `[
			{"number":50,"protocol":"TCP","source":"0.0.0.0/0","action":"DENY"},
			{"number":100,"protocol":"udp","source":"0.0.0.0/0","destinationPort":3389,"destinationPortTo":3389,"action":"ALLOW"}]`, 3389, true},
		{"gre", `[{"number":100,"protocol":"47","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, false},
		{"deny all after", `[
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"},
			{"number":200,"protocol":"ALL","source":"0.0.0.0/0","action":"DENY"}]`, 22, true},
		{"denied in halves", `[
			{"number":10,"protocol":"ALL","source":"0.0.0.0/1","action":"DENY"},
			{"number":20,"protocol":"ALL","source":"128.0.0.0/1","action":"DENY"},
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, false},
		{"v4 denied, v6 open", `[
			{"number":10,"protocol":"ALL","source":"0.0.0.0/0","action":"DENY"},
			{"number":100,"protocol":"ALL","source":"::/0","action":"ALLOW"}]`, 22, true},
		{"large but not whole", `[{"number":100,"protocol":"ALL","source":"0.0.0.0/1","action":"ALLOW"}]`, 22, false},
		{"office only", `[{"number":100,"protocol":"TCP","source":"192.0.2.0/24","destinationPort":22,"destinationPortTo":22,"action":"ALLOW"}]`, 22, false},
		{"earlier narrow allow, then whole", `[
			{"number":10,"protocol":"ALL","source":"192.0.2.0/24","action":"ALLOW"},
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, true},
		{"security group rules", `[{"protocol":"TCP","port":0,"portTo":65535,"scope":"0.0.0.0/0"}]`, 445, true},
		{"empty", `[]`, 22, false},
	}
	for _, tt := range tests {
		got := call(t, "openToInternetForPort", j(tt.rules), IntValue(int64(tt.port)))
		if got.Bool() != tt.want {
			t.Errorf("%s: openToInternetForPort(%d) = %v, want %v", tt.name, tt.port, got, tt.want)
		}
	}
	if got := call(t, "openToInternetForPort", missing, IntValue(22)); got.Bool() {
		t.Errorf("missing: open")
	}
}
