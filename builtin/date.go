package builtin

import (
	"math"
	"strings"
)

// dateStatus tells how reading a date went.
type dateStatus uint8

const (
	dateOK   dateStatus = iota
	dateNone            // missing, null or the empty string: no date
	dateBad             // a value that is not a date
)

// epochMillisAbove is the magnitude above which an epoch number is read as
// milliseconds rather than seconds (10^11 seconds is the year 5138).
const epochMillisAbove = 1e11

// dateOf reads v as an instant (Unix seconds and nanoseconds). It accepts
// RFC 3339 / ISO 8601 strings and epoch numbers (see Value.AsTime). It never
// allocates.
func dateOf(v Value) (sec int64, nsec int32, st dateStatus) {
	switch v.Kind() {
	case Missing, Null:
		return 0, 0, dateNone
	case Number:
		n, _ := numberOf(v)
		return epoch(n)
	case String:
		s := strings.TrimSpace(v.r.Str)
		if s == "" {
			return 0, 0, dateNone
		}
		if n, ok := parseNumber(s); ok {
			return epoch(n)
		}
		return parseISODate(s)
	}
	return 0, 0, dateBad
}

// epoch converts epoch seconds, or milliseconds above 10^11 in magnitude.
func epoch(n number) (int64, int32, dateStatus) {
	if n.isInt {
		i := n.i
		if i > epochMillisAbove || i < -epochMillisAbove {
			sec, ms := i/1000, i%1000
			if ms < 0 {
				sec, ms = sec-1, ms+1000
			}
			return sec, int32(ms * 1e6), dateOK
		}
		return i, 0, dateOK
	}
	f := n.f
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, 0, dateBad
	}
	if math.Abs(f) > epochMillisAbove {
		f /= 1000
	}
	if math.Abs(f) >= 1<<62 {
		return 0, 0, dateBad
	}
	sec := math.Floor(f)
	ns := math.Round((f - sec) * 1e9)
	if ns >= 1e9 {
		sec, ns = sec+1, 0
	}
	return int64(sec), int32(ns), dateOK
}

// parseISODate reads
//
//	YYYY-MM-DD
//	YYYY-MM-DD(T|t| )h[h]:mm[:ss[(.|,)fraction]][Z|z|±hh[[:]mm]]
//
// A time without a zone is UTC; so is a date alone (midnight UTC).
func parseISODate(s string) (int64, int32, dateStatus) {
	d := digitReader{s: s}
	year := d.num(4)
	if !d.lit('-') {
		return 0, 0, dateBad
	}
	month := d.num(2)
	if !d.lit('-') {
		return 0, 0, dateBad
	}
	day := d.num(2)
	if d.bad || month < 1 || month > 12 || day < 1 || day > daysIn(int64(year), month) {
		return 0, 0, dateBad
	}
	days := daysFromCivil(int64(year), month, day)
	if d.done() {
		return days * 86400, 0, dateOK
	}
	if c := d.peek(); c != 'T' && c != 't' && c != ' ' {
		return 0, 0, dateBad
	}
	d.i++
	hour := d.num(1) // one or two digits, as time.Parse allows
	if c := d.peek(); c >= '0' && c <= '9' {
		hour = hour*10 + d.num(1)
	}
	if !d.lit(':') {
		return 0, 0, dateBad
	}
	minute := d.num(2)
	second, nsec := 0, 0
	if d.lit(':') {
		second = d.num(2)
		if c := d.peek(); c == '.' || c == ',' {
			d.i++
			nsec = d.fraction()
		}
	}
	if d.bad || hour > 23 || minute > 59 || second > 60 {
		return 0, 0, dateBad
	}
	offset := 0
	switch c := d.peek(); c {
	case 0:
	case 'Z', 'z':
		d.i++
	case '+', '-':
		d.i++
		oh := d.num(2)
		om := 0
		if d.lit(':') || (!d.done() && d.peek() >= '0' && d.peek() <= '9') {
			om = d.num(2)
		}
		if d.bad || oh > 23 || om > 59 {
			return 0, 0, dateBad
		}
		offset = oh*3600 + om*60
		if c == '-' {
			offset = -offset
		}
	default:
		return 0, 0, dateBad
	}
	if !d.done() {
		return 0, 0, dateBad
	}
	sec := days*86400 + int64(hour*3600+minute*60+second) - int64(offset)
	return sec, int32(nsec), dateOK
}

// digitReader reads fixed-width fields from s; any failure sets bad.
type digitReader struct {
	s   string
	i   int
	bad bool
}

func (d *digitReader) done() bool { return d.i >= len(d.s) }

func (d *digitReader) peek() byte {
	if d.i < len(d.s) {
		return d.s[d.i]
	}
	return 0
}

func (d *digitReader) lit(c byte) bool {
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// num reads exactly width digits.
func (d *digitReader) num(width int) int {
	if d.i+width > len(d.s) {
		d.bad = true
		return 0
	}
	n := 0
	for _, c := range []byte(d.s[d.i : d.i+width]) {
		if c < '0' || c > '9' {
			d.bad = true
			return 0
		}
		n = n*10 + int(c-'0')
	}
	d.i += width
	return n
}

// fraction reads one or more digits as a fraction of a second, in
// nanoseconds (digits past the ninth are ignored).
func (d *digitReader) fraction() int {
	ns, scale, n := 0, 100000000, 0
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		ns += int(d.s[d.i]-'0') * scale
		scale /= 10
		d.i++
		n++
	}
	if n == 0 {
		d.bad = true
	}
	return ns
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days of month m (1-12) of year y.
func daysIn(y int64, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date.
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400 // [0, 399]
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
