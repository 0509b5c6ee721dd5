// Command gslcheck evaluates GSL rules and compliance bundles over JSON
// inventories of cloud resources, tests bundles against their fixtures,
// lints and formats rules, and explains why a rule passed or failed.
//
// Install it with
//
//	go install github.com/gsl-lang/gsl/cmd/gslcheck@latest
//
// and run `gslcheck --help` for the commands. Exit codes: 0 when nothing
// failed, 1 when there are findings (failed rules, failed fixture tests or
// lint problems), 2 for usage, input or rule errors.
package main
