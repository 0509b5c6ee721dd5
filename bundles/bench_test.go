package bundles

import (
	"testing"

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
