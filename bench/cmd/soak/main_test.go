package main

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteInventory(t *testing.T) {
	cfg := inventoryConfig{n: 3000, seed: 1, bad: 0.05, limit: 1 << 20, hugeBytes: 1000}
	var buf bytes.Buffer
	p, err := writeInventory(&buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != cfg.n || p.docs != cfg.n || p.bytes != int64(buf.Len()) {
		t.Fatalf("%d lines, plan %d documents of %d bytes; want %d lines of %d bytes", len(lines), p.docs, p.bytes, cfg.n, buf.Len())
	}
	if got := len(p.damaged); got < cfg.n*3/100 || got > cfg.n*7/100 {
		t.Errorf("%d damaged lines of %d, want about 5%%", got, cfg.n)
	}
	for d := truncated; d < numDamages; d++ {
		if p.counts[d] == 0 {
			t.Errorf("no line %s", d)
		}
	}
	for i, line := range lines {
		d := p.damaged[i+1]
		valid := json.Valid(line)
		switch d {
		case intact, dupKey, huge:
			if !valid {
				t.Errorf("line %d (%s) is not valid JSON: %.100s", i+1, d, line)
			}
		case truncated, badUTF8:
			// encoding/json rejects invalid UTF-8 only in some
			// positions; what matters is that it is there.
			if d == truncated && valid {
				t.Errorf("line %d (truncated) is valid JSON", i+1)
			}
			if d == badUTF8 && !bytes.Contains(line, []byte("\x80")) {
				t.Errorf("line %d (invalid UTF-8) is UTF-8", i+1)
			}
		case tooLarge:
			if len(line) <= cfg.limit {
				t.Errorf("line %d (over the limit) has %d bytes, limit %d", i+1, len(line), cfg.limit)
			}
		}
		if d == huge && len(line) > cfg.limit {
			t.Errorf("line %d (huge, under the limit) has %d bytes", i+1, len(line))
		}
		_, must := p.mustErr[i+1]
		if must != (d == truncated || d == tooLarge) {
			t.Errorf("line %d (%s): must fail %v", i+1, d, must)
		}
	}
	// The same configuration writes the same bytes.
	var again bytes.Buffer
	if _, err := writeInventory(&again, cfg); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("a second inventory differs (%v)", err)
	}
}

// The reports in testdata are gslcheck's, from
//
//	gslcheck run --schema none -r 'Instance should have metadataOptions.httpTokens = "required"' \
//	  -r 'S3Bucket should have encryption.enabled = true' -r 'Iam should have passwordPolicy.minPasswordLength >= 14' \
//	  --no-progress --now 2026-06-15T00:00:00Z --max-doc-bytes 16384 --format F r.ndjson
//
// over six short documents (an Iam that passes, a bucket and an instance
// that fail, two volumes), the third line cut short and the sixth longer
// than 16384 bytes. The soak's CI run checks the readers
// against gslcheck as it is now.
func TestReadReport(t *testing.T) {
	for _, c := range []struct {
		format string
		want   tally
	}{
		{"text", tally{documents: 6, evaluated: -1, malformed: -1, pass: 1, fail: 2, inputErrors: []int{3, 6}}},
		{"json", tally{documents: 6, evaluated: 4, malformed: 2, pass: 1, fail: 2, inputErrors: []int{3, 6}}},
		{"sarif", tally{documents: -1, evaluated: -1, malformed: -1, pass: -1, fail: 2, inputErrors: []int{3, 6}}},
		{"junit", tally{documents: -1, evaluated: -1, malformed: -1, pass: 1, fail: 2, inputErrors: []int{3, 6}}},
	} {
		b, err := os.ReadFile("testdata/report." + c.format)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readReport(c.format, bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: %v", c.format, err)
			continue
		}
		c.want.bytes = int64(len(b))
		if got.documents != c.want.documents || got.evaluated != c.want.evaluated || got.malformed != c.want.malformed ||
			got.pass != c.want.pass || got.fail != c.want.fail || got.ruleErrors != 0 || got.bytes != c.want.bytes ||
			!slices.Equal(got.inputErrors, c.want.inputErrors) {
			t.Errorf("%s: got %+v\nwant %+v", c.format, got, c.want)
		}
	}
}

func TestLineReaderLongLines(t *testing.T) {
	long := strings.Repeat("x", 3*maxLine)
	lr := newLineReader(strings.NewReader("a\n" + long + "\nb"))
	var got []int
	for line, err := lr.next(); err == nil; line, err = lr.next() {
		got = append(got, len(line))
	}
	if want := []int{1, maxLine, 1}; !slices.Equal(got, want) || lr.bytes != int64(len(long)+4) {
		t.Errorf("line lengths %v, want %v; %d bytes read", got, want, lr.bytes)
	}
}

func TestCheck(t *testing.T) {
	p := &plan{docs: 10, damaged: map[int]damage{3: truncated, 5: badUTF8, 7: tooLarge}, mustErr: map[int]struct{}{3: {}, 7: {}}}
	good := tally{documents: 10, evaluated: 7, malformed: 3, pass: 1, fail: 1, inputErrors: []int{3, 5, 7}}
	if pr := check("json", good, p); len(pr) != 0 {
		t.Errorf("a report accounting for every line: %v", pr)
	}
	for name, bad := range map[string]tally{
		"a document lost":         {documents: 9, evaluated: 6, malformed: 3, inputErrors: []int{3, 5, 7}},
		"counts that do not add":  {documents: 10, evaluated: 6, malformed: 3, inputErrors: []int{3, 5, 7}},
		"a malformed line silent": {documents: 10, evaluated: 8, malformed: 2, inputErrors: []int{3, 5}},
		"an intact line rejected": {documents: 10, evaluated: 6, malformed: 4, inputErrors: []int{1, 3, 5, 7}},
		"a line reported twice":   {documents: 10, evaluated: 7, malformed: 3, inputErrors: []int{3, 3, 7}},
	} {
		if pr := check("json", bad, p); len(pr) == 0 {
			t.Errorf("%s: no problem found", name)
		}
	}
	results := map[string]outcome{"json": {t: good}, "junit": {t: tally{pass: 1, fail: 2, inputErrors: []int{3, 5, 7}}}}
	if pr := agree(results, []string{"json", "junit"}); len(pr) != 1 {
		t.Errorf("formats that disagree on failures: %v", pr)
	}
}

func TestQuarters(t *testing.T) {
	var s []rssSample
	for i := range 8 {
		s = append(s, rssSample{at: time.Duration(i) * time.Second, rss: int64(10 + i)})
	}
	if got := quarters(s); !slices.Equal(got, []int64{11, 13, 15, 17}) {
		t.Errorf("quarters: %v", got)
	}
	if quarters(s[:3]) != nil {
		t.Error("quarters of three samples")
	}
	o := outcome{quarters: []int64{10 << 20, 50 << 20, 52 << 20, 51 << 20}}
	if f := o.flatness(); !strings.HasPrefix(f, "flat") {
		t.Errorf("flat run judged %q", f)
	}
	o.quarters[3] = 90 << 20
	if f := o.flatness(); !strings.HasPrefix(f, "GROWS") {
		t.Errorf("growing run judged %q", f)
	}
}

func TestReadRSS(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	rss, hwm, ok := readRSS("/proc/self/status")
	if !ok || rss < 1<<20 || hwm < rss {
		t.Errorf("readRSS(/proc/self/status) = %d, %d, %v; want VmRSS over 1 MB and VmHWM at least VmRSS", rss, hwm, ok)
	}
	if p := peak([]rssSample{{rss: 5, hwm: 7}, {rss: 6, hwm: 9}, {rss: 2, hwm: 8}}); p != 9 {
		t.Errorf("peak = %d, want the highest VmHWM, 9", p)
	}
}
