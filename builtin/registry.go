package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gsl-lang/gsl/internal/textdist"
	"github.com/gsl-lang/gsl/internal/token"
)

// Registry maps function names to their descriptions. The zero value is not
// usable; start from NewRegistry, which holds every builtin.
//
// A Registry is not safe for concurrent Register calls; register every
// custom function before compiling rules, after which concurrent Lookup
// calls are safe.
type Registry struct {
	funcs    map[string]*Func
	order    []*Func // builtins first, in table order, then registered ones
	readOnly bool
}

// NewRegistry returns a registry holding the builtin functions, to which an
// embedder may add its own with Register.
func NewRegistry() *Registry {
	r := &Registry{funcs: make(map[string]*Func, len(builtins))}
	for _, f := range builtins {
		r.funcs[f.Name] = f
		r.order = append(r.order, f)
	}
	return r
}

var defaultRegistry = func() *Registry {
	r := NewRegistry()
	r.readOnly = true
	return r
}()

// Default returns the shared registry of builtins. It is read-only:
// Register on it fails. Embedders call NewRegistry for their own.
func Default() *Registry { return defaultRegistry }

// reservedWords are the keywords of GSL (the words of package token's
// table); a function cannot take their name (compared ignoring case, as
// keywords are).
var reservedWords = token.Reserved()

// Register adds f. It fails when f's name is not an identifier
// ([A-Za-z_][A-Za-z0-9_]*), is a GSL keyword or is taken (builtins cannot be
// replaced), when f has no Impl, when a type is out of range, or when two
// parameters share a name. The registry keeps its own copy of f and of
// f.Params.
func (r *Registry) Register(f Func) error {
	if r.readOnly {
		return fmt.Errorf("builtin: the Default registry is read-only; use NewRegistry")
	}
	if !isIdent(f.Name) {
		return fmt.Errorf("builtin: function name %q is not an identifier ([A-Za-z_][A-Za-z0-9_]*)", f.Name)
	}
	for _, w := range reservedWords {
		if strings.EqualFold(f.Name, w) {
			return fmt.Errorf("builtin: function name %q is a GSL keyword", f.Name)
		}
	}
	if _, ok := r.funcs[f.Name]; ok {
		return fmt.Errorf("builtin: function %q is already defined", f.Name)
	}
	if f.Impl == nil {
		return fmt.Errorf("builtin: function %q has no Impl", f.Name)
	}
	if !f.Recv.valid() || !f.Result.valid() {
		return fmt.Errorf("builtin: function %q has an invalid receiver or result type", f.Name)
	}
	for i, p := range f.Params {
		if !isIdent(p.Name) {
			return fmt.Errorf("builtin: parameter %d of %q has no identifier name", i+1, f.Name)
		}
		if !p.Type.valid() {
			return fmt.Errorf("builtin: parameter %q of %q has an invalid type", p.Name, f.Name)
		}
		for _, q := range f.Params[:i] {
			if q.Name == p.Name {
				return fmt.Errorf("builtin: function %q has two parameters named %q", f.Name, p.Name)
			}
		}
	}
	f.Params = slices.Clone(f.Params)
	f.Impl = recovering(f.Impl)
	r.funcs[f.Name] = &f
	r.order = append(r.order, &f)
	return nil
}

// recovering returns impl, with a panic turned into its error: an
// embedder's function that panics fails the (rule, entity) it ran for, as
// one that returns an error does.
func recovering(impl func(*Env, Value, []Value) (Value, error)) func(*Env, Value, []Value) (Value, error) {
	return func(env *Env, recv Value, args []Value) (v Value, err error) {
		defer func() {
			if p := recover(); p != nil {
				v, err = Value{}, fmt.Errorf("panicked: %v", p)
			}
		}()
		return impl(env, recv, args)
	}
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
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
	slices.Sort(names)
	return names
}

// Funcs returns every function: the builtins in table order, then the
// registered ones in the order they were added. The Funcs must not be
// modified.
func (r *Registry) Funcs() []*Func { return slices.Clone(r.order) }

// Suggest returns the function name closest to an unknown name, for a "did
// you mean" hint, or "" when none is close: one equal but for case, else
// the nearest within a third of name's length in edits (ignoring case);
// among equally close names the first registered wins. The parser's hints
// rank keywords and operators the same way.
func (r *Registry) Suggest(name string) string {
	return textdist.Closest(name, r.Names())
}
