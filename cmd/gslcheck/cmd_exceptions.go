package main

// This file implements `gslcheck exceptions import-dome9`: CloudGuard
// (Dome9) compliance exclusions as an exceptions file.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
)

// dome9Exclusion is an exclusion as CloudGuard's /v2/Compliance/Exclusion
// API gives it.
type dome9Exclusion struct {
	ID        json.RawMessage `json:"id"`
	RulesetID json.RawMessage `json:"rulesetId"`
	Rules     []struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		LogicHash string `json:"logicHash"`
	} `json:"rules"`
	LogicExpressions      []string `json:"logicExpressions"`
	CloudAccountIDs       []string `json:"cloudAccountIds"`
	OrganizationalUnitIDs []string `json:"organizationalUnitIds"`
	DateRange             *struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"dateRange"`
	Comment string `json:"comment"`
}

// dome9EntityExpr is the entity filter of an exclusion that maps onto an
// exceptions entry: the entity's name or id, equal to or like a pattern.
var dome9EntityExpr = regexp.MustCompile(`^\s*(name|id)\s+(like|=)\s+'([^']*)'\s*$`)

func (c *exceptionsImportDome9Cmd) Run(e *env) error {
	accounts := map[string]string{}
	for _, a := range c.Account {
		id, number, ok := strings.Cut(a, "=")
		if !ok || id == "" || number == "" {
			return usagef("--account %q: want DOME9ID=NUMBER", a)
		}
		accounts[id] = number
	}
	sources, _, err := openSources([]string{c.File}, e.stdin)
	if err != nil {
		return err
	}
	rc, err := sources[0].open()
	if err != nil {
		return fmt.Errorf("%s: %w", c.File, err)
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", c.File, err)
	}
	entries, err := dome9Entries(data, sources[0].name, accounts)
	if err != nil {
		return err
	}
	if err := outputIsNotInput(c.Output, []string{c.File}); err != nil {
		return err
	}
	text, err := yaml.MarshalWithOptions(exceptionsFile{Exceptions: entries}, yaml.IndentSequence(true))
	if err != nil {
		return err
	}
	out, closeOut, err := openOutput(c.Output, e.stdout)
	if err != nil {
		return err
	}
	_, err = out.Write(text)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	return err
}

// dome9Entries converts exclusions (a JSON array of them, or one) into
// exceptions entries. What has no equivalent is an error naming the
// exclusion.
func dome9Entries(data []byte, name string, accounts map[string]string) ([]*exception, error) {
	// Fields this does not know are refused, not ignored: one could
	// narrow what an exclusion excludes.
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		data = append(append([]byte{'['}, data...), ']')
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a list of Dome9 exclusions: %v", name, err)
	}
	list := make([]dome9Exclusion, len(raw))
	for i, r := range raw {
		dec := json.NewDecoder(bytes.NewReader(r))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&list[i]); err != nil {
			return nil, fmt.Errorf("%s: exclusion %d: not a Dome9 exclusion: %v", name, i+1, err)
		}
		if len(list[i].RulesetID) == 0 || string(list[i].RulesetID) == "null" {
			return nil, fmt.Errorf("%s: exclusion %d: not a Dome9 exclusion: no rulesetId", name, i+1)
		}
	}
	var out []*exception
	for i, x := range list {
		where := fmt.Sprintf("%s: exclusion %d", name, i+1)
		if id := strings.Trim(string(x.ID), `"`); id != "" && id != "null" {
			where += " (id " + id + ")"
		}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
		}
		if len(x.OrganizationalUnitIDs) > 0 {
			return nil, bad("it is scoped by organizational unit, which has no equivalent; write one entry per account")
		}
		var entity string
		switch len(x.LogicExpressions) {
		case 0:
		case 1:
			m := dome9EntityExpr.FindStringSubmatch(x.LogicExpressions[0])
			if m == nil {
				return nil, bad("logic expression %q has no equivalent (only name or id, like or = a quoted value)", x.LogicExpressions[0])
			}
			entity = m[3]
			if m[2] == "like" {
				entity = strings.ReplaceAll(entity, "%", "*")
			}
		default:
			return nil, bad("%d logic expressions; only one entity expression has an equivalent", len(x.LogicExpressions))
		}
		var expires string
		if x.DateRange != nil && x.DateRange.To != "" {
			t, err := time.Parse(time.RFC3339, x.DateRange.To)
			if err != nil {
				return nil, bad("dateRange.to %q: want an RFC 3339 time", x.DateRange.To)
			}
			expires = t.UTC().Format(time.DateOnly)
		}
		reason := strings.TrimSpace(x.Comment)
		if reason == "" {
			reason = "imported from a Dome9 exclusion without a comment"
		}
		rules := []string{"*"}
		if len(x.Rules) > 0 {
			rules = rules[:0]
			for _, r := range x.Rules {
				if r.ID == "" {
					return nil, bad("rule %q has no id", r.Name)
				}
				rules = append(rules, r.ID)
			}
		}
		accts := []string{""}
		if len(x.CloudAccountIDs) > 0 {
			accts = accts[:0]
			for _, id := range x.CloudAccountIDs {
				number, ok := accounts[id]
				if !ok {
					return nil, bad("cloud account %s: give its AWS account number with --account %s=NUMBER", id, id)
				}
				accts = append(accts, number)
			}
		}
		for _, rule := range rules {
			for _, account := range accts {
				out = append(out, &exception{Rule: rule, Entity: entity, Account: account, Reason: reason, Expires: expires})
			}
		}
	}
	return out, nil
}
