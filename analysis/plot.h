/* analysis/plot.h — figures as gnuplot scripts, their data, PNG and SVG.
 *
 * Every figure NAME is a script NAME.gp beside its data (NAME.dat, or a
 * shared series-IC.dat), written into a directory (created if missing,
 * each file atomically, all or none: analysis/outdir.h).  When `gnuplot`
 * is on PATH each script is then run (no shell, in that directory) to draw
 * NAME.png and NAME.svg; without it the scripts are still written and
 * render later with `gnuplot NAME.gp` (PNG) or `gnuplot -e 'fmt="svg"'
 * NAME.gp`.  Every figure has a title, axes with units and a legend
 * (docs/figures.md describes each).
 */
#pragma once

#include <glib.h>
#include "analysis/run.h"
#include "analysis/ctmc.h"

G_BEGIN_DECLS

/* Whether `gnuplot` is on PATH (the figures are rendered). */
gboolean lm_plot_gnuplot_available (void);

/* The figures of one run made with LM_RUN_SERIES and executed:
 *   states       a timeline per connection: link, MACsec, BFD, BGP per family
 *   capacity-IC  usable capacity, the ordered tier and offered load over time
 *   latency-IC   mean latency over time, per direction
 *   latency-cdf  the traffic-weighted latency distribution of the run
 *   loss-IC      loss rate by cause over time, and lost packets so far
 * @names (optional) receives the figure names written.  FALSE with @error
 * when the directory or a file cannot be written, or gnuplot fails. */
gboolean lm_plot_run (LmRun *run, const char *dir, GPtrArray **names, GError **error);

/* Design comparison (Monte Carlo results). */
typedef struct {
  const char *label;            /* "sites=1 pairs-per-site=2" */
  double mean[3], lo[3], hi[3]; /* availability: reachability, half capacity, full capacity
                                 * (fractions, 95 % CI) */
} LmPlotDesign;

/* designs.gp: each design's downtime per year (minutes, log scale: the
 * unavailability × 525,600) for the three criteria, with the 95 %
 * intervals as error bars; the right axis reads it as availability. */
gboolean lm_plot_designs (const char *dir, const LmPlotDesign *designs, guint n, GError **error);

/* A Monte Carlo estimate of component availability at one router-pair MTTR. */
typedef struct {
  const char *label;            /* "Monte Carlo (1000 years)", or NULL */
  double mttr_h;                /* the router pairs' MTTR it was made at, hours */
  double mean[3], lo[3], hi[3]; /* reachability, half, full capacity (fractions, 95 % CI) */
} LmPlotEstimate;

/* mttr.gp: the exact component availability of @design (the closed form,
 * analysis/ctmc.h) for the three criteria as a function of the router
 * pairs' MTTR from 0.1 h to 100 h (log x), as downtime per year (log y),
 * with @estimates (may be NULL when @n_estimates is 0) as points with
 * their intervals. */
gboolean lm_plot_mttr (const char *dir, const LmAvailDesign *design,
                       const LmPlotEstimate *estimates, guint n_estimates, GError **error);

G_END_DECLS
