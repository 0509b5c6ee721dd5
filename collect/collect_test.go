package collect_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"
	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/collect"
	"github.com/gsl-lang/gsl/inventory"
)

// The replay server answers the SDK's real requests with the responses in
// testdata/replay/<signing service>/<operation> (a body; <operation>.error
// holds a status line, optional header lines and the body), written after
// the example responses of the AWS API references. Operations without a
// response get AccessDenied in the service's protocol, as an account whose
// policy lacks them would: the collector must record them and go on.

// protocols by signing name.
var protocols = map[string]string{
	"sts": "query", "iam": "query", "sns": "query", "rds": "query", "ec2": "ec2",
	"cloudtrail": "json", "logs": "json", "kms": "json", "config": "json",
	"access-analyzer": "rest-json", "securityhub": "rest-json", "guardduty": "rest-json", "macie2": "rest-json", "account": "rest-json",
	"s3": "rest-xml", "monitoring": "cbor",
	"elasticloadbalancing": "query", "elasticloadbalancingv2": "query", "lambda": "rest-json", "dynamodb": "json", "sqs": "json",
	"ecr": "json", "secretsmanager": "json", "eks": "rest-json", "autoscaling": "query", "ecs": "json",
	"apigateway": "rest-json", "apigatewayv2": "rest-json", "es": "rest-json",
}

var scopeRE = regexp.MustCompile(`Credential=[^/]+/[0-9]+/([^/]+)/([^/]+)/aws4_request`)

type replay struct {
	mu    sync.Mutex
	calls []string // "service Operation", in arrival order
	// overrides answers "service Operation" with this file's response
	// (under testdata/replay) instead of the usual one.
	overrides map[string]string
}

func (rp *replay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := scopeRE.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		http.Error(w, "unsigned request", http.StatusForbidden)
		return
	}
	svc := m[2]
	body, _ := readAll(r)
	if v, _ := url.ParseQuery(string(body)); svc == "elasticloadbalancing" && v.Get("Version") == "2015-12-01" {
		svc = "elasticloadbalancingv2" // the same signing name, another API
	}
	if svc == "apigateway" && strings.HasPrefix(r.URL.Path, "/v2/") {
		svc = "apigatewayv2" // the same signing name, another API
	}
	op, resource := operation(svc, r, body)
	rp.mu.Lock()
	rp.calls = append(rp.calls, svc+" "+op)
	rp.mu.Unlock()
	dir := filepath.Join("testdata", "replay", svc)
	file := filepath.Join(dir, op)
	if resource != "" {
		// A per-resource call answers from <operation>@<resource>.
		file += "@" + resource
	}
	if o, ok := rp.overrides[svc+" "+op]; ok {
		file = filepath.Join("testdata", "replay", o)
	}
	if data, err := os.ReadFile(file); err == nil {
		w.Header().Set("Content-Type", contentType(protocols[svc]))
		w.Write(data)
		return
	}
	if data, err := os.ReadFile(filepath.Join(dir, op+".error")); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Scan()
		status, _ := strconv.Atoi(strings.TrimSpace(sc.Text()))
		var rest bytes.Buffer
		for sc.Scan() {
			line := sc.Text()
			if k, v, ok := strings.Cut(line, ": "); ok && rest.Len() == 0 && !strings.HasPrefix(line, "<") && !strings.HasPrefix(line, "{") {
				w.Header().Set(k, v)
				continue
			}
			rest.WriteString(line)
			rest.WriteByte('\n')
		}
		w.Header().Set("Content-Type", contentType(protocols[svc]))
		w.WriteHeader(status)
		w.Write(rest.Bytes())
		return
	}
	denied(w, protocols[svc], svc, op)
}

func readAll(r *http.Request) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(r.Body)
	return b.Bytes(), err
}

// perResource matches the REST paths of the per-resource calls whose
// replies differ by resource: the operation and the resource's id.
var perResource = []struct {
	svc, op string
	re      *regexp.Regexp
}{
	{"apigateway", "GetStages", regexp.MustCompile(`^restapis/([^/]+)/stages$`)},
	{"apigatewayv2", "GetStages", regexp.MustCompile(`^v2/apis/([^/]+)/stages$`)},
	{"apigatewayv2", "GetRoutes", regexp.MustCompile(`^v2/apis/([^/]+)/routes$`)},
	{"es", "DescribeDomain", regexp.MustCompile(`^2021-01-01/opensearch/domain/([^/]+)$`)},
}

// operation names the API operation of a request, by protocol, and the
// resource a per-resource REST call names ("" for the others).
func operation(svc string, r *http.Request, body []byte) (op, resource string) {
	p := strings.Trim(r.URL.Path, "/")
	for _, pr := range perResource {
		if m := pr.re.FindStringSubmatch(p); pr.svc == svc && m != nil {
			return pr.op, m[1]
		}
	}
	return operationOf(svc, r, body), ""
}

// operationOf names the API operation of a request, by protocol.
func operationOf(svc string, r *http.Request, body []byte) string {
	if t := r.Header.Get("X-Amz-Target"); t != "" {
		return t[strings.LastIndex(t, ".")+1:]
	}
	switch protocols[svc] {
	case "query", "ec2":
		v, _ := url.ParseQuery(string(body))
		return v.Get("Action")
	case "rest-xml":
		q := r.URL.Query()
		if strings.Contains(r.URL.Path, "/configuration/publicAccessBlock") {
			return "GetAccountPublicAccessBlock"
		}
		for _, k := range []string{"acl", "policy", "location", "encryption", "versioning", "logging", "tagging"} {
			if _, ok := q[k]; ok {
				return "GetBucket" + strings.ToUpper(k[:1]) + k[1:]
			}
		}
		if _, ok := q["publicAccessBlock"]; ok {
			return "GetPublicAccessBlock"
		}
		if strings.Trim(r.URL.Path, "/") == "" {
			return "ListBuckets"
		}
	case "rest-json":
		p := strings.Trim(r.URL.Path, "/")
		switch {
		case svc == "securityhub" && p == "accounts":
			return "DescribeHub"
		case svc == "securityhub" && p == "standards/get":
			return "GetEnabledStandards"
		case svc == "guardduty" && p == "detector":
			return "ListDetectors"
		case svc == "guardduty" && strings.HasPrefix(p, "detector/"):
			return "GetDetector"
		case svc == "macie2" && p == "macie":
			return "GetMacieSession"
		case svc == "access-analyzer" && p == "analyzer":
			return "ListAnalyzers"
		case svc == "account" && p == "getAlternateContact":
			return "GetAlternateContact"
		case svc == "lambda" && p == "2015-03-31/functions":
			return "ListFunctions"
		case svc == "eks" && p == "clusters":
			return "ListClusters"
		case svc == "apigateway" && p == "restapis":
			return "GetRestApis"
		case svc == "apigatewayv2" && p == "v2/apis":
			return "GetApis"
		case svc == "es" && p == "2021-01-01/domain":
			return "ListDomainNames"
		}
	case "cbor":
		return r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	}
	return "Unknown"
}

func contentType(protocol string) string {
	switch protocol {
	case "json":
		return "application/x-amz-json-1.1"
	case "rest-json":
		return "application/json"
	case "cbor":
		return "application/cbor"
	}
	return "text/xml"
}

// denied answers AccessDenied in the protocol's error shape.
func denied(w http.ResponseWriter, protocol, svc, op string) {
	msg := "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: " + svc + ":" + op
	w.Header().Set("Content-Type", contentType(protocol))
	switch protocol {
	case "query":
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>` + msg + `</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`))
	case "ec2":
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>req-1</RequestID></Response>`))
	case "json":
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"__type":"AccessDeniedException","message":"` + msg + `"}`))
	case "rest-json":
		w.Header().Set("X-Amzn-ErrorType", "AccessDeniedException")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"message":"` + msg + `"}`))
	case "cbor":
		// No CBOR is replayed: CloudWatch answers "service unavailable".
		w.WriteHeader(http.StatusServiceUnavailable)
	default:
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>req-1</RequestId></Error>`))
	}
}

const secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

func runReplay(t *testing.T, opts collect.Options, overrides map[string]string, apiOptions ...func(*middleware.Stack) error) (*collect.Result, *replay) {
	t.Helper()
	rp := &replay{overrides: overrides}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	// S3 Control addresses <account>.<endpoint host>: resolve such names
	// to the server, as DNS does for AWS's endpoints.
	host := strings.TrimPrefix(srv.URL, "http://")
	dialer := &net.Dialer{}
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if strings.HasSuffix(addr, "."+host) {
			addr = host
		}
		return dialer.DialContext(ctx, network, addr)
	}}}
	cfg := aws.Config{
		HTTPClient:  client,
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", secretKey, "session-token-EXAMPLE"),
		// One attempt: the replay answers the same every time, and the
		// 503 of CloudWatch would otherwise be retried with backoff.
		RetryMaxAttempts: 1,
		APIOptions:       apiOptions,
	}
	opts.Endpoint = srv.URL
	opts.Out = t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := collect.Run(ctx, cfg, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res, rp
}

func TestCollectReplay(t *testing.T) {
	res, rp := runReplay(t, collect.Options{AllRegions: true, Concurrency: 4}, nil)
	if res.Account != "123456789012" || filepath.Base(res.Dir) != "123456789012" {
		t.Errorf("account %s in %s", res.Account, res.Dir)
	}
	if !slices.Equal(res.Regions, []string{"us-east-1"}) {
		t.Errorf("regions %v: want us-east-1 only (af-south-1 is not opted in)", res.Regions)
	}

	// Owner-only permissions, and no credential in any file.
	err := filepath.WalkDir(res.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			for _, s := range []string{secretKey, "AKIAIOSFODNN7EXAMPLE", "session-token-EXAMPLE"} {
				if bytes.Contains(data, []byte(s)) {
					t.Errorf("%s holds a credential", p)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Every call that failed is recorded with its reason; "there is none"
	// answers are recorded apart.
	sum := res.Summary
	failed := map[string]string{}
	for _, f := range sum.Failures {
		failed[f.File] = f.Code
	}
	for file, code := range map[string]string{
		"us-east-1/ec2-describe-network-acls.json":            "UnauthorizedOperation",
		"us-east-1/iam-list-saml-providers.json":              "AccessDenied",
		"us-east-1/cloudwatch-describe-alarms.json":           "",
		"us-east-1/s3-get-bucket-logging/example-phi-records": "",
	} {
		got, ok := failed[file]
		if !ok {
			if file == "us-east-1/s3-get-bucket-logging/example-phi-records" {
				continue // replayed: an empty logging status
			}
			t.Errorf("%s is not recorded as failed; failures: %v", file, failed)
		} else if code != "" && got != code {
			t.Errorf("%s failed with %s, want %s", file, got, code)
		}
	}
	nc := map[string]string{}
	for _, f := range sum.NotConfigured {
		nc[f.File] = f.Code
	}
	if _, ok := failed["us-east-1/s3control-get-public-access-block/123456789012"]; ok {
		t.Error("the account's public access block was not read")
	}
	for file, code := range map[string]string{
		"us-east-1/iam-get-account-password-policy.json":     "NoSuchEntity",
		"us-east-1/s3-get-bucket-policy/example-phi-records": "NoSuchBucketPolicy",
		"us-east-1/securityhub-describe-hub.json":            "InvalidAccessException",
		"us-east-1/macie2-get-macie-session.json":            "AccessDeniedException",
		"us-east-1/account-get-alternate-contact/SECURITY":   "ResourceNotFoundException",
		"us-east-1/ecr-get-lifecycle-policy/cloudmapper":     "LifecyclePolicyNotFoundException",
	} {
		if nc[file] != code {
			t.Errorf("%s: not-configured code %q, want %q; not configured: %v", file, nc[file], code, nc)
		}
	}
	// Each call wrote a response or is in the summary: the counts match.
	// (The server sees more requests: paging, and the credential report
	// is generated before it is read.)
	if written := countFiles(t, res.Dir) - 1; sum.Calls != written+len(sum.Failures)+len(sum.NotConfigured) {
		t.Errorf("summary counts %d calls; %d responses written, %d failed, %d not configured", sum.Calls, written, len(sum.Failures), len(sum.NotConfigured))
	}
	if len(rp.calls) < sum.Calls {
		t.Errorf("the server saw %d requests for %d calls", len(rp.calls), sum.Calls)
	}
	disk, err := os.ReadFile(filepath.Join(res.Dir, "collect-summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk inventory.CollectSummary
	if err := json.Unmarshal(disk, &onDisk); err != nil || len(onDisk.Failures) != len(sum.Failures) {
		t.Errorf("collect-summary.json: %v, %d failures (want %d)", err, len(onDisk.Failures), len(sum.Failures))
	}

	// The collection reads back as entities, one error record per failed
	// call, and the shipped bundles evaluate it.
	var docs [][]byte
	errs := 0
	dsum, err := inventory.ReadAPIDump(res.Dir, func(e inventory.Entity) error {
		switch {
		case e.Err != nil:
			errs++
		case e.Data != nil:
			docs = append(docs, e.Data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs != len(sum.Failures) || dsum.Failed != len(sum.Failures) {
		t.Errorf("%d error records (summary %d) for %d failed calls", errs, dsum.Failed, len(sum.Failures))
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	want := map[string]map[string]string{
		"cis-aws": {
			"CIS-AWS-1.4":   "pass", // AccountMFAEnabled 1
			"CIS-AWS-1.5":   "fail", // the root user's MFA device is virtual
			"CIS-AWS-1.7":   "fail", // no password policy (NoSuchEntity)
			"CIS-AWS-1.14":  "fail", // auditor has ReadOnlyAccess attached directly
			"CIS-AWS-1.19":  "pass", // an ACTIVE account analyzer
			"CIS-AWS-2.1.4": "pass", // the bucket blocks public access (the account only in part)
			"CIS-AWS-3.1-a": "pass", // a logging multi-region trail with all management events
			"CIS-AWS-3.2":   "pass", // log file validation
			"CIS-AWS-3.3-a": "pass", // the recorder records all types, last status SUCCESS
			"CIS-AWS-3.5":   "pass", // the trail's logs are encrypted with a KMS key
			"CIS-AWS-3.7":   "fail", // the VPC has no flow log
			"CIS-AWS-4.16":  "fail", // not subscribed to Security Hub
			"CIS-AWS-5.1.1": "fail", // EBS encryption by default is off
			"CIS-AWS-5.3":   "fail", // WebServers allows SSH from 0.0.0.0/0
			"CIS-AWS-5.5":   "pass", // the default group has no rules
			"CIS-AWS-5.7":   "fail", // HttpTokens optional
		},
		"hipaa": {
			"HIPAA-002": "fail", // the root volume is not encrypted
			"HIPAA-006": "pass", // AES256 default encryption
			"HIPAA-033": "skip", // the instance has no contains_phi tag
			"HIPAA-068": "fail", // the PHI bucket has no access logging
			"HIPAA-075": "pass", // GuardDuty ENABLED
			"HIPAA-076": "fail", // Security Hub off
			"HIPAA-080": "fail", // Macie off
			"HIPAA-088": "pass", // the PHI bucket is versioned
		},
		"aws-best-practices": {
			"AWSBP-ECR.1":            "fail", // the repository does not scan on push
			"AWSBP-ECR.3":            "fail", // no lifecycle policy (LifecyclePolicyNotFoundException)
			"AWSBP-SecretsManager.1": "fail", // the secret does not rotate
			"AWSBP-SecretsManager.3": "fail", // last accessed in 2019, before the clock's 90 days
		},
	}
	for name, rules := range want {
		b, err := bundles.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		r := bundles.RunCases(b, []bundles.Case{{Name: "replayed account", Documents: docs, Expect: rules, Now: now, Source: res.Dir}}, nil)
		if !r[0].Passed() {
			t.Errorf("%s over the collected account:\n%s", name, r[0].Failures())
		}
	}
	checkEntities(t, res.Dir, docs, now)
	checkNothingDropped(t, res.Dir, recorded)
}

// recorded lists the replayed JSON responses that are real recordings
// (testdata/replay/README.md), with the per-resource answers.
var recorded = []string{
	"apigateway/*", "apigatewayv2/*", "es/*", "guardduty/*", "config/*",
	"cloudtrail/DescribeTrails", "cloudtrail/GetTrailStatus",
	"ecr/DescribeRepositories", "ecr/GetRepositoryPolicy", "secretsmanager/*",
	"logs/DescribeLogGroups", "logs/DescribeMetricFilters", "kms/ListAliases",
}

// recordedEvery lists the recorded responses of replayAll whose values
// are written (ListServices only names the services DescribeServices
// reads, and that call is denied in the replay).
var recordedEvery = []string{
	"every/kms-ListKeys", "every/dynamodb-ListTables", "every/sqs-ListQueues", "every/ecs-ListClusters",
	"every/eks-ListClusters", "every/lambda-ListFunctions",
}

// checkNothingDropped: every string value of a recorded response is in
// the collection. A member name that differs from the wire's (a boto3
// name where the service sends a locationName) is silently ignored by the
// SDK's deserializer, and its value would be missing here.
func checkNothingDropped(t *testing.T, dir string, recorded []string) {
	t.Helper()
	written := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			stringLeaves(t, p, written)
		}
		return err
	})
	for _, pattern := range recorded {
		files, _ := filepath.Glob(filepath.Join("testdata", "replay", pattern))
		if len(files) == 0 {
			t.Errorf("no replay file %s", pattern)
		}
		for _, f := range files {
			leaves := map[string]bool{}
			stringLeaves(t, f, leaves)
			for v := range leaves {
				if !written[v] {
					t.Errorf("%s: %q is not in the collection (a member name the SDK does not read?)", f, v)
				}
			}
		}
	}
}

// stringLeaves adds the non-empty strings of a JSON file to into.
func stringLeaves(t *testing.T, file string, into map[string]bool) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if v != "" {
				into[v] = true
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}

// checkEntities evaluates the collected API Gateway APIs and OpenSearch
// domains one by one (a bundle case folds the verdicts of all its
// documents into one): the replayed responses are Cloud Custodian's
// recordings of real accounts (testdata/replay/README.md).
func checkEntities(t *testing.T, dir string, docs [][]byte, now time.Time) {
	t.Helper()
	byID := map[string][]byte{}
	for _, d := range docs {
		var e struct{ Type, ID string }
		if json.Unmarshal(d, &e) == nil && (e.Type == "ApiGateway" || e.Type == "ApiGatewayV2" || e.Type == "ElasticSearchDomain") {
			byID[e.Type+" "+e.ID] = d
		}
	}
	want := map[string]map[string]string{
		// sphere11: stage latest logs INFO and has a web ACL, stage noop
		// has neither; no stage traces, has a client certificate or a cache.
		"ApiGateway 5xhc1cnb7h": {"AWSBP-APIGateway.1-a": "fail", "AWSBP-APIGateway.2": "fail", "AWSBP-APIGateway.3": "fail",
			"AWSBP-APIGateway.4": "fail", "AWSBP-APIGateway.5": "pass"},
		// testapi: its one stage, prod, has a web ACL and no logging.
		"ApiGateway rtmgxfiay5": {"AWSBP-APIGateway.1-a": "fail", "AWSBP-APIGateway.4": "pass"},
		// WebSocket APIs, logging OFF and no access logs; dev-2's $connect
		// route has no authorization.
		"ApiGatewayV2 0mt9yx690a": {"AWSBP-APIGateway.1-b": "fail", "AWSBP-APIGateway.9": "fail", "AWSBP-APIGateway.8": "fail"},
		"ApiGatewayV2 zzc87ypck1": {"AWSBP-APIGateway.1-b": "fail", "AWSBP-APIGateway.9": "fail"},
		// An Elasticsearch 7.10 domain with every protection off.
		"ElasticSearchDomain arn:aws:es:us-east-1:644160558196:domain/c7n-test-es-update-config": {
			"AWSBP-Opensearch.1": "fail", "AWSBP-Opensearch.2": "fail", "AWSBP-Opensearch.3": "fail",
			"AWSBP-Opensearch.7": "fail", "AWSBP-Opensearch.8": "fail", "AWSBP-Opensearch.10": "pass"},
		// An OpenSearch 2.3 domain: encrypted, fine-grained access control,
		// audit logs, HTTPS only but with the TLS 1.0 policy, public.
		"ElasticSearchDomain arn:aws:es:us-east-1:123456789012:domain/test-es-dom": {
			"AWSBP-Opensearch.1": "pass", "AWSBP-Opensearch.2": "fail", "AWSBP-Opensearch.3": "pass",
			"AWSBP-Opensearch.5": "pass", "AWSBP-Opensearch.7": "pass", "AWSBP-Opensearch.8": "fail"},
	}
	b, err := bundles.Load("aws-best-practices")
	if err != nil {
		t.Fatal(err)
	}
	for id, rules := range want {
		d, ok := byID[id]
		if !ok {
			t.Errorf("no %s document in the collection", id)
			continue
		}
		r := bundles.RunCases(b, []bundles.Case{{Name: id, Documents: [][]byte{d}, Expect: rules, Now: now, Source: dir}}, nil)
		if !r[0].Passed() {
			t.Errorf("aws-best-practices over %s:\n%s", id, r[0].Failures())
		}
	}
	if len(byID) != len(want) {
		t.Errorf("%d API Gateway and OpenSearch documents, want %d: %v", len(byID), len(want), slices.Sorted(maps.Keys(byID)))
	}
}

// TestCollectNoCredentials: credentials that do not work stop the
// collection with a clear error, and nothing is written.
func TestCollectNoCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>`))
	}))
	defer srv.Close()
	out := t.TempDir()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", secretKey, ""), RetryMaxAttempts: 1}
	_, err := collect.Run(context.Background(), cfg, collect.Options{Out: out, Endpoint: srv.URL})
	if err == nil || !strings.Contains(err.Error(), "InvalidClientTokenId") || strings.Contains(err.Error(), secretKey) {
		t.Fatalf("Run = %v, want the STS error without the secret", err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("wrote %d entries with no working credentials", len(ents))
	}
}

func countFiles(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	return n
}
