package bundles

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/goccy/go-yaml"
	"github.com/gsl-lang/gsl/internal/jsontext"
)

// The entity model is read from YAML at build time too (see preparsed.go):
// parsing bundles/schema/aws.yaml with the YAML library was half the CPU
// time of starting `gslcheck run -r RULE`. `go generate ./bundles` stores
// the YAML's values as JSON, in its order, in schema_gen.go; AWS reads that
// with encoding/json, several times faster, into the values the YAML
// library gives, which the one schema parser then reads. A schema file
// edited since (its SHA-256 differs) is parsed from YAML.

// preparsedSchema is the entity model as go generate read it.
type preparsedSchema struct {
	sum  [sha256.Size]byte // of the YAML it was read from
	json string            // its values, as orderedJSON writes them
}

// parseAWSSchema parses the embedded entity model, from its pre-read form
// when that is fresh.
func parseAWSSchema() (*Schema, error) {
	const file = "bundles/schema/aws.yaml"
	if awsSchemaPre.sum == sha256.Sum256(awsSchemaYAML) {
		top, err := decodeOrdered([]byte(awsSchemaPre.json))
		if m, ok := top.(yaml.MapSlice); ok && err == nil {
			return parseSchemaValues(m, file)
		}
	}
	return ParseSchema(awsSchemaYAML, file)
}

// orderedJSON appends v, a value the YAML library decoded with
// yaml.UseOrderedMap, as JSON: mappings as objects in their order.
func orderedJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case yaml.MapSlice:
		b = append(b, '{')
		for i, it := range v {
			k, ok := it.Key.(string)
			if !ok {
				return nil, fmt.Errorf("key %v is not a string", it.Key)
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, k)
			b = append(b, ':')
			var err error
			if b, err = orderedJSON(b, it.Value); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = orderedJSON(b, e); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case string:
		return jsontext.AppendString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case nil:
		return append(b, "null"...), nil
	case uint64:
		return strconv.AppendUint(b, v, 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	}
	return nil, fmt.Errorf("value %v (%T) has no JSON form here", v, v)
}

// decodeOrdered reads JSON that orderedJSON wrote back into the values it
// was written from: objects as yaml.MapSlice, integers as uint64 or int64.
func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeOrderedValue(dec)
	if err == nil && dec.More() {
		err = errors.New("content after the value")
	}
	return v, err
}

func decodeOrderedValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			m := yaml.MapSlice{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeOrderedValue(dec)
				if err != nil {
					return nil, err
				}
				m = append(m, yaml.MapItem{Key: k, Value: v})
			}
			_, err := dec.Token()
			return m, err
		}
		a := []any{}
		for dec.More() {
			v, err := decodeOrderedValue(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token()
		return a, err
	case json.Number:
		if u, err := strconv.ParseUint(t.String(), 10, 64); err == nil {
			return u, nil
		}
		return strconv.ParseInt(t.String(), 10, 64)
	}
	return tok, nil
}
