/* analysis/metrics.h — what one run measured, learnt from signals only.
 *
 * An LmMetrics listens to a simulation's signals and integrates them:
 *
 *  STATE   component IC, what "reachability" | "capacity" | "half_capacity"
 *          | "full_capacity" | "component.reachability" | … : to = 1 while
 *          the condition holds (DESIGN §7).  Time in 1 is counted from the
 *          interconnect's available_at to the end of the run.
 *  STATE   component IC, what "state": the interconnect's lifecycle state
 *          (to_name "available", "down", …); the first "available" sets
 *          available_at.  An interconnect never announced is available at 0;
 *          one ordered in the run announces "none" at 0 (models/console.h).
 *  STATE   component FAILURE-ID, what "failure": to = 1 opened, 0 closed;
 *          cause = the target's full name (its first segment is the
 *          interconnect: detection, forwarding changes and loss there are
 *          that interconnect's latest failure's).
 *  SAMPLE  component C, what "detect": C (a surviving component) detected
 *          a failure now: the earliest after a failure opened is its detect;
 *          value 1 on the cloud side, 2 on the partner side.
 *  SAMPLE  component IC.S.rpN.bgp.FAMILY, what "fib.to-cloud" | "fib.from-cloud":
 *          a forwarding change (value +1 path added, −1 removed).
 *  SAMPLE  component IC, what "offered.DIR" | "loss.DIR.CAUSE": a rate, in
 *          bit/s, in force from now on (piecewise constant).
 *
 * Models never call this; the world and the traffic model emit, this
 * listens (STYLE "The house").
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "analysis/stats.h"

G_BEGIN_DECLS

typedef struct _LmMetrics LmMetrics;

typedef enum {
  LM_AVAIL_REACHABILITY,
  LM_AVAIL_CAPACITY,
  LM_AVAIL_HALF_CAPACITY,
  LM_AVAIL_FULL_CAPACITY,
  LM_AVAIL_COMPONENT_REACHABILITY,
  LM_AVAIL_COMPONENT_HALF_CAPACITY,
  LM_AVAIL_COMPONENT_FULL_CAPACITY,
  LM_AVAIL_N
} LmAvailKind;

/* "reachability", …, "component.full_capacity": the signal's `what`. */
const char *lm_avail_kind_signal (LmAvailKind kind);

#define LM_METRICS_N_DIRS 2
#define LM_METRICS_N_CAUSES 5

/* One failure's convergence, as DESIGN §7 defines it; a duration is < 0
 * when nothing detected / restored it (null in JSON). */
typedef struct {
  char *id;
  char *interconnect;     /* the target's interconnect (the cause's first segment) */
  char *scope;            /* the forwarding it can move: a connection, site, session or the interconnect */
  LmTime at;              /* opened */
  LmTime closed;          /* repaired; LM_TIME_MAX while open */
  LmTime detect;          /* failure → earliest detection; -1 none */
  LmTime detect_side[2];  /* … on the cloud side, on the partner side; -1 none */
  LmTime converge;        /* failure → last forwarding change while open; -1 none */
  LmTime restored;        /* repair → last forwarding change after it; -1 none */
  double lost_bits[LM_METRICS_N_DIRS];   /* while it was the latest failure */
} LmFailureMetrics;

/* @interconnects: the names to track (in report order); @causes and @dirs
 * name the loss causes and directions as the traffic model emits them. */
LmMetrics *lm_metrics_new (LmSim *sim, const char *const *interconnects,
                           const char *const *dirs, const char *const *causes);
void lm_metrics_free (LmMetrics *m);

/* Integrates everything up to now (the end of the run). */
void lm_metrics_finish (LmMetrics *m);

guint lm_metrics_n_interconnects (const LmMetrics *m);
const char *lm_metrics_interconnect (const LmMetrics *m, guint ic);
/* The lifecycle state at the end, and at a time (from the recorded
 * history); NULL when never announced. */
const char *lm_metrics_state (const LmMetrics *m, guint ic);
const char *lm_metrics_state_at (const LmMetrics *m, guint ic, LmTime t);
/* When it first became available; -1 never. */
LmTime lm_metrics_available_at (const LmMetrics *m, guint ic);
/* Fraction of [available_at, end] with the condition true; NaN when the
 * interconnect never became available or the condition was never
 * announced. */
double lm_metrics_availability (const LmMetrics *m, guint ic, LmAvailKind kind);
/* The time availability is counted over: [available_at, end]; 0 when the
 * interconnect never became available. */
LmTime lm_metrics_span (const LmMetrics *m, guint ic);
/* Time in that span without the condition (unknown counts as without). */
LmTime lm_metrics_down_time (const LmMetrics *m, guint ic, LmAvailKind kind);
/* Outages: maximal intervals of positive length without the condition,
 * within the span (one still open at the end counts). */
guint64 lm_metrics_outages (const LmMetrics *m, guint ic, LmAvailKind kind);
/* The span cut into whole 730 h months from available_at, counted by the
 * service-credit thresholds (analysis/stats.h); a last partial month is
 * not counted.  (transfer none) */
const LmMonths *lm_metrics_months (const LmMetrics *m, guint ic, LmAvailKind kind);
double lm_metrics_lost_bits (const LmMetrics *m, guint ic, guint dir, guint cause);
double lm_metrics_offered_bits (const LmMetrics *m, guint ic, guint dir);

/* Failures in the order they opened.  (transfer none) */
guint lm_metrics_n_failures (const LmMetrics *m);
const LmFailureMetrics *lm_metrics_failure (const LmMetrics *m, guint i);
const LmFailureMetrics *lm_metrics_find_failure (const LmMetrics *m, const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmMetrics, lm_metrics_free)

G_END_DECLS
