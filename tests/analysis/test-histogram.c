/* tests/analysis/test-histogram.c — log-binned duration quantiles: within
 * their stated error of exact sample quantiles, exact merges, edge values. */
#include <math.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "tests/lm-test.h"
#include "analysis/histogram.h"
#include "sim/rng.h"

/* Lognormal convergence-like times (median 0.8 s, heavy right tail): every
 * percentile from the histogram within 0.55 % of the exact one. */
static void
test_quantiles_close (void)
{
  gsl_rng *rng = lm_rng_new (7, 0, "histogram");
  g_autoptr (LmSamples) exact = lm_samples_new ();
  LmHistogram h;
  lm_histogram_init (&h);
  long n = lm_test_size (200000, 20000);
  for (long i = 0; i < n; i++)
    {
      double x = gsl_ran_lognormal (rng, log (0.8), 1.5);
      lm_samples_add (exact, x);
      lm_histogram_add (&h, x);
    }
  for (int q = 1; q < 100; q++)
    {
      double p = q / 100.0;
      /* the type-1 quantile: the ⌈p·n⌉-th smallest value */
      double lo = lm_samples_quantile (exact, (ceil (p * n) - 1) / (n - 1.0));
      double got = lm_histogram_quantile (&h, p);
      CU_ASSERT (fabs (got - lo) <= LM_HISTOGRAM_REL_ERROR * lo);
    }
  CU_ASSERT_EQUAL (lm_histogram_quantile (&h, 0), h.moments.min);
  CU_ASSERT_EQUAL (lm_histogram_quantile (&h, 1), h.moments.max);
  lm_histogram_clear (&h);
  gsl_rng_free (rng);
}

/* Split over any grouping, merged in any order: the same counts and the
 * same quantiles, bit for bit. */
static void
test_merge_exact (void)
{
  LmHistogram all, parts[3], merged;
  lm_histogram_init (&all);
  lm_histogram_init (&merged);
  for (int k = 0; k < 3; k++)
    lm_histogram_init (&parts[k]);
  for (int i = 0; i < 3000; i++)
    {
      double x = 1e-7 * pow (1.013, i);   /* 0.1 µs … beyond the range */
      lm_histogram_add (&all, x);
      lm_histogram_add (&parts[i % 3], x);
    }
  lm_histogram_merge (&merged, &parts[2]);
  lm_histogram_merge (&merged, &parts[0]);
  lm_histogram_merge (&merged, &parts[1]);
  CU_ASSERT_EQUAL (merged.moments.n, 3000);
  CU_ASSERT (memcmp (merged.counts, all.counts,
                     sizeof (guint64) * (2 + LM_HISTOGRAM_PER_OCTAVE * LM_HISTOGRAM_OCTAVES)) == 0);
  for (int q = 0; q <= 20; q++)
    CU_ASSERT_EQUAL (lm_histogram_quantile (&merged, q / 20.0), lm_histogram_quantile (&all, q / 20.0));
  lm_histogram_clear (&all);
  lm_histogram_clear (&merged);
  for (int k = 0; k < 3; k++)
    lm_histogram_clear (&parts[k]);
}

/* Zero, sub-microsecond and huge values are counted, and never read back
 * outside the values seen. */
static void
test_edges (void)
{
  LmHistogram h;
  lm_histogram_init (&h);
  CU_ASSERT (isnan (lm_histogram_quantile (&h, 0.5)));
  CU_ASSERT_PTR_NULL (h.counts);
  lm_histogram_add (&h, 0);
  CU_ASSERT_EQUAL (lm_histogram_quantile (&h, 0.5), 0);
  lm_histogram_add (&h, 0);
  lm_histogram_add (&h, 1e12);
  CU_ASSERT_EQUAL (lm_histogram_quantile (&h, 0.5), 0);
  CU_ASSERT_EQUAL (lm_histogram_quantile (&h, 0.99), 1e12);
  lm_histogram_add (&h, 2.0);
  lm_histogram_add (&h, 2.0);
  double m = lm_histogram_quantile (&h, 0.6);   /* rank 3 of 5: 2.0 */
  CU_ASSERT (fabs (m - 2.0) <= LM_HISTOGRAM_REL_ERROR * 2.0);
  lm_histogram_clear (&h);
}

LM_SUITE (analysis_histogram) = {
  { "every percentile of 200,000 lognormal durations within 0.55 % of exact", test_quantiles_close },
  { "merging parts in any order gives the same counts and quantiles", test_merge_exact },
  { "zero, sub-µs and out-of-range values; empty histogram", test_edges },
  CU_TEST_INFO_NULL,
};
