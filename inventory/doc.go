// Package inventory turns the inputs users already have into entity
// documents of the model described in ENTITIES.md: entity JSON and NDJSON,
// JSON arrays and type maps, and the formats of the tools that describe
// cloud resources (AWS Config, Terraform plans, CloudFormation templates,
// raw AWS API dumps).
//
// Every document keeps its [Origin]: the input it came from and where in it
// (a line, an array index, a resource address), so that a finding can point
// back at the file a user wrote or exported. A document that cannot be read
// or converted is not dropped: it becomes an error record with its origin,
// and the counts in and out always match.
//
// [Read] is the one entry point: it detects the format of an input (or
// takes the one asked for), decompresses gzip, and emits one [Entity] per
// thing found. documents.go and scanner.go split entity documents (NDJSON,
// JSON arrays, single documents, type maps, JSON streams) without holding
// more than one document, and speculate.go guesses where the elements of a
// JSON array end, for a caller that validates each document anyway and
// reads again from a wrong guess (Options.Speculate); awsconfig*.go read AWS Config's files and command
// outputs and convert their items (AWSCONFIG.md documents the conversion);
// terraform*.go and cloudformation*.go convert Terraform plans and states
// and CloudFormation templates (INPUTS.md); [ReadAPIDump] reads a directory
// of raw AWS API responses (APIDUMP.md); [DirFiles] lists the inventory files of a directory.
//
// The package depends only on the standard library, gjson and the format
// libraries of the inputs it reads; it knows nothing of rules or of the
// evaluator.
package inventory
