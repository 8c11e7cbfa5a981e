/* cli/sweep-cli.h — `lmsim --sweep PATH=V1,V2 … FILE.sc`: every design of
 * the cartesian product run as replications, then one comparison table. */
#pragma once

#include "cli/scenario-cli.h"
#include "cli/run-cli.h"
#include "analysis/compare.h"

/* Runs every design of @opt's sweeps on @path; prints the comparison
 * (unless quiet or --check), writes --json/--csv, reports expectations per
 * design.  Returns the exit code: the highest of the designs'. */
/* The outputs of a finished comparison (--check lines and JUnit per design,
 * the table, --json, --csv with @rows committed); the exit code. */
int lm_cli_comparison_outputs (LmComparison *cmp, const char *path, const LmRunOptions *ro,
                               LmCliStream *rows);

/* Runs @n replications of one design (a slice of chunks when @end_chunk >
 * 0) with the progress bar; its CSV rows, prefixed with the design's
 * @label when @sweep, go to @rows. */
LmReplication *lm_cli_run_design (const LmScenario *sc, const char *label, gboolean sweep,
                                  const LmRunOptions *ro, guint64 n, guint64 first_chunk,
                                  guint64 end_chunk, LmReplicateRows rows, gpointer rows_data,
                                  GError **error);

int lm_cli_sweep (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
                  const LmRunOptions *ro);
