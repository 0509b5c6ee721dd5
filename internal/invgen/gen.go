package invgen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// DefaultNow returns the clock generated timestamps are relative to when
// Config.Now is zero. It equals bundles.DefaultNow(), the clock of the shipped
// fixtures, so rules with before()/after() see the intended ages when
// evaluated at the same time.
func DefaultNow() time.Time { return time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC) }

// DefaultFailRatio is the FailRatio of the gslgen command.
const DefaultFailRatio = 0.2

// Config chooses what to generate.
type Config struct {
	// N is the number of documents.
	N int
	// Seed selects the inventory; the same Config gives the same bytes.
	Seed uint64
	// FailRatio is the probability that each checked setting of a resource
	// is non-compliant, from 0 (every setting compliant) to 1.
	FailRatio float64
	// Accounts is the number of AWS accounts the documents are split
	// across; 0 means one per accountSize documents (at least one).
	Accounts int
	// Now is the clock timestamps are relative to; zero means DefaultNow.
	Now time.Time
}

// Share is the number of documents of one entity type in a large account.
type Share struct {
	Type  string
	Count int
}

// mix lists the entity types generated from the account's budget, with the
// document counts of one large account: the figures of a large account used
// for CSPM scale tests (12,906 instances, 13,433 volumes, 723 roles, 77
// users, 391 buckets, 398 security groups, 50 VPCs, 40 RDS instances, 9
// groups, 63 policies) and plausible counts for the other types. Besides
// these, every account has one Iam document, the root IamUser and one
// Region document per region (see regions).
var mix = []Share{
	{"IamUser", 77}, {"IamGroup", 9}, {"IamRole", 723}, {"IamPolicy", 63},
	{"KMS", 96}, {"VPC", 50}, {"Subnet", 310}, {"NACL", 62}, {"SecurityGroup", 398},
	{"Instance", 12906}, {"Volume", 13433}, {"EbsSnapshot", 3600}, {"AMI", 240},
	{"S3Bucket", 391}, {"RDS", 40}, {"DynamoDbTable", 74}, {"EFS", 21}, {"Redshift", 6},
	{"ElastiCache", 18}, {"ELB", 24}, {"ApplicationLoadBalancer", 58}, {"NetworkLoadBalancer", 17},
	{"Lambda", 412}, {"SnsTopic", 112}, {"SqsQueue", 164}, {"LogGroup", 930},
	{"AcmCertificate", 57}, {"CloudFront", 23}, {"CloudTrail", 3},
	{"EcrRepository", 60}, {"EcsCluster", 8}, {"EcsService", 45}, {"EcsTaskDefinition", 120},
	{"EKSCluster", 4}, {"ElasticSearchDomain", 6}, {"ApiGateway", 25}, {"ApiGatewayV2", 15},
	{"SecretsManagerSecret", 140}, {"LaunchTemplate", 50}, {"AutoScalingGroup", 35},
	{"RDSCluster", 12}, {"RDSSnapshot", 200},
}

// accountSize is the number of documents of one large account: the sum of
// mix plus the per-account documents (Iam, root user, regions).
var accountSize = func() int {
	n := 2 + len(regions)
	for _, s := range mix {
		n += s.Count
	}
	return n
}()

// kinds are the generated entity kinds in emission order within an
// account: account-level documents first, then the shared network pieces,
// then everything else in mix order.
type kindID uint8

const (
	kIam kindID = iota
	kRoot
	kRegion
	kIamUser
	kIamGroup
	kIamRole
	kIamPolicy
	kKMS
	kVPC
	kSubnet
	kNACL
	kSecurityGroup
	kInstance
	kVolume
	kEbsSnapshot
	kAMI
	kS3Bucket
	kRDS
	kDynamoDbTable
	kEFS
	kRedshift
	kElastiCache
	kELB
	kALB
	kNLB
	kLambda
	kSnsTopic
	kSqsQueue
	kLogGroup
	kAcmCertificate
	kCloudFront
	kCloudTrail
	kEcrRepository
	kEcsCluster
	kEcsService
	kEcsTaskDefinition
	kEKSCluster
	kElasticSearchDomain
	kApiGateway
	kApiGatewayV2
	kSecretsManagerSecret
	kLaunchTemplate
	kAutoScalingGroup
	kRDSCluster
	kRDSSnapshot
	numKinds
)

var kindTypes = [numKinds]string{
	"Iam", "IamUser", "Region", "IamUser", "IamGroup", "IamRole", "IamPolicy", "KMS", "VPC", "Subnet",
	"NACL", "SecurityGroup", "Instance", "Volume", "EbsSnapshot", "AMI", "S3Bucket", "RDS",
	"DynamoDbTable", "EFS", "Redshift", "ElastiCache", "ELB", "ApplicationLoadBalancer",
	"NetworkLoadBalancer", "Lambda", "SnsTopic", "SqsQueue", "LogGroup", "AcmCertificate",
	"CloudFront", "CloudTrail", "EcrRepository", "EcsCluster", "EcsService", "EcsTaskDefinition",
	"EKSCluster", "ElasticSearchDomain", "ApiGateway", "ApiGatewayV2", "SecretsManagerSecret",
	"LaunchTemplate", "AutoScalingGroup", "RDSCluster", "RDSSnapshot",
}

// kindOf maps a mix type name to its kind (the non-root IamUser kind).
func kindOf(typ string) (kindID, bool) {
	for k := kIamUser; k < numKinds; k++ {
		if kindTypes[k] == typ {
			return k, true
		}
	}
	return 0, false
}

// Types lists the entity types the generator writes.
func Types() []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range kindTypes {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// Generator writes the documents of one Config, one at a time.
type Generator struct {
	cfg    Config
	now    time.Time
	counts [][numKinds]int // per account
	acct   int
	kind   kindID
	idx    int
	a      *account
	w      jw
	done   int
}

// New checks cfg and returns a generator positioned at the first document.
func New(cfg Config) (*Generator, error) {
	if cfg.N < 0 {
		return nil, fmt.Errorf("invgen: negative document count %d", cfg.N)
	}
	if !(cfg.FailRatio >= 0 && cfg.FailRatio <= 1) {
		return nil, fmt.Errorf("invgen: fail ratio %v is not between 0 and 1", cfg.FailRatio)
	}
	if cfg.Accounts < 0 {
		return nil, fmt.Errorf("invgen: negative account count %d", cfg.Accounts)
	}
	g := &Generator{cfg: cfg, now: cfg.Now}
	if g.now.IsZero() {
		g.now = DefaultNow()
	}
	accounts := cfg.Accounts
	if accounts == 0 {
		accounts = max(1, (cfg.N+accountSize/2)/accountSize)
	}
	accounts = min(accounts, max(1, cfg.N))
	g.counts = make([][numKinds]int, accounts)
	for i := range g.counts {
		budget := cfg.N / accounts
		if i < cfg.N%accounts {
			budget++
		}
		g.counts[i] = allocate(budget)
	}
	return g, nil
}

// Counts returns how many documents of each entity type the generator
// writes in total.
func (g *Generator) Counts() map[string]int {
	out := map[string]int{}
	for _, c := range g.counts {
		for k, n := range c {
			if n > 0 {
				out[kindTypes[k]] += n
			}
		}
	}
	return out
}

// allocate splits one account's budget over the kinds: the account-level
// documents first (Iam, root user, regions), then the rest by the weights
// of mix with at least one document of every type when the budget allows,
// by largest remainder so that the counts add up exactly.
func allocate(budget int) [numKinds]int {
	var c [numKinds]int
	take := func(k kindID, n int) {
		n = min(n, budget)
		c[k] += n
		budget -= n
	}
	take(kIam, 1)
	take(kRoot, 1)
	take(kRegion, len(regions))
	if budget == 0 {
		return c
	}
	total := 0
	for _, s := range mix {
		total += s.Count
	}
	rest := budget
	type frac struct {
		k   kindID
		rem int
	}
	fr := make([]frac, 0, len(mix))
	for _, s := range mix {
		k, _ := kindOf(s.Type)
		take(k, rest*s.Count/total)
		fr = append(fr, frac{k, rest * s.Count % total})
	}
	// Largest remainder; ties go to the earlier type.
	for budget > 0 {
		best := -1
		for i, f := range fr {
			if f.rem >= 0 && (best < 0 || f.rem > fr[best].rem) {
				best = i
			}
		}
		take(fr[best].k, 1)
		fr[best].rem = -1
	}
	// Every type at least once when there is room: take from the largest.
	if rest >= len(mix) {
		for _, f := range fr {
			if c[f.k] == 0 {
				big := f.k
				for _, g := range fr {
					if c[g.k] > c[big] {
						big = g.k
					}
				}
				c[big]--
				c[f.k]++
			}
		}
	}
	return c
}

// Next returns the next document, or nil after the last one. The slice is
// valid until the following call.
func (g *Generator) Next() []byte {
	for g.acct < len(g.counts) {
		c := &g.counts[g.acct]
		if g.kind >= numKinds {
			g.acct++
			g.kind, g.idx, g.a = 0, 0, nil
			continue
		}
		if g.idx >= c[g.kind] {
			g.kind++
			g.idx = 0
			continue
		}
		if g.a == nil {
			g.a = newAccount(g, g.acct, c)
		}
		g.w = jw{b: g.w.b[:0]}
		generators[g.kind](g.a, &g.w, g.idx)
		g.idx++
		g.done++
		return g.w.b
	}
	return nil
}

// Write writes the documents of cfg to w as NDJSON (one document per line).
func Write(w io.Writer, cfg Config) error {
	g, err := New(cfg)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	for doc := g.Next(); doc != nil; doc = g.Next() {
		bw.Write(doc)
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Generate returns the documents of cfg. They lie one after another in a
// single buffer, separated by newlines, as they do when an NDJSON file is
// read into memory; each slice's capacity ends with its document, so
// appending to one cannot overwrite the next.
func Generate(cfg Config) ([][]byte, error) {
	g, err := New(cfg)
	if err != nil {
		return nil, err
	}
	var buf []byte
	ends := make([]int, 0, cfg.N)
	for doc := g.Next(); doc != nil; doc = g.Next() {
		buf = append(buf, doc...)
		ends = append(ends, len(buf))
		buf = append(buf, '\n')
	}
	if len(ends) != cfg.N {
		return nil, errors.New("invgen: internal error: wrong document count")
	}
	docs := make([][]byte, len(ends))
	start := 0
	for k, end := range ends {
		docs[k] = buf[start:end:end]
		start = end + 1
	}
	return docs, nil
}

// mix64 is the splitmix64 finaliser.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hash derives a value from the seed and a list of keys.
func hash(seed uint64, keys ...uint64) uint64 {
	h := mix64(seed)
	for _, k := range keys {
		h = mix64(h ^ k)
	}
	return h
}

// rnd is a random source for one document.
type rnd struct {
	*rand.Rand
	fail float64
}

// bad draws whether a checked setting is non-compliant.
func (r rnd) bad() bool { return r.Float64() < r.fail }

// rare is bad at a fifth of the rate, for settings that are seldom wrong.
func (r rnd) rare() bool { return r.Float64() < r.fail/5 }

// chance is true with probability p.
func (r rnd) chance(p float64) bool { return r.Float64() < p }

// pick returns one of xs.
func pick[T any](r rnd, xs ...T) T { return xs[r.IntN(len(xs))] }
