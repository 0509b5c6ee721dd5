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

func (versionCmd) Run(e *env) error {
	_, err := fmt.Fprintf(e.stdout, "gslcheck %s (%s %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}
