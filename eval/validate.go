package eval

// This file validates a document and indexes its top-level members in one
// pass over the text (the scan is jsontext.Validator's). It accepts exactly
// what gjson.Valid accepts (RFC 8259 JSON, without a UTF-8 check), so
// documents keep meeting the same verdict. The root object's members are
// indexed by a loop of their own in validateTop, so the nested scan carries
// no bookkeeping for them.

import "github.com/gsl-lang/gsl/internal/jsontext"

// validateTop validates the JSON text s with arrays and objects nested at
// most maxDepth deep and, when the text is an object, appends its
// top-level members to buf. It returns the members and the offset of the
// top-level value, or ErrTooDeep or ErrInvalidJSON, whichever problem the
// scan meets first.
func validateTop(s string, maxDepth int, buf []member) ([]member, int, error) {
	var small [8]uint64
	n := jsontext.NewValidator(maxDepth, small[:])
	start := jsontext.SkipSpace(s, 0)
	i := start
	if uint(i) >= uint(len(s)) || s[i] != '{' {
		end, err := n.ValueEnd(s, i)
		if err != nil {
			return buf, 0, evalError(err)
		}
		i = end
	} else {
		// The root object: its members are indexed here, their values
		// validated by jsontext.Validator one nesting level down.
		if maxDepth < 1 {
			return buf, 0, ErrTooDeep
		}
		n.SetLimit(maxDepth - 1)
		i = jsontext.SkipSpace(s, i+1)
		if uint(i) < uint(len(s)) && s[i] == '}' {
			i++
		} else {
			for {
				if uint(i) >= uint(len(s)) || s[i] != '"' {
					return buf, 0, ErrInvalidJSON
				}
				end, esc, ok := jsontext.ValidString(s, i)
				if !ok {
					return buf, 0, ErrInvalidJSON
				}
				key := s[i+1 : end-1]
				i = jsontext.SkipSpace(s, end)
				if uint(i) >= uint(len(s)) || s[i] != ':' {
					return buf, 0, ErrInvalidJSON
				}
				i = jsontext.SkipSpace(s, i+1)
				valStart := i
				end, err := n.ValueEnd(s, i)
				if err != nil {
					return buf, 0, evalError(err)
				}
				// Fields are stored one by one: a composite literal is
				// built on the stack and copied with wider loads than the
				// stores that built it, which stalls store forwarding.
				buf = append(buf, member{})
				m := &buf[len(buf)-1]
				m.key, m.val, m.esc = key, s[valStart:end], esc
				i = jsontext.SkipSpace(s, end)
				if uint(i) >= uint(len(s)) {
					return buf, 0, ErrInvalidJSON
				}
				if s[i] == ',' {
					i = jsontext.SkipSpace(s, i+1)
					continue
				}
				if s[i] != '}' {
					return buf, 0, ErrInvalidJSON
				}
				i++
				break
			}
		}
	}
	if jsontext.SkipSpace(s, i) != len(s) {
		return buf, 0, ErrInvalidJSON
	}
	return buf, start, nil
}

// evalError maps a jsontext validation error to the evaluator's.
func evalError(err error) error {
	if err == jsontext.ErrTooDeep {
		return ErrTooDeep
	}
	return ErrInvalidJSON
}
