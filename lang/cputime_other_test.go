//go:build !linux

package lang

import "testing"

// loopCPU runs f under b.Loop (CPU time is only reported on Linux).
func loopCPU(b *testing.B, f func()) {
	for b.Loop() {
		f()
	}
}
