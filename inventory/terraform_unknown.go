package inventory

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// UnknownProperties returns the properties of an entity document that its
// input leaves to apply or deploy time (the members of source.unknown),
// each with what it depends on. It is empty for documents of other inputs.
func UnknownProperties(doc []byte) map[string][]string {
	return sourceMap(doc, UnknownKey)
}

// ReferenceProperties returns the properties of an entity document that
// hold placeholders for references resolved at apply or deploy time (the
// members of source.references), each with what it refers to.
func ReferenceProperties(doc []byte) map[string][]string {
	return sourceMap(doc, ReferenceKey)
}

func sourceMap(doc []byte, key string) map[string][]string {
	u := gjson.GetBytes(doc, "source."+key)
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

// UnknownReads returns the properties of doc listed in props (from
// UnknownProperties or ReferenceProperties) that a rule reading paths
// depends on, sorted. paths are the dotted property paths the rule reads
// from the entity (outside array brackets: for `volumes contain
// [encrypted = true]` the path is "volumes"). A path depends on a property
// when it is the property, lies below it, or contains it.
func UnknownReads(props map[string][]string, paths []string) []string {
	var hit []string
	for u := range props {
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

// MayHaveUnknowns is a cheap test of whether doc lists values it does not
// have (in the unknown or references member of its top-level "source"
// member, see UnknownKey and ReferenceKey): when false, no verdict on doc
// is undecided, so a runner need not ask Undecided for each of its
// results. A document without the word "source" costs a byte search; one
// with it (a security group's rules name their sources) one look-up of
// the top-level member, so that such documents of other inputs do not pay
// Undecided's parsing for every result.
func MayHaveUnknowns(doc []byte) bool {
	if !bytes.Contains(doc, []byte(`"source"`)) {
		return false
	}
	src := gjson.GetBytes(doc, "source")
	return src.IsObject() && (src.Get(UnknownKey).Exists() || src.Get(ReferenceKey).Exists())
}

// Undecided returns the properties that keep a verdict of a rule reading
// paths on doc from being one, sorted; empty when the verdict stands. A
// runner reports an undecided result as error, naming them ("known only
// after apply: kmsKeyId (aws_kms_key.k.arn)"):
//   - a pass is undecided when the rule reads an unknown property: a plan
//     never passes a rule on a value it does not have;
//   - a fail is undecided when the rule reads an unknown property that
//     the configuration sets (to an expression known only after apply) or
//     that the input cannot describe at all, or a property holding a
//     reference placeholder (the rule may be judging the placeholder's
//     text). A fail that reads only values the provider computes because
//     the configuration leaves them unset stays a fail: the setting is
//     left to its default, which is what the rule judges.
//
// A pass that reads reference placeholders stands: the reference will
// hold a value of its kind (an ARN, an id), and the rule passed on one.
// See INPUTS.md.
func Undecided(doc []byte, paths []string, passed bool) []string {
	unk := UnknownProperties(doc)
	var out []string
	for _, u := range UnknownReads(unk, paths) {
		if passed || !onlyComputed(unk[u]) {
			out = append(out, u)
		}
	}
	if !passed {
		out = append(out, UnknownReads(ReferenceProperties(doc), paths)...)
		sort.Strings(out)
		out = slices.Compact(out)
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
