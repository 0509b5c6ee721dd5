// Command gslcheck-collect reads an AWS account through its APIs and writes
// a raw API dump that `gslcheck run` reads (the layout of cloudmapper's
// collect):
//
//	gslcheck-collect aws [--profile NAME] [--region R ...| --all-regions]
//	                     [--role-arn ARN ... [--external-id ID]] [--out DIR]
//
// It is gslcheck's collector plugin: `gslcheck collect aws ...` runs it with
// the same arguments, and `gslcheck run --collect aws` runs it into a
// temporary directory and evaluates what it wrote. It is a module of its
// own so that gslcheck does not link the AWS SDK.
//
// Credentials come from the standard chain (environment, shared config and
// credentials files, SSO, container and instance roles); --profile picks a
// profile. With --role-arn, each role is assumed in turn and its account is
// written to its own directory. Every failed call is recorded with its
// reason in <account>/collect-summary.json and listed at the end; only
// credentials that do not work at all make it exit non-zero. The least
// privilege it needs is collect/policy.json (the AWS managed policy
// SecurityAudit covers all of it but macie2:GetMacieSession).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/gsl-lang/gsl/collect"
	"golang.org/x/term"
)

// list is a repeatable, comma-separated flag.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }
func (l *list) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "aws" {
		fmt.Fprintln(stderr, "usage: gslcheck-collect aws [FLAGS]  (the provider first; 'gslcheck-collect aws -h' lists the flags)")
		return 2
	}
	args = args[1:]
	fs := flag.NewFlagSet("gslcheck-collect aws", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var regions, roles list
	profile := fs.String("profile", "", "shared config profile (default: the standard credential chain)")
	fs.Var(&regions, "region", "region to collect (repeatable, or comma-separated; default: the profile's region)")
	all := fs.Bool("all-regions", false, "collect every region the account has enabled")
	fs.Var(&roles, "role-arn", "role to assume, one account each (repeatable)")
	externalID := fs.String("external-id", "", "external id for --role-arn")
	out := fs.String("out", "account-data", "directory to write the account directories under")
	name := fs.String("name", "", "account directory name (default: the account id; only with one account)")
	concurrency := fs.Int("concurrency", 8, "API calls in flight")
	attempts := fs.Int("max-attempts", 5, "attempts per call, with the SDK's backoff on throttling")
	endpoint := fs.String("endpoint-url", "", "send every call to this URL (an AWS API emulator)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *all && len(regions) > 0 {
		fmt.Fprintln(stderr, "gslcheck-collect: --region and --all-regions exclude each other")
		return 2
	}
	if *name != "" && len(roles) > 1 {
		fmt.Fprintln(stderr, "gslcheck-collect: --name names one account; with several --role-arn each is named by its id")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var loads []func(*config.LoadOptions) error
	if *profile != "" {
		loads = append(loads, config.WithSharedConfigProfile(*profile))
	}
	loads = append(loads, config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = *attempts })
	}))
	cfg, err := config.LoadDefaultConfig(ctx, loads...)
	if err != nil {
		fmt.Fprintf(stderr, "gslcheck-collect: loading the AWS configuration: %v\n", err)
		return 1
	}
	opts := collect.Options{Out: *out, Name: *name, Regions: regions, AllRegions: *all, Concurrency: *concurrency, Endpoint: *endpoint}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		opts.Progress = stderr
	}
	configs := []aws.Config{cfg}
	if len(roles) > 0 {
		configs = nil
		for _, arn := range roles {
			c := cfg.Copy()
			c.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), arn, func(o *stscreds.AssumeRoleOptions) {
				o.RoleSessionName = "gslcheck-collect"
				if *externalID != "" {
					o.ExternalID = aws.String(*externalID)
				}
			}))
			configs = append(configs, c)
		}
	}
	code := 0
	for i, c := range configs {
		res, err := collect.Run(ctx, c, opts)
		if err != nil {
			if len(roles) > 0 {
				fmt.Fprintf(stderr, "gslcheck-collect: %s: %v\n", roles[i], err)
			} else {
				fmt.Fprintf(stderr, "gslcheck-collect: %v\n", err)
			}
			code = 1
			continue
		}
		s := res.Summary
		fmt.Fprintf(stdout, "%s: account %s, regions %s: %d calls, %d failed, %d not configured\n",
			res.Dir, res.Account, strings.Join(res.Regions, ","), s.Calls, len(s.Failures), len(s.NotConfigured))
		for _, f := range s.Failures {
			fmt.Fprintf(stdout, "  failed %s: %s: %s\n", f.File, f.Code, f.Message)
		}
	}
	return code
}
