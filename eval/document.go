package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"unsafe"

	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// Default document limits. Options.MaxDocumentSize and Options.MaxDepth
// override them.
const (
	DefaultMaxDocumentSize = 64 << 20 // bytes
	DefaultMaxDepth        = 512      // nested arrays and objects
)

// Document is one JSON entity prepared for evaluation: checked against the
// limits, validated once, its type read. Many programs can evaluate the same
// Document, concurrently.
//
// A Document aliases the bytes it was made from: they must not change while
// the Document is in use. Results never alias them (evidence is copied).
type Document struct {
	raw     string       // the whole text, aliasing the caller's bytes
	root    gjson.Result // the top-level object
	typ     string
	members []member // the top-level members, in document order
}

// NewDocument validates doc (size, depth, JSON syntax; it must be an object
// with a string "type") under the default limits.
func NewDocument(doc []byte) (*Document, error) {
	d := new(Document)
	if err := d.init(doc, DefaultMaxDocumentSize, DefaultMaxDepth, nil); err != nil {
		return nil, err
	}
	return d, nil
}

// NewDocument validates doc as the package-level NewDocument does, under
// the document limits of rs (Options.MaxDocumentSize and MaxDepth), so that
// a caller can prepare a document once for EvalDocument and
// Lists.AddDocument.
func (rs *RuleSet) NewDocument(doc []byte) (*Document, error) {
	d := new(Document)
	if err := d.init(doc, rs.set.maxSize, rs.set.maxDepth, nil); err != nil {
		return nil, err
	}
	return d, nil
}

// init prepares d, appending the index of its top-level members to buf.
// With a large enough buf it does not allocate.
func (d *Document) init(doc []byte, maxSize, maxDepth int, buf []member) error {
	if len(doc) > maxSize {
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(doc), maxSize)
	}
	s := bytesToString(doc)
	members, i, err := validateTop(s, maxDepth, buf[:0])
	switch {
	case err == ErrTooDeep:
		return fmt.Errorf("%w: more than %d levels", ErrTooDeep, maxDepth)
	case err != nil:
		return invalidJSON(doc)
	case s[i] != '{':
		return ErrNotObject
	}
	d.raw = s
	d.root = gjson.Result{Type: gjson.JSON, Raw: jsontext.TrimSpaceEnd(s[i:])}
	d.members = members
	t := d.member("type")
	if t.Type != gjson.String {
		return ErrNoType
	}
	d.typ = t.Str
	return nil
}

// member returns the value of the top-level member name (the first one when
// the key repeats).
func (d *Document) member(name string) gjson.Result {
	for _, m := range d.members {
		if len(m.key) >= len(name) && keyEquals(m.key, name) {
			return resultOf(m.val)
		}
	}
	return gjson.Result{}
}

// bytesToString views b as a string without copying. The caller must not
// let anything that aliases the result outlive b's contents.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Type returns the entity type, the document's "type" property. Like
// ID and AccountNumber, it reads the Document's bytes: a caller that keeps
// it longer than those bytes keeps a copy (strings.Clone).
func (d *Document) Type() string { return d.typ }

// ID returns the document's "id" property as text ("" when absent). A
// string is returned unquoted, other values as their JSON text.
func (d *Document) ID() string { return textOf(d.member("id")) }

// AccountNumber returns the "accountNumber" property as text: a string
// unquoted, another value as its JSON text, "" when absent or null. It is
// for display; List<> grouping (see Lists) keys on a string or number
// accountNumber only and puts every other document in the group "*".
func (d *Document) AccountNumber() string { return textOf(d.member("accountNumber")) }

// textOf copies a string's text or a value's JSON text out of the document.
func textOf(r gjson.Result) string {
	switch {
	case !r.Exists() || r.Type == gjson.Null:
		return ""
	case r.Type == gjson.String:
		return cloneString(r.Str)
	}
	return cloneString(r.Raw)
}

func cloneString(s string) string {
	if s == "" {
		return ""
	}
	return string([]byte(s))
}

// invalidJSON explains why doc is not valid JSON. It runs only on that
// error path, where encoding/json's scanner gives the offset and cause.
func invalidJSON(doc []byte) error {
	var syn *json.SyntaxError
	if err := json.Unmarshal(doc, new(json.RawMessage)); errors.As(err, &syn) {
		return fmt.Errorf("%w near byte %d: %s", ErrInvalidJSON, syn.Offset, syn.Error())
	}
	return ErrInvalidJSON
}
