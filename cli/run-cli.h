/* cli/run-cli.h — `lmsim FILE.sc`: load, simulate, report, exit code. */
#pragma once

#include <glib.h>
#include "sim/scenario.h"
#include "analysis/junit.h"
#include "analysis/replicate.h"
#include "analysis/run.h"

typedef struct {
  const char *json_path;     /* --json FILE, or NULL */
  const char *trace_path;    /* --trace FILE, or NULL */
  gboolean quiet;            /* no text report */
  gint64 replications;       /* --replications N; 0: the scenario's */
  guint jobs;                /* -j N */
  gboolean analytic;         /* --analytic */
  const char *csv_dir;       /* --csv DIR, or NULL */
  gboolean check;            /* --check: PASS/FAIL lines instead of the report */
  LmJunit *junit;            /* --junit: suites are added here, or NULL */
  const char *plot_dir;      /* --plot DIR: gnuplot figures (docs/figures.md), or NULL */
  const char *method;        /* --method plain|rare|auto, or NULL: the scenario's */
  gint k;                    /* --k N, or 0 */
  const char *rare_target;   /* --rare-target R, or NULL */
  const char *time_budget;   /* --time-budget T, or NULL */
  gboolean no_progress;      /* an MPI rank other than 0: no progress bar, no warnings */
} LmRunOptions;

/* Simulates @sc, loaded from @path; prints the report, writes the files
 * asked for and returns the exit code (cli/cli.h). */
int lm_cli_simulate (const LmScenario *sc, const char *path, const LmRunOptions *opt);

typedef struct {
  const LmScExpectation *expect;
  gboolean passed;
  char *measured;          /* for people: "860 ms", "99.99 %, 95 % CI […]" */
} LmCliOutcome;

/* A finished simulation's expectations: one --check line each (when
 * opt->check) and, in opt->junit, the suite @suite (the file, or the file
 * and a design). */
void lm_cli_outcomes (const LmRunOptions *opt, const char *suite, const char *path,
                      double wall_s, const LmCliOutcome *outcomes, guint n);

/* A scenario that could not run: @message on stderr (NULL: already
 * printed), an ERROR line with --check, and an <error> suite in opt->junit. */
void lm_cli_error (const LmRunOptions *opt, const char *path, const char *message);

/* Creates @dir (and parents) for --csv/--plot; FALSE with a message. */
gboolean lm_cli_make_dir (const char *option, const char *dir);

/* An atomically written file that grows while the run goes: a temporary
 * file in the same folder, renamed into place by _commit, removed by
 * _abort (or when freed uncommitted). */
typedef struct _LmCliStream LmCliStream;
LmCliStream *lm_cli_stream_new (const char *path, GError **error);
void lm_cli_stream_write (LmCliStream *s, const char *text);
gboolean lm_cli_stream_commit (LmCliStream *s, GError **error);
void lm_cli_stream_free (LmCliStream *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmCliStream, lm_cli_stream_free)

/* DESIGN §7: the SHA-256 of "lmsim VERSION\n" + the canonical scenario
 * (includes and overrides applied).  (transfer full) */
char *lm_cli_config_sha256 (const LmScenario *sc);

/* DIR/replications.csv as a stream starting with @header, when --csv is
 * given; NULL (with a message) when it cannot be created, or no --csv. */
LmCliStream *lm_cli_rows_stream (const LmRunOptions *opt, const char *header);

/* lm_replicate_with() with the progress bar (labelled @label) and, when
 * @rows is not NULL, the per-replication CSV rows given to it. */
LmReplication *lm_cli_replicate (const LmScenario *sc, guint64 n, const LmRunOptions *opt,
                                 const char *label, LmReplicateRows rows, gpointer rows_data,
                                 GError **error);
/* The same for the chunks [@first_chunk, @end_chunk) only (0, 0: all). */
LmReplication *lm_cli_replicate_slice (const LmScenario *sc, guint64 n, const LmRunOptions *opt,
                                       const char *label, guint64 first_chunk, guint64 end_chunk,
                                       LmReplicateRows rows, gpointer rows_data, GError **error);
/* An LmReplicateRows writing into the LmCliStream @stream. */
void lm_cli_stream_rows (const char *rows, gpointer stream);

/* What a finished Monte Carlo run of @sc prints and writes: the report
 * (unless quiet or --check), --check lines and JUnit, --json, and commits
 * @rows (DIR/replications.csv) when given.  Returns the exit code. */
int lm_cli_replication_outputs (const LmScenario *sc, const char *path, const LmReplication *rep,
                                const LmRunOptions *opt, LmCliStream *rows);

/* The mean and 95 % interval (clipped to 1; the mean itself when n < 2)
 * of @st's availabilities @kind[0..2], for the figures. */
void lm_cli_fill_ci (const LmReplicaStats *st, const LmAvailKind kind[3], double mean[3],
                     double lo[3], double hi[3]);
/* The end of one finished run: prints the text report (unless quiet),
 * writes --json and --trace; returns the exit code. */
int lm_cli_report_run (LmRun *run, const LmScenario *sc, const char *path, const LmRunOptions *opt);

/* Writes @data to @path atomically (temporary file + rename): a reader never
 * sees a half-written file, and a failed write leaves nothing behind. */
gboolean lm_cli_write_atomic (const char *path, const char *data, GError **error);
