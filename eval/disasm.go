package eval

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/gsl-lang/gsl/builtin"
)

// Disassemble lists the program: its rule and target, the code with one
// instruction per line (address, opcode, operand, and what the operand
// names), then the tables the code refers to: paths with their scopes and
// the gjson paths they run, constants, like patterns, regexes, value lists
// and functions.
func (p *Program) Disassemble() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule    %s\n", oneLine(p.rule.Source))
	target := p.target
	if target == "" {
		target = "(any)"
	}
	fmt.Fprintf(&b, "target  %s\n", target)
	fmt.Fprintf(&b, "stack   %d values, %d loops\n", p.maxStack, p.maxLoops)

	b.WriteString("code\n")
	w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for pc, in := range p.code {
		arg := ""
		if in.op.info().arg != argNone {
			arg = fmt.Sprint(in.arg)
		}
		fmt.Fprintf(w, "  %d\t%s\t%s\t%s\n", pc, in.op, arg, p.operandNote(in))
	}
	w.Flush()

	if len(p.paths) > 0 {
		b.WriteString("paths\n")
		w = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for i, ps := range p.paths {
			fmt.Fprintf(w, "  %d\t%s\t%s\tgjson %s\n", i, ps.text, p.scopeName(ps.scope), quoteList(ps.chunks))
		}
		w.Flush()
	}
	if len(p.consts) > 0 {
		b.WriteString("constants\n")
		for i, c := range p.consts {
			fmt.Fprintf(&b, "  %d  %s\n", i, constText(c))
		}
	}
	if len(p.likes) > 0 {
		b.WriteString("like patterns\n")
		for i, l := range p.likes {
			fmt.Fprintf(&b, "  %d  %s\n", i, likeText(l))
		}
	}
	if len(p.regexes) > 0 {
		b.WriteString("regexes\n")
		for i, r := range p.regexes {
			fmt.Fprintf(&b, "  %d  %s\n", i, r)
		}
	}
	if len(p.lists) > 0 {
		b.WriteString("value lists\n")
		for i, l := range p.lists {
			parts := make([]string, len(l))
			for j, v := range l {
				parts[j] = constText(v)
			}
			fmt.Fprintf(&b, "  %d  (%s)\n", i, strings.Join(parts, ", "))
		}
	}
	if len(p.calls) > 0 {
		b.WriteString("functions\n")
		for i, c := range p.calls {
			fmt.Fprintf(&b, "  %d  %s/%d\n", i, c.fn.Name, c.nargs)
		}
	}
	return b.String()
}

// operandNote says what an instruction's operand names.
func (p *Program) operandNote(in instr) string {
	switch in.op.info().arg {
	case argPath:
		return "; " + p.paths[in.arg].text
	case argConst:
		return "; " + constText(p.consts[in.arg])
	case argCall:
		return "; " + p.calls[in.arg].fn.Name
	case argLike:
		return "; like " + likeText(p.likes[in.arg])
	case argRegex:
		return "; /" + p.regexes[in.arg].String() + "/"
	case argList:
		return fmt.Sprintf("; %d values", len(p.lists[in.arg]))
	}
	return ""
}

// scopeName describes where a path is read from.
func (p *Program) scopeName(s int32) string {
	if s == rawScope {
		return "each element (raw)"
	}
	sc := p.scopes[s]
	switch sc.kind {
	case scopeRoot:
		return "entity"
	case scopeElemPath:
		return "each " + p.paths[sc.from].text + "[]"
	case scopeElemElem:
		return "each $[] in " + p.scopeName(sc.from)
	}
	return "raw"
}

func constText(v builtin.Value) string {
	if v.Kind() == builtin.Missing {
		return "missing"
	}
	return jsonText(v)
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " ")
}
