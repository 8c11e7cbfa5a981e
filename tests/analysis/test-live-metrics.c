/* tests/analysis/test-live-metrics.c — what /metrics and /status show of a
 * run in progress, without sockets (analysis/live-metrics.h). */
#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include "tests/lm-test.h"
#include "tests/live-check.h"
#include "analysis/live-metrics.h"

#define SCENARIO                                         \
  "scenario \"live-metrics\"\n"                          \
  "seed 7\n"                                             \
  "duration 2h\n"                                        \
  "interconnect ic1 {\n"                                 \
  "    partner lumen\n"                                  \
  "    metro new-york\n"                                 \
  "    bandwidth 10Gbps\n"                               \
  "    gateway g1 attach transit-gateway\n"              \
  "    families ipv4 ipv6\n"                             \
  "}\n"                                                  \
  "traffic ic1 { rate 6Gbps flows 256 }\n"               \
  "at 30m fail site ic1.A\n"                             \
  "at 30m fail site ic1.B\n"                             \
  "at 40m repair site ic1.A\n"                           \
  "at 40m repair site ic1.B\n"

static LmScenario *
scenario (void)
{
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_parse_string (SCENARIO, "live.sc", NULL, &error);
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  return sc;
}

static void
test_format_and_values_mid_run (void)
{
  g_autoptr (LmScenario) sc = scenario ();
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autoptr (LmRun) run = lm_run_new (sc, 0, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);
  lm_run_start (run);
  lm_run_advance (run, LM_MIN (20));
  LmLiveInfo info = { 60, FALSE, 0 };
  g_autofree char *before = lm_live_metrics_text (run, &info);
  g_autofree char *why = NULL;
  CU_ASSERT_TRUE (lm_check_exposition (before, &why));
  if (why != NULL)
    g_printerr ("%s\n", why);
  CU_ASSERT_EQUAL (lm_metric_value (before, "lmsim_simulated_time_seconds", NULL), 1200);
  CU_ASSERT_EQUAL (lm_metric_value (before, "lmsim_speed_ratio", NULL), 60);
  CU_ASSERT_EQUAL (lm_metric_value (before, "lmsim_health", "condition=\"reachability\""), 1);
  CU_ASSERT_EQUAL (lm_metric_value (before, "lmsim_availability_ratio", "condition=\"reachability\""), 1);
  CU_ASSERT_EQUAL (lm_metric_value (before, "lmsim_bgp_session_state",
                                    "site=\"A\",router_pair=\"rp1\",family=\"ipv4\",end=\"cloud\",state=\"Established\""), 1);
  CU_ASSERT_EQUAL (lm_metric_value (before, "lmsim_macsec_state",
                                    "site=\"B\",router_pair=\"rp2\",end=\"partner\",state=\"secured\""), 1);
  CU_ASSERT_EQUAL (lm_metric_value (before, "lmsim_packets_lost_total", "cause=\"failover\""), 0);
  CU_ASSERT (lm_metric_value (before, "lmsim_packets_offered_total", "direction=\"to-cloud\"") > 0);
  CU_ASSERT (lm_metric_value (before, "lmsim_latency_seconds", "quantile=\"0.99\"") > 0);

  /* both sites down from 30m: unreachable now, traffic lost to failover */
  lm_run_advance (run, LM_MIN (35));
  g_autofree char *during = lm_live_metrics_text (run, &info);
  CU_ASSERT_TRUE (lm_check_exposition (during, NULL));
  CU_ASSERT_EQUAL (lm_metric_value (during, "lmsim_health", "condition=\"reachability\""), 0);
  CU_ASSERT_EQUAL (lm_metric_value (during, "lmsim_failures_open", NULL), 2);
  CU_ASSERT_EQUAL (lm_metric_value (during, "lmsim_connection_usable", "site=\"A\",router_pair=\"rp1\""), 0);
  CU_ASSERT_EQUAL (lm_metric_value (during, "lmsim_bgp_session_state",
                                    "site=\"A\",router_pair=\"rp1\",family=\"ipv4\",end=\"cloud\",state=\"Established\""), 0);
  double ratio = lm_metric_value (during, "lmsim_availability_ratio", "condition=\"reachability\"");
  CU_ASSERT (ratio > 0.80 && ratio < 1);
  CU_ASSERT (lm_metric_value (during, "lmsim_packets_lost_total", "direction=\"to-cloud\",cause=\"failover\"") > 0);
  CU_ASSERT_EQUAL (lm_metric_value (during, "lmsim_interconnect_state", "state=\"down\""), 1);
}

static void
test_status_json_mid_run (void)
{
  g_autoptr (LmScenario) sc = scenario ();
  g_autoptr (LmRun) run = lm_run_new (sc, 0, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);
  lm_run_start (run);
  lm_run_advance (run, LM_MIN (31));
  g_autofree char *text = lm_live_status_json (run, NULL);
  g_autoptr (JsonParser) p = json_parser_new ();
  CU_ASSERT_TRUE_FATAL (json_parser_load_from_data (p, text, -1, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  CU_ASSERT_STRING_EQUAL (json_object_get_string_member (root, "scenario"), "live-metrics");
  CU_ASSERT_STRING_EQUAL (json_object_get_string_member (root, "seed"), "7");
  CU_ASSERT_EQUAL (json_object_get_double_member (root, "now_s"), 1860.0);
  JsonObject *ic = json_array_get_object_element (json_object_get_array_member (root, "interconnects"), 0);
  CU_ASSERT_STRING_EQUAL (json_object_get_string_member (ic, "state"), "down");
  JsonObject *health = json_object_get_object_member (ic, "health");
  CU_ASSERT_FALSE (json_object_get_boolean_member (health, "reachability"));
  JsonObject *loss = json_object_get_object_member (ic, "loss");
  CU_ASSERT (json_object_get_double_member (json_object_get_object_member (loss, "by_cause"),
                                            "failover") > 0);
  JsonArray *conns = json_object_get_array_member (ic, "connections");
  CU_ASSERT_EQUAL (json_array_get_length (conns), 4);
  JsonObject *c0 = json_array_get_object_element (conns, 0);
  CU_ASSERT_STRING_EQUAL (json_object_get_string_member (c0, "name"), "ic1.A.rp1");
  CU_ASSERT_FALSE (json_object_get_boolean_member (c0, "usable"));
  JsonArray *failures = json_object_get_array_member (root, "failures");
  CU_ASSERT_EQUAL (json_array_get_length (failures), 2);
  CU_ASSERT_TRUE (json_object_get_boolean_member (json_array_get_object_element (failures, 0), "open"));
}

/* Reading mid-run must not change what the run measures: the report
 * after many snapshots equals the report of the same run unread. */
static void
test_snapshots_do_not_change_results (void)
{
  g_autoptr (LmScenario) sc = scenario ();
  g_autoptr (LmRun) plain = lm_run_new (sc, 0, 0, NULL);
  g_autoptr (LmRun) read = lm_run_new (sc, 0, 0, NULL);
  CU_ASSERT_TRUE_FATAL (lm_run_execute (plain, NULL));
  lm_run_start (read);
  for (LmTime t = 0; t <= sc->duration; t += LM_S (97))
    {
      lm_run_advance (read, t);
      g_free (lm_live_metrics_text (read, NULL));
    }
  lm_run_advance (read, sc->duration);
  lm_run_finish (read);
  for (int k = 0; k < LM_AVAIL_N; k++)
    CU_ASSERT_DOUBLE_EQUAL (lm_metrics_availability (lm_run_metrics (plain), 0, k),
                            lm_metrics_availability (lm_run_metrics (read), 0, k), 1e-12);
  CU_ASSERT_DOUBLE_EQUAL (lm_run_loss_ratio (plain, 0), lm_run_loss_ratio (read, 0), 1e-12);
  CU_ASSERT_EQUAL (lm_run_events (plain), lm_run_events (read));
}

/* The checker the live tests lean on rejects what Prometheus would. */
static void
test_checker_rejects_bad_text (void)
{
  const char *good = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\\\"\"} 2\n";
  CU_ASSERT_TRUE (lm_check_exposition (good, NULL));
  CU_ASSERT_EQUAL (lm_metric_value (good, "a_total", "x="), 2);
  const char *bad[] = {
    "# TYPE a gauge\na 1\n",                              /* no HELP */
    "# HELP a A.\n# TYPE a gauge\nb 1\n",                 /* outside its family */
    "# HELP a A.\n# TYPE a gauge\na{x=1} 1\n",            /* unquoted label */
    "# HELP a A.\n# TYPE a gauge\na 1,5\n",               /* a comma */
    "# HELP a A.\n# TYPE a gauge\na 1",                   /* no final newline */
    "# HELP a A.\n# TYPE a gauge\n# HELP a A.\n# TYPE a gauge\n",   /* twice */
    "# HELP a A.\n# TYPE a thing\n",                       /* no such type */
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    CU_ASSERT_FALSE (lm_check_exposition (bad[i], NULL));
}

LM_SUITE (live_metrics) = {
  { "the exposition checker rejects malformed text", test_checker_rejects_bad_text },
  { "Prometheus text with HELP and TYPE; values before and during a double site failure",
    test_format_and_values_mid_run },
  { "/status JSON shows the state, health, loss and connections now", test_status_json_mid_run },
  { "reading the figures mid-run does not change the results", test_snapshots_do_not_change_results },
  CU_TEST_INFO_NULL,
};
