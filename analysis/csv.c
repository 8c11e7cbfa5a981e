/* analysis/csv.c — a run's time series, states and failures as CSV
 * (analysis/csv.h; the columns are documented in docs/csv.md). */
#include "analysis/csv.h"
#include "analysis/report.h"

#include <math.h>
#include <string.h>
#include "analysis/outdir.h"

static const char *const dir_cols[] = { "to_cloud", "from_cloud" };
static const char *const cause_cols[] = { "failover", "congestion", "policing", "macsec",
                                          "errors" };
G_STATIC_ASSERT (G_N_ELEMENTS (dir_cols) == LM_SERIES_N_DIRS);
G_STATIC_ASSERT (G_N_ELEMENTS (cause_cols) == LM_SERIES_N_CAUSES);

void
lm_csv_number (GString *out, double v)
{
  g_string_append_c (out, ',');
  if (!isnan (v))
    lm_out_double (out, v);
}

static void
field_int (GString *out, int v)
{
  g_string_append_c (out, ',');
  if (v >= 0)
    g_string_append_printf (out, "%d", v);
}

void
lm_csv_text (GString *out, const char *text, gboolean first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static void
series_header (GString *out)
{
  g_string_append (out, "time_s,interconnect");
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    g_string_append_printf (out, ",offered_%s_bps", dir_cols[d]);
  g_string_append (out, ",capacity_bps,tier_bps,port_bps,usable_connections");
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    g_string_append_printf (out, ",latency_mean_%s_s", dir_cols[d]);
  g_string_append (out, ",reachability,half_capacity,full_capacity");
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    for (int c = 0; c < LM_SERIES_N_CAUSES; c++)
      g_string_append_printf (out, ",loss_%s_%s_bps", dir_cols[d], cause_cols[c]);
  g_string_append_c (out, '\n');
}

static void
series_row (GString *out, const char *ic, const LmSeriesPoint *p)
{
  lm_out_seconds (out, p->at);
  lm_csv_text (out, ic, FALSE);
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    lm_csv_number (out, p->offered_bps[d]);
  lm_csv_number (out, p->capacity_bps);
  lm_csv_number (out, p->tier_bps);
  lm_csv_number (out, p->port_bps);
  field_int (out, p->usable);
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    lm_csv_number (out, p->latency_s[d]);
  field_int (out, p->reachability);
  field_int (out, p->half_capacity);
  field_int (out, p->full_capacity);
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    for (int c = 0; c < LM_SERIES_N_CAUSES; c++)
      lm_csv_number (out, p->loss_bps[d][c]);
  g_string_append_c (out, '\n');
}

char *
lm_csv_series (LmRun *run)
{
  const LmSeries *s = lm_run_series (run);
  g_return_val_if_fail (s != NULL, NULL);
  GString *out = g_string_new (NULL);
  series_header (out);
  for (guint ic = 0; ic < lm_series_n_interconnects (s); ic++)
    {
      const GArray *pts = lm_series_points (s, ic);
      for (guint i = 0; i < pts->len; i++)
        series_row (out, lm_series_interconnect (s, ic), &g_array_index (pts, LmSeriesPoint, i));
    }
  return g_string_free (out, FALSE);
}

char *
lm_csv_states (LmRun *run)
{
  const LmSeries *s = lm_run_series (run);
  g_return_val_if_fail (s != NULL, NULL);
  GString *out = g_string_new ("component,connection,kind,state,from_s,to_s\n");
  const GArray *ivs = lm_series_intervals (s);
  for (guint i = 0; i < ivs->len; i++)
    {
      const LmSeriesInterval *iv = &g_array_index (ivs, LmSeriesInterval, i);
      lm_csv_text (out, iv->component, TRUE);
      lm_csv_text (out, iv->connection, FALSE);
      lm_csv_text (out, iv->kind, FALSE);
      lm_csv_text (out, iv->state, FALSE);
      g_string_append_c (out, ',');
      lm_out_seconds (out, iv->from);
      g_string_append_c (out, ',');
      lm_out_seconds (out, iv->to);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static const LmScFailure *
scripted (const LmScenario *sc, const char *id)
{
  for (guint i = 0; i < sc->failures->len; i++)
    {
      const LmScFailure *f = g_ptr_array_index (sc->failures, i);
      if (strcmp (f->id, id) == 0)
        return f;
    }
  return NULL;
}

static void
field_duration (GString *out, LmTime t)
{
  g_string_append_c (out, ',');
  if (t >= 0 && t != LM_TIME_MAX)
    lm_out_seconds (out, t);
}

static void
failure_row (GString *out, LmRun *run, const LmFailureMetrics *fm)
{
  const LmScenario *sc = lm_run_scenario (run);
  const LmScFailure *f = scripted (sc, fm->id);
  const char *target = f != NULL ? f->target->name
                       : lm_series_failure_target (lm_run_series (run), fm->id);
  LmScClass klass = f != NULL ? f->target->klass
                    : target != NULL ? lm_series_target_class (target) : LM_SC_CLASS_NONE;
  lm_csv_text (out, fm->id, TRUE);
  lm_csv_text (out, fm->interconnect, FALSE);
  lm_csv_text (out, target, FALSE);
  lm_csv_text (out, klass != LM_SC_CLASS_NONE ? lm_sc_class_name (klass) : NULL, FALSE);
  lm_csv_text (out, f != NULL ? "scripted" : "random", FALSE);
  field_duration (out, fm->at);
  field_duration (out, fm->closed);
  field_duration (out, fm->detect);
  field_duration (out, fm->converge);
  field_duration (out, fm->restored);
  double pkt = lm_report_packet_bits_of (sc, fm->interconnect);
  lm_csv_number (out, (fm->lost_bits[0] + fm->lost_bits[1]) / pkt);
  lm_csv_number (out, fm->lost_bits[0] / pkt);
  lm_csv_number (out, fm->lost_bits[1] / pkt);
  g_string_append_c (out, '\n');
}

char *
lm_csv_failures (LmRun *run)
{
  const LmMetrics *m = lm_run_metrics (run);
  GString *out = g_string_new ("id,interconnect,target,kind,origin,at_s,repaired_at_s,detect_s,"
                               "converge_s,restored_s,lost_packets,lost_packets_to_cloud,"
                               "lost_packets_from_cloud\n");
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    failure_row (out, run, lm_metrics_failure (m, i));
  return g_string_free (out, FALSE);
}

gboolean
lm_csv_write (LmRun *run, const char *dir, GError **error)
{
  g_autoptr (LmOutFiles) files = lm_out_files_new ();
  lm_out_files_take (files, "series.csv", lm_csv_series (run));
  lm_out_files_take (files, "states.csv", lm_csv_states (run));
  lm_out_files_take (files, "failures.csv", lm_csv_failures (run));
  return lm_out_files_write (files, dir, error);
}
