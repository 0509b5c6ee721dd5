// Package eval compiles GSL rules to a compact predicate bytecode and runs
// it over raw JSON documents with gjson, without decoding them into maps.
//
// Most programs want bundles.Prepare and Evaluator.Eval, the one path from
// bundles (or rules of your own) to findings, which runs on this package.
// This package is the layer below: single rules and rule sets over single
// documents, with callbacks.
//
// # Compiling and evaluating
//
// [Compile] parses a rule and compiles it into a [Program]. Everything that
// can be checked before running is checked then, and reported as a
// lang.ErrorList with positions: unknown functions (with a "did you mean"
// hint), argument counts and literal argument types, the functions' own
// checks (time units...), regular expressions. A Program is immutable and
// safe for concurrent use.
//
// [Program.Eval] evaluates a program over one JSON document and returns a
// [Result]: [Pass], [Fail], [Skip] (an entity of another type, or `where`
// false) or [Error] (invalid JSON, a document over the limits, a step
// budget exceeded, a function that failed). A document that several
// programs read can be prepared once with [NewDocument] (validated once,
// its top level indexed) and given to [Program.EvalDocument].
//
// A passing evaluation allocates nothing. Fails and errors carry
// [Evidence]: the JSON path (with array indices) and value of each operand
// that decided, and the span of rule text that read it, e.g.
// `volumes[1].encrypted = false`. Evidence is built only for fails and
// errors, by running the program a second time in recording mode (see
// below); a caller that needs only verdicts sets [Options].NoEvidence and
// saves that second run. [Program.Explain] runs that mode on demand and
// returns a [Trace] that marks every sub-expression true or false with the
// values it read (an operand that computes a value, such as
// `with [...] length()`, shows the value).
//
// # From rule to verdict
//
// A rule goes through four stages, each in one place:
//
//  1. lang.Parse turns the text into a tree (lang.Rule) whose nodes carry
//     their spans.
//  2. The compiler (compile.go) lowers the tree to bytecode: conditions
//     to code that leaves their truth in a register, operands to code that
//     pushes a value, array operators to loops. It records, for every
//     instruction, the span of the node it came from and the part it plays
//     there: the position table (Program.pos).
//  3. The VM (vm.go) runs the code over the document and returns Pass,
//     Fail, Skip or Error. It is the only evaluator: every verdict, trace
//     and piece of evidence comes from it.
//  4. For a Fail or an Error, and for Explain, the VM runs the program's
//     recording copy (for a Fail or an Error, on the machine that gave
//     it, over the path table that run left), in which every opcode
//     carries a mark. A marked opcode falls to the default case of the
//     VM's switch, which hands the instruction to a recorder (explain.go)
//     and runs it unmarked, so a normal run pays nothing for recording.
//     The recorder decides
//     nothing itself: one instruction later it reads what the VM did (the
//     value pushed, the register after a test, whether a jump was taken or
//     a loop frame popped), keeps where each value on the stack came from
//     (its JSON path with indices), and maps each instruction back to the
//     rule text through the position table. That gives the trace nodes
//     (one per test, `not`, `and`/`or` and array operator, with the
//     elements each operator visited) and the evidence.
//
// A reference tree-walking interpreter lives in the tests
// (reference_test.go): the semantic tables (testdata/semantics) and the
// differential tests and fuzz target hold the VM to it.
//
// # The clock
//
// before() and after() compare dates with an evaluation clock,
// [Options].Now. It is never frozen when a rule is compiled: without one,
// each evaluation reads the wall clock (once per document for a RuleSet,
// once per [Lists.Eval]). A clock given to [Compile] is the program's;
// [NewRuleSet] uses the one given to it, or else its programs' one. Two
// different clocks given for the same evaluation are not resolved by a
// silent choice: every result is an Error wrapping [ErrClockConflict].
// [RuleSet.With] gives one evaluation its own clock and limits over the
// same compiled set, so a service compiles once and passes each request's
// time.
//
// As an API this layer is expr's two steps, Compile then Eval; the
// package bundles adds the prepare-once, stream-of-findings layer that OPA
// and cel-go users expect (see its API review).
//
// # Rule sets
//
// A [RuleSet] indexes many programs by entity type. [RuleSet.EvalDoc] gives
// each document only the rules of its type (the others get Skip, or no call
// at all with [Options].OnlyApplicable) and reads
// each JSON path once per document, however many rules read it: the paths
// of a type's rules are merged into a trie, the document is walked once
// along it, and the rules read the values recorded in that table. A rule
// that is only `true` or `false` applies to every document.
//
// List<Type> rules run over groups of documents: [RuleSet.NewLists]
// gathers the documents of the types they name, grouped by accountNumber,
// and [Lists.Eval] runs each rule once per group over the virtual entity
// {"type": "List<Type>", "id": "<accountNumber>", "items": [...]}.
//
// # The bytecode
//
// A program is a flat list of fixed-width instructions over a value stack
// and a condition register; `and` and `or` short-circuit through jumps, and
// array operators compile to scoped loops that stop as soon as they are
// decided. [Program.Disassemble] lists a program with its tables of paths,
// constants, patterns and functions. The instruction set is one table in
// opcode.go: each opcode's name, the kind of its operand, its stack effect
// and whether it is a test. The emitter, the verifier, the disassembler
// and the recorder read it there; adding an opcode means a row in that
// table, a case in the VM and the compiler's lowering to it.
//
// # Limits
//
// Every limit is an error result, never a crash or a hang: documents larger
// than [DefaultMaxDocumentSize] or nested deeper than [DefaultMaxDepth]
// (see [Options] to change them), and a step budget per (rule, entity)
// evaluation ([DefaultStepBudget]) that turns runaway nested array work
// into an [ErrStepBudget] error.
package eval
