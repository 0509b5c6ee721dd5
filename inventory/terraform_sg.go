package inventory

import (
	"fmt"
	"strings"
)

// Firewall rules in the model's flattened form (SecurityRule, NaclEntry),
// shared by the Terraform and CloudFormation mappings.

// tfProtocolName turns an AWS IP protocol (a name or an IANA number, -1 for
// all) into the model's TCP, UDP, ICMP, ICMPV6 or ALL.
func tfProtocolName(v any) string {
	s := strings.ToLower(strings.TrimSpace(fmt.Sprint(v)))
	switch s {
	case "-1", "all", "-1.0":
		return "ALL"
	case "tcp", "6":
		return "TCP"
	case "udp", "17":
		return "UDP"
	case "icmp", "1":
		return "ICMP"
	case "icmpv6", "58":
		return "ICMPV6"
	}
	return strings.ToUpper(s)
}

// securityRules flattens one AWS permission (protocol, port range, the
// scopes it opens to) into SecurityRule objects, one per scope. With
// protocol ALL the range is 0-65535 whatever the input says, as AWS
// ignores it.
func securityRules(protocol, from, to any, scopes []string, desc any) []any {
	p := tfProtocolName(protocol)
	var port, portTo any = numOr(from, 0), numOr(to, 0)
	if p == "ALL" {
		port, portTo = 0, 65535
	}
	var out []any
	for _, s := range scopes {
		r := map[string]any{"protocol": p, "port": port, "portTo": portTo, "scope": s}
		if d, ok := desc.(string); ok && d != "" {
			r["description"] = d
		}
		out = append(out, r)
	}
	return out
}

func numOr(v any, def any) any {
	if n, ok := asNumber(v); ok {
		return n
	}
	return def
}

// strings collects the strings of v (a string or a list), skipping
// anything else.
func stringsOf(v any) []string {
	var out []string
	for _, e := range list(v) {
		if s, ok := e.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// tfRuleScopes lists the scopes of a Terraform ingress/egress block or
// aws_security_group_rule: CIDRs, IPv6 CIDRs, prefix lists, peer groups
// and self. It reports whether some scope is unknown until apply, with
// what it depends on.
func tfRuleScopes(r *iacResource, base string, self string) (scopes []string, unknown []string) {
	for _, a := range []string{"cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups", "source_security_group_id",
		"cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id"} {
		v, known, refs := r.get(base + a)
		if !known {
			unknown = append(unknown, refs...)
			continue
		}
		if u, refs := hasUnknown(v); u {
			unknown = append(unknown, refs...)
		}
		scopes = append(scopes, stringsOf(v)...)
	}
	if v, _, _ := r.get(base + "self"); v == true {
		scopes = append(scopes, self)
	}
	return scopes, unknown
}

// tfSecurityGroup maps aws_security_group and aws_default_security_group:
// inline ingress and egress blocks become inboundRules and outboundRules
// (empty when there are none: Terraform removes the default egress rule).
func tfSecurityGroup(b *builder) {
	b.fields("name", "name", "description", "description", "vpcId", "vpc_id", "arn", "arn")
	if b.r.typ == "aws_default_security_group" {
		b.set("name", "default")
	}
	b.copy("tags", "tags", tfTagList)
	b.doc["inboundRules"] = []any{}
	b.doc["outboundRules"] = []any{}
	for _, dir := range []struct{ attr, to string }{{"ingress", "inboundRules"}, {"egress", "outboundRules"}} {
		v, known, refs := b.r.get(dir.attr)
		if !known {
			b.markUnknown(dir.to, refs...)
			continue
		}
		for i := range list(v) {
			base := fmt.Sprintf("%s.%d.", dir.attr, i)
			tfAddRule(b, b.r, base, dir.to)
		}
	}
}

// tfAddRule appends the rules of one ingress/egress block, or of a rule
// resource (base ""), to the group's property to.
func tfAddRule(b *builder, r *iacResource, base, to string) {
	scopes, unknown := tfRuleScopes(r, base, b.r.addr)
	if len(unknown) > 0 {
		b.markUnknown(to, unknown...)
	}
	proto, pk, prefs := r.get(base + "protocol")
	if proto == nil {
		proto, pk, prefs = r.get(base + "ip_protocol")
	}
	from, fk, frefs := r.get(base + "from_port")
	too, tk, trefs := r.get(base + "to_port")
	if !pk || !fk || !tk {
		b.markUnknown(to, append(append(prefs, frefs...), trefs...)...)
		return
	}
	desc, _, _ := r.get(base + "description")
	b.appendTo(to, securityRules(proto, from, too, scopes, desc)...)
}

// tfSecurityGroupRule merges aws_security_group_rule (type ingress or
// egress) and aws_vpc_security_group_{ingress,egress}_rule into the group.
func tfSecurityGroupRule(p *builder, c *iacResource) {
	to := "inboundRules"
	switch {
	case c.typ == "aws_vpc_security_group_egress_rule":
		to = "outboundRules"
	case c.typ == "aws_security_group_rule":
		if t, _, _ := c.get("type"); t == "egress" {
			to = "outboundRules"
		}
	}
	tfAddRule(p, c, "", to)
}

var sgChild = &childMap{
	link:    "security_group_id",
	parents: []string{"aws_security_group", "aws_default_security_group"},
	keys:    []string{"id"},
	merge:   tfSecurityGroupRule,
}

// naclEntry builds one NaclEntry.
func naclEntry(number, protocol, action, cidr, from, to any, egress bool) map[string]any {
	p := tfProtocolName(protocol)
	e := map[string]any{"protocol": p}
	if n, ok := asNumber(number); ok {
		e["number"] = n
	}
	if a, ok := action.(string); ok {
		e["action"] = strings.ToUpper(a)
	}
	port, portTo := numOr(from, 0), numOr(to, 0)
	if p == "ALL" {
		port, portTo = 0, 65535
	}
	e["destinationPort"], e["destinationPortTo"] = port, portTo
	if egress {
		e["direction"] = "Outbound"
		if cidr != nil {
			e["destination"] = cidr
		}
	} else {
		e["direction"] = "Inbound"
		if cidr != nil {
			e["source"] = cidr
		}
	}
	return e
}

// tfNACL maps aws_network_acl and aws_default_network_acl with their
// inline ingress/egress blocks.
func tfNACL(b *builder) {
	b.fields("vpcId", "vpc_id", "arn", "arn")
	b.copy("tags", "tags", tfTagList)
	b.copy("subnetIds", "subnet_ids", nil)
	b.set("isDefault", b.r.typ == "aws_default_network_acl")
	b.doc["inbound"] = []any{}
	b.doc["outbound"] = []any{}
	for _, dir := range []struct {
		attr, to string
		egress   bool
	}{{"ingress", "inbound", false}, {"egress", "outbound", true}} {
		v, known, refs := b.r.get(dir.attr)
		if !known {
			b.markUnknown(dir.to, refs...)
			continue
		}
		for _, e := range list(v) {
			m, _ := e.(map[string]any)
			if u, refs := hasUnknown(m); u {
				b.markUnknown(dir.to, refs...)
				continue
			}
			cidr := m["cidr_block"]
			if s, _ := cidr.(string); s == "" {
				cidr = m["ipv6_cidr_block"]
			}
			b.appendTo(dir.to, naclEntry(m["rule_no"], m["protocol"], m["action"], cidr, m["from_port"], m["to_port"], dir.egress))
		}
	}
}

// tfNACLRule merges aws_network_acl_rule into its network ACL.
func tfNACLRule(p *builder, c *iacResource) {
	egress, _, _ := c.get("egress")
	to := "inbound"
	if egress == true {
		to = "outbound"
	}
	if u, refs := hasUnknown(c.vals); u {
		// The CIDR or ports of a rule being created are rarely unknown;
		// when they are, the entries of that direction are.
		for _, a := range []string{"cidr_block", "ipv6_cidr_block", "protocol", "from_port", "to_port", "rule_action", "rule_number"} {
			if _, known, _ := c.get(a); !known {
				p.markUnknown(to, refs...)
				return
			}
		}
	}
	cidr, _, _ := c.get("cidr_block")
	if s, _ := cidr.(string); s == "" {
		cidr, _, _ = c.get("ipv6_cidr_block")
	}
	n, _, _ := c.get("rule_number")
	proto, _, _ := c.get("protocol")
	act, _, _ := c.get("rule_action")
	from, _, _ := c.get("from_port")
	to2, _, _ := c.get("to_port")
	p.appendTo(to, naclEntry(n, proto, act, cidr, from, to2, egress == true))
}
