package bundles_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/inventory"
)

// Rules of your own are a Bundle; Prepare compiles them once, and each
// Eval gets its own clock. The List<> rule runs after the last document.
func ExamplePrepare() {
	mine := &bundles.Bundle{ID: "mine", Rules: []bundles.Rule{
		{ID: "enc", Logic: "Volume should have encrypted = true"},
		{ID: "fresh", Logic: "Certificate should have notAfter after(30, 'days')"},
		{ID: "trail", Logic: "List<CloudTrail> should have items contain [isMultiRegionTrail = true]"},
	}}
	ev, err := bundles.Prepare([]*bundles.Bundle{mine})
	if err != nil {
		fmt.Println(err)
		return
	}
	docs := [][]byte{
		[]byte(`{"type": "Volume", "id": "vol-1", "encrypted": false}`),
		[]byte(`{"type": "Certificate", "id": "cert-1", "notAfter": "2026-07-01T00:00:00Z"}`),
		[]byte(`{"type": "Volume", "id": "vol-2", "encrypted": true}`),
	}
	at := bundles.At(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))
	for f, err := range ev.EvalBytes(context.Background(), "docs", slices.Values(docs), at) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(f)
	}
	// Output:
	// enc Volume vol-1: fail: encrypted = false (docs:1)
	// fresh Certificate cert-1: fail: notAfter = "2026-07-01T00:00:00Z"; notAfter after(30, 'days') = false (docs:2)
	// enc Volume vol-2: pass (docs:3)
	// trail List<CloudTrail> *: fail: items = []
}

// Eval takes entities as an inventory reader produces them: documents with
// their origin, and records of what could not be read, which become
// findings too, so that nothing is lost on the way.
func ExampleEvaluator_Eval() {
	b, err := bundles.Load("cis-aws")
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := bundles.Prepare([]*bundles.Bundle{b}, bundles.WithSchema(bundles.AWS()))
	if err != nil {
		fmt.Println(err)
		return
	}
	ents := []inventory.Entity{
		{Data: []byte(`{"type": "KMS", "id": "k-1", "isCustomerManaged": true, "keySpec": "SYMMETRIC_DEFAULT", "keyState": "Enabled", "rotationStatus": false}`),
			Origin: inventory.Origin{Input: "plan.json", Resource: "aws_kms_key.main", Index: -1}},
		{NotModelled: "aws_glue_job", Origin: inventory.Origin{Input: "plan.json", Resource: "aws_glue_job.etl", Index: -1}},
	}
	for f, err := range ev.Eval(context.Background(), slices.Values(ents)) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if f.Rule == nil || f.Rule.ID == "CIS-AWS-3.6" {
			fmt.Println(f.Origin.Resource, f)
		}
	}
	// Output:
	// aws_kms_key.main CIS-AWS-3.6 KMS k-1: fail: rotationStatus = false (plan.json)
	// aws_glue_job.etl plan.json: skip (type aws_glue_job is not in the entity model)
}
