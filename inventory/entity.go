package inventory

import "strconv"

// Kind tells how a document was found in its input, which decides its
// label (see Origin.Label).
type Kind uint8

// The kinds of documents.
const (
	KindLine    Kind = iota // NDJSON line or JSON-stream value: file:line
	KindElem                // element of a top-level array: file[i]
	KindTypeMap             // element of a type-map array: file[Type][i]
	KindWhole               // the whole input is one document: file
)

// Origin says where an entity document came from. Readers fill what their
// format knows and leave the rest zero.
type Origin struct {
	// Input is the display name of the input: a file path, or "<stdin>".
	Input string
	// Line and Col are the 1-based position at which the document, or the
	// resource it was converted from, starts in Input; 0 when unknown. Col
	// counts bytes.
	Line, Col int
	// Wide is the number of UTF-8 continuation bytes on the line before
	// the document: its column in characters is Col - Wide.
	Wide int
	// Index is the 0-based position of the document within its array
	// (a JSON array of documents, a type map's array, a snapshot's
	// configurationItems); -1 when the document is not an array element.
	Index int
	// Key is the type-map key the document was listed under, or the
	// member of the input's top-level object that holds the array the
	// document was an element of ("configurationItems").
	Key string
	// Kind tells how the document was found, which decides its label.
	Kind Kind
	// Resource is the source's own name for the resource the document was
	// converted from: a Terraform address (module.db.aws_db_instance.main),
	// a CloudFormation logical id, an AWS Config resource ARN or id. Empty
	// for documents that were already entity documents.
	Resource string
}

// Label names the document's position for results and errors:
// "file:line" for NDJSON, "file[3]" for array elements,
// "file[Instance][3]" for type maps, and "file" for a single document or
// a document converted from a file without lines (Line 0).
func (o *Origin) Label() string {
	switch o.Kind {
	case KindElem:
		return o.Input + "[" + strconv.Itoa(o.Index) + "]"
	case KindTypeMap:
		return o.Input + "[" + o.Key + "][" + strconv.Itoa(o.Index) + "]"
	case KindWhole:
		return o.Input
	}
	if o.Line <= 0 {
		// A document converted from a file that has no lines to point
		// at (a Terraform plan, an API response): the file names it, the
		// entity id (an address, a resource id) the resource.
		return o.Input
	}
	// Every result of a document carries its label: spelled without fmt,
	// it costs one allocation.
	return o.Input + ":" + strconv.Itoa(o.Line)
}

// CharCol is the document's column in characters (code points), 0 when
// unknown.
func (o *Origin) CharCol() int {
	if o.Col <= 0 {
		return 0
	}
	return o.Col - o.Wide
}

// Entity is one record a reader emits for each thing it found in an input,
// so that the counts in and out match. Exactly one of these holds:
//   - Data is an entity document: a JSON object with at least "type" and
//     "id", as ENTITIES.md defines them (for the document formats, Data is
//     the document's bytes with surrounding whitespace removed, checked by
//     the evaluator, not by the reader);
//   - Err says why a document or resource of the input could not be read or
//     converted (an error record, reported with its Origin);
//   - NotModelled names the source's type of a resource the entity model
//     has no type for ("AWS::Glue::Job", "aws_glue_job"): counted and named
//     in the summary, never evaluated and never dropped silently;
//   - Ignored says what an item of the input that yields no document of its
//     own was, and why: "AWS::EC2::FlowLog (merged into its VPC)", an item
//     whose data went into other documents; "AWS::EC2::Instance
//     (ResourceDeleted)", an item recording that a resource is gone.
//     Counted and named in the summary like NotModelled.
type Entity struct {
	Data []byte
	// Origin is embedded so that its fields and methods read as the
	// entity's own (e.Line, e.Label()).
	Origin
	Err         error
	NotModelled string
	Ignored     string
	// Guessed says that Data is an element of a top-level JSON array
	// split at the end of its line, without its strings and brackets being
	// followed (Options.Speculate); Offset is where it starts, counted from
	// where Read began, to read it again (Options.Resume) if the guess was
	// wrong (see ElementSplit).
	Guessed bool
	Offset  int64
}
