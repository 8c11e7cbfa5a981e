/* tests/models/test-forwarder.c — a side's forwarding table. */
#include "tests/lm-test.h"
#include "models/forwarder.h"

typedef struct { LmSim *sim; GString *log; } Ctx;

static void
on_change (LmForwarder *fw, guint path, guint family, gboolean in_fib, gpointer data)
{
  Ctx *c = data;
  g_string_append_printf (c->log, "%" G_GINT64_FORMAT "ms p%u f%u %s\n",
                          lm_sim_now (c->sim) / LM_MS (1), path, family, in_fib ? "in" : "out");
}

static void
test_delay_and_supersede (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (GString) log = g_string_new (NULL);
  Ctx c = { sim, log };
  LmDelayLaw fixed = { LM_MS (50), LM_MS (50) };
  g_autoptr (LmForwarder) fw = lm_forwarder_new (sim, "ic1.gateway", 4, 1, fixed, TRUE,
                                                 on_change, &c);
  lm_forwarder_set_route (fw, 1, 0, LM_ROUTE_NONE, FALSE);
  lm_sim_run_until (sim, LM_MS (10));
  CU_ASSERT_TRUE (lm_forwarder_in_fib (fw, 1, 0));     /* still in flight */
  lm_sim_run_until (sim, LM_MS (100));
  CU_ASSERT_FALSE (lm_forwarder_in_fib (fw, 1, 0));
  /* announce, then withdraw again before it arrives: no change at all */
  lm_forwarder_set_route (fw, 1, 0, LM_ROUTE_NORMAL, FALSE);
  lm_sim_run_until (sim, LM_MS (120));
  lm_forwarder_set_route (fw, 1, 0, LM_ROUTE_NONE, FALSE);
  lm_sim_run_until (sim, LM_MS (500));
  CU_ASSERT_STRING_EQUAL (log->str, "50ms p1 f0 out\n");
}

static void
test_drain_moves_traffic_first (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (GString) log = g_string_new (NULL);
  Ctx c = { sim, log };
  LmDelayLaw now = { 0, 0 };
  g_autoptr (LmForwarder) fw = lm_forwarder_new (sim, "ic1.fabric", 2, 2, now, TRUE,
                                                 on_change, &c);
  /* draining path 0 leaves ECMP while path 1 is normal */
  lm_forwarder_set_route (fw, 0, 1, LM_ROUTE_DRAINING, TRUE);
  lm_sim_run (sim);
  CU_ASSERT_FALSE (lm_forwarder_in_fib (fw, 0, 1));
  CU_ASSERT_TRUE (lm_forwarder_in_fib (fw, 0, 0));     /* other family untouched */
  /* when path 1 goes too, the draining route is the best left: back in */
  lm_forwarder_set_route (fw, 1, 1, LM_ROUTE_NONE, TRUE);
  lm_sim_run (sim);
  CU_ASSERT_TRUE (lm_forwarder_in_fib (fw, 0, 1));
  CU_ASSERT_FALSE (lm_forwarder_in_fib (fw, 1, 1));
  CU_ASSERT_STRING_EQUAL (log->str, "0ms p0 f1 out\n0ms p0 f1 in\n0ms p1 f1 out\n");
}

static void
test_uniform_delay_range (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (7, 0);
  LmDelayLaw law = { LM_MS (100), LM_MS (300) };
  g_autoptr (LmForwarder) fw = lm_forwarder_new (sim, "ic1.fabric", 1, 1, law, TRUE, NULL, NULL);
  double sum = 0;
  const int n = 20000;
  for (int i = 0; i < n; i++)
    {
      LmTime d = lm_forwarder_draw_delay (fw);
      CU_ASSERT_FATAL (d >= LM_MS (100) && d <= LM_MS (300));
      sum += LM_TIME_TO_S (d);
    }
  CU_ASSERT_DOUBLE_EQUAL (sum / n, 0.2, 0.002);
}

LM_SUITE (models_forwarder) = {
  { "a route change reaches the table after its delay; a newer one supersedes it", test_delay_and_supersede },
  { "a draining route leaves ECMP while a normal one remains", test_drain_moves_traffic_first },
  { "propagation delays follow their uniform law", test_uniform_delay_range },
  CU_TEST_INFO_NULL,
};
