/* bench/bench-hold-ref.c — the hold model on a plain binary heap: the baseline.
 *
 *   build/bench-hold-ref --pending N --events E [--warmup W] --seed S
 *
 * The reference every textbook simulator starts from, written carefully so
 * that it is an honest baseline and not a strawman:
 *
 *  - one growable array (realloc doubling) of 32-byte entries
 *    (time, seq, handler, data): everything an event needs is in its entry,
 *    so a pop touches nothing outside the heap;
 *  - (time, seq) order with seq from a counter that only grows: equal times
 *    fire first in, first out, exactly as in lmsim and ns-3;
 *  - hole-based sift-up and sift-down (each level moves one entry; the new
 *    entry is written once), standard binary-heap comparisons;
 *  - a loop that pops the minimum, asserts causality, sets now and calls the
 *    handler through a function pointer, with a stop flag.
 *
 * What it lacks on purpose: cancel and re-key (no back-index), which lmsim's
 * kernel pays for in every push and pop.  The workload, the draws and the
 * report are bench-hold's (bench/bench-common.h); the checksums must agree.
 */
#include <stdlib.h>

#include "bench/bench-common.h"
#include "sim/rng.h"

typedef struct _RefSim RefSim;
typedef void (*RefFunc) (RefSim *sim, void *data);

typedef struct {
  LmTime time;
  guint64 seq;
  RefFunc func;
  void *data;
} RefEvent;

G_STATIC_ASSERT (sizeof (RefEvent) == 32);

struct _RefSim {
  RefEvent *heap;   /* heap[0 .. size-1], min at 0, children of i at 2i+1, 2i+2 */
  gsize size, cap;
  guint64 next_seq;
  LmTime now;
  gboolean stopped;
};

/* The order: (time, seq); seqs are unique, so it is total. */
static inline gboolean
ref_less (const RefEvent *a, const RefEvent *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void
ref_grow (RefSim *sim)
{
  sim->cap = sim->cap ? sim->cap * 2 : 64;
  sim->heap = g_realloc_n (sim->heap, sim->cap, sizeof (RefEvent));
}

static void
ref_schedule (RefSim *sim, LmTime delay, RefFunc func, void *data)
{
  g_assert (delay >= 0);
  if (G_UNLIKELY (sim->size == sim->cap))
    ref_grow (sim);
  RefEvent e = { sim->now + delay, sim->next_seq++, func, data };
  gsize i = sim->size++;
  while (i > 0) {                       /* sift the hole up */
    gsize parent = (i - 1) / 2;
    if (!ref_less (&e, &sim->heap[parent]))
      break;
    sim->heap[i] = sim->heap[parent];
    i = parent;
  }
  sim->heap[i] = e;
}

/* Removes the minimum into *@out; the heap must not be empty. */
static void
ref_pop (RefSim *sim, RefEvent *out)
{
  RefEvent *heap = sim->heap;
  *out = heap[0];
  RefEvent last = heap[--sim->size];
  gsize n = sim->size, i = 0, child;
  while ((child = 2 * i + 1) < n) {     /* sift the hole down */
    if (child + 1 < n && ref_less (&heap[child + 1], &heap[child]))
      child++;
    if (!ref_less (&heap[child], &last))
      break;
    heap[i] = heap[child];
    i = child;
  }
  if (n > 0)
    heap[i] = last;
}

/* Not inlined, so that a profiler can isolate the timed loop
 * (valgrind --toggle-collect=ref_run*); it runs once per call, not per event. */
G_GNUC_NO_INLINE static guint64
ref_run (RefSim *sim)
{
  guint64 ran = 0;
  sim->stopped = FALSE;
  while (sim->size > 0 && !sim->stopped) {
    RefEvent e;
    ref_pop (sim, &e);
    g_assert (e.time >= sim->now);      /* causality, as lmsim asserts it */
    sim->now = e.time;
    e.func (sim, e.data);
    ran++;
  }
  return ran;
}

typedef struct {
  gsl_rng *rng;
  BenchHoldCounter count;
} Hold;

static void
on_hold (RefSim *sim, void *data)
{
  Hold *h = data;
  if (bench_hold_fired (&h->count, sim->now))
    sim->stopped = TRUE;
  ref_schedule (sim, bench_exp_delay (h->rng), on_hold, h);
}

int
main (int argc, char **argv)
{
  BenchHoldOptions o;
  g_autoptr (GError) error = NULL;
  if (!bench_hold_parse (&argc, &argv,
                         "The hold model on a plain binary heap (the reference).",
                         NULL, &o, &error)) {
    g_printerr ("bench-hold-ref: %s\n", error->message);
    return 2;
  }
  if (o.warmup < 0)
    o.warmup = MIN (o.pending, o.events);
  lm_rng_init_gsl ();
  RefSim sim = { 0 };
  Hold h = { .rng = lm_rng_new (o.seed, 0, BENCH_HOLD_STREAM) };

  gint64 t0 = g_get_monotonic_time ();
  for (gint64 i = 0; i < o.pending; i++)
    ref_schedule (&sim, bench_exp_delay (h.rng), on_hold, &h);
  double fill_s = (double) (g_get_monotonic_time () - t0) / 1e6;
  bench_hold_counter_init (&h.count, &o);

  ref_run (&sim);
  if (h.count.fired != h.count.stop_at || sim.size != (gsize) o.pending) {
    g_printerr ("bench-hold-ref: fired %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                ", %zu pending of %" G_GINT64_FORMAT "\n", h.count.fired,
                h.count.stop_at, sim.size, o.pending);
    return 1;
  }
  bench_hold_report ("bench: hold model on the reference binary heap (32-byte entries)",
                     &o, &h.count, fill_s, sim.now);
  g_free (sim.heap);
  gsl_rng_free (h.rng);
  return 0;
}
