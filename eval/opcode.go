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
)

// hasArg tells the opcodes that take an operand; the others ignore it.
var hasArg = [...]bool{
	opPath: true, opConst: true, opCall: true, opGroup: true,
	opEqK: true, opNeK: true, opLtK: true, opGtK: true, opLeK: true, opGeK: true,
	opLike: true, opRegex: true, opIn: true, opSet: true,
	opJmpF: true, opJmpT: true,
	opAny: true, opAll: true, opNone: true, opOne: true, opCount: true, opCollect: true,
	opcodeMax: false,
}

var opcodeNames = [...]string{
	opInvalid: "INVALID",
	opPath:    "PATH",
	opElem:    "ELEM",
	opConst:   "CONST",
	opCall:    "CALL",
	opAcc:     "ACC",
	opGroup:   "GROUP",
	opEq:      "EQ",
	opNe:      "NE",
	opLt:      "LT",
	opGt:      "GT",
	opLe:      "LE",
	opGe:      "GE",
	opEqK:     "EQK",
	opNeK:     "NEK",
	opLtK:     "LTK",
	opGtK:     "GTK",
	opLeK:     "LEK",
	opGeK:     "GEK",
	opLike:    "LIKE",
	opRegex:   "REGEX",
	opIn:      "IN",
	opTruthy:  "TRUTHY",
	opNot:     "NOT",
	opSet:     "SET",
	opJmpF:    "JMPF",
	opJmpT:    "JMPT",
	opAny:     "ANY",
	opAll:     "ALL",
	opNone:    "NONE",
	opOne:     "ONE",
	opCount:   "COUNT",
	opCollect: "COLLECT",
	opNext:    "NEXT",
	opStep:    "STEP",
	opRet:     "RET",
	opSkip:    "SKIP",
}

// stackEffect is the change in value-stack depth of each opcode. opCall is
// variable (it pops its receiver and arguments and pushes one result) and is
// computed from the function's arity. The loop openers COUNT and COLLECT pop
// a list and later push their result, so they count as 0.
var stackEffect = [...]int8{
	opInvalid: 0,
	opPath:    +1,
	opElem:    +1,
	opConst:   +1,
	opCall:    0, // 1 - (1 + nargs), see callStackEffect
	opAcc:     +1,
	opGroup:   0,
	opEq:      -2,
	opNe:      -2,
	opLt:      -2,
	opGt:      -2,
	opLe:      -2,
	opGe:      -2,
	opEqK:     -1,
	opNeK:     -1,
	opLtK:     -1,
	opGtK:     -1,
	opLeK:     -1,
	opGeK:     -1,
	opLike:    -1,
	opRegex:   -1,
	opIn:      -1,
	opTruthy:  -1,
	opNot:     0,
	opSet:     0,
	opJmpF:    0,
	opJmpT:    0,
	opAny:     -1,
	opAll:     -1,
	opNone:    -1,
	opOne:     -1,
	opCount:   0,
	opCollect: 0,
	opNext:    0,
	opStep:    0,
	opRet:     0,
	opSkip:    0,
}

func (op opcode) String() string {
	if int(op) < len(opcodeNames) && opcodeNames[op] != "" {
		return opcodeNames[op]
	}
	return "ILLEGAL"
}

// isLoop reports whether op opens an array-operator loop.
func (op opcode) isLoop() bool { return op >= opAny && op <= opCollect }

// isJump reports whether op's operand is a program counter.
func (op opcode) isJump() bool { return op == opJmpF || op == opJmpT || op.isLoop() }

// instr is one instruction.
type instr struct {
	op  opcode
	arg int32
}
