package bundles

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/inventory"
)

// TestDecide: a pass never stands on a value the document lacks; a fail
// stands when it reads only values the provider computes by default; a
// document that lists nothing unknown keeps its verdicts.
func TestDecide(t *testing.T) {
	planned := []byte(`{"type":"Volume","id":"aws_ebs_volume.v","size":8,"source":{"format":"terraform-plan",
		"unknown":{"encrypted":["aws_ebs_volume.v.encrypted (computed)"],"kmsKeyId":["aws_kms_key.k.arn"]}}}`)
	known := []byte(`{"type":"Volume","id":"vol-1","encrypted":true}`)
	for _, tt := range []struct {
		name  string
		doc   []byte
		paths []string
		in    eval.Status
		want  eval.Status
	}{
		{"pass on an unknown", planned, []string{"kmsKeyId"}, eval.Pass, eval.Error},
		{"pass on a computed default", planned, []string{"encrypted"}, eval.Pass, eval.Error},
		{"fail on a computed default stands", planned, []string{"encrypted"}, eval.Fail, eval.Fail},
		{"fail on a configured unknown", planned, []string{"kmsKeyId"}, eval.Fail, eval.Error},
		{"pass on known values stands", planned, []string{"size"}, eval.Pass, eval.Pass},
		{"skip stays", planned, []string{"kmsKeyId"}, eval.Skip, eval.Skip},
		{"a document without source", known, []string{"encrypted"}, eval.Pass, eval.Pass},
	} {
		got := Decide(tt.doc, tt.paths, eval.Result{Status: tt.in})
		if got.Status != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got.Status, tt.want)
		}
		if tt.want == eval.Error && !errors.Is(got.Err, ErrUndecided) {
			t.Errorf("%s: error %v, want ErrUndecided", tt.name, got.Err)
		}
	}
}

// TestEvaluatorDecides: the Evaluator applies Decide to converted entities.
func TestEvaluatorDecides(t *testing.T) {
	b := &Bundle{ID: "t", Rules: []Rule{{ID: "r1", Logic: "Volume should have kmsKeyId"}}}
	ev, err := Prepare([]*Bundle{b})
	if err != nil {
		t.Fatal(err)
	}
	doc := []byte(`{"type":"Volume","id":"aws_ebs_volume.v","kmsKeyId":"${aws_kms_key.k.arn}","source":{"unknown":{"kmsKeyId":["aws_kms_key.k.arn"]}}}`)
	ents := slices.Values([]inventory.Entity{{Data: doc, Origin: inventory.Origin{Input: "plan.json", Index: -1, Resource: "aws_ebs_volume.v"}}})
	var got []eval.Status
	for f, err := range ev.Eval(context.Background(), ents) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.Status)
	}
	if !slices.Equal(got, []eval.Status{eval.Error}) {
		t.Errorf("statuses %v, want [error]", got)
	}
}

// TestEvaluatorIgnored: an item that yields no document of its own (an AWS
// Config flow log merged into its VPC) is a Skip record naming it, not an
// error about a document that is not there.
func TestEvaluatorIgnored(t *testing.T) {
	b := &Bundle{ID: "t", Rules: []Rule{{ID: "r1", Logic: "Volume should have encrypted = true"}}}
	ev, err := Prepare([]*Bundle{b})
	if err != nil {
		t.Fatal(err)
	}
	ents := slices.Values([]inventory.Entity{{Ignored: "AWS::EC2::FlowLog (merged into its VPC)", Origin: inventory.Origin{Input: "snap.json", Index: 3}}})
	var got []Finding
	for f, err := range ev.Eval(context.Background(), ents) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f)
	}
	if len(got) != 1 || got[0].Status != eval.Skip || got[0].Ignored == "" || got[0].Err != nil {
		t.Errorf("findings %+v, want one Skip naming the ignored item", got)
	}
}
