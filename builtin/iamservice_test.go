package builtin

import (
	"bytes"
	"testing"
)

func TestCoversWholeService(t *testing.T) {
	tests := []struct {
		recv string
		want bool
	}{
		// Patterns: IAM.21's "service:*" in every spelling IAM accepts.
		{`"s3:*"`, true},
		{`"IAM:*"`, true},
		{`"iam:**"`, true},
		{`"*"`, true},
		{`"*:*"`, true},
		{`"ec2*"`, true}, // every action whose name starts ec2, so all of ec2
		{`"ec?:*"`, true},
		{`"?3:*"`, true},
		{`"s3*:*"`, true},
		{`"s3:Get*"`, false},
		{`"s3:*Object"`, false},
		{`"s3:*Object*"`, false},
		{`"*:Get*"`, false},
		{`"*Object"`, false},
		{`"s3:GetObject"`, false},
		{`"ec2:Describe*"`, false},
		{`""`, false},
		{`":*"`, false},    // no service is named ""
		{`"*:*:*"`, false}, // only actions with a second colon
		// Arrays: any element.
		{`["s3:GetObject", "ec2:*"]`, true},
		{`["s3:GetObject", "ec2:Describe*"]`, false},
		{`[]`, false},
		// Statements: Action, or NotAction leaving some service whole.
		{`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, true},
		{`{"effect":"allow","action":["cloudwatch:GetMetricData","SQS:*"]}`, true},
		{`{"Effect":"Allow","Action":"s3:Get*"}`, false},
		{`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, true},
		{`{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"]}`, true},
		{`{"Effect":"Allow","NotAction":"*"}`, false},
		{`{"Effect":"Allow","NotAction":"*:*"}`, false},
		{`{"Effect":"Allow","NotAction":"*:Delete*"}`, false},
		{`{"Effect":"Allow","NotAction":["s3:*","?*"]}`, false},
		{`{"Effect":"Allow","NotAction":null}`, false},
		{`{"Effect":"Allow"}`, false},
		// Other operands.
		{`null`, false},
		{`3`, false},
	}
	for _, tt := range tests {
		if got := call(t, "coversWholeService", j(tt.recv)); got.Bool() != tt.want {
			t.Errorf("%s coversWholeService() = %v, want %v", tt.recv, got, tt.want)
		}
	}
	if got := call(t, "coversWholeService", MissingValue()); got.Bool() {
		t.Errorf("missing coversWholeService() = true")
	}
}

// TestCoversWholeServiceAgreesWithCoversAction: for patterns with a literal
// service, covering the whole service is coversAction(service:*).
func TestCoversWholeServiceAgreesWithCoversAction(t *testing.T) {
	for _, p := range []string{"s3:*", "s3:Get*", "S3:*", "s3:**", "s3:?*", "s3:*Object", "s3:GetObject"} {
		whole := coversWholeService(StringValue(p))
		if want := coversAction(StringValue(p), "s3:*"); whole != want {
			t.Errorf("%q: coversWholeService = %v, coversAction('s3:*') = %v", p, whole, want)
		}
	}
}

// FuzzCoversWholeService checks patternCoversService against a search:
// some service name over the pattern's letters (and one letter it lacks),
// no longer than the pattern plus one, whose every action it matches.
func FuzzCoversWholeService(f *testing.F) {
	for _, p := range []string{"s3:*", "*", "*:*", "ab*", "a?:*", "a:b*", ":*", "*:", "?*", "a*b:*", "**:a*"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if len(p) > 6 {
			return
		}
		letters := []byte{'~'}
		for i := 0; i < len(p); i++ {
			if c := p[i]; c != '*' && c != '?' && c != ':' && !bytes.ContainsRune(letters, rune(c)) {
				letters = append(letters, c)
			}
		}
		if len(letters) > 3 {
			return
		}
		want := false
		var try func(name []byte)
		try = func(name []byte) {
			if want {
				return
			}
			if len(name) > 0 && actionMatch(p, string(name)+":*") {
				want = true
				return
			}
			if len(name) <= len(p) {
				for _, c := range letters {
					try(append(name, c))
				}
			}
		}
		try(nil)
		if got := patternCoversService(p); got != want {
			t.Errorf("patternCoversService(%q) = %v, a search finds %v", p, got, want)
		}
	})
}
