/* analysis/histogram.c — log-binned, mergeable duration histogram
 * (analysis/histogram.h). */
#include "analysis/histogram.h"

#include <math.h>

#define N_BINS (2 + LM_HISTOGRAM_PER_OCTAVE * LM_HISTOGRAM_OCTAVES)

void
lm_histogram_init (LmHistogram *h)
{
  lm_moments_init (&h->moments);
  h->counts = NULL;
}

void
lm_histogram_clear (LmHistogram *h)
{
  g_clear_pointer (&h->counts, g_free);
  lm_moments_init (&h->moments);
}

/* Bin 0: below 1 µs; bin k ≥ 1: [low·2^((k−1)/64), low·2^(k/64)); the last
 * bin: everything above the range. */
static guint
bin_of (double seconds)
{
  if (seconds < LM_HISTOGRAM_LOW_S)
    return 0;
  double k = floor (log2 (seconds / LM_HISTOGRAM_LOW_S) * LM_HISTOGRAM_PER_OCTAVE);
  if (k >= N_BINS - 2)
    return N_BINS - 1;
  return 1 + (guint) k;
}

void
lm_histogram_add (LmHistogram *h, double seconds)
{
  g_return_if_fail (seconds >= 0 && isfinite (seconds));
  if (h->counts == NULL)
    h->counts = g_new0 (guint64, N_BINS);
  h->counts[bin_of (seconds)]++;
  lm_moments_add (&h->moments, seconds);
}

void
lm_histogram_merge (LmHistogram *into, const LmHistogram *other)
{
  g_return_if_fail (into != other);
  if (other->counts == NULL)
    return;
  if (into->counts == NULL)
    into->counts = g_new0 (guint64, N_BINS);
  for (guint k = 0; k < N_BINS; k++)
    into->counts[k] += other->counts[k];
  lm_moments_merge (&into->moments, &other->moments);
}

double
lm_histogram_quantile (const LmHistogram *h, double p)
{
  g_return_val_if_fail (p >= 0 && p <= 1, NAN);
  const LmMoments *m = &h->moments;
  if (m->n == 0)
    return NAN;
  guint64 rank = (guint64) ceil (p * (double) m->n);
  rank = CLAMP (rank, 1, m->n);
  if (rank == 1)
    return m->min;
  if (rank == m->n)
    return m->max;
  guint64 seen = 0;
  guint k = 0;
  for (; k < N_BINS; k++)
    if ((seen += h->counts[k]) >= rank)
      break;
  double v;
  if (k == 0)
    v = m->min;
  else if (k == N_BINS - 1)
    v = m->max;
  else
    v = LM_HISTOGRAM_LOW_S * exp2 ((k - 0.5) / LM_HISTOGRAM_PER_OCTAVE);
  return CLAMP (v, m->min, m->max);
}
