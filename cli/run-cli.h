/* cli/run-cli.h — `lmsim FILE.sc`: load, simulate, report, exit code. */
#pragma once

#include <glib.h>
#include "sim/scenario.h"
#include "analysis/run.h"

typedef struct {
  const char *json_path;     /* --json FILE, or NULL */
  const char *trace_path;    /* --trace FILE, or NULL */
  gboolean quiet;            /* no text report */
  gint64 replications;       /* --replications N; 0: the scenario's */
  guint jobs;                /* -j N */
  gboolean analytic;         /* --analytic */
} LmRunOptions;

/* Simulates @sc, loaded from @path; prints the report, writes the files
 * asked for and returns the exit code (cli/cli.h). */
int lm_cli_simulate (const LmScenario *sc, const char *path, const LmRunOptions *opt);

/* The end of one finished run: prints the text report (unless quiet),
 * writes --json and --trace; returns the exit code. */
int lm_cli_report_run (LmRun *run, const LmScenario *sc, const char *path, const LmRunOptions *opt);

/* Writes @data to @path atomically (temporary file + rename): a reader never
 * sees a half-written file, and a failed write leaves nothing behind. */
gboolean lm_cli_write_atomic (const char *path, const char *data, GError **error);
