/* tests/sim/test-queue.c — the pending-event set on its own. */
#include <stdlib.h>
#include <gsl/gsl_rng.h>
#include "tests/lm-test.h"
#include "sim/queue.h"

/* A reference model of the queue: every live id with its (time, seq). */
typedef struct { LmTime time; guint64 seq; gboolean live; } Ref;

static guint32
ref_min (const Ref *ref, guint n)
{
  guint32 best = LM_QUEUE_NO_ID;
  for (guint32 i = 0; i < n; i++)
    if (ref[i].live && (best == LM_QUEUE_NO_ID || ref[i].time < ref[best].time
                        || (ref[i].time == ref[best].time && ref[i].seq < ref[best].seq)))
      best = i;
  return best;
}

/* Randomized operations with many equal times (times drawn from 16 values),
 * checking the heap invariant and the reference model after every one. */
static void
run_random_ops (LmQueue *q, long ops, guint32 n_ids, guint seed)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (r, seed);
  Ref *ref = g_new0 (Ref, n_ids);
  guint64 seq = 0;
  guint live = 0;
  for (long k = 0; k < ops; k++)
    {
      guint32 id = (guint32) gsl_rng_uniform_int (r, n_ids);
      LmTime t = (LmTime) gsl_rng_uniform_int (r, 16) * 1000;
      unsigned op = (unsigned) gsl_rng_uniform_int (r, 4);
      if (op == 0 || !ref[id].live)
        {
          if (ref[id].live)
            {
              lm_queue_adjust (q, id, t);
              ref[id].time = t;
              ref[id].seq = seq++;
            }
          else
            {
              lm_queue_push (q, id, t);
              ref[id] = (Ref) { t, seq++, TRUE };
              live++;
            }
        }
      else if (op == 1)
        {
          lm_queue_remove (q, id);
          ref[id].live = FALSE;
          live--;
        }
      else
        {
          guint32 want = ref_min (ref, n_ids);
          guint32 got = lm_queue_pop (q);
          CU_ASSERT_EQUAL_FATAL (got, want);
          ref[got].live = FALSE;
          live--;
        }
      CU_ASSERT_EQUAL_FATAL (lm_queue_size (q), live);
      CU_ASSERT_FATAL (lm_queue_check (q));
    }
  /* Drain: everything comes out in (time, seq) order. */
  while (lm_queue_size (q) > 0)
    {
      guint32 want = ref_min (ref, n_ids);
      CU_ASSERT_EQUAL_FATAL (lm_queue_pop (q), want);
      ref[want].live = FALSE;
    }
  g_free (ref);
  gsl_rng_free (r);
}

static void
test_random_invariant (void)
{
  g_autoptr (LmQueue) q = lm_queue_new ();
  run_random_ops (q, lm_test_size (20000, 10000), 600, 12345);
}

static void
test_renumbering (void)
{
  /* 6 bits of sequence: the counter runs out every few dozen operations. */
  g_autoptr (LmQueue) q = lm_queue_new_with_seq_bits (6);
  run_random_ops (q, lm_test_size (20000, 10000), 40, 777);
}

static void
test_fifo_equal_times (void)
{
  g_autoptr (LmQueue) q = lm_queue_new ();
  for (guint32 id = 0; id < 1000; id++)
    lm_queue_push (q, (id * 7919) % 1000, LM_S (5));
  for (guint32 k = 0; k < 1000; k++)
    CU_ASSERT_EQUAL_FATAL (lm_queue_pop (q), (k * 7919) % 1000);
}

static void
test_adjust_goes_behind_equals (void)
{
  /* Re-keying an element to a time equal to others puts it behind them. */
  g_autoptr (LmQueue) q = lm_queue_new ();
  lm_queue_push (q, 1, LM_S (1));
  lm_queue_push (q, 2, LM_S (1));
  lm_queue_push (q, 3, LM_S (1));
  lm_queue_adjust (q, 1, LM_S (1));
  CU_ASSERT_EQUAL (lm_queue_pop (q), 2);
  CU_ASSERT_EQUAL (lm_queue_pop (q), 3);
  CU_ASSERT_EQUAL (lm_queue_pop (q), 1);
  CU_ASSERT_EQUAL (lm_queue_size (q), 0);
  CU_ASSERT_FALSE (lm_queue_peek (q, NULL, NULL));
}

static void
test_remove_and_contains (void)
{
  g_autoptr (LmQueue) q = lm_queue_new ();
  for (guint32 id = 0; id < 100; id++)
    lm_queue_push (q, id, LM_MS (100 - id));
  for (guint32 id = 0; id < 100; id += 2)
    lm_queue_remove (q, id);
  CU_ASSERT_EQUAL (lm_queue_size (q), 50);
  CU_ASSERT_FALSE (lm_queue_contains (q, 4));
  CU_ASSERT_TRUE (lm_queue_contains (q, 5));
  CU_ASSERT_EQUAL (lm_queue_time (q, 5), LM_MS (95));
  LmTime prev = -1;
  while (lm_queue_size (q) > 0)
    {
      LmTime t;
      guint32 id;
      lm_queue_peek (q, &id, &t);
      CU_ASSERT (id % 2 == 1);
      CU_ASSERT (t > prev);
      prev = t;
      lm_queue_pop (q);
    }
}

LM_SUITE (sim_queue) = {
  { "heap invariant after every one of 10^4+ random operations", test_random_invariant },
  { "sequence counter exhaustion renumbers without reordering", test_renumbering },
  { "equal times pop first-in first-out", test_fifo_equal_times },
  { "a re-keyed element goes behind equal times", test_adjust_goes_behind_equals },
  { "remove by id, contains, time", test_remove_and_contains },
  CU_TEST_INFO_NULL,
};
