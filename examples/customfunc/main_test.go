package main

// The program's output is part of its documentation; this keeps it true.
func Example_main() {
	main()
	// Output:
	// signature: startsWith(prefix string) bool
	// startsWith(42): argument 1: prefix of startsWith() must be a string, not a number
	// startsWith(path): argument 1: must be a literal
	// startWith: unknown function, did you mean startsWith?
	// name startsWith('tmp-'): true
	// creationDate daysSince(): 65
	// name daysSince(): error: daysSince(): "tmp-uploads" is not a date
	// creationDate daysSince() > 60: true
	//
	// S3Bucket should not have name startsWith('tmp-')
	//   fail (name = "tmp-uploads"; name startsWith('tmp-') = true)
	// S3Bucket should have creationDate daysSince() < 30
	//   fail (creationDate = "2024-01-10T08:30:00Z"; creationDate daysSince() = 65)
	// S3Bucket should not have name startsWith(42)
	//   compile error: 1:42: prefix of startsWith() must be a string, not a number; usage: startsWith(prefix string) bool
	// S3Bucket should not have name startWith('tmp-')
	//   compile error: 1:31: unknown function "startWith"; did you mean "startsWith"?
	//
	//   - startsWith(prefix string) bool; operand: string.
	//     True when the operand is a string beginning with prefix
	//     (case-sensitive).
	//     Example: S3Bucket should not have name startsWith('tmp-')
	//
	//   - daysSince() number; operand: any.
	//     Whole days from the operand, a date, to now; missing gives missing.
	//     Example: IamUser should not have passwordLastUsed daysSince() > 90
}
