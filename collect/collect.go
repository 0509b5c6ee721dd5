package collect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/gsl-lang/gsl/inventory"
)

// Options configure a collection.
type Options struct {
	// Out is the directory the account directory is written under
	// (account-data, as cloudmapper names it).
	Out string
	// Name names the account directory; the account id when empty.
	Name string
	// Regions lists the regions to collect. Empty means the home region of
	// the configuration (us-east-1 when it has none), unless AllRegions.
	Regions []string
	// AllRegions collects every region the account has enabled.
	AllRegions bool
	// Concurrency bounds the API calls in flight (8 when 0).
	Concurrency int
	// Progress, when not nil, receives a one-line progress report that is
	// rewritten in place (a terminal).
	Progress io.Writer
	// Endpoint, when set, sends every call to this URL instead of AWS (an
	// emulator or a test server); S3 is then addressed path-style.
	Endpoint string
}

// Result is what a collection wrote.
type Result struct {
	// Dir is the account directory.
	Dir string
	// Account is the account id.
	Account string
	// Regions lists the regions collected.
	Regions []string
	// Summary is what collect-summary.json holds.
	Summary inventory.CollectSummary
}

// globalRegion holds the calls of global services (IAM, S3, STS, Account),
// as cloudmapper does.
const globalRegion = "us-east-1"

// Run collects the account cfg's credentials reach. Only what stops the
// collection as a whole is an error: no credentials, or an output directory
// that cannot be written. Each failed call is recorded in the result's
// Summary and in collect-summary.json.
func Run(ctx context.Context, cfg aws.Config, opts Options) (*Result, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.Endpoint != "" {
		cfg.BaseEndpoint = aws.String(opts.Endpoint)
	}
	home := cfg.Region
	if home == "" {
		home = globalRegion
	}
	cfg.Region = home
	// The caller identity names the account; without it nothing can be
	// collected (no or invalid credentials).
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, fmt.Errorf("collect: the credentials do not work (sts GetCallerIdentity): %w", err)
	}
	account := aws.ToString(id.Account)
	name := opts.Name
	if name == "" {
		name = account
	}
	c := &collector{
		cfg: cfg, dir: filepath.Join(opts.Out, name), sem: make(chan struct{}, opts.Concurrency),
		account: account, progress: opts.Progress,
	}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return nil, fmt.Errorf("collect: %w", err)
	}
	if err := os.Chmod(c.dir, 0o700); err != nil {
		return nil, fmt.Errorf("collect: %w", err)
	}
	c.write(globalRegion, "sts-get-caller-identity.json", id)
	c.calls.Add(1)

	regions := c.regions(ctx, home, opts)
	stop := c.startProgress()
	for _, r := range regions {
		c.goRegion(ctx, r)
	}
	c.goGlobal(ctx)
	c.wg.Wait()
	stop()
	if c.writeErr != nil {
		return nil, c.writeErr
	}
	c.sum.Calls = int(c.calls.Load())
	sort.Slice(c.sum.Failures, func(i, j int) bool { return c.sum.Failures[i].File < c.sum.Failures[j].File })
	sort.Slice(c.sum.NotConfigured, func(i, j int) bool { return c.sum.NotConfigured[i].File < c.sum.NotConfigured[j].File })
	if c.sum.Failures == nil {
		c.sum.Failures = []inventory.CollectCall{}
	}
	if c.sum.NotConfigured == nil {
		c.sum.NotConfigured = []inventory.CollectCall{}
	}
	data, _ := json.MarshalIndent(&c.sum, "", "  ")
	if err := writeFile(filepath.Join(c.dir, "collect-summary.json"), data); err != nil {
		return nil, fmt.Errorf("collect: %w", err)
	}
	return &Result{Dir: c.dir, Account: account, Regions: regions, Summary: c.sum}, nil
}

// collector is one collection in progress.
type collector struct {
	cfg      aws.Config
	dir      string
	account  string
	sem      chan struct{}
	wg       sync.WaitGroup
	progress io.Writer

	calls, running atomic.Int64
	mu             sync.Mutex
	sum            inventory.CollectSummary
	writeErr       error
}

// regions decides which regions to collect and writes describe-regions.json.
func (c *collector) regions(ctx context.Context, home string, opts Options) []string {
	out, err := c.do(ctx, "", "describe-regions.json", func(ctx context.Context) (any, error) {
		return ec2.NewFromConfig(c.cfg).DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
	})
	var regions []string
	if len(opts.Regions) > 0 {
		regions = append(regions, opts.Regions...)
	} else if opts.AllRegions && out != nil {
		for _, r := range out.(*ec2.DescribeRegionsOutput).Regions {
			if aws.ToString(r.OptInStatus) != "not-opted-in" {
				regions = append(regions, aws.ToString(r.RegionName))
			}
		}
	} else {
		regions = []string{home}
	}
	if opts.AllRegions && err != nil {
		// Without the region list, collect the home region at least.
		regions = []string{home}
	}
	sort.Strings(regions)
	return regions
}

// do makes one call with a concurrency slot and writes its response to
// <region>/<file> (the account directory itself when region is ""). A
// failure is recorded and do returns it; the response is returned for the
// calls that depend on it.
func (c *collector) do(ctx context.Context, region, file string, call func(context.Context) (any, error)) (any, error) {
	c.sem <- struct{}{}
	c.running.Add(1)
	out, err := call(ctx)
	c.running.Add(-1)
	<-c.sem
	c.calls.Add(1)
	rel := file
	if region != "" {
		rel = region + "/" + file
	}
	if err != nil {
		c.record(rel, err)
		return nil, err
	}
	c.write(region, file, out)
	return out, nil
}

// record files a failed call under Failures, or under NotConfigured when its
// error code means "there is none".
func (c *collector) record(rel string, err error) {
	code, msg := "RequestError", err.Error()
	var ae smithy.APIError
	if errors.As(err, &ae) {
		code, msg = ae.ErrorCode(), ae.ErrorMessage()
	} else if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		code = "Canceled"
	}
	call := inventory.CollectCall{File: rel, Code: code, Message: msg}
	c.mu.Lock()
	defer c.mu.Unlock()
	if notConfigured(rel, code, msg) {
		c.sum.NotConfigured = append(c.sum.NotConfigured, call)
	} else {
		c.sum.Failures = append(c.sum.Failures, call)
	}
}

// notConfiguredCodes are the errors that mean "there is none", by call.
var notConfiguredCodes = map[string][]string{
	"iam-get-account-password-policy":       {"NoSuchEntity"},
	"s3-get-bucket-policy":                  {"NoSuchBucketPolicy"},
	"s3-get-bucket-encryption":              {"ServerSideEncryptionConfigurationNotFoundError"},
	"s3-get-public-access-block":            {"NoSuchPublicAccessBlockConfiguration"},
	"s3control-get-public-access-block":     {"NoSuchPublicAccessBlockConfiguration"},
	"s3-get-bucket-tagging":                 {"NoSuchTagSet"},
	"s3-get-bucket-lifecycle-configuration": {"NoSuchLifecycleConfiguration"},
	"s3-get-bucket-replication":             {"ReplicationConfigurationNotFoundError"},
	"s3-get-bucket-website":                 {"NoSuchWebsiteConfiguration"},
	"s3-get-object-lock-configuration":      {"ObjectLockConfigurationNotFoundError"},
	"securityhub-describe-hub":              {"InvalidAccessException"},
	"account-get-alternate-contact":         {"ResourceNotFoundException"},
	"kms-get-key-rotation-status":           {"UnsupportedOperationException"},
	"lambda-get-policy":                     {"ResourceNotFoundException"},
	"lambda-get-function-url-config":        {"ResourceNotFoundException"},
	"ecr-get-repository-policy":             {"RepositoryPolicyNotFoundException"},
	"ecr-get-lifecycle-policy":              {"LifecyclePolicyNotFoundException"},
}

// notConfigured reports whether a failed call's error means "there is
// none". Macie answers AccessDeniedException with "Macie is not enabled"
// when it is off, and also when the caller may not read it: only the
// message tells them apart.
func notConfigured(rel, code, msg string) bool {
	call := callOf(rel)
	if call == "macie2-get-macie-session" {
		return code == "AccessDeniedException" && strings.Contains(msg, "not enabled")
	}
	for _, c := range notConfiguredCodes[call] {
		if c == code {
			return true
		}
	}
	return false
}

// callOf is the <service>-<operation> of a response file path.
func callOf(rel string) string {
	parts := strings.Split(rel, "/")
	if len(parts) >= 2 {
		return strings.TrimSuffix(parts[1], ".json")
	}
	return strings.TrimSuffix(parts[0], ".json")
}

// write stores a response: the SDK output struct as JSON, without its
// result metadata and paging fields (as cloudmapper writes them).
func (c *collector) write(region, file string, out any) {
	data, err := json.Marshal(out)
	if err == nil {
		var m map[string]any
		if err = json.Unmarshal(data, &m); err == nil {
			for _, k := range []string{"ResultMetadata", "NextToken", "Marker", "IsTruncated", "NextMarker"} {
				delete(m, k)
			}
			data, err = json.MarshalIndent(m, "", "  ")
		}
	}
	path := filepath.Join(c.dir, region, filepath.FromSlash(file))
	if err == nil {
		err = writeFile(path, data)
	}
	if err != nil {
		c.mu.Lock()
		if c.writeErr == nil {
			c.writeErr = fmt.Errorf("collect: writing %s: %w", path, err)
		}
		c.mu.Unlock()
	}
}

// writeFile writes a file and its directories readable by the owner only.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// param names the response file of a per-resource call, as cloudmapper
// does: <service>-<operation>/<quote_plus(parameter)>.
func param(call, p string) string { return call + "/" + inventory.QuotePlus(p) }

// spawn runs f in the collection's wait group.
func (c *collector) spawn(f func()) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		f()
	}()
}

// startProgress rewrites one line on the progress writer until stopped.
func (c *collector) startProgress() func() {
	if c.progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	line := func() {
		c.mu.Lock()
		failed := len(c.sum.Failures)
		c.mu.Unlock()
		fmt.Fprintf(c.progress, "\rcollect: %d calls, %d failed, %d in flight ", c.calls.Load(), failed, c.running.Load())
	}
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				line()
				fmt.Fprintln(c.progress)
				return
			case <-t.C:
				line()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// pages reads every page of a paginated call and merges them into the
// first.
func pages[O any, F any](ctx context.Context, more func() bool, next func(context.Context, ...F) (O, error), merge func(into, page O)) (O, error) {
	var first O
	n := 0
	for more() {
		page, err := next(ctx)
		if err != nil {
			return first, err
		}
		if n == 0 {
			first = page
		} else {
			merge(first, page)
		}
		n++
	}
	return first, nil
}

// tokenPages reads every page of a call that pages with NextToken but has
// no paginator in the SDK (API Gateway v2), merging them into the first.
// A token seen before ends the loop, so a service that repeats one cannot
// make it spin.
func tokenPages[O any](ctx context.Context, call func(context.Context, *string) (O, *string, error), merge func(into, page O)) (O, error) {
	first, token, err := call(ctx, nil)
	if err != nil {
		return first, err
	}
	seen := map[string]bool{}
	for token != nil && *token != "" && !seen[*token] {
		seen[*token] = true
		page, next, err := call(ctx, token)
		if err != nil {
			return first, err
		}
		merge(first, page)
		token = next
	}
	return first, nil
}
