package builtin

import (
	"strings"
	"testing"
)

func TestDeniesInsecureTransport(t *testing.T) {
	const bucket = "arn:aws:s3:::acme-phi"
	// The statement AWS's knowledge-center article on s3-bucket-ssl-requests-only
	// shows as compliant, then variations of it.
	const both = `"Resource":["arn:aws:s3:::acme-phi","arn:aws:s3:::acme-phi/*"]`
	const cond = `"Condition":{"Bool":{"aws:SecureTransport":"false"}}`
	tests := []struct {
		name string
		recv string
		want bool
	}{
		{"AWS example", `{"Statement":[{"Sid":"AllowSSLRequestsOnly","Action":"s3:*","Effect":"Deny",` + both + `,` + cond + `,"Principal":"*"}]}`, true},
		{"statement alone", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,` + cond + `}`, true},
		{"statement array", `[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"},{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,` + cond + `}]`, true},
		{"AWS star", `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*",` + both + `,` + cond + `}`, true},
		{"AWS star in list", `{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":"s3:*",` + both + `,` + cond + `}`, true},
		{"all actions", `{"Effect":"Deny","Principal":"*","Action":"*",` + both + `,` + cond + `}`, true},
		{"action case", `{"effect":"deny","principal":"*","action":"S3:*",` + both + `,"condition":{"bool":{"AWS:SECURETRANSPORT":"FALSE"}}}`, true},
		{"JSON false", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,"Condition":{"Bool":{"aws:SecureTransport":false}}}`, true},
		{"false in list", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,"Condition":{"Bool":{"aws:SecureTransport":["false"]}}}`, true},
		{"BoolIfExists", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,"Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}`, true},
		{"NotAction outside S3", `{"Effect":"Deny","Principal":"*","NotAction":"iam:*",` + both + `,` + cond + `}`, true},
		{"bucket star", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-phi*",` + cond + `}`, true},
		{"resource star", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",` + cond + `}`, true},
		{"NotResource elsewhere", `{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::other/*",` + cond + `}`, true},
		// Not a refusal of every plain-HTTP request.
		{"allow", `{"Effect":"Allow","Principal":"*","Action":"s3:*",` + both + `,` + cond + `}`, false},
		{"allow on SecureTransport true", `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",` + both + `,"Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, false},
		{"deny on true", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,"Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, false},
		{"one role", `{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/etl"},"Action":"s3:*",` + both + `,` + cond + `}`, false},
		{"service principal star", `{"Effect":"Deny","Principal":{"Service":"*"},"Action":"s3:*",` + both + `,` + cond + `}`, false},
		{"NotPrincipal", `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*",` + both + `,` + cond + `}`, false},
		{"no principal", `{"Effect":"Deny","Action":"s3:*",` + both + `,` + cond + `}`, false},
		{"object reads only", `{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",` + both + `,` + cond + `}`, false},
		{"NotAction of S3 writes", `{"Effect":"Deny","Principal":"*","NotAction":"s3:Put*",` + both + `,` + cond + `}`, false},
		{"objects only", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-phi/*",` + cond + `}`, false},
		{"bucket only", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-phi",` + cond + `}`, false},
		{"one prefix", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::acme-phi","arn:aws:s3:::acme-phi/reports/*"],` + cond + `}`, false},
		{"other bucket", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::other","arn:aws:s3:::other/*"],` + cond + `}`, false},
		{"resource case", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["ARN:AWS:S3:::ACME-PHI","ARN:AWS:S3:::ACME-PHI/*"],` + cond + `}`, false},
		{"NotResource of the objects", `{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::acme-phi/public/*",` + cond + `}`, false},
		{"no resource", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + cond + `}`, false},
		{"narrowed to one account", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,"Condition":{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}`, false},
		{"narrowed in the same block", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,"Condition":{"Bool":{"aws:SecureTransport":"false","aws:MultiFactorAuthPresent":"false"}}}`, false},
		{"TLS version only", `{"Effect":"Deny","Principal":"*","Action":"s3:*",` + both + `,"Condition":{"NumericLessThan":{"s3:TlsVersion":1.2}}}`, false},
		{"no condition", `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject",` + both + `}`, false},
		{"empty policy", `{"Version":"2012-10-17","Statement":[]}`, false},
		{"null", `null`, false},
	}
	for _, tt := range tests {
		got := call(t, "deniesInsecureTransport", j(tt.recv), StringValue("s3:*"), StringValue(bucket))
		if got.Bool() != tt.want {
			t.Errorf("%s: deniesInsecureTransport = %v, want %v\n%s", tt.name, got, tt.want, tt.recv)
		}
	}
}

func TestDeniesInsecureTransportArgs(t *testing.T) {
	f, _ := Default().Lookup("deniesInsecureTransport")
	if err := f.CheckCall([]Value{MissingValue(), MissingValue()}); err == nil {
		t.Errorf("a computed action passed CheckCall")
	}
	if err := f.CheckCall([]Value{StringValue("s3:*"), MissingValue()}); err != nil {
		t.Errorf("a computed resource: %v", err)
	}
	// Without the resource only a Deny on every resource can be judged.
	const cond = `"Condition":{"Bool":{"aws:SecureTransport":"false"}}`
	everything := j(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",` + cond + `}`)
	oneBucket := j(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],` + cond + `}`)
	// '' asks for no resource: any Resource counts.
	if v, err := f.Impl(&Env{}, oneBucket, []Value{StringValue("s3:*"), StringValue("")}); err != nil || !v.Bool() {
		t.Errorf("resource '': %v, %v", v, err)
	}
	objects := j(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*",` + cond + `}`)
	if v, err := f.Impl(&Env{}, objects, []Value{StringValue("s3:*"), StringValue("")}); err != nil || !v.Bool() {
		t.Errorf("resource '', a deny on the objects only: %v, %v", v, err)
	}
	if v, err := f.Impl(&Env{}, objects, []Value{StringValue("s3:*"), StringValue("arn:aws:s3:::b")}); err != nil || v.Bool() {
		t.Errorf("the bucket's arn, a deny on the objects only: %v, %v", v, err)
	}
	for _, res := range []Value{MissingValue(), j(`3`)} {
		if _, err := f.Impl(&Env{}, oneBucket, []Value{StringValue("s3:*"), res}); err == nil {
			t.Errorf("resource %v passed at run time", res)
		}
		if v, err := f.Impl(&Env{}, everything, []Value{StringValue("s3:*"), res}); err != nil || !v.Bool() {
			t.Errorf("resource %v, Resource '*': %v, %v", res, v, err)
		}
		// No policy, or one with no TLS deny at all, fails whatever the
		// resource: there is nothing whose Resource needs judging.
		allow := j(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)
		for _, pol := range []Value{MissingValue(), allow} {
			if v, err := f.Impl(&Env{}, pol, []Value{StringValue("s3:*"), res}); err != nil || v.Bool() {
				t.Errorf("resource %v, policy %v: %v, %v; want false", res, pol, v, err)
			}
		}
	}
}

// TestDeniesInsecureTransportForms holds the principal, action, effect and
// condition forms of a TLS-only deny, each statement on every resource
// ("*", added where a case names none), judged for a bucket.
func TestDeniesInsecureTransportForms(t *testing.T) {
	const bucket = "arn:aws:s3:::b"
	onAll := func(v string) string {
		if strings.Contains(v, `"Resource"`) {
			return v
		}
		return strings.ReplaceAll(v, `"Principal"`, `"Resource": "*", "Principal"`)
	}
	const cond = `"Condition": {"Bool": {"aws:SecureTransport": "false"}}`
	tests := []struct {
		name string
		v    string
		want bool
	}{
		{"the AWS example", `{"Sid": "RestrictToTLSRequestsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
			"Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], ` + cond + `}`, true},
		{"principal AWS star", `{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", ` + cond + `}`, true},
		{"principal AWS list with star", `{"Effect": "Deny", "Principal": {"AWS": ["*"]}, "Action": "s3:*", ` + cond + `}`, true},
		{"principal account", `{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:*", ` + cond + `}`, false},
		{"principal service", `{"Effect": "Deny", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:*", ` + cond + `}`, false},
		{"principal service star", `{"Effect": "Deny", "Principal": {"Service": "*"}, "Action": "s3:*", ` + cond + `}`, false},
		{"principal ARN with wildcard account", `{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "s3:*", ` + cond + `}`, false},
		{"not principal", `{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:*", ` + cond + `}`, false},
		{"no principal", `{"Effect": "Deny", "Action": "s3:*", ` + cond + `}`, false},
		{"effect any case", `{"Effect": "deny", "Principal": "*", "Action": "s3:*", ` + cond + `}`, true},
		{"allow", `{"Effect": "Allow", "Principal": "*", "Action": "s3:*", ` + cond + `}`, false},
		{"action star", `{"Effect": "Deny", "Principal": "*", "Action": "*", ` + cond + `}`, true},
		{"action upper case", `{"Effect": "Deny", "Principal": "*", "Action": ["S3:*"], ` + cond + `}`, true},
		{"some actions only", `{"Effect": "Deny", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], ` + cond + `}`, false},
		{"not action of another service", `{"Effect": "Deny", "Principal": "*", "NotAction": "iam:*", ` + cond + `}`, true},
		{"bool if exists", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}`, true},
		{"json false", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": false}}}`, true},
		{"upper-case FALSE in a list, key any case", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"bool": {"AWS:securetransport": ["FALSE"]}}}`, true},
		{"secure transport true", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}`, false},
		{"no condition", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*"}`, false},
		{"narrowed by source vpce", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"},
			"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}`, false},
		{"a second key in the Bool block", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false", "aws:ViaAWSService": "false"}}}`, false},
		{"narrowed by source arn", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"},
			"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*"}}}`, false},
		{"tls version only", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"NumericLessThan": {"s3:TlsVersion": "1.2"}}}`, false},
		{"document", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"},
			{"Effect": "Deny", "Principal": "*", "Action": "s3:*", ` + cond + `}]}`, true},
		{"document, single statement object", `{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", ` + cond + `}}`, true},
		{"array", `[{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", ` + cond + `}]`, false},
		{"string", `"Deny"`, false},
		{"null", `null`, false},
	}
	for _, tt := range tests {
		if got := call(t, "deniesInsecureTransport", j(onAll(tt.v)), StringValue("s3:*"), StringValue(bucket)); got.Bool() != tt.want {
			t.Errorf("%s: deniesInsecureTransport('s3:*') = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := call(t, "deniesInsecureTransport", missing, StringValue("s3:*"), StringValue(bucket)); got.Bool() {
		t.Errorf("missing: true")
	}
	// Another service's deny is asked with its own action.
	sqs := j(onAll(`{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sqs:*", ` + cond + `}`))
	q := StringValue("arn:aws:sqs:us-east-1:123456789012:q")
	if !call(t, "deniesInsecureTransport", sqs, StringValue("sqs:*"), q).Bool() || call(t, "deniesInsecureTransport", sqs, StringValue("s3:*"), q).Bool() {
		t.Errorf("sqs deny read with the wrong action")
	}
}
