/* sim/queue.h — the pending-event set: an indexed 4-ary min-heap.
 *
 * Elements are small integer ids (0 .. 2^28-1) chosen by the caller; the
 * queue keys each one by (time, seq), where seq is assigned by the queue at
 * push/adjust time from a counter that only grows.  So among equal times the
 * element pushed (or re-keyed) first comes out first: FIFO, and a run is
 * reproducible bit for bit.
 *
 * The queue keeps pos[id] (the element's index in the heap), so remove and
 * adjust are one O(log n) sift, with no search and no allocation.
 *
 * This is the tiny insert/pop/remove/adjust interface the kernel (sim/sim.c)
 * is built on; it is benchmarked on its own by bench/bench-hold.
 */
#pragma once

#include <glib.h>
#include "sim/time.h"

G_BEGIN_DECLS

typedef struct _LmQueue LmQueue;

#define LM_QUEUE_NO_ID G_MAXUINT32

/* Default key packing: 36 bits of sequence number and 28 bits of id. */
LmQueue *lm_queue_new (void);
/* For tests: a queue whose sequence counter has only @seq_bits bits (4..40),
 * so that renumbering on counter exhaustion can be exercised. */
LmQueue *lm_queue_new_with_seq_bits (guint seq_bits);
void lm_queue_free (LmQueue *q);

guint lm_queue_size (const LmQueue *q);
guint32 lm_queue_max_id (const LmQueue *q);   /* exclusive upper bound on ids */

/* @id must not be in the queue; @time >= 0. */
void lm_queue_push (LmQueue *q, guint32 id, LmTime time);
/* Whether @id is in the queue. */
gboolean lm_queue_contains (const LmQueue *q, guint32 id);
/* Smallest element; FALSE when empty. */
gboolean lm_queue_peek (const LmQueue *q, guint32 *id, LmTime *time);
/* Removes and returns the smallest element's id; the queue must not be empty. */
guint32 lm_queue_pop (LmQueue *q);
/* Removes @id, which must be in the queue. */
void lm_queue_remove (LmQueue *q, guint32 id);
/* Gives @id (in the queue) a new time and a fresh seq: as remove + push, in
 * one sift. */
void lm_queue_adjust (LmQueue *q, guint32 id, LmTime time);
/* Time of @id, which must be in the queue. */
LmTime lm_queue_time (const LmQueue *q, guint32 id);

/* Bytes held by the heap and the index (capacities, not sizes). */
gsize lm_queue_footprint (const LmQueue *q);

/* Checks the heap invariant and the pos[] back-indices; for tests. */
gboolean lm_queue_check (const LmQueue *q);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmQueue, lm_queue_free)

G_END_DECLS
