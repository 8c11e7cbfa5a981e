/* models/law.c — drawing durations from scenario distributions (law.h). */
#include "models/law.h"

#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#define LAW_MAX (LM_TIME_MAX / 4)

static LmTime
from_s (double s)
{
  if (!(s > 0))
    return 0;
  double ns = s * 1e9;
  return ns >= (double) LAW_MAX ? LAW_MAX : (LmTime) llround (ns);
}

LmTime
lm_law_draw (const LmScDist *law, gsl_rng *rng)
{
  double a = LM_TIME_TO_S (law->a), b = LM_TIME_TO_S (law->b);
  switch (law->kind)
    {
    case LM_SC_DIST_EXP:
      return from_s (gsl_ran_exponential (rng, a));
    case LM_SC_DIST_LOGNORMAL:
      {
        double s2 = log1p ((b * b) / (a * a));
        return from_s (gsl_ran_lognormal (rng, log (a) - s2 / 2, sqrt (s2)));
      }
    case LM_SC_DIST_WEIBULL:
      return from_s (gsl_ran_weibull (rng, a, law->shape));
    case LM_SC_DIST_FIXED:
      return law->a;
    case LM_SC_DIST_UNIFORM:
    default:
      if (law->b <= law->a)
        return law->a;
      return law->a + (LmTime) (gsl_rng_uniform (rng) * (double) (law->b - law->a));
    }
}

double
lm_law_mean_s (const LmScDist *law)
{
  double a = LM_TIME_TO_S (law->a), b = LM_TIME_TO_S (law->b);
  switch (law->kind)
    {
    case LM_SC_DIST_WEIBULL:
      return a * gsl_sf_gamma (1.0 + 1.0 / law->shape);
    case LM_SC_DIST_UNIFORM:
      return (a + b) / 2;
    default:
      return a;
    }
}
