package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// renderEntities writes the entities a reader emitted as NDJSON: the
// document itself with its origin, or an error or not-modelled record.
func renderEntities(t *testing.T, ents []Entity) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, e := range ents {
		o := e.Origin
		origin := fmt.Sprintf("%s:%d:%d #%d %s", filepath.Base(o.Input), o.Line, o.Col, o.Index, o.Resource)
		var line any
		switch {
		case e.Err != nil:
			line = map[string]any{"origin": origin, "error": e.Err.Error()}
		case e.NotModelled != "":
			line = map[string]any{"origin": origin, "notModelled": e.NotModelled}
		case e.Ignored != "":
			line = map[string]any{"origin": origin, "ignored": e.Ignored}
		default:
			var doc any
			if err := json.Unmarshal(e.Data, &doc); err != nil {
				t.Fatalf("%s: document is not JSON: %v", origin, err)
			}
			line = map[string]any{"origin": origin, "doc": doc}
		}
		b, err := json.Marshal(line)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func collectEntities(t *testing.T, read func(func(Entity) error) error) ([]Entity, error) {
	t.Helper()
	var ents []Entity
	err := read(func(e Entity) error {
		ents = append(ents, e)
		return nil
	})
	return ents, err
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./inventory -update)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs (-want +got; go test ./inventory -update rewrites it):\n%s", golden, d)
	}
}

// TestTerraformGolden converts checkov's plan fixtures (format versions
// 0.1 to 1.2, modules, split S3 resources, UTF-16) and compares the
// entities with golden files.
func TestTerraformGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/terraform/*/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ents, err := collectEntities(t, func(emit func(Entity) error) error {
				return ReadTerraform(bytes.NewReader(data), f, emit)
			})
			out := renderEntities(t, ents)
			if err != nil {
				out = append(out, []byte("input error: "+strings.ReplaceAll(err.Error(), f, filepath.Base(f))+"\n")...)
			}
			checkGolden(t, filepath.Join("testdata/terraform/golden", name+".ndjson"), out)
		})
	}
}

// TestTerraformJoins pins the merging of split resources on a hand-written
// plan: references through a for_each module, a literal security group
// id, a child whose bucket is in no input, a deleted resource and a data
// source (neither emitted), an unmodelled type.
func TestTerraformJoins(t *testing.T) {
	f := "testdata/terraform/handwritten/joins_plan.json"
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := collectEntities(t, func(emit func(Entity) error) error { return ReadTerraform(bytes.NewReader(data), f, emit) })
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range ents {
		switch {
		case e.Err != nil:
			got[e.Origin.Resource] = "error: " + e.Err.Error()
		case e.NotModelled != "":
			got[e.Origin.Resource] = "not modelled: " + e.NotModelled
		case e.Ignored != "":
			got[e.Origin.Resource] = "ignored: " + e.Ignored
		default:
			got[e.Origin.Resource] = string(e.Data)
		}
	}
	want := []struct{ addr, contains string }{
		{"aws_kms_key.k", `"rotationStatus":true`},
		{"aws_db_instance.db", `"kmsKeyId":"${aws_kms_key.k.arn}"`},
		{"aws_db_instance.db", `"references":{"kmsKeyId":["aws_kms_key.k","aws_kms_key.k.arn"]}`},
		{`module.logs.aws_s3_bucket.b["audit"]`, `"merged":["module.logs.aws_s3_bucket_policy.p[\"audit\"]","module.logs.aws_s3_bucket_versioning.v[\"audit\"]"]`},
		{`module.logs.aws_s3_bucket.b["audit"]`, `"versioning":{"status":"Enabled"}`},
		{`module.logs.aws_s3_bucket.b["audit"]`, `"aws:SecureTransport":"false"`},
		{"aws_s3_bucket_versioning.orphan", `error: aws_s3_bucket_versioning.orphan: its bucket "bucket-of-another-state" is not a aws_s3_bucket of this input`},
		{"aws_security_group.sg", `"inboundRules":[{"port":22,"portTo":22,"protocol":"TCP","scope":"0.0.0.0/0"}]`},
		{"aws_security_group.sg", `"outboundRules":[{"port":0,"portTo":65535,"protocol":"ALL","scope":"0.0.0.0/0"}]`},
		{"aws_iam_account_password_policy.strict", `"passwordPolicy":{"allowUsersToChangePassword":true,"enabledInAccount":true,"expirePasswords":true,"hardExpiry":false,"maxPasswordAge":90,"minPasswordLength":14`},
		{"aws_glue_job.etl", "not modelled: aws_glue_job"},
		// Joined through the module's output bucket_id.
		{"module.store.aws_s3_bucket.this", `"publicAccessBlockConfiguration":{"blockPublicAcls":true,"blockPublicPolicy":false`},
		// Joined through the module argument group_id (var.group_id).
		{"aws_security_group.new", `"inboundRules":[{"port":5432,"portTo":5432,"protocol":"TCP","scope":"0.0.0.0/0"}]`},
		{"aws_security_group.new", `"merged":["module.guard[0].aws_security_group_rule.pg"]`},
		// Every merged child is accounted for by a record naming its parent.
		{`module.logs.aws_s3_bucket_policy.p["audit"]`, `ignored: aws_s3_bucket_policy (merged into its S3Bucket)`},
		{"module.guard[0].aws_security_group_rule.pg", "ignored: aws_security_group_rule (merged into its SecurityGroup)"},
	}
	for _, w := range want {
		if !strings.Contains(got[w.addr], w.contains) {
			t.Errorf("%s: want %s in\n%s", w.addr, w.contains, got[w.addr])
		}
	}
	for _, gone := range []string{"aws_ebs_volume.old", "data.aws_caller_identity.me"} {
		if _, ok := got[gone]; ok {
			t.Errorf("%s emitted: %s", gone, got[gone])
		}
	}
	if len(ents) != 14 {
		t.Errorf("%d entities, want 14 (7 documents, 1 error, 1 not modelled, 5 merged children)", len(ents))
	}
}

// TestTerraformState reads `terraform show -json` of a state: values of a
// root module and a child module, inline provider-v3 bucket arguments.
func TestTerraformState(t *testing.T) {
	state := `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{
	  "resources":[{"address":"aws_s3_bucket.logs","mode":"managed","type":"aws_s3_bucket","name":"logs","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,
	    "values":{"bucket":"acme-logs","id":"acme-logs","acl":"log-delivery-write","versioning":[{"enabled":true,"mfa_delete":false}],
	      "server_side_encryption_configuration":[{"rule":[{"apply_server_side_encryption_by_default":[{"sse_algorithm":"aws:kms","kms_master_key_id":"arn:aws:kms:us-east-1:111122223333:key/k"}],"bucket_key_enabled":true}]}],
	      "logging":[],"policy":"","tags":{"contains_phi":"true"}}},
	    {"address":"data.aws_region.here","mode":"data","type":"aws_region","name":"here","values":{"name":"us-east-1"}}],
	  "child_modules":[{"address":"module.net","resources":[{"address":"module.net.aws_subnet.a[0]","mode":"managed","type":"aws_subnet","name":"a","index":0,
	    "values":{"cidr_block":"10.0.1.0/24","map_public_ip_on_launch":true,"vpc_id":"vpc-1","tags":{"Name":"public-a"}}}]}]}}}`
	ents, err := collectEntities(t, func(emit func(Entity) error) error {
		return ReadTerraform(strings.NewReader(state), "state.json", emit)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 {
		t.Fatalf("%d entities, want 2 (the data source is not a resource)", len(ents))
	}
	for _, want := range []string{
		`"grants":[{"displayName":"bucket owner","premission":"FULL_CONTROL","type":"CanonicalUser"},{"premission":"WRITE","type":"Group","uri":"http://acs.amazonaws.com/groups/s3/LogDelivery"},{"premission":"READ_ACP","type":"Group","uri":"http://acs.amazonaws.com/groups/s3/LogDelivery"}]`,
		`"versioning":{"mfaDelete":"Disabled","status":"Enabled"}`,
		`"serverSideEncryptionAlgorithm":"aws:kms"`,
		`"logging":{"enabled":false}`,
		`"format":"terraform-state"`,
	} {
		if !strings.Contains(string(ents[0].Data), want) {
			t.Errorf("bucket: want %s in\n%s", want, ents[0].Data)
		}
	}
	if strings.Contains(string(ents[0].Data), `"policy"`) || strings.Contains(string(ents[0].Data), `"unknown"`) {
		t.Errorf("an empty policy is no policy, and a state knows everything: %s", ents[0].Data)
	}
	if !strings.Contains(string(ents[1].Data), `"id":"module.net.aws_subnet.a[0]","mapPublicIpOnLaunch":true,"name":"public-a"`) {
		t.Errorf("subnet: %s", ents[1].Data)
	}
}

func TestTerraformErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"syntax", "{\n  \"format_version\": \"1.0\",\n  \"planned_values\": {,}\n}", "p.json:3:22: invalid JSON"},
		{"raw state", `{"version": 4, "terraform_version": "1.5.0", "serial": 1, "lineage": "abc", "resources": []}`, "raw Terraform state file (version 4); convert it with `terraform show -json` first"},
		{"not terraform", `{"type": "S3Bucket", "id": "b"}`, "not Terraform JSON: no format_version"},
		{"future format", `{"format_version": "2.0", "resource_changes": []}`, "p.json: Terraform plan: unsupported plan format version"},
		{"array", `[1]`, "p.json:1:1: not Terraform JSON"},
		{"odd utf-16", "\xff\xfe{\x00}", "UTF-16 text with an odd number of bytes"},
	} {
		err := ReadTerraform(strings.NewReader(tc.src), "p.json", func(Entity) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestTerraformMalformedValues: attribute values of the wrong shape (a
// provider bug, a hand-edited plan) never panic.
func TestTerraformMalformedValues(t *testing.T) {
	odd := []string{`"oops"`, `[1, "x", null]`, `{"a": [{"b": 1}]}`, `42`, `[[["x"]]]`, `[{"enabled": "yes", "target_bucket": 1}]`}
	types := []string{}
	for tt := range terraformTypes {
		types = append(types, tt)
	}
	attrs := []string{"ingress", "egress", "grant", "acl", "policy", "logging", "versioning", "server_side_encryption_configuration",
		"replication_configuration", "lifecycle_rule", "tags", "metadata_options", "root_block_device", "ebs_block_device",
		"event_selector", "advanced_event_selector", "server_side_encryption", "point_in_time_recovery", "listener", "access_logs",
		"default_action", "ordered_cache_behavior", "origin", "viewer_certificate", "inline_policy", "managed_policy_arns",
		"vpc_config", "rule", "access_control_policy", "versioning_configuration", "users", "groups", "roles", "bucket",
		"security_group_id", "cidr_blocks", "protocol", "from_port", "to_port", "assume_role_policy", "principal", "source_arn"}
	for _, v := range odd {
		var rcs []string
		for i, tt := range types {
			var kv []string
			for _, a := range attrs {
				kv = append(kv, `"`+a+`": `+v)
			}
			rcs = append(rcs, `{"address": "`+tt+`.x`+strings.Repeat("y", i)+`", "mode": "managed", "type": "`+tt+`", "change": {"actions": ["create"], "after": {`+strings.Join(kv, ",")+`}, "after_unknown": {}}}`)
		}
		plan := `{"format_version": "1.2", "resource_changes": [` + strings.Join(rcs, ",") + `]}`
		ents, err := collectEntities(t, func(emit func(Entity) error) error { return ReadTerraform(strings.NewReader(plan), "p.json", emit) })
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		// Every resource is an entity or merged into one (once: the
		// account-wide public access block goes into every bucket).
		merged := map[string]bool{}
		for _, e := range ents {
			var doc struct {
				Source struct{ Merged []string } `json:"source"`
			}
			if e.Data != nil {
				if err := json.Unmarshal(e.Data, &doc); err != nil {
					t.Fatal(err)
				}
			}
			for _, m := range doc.Source.Merged {
				merged[m] = true
			}
		}
		for _, e := range ents {
			delete(merged, e.Origin.Resource)
		}
		if len(ents)+len(merged) != len(types) {
			t.Errorf("%s: %d entities and %d merged for %d resources", v, len(ents), len(merged), len(types))
		}
		for _, e := range ents {
			if e.Err != nil && strings.Contains(e.Err.Error(), "internal error") {
				t.Errorf("%s: %v", v, e.Err)
			}
		}
	}
}

// TestConvertRecovers: a mapping that panics turns its resource into an
// error record; the other resources still convert.
func TestConvertRecovers(t *testing.T) {
	types := map[string]typeMap{
		"bad":  {entity: "X", build: func(*builder) { panic("boom") }},
		"good": {entity: "Y", build: func(b *builder) { b.set("ok", true) }},
	}
	res := []*iacResource{
		{addr: "bad.a", typ: "bad", vals: map[string]any{}, origin: Origin{Input: "p"}},
		{addr: "good.b", typ: "good", vals: map[string]any{}, origin: Origin{Input: "p"}},
	}
	var ents []Entity
	if err := convert(res, types, func(e Entity) error { ents = append(ents, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 || ents[0].Err == nil || ents[0].Err.Error() != "bad.a: internal error converting bad: boom" || ents[1].Data == nil {
		t.Errorf("%+v", ents)
	}
}
