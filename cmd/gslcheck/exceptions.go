package main

// This file reads the exceptions file (--exceptions FILE, or
// .gslcheck/exceptions.yaml) and matches findings against it.
//
//	exceptions:
//	  - rule: CIS-AWS-5.*            # a rule id or glob (required)
//	    entity: sg-0123*             # an entity id or name, or a glob
//	    account: "123456789012"
//	    region: us-east-1
//	    tag: env=dev                 # a tag key=value, or a key
//	    reason: Bastion hosts, reviewed in SEC-412   # required
//	    expires: 2026-12-31          # optional: suppresses up to that day
//	    owner: platform-team         # optional
//
// A finding matched by an entry is suppressed: reported with the reason,
// never failing the run. An entry past its expiry no longer suppresses and
// the run warns about it; an entry that matched nothing is reported.

import (
	"fmt"
	"os"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
	"github.com/gsl-lang/gsl/report"
	"github.com/tidwall/gjson"
)

// defaultExceptionsFile is read when --exceptions is not given.
const defaultExceptionsFile = ".gslcheck/exceptions.yaml"

// exception is one entry of an exceptions file.
type exception struct {
	Rule    string `yaml:"rule"`
	Entity  string `yaml:"entity,omitempty"`
	Account string `yaml:"account,omitempty"`
	Region  string `yaml:"region,omitempty"`
	Tag     string `yaml:"tag,omitempty"`
	Reason  string `yaml:"reason"`
	Expires string `yaml:"expires,omitempty"`
	Owner   string `yaml:"owner,omitempty"`

	file    string    // where the entry is, for messages
	line    int       // 0 when unknown
	expires time.Time // the first instant it no longer applies; zero: never
	expired bool      // past its expiry at the run's clock
	hits    atomic.Int64
	sup     *report.Suppression // what reports say of the entry
}

// where names the entry's place in its file.
func (x *exception) where() string {
	if x.line > 0 {
		return fmt.Sprintf("%s:%d", x.file, x.line)
	}
	return x.file
}

// exceptionSet is the entries of an exceptions file.
type exceptionSet struct {
	file    string
	entries []*exception
}

type exceptionsFile struct {
	Exceptions []*exception `yaml:"exceptions"`
}

// loadExceptions reads the exceptions file: path, or the default file when
// path is "" and it exists (nil, nil when it does not). now decides which
// entries have expired.
func loadExceptions(file string, now time.Time) (*exceptionSet, error) {
	if file == "" {
		if _, err := os.Stat(defaultExceptionsFile); err != nil {
			return nil, nil
		}
		file = defaultExceptionsFile
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("exceptions %s: %w", file, unwrapPathError(err))
	}
	return parseExceptions(data, file, now)
}

// parseExceptions parses an exceptions file named file.
func parseExceptions(data []byte, file string, now time.Time) (*exceptionSet, error) {
	var f exceptionsFile
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.DisallowUnknownField()); err != nil {
		return nil, fmt.Errorf("exceptions %s:%s", file, strings.TrimPrefix(yaml.FormatError(err, false, false), " "))
	}
	ast, _ := parser.ParseBytes(data, 0) // it parsed above
	set := &exceptionSet{file: file}
	for i, x := range f.Exceptions {
		if x == nil {
			return nil, fmt.Errorf("exceptions %s: entry %d is empty", file, i+1)
		}
		x.file = file
		if p, err := yaml.PathString(fmt.Sprintf("$.exceptions[%d]", i)); err == nil && ast != nil {
			if n, err := p.FilterFile(ast); err == nil && n != nil && n.GetToken() != nil {
				x.line = n.GetToken().Position.Line
			}
		}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("exceptions %s: entry %d: %s", x.where(), i+1, fmt.Sprintf(format, args...))
		}
		switch {
		case strings.TrimSpace(x.Rule) == "":
			return nil, bad("rule is required (a rule id or glob)")
		case strings.TrimSpace(x.Reason) == "":
			return nil, bad("reason is required: say why the finding is accepted")
		}
		for _, p := range []string{x.Rule, x.Entity} {
			if _, err := path.Match(p, ""); err != nil {
				return nil, bad("pattern %q: %v", p, err)
			}
		}
		if x.Expires != "" {
			d, err := time.Parse(time.DateOnly, x.Expires)
			if err != nil {
				if d, err = time.Parse(time.RFC3339, x.Expires); err != nil {
					return nil, bad("expires %q: want a date like 2026-12-31", x.Expires)
				}
				x.expires = d
			} else {
				x.expires = d.AddDate(0, 0, 1) // the whole day of the date
			}
			x.expired = !now.Before(x.expires)
		}
		x.sup = &report.Suppression{Reason: x.Reason, Owner: x.Owner, Expires: x.Expires, File: x.file, Line: x.line, Source: x.where()}
		set.entries = append(set.entries, x)
	}
	return set, nil
}

// warnings are the messages about expired entries.
func (s *exceptionSet) expiredWarnings() []string {
	var out []string
	for _, x := range s.entries {
		if x.expired {
			out = append(out, fmt.Sprintf("%s: exception for %s expired on %s; it no longer suppresses (reason was: %s)",
				x.where(), x.Rule, x.Expires, x.Reason))
		}
	}
	return out
}

// unmatchedWarnings are the messages about entries that matched nothing.
func (s *exceptionSet) unmatchedWarnings() []string {
	var out []string
	for _, x := range s.entries {
		if !x.expired && x.hits.Load() == 0 {
			out = append(out, fmt.Sprintf("%s: exception for %s matched no finding", x.where(), x.describe()))
		}
	}
	return out
}

// describe names what an entry matches.
func (x *exception) describe() string {
	parts := []string{x.Rule}
	for _, f := range [][2]string{{"entity", x.Entity}, {"account", x.Account}, {"region", x.Region}, {"tag", x.Tag}} {
		if f[1] != "" {
			parts = append(parts, f[0]+" "+f[1])
		}
	}
	return strings.Join(parts, ", ")
}

// match returns the first entry in force that matches a failure of rule
// ruleID on entity (its document doc, nil for a List<> group whose entity
// is the account), or nil.
func (s *exceptionSet) match(ruleID, entity string, doc []byte) *exception {
	if s == nil {
		return nil
	}
	for _, x := range s.entries {
		if x.expired || !matchRule(x.Rule, ruleID) {
			continue
		}
		if x.matchesEntity(entity, doc) {
			x.hits.Add(1)
			return x
		}
	}
	return nil
}

func (x *exception) matchesEntity(entity string, doc []byte) bool {
	if doc == nil {
		// A List<> result: its entity is an account number.
		return (x.Entity == "" || matchRule(x.Entity, entity)) &&
			(x.Account == "" || x.Account == entity) && x.Region == "" && x.Tag == ""
	}
	if x.Entity != "" && !matchRule(x.Entity, entity) {
		name := gjson.GetBytes(doc, "name")
		if name.Type != gjson.String || !matchRule(x.Entity, name.Str) {
			return false
		}
	}
	if x.Account != "" && gjson.GetBytes(doc, "accountNumber").String() != x.Account {
		return false
	}
	if x.Region != "" && gjson.GetBytes(doc, "region").String() != x.Region {
		return false
	}
	if x.Tag != "" && !hasTag(doc, x.Tag) {
		return false
	}
	return true
}

// hasTag reports whether doc has the tag "key=value" (or the key "key"),
// in the entity model's list form [{"key":..., "value":...}] or as an
// object of keys to values.
func hasTag(doc []byte, tag string) bool {
	key, value, withValue := strings.Cut(tag, "=")
	tags := gjson.GetBytes(doc, "tags")
	found := false
	switch {
	case tags.IsArray():
		tags.ForEach(func(_, t gjson.Result) bool {
			if t.Get("key").String() == key && (!withValue || t.Get("value").String() == value) {
				found = true
			}
			return !found
		})
	case tags.IsObject():
		v := tags.Get(gjson.Escape(key))
		found = v.Exists() && (!withValue || v.String() == value)
	}
	return found
}
