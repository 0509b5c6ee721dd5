package inventory

import "slices"

// readRDSClusters: rds DescribeDBClusters, as RDSCluster documents.
func (d *apiDump) readRDSClusters(r string) {
	v, file, _ := d.call(r, "rds-describe-db-clusters")
	for i, c := range adArr(adGet(v, "DBClusters")) {
		id := adStr(adGet(c, "DBClusterIdentifier"))
		arn := adStr(adGet(c, "DBClusterArn"))
		doc := d.envelope("RDSCluster", id, id, arn, r)
		doc["tags"] = adTagList(adGet(c, "TagList"))
		adCopy(doc, c, "DBClusterIdentifier", "Engine", "EngineVersion", "EngineMode", "Status", "MasterUsername", "Port",
			"KmsKeyId", "BackupRetentionPeriod", "BacktrackWindow")
		for _, k := range []string{"StorageEncrypted", "MultiAZ", "DeletionProtection", "IAMDatabaseAuthenticationEnabled",
			"CopyTagsToSnapshot", "AutoMinorVersionUpgrade", "PubliclyAccessible"} {
			adSetBool(doc, adCamel(k), adGet(c, k))
		}
		if az := adGet(c, "AvailabilityZones"); az != nil {
			doc["availabilityZones"] = adOrEmpty(adArr(az))
		}
		doc["enabledCloudwatchLogsExports"] = adOrEmpty(adArr(adGet(c, "EnabledCloudwatchLogsExports")))
		members := []any{}
		for _, m := range adArr(adGet(c, "DBClusterMembers")) {
			x := adObj{}
			adSet(x, "dbInstanceIdentifier", adStr(adGet(m, "DBInstanceIdentifier")))
			adSetBool(x, "isClusterWriter", adGet(m, "IsClusterWriter"))
			members = append(members, x)
		}
		doc["members"] = members
		d.doc(Origin{Input: d.show(file), Index: i, Key: "DBClusters", Resource: arn}, doc)
	}
}

// readRDSSnapshots: rds DescribeDBSnapshots and DescribeDBClusterSnapshots,
// with the restore attribute of each (DescribeDBSnapshotAttributes and
// DescribeDBClusterSnapshotAttributes per snapshot identifier), as
// RDSSnapshot documents.
func (d *apiDump) readRDSSnapshots(r string) {
	for _, k := range []struct {
		list, key, attrs, result, attrKey, idField, arnField, srcField, encField string
		cluster                                                                  bool
	}{
		{"rds-describe-db-snapshots", "DBSnapshots", "rds-describe-db-snapshot-attributes", "DBSnapshotAttributesResult", "DBSnapshotAttributes",
			"DBSnapshotIdentifier", "DBSnapshotArn", "DBInstanceIdentifier", "Encrypted", false},
		{"rds-describe-db-cluster-snapshots", "DBClusterSnapshots", "rds-describe-db-cluster-snapshot-attributes", "DBClusterSnapshotAttributesResult", "DBClusterSnapshotAttributes",
			"DBClusterSnapshotIdentifier", "DBClusterSnapshotArn", "DBClusterIdentifier", "StorageEncrypted", true},
	} {
		v, file, _ := d.call(r, k.list)
		for i, s := range adArr(adGet(v, k.key)) {
			id := adStr(adGet(s, k.idField))
			arn := adStr(adGet(s, k.arnField))
			doc := d.envelope("RDSSnapshot", id, id, arn, r)
			doc["snapshotIdentifier"] = id
			doc["isClusterSnapshot"] = k.cluster
			adSet(doc, "snapshotType", adStr(adGet(s, "SnapshotType")))
			adSet(doc, "engine", adStr(adGet(s, "Engine")))
			adSet(doc, "sourceIdentifier", adStr(adGet(s, k.srcField)))
			adSetBool(doc, "encrypted", adGet(s, k.encField))
			adSet(doc, "kmsKeyId", adStr(adGet(s, "KmsKeyId")))
			if t := adGet(s, "SnapshotCreateTime"); t != nil {
				doc["snapshotCreateTime"] = adTime(t)
			}
			if a := d.param(r, k.attrs, id); a != nil {
				restore := []any{}
				for _, at := range adArr(adGet(a, k.result, k.attrKey)) {
					if adStr(adGet(at, "AttributeName")) == "restore" {
						restore = append(restore, adArr(adGet(at, "AttributeValues"))...)
					}
				}
				doc["restoreAccountIds"] = restore
				doc["isPublic"] = slices.Contains(restore, any("all"))
			}
			d.doc(Origin{Input: d.show(file), Index: i, Key: k.key, Resource: arn}, doc)
		}
	}
}

// readEKS: eks ListClusters, with DescribeCluster per cluster name.
func (d *apiDump) readEKS(r string) {
	v, file, _ := d.call(r, "eks-list-clusters")
	names := adArr(adGet(v, "clusters"))
	if len(names) > 0 {
		d.paramCallMissing(r, "eks-describe-cluster")
	}
	for i, n := range names {
		name := adStr(n)
		o := Origin{Input: d.show(file), Index: i, Key: "clusters", Resource: name}
		c := adGet(d.param(r, "eks-describe-cluster", name), "cluster")
		arn := adStr(adGet(c, "arn"))
		doc := d.envelope("EKSCluster", adFirst(arn, name), name, arn, r)
		if c != nil {
			for _, k := range []string{"version", "platformVersion", "status", "endpoint", "roleArn"} {
				adSet(doc, k, adStr(adGet(c, k)))
			}
			if t, ok := adGet(c, "tags").(adObj); ok {
				doc["tags"] = adTagMap(t)
			}
			if vc := adGet(c, "resourcesVpcConfig"); vc != nil {
				x := adObj{}
				adSet(x, "vpcId", adStr(adGet(vc, "vpcId")))
				adSet(x, "clusterSecurityGroupId", adStr(adGet(vc, "clusterSecurityGroupId")))
				for _, k := range []string{"subnetIds", "securityGroupIds", "publicAccessCidrs"} {
					if a := adGet(vc, k); a != nil {
						x[k] = adOrEmpty(adArr(a))
					}
				}
				adSetBool(x, "endpointPublicAccess", adGet(vc, "endpointPublicAccess"))
				adSetBool(x, "endpointPrivateAccess", adGet(vc, "endpointPrivateAccess"))
				doc["resourcesVpcConfig"] = x
			}
			enc := []any{}
			for _, e := range adArr(adGet(c, "encryptionConfig")) {
				x := adObj{"resources": adOrEmpty(adArr(adGet(e, "resources")))}
				if p := adGet(e, "provider"); p != nil {
					px := adObj{}
					adSet(px, "keyArn", adStr(adGet(p, "keyArn")))
					x["provider"] = px
				}
				enc = append(enc, x)
			}
			doc["encryptionConfig"] = enc
			if lg := adGet(c, "logging"); lg != nil {
				cl := []any{}
				for _, s := range adArr(adGet(lg, "clusterLogging")) {
					x := adObj{"types": adOrEmpty(adArr(adGet(s, "types")))}
					adSetBool(x, "enabled", adGet(s, "enabled"))
					cl = append(cl, x)
				}
				doc["logging"] = adObj{"clusterLogging": cl}
			}
		}
		d.doc(o, doc)
	}
}
