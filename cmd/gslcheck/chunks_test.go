package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gsl-lang/gsl/inventory"
)

// chunkDoc is an inventory.Entity flattened for comparison, column included.
type chunkDoc struct {
	Label string
	Line  int
	Col   int
	Data  string
	Err   string
}

// readChunked reads file as the workers of a run do: in chunks of size
// bytes, one after another.
func readChunked(t testing.TB, file string, size, max int) []chunkDoc {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{jobs: 2, chunkBytes: size, read: inventory.Options{Format: inventory.FormatNDJSON, MaxDocBytes: max}}
	cf, ok := p.chunked(f, file)
	if !ok {
		f.Close()
		t.Fatalf("%s is not read in chunks", file)
	}
	var docs []chunkDoc
	jobs := cf.jobs(p.chunkSize())
	b := &docBatch{} // reused, as the pipeline reuses batches
	for i := range jobs {
		b.reset()
		jobs[i].read(b)
		for _, in := range b.ins {
			d := chunkDoc{Label: in.doc.Label(), Line: in.doc.Line, Col: in.doc.Col, Data: string(in.doc.Data)}
			switch {
			case in.err != nil:
				d.Err = in.err.Error()
			case in.doc.Err != nil:
				d.Err = in.doc.Err.Error()
			}
			docs = append(docs, d)
		}
	}
	if cf.left.Load() != 0 {
		t.Errorf("%d chunks not read", cf.left.Load())
	}
	return docs
}

// readWhole reads file with readDocs, as a run with one worker does.
func readWhole(t testing.TB, file string, max int) []chunkDoc {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var docs []chunkDoc
	err = inventory.Read(bytes.NewReader(data), file, inventory.Options{Format: inventory.FormatNDJSON, MaxDocBytes: max}, func(d inventory.Entity) error {
		g := chunkDoc{Label: d.Label(), Line: d.Line, Col: d.Col, Data: string(d.Data)}
		if d.Err != nil {
			g.Err = d.Err.Error()
		}
		docs = append(docs, g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestChunksMatchReadDocs checks that reading an NDJSON file in chunks
// gives the documents readDocs gives, with the same lines, columns and
// errors, whatever the chunk size: lines that straddle chunks, lines longer
// than a chunk or than the limit (even across several chunks), blank and
// indented lines, CRLF, and a last line with or without a newline.
func TestChunksMatchReadDocs(t *testing.T) {
	const max = 300
	rng := rand.New(rand.NewPCG(7, 11))
	line := func(i int) string {
		switch k := rng.IntN(20); {
		case k == 0:
			return ""
		case k == 1:
			return "   \t "
		case k == 2:
			return fmt.Sprintf("  {\"id\":%d}\r", i) // indented, CRLF
		case k == 3:
			return fmt.Sprintf("{\"id\":%d,\"pad\":%q}", i, strings.Repeat("x", max+rng.IntN(3*max))) // over the limit
		case k == 4:
			return fmt.Sprintf("{\"id\":%d,\"pad\":%q}", i, strings.Repeat("y", max-20)) // just under it
		case k == 5:
			return "not json"
		case k == 6, k == 7:
			// Exactly at the limit, and one byte over it.
			s := fmt.Sprintf("{\"id\":%d,\"pad\":\"", i)
			return s + strings.Repeat("w", max-len(s)-2+(k-6)) + "\"}"
		}
		return fmt.Sprintf("{\"id\":%d,\"pad\":%q}", i, strings.Repeat("z", rng.IntN(60)))
	}
	dir := t.TempDir()
	exact := "{\"pad\":\"" + strings.Repeat("v", max-10) + "\"}" // max bytes
	for n, trailing := range []string{"\n", "", "\n\n", "\r\n", "\n" + exact, "\n" + exact + " "} {
		var b strings.Builder
		for i := range 400 {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(line(i))
		}
		b.WriteString(trailing)
		file := filepath.Join(dir, fmt.Sprintf("in%d.ndjson", n))
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		want := readWhole(t, file, max)
		sizes := []int{2, 7, 64, 97, 300, 301, 1000, 4096, len(b.String()) / 4}
		if n == 0 {
			sizes = append(sizes, 1)
		}
		for _, size := range sizes {
			got := readChunked(t, file, size, max)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("file %d, chunks of %d bytes (-readDocs +chunks):\n%s", n, size, diff)
			}
		}
	}
}

// TestChunkedOnlyWhenItHelps checks which inputs are read in chunks.
func TestChunkedOnlyWhenItHelps(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}
	big := strings.Repeat("{\"type\":\"A\"}\n", 100)
	for _, c := range []struct {
		file   string
		jobs   int
		format inventory.Format
		want   bool
	}{
		{write("a.ndjson", big), 2, "", true},
		{write("a.jsonl", big), 2, inventory.FormatAuto, true},
		{write("a.json", big), 2, inventory.FormatNDJSON, true},
		{write("b.json", big), 2, "", false},         // auto-detected: read in one place
		{write("c.ndjson", big), 1, "", false},       // one worker
		{write("d.ndjson", big[:100]), 2, "", false}, // small
		{write("e.ndjson", "\xEF\xBB\xBF"+big), 2, "", false},
		{write("f.ndjson.gz", "\x1f\x8b"+big), 2, inventory.FormatNDJSON, false}, // gzip
		{write("g.ndjson", strings.Repeat(`{"resourceType":"AWS::EC2::Volume","resourceId":"v","configurationItemStatus":"OK"}`+"\n", 10)), 2, "", false},
		{write("h.ndjson", strings.Repeat(`{"resourceType":"AWS::EC2::Volume","resourceId":"v","configurationItemStatus":"OK"}`+"\n", 10)), 2, inventory.FormatNDJSON, true},
	} {
		f, err := os.Open(c.file)
		if err != nil {
			t.Fatal(err)
		}
		p := &pipeline{jobs: c.jobs, chunkBytes: 64, read: inventory.Options{Format: c.format}}
		_, got := p.chunked(f, c.file)
		f.Close()
		if got != c.want {
			t.Errorf("%s, %d jobs, format %q: chunked %v, want %v", filepath.Base(c.file), c.jobs, c.format, got, c.want)
		}
	}
}

// TestChunkBufferLetGo checks that a batch whose buffer grew for a long line
// does not keep it once reused.
func TestChunkBufferLetGo(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "long.ndjson")
	long := "{\"pad\":\"" + strings.Repeat("x", 3<<20) + "\"}"
	if err := os.WriteFile(file, []byte(strings.Repeat("{}\n", 10)+long+"\n{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{jobs: 2, chunkBytes: 64, read: inventory.Options{MaxDocBytes: 4 << 20}}
	cf, ok := p.chunked(f, file)
	if !ok {
		t.Fatal("not read in chunks")
	}
	b := &docBatch{}
	var got int
	for _, j := range cf.jobs(p.chunkSize()) {
		j.read(b)
		for _, in := range b.ins {
			if len(in.doc.Data) == len(long) {
				got++
			}
		}
		b.reset()
		if cap(b.text0) > batchText {
			t.Fatalf("a reused batch keeps a buffer of %d bytes", cap(b.text0))
		}
	}
	if got != 1 {
		t.Errorf("the long line was read %d times", got)
	}
}

// FuzzChunks checks reading in chunks against readDocs on arbitrary input,
// chunk sizes and line limits.
func FuzzChunks(f *testing.F) {
	f.Add([]byte("{\"a\":1}\n\n  {\"b\":2}\r\n"+strings.Repeat("x", 40)+"\n{}"), uint16(3), uint16(16))
	f.Add([]byte(strings.Repeat("{\"type\":\"A\"}\n", 20)), uint16(7), uint16(100))
	f.Add([]byte("\n\n\n"+strings.Repeat("y", 100)+"\n\n"), uint16(1), uint16(10))
	f.Add([]byte("no newline at all"), uint16(2), uint16(5))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in []byte, size, max uint16) {
		if len(in) == 0 || in[0] == 0xEF || in[0] == 0xFE || in[0] == 0xFF {
			return // empty, or a byte order mark: not read in chunks
		}
		chunk := 1 + int(size)%64
		limit := 1 + int(max)%256
		if len(in) < 4*chunk {
			return // too small to be read in chunks
		}
		file := filepath.Join(dir, "in.ndjson")
		if err := os.WriteFile(file, in, 0o644); err != nil {
			t.Fatal(err)
		}
		if in[0] == 0x1f && len(in) > 1 && in[1] == 0x8b {
			// gzip magic: inventory.Read decompresses the whole file (or
			// reports it corrupt), so it must never be cut into chunks.
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			p := &pipeline{jobs: 2, chunkBytes: chunk, read: inventory.Options{Format: inventory.FormatNDJSON, MaxDocBytes: limit}}
			if _, ok := p.chunked(f, file); ok {
				t.Fatal("a gzipped file is read in chunks")
			}
			return
		}
		want := readWhole(t, file, limit)
		got := readChunked(t, file, chunk, limit)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("chunks of %d bytes, limit %d (-readDocs +chunks):\n%s", chunk, limit, diff)
		}
	})
}
