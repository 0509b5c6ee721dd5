package invgen

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/tidwall/gjson"
)

func generate(t testing.TB, cfg Config) [][]byte {
	t.Helper()
	docs, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func sum(t testing.TB, cfg Config) [32]byte {
	t.Helper()
	h := sha256.New()
	if err := Write(h, cfg); err != nil {
		t.Fatal(err)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func TestDeterministic(t *testing.T) {
	cfg := Config{N: 15000, Seed: 7, FailRatio: 0.2, Accounts: 2}
	a, b := sum(t, cfg), sum(t, cfg)
	if a != b {
		t.Fatal("the same config gave different bytes")
	}
	for _, other := range []Config{
		{N: 15000, Seed: 8, FailRatio: 0.2, Accounts: 2},
		{N: 15000, Seed: 7, FailRatio: 0.3, Accounts: 2},
		{N: 15000, Seed: 7, FailRatio: 0.2, Accounts: 3},
		{N: 15000, Seed: 7, FailRatio: 0.2, Accounts: 2, Now: DefaultNow().Add(time.Hour)},
	} {
		if sum(t, other) == a {
			t.Errorf("%+v gave the same bytes as %+v", other, cfg)
		}
	}
}

// TestWriteMatchesGenerate checks that the NDJSON writer and the in-memory
// form hold the same documents.
func TestWriteMatchesGenerate(t *testing.T) {
	cfg := Config{N: 3000, Seed: 3, FailRatio: 0.5}
	var buf bytes.Buffer
	if err := Write(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	docs := generate(t, cfg)
	want := append(bytes.Join(docs, []byte("\n")), '\n')
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatal("Write and Generate disagree")
	}
}

func TestCount(t *testing.T) {
	for _, n := range []int{0, 1, 2, 22, 23, 24, 60, 1000, accountSize + 5} {
		docs := generate(t, Config{N: n, Seed: 1, FailRatio: 0.2})
		if len(docs) != n {
			t.Errorf("N=%d: got %d documents", n, len(docs))
		}
		for i, d := range docs {
			if !json.Valid(d) || bytes.IndexByte(d, '\n') >= 0 {
				t.Fatalf("N=%d: document %d is not one line of JSON: %.200s", n, i, d)
			}
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []Config{{N: -1}, {N: 1, FailRatio: -0.1}, {N: 1, FailRatio: 1.5}, {N: 1, Accounts: -2}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%+v: no error", cfg)
		}
	}
}

type docInfo struct {
	Type, ID, AccountNumber, Region string
}

func info(t testing.TB, doc []byte) docInfo {
	if !gjson.ValidBytes(doc) {
		t.Fatalf("invalid JSON: %.200s", doc)
	}
	r := gjson.GetManyBytes(doc, "type", "id", "accountNumber", "region")
	return docInfo{r[0].String(), r[1].String(), r[2].String(), r[3].String()}
}

// TestSchema checks every document of a full account against the entity
// model: no property the schema does not list, no value of the wrong JSON
// type, every entity type present.
func TestSchema(t *testing.T) {
	s := bundles.AWS()
	docs := generate(t, Config{N: 12000, Seed: 11, FailRatio: 0.3, Accounts: 1})
	seen := map[string]int{}
	problems := 0
	for _, d := range docs {
		seen[info(t, d).Type]++
		for _, p := range s.CheckDocument(d) {
			if problems++; problems <= 20 {
				t.Errorf("%s %s: %s", info(t, d).Type, info(t, d).ID, p)
			}
		}
	}
	for _, typ := range s.TypeNames() {
		if seen[typ] == 0 {
			t.Errorf("no %s document", typ)
		}
	}
	if got, want := len(Types()), len(s.TypeNames()); got != want {
		t.Errorf("Types() has %d types, the schema %d", got, want)
	}
}

// TestSmallInventoryHasEveryType checks that even a small inventory covers
// every type, so that benchmarks on small sizes exercise every rule.
func TestSmallInventoryHasEveryType(t *testing.T) {
	docs := generate(t, Config{N: 200, Seed: 1, FailRatio: 0.2})
	seen := map[string]bool{}
	for _, d := range docs {
		seen[info(t, d).Type] = true
	}
	for _, typ := range bundles.AWS().TypeNames() {
		if !seen[typ] {
			t.Errorf("no %s document in 200", typ)
		}
	}
}

func TestProportions(t *testing.T) {
	g, err := New(Config{N: accountSize, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := g.Counts()
	for _, s := range mix {
		want := s.Count
		if s.Type == "IamUser" {
			want++ // the root user
		}
		if c[s.Type] != want {
			t.Errorf("one large account: %d %s, want %d", c[s.Type], s.Type, want)
		}
	}
	if c["Iam"] != 1 || c["Region"] != len(regions) {
		t.Errorf("one account: %d Iam and %d Region documents", c["Iam"], c["Region"])
	}

	g, err = New(Config{N: 100000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c = g.Counts()
	if c["Iam"] != 3 {
		t.Errorf("100,000 documents: %d accounts, want 3", c["Iam"])
	}
	total := 0
	for _, n := range c {
		total += n
	}
	if total != 100000 {
		t.Errorf("counts add up to %d", total)
	}
	if share, want := float64(c["Instance"])/float64(total), 12906.0/float64(accountSize); share < want*0.97 || share > want*1.03 {
		t.Errorf("instance share %.3f, want about %.3f", share, want)
	}
}

func TestUniqueIDs(t *testing.T) {
	docs := generate(t, Config{N: 2 * accountSize, Seed: 5, FailRatio: 0.2})
	seen := map[docInfo]bool{}
	accounts := map[string]bool{}
	for _, d := range docs {
		k := info(t, d)
		accounts[k.AccountNumber] = true
		k.Region = ""
		if k.Type == "Region" {
			continue
		}
		if seen[k] {
			t.Fatalf("duplicate %+v", k)
		}
		seen[k] = true
	}
	if len(accounts) != 2 {
		t.Errorf("%d accounts, want 2", len(accounts))
	}
}

// TestFailRatio checks that the ratio steers the share of non-compliant
// settings, using unencrypted volumes as the probe.
func TestFailRatio(t *testing.T) {
	for _, fr := range []float64{0, 0.2, 1} {
		docs := generate(t, Config{N: 20000, Seed: 2, FailRatio: fr})
		var vols, plain int
		for _, d := range docs {
			var v struct {
				Type      string
				Encrypted *bool
			}
			if err := json.Unmarshal(d, &v); err != nil {
				t.Fatal(err)
			}
			if v.Type == "Volume" {
				vols++
				if !*v.Encrypted {
					plain++
				}
			}
		}
		share := float64(plain) / float64(vols)
		if share < fr-0.03 || share > fr+0.03 {
			t.Errorf("fail ratio %v: %.3f of %d volumes unencrypted", fr, share, vols)
		}
	}
}

// TestEmbeddedVolumes checks that an instance embeds exactly the Volume
// documents attached to it, byte for byte.
func TestEmbeddedVolumes(t *testing.T) {
	docs := generate(t, Config{N: 5000, Seed: 9, FailRatio: 0.2})
	vols := map[string]string{}
	for _, d := range docs {
		if i := info(t, d); i.Type == "Volume" {
			vols[i.ID] = string(d)
		}
	}
	checked := 0
	for _, d := range docs {
		var inst struct {
			Type    string
			ID      string
			Volumes []json.RawMessage
		}
		if err := json.Unmarshal(d, &inst); err != nil {
			t.Fatal(err)
		}
		if inst.Type != "Instance" {
			continue
		}
		for _, v := range inst.Volumes {
			id := info(t, v).ID
			if vols[id] != string(v) {
				t.Fatalf("instance %s embeds volume %s unlike its document", inst.ID, id)
			}
			if !bytes.Contains(v, []byte(`"instanceId":"`+inst.ID+`"`)) {
				t.Fatalf("volume %s does not name instance %s", id, inst.ID)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no embedded volume")
	}
}

// TestStreaming checks that memory does not grow with the document count:
// the live heap after writing many accounts stays near that after one.
func TestStreaming(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 120,000 documents")
	}
	g, err := New(Config{N: 120000, Seed: 1, FailRatio: 0.2, Accounts: 6})
	if err != nil {
		t.Fatal(err)
	}
	var heaps []uint64
	var ms runtime.MemStats
	bw := bufio.NewWriter(io.Discard)
	for i := 0; ; i++ {
		doc := g.Next()
		if doc == nil {
			break
		}
		bw.Write(doc)
		if i%20000 == 10000 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heaps = append(heaps, ms.HeapAlloc)
		}
	}
	lo, hi := slices.Min(heaps), slices.Max(heaps)
	t.Logf("live heap at checkpoints: %v", heaps)
	if hi > lo+8<<20 || hi > 32<<20 {
		t.Errorf("live heap grows from %d to %d bytes", lo, hi)
	}
}

func TestTypesMatchMix(t *testing.T) {
	for _, s := range mix {
		if _, ok := kindOf(s.Type); !ok {
			t.Errorf("mix type %s has no generator", s.Type)
		}
	}
	for k := range numKinds {
		if generators[k] == nil {
			t.Errorf("kind %s has no generator", kindTypes[k])
		}
	}
}

func ExampleWrite() {
	var buf bytes.Buffer
	if err := Write(&buf, Config{N: 3, Seed: 1}); err != nil {
		panic(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		var d docInfo
		json.Unmarshal(line, &d)
		fmt.Println(d.Type, d.Region)
	}
	// Output:
	// Iam global
	// IamUser global
	// Region us-east-1
}

// BenchmarkWrite measures generation speed, in bytes of NDJSON per second.
func BenchmarkWrite(b *testing.B) {
	cfg := Config{N: 20000, Seed: 1, FailRatio: DefaultFailRatio}
	var cw countWriter
	if err := Write(&cw, cfg); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(cw.n)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
