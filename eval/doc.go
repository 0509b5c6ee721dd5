// Package eval compiles GSL rules to a compact predicate bytecode and runs
// it over raw JSON documents with gjson, without decoding them into maps.
package eval
