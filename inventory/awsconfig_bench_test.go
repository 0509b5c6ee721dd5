package inventory

// Reading an AWS Config snapshot against reading the same documents as
// NDJSON, once converted. The snapshot repeats the RDK example items (see
// testdata/awsconfig/rdk) until it holds GSL_BENCH_DOCS items (default
// 20,000, about 60 MB), each copy with resource ids of its own so that the
// joins find their items (a copy's instance, volumes, groups, subnet, NACL
// and VPC are those of the same copy).
//
//	go test ./inventory -run '^$' -bench AWSConfig -benchmem
//
// GSL_BENCH_SNAPSHOT=file also writes the snapshot to file, and its
// converted documents to file.ndjson, for timing `gslcheck run` over them.
//
// The figures are in BENCHMARKS.md ("AWS Config inputs").

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strconv"
	"testing"
)

// benchItems is the number of items of the benchmark snapshot.
func benchItems() int {
	if n, err := strconv.Atoi(os.Getenv("GSL_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 20_000
}

// idPattern matches the resource ids that items refer to each other by.
// The API Gateway ids (restapis/test, apis/test) join stages to their
// APIs by ARN.
var idPattern = regexp.MustCompile(`\b(i|vol|sg|subnet|vpc|acl|rtb|igw|eni)-[0-9a-f]{8,17}\b|/(restapis|apis)/test\b`)

// benchSnapshot returns a snapshot of n items and the number of documents
// it converts to.
func benchSnapshot(b *testing.B, n int) []byte {
	b.Helper()
	items := rdkItems(b)
	var compact [][]byte
	for _, it := range items {
		var c bytes.Buffer
		json.Compact(&c, it)
		compact = append(compact, c.Bytes())
	}
	var buf bytes.Buffer
	buf.WriteString(`{"fileVersion":"1.0","configSnapshotId":"bench","configurationItems":[` + "\n")
	for i := range n {
		copyNo := i / len(compact)
		it := compact[i%len(compact)]
		if copyNo > 0 {
			suffix := fmt.Sprintf("%x", copyNo)
			it = idPattern.ReplaceAllFunc(it, func(id []byte) []byte { return append(id[:len(id):len(id)], suffix...) })
		}
		if i > 0 {
			buf.WriteString(",\n")
		}
		buf.Write(it)
	}
	buf.WriteString("\n]}\n")
	return buf.Bytes()
}

// converted returns the documents a snapshot converts to, as NDJSON.
func converted(b *testing.B, snap []byte) []byte {
	b.Helper()
	var out bytes.Buffer
	err := Read(bytes.NewReader(snap), "s.json", Options{}, func(e Entity) error {
		if e.Data != nil {
			out.Write(e.Data)
			out.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}

// benchRead reads in through Read once per iteration and reports the
// records per second and the largest live heap (as of the last GC,
// sampled every 1,000 records) beyond what was live before: the input
// itself.
func benchRead(b *testing.B, in []byte, name string) {
	b.SetBytes(int64(len(in)))
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	docs := 0
	var peak uint64
	for b.Loop() {
		docs = 0
		err := Read(bytes.NewReader(in), name, Options{}, func(e Entity) error {
			docs++
			if docs%1000 == 0 {
				metrics.Read(sample)
				peak = max(peak, sample[0].Value.Uint64())
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "peak-live-heap-MB")
}

func BenchmarkAWSConfigSnapshot(b *testing.B) {
	snap := benchSnapshot(b, benchItems())
	if out := os.Getenv("GSL_BENCH_SNAPSHOT"); out != "" {
		if err := os.WriteFile(out, snap, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(out+".ndjson", converted(b, snap), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	benchRead(b, snap, "snapshot.json")
}

func BenchmarkAWSConfigConvertedNDJSON(b *testing.B) {
	nd := converted(b, benchSnapshot(b, benchItems()))
	benchRead(b, nd, "converted.ndjson")
}
