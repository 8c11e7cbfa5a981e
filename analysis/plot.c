/* analysis/plot.c — gnuplot scripts, their rendering, and the Monte Carlo
 * figures (analysis/plot.h).  One run's figures are in plot-run.c.
 *
 * Scripts choose their terminal from the variable fmt ("png" by default,
 * "svg"): pngcairo when this gnuplot has it, else png.  They are run with
 * g_spawn_sync, no shell, in the output directory, so data files are named
 * relative to it and a directory may be moved whole.
 */
#include "analysis/plot-private.h"

#include <math.h>
#include <string.h>

static const char *const crit_title[] = { "reachability", "half capacity", "full capacity" };
static const char *const crit_colour[] = { "#1b9e77", "#d95f02", "#7570b3" };

/* ------------------------------------------------------------ scripts */

void
lm_plot_quote (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (out, '\\');
      if (*c == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

GString *
lm_plot_script_begin (const char *name, const char *title, guint width, guint height)
{
  GString *gp = g_string_new (NULL);
  g_string_append_printf (gp,
    "# %s.gp — written by lmsim %s (docs/figures.md).\n"
    "# Render: gnuplot %s.gp  (PNG), or  gnuplot -e 'fmt=\"svg\"' %s.gp  (SVG)\n"
    "if (!exists(\"fmt\")) fmt = \"png\"\n"
    "if (fmt eq \"svg\") {\n"
    "  set terminal svg size %u,%u dynamic noenhanced font \"Sans,12\" background rgb \"white\"\n"
    "} else {\n"
    "  if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
    "    set terminal pngcairo size %u,%u noenhanced font \"Sans,11\" background rgb \"white\"\n"
    "  } else {\n"
    "    set terminal png size %u,%u noenhanced font \"Sans,11\" background rgb \"white\"\n"
    "  }\n"
    "}\n"
    "set output \"%s.\" . fmt\n"
    "set encoding utf8\n"
    "set datafile missing \"NaN\"\n"
    "set grid lc rgb \"#dddddd\" lt 1\n"
    "set border lc rgb \"#444444\"\n"
    "set key opaque box lc rgb \"#bbbbbb\"\n"
    "set title ", name, LM_VERSION, name, name, width, height, width, height, width, height, name);
  lm_plot_quote (gp, title);
  g_string_append (gp, " noenhanced\n");
  return gp;
}

double
lm_plot_time_unit (double span_s, const char **name)
{
  if (span_s <= 3 * 3600.0)
    {
      *name = "min";
      return 60.0;
    }
  if (span_s <= 4 * 86400.0)
    {
      *name = "h";
      return 3600.0;
    }
  *name = "days";
  return 86400.0;
}

double
lm_plot_rate_unit (double max_bps, const char **name)
{
  if (max_bps >= 1e9)
    {
      *name = "Gbit/s";
      return 1e9;
    }
  if (max_bps >= 1e6)
    {
      *name = "Mbit/s";
      return 1e6;
    }
  *name = "kbit/s";
  return 1e3;
}

/* ------------------------------------------------------------ rendering */

gboolean
lm_plot_gnuplot_available (void)
{
  g_autofree char *path = g_find_program_in_path ("gnuplot");
  return path != NULL;
}

static gboolean
render_one (const char *gnuplot, const char *dir, const char *script, const char *fmt,
            GError **error)
{
  g_autofree char *set = g_strdup_printf ("fmt=\"%s\"", fmt);
  char *argv[] = { (char *) gnuplot, "-e", set, (char *) script, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  if (!g_spawn_sync (dir, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, error))
    return FALSE;
  GError *failed = NULL;
  if (!g_spawn_check_wait_status (status, &failed))
    {
      g_set_error (error, failed->domain, failed->code, "gnuplot %s (%s): %s: %s", script, fmt,
                   failed->message, err != NULL && *err ? g_strchomp (err) : "");
      g_error_free (failed);
      return FALSE;
    }
  return TRUE;
}

gboolean
lm_plot_render (const LmOutFiles *files, const char *dir, GError **error)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  if (gnuplot == NULL)
    return TRUE;
  for (guint i = 0; i < lm_out_files_count (files); i++)
    {
      const char *name = lm_out_files_name (files, i);
      if (!g_str_has_suffix (name, ".gp"))
        continue;
      if (!render_one (gnuplot, dir, name, "png", error)
          || !render_one (gnuplot, dir, name, "svg", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lm_plot_write (const LmOutFiles *files, const char *dir, GError **error)
{
  return lm_out_files_write (files, dir, error) && lm_plot_render (files, dir, error);
}

/* ------------------------------------------------------------ availability axes */

/* Downtime per year, minutes, of availability @a (never below @floor, so
 * it can sit on a log axis). */
static double
downtime_min (double a, double floor)
{
  return MAX ((1.0 - a) * LM_PLOT_YEAR_MIN, floor);
}

/* Two decades below the smallest positive downtime (never above 0.01 min):
 * the bottom edge, where "no downtime observed" is drawn. */
static double
floor_of (const double *values, guint n)
{
  double min = INFINITY;
  for (guint i = 0; i < n; i++)
    if (values[i] < 1.0 && 1.0 - values[i] > 0)
      min = MIN (min, (1.0 - values[i]) * LM_PLOT_YEAR_MIN);
  if (!isfinite (min))
    return 1e-3;
  return MIN (pow (10.0, floor (log10 (min)) - 2.0), 0.01);
}

/* One estimate's columns per criterion: downtime mean, low, high (minutes
 * per year; the interval's low availability is the high downtime), then 1
 * when no downtime was observed at all (drawn on the bottom edge). */
static void
estimate_columns (GString *dat, const double mean[3], const double lo[3], const double hi[3],
                  double floor_min, gboolean *none_seen)
{
  for (int k = 0; k < 3; k++)
    {
      gboolean none = mean[k] >= 1.0;
      double v[3] = { downtime_min (mean[k], floor_min), downtime_min (hi[k], floor_min),
                      downtime_min (lo[k], floor_min) };
      for (int j = 0; j < 3; j++)
        {
          g_string_append_c (dat, ' ');
          lm_out_double (dat, v[j]);
        }
      g_string_append_printf (dat, " %d", none);
      *none_seen |= none;
    }
}

/* Plot elements for criterion @k's estimates in @file, x = @x, first
 * column @col (as estimate_columns wrote them). */
static void
estimate_elements (GString *gp, const char *file, int k, const char *x, int col,
                   const char *title)
{
  /* the key entry stands alone: a criterion never observed down has no
   * error-bar points to give it one */
  g_string_append_printf (gp, ", \\\n     \"%s\" using %s:($%d > 0 ? NaN : $%d):%d:%d with yerrorbars "
                          "pt 7 ps 1.4 lw 2 lc rgb \"%s\" notitle", file, x, col + 3, col, col + 1,
                          col + 2, crit_colour[k]);
  g_string_append_printf (gp, ", \\\n     keyentry with linespoints pt 7 ps 1.4 lw 2 lc rgb \"%s\" "
                          "title ", crit_colour[k]);
  lm_plot_quote (gp, title);
  g_string_append_printf (gp, ", \\\n     \"%s\" using %s:($%d > 0 ? floor : NaN) with points "
                          "pt 10 ps 2 lw 2 lc rgb \"%s\" notitle", file, x, col + 3,
                          crit_colour[k]);
}

static const char none_key[] =
  ", \\\n     keyentry with points pt 10 ps 2 lw 2 lc rgb \"#444444\" "
  "title \"no downtime observed (drawn on the bottom edge)\"";

/* Log y axis of downtime per year, with the right axis reading the same
 * as availability. */
static void
downtime_axes (GString *gp, double floor_min, double top_min)
{
  /* a decade of headroom for the key; never beyond a whole year down */
  double lo = floor_min / 2, hi = MIN (MAX (top_min, floor_min) * 20, 2 * LM_PLOT_YEAR_MIN);
  g_string_append_printf (gp, "set yrange [%.6g:%.6g]\nset y2range [%.6g:%.6g]\n", lo, hi, lo, hi);
  g_string_append (gp,
    "set logscale y\nset logscale y2\n"
    "set format y \"%g\"\n"
    "set ylabel \"downtime per year (minutes, log scale) — lower is better\"\n"
    "set y2label \"the same as availability\"\n"
    /* tic labels are formats: %% is a percent sign */
    "set y2tics (\"90 %%\" 52560, \"99 %%\" 5256, \"99.9 %%\" 525.6, \"99.99 %%\" 52.56, \"99.999 %%\" 5.256, "
    "\"99.9999 %%\" 0.5256, \"99.99999 %%\" 0.05256, \"99.999999 %%\" 0.005256)\n");
  g_string_append (gp, "set ytics nomirror\n");
  g_string_append_printf (gp, "floor = %.3g\n", floor_min);
}

/* ------------------------------------------------------------ designs */

static char *
designs_data (const LmPlotDesign *d, guint n, double floor_min, gboolean *none_seen)
{
  GString *dat = g_string_new ("# design label, then per criterion (reachability, half, full):"
                               " downtime per year in minutes: mean low high none-observed\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (dat, "%u ", i);
      lm_plot_quote (dat, d[i].label != NULL ? d[i].label : "?");
      estimate_columns (dat, d[i].mean, d[i].lo, d[i].hi, floor_min, none_seen);
      g_string_append_c (dat, '\n');
    }
  return g_string_free (dat, FALSE);
}

gboolean
lm_plot_designs (const char *dir, const LmPlotDesign *designs, guint n, GError **error)
{
  g_return_val_if_fail (n > 0, FALSE);
  g_autofree double *all = g_new (double, 9 * n);
  for (guint i = 0; i < n; i++)
    for (int k = 0; k < 3; k++)
      {
        all[9 * i + 3 * k] = designs[i].mean[k];
        all[9 * i + 3 * k + 1] = designs[i].lo[k];
        all[9 * i + 3 * k + 2] = designs[i].hi[k];
      }
  double floor_min = floor_of (all, 9 * n), top = floor_min;
  for (guint i = 0; i < 9 * n; i++)
    top = MAX (top, downtime_min (all[i], floor_min));
  gboolean none = FALSE;
  char *dat = designs_data (designs, n, floor_min, &none);
  GString *gp = lm_plot_script_begin (
    "designs", "Design comparison: downtime per year of each design (Monte Carlo mean, "
    "95 % confidence interval as error bars)", 1200, 700);
  downtime_axes (gp, floor_min, top);
  g_string_append_printf (gp, "set xrange [-0.6:%u.6]\nset xtics rotate by -15 (", n - 1);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (gp, i ? ", " : "");
      lm_plot_quote (gp, designs[i].label != NULL ? designs[i].label : "?");
      g_string_append_printf (gp, " %u", i);
    }
  g_string_append (gp, ")\nset xlabel \"design\"\nset key top right\nset bmargin 6\n"
                       "plot NaN notitle");
  for (int k = 0; k < 3; k++)
    {
      g_autofree char *x = g_strdup_printf ("($1%+.2f)", (k - 1) * 0.18);
      estimate_elements (gp, "designs.dat", k, x, 3 + 4 * k, crit_title[k]);
    }
  g_string_append_printf (gp, "%s\n", none ? none_key : "");
  g_autoptr (LmOutFiles) files = lm_out_files_new ();
  lm_out_files_take (files, "designs.dat", dat);
  lm_out_files_take (files, "designs.gp", g_string_free (gp, FALSE));
  return lm_plot_write (files, dir, error);
}

/* ------------------------------------------------------------ MTTR */

#define MTTR_POINTS 61   /* 0.1 h to 100 h, 20 a decade */

static gboolean
mttr_curve (const LmAvailDesign *design, GString *dat, GError **error)
{
  g_string_append (dat, "# router-pair MTTR (h), then downtime per year (min) for reachability,"
                        " half and full capacity, exact (closed form)\n");
  for (int i = 0; i < MTTR_POINTS; i++)
    {
      LmAvailDesign d = *design;
      d.pair.mttr_h = pow (10.0, -1.0 + 3.0 * i / (MTTR_POINTS - 1));
      lm_out_double (dat, d.pair.mttr_h);
      for (int k = 0; k < 3; k++)
        {
          LmAvailExact ex;
          if (!lm_avail_closed_form (&d, lm_avail_criterion_k ((LmAvailCriterion) k, &d), &ex,
                                     error))
            return FALSE;
          g_string_append_c (dat, ' ');
          lm_out_double (dat, ex.unavailability * LM_PLOT_YEAR_MIN);
        }
      g_string_append_c (dat, '\n');
    }
  return TRUE;
}

static char *
mttr_points (const LmPlotEstimate *e, guint n, double floor_min, gboolean *none_seen)
{
  GString *dat = g_string_new ("# MTTR (h), then per criterion: downtime per year (min) "
                               "mean low high none-observed (Monte Carlo, 95 % CI)\n");
  for (guint i = 0; i < n; i++)
    {
      lm_out_double (dat, e[i].mttr_h);
      estimate_columns (dat, e[i].mean, e[i].lo, e[i].hi, floor_min, none_seen);
      g_string_append_c (dat, '\n');
    }
  return g_string_free (dat, FALSE);
}

static GString *
mttr_script (const LmAvailDesign *d, const LmPlotEstimate *e, guint n, double floor_min,
             double top, gboolean none)
{
  guint sm = d->sites * d->pairs_per_site;
  g_autofree char *title = g_strdup_printf (
    "%u × %u design: exact component availability against the router pairs' MTTR\n"
    "(pair MTBF %g h; site MTBF %g h, MTTR %g h; exponential, independent components)",
    d->sites, d->pairs_per_site, d->pair.mtbf_h, d->site.mtbf_h, d->site.mttr_h);
  GString *gp = lm_plot_script_begin ("mttr", title, 1200, 720);
  downtime_axes (gp, floor_min, top);
  g_string_append (gp, "set logscale x\nset xrange [0.1:100]\nset format x \"%g\"\n"
                       "set xlabel \"router-pair MTTR (hours, log scale)\"\n"
                       "set key at screen 0.5, screen 0.01 center bottom horizontal maxrows 3\n"
                       "set bmargin 8\n");
  g_string_append_printf (gp, "set arrow from %g, graph 0 to %g, graph 1 nohead dt 2 lc rgb "
                          "\"#555555\"\nset label \"this design's MTTR: %.3g h\" at %g, graph 0.97 "
                          "offset 0.5,0 font \",9\"\n", d->pair.mttr_h, d->pair.mttr_h,
                          d->pair.mttr_h, d->pair.mttr_h);
  g_string_append (gp, "plot NaN notitle");
  for (int k = 0; k < 3; k++)
    {
      guint kk = lm_avail_criterion_k ((LmAvailCriterion) k, d);
      g_string_append_printf (gp, ", \\\n     \"mttr.dat\" using 1:%d with lines lw 2 lc rgb \"%s\" "
                              "title \"%s, exact (≥ %u of %u pairs carry)\"",
                              2 + k, crit_colour[k], crit_title[k], kk, sm);
    }
  const char *label = n > 0 && e[0].label != NULL ? e[0].label : "Monte Carlo";
  for (int k = 0; k < 3 && n > 0; k++)
    {
      g_autofree char *t = g_strdup_printf ("%s, %s (95 %% CI)", crit_title[k], label);
      /* side by side on the log axis, so coinciding points stay apart */
      g_autofree char *x = g_strdup_printf ("($1*%.2f)", 1.0 + 0.06 * (k - 1));
      estimate_elements (gp, "mttr-mc.dat", k, x, 2 + 4 * k, t);
    }
  g_string_append_printf (gp, "%s\n", none ? none_key : "");
  return gp;
}

gboolean
lm_plot_mttr (const char *dir, const LmAvailDesign *design, const LmPlotEstimate *estimates,
              guint n_estimates, GError **error)
{
  if (!lm_avail_design_check (design, error))
    return FALSE;
  g_autoptr (GString) dat = g_string_new (NULL);
  if (!mttr_curve (design, dat, error))
    return FALSE;
  /* the floor from the best exact value (reachability at 0.1 h) and the
   * points; the top from the worst (full capacity at 100 h) */
  g_autofree double *all = g_new (double, 6 * n_estimates + 2);
  for (guint i = 0; i < n_estimates; i++)
    for (int k = 0; k < 3; k++)
      {
        all[6 * i + k] = estimates[i].lo[k];
        all[6 * i + 3 + k] = estimates[i].hi[k];
      }
  LmAvailExact best, worst;
  LmAvailDesign d = *design;
  d.pair.mttr_h = 0.1;
  if (!lm_avail_closed_form (&d, lm_avail_criterion_k (LM_AVAIL_CRIT_REACHABILITY, &d), &best,
                             error))
    return FALSE;
  d.pair.mttr_h = 100;
  if (!lm_avail_closed_form (&d, lm_avail_criterion_k (LM_AVAIL_CRIT_FULL_CAPACITY, &d), &worst,
                             error))
    return FALSE;
  all[6 * n_estimates] = best.availability;
  all[6 * n_estimates + 1] = worst.availability;
  double floor_min = floor_of (all, 6 * n_estimates + 2), top = floor_min;
  for (guint i = 0; i < 6 * n_estimates + 2; i++)
    top = MAX (top, downtime_min (all[i], floor_min));
  g_autoptr (LmOutFiles) files = lm_out_files_new ();
  lm_out_files_take (files, "mttr.dat", g_string_free (g_steal_pointer (&dat), FALSE));
  gboolean none = FALSE;
  if (n_estimates > 0)
    lm_out_files_take (files, "mttr-mc.dat",
                       mttr_points (estimates, n_estimates, floor_min, &none));
  lm_out_files_take (files, "mttr.gp",
                     g_string_free (mttr_script (design, estimates, n_estimates, floor_min, top,
                                                 none), FALSE));
  return lm_plot_write (files, dir, error);
}

G_STATIC_ASSERT (G_N_ELEMENTS (crit_title) == LM_AVAIL_CRIT_N);
G_STATIC_ASSERT (G_N_ELEMENTS (crit_colour) == LM_AVAIL_CRIT_N);
