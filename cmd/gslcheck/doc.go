// Command gslcheck evaluates GSL rules and compliance bundles over JSON
// inventories of cloud resources, tests bundles against their fixtures,
// lints and formats rules, and explains why a rule passed or failed.
//
// Install it with
//
//	go install github.com/gsl-lang/gsl/cmd/gslcheck@latest
//
// # Commands
//
//	gslcheck run --bundle NAME|PATH [--rule TEXT] [--format text|json|sarif|junit]
//	    [--report FORMAT=FILE] [--rule-id ID|GLOB] [--skip-rule ID|GLOB] [--severity LEVELS]
//	    [--fail-on LEVEL] [--exceptions FILE] [--baseline REPORT.json] [--collect aws ...] INPUT...
//	gslcheck test [--format text|json|junit] PATH...
//	gslcheck lint [--format text|json] [--schema builtin|none] PATH...
//	gslcheck fmt [-w] [--check] PATH...
//	gslcheck explain (--rule TEXT | --bundle B --rule-id ID) [--entity ID] DOC
//	gslcheck convert [--input-format auto|json|ndjson|awsconfig] INPUT...
//	gslcheck bundles [list] | bundles export NAME --format dome9
//	gslcheck exceptions import-dome9 [--account DOME9ID=NUMBER] FILE
//	gslcheck collect aws [--profile NAME] [--region R | --all-regions] [--role-arn ARN] [--out DIR]
//	gslcheck version | gslcheck --version
//
// Every command has --help with examples.
//
// # Inputs
//
// An INPUT of `run` is a file, a directory (its .json, .ndjson and .jsonl
// files, gzipped or not, sorted), or - for standard input, holding a JSON
// array of documents, a single document, an object mapping entity type
// names to arrays of documents, NDJSON (by the .ndjson or .jsonl
// extension, or detected from the content), or AWS Config data (snapshot
// and history files, configuration items, the configservice commands'
// output), detected and converted to entity documents; gzipped or not.
// The items that yield no document (resource types the model lacks, items
// merged into others) are counted by type on stderr. The readers are the
// inventory package's; `convert` writes what they produce. Inputs are split as they are
// read: memory does not grow with the number of documents, except for what
// List<> rules keep. A malformed document becomes an error record naming
// its file and line (NDJSON) or array index, and the rest still runs; so
// does a document over --max-doc-bytes (64 MiB) or nested deeper than 512
// levels. A stray bracket or comma where a document should be, or an
// array, type map or stream that ends inside a document, is one input
// error naming its line and column: the documents before it still run,
// and none is counted for it. An input that is one object (a type map or
// a single document) is read twice: once to tell the two apart, then to
// evaluate it. A regular file is read again from where the object starts,
// holding nothing; standard input is held in memory up to --max-doc-bytes
// meanwhile.
//
// Documents are evaluated on every core (--jobs) and reported in input
// order, then rule order. With more than one job, the workers read a
// regular NDJSON file themselves, each a range of it. The elements of a
// JSON array in a regular file are split at their line ends, where tools
// write them one a line; the workers' validation of each document tells a
// wrong split, and the file is then read again from that element, strings
// and brackets followed: the documents and errors are the same either way.
//
// Before reading any input, run checks its rules against the entity
// schema as lint does (--schema none to skip it): a property or entity
// type the schema does not know stops the run. An input without any
// document is an input error unless --allow-empty.
//
// # Collecting an account
//
// `collect aws` runs the collector, gslcheck-collect (module
// github.com/gsl-lang/gsl/collect), found on PATH or next to gslcheck, with
// the arguments as given: it is a separate executable so that gslcheck does
// not link the AWS SDK, and when it is absent the error says how to install
// it. `run --collect aws` runs it into a private temporary directory
// (--collect-out keeps it) and reads that raw API dump with the INPUTs; its
// documents and the calls that failed are named collected/<account>/....
//
// # Output
//
// --format json prints {"results": [...], "summary": {...}} with one
// result per line; sarif prints SARIF 2.1.0 for GitHub code scanning (at
// most --sarif-max-results results, the most severe); junit prints JUnit
// XML with one testsuite per rule. Text output groups findings by rule and
// ends with a summary line; it is coloured on a terminal unless NO_COLOR is
// set, and a progress line is drawn on stderr for inputs that take more
// than a second. --report FORMAT=FILE writes more reports from the same
// run. Every report streams; text and JUnit group by rule through a bounded
// spill to a temporary file.
//
// Failures matched by an exceptions file (--exceptions, or
// .gslcheck/exceptions.yaml) are reported as suppressed, with their reason;
// with --baseline, failures a previous JSON report holds are reported as
// unchanged and do not fail the run.
//
// # Exit status
//
// 0 when nothing failed, 1 when there are findings (failed rules at or
// above --fail-on that are neither suppressed nor in the baseline, failed
// fixture tests or lint errors), 2 for usage errors, rule errors (including
// rules the schema refuses), unreadable or empty inputs and malformed
// documents.
package main
