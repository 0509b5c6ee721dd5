package invgen

import (
	"strconv"
)

// corpCIDR is the office range that well-kept rules admit.
const corpCIDR = "203.0.113.0/24"

// ---------------------------------------------------------------- VPC

type vpcSpec struct {
	id, name, region, cidr string
	isDefault, flowLogs    bool
	trafficType            string
}

func (a *account) vpcSpec(v int) vpcSpec {
	r := a.sub(kVPC, v, 1)
	s := vpcSpec{id: a.awsID("vpc", kVPC, v), region: a.vpcRegion(v), cidr: vpcCIDR(v)}
	s.isDefault = v%5 == 4
	if s.isDefault {
		s.name, s.cidr = "default", "172.31.0.0/16"
	} else {
		s.name = pick(r, apps...) + "-" + pick(r, envs...) + "-vpc"
	}
	s.flowLogs = !r.bad()
	s.trafficType = "ALL"
	if r.chance(0.15) {
		s.trafficType = "REJECT"
	}
	return s
}

// vpcSummary returns VPC v as other documents embed it (nil when the
// account has no VPC).
func (a *account) vpcSummary(v int) []byte {
	if v < 0 {
		return nil
	}
	if a.vpcs[v] != nil {
		return a.vpcs[v]
	}
	s := a.vpcSpec(v)
	w := &jw{}
	w.obj()
	w.ks("type", "VPC")
	w.ks("id", s.id)
	w.ks("name", s.name)
	w.ks("cidr", s.cidr)
	w.kb("isDefault", s.isDefault)
	w.kb("hasFlowLogs", s.flowLogs)
	w.end()
	a.vpcs[v] = w.b
	return w.b
}

// subnetsOf returns the subnet indices of VPC v: v, v+nVPC, v+2nVPC ...
func (a *account) subnetsOf(v int) []int {
	var out []int
	for s := v; v >= 0 && s < a.c[kSubnet]; s += a.c[kVPC] {
		out = append(out, s)
	}
	return out
}

func genVPC(a *account, w *jw, v int) {
	s := a.vpcSpec(v)
	r := a.rnd(kVPC, v)
	a.head(w, "VPC", s.id, s.name, a.arn("ec2", s.region, "vpc/"+s.id), s.region)
	a.tags(w, r, s.name, "", false)
	w.ks("cidr", s.cidr)
	w.kstrs("cidrBlocks", s.cidr)
	w.ka("ipv6CidrBlocks")
	if r.chance(0.2) {
		w.str("2600:1f18:" + a.hex(kVPC, v, 6, 4) + ":" + strconv.Itoa(r.IntN(90)+10) + "00::/56")
	}
	w.endArr()
	w.kb("isDefault", s.isDefault)
	w.ks("state", "available")
	w.ks("instanceTenancy", "default")
	w.kb("hasFlowLogs", s.flowLogs)
	w.ka("flowLogs")
	if s.flowLogs {
		w.obj()
		w.ks("id", a.awsID("fl", kVPC, v))
		w.ks("status", "ACTIVE")
		w.ks("trafficType", s.trafficType)
		if r.chance(0.5) {
			w.ks("logDestinationType", "cloud-watch-logs")
			w.ks("logDestination", a.arn("logs", s.region, "log-group:/vpc/"+s.name+"-flow-logs"))
		} else {
			w.ks("logDestinationType", "s3")
			w.ks("logDestination", "arn:aws:s3:::"+a.org+"-flow-logs-"+a.id)
		}
		w.ks("deliverLogsStatus", "SUCCESS")
		w.end()
	}
	w.endArr()
	subs := a.subnetsOf(v)
	w.ka("subnets")
	for _, sn := range subs {
		ss := a.subnetSpec(sn)
		w.obj()
		w.ks("type", "Subnet")
		w.ks("id", ss.id)
		w.ks("name", ss.name)
		w.ks("cidr", ss.cidr)
		w.ks("availabilityZone", ss.az)
		w.kb("mapPublicIpOnLaunch", ss.public)
		w.end()
	}
	w.endArr()
	igw := a.awsID("igw", kVPC, v)
	w.ka("routeTables")
	w.obj()
	w.ks("id", a.awsID("rtb", kVPC, v))
	w.kb("isMain", true)
	w.ka("routes")
	w.obj()
	w.ks("destinationCidrBlock", s.cidr)
	w.ks("gatewayId", "local")
	w.ks("state", "active")
	w.end()
	w.obj()
	w.ks("destinationCidrBlock", "0.0.0.0/0")
	if s.isDefault {
		w.ks("gatewayId", igw)
	} else {
		w.ks("natGatewayId", a.awsID("nat", kVPC, v))
	}
	w.ks("state", "active")
	w.end()
	w.endArr()
	w.ka("associations")
	w.obj()
	w.kb("main", true)
	w.end()
	w.endArr()
	w.end()
	w.endArr()
	w.ka("internetGateways")
	w.obj()
	w.ks("id", igw)
	w.ks("state", "available")
	w.end()
	w.endArr()
	w.ka("vpnGateways")
	if r.chance(0.1) {
		w.obj()
		w.ks("id", a.awsID("vgw", kVPC, v))
		w.ks("state", "available")
		w.ka("directConnectVirtualInterfaces")
		w.endArr()
		w.end()
	}
	w.endArr()
	w.ka("vpcEndpoints")
	if r.chance(0.6) {
		w.obj()
		w.ks("id", a.awsID("vpce", kVPC, v))
		w.ks("serviceName", "com.amazonaws."+s.region+".s3")
		w.ks("vpcEndpointType", "Gateway")
		w.ks("state", "available")
		w.end()
	}
	w.endArr()
	w.ka("peeringConnections")
	if r.chance(0.2) && a.c[kVPC] > 1 {
		w.obj()
		w.ks("id", a.awsID("pcx", kVPC, v))
		w.ks("status", "active")
		w.ks("accepterVpcId", a.awsID("vpc", kVPC, (v+1)%a.c[kVPC]))
		w.ks("requesterVpcId", s.id)
		w.end()
	}
	w.endArr()
	w.end()
}

// ---------------------------------------------------------------- Subnet

type subnetSpec struct {
	id, name, cidr, az, region string
	vpc, nacl                  int
	public                     bool
}

func (a *account) subnetSpec(sn int) subnetSpec {
	r := a.sub(kSubnet, sn, 1)
	v, k := -1, 0
	if nv := a.c[kVPC]; nv > 0 {
		v, k = sn%nv, sn/nv
	}
	s := subnetSpec{id: a.awsID("subnet", kSubnet, sn), vpc: v, nacl: -1, region: homeRegion}
	third := (k * 16) % 256
	if v >= 0 {
		vs := a.vpcSpec(v)
		s.region = vs.region
		if vs.isDefault {
			s.cidr = "172.31." + strconv.Itoa(third) + ".0/20"
		} else {
			s.cidr = "10." + strconv.Itoa(v%256) + "." + strconv.Itoa(third) + ".0/20"
		}
		if v < a.c[kNACL] {
			s.nacl = v
		}
	} else {
		s.cidr = "10.255." + strconv.Itoa(third) + ".0/20"
	}
	s.az = s.region + string(rune('a'+k%3))
	s.public = r.bad()
	kind := "private"
	if s.public {
		kind = "public"
	}
	s.name = kind + "-" + s.az + "-" + strconv.Itoa(k)
	return s
}

// subnetSummary returns subnet sn with its NACL, as network interfaces
// embed it.
func (a *account) subnetSummary(sn int) []byte {
	if a.subnets[sn] != nil {
		return a.subnets[sn]
	}
	s := a.subnetSpec(sn)
	w := &jw{}
	w.obj()
	w.ks("type", "Subnet")
	w.ks("id", s.id)
	w.ks("name", s.name)
	w.ks("cidr", s.cidr)
	w.ks("availabilityZone", s.az)
	w.kb("mapPublicIpOnLaunch", s.public)
	if s.nacl >= 0 {
		w.kraw("nacl", a.naclSummary(s.nacl))
	}
	w.end()
	a.subnets[sn] = w.b
	return w.b
}

func genSubnet(a *account, w *jw, sn int) {
	s := a.subnetSpec(sn)
	r := a.rnd(kSubnet, sn)
	a.head(w, "Subnet", s.id, s.name, a.arn("ec2", s.region, "subnet/"+s.id), s.region)
	a.tags(w, r, s.name, "", false)
	w.ks("cidr", s.cidr)
	w.ka("ipv6CidrBlocks")
	w.endArr()
	w.ks("availabilityZone", s.az)
	w.kb("mapPublicIpOnLaunch", s.public)
	w.kb("defaultForAz", s.vpc >= 0 && a.vpcSpec(s.vpc).isDefault)
	w.ki("availableIpAddressCount", 200+r.IntN(3800))
	if s.vpc >= 0 {
		vs := a.vpcSpec(s.vpc)
		w.ks("vpcId", vs.id)
		w.kraw("vpc", a.vpcSummary(s.vpc))
		w.ks("routeTableId", a.awsID("rtb", kVPC, s.vpc))
	}
	if s.nacl >= 0 {
		w.kraw("nacl", a.naclSummary(s.nacl))
	}
	w.ks("externalId", s.id)
	w.end()
}

// ---------------------------------------------------------------- NACL

type naclEntry struct {
	num            int
	proto, cidr    string
	from, to       int
	allow, inbound bool
}

// naclEntries returns the entries of NACL n. A default NACL keeps AWS's
// allow-all entries when bad; a custom one may admit SSH from anywhere.
func (a *account) naclEntries(n int) (isDefault bool, vpcCIDR string, in, out []naclEntry) {
	r := a.sub(kNACL, n, 1)
	v := -1
	if nv := a.c[kVPC]; nv > 0 {
		v = n % nv
	}
	isDefault = v >= 0 && n < a.c[kVPC]
	vpcCIDR = "10.0.0.0/8"
	if v >= 0 {
		vpcCIDR = a.vpcSpec(v).cidr
	}
	deny := func(dir bool, cidr string) naclEntry {
		return naclEntry{32767, "ALL", cidr, 0, 65535, false, dir}
	}
	switch {
	case isDefault && r.bad():
		in = []naclEntry{{100, "ALL", "0.0.0.0/0", 0, 65535, true, true}, {101, "ALL", "::/0", 0, 65535, true, true}, deny(true, "0.0.0.0/0"), deny(true, "::/0")}
	case r.bad():
		in = []naclEntry{{90, "TCP", "0.0.0.0/0", 22, 22, true, true}, {100, "TCP", vpcCIDR, 0, 65535, true, true},
			{110, "TCP", "0.0.0.0/0", 1024, 65535, true, true}, deny(true, "0.0.0.0/0")}
	default:
		in = []naclEntry{{100, "TCP", vpcCIDR, 0, 65535, true, true}, {110, "TCP", "0.0.0.0/0", 443, 443, true, true},
			{120, "TCP", "0.0.0.0/0", 1024, 65535, true, true}, {130, "TCP", corpCIDR, 22, 22, true, true}, deny(true, "0.0.0.0/0")}
		if r.chance(0.3) {
			// A deny in front of a broad allow: the order matters.
			in = append([]naclEntry{{50, "TCP", "0.0.0.0/0", 3389, 3389, false, true}}, in...)
		}
	}
	out = []naclEntry{{100, "ALL", "0.0.0.0/0", 0, 65535, true, false}, deny(false, "0.0.0.0/0")}
	return
}

func writeNacl(w *jw, es []naclEntry) {
	for _, e := range es {
		w.obj()
		w.ki("number", e.num)
		w.ks("protocol", e.proto)
		if e.inbound {
			w.ks("source", e.cidr)
		} else {
			w.ks("destination", e.cidr)
		}
		w.ki("destinationPort", e.from)
		w.ki("destinationPortTo", e.to)
		if e.inbound {
			w.ks("direction", "Inbound")
		} else {
			w.ks("direction", "Outbound")
		}
		if e.allow {
			w.ks("action", "ALLOW")
		} else {
			w.ks("action", "DENY")
		}
		w.end()
	}
}

func (a *account) naclName(n int, isDefault bool) string {
	if isDefault {
		return "default"
	}
	return pick(a.sub(kNACL, n, 2), apps...) + "-nacl-" + strconv.Itoa(n)
}

func (a *account) naclSummary(n int) []byte {
	if a.nacls[n] != nil {
		return a.nacls[n]
	}
	isDefault, _, in, out := a.naclEntries(n)
	w := &jw{}
	w.obj()
	w.ks("type", "NACL")
	w.ks("id", a.awsID("acl", kNACL, n))
	w.ks("name", a.naclName(n, isDefault))
	w.kb("isDefault", isDefault)
	w.ka("inbound")
	writeNacl(w, in)
	w.endArr()
	w.ka("outbound")
	writeNacl(w, out)
	w.endArr()
	w.end()
	a.nacls[n] = w.b
	return w.b
}

func genNACL(a *account, w *jw, n int) {
	r := a.rnd(kNACL, n)
	isDefault, _, in, out := a.naclEntries(n)
	id, name := a.awsID("acl", kNACL, n), a.naclName(n, isDefault)
	v, region := -1, homeRegion
	if nv := a.c[kVPC]; nv > 0 {
		v = n % nv
		region = a.vpcRegion(v)
	}
	a.head(w, "NACL", id, name, a.arn("ec2", region, "network-acl/"+id), region)
	a.tags(w, r, name, "", false)
	if v >= 0 {
		w.ks("vpcId", a.awsID("vpc", kVPC, v))
		w.kraw("vpc", a.vpcSummary(v))
	}
	w.kb("isDefault", isDefault)
	w.ka("inbound")
	writeNacl(w, in)
	w.endArr()
	w.ka("outbound")
	writeNacl(w, out)
	w.endArr()
	w.ka("subnetIds")
	if isDefault {
		for j, sn := range a.subnetsOf(v) {
			if j == 8 {
				break
			}
			w.str(a.awsID("subnet", kSubnet, sn))
		}
	}
	w.endArr()
	w.end()
}

// ---------------------------------------------------------------- SecurityGroup

type sgRule struct {
	proto       string
	from, to    int
	scope, meta string
	desc        string
}

type sgSpec struct {
	id, name, desc string
	vpc            int
	in, out        []sgRule
}

var dbPorts = []int{5432, 3306, 1433, 1521, 6379, 27017, 9200, 5439}

func (a *account) sgSpec(s int) sgSpec {
	r := a.sub(kSecurityGroup, s, 1)
	sp := sgSpec{id: a.awsID("sg", kSecurityGroup, s), vpc: -1}
	cidr := "10.0.0.0/8"
	if nv := a.c[kVPC]; nv > 0 {
		sp.vpc = s % nv
		cidr = a.vpcSpec(sp.vpc).cidr
	}
	world := []string{"0.0.0.0/0"}
	if r.chance(0.5) {
		world = append(world, "::/0")
	}
	peer := func() (string, string) {
		p := r.IntN(max(1, a.c[kSecurityGroup]))
		return a.awsID("sg", kSecurityGroup, p), pick(r, apps...) + "-" + pick(r, tiers...)
	}
	allOut := []sgRule{{"ALL", 0, 65535, "0.0.0.0/0", "", ""}}
	if sp.vpc >= 0 && s < a.c[kVPC] {
		sp.name, sp.desc = "default", "default VPC security group"
		if r.bad() {
			sp.in = []sgRule{{"ALL", 0, 65535, sp.id, "default", ""}}
			sp.out = allOut
		}
		return sp
	}
	app := pick(r, apps...)
	sp.out = allOut
	switch role := r.IntN(10); {
	case role < 2: // load balancer
		sp.name, sp.desc = app+"-alb", "Public HTTPS"
		for _, c := range world {
			sp.in = append(sp.in, sgRule{"TCP", 443, 443, c, "", "HTTPS"}, sgRule{"TCP", 80, 80, c, "", "HTTP redirect"})
		}
	case role < 6: // application tier
		sp.name, sp.desc = app+"-app", "Application servers"
		id, meta := peer()
		sp.in = append(sp.in, sgRule{"TCP", 8443, 8443, id, meta, ""}, sgRule{"TCP", 8080, 8080, cidr, "", "health checks"})
	case role < 8: // database
		port := pick(r, dbPorts...)
		sp.name, sp.desc = app+"-db", "Database"
		id, meta := peer()
		sp.in = append(sp.in, sgRule{"TCP", port, port, id, meta, ""})
		if r.rare() {
			sp.in = append(sp.in, sgRule{"TCP", port, port, "0.0.0.0/0", "", "temporary"})
		}
	case role < 9: // administration
		sp.name, sp.desc = app+"-bastion", "Administrative access"
		port := 22
		if r.chance(0.3) {
			port = 3389
		}
		if r.bad() {
			for _, c := range world {
				sp.in = append(sp.in, sgRule{"TCP", port, port, c, "", "admin"})
			}
		} else {
			sp.in = append(sp.in, sgRule{"TCP", port, port, corpCIDR, "", "office"})
		}
	default: // file sharing and everything else
		sp.name, sp.desc = app+"-shared", "Shared services"
		switch {
		case r.rare():
			sp.in = append(sp.in, sgRule{"TCP", 445, 445, "0.0.0.0/0", "", "SMB"})
		case r.rare():
			sp.in = append(sp.in, sgRule{"ALL", 0, 65535, "0.0.0.0/0", "", "debug"})
		default:
			sp.in = append(sp.in, sgRule{"TCP", 445, 445, cidr, "", "SMB"}, sgRule{"UDP", 53, 53, cidr, "", "DNS"})
		}
	}
	sp.name += "-" + strconv.Itoa(s)
	return sp
}

func writeRules(w *jw, rs []sgRule) {
	for _, x := range rs {
		w.obj()
		w.ks("protocol", x.proto)
		w.ki("port", x.from)
		w.ki("portTo", x.to)
		w.ks("scope", x.scope)
		if x.meta != "" {
			w.ks("scopeMetaData", x.meta)
		}
		if x.desc != "" {
			w.ks("description", x.desc)
		}
		w.end()
	}
}

// sgSummary returns group s with its rules as resources embed it, and its
// inbound and outbound rules as comma-separated array elements.
func (a *account) sgSummary(s int) (summary, in, out []byte) {
	if a.sgs[s] != nil {
		return a.sgs[s], a.sgIn[s], a.sgOut[s]
	}
	sp := a.sgSpec(s)
	w := &jw{}
	writeRules(w, sp.in)
	in = w.b
	w = &jw{}
	writeRules(w, sp.out)
	out = w.b
	w = &jw{}
	w.obj()
	w.ks("type", "SecurityGroup")
	w.ks("id", sp.id)
	w.ks("name", sp.name)
	w.kraw("inboundRules", bracket(in))
	w.kraw("outboundRules", bracket(out))
	w.end()
	a.sgs[s], a.sgIn[s], a.sgOut[s] = w.b, in, out
	return w.b, in, out
}

func bracket(elems []byte) []byte {
	b := make([]byte, 0, len(elems)+2)
	b = append(b, '[')
	b = append(b, elems...)
	return append(b, ']')
}

// groupsFor picks one or two security groups of VPC v for a resource,
// avoiding the default group when the VPC has others.
func (a *account) groupsFor(r rnd, v int) []int {
	n := a.c[kSecurityGroup]
	if n == 0 {
		return nil
	}
	nv := a.c[kVPC]
	if v < 0 || nv == 0 {
		return []int{r.IntN(n)}
	}
	var cand []int
	for s := v + nv; s < n; s += nv {
		cand = append(cand, s)
	}
	if len(cand) == 0 {
		if v < n {
			return []int{v}
		}
		return []int{r.IntN(n)}
	}
	g := []int{cand[r.IntN(len(cand))]}
	if r.chance(0.3) && len(cand) > 1 {
		if h := cand[r.IntN(len(cand))]; h != g[0] {
			g = append(g, h)
		}
	}
	return g
}

// writeGroups writes securityGroups, inboundRules and outboundRules for a
// resource using groups gs.
func (a *account) writeGroups(w *jw, gs []int) {
	w.ka("securityGroups")
	for _, s := range gs {
		sum, _, _ := a.sgSummary(s)
		w.raw(sum)
	}
	w.endArr()
	for k, key := range []string{"inboundRules", "outboundRules"} {
		w.ka(key)
		for _, s := range gs {
			_, in, out := a.sgSummary(s)
			rules := in
			if k == 1 {
				rules = out
			}
			if len(rules) > 0 {
				w.raw(rules)
			}
		}
		w.endArr()
	}
}

func genSecurityGroup(a *account, w *jw, s int) {
	sp := a.sgSpec(s)
	r := a.rnd(kSecurityGroup, s)
	region := homeRegion
	if sp.vpc >= 0 {
		region = a.vpcRegion(sp.vpc)
	}
	a.head(w, "SecurityGroup", sp.id, sp.name, a.arn("ec2", region, "security-group/"+sp.id), region)
	a.tags(w, r, "", pick(r, envs...), false)
	w.ks("description", sp.desc)
	if sp.vpc >= 0 {
		w.ks("vpcId", a.awsID("vpc", kVPC, sp.vpc))
		w.kraw("vpc", a.vpcSummary(sp.vpc))
	}
	w.ka("inboundRules")
	writeRules(w, sp.in)
	w.endArr()
	w.ka("outboundRules")
	writeRules(w, sp.out)
	w.endArr()
	w.ka("networkAssetsStats")
	w.obj()
	w.ks("type", "Instance")
	w.ki("count", r.IntN(40))
	w.end()
	if r.chance(0.3) {
		w.obj()
		w.ks("type", pick(r, "RDS", "ELB", "Lambda"))
		w.ki("count", 1+r.IntN(5))
		w.end()
	}
	w.endArr()
	w.ka("networkInterfaces")
	for j := range r.IntN(3) {
		w.obj()
		w.ks("id", a.awsID("eni", kSecurityGroup, s*8+j))
		w.ks("description", "Primary network interface")
		w.end()
	}
	w.endArr()
	w.kb("isProtected", r.chance(0.05))
	w.end()
}
