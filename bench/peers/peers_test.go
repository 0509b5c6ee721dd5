package peers

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/internal/invgen"
	"github.com/gsl-lang/gsl/lang"
)

// canonical returns the canonical spelling of a rule (lang.Format), so that
// layout does not count as a difference.
func canonical(t *testing.T, src string) string {
	t.Helper()
	r, err := lang.Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return strings.Join(strings.Fields(lang.Format(r)), " ")
}

// TestRulesMatchBundles checks that every translated rule is a shipped rule
// with the GSL text it has in its bundle, and that there are at least 20.
func TestRulesMatchBundles(t *testing.T) {
	shipped := map[string]string{}
	for _, name := range bundles.Names() {
		b, err := bundles.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Rules {
			shipped[r.ID] = r.Logic
		}
	}
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("%s twice", r.ID)
		}
		seen[r.ID] = true
		logic, ok := shipped[r.ID]
		if !ok {
			t.Errorf("%s is not a shipped rule", r.ID)
		} else if got, want := canonical(t, r.GSL), canonical(t, logic); got != want {
			t.Errorf("%s: GSL differs from the bundle:\n got %s\nwant %s", r.ID, got, want)
		}
		if r.Expr == "" || r.CEL == "" || !strings.HasPrefix(r.Rego, RegoName(r.ID)+" if ") {
			t.Errorf("%s: missing a translation", r.ID)
		}
	}
	if len(Rules) < 20 {
		t.Errorf("%d rules, want at least 20", len(Rules))
	}
}

func TestRegoName(t *testing.T) {
	for in, want := range map[string]string{"HIPAA-001": "hipaa_001", "CIS-AWS-5.7": "cis_aws_5_7"} {
		if got := RegoName(in); got != want {
			t.Errorf("RegoName(%q) = %q, want %q", in, got, want)
		}
	}
}

func inventory(t testing.TB, n int) ([]Rule, []string, [][]byte, int) {
	t.Helper()
	targets, err := Targets(Rules)
	if err != nil {
		t.Fatal(err)
	}
	docs, pairs, err := Inventory(n, 1, targets)
	if err != nil {
		t.Fatal(err)
	}
	return Rules, targets, docs, pairs
}

// TestAgreement checks that every engine gives GSL's verdict on every
// (rule, document) of an inventory, and that the inventory makes most rules
// both pass and fail.
func TestAgreement(t *testing.T) {
	rules, targets, docs, _ := inventory(t, 12000)
	engines, err := Engines(rules, invgen.DefaultNow())
	if err != nil {
		t.Fatal(err)
	}
	bad, v, err := Check(engines, rules, targets, docs, 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range bad {
		t.Error(d)
	}
	both := 0
	for i := range rules {
		if v.Violations[i] > 0 && v.Others[i] > 0 {
			both++
		}
	}
	if both < len(rules)*2/3 {
		t.Errorf("only %d of %d rules both pass and fail: %s", both, len(rules), Coverage(rules, v))
	}
}

// TestCheckFindsDisagreements breaks one translation per peer and checks
// that Check reports it.
func TestCheckFindsDisagreements(t *testing.T) {
	rules := append([]Rule(nil), Rules...)
	for i := range rules {
		if rules[i].ID == "HIPAA-002" {
			rules[i].Expr = "!(" + rules[i].Expr + ")"
			rules[i].CEL = "r.?encrypted.orValue(false) == true"
			rules[i].Rego = "hipaa_002 if input.encrypted == true"
		}
	}
	targets, err := Targets(rules)
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := Inventory(300, 1, targets)
	if err != nil {
		t.Fatal(err)
	}
	engines, err := Engines(rules, invgen.DefaultNow())
	if err != nil {
		t.Fatal(err)
	}
	bad, _, err := Check(engines, rules, targets, docs, 1000)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range bad {
		if d.Rule != "HIPAA-002" {
			t.Errorf("unexpected %s", d)
		}
		seen[d.Engine] = true
	}
	for _, e := range []string{"expr", "cel", "rego"} {
		if !seen[e] {
			t.Errorf("the broken %s translation went unnoticed", e)
		}
	}
}

func TestEngineErrors(t *testing.T) {
	rules := []Rule{Rules[0]}
	rules[0].CEL = "r.tags +"
	if _, err := Engines(rules, invgen.DefaultNow()); err == nil || !strings.Contains(err.Error(), "cel") {
		t.Errorf("a bad CEL translation: %v", err)
	}
	rules[0] = Rules[0]
	rules[0].GSL = "Instance should"
	if _, err := Engines(rules, invgen.DefaultNow()); err == nil {
		t.Error("a bad GSL rule: no error")
	}
	engines, err := Engines([]Rule{Rules[0]}, invgen.DefaultNow())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range engines {
		if err := e.Eval([]byte(`{"type":`), make([]bool, 1)); err == nil {
			t.Errorf("%s: no error on invalid JSON", e.Name())
		}
	}
}

func TestReport(t *testing.T) {
	var buf bytes.Buffer
	Report(&buf, []Timing{
		{Engine: "gsl", Runs: []time.Duration{100, 120, 110}, CPU: []time.Duration{100, 100, 100}},
		{Engine: "expr", Runs: []time.Duration{1000, 900, 950}, CPU: []time.Duration{1200, 1100, 1150}},
	}, 10, 5)
	out := buf.String()
	for _, want := range []string{"ns/(rule,doc)", "gsl", "expr", "9.0", "8.6", "x GSL (cpu)", "11.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// BenchmarkPeers times each engine over an inventory of GSL_BENCH_DOCS
// generated documents (default 5,000) and reports ns per (rule, document).
func BenchmarkPeers(b *testing.B) {
	n := 5000
	if s := os.Getenv("GSL_BENCH_DOCS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	rules, _, docs, pairs := inventory(b, n)
	engines, err := Engines(rules, invgen.DefaultNow())
	if err != nil {
		b.Fatal(err)
	}
	verdicts := make([]bool, len(rules))
	for _, e := range engines {
		b.Run(e.Name(), func(b *testing.B) {
			for b.Loop() {
				for _, d := range docs {
					if err := e.Eval(d, verdicts); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pairs), "ns/pair")
		})
	}
}

// TestAgreementEdges checks the translations on hand-written documents for
// the cases the generated inventory does not produce: lists that were not
// collected, prefix-list sources, narrowed TLS denies, and members a rule
// tests with in (...) left out (an Instance without state, a listener without
// sourceProtocol): Rego's "not x.m in {...}" leaves such a document out (the
// rule body is undefined), while GSL reads the missing member as not in the list.
func TestAgreementEdges(t *testing.T) {
	docs := [][]byte{
		[]byte(`{"type":"Instance","id":"i-1","state":"running","profileArn":"arn:aws:iam::123456789012:instance-profile/app","metadataOptions":{"httpTokens":"required"},"tags":[{"key":"contains_phi","value":"true"}]}`),
		[]byte(`{"type":"Instance","id":"i-2","state":"running","profileArn":"arn:aws:iam::123456789012:instance-profile/app","metadataOptions":{"httpTokens":"required"},"tags":[{"key":"contains_phi","value":"true"}],"volumes":[]}`),
		[]byte(`{"type":"S3Bucket","id":"b1","arn":"arn:aws:s3:::b1","policy":{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}}`),
		[]byte(`{"type":"S3Bucket","id":"b2","arn":"arn:aws:s3:::b2","policy":{"Statement":[{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":false},"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]}}`),
		[]byte(`{"type":"S3Bucket","id":"b3","arn":"arn:aws:s3:::b3","policy":{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}}`),
		[]byte(`{"type":"S3Bucket","id":"b4","ownershipControls":{"objectOwnership":"BucketOwnerEnforced"}}`),
		[]byte(`{"type":"S3Bucket","id":"b5","arn":"arn:aws:s3:::b5","acl":{"grants":[]},"policy":{"Statement":{"Effect":"Deny","Principal":{"AWS":"*"},"Action":["S3:*"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":["FALSE"]}}}}}`),
		[]byte(`{"type":"Instance","id":"i-9","state":"running","tags":[{"key":"contains_phi","value":"true"}]}`),
		[]byte(`{"type":"Subnet","id":"subnet-9"}`),
		[]byte(`{"type":"Subnet","id":"subnet-8","mapPublicIpOnLaunch":false}`),
		[]byte(`{"type":"SecurityGroup","id":"sg-1","name":"default","inboundRules":[]}`),
		[]byte(`{"type":"SecurityGroup","id":"sg-2","name":"admin","inboundRules":[{"protocol":"TCP","port":22,"portTo":22,"scope":"pl-0a1b2c3d"}],"outboundRules":[]}`),
		[]byte(`{"type":"SecurityGroup","id":"sg-3","name":"dns","inboundRules":[{"protocol":"UDP","port":53,"portTo":53,"scope":"pl-0a1b2c3d"}],"outboundRules":[]}`),
		[]byte(`{"type":"IamPolicy","id":"p1","document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}`),
		[]byte(`{"type":"IamPolicy","id":"p2","attachmentCount":0,"document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}`),
		[]byte(`{"type":"IamPolicy","id":"p3","users":[],"groups":[],"roles":[],"document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}`),
		[]byte(`{"type":"ELB","id":"elb-1"}`),
		[]byte(`{"type":"ELB","id":"elb-2","elbListeners":[]}`),
		[]byte(`{"type":"ELB","id":"elb-3","elbListeners":[{"loadBalancerPort":80}]}`),
		[]byte(`{"type":"CloudFront","id":"E1","defaultCacheBehavior":{"viewerProtocolPolicy":"https-only"}}`),
		[]byte(`{"type":"CloudFront","id":"E2","defaultCacheBehavior":{"viewerProtocolPolicy":"https-only"},"cacheBehaviors":[]}`),
		[]byte(`{"type":"CloudFront","id":"E3","cacheBehaviors":[{"viewerProtocolPolicy":"https-only"}]}`),
		[]byte(`{"type":"CloudFront","id":"E4","defaultCacheBehavior":{"viewerProtocolPolicy":"https-only"},"cacheBehaviors":[{"pathPattern":"/a"}]}`),
		[]byte(`{"type":"ApplicationLoadBalancer","id":"alb-1"}`),
		[]byte(`{"type":"ApplicationLoadBalancer","id":"alb-2","listeners":[]}`),
		[]byte(`{"type":"Instance","id":"i-3","profileArn":"arn:aws:iam::123456789012:instance-profile/app","metadataOptions":{"httpTokens":"required"}}`),
		[]byte(`{"type":"Instance","id":"i-4"}`),
		[]byte(`{"type":"IamPolicy","id":"p4","users":[],"groups":[],"document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}`),
	}
	targets, err := Targets(Rules)
	if err != nil {
		t.Fatal(err)
	}
	engines, err := Engines(Rules, invgen.DefaultNow())
	if err != nil {
		t.Fatal(err)
	}
	bad, _, err := Check(engines, Rules, targets, docs, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range bad {
		t.Error(d)
	}
}
