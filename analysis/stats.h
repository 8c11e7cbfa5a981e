/* analysis/stats.h — streaming, mergeable statistics over replications.
 *
 *  LmMoments  n, mean, Σ(x − mean)², min, max (Welford; merged by Chan et
 *             al. 1979).  Memory is constant in n.  Merging is exact in n,
 *             min and max, and in floating point deterministic: the same
 *             partial states merged in the same order give the same bits, so
 *             replications merged in replication order give the same result
 *             for any number of threads.  lm_moments_add (m, x) is, bit for
 *             bit, the merge of the one-sample state {1, x, 0} into m, so one
 *             pass equals merging singleton batches in the same order; other
 *             groupings agree to rounding (~1e-15 relative).
 *  Student t  95 % (or any level) confidence interval for the mean,
 *             mean ± t_{1−α/2, n−1}·s/√n, t from gsl_cdf_tdist_Pinv.
 *  LmRatio    a ratio of means ȳ/x̄ — availability = Σ up time / Σ time over
 *             replications (or regenerative cycles) — with the delta-method
 *             interval: Var(R̂) ≈ Σ(y_i − R̂·x_i)² / ((n−1)·n·x̄²).  For an
 *             availability near 1 feed the *down* time as y: the interval of
 *             the unavailability keeps its digits, 1 − it is the availability.
 *  LmSamples  every value kept (8 bytes each), for exact quantiles when asked
 *             for: the sample quantile of Hyndman & Fan (1996) type 7 (GSL's
 *             gsl_stats_quantile_from_sorted_data, R's default): with the
 *             values sorted x_0 ≤ … ≤ x_{n−1}, h = (n − 1)·p,
 *             Q(p) = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋).
 *  LmMonths   counts of 730 h months whose availability fell below 99.99 %,
 *             99.9 %, 99.0 % and 95.0 % (the service-credit thresholds and the
 *             high-resiliency figure), i.e. whose down time exceeded 4.38 min,
 *             43.8 min, 7.3 h, 36.5 h.  Integer counters: merging is exact.
 *             LmMonthClock cuts a run's up/down history into whole months
 *             (exact, in LmTime); a last partial month is not counted.
 *
 * All are plain values (no allocation) except LmSamples; none holds globals.
 */
#pragma once

#include <glib.h>
#include "sim/time.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------ moments */

/* Read the fields freely; change them only through these functions. */
typedef struct {
  guint64 n;
  double mean;    /* 0 when n = 0 */
  double m2;      /* Σ (x_i − mean)² */
  double min;     /* +∞ when n = 0 */
  double max;     /* −∞ when n = 0 */
} LmMoments;

void lm_moments_init (LmMoments *m);
void lm_moments_add (LmMoments *m, double x);
/* @into ⊕= @other (@other unchanged; may not alias @into). */
void lm_moments_merge (LmMoments *into, const LmMoments *other);

/* Sample variance Σ(x − mean)²/(n − 1) and its root; NAN when n < 2. */
double lm_moments_variance (const LmMoments *m);
double lm_moments_sd (const LmMoments *m);

/* The two-sided Student t critical value t_{1−(1−level)/2, df}; level in
 * (0, 1), df ≥ 1 (2.0 … 12.71 for 95 %). */
double lm_stats_t_critical (double level, guint64 df);

/* Half-width of the @level interval of the mean: t·s/√n; NAN when n < 2. */
double lm_moments_ci_halfwidth (const LmMoments *m, double level);
/* mean ± the 95 % half-width; FALSE (and *lo, *hi = NAN) when n < 2. */
gboolean lm_moments_ci95 (const LmMoments *m, double *lo, double *hi);

/* ------------------------------------------------------------ ratio */

typedef struct {
  guint64 n;
  double mean_y, mean_x;
  double m2_y, m2_x;   /* Σ(y − ȳ)², Σ(x − x̄)² */
  double c_xy;         /* Σ(x − x̄)(y − ȳ) */
} LmRatio;

void lm_ratio_init (LmRatio *r);
/* One observation: numerator @y (e.g. up or down time), denominator @x
 * (e.g. the replication's length). */
void lm_ratio_add (LmRatio *r, double y, double x);
void lm_ratio_merge (LmRatio *into, const LmRatio *other);
/* ȳ / x̄ = Σy / Σx; NAN when n = 0 or x̄ = 0. */
double lm_ratio_estimate (const LmRatio *r);
/* The delta-method standard error of the estimate; NAN when n < 2. */
double lm_ratio_se (const LmRatio *r);
/* estimate ± t_{0.975, n−1}·se; FALSE (NANs) when n < 2. */
gboolean lm_ratio_ci95 (const LmRatio *r, double *lo, double *hi);

/* ------------------------------------------------------------ samples */

typedef struct _LmSamples LmSamples;

LmSamples *lm_samples_new (void);   /* (transfer full) */
void lm_samples_free (LmSamples *s);
void lm_samples_add (LmSamples *s, double x);
/* Appends @other's values to @into (in @other's insertion order). */
void lm_samples_merge (LmSamples *into, const LmSamples *other);
guint64 lm_samples_n (const LmSamples *s);
/* The type-7 quantile for @p in [0, 1]; NAN when empty.  Sorts the kept
 * values once (hence not const); adding more values later is allowed. */
double lm_samples_quantile (LmSamples *s, double p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmSamples, lm_samples_free)

/* ------------------------------------------------------------ months */

#define LM_MONTH_H 730.0
#define LM_MONTH LM_H (730)
#define LM_MONTHS_N_THRESHOLDS 4

/* Threshold i: 0.9999, 0.999, 0.99, 0.95. */
double lm_months_threshold (guint i);
/* The down time a 730 h month may have and still meet threshold i, exactly:
 * 262.8 s, 2628 s, 26280 s, 131400 s. */
LmTime lm_months_allowed_down (guint i);

typedef struct {
  guint64 months;
  guint64 below[LM_MONTHS_N_THRESHOLDS];   /* availability < threshold i */
} LmMonths;

void lm_months_init (LmMonths *m);
/* One whole month that was down for @down (LmTime); below threshold i
 * when @down > lm_months_allowed_down (i). */
void lm_months_add (LmMonths *m, LmTime down);
void lm_months_merge (LmMonths *into, const LmMonths *other);
/* below[i] / months; NAN when no month was counted.  For an interval,
 * feed each replication's fraction to an LmMoments. */
double lm_months_fraction_below (const LmMonths *m, guint i);

typedef struct {
  LmTime in_month;    /* time into the current month */
  LmTime down;        /* down time in the current month */
} LmMonthClock;

void lm_month_clock_init (LmMonthClock *c);
/* @dt of time in which the design was up (or not); every month completed
 * on the way is added to @into. */
void lm_month_clock_advance (LmMonthClock *c, LmTime dt, gboolean up, LmMonths *into);

G_END_DECLS
