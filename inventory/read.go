package inventory

// This file is the one entry point for reading inputs: it decompresses
// them, detects their format (or takes the one asked for) and hands them
// to the reader of that format.

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Read reads the input r, named name, and calls emit for each entity it
// finds, in input order: a document, an error record, or an item that
// yields no document (see Entity). A gzipped input is decompressed. The
// format is opts.Format, or with FormatAuto detected from the start of the
// input: a Terraform plan or state (`terraform show -json`), a
// CloudFormation template (YAML or JSON), then AWS Config data, then entity documents (NDJSON by a .ndjson or
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
	if opts.Resume != nil {
		return resume(r, name, max, opts, emit)
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
			return &InputError{Input: name, Line: 0, Msg: "gzip: " + strings.TrimPrefix(err.Error(), "gzip: ")}
		}
		defer zr.Close()
		sc, reread = newScanner(zr), nil
	}
	if c, ok := converterFor(format, name, sc); ok {
		return convertInput(c, sc, name, emit)
	}
	switch format {
	case FormatAuto, FormatJSON, FormatNDJSON, FormatAWSConfig:
	default:
		return &InputError{Input: name, Msg: fmt.Sprintf("unknown input format %q", format)}
	}
	if err := sc.skipBOM(name); err != nil {
		return err
	}
	rd := &docReader{sc: sc, name: name, max: max, emit: emit, borrow: opts.Borrow, reread: reread,
		speculate: opts.Speculate && reread != nil}
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

// converter is a format read whole and converted by a reader of its own,
// rather than split into documents as they stream by: a Terraform plan or
// state, a CloudFormation template. These are small files whose resources
// refer to each other, so their readers hold them entire (up to their own
// size limits).
type converter struct {
	format Format
	// detect reports whether an input named name that starts with head
	// (its first 64 KB, decompressed, or all of it when shorter) is in
	// this format.
	detect func(head []byte, name string) bool
	read   func(r io.Reader, name string, emit func(Entity) error) error
}

// converters are tried in order under FormatAuto, before AWS Config data
// and entity documents: their signatures (format_version,
// AWSTemplateFormatVersion, AWS:: resource types under Resources) do not
// occur at the start of entity documents.
var converters = [...]converter{
	{FormatTerraform, func(head []byte, _ string) bool { return isTerraformJSON(head) }, ReadTerraform},
	{FormatCloudFormation, isCloudFormation, ReadCloudFormation},
}

// converterFor returns the converter of format, or under FormatAuto the
// first whose detect accepts the input's start (which it looks at without
// consuming).
func converterFor(format Format, name string, sc *scanner) (*converter, bool) {
	if format != FormatAuto {
		for i := range converters {
			if converters[i].format == format {
				return &converters[i], true
			}
		}
		return nil, false
	}
	head := sc.detectHead()
	for i := range converters {
		if converters[i].detect(head, name) {
			return &converters[i], true
		}
	}
	return nil, false
}

// convertInput runs c over the rest of sc. An error of the reader's own
// (not one emit returned) ends this input, so it becomes an *InputError,
// as Read promises.
func convertInput(c *converter, sc *scanner, name string, emit func(Entity) error) error {
	var emitErr error
	err := c.read(io.MultiReader(bytes.NewReader(sc.unread()), sc.r), name, func(e Entity) error {
		emitErr = emit(e)
		return emitErr
	})
	if err == nil || err == emitErr {
		return err
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return err
	}
	// The readers spell their errors "name: msg" or "name:line:col: msg".
	ie = &InputError{Input: name, Msg: err.Error()}
	if rest, ok := strings.CutPrefix(ie.Msg, name+":"); ok {
		line, after, _ := strings.Cut(rest, ":")
		if n, err := strconv.Atoi(line); err == nil && n > 0 {
			ie.Line = n
			if _, msg, ok := strings.Cut(after, ": "); ok && !strings.HasPrefix(after, " ") {
				rest = msg
			} else {
				rest = after
			}
		}
		ie.Msg = strings.TrimSpace(rest)
	}
	return ie
}

// detectHead returns the start of the unconsumed input for converterFor,
// reading no more of it than detection needs, so that a stream of entity
// documents arriving slowly on a pipe is not held up: an input that starts
// with [ is no converter's; one that starts with { is judged on its first
// line when that line is more than "{" (NDJSON, minified JSON), else on its
// first eight lines (pretty-printed JSON names format_version or
// AWSTemplateFormatVersion near the top); anything else (YAML, a UTF-16
// byte-order mark) on up to 64 KB.
func (s *scanner) detectHead() []byte {
	const max = scanBufSize // ensure reads at most a buffer's worth
	more := func() bool { return s.end-s.pos < max && s.ensure(s.end-s.pos+1) }
	i := s.pos
	for {
		for i < s.end && isSpace(s.buf[i]) {
			i++
		}
		if i < s.end || !more() {
			break
		}
	}
	if i == s.end {
		return s.buf[s.pos:s.end]
	}
	switch s.buf[i] {
	case '[':
		return nil
	case '{':
		lines := func() int { return bytes.Count(s.buf[i:s.end], []byte{'\n'}) }
		for lines() < 1 && more() {
		}
		first, _, _ := bytes.Cut(s.buf[i:s.end], []byte{'\n'})
		if len(bytes.TrimSpace(first)) > 1 {
			return s.buf[s.pos:s.end]
		}
		for lines() < 8 && more() {
		}
	default:
		for more() {
		}
	}
	return s.buf[s.pos:s.end]
}
