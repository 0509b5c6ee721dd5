package builtin

import (
	"encoding/binary"
	"math"
	"net/netip"
	"slices"
)

// u128 is an address as a 128-bit integer (IPv4 addresses use the low 32
// bits; the two families are kept in separate sets).
type u128 struct{ hi, lo uint64 }

var maxU128 = u128{math.MaxUint64, math.MaxUint64}

func (a u128) cmp(b u128) int {
	switch {
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

func (a u128) less(b u128) bool { return a.cmp(b) < 0 }

func (a u128) addOne() u128 {
	lo := a.lo + 1
	hi := a.hi
	if lo == 0 {
		hi++
	}
	return u128{hi, lo}
}

func (a u128) subOne() u128 {
	lo := a.lo - 1
	hi := a.hi
	if a.lo == 0 {
		hi--
	}
	return u128{hi, lo}
}

func (a u128) sub(b u128) u128 {
	lo := a.lo - b.lo
	hi := a.hi - b.hi
	if a.lo < b.lo {
		hi--
	}
	return u128{hi, lo}
}

func (a u128) float() float64 { return float64(a.hi)*(1<<64) + float64(a.lo) }

// span is the inclusive address interval [lo, hi].
type span struct{ lo, hi u128 }

// size returns hi-lo+1 as a float64 (2^128 for the whole IPv6 space).
func (s span) size() float64 { return s.hi.sub(s.lo).float() + 1 }

// family tells the two address spaces apart.
type family uint8

const (
	v4 family = iota
	v6
)

// prefixSpan returns the family and address interval of p. An IPv4-mapped
// IPv6 prefix of length 96 or more is read as the IPv4 prefix it maps, so
// the same hosts are never counted twice.
func prefixSpan(p netip.Prefix) (family, span) {
	a, bits := p.Addr(), p.Bits()
	if a.Is4In6() && bits >= 96 {
		a, bits = a.Unmap(), bits-96
	}
	if a.Is4() {
		b := a.As4()
		v := uint64(binary.BigEndian.Uint32(b[:]))
		size := uint64(1) << (32 - bits)
		lo := v &^ (size - 1)
		return v4, span{u128{0, lo}, u128{0, lo + size - 1}}
	}
	b := a.As16()
	x := u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
	var mask u128 // host bits
	switch {
	case bits >= 128:
	case bits >= 64:
		mask.lo = math.MaxUint64 >> (bits - 64)
	default:
		mask.lo = math.MaxUint64
		mask.hi = math.MaxUint64 >> bits
	}
	lo := u128{x.hi &^ mask.hi, x.lo &^ mask.lo}
	return v6, span{lo, u128{lo.hi | mask.hi, lo.lo | mask.lo}}
}

// spanSet is a set of addresses of one family: sorted, disjoint, and with
// no two spans adjacent.
type spanSet []span

// add returns s ∪ x.
func (s spanSet) add(x span) spanSet {
	i := 0
	for i < len(s) && !atMostNext(x.lo, s[i].hi) {
		i++ // s[i] ends before x starts, with a gap
	}
	j := i
	for j < len(s) && atMostNext(s[j].lo, x.hi) {
		if s[j].lo.less(x.lo) {
			x.lo = s[j].lo
		}
		if x.hi.less(s[j].hi) {
			x.hi = s[j].hi
		}
		j++
	}
	return slices.Replace(s, i, j, x)
}

// atMostNext reports whether a <= b+1, so that an interval starting at a
// overlaps or touches one ending at b.
func atMostNext(a, b u128) bool { return b == maxU128 || !b.addOne().less(a) }

// subtractFrom appends to out the parts of x that s does not hold.
func (s spanSet) subtractFrom(x span, out spanSet) spanSet {
	cur := x.lo
	for _, sp := range s {
		if sp.hi.less(cur) {
			continue
		}
		if x.hi.less(sp.lo) {
			break
		}
		if cur.less(sp.lo) {
			out = append(out, span{cur, sp.lo.subOne()})
		}
		if !sp.hi.less(x.hi) {
			return out
		}
		cur = sp.hi.addOne()
	}
	return append(out, span{cur, x.hi})
}

// covers reports whether s holds every address of x.
func (s spanSet) covers(x span) bool {
	for _, sp := range s {
		if !x.lo.less(sp.lo) && !sp.hi.less(x.hi) {
			return true
		}
	}
	return false
}

// addrSet is a set of IPv4 and IPv6 addresses.
type addrSet struct{ fam [2]spanSet }

func (a *addrSet) add(f family, x span) { a.fam[f] = a.fam[f].add(x) }

// count returns the number of addresses in a, IPv4 and IPv6 together.
// IPv4 counts are exact; IPv6 ones are rounded to float64.
func (a *addrSet) count() float64 {
	var n4 uint64
	for _, sp := range a.fam[v4] {
		n4 += sp.hi.lo - sp.lo.lo + 1
	}
	n := float64(n4)
	for _, sp := range a.fam[v6] {
		n += sp.size()
	}
	return n
}

// publicCount returns the number of addresses of a outside the private and
// reserved ranges.
func (a *addrSet) publicCount() float64 {
	var pub addrSet
	for f := v4; f <= v6; f++ {
		for _, sp := range a.fam[f] {
			pub.fam[f] = nonPublic[f].subtractFrom(sp, pub.fam[f])
		}
	}
	return pub.count()
}

// nonPublicPrefixes are the addresses that are not public: private,
// loopback, link-local, shared, documentation, benchmarking, multicast and
// reserved ranges (IANA special-purpose registries).
var nonPublicPrefixes = [...]string{
	// IPv4
	"0.0.0.0/8",       // "this network"
	"10.0.0.0/8",      // RFC 1918
	"100.64.0.0/10",   // carrier-grade NAT (RFC 6598)
	"127.0.0.0/8",     // loopback
	"169.254.0.0/16",  // link-local
	"172.16.0.0/12",   // RFC 1918
	"192.0.0.0/24",    // IETF protocol assignments
	"192.0.2.0/24",    // documentation (TEST-NET-1)
	"192.168.0.0/16",  // RFC 1918
	"198.18.0.0/15",   // benchmarking
	"198.51.100.0/24", // documentation (TEST-NET-2)
	"203.0.113.0/24",  // documentation (TEST-NET-3)
	"224.0.0.0/4",     // multicast
	"240.0.0.0/4",     // reserved, and 255.255.255.255 broadcast
	// IPv6
	"::/128",         // unspecified
	"::1/128",        // loopback
	"64:ff9b:1::/48", // local-use IPv4/IPv6 translation
	"100::/64",       // discard-only
	"2001:2::/48",    // benchmarking
	"2001:10::/28",   // ORCHID (deprecated)
	"2001:db8::/32",  // documentation
	"3fff::/20",      // documentation
	"5f00::/16",      // segment routing SIDs
	"fc00::/7",       // unique local
	"fe80::/10",      // link-local
	"fec0::/10",      // site-local (deprecated)
	"ff00::/8",       // multicast
}

// nonPublic holds nonPublicPrefixes as merged spans per family. The IPv6
// set also holds the IPv4-mapped form (::ffff:a.b.c.d) of every IPv4 range.
var nonPublic = func() [2]spanSet {
	var set addrSet
	for _, s := range nonPublicPrefixes {
		p := netip.MustParsePrefix(s)
		f, sp := prefixSpan(p)
		set.add(f, sp)
		if f == v4 {
			mapped := u128{0, 0xffff << 32}
			set.add(v6, span{u128{0, mapped.lo | sp.lo.lo}, u128{0, mapped.lo | sp.hi.lo}})
		}
	}
	return set.fam
}()

// isPublicPrefix reports whether p holds any public address.
func isPublicPrefix(p netip.Prefix) bool {
	f, sp := prefixSpan(p)
	return !nonPublic[f].covers(sp)
}
