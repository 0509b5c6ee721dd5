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
// ids have at least one rule, and for the others why not when the list says),
// the other frameworks the rules map to, and the rule index with each rule's
// control ids.
func (b *Bundle) Readme() string {
	var w strings.Builder
	fmt.Fprintf(&w, "# %s\n\n", b.Name)
	fmt.Fprintf(&w, "<!-- Generated from bundle.yaml by `go test ./bundles -run TestReadme -update`. Do not edit by hand. -->\n\n")
	bySev := map[string]int{}
	for _, r := range b.Rules {
		bySev[r.Severity]++
	}
	var sev []string
	for i := len(severities) - 1; i >= 0; i-- {
		if n := bySev[severities[i]]; n > 0 {
			sev = append(sev, fmt.Sprintf("%s %d", severities[i], n))
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
	w.WriteString("\n## Rules\n\nControls are the ids the rule maps to in the frameworks whose control list is embedded.\n\n" +
		"| Rule | Severity | Entity | Name | Controls |\n|---|---|---|---|---|\n")
	for _, r := range b.Rules {
		target := ""
		if m := targetOf.FindStringSubmatch(r.Logic); m != nil {
			target = "`" + strings.Join(strings.Fields(m[1]), "") + "`"
		}
		var controls []string
		for _, fw := range Frameworks() {
			controls = append(controls, r.Compliance[fw.Name]...)
		}
		fmt.Fprintf(&w, "| %s | %s | %s | %s | %s |\n", r.ID, r.Severity, target, cell(r.Name), cell(strings.Join(controls, ", ")))
	}
	var limits []string
	if l := knownLimit(b.Description); l != "" {
		limits = append(limits, "- The bundle: "+l+"\n")
	}
	for _, r := range b.Rules {
		if l := knownLimit(r.Description); l != "" {
			limits = append(limits, "- "+r.ID+": "+l+"\n")
		}
	}
	if len(limits) > 0 {
		w.WriteString("\n## Known limits\n\nWhere the entity model cannot express part of a control, the rule's description says so; " +
			"these are those statements.\n\n")
		for _, l := range limits {
			w.WriteString(l)
		}
	}
	return w.String()
}

// knownLimitMarker starts the part of a rule description that says what
// of the control the rule cannot check.
const knownLimitMarker = "Known limit:"

// knownLimit returns the text after "Known limit:" in a rule description,
// up to the end of its paragraph, on one line; "" when there is none.
func knownLimit(desc string) string {
	i := strings.Index(desc, knownLimitMarker)
	if i < 0 {
		return ""
	}
	rest := desc[i+len(knownLimitMarker):]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j]
	}
	return strings.Join(strings.Fields(rest), " ")
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
	notes := false
	for _, c := range fw.Controls {
		notes = notes || c.Note != ""
	}
	header := "| Control | Title |"
	if kind {
		header += " R/A |"
	}
	header += " Decidable | Rules |"
	if notes {
		header += " Why no rule |"
	}
	w.WriteString(header + "\n" + strings.Repeat("|---", strings.Count(header, "|")-1) + "|\n")
	for _, c := range fw.Controls {
		rules := strings.Join(mapped[c.ID], ", ")
		if rules == "" {
			rules = "—"
		}
		row := fmt.Sprintf("| %s | %s |", c.ID, cell(c.Title))
		if kind {
			row += " " + c.Kind + " |"
		}
		row += fmt.Sprintf(" %s | %s |", c.Decidable, rules)
		if notes {
			note := ""
			if len(mapped[c.ID]) == 0 {
				note = cell(c.Note)
			}
			row += " " + note + " |"
		}
		w.WriteString(row + "\n")
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

// indexReadme renders bundles/README.md: the shipped bundles with their
// rule counts and framework coverage, and where the format, the entity
// model and the fixtures are described.
func indexReadme(bs []*Bundle) string {
	var w strings.Builder
	w.WriteString("# Shipped bundles\n\n")
	w.WriteString("<!-- Generated by `go test ./bundles -run TestReadme -update`. Do not edit by hand. -->\n\n")
	w.WriteString("Each bundle directory holds `bundle.yaml` (the rules), `tests/*.yaml` (fixture cases: documents and the\n" +
		"status each rule must reach on them) and a generated `README.md` (coverage and rule index). The rules read\n" +
		"documents of the entity model in [ENTITIES.md](../ENTITIES.md), whose source is `schema/aws.yaml`;\n" +
		"`frameworks/` holds the control lists the coverage tables use. `go test ./bundles` type-checks every rule\n" +
		"against the model and runs every fixture case.\n\n")
	w.WriteString("| Bundle | Name | Version | Rules | Framework coverage |\n|---|---|---|---|---|\n")
	for _, b := range bs {
		var cov []string
		for _, fw := range Frameworks() {
			covered := 0
			for _, c := range fw.Controls {
				for _, r := range b.Rules {
					if contains(r.Compliance[fw.Name], c.ID) {
						covered++
						break
					}
				}
			}
			if covered > 0 {
				cov = append(cov, fmt.Sprintf("%s: %d of %d controls", fw.Name, covered, len(fw.Controls)))
			}
		}
		fmt.Fprintf(&w, "| [`%s`](%s/README.md) | %s | %s | %d | %s |\n", b.ID, b.ID, cell(b.Name), b.Version, len(b.Rules), strings.Join(cov, "; "))
	}
	return w.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
