package builtin

import (
	"math"
	"net/netip"
	"strings"

	"github.com/gsl-lang/gsl/internal/jsontext"
)

// anyAddressTags are the source names that firewall rules use for "every
// address"; they are read as 0.0.0.0/0. Other names (Azure service tags
// such as VirtualNetwork or AzureLoadBalancer) stand for no address.
var anyAddressTags = [...]string{"*", "any", "internet"}

var allIPv4 = netip.PrefixFrom(netip.AddrFrom4([4]byte{}), 0)

// addressPrefix reads an address, a CIDR or an any-address tag, with spaces
// around it ignored.
func addressPrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return netip.Prefix{}, false
	}
	if c := s[0]; c == '*' || c == 'a' || c == 'A' || c == 'i' || c == 'I' {
		for _, t := range anyAddressTags {
			if strings.EqualFold(s, t) {
				return allIPv4, true
			}
		}
	}
	return parsePrefix(s)
}

// isPublic is the isPublic() function.
func isPublic(v Value) bool {
	switch v.Kind() {
	case String:
		p, ok := addressPrefix(v.r.Str)
		return ok && isPublicPrefix(p)
	case Array:
		it := jsontext.NewMembers(v.r.Raw)
		for {
			_, raw, ok := it.Next()
			if !ok {
				return false
			}
			if len(raw) > 0 && raw[0] == '"' && isPublic(ParseJSON(raw)) {
				return true
			}
		}
	}
	return false
}

// numberOfHosts is the numberOfHosts() function.
func numberOfHosts(v Value) float64 {
	if v.Kind() != String {
		return 0
	}
	p, ok := addressPrefix(v.r.Str)
	if !ok {
		return 0
	}
	return math.Ldexp(1, p.Addr().BitLen()-p.Bits())
}
