package builtin

import (
	"testing"
	"time"
)

// The operands below come from a document, as the VM sees them.
var benchDoc = ParseJSON(`{
	"port": 22, "portText": "22", "big": 9007199254740993, "name": "my-Root-account",
	"encrypted": "TRUE", "scope": "10.0.0.0/7", "scope6": "2600:1f18::/64", "host": "8.8.8.8",
	"launchTime": "2024-02-29T13:45:00.123+02:00", "epoch": 1700000000123,
	"empty": [], "tags": [{"key": "a", "value": "b"}, {"key": "c", "value": "d"}],
	"pattern": "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }",
	"rules": [
		{"number": 100, "action": "DENY", "source": "8.8.8.0/24", "protocol": "TCP", "destinationPort": 22, "destinationPortTo": 22},
		{"number": 200, "action": "ALLOW", "source": "0.0.0.0/0", "protocol": "-1"}
	]
}`)

func field(name string) Value { return FromJSON(benchDoc.JSON().Get(name)) }

var (
	fPort       = field("port")
	fPortText   = field("portText")
	fBig        = field("big")
	fName       = field("name")
	fEncrypted  = field("encrypted")
	fScope      = field("scope")
	fScope6     = field("scope6")
	fLaunchTime = field("launchTime")
	fEpoch      = field("epoch")
	fEmpty      = field("empty")
	fTags       = field("tags")
	fPattern    = field("pattern")
	fRules      = field("rules")
	lit22       = IntValue(22)
	litBig      = ParseJSON("9007199254740992")
	litTrue     = BoolValue(true)
	patternArgs = []Value{StringValue(`{$.userIdentity.type="Root"&&$.userIdentity.invokedBy NOT EXISTS&&$.eventType!="AwsServiceEvent"}`)}
	timeArgs    = []Value{IntValue(-90), StringValue("days")}
	monthArgs   = []Value{IntValue(-12), StringValue("Months")}
	benchEnv    = &Env{Now: time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC)}
	sink        bool
	sinkV       Value
)

func fn(name string) func(env *Env, recv Value, args []Value) (Value, error) {
	f, ok := Default().Lookup(name)
	if !ok {
		panic(name)
	}
	return f.Impl
}

var (
	isEmptyFn       = fn("isEmpty")
	lengthFn        = fn("length")
	isPublicFn      = fn("isPublic")
	numberOfHostsFn = fn("numberOfHosts")
	beforeFn        = fn("before")
	afterFn         = fn("after")
	filterFn        = fn("isFilterPatternEqual")
	allowedFn       = fn("allowedHostsForPort")
)

// scalarCases are the operations that must not allocate.
var scalarCases = []struct {
	name string
	run  func()
}{
	{"Equal/number", func() { sink = Equal(fPort, lit22) }},
	{"Equal/numeric-string", func() { sink = Equal(fPortText, lit22) }},
	{"Equal/big-int", func() { sink = Equal(fBig, litBig) }},
	{"Equal/bool-string", func() { sink = Equal(fEncrypted, litTrue) }},
	{"Equal/string", func() { sink = Equal(fName, fName) }},
	{"Equal/missing", func() { sink = Equal(missing, lit22) }},
	{"Compare/number", func() { c, ok := Compare(fPort, lit22); sink = ok && c < 0 }},
	{"Compare/string", func() { c, ok := Compare(fName, fScope); sink = ok && c < 0 }},
	{"Compare/numeric-string", func() { c, ok := Compare(fPortText, lit22); sink = ok && c >= 0 }},
	{"isEmpty", func() { sinkV, _ = isEmptyFn(nil, fTags, nil) }},
	{"length/array", func() { sinkV, _ = lengthFn(nil, fTags, nil) }},
	{"length/string", func() { sinkV, _ = lengthFn(nil, fName, nil) }},
	{"isPublic/v4", func() { sinkV, _ = isPublicFn(nil, fScope, nil) }},
	{"isPublic/v6", func() { sinkV, _ = isPublicFn(nil, fScope6, nil) }},
	{"isPublic/not-an-address", func() { sinkV, _ = isPublicFn(nil, fName, nil) }},
	{"numberOfHosts", func() { sinkV, _ = numberOfHostsFn(nil, fScope, nil) }},
	{"before/iso", func() { sinkV, _ = beforeFn(benchEnv, fLaunchTime, timeArgs) }},
	{"after/epoch-ms", func() { sinkV, _ = afterFn(benchEnv, fEpoch, timeArgs) }},
	{"after/months", func() { sinkV, _ = afterFn(benchEnv, fLaunchTime, monthArgs) }},
	{"isFilterPatternEqual", func() {
		sinkV, _ = filterFn(nil, fPattern, patternArgs)
	}},
}

func TestNoAllocations(t *testing.T) {
	for _, c := range scalarCases {
		if n := testing.AllocsPerRun(100, c.run); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", c.name, n)
		}
	}
}

func BenchmarkScalar(b *testing.B) {
	for _, c := range scalarCases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.run()
			}
		})
	}
}

func BenchmarkAllowedHostsForPort(b *testing.B) {
	args := []Value{lit22}
	b.ReportAllocs()
	for b.Loop() {
		sinkV, _ = allowedFn(nil, fRules, args)
	}
}

func BenchmarkEqualDeep(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink = Equal(fTags, fTags)
	}
}
