/* cli/run-cli.c — one scenario, start to finish, as `lmsim FILE.sc` runs it. */
#include "cli/run-cli.h"

#include <stdio.h>
#include "cli/cli.h"
#include "analysis/run.h"
#include "analysis/report.h"
#include "analysis/replicate-report.h"

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

/* Monte Carlo: @n replications on opt->jobs threads. */
static int
simulate_replications (const LmScenario *sc, const char *path, guint64 n, const LmRunOptions *opt)
{
  g_autoptr (GError) error = NULL;
  if (opt->trace_path != NULL)
    {
      g_printerr ("lmsim: --trace records one run; with %" G_GUINT64_FORMAT
                  " replications, use --replications 1\n", n);
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
  g_autoptr (LmRun) run = lm_run_new (sc, 0, LM_RUN_TIMELINE | (opt->trace_path != NULL ? LM_RUN_TRACE : 0), &error);
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
  return lm_cli_report_run (run, sc, path, opt);
}

int
lm_cli_report_run (LmRun *run, const LmScenario *sc, const char *path, const LmRunOptions *opt)
{
  g_autoptr (GError) error = NULL;
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
  return lm_run_all_passed (run) ? LM_EXIT_OK : LM_EXIT_EXPECT;
}
