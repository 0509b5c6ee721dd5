package builtin

import (
	"strings"

	"github.com/tidwall/gjson"
)

// openToInternetOver is the openToInternetOver() function: the question of
// openToInternetForPort asked for one protocol and one address family, with
// prefix lists read as possibly holding every address.
var openToInternetOver = &Func{
	Name:   "openToInternetOver",
	Recv:   TList,
	Params: []Param{{"port", TNumber}, {"protocol", TString}, {"family", TString}},
	Result: TBool,
	Doc: "As openToInternetForPort, for the protocol `protocol` ('tcp', 'udp', or 'any' for TCP and UDP each, any case) " +
		"and the address family `family` ('ipv4' for 0.0.0.0/0, 'ipv6' for ::/0, or 'any' for both, any case): true when " +
		"an allow rule whose source is that whole address space, for that protocol or every protocol, still lets some " +
		"address of the family reach `port`. An allow rule whose source names a prefix list (an id starting 'pl-', in any " +
		"source field) counts as a source of every IPv4 and IPv6 address, since the list's entries are not in the rule " +
		"and may hold 0.0.0.0/0 or ::/0: such a rule is open unless earlier rules deny the port to every address. A " +
		"security group id or other name as source stands for no address. A missing or null operand is not open; the " +
		"port must be an integer in 0-65535 and protocol and family literals of the forms above.",
	Example: "SecurityGroup should not have inboundRules openToInternetOver(445, 'tcp', 'any')",
	Check:   checkOpenOverArgs,
	Impl:    openToInternetOverImpl,
}

var (
	overProtocols = map[string][]protoClass{"tcp": {protoTCP}, "udp": {protoUDP}, "any": {protoTCP, protoUDP}}
	overFamilies  = map[string][]family{"ipv4": {v4}, "ipv6": {v6}, "any": bothFamilies}
)

func checkOpenOverArgs(consts []Value) error {
	if err := checkPortArg(consts); err != nil {
		return err
	}
	if err := OneOf(1, "tcp", "udp", "any")(consts); err != nil {
		return err
	}
	return OneOf(2, "ipv4", "ipv6", "any")(consts)
}

func openToInternetOverImpl(env *Env, recv Value, args []Value) (Value, error) {
	p, err := portArg("openToInternetOver", args[0])
	if err != nil {
		return Value{}, err
	}
	protos, ok := overProtocols[strings.ToLower(args[1].Str())]
	if !ok {
		return Value{}, &ArgError{Index: 1, Msg: "openToInternetOver(): the protocol must be 'tcp', 'udp' or 'any', not " + args[1].String()}
	}
	fams, ok := overFamilies[strings.ToLower(args[2].Str())]
	if !ok {
		return Value{}, &ArgError{Index: 2, Msg: "openToInternetOver(): the family must be 'ipv4', 'ipv6' or 'any', not " + args[2].String()}
	}
	return BoolValue(openOver(readRulesWithPrefixLists(env, recv, p), protos, fams)), nil
}

// readRulesWithPrefixLists reads the rule list recv for port p as readRules
// does, adding both whole address spaces to the sources of an allow rule
// that names a prefix list.
func readRulesWithPrefixLists(env *Env, recv Value, p int) []fwRule {
	return forPort(env.ruleList(recv, true), p)
}

// namesPrefixList reports whether a source field of the rule obj names a
// prefix list (pl-...).
func namesPrefixList(obj gjson.Result) bool {
	found := false
	obj.ForEach(func(k, v gjson.Result) bool {
		if classifyField(k.Str) == fieldSource {
			forEachString(v, func(s string) {
				for piece := range strings.SplitSeq(s, ",") {
					if strings.HasPrefix(strings.TrimSpace(piece), "pl-") {
						found = true
					}
				}
			})
		}
		return !found
	})
	return found
}
