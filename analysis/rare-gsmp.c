/* analysis/rare-gsmp.c — the rare-event engine for general repair laws
 * (lognormal, Weibull, fixed, uniform, …) with exponential failures
 * (reference §3.4; Nicola et al. 1993 for the setting).
 *
 * A cycle keeps the completion time of every pending repair.  In a state
 * x ≠ 0 with biasing on, let r be the time to the earliest completion and
 * pf = 1 − exp(−Λ(x)·r) the true probability that some up component fails
 * first.  With probability p̃ = max(p, pf) a failure is *forced*: its time is
 * drawn from Exp(Λ(x)) truncated to (0, r), t = −ln(1 − u·pf)/Λ(x), and the
 * component uniformly among the up ones, LR factor (pf/p̃)·(λ_i/Λ(x))·|up|;
 * otherwise the repair completes first, LR factor (1 − pf)/(1 − p̃).  Every
 * factor is bounded (by 1/p and 1/(1 − p)) whatever the repair law — unlike
 * tilting the failure rates, whose second moment is infinite under
 * heavy-tailed repairs.  Repair times are never biased.  The all-up state
 * uses the balanced start of the CTMC engine; its holding time (exponential)
 * is skipped by BIASED cycles (no reward there), replaced by its mean in
 * UNBIASED ones and drawn in PLAIN ones.
 */
#include "analysis/rare-private.h"

#include <math.h>
#include <gsl/gsl_randist.h>
#include "models/law.h"

static inline double
draw_repair_h (const LmRareModel *m, guint i, gsl_rng *rng)
{
  return (double) lm_law_draw (&m->repair[i], rng) / 3600e9;
}

/* The down component whose repair completes first. */
static guint
earliest (guint64 x, const double *done)
{
  guint best = (guint) __builtin_ctzll (x);
  for (guint64 d = x & (x - 1); d != 0; d &= d - 1)
    {
      guint j = (guint) __builtin_ctzll (d);
      if (done[j] < done[best])
        best = j;
    }
  return best;
}

typedef struct {
  double dt;       /* time to the next event */
  gint failing;    /* the component that fails, or −1: the earliest repair completes */
} Step;

/* The next event from x ≠ 0, forced under biasing; multiplies *@L. */
static Step
gsmp_step (const LmRareModel *m, guint64 x, double r, double p, gboolean on, double *L,
           gsl_rng *rng)
{
  double lam = rare_up_rate (m, x);
  if (lam <= 0)
    return (Step) { r, -1 };
  if (on)
    {
      double pf = -expm1 (-lam * r), pt = MAX (p, pf);
      if (gsl_rng_uniform (rng) < pt)
        {
          double s = -log1p (-gsl_rng_uniform (rng) * pf) / lam;
          guint i = lm_rare_pick_uniform_up (m, x, rng);
          guint up = m->n - (guint) __builtin_popcountll (x);
          *L *= (pf / pt) * (m->lambda[i] / lam) * up;
          return (Step) { MIN (s, r), (gint) i };
        }
      *L *= (1 - pf) / (1 - pt);
      return (Step) { r, -1 };
    }
  double s = gsl_ran_exponential (rng, 1.0 / lam);
  if (s < r)
    return (Step) { s, (gint) lm_rare_pick_failure (m, x, rng) };
  return (Step) { r, -1 };
}

void
lm_rare_gsmp_cycle (const LmRareModel *m, LmRareRole role, guint k, double p, gsl_rng *rng,
                    LmRareCycle *c)
{
  double done[LM_RARE_MAX_COMPONENTS];
  gboolean biased = role == LM_RARE_CYCLE_BIASED, on = biased, was_f = FALSE;
  double L = 1.0, t = 0;
  *c = (LmRareCycle) { 0 };
  c->tau = role == LM_RARE_CYCLE_PLAIN ? gsl_ran_exponential (rng, 1.0 / m->lambda0)
                                       : 1.0 / m->lambda0;
  guint i = lm_rare_first_failure (m, biased, rng, &L);
  guint64 x = RARE_BIT (i);
  done[i] = draw_repair_h (m, i, rng);
  c->jumps = 1;
  while (x != 0)
    {
      gboolean f = rare_usable (m, x) < k;
      if (f && !was_f)
        {
          c->z += L;
          c->reached = TRUE;
          on = FALSE;
        }
      was_f = f;
      guint j = earliest (x, done);
      Step s = gsmp_step (m, x, MAX (done[j] - t, 0.0), p, on, &L, rng);
      if (f)
        {
          c->y += L * s.dt;
          c->max_lr = MAX (c->max_lr, L);
        }
      c->tau += s.dt;
      t += s.dt;
      if (s.failing >= 0)
        {
          x |= RARE_BIT (s.failing);
          done[s.failing] = t + draw_repair_h (m, (guint) s.failing, rng);
        }
      else
        x &= ~RARE_BIT (j);
      c->jumps++;
    }
}
