/* analysis/replicate-private.h — the runner's state, shared by
 * analysis/replicate.c (running and merging) and analysis/replicate-io.c
 * (slices written and read back).  Not for other modules. */
#pragma once

#include "analysis/replicate.h"

/* What a batch of replications folded together. */
typedef struct {
  LmReplicaStats *ics;
  LmScriptedStats *scripted;   /* per scripted failure */
  guint64 *held;          /* per expectation: replications in which it held */
  guint64 events;
  GString *rows;          /* CSV rows, when asked for */
  GError *error;          /* the first replication that could not be built */
} LmReplicaPartial;

struct _LmReplication {
  const LmScenario *sc;
  guint64 n;
  LmReplicateOptions opt;
  guint n_ics;
  guint n_expect;
  guint n_scripted;       /* LmScenario.failures->len */
  gint64 wall_us;
  LmReplicaPartial total;
  LmReplicaPartial chunk;          /* the chunk being folded (analysis/replicate.h) */
  guint64 chunk_batches;
  guint64 first_chunk;    /* of a slice (0 for a whole run) */
  /* the runner, under lock */
  GMutex lock;
  GCond cond;
  guint64 n_batches;
  guint64 end_batch;      /* the slice: batches [first, end) */
  GPtrArray *kept;        /* a slice's chunk states (LmReplicaPartial*), in order; NULL for a whole run */
  guint64 next_batch;     /* the next batch a worker takes */
  guint64 next_merge;     /* the next batch to merge */
  LmReplicaPartial *window[LM_REPLICATE_WINDOW];   /* finished batches, by index mod the window */
  GError *error;          /* the first error, in batch order */
};


/* A run with nothing folded yet (for assembling one from chunk states). */
LmReplication *lm_replication_empty (const LmScenario *sc, guint64 n, guint jobs);

void lm_partial_init (LmReplicaPartial *p, const LmReplication *rep, gboolean rows);
void lm_partial_clear (LmReplicaPartial *p, const LmReplication *rep);
/* @into ⊕= @p (statistics, expectation counts, events). */
void lm_partial_fold (const LmReplication *rep, LmReplicaPartial *into, const LmReplicaPartial *p);
