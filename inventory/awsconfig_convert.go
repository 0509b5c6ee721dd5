package inventory

// This file turns AWS Config configuration items into entity documents.
//
// Joining. Some entity documents embed others (an Instance its volumes,
// security groups, subnet with its NACL, and VPC; an S3Bucket the
// account's public-access block), and Config writes the items in no
// particular order. The converter keeps an index of the small related
// items (security groups, subnets, network ACLs, volumes, VPCs, flow logs,
// route tables, internet gateways, load-balancer listeners, Redshift
// parameter groups, account public-access blocks, ECS services, API stages
// and launch configurations: the network and account configuration, which
// grows with the number of networks, not of resources), each item's text
// in a store (awsconfig_store.go: the first megabytes in memory, the rest
// in a temporary file) and only its id and position in memory, and holds
// back the items that embed them (instances, buckets, databases, load
// balancers, clusters, APIs, Auto Scaling groups) until the input has been
// read, the first few megabytes of them in memory and the rest in a
// temporary file, so that memory stays bounded whatever the size of the
// snapshot. Every other item is converted as soon as it is read, on the
// conversion pool (awsconfig_pool.go).
//
// The documents therefore come out in this order: those that need no join,
// as read; then the indexed entity types (Volume, SecurityGroup, NACL, VPC,
// Subnet), as read; then the held-back ones, as read; then the trails,
// which embed the documents of their destination buckets. Every item yields
// exactly one record: a document, an error record (a malformed item, with
// its position), a NotModelled record (a resource type the model lacks),
// or an Ignored record (an item merged into other documents, or recording
// a deletion).

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/gsl-lang/gsl/internal/jsontext"
)

// heldMemory is how many bytes of held-back items are kept in memory
// before the rest goes to a temporary file. Held items are written and
// read back in order, through buffers, so the file costs little; what is
// kept in memory stays live until the end, where, under gslcheck's memory
// limit, every MB of it is a MB less between collections.
var heldMemory = 1 << 20

// configConverter converts the items of one input.
type configConverter struct {
	input string
	// emit emits a record in its turn: after the items read before it
	// that pool converts.
	emit func(Entity) error
	pool convertPool
	idx  configIndex
	// later are the indexed items that are entity documents too, in
	// input order.
	later []*storedItem
	// last are the items converted after all others (trails, which embed
	// their destination bucket's document), in input order, kept as
	// indexed items are.
	last []*storedItem
	// held are held-back items (their JSON and origin) in memory; once
	// heldBytes passes heldMemory, the others go to spill.
	held      []heldItem
	heldBytes int
	spill     *os.File
	spillW    *bufio.Writer
	spilled   int
}

// heldItem is an item held back until the input has been read.
type heldItem struct {
	text   string
	origin Origin
}

func newConfigConverter(input string, emit func(Entity) error) *configConverter {
	c := &configConverter{input: input, idx: newConfigIndex(input)}
	c.pool = convertPool{out: emit, keep: c.keep}
	c.emit = c.pool.emit
	return c
}

// item takes one item as read (or an error record) and converts it, or
// keeps it for later; then it emits the records that are ready.
func (c *configConverter) item(e Entity) error {
	if err := c.take(e); err != nil {
		return err
	}
	return c.pool.flush(false)
}

// take takes one item as read (see item).
func (c *configConverter) take(e Entity) error {
	if e.Err != nil {
		return c.emit(e)
	}
	var text string
	if e.Kind == KindTypeMap && e.Key == "Results" {
		// select-resource-config: each result is JSON in a string.
		s, err := unquote(e.Data)
		if err != nil {
			return c.emit(Entity{Err: errors.New("a result of select-resource-config must be a JSON string holding an object"), Origin: e.Origin})
		}
		text = s
	} else {
		text = string(e.Data) // a copy: the reader lends e.Data
	}
	it, err := decodeItem(text)
	if err != nil {
		return c.emit(Entity{Err: err, Origin: e.Origin})
	}
	it.origin = e.Origin
	it.origin.Resource = it.arn
	if it.origin.Resource == "" {
		it.origin.Resource = it.id
	}
	if isDeleted(it.status) {
		return c.emit(Entity{Ignored: it.resourceType + " (" + it.status + ")", Origin: it.origin})
	}
	ct, ok := configTypes[it.resourceType]
	if !ok {
		return c.emit(Entity{NotModelled: it.resourceType, Origin: it.origin})
	}
	if ct.joins {
		// Decoded when converted, after the input has been read (a
		// malformed body is an error record then, with this origin).
		return c.hold(text, it.origin)
	}
	if ct.alone() {
		c.pool.convert(it, ct)
		return nil
	}
	if err := it.decodeBody(); err != nil {
		return c.emit(Entity{Err: err, Origin: it.origin})
	}
	switch {
	case ct.index != nil:
		c.idx.seen[it.resourceType] = true
		it.stored = c.idx.store.put(it, text)
		ct.index(&c.idx, it)
		if ct.convert == nil {
			return c.emit(Entity{Ignored: it.resourceType + " (" + ct.mergedInto + ")", Origin: it.origin})
		}
		c.later = append(c.later, it.stored)
		return nil
	case ct.last:
		if b := str(it.conf, "s3BucketName"); b != "" {
			c.idx.trailBuckets[strings.Clone(b)] = nil
		}
		c.last = append(c.last, c.idx.store.put(it, text))
		return nil
	}
	return c.convert(it, ct)
}

// isDeleted reports whether an item's status records that the resource
// no longer exists (or is no longer recorded).
func isDeleted(status string) bool {
	switch status {
	case "ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded":
		return true
	}
	return false
}

// convert emits the document of it.
func (c *configConverter) convert(it *configItem, ct configType) error {
	e, doc := document(it, ct, &c.idx)
	c.keep(it, doc, e.Data)
	return c.emit(e)
}

// document builds the record of it: its entity document (with the
// document's tree, for keep), or why it has none. x is nil for a type
// whose documents embed nothing of others (see configType.alone).
func document(it *configItem, ct configType, x *configIndex) (Entity, *obj) {
	doc, err := ct.convert(it, x)
	var nm *notModelledError
	if errors.As(err, &nm) {
		return Entity{NotModelled: it.resourceType + " (" + nm.what + ")", Origin: it.origin}, nil
	}
	if err != nil {
		return Entity{Err: fmt.Errorf("%s %s: %v", it.resourceType, it.id, err), Origin: it.origin}, nil
	}
	data, err := appendJSON(nil, doc)
	if err != nil {
		return Entity{Err: fmt.Errorf("%s %s: %v", it.resourceType, it.id, err), Origin: it.origin}, nil
	}
	return Entity{Data: data, Origin: it.origin}, doc
}

// keep keeps what later documents embed of the document of it (nil when
// it has none).
func (c *configConverter) keep(it *configItem, doc *obj, data []byte) {
	if doc == nil {
		return
	}
	if _, ok := c.idx.trailBuckets[it.id]; ok && it.resourceType == "AWS::S3::Bucket" {
		r := c.idx.store.putText(string(data)) // a trail's destination: embedded in it
		c.idx.trailBuckets[it.id] = &r
	}
	if it.resourceType == "AWS::IAM::Role" {
		c.idx.keepRole(it, data) // embedded in the instances of its profiles
	}
}

// hold keeps an item back until the input has been read.
func (c *configConverter) hold(text string, o Origin) error {
	if c.heldBytes+len(text) <= heldMemory {
		c.held = append(c.held, heldItem{text: text, origin: o})
		c.heldBytes += len(text)
		return nil
	}
	if c.spill == nil {
		f, err := os.CreateTemp("", "gsl-awsconfig-*")
		if err != nil {
			return &InputError{Input: c.input, Line: o.Line, Msg: fmt.Sprintf("holding items back for joining: %v", err)}
		}
		c.spill, c.spillW = f, bufio.NewWriterSize(f, 256<<10)
	}
	ob, err := json.Marshal(o)
	if err != nil {
		return err
	}
	var hdr [2 * binary.MaxVarintLen64]byte
	n := binary.PutUvarint(hdr[:], uint64(len(ob)))
	n += binary.PutUvarint(hdr[n:], uint64(len(text)))
	c.spillW.Write(hdr[:n])
	c.spillW.Write(ob)
	if _, err := c.spillW.WriteString(text); err != nil { // a bufio.Writer keeps its first error
		return &InputError{Input: c.input, Line: o.Line, Msg: fmt.Sprintf("holding items back for joining: %v", err)}
	}
	c.spilled++
	return nil
}

// finish converts what was kept for the end: the indexed entity types,
// then the held-back items, then the trails.
func (c *configConverter) finish() error {
	if err := c.pool.flush(true); err != nil {
		return err
	}
	c.idx.link()
	if err := c.idx.store.failure(c.input); err != nil {
		return err
	}
	for _, st := range c.later {
		it := c.idx.full(st)
		if err := c.convert(it, configTypes[it.resourceType]); err != nil {
			return err
		}
	}
	c.later = nil
	for i, h := range c.held {
		if err := c.converted(h.text, h.origin); err != nil {
			return err
		}
		c.held[i] = heldItem{}
	}
	c.held = nil
	if err := c.convertSpilled(); err != nil {
		return err
	}
	for i, st := range c.last {
		it := c.idx.full(st)
		if err := c.convert(it, configTypes[it.resourceType]); err != nil {
			return err
		}
		c.last[i] = nil
	}
	c.last = nil
	return c.idx.store.failure(c.input)
}

// convertSpilled converts the held-back items of the temporary file.
func (c *configConverter) convertSpilled() error {
	if c.spill == nil {
		return nil
	}
	if err := c.spillW.Flush(); err != nil {
		return &InputError{Input: c.input, Msg: fmt.Sprintf("holding items back for joining: %v", err)}
	}
	if _, err := c.spill.Seek(0, io.SeekStart); err != nil {
		return &InputError{Input: c.input, Msg: fmt.Sprintf("reading held-back items: %v", err)}
	}
	r := bufio.NewReaderSize(c.spill, 256<<10)
	var ob []byte
	for range c.spilled {
		no, err1 := binary.ReadUvarint(r)
		nd, err2 := binary.ReadUvarint(r)
		if err := errors.Join(err1, err2); err != nil {
			return &InputError{Input: c.input, Msg: fmt.Sprintf("reading held-back items: %v", err)}
		}
		// The origin is read into a buffer used again, the text into
		// one of its own that the item's string shares (it is not
		// written again): one allocation of each item's size, not two.
		ob = slices.Grow(ob[:0], int(no))[:no]
		text := make([]byte, nd)
		_, err1 = io.ReadFull(r, ob)
		if err1 == nil {
			_, err1 = io.ReadFull(r, text)
		}
		if err1 != nil {
			return &InputError{Input: c.input, Msg: fmt.Sprintf("reading held-back items: %v", err1)}
		}
		var o Origin
		if err := json.Unmarshal(ob, &o); err != nil {
			return &InputError{Input: c.input, Msg: fmt.Sprintf("reading held-back items: %v", err)}
		}
		if err := c.converted(unsafe.String(unsafe.SliceData(text), len(text)), o); err != nil {
			return err
		}
	}
	return nil
}

// converted decodes a held-back item again and emits its document.
func (c *configConverter) converted(text string, o Origin) error {
	it, err := decodeValidItem(text)
	if err == nil { // it decoded when it was read
		err = it.decodeBody()
	}
	if err != nil {
		return c.emit(Entity{Err: err, Origin: o})
	}
	it.origin = o
	return c.convert(it, configTypes[it.resourceType])
}

// close removes the temporary file, if any.
func (c *configConverter) close() {
	c.pool.stop()
	c.idx.store.close()
	if c.spill != nil {
		c.spill.Close()
		os.Remove(c.spill.Name())
		c.spill = nil
	}
}

// obj is a JSON object that keeps its members in the order they were set.
type obj struct {
	keys []string
	vals []any
}

func newObj() *obj { return &obj{} }

// set sets member k to v, unless v is nil (a missing property is left
// out). Setting a member twice keeps the last value.
func (o *obj) set(k string, v any) *obj {
	switch t := v.(type) {
	case nil:
		return o
	case *obj:
		if t == nil {
			return o
		}
	}
	for i, key := range o.keys {
		if key == k {
			o.vals[i] = v
			return o
		}
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
	return o
}

// get returns the value of member k, or nil.
func (o *obj) get(k string) any {
	for i, key := range o.keys {
		if key == k {
			return o.vals[i]
		}
	}
	return nil
}

// MarshalJSON writes the members in order.
func (o *obj) MarshalJSON() ([]byte, error) {
	return appendJSON(nil, o)
}

// appendJSON appends v as JSON: the values a conversion builds (*obj,
// decoded JSON, strings, string lists, numbers, booleans). It writes them
// directly: encoding/json would validate the output of every nested
// MarshalJSON again, once per level.
func appendJSON(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case json.RawMessage: // a document converted already
		return append(b, t...), nil
	case *obj:
		b = append(b, '{')
		for i, k := range t.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, k)
			b = append(b, ':')
			var err error
			if b, err = appendJSON(b, t.vals[i]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case jmap:
		b = append(b, '{')
		for i, k := range sortedKeys(t) {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, k)
			b = append(b, ':')
			var err error
			if b, err = appendJSON(b, t[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []any:
		b = append(b, '[')
		for i, e := range t {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSON(b, e); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case []string:
		b = append(b, '[')
		for i, e := range t {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, e)
		}
		return append(b, ']'), nil
	case string:
		return jsontext.AppendString(b, t), nil
	case json.Number:
		if !isJSONNumber(string(t)) {
			return nil, fmt.Errorf("invalid number %q", string(t))
		}
		return append(b, t...), nil
	case bool:
		return strconv.AppendBool(b, t), nil
	}
	return nil, fmt.Errorf("cannot write a %T as JSON", v)
}

// isJSONNumber reports whether s is a number as JSON spells it.
func isJSONNumber(s string) bool {
	return s != "" && jsontext.Valid(s) && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))
}

// val returns the value at path in m (nil when any step is missing).
func val(m jmap, path ...string) any {
	var v any = m
	for _, p := range path {
		mm, ok := v.(jmap)
		if !ok {
			return nil
		}
		v = mm[p]
	}
	return v
}

// str returns the string at path in m, "" when missing or not a string.
func str(m jmap, path ...string) string {
	s, _ := val(m, path...).(string)
	return s
}

// strv is the string at path as a value for obj.set: nil when missing or
// empty (Config writes "" and null for unset strings).
func strv(m jmap, path ...string) any {
	if s := str(m, path...); s != "" {
		return s
	}
	return nil
}

// boolv is the boolean at path, nil when missing; "true" and "false"
// strings count (attributes are strings in some items).
func boolv(m jmap, path ...string) any { return boolOf(val(m, path...)) }

// boolOf is v as a boolean (see boolv), nil when it is none.
func boolOf(v any) any {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		switch t {
		case "true", "True", "TRUE":
			return true
		case "false", "False", "FALSE":
			return false
		}
	}
	return nil
}

// numv is the number at path, nil when missing; digits in a string count.
func numv(m jmap, path ...string) any { return numOf(val(m, path...)) }

// numOf is v as a number (see numv), nil when it is none.
func numOf(v any) any {
	switch t := v.(type) {
	case json.Number:
		return t
	case string:
		if _, err := json.Number(t).Float64(); err == nil && t != "" {
			return json.Number(t)
		}
	}
	return nil
}

// timev is the time at path, normalised (see timeText); nil when missing.
func timev(m jmap, path ...string) any { return timeOf(val(m, path...)) }

// timeOf is v as a normalised time (see timev), nil when it is none.
func timeOf(v any) any {
	if v == nil || v == "" {
		return nil
	}
	if t, ok := timeText(v); ok {
		return t
	}
	return nil
}

// listv is the array at path, nil when missing.
func listv(m jmap, path ...string) []any {
	l, _ := val(m, path...).([]any)
	return l
}

// objv is the object at path, nil when missing.
func objv(m jmap, path ...string) jmap {
	o, _ := val(m, path...).(jmap)
	return o
}

// strings returns the strings of the array at path ([] when it is empty,
// nil when missing).
func stringList(m jmap, path ...string) any { return stringListOf(val(m, path...)) }

// stringListOf is the strings of v, an array (see stringList); nil when v is
// not one.
func stringListOf(v any) any {
	l, ok := v.([]any)
	if !ok {
		return nil
	}
	out := []string{}
	for _, e := range l {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
