/* sim/queue.c — the pending-event set: an indexed 4-ary min-heap.
 *
 * Layout, chosen for the cache (bench/README.md has the measurements):
 *
 *  - A heap entry is 16 bytes: the time (int64 ns) and a tag packing the
 *    sequence number in the high bits and the element id in the low bits.
 *    Comparing (time, tag) compares (time, seq): seqs are unique, so the id
 *    bits never decide.  Four such entries — one node's children — fill one
 *    64-byte cache line: the array is offset so that entry 1 starts on a line
 *    boundary, hence children 4i+1 .. 4i+4 always share a line.
 *  - pos[id] is the entry's heap index, a dense 4-byte array: keeping the
 *    back-index costs one small store per moved entry, and buys O(log n)
 *    remove and re-key with no search.
 *
 * Invariant (checked by lm_queue_check()): for every i > 0,
 *   key(parent(i)) < key(i), with key = (time, seq) compared lexicographically,
 * and pos[id(entry i)] == i.  Keys are unique, so the order is total and the
 * pop order is fully determined by the keys: equal times pop in seq order,
 * i.e. in the order they were pushed or re-keyed (FIFO).
 *
 * Pops descend with prefetching: at each level the child lines of all four
 * children are requested before the level is compared, so the next level's
 * line is already on its way (bench/README.md: this is what makes the
 * indexed heap beat a plain binary heap at 10^6 pending events).
 *
 * The seq counter has SEQ_BITS bits (36 by default: 6.9e10 pushes).  When it
 * runs out, every pending entry is renumbered in key order — a sorted array
 * is a valid heap — so relative order is kept and the counter restarts at n.
 */
#include "sim/queue.h"

#include <stdlib.h>
#include <string.h>

#ifndef ARITY
#define ARITY 4
#endif
#define LINE 64
#define DEFAULT_SEQ_BITS 36
#define SLACK ARITY   /* sentinel entries kept after the last one */
#define PREFETCH_MIN 4096   /* entries: 64 KiB, about L1 */
G_STATIC_ASSERT (ARITY == 4 || ARITY == 8);

/* An entry is its key: time in the high 64 bits, seq << id_bits | id in the
 * low 64.  Times are >= 0, so unsigned 128-bit order is (time, seq) order,
 * and a comparison is two instructions with no branch. */
__extension__ typedef unsigned __int128 Entry;
#define SENTINEL (~(Entry) 0)

G_STATIC_ASSERT (sizeof (Entry) == 16);

struct _LmQueue {
  Entry *heap;        /* heap[0 .. size-1], then SLACK sentinels; &heap[1] is line-aligned */
  void *block;        /* the allocation behind heap */
  guint size, cap;
  guint32 *pos;       /* pos[id]: index in heap, or LM_QUEUE_NO_ID */
  guint32 pos_cap;
  guint id_bits;
  guint64 id_mask;
  guint64 next_seq, seq_limit;
};

static inline Entry
make_entry (LmTime time, guint64 tag)
{
  return ((Entry) (guint64) time << 64) | tag;
}

static inline LmTime
entry_time (Entry e)
{
  return (LmTime) (guint64) (e >> 64);
}

static inline guint64
entry_tag (Entry e)
{
  return (guint64) e;
}

static inline guint32
entry_id (const LmQueue *q, Entry e)
{
  return (guint32) (entry_tag (e) & q->id_mask);
}

static inline void
place (LmQueue *q, guint i, Entry e)
{
  q->heap[i] = e;
  q->pos[entry_id (q, e)] = i;
}

LmQueue *
lm_queue_new_with_seq_bits (guint seq_bits)
{
  g_return_val_if_fail (seq_bits >= 4 && seq_bits <= 40, NULL);
  LmQueue *q = g_new0 (LmQueue, 1);
  q->id_bits = 64 - seq_bits;
  if (q->id_bits > 28)
    q->id_bits = 28;          /* ids are guint32 and LM_QUEUE_NO_ID is reserved */
  q->id_mask = (G_GUINT64_CONSTANT (1) << q->id_bits) - 1;
  q->seq_limit = G_GUINT64_CONSTANT (1) << seq_bits;
  return q;
}

LmQueue *
lm_queue_new (void)
{
  return lm_queue_new_with_seq_bits (DEFAULT_SEQ_BITS);
}

void
lm_queue_free (LmQueue *q)
{
  if (q == NULL)
    return;
  free (q->block);
  g_free (q->pos);
  g_free (q);
}

guint
lm_queue_size (const LmQueue *q)
{
  return q->size;
}

guint32
lm_queue_max_id (const LmQueue *q)
{
  return (guint32) q->id_mask;
}

static void
grow_heap (LmQueue *q)
{
  guint cap = q->cap ? q->cap * 2 : 64;
  /* One line of slack in front so that &heap[1] can sit on a line boundary,
   * and SLACK sentinels after the last entry. */
  size_t bytes = (size_t) (cap + SLACK) * sizeof (Entry) + LINE;
  bytes = (bytes + LINE - 1) / LINE * LINE;
  void *block = aligned_alloc (LINE, bytes);
  if (block == NULL)
    g_error ("lm_queue: out of memory for %u pending events", cap);
  Entry *heap = (Entry *) ((char *) block + LINE - sizeof (Entry));
  if (q->size > 0)
    memcpy (heap, q->heap, (size_t) q->size * sizeof (Entry));
  for (guint i = q->size; i < cap + SLACK; i++)
    heap[i] = SENTINEL;
  free (q->block);
  q->block = block;
  q->heap = heap;
  q->cap = cap;
}

static void
grow_pos (LmQueue *q, guint32 id)
{
  guint32 cap = q->pos_cap ? q->pos_cap : 64;
  while (cap <= id)
    cap *= 2;
  q->pos = g_renew (guint32, q->pos, cap);
  for (guint32 i = q->pos_cap; i < cap; i++)
    q->pos[i] = LM_QUEUE_NO_ID;
  q->pos_cap = cap;
}

/* Index of the smallest of the four children starting at @first; sentinels
 * stand in for missing children, so there is no bounds test and no branch. */
static inline guint
min2 (const Entry *h, guint a, guint b)
{
  return h[b] < h[a] ? b : a;
}

static inline guint
min_child (const Entry *h, guint first)
{
  guint a = min2 (h, first, first + 1);
  guint b = min2 (h, first + 2, first + 3);
#if ARITY == 8
  guint c = min2 (h, first + 4, first + 5);
  guint d = min2 (h, first + 6, first + 7);
  return min2 (h, min2 (h, a, b), min2 (h, c, d));
#else
  return min2 (h, a, b);
#endif
}

/* Moves the hole at @i up until @e fits, then places @e there. */
static void
sift_up (LmQueue *q, guint i, Entry e)
{
  while (i > 0)
    {
      guint parent = (i - 1) / ARITY;
      if (!(e < q->heap[parent]))
        break;
      place (q, i, q->heap[parent]);
      i = parent;
    }
  place (q, i, e);
}

/* Moves the hole at @i down until @e fits, then places @e there. */
static void
sift_down (LmQueue *q, guint i, Entry e)
{
  const guint n = q->size;
  for (;;)
    {
      guint first = i * ARITY + 1;
      if (first >= n)
        break;
      guint best = min_child (q->heap, first);
      if (!(q->heap[best] < e))
        break;
      place (q, i, q->heap[best]);
      i = best;
    }
  place (q, i, e);
}

/* Floyd's variant for the root: the entry that fills the hole came from the
 * bottom and almost always goes back near it, so move the hole all the way
 * down without comparing against it, then sift it up the short way. */
static void
sift_down_from_root (LmQueue *q, Entry e)
{
  const guint n = q->size;
  guint i = 0;
  for (;;)
    {
      guint first = i * ARITY + 1;
      if (first >= n)
        break;
      /* Beyond the caches, each level is a miss: the next level is one of
       * these children's child lines, so start loading all of them while
       * this level is compared (a heap that fits in L1 gains nothing). */
      if (n >= PREFETCH_MIN && first * ARITY + 1 < n)
        for (guint c = 0; c < ARITY; c++)
          __builtin_prefetch (&q->heap[(first + c) * ARITY + 1]);
      guint best = min_child (q->heap, first);
      place (q, i, q->heap[best]);
      i = best;
    }
  sift_up (q, i, e);
}

static int
cmp_entries (const void *a, const void *b)
{
  const Entry *x = a, *y = b;
  return *x < *y ? -1 : *y < *x ? 1 : 0;
}

/* The seq counter ran out: renumber every pending entry in key order. */
static void
renumber (LmQueue *q)
{
  g_assert ((guint64) q->size < q->seq_limit);
  qsort (q->heap, q->size, sizeof (Entry), cmp_entries);
  for (guint i = 0; i < q->size; i++)
    {
      guint64 id = entry_tag (q->heap[i]) & q->id_mask;
      q->heap[i] = make_entry (entry_time (q->heap[i]), ((guint64) i << q->id_bits) | id);
      q->pos[id] = i;
    }
  q->next_seq = q->size;
}

static inline guint64
take_seq (LmQueue *q)
{
  if (G_UNLIKELY (q->next_seq == q->seq_limit))
    renumber (q);
  return q->next_seq++;
}

void
lm_queue_push (LmQueue *q, guint32 id, LmTime time)
{
  g_assert (time >= 0);
  g_assert ((guint64) id < q->id_mask);
  if (G_UNLIKELY (id >= q->pos_cap))
    grow_pos (q, id);
  g_assert (q->pos[id] == LM_QUEUE_NO_ID);
  if (G_UNLIKELY (q->size == q->cap))
    grow_heap (q);
  Entry e = make_entry (time, (take_seq (q) << q->id_bits) | id);
  sift_up (q, q->size++, e);
}

gboolean
lm_queue_contains (const LmQueue *q, guint32 id)
{
  return id < q->pos_cap && q->pos[id] != LM_QUEUE_NO_ID;
}

gboolean
lm_queue_peek (const LmQueue *q, guint32 *id, LmTime *time)
{
  if (q->size == 0)
    return FALSE;
  if (id)
    *id = entry_id (q, q->heap[0]);
  if (time)
    *time = entry_time (q->heap[0]);
  return TRUE;
}

/* Removes the entry at index @i, filling the hole with the last entry. */
static void
remove_at (LmQueue *q, guint i)
{
  q->pos[entry_id (q, q->heap[i])] = LM_QUEUE_NO_ID;
  Entry last = q->heap[--q->size];
  q->heap[q->size] = SENTINEL;
  if (i == q->size)
    return;
  if (i == 0)
    sift_down_from_root (q, last);
  else if (last < q->heap[(i - 1) / ARITY])
    sift_up (q, i, last);
  else
    sift_down (q, i, last);
}

guint32
lm_queue_pop (LmQueue *q)
{
  g_assert (q->size > 0);
  guint32 id = entry_id (q, q->heap[0]);
  remove_at (q, 0);
  return id;
}

void
lm_queue_remove (LmQueue *q, guint32 id)
{
  g_assert (lm_queue_contains (q, id));
  remove_at (q, q->pos[id]);
}

void
lm_queue_adjust (LmQueue *q, guint32 id, LmTime time)
{
  g_assert (time >= 0);
  g_assert (lm_queue_contains (q, id));
  guint64 seq = take_seq (q);   /* may renumber: read pos[id] after */
  guint i = q->pos[id];
  Entry e = make_entry (time, (seq << q->id_bits) | id);
  /* It goes up only when its key is below its parent's. */
  if (i > 0 && e < q->heap[(i - 1) / ARITY])
    sift_up (q, i, e);
  else
    sift_down (q, i, e);
}

LmTime
lm_queue_time (const LmQueue *q, guint32 id)
{
  g_assert (lm_queue_contains (q, id));
  return entry_time (q->heap[q->pos[id]]);
}

gsize
lm_queue_footprint (const LmQueue *q)
{
  return (gsize) q->cap * sizeof (Entry) + (gsize) q->pos_cap * sizeof (guint32);
}

gboolean
lm_queue_check (const LmQueue *q)
{
  if (q->size > 1 && ((guintptr) &q->heap[1]) % LINE != 0)
    return FALSE;
  guint in_pos = 0;
  for (guint32 id = 0; id < q->pos_cap; id++)
    if (q->pos[id] != LM_QUEUE_NO_ID)
      {
        if (q->pos[id] >= q->size || entry_id (q, q->heap[q->pos[id]]) != id)
          return FALSE;
        in_pos++;
      }
  if (in_pos != q->size)
    return FALSE;
  for (guint i = 0; i < q->size; i++)
    {
      if (i > 0 && !(q->heap[(i - 1) / ARITY] < q->heap[i]))
        return FALSE;
      if ((entry_tag (q->heap[i]) >> q->id_bits) >= q->next_seq)
        return FALSE;
    }
  for (guint i = q->size; i < q->size + SLACK && q->cap > 0; i++)
    if (q->heap[i] != SENTINEL)
      return FALSE;
  return TRUE;
}
