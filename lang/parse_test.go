package lang

import (
	"fmt"
	"github.com/gsl-lang/gsl/internal/textdist"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// TestParse checks the tree of every construct through its Dump.
func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// Statement forms.
		{"assert", "Instance should have vpc",
			"(rule assert (target Instance) (test (path vpc)))"},
		{"have optional", "Instance should vpc",
			"(rule assert (target Instance) (test (path vpc)))"},
		{"should not", "Instance should not vpc",
			"(rule assert (target Instance) not (test (path vpc)))"},
		{"should not have", "Instance should not have vpc",
			"(rule assert (target Instance) not (test (path vpc)))"},
		{"should not have negates the whole condition", "ALB should not have a = 1 and b = 2",
			"(rule assert (target ALB) not (and (= (path a) 1) (= (path b) 2)))"},
		{"should have not", "Instance should have not vpc",
			"(rule assert (target Instance) (not (test (path vpc))))"},
		{"keywords any case", "Instance WHERE a AND b Or NOT c SHOULD Not HAVE vpc",
			"(rule assert (target Instance) (where (or (and (test (path a)) (test (path b))) (not (test (path c))))) not (test (path vpc)))"},
		{"where", "SecurityGroup where name='default' should have inboundRules isEmpty()",
			"(rule assert (target SecurityGroup) (where (= (path name) \"default\")) (test (call isEmpty (path inboundRules))))"},
		{"where ends at should", "Instance where (name like '%db%') or (name like '%database%') should have vpc",
			"(rule assert (target Instance) (where (or (like (path name) \"%db%\") (like (path name) \"%database%\"))) (test (path vpc)))"},
		{"query", "cloudtrail where event.name='CreateAccessKey' and identity.type='Root'",
			"(rule query (target cloudtrail) (where (and (= (path event name) \"CreateAccessKey\") (= (path identity type) \"Root\"))))"},
		{"query with in", "cloudtrail where event.name in ('A', 'B')",
			"(rule query (target cloudtrail) (where (in (path event name) (list \"A\" \"B\"))))"},
		{"const true", "true", "(rule const true)"},
		{"const TRUE", "TRUE", "(rule const true)"},
		{"const False", "  False\n", "(rule const false)"},
		{"list target", "List<LogProfile> should have items",
			"(rule assert (target List<LogProfile>) (test (path items)))"},
		{"list target spaced", "List < NetworkWatcher > should have items",
			"(rule assert (target List<NetworkWatcher>) (test (path items)))"},
		{"list target any case", "list<X> should have items",
			"(rule assert (target List<X>) (test (path items)))"},
		{"types are case-sensitive", "s3bucket should have Name",
			"(rule assert (target s3bucket) (test (path Name)))"},
		{"newlines are whitespace", "CloudSql where ipAddresses contain [ ipAddress isPublic() ] and\n settings.ipv4Enabled=true should not have\n\tnets contain [value like '0.0.0.0/0']",
			"(rule assert (target CloudSql) (where (and (test (contain (path ipAddresses) (test (call isPublic (path ipAddress))))) (= (path settings ipv4Enabled) true))) not (test (contain (path nets) (like (path value) \"0.0.0.0/0\"))))"},

		// Logic and precedence.
		{"or below and", "X should have a or b and c",
			"(rule assert (target X) (or (test (path a)) (and (test (path b)) (test (path c)))))"},
		{"and below not", "X should have not a and b",
			"(rule assert (target X) (and (not (test (path a))) (test (path b))))"},
		{"not below comparison", "X should have not a = 1",
			"(rule assert (target X) (not (= (path a) 1)))"},
		{"not not", "X should have not not a",
			"(rule assert (target X) (not (not (test (path a)))))"},
		{"left associative and", "X should have a and b and c",
			"(rule assert (target X) (and (and (test (path a)) (test (path b))) (test (path c))))"},
		{"left associative or", "X should have a or b or c",
			"(rule assert (target X) (or (or (test (path a)) (test (path b))) (test (path c))))"},
		{"parentheses", "X should have (a or b) and c",
			"(rule assert (target X) (and (or (test (path a)) (test (path b))) (test (path c))))"},
		{"right grouping kept", "X should have a or (b or c)",
			"(rule assert (target X) (or (test (path a)) (or (test (path b)) (test (path c)))))"},
		{"parentheses after have", "KeyVault should have (certificates length() > 0 or keys length() > 0)",
			"(rule assert (target KeyVault) (or (> (call length (path certificates)) 0) (> (call length (path keys)) 0)))"},
		{"parentheses after not", "X where not (name regexMatch /^<root_account>$/i ) should have a",
			"(rule assert (target X) (where (not (regexMatch (path name) /^<root_account>$/i))) (test (path a)))"},
		{"redundant parentheses", "X should have ((a))",
			"(rule assert (target X) (test (path a)))"},

		// Comparisons.
		{"all comparison operators", "X should have a = 1 and b != 2 and c < 3 and d > 4 and e <= 5 and f >= 6",
			"(rule assert (target X) (and (and (and (and (and (= (path a) 1) (!= (path b) 2)) (< (path c) 3)) (> (path d) 4)) (<= (path e) 5)) (>= (path f) 6)))"},
		{"no spaces", "X should have port<=22 and portTo>=22",
			"(rule assert (target X) (and (<= (path port) 22) (>= (path portTo) 22)))"},
		{"path on both sides", "IamUser should have firstAccessKey.lastUsedDate > firstAccessKey.lastRotated",
			"(rule assert (target IamUser) (> (path firstAccessKey lastUsedDate) (path firstAccessKey lastRotated)))"},
		{"literal on the left", "X should have 1 = a",
			"(rule assert (target X) (= 1 (path a)))"},
		{"like", "X should have name like '%db%'",
			"(rule assert (target X) (like (path name) \"%db%\"))"},
		{"unlike", "X should have name UNLIKE \"x%\"",
			"(rule assert (target X) (unlike (path name) \"x%\"))"},
		{"regexMatch", `X should have name regexMatch /^\w*-(pro|prod)-/`,
			`(rule assert (target X) (regexMatch (path name) /^\w*-(pro|prod)-/))`},
		{"regexMatch flags and escaped slash", `X should have a regexMatch /^s3:\/Put\//ims`,
			`(rule assert (target X) (regexMatch (path a) /^s3:\/Put\//ims))`},
		{"regexMatch no space", `X should have a regexMatch/x/`,
			`(rule assert (target X) (regexMatch (path a) /x/))`},
		{"in numbers", "X should have port in (20, 21,22)",
			"(rule assert (target X) (in (path port) (list 20 21 22)))"},
		{"in single", "X should have a in ('7')",
			"(rule assert (target X) (in (path a) (list \"7\")))"},
		{"in mixed literals", "X should have a in ('x', 1, -2.5, true, null)",
			"(rule assert (target X) (in (path a) (list \"x\" 1 -2.5 true null)))"},

		// Literals.
		{"strings", `X should have a = 'it\'s' and b = "say \"hi\"" and c = 'back\\slash' and d = '\n\t\r'`,
			`(rule assert (target X) (and (and (and (= (path a) "it's") (= (path b) "say \"hi\"")) (= (path c) "back\\slash")) (= (path d) "\n\t\r")))`},
		{"empty string", "X should have a = ''",
			`(rule assert (target X) (= (path a) ""))`},
		{"unicode string", "X should have a = 'héllo ✓'",
			`(rule assert (target X) (= (path a) "héllo ✓"))`},
		{"numbers", "X should have a = 4294967296 and b = -90 and c = 1.5 and d = -0.25 and e = 9223372036854775807",
			"(rule assert (target X) (and (and (and (and (= (path a) 4294967296) (= (path b) -90)) (= (path c) 1.5)) (= (path d) -0.25)) (= (path e) 9223372036854775807)))"},
		{"booleans any case and null", "X should have a = true and b = FALSE and c = True and d = null and e = NULL",
			"(rule assert (target X) (and (and (and (and (= (path a) true) (= (path b) false)) (= (path c) true)) (= (path d) null)) (= (path e) null)))"},
		{"quoted booleans stay strings", "X should have a = 'true'",
			`(rule assert (target X) (= (path a) "true"))`},

		// Paths.
		{"dotted path", "X should have passwordPolicy.minPasswordLength >= 14",
			"(rule assert (target X) (>= (path passwordPolicy minPasswordLength) 14))"},
		{"colon and dash in segments", "S3Bucket should have Condition.Bool.aws:SecureTransport='true' and Condition.Null.s3:x-amz-server-side-encryption='true'",
			`(rule assert (target S3Bucket) (and (= (path Condition Bool aws:SecureTransport) "true") (= (path Condition Null s3:x-amz-server-side-encryption) "true")))`},
		{"backquoted segment", "X should have tags.`aws:cloudformation:stack-name` = 'x'",
			"(rule assert (target X) (= (path tags `aws:cloudformation:stack-name`) \"x\"))"},
		{"backquoted first segment with spaces", "X should have `odd name (1)`.b",
			"(rule assert (target X) (test (path `odd name (1)` b)))"},
		{"keyword after a dot is a name", "X should have a.and.not.in.true = 1",
			"(rule assert (target X) (= (path a and not in true) 1))"},
		{"keywords do not match prefixes", "X should have android and notes and within and inboundRules and orders and haveIt and nullable and trueish",
			"(rule assert (target X) (and (and (and (and (and (and (and (test (path android)) (test (path notes))) (test (path within))) (test (path inboundRules))) (test (path orders))) (test (path haveIt))) (test (path nullable))) (test (path trueish))))"},
		{"dash in a name is not a minus", "X should have a-1 = -1",
			"(rule assert (target X) (= (path a-1) -1))"},
		{"dollar", "X should have Resource contain[$='*']",
			`(rule assert (target X) (test (contain (path Resource) (= (path $) "*"))))`},
		{"dollar path", "X should have items contain [$.a.b = 1]",
			"(rule assert (target X) (test (contain (path items) (= (path $ a b) 1))))"},

		// Array operators.
		{"contain", "X should have inboundRules contain [port <= 22 and portTo >= 22]",
			"(rule assert (target X) (test (contain (path inboundRules) (and (<= (path port) 22) (>= (path portTo) 22)))))"},
		{"contain-any", "X should have nics contain-any [a]",
			"(rule assert (target X) (test (contain-any (path nics) (test (path a)))))"},
		{"contain-all", "X should have nodePools contain-all [config.imageType='COS']",
			`(rule assert (target X) (test (contain-all (path nodePools) (= (path config imageType) "COS"))))`},
		{"contain-none", "IamUser should have managedPolicies contain-none[arn or name]",
			"(rule assert (target IamUser) (test (contain-none (path managedPolicies) (or (test (path arn)) (test (path name))))))"},
		{"contain-single", "X should have a CONTAIN-SINGLE [b = 1]",
			"(rule assert (target X) (test (contain-single (path a) (= (path b) 1))))"},
		{"with", "Instance should have volumes with [kmsKeyId and encrypted='true']",
			`(rule assert (target Instance) (test (with (path volumes) (and (test (path kmsKeyId)) (= (path encrypted) "true")))))`},
		{"lone literal", "X should have Action contain ['s3:*']",
			`(rule assert (target X) (test (contain (path Action) (= (path $) "s3:*"))))`},
		{"lone literal in parentheses", "X should have Action contain [ ( 's3:*' ) ]",
			`(rule assert (target X) (test (contain (path Action) (= (path $) "s3:*"))))`},
		{"lone number", "X should have ports contain-any [22]",
			"(rule assert (target X) (test (contain-any (path ports) (= (path $) 22))))"},
		{"nested brackets", "ELB should not have elbListeners with [ policies contain [ attributes contain-any [$ in ('Protocol-SSLv3', 'Protocol-TLSv1') ] ] ]",
			`(rule assert (target ELB) not (test (with (path elbListeners) (test (contain (path policies) (test (contain-any (path attributes) (in (path $) (list "Protocol-SSLv3" "Protocol-TLSv1")))))))))`},
		{"groupBy", "List<LogProfile> should have items groupBy [properties.categories] contain-all[values length() > 34]",
			"(rule assert (target List<LogProfile>) (test (contain-all (groupBy (path items) (path properties categories)) (> (call length (path values)) 34))))"},
		{"with then function", "List<CloudTrail> should have items with [hasSNSSubscriber='true'] length() > 0",
			`(rule assert (target List<CloudTrail>) (> (call length (with (path items) (= (path hasSNSSubscriber) "true"))) 0))`},
		{"with then array operator", "X should have a with [b] contain [c]",
			"(rule assert (target X) (test (contain (with (path a) (test (path b))) (test (path c)))))"},

		// Functions.
		{"function compared", "X should have scope numberOfHosts() > 256",
			"(rule assert (target X) (> (call numberOfHosts (path scope)) 256))"},
		{"function with argument", "X should have inboundRules allowedHostsForPort(22) > 32",
			"(rule assert (target X) (> (call allowedHostsForPort (path inboundRules) 22) 32))"},
		{"function two arguments", "X should not have passwordLastUsed after(-90, 'days')",
			`(rule assert (target X) not (test (call after (path passwordLastUsed) -90 "days")))`},
		{"space before parenthesis", "X should have d after (-24,'hours')",
			`(rule assert (target X) (test (call after (path d) -24 "hours")))`},
		{"function chain", "X should have a isEmpty() isEmpty()",
			"(rule assert (target X) (test (call isEmpty (call isEmpty (path a)))))"},
		{"not function", "Region where ( not vpcs isEmpty() ) should have a",
			"(rule assert (target Region) (where (not (test (call isEmpty (path vpcs))))) (test (path a)))"},
		{"function with path argument", "X should have a f(b.c, $)",
			"(rule assert (target X) (test (call f (path a) (path b c) (path $))))"},
		{"function named like a keyword prefix", "X should have a inside()",
			"(rule assert (target X) (test (call inside (path a))))"},
		{"long filter pattern argument", "CloudTrail should have metricFilters with [filterPattern isFilterPatternEqual('{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode =AccessDenied*) }')]",
			`(rule assert (target CloudTrail) (test (with (path metricFilters) (test (call isFilterPatternEqual (path filterPattern) "{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode =AccessDenied*) }")))))`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if got := Dump(r); got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if r.Source != tt.src {
				t.Errorf("Source = %q, want %q", r.Source, tt.src)
			}
			checkSpans(t, tt.src, r)
			checkRoundTrip(t, r)
		})
	}
}

// checkSpans verifies that every node's span is well formed: Line and
// Column agree with Offset (columns in runes), a span does not end before it
// starts, and children lie within their parents.
func checkSpans(t *testing.T, src string, r *Rule) {
	t.Helper()
	var stack []Span
	Inspect(r, func(n Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		sp := n.Span()
		for _, p := range []Pos{sp.Start, sp.End} {
			if want := posAt(src, p.Offset); p != want {
				t.Errorf("%s: position %+v, want %+v", Dump(n), p, want)
			}
		}
		if sp.End.Offset < sp.Start.Offset {
			t.Errorf("%s: span ends before it starts: %+v", Dump(n), sp)
		}
		if len(stack) > 0 {
			parent := stack[len(stack)-1]
			if sp.Start.Offset < parent.Start.Offset || sp.End.Offset > parent.End.Offset {
				t.Errorf("%s: span %+v outside its parent's %+v", Dump(n), sp, parent)
			}
		}
		if p, ok := n.(*Path); ok {
			for _, s := range p.Segments {
				text := src[s.Span().Start.Offset:s.Span().End.Offset]
				if s.Quoted {
					text = strings.Trim(text, "`")
				}
				if text != s.Name {
					t.Errorf("segment %q spans %q", s.Name, text)
				}
			}
		}
		stack = append(stack, sp)
		return true
	})
}

// posAt computes the position of byte offset off in src the slow way.
func posAt(src string, off int) Pos {
	line := 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return Pos{Offset: off, Line: line, Column: 1 + utf8.RuneCountInString(src[start:off])}
}

// checkRoundTrip verifies that Format(r) parses back to the same tree and
// that formatting is stable.
func checkRoundTrip(t *testing.T, r *Rule) {
	t.Helper()
	f := Format(r)
	r2, err := Parse(f)
	if err != nil {
		t.Errorf("Format gave %q, which does not parse: %v", f, err)
		return
	}
	if Dump(r2) != Dump(r) {
		t.Errorf("round trip through %q changed the tree\nbefore %s\n after %s", f, Dump(r), Dump(r2))
	}
	if f2 := Format(r2); f2 != f {
		t.Errorf("Format is not stable:\n%s\n%s", f, f2)
	}
}

// TestSpans checks the text covered by selected nodes.
func TestSpans(t *testing.T) {
	src := "Instance where name = 'é' should not have\n  tags contain-any [key like '%x%'] and\tscope numberOfHosts() > 256"
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	text := func(n Node) string {
		sp := n.Span()
		return src[sp.Start.Offset:sp.End.Offset]
	}
	if got := text(r); got != src {
		t.Errorf("rule spans %q", got)
	}
	if got := text(r.Target); got != "Instance" {
		t.Errorf("target spans %q", got)
	}
	if got := text(r.Where); got != "name = 'é'" {
		t.Errorf("where spans %q", got)
	}
	and := r.Cond.(*Logical)
	arr := and.X.(*Test).X.(*ArrayOp)
	if got := text(arr); got != "tags contain-any [key like '%x%']" {
		t.Errorf("array op spans %q", got)
	}
	if arr.OpPos != (Pos{Offset: 50, Line: 2, Column: 8}) {
		t.Errorf("array op OpPos = %+v", arr.OpPos)
	}
	cmp := and.Y.(*Compare)
	if got := text(cmp); got != "scope numberOfHosts() > 256" {
		t.Errorf("compare spans %q", got)
	}
	call := cmp.X.(*Call)
	if got := text(call); got != "scope numberOfHosts()" {
		t.Errorf("call spans %q", got)
	}
	if call.NamePos.Line != 2 || call.NamePos.Column != 47 {
		t.Errorf("call NamePos = %+v", call.NamePos)
	}
	// The where string holds a two-byte rune: columns count runes.
	str := r.Where.(*Compare).Y.(*String)
	if str.Span().End.Column != str.Span().Start.Column+3 {
		t.Errorf("string span %+v should be 3 characters wide", str.Span())
	}
	in, err := Parse("X should have a in ( 1, 2 )")
	if err != nil {
		t.Fatal(err)
	}
	list := in.Cond.(*Compare).Y.(*List)
	if sp := list.Span(); sp.Start.Column != 20 || sp.End.Column != 28 {
		t.Errorf("list span %+v, want columns 20 to 28", sp)
	}
}

// TestParseErrors checks the message, position, caret and hint of errors.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		pos       string // line:col
		msg       string // substring of Msg
		expected  string // substring of the joined Expected, if set
		hint      string // substring of Hint, if set
		caret     string // the caret line, if set
	}{
		{name: "misspelled should", src: "Instance shuold have vpc", pos: "1:10",
			msg: `unexpected "shuold"`, expected: `"should"`, hint: `did you mean "should"?`, caret: "         ^~~~~~"},
		{name: "List target not closed", src: "List<Instance should have items", pos: "1:15",
			msg: `unexpected "should" after "List<Instance"`, expected: `">"`, hint: "List<Type>", caret: "              ^~~~~~"},
		{name: "List target cut off", src: "List<Instance", pos: "1:14",
			msg: `unexpected end of rule after "List<Instance"`, expected: `">"`},
		{name: "List target without a type", src: "List<> should have items", pos: "1:5",
			msg: `"List<>" names no entity type`, expected: "entity type", caret: "    ^~"},
		{name: "List target with a literal", src: "List<'x'> should have items", pos: "1:6",
			msg: `unexpected string 'x' after "List<"`, expected: "entity type"},
		{name: "constant rule with more", src: "true should have a", pos: "1:6",
			msg: `unexpected "should" after "true"`, hint: "only that word", caret: "     ^~~~~~"},
		{name: "constant rule with a filter", src: "False where x = 1", pos: "1:7",
			msg: `unexpected "where" after "False"`, hint: "manual control"},
		{name: "empty in list", src: "X should have a in ()", pos: "1:21",
			msg: `empty list after "in"`, expected: "literal", hint: "parenthesised list"},
		{name: "misspelled where", src: "Instance whree a should have b", pos: "1:10",
			msg: `unexpected "whree"`, hint: `did you mean "where"?`},
		{name: "contains", src: "X should have Action contains ['s3:*']", pos: "1:22",
			msg: `unexpected "contains"`, hint: `did you mean "contain"?`},
		{name: "contain_any", src: "X should have a contain_any [b]", pos: "1:17",
			hint: `did you mean "contain-any"?`},
		{name: "containany", src: "X should have a containany [b]", pos: "1:17",
			hint: `did you mean "contain-any"?`},
		{name: "contains-all", src: "X should have a contains-all [b]", pos: "1:17",
			hint: `did you mean "contain-all"?`},
		{name: "regexmatch misspelled", src: "X should have a regexMatches /x/", pos: "1:17",
			hint: `did you mean "regexMatch"?`},
		{name: "adn", src: "X should have a adn b", pos: "1:17", hint: `did you mean "and"?`},
		{name: "double equals", src: "X should have a == 1", pos: "1:17",
			msg: `unexpected "=="`, hint: `did you mean "="?`},
		{name: "angle not equal", src: "X should have a <> 1", pos: "1:17", hint: `did you mean "!="?`},
		{name: "ampersands", src: "X should have a && b", pos: "1:17", hint: `did you mean "and"?`},
		{name: "pipes", src: "X should have a || b", pos: "1:17", hint: `did you mean "or"?`},
		{name: "bang", src: "X should have ! a", pos: "1:15", hint: `did you mean "not"?`},
		{name: "extra paren", src: "S3Bucket should have s contain [E='D' and (A='x' and C='t')])", pos: "1:61",
			msg: `unmatched ")"`, caret: strings.Repeat(" ", 60) + "^"},
		{name: "extra bracket", src: "List<L> should have items with [a='true' and b >= 365] length() >0]", pos: "1:67",
			msg: `unmatched "]"`, caret: strings.Repeat(" ", 66) + "^"},
		{name: "typographic quote", src: "VirtualMachine should have tags contain [ ( key like ‘Prod' ) ]", pos: "1:54",
			msg: "typographic quote \"‘\" (U+2018", hint: "straight quote", caret: strings.Repeat(" ", 53) + "^"},
		{name: "typographic double quote", src: "X should have a = “b”", pos: "1:19",
			msg: "typographic quote", hint: `straight quote "`},
		{name: "where after condition", src: "PostgreSQL should have c with [ value='ON'] where name='x'", pos: "1:45",
			msg: `"where" after the condition`, hint: "before", caret: strings.Repeat(" ", 44) + "^~~~~"},
		{name: "glued function", src: "NetworkSecurityGroup should have networkAssetsStatslength()>0", pos: "1:34",
			msg: "networkAssetsStatslength", hint: `did you mean "networkAssetsStats length()"?`},
		{name: "unknown clause", src: "Instance should have vpc exclude name='test'", pos: "1:26",
			msg: `unexpected "exclude"`, expected: "end of rule"},
		{name: "missing operand", src: "X should have port <=", pos: "1:22",
			msg: `unexpected end of rule after "<="`, expected: "operand"},
		{name: "missing operand in brackets", src: "X should have a contain [port <= ]", pos: "1:34",
			msg: `unexpected "]" after "<="`, expected: "operand"},
		{name: "operator after operator", src: "X should have port <= and x", pos: "1:23",
			msg: `unexpected "and" after "<="`},
		{name: "dangling and", src: "X should have a and", pos: "1:20",
			msg: `unexpected end of rule after "and"`, expected: "condition"},
		{name: "dangling and not", src: "X should have a and not", pos: "1:24",
			msg: `unexpected end of rule after "not"`, expected: "condition"},
		{name: "dangling should not have", src: "X where a should not have", pos: "1:26",
			msg: `unexpected end of rule after "have"`, expected: "condition"},
		{name: "double and", src: "X should have a and and b", pos: "1:21",
			msg: `unexpected "and" after "and"`},
		{name: "empty condition", src: "Instance should have", pos: "1:21", expected: "condition"},
		{name: "empty condition after not", src: "Instance should not", pos: "1:20", expected: "condition"},
		{name: "empty where", src: "Instance where should have a", pos: "1:16", msg: `unexpected "should" after "where"`, expected: "condition"},
		{name: "target alone", src: "Instance", pos: "1:9", expected: `"where", "should"`},
		{name: "no target", src: "should have a", pos: "1:1", expected: "entity type"},
		{name: "empty rule", src: "   ", pos: "1:4", msg: "unexpected end of rule"},
		{name: "unclosed paren", src: "X should have (a = 1", pos: "1:21", expected: `")"`},
		{name: "unclosed bracket", src: "X should have a contain [b", pos: "1:27", expected: `"]"`},
		{name: "bracket closed by paren", src: "X should have a contain [(b]", pos: "1:28", expected: `")"`},
		{name: "unterminated string", src: "X should have a = 'abc", pos: "1:19", msg: "unterminated string"},
		{name: "unterminated double string", src: "X should have a = \"abc", pos: "1:19", msg: "unterminated string"},
		{name: "unterminated backquote", src: "X should have `abc", pos: "1:15", msg: "unterminated backquoted"},
		{name: "empty backquote", src: "X should have a.`` = 1", pos: "1:17", msg: "empty property name"},
		{name: "bad escape", src: `X should have a = 'a\qb'`, pos: "1:21", msg: `unknown escape sequence \q`,
			caret: strings.Repeat(" ", 20) + "^~"},
		{name: "regex without regexMatch", src: "X should have a = /x/", pos: "1:19", msg: "only follow regexMatch"},
		{name: "regexMatch without regex", src: "X should have a regexMatch 'x'", pos: "1:28",
			msg: "after regexMatch", expected: "regular expression"},
		{name: "unterminated regex", src: "X should have a regexMatch /x", pos: "1:28", msg: "unterminated regular expression"},
		{name: "bad regex flag", src: "X should have a regexMatch /x/ig", pos: "1:32", msg: `unknown regular expression flag "g"`},
		{name: "repeated regex flag", src: "X should have a regexMatch /x/ii", pos: "1:32", msg: `repeated regular expression flag "i"`},
		{name: "in without list", src: "X should have a in 'x'", pos: "1:20", msg: `after "in"`, hint: "parenthesised list"},
		{name: "in with a list without parentheses", src: "X should have port in 22, 3389", pos: "1:23",
			msg: `unexpected number 22 after "in"`, hint: "parenthesised list", caret: "                      ^~"},
		{name: "in with path", src: "X should have a in (b)", pos: "1:21", expected: "literal"},
		{name: "empty in list", src: "X should have a in ()", pos: "1:21", expected: "literal"},
		{name: "list after equals", src: "X should have a = (1, 2)", pos: "1:19", hint: `only follow "in"`},
		{name: "like number", src: "X should have a like 5", pos: "1:22", hint: "quoted pattern"},
		{name: "like path", src: "X should have a like b", pos: "1:22", hint: "quoted pattern"},
		{name: "trailing dot", src: "X should have a.b. = 1", pos: "1:20", msg: `unexpected "=" after "."`, expected: "property name"},
		{name: "dollar inside path", src: "X should have a.$ = 1", pos: "1:17", msg: `"$" may only start a path`},
		{name: "trailing comma in call", src: "X should have x after(1,)", pos: "1:25", msg: `unexpected ")" after ","`},
		{name: "missing comma in call", src: "X should have x after(1 'days')", pos: "1:25", expected: `")"`},
		{name: "groupBy condition", src: "X should have x groupBy [a = 1]", pos: "1:26", msg: "groupBy takes a property path"},
		{name: "array operator with parenthesis", src: "X should have x contain (a)", pos: "1:25", hint: "condition in brackets"},
		{name: "array operator without bracket", src: "X should have x contain", pos: "1:24", expected: `"["`},
		{name: "type argument on non-List", src: "Foo<Bar> should have x", pos: "1:1", msg: "only List<Type>"},
		{name: "integer overflow", src: "X should have a = 9223372036854775808", pos: "1:19", msg: "does not fit in 64 bits"},
		{name: "non-breaking space", src: "X should have a =\u00a01", pos: "1:18", msg: "U+00A0 NO-BREAK SPACE"},
		{name: "unknown character", src: "X should have a = 1 ; b", pos: "1:21", msg: `unexpected ";"`},
		{name: "invalid UTF-8", src: "X should have a = 1 and \xff", pos: "1:25", msg: "invalid UTF-8: byte 0xFF"},
		{name: "real U+FFFD", src: "X should have a = 1 and \ufffd", pos: "1:25", msg: "unexpected \"\ufffd\" (U+FFFD)"},
		{name: "multi-line position", src: "X should have\n  a = 1 and\n  b ==2", pos: "3:5", msg: `unexpected "=="`,
			caret: "    ^~"},
		{name: "caret after a wide rune", src: "X where n = 'ü' should have a = 1)", pos: "1:34", msg: "unmatched",
			caret: strings.Repeat(" ", 33) + "^"},
		{name: "caret after a tab", src: "X should\thave a = 1)", pos: "1:20", caret: "        \t" + strings.Repeat(" ", 10) + "^"},
		{name: "const with trailing text", src: "true and false", pos: "1:6", msg: `unexpected "and"`},
		{name: "keyword as first segment", src: "X should have in = 1", pos: "1:15", msg: `unexpected "in"`},
		// A part that has begun is held to: the error is where it fails.
		{name: "path in a list", src: "X should have a in (1, b)", pos: "1:24", msg: `unexpected "b"`, expected: "literal"},
		{name: "unfinished call", src: "Region where ( not vpcs isEmpty(", pos: "1:33",
			msg: "unexpected end of rule", expected: `")"`},
		{name: "unfinished bracket", src: "S3Bucket should not have ( acl.grants contain [", pos: "1:48",
			msg: "unexpected end of rule", expected: `condition, "]"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tt.src)
			}
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("Parse(%q) returned %T %v, want a non-empty ErrorList", tt.src, err, err)
			}
			e := list[0]
			if got := fmt.Sprintf("%d:%d", e.Pos.Line, e.Pos.Column); got != tt.pos {
				t.Errorf("position %s, want %s\n%s", got, tt.pos, e.Detail())
			}
			if want := posAt(tt.src, e.Pos.Offset); e.Pos != want {
				t.Errorf("Pos %+v disagrees with its offset: %+v", e.Pos, want)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tt.msg)
			}
			if exp := strings.Join(e.Expected, ", "); !strings.Contains(exp, tt.expected) {
				t.Errorf("expected %q does not contain %q", exp, tt.expected)
			}
			if !strings.Contains(e.Hint, tt.hint) {
				t.Errorf("hint %q does not contain %q", e.Hint, tt.hint)
			}
			lines := strings.Split(e.Detail(), "\n")
			if len(lines) < 3 {
				t.Fatalf("Detail has %d lines:\n%s", len(lines), e.Detail())
			}
			if !strings.HasPrefix(lines[0], tt.pos+": "+e.Msg) {
				t.Errorf("Detail first line %q", lines[0])
			}
			if srcLine := strings.Split(tt.src, "\n")[e.Pos.Line-1]; lines[1] != srcLine {
				t.Errorf("Detail source line %q, want %q", lines[1], srcLine)
			}
			if tt.caret != "" && lines[2] != tt.caret {
				t.Errorf("caret line\n%q\nwant\n%q\n%s", lines[2], tt.caret, e.Detail())
			}
			if e.Hint != "" && lines[len(lines)-1] != "hint: "+e.Hint {
				t.Errorf("Detail does not end with the hint:\n%s", e.Detail())
			}
		})
	}
}

// TestErrorCollectsAll checks that problems found after the grammar accepted
// the rule are all reported.
func TestErrorCollectsAll(t *testing.T) {
	_, err := Parse(`X should have a = 'a\q' and b regexMatch /x/z and c = 99999999999999999999`)
	list, ok := err.(ErrorList)
	if !ok || len(list) != 3 {
		t.Fatalf("got %v, want 3 errors", err)
	}
	if !strings.Contains(err.Error(), "(and 2 more errors)") {
		t.Errorf("Error() = %q", err.Error())
	}
	if got := list[:2].Error(); !strings.HasSuffix(got, " (and 1 more error)") {
		t.Errorf("Error() of two = %q", got)
	}
}

func TestLimits(t *testing.T) {
	deep := "X should have " + strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1)
	if _, err := Parse(deep); err == nil || !strings.Contains(err.Error(), "nesting is too deep") {
		t.Errorf("deep parentheses: %v", err)
	}
	ok := "X should have " + strings.Repeat("(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(ok); err != nil {
		t.Errorf("%d levels should parse: %v", MaxDepth, err)
	}
	nots := "X should have " + strings.Repeat("not ", MaxDepth+1) + "a"
	if _, err := Parse(nots); err == nil || !strings.Contains(err.Error(), "nesting is too deep") {
		t.Errorf("deep not: %v", err)
	}
	// Many nots in sequence, not nested, are fine.
	flat := "X should have " + strings.Repeat("not a and ", 200) + "a"
	if _, err := Parse(flat); err != nil {
		t.Errorf("flat nots: %v", err)
	}
	brackets := "X should have " + strings.Repeat("a contain [", MaxDepth+1) + "b" + strings.Repeat("]", MaxDepth+1)
	if _, err := Parse(brackets); err == nil || !strings.Contains(err.Error(), "nesting is too deep") {
		t.Errorf("deep brackets: %v", err)
	}
	huge := "X should have a = '" + strings.Repeat("x", MaxRuleBytes) + "'"
	if _, err := Parse(huge); err == nil || !strings.Contains(err.Error(), "rule is too long") {
		t.Errorf("long rule: %v", err)
	}
	// Deeply nested input far beyond the limit fails fast, without
	// exhausting the stack.
	abuse := strings.Repeat("(", 60000)
	if _, err := Parse("X should have " + abuse); err == nil {
		t.Error("abuse parsed")
	}
	// A long flat chain is within the limits.
	chain := "X should have a" + strings.Repeat(" and a", 5000)
	if _, err := Parse(chain); err != nil {
		t.Errorf("long chain: %v", err)
	}
}

func TestParseFile(t *testing.T) {
	src := "# Network rules\n" +
		"Instance should have vpc\n" +
		"\n" +
		"\n" +
		"# broken\n" +
		"Instance shuold have vpc\n" +
		"\n" +
		"ELB where isPublic = true\n" +
		"  # a comment inside a rule\n" +
		"  should not have\n" +
		"  listeners contain [port = 22]\n" +
		"   \t\n" +
		"X should have a = 1)\n" +
		"true\n"
	rules, err := ParseFile("net.gsl", src)
	if len(rules) != 2 {
		t.Fatalf("got %d rules, want 2", len(rules))
	}
	list, ok := err.(ErrorList)
	if !ok || len(list) != 2 {
		t.Fatalf("err = %v, want 2 errors", err)
	}
	if got := list[0].Error(); !strings.HasPrefix(got, `net.gsl:6:10: unexpected "shuold"`) {
		t.Errorf("first error %q", got)
	}
	if got := list[1].Error(); !strings.HasPrefix(got, `net.gsl:13:20: unmatched ")"`) {
		t.Errorf("second error %q", got)
	}
	if list[1].Line != "X should have a = 1)" {
		t.Errorf("second error line %q", list[1].Line)
	}
	if want := "(rule assert (target Instance) (test (path vpc)))"; Dump(rules[0]) != want {
		t.Errorf("rule 1 = %s", Dump(rules[0]))
	}
	r := rules[1]
	if want := `(rule assert (target ELB) (where (= (path isPublic) true)) not (test (contain (path listeners) (= (path port) 22))))`; Dump(r) != want {
		t.Errorf("rule 2 = %s", Dump(r))
	}
	if r.Span().Start != (Pos{Offset: 78, Line: 8, Column: 1}) {
		t.Errorf("rule 2 starts at %+v", r.Span().Start)
	}
	if !strings.HasPrefix(r.Source, "ELB where") || !strings.HasSuffix(r.Source, "[port = 22]") {
		t.Errorf("rule 2 source %q", r.Source)
	}
	if got := src[r.Span().Start.Offset:r.Span().End.Offset]; !strings.HasSuffix(got, "[port = 22]") {
		t.Errorf("rule 2 span covers %q", got)
	}
	checkSpans(t, src, r)
	// Errorf finds the line in the rule's own source.
	port := r.Cond.(*Test).X.(*ArrayOp).Body.(*Compare)
	e := r.Errorf(port.Span(), "bad %s", "port")
	if e.Line != "  listeners contain [port = 22]" || e.Pos.Line != 11 || e.Pos.Column != 22 {
		t.Errorf("Errorf gave %+v", e)
	}
	if got := strings.Split(e.Detail(), "\n")[2]; got != strings.Repeat(" ", 21)+"^"+strings.Repeat("~", 8) {
		t.Errorf("Errorf caret %q", got)
	}

	// A file with nothing but comments and blank lines holds no rules.
	rules, err = ParseFile("empty.gsl", "# nothing\n\n   \n#\n")
	if len(rules) != 0 || err != nil {
		t.Errorf("empty file: %d rules, %v", len(rules), err)
	}
	// CRLF line endings.
	rules, err = ParseFile("crlf.gsl", "A should have a\r\n\r\nB should have b\r\n")
	if len(rules) != 2 || err != nil {
		t.Errorf("CRLF file: %d rules, %v", len(rules), err)
	}
}

func TestErrorf(t *testing.T) {
	src := "\n  X should have\n  a regexMatch /[/"
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	re := r.Cond.(*Compare).Y
	e := r.Errorf(re.Span(), "bad regex")
	want := "3:16: bad regex\n  a regexMatch /[/\n               ^~~"
	if got := e.Detail(); got != want {
		t.Errorf("Detail:\n%s\nwant\n%s", got, want)
	}
}

// TestSuggest checks the "did you mean" hints over GSL's own words.
func TestSuggest(t *testing.T) {
	tests := []struct {
		name  string
		cands []string
		want  string
	}{
		{"shuold", keywordNames, "should"},
		{"contains", keywordNames, "contain"},
		{"contain_any", keywordNames, "contain-any"},
		{"containany", keywordNames, "contain-any"},
		{"CONTAIN-ANY", keywordNames, "contain-any"},
		{"wehre", keywordNames, "where"},
		{"lenght", functionNames, "length"},
		{"isempty", functionNames, "isEmpty"},
		{"numberOfHost", functionNames, "numberOfHosts"},
		{"frobnicate", functionNames, ""},
		{"x", keywordNames, ""},
		{"", keywordNames, ""},
		{"in", nil, ""},
	}
	for _, tt := range tests {
		if got := textdist.Closest(tt.name, tt.cands); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestConcurrentParse parses from many goroutines at once; run with -race.
func TestConcurrentParse(t *testing.T) {
	srcs := []string{
		"Instance should have vpc",
		"X should have a contain [b = 1 and c regexMatch /x/i]",
		"List<X> should have items groupBy [a] length() > 1",
		"X should have a = ",
	}
	want := make([]string, len(srcs))
	for i, s := range srcs {
		r, err := Parse(s)
		want[i] = fmt.Sprint(err)
		if err == nil {
			want[i] = Dump(r)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(srcs)
				r, err := Parse(srcs[i])
				got := fmt.Sprint(err)
				if err == nil {
					got = Dump(r)
				}
				if got != want[i] {
					t.Errorf("concurrent Parse(%q) = %s, want %s", srcs[i], got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}
