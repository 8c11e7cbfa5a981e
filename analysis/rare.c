/* analysis/rare.c — the component model and the CTMC engine of the rare-event
 * method (analysis/rare.h).
 *
 * Balanced failure biasing (Shahabuddin 1994; Goyal et al. 1992; reference
 * §3.3).  From the all-up state the first failing component is uniform over
 * all n components: ρ = λ_i·n/Λ(0).  In a state x ≠ 0 while biasing is on and
 * failures are not already likely (Λ(x)/q(x) < p), "a failure next" has
 * probability p shared equally by the up components, ρ = λ_i·|up|/(p·q), and
 * the repairs share 1 − p in proportion to their rates, ρ = M/((1−p)·q).
 * Biasing is switched off at the first entry into the failed set; the
 * likelihood ratio L restarts at 1 every cycle.  The holding time in x is
 * replaced by its mean 1/q(x) (conditional Monte Carlo) except in the PLAIN
 * role, which draws it as a discrete-event simulation would.
 */
#include "analysis/rare-private.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "models/law.h"

G_DEFINE_QUARK (lm-rare-error-quark, lm_rare_error)

/* ------------------------------------------------------------ model */

LmRareModel *
lm_rare_model_new (guint connections)
{
  g_return_val_if_fail (connections >= 1 && connections <= 64, NULL);
  LmRareModel *m = g_new0 (LmRareModel, 1);
  m->n_conn = connections;
  m->conn_all = connections == 64 ? ~G_GUINT64_CONSTANT (0) : RARE_BIT (connections) - 1;
  m->exponential = TRUE;
  return m;
}

void
lm_rare_model_free (LmRareModel *m)
{
  if (m == NULL)
    return;
  for (guint i = 0; i < m->n; i++)
    g_free (m->names[i]);
  g_free (m);
}

gboolean
lm_rare_model_add (LmRareModel *m, const char *name, double mtbf_h, const LmScDist *repair,
                   guint64 kills, GError **error)
{
  g_return_val_if_fail (m != NULL && name != NULL && repair != NULL, FALSE);
  if (m->n >= LM_RARE_MAX_COMPONENTS)
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_TOO_LARGE,
                        "the rare-event method holds at most %u components in its state "
                        "(one bit each); '%s' is one more: use --method plain",
                        LM_RARE_MAX_COMPONENTS, name), FALSE;
  double mttr_h = lm_law_mean_s (repair) / 3600.0;
  if (!(isfinite (mtbf_h) && mtbf_h > 0 && isfinite (mttr_h) && mttr_h > 0))
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID,
                        "component '%s': MTBF and mean repair time must be finite and > 0 "
                        "(%g h, %g h)", name, mtbf_h, mttr_h), FALSE;
  if (kills == 0 || (kills & ~m->conn_all) != 0)
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID,
                        "component '%s' affects no connection of the model", name), FALSE;
  guint i = m->n++;
  m->names[i] = g_strdup (name);
  m->lambda[i] = 1.0 / mtbf_h;
  m->lambda0 += m->lambda[i];
  m->cum_lambda[i] = m->lambda0;
  m->mttr_h[i] = mttr_h;
  m->mu[i] = 1.0 / mttr_h;
  m->kills[i] = kills;
  m->repair[i] = *repair;
  if (repair->kind != LM_SC_DIST_EXP)
    m->exponential = FALSE;
  return TRUE;
}

static LmScDist
exp_law (double mean_h)
{
  return (LmScDist) { LM_SC_DIST_EXP, (LmTime) llround (mean_h * 3600e9), 0, 0 };
}

LmRareModel *
lm_rare_model_new_design (const LmAvailDesign *d, const LmScDist *pair_repair,
                          const LmScDist *site_repair, GError **error)
{
  g_return_val_if_fail (d != NULL, NULL);
  g_autoptr (GError) e = NULL;
  if (!lm_avail_design_check (d, &e))
    return g_set_error_literal (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID, e->message), NULL;
  guint S = d->sites, M = d->pairs_per_site;
  if ((guint64) S * M > 64 || (guint64) S * (M + 1) > LM_RARE_MAX_COMPONENTS)
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_TOO_LARGE,
                        "a %u × %u design has %u components; the rare-event method holds at "
                        "most %u: use --method plain", S, M, S * (M + 1),
                        LM_RARE_MAX_COMPONENTS), NULL;
  LmScDist pr = pair_repair ? *pair_repair : exp_law (d->pair.mttr_h);
  LmScDist sr = site_repair ? *site_repair : exp_law (d->site.mttr_h);
  g_autoptr (LmRareModel) m = lm_rare_model_new (S * M);
  for (guint s = 0; s < S; s++)
    {
      g_autofree char *name = g_strdup_printf ("%c", 'A' + (int) (s % 26));
      guint64 kills = (RARE_BIT (M) - 1) << (s * M);
      if (!lm_rare_model_add (m, name, d->site.mtbf_h, &sr, kills, error))
        return NULL;
    }
  for (guint c = 0; c < S * M; c++)
    {
      g_autofree char *name = g_strdup_printf ("%c.rp%u", 'A' + (int) (c / M % 26), c % M + 1);
      if (!lm_rare_model_add (m, name, d->pair.mtbf_h, &pr, RARE_BIT (c), error))
        return NULL;
    }
  return g_steal_pointer (&m);
}

guint
lm_rare_model_n_components (const LmRareModel *m)
{
  g_return_val_if_fail (m != NULL, 0);
  return m->n;
}

guint
lm_rare_model_n_connections (const LmRareModel *m)
{
  g_return_val_if_fail (m != NULL, 0);
  return m->n_conn;
}

const char *
lm_rare_model_component (const LmRareModel *m, guint i)
{
  g_return_val_if_fail (m != NULL && i < m->n, NULL);
  return m->names[i];
}

gboolean
lm_rare_model_exponential (const LmRareModel *m)
{
  g_return_val_if_fail (m != NULL, FALSE);
  return m->exponential;
}

guint
lm_rare_model_usable (const LmRareModel *m, guint64 state)
{
  g_return_val_if_fail (m != NULL, 0);
  return rare_usable (m, state);
}

double
lm_rare_model_exact_cycle_h (const LmRareModel *m)
{
  g_return_val_if_fail (m != NULL && m->n > 0, NAN);
  double pi0 = 1.0;
  for (guint i = 0; i < m->n; i++)
    pi0 *= m->mttr_h[i] == 0 ? 1.0 : 1.0 / (1.0 + m->lambda[i] * m->mttr_h[i]);
  return 1.0 / (pi0 * m->lambda0);
}

/* ------------------------------------------------------------ draws */

guint
lm_rare_pick_uniform_up (const LmRareModel *m, guint64 x, gsl_rng *rng)
{
  for (;;)
    {
      guint i = (guint) gsl_rng_uniform_int (rng, m->n);
      if (!(x & RARE_BIT (i)))
        return i;
    }
}

/* Rejection from the all-up law: a draw that lands on a down component is
 * redrawn, which leaves exactly λ_i/Λ(x) over the up ones. */
guint
lm_rare_first_failure (const LmRareModel *m, gboolean biased, gsl_rng *rng, double *L)
{
  if (!biased)
    return lm_rare_pick_failure (m, 0, rng);
  guint i = (guint) gsl_rng_uniform_int (rng, m->n);
  *L *= m->lambda[i] * m->n / m->lambda0;
  return i;
}

guint
lm_rare_pick_failure (const LmRareModel *m, guint64 x, gsl_rng *rng)
{
  for (;;)
    {
      double u = gsl_rng_uniform (rng) * m->lambda0;
      guint lo = 0, hi = m->n - 1;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (u < m->cum_lambda[mid])
            hi = mid;
          else
            lo = mid + 1;
        }
      if (!(x & RARE_BIT (lo)))
        return lo;
    }
}

/* M(x): the repair rate of the down components. */
static inline double
down_mu (const LmRareModel *m, guint64 x)
{
  double mu = 0;
  for (guint64 d = x; d != 0; d &= d - 1)
    mu += m->mu[__builtin_ctzll (d)];
  return mu;
}

/* A down component of @x drawn with probability μ_j / M(x). */
static guint
pick_repair (const LmRareModel *m, guint64 x, double mu_total, gsl_rng *rng)
{
  double u = gsl_rng_uniform (rng) * mu_total, acc = 0;
  guint last = 0;
  for (guint64 d = x; d != 0; d &= d - 1)
    {
      last = (guint) __builtin_ctzll (d);
      acc += m->mu[last];
      if (u < acc)
        return last;
    }
  return last;   /* rounding at the very top */
}

/* ------------------------------------------------------------ change of measure */

/* Whether P' differs from P in @x: biasing on, an up component, and
 * failures not already likely. */
static inline gboolean
biased_state (double lam, double q, double p, gboolean biasing)
{
  return biasing && lam > 0 && lam < p * q;
}

double
lm_rare_jump_probability (const LmRareModel *m, guint64 x, guint i, double p, gboolean biasing,
                          gboolean biased_law)
{
  g_return_val_if_fail (m != NULL && i < m->n, NAN);
  gboolean down = (x & RARE_BIT (i)) != 0;
  if (x == 0)
    return biased_law ? 1.0 / m->n : m->lambda[i] / m->lambda0;
  double lam = rare_up_rate (m, x), mu = down_mu (m, x), q = lam + mu;
  if (!biased_law || !biased_state (lam, q, p, biasing))
    return (down ? m->mu[i] : m->lambda[i]) / q;
  guint up = m->n - (guint) __builtin_popcountll (x);
  return down ? (1 - p) * m->mu[i] / mu : p / up;
}

double
lm_rare_lr_factor (const LmRareModel *m, guint64 x, guint i, double p, gboolean biasing)
{
  g_return_val_if_fail (m != NULL && i < m->n, NAN);
  if (x == 0)
    return m->lambda[i] * m->n / m->lambda0;
  double lam = rare_up_rate (m, x), mu = down_mu (m, x), q = lam + mu;
  if (!biased_state (lam, q, p, biasing))
    return 1.0;
  guint up = m->n - (guint) __builtin_popcountll (x);
  return (x & RARE_BIT (i)) ? mu / ((1 - p) * q) : m->lambda[i] * up / (p * q);
}

/* ------------------------------------------------------------ the CTMC engine */

/* The next jump from @x ≠ 0; multiplies *@L by its ρ when biased. */
static guint
ctmc_step (const LmRareModel *m, guint64 x, double lam, double mu, double p, gboolean on,
           double *L, gsl_rng *rng)
{
  double q = lam + mu;
  if (biased_state (lam, q, p, on))
    {
      if (gsl_rng_uniform (rng) < p)
        {
          guint i = lm_rare_pick_uniform_up (m, x, rng);
          guint up = m->n - (guint) __builtin_popcountll (x);
          *L *= m->lambda[i] * up / (p * q);
          return i;
        }
      *L *= mu / ((1 - p) * q);
      return pick_repair (m, x, mu, rng);
    }
  if (gsl_rng_uniform (rng) * q < lam)
    return lm_rare_pick_failure (m, x, rng);
  return pick_repair (m, x, mu, rng);
}

static void
ctmc_cycle (const LmRareModel *m, LmRareRole role, guint k, double p, gsl_rng *rng,
            LmRareCycle *c)
{
  gboolean biased = role == LM_RARE_CYCLE_BIASED, plain = role == LM_RARE_CYCLE_PLAIN;
  gboolean on = biased, was_f = FALSE;
  double L = 1.0;
  *c = (LmRareCycle) { 0 };
  c->tau = plain ? gsl_ran_exponential (rng, 1.0 / m->lambda0) : 1.0 / m->lambda0;
  guint i = lm_rare_first_failure (m, biased, rng, &L);
  guint64 x = RARE_BIT (i);
  c->jumps = 1;
  while (x != 0)
    {
      double lam = rare_up_rate (m, x), mu = down_mu (m, x);
      double h = plain ? gsl_ran_exponential (rng, 1.0 / (lam + mu)) : 1.0 / (lam + mu);
      gboolean f = rare_usable (m, x) < k;
      if (f)
        {
          if (!was_f)
            {
              c->z += L;
              c->reached = TRUE;
              on = FALSE;
            }
          c->y += L * h;
          c->max_lr = MAX (c->max_lr, L);
        }
      was_f = f;
      c->tau += h;
      x ^= RARE_BIT (ctmc_step (m, x, lam, mu, p, on, &L, rng));
      c->jumps++;
    }
}

const char *
lm_rare_engine_name (LmRareEngine e)
{
  static const char *const names[] = {
    [LM_RARE_ENGINE_CTMC] = "exponential", [LM_RARE_ENGINE_GSMP] = "general",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LM_RARE_ENGINE_N);
  g_return_val_if_fail (e < LM_RARE_ENGINE_N, "?");
  return names[e];
}

void
lm_rare_cycle (const LmRareModel *m, LmRareEngine e, LmRareRole role, guint k, double p,
               gsl_rng *rng, LmRareCycle *out)
{
  g_return_if_fail (m != NULL && m->n > 0 && rng != NULL && out != NULL);
  g_return_if_fail (k >= 1 && k <= m->n_conn);
  g_return_if_fail (e == LM_RARE_ENGINE_GSMP || m->exponential);
  if (e == LM_RARE_ENGINE_CTMC)
    ctmc_cycle (m, role, k, p, rng, out);
  else
    lm_rare_gsmp_cycle (m, role, k, p, rng, out);
}
