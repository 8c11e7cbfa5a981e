/* tests/analysis/test-scenarios.c — every shipped failover scenario, run and
 * checked against values computed by hand from the documented models
 * (docs/models.md: BFD 300 ms × 3 detects in (0.6, 0.9] s; the hold timer in
 * (60, 90] s; backbone and fabric detection in [150, 350] ms; gateway
 * propagation [20, 80] ms; fabric convergence [50, 250] ms; carrier 1 ms). */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "analysis/run.h"
#include "analysis/report.h"
#include "models/traffic.h"

#define MS(x) ((LmTime) ((x) * 1e6))

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

static LmRun *
run_scenario (LmScenario *sc)
{
  g_autoptr (GError) error = NULL;
  LmRun *run = lm_run_new (sc, 0, TRUE, &error);
  if (run == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return NULL;
    }
  lm_run_execute (run, NULL);
  return run;
}

#define RUN(file)                                        \
  g_autoptr (LmScenario) sc = load (file);               \
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);                     \
  g_autoptr (LmRun) run = run_scenario (sc);             \
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);                    \
  LmMetrics *m = lm_run_metrics (run);                   \
  CU_ASSERT_TRUE (lm_run_all_passed (run));              \
  (void) m

static const LmFailureMetrics *
failure (LmRun *run, const char *id)
{
  return lm_metrics_find_failure (lm_run_metrics (run), id);
}

static double
lost (LmMetrics *m, guint ic, LmLossCause cause)
{
  return lm_metrics_lost_bits (m, ic, LM_DIR_TO_CLOUD, cause)
         + lm_metrics_lost_bits (m, ic, LM_DIR_FROM_CLOUD, cause);
}

static void
assert_only_failover_loss (LmMetrics *m, guint ic)
{
  CU_ASSERT (lost (m, ic, LM_LOSS_FAILOVER) > 0);
  CU_ASSERT_EQUAL (lost (m, ic, LM_LOSS_CONGESTION), 0);
  CU_ASSERT_EQUAL (lost (m, ic, LM_LOSS_POLICING), 0);
  CU_ASSERT_EQUAL (lost (m, ic, LM_LOSS_MACSEC), 0);
  CU_ASSERT_EQUAL (lost (m, ic, LM_LOSS_ERRORS), 0);
}

/* Both routers gone: only the backbone and the fabric can detect. */
static void
assert_crash_convergence (const LmFailureMetrics *f)
{
  CU_ASSERT_PTR_NOT_NULL_FATAL (f);
  CU_ASSERT (f->detect >= MS (150) && f->detect <= MS (350));
  CU_ASSERT (f->converge >= f->detect + MS (20));
  CU_ASSERT (f->converge <= MS (350 + 250));
  /* repair: BFD and BGP come back, then the 30 s advertisement interval */
  CU_ASSERT (f->restored >= LM_S (30) && f->restored <= LM_S (32));
}

static void
test_site_failure (void)
{
  RUN ("site-failure.sc");
  assert_crash_convergence (failure (run, "f1"));
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY), 1.0, 0);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_COMPONENT_FULL_CAPACITY),
                          0.75, 1e-12);
  /* full capacity also waits for detection before and restoration after */
  double full = lm_metrics_availability (m, 0, LM_AVAIL_FULL_CAPACITY);
  CU_ASSERT (full < 0.75 && full > 0.75 - 40.0 / 7200);
  assert_only_failover_loss (m, 0);
  /* at most half the flows for at most 0.6 s, 6 Gbps each way */
  CU_ASSERT (lost (m, 0, LM_LOSS_FAILOVER) < 2 * 6e9 * 0.6);
}

static void
test_router_pair_crash (void)
{
  RUN ("router-pair-crash.sc");
  assert_crash_convergence (failure (run, "f1"));
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_CAPACITY), 1.0, 0);
  assert_only_failover_loss (m, 0);
}

static void
test_silent_link (void)
{
  RUN ("silent-link-failure.sc");
  const LmFailureMetrics *f = failure (run, "f1");
  CU_ASSERT (f->detect > MS (600) && f->detect <= MS (900));    /* BFD 300 ms × 3 */
  CU_ASSERT (f->converge <= MS (900 + 250));
  assert_only_failover_loss (m, 0);
}

static void
test_hold_timer (void)
{
  RUN ("hold-timer-failover.sc");
  const LmFailureMetrics *f = failure (run, "f1");
  CU_ASSERT (f->detect > LM_S (60) && f->detect <= LM_S (90)); /* (hold − keepalive, hold] */
  CU_ASSERT (f->converge <= LM_S (90) + MS (250));
  /* about a quarter of 4 Gbps each way for 60–90 s */
  double l = lost (m, 0, LM_LOSS_FAILOVER);
  CU_ASSERT (l > 2 * 4e9 * 0.15 * 60 && l < 2 * 4e9 * 0.35 * 90.3);
}

static void
test_carrier_loss (void)
{
  RUN ("carrier-loss.sc");
  const LmFailureMetrics *f = failure (run, "f1");
  CU_ASSERT_EQUAL (f->detect, MS (1));                          /* interface down */
  CU_ASSERT (f->converge >= MS (1 + 20) && f->converge <= MS (1 + 250));
  assert_only_failover_loss (m, 0);
}

static void
test_key_rotation_hitless (void)
{
  RUN ("macsec-key-rotation.sc");
  for (int c = 0; c < LM_LOSS_N; c++)
    CU_ASSERT_EQUAL (lost (m, 0, c), 0);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_FULL_CAPACITY), 1.0, 0);
}

static void
test_cak_mismatch (void)
{
  RUN ("macsec-cak-mismatch.sc");
  /* the connection's flows are lost to MACsec from the life time (4–6 s)
   * until BFD (0.6–0.9 s) and the slower side (≤ 250 ms) move them */
  double share = 6e9 * 2 * 0.35;
  CU_ASSERT (lost (m, 0, LM_LOSS_MACSEC) > 0);
  CU_ASSERT (lost (m, 0, LM_LOSS_MACSEC) < share * (6 - 4 + 0.9 + 0.25));
  CU_ASSERT_EQUAL (lost (m, 0, LM_LOSS_FAILOVER), 0);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY), 1.0, 0);
}

static void
test_maintenance_drain (void)
{
  RUN ("maintenance-drain.sc");
  for (int c = 0; c < LM_LOSS_N; c++)
    CU_ASSERT_EQUAL (lost (m, 0, c), 0);
}

static void
test_link_flap (void)
{
  RUN ("link-flap.sc");
  CU_ASSERT_EQUAL (lm_metrics_n_failures (m), 15);            /* 10 min / 40 s, rounded up */
  const LmFailureMetrics *f = failure (run, "f1");
  CU_ASSERT (f->detect > MS (600) && f->detect <= MS (900));
}

static void
test_overload (void)
{
  RUN ("overload-after-failure.sc");
  /* 100 Gbps offered, 80 carried, for the 30 minutes: 20 Gbps × 1800 s each
   * way, a little more from uneven hashing */
  double c = lost (m, 0, LM_LOSS_CONGESTION);
  CU_ASSERT (c > 2 * 20e9 * 1800 && c < 2 * 20e9 * 1800 * 1.02);
  CU_ASSERT_EQUAL (lost (m, 0, LM_LOSS_POLICING), 0);
  double cap = lm_metrics_availability (m, 0, LM_AVAIL_CAPACITY);
  CU_ASSERT (cap < 0.75 && cap > 0.74);
}

static void
test_first_mile (void)
{
  RUN ("first-mile-outage.sc");
  /* exactly 4 of 120 minutes, whatever the design behind it */
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY),
                          1.0 - 4.0 / 120, 1e-12);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_COMPONENT_REACHABILITY),
                          1.0 - 4.0 / 120, 1e-12);
  const LmFailureMetrics *f = failure (run, "f1");
  CU_ASSERT_EQUAL (f->detect, 0);
  CU_ASSERT_EQUAL (f->converge, -1);                            /* nothing can restore it */
  CU_ASSERT_DOUBLE_EQUAL (lost (m, 0, LM_LOSS_FAILOVER), 2 * 2e9 * 240, 1);
}

static void
test_dual_stack (void)
{
  RUN ("dual-stack.sc");
  /* a reset withdraws at once while the link still carries: no loss */
  for (int c = 0; c < LM_LOSS_N; c++)
    CU_ASSERT_EQUAL (lost (m, 0, c), 0);
  const LmFailureMetrics *f = failure (run, "f1");
  CU_ASSERT_EQUAL (f->detect, 0);
  CU_ASSERT (f->converge <= MS (250));
  /* IPv4 sessions never left Established */
  CU_ASSERT_PTR_NULL (strstr (lm_trace_text (lm_run_trace (run)), "bgp.ipv4.cloud\",\"what\":\"bgp\""));
}

static void
test_designs (void)
{
  RUN ("design-1x2-vs-2x2.sc");
  double one_site = lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY);
  CU_ASSERT (one_site < 0.75 && one_site > 0.75 - 40.0 / 7200);
  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 1, LM_AVAIL_REACHABILITY), 1.0, 0);
  assert_crash_convergence (failure (run, "f2"));
}

static void
test_year_of_failures (void)
{
  RUN ("year-of-failures.sc");
  /* about 4 × 5.16 pair failures and 2 × 0.2 site failures in a year */
  guint n = lm_metrics_n_failures (m);
  CU_ASSERT (n >= 8 && n <= 40);
  for (guint i = 0; i < n; i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      CU_ASSERT (f->id[0] == 'r');
      /* a pair or a site crash: backbone / fabric detection and propagation */
      if (f->converge >= 0)
        CU_ASSERT (f->converge <= MS (350 + 250));
    }
  /* component full capacity: the pairs' downtime, about 4 × 7.07 h a year */
  double full = lm_metrics_availability (m, 0, LM_AVAIL_COMPONENT_FULL_CAPACITY);
  CU_ASSERT (full > 0.99 && full < 1.0);
  CU_ASSERT (lm_metrics_availability (m, 0, LM_AVAIL_FULL_CAPACITY) <= full);
}

/* Same seed: the same bytes (report and trace); another seed: another run. */
static void
test_determinism (void)
{
  g_autoptr (LmScenario) sc = load ("site-failure.sc");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autoptr (LmRun) a = run_scenario (sc);
  g_autoptr (LmRun) b = run_scenario (sc);
  g_autofree char *ra = lm_report_text (a, "x");
  g_autofree char *rb = lm_report_text (b, "x");
  CU_ASSERT_STRING_EQUAL (ra, rb);
  CU_ASSERT_STRING_EQUAL (lm_trace_text (lm_run_trace (a)), lm_trace_text (lm_run_trace (b)));
  sc->seed = 43;
  g_autoptr (LmRun) c = run_scenario (sc);
  CU_ASSERT_STRING_NOT_EQUAL (lm_trace_text (lm_run_trace (a)), lm_trace_text (lm_run_trace (c)));
}

LM_SUITE (scenarios) = {
  { "site-failure: the backbone and the fabric detect, converge within 0.6 s", test_site_failure },
  { "router-pair-crash: three connections carry on at capacity", test_router_pair_crash },
  { "silent-link-failure: BFD detects in (0.6, 0.9] s", test_silent_link },
  { "hold-timer-failover: without BFD the hold timer takes 60-90 s", test_hold_timer },
  { "carrier-loss: interfaces go down in 1 ms", test_carrier_loss },
  { "macsec-key-rotation: rekey and CAK rotation lose nothing", test_key_rotation_hitless },
  { "macsec-cak-mismatch: MACsec loss until BFD moves the flows", test_cak_mismatch },
  { "maintenance-drain: a graceful drain loses nothing", test_maintenance_drain },
  { "link-flap: every period is a failure, the first detected by BFD", test_link_flap },
  { "overload-after-failure: survivors lose the excess to congestion", test_overload },
  { "first-mile-outage: the single point of failure costs exactly its outage", test_first_mile },
  { "dual-stack: an IPv6 reset leaves IPv4 alone and loses nothing", test_dual_stack },
  { "design-1x2-vs-2x2: one site loses everything, two lose nothing", test_designs },
  { "year-of-failures: random pair and site failures, each converging", test_year_of_failures },
  { "same seed, same bytes; another seed, another run", test_determinism },
  CU_TEST_INFO_NULL,
};
