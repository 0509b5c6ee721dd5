package main

// This file reads gslcheck's reports as they stream out of the process,
// keeping only the counts and the lines named by input errors: a report of
// a million documents is gigabytes.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// tally is what a report says about a run. A count a format does not
// carry is -1.
type tally struct {
	documents, evaluated, malformed int
	pass, fail                      int
	ruleErrors                      int   // results with status error that name a rule
	inputErrors                     []int // lines named by input-error records, in report order
	bytes                           int64 // size of the report
}

func unknownTally() tally {
	return tally{documents: -1, evaluated: -1, malformed: -1, pass: -1, fail: -1}
}

// lineReader yields the lines of r, each cut to its first maxLine bytes
// (a report line holding a huge document's value is long, but what the
// parsers look for is at its start), and counts the bytes read.
type lineReader struct {
	r     *bufio.Reader
	bytes int64
	line  []byte
}

const maxLine = 1 << 16

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReaderSize(r, 1<<20)} }

// next returns the next line without its newline, or io.EOF.
func (lr *lineReader) next() ([]byte, error) {
	lr.line = lr.line[:0]
	for {
		chunk, err := lr.r.ReadSlice('\n')
		lr.bytes += int64(len(chunk))
		if room := maxLine - len(lr.line); room > 0 {
			lr.line = append(lr.line, chunk[:min(room, len(chunk))]...)
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(lr.line, []byte("\n")), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(lr.line) > 0:
			return lr.line, nil
		default:
			return nil, err
		}
	}
}

// readReport reads a report of the given format from r to its end.
func readReport(format string, r io.Reader) (tally, error) {
	lr := newLineReader(r)
	var t tally
	var err error
	switch format {
	case "json":
		t, err = readJSON(lr)
	case "text":
		t, err = readText(lr)
	case "sarif":
		t, err = readSARIF(lr)
	case "junit":
		t, err = readJUnit(lr)
	default:
		return t, fmt.Errorf("unknown format %q", format)
	}
	if err == nil {
		// Drain what the parser left, so the process is not blocked.
		for _, err = lr.next(); err == nil; _, err = lr.next() {
		}
		if errors.Is(err, io.EOF) {
			err = nil
		}
	}
	t.bytes = lr.bytes
	return t, err
}

// readJSON reads the JSON report: one record per line, then the summary.
func readJSON(lr *lineReader) (tally, error) {
	t := unknownTally()
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return t, err
		}
		if s, ok := bytes.CutPrefix(line, []byte(`"summary": `)); ok {
			var sum struct {
				Documents, Evaluated, Malformed, Pass, Fail int
			}
			if err := json.Unmarshal(s, &sum); err != nil {
				return t, fmt.Errorf("json report: summary: %v", err)
			}
			t.documents, t.evaluated, t.malformed, t.pass, t.fail = sum.Documents, sum.Evaluated, sum.Malformed, sum.Pass, sum.Fail
			continue
		}
		if !bytes.Contains(line, []byte(`"status":"error"`)) {
			continue
		}
		var rec struct {
			Rule string
			Line int
		}
		if err := json.Unmarshal(bytes.TrimSuffix(line, []byte(",")), &rec); err != nil {
			return t, fmt.Errorf("json report: error record: %v: %.200s", err, line)
		}
		if rec.Rule != "" {
			t.ruleErrors++
		} else {
			t.inputErrors = append(t.inputErrors, rec.Line)
		}
	}
}

var (
	textInputError = regexp.MustCompile(`^  ERROR .*:(\d+): `)
	textSummary    = regexp.MustCompile(`^([\d,]+) documents?, [\d,]+ rules?: (.*)$`)
	textCount      = regexp.MustCompile(`([\d,]+) (failed|passed|errors?|input errors?)\b`)
)

// readText reads the text report: rules with their findings, the input
// errors, and a closing summary line.
func readText(lr *lineReader) (tally, error) {
	t := unknownTally()
	inErrors := false
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return t, err
		}
		s := string(line)
		switch {
		case s == "Input errors":
			inErrors = true
		case inErrors && textInputError.MatchString(s):
			n, _ := strconv.Atoi(textInputError.FindStringSubmatch(s)[1])
			t.inputErrors = append(t.inputErrors, n)
		case textSummary.MatchString(s):
			m := textSummary.FindStringSubmatch(s)
			t.documents = atoi(m[1])
			t.pass, t.fail = 0, 0
			for _, c := range textCount.FindAllStringSubmatch(m[2], -1) {
				switch c[2] {
				case "failed":
					t.fail = atoi(c[1])
				case "passed":
					t.pass = atoi(c[1])
				case "error", "errors":
					t.ruleErrors = atoi(c[1])
				}
			}
		case s != "" && s[0] != ' ':
			inErrors = false
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	return n
}

var sarifStartLine = regexp.MustCompile(`"startLine": (\d+)`)

// readSARIF reads the SARIF log as gslcheck writes it: the tool's rules,
// one result per failure (a compact line each), then the invocation whose
// notifications (pretty-printed) are the input and rule errors. SARIF has
// no document count.
func readSARIF(lr *lineReader) (tally, error) {
	t := unknownTally()
	t.fail = 0
	section, lastLine := "", 0
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return t, err
		}
		s := strings.TrimSpace(string(line))
		switch {
		case strings.HasPrefix(s, `"toolExecutionNotifications": [`):
			section = "notifications"
		case strings.HasPrefix(s, `"results": [`):
			section = "results"
		case section == "notifications" && sarifStartLine.MatchString(s):
			lastLine = atoi(sarifStartLine.FindStringSubmatch(s)[1])
		case section == "notifications" && s == `"id": "input-error"`:
			t.inputErrors = append(t.inputErrors, lastLine)
		case section == "notifications" && strings.HasPrefix(s, `"id": "`):
			t.ruleErrors++
		case section == "results" && (strings.HasPrefix(s, `{"ruleId":`) || strings.HasPrefix(s, `"ruleId": `)):
			t.fail++
		}
	}
}

var (
	junitSuites    = regexp.MustCompile(`^<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"`)
	junitInputCase = regexp.MustCompile(`<testcase [^>]*classname="input"[^>]*line="(\d+)"`)
)

// readJUnit reads the JUnit XML report: a test suite per rule, a test case
// per (rule, entity), and a suite "input errors" with a case per input
// error. JUnit has no document count.
func readJUnit(lr *lineReader) (tally, error) {
	t := unknownTally()
	tests, errs, skipped := 0, 0, 0
	for {
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return t, err
		}
		if m := junitSuites.FindSubmatch(line); m != nil {
			tests, t.fail, errs, skipped = atoi(string(m[1])), atoi(string(m[2])), atoi(string(m[3])), atoi(string(m[4]))
		}
		if m := junitInputCase.FindSubmatch(line); m != nil {
			t.inputErrors = append(t.inputErrors, atoi(string(m[1])))
		}
	}
	if t.fail >= 0 {
		t.ruleErrors = errs - len(t.inputErrors)
		t.pass = tests - t.fail - errs - skipped
	}
	return t, nil
}
