package operator

import (
	"regexp"
	"strings"

	"github.com/gsl-lang/gsl/builtin"
)

// CompileRegexp compiles the regular expression of `regexMatch /re/flags`
// (Go RE2 syntax). flags holds any of i (case-insensitive), m (multi-line:
// ^ and $ match at line breaks) and s (. matches \n), each at most once.
func CompileRegexp(re, flags string) (*regexp.Regexp, error) {
	seen := ""
	for _, f := range flags {
		if !strings.ContainsRune("ims", f) {
			return nil, &builtin.ArgError{Index: -1, Msg: "unknown regular expression flag " + quoteRune(f) + " (want i, m or s)"}
		}
		if strings.ContainsRune(seen, f) {
			return nil, &builtin.ArgError{Index: -1, Msg: "regular expression flag " + quoteRune(f) + " repeated"}
		}
		seen += string(f)
	}
	if seen != "" {
		re = "(?" + seen + ")" + re
	}
	return regexp.Compile(re)
}

func quoteRune(r rune) string { return "'" + string(r) + "'" }

// MatchRegexp implements `v regexMatch /re/`: only strings match.
func MatchRegexp(re *regexp.Regexp, v builtin.Value) bool {
	return v.Kind() == builtin.String && re.MatchString(v.Str())
}
