/* tests/sim/test-scenario-provision.c — the provisioning part of the
 * language: `provisioning`, `environments`, `gateway NAME { … }`, the
 * interconnect keys `description` and `prefixes`, address prefixes; each
 * mistake with its exact position and text; which checks become the
 * console's business when the interconnect is ordered in the run; --set. */
#include <string.h>
#include "tests/lm-test.h"
#include "sim/scenario.h"

#define BASE "duration 2h\n"                    \
             "interconnect ic1 {\n"             \
             "    partner lumen\n"              \
             "    metro new-york\n"             \
             "    bandwidth 10Gbps\n"           \
             "    gateway g1 attach transit-gateway\n" \
             "}\n"

static LmScenario *
parse (const char *text, GError **error)
{
  return lm_scenario_parse_string (text, "test.sc", NULL, error);
}

/* One error, at line:col, with this text. */
static void
expect_error (const char *text, guint line, guint col, const char *message)
{
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parser_parse (p, text, strlen (text), "test.sc",
                                                        &error);
  const GPtrArray *d = lm_scenario_parser_diagnostics (p);
  const LmScenarioDiag *x = d->len > 0 ? d->pdata[0] : NULL;
  gboolean ok = sc == NULL && d->len == 1 && x->line == line && x->col == col
                && strcmp (x->message, message) == 0;
  if (!ok)
    g_printerr ("\n  %u errors; first %u:%u: %s\n  expected %u:%u: %s\n", d->len,
                x ? x->line : 0, x ? x->col : 0, x ? x->message : "(none)", line, col, message);
  CU_ASSERT (ok);
}

static void
test_tree (void)
{
  g_autofree char *path = lm_test_srcpath ("tests/sim/scenarios/provisioning.sc");
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_load (path, NULL, &error);
  if (sc == NULL)
    g_printerr ("\n%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  const LmScInterconnect *ic1 = lm_scenario_find_interconnect (sc, "ic1");
  CU_ASSERT_STRING_EQUAL (ic1->description, "Chicago branch office");
  CU_ASSERT_EQUAL_FATAL (ic1->prefixes->len, 3);
  const LmScPrefix *p0 = ic1->prefixes->pdata[0], *p2 = ic1->prefixes->pdata[2];
  CU_ASSERT_STRING_EQUAL (p0->text, "192.168.0.0/16");
  CU_ASSERT_EQUAL (p0->family, 4);
  CU_ASSERT_EQUAL (p0->len, 16);
  CU_ASSERT_STRING_EQUAL (p2->text, "fd00::/8");
  CU_ASSERT_EQUAL (p2->family, 6);
  const LmScGateway *g1 = lm_scenario_find_gateway (sc, "gw1");
  CU_ASSERT_EQUAL (g1->status, LM_SC_GATEWAY_NEW);
  CU_ASSERT_EQUAL (g1->vpc_cidrs->len, 3);
  CU_ASSERT_EQUAL (g1->allowed->len, 1);
  CU_ASSERT_EQUAL (g1->tgw_asn, 64512);
  const LmScGateway *g2 = lm_scenario_find_gateway (sc, "gw2");
  CU_ASSERT_EQUAL (g2->attach, LM_SC_ATTACH_VIRTUAL_PRIVATE_GATEWAY);
  CU_ASSERT_EQUAL (g2->private_vifs, 3);
  CU_ASSERT_EQUAL (g2->transit_vifs, 1);
  CU_ASSERT_EQUAL (lm_scenario_find_gateway (sc, "gw3")->status, LM_SC_GATEWAY_MISSING);
  const LmScEnvironment *e = lm_scenario_find_environment (sc, "lumen", "chicago");
  CU_ASSERT_PTR_NOT_NULL_FATAL (e);
  CU_ASSERT_EQUAL (e->state, LM_SC_ENV_LIMITED);
  CU_ASSERT_EQUAL (e->bandwidths, (1u << 0) | (1u << 1) | (1u << 3));
  CU_ASSERT_EQUAL (lm_scenario_find_environment (sc, "lumen", "seattle")->state,
                   LM_SC_ENV_UNAVAILABLE);
  CU_ASSERT_PTR_NULL (lm_scenario_find_environment (sc, "lumen", "dallas"));
  const LmScProvisioning *p = &sc->provisioning;
  CU_ASSERT_EQUAL (p->activation_delay.kind, LM_SC_DIST_LOGNORMAL);
  CU_ASSERT_EQUAL (p->activation_delay.a, LM_MIN (30));
  CU_ASSERT_EQUAL (p->key_expiry, LM_D (2));
  CU_ASSERT_EQUAL (p->connection_build.kind, LM_SC_DIST_EXP);
  CU_ASSERT_EQUAL (p->gateway_create.kind, LM_SC_DIST_FIXED);
  CU_ASSERT_EQUAL (p->gateway_create.a, LM_S (90));
  CU_ASSERT_EQUAL (p->timeout, LM_H (2));
  CU_ASSERT_EQUAL (p->quota, 4);
  CU_ASSERT_STRING_EQUAL (p->reject, "no capacity at the Chicago sites");
  CU_ASSERT (lm_scenario_ordered (sc, "ic1"));
  CU_ASSERT (lm_scenario_ordered (sc, "ic2"));
}

static void
test_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = parse (BASE, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  const LmScProvisioning *p = &sc->provisioning;
  CU_ASSERT_EQUAL (p->activation_delay.kind, LM_SC_DIST_UNIFORM);
  CU_ASSERT_EQUAL (p->activation_delay.a, LM_MIN (2));
  CU_ASSERT_EQUAL (p->activation_delay.b, LM_MIN (10));
  CU_ASSERT_EQUAL (p->key_expiry, LM_D (7));
  CU_ASSERT_EQUAL (p->timeout, LM_H (1));
  CU_ASSERT_EQUAL (p->quota, 10);
  CU_ASSERT_PTR_NULL (p->reject);
  CU_ASSERT_FALSE (lm_scenario_ordered (sc, "ic1"));
  const LmScGateway *g = lm_scenario_find_gateway (sc, "g1");
  CU_ASSERT_EQUAL (g->status, LM_SC_GATEWAY_EXISTING);
  CU_ASSERT_EQUAL (g->vpc_cidrs->len, 0);
  CU_ASSERT_EQUAL (lm_sc_env_default_bandwidths (LM_SC_ENV_AVAILABLE), 0x7f);
  CU_ASSERT_EQUAL (lm_sc_env_default_bandwidths (LM_SC_ENV_LIMITED), 0x0f);
  CU_ASSERT_EQUAL (lm_sc_env_default_bandwidths (LM_SC_ENV_UNAVAILABLE), 0);
  CU_ASSERT_EQUAL (lm_sc_tier_index (G_GUINT64_CONSTANT (25000000000)), 4);
  CU_ASSERT_EQUAL (lm_sc_tier_index (G_GUINT64_CONSTANT (3000000000)), -1);
}

static LmScPrefix
prefix (const char *text)
{
  g_autofree char *src = g_strdup_printf (BASE "gateway g1 { vpc-cidrs %s }\n", text);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = parse (src, &error);
  LmScPrefix out = { 0 };
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  const LmScPrefix *p = lm_scenario_find_gateway (sc, "g1")->vpc_cidrs->pdata[0];
  out = *p;
  out.text = NULL;
  return out;
}

static void
test_overlap (void)
{
  LmScPrefix a = prefix ("10.0.0.0/8"), b = prefix ("10.1.0.0/16"), c = prefix ("11.0.0.0/8");
  LmScPrefix d = prefix ("0.0.0.0/0"), v6 = prefix ("2001:db8::/32");
  LmScPrefix v6b = prefix ("2001:db8:1::/48"), v6c = prefix ("2001:db9::/32");
  CU_ASSERT (lm_sc_prefixes_overlap (&a, &b));
  CU_ASSERT (lm_sc_prefixes_overlap (&b, &a));
  CU_ASSERT (lm_sc_prefix_covers (&a, &b));
  CU_ASSERT_FALSE (lm_sc_prefix_covers (&b, &a));
  CU_ASSERT_FALSE (lm_sc_prefixes_overlap (&a, &c));
  CU_ASSERT (lm_sc_prefix_covers (&d, &c));
  CU_ASSERT_FALSE (lm_sc_prefixes_overlap (&d, &v6));   /* families never overlap */
  CU_ASSERT (lm_sc_prefix_covers (&v6, &v6b));
  CU_ASSERT_FALSE (lm_sc_prefixes_overlap (&v6, &v6c));
}

static void
test_errors (void)
{
  expect_error (BASE "gateway g1 { vpc-cidrs 10.0.0.1/16 }\n", 8, 24,
                "VPC CIDR '10.0.0.1/16': it has host bits set; did you mean 10.0.0.0/16?");
  expect_error (BASE "gateway g1 { vpc-cidrs 10.0.0.0 }\n", 8, 24,
                "VPC CIDR '10.0.0.0': it needs a length, e.g. 10.0.0.0/16");
  expect_error (BASE "gateway g1 { vpc-cidrs 10.0.0.0/33 }\n", 8, 24,
                "VPC CIDR '10.0.0.0/33': the length after '/' must be 0 to 32");
  expect_error (BASE "gateway g1 { vpc-cidrs 10.0.300.0/24 }\n", 8, 24,
                "VPC CIDR '10.0.300.0/24': '10.0.300.0' is not an IPv4 address");
  expect_error (BASE "gateway g1 { allowed-prefixes fd00:/8 }\n", 8, 31,
                "allowed prefix 'fd00:/8': 'fd00:' is not an IPv6 address");
  expect_error (BASE "gateway g1 { allowed-prefixes everything }\n", 8, 31,
                "expected allowed prefix (e.g. 10.0.0.0/16 or fd00::/8), got 'everything'");
  expect_error (BASE "gateway g1 { status gone }\n", 8, 21,
                "unknown gateway status 'gone' (expected existing, new or missing)");
  expect_error (BASE "gateway g1 { private-vifs 31 }\n", 8, 27,
                "private virtual interfaces must be between 0 and 30, got 31");
  expect_error (BASE "gateway g1 { private-vifs 20 transit-vifs 20 }\n", 8, 43,
                "gateway 'g1' would carry 40 virtual interfaces; a gateway carries at most 30 "
                "(private and transit together)");
  expect_error (BASE "gateway g1 { status new transit-vifs 2 }\n", 8, 38,
                "gateway 'g1' is created with the interconnect (status new), so it carries no "
                "virtual interfaces yet");
  expect_error (BASE "gateway g1 { attach cloud-wan }\n", 8, 14,
                "gateway 'g1' is already declared at test.sc:6:13");
  expect_error (BASE "gateway g1 { vpc-cidr 10.0.0.0/8 }\n", 8, 14,
                "unknown gateway setting 'vpc-cidr'; did you mean 'vpc-cidrs'?");
  expect_error (BASE "provisioning { activation-dleay 5m }\n", 8, 16,
                "unknown provisioning setting 'activation-dleay'; did you mean "
                "'activation-delay'?");
  expect_error (BASE "provisioning { key-expiry 0s }\n", 8, 27,
                "activation key expiry must be above 0s");
  expect_error (BASE "provisioning { quota 0 }\n", 8, 22,
                "quota must be between 1 and 100000, got 0");
  expect_error (BASE "provisioning { reject yes }\n", 8, 23,
                "expected the partner's reason in quotes (reject \"no capacity\"), or 'off', "
                "got 'yes'");
  expect_error (BASE "provisioning { attach uniform(5m, 1m) }\n", 8, 23,
                "uniform(): its upper bound is below its lower bound");
  expect_error (BASE "environments { lumen chicago limted }\n", 8, 30,
                "expected a state (available, limited or unavailable) or 'bandwidths RATE …', "
                "got 'limted'");
  expect_error (BASE "environments { lumen chicago bandwidths 3Gbps }\n", 8, 41,
                "bandwidth 3Gbps is not a tier; expected 1, 2, 5, 10, 25, 50 or 100 Gbps");
  expect_error (BASE "environments { lumne chicago limited }\n", 8, 16,
                "unknown partner 'lumne'; did you mean 'lumen'?");
  expect_error (BASE "metros { london region eu-west-2 distance 50km }\n"
                "environments { lumen london limited }\n", 9, 16,
                "environment lumen london: partner 'lumen' does not serve metro 'london' (add it "
                "with 'partners { lumen metros london }')");
  expect_error (BASE "interconnect ic2 { partner lumen metro chicago bandwidth 1Gbps gateway g1 "
                "prefixes 10.0.0.0/8 x }\n", 8, 95,
                "unknown interconnect setting 'x' (expected partner, metro, bandwidth, port-speed, "
                "gateway, families, sites, pairs-per-site, first-mile, mtu, account, tags, "
                "description or prefixes)");
}

/* An interconnect ordered in the run: the console (not the language)
 * refuses a non-tier, an unserved metro, a transit gateway ASN conflict. */
static void
test_ordered_checks_move_to_the_console (void)
{
  const char *decl = "duration 2h\n"
                     "metros { london region eu-west-2 distance 50km }\n"
                     "interconnect ic1 {\n"
                     "    partner lumen metro london bandwidth 3Gbps\n"
                     "    gateway g1 attach transit-gateway asn 64512\n"
                     "}\n";
  g_autofree char *ordered = g_strconcat (decl, "at 0s provision ic1\n", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = parse (ordered, &error);
  if (sc == NULL)
    g_printerr ("\n%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL (sc);
  /* available from the start: the three are errors of the scenario */
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  g_autoptr (GError) e2 = NULL;
  g_autoptr (LmScenario) sc2 = lm_scenario_parser_parse (p, decl, strlen (decl), "t.sc", &e2);
  CU_ASSERT_PTR_NULL (sc2);
  CU_ASSERT_EQUAL (lm_scenario_parser_diagnostics (p)->len, 3);
  CU_ASSERT_PTR_NOT_NULL (strstr (e2->message, "bandwidth 3Gbps is not a tier"));
  CU_ASSERT_PTR_NOT_NULL (strstr (e2->message, "is not served by partner 'lumen'"));
  CU_ASSERT_PTR_NOT_NULL (strstr (e2->message, "the association would fail"));
}

static void
test_overrides (void)
{
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  CU_ASSERT (lm_scenario_overrides_add (set, "provisioning.quota=2", NULL));
  CU_ASSERT (lm_scenario_overrides_add (set, "provisioning.activation-delay=fixed(1m)", NULL));
  CU_ASSERT (lm_scenario_overrides_add (set, "gateway.g1.status=missing", NULL));
  CU_ASSERT (lm_scenario_overrides_add (set, "ic1.prefixes=10.9.0.0/16", NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (BASE, "t.sc", set, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (sc->provisioning.quota, 2);
  CU_ASSERT_EQUAL (sc->provisioning.activation_delay.kind, LM_SC_DIST_FIXED);
  CU_ASSERT_EQUAL (lm_scenario_find_gateway (sc, "g1")->status, LM_SC_GATEWAY_MISSING);
  CU_ASSERT_EQUAL (lm_scenario_find_interconnect (sc, "ic1")->prefixes->len, 1);
  g_autofree char *text = lm_scenario_print (sc);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\n    quota 2\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\ngateway g1 {\n    status missing\n"));

  g_autoptr (LmScenarioOverrides) bad = lm_scenario_overrides_new ();
  CU_ASSERT (lm_scenario_overrides_add (bad, "gateway.nope.status=new", NULL));
  g_autoptr (GError) e2 = NULL;
  g_autoptr (LmScenario) sc2 = lm_scenario_parse_string (BASE, "t.sc", bad, &e2);
  CU_ASSERT_PTR_NULL (sc2);
  CU_ASSERT_STRING_EQUAL (e2->message, "--set gateway.nope.status=new: error: unknown gateway "
                          "'nope'");
}

LM_SUITE (sim_scenario_provision) = {
  { "every provisioning setting reaches the tree", test_tree },
  { "defaults when nothing is said", test_defaults },
  { "prefixes overlap and cover by family and length", test_overlap },
  { "each mistake: one error at its place", test_errors },
  { "an ordered interconnect's order is the console's to refuse",
    test_ordered_checks_move_to_the_console },
  { "--set provisioning.KEY, gateway.NAME.KEY, NAME.prefixes", test_overrides },
  CU_TEST_INFO_NULL,
};
