package inventory

import (
	"path"
	"slices"
	"strings"
)

// readECS: ecs ListClusters, with per cluster (named by its ARN)
// DescribeClusters, ListServices and DescribeServices; and
// ListTaskDefinitionFamilies (active), with DescribeTaskDefinition per
// family (its latest active revision). The documents are EcsCluster (its
// services embedded), EcsService (with the inbound rules of its security
// groups) and EcsTaskDefinition.
func (d *apiDump) readECS(r string, e *adEC2) {
	v, file, _ := d.call(r, "ecs-list-clusters")
	arns := adArr(adGet(v, "clusterArns"))
	if len(arns) > 0 {
		d.paramCallMissing(r, "ecs-describe-clusters")
		d.paramCallMissing(r, "ecs-describe-services")
	}
	for i, a := range arns {
		arn := adStr(a)
		o := Origin{Input: d.show(file), Index: i, Key: "clusterArns", Resource: arn}
		var c any
		for _, x := range adArr(adGet(d.param(r, "ecs-describe-clusters", arn), "clusters")) {
			if adStr(adGet(x, "clusterArn")) == arn {
				c = x
			}
		}
		name := adStr(adGet(c, "clusterName"))
		if name == "" {
			name = arn[lastSlash(arn)+1:]
		}
		doc := d.envelope("EcsCluster", name, name, arn, r)
		adSet(doc, "clusterName", name)
		if c != nil {
			adSet(doc, "status", adStr(adGet(c, "status")))
			settings := []any{}
			for _, s := range adArr(adGet(c, "settings")) {
				x := adObj{}
				adSet(x, "name", adStr(adGet(s, "name")))
				adSet(x, "value", adStr(adGet(s, "value")))
				settings = append(settings, x)
			}
			doc["settings"] = settings
			for _, k := range []string{"registeredContainerInstancesCount", "runningTasksCount", "activeServicesCount"} {
				adSet(doc, k, adNumber(adGet(c, k)))
			}
			doc["capacityProviders"] = adOrEmpty(adArr(adGet(c, "capacityProviders")))
			if t, ok := adGet(c, "tags").([]any); ok {
				doc["tags"] = adTagList(t)
			}
		}
		if sv := d.param(r, "ecs-describe-services", arn); sv != nil {
			services := []any{}
			for j, s := range adArr(adGet(sv, "services")) {
				sdoc := d.ecsService(r, e, s)
				embedded := adObj{}
				for k, v := range sdoc {
					if !slices.Contains([]string{"type", "accountNumber", "region", "source"}, k) {
						embedded[k] = v
					}
				}
				services = append(services, embedded)
				d.doc(Origin{Input: d.show(d.paramFile(r, "ecs-describe-services", arn)), Index: j, Key: "services", Resource: adStr(adGet(s, "serviceArn"))}, sdoc)
			}
			doc["services"] = services
		}
		d.doc(o, doc)
	}

	fv, ffile, _ := d.call(r, "ecs-list-task-definition-families")
	families := adArr(adGet(fv, "families"))
	if len(families) > 0 {
		d.paramCallMissing(r, "ecs-describe-task-definition")
	}
	for i, f := range families {
		family := adStr(f)
		o := Origin{Input: d.show(ffile), Index: i, Key: "families", Resource: family}
		td := adGet(d.param(r, "ecs-describe-task-definition", family), "taskDefinition")
		arn := adStr(adGet(td, "taskDefinitionArn"))
		doc := d.envelope("EcsTaskDefinition", family, family, arn, r)
		adSet(doc, "family", family)
		if td != nil {
			adSet(doc, "revision", adNumber(adGet(td, "revision")))
			for _, k := range []string{"status", "networkMode", "pidMode", "ipcMode", "taskRoleArn", "executionRoleArn"} {
				adSet(doc, k, adStr(adGet(td, k)))
			}
			doc["requiresCompatibilities"] = adOrEmpty(adArr(adGet(td, "requiresCompatibilities")))
			containers := []any{}
			for _, cd := range adArr(adGet(td, "containerDefinitions")) {
				x := adObj{}
				adSet(x, "name", adStr(adGet(cd, "name")))
				adSet(x, "image", adStr(adGet(cd, "image")))
				adSet(x, "user", adStr(adGet(cd, "user")))
				for _, k := range []string{"essential", "privileged", "readonlyRootFilesystem"} {
					adSetBool(x, k, adGet(cd, k))
				}
				env := []any{}
				for _, kv := range adArr(adGet(cd, "environment")) {
					env = append(env, adObj{"name": adStr(adGet(kv, "name")), "value": adStr(adGet(kv, "value"))})
				}
				x["environment"] = env
				secrets := []any{}
				for _, kv := range adArr(adGet(cd, "secrets")) {
					secrets = append(secrets, adObj{"name": adStr(adGet(kv, "name")), "valueFrom": adStr(adGet(kv, "valueFrom"))})
				}
				x["secrets"] = secrets
				if lc := adGet(cd, "logConfiguration"); lc != nil {
					lx := adObj{}
					adSet(lx, "logDriver", adStr(adGet(lc, "logDriver")))
					if opts, ok := adGet(lc, "options").(adObj); ok {
						lx["options"] = opts
					}
					x["logConfiguration"] = lx
				}
				containers = append(containers, x)
			}
			doc["containerDefinitions"] = containers
		}
		d.doc(o, doc)
	}
}

// ecsService builds an EcsService document from a DescribeServices entry.
func (d *apiDump) ecsService(r string, e *adEC2, s any) adObj {
	name := adStr(adGet(s, "serviceName"))
	arn := adStr(adGet(s, "serviceArn"))
	doc := d.envelope("EcsService", adFirst(arn, name), name, arn, r)
	for _, k := range []string{"serviceName", "clusterArn", "status", "launchType", "platformVersion", "platformFamily", "taskDefinition"} {
		adSet(doc, k, adStr(adGet(s, k)))
	}
	adSet(doc, "desiredCount", adNumber(adGet(s, "desiredCount")))
	adSet(doc, "runningCount", adNumber(adGet(s, "runningCount")))
	if vc := adGet(s, "networkConfiguration", "awsvpcConfiguration"); vc != nil {
		x := adObj{}
		x["subnets"] = adOrEmpty(adArr(adGet(vc, "subnets")))
		groups := adOrEmpty(adArr(adGet(vc, "securityGroups")))
		x["securityGroups"] = groups
		adSet(x, "assignPublicIp", adStr(adGet(vc, "assignPublicIp")))
		doc["networkConfiguration"] = adObj{"awsvpcConfiguration": x}
		var ids []string
		for _, g := range groups {
			ids = append(ids, adStr(g))
		}
		d.embedGroups(doc, e, ids)
		delete(doc, "securityGroups")
		delete(doc, "outboundRules")
	}
	return doc
}

// paramFile is the file of a per-resource response, for origins.
func (d *apiDump) paramFile(region, call, param string) string {
	for _, a := range d.params[region][call] {
		if a.param == param {
			return a.file
		}
	}
	return path.Join(d.root, region, call, adQuotePlus(param))
}

func lastSlash(s string) int { return strings.LastIndex(s, "/") }
