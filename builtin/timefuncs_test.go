package builtin

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		v    Value
		want string // RFC 3339 in UTC, "" for no date, "bad" for an error
	}{
		{j(`"2024-02-29"`), "2024-02-29T00:00:00Z"},
		{j(`"2024-02-29T13:45:00Z"`), "2024-02-29T13:45:00Z"},
		{j(`"2024-02-29t13:45:00z"`), "2024-02-29T13:45:00Z"},
		{j(`"2024-02-29 13:45:00"`), "2024-02-29T13:45:00Z"},
		{j(`"2024-02-29T13:45"`), "2024-02-29T13:45:00Z"},
		{j(`"2024-02-29T13:45:00.123456789Z"`), "2024-02-29T13:45:00.123456789Z"},
		{j(`"2024-02-29T13:45:00.1234567891Z"`), "2024-02-29T13:45:00.123456789Z"},
		{j(`"2024-02-29T13:45:00,5Z"`), "2024-02-29T13:45:00.5Z"},
		{j(`"2024-02-29T13:45:00+02:00"`), "2024-02-29T11:45:00Z"},
		{j(`"2024-02-29T13:45:00+0200"`), "2024-02-29T11:45:00Z"},
		{j(`"2024-02-29T13:45:00+02"`), "2024-02-29T11:45:00Z"},
		{j(`"2024-03-01T01:00:00+05:30"`), "2024-02-29T19:30:00Z"},
		{j(`"2024-02-29T23:00:00-05:00"`), "2024-03-01T04:00:00Z"},
		{j(`"2024-02-29T13:45:00.000+00:00"`), "2024-02-29T13:45:00Z"},
		{j(`"2016-12-31T23:59:60Z"`), "2017-01-01T00:00:00Z"},
		{j(`"1970-01-01T00:00:00Z"`), "1970-01-01T00:00:00Z"},
		{j(`"0001-01-01T00:00:00Z"`), "0001-01-01T00:00:00Z"},
		{j(`"1900-03-01"`), "1900-03-01T00:00:00Z"},
		{j(`" 2024-01-02 "`), "2024-01-02T00:00:00Z"},
		{j(`1700000000`), "2023-11-14T22:13:20Z"},
		{j(`"1700000000"`), "2023-11-14T22:13:20Z"},
		{j(`1700000000123`), "2023-11-14T22:13:20.123Z"},
		{j(`"1700000000123"`), "2023-11-14T22:13:20.123Z"},
		{j(`1700000000.5`), "2023-11-14T22:13:20.5Z"},
		{j(`-62135596800`), "0001-01-01T00:00:00Z"}, // Dome9's "never"
		{j(`-62135596800000`), "0001-01-01T00:00:00Z"},
		{j(`-1`), "1969-12-31T23:59:59Z"},
		{j(`-1500`), "1969-12-31T23:35:00Z"},
		{j(`0`), "1970-01-01T00:00:00Z"},
		{j(`100000000000`), "5138-11-16T09:46:40Z"}, // 10^11 is still seconds
		{j(`100000000001`), "1973-03-03T09:46:40.001Z"},
		{missing, ""},
		{j(`null`), ""},
		{j(`""`), ""},
		{j(`"  "`), ""},
		{j(`"N/A"`), "bad"},
		{j(`"no_information"`), "bad"},
		{j(`"2023-02-29"`), "bad"},
		{j(`"1900-02-29"`), "bad"},
		{j(`"2024-13-01"`), "bad"},
		{j(`"2024-00-01"`), "bad"},
		{j(`"2024-01-32"`), "bad"},
		{j(`"2024-1-2"`), "bad"},
		{j(`"2024-01-02T24:00:00Z"`), "bad"},
		{j(`"2024-01-02T10:60:00Z"`), "bad"},
		{j(`"2024-01-02T10:00:61Z"`), "bad"},
		{j(`"2024-01-02T10:00:00."`), "bad"},
		{j(`"2024-01-02T10:00:00+24:00"`), "bad"},
		{j(`"2024-01-02T10:00:00+02:60"`), "bad"},
		{j(`"2024-01-02T10:00:00Zjunk"`), "bad"},
		{j(`"2024-01-02T10"`), "bad"},
		{j(`"2024-01-02X10:00"`), "bad"},
		{j(`"Tue, 02 Jan 2024 10:00:00 GMT"`), "bad"},
		{j(`"1e999"`), "bad"},
		{j(`true`), "bad"},
		{j(`[]`), "bad"},
		{j(`{}`), "bad"},
	}
	for _, tt := range tests {
		sec, nsec, st := dateOf(tt.v)
		var got string
		switch st {
		case dateNone:
			got = ""
		case dateBad:
			got = "bad"
		default:
			got = time.Unix(sec, int64(nsec)).UTC().Format(time.RFC3339Nano)
		}
		if got != tt.want {
			t.Errorf("date %v = %q, want %q", tt.v, got, tt.want)
		}
		if tm, ok := tt.v.AsTime(); ok != (st == dateOK) || ok && tm.Format(time.RFC3339Nano) != got {
			t.Errorf("AsTime(%v) = %v, %v", tt.v, tm, ok)
		}
	}
}

// FuzzParseISODate checks the hand-written parser against time.Parse: a
// string both read gives the same instant, and the canonical RFC 3339 form
// of anything time.Parse reads is read here too. (time.Parse is laxer in a
// few places, such as a 60-minute offset, which this parser rejects.)
func FuzzParseISODate(f *testing.F) {
	for _, s := range []string{"2024-02-29T13:45:00Z", "2024-02-29T13:45:00.5+05:30", "0000-01-01T00:00:00-23:59", "2023-02-29T00:00:00Z",
		"0000-01-01T0:00:00Z", "0000-01-01T0:00:00+00:60", "0000-01-01T00:00:00+24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return
		}
		if sec, nsec, st := parseISODate(s); st == dateOK && (sec != want.Unix() || int(nsec) != want.Nanosecond()) {
			t.Fatalf("parseISODate(%q) = %v; time.Parse gives %v", s, time.Unix(sec, int64(nsec)).UTC(), want.UTC())
		}
		if _, off := want.Zone(); off > 23*3600+59*60 || off < -(23*3600+59*60) {
			return // an offset of a day or more, which this parser rejects
		}
		canon := want.Format(time.RFC3339Nano)
		sec, nsec, st := parseISODate(canon)
		if st != dateOK || sec != want.Unix() || int(nsec) != want.Nanosecond() {
			t.Fatalf("parseISODate(%q) = %v, %v; want %v", canon, time.Unix(sec, int64(nsec)).UTC(), st, want.UTC())
		}
	})
}

func TestParseUnit(t *testing.T) {
	for s, want := range map[string]timeUnit{
		"seconds": unitSecond, "second": unitSecond, "SECONDS": unitSecond, "Minutes": unitMinute,
		"minute": unitMinute, "hours": unitHour, "day": unitDay, "days": unitDay, "Days": unitDay,
		"weeks": unitWeek, "week": unitWeek, "months": unitMonth, "month": unitMonth, "years": unitYear,
		"year": unitYear, "": badUnit, "s": badUnit, "d": badUnit, "dayss": badUnit, "fortnights": badUnit,
		" days": badUnit, "millis": badUnit,
	} {
		if got := parseUnit(s); got != want {
			t.Errorf("parseUnit(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestBeforeAfter(t *testing.T) {
	utc := time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		now          time.Time
		date         Value
		n            int64
		unit         string
		before, afte bool
	}{
		// The shape of real rules.
		{utc, j(`"2024-03-01T00:00:00Z"`), -90, "days", false, true},
		{utc, j(`"2023-12-01T00:00:00Z"`), -90, "days", true, false},
		{utc, j(`"2024-04-01T00:00:00Z"`), 30, "days", true, false},
		{utc, j(`"2024-05-01T00:00:00Z"`), 30, "days", false, true},
		{utc, j(`"2024-03-15T11:00:00Z"`), -1, "days", false, true},
		// Exactly at the threshold: neither before nor after.
		{utc, j(`"2024-03-14T12:00:00Z"`), -1, "day", false, false},
		{utc, j(`"2024-03-14T12:00:00.000000001Z"`), -1, "day", false, true},
		{utc, j(`"2024-03-15T12:00:00Z"`), 0, "seconds", false, false},
		{utc, j(`"2024-03-15T11:59:00Z"`), -1, "MINUTES", false, false},
		{utc, j(`"2024-03-15T11:00:00Z"`), -1, "hours", false, false},
		{utc, j(`"2024-03-01T12:00:00Z"`), -2, "weeks", false, false},
		// Time zones: the instant counts, not the wall clock.
		{utc, j(`"2024-03-15T13:30:00+02:00"`), 0, "seconds", true, false},
		{utc, j(`"2024-03-15T08:30:00-04:00"`), 0, "seconds", false, true},
		// Calendar months and years, clamped to the month's end.
		{time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), j(`"2024-02-29"`), 1, "month", false, false},
		{time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC), j(`"2023-02-28"`), 1, "month", false, false},
		{time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), j(`"2024-02-29"`), -1, "months", false, false},
		{time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), j(`"2024-02-28"`), -1, "months", true, false},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), j(`"2025-02-28"`), 1, "year", false, false},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), j(`"2028-02-29"`), 4, "years", false, false},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), j(`"2023-02-28"`), -1, "years", false, false},
		{time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), j(`"2025-12-31"`), 12, "months", false, false},
		{time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), j(`"2023-12-31"`), -12, "months", false, false},
		{time.Date(2024, 5, 31, 0, 0, 0, 0, time.UTC), j(`"2023-11-30"`), -6, "months", false, false},
		{utc, j(`"2023-03-15T12:00:00Z"`), -12, "months", false, false},
		{utc, j(`"2023-03-15T11:59:59Z"`), -12, "months", true, false},
		// Months in the clock's own zone: Jan 31 in New York + 1 month is Feb 29 there.
		{time.Date(2024, 1, 31, 22, 0, 0, 0, newYork(t)), j(`"2024-03-01T03:00:00Z"`), 1, "months", false, false},
		// Epochs.
		{utc, j(`1710460800`), -1, "days", false, true}, // 2024-03-15T00:00:00Z
		{utc, j(`1710460800000`), -1, "days", false, true},
		{utc, j(`"1710460800000"`), 1, "days", true, false},
		{utc, j(`-62135596800`), -1000, "years", true, false},
		{utc, j(`-62135596800`), -2100, "years", false, true},
		{utc, j(`-62135596800`), -90, "days", true, false},
		// Far thresholds do not overflow.
		{utc, j(`"9999-12-31"`), 9223372036854775807, "weeks", true, false},
		{utc, j(`"0001-01-01"`), -9223372036854775808, "seconds", false, true},
		{utc, j(`"0001-01-01"`), -9223372036854775807, "years", false, true},
		{utc, j(`"9999-01-01"`), 9000000000, "months", true, false},
		{utc, j(`"9999-01-01"`), 100000, "years", true, false},
		// No date: false, not an error.
		{utc, missing, 1, "days", false, false},
		{utc, j(`null`), 1, "days", false, false},
		{utc, j(`""`), 1, "days", false, false},
	}
	before, _ := Default().Lookup("before")
	after, _ := Default().Lookup("after")
	for _, tt := range tests {
		env := &Env{Now: tt.now}
		args := []Value{IntValue(tt.n), StringValue(tt.unit)}
		if err := before.CheckCall(args); err != nil {
			t.Errorf("CheckCall(%v): %v", args, err)
		}
		got, err := before.Impl(env, tt.date, args)
		if err != nil || got.Bool() != tt.before {
			t.Errorf("now %v: %v before(%d, %q) = %v, %v; want %v", tt.now, tt.date, tt.n, tt.unit, got, err, tt.before)
		}
		got, err = after.Impl(env, tt.date, args)
		if err != nil || got.Bool() != tt.afte {
			t.Errorf("now %v: %v after(%d, %q) = %v, %v; want %v", tt.now, tt.date, tt.n, tt.unit, got, err, tt.afte)
		}
	}
}

func newYork(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	return loc
}

func TestBeforeAfterErrors(t *testing.T) {
	before, _ := Default().Lookup("before")
	env := &Env{Now: time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC)}
	args := []Value{IntValue(-90), StringValue("days")}
	for _, v := range []Value{j(`"N/A"`), j(`"yesterday"`), j(`"2024-02-30"`), j(`true`), j(`[1]`), j(`{"a":1}`)} {
		_, err := before.Impl(env, v, args)
		if err == nil || !strings.Contains(err.Error(), "not a date") {
			t.Errorf("%v before(): error %v, want 'not a date'", v, err)
		}
	}
	// Clock defaults to time.Now when unset.
	got, err := before.Impl(nil, j(`"2000-01-01"`), args)
	if err != nil || !got.Bool() {
		t.Errorf("nil Env: %v, %v", got, err)
	}
	got, err = before.Impl(&Env{}, j(`"2000-01-01"`), args)
	if err != nil || !got.Bool() {
		t.Errorf("zero Now: %v, %v", got, err)
	}
}

func TestBeforeAfterCheck(t *testing.T) {
	before, _ := Default().Lookup("before")
	for _, tt := range []struct {
		args []Value
		msg  string // "" when valid
	}{
		{[]Value{IntValue(-90), StringValue("days")}, ""},
		{[]Value{IntValue(1), StringValue("Year")}, ""},
		{[]Value{NumberValue(-2), StringValue("WEEKS")}, ""},
		{[]Value{IntValue(1), StringValue("fortnights")}, "unknown time unit"},
		{[]Value{IntValue(1), StringValue("")}, "unknown time unit"},
		{[]Value{NumberValue(1.5), StringValue("days")}, "integer"},
		{[]Value{missing, StringValue("days")}, "literal"},
		{[]Value{IntValue(1), missing}, "literal"},
		{[]Value{StringValue("1"), StringValue("days")}, "must be a number"},
		{[]Value{IntValue(1), IntValue(2)}, "must be a string"},
		{[]Value{IntValue(1)}, "takes 2 arguments, got 1"},
		{nil, "takes 2 arguments, got 0"},
	} {
		err := before.CheckCall(tt.args)
		switch {
		case tt.msg == "" && err != nil:
			t.Errorf("CheckCall(%v) = %v", tt.args, err)
		case tt.msg != "" && (err == nil || !strings.Contains(err.Error(), tt.msg)):
			t.Errorf("CheckCall(%v) = %v, want %q", tt.args, err, tt.msg)
		}
	}
	err := before.CheckCall([]Value{IntValue(1), StringValue("dais")})
	if ae, ok := err.(*ArgError); !ok || ae.Index != 1 {
		t.Errorf("bad unit error %#v does not point at argument 2", err)
	}
}
