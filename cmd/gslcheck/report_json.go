package main

// This file writes the `run` report as one JSON object,
// {"results": [...], "summary": {...}}, streaming one result per line.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"

	"github.com/gsl-lang/gsl/eval"
)

// resultJSON is a rule result in JSON output.
type resultJSON struct {
	Rule     string         `json:"rule"`
	Name     string         `json:"name"`
	Bundle   string         `json:"bundle"`
	Severity string         `json:"severity"`
	Entity   string         `json:"entity"`
	Type     string         `json:"type"`
	Status   string         `json:"status"`
	Message  string         `json:"message"`
	Evidence []evidenceJSON `json:"evidence"`
	Error    string         `json:"error,omitempty"`
	Location string         `json:"location,omitempty"`
	Input    string         `json:"input,omitempty"`
	Line     int            `json:"line,omitempty"`
}

// inputErrorJSON is an input error in JSON output.
type inputErrorJSON struct {
	Entity string `json:"entity"`
	Status string `json:"status"`
	Error  string `json:"error"`
	Input  string `json:"input"`
	Line   int    `json:"line,omitempty"`
}

// evidenceJSON is one piece of evidence. Value holds the JSON value read
// (null with Missing set when the path resolved to nothing).
type evidenceJSON struct {
	Path    string          `json:"path"`
	Value   json.RawMessage `json:"value"`
	Missing bool            `json:"missing,omitempty"`
	Span    *spanJSON       `json:"span,omitempty"`
}

func evidenceList(ev []eval.Evidence) []evidenceJSON {
	out := make([]evidenceJSON, 0, len(ev))
	for _, e := range ev {
		j := evidenceJSON{Path: e.Path, Span: spanOf(e.Span)}
		switch {
		case e.Value == "missing":
			j.Value, j.Missing = json.RawMessage("null"), true
		case json.Valid([]byte(e.Value)):
			j.Value = json.RawMessage(compactValue(e.Value))
		default:
			b, _ := json.Marshal(e.Value)
			j.Value = b
		}
		out = append(out, j)
	}
	return out
}

// compactValue removes the white space outside strings of a JSON value read
// from a pretty-printed document (also of a value eval cut short); other
// text is returned as is.
func compactValue(v string) string {
	if !strings.ContainsAny(v, " \t\r\n") || v == "" || !strings.ContainsAny(v[:1], "{[") {
		return v
	}
	var b strings.Builder
	in, esc := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case in && esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\t' || c == '\r' || c == '\n'):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

type jsonReporter struct {
	o     reportOptions
	w     *bufio.Writer
	n     int
	buf   bytes.Buffer
	enc   *json.Encoder
	start bool
}

func newJSONReporter(o reportOptions) *jsonReporter {
	j := &jsonReporter{o: o, w: bufio.NewWriterSize(o.w, 64<<10)}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

func (j *jsonReporter) result(r *record) error {
	if r.rule != nil && r.status == eval.Skip && !j.o.showSkipped {
		return nil
	}
	j.buf.Reset()
	if r.rule == nil {
		j.enc.Encode(inputErrorJSON{Entity: r.entity, Status: "error", Error: r.err, Input: r.input, Line: r.line})
	} else {
		j.enc.Encode(resultJSON{
			Rule: r.rule.ID, Name: r.rule.Name, Bundle: r.rule.Bundle, Severity: r.rule.Severity,
			Entity: r.entity, Type: r.typ, Status: r.status.String(), Message: r.message(),
			Evidence: evidenceList(r.evidence), Error: errorOf(r), Location: r.location, Input: r.input, Line: r.line,
		})
	}
	if j.n == 0 {
		j.w.WriteString("{\"results\": [\n")
	} else {
		j.w.WriteString(",\n")
	}
	j.n++
	j.w.Write(bytes.TrimRight(j.buf.Bytes(), "\n"))
	return nil
}

func errorOf(r *record) string {
	if r.status == eval.Error {
		return r.err
	}
	return ""
}

func (j *jsonReporter) finish(s *summary) error {
	if j.n == 0 {
		j.w.WriteString("{\"results\": [")
	} else {
		j.w.WriteString("\n")
	}
	j.buf.Reset()
	j.enc.Encode(s)
	j.w.WriteString("],\n\"summary\": ")
	j.w.Write(j.buf.Bytes())
	j.w.WriteString("}\n")
	return j.w.Flush()
}
