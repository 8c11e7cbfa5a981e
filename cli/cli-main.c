/* cli/cli-main.c — the lmsim command line: options, dispatch, exit codes.
 *
 * Exit codes (also in --help and README.md): 0 every expectation held;
 * 1 an expectation failed; 2 bad input or usage, with a message
 * `file:line:col: what is wrong` on stderr and no output file written;
 * 3 internal error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <math.h>
#include <glib.h>

#include "cli/cli.h"
#include "cli/scenario-cli.h"
#include "cli/run-cli.h"
#include "cli/sweep-cli.h"
#include "cli/shard-cli.h"
#include "cli/rare-cli.h"
#include "cli/live.h"

typedef struct {
  gboolean version;
  gboolean quiet;
  gboolean analytic;
  char *method;              /* --method, --k, --rare-target, --time-budget: cli/rare-cli.c */
  gint k;
  char *rare_target;
  char *time_budget;
  gint64 replications;
  gint jobs;
  char *json;
  char *trace;
  char *csv;
  char *junit;
  gboolean check;
  char *shard;
  char *partial;
  char *plot;
  /* live mode (cli/live.h) */
  gboolean live, hold;
  double speed;
  char *listen, *token;
  char **files;
  LmCliScenarioOptions scenario;   /* --set, --sweep, --print-scenario */
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
  "  lmsim --csv out/ --plot out/ scenarios/site-failure.sc\n"
  "  lmsim --replications 1000 -j 2 --analytic scenarios/year-of-failures.sc\n"
  "  lmsim --method rare --json out.json scenarios/rare/default-2x2.sc\n"
  "  lmsim --sweep sites=1,2 --sweep pairs-per-site=1,2 -r 1000 -j 2 scenarios/year-of-failures.sc\n"
  "  lmsim --check --junit report.xml scenarios/*.sc\n"
  "  lmsim --shard 2/4 --partial p2.json -r 100000 scenarios/year-of-failures.sc\n"
  "  lmsim merge p1.json p2.json p3.json p4.json --json out.json\n"
  "  lmsim --live --speed 60 scenarios/site-failure.sc   # then curl localhost:9464/metrics\n"
  "  lmsim --print-scenario scenarios/site-failure.sc\n"
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
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opt->csv,
      "Write CSV files into DIR: one run's time series, states and failures; with replications "
      "per-replication rows and the design table (docs/csv.md)", "DIR" },
    { "plot", 0, 0, G_OPTION_ARG_FILENAME, &opt->plot,
      "Write gnuplot figures into DIR, rendered as PNG and SVG when gnuplot is installed "
      "(docs/figures.md)", "DIR" },
    { "junit", 0, 0, G_OPTION_ARG_FILENAME, &opt->junit,
      "Write the expectations as JUnit XML (one testsuite per scenario file)", "FILE" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &opt->check,
      "CI mode: one PASS/FAIL line per expectation per file instead of the reports", NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &opt->shard,
      "Run only slice K of N of the replications (with --partial; join with 'lmsim merge')", "K/N" },
    { "partial", 0, 0, G_OPTION_ARG_FILENAME, &opt->partial,
      "Write the shard's partial result to FILE (docs/scale.md)", "FILE" },
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
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt->quiet,
      "No text report: the exit code and the files only", NULL },
    { "replications", 'r', 0, G_OPTION_ARG_INT64, &opt->replications,
      "Monte Carlo: run N replications (overrides the scenario's 'replications')", "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt->jobs,
      "Run replications on N threads (results are the same for every N)", "N" },
    { "analytic", 0, 0, G_OPTION_ARG_NONE, &opt->analytic,
      "Show the exact component availability (Markov solution) beside the Monte Carlo one", NULL },
    { "method", 0, 0, G_OPTION_ARG_STRING, &opt->method,
      "Component availability by plain simulation (default), the rare-event method, or auto "
      "(a pilot of both picks per criterion)", "plain|rare|auto" },
    { "k", 0, 0, G_OPTION_ARG_INT, &opt->k,
      "With --method rare|auto: also the criterion 'fewer than N usable connections'", "N" },
    { "rare-target", 0, 0, G_OPTION_ARG_STRING, &opt->rare_target,
      "With --method rare|auto: stop at this relative 95 % half-width (default 1%)", "R" },
    { "time-budget", 0, 0, G_OPTION_ARG_STRING, &opt->time_budget,
      "With --method rare|auto: stop each estimate after its share of T (machine-dependent)",
      "T" },
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
trace_refused (void)
{
  g_printerr ("lmsim: --trace records one run, not a sweep of designs (use --set to pick one)\n");
  return LM_EXIT_USAGE;
}

static gboolean
has_sweeps (const Options *opt)
{
  return opt->scenario.sweep != NULL && opt->scenario.sweep[0] != NULL;
}

static gboolean
check_usage (const Options *opt)
{
  guint n_files = g_strv_length (opt->files);
  if (n_files > 1 && (opt->json || opt->trace || opt->csv || opt->plot))
    {
      g_printerr ("lmsim: --json, --trace, --csv and --plot take one scenario file, not %u "
                  "(use --check and --junit for several)\n", n_files);
      return FALSE;
    }
  if (opt->replications < 0 || opt->jobs < 0 || opt->jobs > 256)
    {
      g_printerr ("lmsim: --replications takes N >= 1 and -j takes 1 to 256\n");
      return FALSE;
    }
  if (has_sweeps (opt) && opt->trace != NULL)
    return trace_refused () == LM_EXIT_OK;
  if ((opt->shard != NULL) != (opt->partial != NULL) || (opt->shard != NULL && n_files > 1))
    {
      g_printerr ("lmsim: --shard K/N and --partial FILE go together, with one scenario file\n");
      return FALSE;
    }
  if (opt->shard != NULL && (opt->json || opt->trace || opt->junit || opt->check || opt->plot))
    {
      g_printerr ("lmsim: a shard writes only its --partial file; --json, --junit and --check "
                  "belong to 'lmsim merge'\n");
      return FALSE;
    }
  return TRUE;
}

/* lmsim-mpi with the rare-event method: every rank runs its block of each
 * round's batches and all exchange them (analysis/rare-run.h), so each
 * holds the whole estimate; rank 0 prints and writes it. */
static int
run_parallel_rare (const LmScenario *sc, const char *path, const LmRunOptions *ro,
                   LmRareSettings *rs, const LmCliParallel *par)
{
  if (rs->time_budget_s > 0)
    {
      if (par->rank == 0)
        g_printerr ("lmsim-mpi: --time-budget stops where a clock says, and every rank must stop at "
                    "the same checkpoint: use --rare-target (or plain lmsim for a time budget)\n");
      return LM_EXIT_USAGE;
    }
  LmRareRanks ranks = { par->rank, par->size, par->allgather, par->user_data };
  rs->ranks = &ranks;
  return lm_cli_rare (sc, path, ro, rs);
}

/* lmsim-mpi: this rank's slice; rank 0 merges every rank's part. */
static int
run_parallel (const LmCliScenarioOptions *opt, const LmScenario *sc, const char *path,
              const LmRunOptions *ro, const LmCliParallel *par)
{
  g_autoptr (GError) error = NULL;
  LmRareSettings rs;
  if (!lm_cli_rare_settings (ro, &rs))
    return LM_EXIT_USAGE;
  if (lm_cli_rare_wanted (sc, &rs) && !lm_cli_scenario_has_sweeps (opt, sc))
    {
      LmRunOptions mine = *ro;
      if (par->rank != 0)
        mine.quiet = TRUE, mine.json_path = NULL;
      return run_parallel_rare (sc, path, &mine, &rs, par);
    }
  g_autofree char *part = lm_cli_shard_text (opt, sc, path, ro, (guint) par->rank + 1,
                                             (guint) par->size, &error);
  if (part == NULL)
    {
      g_printerr ("lmsim-mpi: rank %d: %s\n", par->rank, error->message);
      par->abort (LM_EXIT_USAGE, par->user_data);
      return LM_EXIT_USAGE;
    }
  g_auto (GStrv) parts = par->gather (part, par->user_data);
  if (par->rank != 0)
    return LM_EXIT_OK;
  g_auto (GStrv) names = g_new0 (char *, par->size + 1);
  for (int r = 0; r < par->size; r++)
    names[r] = g_strdup_printf ("rank %d", r);
  return lm_cli_merge_texts (names, parts, (guint) par->size, ro);
}

static int
simulate_files (const Options *opt, const LmCliParallel *parallel)
{
  if (!check_usage (opt))
    return LM_EXIT_USAGE;
  gboolean rank0 = parallel == NULL || parallel->rank == 0;
  g_autoptr (LmJunit) junit = opt->junit != NULL && rank0 ? lm_junit_new () : NULL;
  LmRunOptions ro = { opt->json, opt->trace, opt->quiet, opt->replications,
                      opt->jobs > 0 ? (guint) opt->jobs : 1, opt->analytic, opt->csv,
                      opt->check, junit, opt->plot, opt->method, opt->k, opt->rare_target,
                      opt->time_budget, !rank0 };
  int worst = LM_EXIT_OK;
  for (char **f = opt->files; *f != NULL; f++)
    {
      int rc;
      g_autofree char *message = NULL;
      g_autoptr (LmScenario) sc = lm_cli_scenario_load_message (&opt->scenario, *f, &message);
      if (sc == NULL)
        {
          lm_cli_error (&ro, *f, message);
          rc = LM_EXIT_USAGE;
        }
      else if (parallel != NULL)
        rc = run_parallel (&opt->scenario, sc, *f, &ro, parallel);
      else if (opt->shard != NULL)
        {
          guint k, n;
          rc = lm_cli_shard_parse (opt->shard, &k, &n)
               ? lm_cli_shard (&opt->scenario, sc, *f, &ro, k, n, opt->partial) : LM_EXIT_USAGE;
        }
      else if (lm_cli_scenario_has_sweeps (&opt->scenario, sc))
        rc = ro.trace_path != NULL ? trace_refused ()
             : lm_cli_rare_refuses_sweep (sc, &ro) ? LM_EXIT_USAGE
             : lm_cli_sweep (&opt->scenario, sc, *f, &ro);
      else
        rc = lm_cli_simulate (sc, *f, &ro);
      worst = MAX (worst, rc);
    }
  if (junit != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *xml = lm_junit_text (junit);
      if (!lm_cli_write_atomic (opt->junit, xml, &error))
        {
          g_printerr ("lmsim: --junit %s: %s\n", opt->junit, error->message);
          worst = MAX (worst, LM_EXIT_USAGE);
        }
    }
  return worst;
}

static int
live_file (const Options *opt)
{
  if (opt->files[1] != NULL || opt->replications > 1 || opt->shard != NULL || has_sweeps (opt))
    {
      g_printerr ("lmsim: --live plays one scenario file, one replication, one design\n");
      return LM_EXIT_USAGE;
    }
  if (!isnan (opt->speed) && !(opt->speed > 0))
    {
      g_printerr ("lmsim: --speed takes X > 0 (1: real time, 60: a minute per second)\n");
      return LM_EXIT_USAGE;
    }
  LmRunOptions ro = { .json_path = opt->json, .trace_path = opt->trace, .quiet = opt->quiet,
                      .replications = 1, .jobs = 1 };
  LmLiveOptions lo = { isnan (opt->speed) ? 1.0 : opt->speed, opt->listen, opt->hold, opt->token };
  g_autoptr (LmScenario) sc = lm_cli_scenario_load (&opt->scenario, opt->files[0]);
  return sc == NULL ? LM_EXIT_USAGE : lm_cli_live (sc, opt->files[0], &lo, &ro);
}

static void
options_clear (Options *opt)
{
  g_free (opt->listen);
  g_free (opt->token);
  g_strfreev (opt->files);
  g_free (opt->json);
  g_free (opt->trace);
  g_free (opt->csv);
  g_free (opt->junit);
  g_free (opt->shard);
  g_free (opt->partial);
  g_free (opt->plot);
  g_free (opt->method);
  g_free (opt->rare_target);
  g_free (opt->time_budget);
  lm_cli_scenario_options_clear (&opt->scenario);
}

int
lm_cli_main (int argc, char **argv, const LmCliParallel *parallel)
{
  setlocale (LC_ALL, "");
  if (argc >= 2 && strcmp (argv[1], "merge") == 0)
    return lm_cli_merge_main (argc - 1, argv + 1);
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
  else
    {
      if (opt.live && parallel == NULL)
        rc = live_file (&opt);
      else if (opt.live || !isnan (opt.speed) || opt.listen || opt.hold || opt.token)
        {
          g_printerr ("lmsim: --speed, --listen, --hold and --token go with --live (not with MPI)\n");
          rc = LM_EXIT_USAGE;
        }
      else
        rc = simulate_files (&opt, parallel);
    }
  options_clear (&opt);
  return rc;
}
