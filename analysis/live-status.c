/* analysis/live-status.c — a running run as JSON (live mode's GET /status).
 *
 * The same figures as /metrics (analysis/live-metrics.c), shaped like the
 * --json report where they overlap (availability, latency_s, loss with
 * by_cause) so one parser reads both; docs/live.md shows a document.  A
 * figure that does not exist yet is null; the seed is a string.
 */
#include "analysis/live-metrics.h"

#include <math.h>
#include <json-glib/json-glib.h>
#include "analysis/report.h"
#include "models/traffic.h"

static void
member_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  if (v != NULL)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
member_bool (JsonBuilder *b, const char *name, gboolean v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, v);
}

static double
packet_bits (LmRun *run, const char *ic)
{
  const LmScTraffic *ts = lm_scenario_find_traffic (lm_run_scenario (run), ic);
  return 8.0 * (ts != NULL && ts->packet_bytes > 0 ? (double) ts->packet_bytes : 1500.0);
}

static void
conditions (JsonBuilder *b, LmMetrics *m, guint ic)
{
  static const LmAvailKind kinds[] = { LM_AVAIL_REACHABILITY, LM_AVAIL_CAPACITY,
                                       LM_AVAIL_HALF_CAPACITY, LM_AVAIL_FULL_CAPACITY };
  static const char *const keys[] = { "reachability", "capacity", "half_capacity", "full_capacity" };
  json_builder_set_member_name (b, "health");
  json_builder_begin_object (b);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      int v = lm_metrics_condition (m, ic, kinds[k]);
      json_builder_set_member_name (b, keys[k]);
      if (v < 0)
        json_builder_add_null_value (b);
      else
        json_builder_add_boolean_value (b, v == 1);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "availability");
  json_builder_begin_object (b);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    lm_json_member_double (b, keys[k], lm_metrics_availability (m, ic, kinds[k]));
  json_builder_end_object (b);
}

static void
loss (JsonBuilder *b, LmRun *run, guint ic)
{
  LmMetrics *m = lm_run_metrics (run);
  double pkt = packet_bits (run, lm_metrics_interconnect (m, ic)), total = 0;
  double by[LM_METRICS_N_CAUSES] = { 0 };
  for (guint d = 0; d < LM_METRICS_N_DIRS; d++)
    for (guint c = 0; c < LM_METRICS_N_CAUSES; c++)
      by[c] += lm_metrics_lost_bits (m, ic, d, c) / pkt;
  json_builder_set_member_name (b, "loss");
  json_builder_begin_object (b);
  lm_json_member_double (b, "ratio", lm_run_loss_ratio (run, ic));
  json_builder_set_member_name (b, "by_cause");
  json_builder_begin_object (b);
  for (guint c = 0; c < LM_METRICS_N_CAUSES; c++)
    {
      lm_json_member_double (b, lm_loss_cause_name ((LmLossCause) c), by[c]);
      total += by[c];
    }
  json_builder_end_object (b);
  lm_json_member_double (b, "packets", total);
  json_builder_end_object (b);
}

static void
ends (JsonBuilder *b, const char *name, const char *cloud, const char *partner)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  member_string (b, "cloud", cloud);
  member_string (b, "partner", partner);
  json_builder_end_object (b);
}

static void
connection (JsonBuilder *b, const LmWorldPathView *v)
{
  json_builder_begin_object (b);
  member_string (b, "name", v->name);
  member_bool (b, "link_up", v->link_up);
  member_bool (b, "usable", v->usable);
  ends (b, "macsec", lm_macsec_state_name (v->macsec[0]), lm_macsec_state_name (v->macsec[1]));
  json_builder_set_member_name (b, "sessions");
  json_builder_begin_array (b);
  for (guint f = 0; f < v->n_families; f++)
    {
      json_builder_begin_object (b);
      member_string (b, "family", lm_bgp_family_name (v->family[f]));
      ends (b, "bgp", lm_bgp_state_name (v->bgp[f][0]), lm_bgp_state_name (v->bgp[f][1]));
      if (v->has_bfd)
        ends (b, "bfd", lm_bfd_state_name (v->bfd[f][0]), lm_bfd_state_name (v->bfd[f][1]));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
interconnect (JsonBuilder *b, LmRun *run, guint ic)
{
  LmMetrics *m = lm_run_metrics (run);
  LmWorld *w = lm_run_world (run);
  json_builder_begin_object (b);
  member_string (b, "name", lm_metrics_interconnect (m, ic));
  member_string (b, "state", lm_metrics_state (m, ic));
  LmTime at = lm_metrics_available_at (m, ic);
  lm_json_member_double (b, "available_at_s", at < 0 ? NAN : LM_TIME_TO_S (at));
  conditions (b, m, ic);
  json_builder_set_member_name (b, "latency_s");
  json_builder_begin_object (b);
  lm_json_member_double (b, "p50", lm_run_latency (run, ic, 0.50));
  lm_json_member_double (b, "p95", lm_run_latency (run, ic, 0.95));
  lm_json_member_double (b, "p99", lm_run_latency (run, ic, 0.99));
  json_builder_end_object (b);
  loss (b, run, ic);
  json_builder_set_member_name (b, "connections");
  json_builder_begin_array (b);
  for (guint p = 0; p < lm_world_n_paths (w, ic); p++)
    {
      LmWorldPathView v;
      lm_world_path_view (w, ic, p, &v);
      connection (b, &v);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
failures (JsonBuilder *b, LmMetrics *m)
{
  json_builder_set_member_name (b, "failures");
  json_builder_begin_array (b);
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      json_builder_begin_object (b);
      member_string (b, "id", f->id);
      member_string (b, "interconnect", f->interconnect);
      lm_json_member_double (b, "at_s", LM_TIME_TO_S (f->at));
      member_bool (b, "open", f->closed == LM_TIME_MAX);
      lm_json_member_double (b, "detect_s", f->detect < 0 ? NAN : LM_TIME_TO_S (f->detect));
      lm_json_member_double (b, "converge_s", f->converge < 0 ? NAN : LM_TIME_TO_S (f->converge));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
lm_live_status_json (LmRun *run, const LmLiveInfo *info)
{
  lm_run_refresh (run);
  const LmScenario *sc = lm_run_scenario (run);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  member_string (b, "lmsim", LM_VERSION);
  member_string (b, "scenario", sc->name);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, sc->seed);
  member_string (b, "seed", seed);
  lm_json_member_double (b, "now_s", LM_TIME_TO_S (lm_sim_now (lm_run_sim (run))));
  lm_json_member_double (b, "duration_s", LM_TIME_TO_S (sc->duration));
  lm_json_member_double (b, "speed", info ? info->speed : NAN);
  member_bool (b, "ended", info && info->ended);
  json_builder_set_member_name (b, "injected");
  json_builder_add_int_value (b, info ? (gint64) info->injected : 0);
  json_builder_set_member_name (b, "interconnects");
  json_builder_begin_array (b);
  for (guint ic = 0; ic < lm_metrics_n_interconnects (lm_run_metrics (run)); ic++)
    interconnect (b, run, ic);
  json_builder_end_array (b);
  failures (b, lm_run_metrics (run));
  json_builder_end_object (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  char *text = json_generator_to_data (gen, NULL);
  char *out = g_strconcat (text, "\n", NULL);
  g_free (text);
  return out;
}
