/* analysis/report.c — the text report: aligned tables with units, durations
 * in human form, sensible precision. */
#include "analysis/report.h"

#include <math.h>
#include <string.h>
#include "analysis/expect.h"
#include "models/traffic.h"

#define TIMELINE_MAX 80

static void
human (GString *out, LmTime t)
{
  char buf[LM_TIME_HUMAN_LEN];
  g_string_append (out, lm_time_human (t, buf));
}

/* A duration in a fixed-width cell, or "—" when there is none. */
static void
cell_duration (GString *out, LmTime t, int width)
{
  char buf[LM_TIME_HUMAN_LEN];
  if (t < 0)   /* "—" is one column but three bytes: pad by hand */
    g_string_append_printf (out, "%*s—", width - 1, "");
  else
    g_string_append_printf (out, "%*s", width, lm_time_human (t, buf));
}

/* A point in time for people, to the millisecond: "0:30:00.261". */
static char *
clock_text (LmTime t)
{
  gint64 ms = t / 1000000;
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d.%03d", ms / 3600000,
                          (int) (ms / 60000 % 60), (int) (ms / 1000 % 60), (int) (ms % 1000));
}

static void
section (GString *out, const char *title)
{
  g_string_append_printf (out, "\n%s\n", title);
}

static void
timeline (GString *out, LmRun *run)
{
  const GArray *tl = lm_run_timeline (run);
  section (out, "Timeline");
  guint shown = MIN (tl->len, TIMELINE_MAX);
  for (guint i = 0; i < shown; i++)
    {
      const LmTimelineEntry *e = &g_array_index (tl, LmTimelineEntry, i);
      g_autofree char *t = clock_text (e->at);
      g_string_append_printf (out, "  %12s  %-31s %s\n", t, e->component, e->text);
    }
  if (tl->len > shown)
    g_string_append_printf (out, "  … %u more state changes (write them all with --trace FILE)\n",
                            tl->len - shown);
  if (tl->len == 0)
    g_string_append (out, "  (no state changes)\n");
}

/* One provisioning step, as read in the report. */
static char *
step_text (const LmProvStep *s)
{
  if (strcmp (s->what, "call") == 0 || strcmp (s->what, "notice") == 0)
    return g_strdup_printf ("%s: %s%s%s", s->from, s->to, s->detail ? " — " : "",
                            s->detail ? s->detail : "");
  return g_strdup_printf ("%s %s → %s%s%s%s", s->what, s->from, s->to, s->detail ? " (" : "",
                          s->detail ? s->detail : "", s->detail ? ")" : "");
}

/* The reason of the last state change, for "why is it not available". */
static const char *
last_state (const GArray *steps, const char **why)
{
  const char *state = NULL;
  *why = NULL;
  for (guint i = 0; i < steps->len; i++)
    {
      const LmProvStep *s = &g_array_index (steps, LmProvStep, i);
      if (strcmp (s->what, "state") == 0)
        {
          state = s->to;
          *why = s->detail;
        }
    }
  return state;
}

/* The last call that was refused. */
static const LmProvStep *
last_refusal (const GArray *steps)
{
  const LmProvStep *r = NULL;
  for (guint i = 0; i < steps->len; i++)
    {
      const LmProvStep *s = &g_array_index (steps, LmProvStep, i);
      if (strcmp (s->what, "call") == 0 && strcmp (s->to, "ok") != 0)
        r = s;
    }
  return r;
}

static void
provisioning_head (GString *out, LmRun *run, guint ic, const GArray *steps)
{
  const LmScenario *sc = lm_run_scenario (run);
  LmTime ordered = lm_prov_ordered_at (sc, ic), avail;
  avail = lm_metrics_available_at (lm_run_metrics (run), ic);
  const char *name = ((LmScInterconnect *) sc->interconnects->pdata[ic])->name;
  g_string_append_printf (out, "  %s: ", name);
  if (ordered < 0)
    g_string_append (out, "available from the start");
  else
    {
      g_string_append (out, "ordered at ");
      human (out, ordered);
    }
  if (ordered >= 0 && avail >= ordered)
    {
      g_string_append (out, "; available at ");
      human (out, avail);
      g_string_append (out, ", time to available ");
      human (out, avail - ordered);
    }
  else if (ordered >= 0)
    {
      const char *why, *state = last_state (steps, &why);
      if (state == NULL || strcmp (state, "none") == 0)
        {
          const LmProvStep *refused = last_refusal (steps);
          g_autofree char *t = refused ? step_text (refused) : NULL;
          g_string_append_printf (out, "; never created%s%s%s", t ? " (" : "", t ? t : "",
                                  t ? ")" : "");
        }
      else
        g_string_append_printf (out, "; not available by the end (%s%s%s)", state,
                                why ? ": " : "", why ? why : "");
    }
  g_string_append_c (out, '\n');
}

/* Who did what, when: every provisioning step of each interconnect that
 * went through one (nothing for a scenario that orders nothing). */
static void
provisioning (GString *out, LmRun *run)
{
  LmProvLog *log = lm_run_provisioning (run);
  guint n = lm_run_scenario (run)->interconnects->len, active = 0;
  for (guint i = 0; i < n; i++)
    active += lm_prov_log_active (log, i);
  if (active == 0)
    return;
  section (out, "Provisioning");
  for (guint i = 0; i < n; i++)
    {
      if (!lm_prov_log_active (log, i))
        continue;
      const GArray *steps = lm_prov_log_steps (log, i);
      provisioning_head (out, run, i, steps);
      for (guint k = 0; k < steps->len; k++)
        {
          const LmProvStep *s = &g_array_index (steps, LmProvStep, k);
          g_autofree char *t = clock_text (s->at);
          g_autofree char *text = step_text (s);
          g_string_append_printf (out, "    %12s  %-8s  %-14s %s\n", t, s->actor, s->component,
                                  text);
        }
    }
}

static double
packets (const LmScenario *sc, guint ic, double bits)
{
  const LmScTraffic *ts = lm_scenario_find_traffic (
    sc, ((LmScInterconnect *) sc->interconnects->pdata[ic])->name);
  double pkt = ts != NULL && ts->packet_bytes > 0 ? (double) ts->packet_bytes : 1500.0;
  return bits / (8.0 * pkt);
}

/* "118 MB", "916 GB": bytes with three significant digits (powers of 1000). */
static void
human_bytes (double b, char *buf, gsize len)
{
  static const char *const units[] = { "B", "KB", "MB", "GB", "TB", "PB" };
  guint u = 0;
  while (b >= 999.5 && u + 1 < G_N_ELEMENTS (units))
    {
      b /= 1000;
      u++;
    }
  g_snprintf (buf, len, b < 9.995 && u > 0 ? "%.2f %s" : b < 99.95 && u > 0 ? "%.1f %s" : "%.0f %s",
              b, units[u]);
}

static int
cmp_time (gconstpointer a, gconstpointer b)
{
  LmTime x = *(const LmTime *) a, y = *(const LmTime *) b;
  return x < y ? -1 : x > y;
}

/* Random failures (`failures { … }`) are too many to list: one line with
 * their count and the spread of their convergence. */
static void
random_summary (GString *out, LmRun *run)
{
  LmMetrics *m = lm_run_metrics (run);
  g_autoptr (GArray) conv = g_array_new (FALSE, FALSE, sizeof (LmTime));
  guint n = 0, never = 0;
  double lost = 0;
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      if (f->id[0] != 'r' || lm_scenario_find_failure (lm_run_scenario (run), f->id) != NULL)
        continue;
      n++;
      lost += f->lost_bits[0] + f->lost_bits[1];
      if (f->converge >= 0)
        g_array_append_val (conv, f->converge);
      else if (f->lost_bits[0] + f->lost_bits[1] > 0)
        never++;
    }
  if (n == 0)
    return;
  g_array_sort (conv, cmp_time);
  char med[LM_TIME_HUMAN_LEN], max[LM_TIME_HUMAN_LEN];
  if (conv->len > 0)
    {
      lm_time_human (g_array_index (conv, LmTime, conv->len / 2), med);
      lm_time_human (g_array_index (conv, LmTime, conv->len - 1), max);
    }
  g_string_append_printf (out, "  r1…r%u  %u random failure%s (failures { … }): converged %u, median %s, "
                          "max %s; over only at repair %u; %.0f packets lost\n", n, n, n == 1 ? "" : "s",
                          conv->len, conv->len ? med : "—", conv->len ? max : "—", never,
                          lost / (8.0 * 1500));
}

/* One row of the convergence table: a scripted or injected failure. */
static void
failure_row (GString *out, LmRun *run, const LmScFailure *f)
{
  const LmScenario *sc = lm_run_scenario (run);
  LmMetrics *m = lm_run_metrics (run);
  const LmFailureMetrics *fm = lm_metrics_find_failure (m, f->id);
  g_autofree char *at = lm_time_to_string (f->at);
  g_string_append_printf (out, "  %-5s %-20s %-8s %-9s ", f->id, f->target->name,
                          lm_sc_mode_name (f->mode), at);
  if (fm == NULL)
    {
      g_string_append (out, "(after the end of the run)\n");
      return;
    }
  LmTime prop = fm->detect >= 0 && fm->converge >= fm->detect ? fm->converge - fm->detect : -1;
  cell_duration (out, fm->detect_side[0], 9);
  cell_duration (out, fm->detect_side[1], 12);
  cell_duration (out, prop, 10);
  cell_duration (out, fm->converge, 10);
  cell_duration (out, fm->restored, 10);
  guint ic = f->target->interconnect;
  for (int d = 0; d < 2; d++)
    {
      char bytes[32];
      human_bytes (fm->lost_bits[d] / 8, bytes, sizeof bytes);
      g_string_append_printf (out, " %10.0f pkt %9s", packets (sc, ic, fm->lost_bits[d]), bytes);
    }
  g_string_append_c (out, '\n');
}

static void
convergence (GString *out, LmRun *run)
{
  const LmScenario *sc = lm_run_scenario (run);
  LmMetrics *m = lm_run_metrics (run);
  section (out, "Convergence");
  if (sc->failures->len == 0 && lm_metrics_n_failures (m) == 0)
    {
      g_string_append (out, "  (no failures)\n");
      return;
    }
  g_string_append_printf (out, "  %-5s %-20s %-8s %-9s %9s%12s%10s%10s%10s %21s %21s\n",
                          "id", "target", "mode", "at", "det.cloud", "det.partner", "propag.",
                          "converge", "restored", "lost to-cloud", "lost from-cloud");
  const GPtrArray *lists[] = { sc->failures, lm_world_injected_failures (lm_run_world (run)) };
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      failure_row (out, run, g_ptr_array_index (lists[l], i));
  random_summary (out, run);
  g_string_append (out, "  det.cloud, det.partner: failure → first detection by a surviving "
                        "component on that side; propag.: converge − first detection;\n"
                        "  converge: failure → last forwarding change; restored: repair → traffic "
                        "back on the repaired path; — : none\n");
}

static void
availability (GString *out, LmRun *run, guint ic)
{
  LmMetrics *m = lm_run_metrics (run);
  static const struct { const char *label; int traffic, component; } rows[] = {
    { "reachability", LM_AVAIL_REACHABILITY, LM_AVAIL_COMPONENT_REACHABILITY },
    { "capacity (no congestion loss)", LM_AVAIL_CAPACITY, -1 },
    { "half capacity", LM_AVAIL_HALF_CAPACITY, LM_AVAIL_COMPONENT_HALF_CAPACITY },
    { "full capacity", LM_AVAIL_FULL_CAPACITY, LM_AVAIL_COMPONENT_FULL_CAPACITY },
  };
  LmTime from = lm_metrics_available_at (m, ic);
  g_autofree char *start = from >= 0 ? lm_time_to_string (from) : g_strdup ("—");
  g_autofree char *head = g_strdup_printf ("%s, from %s to the end", lm_metrics_interconnect (m, ic),
                                           start);
  g_string_append_printf (out, "  %-36s %12s %12s\n", head, "traffic", "components");
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autofree char *t = lm_format_percent (lm_metrics_availability (m, ic, rows[r].traffic));
      g_autofree char *c = rows[r].component < 0
        ? g_strdup ("") : lm_format_percent (lm_metrics_availability (m, ic, rows[r].component));
      g_string_append_printf (out, "    %-34s %12s %12s\n", rows[r].label, t, c);
      /* trailing blanks of an empty last column */
      while (out->len > 0 && out->str[out->len - 2] == ' ')
        g_string_erase (out, out->len - 2, 1);
    }
}

static void
latency_and_loss (GString *out, LmRun *run, guint ic)
{
  const LmScenario *sc = lm_run_scenario (run);
  LmMetrics *m = lm_run_metrics (run);
  static const double ps[] = { 0.50, 0.95, 0.99 };
  g_string_append_printf (out, "  %s latency:", lm_metrics_interconnect (m, ic));
  for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
    {
      double s = lm_run_latency (run, ic, ps[i]);
      char buf[LM_TIME_HUMAN_LEN];
      g_string_append_printf (out, "  p%02.0f %s", ps[i] * 100,
                              isnan (s) ? "—" : lm_time_human ((LmTime) llround (s * 1e9), buf));
    }
  g_string_append (out, "   (bit-weighted, delivered traffic)\n");
  g_autofree char *ratio = lm_format_percent (lm_run_loss_ratio (run, ic));
  g_string_append_printf (out, "  %s loss: %s of offered traffic\n", lm_metrics_interconnect (m, ic),
                          ratio);
  g_string_append_printf (out, "    %-12s %16s %16s\n", "cause", "to-cloud", "from-cloud");
  for (guint c = 0; c < LM_LOSS_N; c++)
    {
      g_string_append_printf (out, "    %-12s", lm_loss_cause_name (c));
      for (guint d = 0; d < LM_DIR_N; d++)
        g_string_append_printf (out, " %12.0f pkt", packets (sc, ic, lm_metrics_lost_bits (m, ic, d, c)));
      g_string_append_c (out, '\n');
    }
}

static void
expectations (GString *out, LmRun *run)
{
  const GArray *res = lm_run_expectations (run);
  section (out, "Expectations");
  if (res->len == 0)
    {
      g_string_append (out, "  (none)\n");
      return;
    }
  guint failed = 0;
  for (guint i = 0; i < res->len; i++)
    {
      const LmExpectResult *r = &g_array_index (res, LmExpectResult, i);
      failed += !r->passed;
      g_string_append_printf (out, "  %s  %s:%u  %-44s  measured %s\n", r->passed ? "PASS" : "FAIL",
                              r->expect->loc.file, r->expect->loc.line, r->expect->text,
                              r->value_text);
    }
  g_string_append_printf (out, "  %u passed, %u failed\n", res->len - failed, failed);
}

char *
lm_report_text (LmRun *run, const char *file_sha256)
{
  const LmScenario *sc = lm_run_scenario (run);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "lmsim %s — scenario \"%s\" (%s)\n", LM_VERSION, sc->name, sc->path);
  g_string_append_printf (out, "seed %" G_GUINT64_FORMAT ", 1 replication, ", sc->seed);
  human (out, sc->duration);
  g_string_append_printf (out, " simulated, %" G_GUINT64_FORMAT " events; file sha256 %.16s…\n",
                          lm_run_events (run), file_sha256 ? file_sha256 : "?");
  section (out, "Topology");
  for (guint i = 0; i < lm_world_n_interconnects (lm_run_world (run)); i++)
    {
      g_autofree char *d = lm_world_describe (lm_run_world (run), i);
      g_string_append_printf (out, "  %s\n", d);
    }
  provisioning (out, run);
  timeline (out, run);
  convergence (out, run);
  section (out, "Availability");
  for (guint i = 0; i < lm_metrics_n_interconnects (lm_run_metrics (run)); i++)
    availability (out, run, i);
  section (out, "Latency and loss");
  for (guint i = 0; i < lm_metrics_n_interconnects (lm_run_metrics (run)); i++)
    latency_and_loss (out, run, i);
  expectations (out, run);
  return g_string_free (out, FALSE);
}

char *
lm_report_file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}
