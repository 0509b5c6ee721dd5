package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// buildVersion may be set at link time: -ldflags "-X main.buildVersion=v1.2.3".
var buildVersion string

// version is gslcheck's version: the link-time value, else the module
// version recorded by `go install ...@version`, else "devel".
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// semanticVersion is version without the leading "v" when it is a release
// version, else "".
func semanticVersion() string {
	v := version()
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "devel") {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}

// versionLine is what `gslcheck version` and `gslcheck --version` print.
// A build from a checkout (version "devel") names its commit.
func versionLine() string {
	v := version()
	if v == "devel" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			var rev, modified string
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value
				}
			}
			if rev != "" {
				v += " " + rev[:min(len(rev), 12)]
				if modified == "true" {
					v += "+dirty"
				}
			}
		}
	}
	return fmt.Sprintf("gslcheck %s (%s %s/%s)", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func (versionCmd) Run(e *env) error {
	_, err := fmt.Fprintln(e.stdout, versionLine())
	return err
}
