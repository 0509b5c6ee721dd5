package builtin

import (
	"strings"

	"github.com/tidwall/gjson"
)

// This file answers the questions rules ask about IAM policy statements:
// whether a statement grants access to anyone (grantsPublicAccess) and
// whether an action pattern covers an action (coversAction). Field names and
// operator names are matched ignoring case, as the IAM policy grammar
// treats them; Effect values too, so that a hand-written "allow" does not
// slip past a rule.

// restrictingKeys are the condition keys that, compared with an operator
// that narrows, limit who may make the request: the caller's identity,
// account or organization, or the network or resource it comes from. The
// list follows IAM Access Analyzer's "keys that restrict public access".
var restrictingKeys = []string{
	"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
	"aws:PrincipalServiceName",
	"aws:SourceArn", "aws:SourceAccount", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
	"aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp",
	"aws:userid", "aws:username",
	"kms:CallerAccount", "s3:DataAccessPointAccount", "s3:DataAccessPointArn",
	"lambda:EventSourceToken", "sns:Endpoint",
}

// narrowingOps are the condition operators (after a ForAnyValue: prefix is
// removed) that admit only the listed values. Negated operators
// (StringNotEquals, NotIpAddress ...) admit everyone but a few, Null and
// Bool test presence or a flag, and an ...IfExists operator admits every
// caller whose request lacks the key: none of them restricts who may call.
var narrowingOps = []string{
	"StringEquals", "StringEqualsIgnoreCase", "StringLike",
	"ArnEquals", "ArnLike", "IpAddress",
}

// grantsPublic reports whether v, a policy statement, grants access to
// anyone. An array is public when any element is; a policy document (an
// object with a Statement member) when any of its statements is.
func grantsPublic(v Value) bool {
	switch v.Kind() {
	case Array:
		public := false
		v.ForEach(func(_ int, e Value) bool {
			public = grantsPublic(e)
			return !public
		})
		return public
	case Object:
	default:
		return false
	}
	if st, ok := memberFold(v, "Statement"); ok {
		return grantsPublic(st)
	}
	effect, _ := memberFold(v, "Effect")
	if effect.Kind() != String || !strings.EqualFold(effect.Str(), "Allow") {
		return false
	}
	if np, ok := memberFold(v, "NotPrincipal"); ok && np.Kind() != Null {
		// Allow with NotPrincipal grants to everyone except the listed
		// principals.
		return !conditionRestricts(v)
	}
	p, _ := memberFold(v, "Principal")
	return principalIsAnyone(p) && !conditionRestricts(v)
}

// principalIsAnyone reports whether a Principal value names every caller:
// "*", or an object one of whose values (AWS, CanonicalUser, Federated,
// Service), a string or an array of strings, is "*" or holds a wildcard
// (an ARN such as arn:aws:iam::*:root names every account).
func principalIsAnyone(p Value) bool {
	switch p.Kind() {
	case String:
		return strings.Contains(p.Str(), "*")
	case Object:
		anyone := false
		p.r.ForEach(func(_, val gjson.Result) bool {
			anyone = stringsHaveWildcard(Value{val})
			return !anyone
		})
		return anyone
	}
	return false
}

func stringsHaveWildcard(v Value) bool {
	switch v.Kind() {
	case String:
		return strings.Contains(v.Str(), "*")
	case Array:
		found := false
		v.ForEach(func(_ int, e Value) bool {
			found = e.Kind() == String && strings.Contains(e.Str(), "*")
			return !found
		})
		return found
	}
	return false
}

// conditionRestricts reports whether the statement's Condition limits the
// callers: some restricting key is compared with a narrowing operator to
// values none of which is a bare wildcard (or, for IpAddress, the whole
// address space). Condition blocks are ANDed, so one such key is enough.
func conditionRestricts(stmt Value) bool {
	cond, ok := memberFold(stmt, "Condition")
	if !ok || cond.Kind() != Object {
		return false
	}
	restricts := false
	cond.r.ForEach(func(op, block gjson.Result) bool {
		name := op.String()
		if len(name) > len("ForAnyValue:") && strings.EqualFold(name[:len("ForAnyValue:")], "ForAnyValue:") {
			name = name[len("ForAnyValue:"):]
		}
		if !oneOfFold(name, narrowingOps) || !block.IsObject() {
			return true
		}
		block.ForEach(func(key, vals gjson.Result) bool {
			k := key.String()
			if oneOfFold(k, restrictingKeys) && valuesNarrow(Value{vals}, strings.EqualFold(name, "IpAddress"), strings.HasSuffix(strings.ToLower(k), "arn")) {
				restricts = true
			}
			return !restricts
		})
		return !restricts
	})
	return restricts
}

// valuesNarrow reports whether condition values admit less than everyone:
// at least one value, and none that is "*" (or, for an address condition,
// a /0 network; for an ARN condition, an ARN whose account is a wildcard,
// such as arn:aws:iam::*:role/admin, which names that role in every
// account).
func valuesNarrow(v Value, ip, arn bool) bool {
	open := func(s string) bool {
		switch {
		case ip:
			return strings.HasSuffix(strings.TrimSpace(s), "/0")
		case arn:
			if parts := strings.SplitN(s, ":", 6); len(parts) == 6 && strings.ContainsAny(parts[4], "*?") {
				return true
			}
		}
		return strings.Trim(s, "*?") == ""
	}
	switch v.Kind() {
	case String:
		return !open(v.Str())
	case Number, Bool:
		return true
	case Array:
		n, narrow := 0, true
		v.ForEach(func(_ int, e Value) bool {
			n++
			if e.Kind() == String && open(e.Str()) {
				narrow = false
			}
			return narrow
		})
		return narrow && n > 0
	}
	return false
}

func oneOfFold(s string, list []string) bool {
	for _, x := range list {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}

// memberFold returns the member of an object whose name equals name ignoring
// case (the first one when several do).
func memberFold(obj Value, name string) (Value, bool) {
	if obj.Kind() != Object {
		return Value{}, false
	}
	var out gjson.Result
	found := false
	obj.r.ForEach(func(k, val gjson.Result) bool {
		if strings.EqualFold(k.String(), name) {
			out, found = val, true
		}
		return !found
	})
	return Value{out}, found
}

// coversAction reports whether v covers action: v is an IAM action
// pattern, an array of them (any covering is enough), or a statement, whose
// Action covers the action or whose NotAction is present and does not.
func coversAction(v Value, action string) bool {
	switch v.Kind() {
	case String:
		return actionMatch(v.Str(), action)
	case Array:
		found := false
		v.ForEach(func(_ int, e Value) bool {
			found = e.Kind() == String && actionMatch(e.Str(), action)
			return !found
		})
		return found
	case Object:
		if a, ok := memberFold(v, "Action"); ok {
			return coversAction(a, action)
		}
		if na, ok := memberFold(v, "NotAction"); ok && na.Kind() != Null {
			// Every action named must escape every NotAction pattern.
			return !overlapsAction(na, action)
		}
	}
	return false
}

// overlapsAction reports whether some action named by action is matched
// by a pattern of v (a pattern or an array of them).
func overlapsAction(v Value, action string) bool {
	if action == "*" {
		action = "*:*"
	}
	switch v.Kind() {
	case String:
		return globsOverlap(v.Str(), action)
	case Array:
		found := false
		v.ForEach(func(_ int, e Value) bool {
			found = e.Kind() == String && globsOverlap(e.Str(), action)
			return !found
		})
		return found
	}
	return false
}

// globsOverlap reports whether some string matches both IAM patterns p
// and q (wildcards * and ?, ignoring case), by a search over positions
// memoised in a bitmap.
func globsOverlap(p, q string) bool {
	seen := make([]bool, (len(p)+1)*(len(q)+1))
	var walk func(i, j int) bool
	walk = func(i, j int) bool {
		k := i*(len(q)+1) + j
		if seen[k] {
			return false
		}
		seen[k] = true
		switch {
		case i == len(p) && j == len(q):
			return true
		case i < len(p) && p[i] == '*':
			return walk(i+1, j) || (j < len(q) && walk(i, j+1))
		case j < len(q) && q[j] == '*':
			return walk(i, j+1) || (i < len(p) && walk(i+1, j))
		case i < len(p) && j < len(q):
			if p[i] == '?' || q[j] == '?' || lowerASCII(p[i]) == lowerASCII(q[j]) {
				return walk(i+1, j+1)
			}
		}
		return false
	}
	return walk(0, 0)
}

// actionMatch reports whether the IAM action pattern p (with the wildcards
// * and ?) covers every action the argument a names, ignoring case. a may
// itself hold '*': "s3:*" for every S3 action, "*" for every action (read
// as "*:*", since every action has a service prefix). A '*' of a can only
// be covered by a '*' of p, so the answer is "p matches every expansion of
// a", never an overlap.
func actionMatch(p, a string) bool {
	if a == "*" {
		a = "*:*"
	}
	return globCovers(p, a, true)
}

// globCovers reports whether the pattern p (wildcards * and ?) matches
// every name a names, where a '*' of a is only covered by a '*' of p;
// fold compares letters ignoring ASCII case (IAM actions), else exactly
// (ARNs).
func globCovers(p, a string, fold bool) bool {
	if p == "*" {
		return true
	}
	// Iterative glob match with backtracking to the last '*' of p.
	pi, ai := 0, 0
	star, mark := -1, 0
	for ai < len(a) {
		if pi < len(p) {
			switch c := p[pi]; {
			case c == '*':
				star, mark = pi, ai
				pi++
				continue
			case a[ai] != '*' && (c == '?' || c == a[ai] || fold && lowerASCII(c) == lowerASCII(a[ai])):
				pi++
				ai++
				continue
			}
		}
		if star < 0 {
			return false
		}
		pi = star + 1
		mark++
		ai = mark
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
