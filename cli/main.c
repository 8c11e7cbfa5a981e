/* cli/main.c — `lmsim`: options, dispatch, exit codes.
 *
 * Exit codes (also in --help and README.md): 0 every expectation held;
 * 1 an expectation failed; 2 bad input or usage, with a message
 * `file:line:col: what is wrong` on stderr and no output file written;
 * 3 internal error. */
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <glib.h>

#include "cli/cli.h"
#include "cli/run-cli.h"
#include "sim/scenario.h"

typedef struct {
  gboolean version;
  gboolean print_scenario;
  gboolean quiet;
  char *json;
  char *trace;
  char **set;
  char **files;
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
  "  lmsim --set bgp.bfd=off --json out.json scenarios/site-failure.sc\n"
  "  lmsim --print-scenario scenarios/site-failure.sc\n"
  "\n"
  "Documentation: docs/ in the source tree, README.md.\n";

static gboolean
parse_options (int *argc, char ***argv, Options *opt, GError **error)
{
  GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &opt->version, "Print the version and exit", NULL },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt->set,
      "Override a setting without editing the file (repeatable)", "PATH=VALUE" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &opt->json, "Also write the results as JSON", "FILE" },
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &opt->trace,
      "Write every state change as a JSON line (deterministic)", "FILE" },
    { "print-scenario", 0, 0, G_OPTION_ARG_NONE, &opt->print_scenario,
      "Print the scenario in canonical form (includes and overrides applied) and exit", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt->quiet, "No text report (exit code and files only)", NULL },
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
  return g_option_context_parse (ctx, argc, argv, error);
}

static int
print_scenario (const char *path, const LmScenarioOverrides *set)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_load (path, set, &error);
  if (sc == NULL)
    {
      g_printerr ("%s%s", error->message, g_str_has_suffix (error->message, "\n") ? "" : "\n");
      return LM_EXIT_USAGE;
    }
  g_autofree char *text = lm_scenario_print (sc);
  fputs (text, stdout);
  return LM_EXIT_OK;
}

static int
run_files (const Options *opt)
{
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  for (char **s = opt->set; s != NULL && *s != NULL; s++)
    {
      g_autoptr (GError) error = NULL;
      if (!lm_scenario_overrides_add (set, *s, &error))
        {
          g_printerr ("lmsim: %s\n", error->message);
          return LM_EXIT_USAGE;
        }
    }
  if (opt->files[1] != NULL && (opt->json != NULL || opt->trace != NULL))
    {
      g_printerr ("lmsim: --json and --trace take one scenario file\n");
      return LM_EXIT_USAGE;
    }
  LmRunOptions ro = { opt->json, opt->trace, opt->quiet };
  int worst = LM_EXIT_OK;
  for (char **f = opt->files; *f != NULL; f++)
    {
      int rc = opt->print_scenario ? print_scenario (*f, set) : lm_cli_simulate (*f, set, &ro);
      worst = MAX (worst, rc);
    }
  return worst;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  Options opt = { 0 };
  g_autoptr (GError) error = NULL;
  if (!parse_options (&argc, &argv, &opt, &error))
    {
      g_printerr ("lmsim: %s\nTry 'lmsim --help'.\n", error->message);
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
  else
    rc = run_files (&opt);
  g_strfreev (opt.files);
  g_strfreev (opt.set);
  g_free (opt.json);
  g_free (opt.trace);
  return rc;
}
