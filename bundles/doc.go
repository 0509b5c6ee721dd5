// Package bundles holds the compliance bundles shipped with the module
// (hipaa, cis-aws and aws-best-practices), the format they are written in,
// and the entity model their rules read.
//
// # Bundles
//
// A bundle is a YAML file (bundles/<id>/bundle.yaml in the module; the
// format is in bundles/FORMAT.md) with an id, a name, a semantic version,
// a description and rules; each rule has an id, a name, a severity, the GSL
// logic, a description, a remediation and compliance mappings
// (framework -> control ids). Load returns a shipped bundle (Names lists
// them); LoadFile reads a bundle file or a Dome9 / CloudGuard ruleset JSON
// export (detected by content); LoadDir reads a directory of them; Parse and
// ParseDome9 read bytes. Unknown keys, missing fields, bad severities and
// duplicate ids are errors, and every error carries file, line and column
// (ErrorList). Rule.LogicLine, Rule.LogicColumn and Rule.FilePos map
// positions in a rule's logic, such as those of lang errors, back into the
// file, whatever YAML scalar style the logic was written in.
//
// Bundle.Dome9JSON writes a bundle as a Dome9 ruleset; ParseDome9 reads it
// back unchanged.
//
// # Fixtures
//
// Each shipped bundle has fixture cases in bundles/<id>/tests/*.yaml:
// documents and the status each rule must reach on them. Bundle.Cases,
// ParseCases and LoadCases read them; RunCases compiles the rules with
// package eval, evaluates every case and compares the aggregated statuses
// (fail, else error, else pass, else skip) with the expectations. The
// package tests run every case of every shipped bundle and require each rule
// to have a passing and a failing case.
//
// # Entity model
//
// AWS returns the Dome9-compatible AWS entity model (bundles/schema/aws.yaml,
// documented in ENTITIES.md at the module root): entity types with their
// properties, JSON types and meanings. Schema.CheckRule type-checks the
// property paths of a parsed rule against it, resolving paths inside array
// brackets against the array's elements and leaving open subtrees (policy
// documents) unchecked; Schema.CheckDocument checks a document.
//
// # Frameworks
//
// Frameworks returns the embedded control lists of AWS Foundational Security
// Best Practices, CIS AWS Foundations v5.0.0 and the HIPAA Security Rule; a
// control may carry a note saying why no shipped rule decides it.
// Bundle.Readme renders a bundle's README.md with its rule counts, the
// controls its rules cover (and the notes of those they do not) and each
// rule's control ids.
package bundles
