/* bench/bench-timers.c — BGP hold timers restarted by a stream of keepalives.
 *
 *   build/bench-timers --timers T --events E [--warmup W] --seed S
 *
 * Models what dominates a large lmsim world: T BGP sessions, each with a hold
 * timer (an LmTimer) that every received KEEPALIVE restarts.
 *
 *  - Keepalives arrive as one Poisson stream, one-shot events scheduled with
 *    lm_sim_schedule(): gaps are exponential with mean 30 s / T (each session
 *    hears one every 30 s on average, the RFC 4271 §10 suggested keepalive
 *    interval being a third of the 90 s hold time).
 *  - Each keepalive picks a session uniformly and restarts its hold timer to
 *    now + 90 s x U(0.75, 1.0): the RFC 4271 §10 jitter range (the RFC jitters
 *    the keepalive, connect-retry and MRAI timers; jittering the hold timer
 *    here spreads expiries, it is part of the workload, not a BGP claim).
 *  - A hold timer that expires (no keepalive for its whole hold time: about
 *    e^-2.6 ~ 7 % of restarts) is re-armed by its handler with a fresh hold.
 *
 * Events counted = restarts + expiries; after W warm-up events (default 3T,
 * about one hold time of virtual time), E events are timed.  All draws come
 * from the stream "bench.timers".  Reports the peak pending count, which must
 * stay T + 1 (T armed timers and the next keepalive), and the kernel's
 * footprint (lm_sim_footprint), which must not grow: restarting a timer
 * re-keys its queue slot and never allocates.  Exits 1 if either grows.  The last line is
 * events_per_s=<number>.
 */
#include <stdlib.h>

#include "bench/bench-common.h"
#include "sim/rng.h"
#include "sim/sim.h"

#define HOLD LM_S (90)
#define KEEPALIVE_INTERVAL_S 30.0

typedef struct _Timers Timers;

typedef struct {
  Timers *bench;
  LmTimer *hold;
} Session;

struct _Timers {
  gsl_rng *rng;
  Session *sessions;
  guint n;
  double gap_mean_s;          /* between keepalives, all sessions together */
  guint64 restarts, expiries;
  guint peak_pending;
  BenchHoldCounter count;     /* counts restarts + expiries */
};

/* RFC 4271 §10 jitter range: 75 % to 100 % of the configured value. */
static LmTime
jittered_hold (Timers *t)
{
  return (LmTime) llround ((double) HOLD * (0.75 + 0.25 * gsl_rng_uniform (t->rng)));
}

static void
on_hold_expired (LmSim *sim, gpointer data)
{
  Session *s = data;
  Timers *t = s->bench;
  t->expiries++;
  lm_timer_start (s->hold, jittered_hold (t));
  if (bench_hold_fired (&t->count, lm_sim_now (sim)))
    lm_sim_stop (sim);
}

static void
on_keepalive (LmSim *sim, gpointer data)
{
  Timers *t = data;
  Session *s = &t->sessions[gsl_rng_uniform_int (t->rng, t->n)];
  lm_timer_start (s->hold, jittered_hold (t));
  t->restarts++;
  LmTime gap = (LmTime) llround (gsl_ran_exponential (t->rng, t->gap_mean_s) * 1e9);
  lm_sim_schedule (sim, gap, on_keepalive, t);
  guint pending = lm_sim_pending (sim);
  if (pending > t->peak_pending)
    t->peak_pending = pending;
  if (bench_hold_fired (&t->count, lm_sim_now (sim)))
    lm_sim_stop (sim);
}

static gboolean
parse (int *argc, char ***argv, BenchHoldOptions *o, GError **error)
{
  /* The hold options, with --timers as another name for --pending. */
  gint64 timers = -1;
  GOptionEntry extra[] = {
    { "timers", 't', 0, G_OPTION_ARG_INT64, &timers,
      "Hold timers, i.e. BGP sessions (default 10^4)", "T" },
    BENCH_OPTION_END
  };
  if (!bench_hold_parse (argc, argv, "BGP hold timers restarted by keepalives.",
                         extra, o, error))
    return FALSE;
  if (timers > 0)
    o->pending = timers;
  if (o->warmup < 0)
    o->warmup = 3 * o->pending;
  return TRUE;
}

int
main (int argc, char **argv)
{
  BenchHoldOptions o;
  g_autoptr (GError) error = NULL;
  if (!parse (&argc, &argv, &o, &error)) {
    g_printerr ("bench-timers: %s\n", error->message);
    return 2;
  }
  lm_rng_init_gsl ();
  g_autoptr (LmSim) sim = lm_sim_new (o.seed, 0);
  Timers t = { .rng = lm_rng_new (o.seed, 0, "bench.timers"), .n = (guint) o.pending,
               .gap_mean_s = KEEPALIVE_INTERVAL_S / (double) o.pending };
  t.sessions = g_new (Session, t.n);

  gint64 t0 = g_get_monotonic_time ();
  for (guint i = 0; i < t.n; i++) {
    t.sessions[i] = (Session) { &t, lm_timer_new (sim, on_hold_expired, &t.sessions[i]) };
    lm_timer_start (t.sessions[i].hold, jittered_hold (&t));
  }
  lm_sim_schedule (sim, 0, on_keepalive, &t);
  double fill_s = (double) (g_get_monotonic_time () - t0) / 1e6;
  guint start_pending = lm_sim_pending (sim);
  gsize start_bytes = lm_sim_footprint (sim);
  bench_hold_counter_init (&t.count, &o);

  lm_sim_run (sim);
  guint end_pending = lm_sim_pending (sim);
  gsize end_bytes = lm_sim_footprint (sim);
  printf ("bench: BGP hold timers on the lmsim kernel (LmTimer restarts)\n");
  printf ("timers=%u restarts=%" G_GUINT64_FORMAT " expiries=%" G_GUINT64_FORMAT
          " (%.2f %% of restarts)\n", t.n, t.restarts, t.expiries,
          t.restarts ? 100.0 * (double) t.expiries / (double) t.restarts : 0.0);
  printf ("pending: start=%u peak=%u end=%u (T + 1 = %u)\n", start_pending,
          t.peak_pending, end_pending, t.n + 1);
  printf ("kernel footprint: start=%" G_GSIZE_FORMAT " B end=%" G_GSIZE_FORMAT " B\n",
          start_bytes, end_bytes);
  bench_hold_report ("events = restarts + expiries", &o, &t.count, fill_s,
                     lm_sim_now (sim));
  for (guint i = 0; i < t.n; i++)
    lm_timer_free (t.sessions[i].hold);
  g_free (t.sessions);
  gsl_rng_free (t.rng);
  if (t.count.fired != t.count.stop_at || t.peak_pending > t.n + 1 || end_bytes > start_bytes)
    return 1;
  return 0;
}
