package inventory

import (
	"fmt"
	"sort"
	"strings"
)

// adEC2 holds one region's EC2 and VPC documents: emitted as entities
// and embedded in the documents of the resources that use them.
type adEC2 struct {
	sgs       map[string]adObj // group id -> SecurityGroup
	vpcs      map[string]adObj // vpc id -> VPC (with its subnets, route tables ...)
	subnets   map[string]adObj // subnet id -> Subnet (with its nacl)
	volumes   map[string]adObj // volume id -> Volume
	haveVols  bool
	routes    []any // the region's route tables, for isPublic
	haveRoute bool
	// flow logs and VPCs are known, so Region.hasVpcFLowLogging can be set
	haveFlowLogs, haveVpcs bool

	out []adPending // documents to emit, in order
	// instances are emitted after IAM is read (they embed roles)
	instances []adPending
}

// adPending is a document and where it came from.
type adPending struct {
	doc    adObj
	origin Origin
}

// readEC2 reads a region's EC2 calls.
func (d *apiDump) readEC2(region string) *adEC2 {
	e := &adEC2{sgs: map[string]adObj{}, vpcs: map[string]adObj{}, subnets: map[string]adObj{}, volumes: map[string]adObj{}}

	// Network interfaces: which assets use each security group.
	stats := map[string]map[string]int{}
	enis := map[string][]any{}
	eniV, _, haveENI := d.call(region, "ec2-describe-network-interfaces")
	for _, n := range adArr(adGet(eniV, "NetworkInterfaces")) {
		kind := adEniKind(n)
		for _, g := range adArr(adGet(n, "Groups")) {
			id := adStr(adGet(g, "GroupId"))
			if stats[id] == nil {
				stats[id] = map[string]int{}
			}
			stats[id][kind]++
			eni := adObj{"id": adStr(adGet(n, "NetworkInterfaceId"))}
			adSet(eni, "description", adStr(adGet(n, "Description")))
			enis[id] = append(enis[id], eni)
		}
	}

	// Security groups.
	sgV, sgFile, _ := d.call(region, "ec2-describe-security-groups")
	for i, g := range adArr(adGet(sgV, "SecurityGroups")) {
		id := adStr(adGet(g, "GroupId"))
		doc := d.envelope("SecurityGroup", id, adStr(adGet(g, "GroupName")), adSgArn(region, d.account, id), region)
		doc["tags"] = adTagList(adGet(g, "Tags"))
		adCopy(doc, g, "Description", "VpcId")
		doc["inboundRules"] = adFlattenPermissions(adGet(g, "IpPermissions"))
		doc["outboundRules"] = adFlattenPermissions(adGet(g, "IpPermissionsEgress"))
		if haveENI {
			st := []any{}
			kinds := make([]string, 0, len(stats[id]))
			for k := range stats[id] {
				kinds = append(kinds, k)
			}
			sort.Strings(kinds)
			for _, k := range kinds {
				st = append(st, adObj{"type": k, "count": stats[id][k]})
			}
			doc["networkAssetsStats"] = st
			list := enis[id]
			if list == nil {
				list = []any{}
			}
			doc["networkInterfaces"] = list
		}
		e.sgs[id] = doc
		e.out = append(e.out, adPending{doc, Origin{Input: d.show(sgFile), Index: i, Key: "SecurityGroups", Resource: id}})
	}

	// NACLs, by subnet.
	naclBySubnet := map[string]adObj{}
	naclV, naclFile, _ := d.call(region, "ec2-describe-network-acls")
	for i, n := range adArr(adGet(naclV, "NetworkAcls")) {
		id := adStr(adGet(n, "NetworkAclId"))
		doc := d.envelope("NACL", id, adNameTag(adGet(n, "Tags")), "", region)
		doc["tags"] = adTagList(adGet(n, "Tags"))
		adCopy(doc, n, "VpcId", "IsDefault")
		in, out := []any{}, []any{}
		for _, en := range adArr(adGet(n, "Entries")) {
			entry := adNaclEntry(en)
			if b, _ := adBool(adGet(en, "Egress")); b {
				out = append(out, entry)
			} else {
				in = append(in, entry)
			}
		}
		doc["inbound"], doc["outbound"] = in, out
		subnets := []any{}
		for _, a := range adArr(adGet(n, "Associations")) {
			s := adStr(adGet(a, "SubnetId"))
			subnets = append(subnets, s)
			naclBySubnet[s] = doc
		}
		doc["subnetIds"] = subnets
		e.out = append(e.out, adPending{doc, Origin{Input: d.show(naclFile), Index: i, Key: "NetworkAcls", Resource: id}})
	}

	// Route tables, by VPC and by subnet.
	rtByVpc := map[string][]any{}
	rtBySubnet := map[string]string{}
	rtV, _, haveRT := d.call(region, "ec2-describe-route-tables")
	e.haveRoute = haveRT
	for _, t := range adArr(adGet(rtV, "RouteTables")) {
		rt := adObj{"id": adStr(adGet(t, "RouteTableId")), "isMain": false}
		routes := []any{}
		for _, r := range adArr(adGet(t, "Routes")) {
			route := adObj{}
			adCopy(route, r, "DestinationCidrBlock", "DestinationIpv6CidrBlock", "GatewayId", "NatGatewayId", "VpcPeeringConnectionId", "TransitGatewayId", "State")
			routes = append(routes, route)
		}
		rt["routes"] = routes
		assoc := []any{}
		for _, a := range adArr(adGet(t, "Associations")) {
			as := adObj{}
			adSet(as, "subnetId", adStr(adGet(a, "SubnetId")))
			if b, ok := adBool(adGet(a, "Main")); ok {
				as["main"] = b
				if b {
					rt["isMain"] = true
				}
			}
			if s := adStr(adGet(a, "SubnetId")); s != "" {
				rtBySubnet[s] = adStr(adGet(t, "RouteTableId"))
			}
			assoc = append(assoc, as)
		}
		rt["associations"] = assoc
		rt["vpcId"] = adStr(adGet(t, "VpcId"))
		rtByVpc[adStr(adGet(t, "VpcId"))] = append(rtByVpc[adStr(adGet(t, "VpcId"))], rt)
		e.routes = append(e.routes, rt)
	}

	// Gateways, flow logs, endpoints, peering: by VPC.
	igws := map[string][]any{}
	igwV, _, haveIGW := d.call(region, "ec2-describe-internet-gateways")
	for _, g := range adArr(adGet(igwV, "InternetGateways")) {
		for _, a := range adArr(adGet(g, "Attachments")) {
			igws[adStr(adGet(a, "VpcId"))] = append(igws[adStr(adGet(a, "VpcId"))], adObj{"id": adStr(adGet(g, "InternetGatewayId")), "state": adStr(adGet(a, "State"))})
		}
	}
	vgws := map[string][]any{}
	vgwV, _, haveVGW := d.call(region, "ec2-describe-vpn-gateways")
	for _, g := range adArr(adGet(vgwV, "VpnGateways")) {
		for _, a := range adArr(adGet(g, "VpcAttachments")) {
			vgws[adStr(adGet(a, "VpcId"))] = append(vgws[adStr(adGet(a, "VpcId"))], adObj{"id": adStr(adGet(g, "VpnGatewayId")), "state": adStr(adGet(a, "State"))})
		}
	}
	flows := map[string][]any{}
	flV, _, haveFL := d.call(region, "ec2-describe-flow-logs")
	e.haveFlowLogs = haveFL
	for _, f := range adArr(adGet(flV, "FlowLogs")) {
		fl := adObj{"id": adStr(adGet(f, "FlowLogId"))}
		adCopy(fl, f, "TrafficType", "LogDestinationType", "LogDestination", "DeliverLogsStatus")
		adSet(fl, "status", adStr(adGet(f, "FlowLogStatus")))
		flows[adStr(adGet(f, "ResourceId"))] = append(flows[adStr(adGet(f, "ResourceId"))], fl)
	}
	endpoints := map[string][]any{}
	epV, epFile, haveEP := d.call(region, "ec2-describe-vpc-endpoints")
	for i, p := range adArr(adGet(epV, "VpcEndpoints")) {
		ep := adObj{"id": adStr(adGet(p, "VpcEndpointId"))}
		adCopy(ep, p, "ServiceName", "VpcEndpointType", "State")
		pd, err := adPolicy(adGet(p, "PolicyDocument"))
		if err != nil {
			d.fail(Origin{Input: d.show(epFile), Index: i, Key: "VpcEndpoints", Resource: adStr(adGet(p, "VpcEndpointId"))}, err)
		}
		if pd != nil {
			ep["policyDocument"] = pd
		}
		endpoints[adStr(adGet(p, "VpcId"))] = append(endpoints[adStr(adGet(p, "VpcId"))], ep)
	}
	peers := map[string][]any{}
	pcV, _, havePC := d.call(region, "ec2-describe-vpc-peering-connections")
	for _, p := range adArr(adGet(pcV, "VpcPeeringConnections")) {
		pc := adObj{"id": adStr(adGet(p, "VpcPeeringConnectionId"))}
		adSet(pc, "status", adStr(adGet(p, "Status", "Code")))
		adSet(pc, "accepterVpcId", adStr(adGet(p, "AccepterVpcInfo", "VpcId")))
		adSet(pc, "requesterVpcId", adStr(adGet(p, "RequesterVpcInfo", "VpcId")))
		for _, v := range []string{adStr(pc["accepterVpcId"]), adStr(pc["requesterVpcId"])} {
			if v != "" {
				peers[v] = append(peers[v], pc)
			}
		}
	}

	// VPCs (without subnets; added below).
	vpcV, vpcFile, haveVpcs := d.call(region, "ec2-describe-vpcs")
	e.haveVpcs = haveVpcs
	var vpcOrder []adPending
	for i, v := range adArr(adGet(vpcV, "Vpcs")) {
		id := adStr(adGet(v, "VpcId"))
		doc := d.envelope("VPC", id, adNameTag(adGet(v, "Tags")), adVpcArn(region, d.account, id), region)
		doc["tags"] = adTagList(adGet(v, "Tags"))
		adSet(doc, "cidr", adStr(adGet(v, "CidrBlock")))
		adCopy(doc, v, "IsDefault", "State", "InstanceTenancy")
		cidrs, v6 := []any{}, []any{}
		for _, a := range adArr(adGet(v, "CidrBlockAssociationSet")) {
			cidrs = append(cidrs, adStr(adGet(a, "CidrBlock")))
		}
		for _, a := range adArr(adGet(v, "Ipv6CidrBlockAssociationSet")) {
			v6 = append(v6, adStr(adGet(a, "Ipv6CidrBlock")))
		}
		doc["cidrBlocks"], doc["ipv6CidrBlocks"] = cidrs, v6
		if haveFL {
			fl := flows[id]
			if fl == nil {
				fl = []any{}
			}
			doc["flowLogs"] = fl
			active := false
			for _, f := range fl {
				if adStr(adGet(f, "status")) == "ACTIVE" {
					active = true
				}
			}
			doc["hasFlowLogs"] = active
		}
		if haveRT {
			tables := []any{}
			for _, t := range rtByVpc[id] {
				tables = append(tables, adWithout(t.(adObj), "vpcId")) // vpcId is kept for isPublic only
			}
			doc["routeTables"] = tables
		}
		if haveIGW {
			doc["internetGateways"] = adOrEmpty(igws[id])
		}
		if haveVGW {
			doc["vpnGateways"] = adOrEmpty(vgws[id])
		}
		if haveEP {
			doc["vpcEndpoints"] = adOrEmpty(endpoints[id])
		}
		if havePC {
			doc["peeringConnections"] = adOrEmpty(peers[id])
		}
		e.vpcs[id] = doc
		vpcOrder = append(vpcOrder, adPending{doc, Origin{Input: d.show(vpcFile), Index: i, Key: "Vpcs", Resource: id}})
	}

	// Subnets.
	snV, snFile, _ := d.call(region, "ec2-describe-subnets")
	for i, s := range adArr(adGet(snV, "Subnets")) {
		id := adStr(adGet(s, "SubnetId"))
		doc := d.envelope("Subnet", id, adNameTag(adGet(s, "Tags")), adStr(adGet(s, "SubnetArn")), region)
		if doc["arn"] == nil {
			adSet(doc, "arn", adSubnetArn(region, d.account, id))
		}
		doc["tags"] = adTagList(adGet(s, "Tags"))
		adSet(doc, "cidr", adStr(adGet(s, "CidrBlock")))
		adCopy(doc, s, "AvailabilityZone", "MapPublicIpOnLaunch", "DefaultForAz", "AvailableIpAddressCount", "VpcId")
		v6 := []any{}
		for _, a := range adArr(adGet(s, "Ipv6CidrBlockAssociationSet")) {
			v6 = append(v6, adStr(adGet(a, "Ipv6CidrBlock")))
		}
		doc["ipv6CidrBlocks"] = v6
		doc["externalId"] = id
		if n := naclBySubnet[id]; n != nil {
			doc["nacl"] = n
		}
		if haveRT {
			if rt := rtBySubnet[id]; rt != "" {
				doc["routeTableId"] = rt
			} else {
				for _, t := range rtByVpc[adStr(adGet(s, "VpcId"))] {
					if t.(adObj)["isMain"] == true {
						doc["routeTableId"] = t.(adObj)["id"]
					}
				}
			}
		}
		if v := e.vpcs[adStr(adGet(s, "VpcId"))]; v != nil {
			doc["vpc"] = adShallowVPC(v)
		}
		e.subnets[id] = doc
		e.out = append(e.out, adPending{doc, Origin{Input: d.show(snFile), Index: i, Key: "Subnets", Resource: id}})
	}
	// A VPC embeds its subnets; the subnets embed the VPC without them.
	for _, p := range vpcOrder {
		var subs []any
		for _, s := range adArr(adGet(snV, "Subnets")) {
			if adStr(adGet(s, "VpcId")) == p.doc["id"] {
				subs = append(subs, adWithout(e.subnets[adStr(adGet(s, "SubnetId"))], "vpc"))
			}
		}
		if snV != nil {
			p.doc["subnets"] = adOrEmpty(subs)
		}
		e.out = append(e.out, p)
	}
	for id, sg := range e.sgs {
		_ = id
		if v := e.vpcs[adStr(sg["vpcId"])]; v != nil {
			sg["vpc"] = adShallowVPC(v)
		}
	}
	for _, p := range e.out {
		if p.doc["type"] == "NACL" {
			if v := e.vpcs[adStr(p.doc["vpcId"])]; v != nil {
				p.doc["vpc"] = adShallowVPC(v)
			}
		}
	}

	// Volumes.
	volV, volFile, haveVols := d.call(region, "ec2-describe-volumes")
	e.haveVols = haveVols
	for i, v := range adArr(adGet(volV, "Volumes")) {
		id := adStr(adGet(v, "VolumeId"))
		doc := d.envelope("Volume", id, adNameTag(adGet(v, "Tags")), "arn:"+adPartition(region)+":ec2:"+region+":"+d.account+":volume/"+id, region)
		doc["tags"] = adTagList(adGet(v, "Tags"))
		adCopy(doc, v, "VolumeId", "Encrypted", "KmsKeyId", "Size", "VolumeType", "Iops", "State", "AvailabilityZone", "SnapshotId", "CreateTime")
		att := []any{}
		for _, a := range adArr(adGet(v, "Attachments")) {
			at := adObj{}
			adCopy(at, a, "InstanceId", "Device", "State", "DeleteOnTermination", "AttachTime")
			att = append(att, at)
		}
		doc["attachments"] = att
		e.volumes[id] = doc
		e.out = append(e.out, adPending{doc, Origin{Input: d.show(volFile), Index: i, Key: "Volumes", Resource: id}})
	}

	// Snapshots, with createVolumePermission for isPublic.
	snapV, snapFile, _ := d.call(region, "ec2-describe-snapshots")
	for i, s := range adArr(adGet(snapV, "Snapshots")) {
		id := adStr(adGet(s, "SnapshotId"))
		doc := d.envelope("EbsSnapshot", id, adNameTag(adGet(s, "Tags")), "arn:"+adPartition(region)+":ec2:"+region+"::snapshot/"+id, region)
		doc["tags"] = adTagList(adGet(s, "Tags"))
		adCopy(doc, s, "SnapshotId", "VolumeId", "VolumeSize", "Encrypted", "KmsKeyId", "State", "StartTime", "OwnerId")
		if attr := d.param(region, "ec2-describe-snapshot-attribute", id); attr != nil {
			public := false
			for _, p := range adArr(adGet(attr, "CreateVolumePermissions")) {
				if adStr(adGet(p, "Group")) == "all" {
					public = true
				}
			}
			doc["isPublic"] = public
		}
		e.out = append(e.out, adPending{doc, Origin{Input: d.show(snapFile), Index: i, Key: "Snapshots", Resource: id}})
	}

	// Images owned by the account.
	imgV, imgFile, _ := d.call(region, "ec2-describe-images")
	for i, im := range adArr(adGet(imgV, "Images")) {
		id := adStr(adGet(im, "ImageId"))
		doc := d.envelope("AMI", id, adStr(adGet(im, "Name")), "arn:"+adPartition(region)+":ec2:"+region+"::image/"+id, region)
		doc["tags"] = adTagList(adGet(im, "Tags"))
		adCopy(doc, im, "ImageId", "OwnerId", "CreationDate", "State", "Platform")
		adSetBool(doc, "isPublic", adGet(im, "Public"))
		enc, known := true, false
		for _, b := range adArr(adGet(im, "BlockDeviceMappings")) {
			if ebs := adGet(b, "Ebs"); ebs != nil {
				if v, ok := adBool(adGet(ebs, "Encrypted")); ok {
					known = true
					enc = enc && v
				}
			}
		}
		if known {
			doc["encrypted"] = enc
		}
		e.out = append(e.out, adPending{doc, Origin{Input: d.show(imgFile), Index: i, Key: "Images", Resource: id}})
	}

	// Instances (emitted later, when the instance-profile roles are known).
	instV, instFile, _ := d.call(region, "ec2-describe-instances")
	n := 0
	for ri, r := range adArr(adGet(instV, "Reservations")) {
		for _, in := range adArr(adGet(r, "Instances")) {
			id := adStr(adGet(in, "InstanceId"))
			doc := d.envelope("Instance", id, adNameTag(adGet(in, "Tags")), "arn:"+adPartition(region)+":ec2:"+region+":"+d.account+":instance/"+id, region)
			doc["tags"] = adTagList(adGet(in, "Tags"))
			adCopy(doc, in, "InstanceType", "KernelId", "Platform", "Architecture", "LaunchTime", "PublicIpAddress", "PrivateIpAddress", "PrivateDnsName", "SubnetId", "VpcId", "EbsOptimized", "SourceDestCheck", "KeyName")
			adSet(doc, "image", adStr(adGet(in, "ImageId")))
			state := adStr(adGet(in, "State", "Name"))
			if state != "" {
				doc["state"] = state
				doc["isRunning"] = state == "running"
			}
			adSet(doc, "monitoring", adStr(adGet(in, "Monitoring", "State")))
			adSet(doc, "profileArn", adStr(adGet(in, "IamInstanceProfile", "Arn")))
			if mo := adGet(in, "MetadataOptions"); mo != nil {
				m := adObj{}
				adCopy(m, mo, "HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit", "HttpProtocolIpv6", "InstanceMetadataTags")
				doc["metadataOptions"] = m
			}
			// Network interfaces and security groups.
			nics := []any{}
			var groupIDs []string
			seenGroup := map[string]bool{}
			addGroup := func(id string) {
				if id != "" && !seenGroup[id] {
					seenGroup[id] = true
					groupIDs = append(groupIDs, id)
				}
			}
			for _, ni := range adArr(adGet(in, "NetworkInterfaces")) {
				nic := adObj{"id": adStr(adGet(ni, "NetworkInterfaceId"))}
				adSet(nic, "description", adStr(adGet(ni, "Description")))
				adSet(nic, "privateIpAddress", adStr(adGet(ni, "PrivateIpAddress")))
				adSet(nic, "publicIpAddress", adStr(adGet(ni, "Association", "PublicIp")))
				v6 := []any{}
				for _, a := range adArr(adGet(ni, "Ipv6Addresses")) {
					v6 = append(v6, adStr(adGet(a, "Ipv6Address")))
				}
				nic["ipv6Addresses"] = v6
				if s := e.subnets[adStr(adGet(ni, "SubnetId"))]; s != nil {
					nic["subnet"] = s
				}
				var nsg []any
				for _, g := range adArr(adGet(ni, "Groups")) {
					gid := adStr(adGet(g, "GroupId"))
					addGroup(gid)
					if sg := e.sgs[gid]; sg != nil {
						nsg = append(nsg, adWithout(sg, "vpc"))
					}
				}
				nic["securityGroups"] = adOrEmpty(nsg)
				nics = append(nics, nic)
			}
			doc["nics"] = nics
			for _, g := range adArr(adGet(in, "SecurityGroups")) {
				addGroup(adStr(adGet(g, "GroupId")))
			}
			d.embedGroups(doc, e, groupIDs)
			if haveVols {
				vols := []any{}
				for _, b := range adArr(adGet(in, "BlockDeviceMappings")) {
					if v := e.volumes[adStr(adGet(b, "Ebs", "VolumeId"))]; v != nil {
						vols = append(vols, v)
					}
				}
				doc["volumes"] = vols
			}
			if v := e.vpcs[adStr(adGet(in, "VpcId"))]; v != nil {
				doc["vpc"] = adShallowVPC(v)
			}
			if pub := e.isPublic(adStr(adGet(in, "PublicIpAddress")), adStr(adGet(in, "SubnetId")), adStr(adGet(in, "VpcId"))); pub != nil {
				doc["isPublic"] = *pub
			}
			e.instances = append(e.instances, adPending{doc, Origin{Input: d.show(instFile), Index: n, Key: fmt.Sprintf("Reservations[%d].Instances", ri), Resource: id}})
			n++
		}
	}
	return e
}

// embedGroups embeds a resource's security groups and the union of their
// rules. Groups the dump does not describe are skipped; when none of them
// is described the rules are left out (unknown, not empty).
func (d *apiDump) embedGroups(doc adObj, e *adEC2, ids []string) {
	groups, in, out := []any{}, []any{}, []any{}
	known := false
	for _, id := range ids {
		sg := e.sgs[id]
		if sg == nil {
			continue
		}
		known = true
		groups = append(groups, adWithout(sg, "vpc"))
		in = append(in, adArr(sg["inboundRules"])...)
		out = append(out, adArr(sg["outboundRules"])...)
	}
	if !known && len(ids) > 0 {
		return
	}
	doc["securityGroups"] = groups
	doc["inboundRules"] = in
	doc["outboundRules"] = out
}

// isPublic: a public IP and a route to an internet gateway from the
// subnet's route table. nil when the route tables were not collected.
func (e *adEC2) isPublic(publicIP, subnet, vpc string) *bool {
	f := false
	if publicIP == "" {
		return &f
	}
	if !e.haveRoute {
		return nil
	}
	var table adObj
	for _, t := range e.routes {
		rt := t.(adObj)
		for _, a := range adArr(rt["associations"]) {
			if adStr(adGet(a, "subnetId")) == subnet {
				table = rt
			}
		}
	}
	if table == nil {
		for _, t := range e.routes {
			rt := t.(adObj)
			if rt["isMain"] == true && adStr(rt["vpcId"]) == vpc {
				table = rt
			}
		}
	}
	for _, r := range adArr(table["routes"]) {
		if strings.HasPrefix(adStr(adGet(r, "gatewayId")), "igw-") {
			t := true
			return &t
		}
	}
	return &f
}

// emitEC2 emits a region's EC2 documents, the instances with their roles.
func (d *apiDump) emitEC2(region string, e *adEC2, iam *adIAM) {
	for _, p := range e.out {
		d.doc(p.origin, p.doc)
	}
	for _, p := range e.instances {
		if arn := adStr(p.doc["profileArn"]); arn != "" && len(iam.profiles) > 0 {
			p.doc["roles"] = adOrEmpty(iam.profiles[arn])
		}
		d.doc(p.origin, p.doc)
	}
}

// adEniKind names the kind of asset a network interface belongs to, for
// SecurityGroup.networkAssetsStats.
func adEniKind(n any) string {
	desc := adStr(adGet(n, "Description"))
	switch {
	case adStr(adGet(n, "InterfaceType")) == "lambda" || strings.HasPrefix(desc, "AWS Lambda VPC ENI"):
		return "Lambda"
	case strings.HasPrefix(desc, "ELB app/"):
		return "ApplicationLoadBalancer"
	case strings.HasPrefix(desc, "ELB net/"):
		return "NetworkLoadBalancer"
	case strings.HasPrefix(desc, "ELB "):
		return "ELB"
	case desc == "RDSNetworkInterface" || adStr(adGet(n, "RequesterId")) == "amazon-rds":
		return "RDS"
	case strings.HasPrefix(desc, "arn:aws") && strings.Contains(desc, ":ecs:"):
		return "ECS"
	case adStr(adGet(n, "Attachment", "InstanceId")) != "":
		return "Instance"
	}
	if t := adStr(adGet(n, "InterfaceType")); t != "" && t != "interface" {
		return t
	}
	return "Other"
}

// adFlattenPermissions turns EC2 IpPermissions into Dome9's rules: one per
// port range and scope (CIDR, IPv6 CIDR, peer group or prefix list).
func adFlattenPermissions(perms any) []any {
	out := []any{}
	for _, p := range adArr(perms) {
		proto, from, to := adRuleProtocol(p)
		add := func(scope, meta, desc string) {
			r := adObj{"protocol": proto, "port": from, "portTo": to, "scope": scope}
			adSet(r, "scopeMetaData", meta)
			adSet(r, "description", desc)
			out = append(out, r)
		}
		for _, r := range adArr(adGet(p, "IpRanges")) {
			add(adStr(adGet(r, "CidrIp")), "", adStr(adGet(r, "Description")))
		}
		for _, r := range adArr(adGet(p, "Ipv6Ranges")) {
			add(adStr(adGet(r, "CidrIpv6")), "", adStr(adGet(r, "Description")))
		}
		for _, r := range adArr(adGet(p, "UserIdGroupPairs")) {
			add(adStr(adGet(r, "GroupId")), adStr(adGet(r, "GroupName")), adStr(adGet(r, "Description")))
		}
		for _, r := range adArr(adGet(p, "PrefixListIds")) {
			add(adStr(adGet(r, "PrefixListId")), "", adStr(adGet(r, "Description")))
		}
	}
	return out
}

// adRuleProtocol maps an IpProtocol and its ports to Dome9's form: -1 is ALL
// with ports 0-65535; ICMP keeps type and code as port and portTo.
func adRuleProtocol(p any) (string, any, any) {
	proto := strings.ToLower(adStr(adGet(p, "IpProtocol")))
	from, to := adNumber(adGet(p, "FromPort")), adNumber(adGet(p, "ToPort"))
	name := map[string]string{"-1": "ALL", "all": "ALL", "tcp": "TCP", "6": "TCP", "udp": "UDP", "17": "UDP", "icmp": "ICMP", "1": "ICMP", "icmpv6": "ICMPV6", "58": "ICMPV6"}[proto]
	if name == "" {
		name = strings.ToUpper(proto)
	}
	if name == "ALL" || from == nil || to == nil {
		return name, 0, 65535
	}
	return name, from, to
}

// adNaclEntry converts one network ACL entry.
func adNaclEntry(en any) adObj {
	egress, _ := adBool(adGet(en, "Egress"))
	proto := adStr(adGet(en, "Protocol"))
	name := map[string]string{"-1": "ALL", "6": "TCP", "17": "UDP", "1": "ICMP", "58": "ICMPV6"}[proto]
	if name == "" {
		name = strings.ToUpper(proto)
	}
	e := adObj{"number": adNumber(adGet(en, "RuleNumber")), "protocol": name, "action": strings.ToUpper(adStr(adGet(en, "RuleAction")))}
	cidr := adStr(adGet(en, "CidrBlock"))
	if cidr == "" {
		cidr = adStr(adGet(en, "Ipv6CidrBlock"))
	}
	if egress {
		e["direction"] = "Outbound"
		e["destination"] = cidr
	} else {
		e["direction"] = "Inbound"
		e["source"] = cidr
	}
	from, to := adNumber(adGet(en, "PortRange", "From")), adNumber(adGet(en, "PortRange", "To"))
	if name == "ALL" || from == nil || to == nil {
		e["destinationPort"], e["destinationPortTo"] = 0, 65535
	} else {
		e["destinationPort"], e["destinationPortTo"] = from, to
	}
	return e
}

// adShallowVPC is a VPC embedded in another document: without its subnets,
// route tables and endpoints.
func adShallowVPC(v adObj) adObj {
	out := adObj{}
	for k, x := range v {
		switch k {
		case "subnets", "routeTables", "vpcEndpoints", "peeringConnections":
		default:
			out[k] = x
		}
	}
	return out
}

func adWithout(m adObj, key string) adObj {
	out := make(adObj, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func adOrEmpty(a []any) []any {
	if a == nil {
		return []any{}
	}
	return a
}

func adSgArn(region, account, id string) string {
	return "arn:" + adPartition(region) + ":ec2:" + region + ":" + account + ":security-group/" + id
}

func adVpcArn(region, account, id string) string {
	return "arn:" + adPartition(region) + ":ec2:" + region + ":" + account + ":vpc/" + id
}

func adSubnetArn(region, account, id string) string {
	return "arn:" + adPartition(region) + ":ec2:" + region + ":" + account + ":subnet/" + id
}
