/* tests/analysis/test-series.c — the time series of a run (analysis/series.h)
 * say what the report says: site-failure.sc loses site A (two of four
 * connections) from 30 min to 60 min under 6 Gbit/s each way. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "analysis/run.h"
#include "models/traffic.h"


static LmRun *
run_file (const char *name, LmRunFlags flags, LmScenario **sc_out)
{
  g_autofree char *rel = g_strconcat ("scenarios/", name, NULL);
  g_autofree char *path = lm_test_srcpath (rel);
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_load (path, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  LmRun *run = lm_run_new (sc, 0, flags, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);
  CU_ASSERT_TRUE (lm_run_execute (run, &error));
  *sc_out = sc;
  return run;
}

#define SITE_FAILURE()                                                         \
  LmScenario *sc_;                                                             \
  g_autoptr (LmRun) run = run_file ("site-failure.sc", LM_RUN_SERIES, &sc_);   \
  g_autoptr (LmScenario) sc = sc_;                                             \
  LmSeries *s = lm_run_series (run);                                           \
  CU_ASSERT_PTR_NOT_NULL_FATAL (s);                                            \
  (void) sc

static double
total_loss (const LmSeriesPoint *p)
{
  double sum = 0;
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    for (int c = 0; c < LM_SERIES_N_CAUSES; c++)
      sum += p->loss_bps[d][c];
  return sum;
}

static void
test_capacity_halves (void)
{
  SITE_FAILURE ();
  const LmSeriesPoint *before = lm_series_at (s, 0, LM_MIN (29));
  const LmSeriesPoint *during = lm_series_at (s, 0, LM_MIN (45));
  const LmSeriesPoint *after = lm_series_at (s, 0, LM_MIN (100));
  CU_ASSERT_PTR_NOT_NULL_FATAL (before);
  CU_ASSERT_PTR_NOT_NULL_FATAL (during);
  CU_ASSERT_PTR_NOT_NULL_FATAL (after);
  CU_ASSERT_EQUAL (before->usable, 4);
  CU_ASSERT_EQUAL (before->capacity_bps, 40e9);   /* four 10 Gbit/s ports */
  CU_ASSERT_EQUAL (during->usable, 2);
  CU_ASSERT_EQUAL (during->capacity_bps, 20e9);   /* site A's two are gone */
  CU_ASSERT_EQUAL (after->capacity_bps, 40e9);
  CU_ASSERT_EQUAL (during->tier_bps, 10e9);
  CU_ASSERT_EQUAL (during->offered_bps[LM_DIR_TO_CLOUD], 6e9);
  CU_ASSERT_EQUAL (during->offered_bps[LM_DIR_FROM_CLOUD], 6e9);
  CU_ASSERT_EQUAL (before->full_capacity, 1);
  CU_ASSERT_EQUAL (during->full_capacity, 0);
  CU_ASSERT_EQUAL (during->half_capacity, 1);
  CU_ASSERT_EQUAL (during->reachability, 1);
  CU_ASSERT_EQUAL (total_loss (before), 0);
  CU_ASSERT_EQUAL (total_loss (during), 0);         /* converged long before */
  /* right after the crash, flows hashed onto site A are lost */
  const LmSeriesPoint *crash = lm_series_at (s, 0, LM_MIN (30) + LM_MS (100));
  CU_ASSERT (crash->loss_bps[LM_DIR_TO_CLOUD][LM_LOSS_FAILOVER] > 1e9);
  CU_ASSERT (crash->latency_s[0] > 1e-3 && crash->latency_s[0] < 1e-2);
}

/* The loss step functions integrate to what the report counts. */
static void
test_loss_integrates_to_report (void)
{
  SITE_FAILURE ();
  const GArray *pts = lm_series_points (s, 0);
  LmTime end = lm_series_end (s);
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    for (int c = 0; c < LM_SERIES_N_CAUSES; c++)
      {
        double bits = 0;
        for (guint i = 0; i < pts->len; i++)
          {
            const LmSeriesPoint *p = &g_array_index (pts, LmSeriesPoint, i);
            LmTime next = i + 1 < pts->len ? g_array_index (pts, LmSeriesPoint, i + 1).at : end;
            bits += p->loss_bps[d][c] * LM_TIME_TO_S (next - p->at);
          }
        double want = lm_metrics_lost_bits (lm_run_metrics (run), 0, d, c);
        CU_ASSERT_DOUBLE_EQUAL (bits, want, 1e-9 * MAX (want, 1.0));
      }
  CU_ASSERT (lm_metrics_lost_bits (lm_run_metrics (run), 0, 0, LM_LOSS_FAILOVER) > 0);
  /* one point per change, in time order, never two at one time */
  for (guint i = 1; i < pts->len; i++)
    CU_ASSERT (g_array_index (pts, LmSeriesPoint, i).at > g_array_index (pts, LmSeriesPoint, i - 1).at);
  CU_ASSERT (pts->len < 100);   /* changes, not packets */
}

static void
test_states_follow_the_failure (void)
{
  SITE_FAILURE ();
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1.bgp.ipv4.cloud", LM_MIN (10)), "Established");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1.bgp.ipv4.cloud", LM_MIN (45)), "Idle");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1.bgp.ipv4.cloud", LM_MIN (100)), "Established");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1.bgp.ipv4.bfd.cloud", LM_MIN (45)), "AdminDown");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1.link.cloud", LM_MIN (10)), "secured");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1", LM_MIN (45)), "site-failed");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1", LM_MIN (61)), "up");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.B.rp2", LM_MIN (45)), "up");
  CU_ASSERT_STRING_EQUAL (lm_series_failure_target (s, "f1"), "ic1.A");
}

/* Every component's intervals tile [0, end) without gaps or overlaps; one
 * that never moved has exactly one. */
static void
test_intervals_tile_the_run (void)
{
  SITE_FAILURE ();
  const GArray *ivs = lm_series_intervals (s);
  LmTime end = lm_series_end (s);
  CU_ASSERT_EQUAL (end, sc->duration);
  guint n = lm_series_n_components (s);
  CU_ASSERT_EQUAL (n, 4 * (1 + 2 + 2 * 2 + 2 * 2));   /* link, MACsec ×2, BFD and BGP ×2 per family */
  g_autofree LmTime *reached = g_new0 (LmTime, n);
  g_autofree guint *count = g_new0 (guint, n);
  for (guint i = 0; i < ivs->len; i++)
    {
      const LmSeriesInterval *iv = &g_array_index (ivs, LmSeriesInterval, i);
      CU_ASSERT_EQUAL (iv->from, reached[iv->track]);
      CU_ASSERT (iv->to > iv->from);
      reached[iv->track] = iv->to;
      count[iv->track]++;
    }
  for (guint t = 0; t < n; t++)
    CU_ASSERT_EQUAL (reached[t], end);
  for (guint t = 0; t < n; t++)
    {
      const char *kind;
      const char *name = lm_series_component (s, t, &kind, NULL);
      if (strcmp (name, "ic1.B.rp1.bgp.ipv6.partner") == 0)
        CU_ASSERT_EQUAL (count[t], 1);
      if (strcmp (name, "ic1.A.rp1") == 0)
        {
          CU_ASSERT_STRING_EQUAL (kind, "link");
          CU_ASSERT_EQUAL (count[t], 3);   /* up, site-failed, up */
        }
    }
}

static void
test_provisioned_connection_starts_unbuilt (void)
{
  LmScenario *sc_;
  g_autoptr (LmRun) run = run_file ("provision-then-site-failure.sc", LM_RUN_SERIES, &sc_);
  g_autoptr (LmScenario) sc = sc_;
  LmSeries *s = lm_run_series (run);
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1", 0), "not-built");
  CU_ASSERT_STRING_EQUAL (lm_series_state_at (s, "ic1.A.rp1", LM_MIN (40)), "up");
  CU_ASSERT_EQUAL (lm_series_at (s, 0, 0)->usable, 0);
  CU_ASSERT_EQUAL (lm_series_at (s, 0, 0)->capacity_bps, 0);
  CU_ASSERT_EQUAL (lm_series_at (s, 0, LM_MIN (40))->capacity_bps, 40e9);
}

static void
test_off_unless_asked (void)
{
  LmScenario *sc_;
  g_autoptr (LmRun) run = run_file ("site-failure.sc", LM_RUN_TIMELINE, &sc_);
  g_autoptr (LmScenario) sc = sc_;
  CU_ASSERT_PTR_NULL (lm_run_series (run));
}

static void
test_target_classes (void)
{
  CU_ASSERT_EQUAL (lm_series_target_class ("ic1.A"), LM_SC_CLASS_SITE);
  CU_ASSERT_EQUAL (lm_series_target_class ("ic1.B.rp2"), LM_SC_CLASS_ROUTER_PAIR);
  CU_ASSERT_EQUAL (lm_series_target_class ("ic1.B.rp2.cloud"), LM_SC_CLASS_ROUTER);
  CU_ASSERT_EQUAL (lm_series_target_class ("ic1.B.rp2.link"), LM_SC_CLASS_LINK);
  CU_ASSERT_EQUAL (lm_series_target_class ("ic1.B.rp2.bgp.ipv6"), LM_SC_CLASS_BGP);
  CU_ASSERT_EQUAL (lm_series_target_class ("ic1.fabric"), LM_SC_CLASS_PARTNER_FABRIC);
  CU_ASSERT_EQUAL (lm_series_target_class ("ic1.first-mile"), LM_SC_CLASS_FIRST_MILE);
}

LM_SUITE (analysis_series) = {
  { "capacity halves while site A is down, and comes back", test_capacity_halves },
  { "loss over time integrates to the report's lost bits", test_loss_integrates_to_report },
  { "sessions and connections change state with the failure", test_states_follow_the_failure },
  { "each component's intervals cover the run exactly once", test_intervals_tile_the_run },
  { "an ordered interconnect starts with its connections unbuilt",
    test_provisioned_connection_starts_unbuilt },
  { "replications do not pay for time series", test_off_unless_asked },
  { "failure targets are classified by their names", test_target_classes },
  CU_TEST_INFO_NULL,
};
