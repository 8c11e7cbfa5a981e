/* analysis/run.h — one replication of a scenario, start to finish.
 *
 * Builds an LmSim (seed, replication) and the world, connects the listeners
 * (metrics, the timeline, optionally the trace), runs to the scenario's
 * duration and evaluates the expectations.  Everything a report needs is
 * read from here.
 */
#pragma once

#include <glib.h>
#include "sim/scenario.h"
#include "models/world.h"
#include "analysis/metrics.h"
#include "analysis/trace.h"
#include "analysis/series.h"
#include "analysis/provisioning.h"

G_BEGIN_DECLS

typedef struct _LmRun LmRun;

typedef struct {
  const LmScExpectation *expect;   /* (transfer none) */
  gboolean passed;
  gboolean has_value;            /* FALSE: nothing to measure (null in JSON) */
  double value;                  /* seconds, a fraction, or … (see kind) */
  char *value_text;              /* for people: "860 ms", "99.9861 %", "available" */
} LmExpectResult;

typedef struct {
  LmTime at;
  char *component;
  char *text;
} LmTimelineEntry;

typedef enum {
  LM_RUN_TRACE = 1 << 0,      /* record the deterministic trace */
  LM_RUN_TIMELINE = 1 << 1,   /* collect the timeline for the text report */
  LM_RUN_SERIES = 1 << 2,     /* record time series (analysis/series.h): --csv, --plot */
} LmRunFlags;

LmRun *lm_run_new (const LmScenario *sc, guint64 replication, LmRunFlags flags, GError **error);
void lm_run_free (LmRun *run);
/* Runs to the scenario's duration.  FALSE only on an internal error.
 * The same as lm_run_start(), lm_run_advance (duration), lm_run_finish(). */
gboolean lm_run_execute (LmRun *run, GError **error);

/* The same run in steps, for live mode (cli/live.c): start once; advance
 * to times that never go back (capped at the duration); refresh brings the
 * figures (availability, loss, latency) up to now so they can be read
 * mid-run; finish integrates to now and evaluates the expectations (once). */
void lm_run_start (LmRun *run);
void lm_run_advance (LmRun *run, LmTime until);
void lm_run_refresh (LmRun *run);
void lm_run_finish (LmRun *run);
gboolean lm_run_finished (const LmRun *run);

const LmScenario *lm_run_scenario (const LmRun *run);
LmSim *lm_run_sim (const LmRun *run);
LmWorld *lm_run_world (const LmRun *run);
LmMetrics *lm_run_metrics (const LmRun *run);
/* NULL unless asked for.  (transfer none) */
LmTrace *lm_run_trace (const LmRun *run);
/* NULL unless LM_RUN_SERIES.  (transfer none) */
LmSeries *lm_run_series (const LmRun *run);
/* The provisioning steps.  (transfer none) */
LmProvLog *lm_run_provisioning (const LmRun *run);
guint64 lm_run_events (const LmRun *run);
double lm_run_wall_s (const LmRun *run);

/* LmExpectResult, in the scenario's order.  (transfer none) */
const GArray *lm_run_expectations (const LmRun *run);
gboolean lm_run_all_passed (const LmRun *run);
/* LmTimelineEntry, in time order.  (transfer none) */
const GArray *lm_run_timeline (const LmRun *run);

/* Bit-weighted latency quantile of interconnect @ic, seconds (NaN: none). */
double lm_run_latency (LmRun *run, guint ic, double p);
/* Lost / offered over both directions and all causes (NaN: nothing offered). */
double lm_run_loss_ratio (const LmRun *run, guint ic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmRun, lm_run_free)

G_END_DECLS
