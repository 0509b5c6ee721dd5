package jsontext

import (
	"strings"
	"testing"
)

// benchDoc is a compact document shaped like the inventory's: short
// strings, small arrays and objects.
var benchDoc = `{"type":"Instance","id":"i-0123456789abcdef0","region":"us-east-1","tags":[{"key":"Name","value":"web \"1\""},{"key":"env","value":"prod"}],"volumes":[{"id":"vol-1","encrypted":true,"size":100},{"id":"vol-2","encrypted":false,"size":8}],"metadataOptions":{"httpTokens":"required","httpEndpoint":"enabled"},"launchTime":"2026-01-02T03:04:05Z"}`

func BenchmarkValid(b *testing.B) {
	b.SetBytes(int64(len(benchDoc)))
	for b.Loop() {
		if !Valid(benchDoc) {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkValueEnd(b *testing.B) {
	b.SetBytes(int64(len(benchDoc)))
	for b.Loop() {
		if ValueEnd(benchDoc, 0) != len(benchDoc) {
			b.Fatal("wrong end")
		}
	}
}

func BenchmarkAppendString(b *testing.B) {
	for _, s := range []struct{ name, s string }{
		{"plain", "arn:aws:iam::123456789012:role/service-role/a-long-role-name"},
		{"escapes", "line 1\nline 2\t\"quoted\" \\ \u2028 " + strings.Repeat("é", 8)},
	} {
		b.Run(s.name, func(b *testing.B) {
			buf := make([]byte, 0, 256)
			b.SetBytes(int64(len(s.s)))
			for b.Loop() {
				buf = AppendString(buf[:0], s.s)
			}
		})
	}
}
