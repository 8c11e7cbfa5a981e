/* analysis/rare-private.h — the model's body, shared by the two engines
 * (analysis/rare.c, analysis/rare-gsmp.c).  Not for other files. */
#pragma once

#include "analysis/rare.h"

struct _LmRareModel {
  guint n;                                  /* components */
  guint n_conn;                             /* connections */
  guint64 conn_all;                         /* mask of every connection */
  double lambda[LM_RARE_MAX_COMPONENTS];    /* failure rate, per hour */
  double cum_lambda[LM_RARE_MAX_COMPONENTS];/* Σ_{j ≤ i} λ_j */
  double mttr_h[LM_RARE_MAX_COMPONENTS];    /* mean repair time, hours */
  double mu[LM_RARE_MAX_COMPONENTS];        /* 1 / MTTR */
  guint64 kills[LM_RARE_MAX_COMPONENTS];
  LmScDist repair[LM_RARE_MAX_COMPONENTS];
  char *names[LM_RARE_MAX_COMPONENTS];
  double lambda0;                           /* Λ(0) = Σ λ_i */
  gboolean exponential;                     /* every repair law exponential */
};

#define RARE_BIT(i) (G_GUINT64_CONSTANT (1) << (i))

/* Usable connections in @x. */
static inline guint
rare_usable (const LmRareModel *m, guint64 x)
{
  guint64 killed = 0;
  for (guint64 d = x; d != 0; d &= d - 1)
    killed |= m->kills[__builtin_ctzll (d)];
  return (guint) __builtin_popcountll (m->conn_all & ~killed);
}

/* Λ(x): the failure rate of the up components (exactly 0 when none). */
static inline double
rare_up_rate (const LmRareModel *m, guint64 x)
{
  if ((guint) __builtin_popcountll (x) == m->n)
    return 0.0;
  double down = 0;
  for (guint64 d = x; d != 0; d &= d - 1)
    down += m->lambda[__builtin_ctzll (d)];
  return m->lambda0 - down;
}

/* A component drawn uniformly among the up ones of @x (not all down). */
guint lm_rare_pick_uniform_up (const LmRareModel *m, guint64 x, gsl_rng *rng);
/* An up component of @x drawn with probability λ_i / Λ(x). */
guint lm_rare_pick_failure (const LmRareModel *m, guint64 x, gsl_rng *rng);

/* A cycle's first failure, from the all-up state: uniform over the
 * components when @biased (multiplying *@L by the likelihood ratio
 * λ_i·n/Λ₀), else with probability λ_i/Λ₀. */
guint lm_rare_first_failure (const LmRareModel *m, gboolean biased, gsl_rng *rng, double *L);

/* The GSMP engine (rare-gsmp.c). */
void lm_rare_gsmp_cycle (const LmRareModel *m, LmRareRole role, guint k, double p, gsl_rng *rng,
                         LmRareCycle *out);
