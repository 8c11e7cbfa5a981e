/* analysis/replicate.h — Monte Carlo: many replications of one scenario.
 *
 * Replication r is one whole LmSim seeded from (the scenario's seed, r), so
 * its every stream differs from replication r′'s while each stays a function
 * of (seed, r, component name) only.  Replications run on a GLib thread pool
 * (-j N) in fixed batches of LM_REPLICATE_BATCH; each batch folds its
 * replications, in order, into mergeable partial statistics
 * (analysis/stats.h), and the batches are merged in batch order once all are
 * done — so the result is the same, bit for bit, for every -j.
 */
#pragma once

#include <glib.h>
#include "sim/scenario.h"
#include "analysis/stats.h"
#include "analysis/metrics.h"

G_BEGIN_DECLS

#define LM_REPLICATE_BATCH 16

/* What one interconnect measured over the replications. */
typedef struct {
  LmMoments availability[LM_AVAIL_N];   /* per replication: the fraction of its time */
  LmMoments loss_ratio;                 /* lost / offered (replications with traffic) */
  LmMoments latency_s[3];               /* per-replication p50, p95, p99 (with traffic) */
  LmMoments convergence_s;              /* per replication: its worst converged failure */
  LmMoments never_converged;            /* per replication: failures that lost traffic and never converged */
  LmMoments failures;                   /* per replication: failures opened */
} LmReplicaStats;

typedef struct _LmReplication LmReplication;

/* Runs @n replications of @sc (transfer none; must outlive the result) on
 * @jobs threads.  NULL with @error when a replication cannot be built (the
 * first such error, by replication number). */
LmReplication *lm_replicate (const LmScenario *sc, guint64 n, guint jobs, GError **error);
void lm_replication_free (LmReplication *rep);

guint64 lm_replication_n (const LmReplication *rep);
guint lm_replication_jobs (const LmReplication *rep);
double lm_replication_wall_s (const LmReplication *rep);
guint64 lm_replication_events (const LmReplication *rep);
const LmScenario *lm_replication_scenario (const LmReplication *rep);
guint lm_replication_n_interconnects (const LmReplication *rep);
const char *lm_replication_interconnect (const LmReplication *rep, guint ic);
/* (transfer none) */
const LmReplicaStats *lm_replication_stats (const LmReplication *rep, guint ic);

/* One expectation over the replications (DESIGN §7): a figure is tested at
 * the conservative end of its 95 % interval; a state must hold in every
 * replication.  *@text (transfer full) says what was measured. */
gboolean lm_replication_expect (const LmReplication *rep, guint index, char **text);
gboolean lm_replication_all_passed (const LmReplication *rep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmReplication, lm_replication_free)

G_END_DECLS
