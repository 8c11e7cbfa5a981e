/* analysis/histogram.h — quantiles of durations over millions of values in
 * constant memory.
 *
 * An LmHistogram counts non-negative durations (seconds) in logarithmic
 * bins: 64 per octave from 1 µs to 2^44 µs (≈ 203 days), one bin below
 * (0 … 1 µs) and one above.  A quantile is read as the geometric middle of
 * the bin holding the rank ⌈p·n⌉ value, clamped to the exact minimum and
 * maximum — within 2^(1/128) − 1 ≈ 0.55 % of the sample quantile (type 1 of
 * Hyndman & Fan 1996) for values inside the range.  Counts are integers, so
 * merging is exact and associative: the same bits whatever the grouping or
 * the number of threads.  The counts (22 KB) are allocated with the first
 * value; an empty histogram costs nothing.  Mean, sd and the extremes come
 * exact from the embedded LmMoments.
 */
#pragma once

#include <glib.h>
#include "analysis/stats.h"

G_BEGIN_DECLS

#define LM_HISTOGRAM_PER_OCTAVE 64
#define LM_HISTOGRAM_OCTAVES 44
#define LM_HISTOGRAM_LOW_S 1e-6
/* relative error bound of a quantile inside the range */
#define LM_HISTOGRAM_REL_ERROR 0.0055

typedef struct {
  LmMoments moments;   /* exact n, mean, m2, min, max */
  guint64 *counts;     /* NULL until the first value */
} LmHistogram;

void lm_histogram_init (LmHistogram *h);
void lm_histogram_clear (LmHistogram *h);   /* frees the counts; init again to reuse */
/* @seconds ≥ 0 and finite. */
void lm_histogram_add (LmHistogram *h, double seconds);
void lm_histogram_merge (LmHistogram *into, const LmHistogram *other);
/* The p-quantile (p in [0, 1]); NAN when empty. */
double lm_histogram_quantile (const LmHistogram *h, double p);

G_END_DECLS
