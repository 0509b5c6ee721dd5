package builtin

import "testing"

func TestCoversWholeService(t *testing.T) {
	tests := []struct {
		recv string
		want bool
	}{
		// Patterns: IAM.21's "service:*" in every spelling IAM accepts.
		{`"s3:*"`, true},
		{`"IAM:*"`, true},
		{`"iam:**"`, true},
		{`"*"`, true},
		{`"*:*"`, true},
		{`"ec2*"`, true}, // every action whose name starts ec2, so all of ec2
		{`"ec?:*"`, true},
		{`"?3:*"`, true},
		{`"s3*:*"`, true},
		{`"s3:Get*"`, false},
		{`"s3:*Object"`, false},
		{`"s3:*Object*"`, false},
		{`"*:Get*"`, false},
		{`"*Object"`, false},
		{`"s3:GetObject"`, false},
		{`"ec2:Describe*"`, false},
		{`""`, false},
		// Arrays: any element.
		{`["s3:GetObject", "ec2:*"]`, true},
		{`["s3:GetObject", "ec2:Describe*"]`, false},
		{`[]`, false},
		// Statements: Action, or NotAction leaving some service whole.
		{`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, true},
		{`{"effect":"allow","action":["cloudwatch:GetMetricData","SQS:*"]}`, true},
		{`{"Effect":"Allow","Action":"s3:Get*"}`, false},
		{`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, true},
		{`{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"]}`, true},
		{`{"Effect":"Allow","NotAction":"*"}`, false},
		{`{"Effect":"Allow","NotAction":"*:*"}`, false},
		{`{"Effect":"Allow","NotAction":"*:Delete*"}`, false},
		{`{"Effect":"Allow","NotAction":["s3:*","?*"]}`, false},
		{`{"Effect":"Allow","NotAction":null}`, false},
		{`{"Effect":"Allow"}`, false},
		// Other operands.
		{`null`, false},
		{`3`, false},
	}
	for _, tt := range tests {
		if got := call(t, "coversWholeService", j(tt.recv)); got.Bool() != tt.want {
			t.Errorf("%s coversWholeService() = %v, want %v", tt.recv, got, tt.want)
		}
	}
	if got := call(t, "coversWholeService", MissingValue()); got.Bool() {
		t.Errorf("missing coversWholeService() = true")
	}
}

// TestCoversWholeServiceAgreesWithCoversAction: for patterns with a literal
// service, covering the whole service is coversAction(service:*).
func TestCoversWholeServiceAgreesWithCoversAction(t *testing.T) {
	for _, p := range []string{"s3:*", "s3:Get*", "S3:*", "s3:**", "s3:?*", "s3:*Object", "s3:GetObject"} {
		whole := coversWholeService(StringValue(p))
		if want := coversAction(StringValue(p), "s3:*"); whole != want {
			t.Errorf("%q: coversWholeService = %v, coversAction('s3:*') = %v", p, whole, want)
		}
	}
}
