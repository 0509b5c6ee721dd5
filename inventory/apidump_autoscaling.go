package inventory

// readAutoScaling: autoscaling DescribeAutoScalingGroups, with the launch
// configurations they use (DescribeLaunchConfigurations) embedded, as
// AutoScalingGroup documents; ec2 DescribeLaunchTemplates, with the data of
// each template's default version (DescribeLaunchTemplateVersions asked
// for $Default), as LaunchTemplate documents.
func (d *apiDump) readAutoScaling(r string) {
	configs := map[string]adObj{}
	if d.has(r, "autoscaling-describe-launch-configurations") {
		lv, _, _ := d.call(r, "autoscaling-describe-launch-configurations")
		for _, lc := range adArr(adGet(lv, "LaunchConfigurations")) {
			x := adObj{}
			adCopy(x, lc, "LaunchConfigurationName", "LaunchConfigurationARN", "ImageId", "InstanceType", "CreatedTime")
			adSetBool(x, "associatePublicIpAddress", adGet(lc, "AssociatePublicIpAddress"))
			if mo := adGet(lc, "MetadataOptions"); mo != nil {
				x["metadataOptions"] = adCamelTree(mo)
			}
			x["securityGroups"] = adOrEmpty(adArr(adGet(lc, "SecurityGroups")))
			configs[adStr(adGet(lc, "LaunchConfigurationName"))] = x
		}
	}
	v, file, _ := d.call(r, "autoscaling-describe-auto-scaling-groups")
	for i, g := range adArr(adGet(v, "AutoScalingGroups")) {
		name := adStr(adGet(g, "AutoScalingGroupName"))
		arn := adStr(adGet(g, "AutoScalingGroupARN"))
		doc := d.envelope("AutoScalingGroup", name, name, arn, r)
		doc["tags"] = adTagList(adGet(g, "Tags"))
		adCopy(doc, g, "AutoScalingGroupName", "MinSize", "MaxSize", "DesiredCapacity", "VPCZoneIdentifier", "HealthCheckType",
			"HealthCheckGracePeriod", "LaunchConfigurationName")
		for _, k := range []string{"AvailabilityZones", "LoadBalancerNames", "TargetGroupARNs"} {
			doc[adCamel(k)] = adOrEmpty(adArr(adGet(g, k)))
		}
		if lt := adGet(g, "LaunchTemplate"); lt != nil {
			doc["launchTemplate"] = adLaunchTemplateSpec(lt)
		}
		if mp := adGet(g, "MixedInstancesPolicy"); mp != nil {
			x := adObj{}
			if lt := adGet(mp, "LaunchTemplate"); lt != nil {
				lx := adObj{}
				if spec := adGet(lt, "LaunchTemplateSpecification"); spec != nil {
					lx["launchTemplateSpecification"] = adLaunchTemplateSpec(spec)
				}
				overrides := []any{}
				for _, o := range adArr(adGet(lt, "Overrides")) {
					ox := adObj{}
					adSet(ox, "instanceType", adStr(adGet(o, "InstanceType")))
					adSet(ox, "weightedCapacity", adStr(adGet(o, "WeightedCapacity")))
					overrides = append(overrides, ox)
				}
				lx["overrides"] = overrides
				x["launchTemplate"] = lx
			}
			if id := adGet(mp, "InstancesDistribution"); id != nil {
				x["instancesDistribution"] = adCamelTree(id)
			}
			doc["mixedInstancesPolicy"] = x
		}
		if lc, ok := configs[adStr(adGet(g, "LaunchConfigurationName"))]; ok {
			doc["launchConfiguration"] = lc
		}
		instances := []any{}
		for _, in := range adArr(adGet(g, "Instances")) {
			x := adObj{}
			adCopy(x, in, "InstanceId", "AvailabilityZone", "InstanceType", "LifecycleState", "HealthStatus")
			instances = append(instances, x)
		}
		doc["instances"] = instances
		d.doc(Origin{Input: d.show(file), Index: i, Key: "AutoScalingGroups", Resource: adFirst(arn, name)}, doc)
	}

	defaults := map[string]any{}
	if d.has(r, "ec2-describe-launch-template-versions") {
		vv, _, _ := d.call(r, "ec2-describe-launch-template-versions")
		for _, ver := range adArr(adGet(vv, "LaunchTemplateVersions")) {
			if b, _ := adBool(adGet(ver, "DefaultVersion")); b {
				defaults[adStr(adGet(ver, "LaunchTemplateId"))] = adGet(ver, "LaunchTemplateData")
			}
		}
	}
	tv, tfile, _ := d.call(r, "ec2-describe-launch-templates")
	templates := adArr(adGet(tv, "LaunchTemplates"))
	if len(templates) > 0 && !d.has(r, "ec2-describe-launch-template-versions") {
		d.missing(r, "ec2-describe-launch-template-versions")
	}
	for i, t := range templates {
		id := adStr(adGet(t, "LaunchTemplateId"))
		name := adStr(adGet(t, "LaunchTemplateName"))
		arn := "arn:" + adPartition(r) + ":ec2:" + r + ":" + d.account + ":launch-template/" + id
		doc := d.envelope("LaunchTemplate", id, name, arn, r)
		doc["tags"] = adTagList(adGet(t, "Tags"))
		adCopy(doc, t, "LaunchTemplateId", "LaunchTemplateName", "CreateTime", "DefaultVersionNumber", "LatestVersionNumber")
		if data, ok := defaults[id]; ok && data != nil {
			doc["launchTemplateData"] = adLaunchTemplateData(data)
		}
		d.doc(Origin{Input: d.show(tfile), Index: i, Key: "LaunchTemplates", Resource: id}, doc)
	}
}

// adLaunchTemplateSpec is a LaunchTemplateSpecification.
func adLaunchTemplateSpec(v any) adObj {
	x := adObj{}
	adCopy(x, v, "LaunchTemplateId", "LaunchTemplateName", "Version")
	return x
}

// adLaunchTemplateData is the model's launchTemplateData of a version.
func adLaunchTemplateData(v any) adObj {
	x := adObj{}
	adCopy(x, v, "ImageId", "InstanceType", "KeyName")
	if a := adGet(v, "SecurityGroupIds"); a != nil {
		x["securityGroupIds"] = adOrEmpty(adArr(a))
	}
	if mo := adGet(v, "MetadataOptions"); mo != nil {
		m := adObj{}
		adCopy(m, mo, "HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit", "InstanceMetadataTags")
		x["metadataOptions"] = m
	}
	if a := adGet(v, "NetworkInterfaces"); a != nil {
		nics := []any{}
		for _, n := range adArr(a) {
			nx := adObj{}
			adCopy(nx, n, "DeviceIndex", "SubnetId")
			adSetBool(nx, "associatePublicIpAddress", adGet(n, "AssociatePublicIpAddress"))
			if g := adGet(n, "Groups"); g != nil {
				nx["groups"] = adOrEmpty(adArr(g))
			}
			nics = append(nics, nx)
		}
		x["networkInterfaces"] = nics
	}
	if a := adGet(v, "BlockDeviceMappings"); a != nil {
		bdm := []any{}
		for _, b := range adArr(a) {
			bx := adObj{}
			adSet(bx, "deviceName", adStr(adGet(b, "DeviceName")))
			if e := adGet(b, "Ebs"); e != nil {
				ex := adObj{}
				adSetBool(ex, "encrypted", adGet(e, "Encrypted"))
				adSetBool(ex, "deleteOnTermination", adGet(e, "DeleteOnTermination"))
				adCopy(ex, e, "KmsKeyId", "VolumeSize", "VolumeType")
				bx["ebs"] = ex
			}
			bdm = append(bdm, bx)
		}
		x["blockDeviceMappings"] = bdm
	}
	return x
}
