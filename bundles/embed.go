package bundles

import "embed"

// shipped holds the bundles shipped in the module (<id>/bundle.yaml,
// <id>/tests/*.yaml and the generated <id>/README.md), the entity schema
// and the framework control lists. A new shipped bundle is added by
// creating its directory, naming it here and running `go generate
// ./bundles` (see preparsed.go), as after any edit of a bundle.yaml.
//
//go:embed schema frameworks hipaa cis-aws aws-best-practices
var shipped embed.FS
