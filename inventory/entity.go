package inventory

// Origin says where an entity document came from. Readers fill what their
// format knows and leave the rest zero.
type Origin struct {
	// Input is the display name of the input: a file path, or "<stdin>".
	Input string
	// Line and Col are the 1-based position at which the document, or the
	// resource it was converted from, starts in Input; 0 when unknown.
	Line, Col int
	// Index is the 0-based position of the document within its array
	// (a JSON array of documents, a type map's array, a snapshot's
	// configurationItems); -1 when the document is not an array element.
	Index int
	// Key is the type-map key the document was listed under, if any.
	Key string
	// Resource is the source's own name for the resource the document was
	// converted from: a Terraform address (module.db.aws_db_instance.main),
	// a CloudFormation logical id, an AWS Config resource ARN or id. Empty
	// for documents that were already entity documents.
	Resource string
}

// Entity is one record a reader emits for each thing it found in an input,
// so that the counts in and out match. Exactly one of these holds:
//   - Data is an entity document: a JSON object with at least "type" and
//     "id", as ENTITIES.md defines them;
//   - Err says why a document or resource of the input could not be read or
//     converted (an error record, reported with its Origin);
//   - NotModelled names the source's type of a resource the entity model
//     has no type for ("AWS::Glue::Job", "aws_glue_job"): counted and named
//     in the summary, never evaluated and never dropped silently.
type Entity struct {
	Data        []byte
	Origin      Origin
	Err         error
	NotModelled string
}
