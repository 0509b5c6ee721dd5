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

// Entity is one entity document: a JSON object with at least "type" and
// "id", as ENTITIES.md defines them, or the error that kept a document of
// the input from becoming one.
type Entity struct {
	Data   []byte
	Origin Origin
	Err    error
}
