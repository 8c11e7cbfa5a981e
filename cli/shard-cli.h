/* cli/shard-cli.h — a Monte Carlo run split over machines (docs/scale.md).
 *
 *   lmsim --shard K/N --partial FILE [options] FILE.sc   one slice
 *   lmsim merge PARTS… [--json F] [--csv D] [--junit F]   the whole answer
 *
 * The work is the designs × chunks of the run (analysis/replicate.h),
 * design-major; slice K of N is the units [⌊(K−1)·T/N⌋, ⌊K·T/N⌋).  A part
 * holds its chunks' states, the options the run was given and the
 * configuration hash; merge reloads the scenario with the same options,
 * checks that everything belongs together, folds the chunks in order and
 * prints what one machine would have printed. */
#pragma once

#include "cli/scenario-cli.h"
#include "cli/run-cli.h"

/* "K/N" with 1 ≤ K ≤ N ≤ 100000; FALSE (message printed) otherwise. */
gboolean lm_cli_shard_parse (const char *text, guint *k, guint *n);

/* Slice @k of @n of @base's run as a part document (JSON text); NULL with
 * the message in *@error.  (transfer full) */
char *lm_cli_shard_text (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
                         const LmRunOptions *ro, guint k, guint n, GError **error);

/* lmsim --shard K/N --partial FILE: runs the slice and writes the part
 * atomically.  The exit code (0, or 2). */
int lm_cli_shard (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
                  const LmRunOptions *ro, guint k, guint n, const char *partial_path);

/* Merges parts given as texts (@names for messages, in the same order):
 * the same report and files as one run.  The exit code. */
int lm_cli_merge_texts (char **names, char **texts, guint n_parts, const LmRunOptions *ro);

/* `lmsim merge PARTS… [options]` (argv without "lmsim"). */
int lm_cli_merge_main (int argc, char **argv);
