package builtin

import (
	"strings"

	"github.com/tidwall/gjson"
)

// deniesInsecureTransportFunc is the deniesInsecureTransport() function: the
// question of the "deny requests without TLS" controls (CIS AWS 2.1.1, FSBP
// S3.5, the HIPAA transmission-security rules), asked of a policy.
var deniesInsecureTransportFunc = &Func{
	Name:   "deniesInsecureTransport",
	Recv:   Any,
	Params: []Param{{"action", TString}},
	Result: TBool,
	Doc: "True when the operand, an IAM policy statement, refuses every request for `action` that does not use TLS, " +
		"whoever makes it: its Effect is Deny (any case); its Principal is everyone (\"*\", or an object whose AWS value " +
		"is \"*\" or a list holding \"*\"; a NotPrincipal, a service or an account principal leaves other callers out); it " +
		"covers `action` as coversAction() reads it (so 's3:*' asks for every S3 action, and a NotAction counts when it " +
		"leaves them all); and its only condition is aws:SecureTransport false under Bool or BoolIfExists (the key and " +
		"operator in any case; the value the JSON boolean or the string 'false' in any case, alone or in a list). A " +
		"further condition (aws:SourceVpce, aws:PrincipalOrgID, aws:SourceArn ...) narrows the deny to some requests, " +
		"and a TLS-version condition does not match a plain HTTP request (it has no TLS version): neither counts. The " +
		"statement's Resource is not read. An array holds such a statement when any element is one, and a policy " +
		"document (an object with a Statement member) when any of its statements is. Any other value gives false.",
	Example: "S3Bucket should have policy deniesInsecureTransport('s3:*')",
	Check:   LiteralArgs(),
	Impl: func(_ *Env, recv Value, args []Value) (Value, error) {
		return BoolValue(deniesInsecureTransport(recv, args[0].Str())), nil
	},
}

// deniesInsecureTransport reports whether v, a statement, an array of them
// or a policy document, holds a deny of action for everyone whose only
// condition is aws:SecureTransport false.
func deniesInsecureTransport(v Value, action string) bool {
	switch v.Kind() {
	case Array:
		found := false
		v.ForEach(func(_ int, e Value) bool {
			found = deniesInsecureTransport(e, action)
			return !found
		})
		return found
	case Object:
	default:
		return false
	}
	if st, ok := memberFold(v, "Statement"); ok {
		return deniesInsecureTransport(st, action)
	}
	effect, _ := memberFold(v, "Effect")
	if effect.Kind() != String || !strings.EqualFold(effect.Str(), "Deny") {
		return false
	}
	if np, ok := memberFold(v, "NotPrincipal"); ok && np.Kind() != Null {
		return false
	}
	p, _ := memberFold(v, "Principal")
	if !principalIsEveryone(p) || !coversAction(v, action) {
		return false
	}
	cond, _ := memberFold(v, "Condition")
	return onlyInsecureTransport(cond)
}

// principalIsEveryone reports whether a Principal value is "*" or an object
// whose AWS member is "*" or a list holding "*". Unlike principalIsAnyone
// (which asks whether an Allow reaches anyone), a wildcard inside an ARN or
// a service principal does not count: a deny for them leaves other callers
// out.
func principalIsEveryone(p Value) bool {
	switch p.Kind() {
	case String:
		return strings.TrimSpace(p.Str()) == "*"
	case Object:
		aws, ok := memberFold(p, "AWS")
		if !ok {
			return false
		}
		everyone := false
		forEachString(aws.r, func(s string) { everyone = everyone || strings.TrimSpace(s) == "*" })
		return everyone
	}
	return false
}

// onlyInsecureTransport reports whether a Condition value holds exactly one
// operator, Bool or BoolIfExists, with exactly one key, aws:SecureTransport,
// whose values include false.
func onlyInsecureTransport(cond Value) bool {
	if cond.Kind() != Object {
		return false
	}
	ops, ok := 0, false
	cond.r.ForEach(func(op, block gjson.Result) bool {
		ops++
		name := op.String()
		if !strings.EqualFold(name, "Bool") && !strings.EqualFold(name, "BoolIfExists") || !block.IsObject() {
			return false
		}
		keys := 0
		block.ForEach(func(key, vals gjson.Result) bool {
			keys++
			ok = strings.EqualFold(key.String(), "aws:SecureTransport") && holdsFalse(vals)
			return true
		})
		ok = ok && keys == 1
		return true
	})
	return ok && ops == 1
}

// holdsFalse reports whether a condition value is, or is a list holding,
// the boolean false or the string "false" in any case.
func holdsFalse(v gjson.Result) bool {
	isFalse := func(e gjson.Result) bool {
		return e.Type == gjson.False || e.Type == gjson.String && strings.EqualFold(strings.TrimSpace(e.Str), "false")
	}
	if v.IsArray() {
		found := false
		v.ForEach(func(_, e gjson.Result) bool {
			found = isFalse(e)
			return !found
		})
		return found
	}
	return isFalse(v)
}
