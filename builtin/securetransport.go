package builtin

import (
	"fmt"
	"strings"
)

// This file answers whether a resource policy refuses every request made
// without TLS (deniesInsecureTransport), the question of FSBP S3.5 and the
// AWS Config rule s3-bucket-ssl-requests-only: a Deny, for every
// principal, of every action asked about on the resource and everything
// under it, whose only condition is aws:SecureTransport false. A Deny with
// any further condition refuses fewer requests (condition blocks are
// ANDed), and a Deny for some principals leaves the others free to use
// plain HTTP.

var deniesInsecureTransportFunc = &Func{
	Name:   "deniesInsecureTransport",
	Recv:   Any,
	Params: []Param{{"action", TString}, {"resource", TString}},
	Result: TBool,
	Doc: "True when the operand, a policy document (an object with a Statement member), an array of statements or " +
		"one statement, has a statement that refuses every request sent without TLS: its Effect is Deny (any case); " +
		"its Principal is everyone ('*', {\"AWS\": \"*\"} or an AWS list holding '*'; a NotPrincipal exempts someone, " +
		"so it does not count); it covers `action` as coversAction reads it ('s3:*' is covered by 's3:*', 'S3:*', '*' " +
		"or a NotAction that matches no S3 action); its Resource covers both `resource` and `resource` + '/*' (for a " +
		"bucket ARN, the bucket and every object in it: '*', 'arn:aws:s3:::b*' or the two ARNs; resource patterns " +
		"use the wildcards '*' and '?' and are case-sensitive, as IAM compares ARNs), or its NotResource matches " +
		"neither; and its Condition is exactly one Bool or BoolIfExists block (any case) holding only the key " +
		"aws:SecureTransport with the value false (the JSON boolean or the string 'false', any case, alone or in a " +
		"list). Any further condition key or block narrows the Deny and makes it not count. `action` must be a " +
		"string literal. An empty string as `resource` asks for no resource: the statement's Resource is then not read " +
		"(CIS AWS 2.1.1's audit does not read it). When `resource` is not a string (a document without the path passed), only a Deny " +
		"on every resource ('*') counts; a policy with some other such Deny is then an error, since its Resource cannot " +
		"be judged, and one with none is false. " +
		"Any other operand gives false.",
	Example: "S3Bucket should have policy deniesInsecureTransport('s3:*', arn)",
	Check: func(consts []Value) error {
		if consts[0].Kind() == Missing {
			return &ArgError{Index: 0, Msg: "the action must be a string literal"}
		}
		return nil
	},
	Impl: func(_ *Env, recv Value, args []Value) (Value, error) {
		action, res := args[0].Str(), args[1]
		if res.Kind() == String {
			// An empty string asks for no resource: the Resource is not
			// read, as CIS AWS 2.1.1's audit does not read it.
			return BoolValue(deniesInsecure(recv, action, res.Str())), nil
		}
		// Without the resource, only a Deny on every resource ("*")
		// can be judged to cover it; a policy with no TLS deny at all
		// fails whatever the resource.
		if deniesInsecure(recv, action, "*") {
			return BoolValue(true), nil
		}
		if !deniesInsecure(recv, action, "") {
			return BoolValue(false), nil
		}
		if res.Kind() == Missing {
			return Value{}, fmt.Errorf("deniesInsecureTransport(): the resource to judge the policy's Resource against is missing from the document")
		}
		return Value{}, fmt.Errorf("deniesInsecureTransport(): the resource %s is not a resource name", res)
	},
}

// deniesInsecure reports whether v, a policy, statements or a statement,
// refuses every request for action on resource made without TLS; with
// resource "", whatever its Resource.
func deniesInsecure(v Value, action, resource string) bool {
	switch v.Kind() {
	case Array:
		found := false
		v.ForEach(func(_ int, e Value) bool {
			found = deniesInsecure(e, action, resource)
			return !found
		})
		return found
	case Object:
	default:
		return false
	}
	if st, ok := memberFold(v, "Statement"); ok {
		return deniesInsecure(st, action, resource)
	}
	effect, _ := memberFold(v, "Effect")
	if effect.Kind() != String || !strings.EqualFold(effect.Str(), "Deny") {
		return false
	}
	if np, ok := memberFold(v, "NotPrincipal"); ok && np.Kind() != Null {
		return false
	}
	p, _ := memberFold(v, "Principal")
	return principalIsEveryone(p) && coversAction(v, action) &&
		(resource == "" || coversResource(v, resource) && coversResource(v, resource+"/*")) &&
		onlyInsecureTransport(v)
}

// principalIsEveryone reports whether a Principal names every caller
// exactly: "*" or an AWS member that is "*" or a list holding it. (IAM
// accepts no other wildcard in a Principal.)
func principalIsEveryone(p Value) bool {
	switch p.Kind() {
	case String:
		return p.Str() == "*"
	case Object:
		aws, ok := memberFold(p, "AWS")
		if !ok {
			return false
		}
		star := false
		forEachPattern(aws, func(s string) { star = star || s == "*" })
		return star
	}
	return false
}

// coversResource reports whether the statement's Resource covers target
// (every resource target names, when it holds '*'), or its NotResource is
// present and matches none of them.
func coversResource(stmt Value, target string) bool {
	if r, ok := memberFold(stmt, "Resource"); ok {
		covered := false
		forEachPattern(r, func(p string) { covered = covered || resourceMatch(p, target) })
		return covered
	}
	if nr, ok := memberFold(stmt, "NotResource"); ok && nr.Kind() != Null {
		excluded := false
		forEachPattern(nr, func(p string) { excluded = excluded || globsOverlap(p, target) })
		return !excluded
	}
	return false
}

// resourceMatch reports whether the resource pattern p (wildcards * and ?)
// matches every resource name a names, comparing case: a '*' of a is only
// covered by a '*' of p.
func resourceMatch(p, a string) bool { return globCovers(p, a, false) }

// onlyInsecureTransport reports whether the statement's Condition is one
// Bool or BoolIfExists block holding only aws:SecureTransport = false.
func onlyInsecureTransport(stmt Value) bool {
	cond, ok := memberFold(stmt, "Condition")
	if !ok || cond.Kind() != Object || length(cond) != 1 {
		return false
	}
	block, ok := memberFold(cond, "Bool")
	if !ok {
		block, ok = memberFold(cond, "BoolIfExists")
	}
	if !ok || block.Kind() != Object || length(block) != 1 {
		return false
	}
	val, ok := memberFold(block, "aws:SecureTransport")
	if !ok {
		return false
	}
	isFalse := func(e Value) bool {
		switch e.Kind() {
		case Bool:
			return !e.Bool()
		case String:
			return strings.EqualFold(e.Str(), "false")
		}
		return false
	}
	if val.Kind() == Array {
		found := false
		val.ForEach(func(_ int, e Value) bool {
			found = isFalse(e)
			return !found
		})
		return found
	}
	return isFalse(val)
}
