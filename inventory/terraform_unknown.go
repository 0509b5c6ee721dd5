package inventory

import (
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// UnknownProperties returns the properties of an entity document that its
// input leaves to apply or deploy time (the members of source.unknown),
// each with what it depends on. It is empty for documents of other inputs.
func UnknownProperties(doc []byte) map[string][]string {
	u := gjson.GetBytes(doc, "source."+UnknownKey)
	if !u.IsObject() {
		return nil
	}
	out := map[string][]string{}
	u.ForEach(func(k, v gjson.Result) bool {
		var refs []string
		for _, r := range v.Array() {
			refs = append(refs, r.String())
		}
		out[k.String()] = refs
		return true
	})
	return out
}

// UnknownReads returns the unknown properties of doc that a rule reading
// paths depends on, sorted. paths are the dotted property paths the rule
// reads from the entity (outside array brackets: for `volumes contain
// [encrypted = true]` the path is "volumes"). A path depends on an unknown
// property when it is the property, lies below it, or contains it.
func UnknownReads(doc []byte, paths []string) []string {
	unk := UnknownProperties(doc)
	if len(unk) == 0 {
		return nil
	}
	var hit []string
	for u := range unk {
		for _, p := range paths {
			if pathOverlaps(p, u) {
				hit = append(hit, u)
				break
			}
		}
	}
	sort.Strings(hit)
	return hit
}

// Undecided returns the unknown properties that keep a verdict of a rule
// reading paths on doc from being one, sorted; empty when the verdict
// stands. A runner reports an undecided result as error, naming them
// ("known only after apply: kmsKeyId (aws_kms_key.k.arn)"):
//   - a pass is undecided when the rule reads any unknown property: a
//     plan never passes a rule on a value it does not have;
//   - a fail is undecided when the rule reads an unknown property that
//     the configuration sets (to an expression known after apply, such as
//     another resource's ARN) or that the input cannot describe at all. A
//     fail that reads only values the provider computes because the
//     configuration leaves them unset stays a fail: the setting is left
//     to its default, which is what the rule judges.
//
// See INPUTS.md.
func Undecided(doc []byte, paths []string, passed bool) []string {
	unk := UnknownProperties(doc)
	var out []string
	for _, u := range UnknownReads(doc, paths) {
		if passed || !onlyComputed(unk[u]) {
			out = append(out, u)
		}
	}
	return out
}

// pathOverlaps reports whether one dotted path is a prefix (by whole
// segments) of the other.
func pathOverlaps(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || strings.HasPrefix(b, a+".")
}
