/* cli/rare-cli.c — the command-line path of the rare-event method
 * (cli/rare-cli.h).  Options: --method plain|rare|auto, --k N (one more
 * criterion: fewer than N usable connections), --rare-target R (relative
 * 95 % half-width, "1%" or 0.01; default the scenario's, 1 %), --time-budget T
 * ("10s" or seconds; machine-dependent, flagged in the report). */
#include "cli/rare-cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "analysis/rare-report.h"
#include "analysis/report.h"

static gboolean
parse_target (const char *text, double *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  if (end != text && end != NULL && strcmp (end, "%") == 0)
    v /= 100.0;
  else if (end == text || end == NULL || *end != '\0')
    return FALSE;
  *out = v;
  return isfinite (v) && v > 0 && v < 1;
}

static gboolean
parse_budget (const char *text, double *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  LmTime t;
  if (end != text && end != NULL && *end == '\0')
    *out = v;
  else if (lm_time_parse (text, &t, NULL))
    *out = LM_TIME_TO_S (t);
  else
    return FALSE;
  return isfinite (*out) && *out > 0;
}

gboolean
lm_cli_rare_settings (const LmRunOptions *opt, LmRareSettings *s)
{
  lm_rare_settings_init (s);
  s->jobs = MAX (opt->jobs, 1);
  if (opt->method != NULL)
    {
      for (int m = 0; m < LM_RARE_METHOD_N; m++)
        if (strcmp (opt->method, lm_rare_method_name ((LmRareMethod) m)) == 0)
          s->method = m;
      if (s->method < 0)
        return g_printerr ("lmsim: --method %s: expected plain, rare or auto\n", opt->method),
               FALSE;
    }
  if (opt->k < 0 || opt->k > 64)
    return g_printerr ("lmsim: --k %d: expected a number of connections, 1 to 64\n", opt->k),
           FALSE;
  s->k = (guint) opt->k;
  if (opt->rare_target != NULL && !parse_target (opt->rare_target, &s->target))
    return g_printerr ("lmsim: --rare-target %s: expected a relative half-width above 0 and "
                       "below 1 (e.g. 1%% or 0.01)\n", opt->rare_target), FALSE;
  if (opt->time_budget != NULL && !parse_budget (opt->time_budget, &s->time_budget_s))
    return g_printerr ("lmsim: --time-budget %s: expected a duration above 0 (e.g. 10s)\n",
                       opt->time_budget), FALSE;
  return TRUE;
}

gboolean
lm_cli_rare_wanted (const LmScenario *sc, const LmRareSettings *s)
{
  return lm_rare_settings_method (s, sc) != LM_RARE_METHOD_PLAIN;
}

gboolean
lm_cli_rare_refuses_sweep (const LmScenario *sc, const LmRunOptions *opt)
{
  LmRareSettings s;
  if (!lm_cli_rare_settings (opt, &s))
    return TRUE;
  if (!lm_cli_rare_wanted (sc, &s))
    return FALSE;
  g_printerr ("lmsim: --method %s estimates one design at a time; pick it with --set instead "
              "of a sweep\n", lm_rare_method_name (lm_rare_settings_method (&s, sc)));
  return TRUE;
}

/* Hash of the canonical scenario, the version and the options that change
 * the estimates. */
static char *
config_sha256 (const LmScenario *sc, const LmRareScenario *r, const LmRareSettings *s)
{
  g_autofree char *canon = lm_scenario_print (sc);
  g_autofree char *all = g_strdup_printf ("lmsim %s\n%s\nmethod %s k %u target %.17g\n",
                                          LM_VERSION, canon,
                                          lm_rare_method_name (lm_rare_scenario_method (r)),
                                          s->k, lm_rare_scenario_target (r));
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all, -1);
}

int
lm_cli_rare (const LmScenario *sc, const char *path, const LmRunOptions *opt,
             const LmRareSettings *s)
{
  const char *method = lm_rare_method_name (lm_rare_settings_method (s, sc));
  if (opt->trace_path != NULL)
    return g_printerr ("lmsim: --trace records one simulated run; --method %s estimates "
                       "without one\n", method), LM_EXIT_USAGE;
  if (opt->check || opt->junit != NULL || opt->csv_dir != NULL)
    return g_printerr ("lmsim: --check, --junit and --csv report simulated runs and their "
                       "expectations; --method %s estimates component availability (use "
                       "--json)\n", method), LM_EXIT_USAGE;
  g_autoptr (GError) error = NULL;
  g_autoptr (LmRareScenario) r = lm_rare_scenario_run (sc, s, &error);
  if (r == NULL)
    return g_printerr ("%s\n", error->message), LM_EXIT_USAGE;
  g_autofree char *file_sha = lm_report_file_sha256 (path);
  g_autofree char *warnings = lm_rare_report_warnings (r);
  if (!opt->quiet)
    {
      g_autofree char *text = lm_rare_report_text (r, sc, file_sha, opt->analytic);
      fputs (text, stdout);
      fflush (stdout);
    }
  if (!opt->no_progress)
    g_printerr ("%s", warnings);
  if (opt->json_path != NULL)
    {
      g_autofree char *cfg = config_sha256 (sc, r, s);
      g_autofree char *json = lm_rare_json (r, sc, file_sha, cfg);
      if (!lm_cli_write_atomic (opt->json_path, json, &error))
        return g_printerr ("lmsim: --json %s: %s\n", opt->json_path, error->message),
               LM_EXIT_USAGE;
    }
  return LM_EXIT_OK;
}
