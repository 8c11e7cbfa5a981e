/* analysis/csv.h — one run's time series as CSV (--csv DIR; docs/csv.md).
 *
 *   series.csv    one row per change of an interconnect's figures
 *   states.csv    one row per interval of a component's state
 *   failures.csv  one row per failure: detection, convergence, restoration
 *
 * Columns have stable names with their unit in the name; times are seconds
 * with all nine decimals of the simulator's nanoseconds, rates every digit
 * of a double; an unknown value is an empty field.
 */
#pragma once

#include <glib.h>
#include "analysis/run.h"

G_BEGIN_DECLS

/* The three files' text.  @run must have been made with LM_RUN_SERIES
 * and executed.  (transfer full) */
char *lm_csv_series (LmRun *run);
char *lm_csv_states (LmRun *run);
char *lm_csv_failures (LmRun *run);

/* One CSV field after a comma: @v with every digit, empty for NaN. */
void lm_csv_number (GString *out, double v);
/* One CSV text field (after a comma unless @first; nothing for NULL),
 * quoted when it holds a comma, a quote or a line break (RFC 4180). */
void lm_csv_text (GString *out, const char *text, gboolean first);

/* Writes DIR/series.csv, states.csv and failures.csv (creating DIR), each
 * atomically, all or none (analysis/outdir.h). */
gboolean lm_csv_write (LmRun *run, const char *dir, GError **error);

G_END_DECLS
