package inventory

import "testing"

func TestMayHaveUnknowns(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want bool
	}{
		{`{"type":"S3Bucket","id":"b"}`, false},
		// a security group's rules name their sources: not a list of unknowns
		{`{"type":"SecurityGroup","id":"sg-1","inboundRules":[{"source":"0.0.0.0/0","port":22}]}`, false},
		{`{"type":"Lambda","id":"f","source":"s3://bucket/key"}`, false},
		{`{"type":"Instance","id":"i","source":{"input":"plan.json"}}`, false},
		{`{"type":"Instance","id":"i","source":{"unknown":{"kmsKeyId":["aws_kms_key.k.arn"]}}}`, true},
		{`{"type":"Instance","id":"i","source":{"references":{"roleArn":["aws_iam_role.r"]}}}`, true},
		{`{"type":"SecurityGroup","inboundRules":[{"source":"sg-2"}],"source":{"unknown":{"vpcId":[]}}}`, true},
	} {
		if got := MayHaveUnknowns([]byte(tc.doc)); got != tc.want {
			t.Errorf("MayHaveUnknowns(%s) = %v, want %v", tc.doc, got, tc.want)
		}
		// it must never hide a document that Undecided would judge
		if !tc.want && len(Undecided([]byte(tc.doc), []string{"kmsKeyId", "roleArn", "vpcId", "inboundRules"}, true)) > 0 {
			t.Errorf("%s: MayHaveUnknowns is false but Undecided finds unknowns", tc.doc)
		}
	}
}
