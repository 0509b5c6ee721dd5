package builtin

import (
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

func TestOpenToInternetOver(t *testing.T) {
	sg := func(rules ...string) string { return "[" + strings.Join(rules, ",") + "]" }
	tests := []struct {
		name   string
		rules  string
		port   int
		proto  string
		family string
		want   bool
	}{
		// Security groups (allow rules only, Dome9's flattened form).
		{"tcp 22 from 0.0.0.0/0", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}`), 22, "tcp", "ipv4", true},
		{"tcp 22 from 0.0.0.0/0, asked for ipv6", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}`), 22, "tcp", "ipv6", false},
		{"tcp 22 from ::/0, asked for ipv6", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"::/0"}`), 22, "tcp", "ipv6", true},
		{"tcp 22 from ::/0, asked for ipv4", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"::/0"}`), 22, "tcp", "ipv4", false},
		{"tcp 22 from ::/0, any family", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"::/0"}`), 22, "tcp", "any", true},
		{"udp 3389, asked for tcp", sg(`{"protocol":"UDP","port":3389,"portTo":3389,"scope":"0.0.0.0/0"}`), 3389, "tcp", "ipv4", false},
		{"udp 3389, asked for udp", sg(`{"protocol":"UDP","port":3389,"portTo":3389,"scope":"0.0.0.0/0"}`), 3389, "udp", "ipv4", true},
		{"udp 3389, asked for any protocol", sg(`{"protocol":"udp","port":3389,"portTo":3389,"scope":"0.0.0.0/0"}`), 3389, "any", "any", true},
		{"protocol numbers", sg(`{"protocol":17,"port":3389,"portTo":3389,"scope":"0.0.0.0/0"}`), 3389, "UDP", "IPv4", true},
		{"all traffic counts for tcp", sg(`{"protocol":"ALL","port":0,"portTo":65535,"scope":"0.0.0.0/0"}`), 445, "tcp", "ipv4", true},
		{"protocol -1 counts for udp", sg(`{"protocol":"-1","scope":"::/0"}`), 445, "udp", "ipv6", true},
		{"range covering the port", sg(`{"protocol":"TCP","port":400,"portTo":500,"scope":"0.0.0.0/0"}`), 445, "tcp", "any", true},
		{"range ending below the port", sg(`{"protocol":"TCP","port":400,"portTo":444,"scope":"0.0.0.0/0"}`), 445, "tcp", "any", false},
		{"range starting above the port", sg(`{"protocol":"TCP","port":446,"portTo":500,"scope":"0.0.0.0/0"}`), 445, "tcp", "any", false},
		{"range edges", sg(`{"protocol":"TCP","port":1433,"portTo":1433,"scope":"0.0.0.0/0"}`), 1433, "tcp", "any", true},
		{"icmp never", sg(`{"protocol":"ICMP","port":-1,"portTo":-1,"scope":"0.0.0.0/0"}`), 22, "any", "any", false},
		{"narrow network", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"203.0.113.0/24"}`), 22, "tcp", "any", false},
		{"half the internet", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/1"}`), 22, "tcp", "any", false},
		{"security group source", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"sg-0a1b2c3d4e5f67890"}`), 22, "tcp", "any", false},
		{"prefix list source", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"pl-0a1b2c3d4e5f67890"}`), 22, "tcp", "ipv4", true},
		{"prefix list source, ipv6", sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"pl-0a1b2c3d4e5f67890"}`), 22, "tcp", "ipv6", true},
		{"prefix list for another port", sg(`{"protocol":"TCP","port":443,"portTo":443,"scope":"pl-0a1b2c3d4e5f67890"}`), 22, "tcp", "any", false},
		{"prefix list for udp, asked tcp", sg(`{"protocol":"UDP","port":22,"portTo":22,"scope":"pl-0a1b2c3d4e5f67890"}`), 22, "tcp", "any", false},
		{"empty", `[]`, 22, "any", "any", false},
		{"one rule object", `{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}`, 22, "tcp", "any", true},
		// Network ACLs: ordered allow and deny entries.
		{"nacl deny tcp, allow all: udp open", `[
			{"number":50,"protocol":"TCP","source":"0.0.0.0/0","destinationPort":22,"destinationPortTo":22,"action":"DENY"},
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, "udp", "ipv4", true},
		{"nacl deny tcp, allow all: tcp closed", `[
			{"number":50,"protocol":"TCP","source":"0.0.0.0/0","destinationPort":22,"destinationPortTo":22,"action":"DENY"},
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, "tcp", "ipv4", false},
		{"nacl v4 denied, v6 allowed: ipv4 closed", `[
			{"number":10,"protocol":"ALL","source":"0.0.0.0/0","action":"DENY"},
			{"number":100,"protocol":"ALL","source":"::/0","action":"ALLOW"}]`, 22, "any", "ipv4", false},
		{"nacl v4 denied, v6 allowed: ipv6 open", `[
			{"number":10,"protocol":"ALL","source":"0.0.0.0/0","action":"DENY"},
			{"number":100,"protocol":"ALL","source":"::/0","action":"ALLOW"}]`, 22, "any", "ipv6", true},
		{"nacl few denies before the allow", `[
			{"number":50,"protocol":"ALL","source":"198.51.100.7/32","action":"DENY"},
			{"number":100,"protocol":"ALL","source":"0.0.0.0/0","action":"ALLOW"}]`, 22, "tcp", "ipv4", true},
		{"prefix list behind a deny of everything", `[
			{"number":10,"protocol":"ALL","source":"0.0.0.0/0","action":"DENY"},
			{"number":11,"protocol":"ALL","source":"::/0","action":"DENY"},
			{"number":100,"protocol":"TCP","source":"pl-0a1b2c3d","destinationPort":22,"destinationPortTo":22,"action":"ALLOW"}]`, 22, "tcp", "any", false},
	}
	for _, tt := range tests {
		got := call(t, "openToInternetOver", j(tt.rules), IntValue(int64(tt.port)), StringValue(tt.proto), StringValue(tt.family))
		if got.Bool() != tt.want {
			t.Errorf("%s: openToInternetOver(%d, %q, %q) = %v, want %v", tt.name, tt.port, tt.proto, tt.family, got, tt.want)
		}
	}
	if got := call(t, "openToInternetOver", missing, IntValue(22), StringValue("any"), StringValue("any")); got.Bool() {
		t.Errorf("missing: open")
	}
	// openToInternetForPort keeps reading a prefix list as no address.
	if got := call(t, "openToInternetForPort", j(sg(`{"protocol":"TCP","port":22,"portTo":22,"scope":"pl-0a1b2c3d"}`)), IntValue(22)); got.Bool() {
		t.Errorf("openToInternetForPort: prefix list read as open")
	}
}

func TestOpenToInternetOverArgs(t *testing.T) {
	f, _ := Default().Lookup("openToInternetOver")
	tests := []struct {
		args []Value
		bad  string // "" when valid, else a word of the error
	}{
		{[]Value{IntValue(22), StringValue("TCP"), StringValue("IPv6")}, ""},
		{[]Value{IntValue(22), StringValue("any"), StringValue("any")}, ""},
		{[]Value{IntValue(70000), StringValue("tcp"), StringValue("any")}, "0-65535"},
		{[]Value{IntValue(22), StringValue("icmp"), StringValue("any")}, "argument 2"},
		{[]Value{IntValue(22), StringValue("tcp"), StringValue("v4")}, "argument 3"},
	}
	for _, tt := range tests {
		err := f.CheckCall(tt.args)
		switch {
		case tt.bad == "" && err != nil:
			t.Errorf("%v: %v", tt.args, err)
		case tt.bad != "" && (err == nil || !strings.Contains(err.Error(), tt.bad)):
			t.Errorf("%v: error %v, want one mentioning %q", tt.args, err, tt.bad)
		}
	}
}

// FuzzOpenToInternetOver checks, over arbitrary rule lists, that the
// per-protocol and per-family answers add up to the 'any' answers, and that
// without a prefix-list source openToInternetOver(p, 'any', 'any') is
// openToInternetForPort(p).
func FuzzOpenToInternetOver(f *testing.F) {
	for _, s := range []string{
		`[{"protocol":"TCP","port":22,"portTo":22,"scope":"0.0.0.0/0"}]`,
		`[{"protocol":"UDP","port":3000,"portTo":4000,"scope":"::/0"},{"protocol":"TCP","port":22,"portTo":22,"scope":"pl-1"}]`,
		`[{"number":10,"protocol":"TCP","source":"0.0.0.0/0","action":"DENY"},{"number":20,"protocol":"-1","source":"0.0.0.0/0, ::/0","action":"ALLOW"}]`,
		`[{"number":5,"protocol":"ALL","source":"pl-2","action":"deny"},{"number":6,"protocol":6,"cidrBlock":"0.0.0.0/1","destinationPortRange":"20-30"}]`,
		`{"protocol":"icmp","scope":"*"}`,
	} {
		f.Add(s, uint16(22))
	}
	f.Fuzz(func(t *testing.T, rules string, port uint16) {
		if len(rules) > 2048 || !gjson.Valid(rules) {
			return
		}
		recv, p := j(rules), IntValue(int64(port))
		over := func(proto, fam string) bool {
			v, err := openToInternetOverImpl(nil, recv, []Value{p, StringValue(proto), StringValue(fam)})
			if err != nil {
				t.Fatalf("%s, %s: %v", proto, fam, err)
			}
			return v.Bool()
		}
		anyAny := over("any", "any")
		parts := false
		for _, proto := range []string{"tcp", "udp"} {
			for _, fam := range []string{"ipv4", "ipv6"} {
				parts = parts || over(proto, fam)
			}
		}
		if anyAny != parts {
			t.Fatalf("any/any = %v, the protocol and family parts = %v", anyAny, parts)
		}
		if over("tcp", "any") != (over("tcp", "ipv4") || over("tcp", "ipv6")) || over("any", "ipv4") != (over("tcp", "ipv4") || over("udp", "ipv4")) {
			t.Fatalf("a partial 'any' disagrees with its parts")
		}
		if !strings.Contains(rules, "pl-") {
			v, err := openToInternetImpl(nil, recv, []Value{p})
			if err != nil {
				t.Fatal(err)
			}
			if v.Bool() != anyAny {
				t.Fatalf("openToInternetForPort = %v, openToInternetOver any/any = %v", v.Bool(), anyAny)
			}
		}
	})
}
