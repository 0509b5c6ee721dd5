package inventory

// This file converts each AWS Config resource type that maps to an entity
// type of ENTITIES.md (AWSCONFIG.md lists them, with the properties each
// gets from Config and how the derived ones are computed).

import (
	"encoding/json"
	"strconv"
	"strings"
)

// configType says how items of one AWS Config resource type are converted.
type configType struct {
	// convert builds the entity document; nil for a type whose items are
	// only merged into other documents.
	convert func(*configItem, *configIndex) (*obj, error)
	// index, when set, keeps the item for joins; the document (if any) is
	// built once the input has been read.
	index func(*configIndex, *configItem)
	// mergedInto says where an index-only type's data goes.
	mergedInto string
	// joins: the document embeds indexed items, so it is built once the
	// input has been read.
	joins bool
	// last: the document embeds documents of held-back items, so it is
	// built after them; its items are kept in the store as indexed ones.
	last bool
}

// alone reports whether the documents of the type embed nothing of other
// items: its items are converted as soon as they are read, on the
// conversion pool, and its convert is called without the index.
func (ct configType) alone() bool { return ct.index == nil && !ct.joins && !ct.last }

// configTypes maps AWS Config resource types to their conversion.
var configTypes = map[string]configType{
	"AWS::EC2::Instance":                        {convert: convertInstance, joins: true},
	"AWS::EC2::Volume":                          {convert: convertVolume, index: func(x *configIndex, it *configItem) { x.volumes[it.id] = it.stored }},
	"AWS::EC2::SecurityGroup":                   {convert: convertSecurityGroup, index: func(x *configIndex, it *configItem) { x.sgs[it.id] = it.stored }},
	"AWS::EC2::NetworkAcl":                      {convert: convertNACL, index: func(x *configIndex, it *configItem) { x.nacls = append(x.nacls, it.stored) }},
	"AWS::EC2::VPC":                             {convert: convertVPC, index: func(x *configIndex, it *configItem) { x.vpcs[it.id] = it.stored }},
	"AWS::EC2::Subnet":                          {convert: convertSubnet, index: func(x *configIndex, it *configItem) { x.subnets[it.id] = it.stored }},
	"AWS::EC2::FlowLog":                         {index: indexFlowLog, mergedInto: "merged into its VPC"},
	"AWS::EC2::RouteTable":                      {index: func(x *configIndex, it *configItem) { x.routeTables = append(x.routeTables, it.stored) }, mergedInto: "merged into its VPC and subnets"},
	"AWS::EC2::InternetGateway":                 {index: func(x *configIndex, it *configItem) { x.igws = append(x.igws, it.stored) }, mergedInto: "merged into its VPC"},
	"AWS::S3::AccountPublicAccessBlock":         {index: func(x *configIndex, it *configItem) { x.accountPAB[it.account] = it.stored }, mergedInto: "merged into the account's buckets"},
	"AWS::ElasticLoadBalancingV2::Listener":     {index: indexListener, mergedInto: "merged into its load balancer"},
	"AWS::Redshift::ClusterParameterGroup":      {index: indexRedshiftParams, mergedInto: "merged into its clusters"},
	"AWS::S3::Bucket":                           {convert: convertBucket, joins: true},
	"AWS::IAM::User":                            {convert: convertIamUser},
	"AWS::IAM::Role":                            {convert: convertIamRole},
	"AWS::IAM::Group":                           {convert: convertIamGroup},
	"AWS::IAM::Policy":                          {convert: convertIamPolicy},
	"AWS::RDS::DBInstance":                      {convert: convertRDS, joins: true},
	"AWS::ElasticLoadBalancing::LoadBalancer":   {convert: convertELB, joins: true},
	"AWS::ElasticLoadBalancingV2::LoadBalancer": {convert: convertELBv2, joins: true},
	"AWS::Lambda::Function":                     {convert: convertLambda},
	"AWS::KMS::Key":                             {convert: convertKMS, joins: true},
	"AWS::KMS::Alias":                           {index: indexKMSAlias, mergedInto: "merged into its key"},
	"AWS::EC2::NetworkInterface":                {index: indexNetworkInterface, mergedInto: "merged into its security groups"},
	"AWS::EC2::VPCEndpoint":                     {index: indexVPCEndpoint, mergedInto: "merged into its VPC"},
	"AWS::CloudTrail::Trail":                    {convert: convertCloudTrail, last: true},
	"AWS::DynamoDB::Table":                      {convert: convertDynamoDB},
	"AWS::EFS::FileSystem":                      {convert: convertEFS},
	"AWS::Redshift::Cluster":                    {convert: convertRedshift, joins: true},
	"AWS::SNS::Topic":                           {convert: convertSNS},
	"AWS::SQS::Queue":                           {convert: convertSQS},
	"AWS::ACM::Certificate":                     {convert: convertACM},
	"AWS::CloudFront::Distribution":             {convert: convertCloudFront},
	"AWS::RDS::DBCluster":                       {convert: convertRDSCluster},
	"AWS::RDS::DBSnapshot":                      {convert: convertRDSSnapshot},
	"AWS::RDS::DBClusterSnapshot":               {convert: convertRDSSnapshot},
	"AWS::ECR::Repository":                      {convert: convertEcrRepository},
	"AWS::ECS::Cluster":                         {convert: convertEcsCluster, joins: true},
	"AWS::ECS::Service":                         {convert: convertEcsService, index: indexEcsService},
	"AWS::ECS::TaskDefinition":                  {convert: convertEcsTaskDefinition},
	"AWS::EKS::Cluster":                         {convert: convertEKSCluster},
	"AWS::Elasticsearch::Domain":                {convert: convertSearchDomain},
	"AWS::OpenSearch::Domain":                   {convert: convertSearchDomain},
	"AWS::ApiGateway::RestApi":                  {convert: convertRestAPI, joins: true},
	"AWS::ApiGateway::Stage":                    {index: indexAPIStage, mergedInto: "merged into its REST API"},
	"AWS::ApiGatewayV2::Api":                    {convert: convertHTTPAPI, joins: true},
	"AWS::ApiGatewayV2::Stage":                  {index: indexAPIStage, mergedInto: "merged into its API"},
	"AWS::SecretsManager::Secret":               {convert: convertSecret},
	"AWS::AutoScaling::AutoScalingGroup":        {convert: convertAutoScalingGroup, joins: true},
	"AWS::AutoScaling::LaunchConfiguration":     {index: indexLaunchConfiguration, mergedInto: "merged into its Auto Scaling groups"},
	"AWS::EC2::LaunchTemplate":                  {convert: convertLaunchTemplate},
}

// configIndex holds the small related items that documents embed.
type configIndex struct {
	sgs, subnets, volumes, vpcs map[string]*storedItem
	nacls, routeTables, igws    []*storedItem
	flowLogs                    map[string][]*storedItem // by the resource they log
	listeners                   map[string][]*storedItem // by load balancer ARN
	redshiftParams              map[string]*storedItem   // by group name
	accountPAB                  map[string]*storedItem   // by account
	ecsServices                 map[string][]*storedItem // by cluster (ARN or name)
	apiStages                   map[string][]*storedItem // by API ARN
	launchConfigs               map[string]*storedItem   // by name
	profileRoles                map[string][]keptDoc     // role documents by instance profile ARN
	kmsAliases                  map[string][]string      // alias names by key id
	sgInterfaces                map[string][]keptDoc     // network interfaces by security group
	vpcEndpoints                map[string][]keptDoc     // VPC endpoints by VPC
	input                       string                   // the input's name, for origins
	seen                        map[string]bool          // resource types indexed
	store                       bodyStore                // the indexed items' bodies

	// Set by link.
	naclBySubnet map[string]*storedItem
	defaultNACL  map[string]*storedItem // by VPC
	rtBySubnet   map[string]*storedItem
	mainRT       map[string]*storedItem   // by VPC
	rtsByVPC     map[string][]*storedItem // route tables, in input order
	rtToIGW      map[string]bool          // route tables routing to an internet gateway
	igwByVPC     map[string][]igwAttachment
	subnetsByVPC map[string][]*storedItem // sorted by id

	// Documents built for embedding, built once each: a VPC's is embedded
	// in every document of its resources.
	vpcDocs, subnetDocs, groupDocs docCache
	// trailBuckets are the buckets trails deliver to, with each one's
	// document once built (nil until then).
	trailBuckets map[string]*textRef
}

// igwAttachment is an internet gateway attached to a VPC.
type igwAttachment struct {
	id, state string
}

func newConfigIndex(input string) configIndex {
	return configIndex{input: input,
		sgs: map[string]*storedItem{}, subnets: map[string]*storedItem{}, volumes: map[string]*storedItem{}, vpcs: map[string]*storedItem{},
		flowLogs: map[string][]*storedItem{}, listeners: map[string][]*storedItem{}, redshiftParams: map[string]*storedItem{},
		accountPAB: map[string]*storedItem{}, seen: map[string]bool{},
		ecsServices: map[string][]*storedItem{}, apiStages: map[string][]*storedItem{}, launchConfigs: map[string]*storedItem{},
		profileRoles: map[string][]keptDoc{}, kmsAliases: map[string][]string{}, sgInterfaces: map[string][]keptDoc{}, vpcEndpoints: map[string][]keptDoc{},
		trailBuckets: map[string]*textRef{},
	}
}

func indexFlowLog(x *configIndex, it *configItem) {
	if r := str(it.conf, "resourceId"); r != "" {
		r = strings.Clone(r) // the key must not hold the decoded item
		x.flowLogs[r] = append(x.flowLogs[r], it.stored)
	}
}

func indexListener(x *configIndex, it *configItem) {
	if lb := firstString(it.conf, "LoadBalancerArn", "loadBalancerArn"); lb != "" {
		lb = strings.Clone(lb)
		x.listeners[lb] = append(x.listeners[lb], it.stored)
	}
}

func indexRedshiftParams(x *configIndex, it *configItem) {
	name := str(it.conf, "parameterGroupName")
	if name == "" {
		name = it.name
	}
	x.redshiftParams[strings.Clone(name)] = it.stored
}

// recorded reports whether the input holds any item of resourceType: a
// join over a type that Config did not record is left out, not taken as
// empty.
func (x *configIndex) recorded(resourceType string) bool { return x.seen[resourceType] }

// link derives the lookups that need every indexed item.
func (x *configIndex) link() {
	x.naclBySubnet, x.defaultNACL = map[string]*storedItem{}, map[string]*storedItem{}
	for _, n := range x.nacls {
		nc := x.full(n).conf
		for _, a := range listv(nc, "associations") {
			if s := str(asMap(a), "subnetId"); s != "" {
				x.naclBySubnet[strings.Clone(s)] = n
			}
		}
		if boolv(nc, "isDefault") == true {
			x.defaultNACL[strings.Clone(str(nc, "vpcId"))] = n
		}
	}
	x.rtBySubnet, x.mainRT, x.rtsByVPC, x.rtToIGW = map[string]*storedItem{}, map[string]*storedItem{}, map[string][]*storedItem{}, map[string]bool{}
	for _, rt := range x.routeTables {
		rc := x.full(rt).conf
		vpc := strings.Clone(str(rc, "vpcId"))
		x.rtsByVPC[vpc] = append(x.rtsByVPC[vpc], rt)
		for _, r := range listv(rc, "routes") {
			if strings.HasPrefix(str(asMap(r), "gatewayId"), "igw-") && str(asMap(r), "state") != "blackhole" {
				x.rtToIGW[rt.id] = true
			}
		}
		for _, a := range listv(rc, "associations") {
			am := asMap(a)
			if s := str(am, "subnetId"); s != "" {
				x.rtBySubnet[strings.Clone(s)] = rt
			}
			if boolv(am, "main") == true {
				x.mainRT[vpc] = rt
			}
		}
	}
	x.igwByVPC = map[string][]igwAttachment{}
	for _, g := range x.igws {
		for _, a := range listv(x.full(g).conf, "attachments") {
			if v := str(asMap(a), "vpcId"); v != "" {
				v = strings.Clone(v)
				x.igwByVPC[v] = append(x.igwByVPC[v], igwAttachment{id: g.id, state: strings.Clone(str(asMap(a), "state"))})
			}
		}
	}
	x.subnetsByVPC = map[string][]*storedItem{}
	for _, id := range sortedKeys(x.subnets) {
		s := x.subnets[id]
		vpc := strings.Clone(str(x.full(s).conf, "vpcId"))
		x.subnetsByVPC[vpc] = append(x.subnetsByVPC[vpc], s)
	}
}

func asMap(v any) jmap {
	m, _ := v.(jmap)
	return m
}

// firstString returns the first non-empty string among keys of m.
func firstString(m jmap, keys ...string) string {
	for _, k := range keys {
		if s := str(m, k); s != "" {
			return s
		}
	}
	return ""
}

// envelope starts a document with the properties every type has.
func envelope(typ string, it *configItem, id, name string) *obj {
	o := newObj().set("type", typ).set("id", id)
	if name != "" {
		o.set("name", name)
	}
	if it.arn != "" {
		o.set("arn", it.arn)
	}
	if it.account != "" {
		o.set("accountNumber", it.account)
	}
	if it.region != "" {
		o.set("region", it.region)
	}
	tags := it.tags
	if len(tags) == 0 {
		// Some types record their tags in supplementaryConfiguration.
		if t, ok := it.supp["Tags"]; ok {
			tags = tagList(t)
		}
	}
	if tags != nil {
		o.set("tags", tags)
	}
	src := newObj().set("collector", "awsconfig").set("resourceType", it.resourceType).set("resourceId", it.id)
	if it.captureTime != "" {
		src.set("configurationItemCaptureTime", it.captureTime)
	}
	if it.status != "" {
		src.set("configurationItemStatus", it.status)
	}
	return o.set("source", src)
}

// nameTag is the value of the Name tag, as EC2 resources are named.
func nameTag(it *configItem) string {
	for _, t := range it.tags {
		if o, ok := t.(*obj); ok && o.get("key") == "Name" {
			s, _ := o.get("value").(string)
			return s
		}
	}
	return ""
}

// --- EC2 ---

func convertVolume(it *configItem, _ *configIndex) (*obj, error) {
	return volumeDoc(it), nil
}

func volumeDoc(it *configItem) *obj {
	c := it.conf
	o := envelope("Volume", it, it.id, nameTag(it))
	o.set("volumeId", it.id).set("encrypted", boolv(c, "encrypted")).set("kmsKeyId", strv(c, "kmsKeyId")).
		set("size", numv(c, "size")).set("volumeType", strv(c, "volumeType")).set("iops", numv(c, "iops")).
		set("state", strv(c, "state")).set("availabilityZone", strv(c, "availabilityZone")).
		set("snapshotId", strv(c, "snapshotId")).set("createTime", timev(c, "createTime"))
	if l := listv(c, "attachments"); l != nil {
		atts := []any{}
		for _, a := range l {
			am := asMap(a)
			atts = append(atts, newObj().set("instanceId", strv(am, "instanceId")).set("device", strv(am, "device")).
				set("state", strv(am, "state")).set("deleteOnTermination", boolv(am, "deleteOnTermination")).
				set("attachTime", timev(am, "attachTime")))
		}
		o.set("attachments", atts)
	}
	return o
}

func convertSecurityGroup(it *configItem, x *configIndex) (*obj, error) {
	o := securityGroupDoc(it)
	if x.recorded("AWS::EC2::NetworkInterface") {
		nics := []any{}
		for _, n := range x.sgInterfaces[it.id] {
			nics = append(nics, x.store.doc(n.doc))
		}
		o.set("networkInterfaces", nics)
	}
	if v := x.vpcDoc(str(it.conf, "vpcId"), false); v != nil {
		o.set("vpc", v)
	}
	return o, nil
}

func securityGroupDoc(it *configItem) *obj {
	c := it.conf
	name := str(c, "groupName")
	if name == "" {
		name = it.name
	}
	o := envelope("SecurityGroup", it, it.id, name)
	o.set("description", strv(c, "description")).set("vpcId", strv(c, "vpcId"))
	o.set("inboundRules", flattenRules(listv(c, "ipPermissions")))
	o.set("outboundRules", flattenRules(listv(c, "ipPermissionsEgress")))
	return o
}

// protocolName spells an IP protocol as the model does.
func protocolName(p string) string {
	switch strings.ToLower(p) {
	case "-1", "all", "":
		return "ALL"
	case "6", "tcp":
		return "TCP"
	case "17", "udp":
		return "UDP"
	case "1", "icmp":
		return "ICMP"
	case "58", "icmpv6":
		return "ICMPV6"
	}
	return strings.ToUpper(p)
}

// flattenRules flattens a security group's ipPermissions into the model's
// rules: one per port range and scope (each CIDR, peer group and prefix
// list of a permission), with protocol ALL as ports 0 to 65535. A
// permission's ranges appear under both ipRanges (strings, item version
// 1.2) and ipv4Ranges (objects): each scope is listed once.
func flattenRules(perms []any) []any {
	rules := []any{}
	seen := map[string]bool{}
	for _, p := range perms {
		pm := asMap(p)
		proto := protocolName(scalarText(val(pm, "ipProtocol")))
		var from, to any = numv(pm, "fromPort"), numv(pm, "toPort")
		if proto == "ALL" || from == nil || scalarText(from) == "-1" {
			from = jsonInt(0)
		}
		if proto == "ALL" || to == nil || scalarText(to) == "-1" {
			to = jsonInt(65535)
		}
		add := func(scope, meta, desc string) {
			key := proto + "|" + scalarText(from) + "|" + scalarText(to) + "|" + scope
			if scope == "" || seen[key] {
				return
			}
			seen[key] = true
			r := newObj().set("protocol", proto).set("port", from).set("portTo", to).set("scope", scope)
			if meta != "" {
				r.set("scopeMetaData", meta)
			}
			if desc != "" {
				r.set("description", desc)
			}
			rules = append(rules, r)
		}
		for _, r := range listv(pm, "ipRanges") {
			if s, ok := r.(string); ok {
				add(s, "", "")
			} else {
				add(str(asMap(r), "cidrIp"), "", str(asMap(r), "description"))
			}
		}
		for _, r := range listv(pm, "ipv4Ranges") {
			add(str(asMap(r), "cidrIp"), "", str(asMap(r), "description"))
		}
		for _, r := range listv(pm, "ipv6Ranges") {
			if s, ok := r.(string); ok {
				add(s, "", "")
			} else {
				add(str(asMap(r), "cidrIpv6"), "", str(asMap(r), "description"))
			}
		}
		for _, r := range listv(pm, "userIdGroupPairs") {
			rm := asMap(r)
			add(str(rm, "groupId"), str(rm, "groupName"), str(rm, "description"))
		}
		for _, r := range listv(pm, "prefixListIds") {
			if s, ok := r.(string); ok {
				add(s, "", "")
			} else {
				add(str(asMap(r), "prefixListId"), "", str(asMap(r), "description"))
			}
		}
	}
	return rules
}

// jsonInt is an integer as a JSON number.
func jsonInt(n int) any { return json.Number(strconv.Itoa(n)) }

// notModelledError says that an item of a modelled resource type is of a
// variant the model has no type for (a gateway load balancer).
type notModelledError struct{ what string }

func (e *notModelledError) Error() string { return e.what + " is not modelled" }

func convertNACL(it *configItem, x *configIndex) (*obj, error) {
	o := naclDoc(it)
	if v := x.vpcDoc(str(it.conf, "vpcId"), false); v != nil {
		o.set("vpc", v)
	}
	return o, nil
}

func naclDoc(it *configItem) *obj {
	c := it.conf
	o := envelope("NACL", it, it.id, nameTag(it))
	o.set("vpcId", strv(c, "vpcId")).set("isDefault", boolv(c, "isDefault"))
	in, out := []any{}, []any{}
	for _, e := range listv(c, "entries") {
		em := asMap(e)
		proto := protocolName(scalarText(val(em, "protocol")))
		cidr := firstString(em, "cidrBlock", "ipv6CidrBlock")
		var from, to any = numv(em, "portRange", "from"), numv(em, "portRange", "to")
		if from == nil || proto == "ALL" {
			from = jsonInt(0)
		}
		if to == nil || proto == "ALL" {
			to = jsonInt(65535)
		}
		r := newObj().set("number", numv(em, "ruleNumber")).set("protocol", proto)
		egress := boolv(em, "egress") == true
		if egress {
			r.set("destination", cidr)
		} else {
			r.set("source", cidr)
		}
		r.set("destinationPort", from).set("destinationPortTo", to)
		if egress {
			r.set("direction", "Outbound")
		} else {
			r.set("direction", "Inbound")
		}
		r.set("action", strings.ToUpper(str(em, "ruleAction")))
		if egress {
			out = append(out, r)
		} else {
			in = append(in, r)
		}
	}
	o.set("inbound", in).set("outbound", out)
	subnets := []string{}
	for _, a := range listv(c, "associations") {
		if s := str(asMap(a), "subnetId"); s != "" {
			subnets = append(subnets, s)
		}
	}
	return o.set("subnetIds", subnets)
}

func convertVPC(it *configItem, x *configIndex) (*obj, error) {
	return x.vpcItemDoc(it, true), nil
}

// vpcDoc is the document of VPC id for embedding (nil when the input does
// not hold it); full adds its subnets.
func (x *configIndex) vpcDoc(id string, full bool) *obj {
	it := x.vpcs[id]
	if it == nil {
		return nil
	}
	if full {
		return x.vpcItemDoc(x.full(it), true)
	}
	d := x.vpcDocs.docs[id]
	if d == nil {
		d = x.vpcItemDoc(x.full(it), false)
		x.vpcDocs.put(id, d, it.text.n)
	}
	return d
}

// vpcItemDoc builds a VPC document. hasFlowLogs is true when a flow log
// of the VPC has status ACTIVE; flow logs, route tables and gateways are
// set only when the input holds items of their types at all.
func (x *configIndex) vpcItemDoc(it *configItem, full bool) *obj {
	c := it.conf
	o := envelope("VPC", it, it.id, nameTag(it))
	o.set("cidr", strv(c, "cidrBlock"))
	cidrs := []string{}
	for _, a := range listv(c, "cidrBlockAssociationSet") {
		if s := str(asMap(a), "cidrBlock"); s != "" {
			cidrs = append(cidrs, s)
		}
	}
	if len(cidrs) == 0 && str(c, "cidrBlock") != "" {
		cidrs = append(cidrs, str(c, "cidrBlock"))
	}
	o.set("cidrBlocks", cidrs)
	v6 := []string{}
	for _, a := range listv(c, "ipv6CidrBlockAssociationSet") {
		if s := str(asMap(a), "ipv6CidrBlock"); s != "" {
			v6 = append(v6, s)
		}
	}
	o.set("ipv6CidrBlocks", v6)
	o.set("isDefault", boolv(c, "isDefault")).set("state", strv(c, "state")).set("instanceTenancy", strv(c, "instanceTenancy"))
	if x.recorded("AWS::EC2::FlowLog") {
		logs, active := []any{}, false
		for _, fl := range x.flowLogs[it.id] {
			fc := x.full(fl).conf
			status := str(fc, "flowLogStatus")
			active = active || status == "ACTIVE"
			logs = append(logs, newObj().set("id", firstString(fc, "flowLogId")).set("status", status).
				set("trafficType", strv(fc, "trafficType")).set("logDestinationType", strv(fc, "logDestinationType")).
				set("logDestination", firstOrNil(fc, "logDestination", "logGroupName")).set("deliverLogsStatus", strv(fc, "deliverLogsStatus")))
		}
		o.set("hasFlowLogs", active).set("flowLogs", logs)
	}
	if x.recorded("AWS::EC2::RouteTable") {
		rts := []any{}
		for _, rt := range x.rtsByVPC[it.id] {
			rts = append(rts, routeTableDoc(x.full(rt)))
		}
		o.set("routeTables", rts)
	}
	if x.recorded("AWS::EC2::InternetGateway") {
		gws := []any{}
		for _, g := range x.igwByVPC[it.id] {
			gws = append(gws, newObj().set("id", g.id).set("state", orNil(g.state, "")))
		}
		o.set("internetGateways", gws)
	}
	if x.recorded("AWS::EC2::VPCEndpoint") {
		eps := []any{}
		for _, e := range x.vpcEndpoints[it.id] {
			eps = append(eps, x.store.doc(e.doc))
		}
		o.set("vpcEndpoints", eps)
	}
	if full && x.recorded("AWS::EC2::Subnet") {
		subs := []any{}
		for _, s := range x.subnetsByVPC[it.id] {
			subs = append(subs, x.subnetItemDoc(x.full(s), false))
		}
		o.set("subnets", subs)
	}
	return o
}

func firstOrNil(m jmap, keys ...string) any {
	if s := firstString(m, keys...); s != "" {
		return s
	}
	return nil
}

func routeTableDoc(rt *configItem) *obj {
	c := rt.conf
	routes, assocs, isMain := []any{}, []any{}, false
	for _, r := range listv(c, "routes") {
		rm := asMap(r)
		routes = append(routes, newObj().set("destinationCidrBlock", strv(rm, "destinationCidrBlock")).
			set("destinationIpv6CidrBlock", strv(rm, "destinationIpv6CidrBlock")).set("gatewayId", strv(rm, "gatewayId")).
			set("natGatewayId", strv(rm, "natGatewayId")).set("vpcPeeringConnectionId", strv(rm, "vpcPeeringConnectionId")).
			set("transitGatewayId", strv(rm, "transitGatewayId")).set("state", strv(rm, "state")))
	}
	for _, a := range listv(c, "associations") {
		am := asMap(a)
		isMain = isMain || boolv(am, "main") == true
		assocs = append(assocs, newObj().set("subnetId", strv(am, "subnetId")).set("main", boolv(am, "main")))
	}
	return newObj().set("id", rt.id).set("isMain", isMain).set("routes", routes).set("associations", assocs)
}

func convertSubnet(it *configItem, x *configIndex) (*obj, error) {
	return x.subnetItemDoc(it, true), nil
}

// subnetDoc is the document of subnet id for embedding, nil when the
// input does not hold it.
func (x *configIndex) subnetDoc(id string) *obj {
	it := x.subnets[id]
	if it == nil {
		return nil
	}
	d := x.subnetDocs.docs[id]
	if d == nil {
		d = x.subnetItemDoc(x.full(it), true)
		x.subnetDocs.put(id, d, it.text.n)
	}
	return d
}

// maxCached and maxCachedBytes bound each cache of embedded documents,
// by count and by the length of the items' text they were built from
// (their strings pin it); a full cache is emptied (a few documents are
// built again), so that memory stays bounded. The bytes bound the live
// heap (1,024 documents of large items held tens of MB at the end of a
// 1 GB snapshot) and leave room for the groups of a large account (about
// 400, of 3 KB each).
const (
	maxCached      = 1024
	maxCachedBytes = 2 << 20
)

// docCache holds documents built for embedding, by id.
type docCache struct {
	docs  map[string]*obj
	bytes int // the length of the texts they were built from
}

// put keeps d, built from n bytes of text, as the document of id.
func (c *docCache) put(id string, d *obj, n int) {
	if c.docs == nil {
		c.docs = map[string]*obj{}
	}
	if len(c.docs) >= maxCached || c.bytes+n > maxCachedBytes {
		clear(c.docs)
		c.bytes = 0
	}
	c.docs[id] = d
	c.bytes += n
}

// full returns the indexed item st decoded: the index keeps its items'
// text (in memory or in a temporary file: see bodyStore) and decodes it for
// each use, which keeps the index many times smaller than decoded items.
func (x *configIndex) full(st *storedItem) *configItem {
	var it *configItem
	text, ok := x.store.get(st.text)
	if ok {
		var err error
		it, err = decodeValidItem(text)
		ok = err == nil && it.decodeBody() == nil
	}
	if !ok {
		// It decoded when it was read: the store failed (which ends the
		// input with an error); keep an empty body.
		it = &configItem{id: st.id, conf: jmap{}, supp: jmap{}}
	}
	it.origin = st.origin(x.input)
	it.origin.Resource = firstNonEmpty(it.arn, it.id)
	it.stored = st
	return it
}

// groupDoc is the document of security group sg for embedding.
func (x *configIndex) groupDoc(sg *storedItem) *obj {
	d := x.groupDocs.docs[sg.id]
	if d == nil {
		d = securityGroupDoc(x.full(sg))
		x.groupDocs.put(sg.id, d, sg.text.n)
	}
	return d
}

// subnetItemDoc builds a Subnet document. Its nacl is the network ACL
// associated with it (each subnet has exactly one); its routeTableId the
// route table associated with it, else its VPC's main route table. Both
// are set only when the input holds items of their types.
func (x *configIndex) subnetItemDoc(it *configItem, withVPC bool) *obj {
	c := it.conf
	o := envelope("Subnet", it, it.id, nameTag(it))
	o.set("cidr", strv(c, "cidrBlock"))
	v6 := []string{}
	for _, a := range listv(c, "ipv6CidrBlockAssociationSet") {
		if s := str(asMap(a), "ipv6CidrBlock"); s != "" {
			v6 = append(v6, s)
		}
	}
	vpc := str(c, "vpcId")
	o.set("ipv6CidrBlocks", v6).set("availabilityZone", strv(c, "availabilityZone")).
		set("mapPublicIpOnLaunch", boolv(c, "mapPublicIpOnLaunch")).set("defaultForAz", boolv(c, "defaultForAz")).
		set("availableIpAddressCount", numv(c, "availableIpAddressCount")).set("vpcId", strv(c, "vpcId"))
	if withVPC {
		if v := x.vpcDoc(vpc, false); v != nil {
			o.set("vpc", v)
		}
	}
	if n := x.subnetNACL(it.id, vpc); n != nil {
		o.set("nacl", naclDoc(x.full(n)))
	}
	if rt := x.subnetRouteTable(it.id, vpc); rt != nil {
		o.set("routeTableId", rt.id)
	}
	return o.set("externalId", it.id)
}

func (x *configIndex) subnetNACL(subnet, vpc string) *storedItem {
	if n := x.naclBySubnet[subnet]; n != nil {
		return n
	}
	return x.defaultNACL[vpc]
}

func (x *configIndex) subnetRouteTable(subnet, vpc string) *storedItem {
	if rt := x.rtBySubnet[subnet]; rt != nil {
		return rt
	}
	return x.mainRT[vpc]
}

// routesToInternet reports whether the route table of subnet sends some
// destination to an internet gateway; known is false when the input holds
// no route table for it.
func (x *configIndex) routesToInternet(subnet, vpc string) (yes, known bool) {
	rt := x.subnetRouteTable(subnet, vpc)
	if rt == nil {
		return false, false
	}
	return x.rtToIGW[rt.id], true
}

// groupsDocs embeds security groups by id and unions their rules. The
// rules are set only when every group is in the input: a union missing a
// group's rules would understate what is open.
func (x *configIndex) groupsDocs(o *obj, ids []string) {
	groups, in, out, complete := []any{}, []any{}, []any{}, true
	for _, id := range ids {
		sg := x.sgs[id]
		if sg == nil {
			complete = false
			groups = append(groups, newObj().set("type", "SecurityGroup").set("id", id))
			continue
		}
		d := x.groupDoc(sg)
		groups = append(groups, d)
		in = append(in, d.get("inboundRules").([]any)...)
		out = append(out, d.get("outboundRules").([]any)...)
	}
	o.set("securityGroups", groups)
	if complete {
		o.set("inboundRules", in).set("outboundRules", out)
	}
}

// idsOf returns the strings at key of each element of l (or the elements
// themselves when they are strings).
func idsOf(l []any, key string) []string {
	var ids []string
	for _, e := range l {
		if s, ok := e.(string); ok {
			ids = append(ids, s)
		} else if s := str(asMap(e), key); s != "" {
			ids = append(ids, s)
		}
	}
	return ids
}

// convertInstance builds an Instance. isPublic is false without a public
// IP; with one, it is whether the subnet's route table routes to an
// internet gateway (left out when the input holds no route table for it).
// Volumes not in the input are embedded with their id only.
func convertInstance(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	o := envelope("Instance", it, it.id, nameTag(it))
	state := str(c, "state", "name")
	o.set("instanceType", strv(c, "instanceType")).set("image", strv(c, "imageId")).set("kernelId", strv(c, "kernelId")).
		set("platform", strv(c, "platform")).set("architecture", strv(c, "architecture")).set("launchTime", timev(c, "launchTime"))
	if state != "" {
		o.set("state", state).set("isRunning", state == "running")
	}
	pub, subnet, vpc := str(c, "publicIpAddress"), str(c, "subnetId"), str(c, "vpcId")
	switch yes, known := x.routesToInternet(subnet, vpc); {
	case pub == "":
		o.set("isPublic", false)
	case known:
		o.set("isPublic", yes)
	}
	o.set("publicIpAddress", strv(c, "publicIpAddress")).set("privateIpAddress", strv(c, "privateIpAddress")).
		set("privateDnsName", strv(c, "privateDnsName")).set("subnetId", strv(c, "subnetId")).set("vpcId", strv(c, "vpcId")).
		set("profileArn", strv(c, "iamInstanceProfile", "arn"))
	// Config leaves iamInstanceProfile out of an instance without one; a
	// partial item (select-resource-config) lacks it too, so roles is []
	// only when the item is a whole record (instanceId and interfaces).
	_, whole := c["iamInstanceProfile"]
	whole = whole || (c["instanceId"] != nil && c["networkInterfaces"] != nil)
	switch profile := str(c, "iamInstanceProfile", "arn"); {
	case profile == "" && whole:
		o.set("roles", []any{})
	case x.profileRoles[profile] != nil:
		roles := []any{}
		for _, r := range x.profileRoles[profile] {
			roles = append(roles, x.store.doc(r.doc))
		}
		o.set("roles", roles)
	}
	nics := []any{}
	for _, n := range listv(c, "networkInterfaces") {
		nm := asMap(n)
		nic := newObj().set("id", strv(nm, "networkInterfaceId")).set("description", strv(nm, "description")).
			set("privateIpAddress", strv(nm, "privateIpAddress")).set("publicIpAddress", strv(nm, "association", "publicIp"))
		v6 := []string{}
		for _, a := range listv(nm, "ipv6Addresses") {
			if s := str(asMap(a), "ipv6Address"); s != "" {
				v6 = append(v6, s)
			}
		}
		nic.set("ipv6Addresses", v6)
		if s := x.subnetDoc(str(nm, "subnetId")); s != nil {
			nic.set("subnet", s)
		}
		var groups []any
		for _, id := range idsOf(listv(nm, "groups"), "groupId") {
			if sg := x.sgs[id]; sg != nil {
				groups = append(groups, x.groupDoc(sg))
			} else {
				groups = append(groups, newObj().set("type", "SecurityGroup").set("id", id))
			}
		}
		if groups != nil {
			nic.set("securityGroups", groups)
		}
		nics = append(nics, nic)
	}
	o.set("nics", nics)
	x.groupsDocs(o, idsOf(listv(c, "securityGroups"), "groupId"))
	vols := []any{}
	for _, b := range listv(c, "blockDeviceMappings") {
		id := str(asMap(b), "ebs", "volumeId")
		if id == "" {
			continue
		}
		if v := x.volumes[id]; v != nil {
			vols = append(vols, volumeDoc(x.full(v)))
		} else {
			vols = append(vols, newObj().set("type", "Volume").set("id", id).set("volumeId", id))
		}
	}
	o.set("volumes", vols)
	if v := x.vpcDoc(vpc, false); v != nil {
		o.set("vpc", v)
	}
	if m := objv(c, "metadataOptions"); m != nil {
		o.set("metadataOptions", newObj().set("httpTokens", strv(m, "httpTokens")).set("httpEndpoint", strv(m, "httpEndpoint")).
			set("httpPutResponseHopLimit", numv(m, "httpPutResponseHopLimit")).set("httpProtocolIpv6", strv(m, "httpProtocolIpv6")).
			set("instanceMetadataTags", strv(m, "instanceMetadataTags")))
	}
	o.set("monitoring", strv(c, "monitoring", "state")).set("ebsOptimized", boolv(c, "ebsOptimized")).
		set("sourceDestCheck", boolv(c, "sourceDestCheck")).set("keyName", strv(c, "keyName"))
	return o, nil
}

// --- S3 ---

// s3Permissions spells Config's ACL permissions as S3's API does.
var s3Permissions = map[string]string{
	"FullControl": "FULL_CONTROL", "Read": "READ", "Write": "WRITE", "ReadAcp": "READ_ACP", "WriteAcp": "WRITE_ACP",
}

// s3Groups are the URIs of the predefined grantee groups Config names.
var s3Groups = map[string]string{
	"AllUsers":           "http://acs.amazonaws.com/groups/global/AllUsers",
	"AuthenticatedUsers": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
	"LogDelivery":        "http://acs.amazonaws.com/groups/s3/LogDelivery",
}

// convertBucket builds an S3Bucket from the bucket item's
// supplementaryConfiguration, and copies in the account's public-access
// block when the input holds it.
func convertBucket(it *configItem, x *configIndex) (*obj, error) {
	c, s := it.conf, it.supp
	name := str(c, "name")
	if name == "" {
		name = it.id
	}
	o := envelope("S3Bucket", it, it.id, name)
	created := timev(c, "creationDate")
	if created == nil && it.creationTime != "" {
		created = it.creationTime
	}
	o.set("creationDate", created)
	if acl := asMap(s["AccessControlList"]); acl != nil {
		grants := []any{}
		for _, g := range listv(acl, "grantList") {
			gm := asMap(g)
			gr := newObj()
			switch ge := val(gm, "grantee").(type) {
			case string:
				gr.set("type", "Group").set("uri", orNil(s3Groups[ge], ge))
			case jmap:
				switch {
				case str(ge, "uri") != "" || str(ge, "URI") != "":
					gr.set("type", "Group").set("uri", firstOrNil(ge, "uri", "URI"))
				case str(ge, "typeIdentifier") == "uri":
					gr.set("type", "Group").set("uri", strv(ge, "identifier"))
				default:
					gr.set("type", "CanonicalUser").set("canonicalUser", firstOrNil(ge, "id", "identifier")).set("displayName", strv(ge, "displayName"))
				}
			}
			p := str(gm, "permission")
			gr.set("premission", orNil(s3Permissions[p], p))
			grants = append(grants, gr)
		}
		o.set("acl", newObj().set("ownerId", strv(acl, "owner", "id")).set("grants", grants))
	}
	if bp := asMap(s["BucketPolicy"]); bp != nil {
		if doc, ok := policyDocument(val(bp, "policyText")); ok {
			o.set("policy", doc)
		}
	}
	if lg := asMap(s["BucketLoggingConfiguration"]); lg != nil {
		target := str(lg, "destinationBucketName")
		o.set("logging", newObj().set("enabled", target != "").set("targetBucketName", orNil(target, "")).set("targetPrefix", strv(lg, "logFilePrefix")))
	}
	if v := asMap(s["BucketVersioningConfiguration"]); v != nil {
		ver := newObj()
		if st := str(v, "status"); st != "" && st != "Off" {
			ver.set("status", st)
		}
		switch boolv(v, "isMfaDeleteEnabled") {
		case true:
			ver.set("mfaDelete", "Enabled")
		case false:
			ver.set("mfaDelete", "Disabled")
		}
		o.set("versioning", ver)
	}
	if e := asMap(s["ServerSideEncryptionConfiguration"]); e != nil {
		rules := []any{}
		for _, r := range listv(e, "rules") {
			rm := asMap(r)
			d := objv(rm, "applyServerSideEncryptionByDefault")
			rules = append(rules, newObj().set("serverSideEncryptionByDefault", newObj().
				set("serverSideEncryptionAlgorithm", strv(d, "sseAlgorithm")).set("kmsMasterKeyId", firstOrNil(d, "kmsMasterKeyID", "kmsMasterKeyId"))).
				set("bucketKeyEnabled", boolv(rm, "bucketKeyEnabled")))
		}
		o.set("encryption", newObj().set("serverSideEncryptionRules", rules))
	}
	if p := asMap(s["PublicAccessBlockConfiguration"]); p != nil {
		o.set("publicAccessBlockConfiguration", publicAccessBlock(p))
	}
	if a := x.accountPAB[it.account]; a != nil {
		o.set("accountPublicAccessBlock", publicAccessBlock(x.full(a).conf))
	}
	if l := asMap(s["BucketLifecycleConfiguration"]); l != nil {
		rules := []any{}
		for _, r := range listv(l, "rules") {
			rules = append(rules, newObj().set("id", strv(asMap(r), "id")).set("status", strv(asMap(r), "status")))
		}
		o.set("lifecycleRules", rules)
	}
	if w := asMap(s["BucketWebsiteConfiguration"]); w != nil {
		o.set("website", w)
	}
	if r := asMap(s["BucketReplicationConfiguration"]); r != nil {
		o.set("replication", r)
	}
	if ol := asMap(s["BucketObjectLockConfiguration"]); ol != nil {
		o.set("objectLockConfiguration", newObj().set("objectLockEnabled", strv(ol, "objectLockEnabled")))
	}
	return o, nil
}

func publicAccessBlock(p jmap) *obj {
	return newObj().set("blockPublicAcls", boolv(p, "blockPublicAcls")).set("ignorePublicAcls", boolv(p, "ignorePublicAcls")).
		set("blockPublicPolicy", boolv(p, "blockPublicPolicy")).set("restrictPublicBuckets", boolv(p, "restrictPublicBuckets"))
}

// orNil returns s, or else def; nil when both are empty.
func orNil(s, def string) any {
	if s != "" {
		return s
	}
	if def != "" {
		return def
	}
	return nil
}

// --- IAM ---

// managedPolicies lists attachedManagedPolicies as AttachedPolicy.
func managedPolicies(c jmap) []any {
	out := []any{}
	for _, p := range listv(c, "attachedManagedPolicies") {
		pm := asMap(p)
		out = append(out, newObj().set("name", strv(pm, "policyName")).set("arn", strv(pm, "policyArn")).set("policyType", "Managed"))
	}
	return out
}

// inlinePolicies lists an identity's inline policies (key names the list:
// userPolicyList, rolePolicyList, groupPolicyList).
func inlinePolicies(c jmap, key string) []any {
	out := []any{}
	for _, p := range listv(c, key) {
		pm := asMap(p)
		ap := newObj().set("name", strv(pm, "policyName")).set("policyType", "Inline")
		if d, ok := policyDocument(val(pm, "policyDocument")); ok {
			ap.set("policyDocument", d)
		}
		out = append(out, ap)
	}
	return out
}

// principals lists the related items of resourceType as Principal.
func principals(it *configItem, resourceType string) []any {
	out := []any{}
	for _, r := range it.relationships {
		if r.ResourceType == resourceType {
			out = append(out, newObj().set("id", orNil(r.ResourceID, "")).set("name", orNil(r.ResourceName, "")))
		}
	}
	return out
}

func iamRegion(it *configItem) {
	if it.region == "" {
		it.region = "global"
	}
}

func convertIamUser(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	iamRegion(it)
	name := firstString(c, "userName")
	if name == "" {
		name = it.name
	}
	o := envelope("IamUser", it, name, name)
	o.set("userId", strv(c, "userId")).set("path", strv(c, "path")).set("createDate", timev(c, "createDate"))
	o.set("managedPolicies", managedPolicies(c)).set("inlinePolicies", inlinePolicies(c, "userPolicyList"))
	groups := []any{}
	for _, g := range listv(c, "groupList") {
		if s, ok := g.(string); ok {
			groups = append(groups, newObj().set("type", "IamGroup").set("id", s).set("name", s))
		}
	}
	o.set("attachedGroups", groups)
	o.set("permissionsBoundary", strv(c, "permissionsBoundary", "permissionsBoundaryArn"))
	return o, nil
}

func convertIamRole(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	iamRegion(it)
	name := firstString(c, "roleName")
	if name == "" {
		name = it.name
	}
	o := envelope("IamRole", it, name, name)
	path := str(c, "path")
	o.set("roleId", strv(c, "roleId")).set("path", orNil(path, "")).set("description", strv(c, "description")).
		set("createDate", timev(c, "createDate")).set("maxSessionDuration", numv(c, "maxSessionDuration"))
	if d, ok := policyDocument(val(c, "assumeRolePolicyDocument")); ok {
		o.set("assumeRolePolicyDocument", d)
	}
	managed, inline := managedPolicies(c), inlinePolicies(c, "rolePolicyList")
	o.set("managedPolicies", managed).set("inlinePolicies", inline).set("combinedPolicies", append(append([]any{}, managed...), inline...))
	o.set("permissionsBoundary", strv(c, "permissionsBoundary", "permissionsBoundaryArn"))
	if lu := objv(c, "roleLastUsed"); lu != nil {
		o.set("roleLastUsed", newObj().set("lastUsedDate", timev(lu, "lastUsedDate")).set("region", strv(lu, "region")))
	}
	if path != "" {
		o.set("isServiceLinked", strings.HasPrefix(path, "/aws-service-role/"))
	}
	return o, nil
}

func convertIamGroup(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	iamRegion(it)
	name := firstString(c, "groupName")
	if name == "" {
		name = it.name
	}
	o := envelope("IamGroup", it, name, name)
	o.set("groupId", strv(c, "groupId")).set("path", strv(c, "path")).set("createDate", timev(c, "createDate"))
	o.set("users", principals(it, "AWS::IAM::User"))
	managed, inline := managedPolicies(c), inlinePolicies(c, "groupPolicyList")
	o.set("managedPolicies", managed).set("inlinePolicies", inline).set("combinedPolicies", append(append([]any{}, managed...), inline...))
	return o, nil
}

func convertIamPolicy(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	iamRegion(it)
	name := firstString(c, "policyName")
	if name == "" {
		name = it.name
	}
	o := envelope("IamPolicy", it, it.id, name)
	arn := firstString(c, "arn")
	if arn == "" {
		arn = it.arn
	}
	o.set("policyId", strv(c, "policyId")).set("path", strv(c, "path")).set("description", strv(c, "description"))
	if arn != "" {
		o.set("isAwsManaged", strings.Contains(arn, ":iam::aws:policy/"))
	}
	o.set("isAttachable", boolv(c, "isAttachable")).set("attachmentCount", numv(c, "attachmentCount")).
		set("defaultVersionId", strv(c, "defaultVersionId")).set("createDate", timev(c, "createDate")).set("updateDate", timev(c, "updateDate"))
	for _, v := range listv(c, "policyVersionList") {
		vm := asMap(v)
		if boolv(vm, "isDefaultVersion") == true || str(vm, "versionId") == str(c, "defaultVersionId") {
			if d, ok := policyDocument(val(vm, "document")); ok {
				o.set("document", d)
			}
			break
		}
	}
	o.set("users", principals(it, "AWS::IAM::User")).set("groups", principals(it, "AWS::IAM::Group")).set("roles", principals(it, "AWS::IAM::Role"))
	return o, nil
}

// --- Databases, load balancers, functions ---

func convertRDS(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	id := firstString(c, "dBInstanceIdentifier", "dbInstanceIdentifier")
	if id == "" {
		id = it.id
	}
	o := envelope("RDS", it, id, id)
	o.set("dbInstanceIdentifier", id).set("dbType", strv(c, "engine")).set("engineVersion", strv(c, "engineVersion")).
		set("instanceType", firstOrNil(c, "dBInstanceClass", "dbInstanceClass")).set("storageType", strv(c, "storageType")).
		set("allocatedStorage", numv(c, "allocatedStorage")).set("address", strv(c, "endpoint", "address")).
		set("port", numv(c, "endpoint", "port")).set("isPublic", boolv(c, "publiclyAccessible")).
		set("isStorageEncrypted", boolv(c, "storageEncrypted")).set("kmsKeyId", strv(c, "kmsKeyId")).
		set("isMultiAvailabilityZone", boolv(c, "multiAZ")).set("backupRetentionPeriod", numv(c, "backupRetentionPeriod")).
		set("autoMinorVersionUpgrade", boolv(c, "autoMinorVersionUpgrade")).set("deletionProtection", boolv(c, "deletionProtection")).
		set("iamDatabaseAuthenticationEnabled", firstBool(c, "iAMDatabaseAuthenticationEnabled", "iamDatabaseAuthenticationEnabled")).
		set("copyTagsToSnapshot", boolv(c, "copyTagsToSnapshot")).set("monitoringInterval", numv(c, "monitoringInterval")).
		set("performanceInsightsEnabled", boolv(c, "performanceInsightsEnabled")).
		set("enabledCloudwatchLogsExports", stringList(c, "enabledCloudwatchLogsExports")).
		set("caCertificateIdentifier", strv(c, "cACertificateIdentifier")).set("caCertificateIdentifier", strv(c, "caCertificateIdentifier")).
		set("dbClusterIdentifier", firstOrNil(c, "dBClusterIdentifier", "dbClusterIdentifier"))
	x.groupsDocs(o, idsOf(listv(c, "vpcSecurityGroups"), "vpcSecurityGroupId"))
	vpc := firstString(asMap(val(c, "dBSubnetGroup")), "vpcId")
	if v := x.vpcDoc(vpc, false); v != nil {
		o.set("vpc", v)
	}
	return o, nil
}

// firstBool is the first boolean among keys of m, nil when none.
func firstBool(m jmap, keys ...string) any {
	for _, k := range keys {
		if b := boolv(m, k); b != nil {
			return b
		}
	}
	return nil
}

func convertELB(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	name := firstString(c, "loadBalancerName")
	if name == "" {
		name = it.id
	}
	o := envelope("ELB", it, name, name)
	scheme := str(c, "scheme")
	o.set("dnsName", firstOrNil(c, "dnsname", "dNSName", "dnsName")).set("scheme", orNil(scheme, ""))
	if scheme != "" {
		o.set("isPublic", scheme == "internet-facing")
	}
	vpc := firstString(c, "vpcid", "vPCId", "vpcId")
	o.set("vpcId", orNil(vpc, ""))
	if v := x.vpcDoc(vpc, false); v != nil {
		o.set("vpc", v)
	}
	o.set("availabilityZones", stringList(c, "availabilityZones")).set("subnetIds", stringList(c, "subnets"))
	x.groupsDocs(o, idsOf(listv(c, "securityGroups"), ""))
	ls := []any{}
	for _, l := range listv(c, "listenerDescriptions") {
		lm := objv(asMap(l), "listener")
		ls = append(ls, newObj().set("sourceProtocol", strv(lm, "protocol")).set("sourcePort", numv(lm, "loadBalancerPort")).
			set("instanceProtocol", strv(lm, "instanceProtocol")).set("instancePort", numv(lm, "instancePort")).
			set("sslCertificateId", firstOrNil(lm, "sSLCertificateId", "sslCertificateId")))
	}
	o.set("elbListeners", ls)
	insts := []any{}
	for _, i := range listv(c, "instances") {
		insts = append(insts, newObj().set("id", strv(asMap(i), "instanceId")))
	}
	o.set("instances", insts)
	if a := objv(it.supp, "LoadBalancerAttributes"); a != nil {
		if al := objv(a, "accessLog"); al != nil {
			o.set("accessLog", newObj().set("enabled", boolv(al, "enabled")).set("s3BucketName", strv(al, "s3BucketName")).set("emitInterval", numv(al, "emitInterval")))
		}
		if cd := objv(a, "connectionDraining"); cd != nil {
			o.set("connectionDraining", newObj().set("enabled", boolv(cd, "enabled")).set("timeout", numv(cd, "timeout")))
		}
		o.set("crossZoneLoadBalancing", boolv(a, "crossZoneLoadBalancing", "enabled"))
	}
	return o, nil
}

// convertELBv2 builds an ApplicationLoadBalancer or NetworkLoadBalancer
// (by the item's type); attributes come from the LoadBalancerAttributes
// key/value list, listeners from the Listener items of the input.
func convertELBv2(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	typ := ""
	switch str(c, "type") {
	case "application":
		typ = "ApplicationLoadBalancer"
	case "network":
		typ = "NetworkLoadBalancer"
	default:
		return nil, &notModelledError{what: "type " + str(c, "type")}
	}
	name := firstString(c, "loadBalancerName")
	if name == "" {
		name = it.name
	}
	o := envelope(typ, it, it.id, name)
	scheme := str(c, "scheme")
	o.set("dnsName", firstOrNil(c, "dNSName", "dnsName")).set("scheme", orNil(scheme, ""))
	if scheme != "" {
		o.set("isPublic", scheme == "internet-facing")
	}
	o.set("state", strv(c, "state", "code"))
	if typ == "ApplicationLoadBalancer" {
		o.set("ipAddressType", strv(c, "ipAddressType"))
	}
	vpc := str(c, "vpcId")
	o.set("vpcId", orNil(vpc, ""))
	if v := x.vpcDoc(vpc, false); v != nil {
		o.set("vpc", v)
	}
	if ids := idsOf(listv(c, "securityGroups"), ""); ids != nil || typ == "ApplicationLoadBalancer" {
		x.groupsDocs(o, ids)
	}
	arn := firstString(c, "loadBalancerArn")
	if arn == "" {
		arn = it.arn
	}
	if x.recorded("AWS::ElasticLoadBalancingV2::Listener") {
		ls := []any{}
		for _, l := range x.listeners[arn] {
			lc := x.full(l).conf
			certs := []any{}
			for _, ce := range listv(lc, "Certificates") {
				cm := asMap(ce)
				certs = append(certs, newObj().set("arn", strv(cm, "CertificateArn")).set("isDefault", boolv(cm, "IsDefault")))
			}
			acts := []any{}
			for _, a := range listv(lc, "DefaultActions") {
				am := asMap(a)
				act := newObj().set("type", strv(am, "Type")).set("targetGroupArn", strv(am, "TargetGroupArn"))
				if rc := objv(am, "RedirectConfig"); rc != nil {
					act.set("redirectConfig", newObj().set("protocol", strv(rc, "Protocol")).set("port", strv(rc, "Port")).set("statusCode", strv(rc, "StatusCode")))
				}
				acts = append(acts, act)
			}
			ls = append(ls, newObj().set("arn", firstOrNil(lc, "ListenerArn")).set("port", numv(lc, "Port")).
				set("protocol", strv(lc, "Protocol")).set("sslPolicy", strv(lc, "SslPolicy")).set("certificates", certs).set("defaultActions", acts))
		}
		o.set("listeners", ls)
	}
	attrs := map[string]string{}
	for _, a := range listv(it.supp, "LoadBalancerAttributes") {
		am := asMap(a)
		attrs[firstString(am, "key", "Key")] = scalarText(firstOf(am, "value", "Value"))
	}
	b := func(k string) any {
		switch attrs[k] {
		case "true":
			return true
		case "false":
			return false
		}
		return nil
	}
	if _, ok := attrs["access_logs.s3.enabled"]; ok {
		o.set("accessLogs", newObj().set("enabled", b("access_logs.s3.enabled")).
			set("s3BucketName", orNil(attrs["access_logs.s3.bucket"], "")).set("s3Prefix", orNil(attrs["access_logs.s3.prefix"], "")))
	}
	o.set("deletionProtection", b("deletion_protection.enabled"))
	if typ == "ApplicationLoadBalancer" {
		o.set("dropInvalidHeaderFields", b("routing.http.drop_invalid_header_fields.enabled"))
	} else {
		o.set("crossZoneLoadBalancing", b("load_balancing.cross_zone.enabled"))
	}
	return o, nil
}

func convertLambda(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	name := firstString(c, "functionName")
	if name == "" {
		name = it.id
	}
	o := envelope("Lambda", it, name, name)
	o.set("runtime", strv(c, "runtime")).set("handler", strv(c, "handler")).set("packageType", strv(c, "packageType")).
		set("memorySize", numv(c, "memorySize")).set("timeout", numv(c, "timeout")).set("lastModified", timev(c, "lastModified"))
	if role := str(c, "role"); role != "" {
		o.set("executionRole", newObj().set("type", "IamRole").set("id", role[strings.LastIndexByte(role, '/')+1:]).set("arn", role))
	}
	if p, ok := policyDocument(it.supp["Policy"]); ok {
		o.set("policyDocument", p)
	}
	if vc := objv(c, "vpcConfig"); vc != nil && (len(listv(vc, "subnetIds")) > 0 || str(vc, "vpcId") != "") {
		o.set("vpcConfig", newObj().set("vpcId", strv(vc, "vpcId")).set("subnetIds", stringList(vc, "subnetIds")).set("securityGroupIds", stringList(vc, "securityGroupIds")))
	}
	o.set("kmsKeyArn", strv(c, "kmsKeyArn"))
	if tc := objv(c, "tracingConfig"); tc != nil {
		o.set("tracingConfig", newObj().set("mode", strv(tc, "mode")))
	}
	o.set("deadLetterTargetArn", strv(c, "deadLetterConfig", "targetArn"))
	if ls := listv(c, "layers"); ls != nil {
		o.set("layers", idsOf(ls, "arn"))
	}
	return o, nil
}

func convertKMS(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	o := envelope("KMS", it, it.id, "")
	mgr := str(c, "keyManager")
	o.set("keyId", strv(c, "keyId")).set("description", strv(c, "description"))
	if mgr != "" {
		o.set("isCustomerManaged", mgr == "CUSTOMER")
	}
	o.set("keyManager", orNil(mgr, "")).set("keyState", strv(c, "keyState")).set("enabled", boolv(c, "enabled")).
		set("keySpec", firstOrNil(c, "keySpec", "customerMasterKeySpec")).set("keyUsage", strv(c, "keyUsage")).
		set("origin", strv(c, "origin")).set("multiRegion", boolv(c, "multiRegion")).set("creationDate", timev(c, "creationDate")).
		set("rotationStatus", boolv(it.supp, "KeyRotationStatus")).set("deletionDate", timev(c, "deletionDate"))
	if p, ok := policyDocument(it.supp["Policy"]); ok {
		o.set("policy", p)
	}
	if x.recorded("AWS::KMS::Alias") {
		aliases := x.kmsAliases[it.id]
		if aliases == nil {
			aliases = []string{}
		}
		o.set("aliases", aliases)
	}
	return o, nil
}

// convertCloudTrail builds a CloudTrail, with its destination bucket's
// document when the input holds the bucket.
func convertCloudTrail(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	name := firstString(c, "name", "Name")
	if name == "" {
		name = it.id
	}
	o := envelope("CloudTrail", it, name, name)
	o.set("trailArn", firstOrNil(c, "trailARN", "trailArn", "TrailARN")).set("homeRegion", strv(c, "homeRegion")).
		set("isMultiRegionTrail", boolv(c, "isMultiRegionTrail")).set("isOrganizationTrail", boolv(c, "isOrganizationTrail")).
		set("includeGlobalServiceEvents", boolv(c, "includeGlobalServiceEvents")).
		set("logFileValidationEnabled", boolv(c, "logFileValidationEnabled")).set("kmsKeyId", strv(c, "kmsKeyId")).
		set("s3BucketName", strv(c, "s3BucketName")).set("s3KeyPrefix", strv(c, "s3KeyPrefix")).
		set("cloudWatchLogsLogGroupArn", strv(c, "cloudWatchLogsLogGroupArn")).set("cloudWatchLogsRoleArn", strv(c, "cloudWatchLogsRoleArn")).
		set("snsTopicArn", firstOrNil(c, "snsTopicARN", "snsTopicArn")).set("hasCustomEventSelectors", boolv(c, "hasCustomEventSelectors"))
	if b := x.trailBuckets[str(c, "s3BucketName")]; b != nil {
		o.set("s3Bucket", x.store.doc(*b))
	}
	return o, nil
}

// convertDynamoDB builds a DynamoDbTable. encrypted is whether the table
// has an SSE description with status ENABLED: DynamoDB describes none for
// tables encrypted with an AWS owned key.
func convertDynamoDB(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	name := firstString(c, "tableName")
	if name == "" {
		name = it.id
	}
	o := envelope("DynamoDbTable", it, name, name)
	o.set("tableStatus", strv(c, "tableStatus")).set("creationDateTime", timev(c, "creationDateTime")).
		set("billingMode", strv(c, "billingModeSummary", "billingMode")).set("itemCount", numv(c, "itemCount")).
		set("tableSizeBytes", numv(c, "tableSizeBytes"))
	sse := objv(c, "ssedescription")
	if sse == nil {
		sse = objv(c, "sSEDescription")
	}
	o.set("encrypted", sse != nil && str(sse, "status") == "ENABLED")
	if sse != nil {
		o.set("sseDescription", newObj().set("status", strv(sse, "status")).set("sseType", strv(sse, "sSEType")).
			set("sseType", strv(sse, "sseType")).set("kmsMasterKeyArn", strv(sse, "kMSMasterKeyArn")).set("kmsMasterKeyArn", strv(sse, "kmsMasterKeyArn")))
	}
	if st := str(it.supp, "ContinuousBackupsDescription", "pointInTimeRecoveryDescription", "pointInTimeRecoveryStatus"); st != "" {
		o.set("pointInTimeRecoveryEnabled", st == "ENABLED")
	}
	o.set("deletionProtectionEnabled", boolv(c, "deletionProtectionEnabled"))
	return o, nil
}

func convertEFS(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	id := firstString(c, "FileSystemId")
	if id == "" {
		id = it.id
	}
	o := envelope("EFS", it, id, "")
	o.set("fileSystemId", id).set("encrypted", boolv(c, "Encrypted")).set("kmsKeyId", strv(c, "KmsKeyId")).
		set("performanceMode", strv(c, "PerformanceMode")).set("throughputMode", strv(c, "ThroughputMode"))
	if st := str(c, "BackupPolicy", "Status"); st != "" {
		o.set("backupPolicy", newObj().set("status", st))
	}
	if p, ok := policyDocument(val(c, "FileSystemPolicy")); ok {
		o.set("policy", p)
	}
	return o, nil
}

// convertRedshift builds a Redshift cluster. requireSsl is the
// require_ssl parameter of its parameter group, when the input holds the
// group's item.
func convertRedshift(it *configItem, x *configIndex) (*obj, error) {
	c := it.conf
	id := firstString(c, "clusterIdentifier")
	if id == "" {
		id = it.id
	}
	o := envelope("Redshift", it, id, id)
	o.set("clusterIdentifier", id).set("nodeType", strv(c, "nodeType")).set("numberOfNodes", numv(c, "numberOfNodes")).
		set("clusterVersion", strv(c, "clusterVersion")).set("dbName", firstOrNil(c, "dBName", "dbName")).
		set("masterUsername", strv(c, "masterUsername"))
	if ep := objv(c, "endpoint"); ep != nil {
		o.set("endpoint", newObj().set("address", strv(ep, "address")).set("port", numv(ep, "port")))
	}
	o.set("isPublic", boolv(c, "publiclyAccessible")).set("encrypted", boolv(c, "encrypted")).set("kmsKeyId", strv(c, "kmsKeyId"))
	for _, g := range listv(c, "clusterParameterGroups") {
		pg := x.redshiftParams[str(asMap(g), "parameterGroupName")]
		if pg == nil {
			continue
		}
		for _, p := range listv(x.full(pg).supp, "Parameters") {
			if pm := asMap(p); str(pm, "parameterName") == "require_ssl" {
				o.set("requireSsl", boolv(pm, "parameterValue"))
			}
		}
	}
	o.set("enhancedVpcRouting", boolv(c, "enhancedVpcRouting")).set("allowVersionUpgrade", boolv(c, "allowVersionUpgrade")).
		set("automatedSnapshotRetentionPeriod", numv(c, "automatedSnapshotRetentionPeriod"))
	if ls := objv(it.supp, "LoggingStatus"); ls != nil {
		o.set("loggingStatus", newObj().set("loggingEnabled", boolv(ls, "loggingEnabled")).set("bucketName", strv(ls, "bucketName")))
	}
	if v := x.vpcDoc(str(c, "vpcId"), false); v != nil {
		o.set("vpc", v)
	}
	probe := newObj()
	x.groupsDocs(probe, idsOf(listv(c, "vpcSecurityGroups"), "vpcSecurityGroupId"))
	o.set("inboundRules", probe.get("inboundRules"))
	return o, nil
}

func convertSNS(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	o := envelope("SnsTopic", it, it.id, it.name)
	o.set("displayName", strv(c, "DisplayName")).set("kmsMasterKeyId", strv(c, "KmsMasterKeyId"))
	if p, ok := policyDocument(val(c, "Policy")); ok {
		o.set("policy", p)
	}
	o.set("subscriptionsConfirmed", numv(c, "SubscriptionsConfirmed")).set("subscriptionsPending", numv(c, "SubscriptionsPending"))
	return o, nil
}

func convertSQS(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	o := envelope("SqsQueue", it, it.id, it.name)
	o.set("queueUrl", strv(c, "QueueUrl")).set("fifoQueue", boolv(c, "FifoQueue")).set("kmsMasterKeyId", strv(c, "KmsMasterKeyId")).
		set("sqsManagedSseEnabled", boolv(c, "SqsManagedSseEnabled"))
	if p, ok := policyDocument(val(c, "Policy")); ok {
		o.set("policy", p)
	}
	o.set("visibilityTimeout", numv(c, "VisibilityTimeout")).set("messageRetentionPeriod", numv(c, "MessageRetentionPeriod"))
	if rp, ok := decodeNested(val(c, "RedrivePolicy")).(jmap); ok {
		o.set("redrivePolicy", newObj().set("deadLetterTargetArn", strv(rp, "deadLetterTargetArn")).set("maxReceiveCount", numv(rp, "maxReceiveCount")))
	}
	return o, nil
}

func convertACM(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	o := envelope("AcmCertificate", it, it.id, str(c, "domainName"))
	o.set("domainName", strv(c, "domainName")).set("subjectAlternativeNames", stringList(c, "subjectAlternativeNames")).
		set("certificateType", strv(c, "type")).set("status", strv(c, "status")).set("notBefore", timev(c, "notBefore")).
		set("notAfter", timev(c, "notAfter")).set("keyAlgorithm", strv(c, "keyAlgorithm")).set("inUseBy", stringList(c, "inUseBy")).
		set("renewalEligibility", strv(c, "renewalEligibility"))
	return o, nil
}

func convertCloudFront(it *configItem, _ *configIndex) (*obj, error) {
	c := it.conf
	dc := objv(c, "distributionConfig")
	iamRegion(it)
	o := envelope("CloudFront", it, it.id, "")
	o.set("domainName", strv(c, "domainName")).set("enabled", boolv(dc, "enabled")).set("aliases", stringList(dc, "aliases", "items")).
		set("webAclId", firstOrNil(dc, "webACLId", "webAclId")).set("defaultRootObject", strv(dc, "defaultRootObject"))
	if d := objv(dc, "defaultCacheBehavior"); d != nil {
		o.set("defaultCacheBehavior", newObj().set("viewerProtocolPolicy", strv(d, "viewerProtocolPolicy")))
	}
	if dc != nil {
		cbs := []any{}
		for _, b := range listv(dc, "cacheBehaviors", "items") {
			bm := asMap(b)
			cbs = append(cbs, newObj().set("pathPattern", strv(bm, "pathPattern")).set("viewerProtocolPolicy", strv(bm, "viewerProtocolPolicy")))
		}
		o.set("cacheBehaviors", cbs)
	}
	if vc := objv(dc, "viewerCertificate"); vc != nil {
		o.set("viewerCertificate", newObj().set("minimumProtocolVersion", strv(vc, "minimumProtocolVersion")).
			set("sslSupportMethod", strv(vc, "sslSupportMethod")).set("cloudFrontDefaultCertificate", boolv(vc, "cloudFrontDefaultCertificate")))
	}
	if dc != nil {
		origins := []any{}
		for _, or := range listv(dc, "origins", "items") {
			om := asMap(or)
			origins = append(origins, newObj().set("id", strv(om, "id")).set("domainName", strv(om, "domainName")).
				set("originProtocolPolicy", strv(om, "customOriginConfig", "originProtocolPolicy")).
				set("originSslProtocols", stringList(om, "customOriginConfig", "originSslProtocols", "items")).
				set("originAccessControlId", strv(om, "originAccessControlId")))
		}
		o.set("origins", origins)
	}
	if lg := objv(dc, "logging"); lg != nil {
		o.set("logging", newObj().set("enabled", boolv(lg, "enabled")).set("bucket", strv(lg, "bucket")))
	}
	return o, nil
}

// --- Joins of small related items, kept as what is embedded only ---

// keptDoc is an object kept in the index for embedding (a role's
// document, by the role's resource id), as JSON in the store: its strings
// must not hold on to the decoded item they came from, and there may be
// as many as there are items.
type keptDoc struct {
	id  string
	doc textRef
}

func (x *configIndex) keepDoc(id string, o *obj) keptDoc {
	b, err := appendJSON(nil, o)
	if err != nil { // not built from values appendJSON refuses
		b = []byte("null")
	}
	return keptDoc{strings.Clone(id), x.store.putText(string(b))}
}

// keepRole keeps the document of a role for the instances of its
// instance profiles (instanceProfileList[].arn).
func (x *configIndex) keepRole(it *configItem, doc []byte) {
	x.seen["AWS::IAM::Role"] = true
	var r keptDoc
	for _, p := range listv(it.conf, "instanceProfileList") {
		if arn := str(asMap(p), "arn"); arn != "" {
			if r.doc.n == 0 {
				r = keptDoc{it.id, x.store.putText(string(doc))}
			}
			arn = strings.Clone(arn) // the key must not hold the decoded item
			x.profileRoles[arn] = replaceOrAppend(x.profileRoles[arn], r, func(k keptDoc) bool { return k.id == r.id })
		}
	}
}

// indexKMSAlias keeps an alias's name under the id of its target key
// (TargetKeyId, a key id or ARN, as CloudFormation names it).
func indexKMSAlias(x *configIndex, it *configItem) {
	target := fstr(it.conf, "TargetKeyId")
	target = target[strings.LastIndexByte(target, '/')+1:]
	name := fstr(it.conf, "AliasName")
	if name == "" {
		name = it.name
	}
	if target != "" && name != "" {
		target, name = strings.Clone(target), strings.Clone(name)
		x.kmsAliases[target] = replaceOrAppend(x.kmsAliases[target], name, func(s string) bool { return s == name })
	}
}

// indexNetworkInterface keeps an interface's id and description under
// each of its security groups.
func indexNetworkInterface(x *configIndex, it *configItem) {
	c := it.conf
	id := fstr(c, "networkInterfaceId")
	if id == "" {
		id = it.id
	}
	nic := x.keepDoc(id, newObj().set("id", id).set("description", fstrv(c, "description")))
	for _, g := range idsOf(flist(c, "groups"), "groupId") {
		g = strings.Clone(g)
		x.sgInterfaces[g] = replaceOrAppend(x.sgInterfaces[g], nic, func(k keptDoc) bool { return k.id == nic.id })
	}
}

// indexVPCEndpoint keeps an endpoint's VpcEndpoint object under its VPC.
// Config records the endpoint with the API's names (vpcEndpointId) or
// CloudFormation's (Id); both are read.
func indexVPCEndpoint(x *configIndex, it *configItem) {
	c := it.conf
	id := fstr(c, "vpcEndpointId")
	if id == "" {
		id = fstr(c, "Id")
	}
	if id == "" {
		id = it.id
	}
	e := newObj().set("id", id).set("serviceName", fstrv(c, "serviceName")).set("vpcEndpointType", fstrv(c, "vpcEndpointType")).
		set("state", fstrv(c, "state")).set("policyDocument", fpolicy(c, "policyDocument"))
	if vpc := fstr(c, "vpcId"); vpc != "" {
		vpc, k := strings.Clone(vpc), x.keepDoc(id, e)
		x.vpcEndpoints[vpc] = replaceOrAppend(x.vpcEndpoints[vpc], k, func(o keptDoc) bool { return o.id == k.id })
	}
}

// replaceOrAppend replaces the element of l that same reports, else
// appends v: a history file holds several versions of a resource, of
// which the last read is embedded.
func replaceOrAppend[T any](l []T, v T, same func(T) bool) []T {
	for i, e := range l {
		if same(e) {
			l[i] = v
			return l
		}
	}
	return append(l, v)
}
