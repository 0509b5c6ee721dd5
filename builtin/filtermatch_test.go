package builtin

import (
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// CloudTrail events as CloudTrail writes them (abridged to the fields the
// CIS patterns read).
const (
	evStopLogging   = `{"eventVersion":"1.09","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","eventType":"AwsApiCall","userIdentity":{"type":"IAMUser","userName":"mallory"},"sourceIPAddress":"198.51.100.7"}`
	evGetTrail      = `{"eventVersion":"1.09","eventSource":"cloudtrail.amazonaws.com","eventName":"GetTrail","eventType":"AwsApiCall","userIdentity":{"type":"IAMUser"},"sourceIPAddress":"198.51.100.7"}`
	evAccessDenied  = `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","errorCode":"AccessDenied","sourceIPAddress":"198.51.100.7"}`
	evUnauthorized  = `{"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation","sourceIPAddress":"198.51.100.7"}`
	evRootLogin     = `{"eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","userIdentity":{"type":"Root"},"responseElements":{"ConsoleLogin":"Success"}}`
	evRootByService = `{"eventName":"ListBuckets","eventType":"AwsApiCall","userIdentity":{"type":"Root","invokedBy":"support.amazonaws.com"}}`
	evFailedLogin   = `{"eventName":"ConsoleLogin","errorMessage":"Failed authentication","additionalEventData":{"MFAUsed":"No"},"responseElements":{"ConsoleLogin":"Failure"}}`
	evNoMFALogin    = `{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser"},"additionalEventData":{"MFAUsed":"No"},"responseElements":{"ConsoleLogin":"Success"}}`
	evMFALogin      = `{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser"},"additionalEventData":{"MFAUsed":"Yes"},"responseElements":{"ConsoleLogin":"Success"}}`
	evNumbers       = `{"eventName":"X","latency":250,"ok":true,"gone":null,"tags":[{"k":"a"},{"k":"b"}]}`
)

func events(evs ...string) string { return "[" + strings.Join(evs, ",") + "]" }

func TestFilterPatternSelects(t *testing.T) {
	tests := []struct {
		pattern      string
		match, other []string
		want         bool
	}{
		// The same filter in quoted, unquoted, spaced and packed spellings.
		{`{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
			[]string{evStopLogging}, []string{evGetTrail}, true},
		{`{($.eventName="StopLogging")||($.eventName="StartLogging")}`, []string{evStopLogging}, []string{evGetTrail}, true},
		{"{\n  $.eventName = \"StopLogging\"\n}", []string{evStopLogging}, []string{evGetTrail}, true},
		{`{ $.eventName = "Stop*" }`, []string{evStopLogging}, []string{evGetTrail}, true},
		{`{ $.eventName = %^(Stop|Start)Logging$% }`, []string{evStopLogging}, []string{evGetTrail}, true},
		{`{ $.eventName = "stoplogging" }`, []string{evStopLogging}, nil, false}, // case-sensitive
		{`{ $.eventName = StartLogging }`, []string{evStopLogging}, nil, false},
		// CIS 4.1 in its v5.0.0 and earlier spellings.
		{`{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }`,
			[]string{evAccessDenied, evUnauthorized}, []string{evStopLogging}, true},
		{`{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode = AccessDenied*) }`,
			[]string{evAccessDenied, evUnauthorized}, []string{evStopLogging}, true},
		{`{ ($.errorCode = "*UnauthorizedOperation") }`, []string{evAccessDenied, evUnauthorized}, nil, false},
		// CIS 4.3: root use not by a service; NOT EXISTS.
		{`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
			[]string{evRootLogin}, []string{evRootByService, evStopLogging}, true},
		{`{ $.userIdentity.type = Root }`, []string{evRootLogin}, []string{evRootByService}, false},
		// CIS 4.6 with an unquoted two-word value.
		{`{ ($.eventName = ConsoleLogin) && ($.errorMessage = Failed authentication) }`, []string{evFailedLogin}, []string{evNoMFALogin}, true},
		// CIS 4.2: != on a present field; a missing field is no match, for != too.
		{`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`, []string{evNoMFALogin, evFailedLogin}, []string{evMFALogin, evRootLogin}, true},
		// Numbers, booleans, null, arrays.
		{`{ $.latency > 200 }`, []string{evNumbers}, nil, true},
		{`{ $.latency >= 250 && $.latency <= 250 && $.latency = 250 }`, []string{evNumbers}, nil, true},
		{`{ $.latency < 200 }`, nil, []string{evNumbers}, true},
		{`{ $.latency != 250 }`, nil, []string{evNumbers}, true},
		{`{ $.ok IS TRUE }`, []string{evNumbers}, nil, true},
		{`{ $.ok IS FALSE }`, nil, []string{evNumbers}, true},
		{`{ $.gone IS NULL }`, []string{evNumbers}, nil, true},
		{`{ $.tags[1].k = "b" }`, []string{evNumbers}, nil, true},
		{`{ $.tags[*].k = "a" }`, []string{evNumbers}, nil, true},
		{`{ $.tags[0].k = "b" }`, nil, []string{evNumbers}, true},
		// Precedence: && binds tighter than ||.
		{`{ $.eventName = "StopLogging" || $.eventName = "X" && $.eventSource = "none" }`, []string{evStopLogging}, nil, true},
		{`{ ($.eventName = "StopLogging" || $.eventName = "X") && $.eventSource = "none" }`, nil, []string{evStopLogging}, true},
		// Term patterns and the empty pattern.
		{`StopLogging`, []string{evStopLogging}, []string{evGetTrail}, true},
		{`"cloudtrail.amazonaws.com" -GetTrail`, []string{evStopLogging}, []string{evGetTrail}, true},
		{`?StopLogging ?GetTrail`, []string{evStopLogging, evGetTrail}, []string{evAccessDenied}, true},
		{``, []string{evStopLogging, evNumbers}, nil, true},
		// Space-delimited patterns select no JSON event.
		{`[ip, user, ...]`, []string{evStopLogging}, nil, false},
		{`[ip, user, ...]`, nil, []string{evStopLogging}, true},
	}
	for _, tt := range tests {
		got, err := callErr("filterPatternSelects", StringValue(tt.pattern),
			StringValue(events(tt.match...)), StringValue(events(tt.other...)))
		if err != nil {
			t.Errorf("%q: %v", tt.pattern, err)
			continue
		}
		if got.Bool() != tt.want {
			t.Errorf("%q filterPatternSelects(%v, %v) = %v, want %v", tt.pattern, tt.match, tt.other, got, tt.want)
		}
	}
	if got, err := callErr("filterPatternSelects", missing, StringValue("[]"), StringValue("[]")); err != nil || got.Bool() {
		t.Errorf("missing operand: %v, %v", got, err)
	}
}

func TestFilterPatternSelectsErrors(t *testing.T) {
	for _, p := range []string{
		`{ $.eventName = "x" `, `{ $.eventName }`, `{ eventName = x }`, `{ ($.a = 1 }`, `{ $.a = "x }`,
		`{ $.a = %(% }`, `{ $.a = }`, `{ $. = 1 }`, `{ $.a = 1 } trailing`, `{ $.a < %x% }`,
	} {
		_, err := callErr("filterPatternSelects", StringValue(p), StringValue(`[{"a":1}]`), StringValue(`[]`))
		if err == nil || !strings.Contains(err.Error(), "filter pattern") {
			t.Errorf("%q: error %v, want a filter pattern error", p, err)
		}
	}
	f, _ := Default().Lookup("filterPatternSelects")
	for _, args := range [][]Value{
		{StringValue(`not json`), StringValue(`[]`)},
		{StringValue(`[1]`), StringValue(`[]`)},
		{StringValue(`[]`), StringValue(`"x"`)},
		{MissingValue(), StringValue(`[]`)},
	} {
		if err := f.CheckCall(args); err == nil {
			t.Errorf("CheckCall(%v) passed", args)
		}
	}
	if err := f.CheckCall([]Value{StringValue(`{"eventName":"x"}`), StringValue(`[]`)}); err != nil {
		t.Errorf("one event object: %v", err)
	}
}

func callErr(name string, recv Value, args ...Value) (Value, error) {
	f, _ := Default().Lookup(name)
	return f.Impl(&Env{}, recv, args)
}

// FuzzFilterPattern checks that any pattern either parses or gives a
// positioned error, never a panic or a hang, and that evaluating a parsed
// pattern against an event never panics.
func FuzzFilterPattern(f *testing.F) {
	for _, s := range []string{
		`{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") }`,
		`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }`,
		`{ $.a[0].b[*] >= 3.5 || $.c IS TRUE }`, `{ $.e = %^x.*y$% }`, `?ERROR -DEBUG "a phrase"`, `[ip, user]`, ``,
		`{ (((`, `{ $.a = "`, `{ $.a = %(%}`,
	} {
		f.Add(s)
	}
	ev := []gjson.Result{gjson.Parse(evStopLogging), gjson.Parse(evNumbers)}
	f.Fuzz(func(t *testing.T, pattern string) {
		fp, err := parseFilterPattern(pattern)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "filter pattern") {
				t.Fatalf("%q: error %q does not name the filter pattern", pattern, err)
			}
			return
		}
		for _, e := range ev {
			fp.match(e)
		}
	})
}

func BenchmarkFilterPatternSelects(b *testing.B) {
	f, _ := Default().Lookup("filterPatternSelects")
	recv := StringValue(`{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }`)
	args := []Value{StringValue(`[{"eventSource": "kms.amazonaws.com", "eventName": "DisableKey"}, {"eventSource": "kms.amazonaws.com", "eventName": "ScheduleKeyDeletion"}]`),
		StringValue(`[{"eventSource": "kms.amazonaws.com", "eventName": "EnableKey"}]`)}
	for b.Loop() {
		if v, err := f.Impl(nil, recv, args); err != nil || !v.Bool() {
			b.Fatal(v, err)
		}
	}
}
