/* analysis/plot-private.h — what plot.c (scripts, rendering, Monte Carlo
 * figures) shares with plot-run.c (one run's figures).  Nothing else
 * includes this. */
#pragma once

#include "analysis/plot.h"
#include "analysis/outdir.h"

/* Minutes in the year downtime is quoted per (8760 h, analysis/ctmc.h). */
#define LM_PLOT_YEAR_MIN (LM_AVAIL_YEAR_H * 60.0)

/* Starts NAME.gp: the header comment, the terminal (PNG or SVG, chosen by
 * the variable fmt, PNG by default), size @width × @height pixels, output
 * NAME.png / NAME.svg, the title and common style.  (transfer full) */
GString *lm_plot_script_begin (const char *name, const char *title, guint width, guint height);

/* Appends a gnuplot string literal (double-quoted, escaped). */
void lm_plot_quote (GString *out, const char *text);

/* Renders every NAME.gp in @files into @dir as PNG and SVG, when gnuplot is
 * on PATH; TRUE without doing anything when it is not. */
gboolean lm_plot_render (const LmOutFiles *files, const char *dir, GError **error);

/* Writes @files into @dir, all or none, then renders them. */
gboolean lm_plot_write (const LmOutFiles *files, const char *dir, GError **error);

/* The unit for a time axis over @span_s seconds: its length in seconds and
 * its name ("min", "h", "days"). */
double lm_plot_time_unit (double span_s, const char **name);

/* The unit for bit rates up to @max_bps: its size and name ("Gbit/s", …). */
double lm_plot_rate_unit (double max_bps, const char **name);

/* The state timeline (plot-states.c): states.gp's text, its data added to
 * @files.  @prelude (time axis, failure windows) goes before the plot
 * command and @extra (key entries) at the end of it.  (transfer full) */
GString *lm_plot_states_script (const LmSeries *series, double unit, const char *prelude,
                                const char *extra, LmOutFiles *files);
