/* analysis/report.h — what a run prints for people, and its JSON. */
#pragma once

#include <glib.h>
#include "analysis/run.h"
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The text report: topology, timeline, convergence per failure,
 * availability, latency, loss by cause, expectations.  (transfer full) */
char *lm_report_text (LmRun *run, const char *file_sha256);

/* The JSON document of DESIGN §7 (stable field names, full precision).
 * (transfer full) */
/* The document @b built, pretty-printed with a final newline: how every
 * lmsim JSON file is written.  (transfer full) */
char *lm_json_text (JsonBuilder *b);
/* 8 × the packet size of interconnect @ic's traffic (1500 B when none is
 * set): lost bits / this = lost packets. */
double lm_report_packet_bits (const LmScenario *sc, guint ic);
/* The same by the interconnect's name (NULL or unknown: 1500 B). */
double lm_report_packet_bits_of (const LmScenario *sc, const char *name);
/* Member @name: @v, or null when it is NaN or infinite (JSON has neither). */
void lm_json_member_double (JsonBuilder *b, const char *name, double v);

char *lm_report_json (LmRun *run, const char *file_sha256, const char *config_sha256,
                      guint jobs);

/* SHA-256 of a file's bytes, hex; NULL when unreadable.  (transfer full) */
char *lm_report_file_sha256 (const char *path);

G_END_DECLS
