package main

// This file implements `gslcheck fmt`: it rewrites the logic scalar of each
// rule of a bundle file in canonical form (lang.Format) and keeps every
// other byte of the file. The loader tells where each rule's logic starts;
// the scalar's extent is found from its style (plain, quoted or block).

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gsl-lang/gsl/bundles"
	"github.com/gsl-lang/gsl/internal/jsontext"
	"github.com/gsl-lang/gsl/lang"
)

func (c *fmtCmd) Run(e *env) error {
	if c.Check && c.Write {
		return usagef("give either --check or -w, not both")
	}
	var files []string
	for _, p := range c.Paths {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		bs, err := loadBundleDir(p)
		if err != nil {
			return err
		}
		for _, b := range bs {
			files = append(files, b.Source)
		}
	}
	failed := false
	changed := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		format := formatBundleFile
		if strings.EqualFold(filepath.Ext(file), ".gsl") {
			format = formatRuleFile
		}
		out, problems, err := format(data, file, canonicalLogic)
		if err != nil {
			fmt.Fprintf(e.stderr, "%v\n", err)
			failed = true
			continue
		}
		if len(problems) > 0 {
			for _, p := range problems {
				writeProblem(e.stderr, e.errSty, p)
			}
			failed = true
			continue
		}
		differs := !bytes.Equal(out, data)
		switch {
		case c.Check:
			if differs {
				changed++
				fmt.Fprintln(e.stdout, file)
			}
		case c.Write:
			if differs {
				if err := replaceFile(file, out); err != nil {
					return err
				}
			}
		default:
			if _, err := e.stdout.Write(out); err != nil {
				return err
			}
		}
	}
	switch {
	case failed:
		e.code = exitError
	case c.Check && changed > 0:
		e.code = exitFindings
	}
	return nil
}

// replaceFile replaces the contents of file with data, keeping its mode:
// data goes to a temporary file beside it, which is then renamed over it,
// so an interrupted write never leaves a truncated bundle. A symbolic link
// is followed: its target is replaced.
func replaceFile(file string, data []byte) (err error) {
	if file, err = filepath.EvalSymlinks(file); err != nil {
		return err
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// formatRuleFile returns a .gsl rule file with every rule in canonical
// form; blank lines and comment lines between rules are kept. A rule with
// a comment line inside it is kept as it is (formatting would drop the
// comment). When a rule does not parse, the problems are returned and the
// file is left as it is.
func formatRuleFile(data []byte, file string, format func(string) (string, error)) ([]byte, []problem, error) {
	src := string(data)
	parsed, perr := lang.ParseFile(file, src)
	if perr != nil {
		var errs lang.ErrorList
		if !errors.As(perr, &errs) {
			return nil, nil, perr
		}
		var out []problem
		for _, e := range errs {
			out = append(out, problem{File: file, RuleID: "rule", Msg: errorMessage(e), Source: e.Line,
				Line: e.Pos.Line, Column: e.Pos.Column, FileLine: e.Pos.Line, FileCol: e.Pos.Column,
				EndColumn: endColumn(lang.Span{Start: e.Pos, End: e.End})})
		}
		return nil, out, nil
	}
	var b strings.Builder
	last := 0
	for _, r := range parsed {
		sp := r.Span()
		start, end := sp.Start.Offset, sp.End.Offset
		if start < last || end > len(src) || end < start {
			return nil, nil, fmt.Errorf("%s: internal error: rule span %d-%d out of order", file, start, end)
		}
		text := src[start:end]
		if hasCommentLine(text) {
			continue // a comment line inside the rule: left as it is
		}
		f, err := format(text)
		if err != nil {
			return nil, nil, err
		}
		b.WriteString(src[last:start])
		b.WriteString(f)
		last = end
	}
	b.WriteString(src[last:])
	return []byte(b.String()), nil, nil
}

// hasCommentLine reports whether a line of s is a comment (#).
func hasCommentLine(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			return true
		}
	}
	return false
}

// canonicalLogic formats one rule's text.
func canonicalLogic(src string) (string, error) {
	r, err := lang.Parse(src)
	if err != nil {
		return "", err
	}
	return lang.Format(r), nil
}

// formatBundleFile returns data with every rule's logic in canonical form.
// Rules whose logic does not parse are reported as problems and the file is
// then left as it is. The result is checked by loading it again.
func formatBundleFile(data []byte, file string, format func(string) (string, error)) ([]byte, []problem, error) {
	b, err := loadBundleData(data, file)
	if err != nil {
		return nil, nil, err
	}
	dome9 := isJSONText(data)
	lines := splitLinesKeep(data)
	type edit struct {
		startLine, startByte int // start: line index (0-based) and byte in that line
		endLine, endByte     int // end (exclusive)
		text                 string
	}
	var edits []edit
	var problems []problem
	want := make([]string, len(b.Rules))
	for i := range b.Rules {
		r := &b.Rules[i]
		m := metaOf(b, r)
		formatted, err := format(r.Logic)
		if err != nil {
			problems = append(problems, problemsOf(m, err)...)
			continue
		}
		want[i] = formatted
		if formatted == r.Logic {
			continue
		}
		if r.LogicLine <= 0 {
			return nil, nil, fmt.Errorf("%s: rule %s: the loader gave no position for its logic", file, m.ID)
		}
		var ed edit
		var ok bool
		if dome9 {
			ed.startLine, ed.startByte, ed.endLine, ed.endByte, ok = jsonStringExtent(lines, r.LogicLine-1, r.LogicColumn)
			ed.text = jsontext.Quote(formatted)
		} else {
			var keyCol int
			var comment string
			ed.startLine, ed.startByte, ed.endLine, ed.endByte, keyCol, comment, ok = yamlLogicExtent(lines, r.Line-1, r.LogicLine-1)
			if ok {
				ed.text = yamlLogicValue(formatted, keyCol, eolOf(lines))
				if strings.HasPrefix(ed.text, ">-") {
					// A comment after the old value would end up inside
					// the block: it moves after the indicator.
					l := trimEOL(lines[ed.endLine])
					if t := strings.TrimSpace(l[ed.endByte:]); strings.HasPrefix(t, "#") {
						comment = strings.TrimSpace(comment + " " + t)
						ed.endByte = len(l)
					}
				}
				if comment != "" {
					// The comment was inside the extent: it follows the
					// block indicator, or the value on its line.
					if rest, block := strings.CutPrefix(ed.text, ">-"); block {
						ed.text = ">- " + comment + rest
					} else {
						ed.text += " " + comment
					}
				}
				if l := lines[ed.startLine]; ed.startByte > 0 && l[ed.startByte-1] == ':' {
					ed.text = " " + ed.text
				}
			}
		}
		if !ok {
			return nil, nil, fmt.Errorf("%s:%d: rule %s: cannot find the extent of its logic", file, r.LogicLine, m.ID)
		}
		edits = append(edits, ed)
	}
	if len(problems) > 0 {
		return nil, problems, nil
	}
	if len(edits) == 0 {
		return data, nil, nil
	}
	// Apply the edits from the last to the first so positions stay valid.
	var out bytes.Buffer
	pos := 0 // next unread line index
	offsets := make([]int, len(lines)+1)
	for i, l := range lines {
		offsets[i+1] = offsets[i] + len(l)
	}
	for _, ed := range edits {
		start := offsets[ed.startLine] + ed.startByte
		end := offsets[ed.endLine] + ed.endByte
		out.Write(data[pos:start])
		out.WriteString(ed.text)
		pos = end
	}
	out.Write(data[pos:])
	result := out.Bytes()

	// Check: the new file loads, and each rule's logic now reads as its
	// canonical form.
	nb, err := loadBundleData(result, file)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: internal error: the formatted file does not load: %v", file, err)
	}
	if len(nb.Rules) != len(b.Rules) {
		return nil, nil, fmt.Errorf("%s: internal error: the formatted file has %d rules, want %d", file, len(nb.Rules), len(b.Rules))
	}
	for i := range nb.Rules {
		if got := nb.Rules[i].Logic; got != want[i] && strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(want[i]), " ") {
			return nil, nil, fmt.Errorf("%s: internal error: rule %s reads back as %q, want %q", file, nb.Rules[i].ID, got, want[i])
		}
	}
	return result, nil, nil
}

// loadBundleData parses a bundle file held in memory (YAML or Dome9 JSON).
func loadBundleData(data []byte, file string) (*bundles.Bundle, error) {
	if isJSONText(data) {
		b, err := bundles.ParseDome9(data)
		if err != nil {
			return nil, relabel(err, "ruleset.json", file)
		}
		b.Source = file
		return b, nil
	}
	return bundles.Parse(data, file)
}

// relabel replaces the file name the Dome9 parser used in its errors.
func relabel(err error, from, to string) error {
	var list bundles.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if e.File == from {
				e.File = to
			}
		}
		return list
	}
	return err
}

func isJSONText(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// splitLinesKeep splits data into lines that keep their line endings.
func splitLinesKeep(data []byte) []string {
	var lines []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, string(data))
			break
		}
		lines = append(lines, string(data[:i+1]))
		data = data[i+1:]
	}
	return lines
}

func trimEOL(l string) string { return strings.TrimRight(l, "\r\n") }

// eolOf returns the file's line ending.
func eolOf(lines []string) string {
	for _, l := range lines {
		if strings.HasSuffix(l, "\r\n") {
			return "\r\n"
		}
		if strings.HasSuffix(l, "\n") {
			return "\n"
		}
	}
	return "\n"
}

var logicKey = regexp.MustCompile(`^(\s*(?:-\s+)?)logic\s*:(?:\s|$)`)

// yamlLogicExtent finds the value of the `logic:` key of the rule that
// starts at line ruleLine and whose text starts at line textLine (0-based).
// It returns the extent [start, end) of the value (after "logic:" and its
// spaces, up to the end of the scalar), the key's column (0-based), and the
// comment on the key line that lies inside the extent (after a block
// indicator, or before a value that starts on the next line), "" if none.
func yamlLogicExtent(lines []string, ruleLine, textLine int) (sl, sb, el, eb, keyCol int, comment string, ok bool) {
	keyLine := -1
	for i := max(ruleLine, 0); i <= textLine && i < len(lines); i++ {
		if m := logicKey.FindStringSubmatch(lines[i]); m != nil {
			keyLine, keyCol = i, len(m[1])
		}
	}
	if keyLine < 0 {
		return
	}
	line := trimEOL(lines[keyLine])
	colon := strings.Index(line[keyCol:], ":") + keyCol
	start := colon + 1
	for start < len(line) && (line[start] == ' ' || line[start] == '\t') {
		start++
	}
	sl, sb = keyLine, start
	indentOf := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	blank := func(l string) bool { return strings.TrimSpace(l) == "" }
	if start >= len(line) || line[start] == '|' || line[start] == '>' || line[start] == '#' {
		var style byte // '|' or '>' for a block scalar, 0 for plain
		if start < len(line) && (line[start] == '|' || line[start] == '>') {
			style = line[start]
		}
		if i := strings.IndexByte(line[start:], '#'); i >= 0 && (i == 0 || line[start+i-1] == ' ' || line[start+i-1] == '\t') {
			comment = strings.TrimRight(line[start+i:], " \t")
		}
		// Block scalar, or plain scalar starting on the next line: every
		// following line that is blank or indented more than the key.
		el, eb = keyLine, len(line)
		for i := keyLine + 1; i < len(lines); i++ {
			l := trimEOL(lines[i])
			if blank(l) {
				continue
			}
			if indentOf(l) <= keyCol {
				break
			}
			if style == 0 && strings.HasPrefix(strings.TrimSpace(l), "#") {
				break
			}
			el, eb = i, len(l)
			if style == 0 {
				eb = plainEnd(l, indentOf(l)) // before a trailing comment
			}
		}
		if style == 0 && el == keyLine {
			return // an empty value
		}
		return sl, sb, el, eb, keyCol, comment, true
	}
	switch q := line[start]; q {
	case '"', '\'':
		i, j := keyLine, start+1
		for i < len(lines) {
			l := trimEOL(lines[i])
			for j < len(l) {
				c := l[j]
				switch {
				case q == '"' && c == '\\':
					j += 2
					continue
				case c == q && q == '\'' && j+1 < len(l) && l[j+1] == '\'':
					j += 2
					continue
				case c == q:
					return sl, sb, i, j + 1, keyCol, "", true
				}
				j++
			}
			i, j = i+1, 0
		}
		return
	}
	// Plain scalar on the key line, maybe continued on more-indented lines.
	el, eb = keyLine, plainEnd(line, start)
	for i := keyLine + 1; i < len(lines); i++ {
		l := trimEOL(lines[i])
		if blank(l) {
			continue
		}
		t := strings.TrimSpace(l)
		if indentOf(l) <= keyCol || strings.HasPrefix(t, "#") {
			break
		}
		el, eb = i, plainEnd(l, indentOf(l))
	}
	return sl, sb, el, eb, keyCol, "", true
}

// plainEnd is where a plain scalar's text ends on line: before a " #"
// comment and trailing blanks.
func plainEnd(line string, from int) int {
	end := len(line)
	if i := strings.Index(line[from:], " #"); i >= 0 {
		end = from + i
	}
	if i := strings.Index(line[from:], "\t#"); i >= 0 && from+i < end {
		end = from + i
	}
	return len(strings.TrimRight(line[:end], " \t"))
}

const fmtWidth = 100

var yamlSpecialPlain = regexp.MustCompile(`^(?i:true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.eE+-]*|[-+]?\.inf|\.nan)$`)

// yamlLogicValue renders formatted logic as the value of a `logic:` key
// at column keyCol: plain when it fits on the line and needs no quoting,
// double-quoted when it fits but needs quoting, else a folded block scalar
// (>-) with the condition on its own line, wrapped at single spaces.
func yamlLogicValue(text string, keyCol int, eol string) string {
	fits := keyCol+len("logic: ")+len(text) <= fmtWidth
	if fits && plainSafe(text) {
		return text
	}
	if fits && !strings.ContainsAny(text, "\"\\") {
		return jsontext.Quote(text)
	}
	if strings.ContainsAny(text, "\n\r\t") || text != strings.TrimSpace(text) || strings.Contains(text, "  ") {
		// Folding would change it: a double-quoted (JSON) string keeps
		// every character.
		return jsontext.Quote(text)
	}
	indent := strings.Repeat(" ", keyCol+2)
	var b strings.Builder
	b.WriteString(">-")
	// After a where clause, the condition starts a line of its own; long
	// lines wrap at spaces.
	clauses := []string{text}
	if i := strings.Index(text, " should "); i > 0 && strings.Contains(text[:i], " where ") {
		clauses = []string{text[:i], text[i+1:]}
	}
	for _, clause := range clauses {
		line := ""
		for _, word := range strings.Split(clause, " ") {
			if line != "" && len(indent)+len(line)+1+len(word) > fmtWidth {
				b.WriteString(eol + indent + line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		b.WriteString(eol + indent + line)
	}
	return b.String()
}

// plainSafe reports whether s can be written as a plain YAML scalar and
// read back as the same string.
func plainSafe(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(s, "\n\r\t") {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	return !yamlSpecialPlain.MatchString(s)
}

// jsonStringExtent finds the JSON string literal whose text starts at
// line, col (1-based column after the opening quote).
func jsonStringExtent(lines []string, line, col int) (sl, sb, el, eb int, ok bool) {
	if line < 0 || line >= len(lines) {
		return
	}
	l := lines[line]
	// col counts runes; find the byte offset of the opening quote.
	q := byteOffset(l, col-1) - 1
	if q < 0 || q >= len(l) || l[q] != '"' {
		return
	}
	if end, _, ok := jsontext.ValidString(l, q); ok {
		return line, q, line, end, true
	}
	return
}

// byteOffset converts a 0-based rune column of s to a byte offset.
func byteOffset(s string, runes int) int {
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}
