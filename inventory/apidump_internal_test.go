package inventory

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// readMap reads a dump held in memory and returns its documents by type
// and id, its error records and its unmodelled records.
func readMap(t testing.TB, files fstest.MapFS) (docs map[string]map[string]any, errs []Entity, nm []Entity, sum *APIDumpSummary) {
	t.Helper()
	docs = map[string]map[string]any{}
	sum, err := readAPIDumpFS(files, "dump", func(e Entity) error {
		switch {
		case e.Err != nil:
			errs = append(errs, e)
		case e.NotModelled != "":
			nm = append(nm, e)
		default:
			var d map[string]any
			if err := json.Unmarshal(e.Data, &d); err != nil {
				t.Fatalf("document is not JSON: %v: %s", err, e.Data)
			}
			docs[d["type"].(string)+"/"+d["id"].(string)] = d
		}
		return nil
	})
	if err != nil {
		t.Fatalf("readAPIDumpFS: %v", err)
	}
	return docs, errs, nm, sum
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// jsonAt reads a dotted path of a decoded document ("status.isLogging").
func jsonAt(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestAPIDumpBadFile(t *testing.T) {
	docs, errs, _, _ := readMap(t, fstest.MapFS{
		"describe-regions.json":                       file(`{"Regions":[{"RegionName":"eu-west-1","OptInStatus":"opt-in-not-required"}]}`),
		"eu-west-1/ec2-describe-security-groups.json": file(`{"SecurityGroups": [`),
		"eu-west-1/ec2-describe-vpcs.json":            file(`{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16","IsDefault":false}]}`),
		"eu-west-1/ec2-describe-subnets.json":         file(`[{"SubnetId":"subnet-1"}]`),
	})
	if len(errs) != 2 || errs[0].Origin.Input != "dump/eu-west-1/ec2-describe-security-groups.json" || !strings.Contains(errs[0].Err.Error(), "not a JSON API response") ||
		errs[1].Origin.Input != "dump/eu-west-1/ec2-describe-subnets.json" || !strings.Contains(errs[1].Err.Error(), "a JSON array, not an object") {
		t.Fatalf("want one error record naming each broken file, got %+v", errs)
	}
	if docs["VPC/vpc-1"] == nil || docs["Region/eu-west-1"] == nil {
		t.Errorf("the readable files' documents are still emitted; got %v", keys(docs))
	}
	if got := jsonAt(docs["Region/eu-west-1"], "optInStatus"); got != "opt-in-not-required" {
		t.Errorf("Region optInStatus = %v", got)
	}
}

func TestAPIDumpCollectSummary(t *testing.T) {
	summary := CollectSummary{
		Calls: 5,
		Failures: []CollectCall{
			{File: "eu-west-1/guardduty-list-detectors.json", Code: "AccessDeniedException", Message: "User is not authorized to perform: guardduty:ListDetectors"},
		},
		NotConfigured: []CollectCall{
			{File: "us-east-1/iam-get-account-password-policy.json", Code: "NoSuchEntity", Message: "The Password Policy with domain name 123456789012 cannot be found."},
			{File: "eu-west-1/securityhub-describe-hub.json", Code: "InvalidAccessException", Message: "Account 123456789012 is not subscribed to AWS Security Hub"},
			{File: "eu-west-1/macie2-get-macie-session.json", Code: "AccessDeniedException", Message: "Macie is not enabled."},
		},
	}
	sj, _ := json.Marshal(summary)
	docs, errs, _, sum := readMap(t, fstest.MapFS{
		"collect-summary.json":                   {Data: sj},
		"us-east-1/sts-get-caller-identity.json": file(`{"Account":"123456789012","Arn":"arn:aws:iam::123456789012:user/audit","UserId":"AIDAEXAMPLE"}`),
		"eu-west-1/ec2-describe-vpcs.json":       file(`{"Vpcs":[]}`),
	})
	if len(errs) != 1 || errs[0].Origin.Input != "dump/eu-west-1/guardduty-list-detectors.json" || !strings.Contains(errs[0].Err.Error(), "AccessDeniedException") {
		t.Fatalf("want the failed call as an error record naming its file and code, got %+v", errs)
	}
	if sum.Failed != 1 {
		t.Errorf("summary Failed = %d, want 1", sum.Failed)
	}
	iam := docs["Iam/123456789012"]
	if got := jsonAt(iam, "passwordPolicy.enabledInAccount"); got != false {
		t.Errorf("no password policy (NoSuchEntity): passwordPolicy.enabledInAccount = %v, want false", got)
	}
	region := docs["Region/eu-west-1"]
	if got := jsonAt(region, "securityHub.enabled"); got != false {
		t.Errorf("Security Hub not subscribed: securityHub.enabled = %v, want false", got)
	}
	if got := jsonAt(region, "macie.enabled"); got != false {
		t.Errorf("Macie not enabled: macie.enabled = %v, want false", got)
	}
	if got := jsonAt(region, "guardDuty"); got != nil {
		t.Errorf("GuardDuty's call failed: guardDuty = %v, want it left out", got)
	}
	for _, m := range sum.Missing {
		if m == "us-east-1/iam-get-account-password-policy.json" || m == "eu-west-1/securityhub-describe-hub.json" {
			t.Errorf("%s is known to be unset, not missing", m)
		}
	}
}

// TestAPIDumpCredentialReportBase64: the AWS CLI and the SDK give the
// report's Content as base64; cloudmapper as text. Both read the same.
func TestAPIDumpCredentialReportBase64(t *testing.T) {
	csv := "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n" +
		"<root_account>,arn:aws:iam::123456789012:root,2018-08-12T17:20:55+00:00,not_supported,no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n" +
		"alice,arn:aws:iam::123456789012:user/alice,2020-01-02T03:04:05+00:00,true,2020-02-01T00:00:00+00:00,2020-01-02T03:05:00+00:00,N/A,true,true,2020-01-02T03:04:06+00:00,2020-02-02T00:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
	for name, content := range map[string]string{"base64": base64.StdEncoding.EncodeToString([]byte(csv)), "text": csv} {
		t.Run(name, func(t *testing.T) {
			c, _ := json.Marshal(content)
			docs, errs, _, _ := readMap(t, fstest.MapFS{
				"us-east-1/iam-get-credential-report.json":    file(`{"Content":` + string(c) + `,"GeneratedTime":"2020-03-01T00:00:00Z","ReportFormat":"text/csv"}`),
				"us-east-1/iam-list-virtual-mfa-devices.json": file(`{"VirtualMFADevices":[{"SerialNumber":"arn:aws:iam::123456789012:mfa/alice","User":{"Arn":"arn:aws:iam::123456789012:user/alice","UserName":"alice"},"EnableDate":"2020-01-03T00:00:00+00:00"}]}`),
			})
			if len(errs) != 0 {
				t.Fatalf("errors: %+v", errs)
			}
			alice := docs["IamUser/alice"]
			for path, want := range map[string]any{
				"passwordEnabled": true, "mfaActive": true, "virtualMfaEnabled": true,
				"passwordLastUsed": "2020-02-01T00:00:00Z", "firstAccessKey.isActive": true,
				"firstAccessKey.lastUsedDate": "2020-02-02T00:00:00Z", "firstAccessKey.lastUsedService": "s3",
				"secondAccessKey.isActive": false, "secondAccessKey.lastRotated": nil,
			} {
				if got := jsonAt(alice, path); got != want {
					t.Errorf("alice %s = %v, want %v", path, got, want)
				}
			}
			root := docs["IamUser/<root_account>"]
			for path, want := range map[string]any{"passwordEnabled": nil, "passwordLastUsed": nil, "mfaActive": false, "virtualMfaEnabled": false} {
				if got := jsonAt(root, path); got != want {
					t.Errorf("root %s = %v, want %v", path, got, want)
				}
			}
			if got := jsonAt(docs["Iam/123456789012"], "rootUser.arn"); got != "arn:aws:iam::123456789012:root" {
				t.Errorf("Iam.rootUser.arn = %v (account number from the report's ARNs)", got)
			}
		})
	}
}

// TestAPIDumpTrailMonitoring follows a trail to its status, selectors,
// the metric filters on its log group, the alarms on their metrics and the
// SNS subscriptions of the alarms' topics. The responses are shaped as the
// Go SDK marshals them (PascalCase members, as the collector writes) except
// DescribeTrails, shaped as the AWS CLI writes it.
func TestAPIDumpTrailMonitoring(t *testing.T) {
	trail := "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
	topic := "arn:aws:sns:us-east-1:123456789012:security-alerts"
	docs, errs, _, sum := readMap(t, fstest.MapFS{
		"describe-regions.json":                                          file(`{"Regions":[{"RegionName":"us-east-1","OptInStatus":"opt-in-not-required"},{"RegionName":"eu-west-1","OptInStatus":"opt-in-not-required"},{"RegionName":"af-south-1","OptInStatus":"not-opted-in"}]}`),
		"us-east-1/cloudtrail-describe-trails.json":                      file(`{"trailList":[{"Name":"main","TrailARN":"` + trail + `","HomeRegion":"us-east-1","IsMultiRegionTrail":true,"IncludeGlobalServiceEvents":true,"LogFileValidationEnabled":true,"S3BucketName":"trail-logs","KmsKeyId":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab","CloudWatchLogsLogGroupArn":"arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/main:*","CloudWatchLogsRoleArn":"arn:aws:iam::123456789012:role/trail-to-logs","HasCustomEventSelectors":false,"IsOrganizationTrail":false}]}`),
		"eu-west-1/cloudtrail-describe-trails.json":                      file(`{"trailList":[{"Name":"main","TrailARN":"` + trail + `","HomeRegion":"us-east-1","IsMultiRegionTrail":true}]}`),
		"us-east-1/cloudtrail-get-trail-status/" + adQuotePlus(trail):    file(`{"IsLogging":true,"LatestDeliveryTime":"2026-03-01T10:00:00Z","LatestCloudWatchLogsDeliveryTime":"2026-03-01T10:01:00Z","StartLoggingTime":"2025-01-01T00:00:00Z"}`),
		"us-east-1/cloudtrail-get-event-selectors/" + adQuotePlus(trail): file(`{"TrailARN":"` + trail + `","EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}],"ExcludeManagementEventSources":[]}]}`),
		"us-east-1/logs-describe-metric-filters.json":                    file(`{"MetricFilters":[{"FilterName":"root-usage","FilterPattern":"{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }","LogGroupName":"CloudTrail/main","MetricTransformations":[{"MetricName":"RootUsage","MetricNamespace":"CISBenchmark","MetricValue":"1"}]},{"FilterName":"other","FilterPattern":"x","LogGroupName":"other-group","MetricTransformations":[{"MetricName":"X","MetricNamespace":"Y","MetricValue":"1"}]}]}`),
		"us-east-1/cloudwatch-describe-alarms.json":                      file(`{"MetricAlarms":[{"AlarmName":"root-usage","AlarmArn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:root-usage","MetricName":"RootUsage","Namespace":"CISBenchmark","ActionsEnabled":true,"AlarmActions":["` + topic + `"],"StateValue":"OK"}]}`),
		"us-east-1/sns-list-subscriptions.json":                          file(`{"Subscriptions":[{"TopicArn":"` + topic + `","SubscriptionArn":"` + topic + `:0b0f8ad6-2b3e-4d5c-8f5e-1a2b3c4d5e6f","Protocol":"email","Endpoint":"secops@example.com"}]}`),
	})
	if len(errs) != 0 {
		t.Fatalf("errors: %+v", errs)
	}
	trails := 0
	for k := range docs {
		if strings.HasPrefix(k, "CloudTrail/") {
			trails++
		}
	}
	if trails != 1 {
		t.Errorf("%d CloudTrail documents, want 1 (a multi-region trail is listed by every region)", trails)
	}
	ct := docs["CloudTrail/"+trail]
	for path, want := range map[string]any{
		"status.isLogging": true, "status.latestCloudWatchLogsDeliveryTime": "2026-03-01T10:01:00Z",
		"hasSNSSubscriber": true, "region": "us-east-1", "isMultiRegionTrail": true,
	} {
		if got := jsonAt(ct, path); got != want {
			t.Errorf("CloudTrail %s = %v, want %v", path, got, want)
		}
	}
	mf, _ := ct["metricFilters"].([]any)
	if len(mf) != 1 || jsonAt(mf[0], "metricName") != "RootUsage" {
		t.Fatalf("metricFilters = %v, want the one filter on CloudTrail/main", mf)
	}
	alarms, _ := jsonAt(mf[0], "alarms").([]any)
	if len(alarms) != 1 || jsonAt(alarms[0], "hasSNSSubscriber") != true || jsonAt(alarms[0], "actionsEnabled") != true {
		t.Errorf("alarms = %v", alarms)
	}
	sel, _ := ct["eventSelectors"].([]any)
	if len(sel) != 1 || jsonAt(sel[0], "readWriteType") != "All" {
		t.Errorf("eventSelectors = %v", sel)
	}
	for _, r := range []string{"us-east-1", "eu-west-1"} {
		if got := jsonAt(docs["Region/"+r], "hasCloudTrail"); got != true {
			t.Errorf("Region %s hasCloudTrail = %v, want true (a logging multi-region trail)", r, got)
		}
	}
	if got := jsonAt(docs["Region/af-south-1"], "optInStatus"); got != "not-opted-in" {
		t.Errorf("a region not opted in is still a Region document: optInStatus = %v", got)
	}
	if len(sum.Missing) == 0 {
		t.Error("summary lists no missing calls")
	}
}

func TestAPIDumpEmitError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	_, err := ReadAPIDump("testdata/apidump/demo", func(Entity) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("ReadAPIDump = %v after %d entities; want the emit error after 3", err, n)
	}
}

func TestIsAPIDump(t *testing.T) {
	for dir, want := range map[string]bool{
		"testdata/apidump/demo": true, // an account directory
		"testdata/apidump":      true, // a directory of account directories
		"testdata/apidump/demo/us-east-1/s3-get-bucket-acl": false,
		"testdata/nonexistent":                              false,
	} {
		if got := IsAPIDump(dir); got != want {
			t.Errorf("IsAPIDump(%s) = %v, want %v", dir, got, want)
		}
	}
	_, err := ReadAPIDump("testdata/apidump/demo/us-east-1/s3-get-bucket-acl", func(Entity) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "not a raw AWS API dump") {
		t.Errorf("ReadAPIDump of a non-dump = %v, want a clear error", err)
	}
}

func TestQuotePlus(t *testing.T) {
	for in, want := range map[string]string{
		"arn:aws:iam::123456789012:role/service-role/level1": "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fservice-role%2Flevel1",
		"https://queue.amazonaws.com/123456789012/demo":      "https%3A%2F%2Fqueue.amazonaws.com%2F123456789012%2Fdemo",
		"cloudmapper_demo": "cloudmapper_demo",
		"a b~c":            "a+b~c",
	} {
		if got := QuotePlus(in); got != want {
			t.Errorf("QuotePlus(%q) = %q, want %q", in, got, want)
		}
	}
}

func keys(m map[string]map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// FuzzAPIDump reads a small dump whose files the fuzzer writes: the reader
// must not panic or hang, and every record is exactly one of a document
// (a JSON object with type and id), an error or an unmodelled type.
func FuzzAPIDump(f *testing.F) {
	f.Add(uint8(0), []byte(`{"SecurityGroups":[{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]}]}`))
	f.Add(uint8(1), []byte(`{"Content":"dXNlcixhcm4KYWxpY2UsYXJuOmF3czppYW06OjE6dXNlci9hbGljZQo=","GeneratedTime":"2020-01-01T00:00:00Z"}`))
	f.Add(uint8(2), []byte(`{"trailList":[{"TrailARN":"t","CloudWatchLogsLogGroupArn":"arn:aws:logs:us-east-1:1:log-group:g:*","IsMultiRegionTrail":true}]}`))
	f.Add(uint8(3), []byte(`{"Buckets":[{"Name":"b","CreationDate":12}]}`))
	f.Add(uint8(4), []byte(`{"calls":1,"failures":[{"file":"../../x","code":"E"}],"notConfigured":[{"file":"us-east-1/securityhub-describe-hub.json"}]}`))
	f.Add(uint8(5), []byte(`{"UserDetailList":[{"UserName":"u","UserPolicyList":[{"PolicyName":"p","PolicyDocument":"%7B%22Statement%22%3A1%7D"}],"GroupList":["g","g"]}],"GroupDetailList":[{"GroupName":"g"}],"RoleDetailList":[{"RoleName":"r","InstanceProfileList":[{"Arn":"p"}]}]}`))
	f.Add(uint8(6), []byte(`[1,2,3]`))
	f.Add(uint8(12), []byte(`{"repositories":[{"repositoryName":"r","repositoryArn":"arn:aws:ecr:us-east-1:1:repository/r","imageScanningConfiguration":{"scanOnPush":"yes"},"encryptionConfiguration":[],"createdAt":1}]}`))
	f.Add(uint8(13), []byte(`{"policyText":"{\"Statement\":"}`))
	f.Add(uint8(14), []byte(`{"DomainStatus":{"AccessPolicies":"{","LogPublishingOptions":{"AUDIT_LOGS":5},"VPCOptions":{"SubnetIds":"x"},"Endpoints":[1]}}`))
	f.Add(uint8(15), []byte(`{"SecretList":[{"Name":"s","RotationRules":{"AutomaticallyAfterDays":"30"},"Tags":[1],"LastRotatedDate":"yesterday"},{"ARN":7}]}`))
	f.Add(uint8(16), []byte(`{"ResourcePolicy":{"Statement":[]}}`))
	f.Add(uint8(17), []byte(`{"items":[{"id":"a","policy":"{\\\"Statement\\\":[}"},{"id":7,"endpointConfiguration":"x"}]}`))
	f.Add(uint8(18), []byte(`{"item":[{"stageName":"p","methodSettings":{"*/*":{"throttlingRateLimit":"x"},"a/GET":[]}}]}`))
	f.Add(uint8(19), []byte(`{"clusterArns":["arn:aws:ecs:us-east-1:1:cluster/c","","/"]}`))
	f.Add(uint8(21), []byte(`{"Items":[{"ApiId":"h","Tags":[]},{"ApiId":null,"DisableExecuteApiEndpoint":"maybe"}]}`))
	f.Add(uint8(20), []byte(`{"AutoScalingGroups":[{"AutoScalingGroupName":"g","MixedInstancesPolicy":{"LaunchTemplate":{"Overrides":[1]}},"Instances":"x"}]}`))
	names := []string{
		"us-east-1/ec2-describe-security-groups.json",
		"us-east-1/iam-get-credential-report.json",
		"us-east-1/cloudtrail-describe-trails.json",
		"us-east-1/s3-list-buckets.json",
		"collect-summary.json",
		"us-east-1/iam-get-account-authorization-details.json",
		"describe-regions.json",
		"us-east-1/ec2-describe-instances.json",
		"us-east-1/logs-describe-metric-filters.json",
		"us-east-1/ec2-describe-network-acls.json",
		"us-east-1/rds-describe-db-instances.json",
		"us-east-1/elbv2-describe-load-balancers.json",
		"us-east-1/ecr-describe-repositories.json",
		"us-east-1/ecr-get-repository-policy/r",
		"us-east-1/es-describe-elasticsearch-domain/d",
		"us-east-1/secretsmanager-list-secrets.json",
		"us-east-1/secretsmanager-get-resource-policy/s",
		"us-east-1/apigateway-get-rest-apis.json",
		"us-east-1/apigateway-get-stages/a",
		"us-east-1/ecs-list-clusters.json",
		"us-east-1/autoscaling-describe-auto-scaling-groups.json",
		"us-east-1/apigatewayv2-get-apis.json",
	}
	base := fstest.MapFS{
		"describe-regions.json":                       file(`{"Regions":[{"RegionName":"us-east-1"}]}`),
		"us-east-1/sts-get-caller-identity.json":      file(`{"Account":"123456789012"}`),
		"us-east-1/ec2-describe-vpcs.json":            file(`{"Vpcs":[{"VpcId":"vpc-1"}]}`),
		"us-east-1/ec2-describe-subnets.json":         file(`{"Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1"}]}`),
		"us-east-1/ec2-describe-instances.json":       file(`{"Reservations":[{"Instances":[{"InstanceId":"i-1","SubnetId":"subnet-1","VpcId":"vpc-1","PublicIpAddress":"1.2.3.4","NetworkInterfaces":[{"SubnetId":"subnet-1","Groups":[{"GroupId":"sg-1"}]}]}]}]}`),
		"us-east-1/ec2-describe-route-tables.json":    file(`{"RouteTables":[{"RouteTableId":"rtb-1","VpcId":"vpc-1","Associations":[{"Main":true}],"Routes":[{"GatewayId":"igw-1","DestinationCidrBlock":"0.0.0.0/0"}]}]}`),
		"us-east-1/logs-describe-metric-filters.json": file(`{"metricFilters":[{"logGroupName":"g","metricTransformations":[{"metricName":"m","metricNamespace":"n"}]}]}`),
		"us-east-1/cloudwatch-describe-alarms.json":   file(`{"MetricAlarms":[{"MetricName":"m","Namespace":"n","AlarmActions":["arn:aws:sns:us-east-1:1:t"]}]}`),
		"us-east-1/s3-get-bucket-policy/b":            file(`{"Policy":"{\"Statement\":[]}"}`),
		"us-east-1/ecr-describe-repositories.json":    file(`{"repositories":[{"repositoryName":"r","repositoryArn":"arn:aws:ecr:us-east-1:1:repository/r"}]}`),
		"us-east-1/es-list-domain-names.json":         file(`{"DomainNames":[{"DomainName":"d"}]}`),
		"us-east-1/apigateway-get-rest-apis.json":     file(`{"items":[{"id":"a"}]}`),
		"us-east-1/secretsmanager-list-secrets.json":  file(`{"SecretList":[{"Name":"s","ARN":"arn:aws:secretsmanager:us-east-1:1:secret:s-abc"}]}`),
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		_, err := readAPIDumpFS(fsys, "fuzz", func(e Entity) error {
			n := 0
			if e.Data != nil {
				n++
				var d map[string]any
				if err := json.Unmarshal(e.Data, &d); err != nil {
					t.Fatalf("document is not a JSON object: %v", err)
				}
				if _, ok := d["type"].(string); !ok {
					t.Fatalf("document without a type: %s", e.Data)
				}
				if _, ok := d["id"].(string); !ok {
					t.Fatalf("document without a string id: %s", e.Data)
				}
			}
			if e.Err != nil {
				n++
			}
			if e.NotModelled != "" {
				n++
			}
			if n != 1 {
				t.Fatalf("record with %d of data, error, not-modelled: %+v", n, e)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("readAPIDumpFS: %v", err)
		}
	})
}
