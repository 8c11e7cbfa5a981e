/* analysis/report.h — what a run prints for people, and its JSON. */
#pragma once

#include <glib.h>
#include "analysis/run.h"

G_BEGIN_DECLS

/* The text report: topology, timeline, convergence per failure,
 * availability, latency, loss by cause, expectations.  (transfer full) */
char *lm_report_text (LmRun *run, const char *file_sha256);

/* The JSON document of DESIGN §7 (stable field names, full precision).
 * (transfer full) */
char *lm_report_json (LmRun *run, const char *file_sha256, const char *config_sha256,
                      guint jobs);

/* SHA-256 of a file's bytes, hex; NULL when unreadable.  (transfer full) */
char *lm_report_file_sha256 (const char *path);

G_END_DECLS
