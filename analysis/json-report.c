/* analysis/json-report.c — the JSON document of DESIGN §7, with json-glib.
 *
 * Field names are stable (people's scripts rely on them; docs/json.md
 * documents the schema).  Numbers carry full precision; a figure that does
 * not exist is null; the seed is a string (64-bit values do not survive JSON
 * numbers); facts about the run (wall time, jobs) live only under "run". */
#include "analysis/report.h"

#include <math.h>
#include <json-glib/json-glib.h>
#include "models/traffic.h"

void
lm_json_member_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
member_duration (JsonBuilder *b, const char *name, LmTime t)
{
  lm_json_member_double (b, name, t < 0 ? NAN : LM_TIME_TO_S (t));
}

static void
member_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  if (v)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
availability_object (JsonBuilder *b, LmMetrics *m, guint ic, const char *name, gboolean component)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  if (!component)
    {
      lm_json_member_double (b, "reachability", lm_metrics_availability (m, ic, LM_AVAIL_REACHABILITY));
      lm_json_member_double (b, "capacity", lm_metrics_availability (m, ic, LM_AVAIL_CAPACITY));
      lm_json_member_double (b, "half_capacity", lm_metrics_availability (m, ic, LM_AVAIL_HALF_CAPACITY));
      lm_json_member_double (b, "full_capacity", lm_metrics_availability (m, ic, LM_AVAIL_FULL_CAPACITY));
    }
  else
    {
      lm_json_member_double (b, "reachability",
                     lm_metrics_availability (m, ic, LM_AVAIL_COMPONENT_REACHABILITY));
      lm_json_member_double (b, "half_capacity",
                     lm_metrics_availability (m, ic, LM_AVAIL_COMPONENT_HALF_CAPACITY));
      lm_json_member_double (b, "full_capacity",
                     lm_metrics_availability (m, ic, LM_AVAIL_COMPONENT_FULL_CAPACITY));
    }
  json_builder_end_object (b);
}

double
lm_report_packet_bits (const LmScenario *sc, guint ic)
{
  return lm_report_packet_bits_of (sc, ((LmScInterconnect *) sc->interconnects->pdata[ic])->name);
}

double
lm_report_packet_bits_of (const LmScenario *sc, const char *name)
{
  const LmScTraffic *ts = name != NULL ? lm_scenario_find_traffic (sc, name) : NULL;
  return 8.0 * (ts != NULL && ts->packet_bytes > 0 ? (double) ts->packet_bytes : 1500.0);
}

static void
loss_object (JsonBuilder *b, LmRun *run, guint ic)
{
  LmMetrics *m = lm_run_metrics (run);
  double pkt = lm_report_packet_bits (lm_run_scenario (run), ic), total = 0;
  json_builder_set_member_name (b, "loss");
  json_builder_begin_object (b);
  lm_json_member_double (b, "ratio", lm_run_loss_ratio (run, ic));
  json_builder_set_member_name (b, "by_cause");
  json_builder_begin_object (b);
  for (guint c = 0; c < LM_LOSS_N; c++)
    {
      double bits = 0;
      for (guint d = 0; d < LM_DIR_N; d++)
        bits += lm_metrics_lost_bits (m, ic, d, c);
      total += bits;
      lm_json_member_double (b, lm_loss_cause_name (c), bits / pkt);
    }
  json_builder_end_object (b);
  lm_json_member_double (b, "packets", total / pkt);
  json_builder_end_object (b);
}

static void
provisioning_array (JsonBuilder *b, LmRun *run, guint ic)
{
  const GArray *steps = lm_prov_log_steps (lm_run_provisioning (run), ic);
  json_builder_set_member_name (b, "provisioning");
  json_builder_begin_array (b);
  for (guint i = 0; i < steps->len; i++)
    {
      const LmProvStep *s = &g_array_index (steps, LmProvStep, i);
      json_builder_begin_object (b);
      member_duration (b, "at_s", s->at);
      member_string (b, "actor", s->actor);
      member_string (b, "component", s->component);
      member_string (b, "what", s->what);
      member_string (b, "from", s->from);
      member_string (b, "to", s->to);
      member_string (b, "detail", s->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
interconnect_object (JsonBuilder *b, LmRun *run, guint ic)
{
  LmMetrics *m = lm_run_metrics (run);
  json_builder_begin_object (b);
  member_string (b, "name", lm_metrics_interconnect (m, ic));
  member_string (b, "state", lm_metrics_state (m, ic));
  member_duration (b, "available_at_s", lm_metrics_available_at (m, ic));
  LmTime ordered = lm_prov_ordered_at (lm_run_scenario (run), ic);
  LmTime avail = lm_metrics_available_at (m, ic);
  member_duration (b, "ordered_at_s", ordered);
  member_duration (b, "time_to_available_s", ordered >= 0 && avail >= ordered ? avail - ordered : -1);
  provisioning_array (b, run, ic);
  availability_object (b, m, ic, "availability", FALSE);
  availability_object (b, m, ic, "component_availability", TRUE);
  json_builder_set_member_name (b, "latency_s");
  json_builder_begin_object (b);
  lm_json_member_double (b, "p50", lm_run_latency (run, ic, 0.50));
  lm_json_member_double (b, "p95", lm_run_latency (run, ic, 0.95));
  lm_json_member_double (b, "p99", lm_run_latency (run, ic, 0.99));
  json_builder_end_object (b);
  loss_object (b, run, ic);
  json_builder_end_object (b);
}

static void
failure_object (JsonBuilder *b, LmRun *run, const LmScFailure *f)
{
  const LmFailureMetrics *fm = lm_metrics_find_failure (lm_run_metrics (run), f->id);
  double pkt = lm_report_packet_bits (lm_run_scenario (run), f->target->interconnect);
  json_builder_begin_object (b);
  member_string (b, "id", f->id);
  member_string (b, "file", f->action->loc.file);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, f->action->loc.line);
  member_string (b, "target", f->target->name);
  member_string (b, "kind", lm_sc_class_name (f->target->klass));
  member_string (b, "mode", lm_sc_mode_name (f->mode));
  member_duration (b, "at_s", f->at);
  member_duration (b, "detect_s", fm ? fm->detect : -1);
  member_duration (b, "converge_s", fm ? fm->converge : -1);
  lm_json_member_double (b, "lost_packets", fm ? (fm->lost_bits[0] + fm->lost_bits[1]) / pkt : NAN);
  lm_json_member_double (b, "lost_packets_to_cloud", fm ? fm->lost_bits[0] / pkt : NAN);
  lm_json_member_double (b, "lost_packets_from_cloud", fm ? fm->lost_bits[1] / pkt : NAN);
  member_duration (b, "restored_s", fm ? fm->restored : -1);
  json_builder_end_object (b);
}

static void
expectation_object (JsonBuilder *b, const LmExpectResult *r)
{
  json_builder_begin_object (b);
  member_string (b, "file", r->expect->loc.file);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, r->expect->loc.line);
  member_string (b, "text", r->expect->text);
  json_builder_set_member_name (b, "passed");
  json_builder_add_boolean_value (b, r->passed);
  if (r->expect->kind == LM_SC_EXPECT_STATE)
    member_string (b, "value", r->value_text);
  else
    lm_json_member_double (b, "value", r->has_value ? r->value : NAN);
  json_builder_end_object (b);
}

char *
lm_report_json (LmRun *run, const char *file_sha256, const char *config_sha256, guint jobs)
{
  const LmScenario *sc = lm_run_scenario (run);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  member_string (b, "lmsim", LM_VERSION);
  member_string (b, "scenario", sc->name);
  member_string (b, "file_sha256", file_sha256);
  member_string (b, "config_sha256", config_sha256);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, sc->seed);
  member_string (b, "seed", seed);
  json_builder_set_member_name (b, "replications");
  json_builder_add_int_value (b, 1);
  member_duration (b, "duration_s", sc->duration);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, (gint64) lm_run_events (run));
  json_builder_set_member_name (b, "interconnects");
  json_builder_begin_array (b);
  for (guint i = 0; i < lm_metrics_n_interconnects (lm_run_metrics (run)); i++)
    interconnect_object (b, run, i);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "failures");
  json_builder_begin_array (b);
  const GPtrArray *lists[] = { sc->failures, lm_world_injected_failures (lm_run_world (run)) };
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      failure_object (b, run, g_ptr_array_index (lists[l], i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "expectations");
  json_builder_begin_array (b);
  const GArray *res = lm_run_expectations (run);
  for (guint i = 0; i < res->len; i++)
    expectation_object (b, &g_array_index (res, LmExpectResult, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "run");
  json_builder_begin_object (b);
  lm_json_member_double (b, "wall_s", lm_run_wall_s (run));
  json_builder_set_member_name (b, "jobs");
  json_builder_add_int_value (b, jobs);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return lm_json_text (b);
}

char *
lm_json_text (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}
