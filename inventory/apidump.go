package inventory

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strings"
)

// A raw AWS API dump is a directory of API responses in the layout that
// duo-labs/cloudmapper's `collect` writes and that gslcheck's collector
// writes too:
//
//	<account>/describe-regions.json                    ec2 DescribeRegions
//	<account>/collect-summary.json                     the collector's record of failed calls (optional)
//	<account>/<region>/<service>-<operation>.json      one call without parameters
//	<account>/<region>/<service>-<operation>/<param>   one call per resource; <param> is the
//	                                                   resource's name, id or ARN, URL-encoded
//	                                                   as Python's quote_plus does
//
// Global services (IAM, S3, STS, CloudFront, Organizations, Account) are
// called once, in one region's directory (us-east-1 by default); the reader
// takes them from whichever region holds them.

// APIDumpSummary reports what a dump did not hold: what the reader could not
// assemble is named here (or emitted as an error record), never skipped in
// silence.
type APIDumpSummary struct {
	// Files is the number of response files read.
	Files int
	// Missing lists the calls the reader uses that are absent from the dump,
	// as "<region>/<service>-<operation>.json" (global calls are listed once,
	// under the region that holds the other global calls). The properties
	// they would give are left out of the documents.
	Missing []string
	// Failed counts the failed calls the collector recorded; each was also
	// emitted as an Entity with Err.
	Failed int
}

// apiDumpSummaryFile is where the collector records every failed call and
// every call whose "not configured" answer (NoSuchBucketPolicy, an account
// without a password policy, ...) it wrote no response file for.
const apiDumpSummaryFile = "collect-summary.json"

// CollectSummary is the content of collect-summary.json, written by the
// collector next to describe-regions.json.
type CollectSummary struct {
	// Calls is the number of API calls made.
	Calls int `json:"calls"`
	// Failures are the calls that failed (AccessDenied, an opt-in region, a
	// service not available ...): their properties are unknown.
	Failures []CollectCall `json:"failures"`
	// NotConfigured are calls whose error means "there is none"
	// (NoSuchBucketPolicy, NoSuchEntity for the password policy,
	// InvalidAccessException for Security Hub ...): known to be unset.
	NotConfigured []CollectCall `json:"notConfigured"`
}

// CollectCall names one call in a CollectSummary.
type CollectCall struct {
	// File is the response file the call would have written, relative to
	// the account directory: "us-east-1/s3-get-bucket-policy/my-bucket".
	File string `json:"file"`
	// Code is the AWS error code (AccessDenied, OptInRequired ...).
	Code string `json:"code"`
	// Message is the error message, free of credentials.
	Message string `json:"message"`
}

// ReadAPIDump reads the raw AWS API dump in dir (an account directory such
// as account-data/<name>, or a directory holding several of them) and emits
// one Entity per resource it assembles: documents of the model of
// ENTITIES.md, one error record for each response file that cannot be read
// and each failed call the collector recorded, and one NotModelled record for
// each resource of a call the model has no type for. It stops at the first
// error emit returns and returns it. Which calls were absent is in the
// summary.
func ReadAPIDump(dir string, emit func(Entity) error) (*APIDumpSummary, error) {
	return readAPIDumpFS(os.DirFS(dir), dir, emit)
}

// ReadAPIDumpAs is ReadAPIDump naming dir as name in the origins of what it
// emits (a collection read from a temporary directory).
func ReadAPIDumpAs(dir, name string, emit func(Entity) error) (*APIDumpSummary, error) {
	return readAPIDumpFS(os.DirFS(dir), name, emit)
}

// IsAPIDump reports whether dir looks like a raw API dump: an account
// directory with describe-regions.json or a region directory of
// <service>-<operation>.json files, or a directory of such account
// directories. It reads directory listings only, not file contents.
func IsAPIDump(dir string) bool {
	return isAPIDumpFS(os.DirFS(dir))
}

func isAPIDumpFS(fsys fs.FS) bool {
	if adIsAccountDir(fsys, ".") {
		return true
	}
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return false
	}
	for _, e := range ents {
		if e.IsDir() && adIsAccountDir(fsys, e.Name()) {
			return true
		}
	}
	return false
}

// isAccountDir: describe-regions.json, or a subdirectory named like a region
// that holds a call file.
func adIsAccountDir(fsys fs.FS, dir string) bool {
	if fi, err := fs.Stat(fsys, path.Join(dir, "describe-regions.json")); err == nil && !fi.IsDir() {
		return true
	}
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if e.IsDir() && adLooksLikeRegion(e.Name()) && adHasCallFile(fsys, path.Join(dir, e.Name())) {
			return true
		}
	}
	return false
}

func adHasCallFile(fsys fs.FS, dir string) bool {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") && strings.Contains(e.Name(), "-") {
			return true
		}
	}
	return false
}

// adLooksLikeRegion matches region codes such as us-east-1, eu-central-2,
// us-gov-west-1, cn-north-1, ap-southeast-4.
func adLooksLikeRegion(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	last := parts[len(parts)-1]
	if last == "" {
		return false
	}
	for _, c := range last {
		if c < '0' || c > '9' {
			return false
		}
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" {
			return false
		}
		for _, c := range p {
			if c < 'a' || c > 'z' {
				return false
			}
		}
	}
	return true
}

func readAPIDumpFS(fsys fs.FS, display string, emit func(Entity) error) (*APIDumpSummary, error) {
	sum := &APIDumpSummary{}
	if adIsAccountDir(fsys, ".") {
		return sum, adReadAccount(fsys, ".", display, sum, emit)
	}
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return sum, fmt.Errorf("%s: %w", display, err)
	}
	found := false
	for _, e := range ents {
		if e.IsDir() && adIsAccountDir(fsys, e.Name()) {
			found = true
			if err := adReadAccount(fsys, e.Name(), display, sum, emit); err != nil {
				return sum, err
			}
		}
	}
	if !found {
		return sum, fmt.Errorf("%s: not a raw AWS API dump: no describe-regions.json and no region directory of <service>-<operation>.json files", display)
	}
	return sum, nil
}

// apiDump is one account directory: its response files by region and call.
type apiDump struct {
	fsys    fs.FS
	root    string // the account directory within fsys
	display string // how the account directory is named in origins

	regions []string                           // region directories, sorted, us-east-1 first
	calls   map[string]map[string]string       // region -> "svc-op" -> file (within fsys)
	params  map[string]map[string][]apiDumpArg // region -> "svc-op" -> per-resource files
	used    map[string]bool                    // files read
	cache   map[string]any                     // decoded files
	summary *CollectSummary
	notConf map[string]bool // files the collector recorded as "not configured"
	sum     *APIDumpSummary
	emit    func(Entity) error
	stop    error // the first error emit returned

	account string
	global  string    // the region whose directory holds the global calls
	report  *adReport // the credential report, once read
}

// apiDumpArg is one per-resource response file.
type apiDumpArg struct {
	param string // the decoded parameter (bucket name, ARN ...)
	file  string
}

func adReadAccount(fsys fs.FS, root, display string, sum *APIDumpSummary, emit func(Entity) error) error {
	d := &apiDump{
		fsys: fsys, root: root, display: path.Join(display, root),
		calls: map[string]map[string]string{}, params: map[string]map[string][]apiDumpArg{},
		used: map[string]bool{}, cache: map[string]any{}, notConf: map[string]bool{}, sum: sum, emit: emit,
	}
	if err := d.index(); err != nil {
		return err
	}
	d.readSummary()
	d.assemble()
	d.reportUnused()
	return d.stop
}

// index lists the region directories and their call files.
func (d *apiDump) index() error {
	ents, err := fs.ReadDir(d.fsys, d.root)
	if err != nil {
		return fmt.Errorf("%s: %w", d.display, err)
	}
	for _, e := range ents {
		if !e.IsDir() || !adLooksLikeRegion(e.Name()) {
			continue
		}
		region := e.Name()
		d.regions = append(d.regions, region)
		d.calls[region] = map[string]string{}
		d.params[region] = map[string][]apiDumpArg{}
		rdir := path.Join(d.root, region)
		files, err := fs.ReadDir(d.fsys, rdir)
		if err != nil {
			d.fail(Origin{Input: d.show(rdir), Index: -1}, err)
			continue
		}
		for _, f := range files {
			name := f.Name()
			if !f.IsDir() {
				if call, ok := strings.CutSuffix(name, ".json"); ok {
					d.calls[region][adCallAlias(call)] = path.Join(rdir, name)
				}
				continue
			}
			d.indexParams(region, adCallAlias(name), path.Join(rdir, name))
		}
	}
	sort.Slice(d.regions, func(i, j int) bool {
		a, b := d.regions[i], d.regions[j]
		if (a == "us-east-1") != (b == "us-east-1") {
			return a == "us-east-1"
		}
		return a < b
	})
	return nil
}

// indexParams lists the files of a per-resource call directory. Nested
// directories (route53-list-hosted-zones-by-vpc/<region>/<vpc>,
// ecs-describe-tasks/<cluster>/<task>) join their parameters with "/".
func (d *apiDump) indexParams(region, call, dir string) {
	_ = fs.WalkDir(d.fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			d.fail(Origin{Input: d.show(p), Index: -1}, err)
			return nil
		}
		if e.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		var parts []string
		for _, seg := range strings.Split(rel, "/") {
			if u, err := url.QueryUnescape(seg); err == nil {
				seg = u
			}
			parts = append(parts, seg)
		}
		d.params[region][call] = append(d.params[region][call], apiDumpArg{param: strings.Join(parts, "/"), file: p})
		return nil
	})
}

// adCallAlias maps misspelt call names found in real dumps to the real one:
// cloudmapper's demo account has accessanalzyer-list-analyzers.json.
func adCallAlias(call string) string {
	if rest, ok := strings.CutPrefix(call, "accessanalzyer-"); ok {
		return "accessanalyzer-" + rest
	}
	return call
}

// show names a file within fsys for an Origin.
func (d *apiDump) show(p string) string {
	rel := strings.TrimPrefix(strings.TrimPrefix(p, d.root), "/")
	if rel == "" {
		return d.display
	}
	return path.Join(d.display, rel)
}

// readSummary reads collect-summary.json and emits one error record per
// failed call.
func (d *apiDump) readSummary() {
	p := path.Join(d.root, apiDumpSummaryFile)
	data, err := fs.ReadFile(d.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	d.used[p] = true
	if err != nil {
		d.fail(Origin{Input: d.show(p), Index: -1}, err)
		return
	}
	var s CollectSummary
	if err := json.Unmarshal(data, &s); err != nil {
		d.fail(Origin{Input: d.show(p), Index: -1}, fmt.Errorf("collect summary: %w", err))
		return
	}
	d.summary = &s
	for _, c := range s.NotConfigured {
		d.notConf[path.Join(d.root, c.File)] = true
	}
	for i, c := range s.Failures {
		d.sum.Failed++
		d.fail(Origin{Input: d.show(path.Join(d.root, c.File)), Index: -1, Resource: c.File},
			fmt.Errorf("call failed when collected (listed at %s failures[%d]): %s: %s", apiDumpSummaryFile, i, c.Code, c.Message))
	}
}

// send emits one entity, remembering the first error emit returns.
func (d *apiDump) send(e Entity) {
	if d.stop != nil {
		return
	}
	if err := d.emit(e); err != nil {
		d.stop = err
	}
}

func (d *apiDump) fail(o Origin, err error) { d.send(Entity{Origin: o, Err: err}) }

// doc emits an entity document.
func (d *apiDump) doc(o Origin, doc adObj) {
	data, err := json.Marshal(doc)
	if err != nil {
		d.fail(o, err)
		return
	}
	d.send(Entity{Data: data, Origin: o})
}

// load reads and decodes one response file; a file that cannot be read or
// decoded becomes an error record and load returns nil.
func (d *apiDump) load(file string) any {
	if d.used[file] {
		return d.cache[file]
	}
	d.used[file] = true
	d.sum.Files++
	data, err := fs.ReadFile(d.fsys, file)
	if err != nil {
		d.fail(Origin{Input: d.show(file), Index: -1}, err)
		return nil
	}
	v, err := adDecode(data)
	if err != nil {
		d.fail(Origin{Input: d.show(file), Index: -1}, fmt.Errorf("not a JSON API response: %w", err))
		return nil
	}
	if _, ok := v.(adObj); !ok {
		// Every AWS API response is a JSON object.
		d.fail(Origin{Input: d.show(file), Index: -1}, fmt.Errorf("not an AWS API response: a JSON %s, not an object", adKind(v)))
		return nil
	}
	d.cache[file] = v
	return v
}

// adKind names the JSON type of a decoded value.
func adKind(v any) string {
	switch v.(type) {
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "number"
}

// call returns the decoded response of a region's call and its file; ok is
// false when the dump does not hold it (it is then listed as missing).
func (d *apiDump) call(region, call string) (v any, file string, ok bool) {
	file, ok = d.calls[region][call]
	if !ok {
		d.missing(region, call)
		return nil, path.Join(d.root, region, call+".json"), false
	}
	v = d.load(file)
	return v, file, v != nil
}

// adList names a region's list call whose response's array at key lists
// one resource per element, the element's key naming the resource in
// origins (id), and the per-resource calls its documents read.
type adList struct {
	call, key, id string
	perResource   []string
}

// eachListed calls each with every element of l's list call and its
// origin, and emits the document each returns. When the list names any
// resource, the per-resource calls the dump never made are named in
// Missing (paramCallMissing).
func (d *apiDump) eachListed(r string, l adList, each func(item any, o Origin) adObj) {
	v, file, _ := d.call(r, l.call)
	items := adArr(adGet(v, l.key))
	if len(items) > 0 {
		for _, c := range l.perResource {
			d.paramCallMissing(r, c)
		}
	}
	for i, item := range items {
		o := Origin{Input: d.show(file), Index: i, Key: l.key, Resource: adStr(adGet(item, l.id))}
		d.doc(o, each(item, o))
	}
}

// has reports whether a region holds a call, without reading it.
func (d *apiDump) has(region, call string) bool {
	_, ok := d.calls[region][call]
	return ok
}

func (d *apiDump) missing(region, call string) {
	name := region + "/" + call + ".json"
	if d.notConf[path.Join(d.root, name)] {
		return
	}
	for _, m := range d.sum.Missing {
		if m == name {
			return
		}
	}
	d.sum.Missing = append(d.sum.Missing, name)
}

// notConfigured reports whether the collector recorded a call's answer as
// "there is none".
func (d *apiDump) notConfigured(region, call string) bool {
	return d.notConf[path.Join(d.root, region, call+".json")]
}

// param returns the decoded response of a per-resource call for one
// parameter, or nil when the dump holds none (the property is then left out).
func (d *apiDump) param(region, call, param string) any {
	for _, a := range d.params[region][call] {
		if a.param == param {
			return d.load(a.file)
		}
	}
	return nil
}

// paramNotConfigured reports whether the collector recorded the per-resource
// call as "there is none" (a bucket without a policy).
func (d *apiDump) paramNotConfigured(region, call, param string) bool {
	return d.notConf[path.Join(d.root, region, call, adQuotePlus(param))]
}

// adQuotePlus encodes a parameter as Python's urllib.parse.quote_plus does,
// which is how cloudmapper names per-resource files.
func adQuotePlus(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '.', c == '-', c == '~':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// QuotePlus is the file name the collector gives the response of a
// per-resource call for param (Python's urllib.parse.quote_plus, as
// cloudmapper does).
func QuotePlus(param string) string { return adQuotePlus(param) }

// globalCall returns a global call's response from whichever region holds it.
func (d *apiDump) globalCall(call string) (v any, file string, ok bool) {
	for _, r := range d.regions {
		if d.has(r, call) {
			return d.call(r, call)
		}
	}
	d.missing(d.global, call)
	return nil, path.Join(d.root, d.global, call+".json"), false
}

// globalParam returns a global per-resource call's response.
func (d *apiDump) globalParam(call, param string) any {
	for _, r := range d.regions {
		if v := d.param(r, call, param); v != nil {
			return v
		}
	}
	return nil
}

func (d *apiDump) globalParamNotConfigured(call, param string) bool {
	for _, r := range d.regions {
		if d.paramNotConfigured(r, call, param) {
			return true
		}
	}
	return false
}

// assemble builds every entity type, global ones first.
func (d *apiDump) assemble() {
	d.global = "us-east-1"
	for _, r := range d.regions {
		if d.has(r, "iam-get-account-authorization-details") || d.has(r, "s3-list-buckets") || d.has(r, "sts-get-caller-identity") {
			d.global = r
			break
		}
	}
	d.account = d.accountNumber()
	ec2 := map[string]*adEC2{}
	for _, r := range d.regions {
		ec2[r] = d.readEC2(r)
	}
	iam := d.readIAM()
	buckets := d.readS3()
	for _, r := range d.regions {
		d.emitEC2(r, ec2[r], iam)
		d.readServices(r, ec2[r], iam)
	}
	trails := d.readTrails(buckets)
	d.readRegions(ec2, trails)
	d.readCloudFront()
}

// accountNumber comes from sts GetCallerIdentity, or from an IAM ARN.
func (d *apiDump) accountNumber() string {
	for _, r := range d.regions {
		if d.has(r, "sts-get-caller-identity") {
			v, _, _ := d.call(r, "sts-get-caller-identity")
			if a := adStr(adGet(v, "Account")); a != "" {
				return a
			}
		}
	}
	for _, r := range d.regions {
		if d.has(r, "iam-get-account-authorization-details") {
			v, _, _ := d.call(r, "iam-get-account-authorization-details")
			for _, list := range []string{"UserDetailList", "RoleDetailList", "GroupDetailList"} {
				for _, it := range adArr(adGet(v, list)) {
					if a := adArnAccount(adStr(adGet(it, "Arn"))); a != "" {
						return a
					}
				}
			}
		}
	}
	rows, _ := d.credentialReport()
	if root, ok := rows[adRootUser]; ok {
		return adArnAccount(root["arn"])
	}
	return ""
}

// adArnAccount is the account field of an ARN (arn:partition:service:region:account:...).
func adArnAccount(arn string) string {
	f := strings.SplitN(arn, ":", 6)
	if len(f) < 6 || f[0] != "arn" {
		return ""
	}
	return f[4]
}

// reportUnused emits a NotModelled record for each resource of every
// response file no entity was assembled from: the source type is the call
// ("ecr-describe-repositories"), one record per element when the response
// holds one list, else one per file.
func (d *apiDump) reportUnused() {
	var files []string
	for _, r := range d.regions {
		for _, f := range d.calls[r] {
			files = append(files, f)
		}
		for _, args := range d.params[r] {
			for _, a := range args {
				files = append(files, a.file)
			}
		}
	}
	sort.Strings(files)
	for _, f := range files {
		if d.used[f] {
			continue
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(f, d.root), "/")
		parts := strings.SplitN(rel, "/", 3)
		call := strings.TrimSuffix(parts[1], ".json")
		resource := ""
		if len(parts) == 3 {
			if u, err := url.QueryUnescape(parts[2]); err == nil {
				resource = u
			} else {
				resource = parts[2]
			}
		}
		d.sum.Files++
		d.used[f] = true
		data, err := fs.ReadFile(d.fsys, f)
		if err != nil {
			d.fail(Origin{Input: d.show(f), Index: -1}, err)
			continue
		}
		v, err := adDecode(data)
		if err != nil {
			d.fail(Origin{Input: d.show(f), Index: -1}, fmt.Errorf("not a JSON API response: %w", err))
			continue
		}
		key, list := adOnlyList(v)
		if list == nil || resource != "" {
			d.send(Entity{NotModelled: call, Origin: Origin{Input: d.show(f), Index: -1, Resource: resource}})
			continue
		}
		for i, it := range list {
			d.send(Entity{NotModelled: call, Origin: Origin{Input: d.show(f), Index: i, Key: key, Resource: adResourceName(it)}})
		}
	}
}

// adOnlyList returns the one list of a response object, ignoring paging
// fields; nil when there is not exactly one.
func adOnlyList(v any) (string, []any) {
	m, ok := v.(adObj)
	if !ok {
		return "", nil
	}
	var key string
	var list []any
	n := 0
	for k, x := range m {
		if l, ok := x.([]any); ok {
			key, list = k, l
			n++
		}
	}
	if n != 1 {
		return "", nil
	}
	return key, list
}

// adResourceName picks a name for an element of an unmodelled list.
func adResourceName(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	for _, k := range []string{"Arn", "ARN", "arn", "Name", "name", "Id", "id"} {
		if s := adStr(adGet(v, k)); s != "" {
			return s
		}
	}
	m, ok := v.(adObj)
	if !ok {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasSuffix(k, "Arn") || strings.HasSuffix(k, "Name") || strings.HasSuffix(k, "Id") {
			if s := adStr(m[k]); s != "" {
				return s
			}
		}
	}
	return ""
}
