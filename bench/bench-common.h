/* bench/bench-common.h — what the hold-model benchmarks share.
 *
 * The classic hold model (Jones 1986, "An empirical comparison of priority
 * queue and event-set implementations"): N events are pending; firing one
 * schedules exactly one new one at now + an exponential delay, so the pending
 * count stays N.  Every implementation (bench-hold on the lmsim kernel,
 * bench-hold-ref on a plain binary heap, bench/ns3/hold.cc on ns-3) uses
 * these helpers, so all of them:
 *
 *  - draw every delay from the same stream, lm_rng_new (seed, 0, "bench.hold"),
 *    in the same order: N initial draws, then one per fired event;
 *  - round the delay (mean 1 s) to integer nanoseconds the same way;
 *  - fire W warm-up events untimed, then time exactly E events, taking the
 *    clock inside the handler of event W and event W + E;
 *  - fold the time of every fired event into the same checksum, which must
 *    agree between implementations (the events are otherwise identical, so
 *    equal time sequences mean equal runs).
 *
 * Benchmarks may read the wall clock; sim/ and models/ may not.
 * Everything here is static inline: each bench/X.c is its own program.
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>

#include "sim/time.h"

G_BEGIN_DECLS

#define BENCH_HOLD_STREAM "bench.hold"

/* G_OPTION_ENTRY_NULL, which glib 2.74 spells in a way C++ rejects. */
#define BENCH_OPTION_END { NULL, 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL }

typedef struct {
  gint64 pending;   /* N: events pending at all times */
  gint64 events;    /* E: events timed */
  gint64 warmup;    /* W: events fired before timing starts; -1 until resolved */
  guint64 seed;
} BenchHoldOptions;

/* Counting, checksumming and timing, shared by every implementation's
 * handler.  bench_hold_fired() returns TRUE when the run should stop. */
typedef struct {
  guint64 fired;       /* events fired so far, warm-up included */
  guint64 start_at;    /* = W: the clock starts after this many */
  guint64 stop_at;     /* = W + E */
  guint64 checksum;
  gint64 t_start_us, t_end_us;
} BenchHoldCounter;

/* An exponential delay with mean 1 s, in integer nanoseconds. */
static inline LmTime
bench_exp_delay (gsl_rng *rng)
{
  return (LmTime) llround (gsl_ran_exponential (rng, 1.0) * 1e9);
}

/* Order-sensitive 64-bit fold of event times (a multiply-xorshift step). */
static inline guint64
bench_checksum_add (guint64 h, LmTime t)
{
  h = (h ^ (guint64) t) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return h ^ (h >> 29);
}

static inline void
bench_hold_counter_init (BenchHoldCounter *c, const BenchHoldOptions *o)
{
  c->fired = 0;
  c->start_at = (guint64) o->warmup;
  c->stop_at = (guint64) (o->warmup + o->events);
  c->checksum = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  c->t_start_us = c->t_end_us = 0;
  if (c->start_at == 0)
    c->t_start_us = g_get_monotonic_time ();
}

/* Call once per fired event, with its time.  TRUE: stop after this event. */
static inline gboolean
bench_hold_fired (BenchHoldCounter *c, LmTime now)
{
  c->checksum = bench_checksum_add (c->checksum, now);
  c->fired++;
  if (G_UNLIKELY (c->fired == c->start_at))
    c->t_start_us = g_get_monotonic_time ();
  if (G_UNLIKELY (c->fired == c->stop_at)) {
    c->t_end_us = g_get_monotonic_time ();
    return TRUE;
  }
  return FALSE;
}

static inline gboolean
bench_parse_seed (const char *option, const char *value, gpointer data, GError **error)
{
  BenchHoldOptions *o = (BenchHoldOptions *) data;
  (void) option;
  return g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &o->seed, error);
}

/* Parses --pending N --events E [--warmup W] --seed S, plus @extra (NULL or
 * a NULL-terminated GOptionEntry array).  FALSE and @error on bad or
 * out-of-range values. */
static inline gboolean
bench_hold_parse (int *argc, char ***argv, const char *summary,
                  const GOptionEntry *extra, BenchHoldOptions *o, GError **error)
{
  o->pending = 10000;
  o->events = 10000000;
  o->warmup = -1;
  o->seed = 1;
  GOptionEntry entries[] = {
    { "pending", 'n', 0, G_OPTION_ARG_INT64, &o->pending,
      "Events pending at all times (default 10000)", "N" },
    { "events", 'e', 0, G_OPTION_ARG_INT64, &o->events,
      "Events timed (default 10^7)", "E" },
    { "warmup", 'w', 0, G_OPTION_ARG_INT64, &o->warmup,
      "Events fired before the clock starts (default: see --help summary)", "W" },
    { "seed", 's', 0, G_OPTION_ARG_CALLBACK, (gpointer) bench_parse_seed,
      "Seed of the delay stream (default 1)", "S" },
    BENCH_OPTION_END
  };
  GOptionContext *ctx = g_option_context_new (NULL);
  GOptionGroup *group = g_option_group_new ("bench", summary, "", o, NULL);
  g_option_group_add_entries (group, entries);
  if (extra != NULL)
    g_option_group_add_entries (group, extra);
  g_option_context_set_main_group (ctx, group);
  g_option_context_set_summary (ctx, summary);
  gboolean ok = g_option_context_parse (ctx, argc, argv, error);
  g_option_context_free (ctx);
  if (!ok)
    return FALSE;
  if (o->pending < 1 || o->pending > (1 << 27) || o->events < 1 || o->warmup < -1) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "need 1 <= N <= 2^27, E >= 1, W >= 0");
    return FALSE;
  }
  return TRUE;
}

/* The common report after a @title line; the last line is exactly
 * events_per_s=<number>. */
static inline void
bench_hold_report (const char *title, const BenchHoldOptions *o,
                   const BenchHoldCounter *c, double fill_s, LmTime end)
{
  double run_s = (double) (c->t_end_us - c->t_start_us) / 1e6;
  double rate = run_s > 0 ? (double) o->events / run_s : 0.0;
  printf ("%s\n", title);
  printf ("pending=%" G_GINT64_FORMAT " warmup=%" G_GINT64_FORMAT
          " events=%" G_GINT64_FORMAT " seed=%" G_GUINT64_FORMAT "\n",
          o->pending, o->warmup, o->events, o->seed);
  printf ("fill_s=%.4f run_s=%.4f ns_per_event=%.1f virtual_end_s=%.3f\n",
          fill_s, run_s, run_s * 1e9 / (double) o->events, LM_TIME_TO_S (end));
  printf ("checksum=%016" G_GINT64_MODIFIER "x\n", c->checksum);
  printf ("events_per_s=%.0f\n", rate);
}

G_END_DECLS
