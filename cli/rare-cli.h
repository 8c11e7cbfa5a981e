/* cli/rare-cli.h — `lmsim --method rare|auto`: the component availability
 * by the rare-event method (analysis/rare-scenario.h), its options, its
 * refusals (exit 2, nothing written) and its reports. */
#pragma once

#include <glib.h>
#include "cli/run-cli.h"
#include "analysis/rare-scenario.h"

G_BEGIN_DECLS

/* Reads --method, --k, --rare-target, --time-budget and -j of @opt into @s;
 * FALSE with a message on stderr when one is malformed. */
gboolean lm_cli_rare_settings (const LmRunOptions *opt, LmRareSettings *s);

/* Whether @sc runs by the rare-event path (--method, else its rare block):
 * method rare or auto. */
gboolean lm_cli_rare_wanted (const LmScenario *sc, const LmRareSettings *s);

/* With a sweep of designs: TRUE (and a message on stderr) when @sc asks
 * for --method rare or auto, which estimate one design at a time. */
gboolean lm_cli_rare_refuses_sweep (const LmScenario *sc, const LmRunOptions *opt);

/* Estimates, prints and writes --json; returns the exit code (cli/cli.h):
 * 0, or 2 for a refusal (located message on stderr, no file written). */
int lm_cli_rare (const LmScenario *sc, const char *path, const LmRunOptions *opt,
                 const LmRareSettings *s);

G_END_DECLS
