package builtin

import (
	"math"
	"net/netip"
	"testing"
)

func TestParseAddrMatchesNetip(t *testing.T) {
	cases := []string{
		"1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..3.4",
		"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
		"1::8", "1:::8", "1::2::3", ":1", "1:", "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
		"1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "fe80::1%", "1.2.3.4%eth0", "12345::", "g::", "ffff::",
		"FFFF::", "::ffff:1.2.3", "", "a", "sg-0123", "VirtualNetwork", "2001:db8::/32",
	}
	for _, s := range cases {
		checkAddrParse(t, s)
	}
}

func checkAddrParse(t *testing.T, s string) {
	t.Helper()
	want, err := netip.ParseAddr(s)
	got, ok := parseAddr(s)
	if ok != (err == nil) {
		t.Fatalf("parseAddr(%q) ok = %v, netip error %v", s, ok, err)
	}
	if ok && got != want.WithZone("") {
		t.Fatalf("parseAddr(%q) = %v, netip %v", s, got, want)
	}
	wantP, errP := netip.ParsePrefix(s)
	gotP, okP := parsePrefix(s)
	if _, errA := netip.ParseAddr(s); errA == nil && !okP {
		if want.Zone() == "" {
			t.Fatalf("parsePrefix(%q) rejected a bare address", s)
		}
		return
	}
	if errP == nil && (!okP || gotP != wantP) {
		t.Fatalf("parsePrefix(%q) = %v, %v; netip %v", s, gotP, okP, wantP)
	}
	if errP != nil && okP {
		if _, errA := netip.ParseAddr(s); errA != nil {
			t.Fatalf("parsePrefix(%q) = %v, netip error %v", s, gotP, errP)
		}
	}
}

func FuzzParseAddr(f *testing.F) {
	for _, s := range []string{"1.2.3.4", "::ffff:1.2.3.4", "1::8", "10.0.0.0/8", "::/0", "fe80::1%x", "1:2:3:4:5:6:7:8/128", "1.2.3.4/033"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkAddrParse(t, s) })
}

func TestIsPublic(t *testing.T) {
	tests := []struct {
		v    Value
		want bool
	}{
		{j(`"0.0.0.0/0"`), true},
		{j(`"8.8.8.8"`), true},
		{j(`"8.8.8.8/32"`), true},
		{j(`"10.0.0.0/8"`), false},
		{j(`"10.0.0.0/7"`), true}, // holds 11.0.0.0/8
		{j(`"11.0.0.0/8"`), true},
		{j(`"10.1.2.3"`), false},
		{j(`"10.1.2.3/16"`), false},
		{j(`"172.16.0.0/12"`), false},
		{j(`"172.16.0.0/11"`), true},
		{j(`"172.32.0.1"`), true},
		{j(`"192.168.1.1"`), false},
		{j(`"192.168.0.0/15"`), true},
		{j(`"127.0.0.1"`), false},
		{j(`"169.254.169.254"`), false},
		{j(`"100.64.0.0/10"`), false},
		{j(`"100.128.0.1"`), true},
		{j(`"0.0.0.0"`), false},
		{j(`"0.0.0.0/8"`), false},
		{j(`"0.0.0.0/7"`), true},
		{j(`"192.0.0.8"`), false},
		{j(`"192.0.2.10"`), false},
		{j(`"198.51.100.7"`), false},
		{j(`"203.0.113.0/24"`), false},
		{j(`"198.18.0.0/15"`), false},
		{j(`"198.20.0.0/16"`), true},
		{j(`"224.0.0.1"`), false},
		{j(`"240.0.0.0/4"`), false},
		{j(`"255.255.255.255"`), false},
		{j(`"224.0.0.0/3"`), false}, // 224/4 + 240/4, all multicast or reserved
		// IPv6
		{j(`"::/0"`), true},
		{j(`"2600::1"`), true},
		{j(`"2001:4860:4860::8888"`), true},
		{j(`"::1"`), false},
		{j(`"::"`), false},
		{j(`"fd00::1"`), false},
		{j(`"fc00::/7"`), false},
		{j(`"fc00::/6"`), true},
		{j(`"fe80::1"`), false},
		{j(`"fe80::1%eth0"`), false},
		{j(`"ff02::1"`), false},
		{j(`"2001:db8::/32"`), false},
		{j(`"2001:db8::/31"`), true},
		{j(`"::ffff:10.0.0.1"`), false},
		{j(`"::ffff:8.8.8.8"`), true},
		{j(`"::ffff:10.0.0.0/104"`), false},
		{j(`"::ffff:0.0.0.0/96"`), true},
		// tags, lists and non-addresses
		{j(`"*"`), true},
		{j(`"Internet"`), true},
		{j(`"any"`), true},
		{j(`" 8.8.8.8 "`), true},
		{j(`"VirtualNetwork"`), false},
		{j(`"sg-0123abcd"`), false},
		{j(`""`), false},
		{j(`"8.8.8.8/33"`), false},
		{j(`"300.1.1.1"`), false},
		{j(`["10.0.0.1", "192.168.0.0/16"]`), false},
		{j(`["10.0.0.1", "8.8.8.0/24"]`), true},
		{j(`[]`), false},
		{j(`[{"value": "8.8.8.8"}]`), false},
		{missing, false},
		{j(`null`), false},
		{j(`134744072`), false},
	}
	fn, _ := Default().Lookup("isPublic")
	for _, tt := range tests {
		got, err := fn.Impl(nil, tt.v, nil)
		if err != nil || got.Bool() != tt.want {
			t.Errorf("%v isPublic() = %v, %v; want %v", tt.v, got, err, tt.want)
		}
	}
}

func TestIsPublicDocumentationNetsNotMerged(t *testing.T) {
	// 192.0.0.0/23 holds 192.0.1.0/24, which is public.
	if !isPublic(j(`"192.0.0.0/23"`)) {
		t.Error("192.0.0.0/23 isPublic() = false")
	}
}

func TestNumberOfHosts(t *testing.T) {
	tests := []struct {
		v    Value
		want float64
	}{
		{j(`"0.0.0.0/0"`), 4294967296},
		{j(`"10.0.0.0/8"`), 16777216},
		{j(`"10.0.0.0/24"`), 256},
		{j(`"10.0.0.5/24"`), 256},
		{j(`"10.0.0.0/31"`), 2},
		{j(`"10.0.0.0/32"`), 1},
		{j(`"10.0.0.1"`), 1},
		{j(`"::/0"`), math.Ldexp(1, 128)},
		{j(`"2001:db8::/64"`), math.Ldexp(1, 64)},
		{j(`"2001:db8::/120"`), 256},
		{j(`"::1"`), 1},
		{j(`"::ffff:0:0/96"`), 4294967296},
		{j(`"*"`), 4294967296},
		{j(`"Internet"`), 4294967296},
		{j(`"VirtualNetwork"`), 0},
		{j(`"10.0.0.0/33"`), 0},
		{j(`""`), 0},
		{missing, 0},
		{j(`24`), 0},
		{j(`["10.0.0.0/24"]`), 0},
	}
	fn, _ := Default().Lookup("numberOfHosts")
	for _, tt := range tests {
		got, err := fn.Impl(nil, tt.v, nil)
		if err != nil || got.Num() != tt.want {
			t.Errorf("%v numberOfHosts() = %v, %v; want %v", tt.v, got, err, tt.want)
		}
	}
}
