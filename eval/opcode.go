package eval

// This file defines the instruction set. A program is a flat list of
// fixed-width instructions: an opcode and one int32 operand. The VM keeps
// three kinds of state besides the program counter:
//
//   - the value stack, which holds operands (JSON values read from the
//     document, constants, function results);
//   - the condition register acc, a bool set by every test and read by the
//     conditional jumps, so that conditions never touch the stack;
//   - the loop stack, one frame per array operator being run.
//
// The stack pictures in the comments below read "before -- after". A loop
// picture names the frame on the loop stack in braces.

// opcode is one VM operation.
type opcode uint8

const (
	opInvalid opcode = iota // never emitted: the zero value traps in the VM

	// Operands: push one value.

	opPath  //  - PATH<p> v        read path p from the current scope (loop element, else the entity)
	opElem  //  - ELEM v           the current loop element ($); the entity outside loops
	opConst //  - CONST<k> v       constant k
	opCall  //  recv a1..an CALL<f> v   call function f with n arguments
	opAcc   //  - ACC v            acc as a JSON boolean
	opGroup //  list GROUP<p> groups   [{key, values}] grouped by path p, in first-seen order

	// Tests: set acc.

	opEq     //  a b EQ -           acc = a = b
	opNe     //  a b NE -           acc = a != b
	opLt     //  a b LT -           acc = a < b
	opGt     //  a b GT -           acc = a > b
	opLe     //  a b LE -           acc = a <= b
	opGe     //  a b GE -           acc = a >= b
	opEqK    //  a EQK<k> -         acc = a = constant k (the K forms take a literal right-hand side)
	opNeK    //  a NEK<k> -         acc = a != constant k
	opLtK    //  a LTK<k> -         acc = a < constant k
	opGtK    //  a GTK<k> -         acc = a > constant k
	opLeK    //  a LEK<k> -         acc = a <= constant k
	opGeK    //  a GEK<k> -         acc = a >= constant k
	opLike   //  a LIKE<k> -        acc = a like pattern k
	opRegex  //  a REGEX<k> -       acc = a regexMatch regex k
	opIn     //  a IN<k> -          acc = a equals some element of list k
	opTruthy //  a TRUTHY -         acc = a is truthy
	opNot    //  - NOT -            acc = !acc
	opSet    //  - SET<b> -         acc = b != 0

	// Control.

	opJmpF //  - JMPF<pc> -         if !acc goto pc
	opJmpT //  - JMPT<pc> -         if acc goto pc

	// Loops. An opener pops a list and pushes a frame whose exit is its
	// operand; NEXT (the next instruction) starts each iteration, and STEP
	// ends it. A body that jumps back to NEXT skips the element: that is how
	// `with` filters compose with the operator that follows them.

	opAny     //  list ANY<exit> {any}       acc = some element passes (contain, contain-any, with)
	opAll     //  list ALL<exit> {all}       acc = every element passes (contain-all)
	opNone    //  list NONE<exit> {none}     acc = no element passes (contain-none, with..isEmpty())
	opOne     //  list ONE<exit> {one}       acc = exactly one element passes (contain-single)
	opCount   //  list COUNT<exit> {count}   pushes the number of passing elements (with..length())
	opCollect //  list COLLECT<exit> {coll}  pushes the array of passing elements (with as a value)
	opNext    //  {f} NEXT {f}      load the next element; when none is left, pop the frame, set the result and goto exit
	opStep    //  {f} STEP {f}      account acc for the element; goto NEXT, or pop the frame and goto exit when decided

	// Results.

	opRet  //  - RET               stop: pass when acc, fail otherwise
	opSkip //  - SKIP              stop: skip (the entity did not meet `where`)

	opcodeMax = opSkip

	// opRecord marks an opcode in a program's recording copy (rcode).
	// The VM's switch has no case for marked opcodes: they fall to its
	// default case, which hands the instruction to the recorder and runs
	// it unmarked. A normal run therefore pays nothing for recording.
	opRecord opcode = 0x80
)

// operandKind is what an instruction's int32 operand names.
type operandKind uint8

const (
	argNone  operandKind = iota // no operand: the VM ignores it
	argPath                     // an index into Program.paths
	argConst                    // an index into Program.consts
	argCall                     // an index into Program.calls
	argLike                     // an index into Program.likes
	argRegex                    // an index into Program.regexes
	argList                     // an index into Program.lists
	argBool                     // 0 or 1
	argJump                     // an address in the code
	argLoop                     // a loop's exit address; the opener is followed by NEXT
)

// opInfo describes one opcode: the emitter, the verifier, the
// disassembler and the recorder read it here and nowhere else.
type opInfo struct {
	name string
	arg  operandKind
	// stack is the change in value-stack depth. CALL's depends on the
	// call's arity (it pops its receiver and arguments and pushes one
	// result: -nargs) and is computed by the emitter. The loop openers
	// COUNT and COLLECT pop a list and later push their result: 0.
	stack int8
	// test marks the opcodes that pop their operands (-stack of them) and
	// set acc from them: comparisons, matches and TRUTHY. The recorder
	// turns each into a trace node reading those operands.
	test bool
}

// opcodes is the instruction set's table, indexed by opcode.
var opcodes = [...]opInfo{
	opInvalid: {name: "INVALID"},
	opPath:    {name: "PATH", arg: argPath, stack: +1},
	opElem:    {name: "ELEM", stack: +1},
	opConst:   {name: "CONST", arg: argConst, stack: +1},
	opCall:    {name: "CALL", arg: argCall},
	opAcc:     {name: "ACC", stack: +1},
	opGroup:   {name: "GROUP", arg: argPath},
	opEq:      {name: "EQ", stack: -2, test: true},
	opNe:      {name: "NE", stack: -2, test: true},
	opLt:      {name: "LT", stack: -2, test: true},
	opGt:      {name: "GT", stack: -2, test: true},
	opLe:      {name: "LE", stack: -2, test: true},
	opGe:      {name: "GE", stack: -2, test: true},
	opEqK:     {name: "EQK", arg: argConst, stack: -1, test: true},
	opNeK:     {name: "NEK", arg: argConst, stack: -1, test: true},
	opLtK:     {name: "LTK", arg: argConst, stack: -1, test: true},
	opGtK:     {name: "GTK", arg: argConst, stack: -1, test: true},
	opLeK:     {name: "LEK", arg: argConst, stack: -1, test: true},
	opGeK:     {name: "GEK", arg: argConst, stack: -1, test: true},
	opLike:    {name: "LIKE", arg: argLike, stack: -1, test: true},
	opRegex:   {name: "REGEX", arg: argRegex, stack: -1, test: true},
	opIn:      {name: "IN", arg: argList, stack: -1, test: true},
	opTruthy:  {name: "TRUTHY", stack: -1, test: true},
	opNot:     {name: "NOT"},
	opSet:     {name: "SET", arg: argBool},
	opJmpF:    {name: "JMPF", arg: argJump},
	opJmpT:    {name: "JMPT", arg: argJump},
	opAny:     {name: "ANY", arg: argLoop, stack: -1},
	opAll:     {name: "ALL", arg: argLoop, stack: -1},
	opNone:    {name: "NONE", arg: argLoop, stack: -1},
	opOne:     {name: "ONE", arg: argLoop, stack: -1},
	opCount:   {name: "COUNT", arg: argLoop},
	opCollect: {name: "COLLECT", arg: argLoop},
	opNext:    {name: "NEXT"},
	opStep:    {name: "STEP"},
	opRet:     {name: "RET"},
	opSkip:    {name: "SKIP"},
}

// info returns op's row of the table; an opcode outside it has the zero
// row, named "".
func (op opcode) info() opInfo {
	if int(op) < len(opcodes) {
		return opcodes[op]
	}
	return opInfo{}
}

func (op opcode) String() string {
	if n := op.info().name; n != "" {
		return n
	}
	return "ILLEGAL"
}

// instr is one instruction.
type instr struct {
	op  opcode
	arg int32
}
