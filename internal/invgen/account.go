package invgen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// regions are the region codes every account has a Region document for.
// The last four are opt-in regions, not opted in by default.
var regions = []string{
	"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
	"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
	"ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ap-east-1", "me-south-1", "af-south-1", "eu-south-1",
}

const optInRegions = 4

// homeRegion is where account-wide things (the main trail, global Config
// recording) live.
const homeRegion = "us-east-1"

// busyRegions are where resources are placed, with cumulative weights
// (percent).
var busyRegions = []struct {
	name string
	cum  int
}{{"us-east-1", 55}, {"us-west-2", 80}, {"eu-west-1", 92}, {"eu-central-1", 97}, {"ap-southeast-2", 100}}

var (
	orgNames = []string{"northwind", "contoso", "acme", "globex", "initech", "umbrella", "hooli", "vandelay", "stark", "wayne", "tyrell", "cyberdyne"}
	apps     = []string{"ehr", "billing", "claims", "portal", "analytics", "etl", "search", "auth", "payments", "inventory", "orders", "reporting", "notify", "ingest", "gateway", "scheduler", "ml", "imaging", "pharmacy", "lab"}
	tiers    = []string{"api", "worker", "web", "batch", "cache", "queue", "stream", "cron"}
	envs     = []string{"prod", "prod", "prod", "staging", "dev", "qa"}
	people   = []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yolanda"}
	surnames = []string{"nguyen", "lindqvist", "okafor", "garcia", "kim", "schmidt", "rossi", "kowalski", "tanaka", "haddad", "silva", "murphy", "dubois", "novak", "patel", "ivanova"}
)

// account holds what the documents of one account share. The pools of
// embedded fragments are bounded by the account's counts, which do not
// grow with the inventory (more documents means more accounts).
type account struct {
	g     *Generator
	c     *[numKinds]int
	seed  uint64
	id    string // 12-digit account number
	org   string
	owner string // canonical user id of the account

	pab bool // account-level S3 Block Public Access is fully on

	root      []byte   // the root user document (also Iam.rootUser)
	vpcs      [][]byte // VPC summaries, as embedded in other documents
	subnets   [][]byte // Subnet summaries with their NACL
	nacls     [][]byte // NACL summaries with their entries
	sgs       [][]byte // SecurityGroup summaries with their rules
	sgIn      [][]byte // inbound rules of each group (array elements, comma-joined)
	sgOut     [][]byte // outbound rules
	roles     [][]byte // IamRole summaries for instance profiles and Lambda
	regionVPC map[string][]int
}

// hexDigits are the digits of lower-case hexadecimal.
const hexDigits = "0123456789abcdef"

func newAccount(g *Generator, i int, c *[numKinds]int) *account {
	a := &account{g: g, c: c, seed: hash(g.cfg.Seed, 0xacc0, uint64(i))}
	r := a.rnd(kIam, -1)
	a.id = strconv.FormatUint(100000000000+r.Uint64N(900000000000), 10)
	a.org = orgNames[r.IntN(len(orgNames))]
	a.owner = a.hex(kIam, 0, 1, 64)
	a.pab = !r.bad()
	a.vpcs = make([][]byte, c[kVPC])
	a.subnets = make([][]byte, c[kSubnet])
	a.nacls = make([][]byte, c[kNACL])
	a.sgs = make([][]byte, c[kSecurityGroup])
	a.sgIn = make([][]byte, c[kSecurityGroup])
	a.sgOut = make([][]byte, c[kSecurityGroup])
	a.roles = make([][]byte, min(c[kIamRole], instanceRoles))
	a.regionVPC = map[string][]int{}
	for v := range c[kVPC] {
		reg := a.vpcRegion(v)
		a.regionVPC[reg] = append(a.regionVPC[reg], v)
	}
	return a
}

// rnd returns the random source of document i of kind k. Index -1 and
// other negative indices give account-level sources.
func (a *account) rnd(k kindID, i int) rnd { return a.sub(k, i, 0) }

// sub returns another random source for document i of kind k, for
// properties other documents derive too (names, embedded summaries).
func (a *account) sub(k kindID, i int, salt uint64) rnd {
	h := hash(a.seed, uint64(k), uint64(int64(i)), salt)
	return rnd{rand.New(rand.NewPCG(h, mix64(h))), a.g.cfg.FailRatio}
}

// hex returns n hex digits derived from (k, i, salt).
func (a *account) hex(k kindID, i int, salt uint64, n int) string {
	b := make([]byte, 0, n)
	for j := uint64(0); len(b) < n; j++ {
		h := hash(a.seed, uint64(k), uint64(int64(i)), salt, j)
		for s := 0; s < 16 && len(b) < n; s++ {
			b = append(b, hexDigits[h&0xf])
			h >>= 4
		}
	}
	return string(b)
}

// awsID returns an EC2-style id: prefix, "-0" and 16 hex digits.
func (a *account) awsID(prefix string, k kindID, i int) string {
	return prefix + "-0" + a.hex(k, i, 0x1d, 16)
}

// uuid returns a UUID-shaped string derived from (k, i, salt).
func (a *account) uuid(k kindID, i int, salt uint64) string {
	h := a.hex(k, i, salt, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// upperID returns an IAM unique id: prefix and 17 upper-case characters.
func (a *account) upperID(prefix string, k kindID, i int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	h := hash(a.seed, uint64(k), uint64(int64(i)), 0x1a)
	b := []byte(prefix)
	for j := 0; j < 17; j++ {
		if j == 12 {
			h = mix64(h)
		}
		b = append(b, alphabet[h&31])
		h >>= 5
	}
	return string(b)
}

// region picks a busy region for a resource outside any VPC.
func (a *account) region(r rnd) string {
	p := r.IntN(100)
	for _, b := range busyRegions {
		if p < b.cum {
			return b.name
		}
	}
	return homeRegion
}

// vpcRegion is the region of VPC v: the first VPCs cover the busy regions.
func (a *account) vpcRegion(v int) string {
	if v < len(busyRegions) {
		return busyRegions[v].name
	}
	return a.region(a.rnd(kVPC, v))
}

// ago returns a time between lo and hi days before now, to the second.
func (a *account) ago(r rnd, lo, hi float64) time.Time {
	d := lo + r.Float64()*(hi-lo)
	return a.g.now.Add(-time.Duration(d * 24 * float64(time.Hour))).Truncate(time.Second)
}

// ahead returns a time between lo and hi days after now.
func (a *account) ahead(r rnd, lo, hi float64) time.Time {
	d := lo + r.Float64()*(hi-lo)
	return a.g.now.Add(time.Duration(d * 24 * float64(time.Hour))).Truncate(time.Second)
}

func (a *account) arn(service, region, resource string) string {
	return "arn:aws:" + service + ":" + region + ":" + a.id + ":" + resource
}

// kmsKey returns the ARN of one of the account's six workload keys in
// region.
func (a *account) kmsKey(r rnd, region string) string {
	return a.arn("kms", region, "key/"+a.uuid(kKMS, -1-regionIndex(region)*8-r.IntN(6), 7))
}

// regionIndex is the position of region in regions (0 when unknown).
func regionIndex(region string) int {
	for i, r := range regions {
		if r == region {
			return i
		}
	}
	return 0
}

// head writes the envelope: type, id, name, arn, accountNumber, region.
func (a *account) head(w *jw, typ, id, name, arn, region string) {
	w.obj()
	w.ks("type", typ)
	w.ks("id", id)
	w.ks("name", name)
	if arn != "" {
		w.ks("arn", arn)
	}
	w.ks("accountNumber", a.id)
	w.ks("region", region)
}

// tags writes the tags array: Name (when given), environment, owner, and
// contains_phi=true when phi.
func (a *account) tags(w *jw, r rnd, name, env string, phi bool) {
	w.ka("tags")
	if name != "" {
		tag(w, "Name", name)
	}
	if env != "" {
		tag(w, "environment", env)
	}
	if r.chance(0.6) {
		tag(w, "owner", pick(r, apps...)+"-team")
	}
	if r.chance(0.3) {
		tag(w, "cost-center", "cc-"+strconv.Itoa(1000+r.IntN(9000)))
	}
	if phi {
		tag(w, "contains_phi", "true")
	} else if r.chance(0.1) {
		tag(w, "contains_phi", "false")
	}
	w.endArr()
}

func tag(w *jw, k, v string) {
	w.obj()
	w.ks("key", k)
	w.ks("value", v)
	w.end()
}

// appName returns a resource name such as claims-api-prod-17.
func appName(r rnd, i int) (name, app, env string) {
	app, env = pick(r, apps...), pick(r, envs...)
	return app + "-" + pick(r, tiers...) + "-" + env + "-" + strconv.Itoa(i), app, env
}

// vpcCIDR is the primary CIDR of VPC v: 10.x.0.0/16.
func vpcCIDR(v int) string { return "10." + strconv.Itoa(v%256) + ".0.0/16" }
