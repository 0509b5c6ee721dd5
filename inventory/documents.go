package inventory

// This file reads inputs: it splits a byte stream into JSON documents without
// holding more than one document (plus a bounded read buffer) in memory.
//
// Accepted shapes:
//   - NDJSON (one document per line), chosen by a .ndjson/.jsonl extension or
//     detected from the content (a first line holding one whole object,
//     followed by more content);
//   - a top-level JSON array of documents, split element by element;
//   - a single document (an object with a non-array member such as "type");
//   - an object mapping entity type names to arrays of documents; documents
//     without a "type" get the key as their type;
//   - concatenated multi-line objects (a JSON stream).
//
// Structural scanning only tracks strings and brackets; full validation of
// each document happens later, in parallel, in the workers.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// DefaultMaxDocBytes bounds one document (one NDJSON line, one array
// element, or a whole single-document input).
const DefaultMaxDocBytes = 64 << 20

// maxNesting bounds the bracket stack kept while splitting, so that a hostile
// input cannot grow it without limit. A value nested deeper is skipped (its
// deeper levels only counted) and becomes an error record.
const maxNesting = 10000

// Format selects how an input is split.
type Format string

const (
	FormatAuto   Format = "auto"
	FormatJSON   Format = "json"
	FormatNDJSON Format = "ndjson"
	// FormatAWSConfig is AWS Config's configuration items, converted to
	// entity documents (see awsconfig.go). Auto-detected too.
	FormatAWSConfig Format = "awsconfig"
	// FormatTerraform is `terraform show -json` output, of a plan or of a
	// state (see terraform.go, INPUTS.md). Auto-detected too.
	FormatTerraform Format = "terraform"
	// FormatCloudFormation is a CloudFormation template, YAML or JSON (see
	// cloudformation.go, INPUTS.md). Auto-detected too.
	FormatCloudFormation Format = "cloudformation"
)

// IsNDJSON reports whether input name is read as NDJSON: by the format
// asked for, else by its extension (see Read).
func IsNDJSON(name string, format Format) bool {
	switch format {
	case FormatNDJSON:
		return true
	case "", FormatAuto:
		switch filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")) {
		case ".ndjson", ".jsonl":
			return true
		}
	}
	return false
}

// Options configure Read.
type Options struct {
	Format      Format // auto (default), json or ndjson
	MaxDocBytes int    // 0 means DefaultMaxDocBytes

	// Borrow lets Read emit NDJSON lines and array elements that alias
	// its buffer: the Data of such an Entity is valid only until emit
	// returns.
	Borrow bool

	// Reread, when set, moves the input back so that its next read
	// returns the byte at offset off (counted from where Read began):
	// a regular file. An object at the top level is then told apart (a
	// type map, one document, the first line of NDJSON) by reading it
	// twice, rather than by keeping a copy of up to MaxDocBytes of it.
	Reread func(off int64) error

	// Speculate lets Read split the elements of a top-level JSON array of
	// an input it can Reread at the ends of their lines: an element that
	// starts a line with '{' and ends it with '}' (and perhaps a comma) is
	// taken to be that line, without its strings and brackets being
	// followed, and emitted with Entity.Guess set. Valid JSON holds no
	// line break inside a string, so the guess is right for every such
	// element that is a valid JSON object, which the caller checks anyway;
	// for one that is not, ElementSplit says whether the guess was right.
	// If it was not, the caller reads the input again from the element
	// (Resume), without Speculate. See speculate.go.
	Speculate bool

	// Resume, when set, starts Read inside the top-level JSON array of an
	// input already read up to the element Resume (one emitted Guessed):
	// the input must have been moved to Resume.Offset, and Read reads the
	// elements from there, numbered and placed as the first reading did.
	Resume *Entity
}

// InputError is a problem with an input as a whole (not one document): it
// names the input and the line where reading stopped.
type InputError struct {
	Input string
	Line  int // 0 when unknown
	Msg   string
}

// Error returns the message with the input's name and line.
func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Input, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Input, e.Msg)
}

// docReader holds the state of one Read call.
type docReader struct {
	sc   *scanner
	name string
	max  int
	emit func(Entity) error
	// borrow: lines() may emit Data aliasing the scanner's buffer.
	borrow bool
	reread func(off int64) error // see Options.reread
	// speculate: elements of the top-level array may be split at line
	// ends (see Options.Speculate).
	speculate bool
}

func (rd *docReader) inputErr(line int, format string, args ...any) error {
	return &InputError{Input: rd.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// syntaxErr is an InputError at the scanner's position: the message ends
// with the column, which matters in minified JSON (one long line).
func (rd *docReader) syntaxErr(format string, args ...any) error {
	return rd.inputErr(rd.sc.line, "%s (column %d)", fmt.Sprintf(format, args...), rd.sc.col())
}

// unexpectedEnd reports the read error that ended the input, or else that
// the input ended inside a structure ("unexpected end of input " + where).
func (rd *docReader) unexpectedEnd(where string, args ...any) error {
	if err := rd.sc.ioErr(rd.name); err != nil {
		return err
	}
	return rd.inputErr(rd.sc.line, "unexpected end of input "+where, args...)
}

// auto inspects the first byte and picks the array, object, NDJSON or
// stream reader. With strictJSON the input must be one JSON value.
func (rd *docReader) auto(strictJSON bool) error {
	sc := rd.sc
	sc.skipSpace()
	c, ok := sc.peek()
	if !ok {
		return sc.ioErr(rd.name) // empty input: no documents
	}
	switch c {
	case '[':
		sc.advance(1)
		if err := rd.elements(']', "", KindElem); err != nil {
			return err
		}
		return rd.trailing()
	case '{':
		return rd.object(strictJSON)
	}
	return rd.syntaxErr("expected a JSON array, object or NDJSON, found %s", quoteByte(c))
}

// trailing checks that only whitespace follows the top-level value.
func (rd *docReader) trailing() error {
	rd.sc.skipSpace()
	if c, ok := rd.sc.peek(); ok {
		return rd.syntaxErr("unexpected %s after the top-level value", quoteByte(c))
	}
	return rd.sc.ioErr(rd.name)
}

// elements reads array elements up to the closing bracket, which it
// consumes. The opening bracket has been consumed.
func (rd *docReader) elements(close byte, key string, kind Kind) error {
	return rd.elementsFrom(close, key, kind, 0)
}

// elementsFrom is elements with the elements before index read.
func (rd *docReader) elementsFrom(close byte, key string, kind Kind, index int) error {
	sc := rd.sc
	for ; ; index++ {
		sc.skipSpace()
		c, ok := sc.peek()
		if !ok {
			return rd.unexpectedEnd("in array")
		}
		if c == close && index == 0 {
			sc.advance(1)
			return nil
		}
		if isDelim(c) {
			// A missing element ("[,", "[1,]", "[}"): a fault of the
			// structure, not a document.
			if index == 0 {
				return rd.syntaxErr("expected an array element or %q, found %s", close, quoteByte(c))
			}
			return rd.syntaxErr("expected an array element after ',', found %s", quoteByte(c))
		}
		if rd.speculate && kind == KindElem {
			if doc, comma, ok := rd.guessElement(index); ok {
				if err := rd.emit(doc); err != nil {
					return err
				}
				if comma {
					continue
				}
				if done, err := rd.afterElement(close); done {
					return err
				}
				continue
			}
		}
		line, col, wide := sc.line, sc.col(), sc.wide
		var data []byte
		var err error
		if rd.borrow {
			data, err = sc.borrowValue(rd.max, true)
		} else {
			data, err = sc.value(rd.max, true, nil)
		}
		doc := Entity{Data: data, Origin: Origin{Input: rd.name, Line: line, Col: col, Wide: wide, Index: index, Key: key, Kind: kind}}
		if stop, err := rd.emitValue(doc, err); stop {
			return err
		}
		if done, err := rd.afterElement(close); done {
			return err
		}
	}
}

// afterElement reads what follows an array element: a comma (done false)
// or the closing bracket (done true, err nil); anything else ends the
// reading with err.
func (rd *docReader) afterElement(close byte) (done bool, err error) {
	sc := rd.sc
	sc.skipSpace()
	c, ok := sc.peek()
	switch {
	case !ok:
		return true, rd.unexpectedEnd("in array (missing %q)", close)
	case c == ',':
		sc.advance(1)
		return false, nil
	case c == close:
		sc.advance(1)
		return true, nil
	default:
		return true, rd.syntaxErr("expected ',' or %q after array element, found %s", close, quoteByte(c))
	}
}

// object handles an input that starts with '{'. Unless strictJSON, a first
// line that holds a whole object ('{' ... '}') followed by more content makes
// the input NDJSON. Otherwise the first object is read (up to the size
// limit) while noting whether every top-level member holds an array: if so
// the input is a type map, else a single document. More objects after the
// first make a JSON stream.
//
// Either way the object is read again once its kind is known. An input that
// can be reread is moved back; any other is captured as it is read and the
// capture replayed, so that up to the size limit of it is held meanwhile.
func (rd *docReader) object(strictJSON bool) error {
	start := rd.mark()
	seek := rd.reread != nil
	if !strictJSON {
		sc := rd.sc
		sc.capture = !seek
		whole, err := sc.lineIsObject(rd.max)
		ndjson := false
		if err == nil && whole {
			sc.skipSpace()
			_, ndjson = sc.peek()
		}
		captured := sc.captured
		sc.capture, sc.captured = false, nil
		var rerr error
		if rd, rerr = rd.back(start, captured); rerr != nil {
			return rerr
		}
		if ndjson {
			return rd.lines()
		}
	}
	sc := rd.sc
	allArrays := true
	// data holds the object's bytes, or on an error those read before it:
	// a re-read starts from them, so nothing else keeps a copy. An input
	// that can be reread keeps none.
	sc.discard = seek
	data, err := sc.value(rd.max, false, func(first byte) {
		if first != '[' {
			allArrays = false
		}
	})
	sc.discard = false
	more := false
	var space []byte
	if err == nil {
		// Keep the whitespace after the object so that a re-read keeps
		// its line breaks.
		sc.capture = !seek
		sc.skipSpace()
		_, more = sc.peek()
		space = sc.captured
		sc.capture, sc.captured = false, nil
	}
	switch {
	case errors.Is(err, errTooLarge) && allArrays:
		// Too big for one document, and every member so far holds an
		// array: a type map. Re-read it from the start, streaming.
		return rd.typeMapFrom(start, data)
	case errors.Is(err, errTooLarge):
		return rd.emit(Entity{Err: fmt.Errorf("document larger than %d bytes", rd.max),
			Origin: Origin{Input: rd.name, Line: start.line, Kind: KindWhole, Index: -1}})
	case err != nil && allArrays:
		// Let the type-map reader find and report the element at fault.
		return rd.typeMapFrom(start, data)
	case err != nil:
		return rd.emit(Entity{Err: err, Origin: Origin{Input: rd.name, Line: start.line, Kind: KindWhole, Index: -1}})
	}
	// reload reads the document again, keeping it this time, when the
	// first read kept none.
	reload := func() error {
		if !seek {
			return nil
		}
		var err error
		if rd, err = rd.back(start); err != nil {
			return err
		}
		if data, err = rd.sc.value(rd.max, false, nil); err != nil {
			return rd.inputErr(start.line, "the input changed while it was read: %v", err)
		}
		return nil
	}
	if more && !strictJSON {
		// A JSON stream: this object is its first document.
		if err := reload(); err != nil {
			return err
		}
		if err := rd.emit(Entity{Data: data, Origin: Origin{Input: rd.name, Line: start.line, Col: start.col, Wide: start.wide, Kind: KindLine, Index: -1}}); err != nil {
			return err
		}
		return rd.stream()
	}
	if err := sc.ioErr(rd.name); err != nil {
		return err
	}
	if allArrays {
		// typeMap reports anything after the object.
		return rd.typeMapFrom(start, data, space)
	}
	if err := reload(); err != nil {
		return err
	}
	if err := rd.emit(Entity{Data: data, Origin: Origin{Input: rd.name, Line: start.line, Col: start.col, Wide: start.wide, Kind: KindWhole, Index: -1}}); err != nil {
		return err
	}
	if more {
		// Strict JSON holds one value: the document is evaluated, and
		// what follows it is an input error.
		return rd.trailing()
	}
	return nil
}

// position is a place in the input: its offset from where reading began,
// its line, and its column in bytes and in characters (see scanner.wide).
type position struct {
	off             int64
	line, col, wide int
}

// mark returns the position of the scanner's next byte.
func (rd *docReader) mark() position {
	sc := rd.sc
	return position{off: sc.off, line: sc.line, col: sc.col(), wide: sc.wide}
}

// back returns a reader that reads the input again from p, with positions
// continuing from there. An input that can be reread is moved back;
// otherwise parts must hold, in order, every byte consumed since p, and the
// new reader reads them, then the rest of the input.
func (rd *docReader) back(p position, parts ...[]byte) (*docReader, error) {
	var src io.Reader
	if rd.reread != nil {
		if err := rd.reread(p.off); err != nil {
			return nil, &InputError{Input: rd.name, Line: p.line, Msg: fmt.Sprintf("reading again: %v", err)}
		}
		src = rd.sc.r
	} else {
		readers := make([]io.Reader, 0, len(parts)+2)
		for _, b := range parts {
			readers = append(readers, bytes.NewReader(b))
		}
		src = io.MultiReader(append(readers, bytes.NewReader(rd.sc.unread()), rd.sc.r)...)
	}
	sc := newScanner(src)
	sc.off = p.off
	sc.line = p.line
	sc.lineStart = p.off - int64(p.col-1)
	sc.wide = p.wide
	return &docReader{sc: sc, name: rd.name, max: rd.max, emit: rd.emit, reread: rd.reread}, nil
}

// typeMapFrom reads the input again from p, as a type map (see back).
func (rd *docReader) typeMapFrom(p position, parts ...[]byte) error {
	rd, err := rd.back(p, parts...)
	if err != nil {
		return err
	}
	return rd.typeMap()
}

// typeMap reads {"Type": [docs...], ...}.
func (rd *docReader) typeMap() error {
	sc := rd.sc
	sc.skipSpace()
	return rd.members("type name", "the array of", func(key string, raw []byte) error {
		if c, ok := sc.peek(); !ok || c != '[' {
			return rd.syntaxErr("the value of %s must be an array of documents", raw)
		}
		sc.advance(1)
		return rd.elements(']', key, KindTypeMap)
	})
}

// members reads the object at the scanner, member by member: for each it
// reads the name (a JSON string, unquoted into key; raw as written) and the
// colon, then calls value with the scanner at the member's value, which
// value must consume. what names a member's name in errors ("type name"),
// after what follows a value ("the array of").
func (rd *docReader) members(what, after string, value func(key string, raw []byte) error) error {
	sc := rd.sc
	if c, ok := sc.peek(); !ok || c != '{' {
		return rd.inputErr(sc.line, "expected '{'")
	}
	sc.advance(1)
	for n := 0; ; n++ {
		sc.skipSpace()
		c, ok := sc.peek()
		if !ok {
			return rd.unexpectedEnd("in object (missing '}')")
		}
		if c == '}' && n == 0 {
			sc.advance(1)
			return rd.trailing()
		}
		if c != '"' {
			return rd.syntaxErr("expected a %s in double quotes, found %s", what, quoteByte(c))
		}
		line := sc.line
		raw, err := sc.value(rd.max, true, nil)
		if err != nil {
			return rd.inputErr(line, "bad %s: %v", what, err)
		}
		key, err := unquote(raw)
		if err != nil {
			return rd.inputErr(line, "bad %s %s: %v", what, raw, err)
		}
		sc.skipSpace()
		if c, ok := sc.peek(); !ok || c != ':' {
			return rd.syntaxErr("expected ':' after %s", raw)
		}
		sc.advance(1)
		sc.skipSpace()
		if err := value(key, raw); err != nil {
			return err
		}
		sc.skipSpace()
		c, ok = sc.peek()
		switch {
		case ok && c == ',':
			sc.advance(1)
		case ok && c == '}':
			sc.advance(1)
			return rd.trailing()
		case !ok:
			return rd.unexpectedEnd("in object (missing '}')")
		default:
			return rd.syntaxErr("expected ',' or '}' after %s %s, found %s", after, raw, quoteByte(c))
		}
	}
}

// stream reads whitespace-separated top-level objects.
func (rd *docReader) stream() error {
	sc := rd.sc
	for {
		sc.skipSpace()
		c, ok := sc.peek()
		if !ok {
			return sc.ioErr(rd.name)
		}
		if c != '{' {
			return rd.syntaxErr("expected '{' to start the next document, found %s", quoteByte(c))
		}
		line, col, wide := sc.line, sc.col(), sc.wide
		data, err := sc.value(rd.max, true, nil)
		doc := Entity{Data: data, Origin: Origin{Input: rd.name, Line: line, Col: col, Wide: wide, Kind: KindLine, Index: -1}}
		if stop, err := rd.emitValue(doc, err); stop {
			return err
		}
	}
}

// emitValue emits doc, a value just split off the input, err being what
// went wrong reading it. A value over the size or nesting limit becomes an
// error record and reading goes on. A value that the input ends inside of
// is not a document: reading stops with one InputError naming where the
// value started. Any other error means the structure is broken: the value
// becomes an error record and reading stops, with an InputError saying
// that the rest was not read unless the input simply ended there. stop
// reports that reading must end, returning err.
func (rd *docReader) emitValue(doc Entity, readErr error) (stop bool, err error) {
	broken := false
	var te *truncatedError
	switch {
	case readErr == nil:
	case errors.As(readErr, &te):
		if err := rd.sc.ioErr(rd.name); err != nil {
			return true, err
		}
		return true, rd.inputErr(rd.sc.line, "%v", te)
	case errors.Is(readErr, errTooLarge):
		doc.Data, doc.Err = nil, fmt.Errorf("document larger than %d bytes", rd.max)
	case errors.As(readErr, new(*nestingError)):
		doc.Data, doc.Err = nil, readErr
	default:
		doc.Data, doc.Err = nil, readErr
		broken = true
	}
	if err := rd.emit(doc); err != nil {
		return true, err
	}
	if !broken {
		return false, nil
	}
	if _, more := rd.sc.peek(); more {
		return true, rd.inputErr(rd.sc.line, "the rest of the input was not read: %v", readErr)
	}
	return true, rd.sc.ioErr(rd.name)
}

// lines reads NDJSON: one document per non-blank line. A line longer than
// the limit becomes an error record and is skipped.
func (rd *docReader) lines() error {
	sc := rd.sc
	for {
		line := sc.line
		raw, err := sc.borrowLine(rd.max, true)
		if err == io.EOF {
			return sc.ioErr(rd.name)
		}
		data := bytes.TrimSpace(raw)
		col := 1 + len(raw) - len(bytes.TrimLeft(raw, " \t\r\n"))
		var doc Entity
		switch {
		case errors.Is(err, errTooLarge):
			doc = Entity{Err: fmt.Errorf("line longer than %d bytes", rd.max), Origin: Origin{Input: rd.name, Line: line, Kind: KindLine, Index: -1}}
		case err != nil:
			return rd.inputErr(line, "%v", err)
		case len(data) == 0:
			continue
		default:
			if !rd.borrow {
				data = bytes.Clone(data)
			}
			doc = Entity{Data: data, Origin: Origin{Input: rd.name, Line: line, Col: col, Kind: KindLine, Index: -1}}
		}
		if err := rd.emit(doc); err != nil {
			return err
		}
	}
}

// quoteByte renders a byte for an error message.
func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}
