package bundles

import (
	"bytes"
	"crypto/sha256"
)

// The shipped bundles are parsed from YAML at build time, not at start-up:
// YAML parsing was most of the time a short-lived process (a Lambda, a CI
// step) spent loading them. `go generate ./bundles` writes
// preparsed_gen.go from the embedded bundle.yaml files, and
// TestPreparsed fails while it is stale. Load checks each file's SHA-256
// against the one recorded there, and parses the YAML when they differ, so
// a bundle edited since is never served stale, only more slowly.
//
//go:generate go test -run ^TestPreparsed$ -update .

// preparsedBundle is a shipped bundle as go generate read it.
type preparsedBundle struct {
	sum    [sha256.Size]byte // of the bundle.yaml it was read from
	bundle func() *Bundle    // a fresh copy, without the rules' sources
	srcs   []preparsedSource // for each rule, where its logic lies
}

// preparsedSource is a valueSource without the file's lines; line 0
// means the rule has no source.
type preparsedSource struct {
	line, col       int
	escapes, single bool
}

// fromPreparsed returns shipped bundle id from its pre-parsed form, or nil
// when there is none for data (the file's content).
func fromPreparsed(id string, data []byte) *Bundle {
	pb, ok := preparsed[id]
	if !ok || pb.sum != sha256.Sum256(data) {
		return nil
	}
	b := pb.bundle()
	lines := yamlLines(bytes.TrimPrefix(data, []byte("\ufeff")))
	for i, s := range pb.srcs {
		if s.line > 0 && i < len(b.Rules) {
			b.Rules[i].src = &valueSource{lines: lines, line: s.line, col: s.col, escapes: s.escapes, single: s.single}
		}
	}
	return b
}
