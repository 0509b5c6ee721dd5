// Package bundles holds the compliance bundles shipped with the module
// (hipaa, cis-aws and aws-best-practices), the format they are written in,
// the entity model their rules read, and the one path from bundles to
// findings (Prepare, Evaluator.Eval).
//
// The Evaluator lives here, not in eval, because a finding names a bundle
// rule (id, severity, compliance mappings) and an inventory origin, which
// eval, below both, knows nothing of; and not in a package of its own,
// because it is one file over types this package already defines.
//
// # From bundles to findings
//
// Prepare compiles the rules of one or more bundles once into an
// Evaluator, which is immutable and safe for concurrent use; Evaluator.Eval
// judges a stream of entities and yields Findings as it goes (rule, entity,
// status, evidence and the entity's inventory.Origin), running the List<>
// rules after the last entity, so that no caller can forget them:
//
//	b, _ := bundles.Load("hipaa")
//	ev, err := bundles.Prepare([]*bundles.Bundle{b}, bundles.WithSchema(bundles.AWS()))
//	...
//	for f, err := range ev.Eval(ctx, entities, bundles.At(now), bundles.WithStepBudget(1<<16)) {
//		...
//	}
//
// Options are split by when they apply. CompileOptions (WithFunctions,
// WithSchema) are given once to Prepare. EvalOptions (At for the clock of
// before() and after(), WithStepBudget, WithDocumentLimits,
// WithoutEvidence) and the context.Context are given to each Eval: a
// service that prepares once at start-up judges every request with that
// request's clock and limits. Without At the clock is read when Eval
// starts, once for the whole stream. Eval takes an iter.Seq of
// inventory.Entity, so an inventory reader plugs straight in; EvalBytes
// takes raw documents (the lines of an NDJSON file: bytes.Lines).
// Entities a reader could not read, documents that are not valid
// entities, entity types the model lacks and entities no rule judged each
// yield a Finding with their origin, never nothing. examples/scan is a complete program.
//
// # API review: the call sequence against OPA, cel-go and expr
//
//	// OPA: build, prepare, evaluate
//	r := rego.New(rego.Query(q), rego.Module(file, src))
//	pq, err := r.PrepareForEval(ctx)
//	rs, err := pq.Eval(ctx, rego.EvalInput(x), rego.EvalTime(now))
//
//	// cel-go: environment, compile, program, evaluate
//	env, err := cel.NewEnv(envOpts...)
//	ast, iss := env.Compile(src)
//	prg, err := env.Program(ast, progOpts...)
//	out, det, err := prg.Eval(vars)
//
//	// expr: compile, run
//	prg, err := expr.Compile(src, expr.Env(e))
//	out, err := expr.Run(prg, e)
//
//	// GSL: prepare, evaluate a stream
//	ev, err := bundles.Prepare(bs, compileOpts...)
//	for f, err := range ev.Eval(ctx, entities, evalOpts...) { ... }
//
// Like OPA, preparing is separate from evaluating, the prepared value is
// safe for concurrent use, and Eval takes a context. Like cel-go, options
// are two types, so a compile-time option cannot be given to an
// evaluation or the reverse (cel-go's EnvOption and ProgramOption; its
// Program options also carry evaluation limits such as a cost limit, as
// WithStepBudget does here). Like expr, there are two steps, not three:
// GSL rules are parsed, checked and compiled in one call, and errors come
// back then, with file, line and column. Unlike all three, the input is a
// stream and the output is a stream: a bundle is many rules over many
// documents, so Eval is an iterator (range-over-func) of findings rather
// than one value per call, and it owns the end of the stream, where the
// List<> rules run. Errors that concern one document are findings; the
// iterator's error is only the context's. The evaluation clock is an
// option of Eval (At), as OPA's rego.EvalTime is an option of Eval, not of
// Prepare: nothing that changes between requests is frozen at compile
// time.
//
// The exported surface is what an embedder calls or reads; what only
// another package of the module needs lives under internal/ (the review,
// name by name, is in docs/internals.md):
//
//   - bundles: Load, LoadFile, LoadDir, Parse and ParseDome9; Prepare with
//     its CompileOptions and Evaluator.Eval and EvalBytes with their
//     EvalOptions; Finding. For rule authors' tools: the fixture runner
//     (Cases, RunCases, Coverage), the Schema and the Frameworks; Decide
//     for a runner of its own over eval.
//   - eval: one rule or rule set over one document (Compile, Program,
//     RuleSet, Lists, Document, Result, Evidence, Trace).
//   - lang: Parse, the syntax tree, Format, Inspect, EntityPaths, errors
//     with positions, and EncodeRule and DecodeRule to ship rules
//     pre-parsed as the shipped bundles are.
//   - builtin: the custom-function API: Value with its constructors and
//     accessors, Equal and Compare (so that a function compares as = and
//     < do), Func, Param, Type, Kind, Env, ArgError, LiteralArgs, OneOf and
//     the Registry. The VM's own operator parts (the truth of a bare
//     operand, groupBy's hash, like and regexMatch patterns, number
//     literals) are in internal/operator.
//   - inventory: Read and the readers of each format, Entity and Origin,
//     the unknown-value helpers a runner needs (INPUTS.md), DirFiles.
//   - report: the four writers behind Writer, Record, Summary and Options.
//
// No package exports a variable other than its error values, which
// callers compare with errors.Is; everything else is a function, a type or
// a constant.
//
// # Bundles
//
// A bundle is a YAML file (bundles/<id>/bundle.yaml in the module; the
// format is in bundles/FORMAT.md) with an id, a name, a semantic version,
// a description and rules; each rule has an id, a name, a severity, the GSL
// logic, a description, a remediation and compliance mappings
// (framework -> control ids). Load returns a shipped bundle (Names lists
// them; they are pre-parsed at build time by `go generate ./bundles`,
// the rules' GSL syntax trees included, so loading them all takes about a
// millisecond and Prepare does not run the GSL parser for them); LoadFile
// reads a bundle file or a Dome9 / CloudGuard ruleset JSON
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
// (fail, else error, else pass, else skip) with the expectations. Each
// case is evaluated at its file's `now` (DefaultNow when it sets none). The
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
