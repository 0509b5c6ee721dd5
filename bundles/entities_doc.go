package bundles

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed schema/intro.md
var entitiesIntro string

// Markdown renders the schema as the reference document ENTITIES.md: the
// hand-written introduction (bundles/schema/intro.md), an index of the entity
// types, then one table per type and per shared definition listing every
// property path, its type and its meaning.
func (s *Schema) Markdown() string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(entitiesIntro, "\n"))
	b.WriteString("\n\n## Entity types\n\n| Type | What it is |\n|---|---|\n")
	for _, name := range s.typeNames {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s |\n", name, anchor(name), cell(s.types[name].Doc))
	}
	b.WriteString("\n## Envelope\n\nEvery entity type has these properties.\n\n")
	s.table(&b, s.Envelope, s.Envelope.Names)
	for _, name := range s.typeNames {
		t := s.types[name]
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n\nEnvelope properties, then:\n\n", name, htmlSafe(t.Doc))
		s.table(&b, t.Node, t.Own)
	}
	b.WriteString("\n## Shared shapes\n\nObjects that several entity types embed.\n")
	for _, name := range s.defNames {
		d := s.definitions[name]
		open := ""
		if d.Open {
			open = " Open: keys not listed here are allowed."
		}
		fmt.Fprintf(&b, "\n### %s\n\n%s.%s\n\n", name, htmlSafe(d.Doc), open)
		s.table(&b, d, d.Names)
	}
	return b.String()
}

// table writes the property table of obj for the given top-level names,
// expanding inline objects and arrays of inline objects into dotted rows.
func (s *Schema) table(b *strings.Builder, obj *Node, names []string) {
	b.WriteString("| Property | Type | Meaning |\n|---|---|---|\n")
	var rows func(prefix string, n *Node, names []string)
	rows = func(prefix string, n *Node, names []string) {
		for _, name := range names {
			p := n.Properties[name]
			path := prefix + name
			label := typeLabel(p, func(ref string) string { return fmt.Sprintf("[%s](#%s)", ref, anchor(ref)) })
			if p.Open && p.Kind == KindObject && len(p.Properties) > 0 {
				label += " (open)"
			}
			fmt.Fprintf(b, "| `%s` | %s | %s |\n", path, label, cell(p.Doc))
			switch {
			case p.Ref == "" && p.Kind == KindObject && len(p.Properties) > 0:
				rows(path+".", p, p.Names)
			case p.Kind == KindArray && p.Items != nil && p.Items.Ref == "" && len(p.Items.Properties) > 0:
				rows(path+"[].", p.Items, p.Items.Names)
			}
		}
	}
	rows("", obj, names)
}

// anchor returns the GitHub heading anchor of a type or definition name.
func anchor(name string) string { return strings.ToLower(name) }

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return htmlSafe(strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`))
}

// htmlSafe escapes the characters Markdown would read as HTML.
func htmlSafe(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
