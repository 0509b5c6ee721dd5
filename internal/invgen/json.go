package invgen

import (
	"strconv"
	"time"

	"github.com/gsl-lang/gsl/internal/jsontext"
)

// jw appends JSON to a byte slice. It tracks only whether the next value
// needs a comma, so objects and arrays are written in order with no
// intermediate values; callers are trusted to nest correctly.
type jw struct {
	b    []byte
	need bool // a value was written at this level: the next one needs a comma
}

func (w *jw) sep() {
	if w.need {
		w.b = append(w.b, ',')
	}
}

// obj opens an object as a value; end closes it.
func (w *jw) obj() {
	w.sep()
	w.b = append(w.b, '{')
	w.need = false
}

func (w *jw) end() {
	w.b = append(w.b, '}')
	w.need = true
}

// arr opens an array as a value; endArr closes it.
func (w *jw) arr() {
	w.sep()
	w.b = append(w.b, '[')
	w.need = false
}

func (w *jw) endArr() {
	w.b = append(w.b, ']')
	w.need = true
}

// key writes an object key; the next call writes its value.
func (w *jw) key(k string) {
	w.sep()
	w.b = jsontext.AppendString(w.b, k)
	w.b = append(w.b, ':')
	w.need = false
}

func (w *jw) str(v string) {
	w.sep()
	w.b = jsontext.AppendString(w.b, v)
	w.need = true
}

func (w *jw) int(v int64) {
	w.sep()
	w.b = strconv.AppendInt(w.b, v, 10)
	w.need = true
}

func (w *jw) bool(v bool) {
	w.sep()
	w.b = strconv.AppendBool(w.b, v)
	w.need = true
}

// raw writes an already encoded JSON value.
func (w *jw) raw(v []byte) {
	w.sep()
	w.b = append(w.b, v...)
	w.need = true
}

func (w *jw) time(t time.Time) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = t.UTC().AppendFormat(w.b, time.RFC3339)
	w.b = append(w.b, '"')
	w.need = true
}

// Key-value shorthands.

func (w *jw) ks(k, v string)           { w.key(k); w.str(v) }
func (w *jw) ki(k string, v int)       { w.key(k); w.int(int64(v)) }
func (w *jw) ki64(k string, v int64)   { w.key(k); w.int(v) }
func (w *jw) kb(k string, v bool)      { w.key(k); w.bool(v) }
func (w *jw) kt(k string, v time.Time) { w.key(k); w.time(v) }
func (w *jw) ko(k string)              { w.key(k); w.obj() }
func (w *jw) ka(k string)              { w.key(k); w.arr() }
func (w *jw) kraw(k string, v []byte)  { w.key(k); w.raw(v) }

// strs writes a key with an array of strings.
func (w *jw) kstrs(k string, vs ...string) {
	w.ka(k)
	for _, v := range vs {
		w.str(v)
	}
	w.endArr()
}
