/* analysis/plot-run.c — one run's figures (analysis/plot.h, lm_plot_run):
 * the state timeline of every connection, and per interconnect capacity
 * and load, latency, its distribution, and loss, all over virtual time
 * from the run's time series (analysis/series.h).
 */
#include "analysis/plot-private.h"

#include <math.h>
#include <string.h>

static const char *const cause_title[] = { "failover", "congestion", "policing", "MACsec",
                                           "errors" };
static const char *const cause_colour[] = { "#e41a1c", "#ff7f00", "#984ea3", "#377eb8",
                                            "#4d4d4d" };
G_STATIC_ASSERT (G_N_ELEMENTS (cause_title) == LM_SERIES_N_CAUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (cause_colour) == LM_SERIES_N_CAUSES);

#define SHADE "#f4cccc"
#define MAX_LABELLED_FAILURES 8

typedef struct {
  LmRun *run;
  const LmSeries *series;
  LmTime start, end;
  double unit;             /* seconds per time-axis unit */
  const char *unit_name;
  LmOutFiles *files;
  GPtrArray *names;
} Ctx;

static void
add_figure (Ctx *c, const char *name, GString *gp)
{
  g_autofree char *file = g_strconcat (name, ".gp", NULL);
  lm_out_files_take (c->files, file, g_string_free (gp, FALSE));
  g_ptr_array_add (c->names, g_strdup (name));
}

static double
x_of (const Ctx *c, LmTime t)
{
  return LM_TIME_TO_S (t) / c->unit;
}

static void
time_axis (const Ctx *c, GString *gp)
{
  g_string_append_printf (gp, "set xlabel \"time since the start of the run (%s)\"\n"
                          "set xrange [%.9g:%.9g]\n", c->unit_name, x_of (c, c->start),
                          x_of (c, c->end));
}

/* Failures on @ic (all when NULL) as shaded windows, named at the top when
 * few; a key entry says what the shading is.  Returns the key entry's plot
 * element (empty when there are none). */
static char *
failure_windows (const Ctx *c, GString *gp, const char *ic)
{
  const LmMetrics *m = lm_run_metrics (c->run);
  guint n = 0, total = 0;
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    total += ic == NULL || g_strcmp0 (lm_metrics_failure (m, i)->interconnect, ic) == 0;
  double min_w = (x_of (c, c->end) - x_of (c, c->start)) * 0.002;
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      if (ic != NULL && g_strcmp0 (f->interconnect, ic) != 0)
        continue;
      double x0 = x_of (c, f->at), x1 = x_of (c, MIN (f->closed, c->end));
      g_string_append_printf (gp, "set object %u rect from %.9g, graph 0 to %.9g, graph 1 "
                              "fc rgb \"%s\" fs solid 0.6 noborder behind\n", 100 + n, x0,
                              MAX (x1, x0 + min_w), SHADE);
      if (total <= MAX_LABELLED_FAILURES)
        g_string_append_printf (gp, "set label %u \"%s\" at %.9g, graph 1 offset 0,0.6 "
                                "font \",9\" tc rgb \"#a33\" front\n", 100 + n, f->id, x0);
      n++;
    }
  if (n == 0)
    return g_strdup ("");
  const char *target = n == 1 ? lm_series_failure_target (c->series, lm_metrics_failure (m, 0)->id)
                              : NULL;
  g_autofree char *what = n == 1 ? g_strdup_printf ("failure %s open (%s)",
                                                    lm_metrics_failure (m, 0)->id,
                                                    target ? target : "?")
                                 : g_strdup_printf ("a failure open (%u failures)", n);
  return g_strdup_printf (", keyentry with boxes fc rgb \"%s\" fs solid 0.6 noborder title \"%s\"",
                          SHADE, what);
}

/* ------------------------------------------------------------ series data */

static double
packet_bits (const LmScenario *sc, const char *ic)
{
  const LmScTraffic *ts = lm_scenario_find_traffic (sc, ic);
  return 8.0 * (ts != NULL && ts->packet_bytes > 0 ? (double) ts->packet_bytes : 1500.0);
}

static void
data_row (GString *dat, const LmSeriesPoint *p, LmTime at, const double cum[])
{
  lm_out_seconds (dat, at);
  double v[] = { p->offered_bps[0], p->offered_bps[1], p->capacity_bps, p->tier_bps,
                 p->usable >= 0 ? p->usable : NAN, p->latency_s[0], p->latency_s[1] };
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    {
      g_string_append_c (dat, ' ');
      lm_out_double (dat, v[i]);
    }
  for (int k = 0; k < LM_SERIES_N_CAUSES; k++)
    {
      g_string_append_c (dat, ' ');
      lm_out_double (dat, p->loss_bps[0][k] + p->loss_bps[1][k]);
    }
  for (int k = 0; k < LM_SERIES_N_CAUSES; k++)
    {
      g_string_append_c (dat, ' ');
      lm_out_double (dat, cum[k]);
    }
  g_string_append_c (dat, '\n');
}

/* series-IC.dat: one row per change, and one at the end so the last step
 * is drawn; @e receives the ranges the axes need. */
typedef struct {
  double max_bps;                        /* offered, capacity, tier */
  double max_loss_bps;                   /* all causes, both directions */
  double latency[2];                     /* smallest and largest mean latency, s */
  double lost[LM_SERIES_N_CAUSES];       /* packets, whole run */
} Extent;

static void
extend (Extent *e, const LmSeriesPoint *p)
{
  double v[] = { p->offered_bps[0], p->offered_bps[1], p->capacity_bps, p->tier_bps };
  for (guint j = 0; j < G_N_ELEMENTS (v); j++)
    if (!isnan (v[j]))
      e->max_bps = MAX (e->max_bps, v[j]);
  double loss = 0;
  for (int k = 0; k < LM_SERIES_N_CAUSES; k++)
    loss += p->loss_bps[0][k] + p->loss_bps[1][k];
  e->max_loss_bps = MAX (e->max_loss_bps, loss);
  for (int d = 0; d < LM_SERIES_N_DIRS; d++)
    if (!isnan (p->latency_s[d]))
      {
        e->latency[0] = MIN (e->latency[0], p->latency_s[d]);
        e->latency[1] = MAX (e->latency[1], p->latency_s[d]);
      }
}

static char *
series_data (const Ctx *c, guint ic, Extent *e)
{
  double *lost = e->lost;
  const GArray *pts = lm_series_points (c->series, ic);
  double pkt = packet_bits (lm_run_scenario (c->run), lm_series_interconnect (c->series, ic));
  GString *dat = g_string_new (
    "# time_s offered_to_cloud_bps offered_from_cloud_bps capacity_bps tier_bps usable"
    " latency_to_cloud_s latency_from_cloud_s loss_{failover,congestion,policing,macsec,errors}_bps"
    " (both directions) lost_packets_{failover,…}_so_far\n");
  *e = (Extent) { 0, 0, { INFINITY, -INFINITY }, { 0 } };
  for (guint i = 0; i < pts->len; i++)
    {
      const LmSeriesPoint *p = &g_array_index (pts, LmSeriesPoint, i);
      LmTime next = i + 1 < pts->len ? g_array_index (pts, LmSeriesPoint, i + 1).at : c->end;
      data_row (dat, p, p->at, lost);
      extend (e, p);
      for (int k = 0; k < LM_SERIES_N_CAUSES; k++)
        lost[k] += (p->loss_bps[0][k] + p->loss_bps[1][k]) * LM_TIME_TO_S (next - p->at) / pkt;
      if (i + 1 == pts->len && c->end > p->at)
        data_row (dat, p, c->end, lost);
    }
  return g_string_free (dat, FALSE);
}

/* ------------------------------------------------------------ capacity, latency, loss */

static void
capacity_figure (Ctx *c, const char *ic, const char *dat, double max_bps)
{
  const char *rate_name;
  double r = lm_plot_rate_unit (max_bps, &rate_name);
  g_autofree char *name = g_strdup_printf ("capacity-%s", ic);
  g_autofree char *title = g_strdup_printf (
    "%s: usable capacity and offered load over time", ic);
  GString *gp = lm_plot_script_begin (name, title, 1200, 650);
  time_axis (c, gp);
  g_string_append_printf (gp, "set ylabel \"bit rate (%s)\"\nset yrange [0:%.6g]\n"
                          "set key top right\n", rate_name, max_bps / r * 1.25 + 1e-9);
  g_autofree char *shade = failure_windows (c, gp, ic);
  g_string_append_printf (gp,
    "u = %.9g; r = %.9g\n"
    "plot \"%s\" using ($1/u):($4/r) with steps lw 3 lc rgb \"#2ca02c\" "
    "title \"usable capacity (usable connections × port speed)\", \\\n"
    "     \"%s\" using ($1/u):($5/r) with steps lw 2 dt 2 lc rgb \"#222222\" "
    "title \"ordered tier (policed at the edge)\", \\\n"
    "     \"%s\" using ($1/u):($2/r) with steps lw 2 lc rgb \"#1f77b4\" "
    "title \"offered load, to the cloud\", \\\n"
    "     \"%s\" using ($1/u):($3/r) with steps lw 2 dt 4 lc rgb \"#ff7f0e\" "
    "title \"offered load, from the cloud\"%s\n",
    c->unit, r, dat, dat, dat, dat, shade);
  add_figure (c, name, gp);
}

static void
latency_figure (Ctx *c, const char *ic, const char *dat, const double range[2])
{
  g_autofree char *name = g_strdup_printf ("latency-%s", ic);
  g_autofree char *title = g_strdup_printf (
    "%s: mean one-way latency of delivered traffic over time (propagation + serialization"
    " + M/M/1 queueing)", ic);
  GString *gp = lm_plot_script_begin (name, title, 1200, 650);
  time_axis (c, gp);
  /* enough decimals for the changes to read, however small */
  double lo = range[0] * 1e3, hi = range[1] * 1e3;
  if (!(hi > lo))
    {
      lo = isfinite (lo) ? lo * 0.99 : 0;
      hi = isfinite (hi) ? hi * 1.01 : 1;
    }
  int digits = CLAMP ((int) ceil (-log10 ((hi - lo) / 6.0)), 0, 7);
  g_string_append_printf (gp, "set ylabel \"latency (ms; the axis does not start at 0)\"\n"
                          "set format y \"%%.%df\"\nset yrange [%.12g:%.12g]\n"
                          "set key top right\nset lmargin 14\n", digits,
                          lo - 0.2 * (hi - lo), hi + 0.35 * (hi - lo));
  g_autofree char *shade = failure_windows (c, gp, ic);
  if (!isfinite (range[0]))
    g_string_append_printf (gp, "set label 1 \"%s delivered no traffic in this run\" at graph 0.5, "
                            "graph 0.5 center noenhanced\nunset key\n", ic);
  g_string_append_printf (gp,
    "u = %.9g\n"
    "plot \"%s\" using ($1/u):($7*1e3) with steps lw 2 lc rgb \"#1f77b4\" "
    "title \"to the cloud\", \\\n"
    "     \"%s\" using ($1/u):($8*1e3) with steps lw 2 dt 4 lc rgb \"#ff7f0e\" "
    "title \"from the cloud\"%s\n", c->unit, dat, dat, shade);
  add_figure (c, name, gp);
}

static void
loss_figure (Ctx *c, const char *ic, const char *dat, const double lost[], double max_loss_bps)
{
  g_autofree char *name = g_strdup_printf ("loss-%s", ic);
  g_autofree char *title = g_strdup_printf ("%s: traffic lost by cause (both directions)", ic);
  GString *gp = lm_plot_script_begin (name, title, 1200, 800);
  g_string_append (gp, "unset title\n");
  gboolean any = FALSE;
  for (int k = 0; k < LM_SERIES_N_CAUSES; k++)
    any = any || lost[k] > 0;
  g_autofree char *head = g_strconcat (title, any ? "" : ": nothing was lost in this run", NULL);
  g_string_append (gp, "set multiplot layout 2,1 title ");
  lm_plot_quote (gp, head);
  g_string_append (gp, "\n");
  time_axis (c, gp);
  const char *rate_name;
  double r = lm_plot_rate_unit (max_loss_bps, &rate_name);
  g_string_append_printf (gp, "set key top right\nset ylabel \"loss rate (%s)\"\n"
                          "set yrange [0:*]\nset offsets 0, 0, graph 0.1, 0\nset lmargin 12\n"
                          "set tmargin 2\n", rate_name);
  g_autofree char *shade = failure_windows (c, gp, ic);
  g_string_append_printf (gp, "u = %.9g; r = %.9g\nplot ", c->unit, r);
  for (int k = 0, n = 0; k < LM_SERIES_N_CAUSES; k++)
    if (lost[k] > 0 || (!any && k == 0))
      g_string_append_printf (gp, "%s\"%s\" using ($1/u):($%d/r) with steps lw 2 lc rgb \"%s\" "
                              "title \"%s\"", n++ ? ", \\\n     " : "", dat, 9 + k,
                              cause_colour[k], cause_title[k]);
  g_string_append_printf (gp, "%s\nset ylabel \"packets lost so far\"\n"
                          "set format y \"%%.1s %%c\"\nplot ", shade);
  /* the integral of a step function is piecewise linear: lines are exact */
  for (int k = 0, n = 0; k < LM_SERIES_N_CAUSES; k++)
    if (lost[k] > 0 || (!any && k == 0))
      g_string_append_printf (gp, "%s\"%s\" using ($1/u):%d with lines lw 2 lc rgb \"%s\" "
                              "title \"%s (%.0f packets in all)\"", n++ ? ", \\\n     " : "", dat,
                              14 + k, cause_colour[k], cause_title[k], lost[k]);
  g_string_append (gp, "\nunset multiplot\n");
  add_figure (c, name, gp);
}

/* ------------------------------------------------------------ latency distribution */

static const double cdf_p[] = { 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35,
                                0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95,
                                0.97, 0.98, 0.99, 0.995, 0.999 };

static void
latency_cdf_figure (Ctx *c)
{
  GString *dat = g_string_new ("# latency_ms cumulative_fraction; one block per interconnect\n");
  GString *plot = g_string_new ("plot ");
  GString *marks = g_string_new (NULL);
  guint blocks = 0;
  for (guint ic = 0; ic < lm_series_n_interconnects (c->series); ic++)
    {
      if (isnan (lm_run_latency (c->run, ic, 0.5)))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (cdf_p); i++)
        {
          lm_out_double (dat, lm_run_latency (c->run, ic, cdf_p[i]) * 1e3);
          g_string_append_printf (dat, " %g\n", cdf_p[i]);
        }
      g_string_append (dat, "\n\n");
      g_string_append_printf (plot, "%s\"latency-cdf.dat\" index %u using 1:2 with lines lw 2 "
                              "title \"%s\"", blocks ? ", " : "", blocks,
                              lm_series_interconnect (c->series, ic));
      for (int q = 0; q < 3; q++)
        {
          double p = (double[]) { 0.5, 0.95, 0.99 }[q];
          double x = lm_run_latency (c->run, ic, p) * 1e3;
          g_string_append_printf (marks, "set label \"p%g = %.4g ms\" at %.9g, %g point pt 7 "
                                  "ps 1 offset 1,-0.3 font \",9\"\n", p * 100, x, x, p);
        }
      blocks++;
    }
  if (blocks == 0)
    g_string_append (plot, "NaN notitle");
  GString *gp = lm_plot_script_begin (
    "latency-cdf", "Latency distribution of the whole run: share of delivered traffic "
    "(bit-weighted, both directions) with a one-way latency at most x", 1200, 650);
  g_string_append (gp, "set xlabel \"one-way latency (ms)\"\n"
                       "set ylabel \"fraction of delivered bits\"\nset yrange [0:1.02]\n"
                       "set ytics 0.1\nset key bottom right\nset format x \"%.4g\"\n");
  g_string_append (gp, marks->str);
  g_string_append (gp, plot->str);
  g_string_append_c (gp, '\n');
  g_string_free (marks, TRUE);
  g_string_free (plot, TRUE);
  lm_out_files_take (c->files, "latency-cdf.dat", g_string_free (dat, FALSE));
  add_figure (c, "latency-cdf", gp);
}

gboolean
lm_plot_run (LmRun *run, const char *dir, GPtrArray **names, GError **error)
{
  const LmSeries *series = lm_run_series (run);
  g_return_val_if_fail (series != NULL, FALSE);
  g_autoptr (LmOutFiles) files = lm_out_files_new ();
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  Ctx c = { run, series, 0, lm_series_end (series), 0, NULL, files, list };
  c.unit = lm_plot_time_unit (LM_TIME_TO_S (c.end - c.start), &c.unit_name);
  g_autoptr (GString) windows = g_string_new (NULL);
  time_axis (&c, windows);
  g_autofree char *shade = failure_windows (&c, windows, NULL);
  add_figure (&c, "states", lm_plot_states_script (series, c.unit, windows->str, shade, files));
  for (guint ic = 0; ic < lm_series_n_interconnects (series); ic++)
    {
      const char *name = lm_series_interconnect (series, ic);
      g_autofree char *dat = g_strdup_printf ("series-%s.dat", name);
      Extent e;
      lm_out_files_take (files, dat, series_data (&c, ic, &e));
      capacity_figure (&c, name, dat, e.max_bps);
      latency_figure (&c, name, dat, e.latency);
      loss_figure (&c, name, dat, e.lost, e.max_loss_bps);
    }
  latency_cdf_figure (&c);
  if (!lm_plot_write (files, dir, error))
    return FALSE;
  if (names != NULL)
    *names = g_steal_pointer (&list);
  return TRUE;
}
