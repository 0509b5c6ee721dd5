package builtin

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// timeUnit is a unit of before() and after().
type timeUnit uint8

const (
	badUnit timeUnit = iota
	unitSecond
	unitMinute
	unitHour
	unitDay
	unitWeek
	unitMonth
	unitYear
)

var unitNames = [...]string{"", "second", "minute", "hour", "day", "week", "month", "year"}

// unitSeconds is the fixed length of the units below a month.
var unitSeconds = [...]int64{0, 1, 60, 3600, 86400, 7 * 86400}

// parseUnit reads a unit name, singular or plural, in any case.
func parseUnit(s string) timeUnit {
	if n := len(s); n > 1 && (s[n-1] == 's' || s[n-1] == 'S') {
		s = s[:n-1]
	}
	for u := unitSecond; u <= unitYear; u++ {
		if strings.EqualFold(s, unitNames[u]) {
			return u
		}
	}
	return badUnit
}

// checkTimeArgs is the compile-time Check of before() and after().
func checkTimeArgs(consts []Value) error {
	n, unit := consts[0], consts[1]
	switch {
	case n.Kind() == Missing:
		return &ArgError{Index: 0, Msg: "must be an integer literal"}
	case n.Kind() != Number || n.Num() != math.Trunc(n.Num()):
		return &ArgError{Index: 0, Msg: "must be an integer, not " + n.String()}
	case unit.Kind() == Missing:
		return &ArgError{Index: 1, Msg: "must be a unit literal: 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months' or 'years'"}
	case parseUnit(unit.Str()) == badUnit:
		return &ArgError{Index: 1, Msg: fmt.Sprintf("unknown time unit %s (want 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months' or 'years', singular or plural)", unit)}
	}
	return nil
}

// instant is a point in time as Unix seconds and nanoseconds, or one of
// the two infinities when a threshold lies beyond what time.Time holds.
type instant struct {
	sec  int64
	nsec int32
	inf  int8 // -1: before every date, +1: after every date
}

func (a instant) cmp(b instant) int {
	switch {
	case a.inf != b.inf:
		return cmpInt(int64(a.inf), int64(b.inf))
	case a.inf != 0:
		return 0
	case a.sec != b.sec:
		return cmpInt(a.sec, b.sec)
	}
	return cmpInt(int64(a.nsec), int64(b.nsec))
}

// shiftLimit bounds the month count of a calendar shift (a hundred million
// years); beyond it the threshold is an infinity.
const shiftLimit = 12 * 100_000_000

// shift returns now + n·u. Seconds to weeks are fixed lengths (a day is 24
// hours); months and years are calendar steps in now's location, and a day
// of month that the target month lacks is clamped to that month's last day
// (Jan 31 + 1 month is Feb 28 or 29; Feb 29 + 1 year is Feb 28).
func shift(now time.Time, n int64, u timeUnit) instant {
	inf := instant{inf: 1}
	if n < 0 {
		inf.inf = -1
	}
	if u < unitMonth {
		m := unitSeconds[u]
		if n > math.MaxInt64/m || n < math.MinInt64/m {
			return inf
		}
		d := n * m
		s := now.Unix()
		if (d > 0 && s > math.MaxInt64-d) || (d < 0 && s < math.MinInt64-d) {
			return inf
		}
		return instant{sec: s + d, nsec: int32(now.Nanosecond())}
	}
	if u == unitYear {
		if n > shiftLimit/12 || n < -shiftLimit/12 {
			return inf
		}
		n *= 12
	}
	if n > shiftLimit || n < -shiftLimit {
		return inf
	}
	y, mo, d := now.Date()
	months := int64(y)*12 + int64(mo-1) + n
	ty, tm := months/12, int(months%12)
	if tm < 0 {
		ty, tm = ty-1, tm+12
	}
	d = min(d, daysIn(ty, tm+1))
	hh, mm, ss := now.Clock()
	t := time.Date(int(ty), time.Month(tm+1), d, hh, mm, ss, now.Nanosecond(), now.Location())
	return instant{sec: t.Unix(), nsec: int32(t.Nanosecond())}
}

// timeCompare implements before() (want < 0) and after() (want > 0).
func timeCompare(name string, want int, env *Env, recv Value, args []Value) (Value, error) {
	sec, nsec, st := dateOf(recv)
	switch st {
	case dateNone:
		return BoolValue(false), nil
	case dateBad:
		return Value{}, fmt.Errorf("%s(): %s is not a date", name, recv)
	}
	n, ok := numberOf(args[0])
	if !ok {
		return Value{}, fmt.Errorf("%s(): the count %s is not a number", name, args[0])
	}
	count := n.i
	if !n.isInt {
		count = int64(max(-1e18, min(1e18, math.Trunc(n.f))))
	}
	u := parseUnit(args[1].Str())
	if u == badUnit {
		return Value{}, fmt.Errorf("%s(): unknown time unit %s", name, args[1])
	}
	c := instant{sec: sec, nsec: nsec}.cmp(shift(env.Clock(), count, u))
	return BoolValue(c == want), nil
}

func beforeImpl(env *Env, recv Value, args []Value) (Value, error) {
	return timeCompare("before", -1, env, recv, args)
}

func afterImpl(env *Env, recv Value, args []Value) (Value, error) {
	return timeCompare("after", 1, env, recv, args)
}
