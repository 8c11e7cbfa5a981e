/* analysis/stats.c — streaming, mergeable statistics (analysis/stats.h).
 *
 * Merging two partial states a and b (Chan, Golub & LeVeque 1979):
 *     n = na + nb,  δ = mean_b − mean_a,  mean = mean_a + δ·nb/n,
 *     M2 = M2_a + M2_b + δ²·na·nb/n.
 * The cross term is written δ·(mean_b − mean)·nb when nb ≤ na and
 * δ·(mean − mean_a)·na otherwise (both equal δ²·na·nb/n): the factor in
 * parentheses is then the larger difference, so it carries no cancellation,
 * and with nb = 1 the formula is Welford's update δ·(x − mean) exactly — so
 * adding one value and merging a one-value state give the same bits.  The
 * co-moment of LmRatio merges the same way.
 */
#include "analysis/stats.h"

#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

/* ------------------------------------------------------------ moments */

void
lm_moments_init (LmMoments *m)
{
  g_return_if_fail (m != NULL);
  *m = (LmMoments) { .n = 0, .mean = 0, .m2 = 0, .min = INFINITY, .max = -INFINITY };
}

/* Welford (1962): δ = x − mean; mean += δ/n; M2 += δ·(x − mean). */
void
lm_moments_add (LmMoments *m, double x)
{
  g_return_if_fail (m != NULL && !isnan (x));
  m->n++;
  double delta = x - m->mean;
  m->mean += delta / (double) m->n;
  m->m2 += delta * (x - m->mean);
  m->min = MIN (m->min, x);
  m->max = MAX (m->max, x);
}

void
lm_moments_merge (LmMoments *into, const LmMoments *other)
{
  g_return_if_fail (into != NULL && other != NULL && into != other);
  if (other->n == 0)
    return;
  if (into->n == 0)
    {
      *into = *other;
      return;
    }
  double na = (double) into->n, nb = (double) other->n, n = na + nb;
  double delta = other->mean - into->mean;
  double mean = into->mean + delta * nb / n;
  double cross = nb <= na ? delta * (other->mean - mean) * nb
                          : delta * (mean - into->mean) * na;
  into->m2 = (into->m2 + other->m2) + cross;
  into->mean = mean;
  into->n += other->n;
  into->min = MIN (into->min, other->min);
  into->max = MAX (into->max, other->max);
}

double
lm_moments_variance (const LmMoments *m)
{
  g_return_val_if_fail (m != NULL, NAN);
  return m->n < 2 ? NAN : MAX (m->m2, 0.0) / (double) (m->n - 1);
}

double
lm_moments_sd (const LmMoments *m)
{
  return sqrt (lm_moments_variance (m));
}

double
lm_stats_t_critical (double level, guint64 df)
{
  g_return_val_if_fail (level > 0 && level < 1 && df >= 1, NAN);
  return gsl_cdf_tdist_Pinv (1 - (1 - level) / 2, (double) df);
}

double
lm_moments_ci_halfwidth (const LmMoments *m, double level)
{
  g_return_val_if_fail (m != NULL, NAN);
  if (m->n < 2)
    return NAN;
  return lm_stats_t_critical (level, m->n - 1) * lm_moments_sd (m) / sqrt ((double) m->n);
}

gboolean
lm_moments_ci95 (const LmMoments *m, double *lo, double *hi)
{
  g_return_val_if_fail (m != NULL && lo != NULL && hi != NULL, FALSE);
  double hw = lm_moments_ci_halfwidth (m, 0.95);
  *lo = m->mean - hw;
  *hi = m->mean + hw;
  return !isnan (hw);
}

/* ------------------------------------------------------------ ratio */

void
lm_ratio_init (LmRatio *r)
{
  g_return_if_fail (r != NULL);
  *r = (LmRatio) { 0 };
}

void
lm_ratio_add (LmRatio *r, double y, double x)
{
  g_return_if_fail (r != NULL && !isnan (x) && !isnan (y));
  r->n++;
  double dx = x - r->mean_x, dy = y - r->mean_y;
  r->mean_x += dx / (double) r->n;
  r->mean_y += dy / (double) r->n;
  r->m2_x += dx * (x - r->mean_x);
  r->m2_y += dy * (y - r->mean_y);
  r->c_xy += dx * (y - r->mean_y);
}

void
lm_ratio_merge (LmRatio *into, const LmRatio *o)
{
  g_return_if_fail (into != NULL && o != NULL && into != o);
  if (o->n == 0)
    return;
  if (into->n == 0)
    {
      *into = *o;
      return;
    }
  double na = (double) into->n, nb = (double) o->n, n = na + nb;
  double dx = o->mean_x - into->mean_x, dy = o->mean_y - into->mean_y;
  double mx = into->mean_x + dx * nb / n, my = into->mean_y + dy * nb / n;
  gboolean small_b = nb <= na;
  double fx = small_b ? (o->mean_x - mx) * nb : (mx - into->mean_x) * na;
  double fy = small_b ? (o->mean_y - my) * nb : (my - into->mean_y) * na;
  into->m2_x = (into->m2_x + o->m2_x) + dx * fx;
  into->m2_y = (into->m2_y + o->m2_y) + dy * fy;
  into->c_xy = (into->c_xy + o->c_xy) + dx * fy;
  into->mean_x = mx;
  into->mean_y = my;
  into->n += o->n;
}

double
lm_ratio_estimate (const LmRatio *r)
{
  g_return_val_if_fail (r != NULL, NAN);
  return r->n == 0 || r->mean_x == 0 ? NAN : r->mean_y / r->mean_x;
}

/* Σ(y_i − R·x_i)² = M2_y − 2R·C_xy + R²·M2_x (the residuals have mean 0). */
double
lm_ratio_se (const LmRatio *r)
{
  g_return_val_if_fail (r != NULL, NAN);
  double R = lm_ratio_estimate (r);
  if (r->n < 2 || isnan (R))
    return NAN;
  double ss = r->m2_y - 2 * R * r->c_xy + R * R * r->m2_x;
  double var_d = MAX (ss, 0.0) / (double) (r->n - 1);
  return sqrt (var_d / (double) r->n) / fabs (r->mean_x);
}

gboolean
lm_ratio_ci95 (const LmRatio *r, double *lo, double *hi)
{
  g_return_val_if_fail (r != NULL && lo != NULL && hi != NULL, FALSE);
  double se = lm_ratio_se (r);
  double hw = isnan (se) ? NAN : lm_stats_t_critical (0.95, r->n - 1) * se;
  double R = lm_ratio_estimate (r);
  *lo = R - hw;
  *hi = R + hw;
  return !isnan (hw);
}

/* ------------------------------------------------------------ samples */

struct _LmSamples {
  GArray *values;     /* double */
  gboolean sorted;
};

LmSamples *
lm_samples_new (void)
{
  LmSamples *s = g_new0 (LmSamples, 1);
  s->values = g_array_new (FALSE, FALSE, sizeof (double));
  s->sorted = TRUE;
  return s;
}

void
lm_samples_free (LmSamples *s)
{
  if (s == NULL)
    return;
  g_array_free (s->values, TRUE);
  g_free (s);
}

void
lm_samples_add (LmSamples *s, double x)
{
  g_return_if_fail (s != NULL && !isnan (x));
  g_array_append_val (s->values, x);
  s->sorted = s->values->len == 1;
}

void
lm_samples_merge (LmSamples *into, const LmSamples *other)
{
  g_return_if_fail (into != NULL && other != NULL && into != other);
  if (other->values->len == 0)
    return;
  g_array_append_vals (into->values, other->values->data, other->values->len);
  into->sorted = FALSE;
}

guint64
lm_samples_n (const LmSamples *s)
{
  g_return_val_if_fail (s != NULL, 0);
  return s->values->len;
}

static gint
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
lm_samples_quantile (LmSamples *s, double p)
{
  g_return_val_if_fail (s != NULL && p >= 0 && p <= 1, NAN);
  if (s->values->len == 0)
    return NAN;
  if (!s->sorted)
    {
      g_array_sort (s->values, cmp_double);
      s->sorted = TRUE;
    }
  return gsl_stats_quantile_from_sorted_data ((const double *) s->values->data, 1,
                                              s->values->len, p);
}

/* ------------------------------------------------------------ months */

static const double month_thresholds[LM_MONTHS_N_THRESHOLDS] = { 0.9999, 0.999, 0.99, 0.95 };
/* (1 − threshold) · 730 h, exactly. */
static const LmTime month_allowed[LM_MONTHS_N_THRESHOLDS] = {
  LM_MS (262800), LM_S (2628), LM_S (26280), LM_S (131400),
};

double
lm_months_threshold (guint i)
{
  g_return_val_if_fail (i < LM_MONTHS_N_THRESHOLDS, NAN);
  return month_thresholds[i];
}

LmTime
lm_months_allowed_down (guint i)
{
  g_return_val_if_fail (i < LM_MONTHS_N_THRESHOLDS, 0);
  return month_allowed[i];
}

void
lm_months_init (LmMonths *m)
{
  g_return_if_fail (m != NULL);
  *m = (LmMonths) { 0 };
}

void
lm_months_add (LmMonths *m, LmTime down)
{
  g_return_if_fail (m != NULL && down >= 0 && down <= LM_MONTH);
  m->months++;
  for (guint i = 0; i < LM_MONTHS_N_THRESHOLDS; i++)
    if (down > month_allowed[i])
      m->below[i]++;
}

void
lm_months_merge (LmMonths *into, const LmMonths *other)
{
  g_return_if_fail (into != NULL && other != NULL);
  into->months += other->months;
  for (guint i = 0; i < LM_MONTHS_N_THRESHOLDS; i++)
    into->below[i] += other->below[i];
}

double
lm_months_fraction_below (const LmMonths *m, guint i)
{
  g_return_val_if_fail (m != NULL && i < LM_MONTHS_N_THRESHOLDS, NAN);
  return m->months == 0 ? NAN : (double) m->below[i] / (double) m->months;
}

void
lm_month_clock_init (LmMonthClock *c)
{
  g_return_if_fail (c != NULL);
  *c = (LmMonthClock) { 0 };
}

void
lm_month_clock_advance (LmMonthClock *c, LmTime dt, gboolean up, LmMonths *into)
{
  g_return_if_fail (c != NULL && into != NULL && dt >= 0);
  while (dt > 0)
    {
      LmTime step = MIN (dt, LM_MONTH - c->in_month);
      c->in_month += step;
      if (!up)
        c->down += step;
      dt -= step;
      if (c->in_month == LM_MONTH)
        {
          lm_months_add (into, c->down);
          *c = (LmMonthClock) { 0 };
        }
    }
}
