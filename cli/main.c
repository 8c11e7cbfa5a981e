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
#include "cli/scenario-cli.h"

typedef struct {
  gboolean version;
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
  "  lmsim --print-scenario scenarios/site-failure.sc\n"
  "\n"
  "Documentation: docs/ in the source tree, README.md.\n";

static gboolean
parse_options (int *argc, char ***argv, Options *opt, GError **error)
{
  GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &opt->version, "Print the version and exit", NULL },
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

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  Options opt = { 0 };
  g_autoptr (GError) error = NULL;
  if (!parse_options (&argc, &argv, &opt, &error))
    {
      g_printerr ("lmsim: %s\nTry 'lmsim --help'.\n", error->message);
      g_strfreev (opt.files);
      lm_cli_scenario_options_clear (&opt.scenario);
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
    rc = lm_cli_scenario_run (&opt.scenario, opt.files);
  g_strfreev (opt.files);
  lm_cli_scenario_options_clear (&opt.scenario);
  return rc;
}
