package builtin

import "testing"

func TestGrantsPublicAccess(t *testing.T) {
	tests := []struct {
		name string
		stmt string
		want bool
	}{
		// Principal forms.
		{"star", `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}`, true},
		{"AWS star", `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject"}`, true},
		{"AWS star in list", `{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject"}`, true},
		{"AWS arn and star", `{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},"Action":"s3:*"}`, true},
		{"AWS account wildcard arn", `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"s3:*"}`, true},
		{"CanonicalUser star", `{"Effect":"Allow","Principal":{"CanonicalUser":"*"},"Action":"s3:*"}`, true},
		{"one account", `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*"}`, false},
		{"account list", `{"Effect":"Allow","Principal":{"AWS":["111122223333","444455556666"]},"Action":"s3:*"}`, false},
		{"service", `{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject"}`, false},
		{"federated", `{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`, false},
		{"canonical user id", `{"Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"s3:GetObject"}`, false},
		{"no principal (identity policy)", `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, false},
		{"NotPrincipal allow", `{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*"}`, true},
		{"NotPrincipal deny", `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*"}`, false},
		// Effect.
		{"deny star", `{"Effect":"Deny","Principal":"*","Action":"s3:*"}`, false},
		{"lower-case allow", `{"effect":"allow","principal":"*","action":"s3:*"}`, true},
		{"no effect", `{"Principal":"*","Action":"s3:*"}`, false},
		// Conditions that restrict the caller.
		{"SourceArn", `{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::logs"}}}`, false},
		{"SourceAccount", `{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}`, false},
		{"PrincipalOrgID", `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`, false},
		{"PrincipalOrgID key case", `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"stringequals":{"AWS:PRINCIPALORGID":["o-abc123"]}}}`, false},
		{"PrincipalAccount", `{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}`, false},
		{"PrincipalArn like", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/*"}}}`, false},
		{"SourceVpce", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`, false},
		{"SourceVpc", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-111bbb22"}}}`, false},
		{"SourceIp", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`, false},
		{"ForAnyValue StringEquals", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"ForAnyValue:StringEquals":{"aws:PrincipalOrgPaths":["o-a/r-b/ou-c/"]}}}`, false},
		{"kms CallerAccount", `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`, false},
		{"SourceArn bucket", `{"Effect":"Allow","Principal":{"Service":"*"},"Action":"sqs:SendMessage","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::ehr-uploads"}}}`, false},
		// Conditions that do not restrict who.
		{"PrincipalArn in any account", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin"}}}`, true},
		{"SourceArn in any account", `{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Condition":{"ArnLike":{"aws:SourceArn":["arn:aws:cloudwatch:us-east-1:*:alarm:*"]}}}`, true},
		{"SecureTransport Bool", `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, true},
		{"SecureTransport BoolIfExists", `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"BoolIfExists":{"aws:SecureTransport":"true"}}}`, true},
		{"SourceArn IfExists", `{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Condition":{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:s3:::logs"}}}`, true},
		{"StringNotEquals account", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringNotEquals":{"aws:SourceAccount":"999988887777"}}}`, true},
		{"NotIpAddress", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"NotIpAddress":{"aws:SourceIp":"198.51.100.0/24"}}}`, true},
		{"IpAddress whole internet", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":["0.0.0.0/0","::/0"]}}}`, true},
		{"StringLike star", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}`, true},
		{"ArnLike star in list", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"ArnLike":{"aws:SourceArn":["arn:aws:s3:::a","*"]}}}`, true},
		{"Null condition", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"Null":{"aws:SourceArn":"false"}}}`, true},
		{"request key", `{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}`, true},
		{"ForAllValues", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalOrgPaths":["o-a/"]}}}`, true},
		{"empty value list", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceAccount":[]}}}`, true},
		{"restricting and non-restricting keys", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}`, false},
		// Containers.
		{"array any", `[{"Effect":"Deny","Principal":"*","Action":"s3:*"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]`, true},
		{"array none", `[{"Effect":"Deny","Principal":"*","Action":"s3:*"}]`, false},
		{"document", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject"}]}`, true},
		{"document single statement", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}`, true},
		{"string", `"*"`, false},
		{"null principal", `{"Effect":"Allow","Principal":null,"Action":"s3:*"}`, false},
	}
	for _, tt := range tests {
		got := call(t, "grantsPublicAccess", j(tt.stmt))
		if got.Bool() != tt.want {
			t.Errorf("%s: %s grantsPublicAccess() = %v, want %v", tt.name, tt.stmt, got, tt.want)
		}
	}
	if got := call(t, "grantsPublicAccess", missing); got.Bool() {
		t.Errorf("missing grantsPublicAccess() = true")
	}
}

func TestGlobsOverlap(t *testing.T) {
	for _, tt := range []struct {
		p, q string
		want bool
	}{
		{"s3:*", "*:*", true}, {"s3:Get*", "s3:Put*", false}, {"s3:*Object", "s3:Get*", true},
		{"s3:?", "s3:ab", false}, {"s3:?", "s3:*", true}, {"iam:*", "s3:*", false}, {"", "", true},
		{"*", "", true}, {"a", "", false}, {"A*", "a", true},
	} {
		if got := globsOverlap(tt.p, tt.q); got != tt.want {
			t.Errorf("globsOverlap(%q, %q) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
		if got := globsOverlap(tt.q, tt.p); got != tt.want {
			t.Errorf("globsOverlap(%q, %q) = %v, want %v", tt.q, tt.p, got, tt.want)
		}
	}
}

func TestCoversAction(t *testing.T) {
	tests := []struct {
		recv   string
		action string
		want   bool
	}{
		{`"s3:GetObject"`, "s3:GetObject", true},
		{`"S3:getobject"`, "s3:GetObject", true},
		{`"s3:Get*"`, "s3:GetObject", true},
		{`"s3:get*"`, "S3:GETOBJECT", true},
		{`"s3:Put*"`, "s3:GetObject", false},
		{`"s3:*"`, "s3:PutBucketPolicy", true},
		{`"*"`, "iam:CreateUser", true},
		{`"*:*"`, "iam:CreateUser", true},
		{`"iam:*"`, "s3:GetObject", false},
		{`"s3:?etObject"`, "s3:GetObject", true},
		{`"s3:?etObject"`, "s3:GGetObject", false},
		{`"s3:GetObject*"`, "s3:GetObject", true},
		{`"s3:GetObjectAcl"`, "s3:GetObject", false},
		{`["ec2:Describe*", "s3:PutObject"]`, "s3:putobject", true},
		{`["ec2:Describe*", "s3:PutObject"]`, "s3:GetObject", false},
		{`[]`, "s3:GetObject", false},
		// Wildcard arguments: every action they name must be covered.
		{`"*"`, "*", true},
		{`"*:*"`, "*", true},
		{`"s3:*"`, "*", false},
		{`["s3:*", "iam:*"]`, "*", false},
		{`"s3:*"`, "s3:*", true},
		{`"S3:*"`, "s3:*", true},
		{`"s3:Get*"`, "s3:*", false},
		{`"s3:Get*"`, "s3:Get*", true},
		{`"s3:?et*"`, "s3:Get*", true},
		{`"s3:G?*"`, "s3:*", false},
		// Statements: Action, NotAction.
		{`{"Effect":"Allow","Action":"*","Resource":"*"}`, "*", true},
		{`{"Effect":"Allow","action":["iam:*"],"Resource":"*"}`, "IAM:PassRole", true},
		{`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, "s3:GetObject", true},
		{`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, "iam:CreateUser", false},
		{`{"Effect":"Allow","NotAction":["s3:*"],"Resource":"*"}`, "*", false},
		{`{"Effect":"Allow","NotAction":["s3:Get*"],"Resource":"*"}`, "s3:*", false},
		{`{"Effect":"Allow","NotAction":["s3:Get*"],"Resource":"*"}`, "s3:Put*", true},
		{`{"Effect":"Allow","NotAction":["S3:GETOBJECT"],"Resource":"*"}`, "s3:getObject", false},
		{`{"Effect":"Allow","NotAction":["s3:?etObject"],"Resource":"*"}`, "s3:G*", false},
		{`{"Effect":"Allow","Resource":"*"}`, "s3:GetObject", false},
		// Other values.
		{`5`, "s3:GetObject", false},
		{`null`, "s3:GetObject", false},
	}
	for _, tt := range tests {
		got := call(t, "coversAction", j(tt.recv), StringValue(tt.action))
		if got.Bool() != tt.want {
			t.Errorf("%s coversAction(%q) = %v, want %v", tt.recv, tt.action, got, tt.want)
		}
	}
	f, _ := Default().Lookup("coversAction")
	if err := f.CheckCall([]Value{MissingValue()}); err == nil {
		t.Errorf("coversAction with a computed argument passed CheckCall")
	}
}

// FuzzCoversAction checks actionMatch against globsOverlap: a pattern that
// covers an action must also overlap it, and neither may panic.
func FuzzCoversAction(f *testing.F) {
	for _, s := range [][2]string{{"s3:*", "s3:GetObject"}, {"*", "*"}, {"s3:?et*", "s3:Get*"}, {"**?", ""}, {"a*b*c", "a*c"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, p, a string) {
		if len(p) > 64 || len(a) > 64 {
			return
		}
		covers := actionMatch(p, a)
		aa := a
		if aa == "*" {
			aa = "*:*"
		}
		if covers && !globsOverlap(p, aa) {
			t.Fatalf("actionMatch(%q, %q) but the patterns do not overlap", p, a)
		}
	})
}

func BenchmarkGrantsPublicAccess(b *testing.B) {
	doc := j(`{"Version":"2012-10-17","Statement":[{"Sid":"CloudTrail","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"},{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}`)
	for b.Loop() {
		if grantsPublic(doc) {
			b.Fatal("public")
		}
	}
}
