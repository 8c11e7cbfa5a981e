/* cli/run-cli.c — one scenario, start to finish, as `lmsim FILE.sc` runs it. */
#include "cli/run-cli.h"

#include <stdio.h>
#include "cli/cli.h"
#include "analysis/run.h"
#include "analysis/report.h"
#include "analysis/replicate-report.h"
#include "analysis/csv.h"
#include "analysis/plot.h"

gboolean
lm_cli_write_atomic (const char *path, const char *data, GError **error)
{
  /* g_file_set_contents writes a temporary file beside @path and renames it */
  return g_file_set_contents (path, data, -1, error);
}

/* Hash of what determines the results: the canonical scenario (includes and
 * overrides applied) and the lmsim version. */
static char *
config_sha256 (const LmScenario *sc)
{
  g_autofree char *canon = lm_scenario_print (sc);
  g_autofree char *all = g_strconcat ("lmsim ", LM_VERSION, "\n", canon, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all, -1);
}

/* --csv DIR and --plot DIR of one run.  gnuplot missing is a note, not an
 * error: the scripts and data are written all the same. */
static gboolean
write_series (LmRun *run, const LmRunOptions *opt)
{
  g_autoptr (GError) error = NULL;
  if (opt->csv_dir != NULL && !lm_csv_write (run, opt->csv_dir, &error))
    {
      g_printerr ("lmsim: --csv %s: %s\n", opt->csv_dir, error->message);
      return FALSE;
    }
  if (opt->plot_dir == NULL)
    return TRUE;
  g_autoptr (GPtrArray) names = NULL;
  if (!lm_plot_run (run, opt->plot_dir, &names, &error))
    {
      g_printerr ("lmsim: --plot %s: %s\n", opt->plot_dir, error->message);
      return FALSE;
    }
  g_autoptr (GString) list = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) names->pdata[i]);
  if (lm_plot_gnuplot_available ())
    g_printerr ("lmsim: --plot %s: %s (.png, .svg, .gp)\n", opt->plot_dir, list->str);
  else
    g_printerr ("lmsim: --plot %s: gnuplot is not on PATH, so nothing was rendered; the scripts "
                "are written (%s .gp): render each with `gnuplot NAME.gp` in %s\n",
                opt->plot_dir, list->str, opt->plot_dir);
  return TRUE;
}

/* Mean and 95 % interval of three availabilities (a degenerate interval
 * at the mean with fewer than two replications). */
static void
fill_ci (const LmReplicaStats *st, const LmAvailKind kind[3], double mean[3], double lo[3],
         double hi[3])
{
  for (int k = 0; k < 3; k++)
    {
      const LmMoments *m = &st->availability[kind[k]];
      mean[k] = m->mean;
      if (!lm_moments_ci95 (m, &lo[k], &hi[k]))
        lo[k] = hi[k] = m->mean;
      hi[k] = MIN (hi[k], 1.0);
    }
}

/* --plot with replications: the design's three availabilities, and, when its
 * failure data fit the exact model, component availability against MTTR
 * with this estimate on it.  (Sweeps will compare several designs.) */
static gboolean
plot_replications (const LmReplication *rep, const char *dir)
{
  static const LmAvailKind traffic[3] = { LM_AVAIL_REACHABILITY, LM_AVAIL_HALF_CAPACITY,
                                          LM_AVAIL_FULL_CAPACITY };
  static const LmAvailKind component[3] = { LM_AVAIL_COMPONENT_REACHABILITY,
                                            LM_AVAIL_COMPONENT_HALF_CAPACITY,
                                            LM_AVAIL_COMPONENT_FULL_CAPACITY };
  const LmScenario *sc = lm_replication_scenario (rep);
  const LmScInterconnect *x = g_ptr_array_index (sc->interconnects, 0);
  const LmReplicaStats *st = lm_replication_stats (rep, 0);
  g_autofree char *label = g_strdup_printf ("%s: %s, sites=%u pairs-per-site=%u", sc->name,
                                            x->name, x->sites, x->pairs_per_site);
  LmPlotDesign design = { .label = label };
  fill_ci (st, traffic, design.mean, design.lo, design.hi);
  g_autoptr (GError) error = NULL;
  if (!lm_plot_designs (dir, &design, 1, &error))
    {
      g_printerr ("lmsim: --plot %s: %s\n", dir, error->message);
      return FALSE;
    }
  LmAvailDesign d;
  g_autofree char *why = NULL;
  g_autofree char *mc = g_strdup_printf ("Monte Carlo, %" G_GUINT64_FORMAT " replications",
                                         lm_replication_n (rep));
  if (!lm_replication_exact_design (sc, 0, &d, &why))
    g_printerr ("lmsim: --plot %s: designs; no availability against MTTR: the exact model "
                "does not fit (%s)\n", dir, why);
  else
    {
      LmPlotEstimate e = { .label = mc, .mttr_h = d.pair.mttr_h };
      fill_ci (st, component, e.mean, e.lo, e.hi);
      if (!lm_plot_mttr (dir, &d, &e, 1, &error))
        {
          g_printerr ("lmsim: --plot %s: %s\n", dir, error->message);
          return FALSE;
        }
      g_printerr ("lmsim: --plot %s: designs, mttr%s\n", dir,
                  lm_plot_gnuplot_available () ? " (.png, .svg, .gp)"
                  : " (.gp only: gnuplot is not on PATH, render with `gnuplot NAME.gp`)");
    }
  return TRUE;
}

/* Monte Carlo: @n replications on opt->jobs threads. */
static int
simulate_replications (const LmScenario *sc, const char *path, guint64 n, const LmRunOptions *opt)
{
  g_autoptr (GError) error = NULL;
  if (opt->trace_path != NULL || opt->csv_dir != NULL)
    {
      g_printerr ("lmsim: %s records one run; with %" G_GUINT64_FORMAT
                  " replications, use --replications 1\n",
                  opt->trace_path != NULL ? "--trace" : "--csv", n);
      return LM_EXIT_USAGE;
    }
  g_autoptr (LmReplication) rep = lm_replicate (sc, n, MAX (opt->jobs, 1), &error);
  if (rep == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LM_EXIT_USAGE;
    }
  g_autofree char *file_sha = lm_report_file_sha256 (path);
  if (!opt->quiet)
    {
      g_autofree char *text = lm_replication_report_text (rep, file_sha, opt->analytic);
      fputs (text, stdout);
      fflush (stdout);
    }
  if (opt->json_path != NULL)
    {
      g_autofree char *cfg = config_sha256 (sc);
      g_autofree char *json = lm_replication_json (rep, file_sha, cfg);
      if (!lm_cli_write_atomic (opt->json_path, json, &error))
        {
          g_printerr ("lmsim: --json %s: %s\n", opt->json_path, error->message);
          return LM_EXIT_USAGE;
        }
    }
  if (opt->plot_dir != NULL && !plot_replications (rep, opt->plot_dir))
    return LM_EXIT_USAGE;
  return lm_replication_all_passed (rep) ? LM_EXIT_OK : LM_EXIT_EXPECT;
}

int
lm_cli_simulate (const LmScenario *sc, const char *path, const LmRunOptions *opt)
{
  guint64 n = opt->replications > 0 ? (guint64) opt->replications
              : sc->replications > 0 ? sc->replications : 1;
  if (n > 1)
    return simulate_replications (sc, path, n, opt);
  g_autoptr (GError) error = NULL;
  LmRunFlags flags = LM_RUN_TIMELINE | (opt->trace_path != NULL ? LM_RUN_TRACE : 0)
                     | (opt->csv_dir != NULL || opt->plot_dir != NULL ? LM_RUN_SERIES : 0);
  g_autoptr (LmRun) run = lm_run_new (sc, 0, flags, &error);
  if (run == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LM_EXIT_USAGE;
    }
  if (!lm_run_execute (run, &error))
    {
      g_printerr ("lmsim: internal error: %s\n", error->message);
      return LM_EXIT_INTERNAL;
    }
  g_autofree char *file_sha = lm_report_file_sha256 (path);
  if (!opt->quiet)
    {
      g_autofree char *text = lm_report_text (run, file_sha);
      fputs (text, stdout);
      fflush (stdout);
    }
  if (opt->json_path != NULL)
    {
      g_autofree char *cfg = config_sha256 (sc);
      g_autofree char *json = lm_report_json (run, file_sha, cfg, 1);
      if (!lm_cli_write_atomic (opt->json_path, json, &error))
        {
          g_printerr ("lmsim: --json %s: %s\n", opt->json_path, error->message);
          return LM_EXIT_USAGE;
        }
    }
  if (opt->trace_path != NULL
      && !lm_cli_write_atomic (opt->trace_path, lm_trace_text (lm_run_trace (run)), &error))
    {
      g_printerr ("lmsim: --trace %s: %s\n", opt->trace_path, error->message);
      return LM_EXIT_USAGE;
    }
  if (!write_series (run, opt))
    return LM_EXIT_USAGE;
  return lm_run_all_passed (run) ? LM_EXIT_OK : LM_EXIT_EXPECT;
}
