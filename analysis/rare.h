/* analysis/rare.h — rare-event estimation of component availability:
 * importance sampling in regenerative simulation (issue 8; the method,
 * estimator and references: docs/availability.md "Rare events" and
 * ../shared/reference/rare-event-method.md).
 *
 * The model (LmRareModel) is the component model of DESIGN §7: n ≤ 64
 * independent components, each failing after an exponential time (rate λ_i)
 * and repaired after a time drawn from its own law (mean MTTR_i); while down,
 * component i makes the connections of its `kills` mask unusable.  A state
 * is the bitmask of the components that are down; criterion k fails the
 * design while fewer than k connections are usable.
 *
 * Cycles start and end in the all-up state (a regeneration point whenever
 * failure times are exponential, whatever the repair laws).  One cycle
 * (lm_rare_cycle) is simulated by one of two engines:
 *
 *  CTMC  every repair exponential: the embedded jump chain, holding times
 *        replaced by their means 1/q(x) (conditional Monte Carlo);
 *  GSMP  any repair law: an event list of pending repair completions; under
 *        biasing a failure is *forced* before the next completion.
 *
 * and in one of three roles:
 *
 *  BIASED   balanced failure biasing with probability p (the numerator):
 *           y = Σ L·(time in F), z = Σ L·(entries into F);
 *  UNBIASED the original law, mean holding times where allowed (the
 *           denominator): tau = the cycle length;
 *  PLAIN    the original law with every holding time drawn, as a discrete-
 *           event simulation would (crude Monte Carlo): y, z, tau unweighted.
 *
 * analysis/rare-run.c turns cycles into estimates (batches, threads,
 * stopping, the delta method); analysis/rare-scenario.c builds models from a
 * scenario; analysis/rare-report.c prints them.
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>
#include "sim/scenario.h"
#include "analysis/ctmc.h"

G_BEGIN_DECLS

#define LM_RARE_ERROR (lm_rare_error_quark ())
GQuark lm_rare_error_quark (void);

typedef enum {
  LM_RARE_ERROR_INVALID,    /* a value outside its range (bias, target, k, …) */
  LM_RARE_ERROR_TOO_LARGE,  /* more components than a 64-bit state holds */
  LM_RARE_ERROR_REFUSED,    /* the method does not apply (says why and what to use) */
} LmRareError;

/* The state is one 64-bit mask: at most this many components. */
#define LM_RARE_MAX_COMPONENTS 64u

/* Allowed bias probabilities (reference §4–5: the second moment becomes
 * infinite above ~0.85 on some data). */
#define LM_RARE_BIAS_MIN 0.1
#define LM_RARE_BIAS_MAX 0.8
#define LM_RARE_BIAS_DEFAULT 0.5

/* ------------------------------------------------------------ model */

typedef struct _LmRareModel LmRareModel;

/* A model with @connections usable paths (1 … 64) and no components yet.
 * (transfer full) */
LmRareModel *lm_rare_model_new (guint connections);
void lm_rare_model_free (LmRareModel *m);

/* Adds component @name (copied): exponential time to failure of mean
 * @mtbf_h hours, repairs drawn from @repair (copied; its mean > 0), making
 * the connections in @kills unusable while down.  FALSE with
 * LM_RARE_ERROR_TOO_LARGE past LM_RARE_MAX_COMPONENTS, INVALID for a bad
 * rate or an empty or out-of-range mask. */
gboolean lm_rare_model_add (LmRareModel *m, const char *name, double mtbf_h,
                            const LmScDist *repair, guint64 kills, GError **error);

/* The S × M design of analysis/ctmc.h: components 0 … S−1 are the sites,
 * then the pairs site by site (the same order as LmCtmc).  @pair_repair and
 * @site_repair (may be NULL: exponential with the design's MTTR) replace
 * the repair laws.  (transfer full) */
LmRareModel *lm_rare_model_new_design (const LmAvailDesign *d, const LmScDist *pair_repair,
                                       const LmScDist *site_repair, GError **error);

guint lm_rare_model_n_components (const LmRareModel *m);
guint lm_rare_model_n_connections (const LmRareModel *m);
const char *lm_rare_model_component (const LmRareModel *m, guint i);
/* Whether every repair law is exponential (the CTMC engine applies). */
gboolean lm_rare_model_exponential (const LmRareModel *m);
/* Connections usable in @state. */
guint lm_rare_model_usable (const LmRareModel *m, guint64 state);
/* The exact mean cycle length in hours, 1/(π(0)·Λ(0)) with
 * π(0) = Π MTBF_i/(MTBF_i + MTTR_i): independent components, any repair
 * law (reference §3.3). */
double lm_rare_model_exact_cycle_h (const LmRareModel *m);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmRareModel, lm_rare_model_free)

/* ------------------------------------------------------------ the change of measure */

/* The probability of the jump that flips component @i in @state (≠ 0 for a
 * repair, any for a failure) in the embedded jump chain: the original law P
 * when @biased_law is FALSE, else the balanced-failure-biasing law P' with
 * bias @p (from state 0: uniform over the components; elsewhere, with
 * @biasing on and Λ(x)/q(x) < p: p shared equally by the up components,
 * 1 − p by the repairs in proportion to their rates; otherwise P). */
double lm_rare_jump_probability (const LmRareModel *m, guint64 state, guint i, double p,
                                 gboolean biasing, gboolean biased_law);
/* The likelihood-ratio factor ρ = P/P' of that jump, as the engine
 * multiplies it (computed from the reference's closed forms, not as a
 * quotient of the two functions above). */
double lm_rare_lr_factor (const LmRareModel *m, guint64 state, guint i, double p,
                          gboolean biasing);

/* ------------------------------------------------------------ one cycle */

typedef enum { LM_RARE_ENGINE_CTMC, LM_RARE_ENGINE_GSMP, LM_RARE_ENGINE_N } LmRareEngine;
typedef enum { LM_RARE_CYCLE_BIASED, LM_RARE_CYCLE_UNBIASED, LM_RARE_CYCLE_PLAIN } LmRareRole;

/* "exponential" (CTMC) or "general" (GSMP, forcing). */
const char *lm_rare_engine_name (LmRareEngine e);

typedef struct {
  double y;          /* time in the failed set, hours, × the likelihood ratio */
  double z;          /* entries into the failed set × the likelihood ratio */
  double tau;        /* cycle length, hours (UNBIASED, PLAIN) */
  guint64 jumps;     /* state changes, the return to all-up included */
  gboolean reached;  /* the cycle entered the failed set */
  double max_lr;     /* the largest likelihood ratio that weighted a reward */
} LmRareCycle;

/* Simulates one cycle of @m for criterion @k (1 … connections) with engine
 * @e (CTMC needs exponential repairs) in role @role, bias @p (BIASED only),
 * drawing from @rng. */
void lm_rare_cycle (const LmRareModel *m, LmRareEngine e, LmRareRole role, guint k, double p,
                    gsl_rng *rng, LmRareCycle *out);

G_END_DECLS
