package builtin

import (
	"strings"
)

// MarkdownDoc renders the reference of the operators and of every function
// of r (builtins first, then registered ones) as Markdown: the section of
// SPEC.md between the FUNCTIONS markers, and builtin/FUNCTIONS.md. It is
// generated from the tables, so it cannot drift from them.
func (r *Registry) MarkdownDoc() string {
	var b strings.Builder
	b.WriteString("### Operators\n\n")
	b.WriteString("| Operator | Form | Meaning | Example |\n|---|---|---|---|\n")
	for _, op := range operatorDocs {
		b.WriteString("| " + mdCode(op.Name) + " | " + mdCode(op.Syntax) + " | " +
			mdCell(op.Doc) + " | " + mdCode(op.Example) + " |\n")
	}
	b.WriteString("\n### Functions\n\n")
	b.WriteString("A function is applied to the operand on its left: `operand name(args)`.\n\n")
	b.WriteString("| Function | Operand | Result |\n|---|---|---|\n")
	for _, f := range r.order {
		b.WriteString("| " + mdCode(f.callForm()) + " | " + f.Recv.String() + " | " + f.Result.String() + " |\n")
	}
	for _, f := range r.order {
		b.WriteString("\n#### " + mdCode(f.callForm()) + "\n\n")
		b.WriteString("Signature: " + mdCode(f.Signature()) + "; operand: " + f.Recv.String() + ".\n\n")
		b.WriteString(f.Doc + "\n")
		if f.Example != "" {
			b.WriteString("\nExample:\n\n```\n" + f.Example + "\n```\n")
		}
	}
	return b.String()
}

// TextDoc renders the functions of r as a plain-text list, each entry with
// its signature, meaning and example, wrapped to width columns (the
// package documentation holds it for go doc).
func (r *Registry) TextDoc(width int) string {
	var b strings.Builder
	for i, f := range r.order {
		if i > 0 {
			b.WriteByte('\n')
		}
		wrap(&b, f.Signature()+"; operand: "+f.Recv.String()+".", "  - ", "    ", width)
		wrap(&b, f.Doc, "    ", "    ", width)
		if f.Example != "" {
			wrap(&b, "Example: "+f.Example, "    ", "    ", width)
		}
	}
	return b.String()
}

// callForm is the call with parameter names only: "before(n, unit)".
func (f *Func) callForm() string {
	names := make([]string, len(f.Params))
	for i, p := range f.Params {
		names[i] = p.Name
	}
	return f.Name + "(" + strings.Join(names, ", ") + ")"
}

// mdCode renders s as a Markdown code span that survives a table cell.
func mdCode(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + strings.ReplaceAll(s, "|", `\|`) + pad + fence
}

// mdCell escapes the table separator in running text.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// wrap writes text to b in lines of at most width columns (longer words
// stand alone), the first starting with first and the others with indent.
func wrap(b *strings.Builder, text, first, indent string, width int) {
	line, empty := first, true
	for _, w := range strings.Fields(text) {
		if !empty && len(line)+1+len(w) > width {
			b.WriteString(line + "\n")
			line, empty = indent, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	if !empty {
		b.WriteString(line + "\n")
	}
}
