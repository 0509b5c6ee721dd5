package report

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// TestSpill adds text to groups in a random order, with bounds small
// enough that most of it goes to the file, and reads every group back in
// the order it was added.
func TestSpill(t *testing.T) {
	for _, limit := range []int{1, 100, 4096, spillTotalBytes} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			const groups = 7
			s := newSpill(groups)
			s.limit = limit
			defer s.close()
			want := make([]bytes.Buffer, groups)
			r := rand.New(rand.NewPCG(1, uint64(limit)))
			for i := range 5000 {
				g := r.IntN(groups)
				line := fmt.Appendf(nil, "Record %d of group %d %s\n", i, g, bytes.Repeat([]byte{'x'}, r.IntN(300)))
				s.add(g, line)
				want[g].Write(line)
			}
			if limit < spillTotalBytes && s.f == nil {
				t.Fatal("nothing was spilled")
			}
			for g := range groups {
				var got bytes.Buffer
				if err := s.writeTo(&got, g); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want[g].Bytes()) {
					t.Errorf("group %d: got %d bytes, want %d", g, got.Len(), want[g].Len())
				}
				all, _ := io.ReadAll(s.reader(g))
				if !bytes.Equal(all, want[g].Bytes()) {
					t.Errorf("group %d: reader gave %d bytes, want %d", g, len(all), want[g].Len())
				}
			}
			if s.held > limit+spillGroupBytes {
				t.Errorf("%d bytes held in memory, bound %d", s.held, limit)
			}
		})
	}
}
