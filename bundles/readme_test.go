package bundles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFrameworks(t *testing.T) {
	fws, err := loadFrameworks(shipped, "frameworks")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"AWS Foundational Security Best Practices": 374, "CIS AWS Foundations v5.0.0": 63, "HIPAA": 37}
	for _, fw := range fws {
		if n, ok := want[fw.Name]; !ok || n != len(fw.Controls) {
			t.Errorf("framework %q has %d controls, want %d", fw.Name, len(fw.Controls), n)
		}
		delete(want, fw.Name)
	}
	if len(want) > 0 {
		t.Errorf("missing frameworks: %v", want)
	}
	hipaa := FrameworkByName("HIPAA")
	if c := hipaa.Control("164.312(a)(2)(iv)"); c == nil || c.Title != "Encryption and decryption" || c.Kind != "A" || c.Decidable != "yes" {
		t.Errorf("164.312(a)(2)(iv) = %+v", c)
	}
	if c := FrameworkByName("CIS AWS Foundations v5.0.0").Control("5.7"); c == nil || !strings.Contains(c.Title, "IMDSv2") {
		t.Errorf("CIS 5.7 = %+v", c)
	}
	if c := FrameworkByName("AWS Foundational Security Best Practices").Control("EC2.6"); c == nil || c.Decidable != "partly" || !strings.HasPrefix(c.Note, "cross-resource") {
		t.Errorf("FSBP EC2.6 = %+v", c)
	}
	if FrameworkByName("PCI") != nil {
		t.Error("unknown framework found")
	}
	for _, src := range []string{
		"framework: X\ncontrols:\n  - {id: a, title: t, decidable: maybe}\n",
		"framework: X\ncontrols:\n  - {id: a, title: t}\n",
		"framework: X\ncontrols:\n  - {id: a, title: t, decidable: \"no\"}\n  - {id: a, title: u, decidable: \"no\"}\n",
		"controls: []\n",
	} {
		if _, err := parseFramework([]byte(src), "f.yaml"); err == nil {
			t.Errorf("parseFramework(%q) succeeded", src)
		}
	}
}

// TestShippedControlIDs checks that the control ids the shipped bundles map
// for frameworks with an embedded list are in that list.
func TestShippedControlIDs(t *testing.T) {
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Rules {
			for name, ids := range r.Compliance {
				fw := FrameworkByName(name)
				if fw == nil {
					continue
				}
				for _, c := range ids {
					if fw.Control(c) == nil {
						t.Errorf("%s: rule %s maps %s control %q, which is not in bundles/frameworks", b.Source, r.ID, name, c)
					}
				}
			}
		}
	}
}

// TestReadme checks that bundles/<id>/README.md is the rendering of each
// shipped bundle. Run with -update to rewrite them.
func TestReadme(t *testing.T) {
	var all []*Bundle
	for _, id := range Names() {
		b, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b)
	}
	files := map[string]string{"README.md": indexReadme(all)}
	for _, b := range all {
		files[filepath.Join(b.ID, "README.md")] = b.Readme()
	}
	for _, file := range sortedKeys(files) {
		got := files[file]
		if *update {
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil || string(want) != got {
			t.Errorf("%s is stale or missing: run go test ./bundles -run TestReadme -update", filepath.Join("bundles", file))
		}
	}
}

func TestKnownLimit(t *testing.T) {
	for desc, want := range map[string]string{
		"No limits here.": "",
		"Why.\nKnown limit: the key\n  is matched as written.": "the key is matched as written.",
		"Why. Known limit: a.\n\nOther paragraph.":             "a.",
		"Known limit:": "",
	} {
		if got := knownLimit(desc); got != want {
			t.Errorf("knownLimit(%q) = %q, want %q", desc, got, want)
		}
	}
}

func TestReadmeSample(t *testing.T) {
	b, err := LoadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	got := b.Readme()
	for _, want := range []string{
		"# Sample bundle\n",
		"Bundle `sample`, version 1.2.0: **5 rules** (Critical 1, High 1, Medium 1, Low 1, Informational 1).",
		"## Coverage of CIS AWS Foundations v5.0.0\n\n1 of the 63 controls listed have at least one rule.",
		"| 5.7 | Ensure that the EC2 Metadata Service only allows IMDSv2 | yes | S-002 |",
		"| 1.1 | Maintain current AWS account contact details | no | — |",
		"## Coverage of HIPAA\n\n2 of the 37 controls listed",
		"| 164.312(a)(2)(iv) | Encryption and decryption | A | yes | S-001 |",
		"| S-002 | Medium | `Instance` | Instances use IMDSv2 | 5.7, 164.312(a)(1) |",
		"## Known limits\n\n",
		"\n- S-002: the hop limit is not read.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("README lacks %q\n%s", want, got)
		}
	}
}

// TestReadmeBundleLimit: a "Known limit:" in the bundle's description is
// listed first among the known limits.
func TestReadmeBundleLimit(t *testing.T) {
	b, err := LoadFile(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	b.Description += "\nKnown limit: the type names are not\n  attested.\n"
	got := b.Readme()
	if want := "these are those statements.\n\n- The bundle: the type names are not attested.\n- S-002:"; !strings.Contains(got, want) {
		t.Errorf("README lacks %q\n%s", want, got)
	}
}
