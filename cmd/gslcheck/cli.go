package main

// This file declares the command line: commands, flags and their help.

import "github.com/alecthomas/kong"

// cli is the root of the command tree.
type cli struct {
	Color       string           `enum:"auto,always,never" default:"auto" help:"Colour output: auto (on a terminal, unless NO_COLOR is set), always or never."`
	NoProgress  bool             `help:"Never draw a progress line on stderr."`
	ShowVersion kong.VersionFlag `name:"version" help:"Print the version and exit."`

	Run        runCmd        `cmd:"" help:"Evaluate bundles or rules over JSON documents."`
	Test       testCmd       `cmd:"" help:"Run bundle fixtures: expected against actual results."`
	Lint       lintCmd       `cmd:"" help:"Parse, compile and type-check rules against the entity schema."`
	Fmt        fmtCmd        `cmd:"" help:"Format the rule logic in bundle files canonically."`
	Explain    explainCmd    `cmd:"" help:"Show the evaluation trace of one rule on a document."`
	Convert    convertCmd    `cmd:"" help:"Write the entity documents that inputs turn into (NDJSON)."`
	Collect    collectCmd    `cmd:"" help:"Collect a cloud account's configuration through its APIs (runs gslcheck-collect)."`
	Bundles    bundlesCmd    `cmd:"" help:"List the shipped bundles, or export one."`
	Exceptions exceptionsCmd `cmd:"" help:"Convert exclusions of other tools into an exceptions file."`
	Version    versionCmd    `cmd:"" help:"Print the version."`
}

type runCmd struct {
	Bundle          []string `short:"b" sep:"none" placeholder:"NAME|PATH" help:"A bundle to run: a shipped bundle name, a bundle YAML file, a Dome9 ruleset JSON file, a .gsl rule file, or a directory. Repeatable; a bundle named twice runs once."`
	Rule            []string `short:"r" sep:"none" placeholder:"TEXT" help:"A GSL rule to run, named rule-1, rule-2, ... Repeatable."`
	Format          string   `short:"f" enum:"text,json,sarif,junit" default:"text" help:"Report format: text, json, sarif or junit."`
	Output          string   `short:"o" placeholder:"FILE" help:"Write the report to FILE instead of stdout."`
	Report          []string `sep:"none" placeholder:"FORMAT=FILE" help:"Also write a report in FORMAT (text, json, sarif, junit) to FILE, e.g. sarif=results.sarif. Repeatable; the --format report still goes to stdout (or --output)."`
	Now             string   `placeholder:"RFC3339" help:"Evaluation clock for date functions, e.g. 2026-06-15T00:00:00Z (default: the current time)."`
	ShowSkipped     bool     `help:"Also report rules that did not apply to an entity (status skip)."`
	FailuresOnly    bool     `help:"Leave passing results out of JSON and JUnit reports: only failures, suppressed failures and errors."`
	SARIFMaxResults int      `name:"sarif-max-results" default:"25000" placeholder:"N" help:"Most results in a SARIF report (code scanning accepts 25,000 per run): the most severe are kept, and a notification says what was left out. 0: no limit."`
	Jobs            int      `short:"j" default:"${cpus}" help:"Documents, and groups of List<> rules, evaluated in parallel (default: the number of CPUs, ${cpus})."`
	InputFormat     string   `enum:"auto,json,ndjson,awsconfig,terraform,cloudformation" default:"auto" help:"How to read inputs: auto (by extension and content), json, ndjson, or a format converted to entity documents: awsconfig (AWS Config items), terraform (terraform show -json of a plan or state), cloudformation (a template, YAML or JSON)."`
	MaxDocBytes     int      `default:"${maxdoc}" help:"Largest document (or NDJSON line) accepted, in bytes."`
	Schema          string   `default:"builtin" placeholder:"builtin|none" help:"Refuse rules whose entity types or properties the entity schema does not know (builtin), or run them unchecked (none: rules written for another model)."`
	AllowEmpty      bool     `help:"Accept inputs that hold no document (an empty file, [] or {}); without it they are an error."`
	RuleID          []string `name:"rule-id" sep:"," placeholder:"ID|GLOB" help:"Run only the rules whose id matches (HIPAA-001, CIS-AWS-5.*). Repeatable."`
	SkipRule        []string `sep:"," placeholder:"ID|GLOB" help:"Do not run the rules whose id matches. Repeatable."`
	Severity        []string `sep:"," placeholder:"LEVEL" help:"Run only the rules of these severities (e.g. High,Critical); rules without a severity always run."`
	FailOn          string   `placeholder:"LEVEL" help:"Exit 1 only for failures of rules at or above this severity (Informational, Low, Medium, High, Critical; default: any failure)."`
	Exceptions      string   `placeholder:"FILE" help:"Exceptions (suppressed findings, each with a reason) to apply (default: .gslcheck/exceptions.yaml when it exists)."`
	Baseline        string   `placeholder:"REPORT.json" help:"A previous JSON report: only failures it does not hold fail the run; those it holds and are gone are listed as fixed."`
	Collect         string   `group:"collect" placeholder:"aws" help:"First collect the account the credentials reach with gslcheck-collect (into a temporary directory, removed after) and evaluate it, with the INPUTs if any."`
	Profile         string   `group:"collect" placeholder:"NAME" help:"With --collect: the AWS shared config profile (default: the standard credential chain)."`
	Region          []string `group:"collect" sep:"," placeholder:"REGION" help:"With --collect: the regions to collect (default: the profile's region). Repeatable."`
	AllRegions      bool     `group:"collect" help:"With --collect: collect every region the account has enabled."`
	RoleARN         []string `group:"collect" name:"role-arn" sep:"none" placeholder:"ARN" help:"With --collect: assume this role and collect its account. Repeatable."`
	CollectOut      string   `group:"collect" placeholder:"DIR" help:"With --collect: keep the collection in DIR (an API dump that run can read again) instead of a temporary directory."`
	CollectArg      []string `group:"collect" sep:"none" placeholder:"ARG" help:"With --collect: a further argument for gslcheck-collect, e.g. --collect-arg=--concurrency=4. Repeatable."`
	Inputs          []string `arg:"" optional:"" name:"INPUT" help:"JSON documents to check: files, directories (their .json, .ndjson, .jsonl and .gz files, sorted; a directory of raw AWS API responses in cloudmapper's layout is read as that dump), or - for stdin. A JSON array of documents, one document, an object mapping type names to arrays of documents, NDJSON (.ndjson, .jsonl or detected), AWS Config data, a Terraform plan or state (terraform show -json), or a CloudFormation template (detected); gzipped or not."`
}

func (runCmd) Help() string {
	return `Each document is a JSON object with a "type" (the entity type rules name) and
usually an "id" (how results name it; else its position, like inv.ndjson:12).
Inputs are streamed: memory does not grow with the number of documents.

Examples:

    gslcheck run --bundle hipaa inventory.json
    gslcheck run -b cis-aws -b ./my-rules.yaml --format sarif -o results.sarif inventory.ndjson
    gslcheck run -r "Instance should have volumes contain-all [encrypted=true]" inv.json
    aws-export | gslcheck run -b hipaa --format json -
    gslcheck run -b cis-aws --fail-on High --baseline baseline.json --report sarif=results.sarif inv.ndjson
    gslcheck run -b hipaa snapshot.json.gz        # an AWS Config snapshot
    gslcheck run -b cis-aws account-data/prod     # a raw API dump (gslcheck collect aws)
    gslcheck run -b cis-aws --collect aws --profile prod --region eu-west-1

With --collect aws, gslcheck-collect (a separate executable: install it with
go install github.com/gsl-lang/gsl/collect/cmd/gslcheck-collect@latest)
collects the account first; every call that failed (AccessDenied, a region
not opted in) is an error record naming it in the report and its summary.

Failures matched by .gslcheck/exceptions.yaml (or --exceptions) are reported as
suppressed, with their reason, and do not fail the run.

Exit status: 0 when nothing failed, 1 when a rule failed on an entity, 2 on
usage errors, rule errors (a rule that does not compile, or names an entity
type or property the schema does not know), unreadable inputs, malformed
documents, or inputs without any document.`
}

type testCmd struct {
	Format  string   `short:"f" enum:"text,json,junit" default:"text" help:"Report format: text, json or junit."`
	Output  string   `short:"o" placeholder:"FILE" help:"Write the report to FILE instead of stdout."`
	Filter  string   `name:"run" placeholder:"REGEXP" help:"Only run the cases whose name matches REGEXP."`
	Verbose bool     `short:"v" help:"Also list the cases that passed."`
	Paths   []string `arg:"" name:"PATH" help:"Bundle directories, bundle files (their fixtures are in tests/ beside them), or shipped bundle names."`
}

func (testCmd) Help() string {
	return `Each fixture file (tests/*.yaml beside the bundle) holds cases: documents and the
expected status (pass, fail, skip, error) of some rules. A case fails when a
rule's actual status differs.

Examples:

    gslcheck test hipaa
    gslcheck test bundles/cis-aws
    gslcheck test --format junit -o fixtures.xml ./my-bundle/bundle.yaml

Exit status: 0 when every case passed, 1 when one failed, 2 when a bundle or
fixture could not be read.`
}

type lintCmd struct {
	Format string   `short:"f" enum:"text,json" default:"text" help:"Report format: text or json."`
	Schema string   `default:"builtin" placeholder:"builtin|none" help:"Check paths against the entity schema (builtin) or not (none)."`
	Paths  []string `arg:"" name:"PATH" help:"Bundle files or directories, Dome9 ruleset JSON files, .gsl rule files (rules separated by blank lines), or shipped bundle names."`
}

func (lintCmd) Help() string {
	return `Every rule is parsed, compiled and checked against the entity schema. A
property the schema does not know is an error; an entity type it does not
know is a warning.

Examples:

    gslcheck lint bundles/hipaa
    gslcheck lint --format json my-rules.gsl
    gslcheck lint --schema none custom-entities.yaml

Exit status: 0 when there is no error, 1 when a rule has an error, 2 when a
file could not be read.`
}

type fmtCmd struct {
	Write bool     `short:"w" help:"Write the result back to the files instead of printing it."`
	Check bool     `help:"List the files whose formatting would change, and exit 1 if any would."`
	Paths []string `arg:"" name:"PATH" help:"Bundle files or directories, or .gsl rule files."`
}

func (fmtCmd) Help() string {
	return `Only the logic of each rule is rewritten; the rest of the file is kept byte
for byte.

Examples:

    gslcheck fmt bundles/hipaa/bundle.yaml
    gslcheck fmt -w bundles/
    gslcheck fmt --check bundles/

Exit status: 0 when done (with --check: when no file would change), 1 when
--check found files to change, 2 when a file could not be read or a rule
does not parse (the file is then left as it is).`
}

type explainCmd struct {
	Rule   string `short:"r" placeholder:"TEXT" help:"The rule text to explain."`
	Bundle string `short:"b" placeholder:"NAME|PATH" help:"The bundle (or .gsl rule file) that holds the rule (with --rule-id)."`
	RuleID string `placeholder:"ID" help:"The id of the rule in --bundle."`
	Now    string `placeholder:"RFC3339" help:"Evaluation clock for date functions (default: the current time)."`
	Format string `short:"f" enum:"text,json" default:"text" help:"Output format: text or json."`
	Entity string `placeholder:"ID" help:"Explain only the document with this id (or, for a List<> rule, the account group)."`
	Doc    string `arg:"" name:"DOC" help:"The document: a file or - for stdin (every document in it is explained)."`
}

func (explainCmd) Help() string {
	return `Shows every sub-expression of the rule marked true or false, with the values it
read from the document.

Examples:

    gslcheck explain --rule "Instance should have volumes contain-all [encrypted=true]" instance.json
    gslcheck explain --bundle hipaa --rule-id HIPAA-001 instance.json
    gslcheck explain -b hipaa --rule-id HIPAA-002 --entity vol-0e5f60718293a4b52 inventory.json
    cat instance.json | gslcheck explain -b hipaa --rule-id HIPAA-001 -

Exit status: 0 when the rule passed (or did not apply) on every document, 1
when it failed on one, 2 on usage or rule errors, unreadable input, or a
document the rule could not be evaluated on.`
}

type collectCmd struct {
	Args []string `arg:"" optional:"" passthrough:"" name:"ARG" help:"The cloud (aws), then the collector's flags, passed to gslcheck-collect as they are."`
}

func (collectCmd) Help() string {
	return `Runs the collector, gslcheck-collect, a separate executable (so that gslcheck
does not link the AWS SDK), found on PATH or next to gslcheck. Install it with

    go install github.com/gsl-lang/gsl/collect/cmd/gslcheck-collect@latest

It reads the account through its APIs with the standard credential chain and
writes the responses in the layout of cloudmapper's collect, which run reads
as an input (a directory of raw AWS API responses). Every call that fails is
recorded with its reason in <account>/collect-summary.json and reported by run.
'gslcheck collect aws --help' lists the collector's flags. To evaluate the
account without keeping the collection, use 'gslcheck run --collect aws'.

Examples:

    gslcheck collect aws --profile prod --all-regions --out account-data
    gslcheck run -b cis-aws account-data
    gslcheck collect aws --role-arn arn:aws:iam::111122223333:role/audit --region eu-west-1

Exit status: the collector's: 0 when it collected (failed calls included), 1
when the credentials do not work, 2 on usage errors; 2 when it is not installed.`
}

type convertCmd struct {
	InputFormat string   `enum:"auto,json,ndjson,awsconfig,terraform,cloudformation" default:"auto" help:"How to read inputs: auto (by extension and content), json, ndjson, awsconfig, terraform or cloudformation."`
	MaxDocBytes int      `default:"${maxdoc}" help:"Largest document (or NDJSON line) accepted, in bytes."`
	Output      string   `short:"o" placeholder:"FILE" help:"Write to FILE instead of stdout."`
	Inputs      []string `arg:"" name:"INPUT" help:"Inputs, as run reads them: files, directories, or - for stdin."`
}

func (convertCmd) Help() string {
	return `Writes one line per entity document, exactly as run evaluates it: AWS Config
items converted to the entity model, type-map documents with their type.
Documents that cannot be read or converted are reported on stderr with their
position, and the items that yield no document (resource types the model does
not have, items merged into others) are counted there.

Examples:

    gslcheck convert snapshot.json.gz > entities.ndjson
    gslcheck convert --input-format awsconfig config-items/ | jq 'select(.type == "S3Bucket")'

Exit status: 0 when every input and document was read, 2 otherwise.`
}

type bundlesCmd struct {
	List   bundlesListCmd   `cmd:"" default:"1" help:"List the shipped bundles with their rule counts."`
	Export bundlesExportCmd `cmd:"" help:"Write a bundle in another format."`
}

func (bundlesCmd) Help() string {
	return `Examples:

    gslcheck bundles
    gslcheck bundles export hipaa --format dome9 > hipaa-ruleset.json`
}

type bundlesListCmd struct {
	Format string `short:"f" enum:"text,json" default:"text" help:"Output format: text or json."`
}

type bundlesExportCmd struct {
	Format string `short:"f" enum:"dome9" default:"dome9" help:"Export format: dome9 (a CloudGuard ruleset JSON)."`
	Output string `short:"o" placeholder:"FILE" help:"Write to FILE instead of stdout."`
	Name   string `arg:"" name:"NAME|PATH" help:"A shipped bundle name or a bundle file."`
}

type versionCmd struct{}

type exceptionsCmd struct {
	ImportDome9 exceptionsImportDome9Cmd `cmd:"" name:"import-dome9" help:"Convert CloudGuard (Dome9) compliance exclusions into an exceptions file."`
}

type exceptionsImportDome9Cmd struct {
	Account []string `sep:"none" placeholder:"DOME9ID=NUMBER" help:"The AWS account number of a Dome9 cloud account id. Repeatable; every cloud account an exclusion names must be given."`
	Output  string   `short:"o" placeholder:"FILE" help:"Write to FILE instead of stdout."`
	File    string   `arg:"" name:"FILE" help:"The exclusions: the JSON of CloudGuard's GET /v2/Compliance/Exclusion (an array), or one exclusion; - for stdin."`
}

func (exceptionsImportDome9Cmd) Help() string {
	return `Each exclusion becomes one entry per excluded rule (rule "*" when it
excludes the whole ruleset): its comment is the reason, the end of its date
range the expiry, an entity expression (name like '...', id = '...') the
entity, each cloud account an account. What has no equivalent (an
organizational unit, another logic expression) is an error naming the
exclusion, never dropped.

Examples:

    gslcheck exceptions import-dome9 exclusions.json > .gslcheck/exceptions.yaml
    gslcheck exceptions import-dome9 --account 1b2c...=123456789012 -o exceptions.yaml exclusions.json`
}
