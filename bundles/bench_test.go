package bundles

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/gsl-lang/gsl/internal/benchcpu"

	"github.com/gsl-lang/gsl/lang"
)

func BenchmarkLoadShipped(b *testing.B) {
	for b.Loop() {
		for _, id := range Names() {
			if _, err := Load(id); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkCases(b *testing.B) {
	bundle, err := Load("hipaa")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := bundle.Cases(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckRule(b *testing.B) {
	r, err := lang.Parse("Instance where tags contain [key = 'contains_phi'] should have volumes contain-all [encrypted = true and kmsKeyId] and nics contain [subnet.nacl.inbound contain [action = 'ALLOW']]")
	if err != nil {
		b.Skip(err)
	}
	s := AWS()
	for b.Loop() {
		if p := s.CheckRule(r); len(p) != 0 {
			b.Fatal(p)
		}
	}
}

func BenchmarkCheckDocument(b *testing.B) {
	doc := []byte(`{"type":"Instance","id":"i-1","volumes":[{"type":"Volume","encrypted":true,"size":8}],"metadataOptions":{"httpTokens":"required"},"tags":[{"key":"a","value":"b"}]}`)
	s := AWS()
	for b.Loop() {
		if p := s.CheckDocument(doc); len(p) != 0 {
			b.Fatal(p)
		}
	}
}

// BenchmarkLoadCompile measures the start-up of a short-lived process:
// loading every shipped bundle and preparing one Evaluator from them, on
// one core and on all of them (Prepare compiles in parallel). Besides wall
// time it reports the CPU time of the whole process per op
// ("proc-cpu-ns/op"), which a loaded shared machine barely moves.
func BenchmarkLoadCompile(b *testing.B) {
	for _, procs := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			start, ok := benchcpu.Process()
			n := 0
			for b.Loop() {
				loadCompileShipped(b)
				n++
			}
			if end, ok2 := benchcpu.Process(); ok && ok2 && n > 0 {
				b.ReportMetric(float64(end-start)/float64(n), "proc-cpu-ns/op")
			}
		})
	}
}

func loadCompileShipped(b *testing.B) {
	var bs []*Bundle
	for _, id := range Names() {
		bd, err := Load(id)
		if err != nil {
			b.Fatal(err)
		}
		bs = append(bs, bd)
	}
	if _, err := Prepare(bs); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEvaluatorEval runs every shipped rule over the example account
// (81 documents) through Evaluator.EvalBytes, List<> rules included.
func BenchmarkEvaluatorEval(b *testing.B) {
	ev, _ := shippedEvaluator(b)
	data, err := os.ReadFile(filepath.Join("..", "examples", "inventory", "account.ndjson"))
	if err != nil {
		b.Fatal(err)
	}
	at := At(DefaultNow())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for _, err := range ev.EvalBytes(context.Background(), "account.ndjson", bytes.Lines(data), at) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAWSSchema reads the embedded entity model as AWS does at
// start-up (from its pre-read form) and from the YAML.
func BenchmarkAWSSchema(b *testing.B) {
	b.Run("preread", func(b *testing.B) {
		for b.Loop() {
			if _, err := parseAWSSchema(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("yaml", func(b *testing.B) {
		for b.Loop() {
			if _, err := ParseSchema(awsSchemaYAML, "aws.yaml"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
