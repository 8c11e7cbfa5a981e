/* cli/scenario-cli.h — the scenario options of the lmsim command line:
 * --set PATH=VALUE (repeatable), --sweep PATH=V1,V2,…, --failure-clocks MODE and
 * --print-scenario;
 * loading a scenario with them and reporting its errors (exit 2). */
#pragma once

#include <glib.h>
#include "sim/scenario.h"

G_BEGIN_DECLS

typedef struct {
  char **set;              /* --set PATH=VALUE, in order */
  char **sweep;            /* --sweep PATH=V1,V2,… */
  gboolean print;          /* --print-scenario */
  char *failure_clocks;    /* --failure-clocks MODE: failures.clocks=MODE, before the --set */
  GOptionEntry *entries;   /* private */
} LmCliScenarioOptions;

/* Option entries writing into @opt, for g_option_context_add_main_entries()
 * (transfer none: owned by @opt). */
const GOptionEntry *lm_cli_scenario_entries (LmCliScenarioOptions *opt);
void lm_cli_scenario_options_clear (LmCliScenarioOptions *opt);

/* The --set overrides as given; NULL and a message on stderr when one is
 * not PATH=VALUE.  (transfer full) */
LmScenarioOverrides *lm_cli_scenario_overrides (const LmCliScenarioOptions *opt);

/* Loads @path with the overrides; on error prints every diagnostic to
 * stderr and returns NULL (the caller exits with LM_EXIT_USAGE). */
LmScenario *lm_cli_scenario_load (const LmCliScenarioOptions *opt, const char *path);

/* The same, giving the diagnostics in *@message (transfer full) instead of
 * printing them. */
LmScenario *lm_cli_scenario_load_message (const LmCliScenarioOptions *opt, const char *path,
                                          char **message);

/* Loads @path with the --set overrides and then the assignments of
 * @design (PATH=VALUE, as from lm_cli_scenario_designs()); errors printed. */
LmScenario *lm_cli_scenario_load_design (const LmCliScenarioOptions *opt, const LmScenario *base,
                                         const char *path, char **design);

/* Whether @base (loaded with the --set overrides) is to be run as a sweep:
 * it has `sweep` statements or the command line has --sweep. */
gboolean lm_cli_scenario_has_sweeps (const LmCliScenarioOptions *opt, const LmScenario *base);

/* The cartesian product of @base's `sweep` statements and the --sweep
 * values (a --sweep replaces the file's sweep of the same path), in the
 * order given, the last varying fastest: an array of GStrv, each a design's
 * PATH=VALUE list.  NULL (message printed) when one is malformed.
 * (transfer full) */
GPtrArray *lm_cli_scenario_designs (const LmCliScenarioOptions *opt, const LmScenario *base);

/* Checks every value of every --sweep on @path (printing errors); the number
 * of design variants in *@variants. */
gboolean lm_cli_scenario_check_sweeps (const LmCliScenarioOptions *opt, const char *path,
                                       guint *variants);

/* Runs the scenario side of lmsim for @files: --print-scenario prints each
 * in canonical form; otherwise each is parsed (and each --sweep value
 * checked) and summarised.  Returns the exit code (0, or 2 on bad input). */
int lm_cli_scenario_run (const LmCliScenarioOptions *opt, char **files);

G_END_DECLS
