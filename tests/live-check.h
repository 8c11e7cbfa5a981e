/* tests/live-check.h — reading Prometheus text in tests (live mode). */
#pragma once

#include <glib.h>

/* Whether @text is well-formed text exposition format 0.0.4 as lmsim writes
 * it: every family opens with `# HELP name …` then `# TYPE name type`, once;
 * its samples follow (a summary's also as name_sum / name_count); labels are
 * name="value" with escapes; values are numbers, NaN or ±Inf; the text ends
 * with a newline.  @why (may be NULL) gets the first problem (transfer full). */
gboolean lm_check_exposition (const char *text, char **why);

/* The value of the first sample named @name (exactly) whose label list
 * contains @labels (a substring; NULL: any); NaN when there is none. */
double lm_metric_value (const char *text, const char *name, const char *labels);
