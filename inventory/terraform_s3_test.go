package inventory

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCannedACL pins the grants of each canned ACL (S3 User Guide,
// "Canned ACL"), in Terraform's and CloudFormation's spellings.
func TestCannedACL(t *testing.T) {
	for _, tc := range []struct{ names, want string }{
		{"private Private bucket-owner-full-control BucketOwnerRead", `[{"displayName":"bucket owner","premission":"FULL_CONTROL","type":"CanonicalUser"}]`},
		{"public-read PublicRead", `[{"displayName":"bucket owner","premission":"FULL_CONTROL","type":"CanonicalUser"},{"premission":"READ","type":"Group","uri":"http://acs.amazonaws.com/groups/global/AllUsers"}]`},
		{"public-read-write PublicReadWrite", `[{"displayName":"bucket owner","premission":"FULL_CONTROL","type":"CanonicalUser"},{"premission":"READ","type":"Group","uri":"http://acs.amazonaws.com/groups/global/AllUsers"},{"premission":"WRITE","type":"Group","uri":"http://acs.amazonaws.com/groups/global/AllUsers"}]`},
		{"authenticated-read AuthenticatedRead", `[{"displayName":"bucket owner","premission":"FULL_CONTROL","type":"CanonicalUser"},{"premission":"READ","type":"Group","uri":"http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}]`},
		{"log-delivery-write LogDeliveryWrite", `[{"displayName":"bucket owner","premission":"FULL_CONTROL","type":"CanonicalUser"},{"premission":"WRITE","type":"Group","uri":"http://acs.amazonaws.com/groups/s3/LogDelivery"},{"premission":"READ_ACP","type":"Group","uri":"http://acs.amazonaws.com/groups/s3/LogDelivery"}]`},
	} {
		for _, name := range strings.Fields(tc.names) {
			g, ok := cannedACLGrants(name)
			b, _ := json.Marshal(g)
			if !ok || string(b) != tc.want {
				t.Errorf("%s: %v %s, want %s", name, ok, b, tc.want)
			}
		}
	}
	if _, ok := cannedACLGrants("public"); ok {
		t.Error("public is not a canned ACL")
	}
	b := newBuilder(&iacResource{addr: "b"}, "S3Bucket")
	setCannedACL(b, "PublicReed")
	if _, ok := b.unknown["acl.grants"]; !ok || b.doc["acl"] != nil {
		t.Errorf("an unrecognised canned ACL must be unknown, not private: %v %v", b.doc, b.unknown)
	}
}

// TestS3OwnershipControls: a bucket's object ownership (BucketOwnerEnforced
// disables ACLs, which HIPAA-040 and 066 accept in place of known grants)
// comes from aws_s3_bucket_ownership_controls, merged into its bucket, and
// from a template's OwnershipControls.
func TestS3OwnershipControls(t *testing.T) {
	const plan = `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[
 {"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","change":{"actions":["create"],"after":{"bucket":"logs"},"after_unknown":{"id":true}}},
 {"address":"aws_s3_bucket_ownership_controls.o","mode":"managed","type":"aws_s3_bucket_ownership_controls","name":"o","change":{"actions":["create"],"after":{"bucket":"logs","rule":[{"object_ownership":"BucketOwnerEnforced"}]},"after_unknown":{}}}]}`
	const tmpl = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      OwnershipControls:\n        Rules: [{ObjectOwnership: BucketOwnerPreferred}]\n"
	for _, tc := range []struct {
		read func(emit func(Entity) error) error
		want string
	}{
		{func(emit func(Entity) error) error { return ReadTerraform(strings.NewReader(plan), "p.json", emit) }, "BucketOwnerEnforced"},
		{func(emit func(Entity) error) error {
			return ReadCloudFormation(strings.NewReader(tmpl), "t.yaml", emit)
		}, "BucketOwnerPreferred"},
	} {
		var doc []byte
		if err := tc.read(func(e Entity) error {
			if e.Data != nil {
				doc = e.Data
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc), `"ownershipControls":{"objectOwnership":"`+tc.want+`"}`) {
			t.Errorf("want object ownership %s in %s", tc.want, doc)
		}
	}
}
