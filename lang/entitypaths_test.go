package lang

import (
	"slices"
	"testing"
)

func TestEntityPaths(t *testing.T) {
	for _, tt := range []struct {
		rule string
		want []string
	}{
		{"Volume should have encrypted = true", []string{"encrypted"}},
		{"S3Bucket where tags contain [key = 'phi'] should have policy.Statement isEmpty() or versioning.status = 'Enabled'",
			[]string{"tags", "policy.Statement", "versioning.status"}},
		// The operand of an array operator is read, its body reads elements,
		// also when the operand is itself a filtered array.
		{"ApplicationLoadBalancer should have listeners with [protocol = 'HTTPS'] contain-all [sslPolicy like '*TLS13*']",
			[]string{"listeners"}},
		{"Instance should have volumes length() > 0 and name like 'web-*'", []string{"volumes", "name"}},
		{"true", nil},
	} {
		r, err := Parse(tt.rule)
		if err != nil {
			t.Fatalf("%s: %v", tt.rule, err)
		}
		if got := EntityPaths(r); !slices.Equal(got, tt.want) {
			t.Errorf("%s: EntityPaths = %q, want %q", tt.rule, got, tt.want)
		}
	}
}
