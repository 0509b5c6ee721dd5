package inventory

// This file is the one entry point for reading inputs: it decompresses
// them, detects their format (or takes the one asked for) and hands them
// to the reader of that format.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sync"
)

// Read reads the input r, named name, and calls emit for each entity it
// finds, in input order: a document, an error record, or an item that
// yields no document (see Entity). A gzipped input is decompressed. The
// format is opts.Format, or with FormatAuto detected from the start of the
// input: a registered format (RegisterFormat) whose Detect accepts it,
// then AWS Config data, then entity documents (NDJSON by a .ndjson or
// .jsonl name or by its content, a JSON array, a single document, a type
// map, a JSON stream).
//
// Malformed documents are emitted with Err set and reading goes on when the
// structure allows it; problems that end the reading of this input are
// returned as an *InputError. An error returned by emit stops the reading
// and is returned as is.
func Read(r io.Reader, name string, opts Options, emit func(Entity) error) error {
	max := opts.MaxDocBytes
	if max <= 0 {
		max = DefaultMaxDocBytes
	}
	format := opts.Format
	if format == "" {
		format = FormatAuto
	}
	// NDJSON by its name may still hold AWS Config items, one per line.
	ndjsonByName := format == FormatAuto && IsNDJSON(name, format)
	sc := newScanner(r)
	reread := opts.Reread
	if sc.gzipped() {
		// Offsets in the file are not offsets in what it holds: a
		// gzipped input is never read twice.
		zr, err := gzip.NewReader(io.MultiReader(bytes.NewReader(sc.unread()), sc.r))
		if err != nil {
			return &InputError{Input: name, Line: 0, Msg: fmt.Sprintf("gzip: %v", err)}
		}
		defer zr.Close()
		sc, reread = newScanner(zr), nil
	}
	if fr, ok := registeredFormat(format, sc); ok {
		o := opts
		o.Format, o.MaxDocBytes, o.Reread = format, max, nil
		return fr.Read(io.MultiReader(bytes.NewReader(sc.unread()), sc.r), name, o, emit)
	}
	switch format {
	case FormatAuto, FormatJSON, FormatNDJSON, FormatAWSConfig:
	default:
		return &InputError{Input: name, Msg: fmt.Sprintf("unknown input format %q", format)}
	}
	if err := sc.skipBOM(name); err != nil {
		return err
	}
	rd := &docReader{sc: sc, name: name, max: max, emit: emit, borrow: opts.Borrow, reread: reread}
	if format == FormatNDJSON {
		return rd.lines()
	}
	if format == FormatAuto || format == FormatAWSConfig {
		if shape := rd.configShape(); shape != shapeNone {
			return rd.awsConfig(shape)
		}
		if format == FormatAWSConfig {
			rd.sc.skipSpace()
			return rd.inputErr(rd.sc.line, "not AWS Config data: expected a configuration item, a snapshot or history file "+
				"({\"configurationItems\": [...]}) or the output of batch-get-resource-config, get-resource-config-history or select-resource-config")
		}
	}
	if ndjsonByName {
		return rd.lines()
	}
	return rd.auto(format == FormatJSON)
}

// FormatReader reads inputs of a format other than the built-in ones (the
// entity documents' formats and AWS Config's): a Terraform plan, a
// CloudFormation template. Register one with RegisterFormat.
type FormatReader interface {
	// Detect reports whether an input that starts with head (its first
	// 64 KB, decompressed, or all of it when shorter) is in this format.
	// (While a format is registered, detection waits for that much of a
	// pipe, or its end.)
	Detect(head []byte) bool
	// Read reads an input in this format, decompressed, from its start,
	// and calls emit for each entity, as Read does. opts.Reread is nil.
	Read(r io.Reader, name string, opts Options, emit func(Entity) error) error
}

var (
	formatsMu sync.RWMutex
	formats   []registered // in registration order: the first to detect an input reads it
)

type registered struct {
	format Format
	reader FormatReader
}

// RegisterFormat makes Read use fr for inputs of format f (asked for, or
// detected by fr.Detect under FormatAuto). It panics when f is a built-in
// format or registered already: formats register once, from init.
func RegisterFormat(f Format, fr FormatReader) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	switch f {
	case "", FormatAuto, FormatJSON, FormatNDJSON, FormatAWSConfig:
		panic("inventory: RegisterFormat of built-in format " + string(f))
	}
	for _, r := range formats {
		if r.format == f {
			panic("inventory: format " + string(f) + " registered twice")
		}
	}
	formats = append(formats, registered{f, fr})
}

// registeredFormat returns the registered reader for format, or under
// FormatAuto the first whose Detect accepts the input's start (which it
// looks at without consuming).
func registeredFormat(format Format, sc *scanner) (FormatReader, bool) {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	if len(formats) == 0 {
		return nil, false
	}
	if format != FormatAuto {
		for _, r := range formats {
			if r.format == format {
				return r.reader, true
			}
		}
		return nil, false
	}
	sc.ensure(len(sc.buf))
	head := sc.buf[sc.pos:sc.end]
	for _, r := range formats {
		if r.reader.Detect(head) {
			return r.reader, true
		}
	}
	return nil, false
}
