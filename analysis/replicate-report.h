/* analysis/replicate-report.h — the report and JSON of a Monte Carlo run. */
#pragma once

#include <glib.h>
#include "analysis/replicate.h"
#include "analysis/ctmc.h"
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* (transfer full) */
char *lm_replication_report_text (const LmReplication *rep, const char *file_sha256,
                                  gboolean analytic);
char *lm_replication_json (const LmReplication *rep, const char *file_sha256,
                           const char *config_sha256);

/* Whether interconnect @ic's failure data fit the exact model (router pairs
 * and sites, exponential, no groups); fills @d, or *@why (transfer full). */
/* Adds the "interconnects" and "expectations" members to the object being
 * built (what a design of a sweep carries too). */
void lm_replication_json_body (JsonBuilder *b, const LmReplication *rep);

/* An availability as a percentage with its nines and two digits of the
 * unavailability: "99.99996 %", "99.6455 %", "100 %".  (transfer full) */
char *lm_format_availability (double a);

/* A duration in seconds for people ("812 ms", "1h30m"); "—" for NaN. */
char *lm_format_seconds (double seconds);
/* "mean [lo, hi]" of @m's 95 % interval, each number by @format, the
 * interval clipped to [0, @hi_max]; the mean alone when n < 2 or every
 * value was the same; "—" when n = 0.  (transfer full) */
char *lm_format_interval (const LmMoments *m, char *(*format) (double), double hi_max);

gboolean lm_replication_exact_design (const LmScenario *sc, guint ic, LmAvailDesign *d,
                                      char **why);

G_END_DECLS
