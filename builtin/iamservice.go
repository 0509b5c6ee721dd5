package builtin

import "strings"

// This file answers whether a policy grants every action of some service
// (coversWholeService): the "service:*" grants that FSBP IAM.21 and the AWS
// Config rule iam-policy-no-statements-with-full-access forbid, in every
// spelling IAM accepts.

var coversWholeServiceFunc = &Func{
	Name:   "coversWholeService",
	Recv:   Any,
	Result: TBool,
	Doc: "True when the operand covers every action of at least one AWS service. The operand is an action pattern, " +
		"an array of them (any one is enough) or a policy statement, read as coversAction reads it (Effect and Resource " +
		"are not read). A pattern covers a whole service when it matches every action of some service prefix: 's3:*', " +
		"'IAM:*' (actions are compared ignoring case), '*', '*:*', 'ec2*' or 'ec?:*'; 's3:Get*' and 's3:*Object' do not. " +
		"A statement with a NotAction covers a whole service unless its NotAction patterns leave no service whole, that " +
		"is, one of them matches some action of every service ('*', '*:*', '*:Delete*'): an Allow with NotAction 'iam:*' " +
		"grants every action of every other service. Any other operand covers nothing.",
	Example: "IamPolicy should not have document.Statement contain [ Effect like 'Allow' and $ coversWholeService() ]",
	Impl: func(_ *Env, recv Value, _ []Value) (Value, error) {
		return BoolValue(coversWholeService(recv)), nil
	},
}

// coversWholeService reports whether v covers every action of some service.
func coversWholeService(v Value) bool {
	switch v.Kind() {
	case String:
		return patternCoversService(v.Str())
	case Array:
		found := false
		v.ForEach(func(_ int, e Value) bool {
			found = e.Kind() == String && patternCoversService(e.Str())
			return !found
		})
		return found
	case Object:
		if a, ok := memberFold(v, "Action"); ok {
			return coversWholeService(a)
		}
		if na, ok := memberFold(v, "NotAction"); ok && na.Kind() != Null {
			// A service whose name no NotAction pattern can match stays
			// whole: a name longer than every pattern, made of a character
			// no pattern holds, is matched only by a pattern that can
			// match any service name.
			longest := 0
			forEachPattern(na, func(p string) { longest = max(longest, len(p)) })
			return !overlapsAction(na, strings.Repeat("~", longest+1)+":*")
		}
	}
	return false
}

// patternCoversService reports whether the action pattern p matches every
// action of some service x, that is every string "x:" + anything. The last
// character of such an action is free, so p must end in '*'; with those
// trailing stars removed, the rest must match some prefix of "x:": a string
// whose only ':', if any, is its last character. The rest can spell such a
// string exactly when its literal characters (its '*' left empty, its '?'
// a letter) hold no ':' but possibly the last.
func patternCoversService(p string) bool {
	rest := strings.TrimRight(p, "*")
	if len(rest) == len(p) {
		return false
	}
	lit := strings.ReplaceAll(rest, "*", "")
	switch i := strings.IndexByte(lit, ':'); {
	case i < 0:
		return true
	case i != len(lit)-1:
		return false
	case i == 0:
		// Nothing literal spells the service name: a '*' before the ':'
		// must (service names are not empty).
		return strings.IndexByte(rest, '*') < strings.IndexByte(rest, ':') && strings.IndexByte(rest, '*') >= 0
	}
	return true
}

// forEachPattern calls fn for a string, or for each string of an array.
func forEachPattern(v Value, fn func(string)) {
	switch v.Kind() {
	case String:
		fn(v.Str())
	case Array:
		v.ForEach(func(_ int, e Value) bool {
			if e.Kind() == String {
				fn(e.Str())
			}
			return true
		})
	}
}
