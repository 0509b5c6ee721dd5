package builtin

// operatorDoc documents one operator of GSL for the generated docs
// (Registry.MarkdownDoc).
type operatorDoc struct {
	Name    string // the operator as written: "=", "like", "contain-all"
	Syntax  string // its form: "a = b"
	Doc     string // its meaning
	Example string // a rule using it
}

var operatorDocs = []operatorDoc{
	{"=", "a = b",
		"Equal: same JSON type and value. Numbers compare exactly (integers beyond 2^53 too). A bool equals the string 'true' or 'false' in any case; a number equals a string holding the same decimal number; two strings must match exactly, case included. Arrays and objects equal only an array or object with deep-equal contents (array order matters; object key order does not). Missing equals nothing, not even missing; null equals null.",
		"Iam should have passwordPolicy.requireSymbols = true"},
	{"!=", "a != b",
		"Exactly not (a = b); so missing != 'x' is true.",
		"Instance should have instanceTenancy != 'dedicated'"},
	{"<", "a < b",
		"Less than: two numbers (or a number and a string holding a decimal number) numerically; two strings lexicographically by code point, even when both look numeric; false for any other pair (missing, null, bools, arrays, objects).",
		"Iam should not have passwordPolicy.minimumPasswordLength < 14"},
	{">", "a > b", "Greater than; operands as for <.", "VPC should have subnets length() > 0"},
	{"<=", "a <= b", "Less than or equal; operands as for <.", "Iam should have passwordPolicy.maxPasswordAge <= 90"},
	{">=", "a >= b", "Greater than or equal; operands as for <.", "Iam should have passwordPolicy.passwordReusePrevention >= 24"},
	{"like", "a like 'pattern'",
		"Wildcard match, ignoring case (Unicode simple folding): % matches any run of characters, the empty run included; every other character, _ included, stands for itself. Only strings match; missing, numbers and other values never do. A pattern without % is a case-insensitive equality.",
		"SecurityGroup where name like 'default' should have inboundRules isEmpty()"},
	{"unlike", "a unlike 'pattern'",
		"Exactly not (a like 'pattern'), so a missing operand is unlike every pattern.",
		"S3Bucket should have name unlike '%backup%'"},
	{"regexMatch", "a regexMatch /re/flags",
		"Regular expression search (Go RE2 syntax, unanchored) in a string; flags i (ignore case), m (multi-line) and s (. matches newline). The expression compiles with the rule, so a bad one is a compile error. Only strings match.",
		"Instance should have name regexMatch /^(prod|dev)-[a-z0-9-]+$/i"},
	{"in", "a in (v1, v2, ...)",
		"a = v for at least one v of the literal list.",
		"SecurityGroup should not have inboundRules contain [ port in (22, 3389) and scope = '0.0.0.0/0' ]"},
	{"contain", "list contain [expr]",
		"At least one element satisfies expr, whose paths read the element ($ is the element itself). A missing or null list is empty; a scalar or object is a one-element list. A lone literal, as in [ 's3:*' ], means [ $ = 's3:*' ].",
		"Instance should not have volumes contain [ encrypted = false ]"},
	{"contain-any", "list contain-any [expr]", "The same as contain.", "Lambda should have tags contain-any [ key = 'owner' ]"},
	{"contain-all", "list contain-all [expr]", "Every element satisfies expr; true for an empty list.", "Instance should have volumes contain-all [ encrypted = true ]"},
	{"contain-none", "list contain-none [expr]", "No element satisfies expr; true for an empty list.", "SecurityGroup should have inboundRules contain-none [ scope = '0.0.0.0/0' and port = 22 ]"},
	{"contain-single", "list contain-single [expr]", "Exactly one element satisfies expr.", "IamPolicy should have document.Statement contain-single [ Effect = 'Allow' ]"},
	{"with", "list with [expr]",
		"The elements that satisfy expr, as a list. Used as a condition it is true when that list is not empty; it can be followed by length(), isEmpty() or another array operator.",
		"Instance should not have volumes with [ encrypted = false ] length() > 1"},
	{"groupBy", "list groupBy [path]",
		"A list of {key, values} objects, one per distinct value of path in the elements (distinct by JSON value, without the coercions of =), in first-seen order; values holds the elements with that key. Elements where path is missing form one group of their own, without a key member.",
		"VPC should have subnets groupBy [ availabilityZone ] length() >= 2"},
}
