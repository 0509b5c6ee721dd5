package lang

// A compact binary encoding of rule trees, so that a program can ship rules
// already parsed (the bundles package stores its shipped rules this way and
// skips the parser at start-up). The encoding holds every field of every
// node, spans included, and DecodeRule(EncodeRule(r)) is deep-equal to r.
//
// Layout: a version byte, then the rule in pre-order. Integers are varints
// (unsigned for offsets, lines, columns and lengths; zig-zag for Number.Int;
// the shortest spelling only, so that each tree has one encoding),
// a float is its 8 IEEE-754 bytes little-endian, a string a length and its
// bytes, a bool one byte. An absent node is tag 0. A Pos is three uvarints,
// a Span two Pos. Decoding checks every length against the bytes left and
// every tag against the place it appears in, so arbitrary input yields an
// error, never a panic or a huge allocation.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// encodingVersion changes whenever the layout or the node types change;
// DecodeRule rejects any other version.
const encodingVersion = 1

// maxDecodeDepth bounds the nesting the decoder follows. It is far above
// what the parser produces for any rule of MaxRuleBytes.
const maxDecodeDepth = 1 << 16

// Node tags of the encoding.
const (
	tagNil byte = iota
	tagLogical
	tagNot
	tagCompare
	tagTest
	tagString
	tagNumber
	tagBool
	tagNull
	tagList
	tagRegex
	tagPath
	tagCall
	tagArrayOp
)

// EncodeRule returns the binary encoding of r's tree, positions and source
// included; DecodeRule reads it back.
func EncodeRule(r *Rule) []byte {
	e := encoder{buf: []byte{encodingVersion}}
	e.rule(r)
	return e.buf
}

type encoder struct{ buf []byte }

func (e *encoder) uint(v int) {
	e.buf = binary.AppendUvarint(e.buf, uint64(v))
}

func (e *encoder) str(s string) {
	e.uint(len(s))
	e.buf = append(e.buf, s...)
}

func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *encoder) pos(p Pos) { e.uint(p.Offset); e.uint(p.Line); e.uint(p.Column) }

func (e *encoder) span(s Span) { e.pos(s.Start); e.pos(s.End) }

func (e *encoder) rule(r *Rule) {
	e.buf = append(e.buf, byte(r.Kind))
	if r.Target == nil {
		e.bool(false)
	} else {
		e.bool(true)
		e.str(r.Target.Type)
		e.bool(r.Target.List)
		e.span(r.Target.span)
	}
	e.expr(r.Where)
	e.bool(r.Negated)
	e.expr(r.Cond)
	e.bool(r.Const)
	e.str(r.Source)
	e.span(r.span)
}

func (e *encoder) expr(x Expr) {
	switch x := x.(type) {
	case nil:
		e.buf = append(e.buf, tagNil)
	case *Logical:
		e.buf = append(e.buf, tagLogical, byte(x.Op))
		e.expr(x.X)
		e.expr(x.Y)
		e.span(x.span)
	case *Not:
		e.buf = append(e.buf, tagNot)
		e.expr(x.X)
		e.span(x.span)
	case *Compare:
		e.buf = append(e.buf, tagCompare, byte(x.Op))
		e.operand(x.X)
		e.operand(x.Y)
		e.pos(x.OpPos)
		e.span(x.span)
	case *Test:
		e.buf = append(e.buf, tagTest)
		e.operand(x.X)
	default:
		panic(fmt.Sprintf("lang: EncodeRule: unknown condition node %T", x))
	}
}

func (e *encoder) operand(x Operand) {
	switch x := x.(type) {
	case nil:
		e.buf = append(e.buf, tagNil)
	case *String:
		e.buf = append(e.buf, tagString)
		e.str(x.Value)
		e.span(x.span)
	case *Number:
		e.buf = append(e.buf, tagNumber)
		e.str(x.Text)
		e.bool(x.IsInt)
		e.buf = binary.AppendVarint(e.buf, x.Int)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(x.Float))
		e.span(x.span)
	case *Bool:
		e.buf = append(e.buf, tagBool)
		e.bool(x.Value)
		e.span(x.span)
	case *Null:
		e.buf = append(e.buf, tagNull)
		e.span(x.span)
	case *List:
		e.buf = append(e.buf, tagList)
		e.operands(x.Elems)
		e.span(x.span)
	case *Regex:
		e.buf = append(e.buf, tagRegex)
		e.str(x.Pattern)
		e.str(x.Flags)
		e.span(x.span)
	case *Path:
		e.buf = append(e.buf, tagPath)
		e.path(x)
	case *Call:
		e.buf = append(e.buf, tagCall)
		e.operand(x.X)
		e.str(x.Name)
		e.pos(x.NamePos)
		e.operands(x.Args)
		e.span(x.span)
	case *ArrayOp:
		e.buf = append(e.buf, tagArrayOp, byte(x.Op))
		e.operand(x.X)
		e.pos(x.OpPos)
		e.expr(x.Body)
		if x.Key == nil {
			e.bool(false)
		} else {
			e.bool(true)
			e.path(x.Key)
		}
		e.span(x.span)
	default:
		panic(fmt.Sprintf("lang: EncodeRule: unknown operand node %T", x))
	}
}

// operands writes a slice, keeping nil and empty apart.
func (e *encoder) operands(xs []Operand) {
	if xs == nil {
		e.uint(0)
		return
	}
	e.uint(len(xs) + 1)
	for _, x := range xs {
		e.operand(x)
	}
}

func (e *encoder) path(p *Path) {
	e.bool(p.Current)
	if p.Segments == nil {
		e.uint(0)
	} else {
		e.uint(len(p.Segments) + 1)
	}
	for _, s := range p.Segments {
		e.str(s.Name)
		e.bool(s.Quoted)
		e.span(s.span)
	}
	e.span(p.span)
}

// errTruncated and errCorrupt are the decoding failures; the error returned
// wraps one of them with the offset where decoding stopped.
var (
	errTruncated = errors.New("truncated")
	errCorrupt   = errors.New("corrupt")
)

// DecodeRule reads a tree written by EncodeRule. Any other input, including
// an encoding of another version, is an error. It takes a string so that
// the tree's strings can share data's memory (an encoding embedded in a
// program as a string constant costs no copies).
func DecodeRule(data string) (r *Rule, err error) {
	if len(data) == 0 {
		return nil, errors.New("lang: DecodeRule: empty input")
	}
	if data[0] != encodingVersion {
		return nil, fmt.Errorf("lang: DecodeRule: encoding version %d, want %d", data[0], encodingVersion)
	}
	d := decoder{buf: data, off: 1}
	r = d.rule()
	if d.err == nil && d.off != len(d.buf) {
		d.fail(errCorrupt, "trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return r, nil
}

type decoder struct {
	buf   string
	off   int
	depth int
	err   error
}

func (d *decoder) fail(kind error, what string) {
	if d.err == nil {
		d.err = fmt.Errorf("lang: DecodeRule: %w at byte %d: %s", kind, d.off, what)
	}
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.buf) {
		d.fail(errTruncated, "want a byte")
		return 0
	}
	b := d.buf[d.off]
	d.off++
	return b
}

func (d *decoder) uint() int {
	if d.err != nil {
		return 0
	}
	v, ok := d.uvarint()
	if !ok || v > math.MaxInt32 {
		d.fail(errCorrupt, "bad unsigned integer")
		return 0
	}
	return int(v)
}

// uvarint reads an unsigned varint in its shortest spelling (as
// binary.AppendUvarint writes it).
func (d *decoder) uvarint() (uint64, bool) {
	var v uint64
	for i := 0; i < binary.MaxVarintLen64 && d.off+i < len(d.buf); i++ {
		b := d.buf[d.off+i]
		if i == binary.MaxVarintLen64-1 && b > 1 {
			return 0, false // overflows 64 bits
		}
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			if b == 0 && i > 0 {
				return 0, false // not the shortest spelling
			}
			d.off += i + 1
			return v, true
		}
	}
	return 0, false
}

// count reads a length of items each taking at least one byte.
func (d *decoder) count() int {
	n := d.uint()
	if n > len(d.buf)-d.off {
		d.fail(errTruncated, "length beyond the end")
		return 0
	}
	return n
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := d.buf[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail(errCorrupt, "bad boolean")
	return false
}

func (d *decoder) pos() Pos {
	return Pos{Offset: d.uint(), Line: d.uint(), Column: d.uint()}
}

func (d *decoder) span() Span {
	start := d.pos()
	return Span{Start: start, End: d.pos()}
}

// enum reads a byte that must be below limit.
func (d *decoder) enum(limit int, what string) byte {
	b := d.byte()
	if int(b) >= limit {
		d.fail(errCorrupt, "bad "+what)
		return 0
	}
	return b
}

func (d *decoder) rule() *Rule {
	r := &Rule{Kind: RuleKind(d.enum(int(RuleConst)+1, "rule kind"))}
	if d.bool() {
		r.Target = &Target{Type: d.str(), List: d.bool(), span: d.span()}
	}
	r.Where = d.expr()
	r.Negated = d.bool()
	r.Cond = d.expr()
	r.Const = d.bool()
	r.Source = d.str()
	r.span = d.span()
	return r
}

// enter counts one level of nesting; it reports false (and fails) past
// maxDecodeDepth.
func (d *decoder) enter() bool {
	d.depth++
	if d.depth > maxDecodeDepth {
		d.fail(errCorrupt, "nested too deeply")
		return false
	}
	return d.err == nil
}

func (d *decoder) expr() Expr {
	if !d.enter() {
		return nil
	}
	defer func() { d.depth-- }()
	switch tag := d.byte(); tag {
	case tagNil:
		return nil
	case tagLogical:
		x := &Logical{Op: LogicalOp(d.enum(int(Or)+1, "logical operator"))}
		x.X, x.Y = d.expr(), d.expr()
		x.span = d.span()
		if d.err == nil && (x.X == nil || x.Y == nil) {
			d.fail(errCorrupt, "missing operand of and/or")
		}
		return x
	case tagNot:
		x := &Not{X: d.expr()}
		x.span = d.span()
		if d.err == nil && x.X == nil {
			d.fail(errCorrupt, "missing operand of not")
		}
		return x
	case tagCompare:
		x := &Compare{Op: CompareOp(d.enum(len(compareOpNames), "comparison operator"))}
		x.X, x.Y = d.operand(), d.operand()
		x.OpPos = d.pos()
		x.span = d.span()
		if d.err == nil && (x.X == nil || x.Y == nil) {
			d.fail(errCorrupt, "missing operand of comparison")
		}
		return x
	case tagTest:
		x := &Test{X: d.operand()}
		if d.err == nil && x.X == nil {
			d.fail(errCorrupt, "missing operand of test")
		}
		return x
	default:
		d.off--
		d.fail(errCorrupt, fmt.Sprintf("tag %d is not a condition", tag))
		return nil
	}
}

func (d *decoder) operand() Operand {
	if !d.enter() {
		return nil
	}
	defer func() { d.depth-- }()
	switch tag := d.byte(); tag {
	case tagNil:
		return nil
	case tagString:
		return &String{Value: d.str(), span: d.span()}
	case tagNumber:
		x := &Number{Text: d.str(), IsInt: d.bool()}
		if d.err == nil {
			// Zig-zag, as binary.AppendVarint writes it.
			if u, ok := d.uvarint(); !ok {
				d.fail(errCorrupt, "bad integer")
			} else {
				x.Int = int64(u >> 1)
				if u&1 != 0 {
					x.Int = ^x.Int
				}
			}
		}
		if d.err == nil {
			if len(d.buf)-d.off < 8 {
				d.fail(errTruncated, "want a float")
			} else {
				var bits uint64
				for i := range 8 {
					bits |= uint64(d.buf[d.off+i]) << (8 * i)
				}
				x.Float = math.Float64frombits(bits)
				d.off += 8
			}
		}
		x.span = d.span()
		return x
	case tagBool:
		return &Bool{Value: d.bool(), span: d.span()}
	case tagNull:
		return &Null{span: d.span()}
	case tagList:
		x := &List{Elems: d.operands()}
		x.span = d.span()
		return x
	case tagRegex:
		return &Regex{Pattern: d.str(), Flags: d.str(), span: d.span()}
	case tagPath:
		return d.path()
	case tagCall:
		x := &Call{X: d.operand(), Name: d.str(), NamePos: d.pos()}
		x.Args = d.operands()
		x.span = d.span()
		if d.err == nil && x.X == nil {
			d.fail(errCorrupt, "missing receiver of call")
		}
		return x
	case tagArrayOp:
		x := &ArrayOp{Op: ArrayOpKind(d.enum(len(arrayOpNames), "array operator"))}
		x.X = d.operand()
		x.OpPos = d.pos()
		x.Body = d.expr()
		if d.bool() {
			x.Key = d.path()
		}
		x.span = d.span()
		if d.err == nil && x.X == nil {
			d.fail(errCorrupt, "missing operand of array operator")
		}
		return x
	default:
		d.off--
		d.fail(errCorrupt, fmt.Sprintf("tag %d is not an operand", tag))
		return nil
	}
}

func (d *decoder) operands() []Operand {
	n := d.count()
	if n == 0 || d.err != nil {
		return nil
	}
	xs := make([]Operand, 0, n-1)
	for range n - 1 {
		x := d.operand()
		if d.err != nil {
			return nil
		}
		if x == nil {
			d.fail(errCorrupt, "missing list element or argument")
			return nil
		}
		xs = append(xs, x)
	}
	return xs
}

func (d *decoder) path() *Path {
	p := &Path{Current: d.bool()}
	if n := d.count(); n > 0 && d.err == nil {
		p.Segments = make([]Segment, 0, n-1)
		for range n - 1 {
			s := Segment{Name: d.str(), Quoted: d.bool(), span: d.span()}
			if d.err != nil {
				return nil
			}
			p.Segments = append(p.Segments, s)
		}
	}
	p.span = d.span()
	return p
}
