/* models/law.h — draws a duration from a scenario's distribution
 * (sim/scenario.h LmScDist: exp, lognormal, weibull, fixed, uniform), from a
 * component's own stream.  Used by the provisioning models for their delays;
 * any model with a drawn duration may use it.
 */
#pragma once

#include <gsl/gsl_rng.h>
#include "sim/scenario.h"

G_BEGIN_DECLS

/* A draw of @law in ns, >= 0 (clamped below LM_TIME_MAX / 4 so sums stay
 * representable).  lognormal(mean, sd) is of the time itself: its log has
 * sigma^2 = ln(1 + sd^2/mean^2) and mu = ln(mean) - sigma^2 / 2. */
LmTime lm_law_draw (const LmScDist *law, gsl_rng *rng);
/* The law's mean, seconds (for reports and tests). */
double lm_law_mean_s (const LmScDist *law);

G_END_DECLS
