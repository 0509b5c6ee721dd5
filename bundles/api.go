package bundles

// STUB: the public API of package bundles, pinned so that gslcheck can be
// built against it while the format and the bundles are written (issue 5).
// Signatures may gain fields and methods but must not change shape.

import "errors"

// Rule is one rule of a bundle.
type Rule struct {
	ID          string
	Name        string
	Severity    string // Informational, Low, Medium, High, Critical
	Logic       string // the GSL text
	Description string
	Remediation string
	Compliance  map[string][]string // framework -> control ids
	// LogicLine and LogicColumn locate the first character of Logic in the
	// bundle file (1-based), so rule errors can point into the file.
	LogicLine, LogicColumn int
}

// Bundle is a named, versioned set of rules.
type Bundle struct {
	ID          string
	Name        string
	Version     string
	Description string
	Rules       []Rule
	// Source is the file the bundle was read from ("" for shipped bundles
	// it is "bundles/<id>/bundle.yaml" within the module).
	Source string
}

// Case is one fixture case: documents and the expected aggregate status
// (pass, fail, skip) per rule id.
type Case struct {
	Name      string
	Documents [][]byte // JSON documents
	Expect    map[string]string
	Source    string // file and line of the case
}

// Names lists the shipped bundles.
func Names() []string { return nil }

// Load returns a shipped bundle by id.
func Load(id string) (*Bundle, error) { return nil, errors.New("bundles: not implemented") }

// LoadFile reads a bundle YAML file or a Dome9 ruleset JSON file.
func LoadFile(path string) (*Bundle, error) { return nil, errors.New("bundles: not implemented") }
