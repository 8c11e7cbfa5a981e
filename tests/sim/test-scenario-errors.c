/* tests/sim/test-scenario-errors.c — every mistake gets one message, at the
 * right place: a table of bad inputs, each asserting the exact line, column
 * and text of its single error; then the rendering (gcc style with caret),
 * the error cap, command-line overrides and includes that go wrong. */
#include <string.h>
#include <glib/gstdio.h>
#include "tests/lm-test.h"
#include "sim/scenario.h"

/* Seven lines every case starts from (unless it says otherwise); the
 * case's own text starts on line 8. */
#define BASE "duration 2h\n"                    \
             "interconnect ic1 {\n"             \
             "    partner lumen\n"              \
             "    metro new-york\n"             \
             "    bandwidth 10Gbps\n"           \
             "    gateway g1 attach transit-gateway\n" \
             "}\n"

typedef struct {
  const char *what;
  const char *text;
  gsize len;
  guint line;
  guint col;
  const char *message;
} BadCase;

#define CASE(what, text, line, col, msg) { what, text, sizeof (text) - 1, line, col, msg }

static const BadCase bad_cases[] = {
  CASE ("a stray character",
        BASE "seed 42 $\n",
        8, 9, "unexpected character '$'"),
  CASE ("an unterminated string",
        BASE "scenario \"abc\n",
        8, 10, "unterminated string; expected '\"' before the end of the line"),
  CASE ("an unknown escape in a string",
        BASE "scenario \"a\\qb\"\n",
        8, 12, "unknown escape '\\q' in a string; only \\\" and \\\\ are allowed"),
  CASE ("a NUL byte",
        BASE "seed 4\000" "2\n",
        8, 7, "NUL byte in the file; this is not a text file"),
  CASE ("invalid UTF-8",
        BASE "seed 42 \377\n",
        8, 9, "invalid UTF-8 (byte 0xFF); a scenario is UTF-8 text"),
  CASE ("a line longer than 4096 bytes",
        BASE "# %LONG%\n",
        8, 4097, "line is longer than 4096 bytes; it is skipped"),
  CASE ("a name longer than 128 characters",
        BASE "traffic %NAME% { rate 1Gbps }\n",
        8, 9, "name is longer than 128 characters"),
  CASE ("a control character",
        BASE "seed\001 42\n",
        8, 5, "unexpected control character U+0001"),
  CASE ("a number longer than 64 characters",
        BASE "seed %NUM%\n",
        8, 6, "number is longer than 64 characters"),
  CASE ("a misspelt statement",
        BASE "intreconnect x { }\n",
        8, 1, "unknown statement 'intreconnect'; did you mean 'interconnect'?"),
  CASE ("an unknown statement",
        BASE "frobnicate 3\n",
        8, 1, "unknown statement 'frobnicate' (expected scenario, seed, duration, replications, sweep, include, interconnect, bgp, macsec, traffic, failures, group, partners, metros, provisioning, environments, gateway, rare, at, after or expect)"),
  CASE ("a sweep without quotes",
        BASE "sweep sites=1,2\n",
        8, 7, "expected the setting and its values in quotes (sweep \"pairs-per-site=1,2\"), got 'sites'"),
  CASE ("a sweep with an empty value",
        BASE "sweep \"sites=1,,2\"\n",
        8, 7, "bad sweep: an empty value"),
  CASE ("a sweep without a path",
        BASE "sweep \"1,2\"\n",
        8, 7, "bad sweep: expected PATH=V1,V2,… (e.g. --sweep bgp.hold=9s,30s,90s)"),
  CASE ("an action without a time",
        BASE "fail site ic1.A\n",
        8, 1, "an action needs a time: write 'at TIME fail …' or 'after TIME fail …'"),
  CASE ("a negative seed",
        BASE "seed -1\n",
        8, 6, "seed must be between 0 and 18446744073709551615, got -1"),
  CASE ("a seed beyond 64 bits",
        BASE "seed 18446744073709551616\n",
        8, 6, "seed must be between 0 and 18446744073709551615, got 18446744073709551616"),
  CASE ("a seed that is a word",
        BASE "seed abc\n",
        8, 6, "expected seed (a whole number), got 'abc'"),
  CASE ("a seed with decimals",
        BASE "seed 4.5\n",
        8, 6, "seed: '4.5' is not a whole number"),
  CASE ("a zero duration",
        BASE "duration 0s\n",
        8, 10, "duration must be above 0s"),
  CASE ("a duration without a unit",
        BASE "duration 2\n",
        8, 10, "duration: '2' needs a unit, e.g. 2s (units: ns, us, ms, s, m, h, d or y)"),
  CASE ("a duration with an unknown unit",
        BASE "duration 2hours\n",
        8, 10, "duration: unknown unit 'hours' in '2hours' (did you mean 'h'? expected ns, us, ms, s, m, h, d or y)"),
  CASE ("a negative duration",
        BASE "duration -5m\n",
        8, 10, "duration: negative duration '-5m' (durations are 0 or more, e.g. 90s or 1h30m)"),
  CASE ("zero replications",
        BASE "replications 0\n",
        8, 14, "replications must be between 1 and 1000000000, got 0"),
  CASE ("a scenario name without quotes",
        BASE "scenario site\n",
        8, 10, "expected the scenario's name in quotes (scenario \"site-failure\"), got 'site'"),
  CASE ("garbage after a statement",
        BASE "seed 42 43\n",
        8, 9, "unexpected '43'; expected the end of the line"),
  CASE ("an include without quotes",
        BASE "include common.sc\n",
        8, 9, "expected a file name in quotes (include \"common/defaults.sc\"), got 'common.sc'"),
  CASE ("an include of a missing file",
        BASE "include \"no-such-file.sc\"\n",
        8, 9, "cannot read 'no-such-file.sc': no such file"),
  CASE ("a closing brace without a block",
        BASE "}\n",
        8, 1, "'}' without a block to close"),
  CASE ("a number where a statement belongs",
        BASE "42\n",
        8, 1, "expected a statement (e.g. interconnect, at, expect), got '42'"),
  CASE ("no duration",
        "interconnect ic1 {\n    partner lumen\n    metro new-york\n    bandwidth 10Gbps\n    gateway g1\n}\n",
        0, 0, "the scenario has no duration; add one, e.g. 'duration 2h'"),
  CASE ("a duplicated interconnect",
        BASE "interconnect ic1 {\n    partner lumen\n    metro chicago\n    bandwidth 1Gbps\n    gateway g1\n}\n",
        8, 14, "interconnect 'ic1' is already declared at test.sc:2:14"),
  CASE ("an interconnect named by a keyword",
        BASE "interconnect site {\n    partner lumen\n}\n",
        8, 14, "'site' is a keyword and cannot name an interconnect"),
  CASE ("an interconnect name with a dot",
        BASE "interconnect ic.2 {\n}\n",
        8, 14, "interconnect name 'ic.2' may not contain '.' (dots separate the parts of a component's name)"),
  CASE ("an interconnect without a partner",
        BASE "interconnect ic2 {\n    metro chicago\n    bandwidth 1Gbps\n    gateway g1\n}\n",
        8, 14, "interconnect 'ic2' has no partner; add 'partner lumen'"),
  CASE ("a misspelt partner",
        BASE "interconnect ic2 {\n    partner lumne\n    metro chicago\n    bandwidth 1Gbps\n    gateway g1\n}\n",
        9, 13, "unknown partner 'lumne'; did you mean 'lumen'?"),
  CASE ("a misspelt metro",
        BASE "interconnect ic2 {\n    partner lumen\n    metro new-yrok\n    bandwidth 1Gbps\n    gateway g1\n}\n",
        10, 11, "unknown metro 'new-yrok'; did you mean 'new-york'?"),
  CASE ("a metro the partner does not serve",
        BASE "metros { london region eu-west-2 distance 50km }\npartners { acme metros london }\ninterconnect ic2 {\n    partner lumen\n    metro london\n    bandwidth 1Gbps\n    gateway g1\n}\n",
        12, 11, "metro 'london' is not served by partner 'lumen' (it serves new-york, chicago, seattle, ashburn, atlanta, dallas, los-angeles)"),
  CASE ("a bandwidth that is not a tier",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 3Gbps\n    gateway g1\n}\n",
        11, 15, "bandwidth 3Gbps is not a tier; expected 1, 2, 5, 10, 25, 50 or 100 Gbps"),
  CASE ("a misspelt rate unit",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 10Gbs\n    gateway g1\n}\n",
        11, 15, "bandwidth: unknown unit 'Gbs' in rate '10Gbs'; did you mean 'Gbps'? (units: bps, Kbps, Mbps or Gbps)"),
  CASE ("a rate without a unit",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 10\n    gateway g1\n}\n",
        11, 15, "bandwidth: rate '10' needs a unit (bps, Kbps, Mbps or Gbps)"),
  CASE ("a negative rate",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth -10Gbps\n    gateway g1\n}\n",
        11, 15, "bandwidth: negative rate '-10Gbps'; a rate is 0 or more"),
  CASE ("an interconnect without a bandwidth",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    gateway g1\n}\n",
        8, 14, "interconnect 'ic2' has no bandwidth; add 'bandwidth 10Gbps'"),
  CASE ("an interconnect without a gateway",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 1Gbps\n}\n",
        8, 14, "interconnect 'ic2' has no gateway; add 'gateway NAME attach transit-gateway'"),
  CASE ("a misspelt attach point",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 1Gbps\n    gateway g2 attach transit-gatway\n}\n",
        12, 23, "unknown attach point 'transit-gatway'; did you mean 'transit-gateway'?"),
  CASE ("a gateway declared twice",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 1Gbps\n    gateway g1 attach cloud-wan\n}\n",
        12, 16, "gateway 'g1' is already declared at test.sc:6:13; name it here without 'attach'"),
  CASE ("an ASN on a Cloud WAN attachment",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 1Gbps\n    gateway g2 attach cloud-wan asn 64513\n}\n",
        12, 33, "'asn' applies to 'attach transit-gateway' only"),
  CASE ("a transit gateway ASN equal to the gateway's",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 1Gbps\n    gateway g2 attach transit-gateway asn 64512\n}\n",
        12, 43, "transit gateway ASN 64512 of gateway 'g2' equals the gateway's ASN 64512; the association would fail (set 'attach transit-gateway asn N' or 'bgp { asn N }')"),
  CASE ("an unknown address family",
        BASE "interconnect ic2 {\n    families ipv5\n}\n",
        9, 14, "expected an address family (ipv4, ipv6 or both), got 'ipv5'"),
  CASE ("an address family twice",
        BASE "interconnect ic2 {\n    families ipv4 ipv4\n}\n",
        9, 19, "address family 'ipv4' is given twice"),
  CASE ("zero sites",
        BASE "interconnect ic2 {\n    sites 0\n}\n",
        9, 11, "sites must be between 1 and 26, got 0"),
  CASE ("27 sites",
        BASE "interconnect ic2 {\n    sites 27\n}\n",
        9, 11, "sites must be between 1 and 26, got 27"),
  CASE ("17 router pairs per site",
        BASE "interconnect ic2 {\n    pairs-per-site 17\n}\n",
        9, 20, "pairs-per-site must be between 1 and 16, got 17"),
  CASE ("an unknown first mile",
        BASE "interconnect ic2 {\n    first-mile fiber\n}\n",
        9, 16, "unknown first mile 'fiber' (expected ethernet or mpls)"),
  CASE ("an MTU above 9001",
        BASE "interconnect ic2 {\n    mtu 9500\n}\n",
        9, 9, "MTU must be between 1280 and 9001, got 9500"),
  CASE ("a tag without a value",
        BASE "interconnect ic2 {\n    tags env\n}\n",
        9, 10, "expected a tag KEY=VALUE, got 'env'"),
  CASE ("a misspelt interconnect setting",
        BASE "interconnect ic2 {\n    bandwdth 10Gbps\n}\n",
        9, 5, "unknown interconnect setting 'bandwdth'; did you mean 'bandwidth'?"),
  CASE ("a block left open at the end of the file",
        BASE "interconnect ic2 {\n    partner lumen\n",
        10, 1, "expected '}' to close the interconnect ic2 block opened at line 8, got end of file"),
  CASE ("a block left open before an action",
        BASE "interconnect ic2 {\n    partner lumen\nat 30m fail site ic1.A\n",
        10, 1, "expected '}' to close the interconnect ic2 block opened at line 8, got 'at'"),
  CASE ("ports that cannot carry the bandwidth even when all are up",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 10Gbps\n    port-speed 1Gbps\n    gateway g1\n}\n",
        12, 16, "port speed 1Gbps on 4 connections (4Gbps in all) cannot carry the bandwidth 10Gbps"),
  CASE ("a hold time of 2s",
        BASE "bgp { hold 2s }\n",
        8, 12, "hold time 2s is below 3s (RFC 4271 §4.2: 0 or at least 3s)"),
  CASE ("a hold time that is not whole seconds",
        BASE "bgp { hold 3.5s }\n",
        8, 12, "hold time must be whole seconds, at most 65535s (RFC 4271 §4.2)"),
  CASE ("a keepalive above the hold time",
        BASE "bgp { keepalive 60s hold 30s }\n",
        8, 17, "keepalive 1m is above the hold time 30s (RFC 4271 §4.4 suggests a third of the hold time)"),
  CASE ("a BFD multiplier of 0",
        BASE "bgp { bfd 300ms x 0 }\n",
        8, 19, "BFD multiplier must be between 1 and 255, got 0"),
  CASE ("a BFD multiplier without x",
        BASE "bgp { bfd 300ms 3 }\n",
        8, 17, "expected 'x' and the detection multiplier (bfd 300ms x 3), got '3'"),
  CASE ("a BFD interval of 0",
        BASE "bgp { bfd 0ms x 3 }\n",
        8, 11, "BFD interval must be a whole number of microseconds above 0 (RFC 5880 §4.1)"),
  CASE ("a graceful restart that is neither a time nor on/off",
        BASE "bgp { graceful-restart maybe }\n",
        8, 24, "expected a restart time such as 120s, 'on' or 'off', got 'maybe'"),
  CASE ("a graceful restart time beyond 4095s",
        BASE "bgp { graceful-restart 5000s }\n",
        8, 24, "graceful restart time must be whole seconds from 1s to 4095s (RFC 4724 §3); use 'off' to disable it"),
  CASE ("a public ASN",
        BASE "bgp { asn 100 }\n",
        8, 11, "ASN 100 is not private; the cloud side's ASN is 64512-65534 or 4200000000-4294967294"),
  CASE ("ASN 0",
        BASE "bgp { asn 0 }\n",
        8, 11, "ASN must be between 1 and 4294967294, got 0"),
  CASE ("a misspelt bgp setting",
        BASE "bgp { hld 90s }\n",
        8, 7, "unknown bgp setting 'hld'; did you mean 'hold'?"),
  CASE ("a bgp block without braces",
        BASE "bgp hold 90s\n",
        8, 5, "expected '{' to open the bgp block, got 'hold'"),
  CASE ("a hold time without a unit",
        BASE "bgp { hold 90 }\n",
        8, 12, "hold time: '90' needs a unit, e.g. 90s (units: ns, us, ms, s, m, h, d or y)"),
  CASE ("a MACsec mode with an underscore",
        BASE "macsec { mode must_encrypt }\n",
        8, 15, "unknown MACsec mode 'must_encrypt'; did you mean 'must-encrypt'?"),
  CASE ("an unknown cipher",
        BASE "macsec { cipher aes }\n",
        8, 17, "unknown MACsec cipher 'aes' (expected gcm-aes-xpn-256 or gcm-aes-256)"),
  CASE ("an MKA life shorter than the hello",
        BASE "macsec { mka-life 1s }\n",
        8, 19, "MKA life time 1s must be longer than the hello time 2s (IEEE 802.1X defaults: hello 2s, life 6s)"),
  CASE ("GCM-AES-256 on a 25 Gbps interconnect",
        BASE "macsec { cipher gcm-aes-256 }\ninterconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 25Gbps\n    gateway g1\n}\n",
        8, 17, "cipher gcm-aes-256 is offered on ports up to 10Gbps, and ic2 runs at 25Gbps (use gcm-aes-xpn-256)"),
  CASE ("a rekey that is neither a time nor pn-rollover",
        BASE "macsec { rekey sometimes }\n",
        8, 16, "expected a rekey interval such as 1h, or 'pn-rollover', got 'sometimes'"),
  CASE ("an MKA hello of 0s",
        BASE "macsec { mka-hello 0s }\n",
        8, 20, "MKA hello time must be above 0s"),
  CASE ("traffic for an unknown interconnect",
        BASE "traffic ic2 { rate 1Gbps }\n",
        8, 9, "traffic for unknown interconnect 'ic2'; did you mean 'ic1'?"),
  CASE ("traffic without a rate",
        BASE "traffic ic1 { flows 10 }\n",
        8, 9, "traffic ic1 has no rate; add 'rate R' (e.g. rate 6Gbps)"),
  CASE ("a packet above the MTU",
        BASE "traffic ic1 { rate 1Gbps packet 9000B }\n",
        8, 33, "packet size 9000B is above the MTU 8500 of ic1"),
  CASE ("a 10-byte packet",
        BASE "traffic ic1 { rate 1Gbps packet 10B }\n",
        8, 33, "packet size 10B is outside 64B-9216B"),
  CASE ("an unknown traffic direction",
        BASE "traffic ic1 { rate 1Gbps direction up }\n",
        8, 36, "unknown direction 'up' (expected both, to-cloud or from-cloud)"),
  CASE ("a rate finer than 1 bps",
        BASE "traffic ic1 { rate 1.5bps }\n",
        8, 20, "traffic rate: rate '1.5bps' is finer than 1 bps"),
  CASE ("a rate of 0",
        BASE "traffic ic1 { rate 0bps }\n",
        8, 20, "traffic rate must be above 0bps"),
  CASE ("a failure class without mttr",
        BASE "failures { router mtbf 5y }\n",
        8, 12, "failure class 'router' has no time to repair; add 'mttr T' or 'mttr DIST'"),
  CASE ("mtbf without a class",
        BASE "failures { mtbf 5y }\n",
        8, 12, "'mtbf' needs a class before it (e.g. 'router mtbf 5y mttr 4h')"),
  CASE ("a misspelt distribution",
        BASE "failures { router mtbf 5y mttr lognrmal(4h, 2h) }\n",
        8, 32, "unknown distribution 'lognrmal'; did you mean 'lognormal'?"),
  CASE ("a uniform law upside down",
        BASE "failures { router mtbf 5y mttr uniform(4h, 2h) }\n",
        8, 32, "uniform(): its upper bound is below its lower bound"),
  CASE ("a Weibull shape of 0",
        BASE "failures { router mtbf 5y mttr weibull(0, 4h) }\n",
        8, 40, "Weibull shape: it must be above 0"),
  CASE ("a distribution without its comma",
        BASE "failures { router mtbf 5y mttr lognormal(4h 2h) }\n",
        8, 45, "expected ',', got '2h'"),
  CASE ("a failure mode that does not fit the class",
        BASE "failures { link mtbf 1y mttr 4h mode crash }\n",
        8, 38, "mode 'crash' does not apply to a link"),
  CASE ("a misspelt failure class",
        BASE "failures { routr mtbf 5y }\n",
        8, 12, "unknown failures setting 'routr'; did you mean 'router'?"),
  CASE ("a group member that does not exist",
        BASE "group g { members ic1.C mtbf 1y mttr 1h }\n",
        8, 19, "ic1 has no site 'C' (its sites are A to B)"),
  CASE ("a group without members",
        BASE "group g { mtbf 1y mttr 1h }\n",
        8, 7, "group 'g' has no members; add 'members ic1.A ic1.B'"),
  CASE ("an mtbf of 0",
        BASE "failures { router mtbf 0s mttr 1h }\n",
        8, 24, "mean time between failures must be above 0s"),
  CASE ("a metro without a region",
        BASE "metros { denver distance 100km }\n",
        8, 10, "metro 'denver' has no region; add 'region NAME' (e.g. region us-east-1)"),
  CASE ("a partner serving a misspelt metro",
        BASE "metros { denver region us-west-2 distance 1400km }\npartners { lumen metros denvr }\n",
        9, 25, "unknown metro 'denvr'; did you mean 'denver'? (declare it in a metros block)"),
  CASE ("a distance longer than the Earth allows",
        BASE "metros { denver region us-west-2 distance 50000km }\n",
        8, 43, "distance: distance 50000km is longer than any path on Earth (at most 40000km)"),
  CASE ("a partner entry without 'metros'",
        BASE "partners { acme london }\n",
        8, 17, "expected 'metros' and the metros the partner serves, got 'london'"),
  CASE ("a site that does not exist",
        BASE "at 30m fail site ic1.C\n",
        8, 18, "ic1 has no site 'C' (its sites are A to B)"),
  CASE ("a class that does not agree with the name",
        BASE "at 30m fail site ic1.A.rp1\n",
        8, 18, "'ic1.A.rp1' is a router-pair, not a site"),
  CASE ("a misspelt interconnect in a target",
        BASE "at 30m fail ic2.A\n",
        8, 13, "unknown interconnect 'ic2'; did you mean 'ic1'?"),
  CASE ("a router pair that does not exist",
        BASE "at 30m fail ic1.A.rp3\n",
        8, 13, "ic1.A has no router pair 'rp3' (it has rp1 to rp2)"),
  CASE ("a misspelt part of a router pair",
        BASE "at 30m fail ic1.A.rp1.lnk\n",
        8, 13, "unknown part 'lnk' of ic1.A.rp1; did you mean 'link'? (expected cloud, partner, link or bgp)"),
  CASE ("an IPv6 session on an IPv4-only interconnect",
        BASE "at 30m fail ic1.A.rp1.bgp.ipv6\n",
        8, 13, "ic1.A.rp1.bgp has no session 'ipv6' (its families: ipv4)"),
  CASE ("a wildcard that matches nothing",
        BASE "at 30m fail ic1.*.rp3\n",
        8, 13, "'ic1.*.rp3' matches nothing"),
  CASE ("a mode that does not fit the target",
        BASE "at 30m fail site ic1.A silent\n",
        8, 24, "mode 'silent' does not apply to a site ('ic1.A'); its modes are crash and graceful"),
  CASE ("a misspelt mode",
        BASE "at 30m fail site ic1.A crsh\n",
        8, 24, "unknown failure mode 'crsh'; did you mean 'crash'?"),
  CASE ("failing a whole interconnect",
        BASE "at 30m fail ic1\n",
        8, 13, "fail takes a site, router-pair, router, link, bgp, partner-fabric, first-mile or gateway; 'ic1' is an interconnect"),
  CASE ("one 'as' name for several targets",
        BASE "at 30m fail ic1.*.rp1 as big\n",
        8, 26, "'as big' names one failure, but 'ic1.*.rp1' expands to 2 targets"),
  CASE ("an 'as' name like an automatic id",
        BASE "at 30m fail site ic1.A as f3\n",
        8, 27, "'f3' looks like an automatic failure id (f1, f2, …); choose another name"),
  CASE ("an 'as' name used twice",
        BASE "at 30m fail site ic1.A as x\nat 40m fail site ic1.B as x\n",
        9, 27, "failure name 'x' is already used at test.sc:8"),
  CASE ("a repair with nothing open",
        BASE "at 30m repair site ic1.A\n",
        8, 20, "nothing to repair: no failure of 'ic1.A' is open at 30m"),
  CASE ("a repair before the failure",
        BASE "at 30m fail site ic1.A\nat 20m repair site ic1.A\n",
        9, 20, "nothing to repair: no failure of 'ic1.A' is open at 20m"),
  CASE ("'after' with no previous action",
        BASE "after 10m fail site ic1.A\n",
        8, 1, "'after' counts from the previous action, and there is none; use 'at'"),
  CASE ("an action after the end of the run",
        BASE "at 3h fail site ic1.A\n",
        8, 1, "this action at 3h comes after the end of the run (duration 2h)"),
  CASE ("a flap period of 0s",
        BASE "at 30m flap ic1.A.rp1.link every 0s for 1m\n",
        8, 1, "flap period must be above 0s"),
  CASE ("a flap that makes too many failures",
        BASE "at 30m flap ic1.A.rp1.link every 1ns for 1y\n",
        8, 1, "this flap makes 15768000000000001 failures; at most 100000 are allowed"),
  CASE ("a flap without 'every'",
        BASE "at 30m flap ic1.A.rp1.link for 1m\n",
        8, 28, "expected 'every T for D' (flap ic1.A.rp1.link every 10s for 5m), got 'for'"),
  CASE ("degrading a site",
        BASE "at 30m degrade site ic1.A loss 1%\n",
        8, 21, "degrade takes a link, partner-fabric, first-mile or gateway, not a site"),
  CASE ("a loss above 100%",
        BASE "at 30m degrade ic1.A.rp1.link loss 150%\n",
        8, 36, "loss: percentage 150% is above 100%"),
  CASE ("a loss without %",
        BASE "at 30m degrade ic1.A.rp1.link loss 1\n",
        8, 36, "loss: percentage '1' needs '%'"),
  CASE ("maintaining a link",
        BASE "at 30m maintain ic1.A.rp1.link for 1h\n",
        8, 17, "maintain takes a site or router-pair; 'ic1.A.rp1.link' is a link"),
  CASE ("maintenance without a length",
        BASE "at 30m maintain site ic1.A\n",
        8, 27, "expected 'for T' (maintain site ic1.A for 2h), got end of line"),
  CASE ("an unknown MACsec operation",
        BASE "at 30m macsec ic1.A.rp1.link rotate\n",
        8, 30, "unknown MACsec operation 'rotate' (expected rekey, cak-rotate or cak-mismatch)"),
  CASE ("an update to a bandwidth that is not a tier",
        BASE "at 30m update ic1 bandwidth 3Gbps\n",
        8, 29, "bandwidth 3Gbps is not a tier; expected 1, 2, 5, 10, 25, 50 or 100 Gbps"),
  CASE ("provisioning via an unknown path",
        BASE "at 30m provision ic1 via fax\n",
        8, 26, "unknown ordering path 'fax' (expected console or partner)"),
  CASE ("provisioning an unknown interconnect",
        BASE "at 30m provision ic2\n",
        8, 18, "unknown interconnect 'ic2'; did you mean 'ic1'?"),
  CASE ("an empty activation key",
        BASE "at 30m accept ic1 key \"\"\n",
        8, 23, "an activation key has 1 to 2048 characters"),
  CASE ("an unknown verb",
        BASE "at 30m explode ic1\n",
        8, 8, "unknown action 'explode' (expected provision, accept, activate, update, delete, fail, repair, flap, degrade, maintain or macsec)"),
  CASE ("garbage after a fail",
        BASE "at 30m fail site ic1.A crash extra\n",
        8, 30, "unexpected 'extra' at the end of 'fail' (expected a mode or 'as NAME')"),
  CASE ("an empty part in a name",
        BASE "at 30m fail ic1..A\n",
        8, 13, "name 'ic1..A' has an empty part (two dots, or a dot at an end)"),
  CASE ("a wildcard that is not a whole part",
        BASE "at 30m fail ic1.A*\n",
        8, 13, "name 'ic1.A*' has '*' that is not a whole part (write ic1.*.rp1)"),
  CASE ("an action time without a unit",
        BASE "at 30 fail site ic1.A\n",
        8, 4, "time after 'at': '30' needs a unit, e.g. 30s (units: ns, us, ms, s, m, h, d or y)"),
  CASE ("a wildcard matching a class the verb does not take",
        BASE "at 30m degrade ic1.* loss 1%\n",
        8, 16, "'ic1.*' matches ic1.A, a site; degrade takes a link, partner-fabric, first-mile or gateway (put a class before the name to choose)"),
  CASE ("the partner fabric named as a site",
        BASE "at 30m fail site ic1.fabric\n",
        8, 18, "'ic1.fabric' is a partner-fabric, not a site"),
  CASE ("a part below the partner fabric",
        BASE "at 30m fail ic1.fabric.x\n",
        8, 13, "'ic1.fabric' has no parts below it"),
  CASE ("availability compared with >",
        BASE "expect ic1 availability > 99%\n",
        8, 25, "expected '>=' after 'availability' (a floor), got '>'"),
  CASE ("convergence compared with >=",
        BASE "expect ic1 convergence >= 1s\n",
        8, 24, "expected '<=' after 'convergence' (a budget is an upper bound), got '>='"),
  CASE ("an expectation on an unknown interconnect",
        BASE "expect ic2 availability >= 99%\n",
        8, 8, "unknown interconnect 'ic2'; did you mean 'ic1'?"),
  CASE ("convergence of an unknown failure",
        BASE "expect ic1 convergence of f9 <= 1s\n",
        8, 27, "unknown failure 'f9' (the scenario has 0 failures)"),
  CASE ("a latency percentile that is not reported",
        BASE "expect ic1 latency p90 <= 5ms\n",
        8, 20, "expected a percentile (p50, p95 or p99), got 'p90'"),
  CASE ("a state after the end of the run",
        BASE "expect ic1 state at 3h == available\n",
        8, 1, "state at 3h is after the end of the run (duration 2h)"),
  CASE ("an unknown state",
        BASE "expect ic1 state at 1h == up\n",
        8, 27, "unknown interconnect state 'up' (expected requested, pending, available, down, updating, deleting, deleted, failed or none)"),
  CASE ("availability without an interconnect",
        BASE "expect availability >= 99%\n",
        8, 8, "name the interconnect before 'availability' (expect ic1 availability …, or '*' for every interconnect)"),
  CASE ("'available in' for 'available within'",
        BASE "expect ic1 available in 10m\n",
        8, 22, "expected 'within T' (expect ic1 available within 10m), got 'in'"),
  CASE ("a loss budget without %",
        BASE "expect ic1 loss <= 0.1\n",
        8, 20, "loss: percentage '0.1' needs '%'"),
  CASE ("a misspelt expectation",
        BASE "expect ic1 availabilty >= 99%\n",
        8, 12, "unknown expectation 'availabilty'; did you mean 'availability'?"),
  CASE ("convergence of a failure on another interconnect",
        BASE "interconnect ic2 {\n    partner lumen\n    metro chicago\n    bandwidth 1Gbps\n    gateway g1\n}\nat 30m fail site ic2.A\nexpect ic1 convergence of f1 <= 1s\n",
        15, 27, "failure 'f1' is on ic2, not on ic1"),
};

/* Expands the placeholders for inputs too long to write out. */
static GString *
expand_text (const BadCase *c)
{
  GString *s = g_string_new_len (c->text, (gssize) c->len);
  struct { const char *mark; char ch; gsize n; } marks[] = {
    { "%LONG%", 'x', 5000 }, { "%NAME%", 'a', 200 }, { "%NUM%", '1', 70 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      const char *at = strstr (s->str, marks[i].mark);
      if (at == NULL)
        continue;
      gsize pos = (gsize) (at - s->str);
      g_string_erase (s, (gssize) pos, (gssize) strlen (marks[i].mark));
      char *fill = g_strnfill (marks[i].n, marks[i].ch);
      g_string_insert (s, (gssize) pos, fill);
      g_free (fill);
    }
  return s;
}

static void
test_bad_table (void)
{
  CU_ASSERT (G_N_ELEMENTS (bad_cases) >= 80);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      GString *text = expand_text (c);
      g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (LmScenario) sc = lm_scenario_parser_parse (p, text->str, text->len, "test.sc",
                                                            &error);
      g_string_free (text, TRUE);
      const GPtrArray *d = lm_scenario_parser_diagnostics (p);
      gboolean ok = sc == NULL && error != NULL && d->len == 1;
      const LmScenarioDiag *x = d->len > 0 ? d->pdata[0] : NULL;
      ok = ok && x->line == c->line && x->col == c->col && strcmp (x->message, c->message) == 0;
      if (!ok)
        g_printerr ("\n  case '%s': %u errors; first %u:%u: %s\n  expected %u:%u: %s\n",
                    c->what, d->len, x ? x->line : 0, x ? x->col : 0,
                    x ? x->message : "(none)", c->line, c->col, c->message);
      CU_ASSERT (ok);
      if (ok && c->line > 0)
        {
          g_autofree char *head = g_strdup_printf ("test.sc:%u:%u: error: %s", c->line,
                                                   c->col, c->message);
          if (!g_str_has_prefix (error->message, head))
            g_printerr ("\n  case '%s' renders as: %s\n", c->what, error->message);
          CU_ASSERT (g_str_has_prefix (error->message, head));
        }
    }
}

static LmScenario *
parse (const char *text, GError **error)
{
  return lm_scenario_parse_string (text, "test.sc", NULL, error);
}

static void
test_render_gcc_style (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = parse (BASE "\tat 30m fail site ic1.C\n", &error);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT_STRING_EQUAL (error->message,
                          "test.sc:8:19: error: ic1 has no site 'C' (its sites are A to B)\n"
                          "    8 |         at 30m fail site ic1.C\n"
                          "      |                          ^~~~~");
  CU_ASSERT (g_error_matches (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_INVALID));
}

static void
test_every_error_reported_in_order (void)
{
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *text = BASE "at 3h fail site ic1.A\n"
                          "bgp { hold 1s }\n"
                          "expect ic9 loss <= 1%\n";
  g_autoptr (LmScenario) sc = lm_scenario_parser_parse (p, text, strlen (text), "t.sc", &error);
  const GPtrArray *d = lm_scenario_parser_diagnostics (p);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT_EQUAL (d->len, 3);
  guint lines[] = { 8, 9, 10 };
  for (guint i = 0; i < d->len && i < 3; i++)
    CU_ASSERT_EQUAL (((LmScenarioDiag *) d->pdata[i])->line, lines[i]);
}

static void
test_error_cap (void)
{
  GString *s = g_string_new (BASE);
  for (int i = 0; i < 30; i++)
    g_string_append (s, "seed x\n");
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parser_parse (p, s->str, s->len, "t.sc", &error);
  const GPtrArray *d = lm_scenario_parser_diagnostics (p);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT_EQUAL (d->len, 21);
  const LmScenarioDiag *last = d->pdata[d->len - 1];
  CU_ASSERT_STRING_EQUAL (last->message, "too many errors; stopped after 20");
  CU_ASSERT (g_str_has_suffix (error->message, "lmsim: too many errors; stopped after 20"));
  g_string_free (s, TRUE);
}

static void
test_crlf_tabs_bom_positions (void)
{
  g_autoptr (GError) error = NULL;
  const char *text = "\xEF\xBB\xBF" "duration 2h\r\n"
                     "interconnect ic1 {\r\n\tpartner lumen\r\n\tmetro new-yrok\r\n"
                     "\tbandwidth 10Gbps\r\n\tgateway g\r\n}\r\n";
  g_autoptr (LmScenario) sc = parse (text, &error);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT (g_str_has_prefix (error->message, "test.sc:4:8: error: unknown metro 'new-yrok'; "
                                               "did you mean 'new-york'?\n"
                                               "    4 |         metro new-yrok\n"
                                               "      |               ^~~~~~~~"));
}

static void
expect_set_error (const char *arg, const char *message)
{
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  g_autoptr (GError) error = NULL;
  CU_ASSERT (lm_scenario_overrides_add (set, arg, NULL));
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (BASE "at 30m fail site ic1.A\n",
                                                        "test.sc", set, &error);
  CU_ASSERT_PTR_NULL (sc);
  if (error == NULL)
    return;
  /* (a file's error goes on with its source line and caret) */
  gboolean ok = strcmp (error->message, message) == 0
                || (g_str_has_prefix (error->message, message)
                    && error->message[strlen (message)] == '\n');
  if (!ok)
    g_printerr ("\n  got:      %s\n  expected: %s\n", error->message, message);
  CU_ASSERT (ok);
}

static void
test_override_errors_name_the_option (void)
{
  expect_set_error ("bgp.hold=2s", "--set bgp.hold=2s: error: hold time 2s is below 3s "
                    "(RFC 4271 §4.2: 0 or at least 3s)");
  expect_set_error ("ic1.bandwidth=3Gbps", "--set ic1.bandwidth=3Gbps: error: bandwidth 3Gbps "
                    "is not a tier; expected 1, 2, 5, 10, 25, 50 or 100 Gbps");
  expect_set_error ("ic1.metro=new-yrok", "--set ic1.metro=new-yrok: error: unknown metro "
                    "'new-yrok'; did you mean 'new-york'?");
  expect_set_error ("bgp.bfd=300ms x 0", "--set bgp.bfd=300ms x 0: error: BFD multiplier must "
                    "be between 1 and 255, got 0");
  expect_set_error ("bgp.hold=30s 40s", "--set bgp.hold=30s 40s: error: unexpected '40s' after "
                    "the value");
  expect_set_error ("bgp.hodl=30s", "--set bgp.hodl=30s: error: unknown bgp setting 'hodl'; "
                    "did you mean 'hold'?");
  expect_set_error ("ic2.bandwidth=1Gbps", "--set ic2.bandwidth=1Gbps: error: unknown setting "
                    "'ic2.bandwidth'; did you mean 'ic1'? (paths: seed, duration, replications, "
                    "sites, pairs-per-site, bgp.KEY, macsec.KEY, provisioning.KEY, rare.KEY, NAME.KEY, "
                    "traffic.NAME.KEY, gateway.NAME.KEY, failures.CLASS.KEY, failures.clocks)");
  expect_set_error ("sites=0", "--set sites=0: error: sites must be between 1 and 26, got 0");
  expect_set_error ("seed=-3", "--set seed=-3: error: seed must be between 0 and "
                    "18446744073709551615, got -3");
  expect_set_error ("failures.routr.mtbf=1y", "--set failures.routr.mtbf=1y: error: unknown "
                    "failure class 'routr' (expected site, router-pair, router, link, bgp, "
                    "partner-fabric, first-mile or gateway)");
  expect_set_error ("traffic.ic1.flows=100", "--set traffic.ic1.flows=100: error: traffic ic1 "
                    "has no rate; add 'rate R' (e.g. rate 6Gbps)");
  expect_set_error ("duration=10m", "test.sc:8:1: error: this action at 30m comes after the end "
                    "of the run (duration 10m)");
}

static void
test_override_syntax (void)
{
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (lm_scenario_overrides_add (set, "bgp.hold", &error));
  CU_ASSERT_STRING_EQUAL (error->message, "--set bgp.hold: error: expected PATH=VALUE "
                          "(e.g. --set bgp.hold=30s)");
  g_clear_error (&error);
  CU_ASSERT_FALSE (lm_scenario_overrides_add (set, "=3", &error));
  CU_ASSERT_EQUAL (lm_scenario_overrides_count (set), 0);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (lm_scenario_sweep_split ("bgp.hold=30s,,90s", &error));
  CU_ASSERT_STRING_EQUAL (error->message, "--sweep bgp.hold=30s,,90s: error: an empty value");
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (lm_scenario_sweep_split ("failures.link.mttr=exp(1h", &error));
  CU_ASSERT_STRING_EQUAL (error->message, "--sweep failures.link.mttr=exp(1h: error: "
                          "unbalanced parentheses");
}

/* ------------------------------------------------------------------ includes */

static char *
write_tree (const char *const *files)
{
  char *dir = g_dir_make_tmp ("lmsim-inc-XXXXXX", NULL);
  for (gsize i = 0; files[i] != NULL; i += 2)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_mkdir_with_parents (parent, 0700);
      g_file_set_contents (path, files[i + 1], -1, NULL);
    }
  return dir;
}

static void
remove_tree (const char *dir, const char *const *files)
{
  for (gsize i = 0; files[i] != NULL; i += 2)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_remove (path);
      g_autofree char *parent = g_path_get_dirname (path);
      if (strcmp (parent, dir) != 0)
        g_rmdir (parent);
    }
  g_rmdir (dir);
}

static void
test_include_cycle (void)
{
  const char *const files[] = {
    "main.sc", "duration 1h\ninclude \"sub/a.sc\"\n",
    "sub/a.sc", "# a\ninclude \"b.sc\"\n",
    "sub/b.sc", "\n\ninclude \"a.sc\"\n",
    NULL,
  };
  g_autofree char *dir = write_tree (files);
  g_autofree char *main_sc = g_build_filename (dir, "main.sc", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  g_autoptr (LmScenario) sc = lm_scenario_parser_load (p, main_sc, &error);
  CU_ASSERT_PTR_NULL (sc);
  const GPtrArray *d = lm_scenario_parser_diagnostics (p);
  CU_ASSERT_EQUAL (d->len, 1);
  if (d->len == 1)
    {
      const LmScenarioDiag *x = d->pdata[0];
      CU_ASSERT (g_str_has_suffix (x->file, "sub/b.sc"));
      CU_ASSERT_EQUAL (x->line, 3);
      CU_ASSERT_EQUAL (x->col, 9);
      CU_ASSERT (g_str_has_prefix (x->message, "include cycle: '"));
      CU_ASSERT (g_str_has_suffix (x->message, "sub/a.sc' is already being read"));
    }
  remove_tree (dir, files);
}

static void
test_include_missing_and_relative (void)
{
  const char *const files[] = {
    "main.sc", "duration 1h\ninclude \"common/x.sc\"\n",
    "common/x.sc", "seed 7\ninclude \"nope.sc\"\n",
    NULL,
  };
  g_autofree char *dir = write_tree (files);
  g_autofree char *main_sc = g_build_filename (dir, "main.sc", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  g_autoptr (LmScenario) sc = lm_scenario_parser_load (p, main_sc, &error);
  CU_ASSERT_PTR_NULL (sc);
  const GPtrArray *d = lm_scenario_parser_diagnostics (p);
  CU_ASSERT_EQUAL (d->len, 1);
  if (d->len == 1)
    {
      const LmScenarioDiag *x = d->pdata[0];
      g_autofree char *want_file = g_build_filename (dir, "common/x.sc", NULL);
      g_autofree char *want_msg = g_strdup_printf ("cannot read '%s/common/nope.sc': no such "
                                                   "file", dir);
      CU_ASSERT_STRING_EQUAL (x->file, want_file);
      CU_ASSERT_EQUAL (x->line, 2);
      CU_ASSERT_EQUAL (x->col, 9);
      CU_ASSERT_STRING_EQUAL (x->message, want_msg);
    }
  remove_tree (dir, files);
}

static void
test_include_depth_cap (void)
{
  /* a.sc includes itself under 20 different names: a chain, not a cycle */
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 20; i++)
    {
      g_ptr_array_add (files, g_strdup_printf ("f%d.sc", i));
      g_ptr_array_add (files, g_strdup_printf ("include \"f%d.sc\"\n", i + 1));
    }
  g_ptr_array_add (files, g_strdup ("f20.sc"));
  g_ptr_array_add (files, g_strdup ("duration 1h\n"));
  g_ptr_array_add (files, NULL);
  const char *const *list = (const char *const *) files->pdata;
  g_autofree char *dir = write_tree (list);
  g_autofree char *first = g_build_filename (dir, "f0.sc", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  g_autoptr (LmScenario) sc = lm_scenario_parser_load (p, first, &error);
  CU_ASSERT_PTR_NULL (sc);
  const GPtrArray *d = lm_scenario_parser_diagnostics (p);
  CU_ASSERT (d->len == 1);
  if (d->len >= 1)
    CU_ASSERT_STRING_EQUAL (((LmScenarioDiag *) d->pdata[0])->message,
                            "includes are nested more than 16 deep");
  remove_tree (dir, list);
  g_ptr_array_unref (files);
}

static void
test_missing_main_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_load ("/nonexistent/x.sc", NULL, &error);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT (g_error_matches (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_IO));
  CU_ASSERT_STRING_EQUAL (error->message, "/nonexistent/x.sc: error: cannot read "
                          "'/nonexistent/x.sc': no such file");
}

static void
test_includes_disabled (void)
{
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  lm_scenario_parser_set_includes (p, FALSE);
  g_autoptr (GError) error = NULL;
  const char *text = "duration 1h\ninclude \"/etc/passwd\"\n";
  g_autoptr (LmScenario) sc = lm_scenario_parser_parse (p, text, strlen (text), "t.sc", &error);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT (g_str_has_prefix (error->message, "t.sc:2:9: error: include is not allowed here"));
}

/* ------------------------------------------------------------------ live actions */

static void
test_live_action_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = parse (BASE, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  LmScAction *a = NULL;
  CU_ASSERT_FALSE (lm_scenario_parse_action (sc, "at 5m fail site ic1.A", &a, &error));
  CU_ASSERT_PTR_NULL (a);
  CU_ASSERT (g_str_has_prefix (error->message, "inject:1:1: error: a live action runs now: "
                                               "write it without 'at' or 'after'"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (lm_scenario_parse_action (sc, "fail site ic1.Q", &a, &error));
  CU_ASSERT (g_str_has_prefix (error->message, "inject:1:11: error: ic1 has no site 'Q'"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (lm_scenario_parse_action (sc, "fail link ic1.A.rp1.link crash", &a, &error));
  CU_ASSERT (g_str_has_prefix (error->message, "inject:1:26: error: mode 'crash' does not "
                                               "apply to a link"));
}

LM_SUITE (sim_scenario_errors) = {
  { "a table of bad inputs: one error each, exact line, column and text", test_bad_table },
  { "errors are rendered as gcc does, with the line and a caret", test_render_gcc_style },
  { "every error of a file is reported, in line order", test_every_error_reported_in_order },
  { "at most 20 errors, then 'too many errors'", test_error_cap },
  { "CRLF, tabs and a byte-order mark keep positions right", test_crlf_tabs_bom_positions },
  { "--set errors name the option", test_override_errors_name_the_option },
  { "--set and --sweep arguments of the wrong shape", test_override_syntax },
  { "an include cycle is an error at the include", test_include_cycle },
  { "includes are relative to their file; a missing one is an error",
    test_include_missing_and_relative },
  { "includes nested deeper than 16 are an error", test_include_depth_cap },
  { "a main file that does not exist", test_missing_main_file },
  { "includes can be turned off", test_includes_disabled },
  { "live actions are checked by the same rules", test_live_action_errors },
  CU_TEST_INFO_NULL,
};
