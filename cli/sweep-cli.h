/* cli/sweep-cli.h — `lmsim --sweep PATH=V1,V2 … FILE.sc`: every design of
 * the cartesian product run as replications, then one comparison table. */
#pragma once

#include "cli/scenario-cli.h"
#include "cli/run-cli.h"

/* Runs every design of @opt's sweeps on @path; prints the comparison
 * (unless quiet or --check), writes --json/--csv, reports expectations per
 * design.  Returns the exit code: the highest of the designs'. */
int lm_cli_sweep (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
                  const LmRunOptions *ro);
