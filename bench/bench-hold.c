/* bench/bench-hold.c — the hold model on the lmsim kernel.
 *
 *   build/bench-hold --pending N --events E [--warmup W] --seed S
 *
 * N one-shot events are scheduled with lm_sim_schedule(), each at an
 * exponential delay (mean 1 s) drawn from the stream "bench.hold"; each fired
 * event schedules exactly one new one.  After W untimed warm-up events
 * (default min (N, E)), E events are timed; the handler calls lm_sim_stop()
 * after the last one.
 * Same draws, same order and same report as bench-hold-ref and
 * bench/ns3/hold.cc (bench/bench-common.h); the checksums must agree.
 * The last line is events_per_s=<number>.
 */
#include <stdlib.h>

#include "bench/bench-common.h"
#include "sim/rng.h"
#include "sim/sim.h"

typedef struct {
  gsl_rng *rng;
  BenchHoldCounter count;
} Hold;

static void
on_hold (LmSim *sim, gpointer data)
{
  Hold *h = data;
  if (bench_hold_fired (&h->count, lm_sim_now (sim)))
    lm_sim_stop (sim);
  lm_sim_schedule (sim, bench_exp_delay (h->rng), on_hold, h);
}

int
main (int argc, char **argv)
{
  BenchHoldOptions o;
  g_autoptr (GError) error = NULL;
  if (!bench_hold_parse (&argc, &argv, "The hold model on the lmsim kernel.",
                         NULL, &o, &error)) {
    g_printerr ("bench-hold: %s\n", error->message);
    return 2;
  }
  if (o.warmup < 0)
    o.warmup = MIN (o.pending, o.events);
  lm_rng_init_gsl ();
  g_autoptr (LmSim) sim = lm_sim_new (o.seed, 0);
  Hold h = { .rng = lm_rng_new (o.seed, 0, BENCH_HOLD_STREAM) };
  bench_hold_counter_init (&h.count, &o);

  gint64 t0 = g_get_monotonic_time ();
  for (gint64 i = 0; i < o.pending; i++)
    lm_sim_schedule (sim, bench_exp_delay (h.rng), on_hold, &h);
  double fill_s = (double) (g_get_monotonic_time () - t0) / 1e6;
  bench_hold_counter_init (&h.count, &o);   /* restarts the clock when W = 0 */

  lm_sim_run (sim);
  if (h.count.fired != h.count.stop_at || lm_sim_pending (sim) != (guint) o.pending) {
    g_printerr ("bench-hold: fired %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                ", %u pending of %" G_GINT64_FORMAT "\n", h.count.fired,
                h.count.stop_at, lm_sim_pending (sim), o.pending);
    return 1;
  }
  bench_hold_report ("bench: hold model on the lmsim kernel (lm_sim_schedule)",
                     &o, &h.count, fill_s, lm_sim_now (sim));
  gsl_rng_free (h.rng);
  return 0;
}
