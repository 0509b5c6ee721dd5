package inventory

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkEntities holds what every reader promises for any input: no panic,
// and each entity is exactly one of a document (a JSON object with a
// string type and id), an error, or a not-modelled type, with its input
// named.
func checkEntities(t *testing.T, read func(emit func(Entity) error) error) {
	t.Helper()
	_ = read(func(e Entity) error {
		n := 0
		if e.Data != nil {
			n++
			var doc map[string]any
			if err := json.Unmarshal(e.Data, &doc); err != nil {
				t.Fatalf("document is not a JSON object: %v\n%s", err, e.Data)
			}
			if _, ok := doc["type"].(string); !ok {
				t.Fatalf("document without a type: %s", e.Data)
			}
			if _, ok := doc["id"].(string); !ok {
				t.Fatalf("document without an id: %s", e.Data)
			}
		}
		if e.Err != nil {
			n++
			if strings.Contains(e.Err.Error(), "internal error") {
				t.Fatalf("a mapping panicked: %v", e.Err)
			}
		}
		if e.NotModelled != "" {
			n++
		}
		if e.Ignored != "" {
			n++
		}
		if n != 1 {
			t.Fatalf("entity is %d of data, error, not-modelled and ignored: %+v", n, e)
		}
		if e.Origin.Input == "" {
			t.Fatalf("entity without an input: %+v", e)
		}
		return nil
	})
}

func addSeeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
}

// FuzzTerraform feeds ReadTerraform with mutations of checkov's plans and
// the hand-written one.
func FuzzTerraform(f *testing.F) {
	addSeeds(f, "testdata/terraform/*/*.json")
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","change":{"actions":["create"],"after":{"bucket":"b"},"after_unknown":{"grant":true}}}]}`))
	f.Add([]byte(`{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"aws_ebs_volume.v","mode":"managed","type":"aws_ebs_volume","values":{"encrypted":true}}]}}}`))
	// Odd shapes of the aws-best-practices types' arguments.
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_ecs_task_definition.t","mode":"managed","type":"aws_ecs_task_definition","change":{"actions":["create"],"after":{"container_definitions":"[1,{\"environment\":{}}]","network_mode":null},"after_unknown":{}}},{"address":"aws_ecs_cluster.c","mode":"managed","type":"aws_ecs_cluster","change":{"actions":["create"],"after":{"setting":{"name":1}},"after_unknown":{}}},{"address":"aws_autoscaling_group.g","mode":"managed","type":"aws_autoscaling_group","change":{"actions":["create"],"after":{"tag":[1,{"key":2}],"launch_configuration":"lc","mixed_instances_policy":[{"launch_template":[{"override":"x"}]}]},"after_unknown":{}}},{"address":"aws_launch_configuration.l","mode":"managed","type":"aws_launch_configuration","change":{"actions":["create"],"after":{"name":"lc","metadata_options":"x"},"after_unknown":{}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEntities(t, func(emit func(Entity) error) error {
			return ReadTerraform(bytes.NewReader(data), "fuzz.json", emit)
		})
		isTerraformJSON(data)
	})
}
