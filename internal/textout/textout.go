// Package textout holds what gslcheck's commands and the report package
// share to write text for people: ANSI colours, numbers with thousands
// separators, plurals, and strings made safe for a terminal.
package textout

import (
	"fmt"
	"strings"
)

// Style colours text when On; the zero value and nil print plain text.
type Style struct{ On bool }

func (s *Style) wrap(code, text string) string {
	if s == nil || !s.On || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// Bold makes t bold.
func (s *Style) Bold(t string) string { return s.wrap("1", t) }

// Dim makes t dim.
func (s *Style) Dim(t string) string { return s.wrap("2", t) }

// Red colours t red.
func (s *Style) Red(t string) string { return s.wrap("31", t) }

// Green colours t green.
func (s *Style) Green(t string) string { return s.wrap("32", t) }

// Yellow colours t yellow.
func (s *Style) Yellow(t string) string { return s.wrap("33", t) }

// Blue colours t blue.
func (s *Style) Blue(t string) string { return s.wrap("34", t) }

// Purple colours t purple.
func (s *Style) Purple(t string) string { return s.wrap("35", t) }

// Cyan colours t cyan.
func (s *Style) Cyan(t string) string { return s.wrap("36", t) }

// Severity colours a severity name by its weight.
func (s *Style) Severity(sev string) string {
	switch sev {
	case "Critical":
		return s.wrap("1;31", sev)
	case "High":
		return s.Red(sev)
	case "Medium":
		return s.Yellow(sev)
	case "Low":
		return s.Blue(sev)
	}
	return s.Dim(sev)
}

// Commas formats n with thousands separators.
func Commas(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Plural returns one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Printable escapes the control characters of s (as \x1b, or \u0085 for
// the C1 ones); ranging over s replaces the bytes that are not UTF-8 by
// U+FFFD. Ids, types and type-map keys come from the documents, whose JSON
// escapes can spell any character, and text goes to a terminal.
func Printable(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
