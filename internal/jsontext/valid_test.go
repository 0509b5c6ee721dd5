package jsontext

import (
	"math/bits"
	"testing"
)

// TestStringStop checks stringStop's lowest bit against a byte loop, for
// every byte value at every position after plain or non-ASCII bytes and
// before bytes that are themselves stoppers or borrow-prone (0x00, 0x21,
// 0xff). It checks stringStopOrHigh too: its lowest bit marks the first
// stopper or byte >= 0x80, and masking the word's high bits from it gives
// stringStop.
func TestStringStop(t *testing.T) {
	isStop := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	for _, before := range []byte{'a', 0xc3, 0x80, 0xa1, 0xff} {
		for p := range 8 {
			for c := range 256 {
				for _, after := range []byte{'a', 0x00, 0x21, '"', 0xff, 0x80} {
					var w [8]byte
					for k := range w {
						switch {
						case k < p:
							w[k] = before + byte(k)&1
						case k == p:
							w[k] = byte(c)
						default:
							w[k] = after
						}
					}
					want, wantHigh := 8, 8
					for k, b := range w {
						if isStop(b) {
							want = k
							break
						}
					}
					for k, b := range w {
						if isStop(b) || b >= 0x80 {
							wantHigh = k
							break
						}
					}
					x := load64(string(w[:]), 0)
					m := stringStop(x)
					if got := bits.TrailingZeros64(m) / 8; got != want {
						t.Fatalf("%q: first stopper at %d, want %d", w, got, want)
					}
					r := stringStopOrHigh(x)
					if got := bits.TrailingZeros64(r) / 8; got != wantHigh {
						t.Fatalf("%q: first stopper or high byte at %d, want %d", w, got, wantHigh)
					}
					if got := bits.TrailingZeros64(r&^x) / 8; got != want {
						t.Fatalf("%q: stringStopOrHigh&^w finds %d, want %d", w, got, want)
					}
				}
			}
		}
	}
}
