/* analysis/ctmc.c — exact component availability: the Markov chain and the
 * closed form (analysis/ctmc.h says what is modelled).
 *
 * The chain.  State x is the bitmask of down components; from x, component
 * i flips at rate λ_i (up → down) or μ_i (down → up).  The generator is held
 * dense (N = 2^n ≤ 1024 states).  The default solver is GTH (Grassmann,
 * Taksar & Heyman 1985; Stewart, "Introduction to the Numerical Solution of
 * Markov Chains", 1994, §2.7): Gaussian elimination of states N−1 … 1 in
 * which each pivot is the sum of the eliminated state's remaining off-
 * diagonal rates, so no subtraction ever happens and each π(x) keeps full
 * relative precision (O'Cinneide 1993) — needed for π ≈ 1e-8 … 1e-24.  The
 * LU solver (gsl_linalg_LU on Qᵀ with the balance equation of state 0
 * replaced by Σπ = 1) is kept to compare: its error is relative to max π.
 *
 * The closed form.  With independent components the number of up sites is
 * Binomial(S, A_s) and, given u up sites, the number of carrying pairs is
 * Binomial(u·M, A_p), so
 *     U_k = Σ_u C(S,u) A_s^u (1−A_s)^(S−u) · P(Bin(u·M, A_p) < k).
 * The outage frequency is Σ_i A_i·λ_i·P(i critical) (the system leaves its
 * up set only by a failure of a critical component): a pair is critical when
 * its site is up and the other pairs carry exactly k−1; a site when the other
 * sites carry fewer than k but would reach k with its M pairs.  Every
 * binomial pmf is built by the recurrence pmf'[j] = q·pmf[j] + a·pmf[j−1],
 * and every sum is of non-negative terms: no cancellation anywhere.
 */
#include "analysis/ctmc.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_vector.h>
#include "sim/rng.h"

G_DEFINE_QUARK (lm-ctmc-error-quark, lm_ctmc_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_matrix, gsl_matrix_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_vector, gsl_vector_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_permutation, gsl_permutation_free)

/* The closed form's cost is O((S·M)²); beyond this it is refused. */
#define CLOSED_FORM_MAX_PAIRS 10000u

/* ------------------------------------------------------------ data sets */

/* failure-data.md §3.2, "Connection (per router pair)": events per year and
 * MTTR in hours of each contributor in series. */
typedef struct { const char *what; double per_year; double mttr_h; } SeriesTerm;

static const SeriesTerm default_pair_series[] = {
  { "router hardware (2 × ≈5 %/yr) [S5][S6]", 0.10, 4.0 },
  { "optics (4 × 127.4 FIT) [S8]", 4 * 127.4e-9 * 8760.0, 4.0 },
  { "fibre (25 km × 2.13 / 1000 km / yr) [S9][S10]", 25 * 2.13e-3, 6.0 },
  { "BGP/software session-down (ASSUMPTION)", 2.0, 10.0 / 60.0 },
  { "planned/emergency maintenance (ASSUMPTION) [S16][S17]", 3.0, 2.0 },
};

/* λ = Σλ_i; MTTR = Σλ_i·MTTR_i / λ (downtime per year preserved). */
static LmClassRates
series_aggregate (const SeriesTerm *terms, guint n)
{
  double per_year = 0, down_h = 0;
  for (guint i = 0; i < n; i++)
    {
      per_year += terms[i].per_year;
      down_h += terms[i].per_year * terms[i].mttr_h;
    }
  return (LmClassRates) { .mtbf_h = LM_AVAIL_YEAR_H / per_year, .mttr_h = down_h / per_year };
}

void
lm_avail_design_init (LmAvailDesign *d, guint sites, guint pairs_per_site, LmAvailData data)
{
  g_return_if_fail (d != NULL);
  *d = (LmAvailDesign) { .sites = sites, .pairs_per_site = pairs_per_site };
  switch (data)
    {
    case LM_AVAIL_DATA_DEFAULT:
      d->pair = series_aggregate (default_pair_series, G_N_ELEMENTS (default_pair_series));
      d->site = (LmClassRates) { 43800.0, 8.0 };
      break;
    case LM_AVAIL_DATA_DEFAULT_ROUNDED:
      d->pair = (LmClassRates) { 1698.43, 1.3709 };
      d->site = (LmClassRates) { 43800.0, 8.0 };
      break;
    case LM_AVAIL_DATA_STRESS:
      d->pair = (LmClassRates) { 500.0, 50.0 };
      d->site = (LmClassRates) { 2000.0, 100.0 };
      break;
    default:
      g_return_if_reached ();
    }
}

static gboolean
rates_ok (const LmClassRates *r)
{
  return isfinite (r->mtbf_h) && r->mtbf_h > 0 && isfinite (r->mttr_h) && r->mttr_h > 0;
}

gboolean
lm_avail_design_check (const LmAvailDesign *d, GError **error)
{
  g_return_val_if_fail (d != NULL, FALSE);
  if (d->sites == 0 || d->pairs_per_site == 0)
    return g_set_error (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID,
                        "a design needs at least one site and one router pair per site "
                        "(got %u × %u)", d->sites, d->pairs_per_site), FALSE;
  if (d->pairs_per_site > G_MAXUINT / d->sites)
    return g_set_error (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID,
                        "%u × %u router pairs do not fit", d->sites, d->pairs_per_site), FALSE;
  if (!rates_ok (&d->pair) || !rates_ok (&d->site))
    return g_set_error (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID,
                        "MTBF and MTTR must be finite and > 0 (pair %g h / %g h, site %g h / %g h)",
                        d->pair.mtbf_h, d->pair.mttr_h, d->site.mtbf_h, d->site.mttr_h), FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ criteria */

static const char *const criterion_names[] = {
  [LM_AVAIL_CRIT_REACHABILITY] = "reachability",
  [LM_AVAIL_CRIT_HALF_CAPACITY] = "half_capacity",
  [LM_AVAIL_CRIT_FULL_CAPACITY] = "full_capacity",
};
G_STATIC_ASSERT (G_N_ELEMENTS (criterion_names) == LM_AVAIL_CRIT_N);

const char *
lm_avail_criterion_name (LmAvailCriterion c)
{
  g_return_val_if_fail (c < LM_AVAIL_CRIT_N, "?");
  return criterion_names[c];
}

guint
lm_avail_criterion_k (LmAvailCriterion c, const LmAvailDesign *d)
{
  g_return_val_if_fail (d != NULL && c < LM_AVAIL_CRIT_N, 1);
  guint pairs = d->sites * d->pairs_per_site;
  switch (c)
    {
    case LM_AVAIL_CRIT_REACHABILITY: return 1;
    case LM_AVAIL_CRIT_HALF_CAPACITY: return pairs / 2 + pairs % 2;
    default: return pairs;
    }
}

static gboolean
check_k (const LmAvailDesign *d, guint k, GError **error)
{
  guint pairs = d->sites * d->pairs_per_site;
  if (k >= 1 && k <= pairs)
    return TRUE;
  g_set_error (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID,
               "k = %u carrying pairs is outside 1 … %u for a %u × %u design",
               k, pairs, d->sites, d->pairs_per_site);
  return FALSE;
}

/* ------------------------------------------------------------ closed form */

/* Marginal availability and unavailability, each as its own quotient. */
static double avail_of (const LmClassRates *r) { return r->mtbf_h / (r->mtbf_h + r->mttr_h); }
static double unavail_of (const LmClassRates *r) { return r->mttr_h / (r->mtbf_h + r->mttr_h); }

/* Extends pmf (of Bin(t−1, a), entries 0 … t−1) to Bin(t, a). */
static void
binom_step (double *pmf, guint t, double a, double q)
{
  if (t == 0)
    {
      pmf[0] = 1.0;
      return;
    }
  pmf[t] = pmf[t - 1] * a;
  for (guint j = t - 1; j > 0; j--)
    pmf[j] = pmf[j] * q + pmf[j - 1] * a;
  pmf[0] *= q;
}

/* pmf of Bin(n, a), n + 1 entries.  (transfer full) */
static double *
binom_pmf (guint n, double a, double q)
{
  double *pmf = g_new0 (double, n + 1);
  for (guint t = 0; t <= n; t++)
    binom_step (pmf, t, a, q);
  return pmf;
}

/* Sums of the closed form, accumulated over the pair-count pmf as it grows. */
typedef struct {
  guint S, M, k;
  double *w_all;      /* P(u of S sites up) */
  double *w_other;    /* P(u of the other S−1 sites up) */
  double *tail_m;     /* P(Bin(M, A_p) ≥ r), r = 0 … M */
  double unavail, avail;
  double crit_pair;   /* P(other pairs carry exactly k−1 | own site up) */
  double crit_site;   /* P(other sites carry < k ≤ that + own M pairs) */
} ClosedSums;

/* Called with pmf = Bin(t, A_p) for t = 0 … S·M. */
static void
closed_visit (ClosedSums *cs, const double *pmf, guint t)
{
  guint k = cs->k;
  if (t % cs->M == 0)
    {
      guint u = t / cs->M;
      double below = 0, at_least = 0, crit = 0;
      for (guint j = 0; j <= t; j++)
        {
          if (j < k)
            below += pmf[j];
          else
            at_least += pmf[j];
          if (j < k && k - j <= cs->M)
            crit += pmf[j] * cs->tail_m[k - j];
        }
      cs->unavail += cs->w_all[u] * below;
      cs->avail += cs->w_all[u] * at_least;
      if (u < cs->S)
        cs->crit_site += cs->w_other[u] * crit;
    }
  if ((t + 1) % cs->M == 0 && k - 1 <= t)
    {
      guint u = (t + 1) / cs->M - 1;     /* t = u·M + (M − 1) */
      if (u < cs->S)
        cs->crit_pair += cs->w_other[u] * pmf[k - 1];
    }
}

static void
closed_sums (const LmAvailDesign *d, guint k, ClosedSums *cs)
{
  double ap = avail_of (&d->pair), qp = unavail_of (&d->pair);
  double as = avail_of (&d->site), qs = unavail_of (&d->site);
  guint S = d->sites, M = d->pairs_per_site;
  *cs = (ClosedSums) { .S = S, .M = M, .k = k };
  cs->w_all = binom_pmf (S, as, qs);
  cs->w_other = binom_pmf (S - 1, as, qs);
  double *pmf_m = binom_pmf (M, ap, qp);
  cs->tail_m = g_new0 (double, M + 2);
  for (guint r = M + 1; r-- > 0;)
    cs->tail_m[r] = cs->tail_m[r + 1] + pmf_m[r];
  g_free (pmf_m);

  double *pmf = g_new0 (double, S * M + 1);
  for (guint t = 0; t <= S * M; t++)
    {
      binom_step (pmf, t, ap, qp);
      closed_visit (cs, pmf, t);
    }
  g_free (pmf);
  g_free (cs->w_all);
  g_free (cs->w_other);
  g_free (cs->tail_m);
}

gboolean
lm_avail_closed_form (const LmAvailDesign *d, guint k, LmAvailExact *out, GError **error)
{
  g_return_val_if_fail (d != NULL && out != NULL, FALSE);
  if (!lm_avail_design_check (d, error) || !check_k (d, k, error))
    return FALSE;
  if (d->sites * d->pairs_per_site > CLOSED_FORM_MAX_PAIRS)
    return g_set_error (error, LM_CTMC_ERROR, LM_CTMC_ERROR_TOO_LARGE,
                        "the closed form takes at most %u router pairs (got %u × %u)",
                        CLOSED_FORM_MAX_PAIRS, d->sites, d->pairs_per_site), FALSE;
  ClosedSums cs;
  closed_sums (d, k, &cs);
  double as = avail_of (&d->site), ap = avail_of (&d->pair);
  double per_h = (double) d->sites * d->pairs_per_site * ap / d->pair.mtbf_h * as * cs.crit_pair
                 + (double) d->sites * as / d->site.mtbf_h * cs.crit_site;
  *out = (LmAvailExact) {
    .k = k, .availability = cs.avail, .unavailability = cs.unavail,
    .outages_per_year = per_h * LM_AVAIL_YEAR_H, .mean_outage_h = cs.unavail / per_h,
  };
  return TRUE;
}

/* ------------------------------------------------------------ the chain */

struct _LmCtmc {
  LmAvailDesign design;
  guint n;            /* components: S sites, then S·M pairs */
  guint n_states;     /* 2^n */
  double *lambda;     /* failure rate per hour, per component */
  double *mu;         /* repair rate per hour, per component */
  guint8 *carrying;   /* per state */
  double *pi;         /* per state */
};

void
lm_ctmc_free (LmCtmc *c)
{
  if (c == NULL)
    return;
  g_free (c->lambda);
  g_free (c->mu);
  g_free (c->carrying);
  g_free (c->pi);
  g_free (c);
}

static guint
count_carrying (const LmAvailDesign *d, guint x)
{
  guint S = d->sites, M = d->pairs_per_site, n = 0;
  for (guint s = 0; s < S; s++)
    {
      if (x & (1u << s))
        continue;
      for (guint m = 0; m < M; m++)
        if (!(x & (1u << (S + s * M + m))))
          n++;
    }
  return n;
}

static LmCtmc *
chain_alloc (const LmAvailDesign *d)
{
  LmCtmc *c = g_new0 (LmCtmc, 1);
  c->design = *d;
  c->n = d->sites + d->sites * d->pairs_per_site;
  c->n_states = 1u << c->n;
  c->lambda = g_new (double, c->n);
  c->mu = g_new (double, c->n);
  for (guint i = 0; i < c->n; i++)
    {
      const LmClassRates *r = i < d->sites ? &d->site : &d->pair;
      c->lambda[i] = 1.0 / r->mtbf_h;
      c->mu[i] = 1.0 / r->mttr_h;
    }
  c->carrying = g_new (guint8, c->n_states);
  for (guint x = 0; x < c->n_states; x++)
    c->carrying[x] = (guint8) count_carrying (d, x);
  c->pi = g_new0 (double, c->n_states);
  return c;
}

/* Rate of the transition that flips component i in state x. */
static inline double
flip_rate (const LmCtmc *c, guint x, guint i)
{
  return (x & (1u << i)) ? c->mu[i] : c->lambda[i];
}

/* GTH: r holds the off-diagonal rates r[x][y] (row x = from); destroyed. */
static void
solve_gth (const LmCtmc *c, gsl_matrix *r)
{
  guint N = c->n_states;
  for (guint n = N - 1; n > 0; n--)
    {
      const double *row_n = gsl_matrix_const_ptr (r, n, 0);
      double s = 0;
      for (guint j = 0; j < n; j++)
        s += row_n[j];
      for (guint i = 0; i < n; i++)
        {
          double *row_i = gsl_matrix_ptr (r, i, 0);
          if (row_i[n] == 0)
            continue;
          row_i[n] /= s;
          for (guint j = 0; j < n; j++)
            row_i[j] += row_i[n] * row_n[j];
        }
    }
  double total = c->pi[0] = 1.0;
  for (guint j = 1; j < N; j++)
    {
      double p = 0;
      for (guint i = 0; i < j; i++)
        p += c->pi[i] * gsl_matrix_get (r, i, j);
      c->pi[j] = p;
      total += p;
    }
  for (guint j = 0; j < N; j++)
    c->pi[j] /= total;
}

/* LU on A = Qᵀ (row y: the balance equation of y), row 0 := Σπ = 1. */
static gboolean
solve_lu (const LmCtmc *c, gsl_matrix *r, GError **error)
{
  guint N = c->n_states;
  g_autoptr (gsl_matrix) a = gsl_matrix_calloc (N, N);
  for (guint x = 0; x < N; x++)
    for (guint y = 0; y < N; y++)
      if (x != y)
        {
          double q = gsl_matrix_get (r, x, y);
          gsl_matrix_set (a, y, x, q);
          *gsl_matrix_ptr (a, x, x) -= q;
        }
  for (guint x = 0; x < N; x++)
    gsl_matrix_set (a, 0, x, 1.0);
  g_autoptr (gsl_permutation) perm = gsl_permutation_alloc (N);
  g_autoptr (gsl_vector) b = gsl_vector_calloc (N);
  gsl_vector_view pi = gsl_vector_view_array (c->pi, N);
  gsl_vector_set (b, 0, 1.0);
  int signum, status = gsl_linalg_LU_decomp (a, perm, &signum);
  if (status == GSL_SUCCESS)
    status = gsl_linalg_LU_solve (a, perm, b, &pi.vector);
  if (status != GSL_SUCCESS)
    return g_set_error (error, LM_CTMC_ERROR, LM_CTMC_ERROR_SOLVE,
                        "LU solve of the %u-state chain failed: %s", N, gsl_strerror (status)),
           FALSE;
  return TRUE;
}

LmCtmc *
lm_ctmc_new (const LmAvailDesign *d, LmCtmcSolver solver, GError **error)
{
  g_return_val_if_fail (d != NULL, NULL);
  g_return_val_if_fail (solver == LM_CTMC_SOLVER_GTH || solver == LM_CTMC_SOLVER_LU, NULL);
  if (!lm_avail_design_check (d, error))
    return NULL;
  guint64 n = (guint64) d->sites * (1 + (guint64) d->pairs_per_site);
  if (n > LM_CTMC_MAX_COMPONENTS)
    return g_set_error (error, LM_CTMC_ERROR, LM_CTMC_ERROR_TOO_LARGE,
                        "a %u × %u design has %" G_GUINT64_FORMAT " components; the Markov chain "
                        "holds at most %u (2^%u states): use the closed form",
                        d->sites, d->pairs_per_site, n, LM_CTMC_MAX_COMPONENTS,
                        LM_CTMC_MAX_COMPONENTS), NULL;
  lm_rng_init_gsl ();
  g_autoptr (LmCtmc) c = chain_alloc (d);
  g_autoptr (gsl_matrix) r = gsl_matrix_calloc (c->n_states, c->n_states);
  for (guint x = 0; x < c->n_states; x++)
    for (guint i = 0; i < c->n; i++)
      gsl_matrix_set (r, x, x ^ (1u << i), flip_rate (c, x, i));
  if (solver == LM_CTMC_SOLVER_GTH)
    solve_gth (c, r);
  else if (!solve_lu (c, r, error))
    return NULL;
  return g_steal_pointer (&c);
}

guint
lm_ctmc_n_states (const LmCtmc *c)
{
  g_return_val_if_fail (c != NULL, 0);
  return c->n_states;
}

guint
lm_ctmc_n_components (const LmCtmc *c)
{
  g_return_val_if_fail (c != NULL, 0);
  return c->n;
}

double
lm_ctmc_pi (const LmCtmc *c, guint state)
{
  g_return_val_if_fail (c != NULL && state < c->n_states, NAN);
  return c->pi[state];
}

guint
lm_ctmc_carrying (const LmCtmc *c, guint state)
{
  g_return_val_if_fail (c != NULL && state < c->n_states, 0);
  return c->carrying[state];
}

double
lm_ctmc_balance_residual (const LmCtmc *c)
{
  g_return_val_if_fail (c != NULL, NAN);
  double worst = 0;
  for (guint y = 0; y < c->n_states; y++)
    {
      double in = 0, out = 0;
      for (guint i = 0; i < c->n; i++)
        {
          guint x = y ^ (1u << i);
          in += c->pi[x] * flip_rate (c, x, i);
          out += c->pi[y] * flip_rate (c, y, i);
        }
      double scale = fabs (in) + fabs (out);
      if (scale > 0)
        worst = MAX (worst, fabs (in - out) / scale);
    }
  return worst;
}

gboolean
lm_ctmc_evaluate (const LmCtmc *c, guint k, LmAvailExact *out, GError **error)
{
  g_return_val_if_fail (c != NULL && out != NULL, FALSE);
  if (!check_k (&c->design, k, error))
    return FALSE;
  double unavail = 0, avail = 0, per_h = 0;
  for (guint x = 0; x < c->n_states; x++)
    {
      if (c->carrying[x] < k)
        {
          unavail += c->pi[x];
          continue;
        }
      avail += c->pi[x];
      for (guint i = 0; i < c->n; i++)
        if (!(x & (1u << i)) && c->carrying[x | (1u << i)] < k)
          per_h += c->pi[x] * c->lambda[i];
    }
  *out = (LmAvailExact) {
    .k = k, .availability = avail, .unavailability = unavail,
    .outages_per_year = per_h * LM_AVAIL_YEAR_H, .mean_outage_h = unavail / per_h,
  };
  return TRUE;
}
