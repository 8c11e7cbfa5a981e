/* cli/main.c — `lmsim`: options, dispatch, exit codes.
 *
 * Exit codes (also in --help and README.md): 0 every expectation held;
 * 1 an expectation failed; 2 bad input or usage, with a message
 * `file:line:col: what is wrong` on stderr and no output file written;
 * 3 internal error. */
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <math.h>
#include <glib.h>

#include "cli/cli.h"
#include "cli/scenario-cli.h"
#include "cli/run-cli.h"
#include "cli/live.h"

typedef struct {
  gboolean version;
  gboolean quiet;
  gboolean analytic;
  gint64 replications;
  gint jobs;
  char *json;
  char *trace;
  char **files;
  LmCliScenarioOptions scenario;   /* --set, --sweep, --print-scenario */
  /* live mode (cli/live.h) */
  gboolean live, hold;
  double speed;
  char *listen, *token;
} Options;

static const char description[] =
  "Exit status:\n"
  "  0  every expectation held\n"
  "  1  an expectation failed\n"
  "  2  bad input or usage (the message says file:line:col: what is wrong)\n"
  "  3  internal error\n"
  "\n"
  "Examples:\n"
  "  lmsim scenarios/site-failure.sc\n"
  "  lmsim --set bgp.bfd=off --set sites=1 scenarios/site-failure.sc\n"
  "  lmsim --json out.json --trace out.trace scenarios/site-failure.sc\n"
  "  lmsim --replications 1000 -j 2 --analytic scenarios/year-of-failures.sc\n"
  "  lmsim --print-scenario scenarios/site-failure.sc\n"
  "  lmsim --live --speed 60 scenarios/site-failure.sc   # then curl localhost:9464/metrics\n"
  "\n"
  "Documentation: docs/ in the source tree, README.md.\n";

static gboolean
parse_options (int *argc, char ***argv, Options *opt, GError **error)
{
  GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &opt->version, "Print the version and exit", NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &opt->json,
      "Also write the results as JSON (docs/json.md)", "FILE" },
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &opt->trace,
      "Write every state change as one JSON line (deterministic)", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt->quiet,
      "No text report: the exit code and the files only", NULL },
    { "replications", 'r', 0, G_OPTION_ARG_INT64, &opt->replications,
      "Monte Carlo: run N replications (overrides the scenario's 'replications')", "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt->jobs,
      "Run replications on N threads (results are the same for every N)", "N" },
    { "analytic", 0, 0, G_OPTION_ARG_NONE, &opt->analytic,
      "Show the exact component availability (Markov solution) beside the Monte Carlo one", NULL },
    { "live", 0, 0, G_OPTION_ARG_NONE, &opt->live,
      "Play in real time and serve /metrics, /status, POST /inject (docs/live.md)", NULL },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &opt->speed,
      "Live: virtual seconds per wall second (default 1)", "X" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &opt->listen,
      "Live: HTTP address (default " LM_LIVE_DEFAULT_LISTEN "; port 0: any free port)", "ADDR:PORT" },
    { "hold", 0, 0, G_OPTION_ARG_NONE, &opt->hold,
      "Live: keep serving the final state after the duration, until SIGINT/SIGTERM", NULL },
    { "token", 0, 0, G_OPTION_ARG_STRING, &opt->token,
      "Live: POST /inject needs 'Authorization: Bearer T' (required beyond loopback)", "T" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt->files, NULL, "FILE.sc…" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new ("FILE.sc… — simulate a cloud last-mile interconnect");
  g_option_context_set_summary (ctx,
    "Plays back scenario files against models of the console, the partner, the gateway,\n"
    "the sites and their router pairs, BGP with BFD and MACsec, and reports availability,\n"
    "latency and packet loss.");
  g_option_context_set_description (ctx, description);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, lm_cli_scenario_entries (&opt->scenario), NULL);
  return g_option_context_parse (ctx, argc, argv, error);
}

static int
simulate_files (const Options *opt)
{
  if (opt->scenario.sweep != NULL && opt->scenario.sweep[0] != NULL)
    {
      guint variants;
      for (char **f = opt->files; *f != NULL; f++)
        if (!lm_cli_scenario_check_sweeps (&opt->scenario, *f, &variants))
          return LM_EXIT_USAGE;
      g_printerr ("lmsim: --sweep runs designs side by side, which comes with Monte Carlo "
                  "replications; this build simulates one design per run (use --set)\n");
      return LM_EXIT_USAGE;
    }
  if (opt->files[1] != NULL && (opt->json != NULL || opt->trace != NULL))
    {
      g_printerr ("lmsim: --json and --trace take one scenario file, not %u\n",
                  g_strv_length (opt->files));
      return LM_EXIT_USAGE;
    }
  if (opt->replications < 0 || opt->jobs < 0 || opt->jobs > 256)
    {
      g_printerr ("lmsim: --replications takes N >= 1 and -j takes 1 to 256\n");
      return LM_EXIT_USAGE;
    }
  LmRunOptions ro = { opt->json, opt->trace, opt->quiet, opt->replications,
                      opt->jobs > 0 ? (guint) opt->jobs : 1, opt->analytic };
  int worst = LM_EXIT_OK;
  for (char **f = opt->files; *f != NULL; f++)
    {
      g_autoptr (LmScenario) sc = lm_cli_scenario_load (&opt->scenario, *f);
      int rc = sc == NULL ? LM_EXIT_USAGE : lm_cli_simulate (sc, *f, &ro);
      worst = MAX (worst, rc);
    }
  return worst;
}

static int
live_file (const Options *opt)
{
  if (opt->files[1] != NULL || opt->replications > 1)
    {
      g_printerr ("lmsim: --live plays one scenario file, one replication\n");
      return LM_EXIT_USAGE;
    }
  if (!isnan (opt->speed) && !(opt->speed > 0))
    {
      g_printerr ("lmsim: --speed takes X > 0 (1: real time, 60: a minute per second)\n");
      return LM_EXIT_USAGE;
    }
  LmRunOptions ro = { opt->json, opt->trace, opt->quiet, 1, 1, FALSE };
  LmLiveOptions lo = { isnan (opt->speed) ? 1.0 : opt->speed, opt->listen, opt->hold, opt->token };
  g_autoptr (LmScenario) sc = lm_cli_scenario_load (&opt->scenario, opt->files[0]);
  return sc == NULL ? LM_EXIT_USAGE : lm_cli_live (sc, opt->files[0], &lo, &ro);
}

static void
options_clear (Options *opt)
{
  g_strfreev (opt->files);
  g_free (opt->json);
  g_free (opt->trace);
  g_free (opt->listen);
  g_free (opt->token);
  lm_cli_scenario_options_clear (&opt->scenario);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  Options opt = { .speed = NAN };
  g_autoptr (GError) error = NULL;
  if (!parse_options (&argc, &argv, &opt, &error))
    {
      g_printerr ("lmsim: %s\nTry 'lmsim --help'.\n", error->message);
      options_clear (&opt);
      return LM_EXIT_USAGE;
    }
  int rc;
  if (opt.version)
    {
      g_print ("lmsim %s\n", LM_VERSION);
      rc = LM_EXIT_OK;
    }
  else if (opt.files == NULL || opt.files[0] == NULL)
    {
      g_printerr ("lmsim: no scenario file given\nTry 'lmsim --help'.\n");
      rc = LM_EXIT_USAGE;
    }
  else if (opt.scenario.print)
    rc = lm_cli_scenario_run (&opt.scenario, opt.files);
  else if (opt.live)
    rc = live_file (&opt);
  else if (!isnan (opt.speed) || opt.listen != NULL || opt.hold || opt.token != NULL)
    {
      g_printerr ("lmsim: --speed, --listen, --hold and --token go with --live\n");
      rc = LM_EXIT_USAGE;
    }
  else
    rc = simulate_files (&opt);
  options_clear (&opt);
  return rc;
}
