package report

// This file writes the JSON report, one JSON object,
// {"results": [...], "summary": {...}}, streaming one result per line.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/gsl-lang/gsl/eval"
	"github.com/gsl-lang/gsl/internal/evidencejson"
	"github.com/gsl-lang/gsl/internal/jsontext"
)

// resultJSON is a rule result in JSON output.
type resultJSON struct {
	Rule     string                  `json:"rule"`
	Name     string                  `json:"name"`
	Bundle   string                  `json:"bundle"`
	Severity string                  `json:"severity"`
	Entity   string                  `json:"entity"`
	Type     string                  `json:"type"`
	Status   string                  `json:"status"`
	Message  string                  `json:"message"`
	Evidence []evidencejson.Evidence `json:"evidence"`
	Error    string                  `json:"error,omitempty"`
	Location string                  `json:"location,omitempty"`
	Input    string                  `json:"input,omitempty"`
	Line     int                     `json:"line,omitempty"`
	// Suppression is the exception that suppresses the failure (status
	// "suppressed").
	Suppression *suppressionJSON `json:"suppression,omitempty"`
	// Baseline is "new" or "unchanged" when run with --baseline.
	Baseline string `json:"baseline,omitempty"`
}

// suppressionJSON is why a failure is suppressed.
type suppressionJSON struct {
	Reason  string `json:"reason"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
	Source  string `json:"source"` // FILE:LINE of the exception
}

// inputErrorJSON is an input error in JSON output.
type inputErrorJSON struct {
	Entity string `json:"entity"`
	Status string `json:"status"`
	Error  string `json:"error"`
	Input  string `json:"input"`
	Line   int    `json:"line,omitempty"`
}

// JSONWriter writes {"results": [...], "summary": {...}}, one result per
// line as it comes.
type JSONWriter struct {
	o    Options
	w    *bufio.Writer
	n    int
	line []byte
	gone []Finding // the baseline's findings not found
	*JSONRenderer
}

// JSONRenderer renders records as the lines of a JSON report. It is not
// safe for concurrent use: each worker renders with its own (see
// JSONWriter.Renderer).
type JSONRenderer struct {
	buf    bytes.Buffer
	enc    *json.Encoder
	prefix [][]byte // per rule: `{"rule":...,"severity":...,`; shared, read only
	o      *Options
}

func newJSONLines(prefix [][]byte, o *Options) *JSONRenderer {
	l := &JSONRenderer{prefix: prefix, o: o}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetEscapeHTML(false)
	return l
}

// NewJSON returns a JSONWriter to w.
func NewJSON(w io.Writer, o Options) *JSONWriter {
	o.out = w
	j := &JSONWriter{o: o, w: bufio.NewWriterSize(o.out, 64<<10)}
	j.JSONRenderer = newJSONLines(nil, &j.o)
	j.prefix = make([][]byte, len(o.Rules))
	for i, m := range o.Rules {
		b := append([]byte(nil), `{"rule":`...)
		b = j.appendString(b, m.ID)
		b = append(b, `,"name":`...)
		b = j.appendString(b, m.Name)
		b = append(b, `,"bundle":`...)
		b = j.appendString(b, m.Bundle)
		b = append(b, `,"severity":`...)
		b = j.appendString(b, m.Severity)
		j.prefix[i] = append(b, ',')
	}
	return j
}

// appendString appends s as a JSON string (jsontext.AppendString: as
// encoding/json writes it without HTML escaping).
func (j *JSONRenderer) appendString(b []byte, s string) []byte {
	return jsontext.AppendString(b, s)
}

// appendMessage appends the JSON string of r.message() without building it.
func (j *JSONRenderer) appendMessage(b []byte, r *Record) []byte {
	if r.Rule == nil || r.Status != eval.Fail || len(r.Evidence) == 0 {
		return j.appendString(b, r.message())
	}
	b = append(b, '"')
	for i, e := range r.Evidence {
		if i > 0 {
			b = append(b, "; "...)
		}
		b = jsontext.AppendStringBody(b, e.Path)
		b = append(b, " = "...)
		b = jsontext.AppendStringBody(b, jsontext.Compact(e.Value))
	}
	return append(b, '"')
}

// appendEvidence appends ev as encoding/json writes evidencejson.List(ev) (the
// same bytes, TestAppendEvidence), without reflection: failures can be
// many.
func (j *JSONRenderer) appendEvidence(b []byte, ev []eval.Evidence) []byte {
	b = append(b, '[')
	for i, e := range ev {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"path":`...)
		b = j.appendString(b, e.Path)
		b = append(b, `,"value":`...)
		b = append(b, evidencejson.Value(e.Value)...)
		if e.Value == "missing" {
			b = append(b, `,"missing":true`...)
		}
		if sp := evidencejson.SpanOf(e.Span); sp != nil {
			b = append(b, `,"span":{"line":`...)
			b = strconv.AppendInt(b, int64(sp.Line), 10)
			b = append(b, `,"column":`...)
			b = strconv.AppendInt(b, int64(sp.Column), 10)
			if sp.EndLine != 0 {
				b = append(b, `,"endLine":`...)
				b = strconv.AppendInt(b, int64(sp.EndLine), 10)
			}
			if sp.EndColumn != 0 {
				b = append(b, `,"endColumn":`...)
				b = strconv.AppendInt(b, int64(sp.EndColumn), 10)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendValue appends v as encoding/json would.
func (j *JSONRenderer) appendValue(b []byte, v any) []byte {
	j.buf.Reset()
	j.enc.Encode(v)
	return append(b, bytes.TrimRight(j.buf.Bytes(), "\n")...)
}

// Result writes r on its own line (unless the options leave it out).
func (j *JSONWriter) Result(r *Record) error {
	b, ok := j.AppendRecord(j.line[:0], r)
	if !ok {
		return nil
	}
	j.line = b
	if j.n == 0 {
		j.w.WriteString("{\"results\": [\n")
	} else {
		j.w.WriteString(",\n")
	}
	j.n++
	_, err := j.w.Write(b)
	return err
}

// Renderer returns a JSONRenderer of its own, for one worker of several
// that render records at once; the records are then written in order with
// WriteRendered.
func (j *JSONWriter) Renderer() *JSONRenderer {
	return newJSONLines(j.prefix, &j.o)
}

// WriteRendered writes n records that a renderer appended to text, each
// preceded by ",\n", as Result would have written them.
func (j *JSONWriter) WriteRendered(text []byte, n int) error {
	if n == 0 {
		return nil
	}
	if j.n == 0 {
		j.w.WriteString("{\"results\": [\n")
		text = text[2:]
	}
	j.n += n
	_, err := j.w.Write(text)
	return err
}

// AppendRecord appends r as one line of JSON, without a newline, reporting
// false (and appending nothing) for a record the report leaves out. Rule
// results are spelled by hand, in the field order of resultJSON, since
// there can be millions.
func (j *JSONRenderer) AppendRecord(b []byte, r *Record) ([]byte, bool) {
	if r.Rule != nil && !j.o.keeps(r.Status) {
		return b, false
	}
	if r.Rule == nil {
		return j.appendValue(b, inputErrorJSON{Entity: r.Entity, Status: "error", Error: r.Err, Input: r.Input, Line: r.Line}), true
	}
	b = append(b, j.prefix[r.RuleIndex]...)
	b = append(b, `"entity":`...)
	b = j.appendString(b, r.Entity)
	b = append(b, `,"type":`...)
	b = j.appendString(b, r.Type)
	b = append(b, `,"status":"`...)
	if r.Suppression != nil {
		b = append(b, "suppressed"...)
	} else {
		b = append(b, r.Status.String()...)
	}
	b = append(b, `","message":`...)
	b = j.appendMessage(b, r)
	b = append(b, `,"evidence":`...)
	b = j.appendEvidence(b, r.Evidence)
	if e := errorOf(r); e != "" {
		b = append(b, `,"error":`...)
		b = j.appendString(b, e)
	}
	if r.Location != "" {
		b = append(b, `,"location":`...)
		b = j.appendString(b, r.Location)
	}
	if r.Input != "" {
		b = append(b, `,"input":`...)
		b = j.appendString(b, r.Input)
	}
	if r.Line != 0 {
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, int64(r.Line), 10)
	}
	if x := r.Suppression; x != nil {
		b = append(b, `,"suppression":{"reason":`...)
		b = j.appendString(b, x.Reason)
		if x.Owner != "" {
			b = append(b, `,"owner":`...)
			b = j.appendString(b, x.Owner)
		}
		if x.Expires != "" {
			b = append(b, `,"expires":`...)
			b = j.appendString(b, x.Expires)
		}
		b = append(b, `,"source":`...)
		b = j.appendString(b, x.Source)
		b = append(b, '}')
	}
	if r.Baseline != BaselineNone {
		b = append(b, `,"baseline":"`...)
		b = append(b, r.Baseline.String()...)
		b = append(b, '"')
	}
	return append(b, '}'), true
}

// fixedJSON is a finding of the baseline that a run did not find.
type fixedJSON struct {
	Rule   string `json:"rule"`
	Name   string `json:"name"`
	Bundle string `json:"bundle"`
	Entity string `json:"entity"`
	Type   string `json:"type"`
}

// Fixed keeps the baseline's findings that are gone, for Finish.
func (j *JSONWriter) Fixed(f []Finding) error {
	j.gone = f
	return nil
}

func errorOf(r *Record) string {
	if r.Status == eval.Error {
		return r.Err
	}
	return ""
}

// Finish writes the fixed findings, if any, and the summary.
func (j *JSONWriter) Finish(s *Summary) error {
	if j.n == 0 {
		j.w.WriteString("{\"results\": [")
	} else {
		j.w.WriteString("\n")
	}
	j.w.WriteString("],\n")
	if len(j.gone) > 0 {
		j.w.WriteString("\"fixed\": [")
		for i, f := range j.gone {
			if i > 0 {
				j.w.WriteString(",")
			}
			j.w.WriteString("\n")
			j.w.Write(j.appendValue(nil, fixedJSON{Rule: f.Rule, Name: f.Name, Bundle: f.Bundle, Entity: f.Entity, Type: f.Type}))
		}
		j.w.WriteString("\n],\n")
	}
	j.buf.Reset()
	j.enc.Encode(s)
	j.w.WriteString("\"summary\": ")
	j.w.Write(j.buf.Bytes())
	j.w.WriteString("}\n")
	return j.w.Flush()
}
