/* analysis/replicate.h — Monte Carlo: many replications of one scenario.
 *
 * Replication r is one whole LmSim seeded from (the scenario's seed, r), so
 * its every stream differs from replication r′'s while each stays a function
 * of (seed, r, component name) only.  Replications run on a GLib thread pool
 * (-j N) in fixed batches of LM_REPLICATE_BATCH; each batch folds its
 * replications, in order, into mergeable partial statistics
 * (analysis/stats.h, analysis/histogram.h), and finished batches are merged
 * in batch order as soon as all earlier ones are — so the result is the
 * same, bit for bit, for every -j, and memory stays flat in the number of
 * replications: no thread runs more than LM_REPLICATE_WINDOW batches ahead
 * of the merge.
 *
 * The merge has two fixed levels: batches fold, in order, into *chunks* of
 * lm_replicate_chunk_batches (n) batches, and chunks fold, in order, into
 * the total.  The grouping depends on n alone, never on how the work is
 * split, so a run cut into slices of whole chunks (shards, MPI ranks) and
 * merged chunk by chunk gives the same bits as one machine.
 */
#pragma once

#include <glib.h>
#include "sim/scenario.h"
#include "analysis/stats.h"
#include "analysis/histogram.h"
#include "analysis/metrics.h"

G_BEGIN_DECLS

#define LM_REPLICATE_BATCH 16
#define LM_REPLICATE_WINDOW 64   /* batches finished but not yet merged, at most */
#define LM_REPLICATE_MIN_CHUNK 16    /* batches per chunk, at least (256 replications) */
#define LM_REPLICATE_MAX_CHUNKS 1024 /* chunks per run, at most (more batches per chunk beyond) */

/* Batches per chunk, and chunks, for @n replications. */
guint64 lm_replicate_chunk_batches (guint64 n);
guint64 lm_replicate_n_chunks (guint64 n);

/* What one interconnect measured over the replications. */
typedef struct {
  LmMoments availability[LM_AVAIL_N];   /* per replication: the fraction of its time */
  LmMoments outages_per_year[LM_AVAIL_N];   /* per replication: outages × 8760 h / span */
  LmRatio outage_s[LM_AVAIL_N];         /* Σ down time / Σ outages: mean outage duration */
  LmMonths months[LM_AVAIL_N];          /* every whole 730 h month of every replication */
  LmMoments month_below[LM_AVAIL_N][LM_MONTHS_N_THRESHOLDS];  /* per replication with
                                           whole months: the share of them below */
  LmMoments loss_ratio;                 /* lost / offered (replications with traffic) */
  LmMoments latency_s[3];               /* per-replication p50, p95, p99 (with traffic) */
  LmMoments convergence_s;              /* per replication: its worst failure, as a budget sees it
                                           (lm_metrics_failure_restore_s) */
  LmMoments never_converged;            /* per replication: failures over only at their repair */
  LmMoments failures;                   /* per replication: failures opened */
  LmHistogram detect_s;                 /* per failure that was detected */
  LmHistogram converge_s;               /* per failure that converged */
  LmHistogram restored_s;               /* per repaired failure whose traffic came back */
} LmReplicaStats;

/* One scripted failure (the scenario's `fail` lines, LmScenario.failures)
 * over the replications: each replication's value where it was measured
 * (no detection, convergence or restoration: not counted in that n). */
typedef struct {
  LmMoments detect_s;
  LmMoments converge_s;
  LmMoments restored_s;
  LmMoments lost_bits;                  /* both directions; / (8 × packet size) for packets */
} LmScriptedStats;

/* Called in replication order as batches merge, under the runner's lock:
 * @done replications of @n merged so far. */
typedef void (*LmReplicateProgress) (guint64 done, guint64 n, gpointer user_data);
/* Called in replication order with CSV rows (lm_replication_csv_header()),
 * one per replication and interconnect, as batches merge. */
typedef void (*LmReplicateRows) (const char *rows, gpointer user_data);

typedef struct {
  guint jobs;                      /* ≥ 1 */
  LmReplicateProgress progress;    /* or NULL */
  LmReplicateRows rows;            /* or NULL: no rows are formatted */
  gpointer user_data;
  guint64 first_chunk, end_chunk;  /* a slice: chunks [first, end) only, their states kept
                                      (analysis/replicate-io.h); 0, 0: the whole run */
} LmReplicateOptions;

/* The header line (with its newline) of the per-replication CSV rows. */
const char *lm_replication_csv_header (void);

typedef struct _LmReplication LmReplication;

/* Runs @n replications of @sc (transfer none; must outlive the result) on
 * @jobs threads.  NULL with @error when a replication cannot be built (the
 * first such error, by replication number). */
LmReplication *lm_replicate (const LmScenario *sc, guint64 n, guint jobs, GError **error);
LmReplication *lm_replicate_with (const LmScenario *sc, guint64 n, const LmReplicateOptions *opt,
                                  GError **error);
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
/* Scripted failure @i (an index in LmScenario.failures).  (transfer none) */
const LmScriptedStats *lm_replication_scripted (const LmReplication *rep, guint i);

/* One expectation over the replications (DESIGN §7): a figure is tested at
 * the conservative end of its 95 % interval; a state must hold in every
 * replication.  *@text (transfer full) says what was measured. */
gboolean lm_replication_expect (const LmReplication *rep, guint index, char **text);
gboolean lm_replication_all_passed (const LmReplication *rep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmReplication, lm_replication_free)

G_END_DECLS
