// Package firstjson decodes JSON into plain Go values (map[string]any,
// []any, json.Number or float64, string, bool and nil) the way GSL rules
// read documents: when an object repeats a member name, the first value
// counts. encoding/json keeps the last.
package firstjson

import (
	"encoding/json"
	"errors"
	"fmt"
)

// MaxDepth is how deep arrays and objects may nest, as in encoding/json.
const MaxDepth = 10000

// ErrTooDeep reports a value nested deeper than MaxDepth.
var ErrTooDeep = errors.New("JSON nested deeper than 10000 levels")

// Decode decodes the next value of dec token by token. Set dec.UseNumber
// to keep numbers exact. When repeated is not nil it is called with the
// path (as in "volumes[1].encrypted") of every repeated member dropped.
// It reads one value: the caller checks what follows it. A value nested
// deeper than MaxDepth gives ErrTooDeep.
func Decode(dec *json.Decoder, repeated func(path string)) (any, error) {
	return decode(dec, "", repeated, 0)
}

func decode(dec *json.Decoder, path string, repeated func(string), depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == json.Delim('{') || tok == json.Delim('[') {
		if depth++; depth > MaxDepth {
			return nil, ErrTooDeep
		}
	}
	switch tok {
	case json.Delim('{'):
		m := map[string]any{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			p := ""
			if repeated != nil {
				p = k
				if path != "" {
					p = path + "." + k
				}
			}
			v, err := decode(dec, p, repeated, depth)
			if err != nil {
				return nil, err
			}
			if _, dup := m[k]; dup {
				if repeated != nil {
					repeated(p)
				}
				continue
			}
			m[k] = v
		}
		_, err := dec.Token() // '}'
		return m, err
	case json.Delim('['):
		a := []any{}
		for dec.More() {
			p := ""
			if repeated != nil {
				p = fmt.Sprintf("%s[%d]", path, len(a))
			}
			v, err := decode(dec, p, repeated, depth)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token() // ']'
		return a, err
	}
	return tok, nil
}
