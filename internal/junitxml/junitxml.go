// Package junitxml is the JUnit XML document model, in the common subset
// that Jenkins, GitLab, GitHub Actions and other CI systems read. The report
// package's JUnit writer and `gslcheck test --format junit` both write it;
// embedders get JUnit output through report.NewJUnit, not this model.
package junitxml

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Suites is a JUnit XML document.
type Suites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Time     string   `xml:"time,attr"`
	Suites   []Suite  `xml:"testsuite"`
}

// Suite is a test suite.
type Suite struct {
	Name       string      `xml:"name,attr"`
	Tests      int         `xml:"tests,attr"`
	Failures   int         `xml:"failures,attr"`
	Errors     int         `xml:"errors,attr"`
	Skipped    int         `xml:"skipped,attr"`
	Time       string      `xml:"time,attr"`
	Timestamp  string      `xml:"timestamp,attr,omitempty"`
	Properties *Properties `xml:"properties,omitempty"`
	Cases      []Case      `xml:"testcase"`
}

// Properties are the properties of a suite.
type Properties struct {
	List []Property `xml:"property"`
}

// Property is one property of a suite.
type Property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// Case is a test case: passed, or with a failure, an error or a
// skip.
type Case struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	Time      string   `xml:"time,attr"`
	File      string   `xml:"file,attr,omitempty"` // read by GitLab and others
	Line      int      `xml:"line,attr,omitempty"`
	Failure   *Problem `xml:"failure,omitempty"`
	Error     *Problem `xml:"error,omitempty"`
	Skipped   *Skipped `xml:"skipped,omitempty"`
}

// Problem is a failure or an error of a test case.
type Problem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// Skipped marks a test case as skipped.
type Skipped struct {
	Message string `xml:"message,attr,omitempty"`
}

// Add appends c to the suite and counts it.
func (s *Suite) Add(c Case) {
	s.count(&c)
	s.Cases = append(s.Cases, c)
}

// count counts c in the suite and readies it to be written: a time, and
// CDATA that XML can hold.
func (s *Suite) count(c *Case) {
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
	if c.Time == "" {
		c.Time = "0.000"
	}
	for _, p := range []*Problem{c.Failure, c.Error} {
		if p != nil {
			p.Text = Chars(p.Text)
		}
	}
}

// Chars replaces what XML 1.0 cannot hold (control characters other
// than tab, newline and carriage return, U+FFFE, U+FFFF and invalid UTF-8)
// with U+FFFD. The encoder does that for attributes and text, but writes
// CDATA as it is.
func Chars(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c < utf8.RuneSelf && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
	}
	if plain {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xfffe, r == 0xffff, r == utf8.RuneError:
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}

// Seconds formats a duration for a time attribute.
func Seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// Write totals the suites and writes the document, which took elapsed.
func (t *Suites) Write(w io.Writer, elapsed time.Duration) error {
	t.Tests, t.Failures, t.Errors, t.Skipped = 0, 0, 0, 0
	for i := range t.Suites {
		s := &t.Suites[i]
		t.Tests += s.Tests
		t.Failures += s.Failures
		t.Errors += s.Errors
		t.Skipped += s.Skipped
		if s.Time == "" {
			s.Time = "0.000"
		}
	}
	t.Time = Seconds(elapsed)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(t); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
