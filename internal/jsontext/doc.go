// Package jsontext reads and writes JSON text without decoding it: where a
// value or a string ends, whether text is JSON, and how a Go string is
// written as a JSON string. Every package of the module that scans raw JSON
// (the evaluator's document index, the builtin functions over raw arrays
// and objects, the report writers, the inventory readers, the CLI) uses
// these routines rather than a copy of its own.
//
// # Scanning
//
// SkipSpace, StringEnd, ValueEnd and CloseAfter find the extent of values in
// text that is usually valid (a document the evaluator validated) but may
// not be (a value a custom function built): they are total, returning an
// offset at most len(s) on malformed text, never panicking or looping.
//
// # Validity
//
// Valid and Validator accept RFC 8259 JSON as gjson.Valid and
// encoding/json.Valid do: strings are not checked for valid UTF-8, and
// white space may surround the value. Validator also bounds nesting depth.
//
// # Escaping
//
// AppendString writes a Go string as a JSON string literal with one
// contract, the bytes encoding/json writes with SetEscapeHTML(false):
//
//   - the quote and the backslash are escaped with a backslash;
//   - \b, \f, \n, \r and \t use their two-character escapes, every other
//     byte below 0x20 is written \u00XX (lower-case hex);
//   - each byte that is not part of valid UTF-8 is written \ufffd;
//   - U+2028 and U+2029 are written \u2028 and \u2029;
//   - everything else, '<', '>' and '&' included, is written as is.
//
// Why this contract: the output is always valid JSON that decodes back to
// the input (invalid UTF-8 aside); it can be pasted into JavaScript source
// as is (raw U+2028 and U+2029 are valid JSON but end a JavaScript string
// literal in engines before ES2019); it stays readable for people and grep (no \u003c for '<' in rule names and messages: HTML escaping is
// the job of whoever embeds a report in HTML); and it is byte for byte what
// encoding/json writes, so a report built by hand and one built through
// json.Encoder agree, which FuzzAppendString checks.
package jsontext
