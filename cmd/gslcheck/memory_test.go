package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/inventory"
	"github.com/gsl-lang/gsl/report"
)

// docStream generates a JSON array of n documents without holding it.
type docStream struct {
	n, i int
	buf  []byte
	done bool
}

func (s *docStream) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		switch {
		case s.done:
			return 0, io.EOF
		case s.i == 0:
			s.buf = append(s.buf, '[')
		case s.i > s.n:
			s.buf = append(s.buf, ']')
			s.done = true
			continue
		}
		if s.i > 0 && s.i <= s.n {
			if s.i > 1 {
				s.buf = append(s.buf, ",\n"...)
			}
			s.buf = fmt.Appendf(s.buf, `{"type":"Instance","id":"i-%08d","accountNumber":"123456789012","region":"us-east-1","tags":[{"key":"env","value":"prod"}],"volumes":[{"id":"vol-%08d","encrypted":%v}],"pad":"%s"}`,
				s.i, s.i, s.i%7 != 0, strings.Repeat("x", 120))
		}
		s.i++
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestPipelineMemoryBounded streams about 60 MB of documents through the
// pipeline and the JSON reporter and checks that the live heap stays far
// below the input size: documents are not accumulated.
func TestPipelineMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 60 MB")
	}
	const n = 200_000
	src := source{name: "big.json", open: func() (io.ReadCloser, error) { return io.NopCloser(&docStream{n: n}), nil }}
	rules := []*ruleMeta{{Rule: report.Rule{ID: "R1", Name: "r1", Severity: "High"}}, {Rule: report.Rule{ID: "R2", Name: "r2", Severity: "Low"}}}
	rep := report.NewJSON(io.Discard, report.Options{Rules: rulesOf(rules)})
	p := &pipeline{rs: fakeRules{types: []string{"Instance", "Bucket"}}, jobs: 4}
	var sum report.Summary
	runtime.GC()
	base := liveHeap()
	var peak uint64
	seen := 0
	err := p.run([]source{src}, func(o *docOutcome) error {
		seen++
		if seen%20_000 == 0 {
			runtime.GC()
			peak = max(peak, liveHeap())
		}
		return reportOutcome(rep, rules, nil, &sum, o, nil)
	}, func(int, string, eval.Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Finish(&sum); err != nil {
		t.Fatal(err)
	}
	if sum.Documents != n || sum.Evaluated != n || sum.Pass != n || sum.Skip != n {
		t.Errorf("summary = %+v", sum)
	}
	if grow := int64(peak) - int64(base); grow > 8<<20 {
		t.Errorf("live heap grew by %d MB over a 60 MB stream", grow>>20)
	}
}

func BenchmarkReadDocsArray(b *testing.B) {
	var sb strings.Builder
	io.Copy(&sb, &docStream{n: 10_000})
	data := sb.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		err := inventory.Read(strings.NewReader(data), "x.json", inventory.Options{Borrow: true}, func(inventory.Entity) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadDocsNDJSON(b *testing.B) {
	var sb strings.Builder
	io.Copy(&sb, &docStream{n: 10_000})
	data := strings.ReplaceAll(strings.Trim(sb.String(), "[]"), ",\n", "\n")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		err := inventory.Read(strings.NewReader(data), "x.ndjson", inventory.Options{Borrow: true}, func(inventory.Entity) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestRunMaxDocBytesAboveEvalDefault runs a document larger than eval's
// default size limit with --max-doc-bytes above it: the splitter's limit is
// the one that counts, so the document is evaluated, not refused.
func TestRunMaxDocBytesAboveEvalDefault(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 65 MB document")
	}
	size := eval.DefaultMaxDocumentSize + 1<<20
	doc := io.MultiReader(strings.NewReader(`{"type":"T","pad":"`),
		io.LimitReader(repeatReader('x'), int64(size)), strings.NewReader(`"}`))
	var out, errb strings.Builder
	code := Main([]string{"run", "--no-progress", "--schema", "none", "--max-doc-bytes", fmt.Sprint(size + 100),
		"-r", "T should have pad length() > 0", "-"}, doc, &out, &errb)
	if code != exitOK || !strings.Contains(out.String(), "1 passed") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out.String(), errb.String())
	}
}

// typeMapText returns a minified type map of n Instance documents (about
// 150 bytes each): one line, as `jq -c` writes an export.
func typeMapText(n int) string {
	var b strings.Builder
	b.WriteString(`{"Instance":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Instance","id":"i-%08d","region":"us-east-1","tags":[{"key":"env","value":"prod"}],"pad":"%s"}`, i, strings.Repeat("x", 40))
	}
	b.WriteString(`],"S3Bucket":[{"type":"S3Bucket","id":"b"}]}`)
	return b.String()
}

// TestRereader checks the reread function the pipeline gives a regular
// file: the documents come out as from any reader, and the progress count
// ends at the file's size, the bytes read twice taken off. A pipe gets
// none.
func TestRereader(t *testing.T) {
	in := typeMapText(3000)
	file := filepath.Join(t.TempDir(), "inv.json")
	if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := &pipeline{progress: newProgress(io.Discard, int64(len(in)))}
	reread := p.rereader(f)
	if reread == nil {
		t.Fatal("no reread for a regular file")
	}
	n := 0
	err = inventory.Read(p.progress.reader(f), "inv.json", inventory.Options{MaxDocBytes: 64 << 10, Reread: reread}, func(d inventory.Entity) error {
		if d.Err != nil {
			t.Errorf("%s: %v", d.Label(), d.Err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 3001 {
		t.Errorf("%d documents, want 3001", n)
	}
	if got := p.progress.bytes.Load(); got != int64(len(in)) {
		t.Errorf("progress counted %d bytes of %d", got, len(in))
	}

	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if p.rereader(pr) != nil {
		t.Error("a pipe got a reread function")
	}
}

// repeatReader reads an endless run of one byte.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}
