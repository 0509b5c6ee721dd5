package inventory

import (
	"fmt"
	"runtime/metrics"
	"strings"
	"testing"
)

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

// TestReadDocsTypeMapNotHeld reads a type map four times the size limit.
// Told apart by reading it twice, it is not copied at all when the input
// can be reread: what is allocated before the first document is the
// scanners' buffers. A capture copies up to the limit of it, which the test
// sees too, so that it can fail.
func TestReadDocsTypeMapNotHeld(t *testing.T) {
	const max = 4 << 20
	in := typeMapText(4 * max / 150)
	for _, mode := range []readMode{{name: "capture"}, {name: "reread", reread: true}} {
		r, reread := mode.open(in)
		base := allocated()
		var alloc uint64
		n := 0
		err := Read(r, "inv.json", Options{MaxDocBytes: max, Reread: reread}, func(d Entity) error {
			if n == 0 {
				alloc = allocated() - base
			}
			n++
			if d.Err != nil {
				t.Errorf("%s: %s: %v", mode, d.Label(), d.Err)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if want := 4*max/150 + 1; n != want {
			t.Errorf("%s: %d documents, want %d", mode, n, want)
		}
		switch {
		case mode.reread && alloc > 1<<20:
			t.Errorf("%s: %d KB allocated before the first document", mode, alloc>>10)
		case !mode.reread && alloc < max:
			t.Errorf("%s: only %d KB allocated before the first document: the capture was not seen", mode, alloc>>10)
		}
	}
}

// allocated returns the bytes allocated on the heap so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
