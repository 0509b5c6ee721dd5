package builtin

import "testing"

func TestDeniesInsecureTransport(t *testing.T) {
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
		if got := call(t, "deniesInsecureTransport", j(tt.v), StringValue("s3:*")); got.Bool() != tt.want {
			t.Errorf("%s: deniesInsecureTransport('s3:*') = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := call(t, "deniesInsecureTransport", missing, StringValue("s3:*")); got.Bool() {
		t.Errorf("missing: true")
	}
	// Another service's deny is asked with its own action.
	sqs := j(`{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sqs:*", ` + cond + `}`)
	if !call(t, "deniesInsecureTransport", sqs, StringValue("sqs:*")).Bool() || call(t, "deniesInsecureTransport", sqs, StringValue("s3:*")).Bool() {
		t.Errorf("sqs deny read with the wrong action")
	}
}
