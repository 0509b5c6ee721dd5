package report

// This file writes the JUnit XML report: one testsuite per rule,
// one testcase per (rule, entity) result, and a testsuite for input errors.
//
// The report streams: each test case is rendered as it comes and kept in
// its suite's group of a bounded spill (see spill.go); the suites, whose
// counts head them, are written at the end.

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/jsontext"
)

// JUnitWriter writes JUnit XML: one test suite per rule, one test case
// per result, and a suite for input errors.
type JUnitWriter struct {
	o       Options
	start   time.Time
	suites  []JUnitSuite // one per rule, then the input errors; counts only
	sp      *spill
	buf     bytes.Buffer
	frame   []byte
	rd      *bufio.Reader // reads the spill back, suite by suite
	classes []string      // per rule: its test cases' classname
}

// NewJUnit returns a JUnitWriter to w.
func NewJUnit(w io.Writer, o Options) *JUnitWriter {
	o.out = w
	j := &JUnitWriter{o: o, start: time.Now(), suites: make([]JUnitSuite, len(o.Rules)+1), sp: newSpill(len(o.Rules) + 1)}
	j.classes = make([]string, len(o.Rules))
	for i, m := range o.Rules {
		j.classes[i] = classname(m)
		s := &j.suites[i]
		s.Name = m.ID
		if m.Name != "" {
			s.Name += ": " + m.Name
		}
		props := []JUnitProperty{{Name: "severity", Value: m.Severity}}
		if m.Bundle != "" {
			props = append(props, JUnitProperty{Name: "bundle", Value: m.Bundle})
		}
		for _, tag := range m.complianceTags() {
			props = append(props, JUnitProperty{Name: "compliance", Value: tag})
		}
		s.Properties = &JUnitProperties{List: props}
	}
	j.suites[len(o.Rules)].Name = "input errors"
	return j
}

// Result renders r as a test case and keeps it in its suite's spill.
func (j *JUnitWriter) Result(r *Record) error {
	if r.Rule == nil {
		c := JUnitCase{
			Name:      r.Entity,
			Classname: "input",
			Error:     &JUnitProblem{Message: r.Err, Type: "InputError"},
		}
		placeCase(&c, r)
		return j.add(len(j.o.Rules), c, "")
	}
	c := JUnitCase{Name: r.Entity, Classname: j.classes[r.RuleIndex]}
	if r.Type != "" {
		c.Name += " (" + r.Type + ")"
	}
	placeCase(&c, r)
	switch {
	case r.Suppression != nil:
		c.Skipped = &JUnitSkipped{Message: "suppressed: " + r.Suppression.Reason + " (" + r.Suppression.Source + ")"}
	case r.Status == eval.Fail:
		c.Failure = &JUnitProblem{Message: r.message(), Type: r.Rule.Severity, Text: details(r)}
	case r.Status == eval.Error:
		c.Error = &JUnitProblem{Message: r.Err, Type: "RuleError", Text: details(r)}
	case !j.o.keeps(r.Status):
		return nil
	case r.Status == eval.Skip:
		c.Skipped = &JUnitSkipped{Message: "not applicable"}
	}
	return j.add(r.RuleIndex, c, r.Location)
}

// add counts c in suite g and spills it as a frame: its name, its
// location ("" when it has none, or is never renamed), and its XML with
// an empty name, which the name is spliced into at the end.
func (j *JUnitWriter) add(g int, c JUnitCase, location string) error {
	j.suites[g].count(&c)
	name := c.Name
	c.Name = ""
	j.buf.Reset()
	writeCase(&j.buf, &c)
	f := j.frame[:0]
	f = binary.AppendUvarint(f, uint64(len(name)))
	f = append(f, name...)
	f = binary.AppendUvarint(f, uint64(len(location)))
	f = append(f, location...)
	f = binary.AppendUvarint(f, uint64(j.buf.Len()))
	f = append(f, j.buf.Bytes()...)
	j.frame = f
	j.sp.add(g, f)
	return nil
}

// junitFrame is a test case read back from the spill.
type junitFrame struct {
	name, location, xml []byte
}

// frames calls fn for each test case of suite g, in order.
func (j *JUnitWriter) frames(g int, fn func(f *junitFrame) error) error {
	if j.rd == nil {
		j.rd = bufio.NewReaderSize(nil, 64<<10)
	}
	r := j.rd
	r.Reset(j.sp.reader(g))
	var f junitFrame
	field := func(dst []byte) ([]byte, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		dst = slices.Grow(dst[:0], int(n))[:n]
		_, err = io.ReadFull(r, dst)
		return dst, err
	}
	for {
		var err error
		if f.name, err = field(f.name); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if f.location, err = field(f.location); err != nil {
			return err
		}
		if f.xml, err = field(f.xml); err != nil {
			return err
		}
		if err := fn(&f); err != nil {
			return err
		}
	}
}

// placeCase gives every test case of a document, passing or not, the
// document's file and line.
func placeCase(c *JUnitCase, r *Record) {
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

// details is the body of a failure: where the entity is and the evidence.
func details(r *Record) string {
	var b strings.Builder
	if r.Location != "" {
		b.WriteString("at ")
		b.WriteString(r.Location)
		b.WriteByte('\n')
	}
	for _, e := range r.Evidence {
		b.WriteString(e.Path)
		b.WriteString(" = ")
		b.WriteString(jsontext.Compact(e.Value))
		b.WriteByte('\n')
	}
	return b.String()
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
	nrules := len(j.o.Rules)
	suites := j.suites
	if suites[nrules].Tests == 0 {
		suites = suites[:nrules]
	}
	top := JUnitSuites{Name: "gslcheck run"}
	for i := range suites {
		s := &suites[i]
		top.Tests += s.Tests
		top.Failures += s.Failures
		top.Errors += s.Errors
		top.Skipped += s.Skipped
		s.Time = "0.000"
	}
	top.Time = Seconds(time.Since(j.start))
	w.WriteString(xml.Header)
	head, err := cutClose(&top, "", "testsuites")
	if err != nil {
		return err
	}
	w.Write(head)
	seed := maphash.MakeSeed()
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
		// same id in two files, or twice in one) get " at LOCATION": CI
		// tools tell test cases apart by classname and name. Names that
		// are unique stay as they are, stable from run to run.
		var count map[uint64]int32
		if i < nrules {
			count = map[uint64]int32{}
			err := j.frames(i, func(f *junitFrame) error {
				if len(f.location) > 0 {
					count[maphash.Bytes(seed, f.name)]++
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		err = j.frames(i, func(f *junitFrame) error {
			const open = `<testcase name="`
			k := bytes.Index(f.xml, []byte(open))
			if k < 0 {
				return fmt.Errorf("internal error: a test case without a name attribute: %q", f.xml[:min(len(f.xml), 80)])
			}
			k += len(open)
			w.WriteString("\n")
			w.Write(f.xml[:k])
			escapeAttr(w, f.name)
			if len(f.location) > 0 && count[maphash.Bytes(seed, f.name)] > 1 {
				w.WriteString(" at ")
				escapeAttr(w, f.location)
			}
			_, err := w.Write(f.xml[k:])
			return err
		})
		if err != nil {
			return err
		}
		w.WriteString("\n  </testsuite>")
	}
	w.WriteString("\n</testsuites>\n")
	return w.Flush()
}

// writeCase writes c as encoding/xml writes it as a <testcase> indented
// two levels (TestJUnitWriteCase), without reflection: cases can be
// millions.
func writeCase(w *bytes.Buffer, c *JUnitCase) {
	attr := func(name, v string) {
		w.WriteString(name)
		w.WriteString(`="`)
		if plainXML(v) {
			w.WriteString(v)
		} else {
			xml.EscapeText(w, []byte(v))
		}
		w.WriteByte('"')
	}
	w.WriteString("    <testcase ")
	attr("name", c.Name)
	attr(" classname", c.Classname)
	attr(" time", c.Time)
	if c.File != "" {
		attr(" file", c.File)
	}
	if c.Line != 0 {
		w.WriteString(` line="`)
		w.WriteString(strconv.Itoa(c.Line))
		w.WriteByte('"')
	}
	w.WriteByte('>')
	children := false
	for _, p := range []struct {
		tag string
		p   *JUnitProblem
	}{{"failure", c.Failure}, {"error", c.Error}} {
		if p.p == nil {
			continue
		}
		children = true
		w.WriteString("\n      <" + p.tag + " ")
		attr("message", p.p.Message)
		if p.p.Type != "" {
			attr(" type", p.p.Type)
		}
		w.WriteByte('>')
		writeCDATA(w, p.p.Text)
		w.WriteString("</" + p.tag + ">")
	}
	if c.Skipped != nil {
		children = true
		w.WriteString("\n      <skipped")
		if c.Skipped.Message != "" {
			attr(" message", c.Skipped.Message)
		}
		w.WriteString("></skipped>")
	}
	if children {
		w.WriteString("\n    </testcase>")
	} else {
		w.WriteString("</testcase>")
	}
}

// writeCDATA writes s as a CDATA section the way encoding/xml does: none
// for "", and "]]>" split across two sections.
func writeCDATA(w *bytes.Buffer, s string) {
	if s == "" {
		return
	}
	w.WriteString("<![CDATA[")
	w.WriteString(strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>"))
	w.WriteString("]]>")
}

// plainXML reports whether s is printable ASCII that XML escaping leaves
// as it is.
func plainXML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '<', c == '>', c == '&', c == '"', c == '\'':
			return false
		}
	}
	return true
}

// escapeAttr writes b escaped as an attribute value, as encoding/xml does.
func escapeAttr(w io.Writer, b []byte) {
	for _, c := range b {
		if c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' {
			xml.EscapeText(w, b)
			return
		}
	}
	w.Write(b)
}
