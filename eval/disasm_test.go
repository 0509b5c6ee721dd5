package eval

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var vmUpdate = flag.Bool("update", false, "rewrite the golden files in testdata")

// disasmCases name the rules whose compiled programs are pinned in
// testdata/disasm/<name>.golden.
var disasmCases = []struct{ name, rule string }{
	{"const", `true`},
	{"compare", `Instance should have isRunning = true and name != 'x' or size >= 10`},
	{"compare-paths", `IamUser should have a = b and a != b and a < b and a > b and a <= b and a >= b`},
	{"paths", "S3Bucket should have tags.`aws:cloudformation:stack-name` = 'x' and `a.b`.`0`.c = 1 and a.b = c.d"},
	{"negated", `Instance should not have vpc and not isPublic`},
	{"query", `IamUser where passwordLastUsed < 100`},
	{"typical", typicalRule},
	{"like-regex-in", `ELB where name like 'prod-%' should have scheme regexMatch /^internal$/i and protocol in ('TCP', 'ALL', 80, null)`},
	{"with-chain", `SecurityGroup should not have inboundRules with [port <= 22 and portTo >= 22] with [scope = '0.0.0.0/0'] contain-any [protocol in ('TCP', 'ALL')]`},
	{"with-length", `Vpc should have subnets with [isPublic = true] length() < 3 and subnets with [az = 'a'] isEmpty()`},
	{"with-value", `Vpc should have subnets with [isPublic = true] = publicSubnets`},
	{"nested", `VirtualMachine should not have nics contain-any [networkSecurityGroup.inboundRules contain [destinationPort <= 22 and protocol in ('TCP','ALL')] and $.name unlike 'test%']`},
	{"single-none-all", `Instance should have roles contain-single [name = 'a'] and volumes contain-none [encrypted = false] and tags contain-all [$ = 'x']`},
	{"elem", `Policy should have Action contain ['s3:*'] and matrix contain [$ contain [$ > 1]]`},
	{"groupby", `List<Instance> should have items groupBy [vpc.id] contain-all [values length() <= 10]`},
	{"calls", `Instance should have launchTime vmtAdd(3600) > 0 and name vmtConcat('-x') = 'a-x' and inboundRules with [port = 22] vmtFail()`},
	{"array-value", `Instance should have volumes contain [encrypted = true] = true`},
}

func TestDisassembly(t *testing.T) {
	for _, c := range disasmCases {
		t.Run(c.name, func(t *testing.T) {
			got := vmtCompile(t, c.rule).Disassemble()
			file := filepath.Join("testdata", "disasm", c.name+".golden")
			if *vmUpdate {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("disassembly of %s changed (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", c.name, got, want)
			}
		})
	}
}

// TestDisassembleEveryOpcode checks that the golden programs, taken
// together, use every opcode, so each has a pinned listing.
func TestDisassembleEveryOpcode(t *testing.T) {
	seen := map[opcode]bool{}
	for _, c := range disasmCases {
		for _, in := range vmtCompile(t, c.rule).code {
			seen[in.op] = true
		}
	}
	for op := opcode(1); op <= opcodeMax; op++ {
		if !seen[op] {
			t.Errorf("no golden program uses %s", op)
		}
	}
}
