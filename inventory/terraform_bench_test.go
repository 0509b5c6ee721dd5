package inventory

import (
	"bytes"
	"os"
	"testing"
)

func tfBenchRead(b *testing.B, file string, read func(data []byte, emit func(Entity) error) error) {
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := read(data, func(Entity) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadTerraform converts checkov's 164 KB TerraGoat plan (55
// resource changes).
func BenchmarkReadTerraform(b *testing.B) {
	tfBenchRead(b, "testdata/terraform/checkov/terraform__runner__plan__tfplan.json", func(data []byte, emit func(Entity) error) error {
		return ReadTerraform(bytes.NewReader(data), "plan.json", emit)
	})
}

// BenchmarkReadCloudFormation converts AWS's compliant-bucket sample.
func BenchmarkReadCloudFormation(b *testing.B) {
	tfBenchRead(b, "testdata/cloudformation/templates/S3_compliant-bucket.yaml", func(data []byte, emit func(Entity) error) error {
		return ReadCloudFormation(bytes.NewReader(data), "t.yaml", emit)
	})
}
