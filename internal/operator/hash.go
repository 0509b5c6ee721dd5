package operator

import (
	"math"

	"github.com/gsl-lang/gsl/builtin"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/tidwall/gjson"
)

// Hash returns a hash of v such that two values of one kind that
// builtin.Equal reports equal hash alike: numbers by value (1 and 1.0
// alike), strings by their unescaped text, arrays by their elements in
// order, objects by the first value under each name, in any order; missing
// values all hash alike. Values that differ may share a hash. It lets
// groupBy bucket its keys before comparing them with Equal.
func Hash(v builtin.Value) uint64 {
	k := v.Kind()
	h := mixHash(0x9E3779B97F4A7C15, uint64(k))
	switch k {
	case builtin.Bool:
		if v.Bool() {
			h = mixHash(h, 1)
		}
	case builtin.Number:
		// AsNumber reads an integer written in the text exactly, then
		// converts it, as Equal's integer comparison agrees with.
		f, _ := v.AsNumber()
		if f == 0 {
			f = 0 // -0 as 0
		}
		h = mixHash(h, math.Float64bits(f))
	case builtin.String:
		h = hashString(h, v.Str())
	case builtin.Array:
		it := jsontext.NewMembers(v.Raw())
		for {
			_, e, ok := it.Next()
			if !ok {
				break
			}
			h = mixHash(h, Hash(builtin.FromJSON(gjson.Parse(e))))
		}
	case builtin.Object:
		// The members' hashes are summed, so that their order does not count.
		names, vals := jsontext.FirstMembers(v.Raw())
		var sum uint64
		for i, name := range names {
			sum += mixHash(hashString(h, name), Hash(builtin.FromJSON(gjson.Parse(vals[i]))))
		}
		h = mixHash(h, sum)
	}
	return h
}

// mixHash folds x into h.
func mixHash(h, x uint64) uint64 {
	h = (h ^ x) * 0xBF58476D1CE4E5B9
	return h ^ h>>31
}

// hashString folds the bytes of s into h.
func hashString(h uint64, s string) uint64 {
	h = mixHash(h, uint64(len(s)))
	for len(s) >= 8 {
		h = mixHash(h, uint64(s[0])|uint64(s[1])<<8|uint64(s[2])<<16|uint64(s[3])<<24|
			uint64(s[4])<<32|uint64(s[5])<<40|uint64(s[6])<<48|uint64(s[7])<<56)
		s = s[8:]
	}
	var w uint64
	for i := range len(s) {
		w |= uint64(s[i]) << (8 * i)
	}
	return mixHash(h, w)
}
