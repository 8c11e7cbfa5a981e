/* cli/progress.h — a progress bar on stderr for long Monte Carlo runs:
 * replications done, rate and ETA, redrawn at most five times a second,
 * only when stderr is a terminal (silent otherwise, so logs and CI output
 * stay clean). */
#pragma once

#include <glib.h>

typedef struct {
  gboolean enabled;     /* stderr is a terminal and the run is not quiet-forced */
  const char *label;    /* what runs: the design, or the scenario name */
  gint64 start_us;
  gint64 drawn_us;      /* when it was last drawn */
  gboolean drawn;       /* a line is on screen */
} LmCliProgress;

/* Enabled when stderr is a terminal. */
void lm_cli_progress_init (LmCliProgress *p, const char *label);
/* An LmReplicateProgress: @done of @n replications merged. */
void lm_cli_progress_update (guint64 done, guint64 n, gpointer progress);
/* Clears the line (the report follows on stdout). */
void lm_cli_progress_finish (LmCliProgress *p);
