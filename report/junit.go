package report

// This file writes the JUnit XML report: one testsuite per rule,
// one testcase per (rule, entity) result, and a testsuite for input errors.
//
// The report streams: each record is counted as it comes and kept,
// compactly encoded, in its suite's group of a bounded spill (see
// spill.go); the suites, whose counts head them, are written at the end,
// each test case rendered as its record is read back.

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/internal/junitxml"
)

// JUnitWriter writes JUnit XML: one test suite per rule, one test case
// per result, and a suite for input errors.
type JUnitWriter struct {
	o       Options
	start   time.Time
	suites  []junitxml.Suite // one per rule, then the input errors; counts only
	sp      *spill           // groups: suites' records, then their names' hashes
	seed    maphash.Seed
	frame   []byte        // scratch: a record being encoded or decoded
	name    []byte        // scratch: a test case's name
	hashes  []uint64      // scratch: a suite's names' hashes (duplicates)
	set     []uint64      // scratch: the set duplicates finds them with
	rec     Record        // scratch: a record read back
	sup     Suppression   // scratch: its suppression
	rd      *bufio.Reader // reads the spill back, suite by suite
	classes []string      // per rule: its test cases' classname
}

// NewJUnit returns a JUnitWriter to w.
func NewJUnit(w io.Writer, o Options) *JUnitWriter {
	o.out = w
	n := len(o.Rules) + 1
	j := &JUnitWriter{o: o, start: time.Now(), suites: make([]junitxml.Suite, n), sp: newSpill(2 * n), seed: maphash.MakeSeed()}
	j.classes = make([]string, len(o.Rules))
	for i, m := range o.Rules {
		j.classes[i] = classname(m)
		s := &j.suites[i]
		s.Name = m.ID
		if m.Name != "" {
			s.Name += ": " + m.Name
		}
		props := []junitxml.Property{{Name: "severity", Value: m.Severity}}
		if m.Bundle != "" {
			props = append(props, junitxml.Property{Name: "bundle", Value: m.Bundle})
		}
		for _, tag := range m.complianceTags() {
			props = append(props, junitxml.Property{Name: "compliance", Value: tag})
		}
		s.Properties = &junitxml.Properties{List: props}
	}
	j.suites[len(o.Rules)].Name = "input errors"
	return j
}

// Result counts r in its suite and keeps it in the suite's spill.
func (j *JUnitWriter) Result(r *Record) error {
	g := len(j.o.Rules)
	if r.Rule != nil {
		g = r.RuleIndex
		if r.Suppression == nil && r.Status != eval.Fail && r.Status != eval.Error && !j.o.keeps(r.Status) {
			return nil
		}
	}
	s := &j.suites[g]
	s.Tests++
	switch {
	case r.Rule == nil:
		s.Errors++
	case r.Suppression != nil:
		s.Skipped++
	case r.Status == eval.Fail:
		s.Failures++
	case r.Status == eval.Error:
		s.Errors++
	case r.Status == eval.Skip:
		s.Skipped++
	}
	j.frame = encodeRecord(j.frame[:0], r)
	j.sp.add(g, j.frame)
	if r.Rule != nil && r.Location != "" {
		// Finish reads these hashes to find the names that must be told
		// apart.
		j.name = appendCaseName(j.name[:0], r)
		b := binary.LittleEndian.AppendUint64(j.sp.appendTo(len(j.suites)+g), maphash.Bytes(j.seed, j.name))
		j.sp.commit(len(j.suites)+g, b)
	}
	return nil
}

// appendCaseName appends the name of r's test case: the entity, and for a
// rule's result its type in parentheses.
func appendCaseName(dst []byte, r *Record) []byte {
	dst = append(dst, r.Entity...)
	if r.Type != "" && r.Rule != nil {
		dst = append(dst, " ("...)
		dst = append(dst, r.Type...)
		dst = append(dst, ')')
	}
	return dst
}

// encodeRecord appends what a test case needs of r, as a frame: its
// length, then r's status, suppression, entity, type, error, input, line,
// location and evidence.
func encodeRecord(dst []byte, r *Record) []byte {
	str := func(s string) {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	// The length comes first: four bytes, filled in at the end.
	dst = append(dst, 0, 0, 0, 0)
	dst = append(dst, byte(r.Status))
	if r.Suppression != nil {
		dst = append(dst, 1)
		str(r.Suppression.Reason)
		str(r.Suppression.Source)
	} else {
		dst = append(dst, 0)
	}
	str(r.Entity)
	str(r.Type)
	str(r.Err)
	str(r.Input)
	dst = binary.AppendUvarint(dst, uint64(max(r.Line, 0)))
	str(r.Location)
	dst = binary.AppendUvarint(dst, uint64(len(r.Evidence)))
	for i := range r.Evidence {
		str(r.Evidence[i].Path)
		str(r.Evidence[i].Value)
	}
	binary.LittleEndian.PutUint32(dst, uint32(len(dst)-4))
	return dst
}

// errFrame is a frame of the spill that does not decode.
var errFrame = errors.New("a malformed record")

// readRecord reads a frame encodeRecord wrote into j.rec, or reports
// io.EOF at the end of the group. The record's fields are parts of the
// frame's bytes, viewed as a string without copying: they are valid only
// until the next read from rd, which is as long as Finish renders the
// record (nothing keeps them).
func (j *JUnitWriter) readRecord(rd *bufio.Reader) (*Record, error) {
	var head [4]byte
	if _, err := io.ReadFull(rd, head[:]); err != nil {
		return nil, err
	}
	n := int(binary.LittleEndian.Uint32(head[:]))
	var frame string
	if n <= rd.Size() {
		b, err := rd.Peek(n)
		if err != nil {
			return nil, noEOF(err)
		}
		frame = bytesView(b)
		rd.Discard(n)
	} else {
		j.frame = slices.Grow(j.frame[:0], n)[:n]
		if _, err := io.ReadFull(rd, j.frame); err != nil {
			return nil, noEOF(err)
		}
		frame = bytesView(j.frame)
	}
	if len(frame) < 2 {
		return nil, errFrame
	}
	bad := false
	off := 2
	num := func() int {
		v, k := uvarintString(frame[off:])
		if k <= 0 || v > math.MaxInt32 {
			bad = true
			return 0
		}
		off += k
		return int(v)
	}
	str := func() string {
		l := num()
		if bad || l > len(frame)-off {
			bad = true
			return ""
		}
		off += l
		return frame[off-l : off]
	}
	r := &j.rec
	ev := r.Evidence[:0]
	*r = Record{Status: eval.Status(frame[0])}
	if frame[1] == 1 {
		j.sup = Suppression{Reason: str(), Source: str()}
		r.Suppression = &j.sup
	}
	r.Entity, r.Type, r.Err, r.Input = str(), str(), str(), str()
	r.Line = num()
	r.Location = str()
	for k := num(); k > 0 && !bad; k-- {
		ev = append(ev, eval.Evidence{Path: str(), Value: str()})
	}
	r.Evidence = ev
	if bad || off != len(frame) {
		return nil, errFrame
	}
	return r, nil
}

// bytesView returns b's bytes as a string, without copying them; b must not
// change while the string is in use.
func bytesView(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// uvarintString is binary.Uvarint of a string.
func uvarintString(s string) (uint64, int) {
	var v uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			return v | uint64(c)<<(7*i), i + 1
		}
		v |= uint64(c&0x7f) << (7 * i)
	}
	return 0, 0
}

// noEOF turns an end of the spill inside a frame into io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// reader reads spill group g back.
func (j *JUnitWriter) reader(g int) *bufio.Reader {
	if j.rd == nil {
		j.rd = bufio.NewReaderSize(nil, 64<<10)
	}
	j.rd.Reset(j.sp.reader(g))
	return j.rd
}

// duplicates returns the hashes of the names that more than one test case
// of suite g with a location has: usually none. The hashes go into an
// open-addressing set reused from suite to suite, not a map, as that is
// several times cheaper for the million cases a suite may have.
func (j *JUnitWriter) duplicates(g int) (map[uint64]bool, error) {
	rd := j.reader(len(j.suites) + g)
	hashes := j.hashes[:0]
	var h [8]byte
	for {
		if _, err := io.ReadFull(rd, h[:]); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		hashes = append(hashes, binary.LittleEndian.Uint64(h[:]))
	}
	j.hashes = hashes
	size := 16
	for size < 2*len(hashes) {
		size *= 2
	}
	set := j.set[:0]
	set = slices.Grow(set, size)[:size]
	clear(set)
	j.set = set
	var dup map[uint64]bool
	for _, x := range hashes {
		// 0 marks an empty slot: a hash of 0 counts as 1, which at worst
		// tells two names apart that did not need it.
		x = max(x, 1)
		for i := x & uint64(size-1); ; i = (i + 1) & uint64(size-1) {
			if set[i] == 0 {
				set[i] = x
				break
			}
			if set[i] == x {
				if dup == nil {
					dup = map[uint64]bool{}
				}
				dup[x] = true
				break
			}
		}
	}
	return dup, nil
}

// appendRecord appends r's test case, in suite g; at is set when its name
// is shared with another case of the suite, which then gets " at
// LOCATION": CI tools tell test cases apart by classname and name.
func (j *JUnitWriter) appendRecord(dst []byte, g int, r *Record, at bool) []byte {
	if g < len(j.o.Rules) {
		r.Rule = j.o.Rules[g]
	}
	j.name = appendCaseName(j.name[:0], r)
	if at {
		j.name = append(j.name, " at "...)
		j.name = append(j.name, r.Location...)
	}
	c := junitxml.Case{Time: "0.000"}
	placeCase(&c, r)
	if r.Rule == nil {
		c.Classname = "input"
		return appendCase(dst, &c, j.name, &problem{tag: "error", message: r.Err, typ: "InputError"}, nil)
	}
	c.Classname = j.classes[g]
	switch {
	case r.Suppression != nil:
		c.Skipped = &junitxml.Skipped{Message: "suppressed: " + r.Suppression.Reason + " (" + r.Suppression.Source + ")"}
	case r.Status == eval.Fail:
		return appendCase(dst, &c, j.name, &problem{tag: "failure", message: r.message(), typ: r.Rule.Severity}, r)
	case r.Status == eval.Error:
		return appendCase(dst, &c, j.name, &problem{tag: "error", message: r.Err, typ: "RuleError"}, r)
	case r.Status == eval.Skip:
		c.Skipped = &junitxml.Skipped{Message: "not applicable"}
	}
	return appendCase(dst, &c, j.name, nil, nil)
}

// placeCase gives every test case of a document, passing or not, the
// document's file and line.
func placeCase(c *junitxml.Case, r *Record) {
	if r.Input != "" && r.Input != StdinName {
		c.File, c.Line = r.Input, r.Line
	}
}

// classname groups test cases as bundle.rule.
func classname(m *Rule) string {
	if m.Bundle == "" {
		return m.ID
	}
	return m.Bundle + "." + m.ID
}

// appendDetails appends the body of a failure: where the entity is and
// the evidence.
func appendDetails(dst []byte, r *Record) []byte {
	if r.Location != "" {
		dst = append(dst, "at "...)
		dst = append(dst, r.Location...)
		dst = append(dst, '\n')
	}
	for _, e := range r.Evidence {
		dst = append(dst, e.Path...)
		dst = append(dst, " = "...)
		dst = jsontext.AppendCompact(dst, e.Value)
		dst = append(dst, '\n')
	}
	return dst
}

// cutClose renders v as indented XML and cuts off its closing tag, so
// that children can follow.
func cutClose(v any, prefix, tag string) ([]byte, error) {
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	enc.Indent(prefix, "  ")
	if err := enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: tag}}); err != nil {
		return nil, err
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("</"+tag+">"))
	return bytes.TrimRight(b, " \n"), nil
}

// Finish writes the suites, with their counts, and removes the spill.
func (j *JUnitWriter) Finish(*Summary) error {
	defer j.sp.close()
	w := bufio.NewWriterSize(j.o.out, 64<<10)
	var out []byte
	nrules := len(j.o.Rules)
	suites := j.suites
	if suites[nrules].Tests == 0 {
		suites = suites[:nrules]
	}
	top := junitxml.Suites{Name: "gslcheck run"}
	for i := range suites {
		s := &suites[i]
		top.Tests += s.Tests
		top.Failures += s.Failures
		top.Errors += s.Errors
		top.Skipped += s.Skipped
		s.Time = "0.000"
	}
	top.Time = junitxml.Seconds(time.Since(j.start))
	w.WriteString(xml.Header)
	head, err := cutClose(&top, "", "testsuites")
	if err != nil {
		return err
	}
	w.Write(head)
	for i := range suites {
		s := &suites[i]
		head, err := cutClose(s, "  ", "testsuite")
		if err != nil {
			return err
		}
		w.WriteString("\n")
		w.Write(head)
		if s.Tests == 0 {
			w.WriteString("\n  </testsuite>")
			continue
		}
		// Test cases that share their name with another of the suite (the
		// same id in two files, or twice in one) get " at LOCATION". Names
		// that are unique stay as they are, stable from run to run.
		var dup map[uint64]bool
		if i < nrules {
			if dup, err = j.duplicates(i); err != nil {
				return err
			}
		}
		rd := j.reader(i)
		for {
			r, err := j.readRecord(rd)
			if err == io.EOF {
				break
			} else if err != nil {
				return fmt.Errorf("reading the report's spill back: %w", err)
			}
			at := false
			if dup != nil && r.Location != "" {
				r.Rule = j.o.Rules[i]
				at = dup[max(maphash.Bytes(j.seed, appendCaseName(j.name[:0], r)), 1)]
			}
			out = append(out[:0], '\n')
			out = j.appendRecord(out, i, r, at)
			if _, err := w.Write(out); err != nil {
				return err
			}
		}
		w.WriteString("\n  </testsuite>")
	}
	w.WriteString("\n</testsuites>\n")
	return w.Flush()
}

// problem is a failure or error of a test case, whose text, when it has
// a record, is the record's details.
type problem struct {
	tag, message, typ string
}

// writeCase writes c as encoding/xml writes it as a <testcase> indented
// two levels (TestJUnitWriteCase).
func writeCase(w *bytes.Buffer, c *junitxml.Case) {
	w.Write(appendCase(nil, c, []byte(c.Name), nil, nil))
}

// appendCase appends c, named name (not c.Name), as encoding/xml writes
// it as a <testcase> indented two levels, without reflection: cases can
// be millions. p, when not nil, is its failure or error, whose text is
// r's details (none when r is nil); else c's own are written.
func appendCase(dst []byte, c *junitxml.Case, name []byte, p *problem, r *Record) []byte {
	dst = append(dst, "    <testcase "...)
	dst = appendAttr(dst, "name", name)
	dst = appendAttr(dst, " classname", c.Classname)
	dst = appendAttr(dst, " time", c.Time)
	if c.File != "" {
		dst = appendAttr(dst, " file", c.File)
	}
	if c.Line != 0 {
		dst = append(dst, ` line="`...)
		dst = strconv.AppendInt(dst, int64(c.Line), 10)
		dst = append(dst, '"')
	}
	dst = append(dst, '>')
	children := false
	open := func(tag, message, typ string) {
		children = true
		dst = append(dst, "\n      <"...)
		dst = append(dst, tag...)
		dst = appendAttr(dst, " message", message)
		if typ != "" {
			dst = appendAttr(dst, " type", typ)
		}
		dst = append(dst, '>')
	}
	problems := []struct {
		tag string
		p   *junitxml.Problem
	}{{"failure", c.Failure}, {"error", c.Error}}
	if p != nil {
		open(p.tag, p.message, p.typ)
		if r != nil {
			// The details are written in place and, when they need no
			// escaping (almost always), left there.
			at := len(dst)
			dst = append(dst, "<![CDATA["...)
			start := len(dst)
			dst = appendDetails(dst, r)
			switch text := dst[start:]; {
			case len(text) == 0:
				dst = dst[:at]
			case plainCDATA(text):
				dst = append(dst, "]]>"...)
			default:
				dst = appendCDATA(dst[:at], string(text))
			}
		}
		dst = append(append(append(dst, "</"...), p.tag...), '>')
		problems = nil
	}
	for _, q := range problems {
		if q.p == nil {
			continue
		}
		open(q.tag, q.p.Message, q.p.Type)
		dst = appendCDATA(dst, q.p.Text)
		dst = append(append(append(dst, "</"...), q.tag...), '>')
	}
	if c.Skipped != nil {
		children = true
		dst = append(dst, "\n      <skipped"...)
		if c.Skipped.Message != "" {
			dst = appendAttr(dst, " message", c.Skipped.Message)
		}
		dst = append(dst, "></skipped>"...)
	}
	if children {
		return append(dst, "\n    </testcase>"...)
	}
	return append(dst, "</testcase>"...)
}

// appendAttr appends name="v", v escaped as encoding/xml escapes it.
func appendAttr[T string | []byte](dst []byte, name string, v T) []byte {
	dst = append(dst, name...)
	dst = append(dst, `="`...)
	return append(appendXMLEscaped(dst, v), '"')
}

// appendXMLEscaped appends s escaped exactly as xml.EscapeText escapes it
// (FuzzXMLEscaped): the five markup characters, tab, newline and carriage
// return as references, and what XML cannot hold (invalid UTF-8,
// characters outside its range) as U+FFFD.
func appendXMLEscaped[T string | []byte](dst []byte, s T) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		switch {
		case c == '"':
			esc = "&#34;"
		case c == '\'':
			esc = "&#39;"
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\t':
			esc = "&#x9;"
		case c == '\n':
			esc = "&#xA;"
		case c == '\r':
			esc = "&#xD;"
		case c < 0x20:
			esc = "\uFFFD"
		case c < utf8.RuneSelf:
			i++
			continue
		default:
			var r rune
			if str, ok := any(s).(string); ok {
				r, width = utf8.DecodeRuneInString(str[i:])
			} else {
				r, width = utf8.DecodeRune([]byte(s[i:]))
			}
			if r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD && !(r == 0xFFFD && width == 1) || r >= 0x10000 && r <= 0x10FFFF {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		i += width
		last = i
	}
	return append(dst, s[last:]...)
}

// appendCDATA appends text, with what XML cannot hold replaced (junitxml.Chars),
// as a CDATA section the way encoding/xml writes one: none for "", and
// "]]>" split across two sections.
func appendCDATA(dst []byte, text string) []byte {
	if text == "" {
		return dst
	}
	dst = append(dst, "<![CDATA["...)
	dst = append(dst, strings.ReplaceAll(junitxml.Chars(text), "]]>", "]]]]><![CDATA[>")...)
	return append(dst, "]]>"...)
}

// plainCDATA reports whether text is ASCII that CDATA holds as it is
// (appendCDATA's fast path):
// printable, tab, newline or carriage return, and no "]]>".
func plainCDATA(text []byte) bool {
	for _, c := range text {
		if c >= utf8.RuneSelf || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return !bytes.Contains(text, []byte("]]>"))
}
