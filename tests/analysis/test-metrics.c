/* tests/analysis/test-metrics.c — figures integrated from signals. */
#include <math.h>
#include "tests/lm-test.h"
#include "analysis/metrics.h"
#include "models/traffic.h"

static const char *const ics[] = { "ic1", "ic2", NULL };
static const char *const dirs[] = { "to-cloud", "from-cloud", NULL };
static const char *const causes[] = { "failover", "congestion", "policing", "macsec", "errors", NULL };

typedef struct { LmSim *sim; int step; LmTraffic *traffic; } Script;

static void
state (LmSim *sim, const char *comp, const char *what, int to)
{
  lm_sim_emit_state (sim, comp, what, !to, to ? "0" : "1", to, to ? "1" : "0", NULL);
}

/* ic1: available at 0, reachability lost 100 s → 100.9 s and 3000 s → 3600 s
 * of a 3600 s run; failure f1 at 100 s detected at 100.75 s, last FIB change
 * at 100.9 s, repaired at 200 s, restored at 231 s. */
static void
script (LmSim *sim, gpointer data)
{
  Script *s = data;
  switch (s->step++)
    {
    case 0:
      lm_sim_emit_state (sim, "ic1", "state", 0, "pending", 2, "available", NULL);
      state (sim, "ic1", "reachability", 1);
      lm_sim_schedule (sim, LM_S (100), script, s);
      break;
    case 1:
      lm_sim_emit_state (sim, "f1", "failure", 0, "closed", 1, "open", "ic1.A.rp1.link");
      state (sim, "ic1", "reachability", 0);
      lm_traffic_set_status (s->traffic, 0, LM_PATH_DEAD);
      lm_sim_schedule (sim, LM_MS (750), script, s);
      break;
    case 2:
      lm_sim_emit_sample (sim, "ic1.A.rp1.bfd.cloud", "detect", 0);
      lm_sim_schedule (sim, LM_MS (150), script, s);
      break;
    case 3:
      state (sim, "ic1", "reachability", 1);   /* another path is usable */
      lm_sim_emit_sample (sim, "ic1.A.rp1", "fib.to-cloud", -1);
      lm_traffic_set_fib (s->traffic, LM_DIR_TO_CLOUD, 0, 0, FALSE);
      lm_traffic_set_fib (s->traffic, LM_DIR_FROM_CLOUD, 0, 0, FALSE);
      lm_sim_schedule (sim, LM_MS (100), script, s);
      break;
    case 4:
      lm_sim_schedule (sim, LM_S (99), script, s);
      break;
    case 5:   /* t = 200 s */
      lm_sim_emit_state (sim, "f1", "failure", 1, "open", 0, "closed", "ic1.A.rp1.link");
      lm_traffic_set_status (s->traffic, 0, LM_PATH_OK);
      lm_sim_schedule (sim, LM_S (31), script, s);
      break;
    case 6:
      lm_sim_emit_sample (sim, "ic1.A.rp1", "fib.from-cloud", +1);
      lm_sim_schedule_at (sim, LM_S (3000), script, s, NULL);
      break;
    case 7:
      state (sim, "ic1", "reachability", 0);
      break;
    }
}

static void
test_availability_and_convergence (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (LmMetrics) m = lm_metrics_new (sim, ics, dirs, causes);
  LmTrafficConfig c = {
    .rate_bps = { 1000000000, 1000000000 }, .flows = 64, .packet_bytes = 1500,
    .mtu_bytes = 8500, .tier_bps = 10000000000, .port_bps = 10000000000,
    .propagation = LM_MS (1), .queue_limit = LM_MS (10), .n_families = 1,
  };
  g_autoptr (LmTraffic) t = lm_traffic_new (sim, "ic1", &c, 2);
  double share = lm_traffic_utilization (t, LM_DIR_TO_CLOUD, 0) * 1e10;
  Script s = { sim, 0, t };
  lm_sim_schedule (sim, 0, script, &s);
  lm_sim_run_until (sim, LM_S (3600));
  lm_traffic_flush (t);
  lm_metrics_finish (m);

  CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (m, 0, LM_AVAIL_REACHABILITY),
                          (3600.0 - 0.9 - 600.0) / 3600.0, 1e-12);
  CU_ASSERT (isnan (lm_metrics_availability (m, 0, LM_AVAIL_FULL_CAPACITY)));
  CU_ASSERT_STRING_EQUAL (lm_metrics_state (m, 0), "available");
  CU_ASSERT_EQUAL (lm_metrics_available_at (m, 0), 0);
  /* ic2 was never announced: available from the start, nothing measured */
  CU_ASSERT_PTR_NULL (lm_metrics_state (m, 1));

  CU_ASSERT_EQUAL_FATAL (lm_metrics_n_failures (m), 1);
  const LmFailureMetrics *f = lm_metrics_find_failure (m, "f1");
  CU_ASSERT_PTR_NOT_NULL_FATAL (f);
  CU_ASSERT_EQUAL (f->detect, LM_MS (750));
  CU_ASSERT_EQUAL (f->converge, LM_MS (900));
  CU_ASSERT_EQUAL (f->restored, LM_S (31));
  /* the loss signals integrate to what the traffic model itself counted */
  for (int d = 0; d < 2; d++)
    {
      CU_ASSERT_DOUBLE_EQUAL (lm_metrics_lost_bits (m, 0, d, 0),
                              lm_traffic_lost_bits (t, d, LM_LOSS_FAILOVER), 1e-3);
      CU_ASSERT_DOUBLE_EQUAL (lm_metrics_offered_bits (m, 0, d), 3.6e12, 1);
    }
  CU_ASSERT_DOUBLE_EQUAL (f->lost_bits[0], share * 0.9, 1e-3);
}

/* Outages and months: reachability down 10 min in month 1, 1 h and then a
 * same-instant flicker in month 2, up through month 3, down again for the
 * last 30 min of a 3-month-and-a-day run; the open outage at the end counts. */
typedef struct { LmSim *sim; int step; } Outages;

static void
outage_script (LmSim *sim, gpointer data)
{
  Outages *o = data;
  static const LmTime at[] = { 0, LM_H (100), LM_H (100) + LM_MIN (10), LM_H (800),
                               LM_H (801), LM_H (900), LM_H (2214) - LM_MIN (30) };
  int step = o->step++;
  switch (step)
    {
    case 0:
      lm_sim_emit_state (sim, "ic1", "state", 0, "pending", 2, "available", NULL);
      lm_sim_emit_state (sim, "ic2", "state", 0, "pending", 2, "available", NULL);
      state (sim, "ic1", "reachability", 1);
      break;
    case 1: state (sim, "ic1", "reachability", 0); break;
    case 2: state (sim, "ic1", "reachability", 1); break;
    case 3: state (sim, "ic1", "reachability", 0); break;
    case 4: state (sim, "ic1", "reachability", 1); break;
    case 5:   /* a flicker: down and up at the same instant */
      state (sim, "ic1", "reachability", 0);
      state (sim, "ic1", "reachability", 1);
      break;
    case 6: state (sim, "ic1", "reachability", 0); break;
    }
  if (step + 1 < (int) G_N_ELEMENTS (at))
    lm_sim_schedule_at (sim, at[step + 1], outage_script, o, NULL);
}

static void
test_outages_and_months (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (LmMetrics) m = lm_metrics_new (sim, ics, dirs, causes);
  Outages o = { sim, 0 };
  lm_sim_schedule_at (sim, 0, outage_script, &o, NULL);
  lm_sim_run_until (sim, LM_H (2214));
  lm_metrics_finish (m);
  CU_ASSERT_EQUAL (lm_metrics_outages (m, 0, LM_AVAIL_REACHABILITY), 3);
  CU_ASSERT_EQUAL (lm_metrics_span (m, 0), LM_H (2214));
  CU_ASSERT_EQUAL (lm_metrics_down_time (m, 0, LM_AVAIL_REACHABILITY),
                   LM_MIN (10) + LM_H (1) + LM_MIN (30));
  const LmMonths *months = lm_metrics_months (m, 0, LM_AVAIL_REACHABILITY);
  CU_ASSERT_EQUAL (months->months, 3);          /* 2214 h = 3 × 730 h + 24 h */
  CU_ASSERT_EQUAL (months->below[0], 2);        /* 10 min and 1 h > 4.38 min */
  CU_ASSERT_EQUAL (months->below[1], 1);        /* only 1 h > 43.8 min */
  CU_ASSERT_EQUAL (months->below[2], 0);
  /* reachability never announced: unknown the whole run, counted down, but no outage */
  CU_ASSERT_EQUAL (lm_metrics_outages (m, 1, LM_AVAIL_REACHABILITY), 0);
  CU_ASSERT_EQUAL (lm_metrics_months (m, 1, LM_AVAIL_REACHABILITY)->below[3], 3);
}

LM_SUITE (analysis_metrics) = {
  { "availability, detection, convergence and restoration from signals", test_availability_and_convergence },
  { "outages counted once each (not flickers, open one at the end), months by threshold",
    test_outages_and_months },
  CU_TEST_INFO_NULL,
};
