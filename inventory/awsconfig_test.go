package inventory

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// record renders one emitted entity for golden files and comparisons.
func record(e Entity) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", e.Label())
	if e.Resource != "" {
		fmt.Fprintf(&b, " (%s)", e.Resource)
	}
	switch {
	case e.Err != nil:
		fmt.Fprintf(&b, "\n  error: %v", e.Err)
	case e.NotModelled != "":
		fmt.Fprintf(&b, "\n  not modelled: %s", e.NotModelled)
	case e.Ignored != "":
		fmt.Fprintf(&b, "\n  no document: %s", e.Ignored)
	default:
		var out bytes.Buffer
		if err := json.Indent(&out, e.Data, "  ", "  "); err != nil {
			fmt.Fprintf(&b, "\n  INVALID JSON %v: %s", err, e.Data)
		} else {
			b.WriteString("\n  ")
			b.Write(out.Bytes())
		}
	}
	return b.String()
}

// readAll reads input through Read and renders every record, then the
// error that ended it.
func readAll(t testing.TB, name string, in []byte, opts Options) []string {
	t.Helper()
	var recs []string
	err := Read(bytes.NewReader(in), name, opts, func(e Entity) error {
		recs = append(recs, record(e))
		return nil
	})
	if err != nil {
		recs = append(recs, "input error: "+err.Error())
	}
	return recs
}

// TestAWSConfigGolden converts every real example file (the RDK's example
// items, the developer guide's snapshot, history and query outputs) and
// compares the records with testdata/awsconfig/golden (-update rewrites
// them). Every item yields exactly one record.
func TestAWSConfigGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/awsconfig/*/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example files: %v", err)
	}
	for _, file := range files {
		dir := filepath.Base(filepath.Dir(file))
		if dir == "golden" {
			continue
		}
		t.Run(dir+"/"+filepath.Base(file), func(t *testing.T) {
			in, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			name := dir + "/" + filepath.Base(file)
			recs := readAll(t, name, in, Options{})
			got := strings.Join(recs, "\n") + "\n"
			golden := filepath.Join("testdata/awsconfig/golden", dir+"-"+strings.TrimSuffix(filepath.Base(file), ".json")+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("records differ from %s (-want +got):\n%s", golden, diff)
			}
			// Counts in and out match: one record per item of a valid input.
			if n, ok := itemCount(in); ok {
				if len(recs) != n {
					t.Errorf("%d records for %d items", len(recs), n)
				}
			}
		})
	}
}

// itemCount counts the configuration items of a valid input, as
// encoding/json reads it.
func itemCount(in []byte) (int, bool) {
	var v any
	if json.Unmarshal(in, &v) != nil {
		return 0, false
	}
	switch t := v.(type) {
	case []any:
		return len(t), true
	case map[string]any:
		n := 0
		found := false
		for _, k := range []string{"configurationItems", "baseConfigurationItems", "Results"} {
			if l, ok := t[k].([]any); ok {
				n += len(l)
				found = true
			}
		}
		if !found {
			return 1, true
		}
		return n, true
	}
	return 0, false
}

// rdkItems returns the valid RDK example items, one per element.
func rdkItems(t testing.TB) []json.RawMessage {
	t.Helper()
	files, _ := filepath.Glob("testdata/awsconfig/rdk/*.json")
	var items []json.RawMessage
	for _, f := range files {
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var one json.RawMessage
		var many []json.RawMessage
		switch {
		case json.Unmarshal(in, &many) == nil:
			items = append(items, many...)
		case json.Unmarshal(in, &one) == nil:
			items = append(items, one)
		}
	}
	if len(items) < 70 {
		t.Fatalf("only %d RDK items", len(items))
	}
	return items
}

// snapshotOf returns a snapshot file holding items, as Config delivers it.
func snapshotOf(items []json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteString(`{"fileVersion":"1.0","configSnapshotId":"94ccff53-83be-42d9-996f-b4624b3c1a55","configurationItems":[`)
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(it)
	}
	b.WriteString("]}")
	return b.Bytes()
}

func gzipped(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// sortedRecords renders the records without their labels (which name the
// shape the items came in), sorted.
func withoutLabels(recs []string) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		if j := strings.IndexByte(r, '\n'); j >= 0 {
			r = r[j:]
		}
		out[i] = r
	}
	return out
}

// TestAWSConfigShapes reads the same items in every shape Config and its
// CLI write them: the documents are the same.
func TestAWSConfigShapes(t *testing.T) {
	items := rdkItems(t)
	snap := snapshotOf(items)
	want := withoutLabels(readAll(t, "snapshot.json", snap, Options{}))
	if len(want) != len(items) {
		t.Fatalf("%d records for %d items", len(want), len(items))
	}
	var results bytes.Buffer
	results.WriteString(`{"QueryInfo":{"SelectFields":[{"Name":"*"}]},"Results":[`)
	for i, it := range items {
		if i > 0 {
			results.WriteByte(',')
		}
		s, _ := json.Marshal(string(it))
		results.Write(s)
	}
	results.WriteString(`]}`)
	var ndjson bytes.Buffer
	for _, it := range items {
		var c bytes.Buffer
		json.Compact(&c, it)
		ndjson.Write(c.Bytes())
		ndjson.WriteByte('\n')
	}
	shapes := []struct {
		name string
		in   []byte
		opts Options
	}{
		{"snapshot.json.gz", gzipped(snap), Options{}},
		{"history.json", bytes.Replace(snap, []byte(`"configSnapshotId":"94ccff53-83be-42d9-996f-b4624b3c1a55",`), nil, 1), Options{}},
		{"batch-get.json", bytes.Replace(snap, []byte(`"configurationItems"`), []byte(`"baseConfigurationItems"`), 1), Options{}},
		{"history-page.json", append(bytes.Clone(bytes.TrimSuffix(snap, []byte("}"))), `,"nextToken":"abc"}`...), Options{}},
		{"select.json", results.Bytes(), Options{}},
		{"array.json", []byte("[" + strings.TrimSuffix(string(snap[bytes.IndexByte(snap, '[')+1:]), "}")), Options{}},
		{"items.ndjson", ndjson.Bytes(), Options{Format: FormatAWSConfig}},
		{"items.json", ndjson.Bytes(), Options{}},
		{"snapshot", snap, Options{Format: FormatAWSConfig}},
	}
	for _, s := range shapes {
		got := withoutLabels(readAll(t, s.name, s.in, s.opts))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: records differ from the snapshot's (-snapshot +%s):\n%s", s.name, s.name, diff)
		}
	}
}

// TestAWSConfigSpill holds every held-back item and every indexed item's
// body in the temporary files: the records are those of a run that keeps
// them in memory.
func TestAWSConfigSpill(t *testing.T) {
	snap := snapshotOf(rdkItems(t))
	want := readAll(t, "snapshot.json", snap, Options{})
	defer func(n, m int) { heldMemory, indexMemory = n, m }(heldMemory, indexMemory)
	heldMemory, indexMemory = 0, 0
	got := readAll(t, "snapshot.json", snap, Options{})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spilled records differ (-memory +spilled):\n%s", diff)
	}
}

// TestAWSConfigDetection checks which inputs are taken as AWS Config data
// and which are left to the document readers.
func TestAWSConfigDetection(t *testing.T) {
	item := `{"configurationItemVersion":"1.3","resourceType":"AWS::Glue::Job","resourceId":"j","configurationItemCaptureTime":"2021-01-01T00:00:00Z","configuration":{}}`
	tests := []struct {
		name, in string
		opts     Options
		want     []string
	}{
		{"an entity document", `{"type":"Instance","id":"i-1","resourceType":"x","configurationItemStatus":"OK"}`, Options{},
			[]string{"a.json\n  {\n    \"type\": \"Instance\",\n    \"id\": \"i-1\",\n    \"resourceType\": \"x\",\n    \"configurationItemStatus\": \"OK\"\n  }"}},
		{"a type map", `{"Results":[{"type":"Results","id":"r"}],"S3Bucket":[]}`, Options{},
			[]string{"a.json[Results][0]\n  {\n    \"type\": \"Results\",\n    \"id\": \"r\"\n  }"}},
		{"one item", item, Options{}, []string{"a.json:1 (j)\n  not modelled: AWS::Glue::Job"}},
		{"a notification", `{"configurationItemDiff":null,"configurationItem":` + item + `,"notificationCreationTime":"2021-01-01T00:00:00Z","messageType":"ConfigurationItemChangeNotification"}`, Options{},
			[]string{"a.json:1 (j)\n  not modelled: AWS::Glue::Job"}},
		{"not config data", `{"id":"x"}`, Options{Format: FormatAWSConfig},
			[]string{`input error: a.json:1: not AWS Config data: expected a configuration item, a snapshot or history file ({"configurationItems": [...]}) or the output of batch-get-resource-config, get-resource-config-history or select-resource-config`}},
		{"a deleted resource", strings.Replace(item, `"configuration":{}`, `"configurationItemStatus":"ResourceDeleted"`, 1), Options{},
			[]string{"a.json:1 (j)\n  no document: AWS::Glue::Job (ResourceDeleted)"}},
		{"an empty snapshot", `{"fileVersion":"1.0","configurationItems":[]}`, Options{}, nil},
		{"a result that is not a string", `{"QueryInfo":{},"Results":[{"resourceId":"x"}]}`, Options{},
			[]string{"a.json[Results][0]\n  error: a result of select-resource-config must be a JSON string holding an object"}},
		{"a result without resourceType", `{"QueryInfo":{},"Results":["{\"resourceId\":\"x\"}"]}`, Options{},
			[]string{"a.json[Results][0]\n  error: configuration item without \"resourceType\""}},
		{"a malformed item", `{"configurationItems":[{"resourceType":"AWS::EC2::Volume","resourceId":"v","configuration":[1]},` + item + `]}`, Options{},
			[]string{"a.json[configurationItems][0] (v)\n  error: configuration: a JSON array, not an object", "a.json[configurationItems][1] (j)\n  not modelled: AWS::Glue::Job"}},
		{"a bad time", `{"configurationItems":[{"resourceType":"AWS::EC2::Volume","resourceId":"v","configurationItemCaptureTime":true}]}`, Options{},
			[]string{"a.json[configurationItems][0]\n  error: configurationItemCaptureTime: a JSON boolean, not a time"}},
		{"a broken snapshot", `{"configurationItems":[` + item + `,{"resourceType": ]}`, Options{},
			[]string{"a.json[configurationItems][0] (j)\n  not modelled: AWS::Glue::Job", `a.json[configurationItems][1]` + "\n  error: unexpected ']' at line 1, column 198 ('{' opened before it is not closed)",
				"input error: a.json:1: the rest of the input was not read: unexpected ']' at line 1, column 198 ('{' opened before it is not closed)"}},
	}
	for _, tt := range tests {
		got := readAll(t, "a.json", []byte(tt.in), tt.opts)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestAWSConfigValues checks the normalisations: 1.2 and 1.3 field names,
// JSON in strings, epoch times.
func TestAWSConfigValues(t *testing.T) {
	for _, tt := range []struct {
		name, item string
		want       map[string]any
	}{
		{"version 1.2 names", `{"version":"1.2","accountId":"012345678901","arn":"arn:aws:kms:us-east-1:012345678901:key/k","resourceType":"AWS::KMS::Key","resourceId":"k","awsRegion":"us-east-1","configurationItemCaptureTime":1621024924302,"configuration":{"keyManager":"CUSTOMER","creationDate":1621024924302}}`,
			map[string]any{"accountNumber": "012345678901", "arn": "arn:aws:kms:us-east-1:012345678901:key/k", "creationDate": "2021-05-14T20:42:04Z", "isCustomerManaged": true}},
		{"version 1.3 names", `{"configurationItemVersion":"1.3","awsAccountId":"012345678901","ARN":"arn:aws:kms:us-east-1:012345678901:key/k","resourceType":"AWS::KMS::Key","resourceId":"k","configurationItemCaptureTime":"2021-05-14T20:42:04.302Z","configuration":"{\"keyManager\":\"AWS\"}","supplementaryConfiguration":{"KeyRotationStatus":"true","Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"}}`,
			map[string]any{"accountNumber": "012345678901", "arn": "arn:aws:kms:us-east-1:012345678901:key/k", "isCustomerManaged": false, "rotationStatus": true, "policy": map[string]any{"Version": "2012-10-17", "Statement": []any{}}}},
		{"CLI epoch seconds", `{"resourceType":"AWS::EC2::Volume","resourceId":"v","configurationItemCaptureTime":1414708529.9219999,"configuration":{"createTime":1414708529}}`,
			map[string]any{"createTime": "2014-10-30T22:35:29Z"}},
	} {
		var doc map[string]any
		err := Read(strings.NewReader(tt.item), "i.json", Options{Format: FormatAWSConfig}, func(e Entity) error {
			if e.Data == nil {
				return fmt.Errorf("no document: %+v", e)
			}
			return json.Unmarshal(e.Data, &doc)
		})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		for k, v := range tt.want {
			if diff := cmp.Diff(v, doc[k]); diff != "" {
				t.Errorf("%s: %s (-want +got):\n%s", tt.name, k, diff)
			}
		}
	}
}

// FuzzAWSConfig reads arbitrary input as AWS Config data: no panic, and
// every record is exactly one of a document (a JSON object with a type and
// an id), an error, a NotModelled or an Ignored record.
func FuzzAWSConfig(f *testing.F) {
	for _, file := range []string{"rdk/AWS_EC2_Instance.json", "rdk/AWS_S3_Bucket.json", "rdk/AWS_EC2_SecurityGroup.json", "rdk/AWS_LAMBDA_FUNCTION.json", "devguide/snapshot.json", "devguide/select-instances.json",
		"rdk/AWS_ECS_TaskDefinition.json", "rdk/AWS_ElasticSearch_Domain.json", "rdk/AWS_OpenSearch_Domain.json", "rdk/AWS_EKS_Cluster.json",
		"rdk/AWS_AutoScaling_AutoScalingGroup.json", "rdk/AWS_EC2_LaunchTemplate.json", "rdk/AWS_RDS_DBClusterSnapshot.json", "rdk/AWS_ECR_Repository.json"} {
		in, err := os.ReadFile(filepath.Join("testdata/awsconfig", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(in, false)
		f.Add(gzipped(in), true)
	}
	f.Add([]byte(`{"configurationItems":[{"resourceType":"AWS::EC2::Instance","resourceId":"i","configuration":"{\"securityGroups\":[1]}"}]}`), true)
	// Joined types with fields of the wrong JSON type.
	f.Add([]byte(`{"configurationItems":[{"resourceType":"AWS::ECS::Cluster","resourceId":"c","configuration":{"ClusterSettings":{"a":1},"Arn":"c"}},{"resourceType":"AWS::ECS::Service","resourceId":"s","configuration":{"Cluster":"c","NetworkConfiguration":{"AwsvpcConfiguration":{"SecurityGroups":"sg-1"}}}},`+
		`{"resourceType":"AWS::ApiGateway::RestApi","resourceId":"arn:a/restapis/x","configuration":{"policy":"{\\\"a\\\":1}"}},{"resourceType":"AWS::ApiGateway::Stage","resourceId":"arn:a/restapis/x/stages/s","configuration":{"methodSettings":[1]}},`+
		`{"resourceType":"AWS::AutoScaling::AutoScalingGroup","resourceId":"g","configuration":{"launchConfigurationName":"l","mixedInstancesPolicy":{"launchTemplate":{"overrides":3}}}},{"resourceType":"AWS::AutoScaling::LaunchConfiguration","resourceId":"l","configuration":{"metadataOptions":[]}}]}`), false)
	f.Fuzz(func(t *testing.T, in []byte, auto bool) {
		opts := Options{Format: FormatAWSConfig, MaxDocBytes: 1 << 16}
		if auto {
			opts.Format = FormatAuto
		}
		Read(bytes.NewReader(in), "f.json", opts, func(e Entity) error {
			n := 0
			for _, set := range []bool{e.Data != nil, e.Err != nil, e.NotModelled != "", e.Ignored != ""} {
				if set {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("record with %d of data, error, not modelled, ignored: %+v", n, e)
			}
			if e.Data != nil && e.Resource != "" {
				var doc map[string]any
				if err := json.Unmarshal(e.Data, &doc); err != nil {
					t.Fatalf("converted document is not a JSON object: %v: %s", err, e.Data)
				}
				if _, ok := doc["type"].(string); !ok {
					t.Fatalf("converted document without a type: %s", e.Data)
				}
				if id, _ := doc["id"].(string); id == "" {
					t.Fatalf("converted document without an id: %s", e.Data)
				}
			}
			return nil
		})
	})
}

// TestAppendJSONInvalidNumber checks that the converter refuses to write
// a number that is not JSON.
func TestAppendJSONInvalidNumber(t *testing.T) {
	if _, err := appendJSON(nil, json.Number("1e")); err == nil {
		t.Error("an invalid number was written")
	}
}

// TestDirFiles lists a directory's inventory files, sorted, and refuses a
// directory without any.
func TestDirFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.json", "a.ndjson.gz", "c.JSONL", "notes.txt", "d.json.bak"} {
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "sub.json"), 0o755)
	got, err := DirFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.ndjson.gz"), filepath.Join(dir, "b.json"), filepath.Join(dir, "c.JSONL")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := DirFiles(filepath.Join(dir, "sub.json")); err == nil {
		t.Error("a directory without inventory files was accepted")
	}
}

// TestAWSConfigTrailBucket: a trail embeds its destination bucket's
// document when the input holds the bucket, whichever comes first.
func TestAWSConfigTrailBucket(t *testing.T) {
	trail, err := os.ReadFile("testdata/awsconfig/rdk/AWS_Cloudtrail_Trail.json")
	if err != nil {
		t.Fatal(err)
	}
	bucket, err := os.ReadFile("testdata/awsconfig/rdk/AWS_S3_Bucket.json")
	if err != nil {
		t.Fatal(err)
	}
	// The RDK's trail delivers to a bucket of another account: point it
	// at the RDK's bucket.
	trail = bytes.ReplaceAll(trail, []byte("mborch-apjc-cloudtrail-bucket"), []byte("mborch-test-bucket-config-item"))
	for _, order := range [][]json.RawMessage{{trail, bucket}, {bucket, trail}} {
		var got map[string]any
		err := Read(bytes.NewReader(snapshotOf(order)), "s.json", Options{}, func(e Entity) error {
			if e.Data == nil {
				return fmt.Errorf("no document: %+v", e)
			}
			var doc map[string]any
			json.Unmarshal(e.Data, &doc)
			if doc["type"] == "CloudTrail" {
				got = doc
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := got["s3Bucket"].(map[string]any)
		if b["id"] != "mborch-test-bucket-config-item" || b["policy"] == nil {
			t.Errorf("trail's s3Bucket = %v, want the bucket's document with its policy", got["s3Bucket"])
		}
	}
}

// TestConvertedFormats: Read detects a Terraform plan and a CloudFormation
// template (gzipped too), reads them when asked for, refuses an unknown
// format, and makes a converter's own failure an *InputError naming the
// input.
func TestConvertedFormats(t *testing.T) {
	plan := []byte(`{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{"resources":[
{"address":"aws_s3_bucket.logs","mode":"managed","type":"aws_s3_bucket","name":"logs","values":{"bucket":"logs"}}]}},
"resource_changes":[{"address":"aws_s3_bucket.logs","mode":"managed","type":"aws_s3_bucket","name":"logs",
"change":{"actions":["create"],"after":{"bucket":"logs"},"after_unknown":{"arn":true}}}]}`)
	tmpl := []byte("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n")
	first := func(recs []string) string {
		if len(recs) == 0 {
			return ""
		}
		return recs[0]
	}
	for _, tt := range []struct {
		name, input string
		in          []byte
		opts        Options
		want        string
	}{
		{"plan detected", "plan.json", plan, Options{}, `"id": "aws_s3_bucket.logs"`},
		{"plan gzipped", "plan.json.gz", gzipped(plan), Options{}, `"id": "aws_s3_bucket.logs"`},
		{"plan asked for", "plan.json", plan, Options{Format: FormatTerraform}, `"id": "aws_s3_bucket.logs"`},
		{"template detected", "t.yaml", tmpl, Options{}, `"id": "Logs"`},
		{"template asked for", "t.yaml", tmpl, Options{Format: FormatCloudFormation}, `"id": "Logs"`},
		{"not a template", "d.json", []byte(`{"type":"A","id":"1"}`), Options{Format: FormatCloudFormation}, "input error: d.json:1: no Resources section"},
		{"unknown", "y", tmpl, Options{Format: "toml"}, `input error: y: unknown input format "toml"`},
	} {
		got := first(readAll(t, tt.input, tt.in, tt.opts))
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: first record %q, want it to hold %q", tt.name, got, tt.want)
		}
	}
	err := Read(bytes.NewReader([]byte(`{"type":"A"}`)), "d.json", Options{Format: FormatTerraform}, func(Entity) error { return nil })
	var ie *InputError
	if !errors.As(err, &ie) || ie.Input != "d.json" {
		t.Errorf("a converter's failure: %#v, want an *InputError naming d.json", err)
	}
}

// convertedDocs reads items as one snapshot and returns the documents by
// type, failing on any error record.
func convertedDocs(t *testing.T, items []json.RawMessage) map[string][]map[string]any {
	t.Helper()
	docs := map[string][]map[string]any{}
	records := 0
	err := Read(bytes.NewReader(snapshotOf(items)), "s.json", Options{}, func(e Entity) error {
		records++
		if e.Err != nil {
			return e.Err
		}
		if e.Data != nil {
			var doc map[string]any
			if err := json.Unmarshal(e.Data, &doc); err != nil {
				return err
			}
			typ, _ := doc["type"].(string)
			docs[typ] = append(docs[typ], doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if records != len(items) {
		t.Errorf("%d records for %d items", records, len(items))
	}
	return docs
}

// rdkItem reads one RDK example item, with the replacements old, new, ...
// applied to its text.
func rdkItem(t *testing.T, file string, replace ...string) json.RawMessage {
	t.Helper()
	in, err := os.ReadFile(filepath.Join("testdata/awsconfig/rdk", file))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(replace); i += 2 {
		if !bytes.Contains(in, []byte(replace[i])) {
			t.Fatalf("%s does not hold %q", file, replace[i])
		}
		in = bytes.ReplaceAll(in, []byte(replace[i]), []byte(replace[i+1]))
	}
	return in
}

// TestAWSConfigServiceJoins: a REST API and an HTTP API embed their stages,
// an Auto Scaling group its launch configuration, whichever item comes
// first; without any item of the joined type the property is left out.
func TestAWSConfigServiceJoins(t *testing.T) {
	rest, restStage := rdkItem(t, "AWS_ApiGateway_RestApi.json"), rdkItem(t, "AWS_ApiGateway_Stage.json")
	http, httpStage := rdkItem(t, "AWS_ApiGatewayV2_Api.json"), rdkItem(t, "AWS_ApiGatewayV2_Stage.json")
	// The RDK's group names a launch configuration "test", its launch
	// configuration is "lc1": point the group at it.
	asg := rdkItem(t, "AWS_AutoScaling_AutoScalingGroup.json", `"launchConfigurationName": "test"`, `"launchConfigurationName": "lc1"`)
	lc := rdkItem(t, "AWS_AutoScaling_LaunchConfiguration.json")
	for _, order := range [][]json.RawMessage{{rest, restStage, http, httpStage, asg, lc}, {lc, httpStage, restStage, asg, http, rest}} {
		docs := convertedDocs(t, order)
		stages := func(typ string) []any {
			if len(docs[typ]) != 1 {
				t.Fatalf("%d %s documents", len(docs[typ]), typ)
			}
			s, _ := docs[typ][0]["stages"].([]any)
			return s
		}
		if s := stages("ApiGateway"); len(s) != 1 || s[0].(map[string]any)["stageName"] != "test" || s[0].(map[string]any)["tracingEnabled"] != false {
			t.Errorf("ApiGateway stages = %v, want the stage test, tracing off", s)
		}
		if s := stages("ApiGatewayV2"); len(s) != 1 || s[0].(map[string]any)["stageName"] != "$default" || s[0].(map[string]any)["autoDeploy"] != true {
			t.Errorf("ApiGatewayV2 stages = %v, want the stage $default, auto-deployed", s)
		}
		l, _ := docs["AutoScalingGroup"][0]["launchConfiguration"].(map[string]any)
		if l["launchConfigurationName"] != "lc1" || l["instanceType"] != "t2.nano" || l["createdTime"] != "2022-02-21T18:54:30Z" {
			t.Errorf("launchConfiguration = %v, want lc1's document", l)
		}
	}
	// A history file holds a stage twice: the API embeds it once.
	docs := convertedDocs(t, []json.RawMessage{rest, restStage, restStage})
	if s, _ := docs["ApiGateway"][0]["stages"].([]any); len(s) != 1 {
		t.Errorf("%d stages from two versions of one stage, want 1", len(s))
	}
	docs = convertedDocs(t, []json.RawMessage{rest, asg})
	if _, ok := docs["ApiGateway"][0]["stages"]; ok {
		t.Error("stages set without any stage item in the input")
	}
	if _, ok := docs["AutoScalingGroup"][0]["launchConfiguration"]; ok {
		t.Error("launchConfiguration set without the launch configuration's item")
	}
}

// TestAWSConfigECSAndSecrets converts the types the RDK has no example of
// (AWS::ECS::Cluster, AWS::ECS::Service, AWS::SecretsManager::Secret).
// The items are written for this test, not recorded: Config records these
// types with the property names of their CloudFormation resource schemas,
// which is what they use. A service embeds its groups' rules (the RDK's
// security group) and its cluster embeds it.
func TestAWSConfigECSAndSecrets(t *testing.T) {
	cluster := json.RawMessage(`{"configurationItemVersion":"1.3","accountId":"123456789012","configurationItemCaptureTime":"2024-05-01T10:00:00.000Z","configurationItemStatus":"ResourceDiscovered","arn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod","resourceType":"AWS::ECS::Cluster","resourceId":"prod","resourceName":"prod","awsRegion":"us-east-1",
"configuration":{"ClusterName":"prod","Arn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod","ClusterSettings":[{"Name":"containerInsights","Value":"enabled"}],"CapacityProviders":["FARGATE"],"Tags":[]}}`)
	service := json.RawMessage(`{"configurationItemVersion":"1.3","accountId":"123456789012","configurationItemCaptureTime":"2024-05-01T10:00:00.000Z","configurationItemStatus":"ResourceDiscovered","arn":"arn:aws:ecs:us-east-1:123456789012:service/prod/web","resourceType":"AWS::ECS::Service","resourceId":"arn:aws:ecs:us-east-1:123456789012:service/prod/web","resourceName":"web","awsRegion":"us-east-1",
"configuration":{"ServiceName":"web","ServiceArn":"arn:aws:ecs:us-east-1:123456789012:service/prod/web","Cluster":"arn:aws:ecs:us-east-1:123456789012:cluster/prod","LaunchType":"FARGATE","PlatformVersion":"LATEST","TaskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/web:3","DesiredCount":2,
"NetworkConfiguration":{"AwsvpcConfiguration":{"AssignPublicIp":"ENABLED","SecurityGroups":["sg-1d56fc66"],"Subnets":["subnet-38c20312"]}}}}`)
	secret := json.RawMessage(`{"configurationItemVersion":"1.3","accountId":"123456789012","configurationItemCaptureTime":"2024-05-01T10:00:00.000Z","configurationItemStatus":"OK","arn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf","resourceType":"AWS::SecretsManager::Secret","resourceId":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf","resourceName":"db","awsRegion":"us-east-1","resourceCreationTime":"2023-01-02T03:04:05.000Z",
"configuration":{"Name":"db","Description":"database password","KmsKeyId":"arn:aws:kms:us-east-1:123456789012:key/k","RotationEnabled":true,"RotationLambdaARN":"arn:aws:lambda:us-east-1:123456789012:function:rotate","RotationRules":{"AutomaticallyAfterDays":30},"LastRotatedDate":1714557600000}}`)
	sg := rdkItem(t, "AWS_EC2_SecurityGroup.json")
	for _, order := range [][]json.RawMessage{{cluster, service, secret, sg}, {sg, secret, service, cluster}} {
		docs := convertedDocs(t, order)
		c := docs["EcsCluster"][0]
		if diff := cmp.Diff([]any{map[string]any{"name": "containerInsights", "value": "enabled"}}, c["settings"]); diff != "" {
			t.Errorf("cluster settings (-want +got):\n%s", diff)
		}
		services, _ := c["services"].([]any)
		if len(services) != 1 || services[0].(map[string]any)["serviceName"] != "web" {
			t.Fatalf("cluster services = %v, want web", c["services"])
		}
		for _, s := range []map[string]any{docs["EcsService"][0], services[0].(map[string]any)} {
			rules, _ := s["inboundRules"].([]any)
			if s["launchType"] != "FARGATE" || s["desiredCount"] != 2.0 || len(rules) == 0 || rules[0].(map[string]any)["scope"] != "0.0.0.0/0" {
				t.Errorf("service = %v, want FARGATE, 2 tasks, the group's rules", s)
			}
			if ip := s["networkConfiguration"].(map[string]any)["awsvpcConfiguration"].(map[string]any)["assignPublicIp"]; ip != "ENABLED" {
				t.Errorf("assignPublicIp = %v", ip)
			}
		}
		sec := docs["SecretsManagerSecret"][0]
		want := map[string]any{"type": "SecretsManagerSecret", "id": "db", "rotationEnabled": true, "rotationRules": map[string]any{"automaticallyAfterDays": 30.0},
			"lastRotatedDate": "2024-05-01T10:00:00Z", "createdDate": "2023-01-02T03:04:05Z", "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"}
		for k, v := range want {
			if diff := cmp.Diff(v, sec[k]); diff != "" {
				t.Errorf("secret %s (-want +got):\n%s", k, diff)
			}
		}
	}
	// Without the group's item, the service's rules are left out, not empty.
	docs := convertedDocs(t, []json.RawMessage{service})
	if r, ok := docs["EcsService"][0]["inboundRules"]; ok {
		t.Errorf("inboundRules = %v without the security group's item", r)
	}
}

// TestAWSConfigModelJoins: an instance embeds the roles of its instance
// profile, a security group lists the network interfaces that use it, a
// VPC its endpoints, a key its aliases, whichever item comes first. The
// RDK items are joined by editing their ids; the RDK has no alias or
// endpoint item, so those two are written for this test after the types'
// CloudFormation schema (alias) and EC2 API (endpoint).
func TestAWSConfigModelJoins(t *testing.T) {
	profile := "arn:aws:iam::681361479661:instance-profile/web"
	instance := rdkItem(t, "AWS_EC2_Instance.json", `"imageId": "ami-22ce4934",`, `"iamInstanceProfile": {"arn": "`+profile+`", "id": "AIPAJ2ZQ6PPEXAMPLE"}, "imageId": "ami-22ce4934",`)
	role := rdkItem(t, "AWS_IAM_Role.json", `"instanceProfileList": [],`, `"instanceProfileList": [{"instanceProfileName": "web", "arn": "`+profile+`", "roles": []}],`)
	// The RDK's interface file is an array it never closes.
	eniFile := rdkItem(t, "AWS_EC2_NetworkInterface.json", "sg-e627199e", "sg-1d56fc66")
	var enis []json.RawMessage
	if err := json.Unmarshal(append(eniFile, ']'), &enis); err != nil || len(enis) != 1 {
		t.Fatalf("interface item: %v", err)
	}
	sg, vpc, key := rdkItem(t, "AWS_EC2_SecurityGroup.json"), rdkItem(t, "AWS_EC2_VPC.json"), rdkItem(t, "AWS_KMS_Key.json")
	alias := json.RawMessage(`{"configurationItemVersion":"1.3","accountId":"123456789012","configurationItemCaptureTime":"2024-05-01T10:00:00.000Z","configurationItemStatus":"ResourceDiscovered","resourceType":"AWS::KMS::Alias","resourceId":"alias/app-data","resourceName":"alias/app-data","awsRegion":"us-east-1",
"configuration":{"AliasName":"alias/app-data","TargetKeyId":"arn:aws:kms:us-east-1:123456789012:key/test"}}`)
	endpoint := json.RawMessage(`{"configurationItemVersion":"1.3","accountId":"264683526309","configurationItemCaptureTime":"2024-05-01T10:00:00.000Z","configurationItemStatus":"ResourceDiscovered","resourceType":"AWS::EC2::VPCEndpoint","resourceId":"vpce-0a1b2c3d","awsRegion":"us-east-1",
"configuration":{"vpcEndpointId":"vpce-0a1b2c3d","vpcEndpointType":"Gateway","vpcId":"vpc-0990dc6d","serviceName":"com.amazonaws.us-east-1.s3","state":"available","policyDocument":"{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}`)
	for _, order := range [][]json.RawMessage{{instance, role, enis[0], sg, vpc, key, alias, endpoint}, {endpoint, alias, key, vpc, sg, enis[0], role, instance}} {
		docs := convertedDocs(t, order)
		roles, _ := docs["Instance"][0]["roles"].([]any)
		if len(roles) != 1 || roles[0].(map[string]any)["type"] != "IamRole" || roles[0].(map[string]any)["id"] != docs["IamRole"][0]["id"] {
			t.Errorf("instance roles = %v, want the role's document", docs["Instance"][0]["roles"])
		}
		if diff := cmp.Diff([]any{map[string]any{"id": "eni-2a768b39"}}, docs["SecurityGroup"][0]["networkInterfaces"]); diff != "" {
			t.Errorf("security group networkInterfaces (-want +got):\n%s", diff)
		}
		eps, _ := docs["VPC"][0]["vpcEndpoints"].([]any)
		if len(eps) != 1 || eps[0].(map[string]any)["serviceName"] != "com.amazonaws.us-east-1.s3" || eps[0].(map[string]any)["policyDocument"] == nil {
			t.Errorf("VPC vpcEndpoints = %v, want the S3 gateway endpoint with its policy", docs["VPC"][0]["vpcEndpoints"])
		}
		if diff := cmp.Diff([]any{"alias/app-data"}, docs["KMS"][0]["aliases"]); diff != "" {
			t.Errorf("key aliases (-want +got):\n%s", diff)
		}
	}
	// Without items of the joined types the properties are left out; an
	// instance whose profile has no role item in the input has no roles.
	docs := convertedDocs(t, []json.RawMessage{instance, sg, vpc, key})
	for typ, prop := range map[string]string{"Instance": "roles", "SecurityGroup": "networkInterfaces", "VPC": "vpcEndpoints", "KMS": "aliases"} {
		if v, ok := docs[typ][0][prop]; ok {
			t.Errorf("%s.%s = %v without the joined items", typ, prop, v)
		}
	}
}
