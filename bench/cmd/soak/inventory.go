package main

// This file writes the soak inventory: invgen's documents, one per line,
// with a share of the lines made malformed in the ways real exports go
// wrong, and a record of which line was made what.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/gsl-lang/gsl/internal/invgen"
)

// damage is what was done to a line of the inventory.
type damage uint8

const (
	intact    damage = iota
	truncated        // cut short: never valid JSON
	badUTF8          // a string holding bytes that are not UTF-8
	dupKey           // the member "id" twice, with different values
	huge             // a string member of hugeBytes, under the line limit
	tooLarge         // a string member that takes the line over the limit
	numDamages
)

var damageNames = [numDamages]string{"intact", "truncated", "invalid UTF-8", "duplicate keys", "huge string", "over the line limit"}

func (d damage) String() string { return damageNames[d] }

// mustFail reports whether gslcheck must report a line damaged so as an
// input error. The others are valid or debatable JSON (RFC 8259 requires
// UTF-8 and unique names only as SHOULD for receivers), so gslcheck may
// evaluate them or reject them, but must do one or the other.
func (d damage) mustFail() bool { return d == truncated || d == tooLarge }

// plan is the inventory as written: which lines were damaged, and how.
type plan struct {
	docs    int              // lines written
	bytes   int64            // bytes written
	damaged map[int]damage   // 1-based line number -> damage
	counts  [numDamages]int  // lines per damage
	mustErr map[int]struct{} // lines gslcheck must report as input errors
}

// inventoryConfig chooses the soak inventory.
type inventoryConfig struct {
	n         int     // documents (lines)
	seed      uint64  // invgen's seed, and the damage's
	bad       float64 // share of lines damaged
	limit     int     // gslcheck's --max-doc-bytes
	hugeBytes int     // length of a huge string under the limit
}

// writeInventory writes cfg's inventory to w. Damaged lines take the place
// of generated documents, so the file has exactly cfg.n lines. Damages
// cycle through truncated, invalid UTF-8, duplicate keys and huge strings;
// one huge string in ten is longer than the line limit.
func writeInventory(w io.Writer, cfg inventoryConfig) (*plan, error) {
	g, err := invgen.New(invgen.Config{N: cfg.n, Seed: cfg.seed, FailRatio: invgen.DefaultFailRatio})
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0x50a4))
	bw := bufio.NewWriterSize(w, 1<<16)
	p := &plan{damaged: map[int]damage{}, mustErr: map[int]struct{}{}}
	var buf []byte
	nextKind, nHuge := 0, 0
	for doc := g.Next(); doc != nil; doc = g.Next() {
		p.docs++
		line := doc
		if rng.Float64() < cfg.bad {
			d := [...]damage{truncated, badUTF8, dupKey, huge}[nextKind%4]
			nextKind++
			if d == huge {
				if nHuge%10 == 9 {
					d = tooLarge
				}
				nHuge++
			}
			buf = damageLine(buf[:0], doc, d, rng, cfg, p.docs)
			line = buf
			p.damaged[p.docs] = d
			p.counts[d]++
			if d.mustFail() {
				p.mustErr[p.docs] = struct{}{}
			}
		}
		bw.Write(line)
		if err := bw.WriteByte('\n'); err != nil {
			return nil, err
		}
		p.bytes += int64(len(line)) + 1
	}
	p.counts[intact] = p.docs - len(p.damaged)
	return p, bw.Flush()
}

// damageLine appends doc, damaged by d, to dst. doc is a JSON object.
func damageLine(dst, doc []byte, d damage, rng *rand.Rand, cfg inventoryConfig, lineNo int) []byte {
	// open is the object's opening brace and what follows it: damage that
	// adds a member adds it first, so the rest of the document is intact.
	open, rest := doc[:1], doc[1:]
	switch d {
	case truncated:
		// Any proper prefix of an object is invalid JSON.
		return append(dst, doc[:1+rng.IntN(len(doc)-1)]...)
	case badUTF8:
		// A lone continuation byte, a truncated two-byte sequence and an
		// overlong encoding of '/'.
		dst = append(dst, open...)
		dst = append(dst, "\"note\":\"bad \x80 \xc3 \xc0\xaf bytes\","...)
		return append(dst, rest...)
	case dupKey:
		dst = append(dst, open...)
		dst = append(dst, "\"id\":\"duplicate-"...)
		dst = strconv.AppendInt(dst, int64(lineNo), 10)
		dst = append(dst, "\","...)
		return append(dst, rest...)
	case huge, tooLarge:
		n := cfg.hugeBytes
		if d == tooLarge {
			n = cfg.limit + 1 + rng.IntN(cfg.limit/4+1)
		}
		dst = append(dst, open...)
		dst = append(dst, "\"blob\":\""...)
		dst = append(dst, bytes.Repeat([]byte("abcdefghijklmnopqrstuvwxyz0123456789"), n/36+1)[:n]...)
		dst = append(dst, "\","...)
		return append(dst, rest...)
	}
	return append(dst, doc...)
}

// createInventory writes cfg's inventory to a new file and syncs it, so
// that the kernel does not write it back during the timed runs.
func createInventory(path string, cfg inventoryConfig) (*plan, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	p, err := writeInventory(f, cfg)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("writing %s: %v", path, err)
	}
	return p, nil
}
