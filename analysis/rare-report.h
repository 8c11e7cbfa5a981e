/* analysis/rare-report.h — the text report and the JSON of the rare-event
 * method (docs/json.md "Rare-event estimates"). */
#pragma once

#include <glib.h>
#include "analysis/rare-scenario.h"

G_BEGIN_DECLS

/* The text report (the warnings go to stderr: lm_rare_report_warnings).
 * With @analytic, the exact figures (analysis/ctmc.h)
 * beside the estimates when the interconnect's data fit the exact model.
 * (transfer full) */
char *lm_rare_report_text (const LmRareScenario *r, const LmScenario *sc,
                           const char *file_sha256, gboolean analytic);

/* The warnings (drifting relative variance, a large likelihood ratio, no
 * interval), one line each, "" when none.  (transfer full) */
char *lm_rare_report_warnings (const LmRareScenario *r);

/* The JSON document; everything but `run` is the same for every -j.
 * (transfer full) */
char *lm_rare_json (const LmRareScenario *r, const LmScenario *sc, const char *file_sha256,
                    const char *config_sha256);

G_END_DECLS
