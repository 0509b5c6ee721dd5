package report

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// TestJUnitWriteCase checks that writeCase writes what encoding/xml does.
func TestJUnitWriteCase(t *testing.T) {
	cases := []JUnitCase{
		{Name: "vol-1 (Volume)", Classname: "b.R-1", Time: "0.000", File: "inv.json", Line: 3,
			Failure: &JUnitProblem{Message: "encrypted = false", Type: "High", Text: "at inv.json[0]\nencrypted = false\n"}},
		{Name: "a<b>&\"c\"\n\t\x01", Classname: "R", Time: "0.000"},
		{Name: "e", Classname: "R", Time: "0.000", Error: &JUnitProblem{Message: "boom", Type: "RuleError", Text: "x ]]> y ]]>"}},
		{Name: "e", Classname: "R", Time: "0.000", Error: &JUnitProblem{Message: "m"}},
		{Name: "s", Classname: "R", Time: "0.000", File: "a b.json", Skipped: &JUnitSkipped{Message: "suppressed: ok"}},
		{Name: "s", Classname: "R", Time: "0.000", Skipped: &JUnitSkipped{}},
		{Name: "\xff\ufffe", Classname: "input", Time: "0.000", Line: 9, Error: &JUnitProblem{Message: "bad \xff", Type: "InputError"}},
	}
	for i := range cases {
		c := &cases[i]
		var got, want bytes.Buffer
		writeCase(&got, c)
		enc := xml.NewEncoder(&want)
		enc.Indent("    ", "  ")
		if err := enc.EncodeElement(c, xml.StartElement{Name: xml.Name{Local: "testcase"}}); err != nil {
			t.Fatal(err)
		}
		if w := want.String(); got.String() != w {
			t.Errorf("case %d:\n got %q\nwant %q", i, got.String(), w)
		}
	}
}
