/* bench/bench-rare.c — time to a given precision of the component
 * unavailability of the default 2 × 2 design (reachability), by the
 * rare-event method and by plain regenerative simulation (issue 8 target).
 *
 *   build/bench-rare [--reps R] [--plain-cycles N] [--seed S]
 *
 * Rare method: `lm_rare_estimate` with targets ±10 % and ±1 % (95 % relative
 * half-width), one thread, best wall time of R runs each (the estimates
 * themselves are deterministic).  Plain: one run of N crude cycles (default
 * 2^25, a few seconds); a run to ±10 % would take minutes and to ±1 % hours,
 * so its times are extrapolated from the measured half-width h and wall
 * time t as t·(h / target)² (the half-width of a regenerative ratio falls as
 * 1/√n).  The speed-up is the ratio of work-normalised variances,
 * (h²·t)_plain / (h²·t)_rare.  Prints key=value lines; the last is
 * speedup=<number>.  Exits 1 if an estimate misses the exact value by more
 * than 4 standard errors (a broken build, not a slow one).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include "analysis/rare-run.h"

typedef struct {
  double wall_s, relhw, value, se;
  guint64 cycles;
} Run;

static Run
run_once (const LmRareModel *m, LmRareMethod method, double target, guint64 cycles,
          guint64 seed)
{
  LmRareOptions o;
  lm_rare_options_init (&o);
  o.method = method;
  o.target = target;
  o.cycles = cycles;
  o.seed = seed;
  o.criterion = "bench";
  LmRareResult r = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  if (!lm_rare_estimate (m, &o, &r, NULL))
    exit (1);
  double wall = (double) (g_get_monotonic_time () - t0) / 1e6;
  double se = (r.unavailability.hi - r.unavailability.lo) / (2 * 1.959963984540054);
  return (Run) { wall, r.rel_halfwidth, r.unavailability.value, se, r.cycles };
}

static Run
best_of (const LmRareModel *m, double target, guint reps, guint64 seed)
{
  Run best = { INFINITY, 0, 0, 0, 0 };
  for (guint i = 0; i < reps; i++)
    {
      Run r = run_once (m, LM_RARE_METHOD_RARE, target, 0, seed);
      if (r.wall_s < best.wall_s)
        best = r;
    }
  return best;
}

static gboolean
near (const Run *r, double exact)
{
  return isfinite (r->se) && fabs (r->value - exact) <= 4 * r->se;
}

int
main (int argc, char **argv)
{
  gint reps = 3;
  gint64 plain_cycles = G_GINT64_CONSTANT (1) << 25, seed = 1;
  GOptionEntry entries[] = {
    { "reps", 0, 0, G_OPTION_ARG_INT, &reps, "best of R runs (rare method)", "R" },
    { "plain-cycles", 0, 0, G_OPTION_ARG_INT64, &plain_cycles, "plain cycles", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "seed", "S" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— rare-event method benchmark");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || reps < 1 || plain_cycles < 1)
    {
      g_printerr ("bench-rare: %s\n", error ? error->message : "bad option");
      return 1;
    }
  LmAvailDesign d;
  lm_avail_design_init (&d, 2, 2, LM_AVAIL_DATA_DEFAULT);
  LmAvailExact e;
  lm_avail_closed_form (&d, 1, &e, NULL);
  g_autoptr (LmRareModel) m = lm_rare_model_new_design (&d, NULL, NULL, NULL);
  Run r10 = best_of (m, 0.10, (guint) reps, (guint64) seed);
  Run r1 = best_of (m, 0.01, (guint) reps, (guint64) seed);
  Run p = run_once (m, LM_RARE_METHOD_PLAIN, 0.01, (guint64) plain_cycles, (guint64) seed);
  printf ("design=2x2 default data, reachability, exact U=%.9e\n", e.unavailability);
  printf ("rare_10pct: %.6e +-%.2f%% in %.4f s (%" G_GUINT64_FORMAT " cycles)\n", r10.value,
          100 * r10.relhw, r10.wall_s, r10.cycles);
  printf ("rare_1pct: %.6e +-%.2f%% in %.4f s (%" G_GUINT64_FORMAT " cycles)\n", r1.value,
          100 * r1.relhw, r1.wall_s, r1.cycles);
  printf ("plain_run: %.6e +-%.1f%% in %.2f s (%" G_GUINT64_FORMAT " cycles)\n", p.value,
          100 * p.relhw, p.wall_s, p.cycles);
  double p10 = p.wall_s * pow (p.relhw / 0.10, 2), p1 = p.wall_s * pow (p.relhw / 0.01, 2);
  printf ("plain_10pct_s=%.4g (extrapolated)\nplain_1pct_s=%.4g (extrapolated)\n", p10, p1);
  printf ("rare_10pct_s=%.4f\nrare_1pct_s=%.4f\n", r10.wall_s, r1.wall_s);
  printf ("target: rare to +-1%% within 1 s on one core: %s\n", r1.wall_s <= 1.0 ? "PASS" : "MISS");
  double speedup = (p.relhw * p.relhw * p.wall_s) / (r1.relhw * r1.relhw * r1.wall_s);
  printf ("speedup=%.4g\n", speedup);
  if (!near (&r10, e.unavailability) || !near (&r1, e.unavailability))
    {
      g_printerr ("bench-rare: an estimate misses the exact value by more than 4 SE\n");
      return 1;
    }
  return 0;
}
