package bundles

import (
	"bytes"
	"crypto/sha256"

	"github.com/gsl-lang/gsl/lang"
)

// The shipped bundles are parsed from YAML at build time, not at start-up:
// YAML parsing was most of the time a short-lived process (a Lambda, a CI
// step) spent loading them. `go generate ./bundles` writes
// preparsed_gen.go from the embedded bundle.yaml files, and
// TestPreparsed fails while it is stale. Load checks each file's SHA-256
// against the one recorded there, and parses the YAML when they differ, so
// a bundle edited since is never served stale, only more slowly.
//
// The rules' syntax trees are pre-parsed too, in lang's binary encoding:
// running the parser was most of what remained of start-up. Prepare
// compiles a rule from its stored tree when the tree's source is the
// rule's Logic (an embedder may change Logic after Load), else it parses
// Logic as for any other rule. The trees' positions are those parsing
// gives, so errors point at the same file line and column either way.
//
//go:generate go test -run ^TestPreparsed(Schema)?$ -update .

// preparsedBundle is a shipped bundle as go generate read it.
type preparsedBundle struct {
	sum    [sha256.Size]byte // of the bundle.yaml it was read from
	bundle func() *Bundle    // a fresh copy, without the rules' sources
	srcs   []preparsedSource // for each rule, where its logic lies
	// trees holds each rule's encoded syntax tree (lang.EncodeRule), ""
	// for one parsed at start-up. It is apart from srcs so that a
	// preparsed_gen.go written before trees were stored still compiles
	// (its bundles are then served without trees) and can be regenerated.
	trees []string
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
	lines := linesOf(bytes.TrimPrefix(data, []byte("\ufeff")))
	for i, s := range pb.srcs {
		if s.line > 0 && i < len(b.Rules) {
			b.Rules[i].src = &valueSource{lines: lines, line: s.line, col: s.col, escapes: s.escapes, single: s.single}
		}
		if i < len(pb.trees) && i < len(b.Rules) {
			b.Rules[i].tree = pb.trees[i]
		}
	}
	return b
}

// Syntax returns the syntax tree of r's Logic: for a shipped rule whose
// Logic is unchanged since Load, the tree parsed at build time (decoding it
// costs a seventh of parsing), else Logic parsed. Compile it with
// eval.CompileRule; the error is lang's, positioned in Logic.
func (r *Rule) Syntax() (*lang.Rule, error) {
	if r.tree != "" {
		if t, err := lang.DecodeRule(r.tree); err == nil && t.Source == r.Logic {
			return t, nil
		}
	}
	return lang.Parse(r.Logic)
}
