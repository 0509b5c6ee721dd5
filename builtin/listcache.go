package builtin

import "strings"

// listCache keeps the firewall rule lists an Env's functions read last,
// each read for every port (readList). The shipped bundles ask about a
// security group's inboundRules for some twenty ports; each question then
// costs a copy of the list rather than a reading of its JSON.
//
// A list is found by its JSON text, compared in full with a copy the
// entry keeps, so an entry never answers for other text and never aliases
// a document, whatever documents an Env is reused for (the rules it keeps
// hold no text of the list).
type listCache struct {
	entries [listCacheSize]listEntry
	next    int // the entry to replace next
}

// listCacheSize is how many lists an Env keeps: an entity's inbound and
// outbound rules, each read with and without prefix lists.
const listCacheSize = 4

type listEntry struct {
	raw         string // a copy of the list's JSON text; "" for an empty entry
	prefixLists bool
	rules       []fwRule // as readList gives them; never modified
}

// ruleList returns the rules of the list recv as readList(recv,
// prefixLists) reads them, kept in env (which may be nil: then read
// each time). The caller must not modify them: forPort copies.
func (env *Env) ruleList(recv Value, prefixLists bool) []fwRule {
	k := recv.Kind()
	if env == nil || (k != Array && k != Object) {
		return readList(recv, prefixLists)
	}
	c := &env.lists
	raw := recv.r.Raw
	for i := range c.entries {
		if e := &c.entries[i]; e.prefixLists == prefixLists && e.raw == raw && raw != "" {
			return e.rules
		}
	}
	rules := readList(recv, prefixLists)
	c.entries[c.next] = listEntry{raw: strings.Clone(raw), prefixLists: prefixLists, rules: rules}
	c.next = (c.next + 1) % listCacheSize
	return rules
}
