// Package builtin holds the operators and postfix functions of GSL, as one
// declarative table that the compiler (name resolution, signature checks)
// and the VM (run time) share, and the API through which embedders add
// their own functions.
//
// # Values
//
// A [Value] wraps a gjson.Result pointing into the document under
// evaluation, or is Missing when a path resolved to nothing. Building one
// never copies the document. A custom function reads its operands with
// Value's accessors (Kind, Str, Num, Bool, AsNumber, AsTime, Len, ForEach,
// JSON) and builds its result with [StringValue], [IntValue],
// [NumberValue], [BoolValue], [NullValue], [MissingValue], [ArrayValue],
// [ObjectValue] or [ParseJSON].
//
// # Operators
//
// [Equal] is GSL's =, and != is exactly !Equal; [Compare] orders operands
// for < > <= >=: a < b is c < 0 with c, ok := Compare(a, b) and ok, and so
// on. Neither allocates for scalar operands. They are exported so that a
// custom function compares values exactly as rules do. The other operators
// (like, regexMatch, in, the truth of a bare operand, groupBy's hashing)
// are the VM's business and live in an internal package; their meaning is
// documented with every operator in SPEC.md and builtin/FUNCTIONS.md,
// which [Registry.MarkdownDoc] renders.
//
// # Functions
//
// A postfix function, `operand name(args)`, is a [Func]. The builtins:
//
//   - isEmpty() bool; operand: any.
//     True when the operand is missing, null, the empty string, the empty
//     array or the empty object; false for every other value, numbers and
//     booleans included (0 and false are not empty).
//     Example: SecurityGroup where name = 'default' should have inboundRules
//     isEmpty() and outboundRules isEmpty()
//
//   - length() number; operand: any.
//     The number of elements of an array, of characters (Unicode code points,
//     not bytes) of a string, or of keys of an object (a repeated name counts
//     once). Missing, null, numbers and booleans have length 0. After `with
//     [...]` it counts the elements that matched.
//     Example: VPC should have subnets length() >= 2
//
//   - isPublic() bool; operand: any.
//     True when the operand, an IPv4 or IPv6 address or CIDR, holds at least
//     one public address: one outside the private and special-purpose ranges,
//     which are, for IPv4, 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8,
//     169.254.0.0/16, 172.16.0.0/12, 192.0.0.0/24, 192.0.2.0/24,
//     192.168.0.0/16, 198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24,
//     224.0.0.0/4 and 240.0.0.0/4 (which holds 255.255.255.255), and for IPv6
//     ::/128, ::1/128, 64:ff9b:1::/48, 100::/64, 2001:2::/48, 2001:10::/28,
//     2001:db8::/32, 3fff::/20, 5f00::/16, fc00::/7, fe80::/10, fec0::/10,
//     ff00::/8 and the IPv4-mapped form ::ffff:a.b.c.d of every IPv4 range
//     above. So 0.0.0.0/0 and 10.0.0.0/7 (which holds 11.0.0.0/8) are public
//     and 10.0.0.0/8 is not. The tags '*', 'Any' and 'Internet' (any case)
//     mean 0.0.0.0/0. An array is public when any of its strings is. Any other
//     value (a string that is not an address, such as a security group id or a
//     service tag, a number, missing) is not public; this is never an error.
//     Example: SecurityGroup should not have inboundRules contain [ scope
//     isPublic() and port <= 22 and portTo >= 22 ]
//
//   - numberOfHosts() number; operand: string.
//     The number of addresses in a CIDR string: 2^(32-bits) for IPv4,
//     2^(128-bits) for IPv6 (as a float64, so 2^128 for ::/0). A bare address
//     counts 1; '0.0.0.0/0' and the tags '*', 'Any' and 'Internet' count
//     4294967296. Anything else counts 0.
//     Example: SecurityGroup should not have inboundRules contain [ scope
//     numberOfHosts() > 256 ]
//
//   - allowedHostsForPort(port number) number; operand: list.
//     Over a list of firewall rules, the number of distinct source addresses
//     allowed to reach `port` (IPv4 and IPv6 addresses together; overlapping
//     sources count once). Fields are matched by name ignoring case. Order:
//     `number`, `ruleNumber` or `priority`; rules are evaluated in ascending
//     order, rules without one after those with one, in list order. Action:
//     `action`, `access` or `ruleAction`; 'Deny', 'Drop', 'Block' and 'Reject'
//     (any case) deny, anything else (or no action) allows. For each address,
//     the first rule in that order that applies to the port and names the
//     address decides, so a deny hides the addresses it names from every later
//     allow; a list of allow rules alone (AWS security groups) gives the union
//     of their sources. Sources: `scope`, `source`, `sources`,
//     `sourceAddressPrefix`, `sourceAddressPrefixes`, `sourceRanges`,
//     `cidrBlock`, `ipv6CidrBlock`, `cidrIp`, `cidrIpv6`: a CIDR or address
//     string, a comma-separated list of them, or an array of them; '*', 'Any'
//     and 'Internet' mean 0.0.0.0/0, other names (such as 'VirtualNetwork')
//     stand for no address. Ports: `port`, `fromPort` or `destinationPort` up
//     to `portTo`, `toPort` or `destinationPortTo` (the upper bound defaults
//     to the lower); `destinationPortRange`, `destinationPortRanges` and
//     `portRange` hold '22', '20-30', '*' or {from, to}. A negative port (AWS
//     -1) or '*' means every port, and so does a rule without port fields.
//     Protocol: `protocol` or `ipProtocol`; 'ALL', 'Any', '*' and -1 apply to
//     every port, ICMP ('ICMP', 'ICMPv6', 1, 58) to none, any other protocol
//     by the port fields. `direction` is not read: pass the inbound list. A
//     missing or null operand counts 0; an object is a one-rule list. The port
//     must be an integer in 0-65535; otherwise the result is an error.
//     Example: NetworkSecurityGroup should not have inboundRules
//     allowedHostsForPort(3389) > 256
//
//   - allowedPublicHostsForPort(port number) number; operand: list.
//     As allowedHostsForPort, counting only the public addresses among those
//     allowed (the ranges isPublic() treats as private or reserved are left
//     out).
//     Example: VMInstance should not have nics contain [ inboundRules
//     allowedPublicHostsForPort(22) > 0 ]
//
//   - openToInternetForPort(port number) bool; operand: list.
//     True when, over a list of firewall rules read and ordered as
//     allowedHostsForPort reads them, TCP or UDP traffic to `port` is let in
//     by an allow rule whose source is a whole address space (0.0.0.0/0, ::/0,
//     '*', 'Any' or 'Internet') that still decides it for at least one
//     address, that is, is not wholly hidden by earlier rules. TCP and UDP are
//     judged apart: a rule applies to one when its protocol names it ('TCP' or
//     6, 'UDP' or 17, any case) or every protocol ('ALL', '-1', '*', 'Any'),
//     so a deny of TCP 22 before an allow of all traffic still leaves UDP 22
//     open; ICMP and other protocols never apply. So a network ACL that denies
//     a few addresses before allowing 0.0.0.0/0 is open (the rest of the
//     internet still reaches the port), one that denies 0.0.0.0/0 for the port
//     and both protocols first is not, and an allow from a narrower network,
//     however large, is never open. A source that is a prefix list (pl-...) or
//     a security group id stands for no address here; openToInternetOver()
//     reads a prefix list as possibly holding every address. A missing or null
//     operand is not open; the port must be an integer in 0-65535.
//     Example: NACL should not have inbound openToInternetForPort(22)
//
//   - openToInternetOver(port number, protocol string, family string) bool;
//     operand: list.
//     As openToInternetForPort, for the protocol `protocol` ('tcp', 'udp', or
//     'any' for TCP and UDP each, any case) and the address family `family`
//     ('ipv4' for 0.0.0.0/0, 'ipv6' for ::/0, or 'any' for both, any case):
//     true when an allow rule whose source is that whole address space, for
//     that protocol or every protocol, still lets some address of the family
//     reach `port`. An allow rule whose source names a prefix list (an id
//     starting 'pl-', in any source field) counts as a source of every IPv4
//     and IPv6 address, since the list's entries are not in the rule and may
//     hold 0.0.0.0/0 or ::/0: such a rule is open unless earlier rules deny
//     the port to every address. A security group id or other name as source
//     stands for no address. A missing or null operand is not open; the port
//     must be an integer in 0-65535 and protocol and family literals of the
//     forms above.
//     Example: SecurityGroup should not have inboundRules
//     openToInternetOver(445, 'tcp', 'any')
//
//   - openToInternetExceptPorts(tcpPorts string, udpPorts string) bool;
//     operand: list.
//     True when, over a list of firewall rules read as openToInternetForPort
//     reads them, TCP traffic to some port outside `tcpPorts`, or UDP traffic
//     to some port outside `udpPorts`, is let in from a whole address space
//     (0.0.0.0/0, ::/0, '*', 'Any' or 'Internet') by an allow rule that still
//     decides it. The port lists are comma-separated ports and ranges
//     ('80,443', '1020-1025'; an empty string for none), as the AWS Config
//     rule vpc-sg-open-only-to-authorized-ports writes them; a literal list is
//     checked when the rule compiles, and a port outside 0-65535 or a
//     malformed entry is an error. A rule for every protocol (-1, 'ALL')
//     reaches every TCP and UDP port, so it is open outside any list short of
//     0-65535; ICMP and other protocols are never open. A missing or null
//     operand is not open. The work is bounded: a list that splits the ports
//     into more stretches than can be judged in about a second (thousands of
//     rules, with denies hiding internet allows) makes the result an error;
//     real security groups and network ACLs stay far below that.
//     Example: SecurityGroup should not have inboundRules
//     openToInternetExceptPorts('443,1020-1025', '500,1020-1025')
//
//   - before(n number, unit string) bool; operand: any.
//     True when the operand, a date, is earlier than now + n·unit (n may be
//     negative: `before(-90, 'days')` means more than 90 days ago). Dates are
//     RFC 3339 / ISO 8601 strings ('2024-02-29', '2024-02-29T13:45:00Z', with
//     a fraction, a 'T', 't' or space separator, and 'Z' or an offset
//     '+02:00', '+0200' or '+02'; without an offset the time is UTC), or epoch
//     seconds, or epoch milliseconds when the magnitude is above 10^11, as
//     numbers or numeric strings (Dome9's -62135596800 for "never" is the year
//     1). Units are seconds, minutes, hours, days, weeks, months and years,
//     singular or plural, any case; n must be an integer literal and unit a
//     string literal, checked when the rule compiles. Days are 24 hours and
//     weeks 7 days; months and years are calendar steps in the location of the
//     evaluation clock, and a day the target month lacks becomes its last day
//     (Jan 31 + 1 month is Feb 28 or 29, Feb 29 + 1 year is Feb 28). Now is
//     fixed once per evaluation run and can be set by the caller. Missing,
//     null and the empty string give false; any other value that is not a date
//     makes the result an error.
//     Example: IamUser should not have passwordLastUsed before(-90, 'days')
//
//   - after(n number, unit string) bool; operand: any.
//     True when the operand, a date, is later than now + n·unit. Dates, units
//     and errors are as for before().
//     Example: CloudTrail should have status.latestDeliveryTime after(-1,
//     'days')
//
//   - grantsPublicAccess() bool; operand: any.
//     True when the operand, an IAM policy statement, allows anyone to call:
//     its Effect is Allow (any case) and either its Principal names everyone
//     ("*", or an object such as {"AWS": "*"} or {"AWS": ["arn..", "*"]} one
//     of whose AWS, CanonicalUser, Federated or Service values holds a '*') or
//     it has a NotPrincipal (everyone but the listed); and its Condition does
//     not restrict the caller. A Condition restricts when some key naming the
//     caller, its account, organization, network or source (aws:PrincipalArn,
//     aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
//     aws:PrincipalServiceName, aws:SourceArn, aws:SourceAccount,
//     aws:SourceOwner, aws:SourceOrgID, aws:SourceOrgPaths, aws:SourceVpc,
//     aws:SourceVpce, aws:SourceIp, aws:userid, aws:username,
//     kms:CallerAccount, s3:DataAccessPointAccount, s3:DataAccessPointArn,
//     lambda:EventSourceToken, sns:Endpoint; any case) is tested with
//     StringEquals, StringEqualsIgnoreCase, StringLike, ArnEquals, ArnLike or
//     IpAddress (optionally prefixed ForAnyValue:) against values none of
//     which is a bare wildcard ('*'), for IpAddress a /0 network, or for an
//     ARN key (aws:PrincipalArn, aws:SourceArn ...) an ARN whose account is a
//     wildcard (arn:aws:iam::*:role/admin names that role in every account).
//     Other conditions do not restrict who may call: negated operators,
//     ...IfExists operators (a caller without the key passes), Null, Bool and
//     BoolIfExists (aws:SecureTransport), dates, and keys about the request
//     rather than the caller. Field names are matched ignoring case. An array
//     is public when any element is, and a policy document (an object with a
//     Statement member) when any of its statements is. Any other value is not
//     public.
//     Example: S3Bucket should not have policy.Statement contain [ $
//     grantsPublicAccess() ]
//
//   - coversAction(action string) bool; operand: any.
//     True when the operand covers the IAM action `action`. The operand is an
//     action pattern ('s3:Get*', '*'), an array of them (any one covering is
//     enough) or a policy statement, which covers the action when its Action
//     does, or when it has a NotAction none of whose patterns matches any
//     action `action` names (Effect and Resource are not read). Patterns use
//     the IAM wildcards '*' (any run of characters) and '?' (one character)
//     and are compared ignoring case, as IAM compares actions. The action may
//     itself end in or hold '*': 's3:*' asks whether every S3 action is
//     covered and '*' whether every action is ('*' and '*:*' cover it, 's3:*'
//     does not); a '*' of the action is only covered by a '*' of a pattern.
//     Any other operand covers nothing.
//     Example: IamPolicy should not have document.Statement contain [ Effect =
//     'Allow' and $ coversAction('*') and Resource = '*' ]
//
//   - coversWholeService() bool; operand: any.
//     True when the operand covers every action of at least one AWS service.
//     The operand is an action pattern, an array of them (any one is enough)
//     or a policy statement, read as coversAction reads it (Effect and
//     Resource are not read). A pattern covers a whole service when it matches
//     every action of some service prefix: 's3:*', 'IAM:*' (actions are
//     compared ignoring case), '*', '*:*', 'ec2*' or 'ec?:*'; 's3:Get*' and
//     's3:*Object' do not. A statement with a NotAction covers a whole service
//     unless its NotAction patterns leave no service whole, that is, one of
//     them matches some action of every service ('*', '*:*', '*:Delete*'): an
//     Allow with NotAction 'iam:*' grants every action of every other service.
//     Any other operand covers nothing.
//     Example: IamPolicy should not have document.Statement contain [ Effect
//     like 'Allow' and $ coversWholeService() ]
//
//   - deniesInsecureTransport(action string, resource string) bool; operand:
//     any.
//     True when the operand, a policy document (an object with a Statement
//     member), an array of statements or one statement, has a statement that
//     refuses every request sent without TLS: its Effect is Deny (any case);
//     its Principal is everyone ('*', {"AWS": "*"} or an AWS list holding '*';
//     a NotPrincipal exempts someone, so it does not count); it covers
//     `action` as coversAction reads it ('s3:*' is covered by 's3:*', 'S3:*',
//     '*' or a NotAction that matches no S3 action); its Resource covers both
//     `resource` and `resource` + '/*' (for a bucket ARN, the bucket and every
//     object in it: '*', 'arn:aws:s3:::b*' or the two ARNs; resource patterns
//     use the wildcards '*' and '?' and are case-sensitive, as IAM compares
//     ARNs), or its NotResource matches neither; and its Condition is exactly
//     one Bool or BoolIfExists block (any case) holding only the key
//     aws:SecureTransport with the value false (the JSON boolean or the string
//     'false', any case, alone or in a list). Any further condition key or
//     block narrows the Deny and makes it not count. `action` must be a string
//     literal. An empty string as `resource` asks for no resource: the
//     statement's Resource is then not read (CIS AWS 2.1.1's audit does not
//     read it). When `resource` is not a string (a document without the path
//     passed), only a Deny on every resource ('*') counts; a policy with some
//     other such Deny is then an error, since its Resource cannot be judged,
//     and one with none is false. Any other operand gives false.
//     Example: S3Bucket should have policy deniesInsecureTransport('s3:*',
//     arn)
//
//   - filterPatternSelects(events string, others string) bool; operand: any.
//     True when the operand, a CloudWatch Logs filter pattern, matches every
//     log event of `events` and none of `others`; both are string literals
//     holding a JSON array of event objects (checked when the rule compiles).
//     So the rule states which events a filter must select instead of one
//     spelling of the pattern: quoted and unquoted values, spacing,
//     parentheses and equivalent forms all give the same answer. JSON patterns
//     are evaluated: { SELECTOR OP VALUE } terms joined by && and || (&& binds
//     tighter) with parentheses; selectors $.a.b, $.a[0], $.a[*]; operators =,
//     != (strings, with '*' matching any run of characters, case-sensitive;
//     numbers by value), <, <=, >, >= (numbers), IS TRUE, IS FALSE, IS NULL,
//     NOT EXISTS; values quoted, unquoted (up to the next ')', '}', '&&' or
//     '||') or a regular expression %...%. A comparison on a field the event
//     lacks is false (for != too). Term patterns (words and "quoted phrases"
//     that must all occur in the event text, ?alternatives, -exclusions) are
//     matched against the event's JSON text, and the empty pattern matches
//     every event. A space-delimited [...] pattern matches no event. A missing
//     or non-string operand gives false; a JSON pattern that does not parse
//     makes the result an error naming the byte.
//     Example: CloudTrail should have metricFilters contain [ filterPattern
//     filterPatternSelects('[{"eventName": "StopLogging"}]', '[{"eventName":
//     "GetTrail"}]') ]
//
//   - isFilterPatternEqual(pattern string) bool; operand: string.
//     True when the operand and the argument, two CloudWatch Logs filter
//     patterns, are equal once all white space (spaces, tabs, newlines, and
//     other Unicode white space, also inside quotes) is removed from both. The
//     comparison is otherwise exact and case-sensitive. A missing or
//     non-string operand gives false.
//     Example: CloudTrail should have metricFilters contain [ filterPattern
//     isFilterPatternEqual('{ ($.eventName = ConsoleLogin) && ($.errorMessage
//     = "Failed authentication") }') ]
//
// # Custom functions
//
// An embedder adds functions to a [Registry] made by [NewRegistry] and
// hands it to the compiler:
//
//	reg := builtin.NewRegistry()
//	err := reg.Register(builtin.Func{
//		Name:   "startsWith",
//		Recv:   builtin.TString,
//		Params: []builtin.Param{{Name: "prefix", Type: builtin.TString}},
//		Result: builtin.TBool,
//		Impl: func(_ *builtin.Env, recv builtin.Value, args []builtin.Value) (builtin.Value, error) {
//			return builtin.BoolValue(strings.HasPrefix(recv.Str(), args[0].Str())), nil
//		},
//	})
//
// The compiler calls [Func.CheckCall] at each call site (argument count,
// the kinds of literal arguments, then the function's own Check), and the
// VM calls Impl with the operand and the argument values. The Default
// registry holds the builtins only and cannot be changed.
//
// # Generated documentation
//
// The function list above, builtin/FUNCTIONS.md and the functions section
// of SPEC.md are generated from the tables by
//
//	go run ./builtin/internal/gendoc
//
// and a test fails when any of them is out of date.
package builtin
