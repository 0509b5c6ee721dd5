package gslcli

import (
	"slices"
	"testing"
)

func TestParseBundles(t *testing.T) {
	out := `ID       VERSION  RULES  NAME
cis-aws  1.0.0    63     CIS Amazon Web Services Foundations Benchmark v5.0.0
hipaa    1.0.0    93     HIPAA Security Rule for AWS
`
	got, err := parseBundles(out)
	if err != nil || !slices.Equal(got, []string{"cis-aws", "hipaa"}) {
		t.Errorf("parseBundles = %v, %v", got, err)
	}
	if _, err := parseBundles("ID VERSION RULES NAME\n"); err == nil {
		t.Error("no bundles: no error")
	}
}
