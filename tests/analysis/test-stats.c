/* tests/analysis/test-stats.c — moments, Student t intervals, quantiles,
 * the ratio estimator and month counters: hand values, merge determinism
 * and associativity, and interval coverage on seeded normal samples. */
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include "tests/lm-test.h"
#include "analysis/stats.h"
#include "sim/rng.h"

static gboolean
rel_close (double a, double b, double rel)
{
  return fabs (a - b) <= rel * fabs (b);
}

static gboolean
same_bits (const LmMoments *a, const LmMoments *b)
{
  return a->n == b->n && memcmp (&a->mean, &b->mean, sizeof (double)) == 0
         && memcmp (&a->m2, &b->m2, sizeof (double)) == 0
         && a->min == b->min && a->max == b->max;
}

static void
test_hand_moments (void)
{
  static const double x[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
  LmMoments m;
  lm_moments_init (&m);
  double lo, hi;
  CU_ASSERT (!lm_moments_ci95 (&m, &lo, &hi) && isnan (lo));
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    lm_moments_add (&m, x[i]);
  CU_ASSERT (m.n == 8 && m.mean == 5.0 && m.m2 == 32.0 && m.min == 2 && m.max == 9);
  CU_ASSERT (rel_close (lm_moments_variance (&m), 32.0 / 7, 1e-15));
  /* t_{0.975, 7} = 2.364624 (tables); half-width = t·√(32/7)/√8 = t·√(4/7). */
  CU_ASSERT (fabs (lm_stats_t_critical (0.95, 7) - 2.364624) < 1e-6);
  CU_ASSERT (fabs (lm_stats_t_critical (0.95, 1) - 12.706205) < 1e-6);
  CU_ASSERT (fabs (lm_stats_t_critical (0.95, 1000000) - 1.959966) < 1e-5);
  CU_ASSERT (lm_moments_ci95 (&m, &lo, &hi));
  CU_ASSERT (fabs (hi - 5 - 2.364624 * sqrt (4.0 / 7)) < 1e-6 && rel_close (5 - lo, hi - 5, 1e-15));

  LmMoments one;
  lm_moments_init (&one);
  lm_moments_add (&one, 3.5);
  CU_ASSERT (isnan (lm_moments_variance (&one)) && !lm_moments_ci95 (&one, &lo, &hi));
}

/* {1, 2, 3} ⊕ {4, 5}: mean 3 and Σ(x − 3)² = 10, exactly. */
static void
test_hand_merge (void)
{
  LmMoments a, b, empty;
  lm_moments_init (&a);
  lm_moments_init (&b);
  lm_moments_init (&empty);
  for (int i = 1; i <= 3; i++)
    lm_moments_add (&a, i);
  lm_moments_add (&b, 4);
  lm_moments_add (&b, 5);
  LmMoments ab = a, ba = b;
  lm_moments_merge (&ab, &b);
  lm_moments_merge (&ba, &a);
  CU_ASSERT (ab.n == 5 && ab.mean == 3.0 && ab.m2 == 10.0 && ab.min == 1 && ab.max == 5);
  CU_ASSERT (ba.n == 5 && ba.mean == 3.0 && ba.m2 == 10.0);
  LmMoments e = empty;
  lm_moments_merge (&e, &ab);
  CU_ASSERT (same_bits (&e, &ab));
  lm_moments_merge (&e, &empty);
  CU_ASSERT (same_bits (&e, &ab));
}

#define N_BATCHES 7
static const guint batch_len[N_BATCHES] = { 1, 2, 500, 3, 4000, 17, 2477 };

typedef struct { const double *x; LmMoments m; } Batch;

/* Draws n values ~ N(mean, sd) from a fixed stream.  (transfer full) */
static double *
normal_values (guint n, double mean, double sd, const char *name)
{
  g_autoptr (gsl_rng) r = lm_rng_new (42, 0, name);
  double *x = g_new (double, n);
  for (guint i = 0; i < n; i++)
    x[i] = mean + gsl_ran_gaussian (r, sd);
  return x;
}

static gpointer
batch_fill (gpointer data)
{
  Batch *b = data;
  guint n = (guint) b->m.n;
  lm_moments_init (&b->m);
  for (guint i = 0; i < n; i++)
    lm_moments_add (&b->m, b->x[i]);
  return NULL;
}

/* Each batch accumulated on its own thread, finishing in any order; merged
 * in batch order. */
static LmMoments
merge_batches_threaded (const double *x)
{
  Batch b[N_BATCHES];
  GThread *t[N_BATCHES];
  guint off = 0;
  for (guint i = 0; i < N_BATCHES; i++)
    {
      b[i] = (Batch) { .x = x + off, .m = { .n = batch_len[i] } };
      off += batch_len[i];
    }
  for (guint i = N_BATCHES; i-- > 0;)
    t[i] = g_thread_new ("batch", batch_fill, &b[i]);
  for (guint i = 0; i < N_BATCHES; i++)
    g_thread_join (t[i]);
  LmMoments all;
  lm_moments_init (&all);
  for (guint i = 0; i < N_BATCHES; i++)
    lm_moments_merge (&all, &b[i].m);
  return all;
}

static void
test_merge_determinism (void)
{
  guint n = 0;
  for (guint i = 0; i < N_BATCHES; i++)
    n += batch_len[i];
  g_autofree double *x = normal_values (n, 1000.0, 3.0, "test.stats.merge");

  /* One pass ≡ merging one-value states in the same order, bit for bit. */
  LmMoments pass, singles;
  lm_moments_init (&pass);
  lm_moments_init (&singles);
  for (guint i = 0; i < n; i++)
    {
      LmMoments one = { 1, x[i], 0, x[i], x[i] };
      lm_moments_add (&pass, x[i]);
      lm_moments_merge (&singles, &one);
    }
  CU_ASSERT (same_bits (&pass, &singles));

  /* The same batches merged in the same order: the same bits, whichever
   * thread finished first. */
  LmMoments b1 = merge_batches_threaded (x), b2 = merge_batches_threaded (x);
  CU_ASSERT (same_bits (&b1, &b2));

  /* Another grouping: equal within 1e-12; n, min and max exactly. */
  CU_ASSERT (b1.n == pass.n && b1.min == pass.min && b1.max == pass.max);
  CU_ASSERT (rel_close (b1.mean, pass.mean, 1e-12));
  CU_ASSERT (rel_close (b1.m2, pass.m2, 1e-12));
  CU_ASSERT (rel_close (lm_moments_sd (&pass), 3.0, 0.05));
}

static void
test_merge_associative (void)
{
  g_autofree double *x = normal_values (6000, -250.0, 0.5, "test.stats.assoc");
  LmMoments p[3];
  guint cut[4] = { 0, 10, 5990, 6000 };   /* small, large, small: both branches */
  for (guint i = 0; i < 3; i++)
    {
      lm_moments_init (&p[i]);
      for (guint j = cut[i]; j < cut[i + 1]; j++)
        lm_moments_add (&p[i], x[j]);
    }
  LmMoments left = p[0], bc = p[1], right = p[0];
  lm_moments_merge (&left, &p[1]);
  lm_moments_merge (&left, &p[2]);        /* (a ⊕ b) ⊕ c */
  lm_moments_merge (&bc, &p[2]);
  lm_moments_merge (&right, &bc);         /* a ⊕ (b ⊕ c) */
  LmMoments rev = p[2], ba = p[1];
  lm_moments_merge (&ba, &p[0]);
  lm_moments_merge (&rev, &ba);           /* c ⊕ (b ⊕ a) */
  const LmMoments *v[] = { &right, &rev };
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    {
      CU_ASSERT (v[i]->n == 6000 && v[i]->min == left.min && v[i]->max == left.max);
      CU_ASSERT (rel_close (v[i]->mean, left.mean, 1e-12));
      CU_ASSERT (rel_close (v[i]->m2, left.m2, 1e-12));
    }
}

/* The 99.9 % acceptance region of Binomial(n, p): [lo, hi] with
 * P(C < lo) ≤ 0.0005 and P(C > hi) ≤ 0.0005. */
static void
binomial_region (guint n, double p, guint *lo, guint *hi)
{
  *lo = 0;
  while (gsl_cdf_binomial_P (*lo, p, n) <= 0.0005)
    (*lo)++;
  *hi = n;
  while (*hi > 0 && gsl_cdf_binomial_Q (*hi - 1, p, n) <= 0.0005)
    (*hi)--;
}

/* 1000 intervals from 5 normal values each: the t interval covers the true
 * mean as often as Binomial(1000, 0.95) allows; the z interval (1.96, wrong
 * for n = 5: ≈ 88 %) does not — so the check has the power to fail. */
static void
test_ci_coverage (void)
{
  const guint n_int = 1000, n = 5;
  const double mu = 10.0;
  g_autofree double *x = normal_values (n_int * n, mu, 2.0, "test.stats.coverage");
  guint t_hits = 0, z_hits = 0, lo, hi;
  for (guint i = 0; i < n_int; i++)
    {
      LmMoments m;
      lm_moments_init (&m);
      for (guint j = 0; j < n; j++)
        lm_moments_add (&m, x[i * n + j]);
      double a, b, z = 1.959964 * lm_moments_sd (&m) / sqrt (n);
      CU_ASSERT_FATAL (lm_moments_ci95 (&m, &a, &b));
      t_hits += a <= mu && mu <= b;
      z_hits += fabs (m.mean - mu) <= z;
    }
  binomial_region (n_int, 0.95, &lo, &hi);
  CU_ASSERT (lo > 920 && lo < 950 && hi > 950 && hi < 980);
  if (t_hits < lo || t_hits > hi || z_hits >= lo)
    g_printerr ("\n  t covers %u, z covers %u, region [%u, %u]\n", t_hits, z_hits, lo, hi);
  CU_ASSERT (t_hits >= lo && t_hits <= hi);
  CU_ASSERT (z_hits < lo);
}

static void
test_quantiles (void)
{
  g_autoptr (LmSamples) s = lm_samples_new ();
  CU_ASSERT (isnan (lm_samples_quantile (s, 0.5)));
  static const double x[] = { 3, 1, 2, 5, 4 };
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    lm_samples_add (s, x[i]);
  CU_ASSERT (lm_samples_n (s) == 5);
  /* type 7: h = 4p; Q = x_⌊h⌋ + frac(h)·(x_⌊h⌋+1 − x_⌊h⌋) */
  CU_ASSERT (lm_samples_quantile (s, 0) == 1 && lm_samples_quantile (s, 1) == 5);
  CU_ASSERT (lm_samples_quantile (s, 0.5) == 3 && lm_samples_quantile (s, 0.25) == 2);
  CU_ASSERT (fabs (lm_samples_quantile (s, 0.1) - 1.4) < 1e-15);
  CU_ASSERT (fabs (lm_samples_quantile (s, 0.9) - 4.6) < 1e-15);
  lm_samples_add (s, 0);   /* after a query: sorted again on the next */
  CU_ASSERT (lm_samples_quantile (s, 0) == 0 && lm_samples_quantile (s, 0.5) == 2.5);
  g_autoptr (LmSamples) t = lm_samples_new ();
  lm_samples_add (t, 100);
  lm_samples_merge (s, t);
  CU_ASSERT (lm_samples_n (s) == 7 && lm_samples_quantile (s, 1) == 100);
  CU_ASSERT (lm_samples_quantile (s, 0.5) == 3);
  CU_ASSERT (lm_samples_n (t) == 1);
}

/* (y, x) = (1, 2), (2, 3), (3, 5): R = 6/10; residuals −0.2, 0.2, 0;
 * se = √(0.08/2/3) / (10/3); half-width t_{0.975,2} = 4.302653 × se. */
static void
test_ratio_hand (void)
{
  LmRatio r;
  lm_ratio_init (&r);
  double lo, hi;
  CU_ASSERT (isnan (lm_ratio_estimate (&r)) && !lm_ratio_ci95 (&r, &lo, &hi));
  lm_ratio_add (&r, 1, 2);
  lm_ratio_add (&r, 2, 3);
  lm_ratio_add (&r, 3, 5);
  CU_ASSERT (rel_close (lm_ratio_estimate (&r), 0.6, 1e-15));
  double se = sqrt (0.08 / 2 / 3) / (10.0 / 3);
  CU_ASSERT (rel_close (lm_ratio_se (&r), se, 1e-12));
  CU_ASSERT (lm_ratio_ci95 (&r, &lo, &hi));
  CU_ASSERT (fabs (hi - 0.6 - 4.302653 * se) < 1e-6 && rel_close (0.6 - lo, hi - 0.6, 1e-12));
  /* y proportional to x: no spread, a zero-width interval. */
  LmRatio p;
  lm_ratio_init (&p);
  for (int i = 1; i <= 10; i++)
    lm_ratio_add (&p, 0.25 * i, i);
  CU_ASSERT (lm_ratio_estimate (&p) == 0.25 && lm_ratio_se (&p) < 1e-15);
}

static void
test_ratio_merge (void)
{
  g_autofree double *x = normal_values (2000, 5.0, 1.0, "test.stats.ratio.x");
  g_autofree double *e = normal_values (2000, 0.0, 0.05, "test.stats.ratio.e");
  LmRatio pass, singles, a, b;
  lm_ratio_init (&pass);
  lm_ratio_init (&singles);
  lm_ratio_init (&a);
  lm_ratio_init (&b);
  for (guint i = 0; i < 2000; i++)
    {
      double y = 0.9 * x[i] + e[i];
      LmRatio one = { 1, y, x[i], 0, 0, 0 };
      lm_ratio_add (&pass, y, x[i]);
      lm_ratio_merge (&singles, &one);
      lm_ratio_add (i < 37 ? &a : &b, y, x[i]);
    }
  CU_ASSERT (memcmp (&pass, &singles, sizeof pass) == 0);
  LmRatio ab = a, ba = b;
  lm_ratio_merge (&ab, &b);
  lm_ratio_merge (&ba, &a);
  CU_ASSERT (ab.n == 2000 && ba.n == 2000);
  CU_ASSERT (rel_close (lm_ratio_estimate (&ab), lm_ratio_estimate (&pass), 1e-12));
  CU_ASSERT (rel_close (lm_ratio_se (&ab), lm_ratio_se (&pass), 1e-9));
  CU_ASSERT (rel_close (lm_ratio_se (&ba), lm_ratio_se (&pass), 1e-9));
  CU_ASSERT (rel_close (ab.c_xy, pass.c_xy, 1e-12) && rel_close (ba.m2_y, pass.m2_y, 1e-12));
}

/* Availability-like ratios: x ~ U(1, 3) (cycle lengths), y = down time with
 * E[y | x] = 0.1·x; 1000 intervals of 200 observations each cover R = 0.1
 * as often as Binomial(1000, 0.95) allows. */
static void
test_ratio_coverage (void)
{
  g_autoptr (gsl_rng) rng = lm_rng_new (7, 0, "test.stats.ratio.coverage");
  guint hits = 0, lo, hi;
  for (guint i = 0; i < 1000; i++)
    {
      LmRatio r;
      lm_ratio_init (&r);
      for (guint j = 0; j < 200; j++)
        {
          double x = gsl_ran_flat (rng, 1, 3);
          lm_ratio_add (&r, x * gsl_ran_exponential (rng, 0.1), x);
        }
      double a, b;
      CU_ASSERT_FATAL (lm_ratio_ci95 (&r, &a, &b));
      hits += a <= 0.1 && 0.1 <= b;
    }
  binomial_region (1000, 0.95, &lo, &hi);
  if (hits < lo || hits > hi)
    g_printerr ("\n  ratio intervals cover %u, region [%u, %u]\n", hits, lo, hi);
  CU_ASSERT (hits >= lo && hits <= hi);
}

static void
test_months_thresholds (void)
{
  for (guint i = 0; i < LM_MONTHS_N_THRESHOLDS; i++)
    {
      double allowed = (1 - lm_months_threshold (i)) * (double) LM_MONTH;
      CU_ASSERT (rel_close ((double) lm_months_allowed_down (i), allowed, 1e-9));
    }
  CU_ASSERT (lm_months_threshold (0) == 0.9999 && lm_months_threshold (3) == 0.95);
  LmMonths m;
  lm_months_init (&m);
  CU_ASSERT (isnan (lm_months_fraction_below (&m, 0)));
  lm_months_add (&m, LM_MS (262800));       /* exactly 99.99 %: not below */
  lm_months_add (&m, LM_MS (262800) + 1);   /* 1 ns more: below 99.99 % only */
  lm_months_add (&m, LM_MONTH);             /* down all month: below all */
  CU_ASSERT (m.months == 3 && m.below[0] == 2 && m.below[1] == 1 && m.below[3] == 1);
  CU_ASSERT (fabs (lm_months_fraction_below (&m, 0) - 2.0 / 3) < 1e-15);
}

/* A year cut into twelve 730 h months: 5 min down in month 1; 1 h down
 * across the month 3/4 boundary; 8 h in month 5; 40 h in month 6. */
static void
test_month_clock (void)
{
  LmMonthClock c;
  LmMonths m, other;
  lm_month_clock_init (&c);
  lm_months_init (&m);
  lm_month_clock_advance (&c, LM_H (100), TRUE, &m);
  lm_month_clock_advance (&c, LM_MIN (5), FALSE, &m);
  lm_month_clock_advance (&c, 3 * LM_MONTH - LM_H (100) - LM_MIN (5) - LM_MIN (30), TRUE, &m);
  lm_month_clock_advance (&c, LM_H (1), FALSE, &m);
  lm_month_clock_advance (&c, LM_MONTH - LM_MIN (30) + LM_H (10), TRUE, &m);
  lm_month_clock_advance (&c, LM_H (8), FALSE, &m);
  lm_month_clock_advance (&c, LM_MONTH - LM_H (18), TRUE, &m);
  lm_month_clock_advance (&c, LM_H (40), FALSE, &m);
  CU_ASSERT (m.months == 5);
  lm_month_clock_advance (&c, LM_Y (1) - 5 * LM_MONTH - LM_H (40) + LM_H (100), TRUE, &m);
  CU_ASSERT (m.months == 12);   /* the last 100 h are a partial month */
  CU_ASSERT (m.below[0] == 5 && m.below[1] == 2 && m.below[2] == 2 && m.below[3] == 1);
  other = m;
  lm_months_merge (&other, &m);
  CU_ASSERT (other.months == 24 && other.below[0] == 10 && other.below[3] == 2);
}

LM_SUITE (analysis_stats) = {
  { "mean, variance, min, max and the t interval of a small sample by hand", test_hand_moments },
  { "merging {1,2,3} and {4,5} gives mean 3 and M2 10 exactly", test_hand_merge },
  { "merging in the same order is bit-identical whatever the threads; other groupings 1e-12",
    test_merge_determinism },
  { "merge is associative and commutative to 1e-12", test_merge_associative },
  { "95 % t intervals cover the true mean of normal samples ≈ 95 % (binomial bounds)",
    test_ci_coverage },
  { "type-7 quantiles from kept samples, after adds and merges", test_quantiles },
  { "ratio estimator and its delta-method interval by hand", test_ratio_hand },
  { "ratio states merge like one pass", test_ratio_merge },
  { "ratio intervals cover the true availability-like ratio ≈ 95 %", test_ratio_coverage },
  { "month thresholds: allowed down time exact, strict below", test_months_thresholds },
  { "a year's history cut into twelve 730 h months and counted per threshold",
    test_month_clock },
  CU_TEST_INFO_NULL,
};
