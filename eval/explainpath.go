package eval

import "strconv"

// xpath is where a value the recorder shadows came from, kept in parts and
// spelt out (String) only for the evidence a result keeps: a recording run
// reads many loop elements whose paths no evidence names. It spells pre,
// then "[n-1]" when n > 0, then "." and rel when rel is not empty, then a
// space and suf when hasSuf. rel is set only on a path that is not empty,
// so that an xpath is empty exactly when it spells "". The zero xpath is
// the empty one.
type xpath struct {
	pre, rel, suf string
	n             int // 1 + the element index; 0 for none
	hasSuf        bool
}

// textPath is the path that spells s.
func textPath(s string) xpath { return xpath{pre: s} }

// empty reports whether p spells "".
func (p xpath) empty() bool { return p.pre == "" && p.n == 0 && p.rel == "" && !p.hasSuf }

// String spells p.
func (p xpath) String() string {
	if p.n == 0 && p.rel == "" && !p.hasSuf {
		return p.pre
	}
	b := make([]byte, 0, len(p.pre)+len(p.rel)+len(p.suf)+8)
	b = append(b, p.pre...)
	if p.n > 0 {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(p.n-1), 10)
		b = append(b, ']')
	}
	if p.rel != "" {
		b = append(b, '.')
		b = append(b, p.rel...)
	}
	if p.hasSuf {
		b = append(b, ' ')
		b = append(b, p.suf...)
	}
	return string(b)
}

// flat returns p with its parts spelt into pre, for adding a part it
// already has.
func (p xpath) flat() xpath { return textPath(p.String()) }

// join is joinPath(p, rel).
func (p xpath) join(rel string) xpath {
	switch {
	case p.empty():
		return textPath(rel)
	case rel == "":
		return p
	case p.rel != "" || p.hasSuf:
		p = p.flat()
	}
	p.rel = rel
	return p
}

// index is p followed by "[i]".
func (p xpath) index(i int) xpath {
	if p.n > 0 || p.rel != "" || p.hasSuf {
		p = p.flat()
	}
	p.n = i + 1
	return p
}

// suffixed is p followed by a space and suf.
func (p xpath) suffixed(suf string) xpath {
	if p.hasSuf {
		p = p.flat()
	}
	p.suf, p.hasSuf = suf, true
	return p
}
