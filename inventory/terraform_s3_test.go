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
