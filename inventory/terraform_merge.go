package inventory

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A typeMap says how the resources of one source type become entity
// documents: either as a document of their own (entity, build) or merged
// into a parent's document (child).
type typeMap struct {
	entity string
	build  func(b *builder)
	// children merges a split resource into the parents its link
	// attributes name; it is merged when some parent is found.
	children []*childMap
	// after runs once the children are merged (defaults for what neither
	// the resource nor a child set).
	after func(b *builder)
	// broadcast merges an account-wide resource into every document of
	// these source types (aws_s3_account_public_access_block into every
	// bucket).
	broadcast []string
	merge     func(p *builder, c *iacResource)
	// embeds copies the documents of other resources of the input into
	// this one (a trail's destination bucket).
	embeds []embedMap
	// region merges a region-level setting (EBS default encryption,
	// GuardDuty, Security Hub ...) into the input's one Region entity.
	region func(b *builder, r *iacResource)
	// embedOnly: the document built is no entity of its own; it exists
	// to be embedded into others (a launch configuration into its Auto
	// Scaling groups), and the resource is accounted for as merged.
	embedOnly bool
	// broadcastIf, when set, says which resources of the type broadcast
	// merges (an ECS account default for containerInsights, not for
	// other settings); the others are not modelled.
	broadcastIf func(r *iacResource) bool
	// attach sets a value on the resources the resource names, before
	// anything is merged: what a separate resource configures on another
	// one (a WAF web ACL association on its API stage).
	attach *attachMap
}

// attachMap says how a resource sets a value on other resources of the
// input. targets resolves the resources it names; concerns is false when
// it names none of the types the model joins it to (a web ACL association
// of a load balancer), which leaves it not modelled. The value of the
// attribute from (the raw value: unknownVal where unknown) is stored in
// each target's attached[to], which the target's own mapping reads. The
// resource is accounted as merged wherever its targets are merged.
type attachMap struct {
	targets  func(r *iacResource, all map[string][]*iacResource) (ts []*iacResource, concerns bool, err error)
	from, to string
}

// setAttached sets property to of b's document to v, a value another
// resource of the input gives it (attachMap): a placeholder stands for a
// reference, any other unknown value leaves it unknown.
func setAttached(b *builder, to string, v any) {
	switch x := v.(type) {
	case unknownVal:
		if x.placeholder != "" {
			b.set(to, x.placeholder)
			b.refd[to] = append(b.refd[to], x.refs...)
		} else {
			b.markUnknown(to, x.refs...)
		}
	case nil:
	default:
		if x != "" {
			b.set(to, x)
		}
	}
}

// embedMap embeds the document of the resource the attribute link names
// (one of the source types parents, matched as childMap does) at the
// property to.
type embedMap struct {
	link, to string
	parents  []string
	keys     []string
}

// embed copies the finished document of the resource em names into b at
// em.to, with its unknown properties and references under that prefix. A
// target that is not in the input leaves the property missing, as in an
// inventory where the bucket was not collected.
// It returns the embedded resource, nil when none.
func embed(b *builder, em embedMap, byType map[string][]*iacResource, builders map[*iacResource]*builder, types map[string]typeMap) *iacResource {
	ps, err := findParents(b.r, &childMap{link: em.link, parents: em.parents, keys: em.keys}, byType)
	if err != nil || len(ps) != 1 {
		return nil
	}
	t := builders[ps[0]]
	doc := map[string]any{}
	for k, v := range t.doc {
		doc[k] = v
	}
	if types[ps[0].typ].embedOnly {
		delete(doc, "type")
		delete(doc, "id")
	}
	b.doc[em.to] = doc
	for p, refs := range t.unknown {
		b.markUnknown(em.to+"."+p, refs...)
	}
	for p, refs := range t.refd {
		b.refd[em.to+"."+p] = append(b.refd[em.to+"."+p], refs...)
	}
	return ps[0]
}

// childMap merges a split resource into its parent: link is the attribute
// that names the parent (bucket, security_group_id, user ...; a list of
// names is allowed), parents the source types it may name, keys the
// parent attributes a literal name is compared with (bucket, id, name,
// arn ...). merge adds the child to one parent.
type childMap struct {
	link    string
	parents []string
	keys    []string
	merge   func(parent *builder, child *iacResource)
	// optional links may name something outside the input (an AWS
	// managed policy): no parent found is not an error.
	optional bool
}

// convert maps resources with types and emits, in input order, one Entity
// per resource: a document, an error, a type the model lacks, or, for a
// resource merged into a parent, an Ignored record naming the type of the parent.
func convert(res []*iacResource, types map[string]typeMap, emit func(Entity) error) error {
	builders := map[*iacResource]*builder{}
	childErr := map[*iacResource]error{}
	// merged maps a child resource to the entity types of the parents it
	// went into: it yields an Ignored record naming them, so that every
	// resource of the input is accounted for. Types, not addresses, so the
	// summary groups a plan's hundred rules under one line; the parent's
	// source.merged lists the child's address.
	merged := map[*iacResource][]string{}
	mergeInto := func(r *iacResource, parent *builder) {
		t, _ := parent.doc["type"].(string)
		if !slices.Contains(merged[r], t) {
			merged[r] = append(merged[r], t)
		}
	}
	byType := map[string][]*iacResource{}
	all := map[string][]*iacResource{}
	for _, r := range res {
		if r.err == nil {
			all[r.typ] = append(all[r.typ], r)
		}
		tm, ok := types[r.typ]
		if ok && tm.build != nil && r.err == nil {
			b := newBuilder(r, tm.entity)
			if safely(r, func() { tm.build(b) }) {
				builders[r] = b
				byType[r.typ] = append(byType[r.typ], r)
			}
		}
	}
	// Region-level settings: the first one hosts the Region entity, the
	// others are merged into it.
	var region *builder
	for _, r := range res {
		tm := types[r.typ]
		if tm.region == nil || r.err != nil {
			continue
		}
		if region == nil {
			region = newBuilder(r, "Region")
			builders[r] = region
		} else {
			region.merged = append(region.merged, r.addr)
			mergeInto(r, region)
		}
		safely(r, func() { tm.region(region, r) })
	}
	if region != nil {
		safely(region.r, func() { regionFinish(region) })
	}
	// attachedTo: the resources each attaching resource set a value on.
	attachedTo := map[*iacResource][]*iacResource{}
	for _, r := range res {
		am := types[r.typ].attach
		if am == nil || r.err != nil {
			continue
		}
		safely(r, func() {
			ts, concerns, err := am.targets(r, all)
			switch {
			case err != nil:
				childErr[r] = err
			case concerns:
				attachedTo[r] = ts
				v := lookupRaw(r.vals, am.from)
				for _, t := range ts {
					if b := builders[t]; b != nil {
						// An entity of its own: set on its document.
						setAttached(b, am.to, v)
						b.merged = append(b.merged, r.addr)
						mergeInto(r, b)
						continue
					}
					if t.attached == nil {
						t.attached = map[string]any{}
					}
					t.attached[am.to] = v
					t.attachedBy = append(t.attachedBy, r)
				}
			}
		})
	}
	for _, r := range res {
		tm, ok := types[r.typ]
		if !ok || tm.broadcast == nil || tm.broadcastIf != nil && !tm.broadcastIf(r) {
			continue
		}
		for _, t := range tm.broadcast {
			for _, p := range byType[t] {
				if safely(r, func() { tm.merge(builders[p], r) }) {
					builders[p].merged = append(builders[p].merged, r.addr)
					mergeInto(r, builders[p])
				}
			}
		}
	}
	for _, r := range res {
		tm, ok := types[r.typ]
		if !ok || tm.children == nil {
			continue
		}
		var errs []string
		for _, cm := range tm.children {
			if v, known, _ := r.get(cm.link); known && len(list(v)) == 0 && len(linksOf(r, cm.link)) == 0 {
				continue // this link names nothing
			}
			ps, err := findParents(r, cm, byType)
			if err != nil {
				if !cm.optional {
					errs = append(errs, err.Error())
				}
				continue
			}
			for _, p := range ps {
				pb := builders[p]
				if safely(r, func() { cm.merge(pb, r) }) {
					pb.merged = append(pb.merged, r.addr)
					mergeInto(r, pb)
					for _, a := range r.attachedBy {
						pb.merged = append(pb.merged, a.addr)
						mergeInto(a, pb)
					}
				}
			}
		}
		if len(merged[r]) == 0 {
			if len(errs) == 0 {
				errs = append(errs, r.addr+": names no "+strings.Join(tm.children[0].parents, " or ")+" of this input")
			}
			childErr[r] = errors.New(strings.Join(errs, "; "))
		}
	}
	for r, ts := range attachedTo {
		if len(merged[r]) == 0 && childErr[r] == nil {
			var names []string
			for _, t := range ts {
				names = append(names, t.addr)
			}
			childErr[r] = fmt.Errorf("%s: names %s, which this input does not convert", r.addr, strings.Join(names, ", "))
		}
	}
	for _, r := range res {
		if b := builders[r]; b != nil {
			if tm := types[r.typ]; tm.after != nil {
				safely(r, func() { tm.after(b) })
			}
		}
	}
	for _, r := range res {
		if b := builders[r]; b != nil {
			for _, em := range types[r.typ].embeds {
				safely(r, func() {
					if t := embed(b, em, byType, builders, types); t != nil && types[t.typ].embedOnly {
						b.merged = append(b.merged, t.addr)
						mergeInto(t, b)
					}
				})
			}
		}
	}
	for _, r := range res {
		var e Entity
		e.Origin = r.origin
		switch b, err := builders[r], childErr[r]; {
		case r.err != nil:
			e.Err = r.err
		case b != nil && types[r.typ].embedOnly:
			if len(merged[r]) > 0 {
				e.Ignored = r.typ + " (merged into its " + strings.Join(merged[r], " and ") + ")"
			} else {
				e.Ignored = r.typ + " (used by no " + strings.Join(embeddersOf(r.typ, types), " or ") + " of this input)"
			}
		case b != nil:
			b.doc = cleanDoc(b.doc)
			data, ferr := b.finish()
			if ferr != nil {
				e.Err = fmt.Errorf("%s: %w", r.addr, ferr)
			} else {
				e.Data = data
			}
		case err != nil:
			e.Err = err
		case len(merged[r]) > 0:
			e.Ignored = r.typ + " (merged into its " + strings.Join(merged[r], " and ") + ")"
		case r.typ == "":
			// Nothing to name it by: not a resource of any type.
			e.Err = fmt.Errorf("%s: resource without a type", cmp.Or(r.addr, "a resource"))
		default:
			e.NotModelled = r.typ
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// safely runs one step of a resource's conversion. The mappings read
// values of any shape; should one still panic on a shape it does not
// expect, the resource becomes an error record naming the fault instead
// of the reader crashing (the tests and fuzz targets fail on such
// records). It reports whether the step completed.
func safely(r *iacResource, step func()) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			if r.err == nil {
				r.err = fmt.Errorf("%s: internal error converting %s: %v", r.addr, r.typ, p)
			}
			ok = false
		}
	}()
	step()
	return true
}

// findParents resolves the parents a child names: first through the
// references of its link attribute (the plan's configuration, or the
// template's Ref/GetAtt), then by comparing a literal name with the
// parents' key attributes.
func findParents(c *iacResource, cm *childMap, byType map[string][]*iacResource) ([]*iacResource, error) {
	var cands []*iacResource
	for _, t := range cm.parents {
		cands = append(cands, byType[t]...)
	}
	var found []*iacResource
	add := func(p *iacResource) {
		for _, f := range found {
			if f == p {
				return
			}
		}
		found = append(found, p)
	}
	if c.links != nil {
		key := instanceKey(c.addr)
		for _, abs := range c.links(cm.link) {
			var byName []*iacResource
			for _, p := range cands {
				switch {
				case abs == p.addr || strings.HasPrefix(abs, p.addr+"."):
					add(p)
				case stripKeys(abs) == stripKeys(p.addr) || strings.HasPrefix(stripKeys(abs), stripKeys(p.addr)+"."):
					byName = append(byName, p)
				}
			}
			// A reference without the instance key (aws_s3_bucket.b with
			// count): the instance with the child's own key, else the only one.
			if len(byName) == 1 {
				add(byName[0])
			} else {
				for _, p := range byName {
					if key != "" && instanceKey(p.addr) == key {
						add(p)
					}
				}
			}
		}
	}
	if len(found) > 0 {
		return found, nil
	}
	v, known, refs := c.get(cm.link)
	if !known {
		// The same expression as a parent's name (!Sub ${AppName}-logs
		// in both) gives the same value.
		for _, p := range cands {
			for _, k := range cm.keys {
				if _, pk, prefs := p.get(k); !pk && len(prefs) > 0 && slices.Equal(prefs, refs) {
					add(p)
				}
			}
		}
		if len(found) > 0 {
			return found, nil
		}
		when := "apply"
		if c.format == "cloudformation" {
			when = "deploy"
		}
		return nil, fmt.Errorf("%s: its %s is known only at %s (%s) and names no %s of this input",
			c.addr, cm.link, when, strings.Join(refs, ", "), strings.Join(cm.parents, " or "))
	}
	names := list(v)
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: has no %s to say which %s it belongs to", c.addr, cm.link, strings.Join(cm.parents, " or "))
	}
	var missing []string
	for _, n := range names {
		s, ok := n.(string)
		if !ok {
			continue
		}
		hit := false
		for _, p := range cands {
			for _, k := range cm.keys {
				if pv, known, _ := p.get(k); known && pv == s || k == "arn:name" && arnName(s) != "" && matchName(p, arnName(s)) {
					add(p)
					hit = true
				}
			}
		}
		if !hit {
			missing = append(missing, s)
		}
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("%s: its %s %q is not a %s of this input", c.addr, cm.link, strings.Join(missing, ", "), strings.Join(cm.parents, " or "))
	}
	return found, nil
}

func matchName(p *iacResource, name string) bool {
	v, known, _ := p.get("name")
	return known && v == name
}

// arnName returns the last path segment of an ARN (the name of a user,
// role, policy ...), or "".
func arnName(s string) string {
	if !strings.HasPrefix(s, "arn:") {
		return ""
	}
	i := strings.LastIndexAny(s, "/:")
	return s[i+1:]
}

// cleanDoc drops objects left empty by properties that were all absent.
func cleanDoc(m map[string]any) map[string]any {
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			sub = cleanDoc(sub)
			if len(sub) == 0 {
				delete(m, k)
			}
		}
	}
	return m
}

func linksOf(r *iacResource, attr string) []string {
	if r.links == nil {
		return nil
	}
	return r.links(attr)
}

// embeddersOf lists the entity types whose documents embed resources of
// source type typ.
func embeddersOf(typ string, types map[string]typeMap) []string {
	var out []string
	for _, tm := range types {
		for _, em := range tm.embeds {
			if slices.Contains(em.parents, typ) && !slices.Contains(out, tm.entity) {
				out = append(out, tm.entity)
			}
		}
	}
	slices.Sort(out)
	return out
}
