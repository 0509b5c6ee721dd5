// Package peers compares GSL with three peer rule engines - expr
// (github.com/expr-lang/expr), CEL (cel.dev/cel-go) and Rego
// (github.com/open-policy-agent/opa/v1/rego) - on the same rules of the
// shipped bundles, translated by hand (Rules), over the same generated
// documents (internal/invgen), starting from raw JSON bytes.
//
// Every engine pays for getting a document into the form it needs: GSL
// reads the bytes directly; expr and CEL decode them with encoding/json
// into map[string]any; Rego decodes them into an ast.Value. Each engine
// decodes a document once and then evaluates every rule of the document's
// type over it. A verdict is a violation or not: the GSL rule fails, or the
// peer expression is true. GSL runs twice: giving verdicts only, as the
// peers do (eval.Options NoEvidence and OnlyApplicable), and building the
// evidence of every failure, as gslcheck run does.
//
// Check runs every engine over every document and reports each (rule,
// document) on which a peer disagrees with GSL; Measure times the engines
// only when they all agree. cmd/peers prints the table.
package peers
