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

/* Checks every value of every --sweep on @path (printing errors); the number
 * of design variants in *@variants. */
gboolean lm_cli_scenario_check_sweeps (const LmCliScenarioOptions *opt, const char *path,
                                       guint *variants);

/* Runs the scenario side of lmsim for @files: --print-scenario prints each
 * in canonical form; otherwise each is parsed (and each --sweep value
 * checked) and summarised.  Returns the exit code (0, or 2 on bad input). */
int lm_cli_scenario_run (const LmCliScenarioOptions *opt, char **files);

G_END_DECLS
