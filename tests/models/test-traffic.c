/* tests/models/test-traffic.c — the fluid traffic model against hand-computed values. */
#include <math.h>
#include "tests/lm-test.h"
#include "models/traffic.h"

static LmTrafficConfig
config (guint64 rate_bps, guint64 tier_bps)
{
  LmTrafficConfig c = {
    .rate_bps = { rate_bps, rate_bps },
    .flows = 4096, .packet_bytes = 1500, .mtu_bytes = 8500,
    .tier_bps = tier_bps, .port_bps = tier_bps,
    .propagation = LM_US (1500), .queue_limit = LM_MS (10), .n_families = 1,
  };
  return c;
}

#define GBPS(x) ((guint64) (x) * 1000000000ull)

static void
advance (LmSim *sim, LmTime dt)
{
  lm_sim_run_until (sim, lm_sim_now (sim) + dt);
}

static void
test_no_loss_when_all_up (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmTrafficConfig c = config (GBPS (6), GBPS (10));
  g_autoptr (LmTraffic) t = lm_traffic_new (sim, "ic1", &c, 4);
  advance (sim, LM_S (10));
  lm_traffic_flush (t);
  for (int d = 0; d < LM_DIR_N; d++)
    {
      CU_ASSERT_DOUBLE_EQUAL (lm_traffic_offered_bits (t, d), 6e10, 1);
      CU_ASSERT_DOUBLE_EQUAL (lm_traffic_delivered_bits (t, d), 6e10, 1);
      for (int k = 0; k < LM_LOSS_N; k++)
        CU_ASSERT_EQUAL (lm_traffic_lost_bits (t, d, k), 0);
    }
  /* ECMP by hash: uneven, but every path carries about a quarter */
  double sum = 0;
  for (guint p = 0; p < 4; p++)
    {
      double u = lm_traffic_utilization (t, LM_DIR_TO_CLOUD, p);
      CU_ASSERT (u > 0.13 && u < 0.17);
      sum += u;
    }
  CU_ASSERT_DOUBLE_EQUAL (sum, 0.6, 1e-9);
}

static void
test_dead_path_in_fib_is_failover_loss (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmTrafficConfig c = config (GBPS (6), GBPS (10));
  g_autoptr (LmTraffic) t = lm_traffic_new (sim, "ic1", &c, 4);
  double share = lm_traffic_utilization (t, LM_DIR_TO_CLOUD, 2) * 1e10;
  advance (sim, LM_S (5));
  lm_traffic_set_status (t, 2, LM_PATH_DEAD);          /* dead, still in the FIB */
  advance (sim, LM_MS (900));
  lm_traffic_set_fib (t, LM_DIR_TO_CLOUD, 0, 2, FALSE); /* withdrawn after 0.9 s */
  advance (sim, LM_S (3));
  lm_traffic_flush (t);
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_lost_bits (t, LM_DIR_TO_CLOUD, LM_LOSS_FAILOVER),
                          share * 0.9, 1);
  /* from-cloud never withdrew: still losing */
  CU_ASSERT (lm_traffic_lost_bits (t, LM_DIR_FROM_CLOUD, LM_LOSS_FAILOVER) > share * 3.8);
  CU_ASSERT_EQUAL (lm_traffic_utilization (t, LM_DIR_TO_CLOUD, 2), 0);
}

static void
test_survivors_congest (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  /* 25 Gbps on a 50 Gbps tier over 4 ports; lose two ports */
  LmTrafficConfig c = config (GBPS (25), GBPS (10));
  c.tier_bps = GBPS (50);
  g_autoptr (LmTraffic) t = lm_traffic_new (sim, "ic1", &c, 4);
  CU_ASSERT_FALSE (lm_traffic_congested (t));
  for (guint p = 0; p < 2; p++)
    for (int d = 0; d < LM_DIR_N; d++)
      lm_traffic_set_fib (t, d, 0, p, FALSE);
  CU_ASSERT_TRUE (lm_traffic_congested (t));
  double u2 = lm_traffic_utilization (t, LM_DIR_TO_CLOUD, 2);
  double u3 = lm_traffic_utilization (t, LM_DIR_TO_CLOUD, 3);
  CU_ASSERT_DOUBLE_EQUAL (u2, 1.0, 1e-12);
  CU_ASSERT_DOUBLE_EQUAL (u3, 1.0, 1e-12);
  advance (sim, LM_S (2));
  lm_traffic_flush (t);
  /* 25 offered, 20 carried: 5 Gbps lost to congestion for 2 s */
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_lost_bits (t, LM_DIR_TO_CLOUD, LM_LOSS_CONGESTION), 1e10, 1);
}

static void
test_policing_and_macsec (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmTrafficConfig c = config (GBPS (12), GBPS (10));
  g_autoptr (LmTraffic) t = lm_traffic_new (sim, "ic1", &c, 2);
  lm_traffic_set_status (t, 0, LM_PATH_NO_KEY);
  double share0 = 0;
  {
    /* path 0's share of the admitted 10 Gbps */
    g_autoptr (LmSim) s2 = lm_sim_new (1, 0);
    g_autoptr (LmTraffic) t2 = lm_traffic_new (s2, "ic1", &c, 2);
    share0 = lm_traffic_utilization (t2, LM_DIR_TO_CLOUD, 0) * 1e10;
  }
  advance (sim, LM_S (1));
  lm_traffic_flush (t);
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_lost_bits (t, LM_DIR_TO_CLOUD, LM_LOSS_POLICING), 2e9, 1);
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_lost_bits (t, LM_DIR_TO_CLOUD, LM_LOSS_MACSEC), share0, 1);
  CU_ASSERT_EQUAL (lm_traffic_lost_bits (t, LM_DIR_TO_CLOUD, LM_LOSS_FAILOVER), 0);
}

static void
test_errors_and_no_route (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmTrafficConfig c = config (GBPS (1), GBPS (10));
  g_autoptr (LmTraffic) t = lm_traffic_new (sim, "ic1", &c, 1);
  lm_traffic_set_error_ratio (t, 0, 0.01);
  advance (sim, LM_S (1));
  lm_traffic_set_fib (t, LM_DIR_FROM_CLOUD, 0, 0, FALSE);
  advance (sim, LM_S (1));
  lm_traffic_flush (t);
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_lost_bits (t, LM_DIR_TO_CLOUD, LM_LOSS_ERRORS), 2e7, 1e-3);
  /* no route at all for 1 s: all of it is failover loss */
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_lost_bits (t, LM_DIR_FROM_CLOUD, LM_LOSS_FAILOVER), 1e9, 1e-3);
}

static void
test_latency_quantiles_mm1 (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmTrafficConfig c = config (GBPS (5), GBPS (10));   /* ρ = 0.5 on one port */
  g_autoptr (LmTraffic) t = lm_traffic_new (sim, "ic1", &c, 1);
  advance (sim, LM_S (60));
  double fixed = 1500e-6 + 8.0 * 8500 / 1e10;
  double theta = (1e10 - 5e9) / (8.0 * 1500);
  /* P(W <= x) = 1 - ρ e^{-θx}: below 1-ρ the quantile is the fixed part */
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_latency_quantile (t, 0.3), fixed, 1e-9);
  for (double p = 0.6; p < 0.999; p += 0.13)
    CU_ASSERT_DOUBLE_EQUAL (lm_traffic_latency_quantile (t, p),
                            fixed + log (0.5 / (1 - p)) / theta, 1e-9);
  /* saturate: the queue limit is added */
  lm_traffic_set_rate (t, LM_DIR_TO_CLOUD, GBPS (10));
  lm_traffic_set_rate (t, LM_DIR_FROM_CLOUD, GBPS (10));
  advance (sim, LM_S (600));
  CU_ASSERT_DOUBLE_EQUAL (lm_traffic_latency_quantile (t, 0.99), fixed + 0.010, 1e-9);
}

LM_SUITE (models_traffic) = {
  { "all paths up: nothing lost, ECMP spreads the load", test_no_loss_when_all_up },
  { "a dead path still in the FIB loses its flows until withdrawn", test_dead_path_in_fib_is_failover_loss },
  { "survivors that cannot carry the load lose the excess to congestion", test_survivors_congest },
  { "load above the tier is policed; no key under must-encrypt is macsec loss", test_policing_and_macsec },
  { "a degraded link loses its error ratio; no route loses everything", test_errors_and_no_route },
  { "latency quantiles follow the M/M/1 waiting-time law", test_latency_quantiles_mm1 },
  CU_TEST_INFO_NULL,
};
