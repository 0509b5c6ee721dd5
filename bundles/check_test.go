package bundles

import (
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/lang"
)

// mustParse parses src or fails the test.
func mustParse(t *testing.T, src string) *lang.Rule {
	t.Helper()
	r, err := lang.Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return r
}

func TestCheckRule(t *testing.T) {
	tests := []struct {
		src  string
		want []string // "line:col: level: message fragment"; none for a clean rule
	}{
		{"Instance should have metadataOptions.httpTokens = 'required'", nil},
		{"Instance should have volumes contain-all [encrypted = true and kmsKeyId]", nil},
		{"Instance should have nics contain [subnet.nacl.inbound contain [action = 'ALLOW' and $.source = '0.0.0.0/0']]", nil},
		{"S3Bucket should not have policy.Statement contain [Effect = 'Allow' and Condition.Bool.`aws:SecureTransport` = 'false']", nil},
		{"S3Bucket should have policy.Statement contain [Condition.Bool.aws:SecureTransport = false]", nil},
		{"IamPolicy where name = 'AWSSupportAccess' should have roles length() > 0", nil},
		{"Iam should have passwordPolicy.minPasswordLength >= 14", nil},
		{"List<CloudTrail> should have items contain [isMultiRegionTrail = true and status.isLogging = true]", nil},
		{"List<Region> should have items with [ebsEncryptionByDefault = false] length() = 0", nil},
		{"CloudTrail should have metricFilters with [filterPattern like '%Root%'] contain [alarms contain [hasSNSSubscriber]]", nil},
		{"Instance should have tags contain [key = 'env']", nil},
		{"Instance should have volumes groupBy [volumeType] contain [key = 'gp3' and values contain [encrypted]]", nil},
		{"Lambda should have environment.variables.DB_PASSWORD isEmpty()", nil},
		{"true", nil},
		{"Instance should have $.name", nil},
		{"SecurityGroup where name = 'default' should have inboundRules isEmpty() and outboundRules isEmpty()", nil},

		{"Instance should have metadataOptions.httptokens = 'required'",
			[]string{`1:38: error: Instance.metadataOptions has no property "httptokens" (did you mean "httpTokens"?)`}},
		{"Instance should have volumes.encrypted = true",
			[]string{`1:30: error: Instance.volumes is an array`}},
		{"Instance should have volumes contain [encryption = true]",
			[]string{`1:39: error: Instance.volumes[] has no property "encryption" (did you mean "encrypted"?)`}},
		{"Instance should have instanceType.size = 3",
			[]string{`1:35: error: Instance.instanceType is a string; it has no property "size"`}},
		{"List<KMS> should have items contain [rotation = true]",
			[]string{`1:38: error: List<KMS>.items[] has no property "rotation"`}},
		{"Region should have hasVpcFlowLogging = true",
			[]string{`1:20: error: Region has no property "hasVpcFlowLogging" (did you mean "hasVpcFLowLogging"?)`}},
		{"Instance where colour = 'red' should have vpc",
			[]string{`1:16: error: Instance has no property "colour"`}},
		{"Route53Domain should have autoRenew = true",
			[]string{`1:1: warning: entity type "Route53Domain" is not in the schema`}},
		{"EcsCluster should have containerInstances contain [agentConnected = true]", nil},
		{"EcsTaskDefinition should have containerDefinitions contain [priviledged = true]",
			[]string{`1:61: error: EcsTaskDefinition.containerDefinitions[] has no property "priviledged" (did you mean "privileged"?)`}},
		{"Instanse should have vpc",
			[]string{`1:1: warning: entity type "Instanse" is not in the schema; its paths are not checked (did you mean "Instance"?)`}},
	}
	for _, tt := range tests {
		r := mustParse(t, tt.src)
		got := AWS().CheckRule(r)
		if len(got) != len(tt.want) {
			t.Errorf("%s:\n got %v\nwant %v", tt.src, got, tt.want)
			continue
		}
		for i, p := range got {
			if !strings.HasPrefix(p.Error(), tt.want[i]) {
				t.Errorf("%s:\n got %s\nwant %s", tt.src, p.Error(), tt.want[i])
			}
		}
	}
}

// TestShippedRulesTypeCheck checks every rule of every shipped bundle
// against the AWS schema: no errors and no unknown types.
func TestShippedRulesTypeCheck(t *testing.T) {
	mustParse(t, "Instance should have vpc")
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		for i := range b.Rules {
			r := &b.Rules[i]
			parsed, err := lang.Parse(r.Logic)
			if err != nil {
				t.Errorf("%s:%d:%d: %s: %v", b.Source, r.LogicLine, r.LogicColumn, r.ID, err)
				continue
			}
			for _, p := range AWS().CheckRule(parsed) {
				line, col := r.FilePos(p.Span.Start)
				t.Errorf("%s:%d:%d: %s: %s: %s", b.Source, line, col, r.ID, p.Level, p.Msg)
			}
		}
	}
}

// TestShippedDocuments checks every fixture document of the shipped bundles
// against the schema of its type.
func TestShippedDocuments(t *testing.T) {
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := b.Cases()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			for i, d := range c.Documents {
				for _, p := range AWS().CheckDocument(d) {
					t.Errorf("%s: case %q, document %d: %s", c.Source, c.Name, i+1, p)
				}
			}
		}
	}
}

func TestCheckDocument(t *testing.T) {
	tests := []struct {
		doc  string
		want []string
	}{
		{`{"type":"Volume","id":"v","encrypted":true,"size":8,"tags":[{"key":"a","value":"b"}],"source":{"x":1}}`, nil},
		{`{"type":"Volume","encrypted":"true","size":8.5,"colour":"red","tags":{"a":"b"}}`,
			[]string{`colour: not in the schema`, `encrypted: want boolean, got the string "true"`, `size: want integer, got the non-integer 8.5`, `tags: want array of Tag, got an object`}},
		{`{"type":"IamPolicy","document":{"Statement":{"Effect":"Allow","Action":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}}`, nil},
		{`{"type":"Instance","volumes":[{"encrypted":true},{"encrypted":1}],"vpc":{"hasFlowLogs":null}}`,
			[]string{`volumes[1].encrypted: want boolean, got the number 1`}},
		{`{"type":"Spaceship"}`, []string{`type: entity type "Spaceship" is not in the schema`}},
		{`[1]`, []string{`: a document must be a JSON object`}},
		{`{"type":"Volume","encrypted":true,"tags":[{"key":"a","key":1}],"encrypted":"no"}`,
			[]string{`tags[0].key: repeated member: rules read the first one`, `encrypted: repeated member: rules read the first one`}},
		{`{"type":"Volume","encrypted":"no","encrypted":true}`,
			[]string{`encrypted: repeated member: rules read the first one`, `encrypted: want boolean, got the string "no"`}},
		{`{"type":"Volume"} {"type":"Volume"}`, []string{`: invalid JSON: data after the document`}},
		{`{"type":"Volume","tags":[1,}`, []string{`: invalid JSON: invalid character '}' looking for beginning of value`}},
	}
	for _, tt := range tests {
		got := AWS().CheckDocument([]byte(tt.doc))
		var msgs []string
		for _, p := range got {
			msgs = append(msgs, p.String())
		}
		if strings.Join(msgs, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.doc, msgs, tt.want)
		}
	}
}
