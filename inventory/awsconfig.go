package inventory

// This file reads AWS Config's data: it finds the configuration items of an
// input, streaming, and hands each to the converter (awsconfig_convert.go).
//
// Accepted shapes, each detected from the first 64 KB of the input (or
// chosen with FormatAWSConfig), gzipped or not:
//   - one configuration item (an RDK example file, a Lambda rule's
//     invokingEvent item), or several, one after another (NDJSON or a JSON
//     stream);
//   - a snapshot or history file delivered to S3, and the output of
//     get-resource-config-history: {"configurationItems": [...]};
//   - the output of batch-get-resource-config: {"baseConfigurationItems": [...]};
//   - a configuration item change notification: {"configurationItem": {...}};
//   - the output of select-resource-config: {"Results": ["<JSON>", ...]},
//     each result a configuration item (or part of one) as a JSON string;
//   - with FormatAWSConfig or when its first element is one, a JSON array
//     of configuration items.
//
// The arrays are split element by element, as the document readers split
// theirs, so that a snapshot of any size is read in bounded memory: the
// members of the top-level object other than the arrays of items (a
// snapshot's fileVersion and configSnapshotId, a page's nextToken) are
// skipped without being kept.

import (
	"bytes"
	"errors"
)

// configShape is the kind of AWS Config input.
type configShape uint8

const (
	shapeNone         configShape = iota // not AWS Config data
	shapeItems                           // an object with arrays of items
	shapeResults                         // select-resource-config output
	shapeNotification                    // {"configurationItem": {...}}
	shapeItem                            // items at the top level
	shapeArray                           // a JSON array of items
)

// itemArrays are the members of a top-level object whose values are
// arrays of configuration items.
var itemArrays = map[string]bool{"configurationItems": true, "baseConfigurationItems": true}

// IsAWSConfig reports whether an input that starts with head (its first
// 64 KB, or all of it when shorter) is read as AWS Config data by
// FormatAuto. A caller that reads NDJSON files its own way (in parallel
// chunks) asks first.
func IsAWSConfig(head []byte) bool {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return true // gzip: not to be split by lines either
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	shape, _ := classifyConfig(head)
	return shape != shapeNone
}

// configShape looks at the start of the input (without consuming it) and
// tells which AWS Config shape it has, if any. It reads no more than it
// needs to tell, and at most the scanner's buffer: a producer that writes
// documents slowly to a pipe is not kept waiting.
func (rd *docReader) configShape() configShape {
	sc := rd.sc
	sc.fill()
	for {
		shape, sure := classifyConfig(sc.buf[sc.pos:sc.end])
		if sure || sc.readErr != nil || sc.end-sc.pos == len(sc.buf) {
			return shape
		}
		sc.ensure(sc.end - sc.pos + 1)
	}
}

// classifyConfig tells the AWS Config shape of an input that starts with
// prefix, and whether more of the input could change the answer.
func classifyConfig(prefix []byte) (_ configShape, sure bool) {
	i := 0
	for i < len(prefix) && isSpace(prefix[i]) {
		i++
	}
	if i == len(prefix) {
		return shapeNone, false
	}
	if prefix[i] == '[' {
		// An array: of configuration items when its first element is one.
		keys, closed := topKeys(prefix[i+1:])
		if isItemKeys(keys) {
			return shapeArray, true
		}
		j := i + 1
		for j < len(prefix) && isSpace(prefix[j]) {
			j++
		}
		return shapeNone, closed || keys["type"] || (j < len(prefix) && prefix[j] != '{')
	}
	keys, closed := topKeys(prefix[i:])
	switch {
	case prefix[i] != '{' || keys["type"]:
		return shapeNone, true
	case keys["configurationItems"] || keys["baseConfigurationItems"]:
		return shapeItems, true
	case keys["configurationItem"] && keys["messageType"]:
		return shapeNotification, true
	case keys["Results"] && (keys["QueryInfo"] || keys["NextToken"] || (closed && len(keys) == 1)):
		return shapeResults, true
	case isItemKeys(keys):
		return shapeItem, true
	}
	return shapeNone, closed
}

// isItemKeys reports whether an object with these top-level keys is a
// configuration item.
func isItemKeys(keys map[string]bool) bool {
	return keys != nil && !keys["type"] && keys["resourceType"] &&
		(keys["configurationItemCaptureTime"] || keys["configurationItemStatus"] || keys["configurationStateId"])
}

// topKeys returns the member names of the object that b starts with (after
// white space), as far as b holds it, and whether b holds all of it; nil
// when b does not start with '{'. Names are taken as written, escapes and
// all: the names looked for are plain ASCII.
func topKeys(b []byte) (_ map[string]bool, closed bool) {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i == len(b) || b[i] != '{' {
		return nil, false
	}
	keys := map[string]bool{}
	depth, expectKey := 0, false
	for ; i < len(b); i++ {
		switch c := b[i]; c {
		case '{', '[':
			depth++
			expectKey = depth == 1
		case '}', ']':
			depth--
			if depth == 0 {
				return keys, true
			}
		case ',':
			expectKey = depth == 1
		case '"':
			j := i + 1
			for j < len(b) && b[j] != '"' {
				if b[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(b) {
				return keys, false
			}
			if expectKey {
				keys[string(b[i+1:j])] = true
				expectKey = false
			}
			i = j
		}
	}
	return keys, false
}

// awsConfig reads an input of the given shape, converting its items.
func (rd *docReader) awsConfig(shape configShape) error {
	conv := newConfigConverter(rd.name, rd.emit)
	defer conv.close()
	item := *rd
	item.emit = conv.item
	item.borrow = true // the converter copies what it keeps
	err := item.configItems(shape)
	var ie *InputError
	if err == nil || errors.As(err, &ie) {
		// The items read before a fault that ends the input are still
		// converted: their counts must match.
		if ferr := conv.finish(); ferr != nil {
			return ferr
		}
	}
	return err
}

// configItems reads the items of an input of the given shape, emitting
// each item's raw JSON (or an error record).
func (rd *docReader) configItems(shape configShape) error {
	sc := rd.sc
	sc.skipSpace()
	switch shape {
	case shapeArray:
		sc.advance(1)
		if err := rd.elements(']', "", KindElem); err != nil {
			return err
		}
		return rd.trailing()
	case shapeItem:
		// One item, or several one after another.
		for {
			sc.skipSpace()
			c, ok := sc.peek()
			if !ok {
				return sc.ioErr(rd.name)
			}
			if c != '{' {
				return rd.syntaxErr("expected '{' to start the next configuration item, found %s", quoteByte(c))
			}
			line, col, wide := sc.line, sc.col(), sc.wide
			data, err := sc.value(rd.max, true, nil)
			e := Entity{Data: data, Origin: Origin{Input: rd.name, Line: line, Col: col, Wide: wide, Kind: KindLine, Index: -1}}
			if stop, err := rd.emitValue(e, err); stop {
				return err
			}
		}
	}
	// An object: its arrays of items are read, its other members skipped.
	err := rd.members("member name", "the value of", func(key string, raw []byte) error {
		c, _ := sc.peek()
		switch {
		case itemArrays[key] || (shape == shapeResults && key == "Results"):
			if c != '[' {
				return rd.syntaxErr("the value of %s must be an array", raw)
			}
			sc.advance(1)
			return rd.elements(']', key, KindTypeMap)
		case shape == shapeNotification && key == "configurationItem":
			line, col, wide := sc.line, sc.col(), sc.wide
			data, err := sc.value(rd.max, true, nil)
			e := Entity{Data: data, Origin: Origin{Input: rd.name, Line: line, Col: col, Wide: wide, Kind: KindLine, Index: -1}}
			if stop, err := rd.emitValue(e, err); stop {
				if err == nil {
					return errStopped
				}
				return err
			}
			return nil
		default:
			return rd.skipValue()
		}
	})
	if err == errStopped {
		return nil
	}
	return err
}

// errStopped ends the reading of an AWS Config object without an error:
// the item that broke off the input was the last thing in it.
var errStopped = errors.New("stopped")

// skipValue consumes one value without keeping it, whatever its size.
func (rd *docReader) skipValue() error {
	sc := rd.sc
	line := sc.line
	sc.discard = true
	_, err := sc.value(rd.max, true, nil)
	sc.discard = false
	var ne *nestingError
	switch {
	case err == nil, errors.Is(err, errTooLarge), errors.As(err, &ne):
		return nil
	}
	if ierr := sc.ioErr(rd.name); ierr != nil {
		return ierr
	}
	return rd.inputErr(line, "%v", err)
}
