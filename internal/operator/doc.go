// Package operator holds the parts of GSL's operators that only the
// compiler and the VM of package eval call: the truth of a bare operand
// (Truthy), the hash that groupBy buckets its keys by (Hash), compiled like
// and regexMatch patterns (CompileLike, CompileRegexp, MatchRegexp) and
// rule number literals (ParseNumber).
//
// They live here, not in package builtin, because no embedder needs them:
// a custom function compares values with builtin.Equal and
// builtin.Compare, which stay public, and builtin exports only what an
// author of custom functions or a reader of results uses. Everything here
// works through builtin.Value's public accessors and internal/jsontext:
// Hash reads numbers with Value.AsNumber and objects with
// jsontext.FirstMembers, the readers builtin.Equal uses, so that values
// Equal finds equal hash alike (TestHashAgreesWithEqual).
package operator
