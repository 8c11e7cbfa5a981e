/* tests/analysis/test-provisioning.c — ordering, end to end: each shipped
 * provisioning scenario run and checked against values computed by hand from
 * the documented delays (docs/models.md "Provisioning": activation
 * uniform(2m, 10m), partner build uniform(1m, 5m), each connection
 * uniform(1m, 5m), attach uniform(1m, 5m), acknowledgement uniform(5m, 30m),
 * key expiry, timeout 1h), and every error the service gives, reached from
 * scenario syntax: a state, a signal, a line of the report. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "analysis/run.h"
#include "analysis/report.h"
#include "models/traffic.h"

static LmRun *
run_sc (LmScenario *sc)
{
  g_autoptr (GError) error = NULL;
  LmRun *run = lm_run_new (sc, 0, LM_RUN_TRACE | LM_RUN_TIMELINE, &error);
  if (run == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return NULL;
    }
  lm_run_execute (run, NULL);
  return run;
}

static LmScenario *
load (const char *name)
{
  g_autofree char *rel = g_strconcat ("scenarios/", name, NULL);
  g_autofree char *path = lm_test_srcpath (rel);
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_load (path, NULL, &error);
  if (sc == NULL)
    fprintf (stderr, "%s\n", error->message);
  return sc;
}

static LmScenario *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_parse_string (text, "test.sc", NULL, &error);
  if (sc == NULL)
    fprintf (stderr, "%s\n", error->message);
  return sc;
}

#define RUN_FILE(file)                                   \
  g_autoptr (LmScenario) sc = load (file);               \
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);                     \
  g_autoptr (LmRun) run = run_sc (sc);                   \
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);                    \
  LmMetrics *m = lm_run_metrics (run);                   \
  CU_ASSERT_TRUE (lm_run_all_passed (run));              \
  (void) m

#define RUN_TEXT(text)                                   \
  g_autoptr (LmScenario) sc = parse (text);              \
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);                     \
  g_autoptr (LmRun) run = run_sc (sc);                   \
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);                    \
  LmMetrics *m = lm_run_metrics (run);                   \
  (void) m

/* The first step of @ic matching (what, from, to) — any of them NULL
 * matches all — at or after @after; NULL when none. */
static const LmProvStep *
step (LmRun *run, guint ic, const char *what, const char *from, const char *to, LmTime after)
{
  const GArray *steps = lm_prov_log_steps (lm_run_provisioning (run), ic);
  for (guint i = 0; i < steps->len; i++)
    {
      const LmProvStep *s = &g_array_index (steps, LmProvStep, i);
      if (s->at >= after && (what == NULL || strcmp (s->what, what) == 0)
          && (from == NULL || strcmp (s->from, from) == 0)
          && (to == NULL || strcmp (s->to, to) == 0))
        return s;
    }
  return NULL;
}

static guint
count (LmRun *run, guint ic, const char *what, const char *from, const char *to)
{
  const GArray *steps = lm_prov_log_steps (lm_run_provisioning (run), ic);
  guint n = 0;
  for (guint i = 0; i < steps->len; i++)
    {
      const LmProvStep *s = &g_array_index (steps, LmProvStep, i);
      n += strcmp (s->what, what) == 0 && (from == NULL || strcmp (s->from, from) == 0)
           && (to == NULL || strcmp (s->to, to) == 0);
    }
  return n;
}

static LmTime
at_of (LmRun *run, guint ic, const char *what, const char *from, const char *to)
{
  const LmProvStep *s = step (run, ic, what, from, to, 0);
  CU_ASSERT_PTR_NOT_NULL (s);
  return s != NULL ? s->at : -1;
}

static gboolean
within (LmTime t, LmTime lo, LmTime hi)
{
  if (t < lo || t > hi)
    g_printerr ("\n  %.3f s not in [%.3f, %.3f] s", LM_TIME_TO_S (t), LM_TIME_TO_S (lo),
                LM_TIME_TO_S (hi));
  return t >= lo && t <= hi;
}

/* The path through the service with the default delays: the key entered
 * at A (activation), the partner done at P, each connection built within
 * [P + 1m, P + 5m], the association asked for when the last is built and
 * done [1m, 5m] later, available then (traffic flows within seconds of a
 * build: MKA, BFD and BGP). */
static void
assert_default_path (LmRun *run, guint ic, LmTime ordered, LmTime activated)
{
  LmTime built_partner = at_of (run, ic, "partner", "building", "built");
  CU_ASSERT (within (built_partner - activated, LM_MIN (1), LM_MIN (5)));
  CU_ASSERT_EQUAL (count (run, ic, "build", "building", "built"), 4);
  LmTime last = 0;
  for (const LmProvStep *s = step (run, ic, "build", "building", "built", 0); s != NULL;
       s = step (run, ic, "build", "building", "built", s->at + 1))
    {
      CU_ASSERT (within (s->at - built_partner, LM_MIN (1), LM_MIN (5)));
      last = MAX (last, s->at);
    }
  CU_ASSERT_EQUAL (at_of (run, ic, "association", "none", "associating"), last);
  LmTime assoc = at_of (run, ic, "association", "associating", "associated");
  CU_ASSERT (within (assoc - last, LM_MIN (1), LM_MIN (5)));
  LmTime avail = lm_metrics_available_at (lm_run_metrics (run), ic);
  CU_ASSERT (within (avail - assoc, 0, LM_S (40)));
  CU_ASSERT (within (avail - activated, LM_MIN (3), LM_MIN (15) + LM_S (40)));
  CU_ASSERT (avail - ordered >= LM_MIN (3));
}

static double
offered (LmMetrics *m, guint ic)
{
  return lm_metrics_offered_bits (m, ic, 0) + lm_metrics_offered_bits (m, ic, 1);
}

/* ------------------------------------------------------------ the scenarios */

static void
test_create (void)
{
  RUN_FILE ("provision-create.sc");
  CU_ASSERT_EQUAL (at_of (run, 0, "state", "none", "requested"), 0);
  const LmProvStep *call = step (run, 0, "call", "CreateConnection", "ok", 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL (call);
  CU_ASSERT_STRING_EQUAL (call->actor, "customer");
  CU_ASSERT_PTR_NOT_NULL (strstr (call->detail, "→ lmcc-"));
  LmTime activated = at_of (run, 0, "call", "ActivateKey", "ok");
  CU_ASSERT (within (activated, LM_MIN (2), LM_MIN (10)));     /* activation-delay */
  CU_ASSERT_EQUAL (at_of (run, 0, "state", "requested", "pending"), activated);
  assert_default_path (run, 0, 0, activated);
  /* traffic from available on: 6 Gbps each way, exactly */
  LmTime avail = lm_metrics_available_at (m, 0);
  CU_ASSERT_DOUBLE_EQUAL (offered (m, 0), 2 * 6e9 * LM_TIME_TO_S (LM_H (2) - avail), 1e3);
  CU_ASSERT_DOUBLE_EQUAL (lm_run_loss_ratio (run, 0), 0.0, 0);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_FULL_CAPACITY), 1.0, 0);
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 0), "available");
}

static void
test_accept (void)
{
  RUN_FILE ("provision-accept.sc");
  const LmProvStep *wrong = step (run, 0, "call", "DescribeConnectionProposal", NULL, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wrong);
  CU_ASSERT_EQUAL (wrong->at, LM_MIN (10));
  CU_ASSERT_STRING_EQUAL (wrong->to, "ResourceNotFoundException");
  CU_ASSERT_EQUAL (at_of (run, 0, "call", "AcceptConnectionProposal", "ok"), LM_MIN (20));
  CU_ASSERT_EQUAL (count (run, 0, "call", "AcceptConnectionProposal", NULL), 1);
  CU_ASSERT_EQUAL (at_of (run, 0, "call", "CreateProposal", "ok"), 0);
  CU_ASSERT_EQUAL (at_of (run, 0, "state", "none", "pending"), LM_MIN (20));   /* no requested */
  CU_ASSERT_EQUAL (count (run, 0, "state", NULL, "requested"), 0);
  assert_default_path (run, 0, 0, LM_MIN (20));
  CU_ASSERT (lm_metrics_available_at (m, 0) >= LM_MIN (23));
}

static void
test_key_expired (void)
{
  RUN_FILE ("activation-key-expired.sc");
  CU_ASSERT_EQUAL (at_of (run, 0, "state", "requested", "failed"), LM_D (1));
  CU_ASSERT_EQUAL (at_of (run, 0, "partner", "awaiting-activation", "expired"), LM_D (1));
  const LmProvStep *late = step (run, 0, "call", "ActivateKey", NULL, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL (late);
  CU_ASSERT_EQUAL (late->at, LM_D (2));
  CU_ASSERT_STRING_EQUAL (late->to, "key-expired");
  CU_ASSERT_EQUAL (count (run, 0, "call", "CreateConnection", "ok"), 2);
  const LmProvStep *c1 = step (run, 0, "call", "CreateConnection", "ok", 0);
  const LmProvStep *c2 = step (run, 0, "call", "CreateConnection", "ok", 1);
  CU_ASSERT_STRING_NOT_EQUAL (c1->detail, c2->detail);     /* a new id */
  LmTime activated = at_of (run, 0, "call", "ActivateKey", "ok");
  CU_ASSERT_EQUAL (activated, LM_D (2) + LM_MIN (5));
  assert_default_path (run, 0, LM_D (2) + LM_MIN (1), activated);
  /* time to available counts from the first order: 2 days and more */
  CU_ASSERT (lm_metrics_available_at (m, 0) > LM_D (2) + LM_MIN (5));
}

static void
test_asn_conflict (void)
{
  RUN_FILE ("gateway-asn-conflict.sc");
  const LmProvStep *f = step (run, 0, "state", "pending", "failed", 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL (f);
  CU_ASSERT_STRING_EQUAL (f->detail, "the association with gateway dxgw-a failed: the transit "
                          "gateway's ASN 64512 equals gateway dxgw-a's ASN 64512");
  CU_ASSERT_EQUAL (f->at, at_of (run, 0, "association", "associating", "failed"));
  CU_ASSERT_EQUAL (lm_metrics_available_at (m, 0), -1);
  CU_ASSERT (isnan (lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY)));
  CU_ASSERT_EQUAL (count (run, 0, "build", "built", "removed"), 4);   /* torn down */
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 1), "available");
}

static void
test_prefix_overlap (void)
{
  RUN_FILE ("prefix-overlap.sc");
  CU_ASSERT_EQUAL (count (run, 0, "notice", "address-conflict", NULL), 2);
  CU_ASSERT_EQUAL (count (run, 0, "notice", "allowed-prefixes", NULL), 2);
  const LmProvStep *n = step (run, 0, "notice", "address-conflict", NULL, 0);
  CU_ASSERT_STRING_EQUAL (n->detail, "customer prefix 10.20.0.0/16 overlaps VPC CIDR "
                          "10.16.0.0/12 behind gateway dxgw-vpcs");
  /* the new gateway is created first, then associated */
  LmTime created = at_of (run, 0, "gateway", "pending", "available");
  CU_ASSERT (within (created, LM_MIN (1), LM_MIN (3)));
  CU_ASSERT (at_of (run, 0, "association", "none", "associating") > created);
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 0), "available");
}

static void
test_bandwidth_upgrade (void)
{
  RUN_FILE ("bandwidth-upgrade.sc");
  CU_ASSERT_EQUAL (at_of (run, 0, "state", "available", "updating"), LM_H (1));
  LmTime ack = at_of (run, 0, "state", "updating", "available");
  CU_ASSERT (within (ack - LM_H (1), LM_MIN (5), LM_MIN (30)));
  /* policing: 2 Gbps each way until the acknowledgement, none after */
  double policed = lm_metrics_lost_bits (m, 0, 0, LM_LOSS_POLICING)
                   + lm_metrics_lost_bits (m, 0, 1, LM_LOSS_POLICING);
  CU_ASSERT_DOUBLE_EQUAL (policed, 2 * 2e9 * LM_TIME_TO_S (ack), 1e3);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY), 1.0, 0);
  CU_ASSERT_EQUAL (lm_metrics_available_at (m, 0), 0);
}

static void
test_environment_limited (void)
{
  RUN_FILE ("environment-limited.sc");
  const LmProvStep *big = step (run, 0, "call", "CreateConnection", NULL, 0);
  CU_ASSERT_STRING_EQUAL (big->to, "InterconnectValidationException");
  CU_ASSERT_PTR_NOT_NULL (strstr (big->detail, "25 Gbps is not available in environment lumen "
                                  "chicago (limited) (available: 1, 2, 5, 10 Gbps)"));
  const LmProvStep *west = step (run, 2, "call", "CreateConnection", NULL, 0);
  CU_ASSERT_STRING_EQUAL (west->to, "InterconnectClientException");
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 0), "none");
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 2), "none");
  CU_ASSERT_EQUAL (lm_metrics_available_at (m, 0), -1);
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 1), "available");
}

static void
test_then_site_failure (void)
{
  RUN_FILE ("provision-then-site-failure.sc");
  LmTime avail = lm_metrics_available_at (m, 0);
  CU_ASSERT (within (avail, LM_MIN (5), LM_MIN (25) + LM_S (40)));
  const LmFailureMetrics *f = lm_metrics_find_failure (m, "f1");
  CU_ASSERT_PTR_NOT_NULL_FATAL (f);
  /* as in site-failure.sc: only the backbone and the fabric detect */
  CU_ASSERT (f->detect >= LM_MS (150) && f->detect <= LM_MS (350));
  CU_ASSERT (f->converge <= LM_MS (350 + 250));
  /* repair: the BFD handshake from Down (a few seconds here, as in
   * site-failure.sc where it is 2.6 s), then BGP and its 30 s
   * advertisement interval */
  CU_ASSERT (f->restored >= LM_S (30) && f->restored <= LM_S (35));
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY), 1.0, 0);
  /* components: 2 of 4 down for 30 min, counted from available_at */
  double span = LM_TIME_TO_S (LM_MIN (150) - avail);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_COMPONENT_FULL_CAPACITY),
                          1.0 - 1800.0 / span, 1e-9);
}

/* ------------------------------------------------------------ each error from syntax */

#define DECL(extra)                                                         \
  "duration 3h\n"                                                           \
  "interconnect ic1 { partner lumen metro new-york bandwidth 10Gbps\n"     \
  "  gateway gw attach transit-gateway account \"ops@example.com\" " extra "}\n"

static const char *
outcome (LmRun *run, guint ic, const char *op)
{
  const LmProvStep *s = step (run, ic, "call", op, NULL, 0);
  return s != NULL ? s->to : "(no call)";
}

static void
test_validation_errors (void)
{
  static const struct { const char *text; const char *op, *want, *detail; } cases[] = {
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 3Gbps gateway gw }\n"
      "at 0s provision ic2\n", "CreateConnection", "InterconnectValidationException",
      "bandwidth 3 Gbps is not a tier" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gw\n"
      "  account \"ops-at-example\" }\nat 0s provision ic2\n", "CreateConnection",
      "InterconnectValidationException", "is not an e-mail address" },
    { DECL ("") "metros { london region eu-west-2 distance 50km }\n"
      "interconnect ic2 { partner lumen metro london bandwidth 1Gbps gateway gw }\n"
      "at 0s provision ic2\n", "CreateConnection", "InterconnectValidationException",
      "does not serve metro london" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gw\n"
      "  description \"" "0123456789012345678901234567890123456789012345678901234567890123456789"
      "0123456789012345678901234567890123456789012345678901234567890123456789"
      "0123456789012345678901234567890123456789012345678901234567890123456789"
      "0123456789012345678901234567890123456789012345678901234567890123456789" "\" }\n"
      "at 0s provision ic2\n", "CreateConnection", "InterconnectValidationException",
      "280 characters; at most 255" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gone }\n"
      "gateway gone { status missing }\nat 0s provision ic2\n", "CreateConnection",
      "ResourceNotFoundException", "gateway 'gone' not found" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gw }\n"
      "provisioning { quota 1 }\nat 0s provision ic2\n", "CreateConnection",
      "ServiceQuotaExceededException", "quota is 1" },
    { DECL ("") "interconnect ic2 { partner lumen metro seattle bandwidth 1Gbps gateway gw }\n"
      "environments { lumen seattle unavailable }\nat 0s provision ic2\n", "CreateConnection",
      "InterconnectClientException", "environment lumen seattle is unavailable" },
    { DECL ("") "interconnect ic2 { partner lumen metro seattle bandwidth 1Gbps gateway gw }\n"
      "environments { lumen seattle unavailable }\nat 0s provision ic2 via partner\n",
      "CreateProposal", "environment-unavailable", "unavailable" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gw }\n"
      "at 0s update ic2 bandwidth 2Gbps\nat 0s provision ic2\n", "UpdateConnection",
      "ResourceNotFoundException", "never created" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gw }\n"
      "at 0s delete ic2\nat 0s provision ic2\n", "DeleteConnection",
      "ResourceNotFoundException", "never created" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gw }\n"
      "at 0s provision ic2\nat 1m activate ic2 key WRONG\nat 2m activate ic2\n", "ActivateKey",
      "key-not-found", "no order has this key" },
    { DECL ("") "interconnect ic2 { partner lumen metro new-york bandwidth 1Gbps gateway gw }\n"
      "at 0s provision ic2\nat 1m accept ic2\n", "DescribeConnectionProposal",
      "ResourceNotFoundException", "no proposal has this activation key" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RUN_TEXT (cases[i].text);
      const LmProvStep *s = step (run, 1, "call", cases[i].op, NULL, 0);
      gboolean ok = s != NULL && strcmp (s->to, cases[i].want) == 0
                    && strstr (s->detail, cases[i].detail) != NULL;
      if (!ok)
        g_printerr ("\n  case %u: %s → %s (%s)", i, cases[i].op, s ? s->to : "(none)",
                    s ? s->detail : "");
      CU_ASSERT (ok);
      /* the interconnect available from the start is untouched */
      CU_ASSERT_STRING_EQUAL (outcome (run, 0, "CreateConnection"), "(no call)");
    }
}

static void
test_key_used_rejected_timeout (void)
{
  {
    RUN_TEXT (DECL ("") "at 0s provision ic1\nat 5m activate ic1\nat 6m activate ic1\n");
    const LmProvStep *again = step (run, 0, "call", "ActivateKey", NULL, LM_MIN (6));
    CU_ASSERT_PTR_NOT_NULL_FATAL (again);
    CU_ASSERT_STRING_EQUAL (again->to, "key-already-used");
    CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 0), "available");
  }
  {
    RUN_TEXT (DECL ("") "provisioning { reject \"no ports left at the Secaucus site\" }\n"
              "at 0s provision ic1\n");
    const LmProvStep *f = step (run, 0, "state", "pending", "failed", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL (f);
    CU_ASSERT_STRING_EQUAL (f->detail, "rejected by the partner: no ports left at the Secaucus "
                            "site");
    LmTime activated = at_of (run, 0, "call", "ActivateKey", "ok");
    CU_ASSERT (within (f->at - activated, LM_MIN (1), LM_MIN (5)));   /* after the review */
  }
  {
    /* the partner fabric is down from the start: built and associated, never usable */
    RUN_TEXT (DECL ("") "at 0s provision ic1\nat 0s fail partner-fabric ic1.fabric\n");
    const LmProvStep *f = step (run, 0, "state", "pending", "failed", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL (f);
    CU_ASSERT_EQUAL (f->at, at_of (run, 0, "state", "requested", "pending") + LM_H (1));
    CU_ASSERT_STRING_EQUAL (f->detail, "not available within 1h: 4 of 4 connections built, 4 "
                            "with routes at both ends; associated with the gateway; no path "
                            "carries traffic");
  }
  {
    RUN_TEXT (DECL ("") "gateway gw { private-vifs 2 }\nat 0s provision ic1\n");
    const LmProvStep *f = step (run, 0, "state", "pending", "failed", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL (f);
    CU_ASSERT_PTR_NOT_NULL (strstr (f->detail, "private virtual interfaces and cannot be "
                                    "associated with a transit gateway"));
  }
}

static void
test_update_refused_and_delete (void)
{
  RUN_TEXT (DECL ("") "environments { lumen new-york limited }\n"
            "at 0s update ic1 bandwidth 25Gbps\nat 1h delete ic1\n");
  const LmProvStep *u = step (run, 0, "call", "UpdateConnection", NULL, 0);
  CU_ASSERT_STRING_EQUAL (u->to, "InterconnectValidationException");
  CU_ASSERT_EQUAL (count (run, 0, "state", "available", "updating"), 0);
  LmTime deleted = at_of (run, 0, "state", "deleting", "deleted");
  CU_ASSERT (within (deleted - LM_H (1), LM_MIN (1), LM_MIN (5)));
  CU_ASSERT_EQUAL (at_of (run, 0, "state", "available", "deleting"), LM_H (1));
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 0), "deleted");
  CU_ASSERT_STRING_EQUAL (lm_metrics_state_at (m, 0, LM_MIN (59)), "available");
}

/* ------------------------------------------------------------ outputs */

static void
test_report_and_json (void)
{
  RUN_FILE ("provision-create.sc");
  g_autofree char *text = lm_report_text (run, "x");
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\nProvisioning\n  ic1: ordered at 0 s; available at "));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "time to available"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "customer  ic1.console    CreateConnection: ok — "));
  g_autofree char *json = lm_report_json (run, "x", "y", 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"ordered_at_s\" : 0.0"));
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"time_to_available_s\" : "));
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"provisioning\" : ["));
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"what\" : \"call\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"actor\" : \"customer\""));
}

static void
test_same_seed_same_path (void)
{
  g_autoptr (LmScenario) sc = load ("provision-create.sc");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autoptr (LmRun) a = run_sc (sc);
  g_autoptr (LmRun) b = run_sc (sc);
  CU_ASSERT_STRING_EQUAL (lm_trace_text (lm_run_trace (a)), lm_trace_text (lm_run_trace (b)));
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  lm_scenario_overrides_add (set, "seed=43", NULL);
  g_autofree char *path = lm_test_srcpath ("scenarios/provision-create.sc");
  g_autoptr (LmScenario) sc2 = lm_scenario_load (path, set, NULL);
  g_autoptr (LmRun) c = run_sc (sc2);
  CU_ASSERT_NOT_EQUAL (lm_metrics_available_at (lm_run_metrics (a), 0),
                       lm_metrics_available_at (lm_run_metrics (c), 0));
}

/* Issue 5 "done when": the failover scenarios work whether the
 * interconnect starts provisioned or is provisioned in the run.  Each
 * shipped failover scenario, with every interconnect ordered at 0 s and
 * fixed one-minute steps (available at about 4 min, before the first
 * failure at 10 min), keeps every expectation — a loss ratio scaled by the
 * shorter time traffic was offered (the same lost traffic over less
 * offered traffic). */
static void
test_failover_scenarios_provisioned (void)
{
  static const char *const names[] = {
    "carrier-loss", "design-1x2-vs-2x2", "dual-stack", "first-mile-outage",
    "hold-timer-failover", "link-flap", "macsec-cak-mismatch", "macsec-key-rotation",
    "maintenance-drain", "overload-after-failure", "router-pair-crash", "silent-link-failure",
    "site-failure",
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *rel = g_strdup_printf ("scenarios/%s.sc", names[i]);
      g_autofree char *path = lm_test_srcpath (rel);
      g_autofree char *text = NULL;
      CU_ASSERT_FATAL (g_file_get_contents (path, &text, NULL, NULL));
      g_autoptr (LmScenario) plain = lm_scenario_load (path, NULL, NULL);
      GString *src = g_string_new (text);
      g_string_append (src, "provisioning { activation-delay fixed(1m) partner-build fixed(1m)"
                            " connection-build fixed(1m) attach fixed(1m) }\n");
      for (guint k = 0; k < plain->interconnects->len; k++)
        g_string_append_printf (src, "at 0s provision %s\n",
                                ((LmScInterconnect *) plain->interconnects->pdata[k])->name);
      g_autoptr (GError) error = NULL;
      g_autoptr (LmScenario) sc = lm_scenario_parse_string (src->str, path, NULL, &error);
      g_string_free (src, TRUE);
      CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
      g_autoptr (LmRun) run = run_sc (sc);
      CU_ASSERT_PTR_NOT_NULL_FATAL (run);
      const GArray *res = lm_run_expectations (run);
      for (guint k = 0; k < res->len; k++)
        {
          const LmExpectResult *r = &g_array_index (res, LmExpectResult, k);
          gboolean ok = r->passed;
          guint ic = GPOINTER_TO_UINT (g_ptr_array_index (r->expect->interconnects, 0));
          LmTime avail = lm_metrics_available_at (lm_run_metrics (run), ic);
          CU_ASSERT (avail >= LM_MIN (4) && avail < LM_MIN (5));   /* 4 steps of 1 min */
          if (r->expect->kind == LM_SC_EXPECT_LOSS)
            ok = r->value <= r->expect->fraction * LM_TIME_TO_S (sc->duration)
                              / LM_TIME_TO_S (sc->duration - avail);
          if (!ok)
            g_printerr ("\n  %s: %s measured %s", names[i], r->expect->text, r->value_text);
          CU_ASSERT (ok);
        }
    }
}

LM_SUITE (provisioning) = {
  { "create in the console: key, partner, four builds, attach, then traffic", test_create },
  { "accept a partner's proposal after a wrong key", test_accept },
  { "an expired key fails the order; a new order gets a new id and key", test_key_expired },
  { "equal ASNs: the association fails, the connections are torn down", test_asn_conflict },
  { "prefix overlaps and allowed-prefix gaps reported; a new gateway comes first",
    test_prefix_overlap },
  { "a bandwidth upgrade: updating until acknowledged, policing until then",
    test_bandwidth_upgrade },
  { "a limited environment refuses 25 Gbps, an unavailable one everything",
    test_environment_limited },
  { "site failure after a real provisioning: counted from available_at",
    test_then_site_failure },
  { "each validation, not-found, quota and client error from scenario syntax",
    test_validation_errors },
  { "a key used twice, a partner's rejection, the provisioning timeout, VIFs with a TGW",
    test_key_used_rejected_timeout },
  { "an update the environment does not offer; deleting → deleted", test_update_refused_and_delete },
  { "the report's provisioning section and the JSON steps", test_report_and_json },
  { "same seed, same path; another seed, another", test_same_seed_same_path },
  { "every failover scenario holds when its interconnects are provisioned in the run",
    test_failover_scenarios_provisioned },
  CU_TEST_INFO_NULL,
};
