package builtin

import (
	"net/netip"
	"strings"
)

// The parsers below accept what net/netip accepts (they are fuzzed against
// it) but report failure with a bool instead of an error, so that reading a
// string that is not an address (a security group id, a service tag) costs
// no allocation.

// parseAddr reads an IPv4 address or an IPv6 address (an optional %zone is
// dropped).
func parseAddr(s string) (netip.Addr, bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			a, ok := parseIPv4(s)
			if !ok {
				return netip.Addr{}, false
			}
			return netip.AddrFrom4(a), true
		case ':':
			if z := strings.IndexByte(s, '%'); z >= 0 {
				if z == len(s)-1 {
					return netip.Addr{}, false
				}
				s = s[:z]
			}
			a, ok := parseIPv6(s)
			if !ok {
				return netip.Addr{}, false
			}
			return netip.AddrFrom16(a), true
		}
	}
	return netip.Addr{}, false
}

// parsePrefix reads "addr/bits", or a bare address as a single-address
// prefix (/32 or /128). Host bits may be set ("10.0.0.1/8" is 10.0.0.0/8).
func parsePrefix(s string) (netip.Prefix, bool) {
	slash := strings.LastIndexByte(s, '/')
	if slash < 0 {
		a, ok := parseAddr(s)
		if !ok {
			return netip.Prefix{}, false
		}
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	addr, bitsText := s[:slash], s[slash+1:]
	if strings.IndexByte(addr, '%') >= 0 {
		return netip.Prefix{}, false
	}
	a, ok := parseAddr(addr)
	if !ok {
		return netip.Prefix{}, false
	}
	if bitsText == "" || len(bitsText) > 3 || (len(bitsText) > 1 && bitsText[0] == '0') {
		return netip.Prefix{}, false
	}
	bits := 0
	for i := 0; i < len(bitsText); i++ {
		c := bitsText[i]
		if c < '0' || c > '9' {
			return netip.Prefix{}, false
		}
		bits = bits*10 + int(c-'0')
	}
	if bits > a.BitLen() {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, bits), true
}

// parseIPv4 reads a dotted quad: four decimal fields 0-255 without leading
// zeros.
func parseIPv4(s string) ([4]byte, bool) {
	var a [4]byte
	field, val, digits := 0, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits == 1 && val == 0 {
				return a, false // leading zero
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return a, false
			}
		case c == '.':
			if digits == 0 || field == 3 {
				return a, false
			}
			a[field] = byte(val)
			field++
			val, digits = 0, 0
		default:
			return a, false
		}
	}
	if field != 3 || digits == 0 {
		return a, false
	}
	a[3] = byte(val)
	return a, true
}

// parseIPv6 reads eight colon-separated groups of up to four hex digits,
// one "::" standing for one or more zero groups, and an optional dotted quad
// in place of the last two groups.
func parseIPv6(s string) ([16]byte, bool) {
	var a [16]byte
	gap := -1 // byte offset in a where "::" stands
	i := 0    // bytes of a filled
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		gap = 0
		s = s[2:]
	}
	for s != "" {
		n, acc := 0, 0
		for n < len(s) {
			d := hexDigit(s[n])
			if d < 0 {
				break
			}
			acc = acc<<4 | d
			n++
			if n > 4 {
				return a, false
			}
		}
		if n == 0 {
			return a, false
		}
		if n < len(s) && s[n] == '.' {
			if (gap < 0 && i != 12) || i+4 > 16 {
				return a, false
			}
			q, ok := parseIPv4(s)
			if !ok {
				return a, false
			}
			copy(a[i:], q[:])
			i += 4
			s = ""
			break
		}
		if i+2 > 16 {
			return a, false
		}
		a[i], a[i+1] = byte(acc>>8), byte(acc)
		i += 2
		s = s[n:]
		if s == "" {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return a, false
		}
		s = s[1:]
		if s[0] == ':' {
			if gap >= 0 {
				return a, false
			}
			gap = i
			s = s[1:]
		}
		if i == 16 && s != "" {
			return a, false
		}
	}
	switch {
	case i < 16:
		if gap < 0 {
			return a, false
		}
		n := 16 - i
		copy(a[gap+n:], a[gap:i])
		clear(a[gap : gap+n])
	case gap >= 0:
		return a, false // "::" must stand for at least one group
	}
	return a, true
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
