package bundles

import (
	"io/fs"
	"path"
	"sort"
	"sync"
)

// Control is one control (requirement) of a compliance framework.
type Control struct {
	ID    string // e.g. "1.4" or "164.312(a)(2)(iv)"
	Title string
	// Decidable says whether resource configuration alone decides the
	// control: "yes", "partly" or "no".
	Decidable string
	// Kind is the HIPAA implementation kind: "R" (required), "A"
	// (addressable) or "Std" (a standard); "" for other frameworks.
	Kind string
	// Note says why no shipped rule decides the control (cross-resource,
	// runtime status, an external list, not in the model yet); the
	// generated README shows it for controls without a rule.
	Note string
}

// Framework is the list of controls of a compliance framework, as the
// shipped bundles name it in their compliance mappings.
type Framework struct {
	Name     string // e.g. "HIPAA", "CIS AWS Foundations v5.0.0"
	Controls []Control
}

// Control returns the control with the given id, or nil.
func (f *Framework) Control(id string) *Control {
	for i := range f.Controls {
		if f.Controls[i].ID == id {
			return &f.Controls[i]
		}
	}
	return nil
}

var (
	frameworksOnce sync.Once
	frameworks     []*Framework
	frameworksErr  error
)

// Frameworks returns the embedded control lists (bundles/frameworks/*.yaml),
// sorted by name: AWS Foundational Security Best Practices, CIS AWS
// Foundations v5.0.0 and the HIPAA Security Rule paragraphs.
func Frameworks() []*Framework {
	frameworksOnce.Do(func() { frameworks, frameworksErr = loadFrameworks(shipped, "frameworks") })
	if frameworksErr != nil {
		panic("bundles: embedded framework list is invalid: " + frameworksErr.Error()) // covered by TestFrameworks
	}
	return frameworks
}

// FrameworkByName returns the embedded control list of a framework, or nil.
func FrameworkByName(name string) *Framework {
	for _, f := range Frameworks() {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func loadFrameworks(fsys fs.FS, dir string) ([]*Framework, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []*Framework
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		fw, err := parseFramework(data, "bundles/"+name)
		if err != nil {
			return nil, err
		}
		out = append(out, fw)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// parseFramework reads `framework: name` and `controls: [{id, title,
// decidable, kind, note}]`.
func parseFramework(data []byte, file string) (*Framework, error) {
	f, err := parseYAML(data, file)
	if err != nil {
		return nil, err
	}
	fw := &Framework{}
	fields, _ := f.mapping(f.body, "a framework file")
	for _, fl := range fields {
		switch fl.name {
		case "framework":
			fw.Name, _ = f.str(fl.val, "framework")
		case "controls":
			items, _ := f.seq(fl.val, "controls")
			seen := map[string]bool{}
			for _, it := range items {
				var c Control
				cf, _ := f.mapping(it, "a control")
				for _, x := range cf {
					s, _ := f.str(x.val, x.name)
					switch x.name {
					case "id":
						c.ID = s
					case "title":
						c.Title = s
					case "decidable":
						c.Decidable = s
						if s != "yes" && s != "partly" && s != "no" {
							f.errorf(x.val, "decidable must be yes, partly or no")
						}
					case "kind":
						c.Kind = s
					case "note":
						c.Note = s
					default:
						f.errorf(x.key, "unknown key %q in control", x.name)
					}
				}
				if c.ID == "" || c.Title == "" || c.Decidable == "" {
					f.errorf(it, "a control needs id, title and decidable")
				}
				if seen[c.ID] {
					f.errorf(it, "control %s listed twice", c.ID)
				}
				seen[c.ID] = true
				fw.Controls = append(fw.Controls, c)
			}
		default:
			f.errorf(fl.key, "unknown key %q in framework file", fl.name)
		}
	}
	if fw.Name == "" || len(fw.Controls) == 0 {
		f.errorf(f.body, "a framework file needs framework and controls")
	}
	if len(f.errs) > 0 {
		return nil, f.errs
	}
	return fw, nil
}
