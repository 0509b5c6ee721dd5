package bundles

import "embed"

// shipped holds the bundles shipped in the module (<id>/bundle.yaml and
// <id>/tests/*.yaml), the entity schema and the framework control lists.
//
// The pattern is the whole package directory because go:embed rejects a
// pattern that matches nothing, and each bundle directory is added on its
// own; Names and Load look only at <id>/bundle.yaml and Cases only at
// <id>/tests/*.yaml.
//
//go:embed *
var shipped embed.FS
