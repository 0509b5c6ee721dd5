package builtin

import (
	"fmt"
	"sort"
)

// Registry maps function names to their descriptions. The zero value is not
// usable; start from NewRegistry, which holds every builtin.
type Registry struct {
	funcs map[string]*Func
}

// builtins is the table of builtin functions, filled by the files that
// define them (see table.go).
var builtins []*Func

// NewRegistry returns a registry holding the builtin functions, to which an
// embedder may add its own with Register.
func NewRegistry() *Registry {
	r := &Registry{funcs: make(map[string]*Func, len(builtins))}
	for _, f := range builtins {
		r.funcs[f.Name] = f
	}
	return r
}

var defaultRegistry = NewRegistry()

// Default returns the shared registry of builtins. Do not Register into it.
func Default() *Registry { return defaultRegistry }

// Register adds f. It fails when f has no name or Impl, or when its name is
// taken (builtins cannot be replaced).
func (r *Registry) Register(f Func) error {
	if f.Name == "" || f.Impl == nil {
		return fmt.Errorf("builtin: function needs a name and an Impl")
	}
	if _, ok := r.funcs[f.Name]; ok {
		return fmt.Errorf("builtin: function %q is already defined", f.Name)
	}
	r.funcs[f.Name] = &f
	return nil
}

// Lookup finds a function by its exact (case-sensitive) name.
func (r *Registry) Lookup(name string) (*Func, bool) {
	f, ok := r.funcs[name]
	return f, ok
}

// Names returns every function name, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.funcs))
	for n := range r.funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
