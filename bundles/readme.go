package bundles

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// targetOf matches the entity type a rule's logic starts with.
var targetOf = regexp.MustCompile(`^\s*(List\s*<\s*\w+\s*>|\w+)`)

// Readme renders the bundle's generated README.md: rule counts, the
// coverage of each framework whose control list is embedded (which control
// ids have at least one rule), the other frameworks the rules map to, and
// the rule index.
func (b *Bundle) Readme() string {
	var w strings.Builder
	fmt.Fprintf(&w, "# %s\n\n", b.Name)
	fmt.Fprintf(&w, "<!-- Generated from bundle.yaml by `go test ./bundles -run TestReadme -update`. Do not edit by hand. -->\n\n")
	bySev := map[string]int{}
	for _, r := range b.Rules {
		bySev[r.Severity]++
	}
	var sev []string
	for i := len(Severities) - 1; i >= 0; i-- {
		if n := bySev[Severities[i]]; n > 0 {
			sev = append(sev, fmt.Sprintf("%s %d", Severities[i], n))
		}
	}
	fmt.Fprintf(&w, "Bundle `%s`, version %s: **%d rules** (%s).\n\n", b.ID, b.Version, len(b.Rules), strings.Join(sev, ", "))
	w.WriteString(strings.TrimSpace(b.Description) + "\n")

	mapped := map[string]map[string][]string{} // framework -> control -> rule ids
	for _, r := range b.Rules {
		for fw, ids := range r.Compliance {
			if mapped[fw] == nil {
				mapped[fw] = map[string][]string{}
			}
			for _, id := range ids {
				mapped[fw][id] = append(mapped[fw][id], r.ID)
			}
		}
	}
	for _, fw := range Frameworks() {
		if mapped[fw.Name] != nil {
			writeCoverage(&w, fw, mapped[fw.Name])
		}
	}
	var others []string
	for _, name := range sortedKeys(mapped) {
		if FrameworkByName(name) == nil {
			others = append(others, name)
		}
	}
	if len(others) > 0 {
		w.WriteString("\n## Other mappings\n\n| Framework | Controls mapped | Rules |\n|---|---|---|\n")
		for _, name := range others {
			rules := map[string]bool{}
			for _, ids := range mapped[name] {
				for _, id := range ids {
					rules[id] = true
				}
			}
			fmt.Fprintf(&w, "| %s | %d | %d |\n", cell(name), len(mapped[name]), len(rules))
		}
	}
	w.WriteString("\n## Rules\n\n| Rule | Severity | Entity | Name |\n|---|---|---|---|\n")
	for _, r := range b.Rules {
		target := ""
		if m := targetOf.FindStringSubmatch(r.Logic); m != nil {
			target = "`" + strings.Join(strings.Fields(m[1]), "") + "`"
		}
		fmt.Fprintf(&w, "| %s | %s | %s | %s |\n", r.ID, r.Severity, target, cell(r.Name))
	}
	return w.String()
}

// writeCoverage writes the coverage table of one framework.
func writeCoverage(w *strings.Builder, fw *Framework, mapped map[string][]string) {
	covered := 0
	type tally struct{ covered, total int }
	byDec := map[string]*tally{"yes": {}, "partly": {}, "no": {}}
	for _, c := range fw.Controls {
		t := byDec[c.Decidable]
		t.total++
		if len(mapped[c.ID]) > 0 {
			covered++
			t.covered++
		}
	}
	fmt.Fprintf(w, "\n## Coverage of %s\n\n", fw.Name)
	fmt.Fprintf(w, "%d of the %d controls listed have at least one rule. By whether resource configuration decides the control: "+
		"yes %d of %d, partly %d of %d, no %d of %d.\n\n",
		covered, len(fw.Controls), byDec["yes"].covered, byDec["yes"].total, byDec["partly"].covered, byDec["partly"].total,
		byDec["no"].covered, byDec["no"].total)
	kind := fw.Controls[0].Kind != ""
	if kind {
		w.WriteString("| Control | Title | R/A | Decidable | Rules |\n|---|---|---|---|---|\n")
	} else {
		w.WriteString("| Control | Title | Decidable | Rules |\n|---|---|---|---|\n")
	}
	for _, c := range fw.Controls {
		rules := strings.Join(mapped[c.ID], ", ")
		if rules == "" {
			rules = "—"
		}
		if kind {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", c.ID, cell(c.Title), c.Kind, c.Decidable, rules)
		} else {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", c.ID, cell(c.Title), c.Decidable, rules)
		}
	}
	var unknown []string
	for id := range mapped {
		if fw.Control(id) == nil {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		fmt.Fprintf(w, "\nControl ids mapped by rules but not in the list: %s.\n", strings.Join(unknown, ", "))
	}
}
