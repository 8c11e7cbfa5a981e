/* analysis/rare-run.h — estimates from cycles: the regenerative ratio, the
 * importance-sampling estimator with its delta-method intervals, stopping,
 * batches on threads, and the automatic choice of method.
 *
 * Work is done in batches of LM_RARE_BATCH cycles.  Batch b of a role
 * ("num": biased cycles, "den": unbiased cycles, "plain": crude cycles) of a
 * criterion draws from its own stream, lm_rng_new (seed, b,
 * "rare/CRITERION/ROLE"), so its result is a function of those four only.
 * Batches run on a thread pool; their partial sums are merged in batch
 * order, and the run stops only at checkpoints, after every batch scheduled
 * so far is done, on a decision that depends on those merged sums alone —
 * so the result is the same, bit for bit, for every number of threads.
 * (Except under a time budget, which is flagged machine-dependent.)
 *
 * The estimator (reference §3.3): with n₁ biased cycles giving (Y, Z) and
 * n₂ independent unbiased cycles giving τ (or τ̄ = 1/(π₀Λ₀) exactly),
 *     U = Ȳ/τ̄,  f = 8760·Z̄/τ̄ per year,  mean outage = Ȳ/Z̄,
 *     RelVar(U) = S_Y²/(n₁Ȳ²) + S_τ²/(n₂τ̄²)   (and likewise for f),
 *     RelVar(Ȳ/Z̄) = S_Y²/(n₁Ȳ²) + S_Z²/(n₁Z̄²) − 2·S_YZ/(n₁ȲZ̄),
 * 95 % half-width 1.96·estimate·√RelVar.  After a pilot the work is shared
 * between numerator and denominator in proportion to √(relvar × jumps per
 * cycle) of each.  The plain method is the regenerative ratio of crude
 * cycles, ΣD/Στ, with the delta method of analysis/stats.h (LmRatio).
 */
#pragma once

#include "analysis/rare.h"

G_BEGIN_DECLS

#define LM_RARE_BATCH 4096u
/* The default cap on numerator (or plain) cycles. */
#define LM_RARE_DEFAULT_MAX_CYCLES (G_GUINT64_CONSTANT (1) << 27)
/* Intervals are printed only when at least this many cycles reached the
 * failed set (reference §5 item 9). */
#define LM_RARE_MIN_REACHING 100u
/* Warnings: per-cycle relative variance of the two halves of the run
 * differing by more than this factor; a likelihood ratio above this. */
#define LM_RARE_DRIFT_FACTOR 3.0
#define LM_RARE_LR_WARN 1e3
/* The rare method also runs a plain pilot of equal work (the same one as
 * --method auto's); when that pilot saw failures, its estimate must agree
 * with the rare estimate within this many combined standard errors. */
#define LM_RARE_DISAGREE_SE 4.0

/* Processes that run one estimate together (MPI ranks: mpi/lmsim-mpi.c):
 * every round's batches are cut into @size contiguous blocks, process
 * @rank runs block @rank, and @allgather fills in the others' — so every
 * process holds every batch, makes the same decisions and gets the same
 * bits as one process would.  The library knows nothing of MPI. */
typedef struct {
  int rank;
  int size;
  /* @items: @n items of @item_size bytes; this process filled the block
   * [n·rank/size, n·(rank+1)/size); on return every block is filled. */
  void (*allgather) (void *items, gsize item_size, guint n, gpointer user_data);
  gpointer user_data;
} LmRareRanks;

typedef enum { LM_RARE_METHOD_PLAIN, LM_RARE_METHOD_RARE, LM_RARE_METHOD_AUTO, LM_RARE_METHOD_N } LmRareMethod;
const char *lm_rare_method_name (LmRareMethod m);   /* "plain", "rare", "auto" */

typedef enum {
  LM_RARE_STOP_TARGET,    /* reached the relative half-width asked for */
  LM_RARE_STOP_CYCLES,    /* ran the fixed number of cycles asked for */
  LM_RARE_STOP_CAP,       /* hit the cycle cap first */
  LM_RARE_STOP_TIME,      /* hit the time budget first (machine-dependent) */
  LM_RARE_STOP_N
} LmRareStop;
const char *lm_rare_stop_name (LmRareStop s);   /* "target", "cycles", "cycle-cap", "time-budget" */

typedef struct {
  LmRareMethod method;
  gboolean force_general;    /* the GSMP engine even for exponential repairs */
  guint k;                   /* fewer than k usable connections = failed */
  double bias;               /* p, in [LM_RARE_BIAS_MIN, LM_RARE_BIAS_MAX] */
  double target;             /* relative 95 % half-width of U, in (0, 1) */
  gboolean exact_denominator;
  guint64 seed;
  const char *criterion;     /* names the streams, e.g. "ic1.reachability" */
  guint64 cycles;            /* > 0: run exactly this many numerator cycles
                              * (rounded up to whole batches); no target */
  guint64 max_cycles;        /* 0: LM_RARE_DEFAULT_MAX_CYCLES */
  double time_budget_s;      /* > 0: stop at the first checkpoint past it */
  guint jobs;                /* ≥ 1 */
  const LmRareRanks *ranks;  /* several processes share each round (MPI), or NULL */
} LmRareOptions;

/* Defaults: rare, k = 1, bias 0.5, target 1 %, simulated denominator, seed
 * 1, criterion "design", one job. */
void lm_rare_options_init (LmRareOptions *o);

typedef struct {
  double value;
  double lo, hi;             /* the 95 % interval; NAN when none is given */
} LmRareValue;

typedef struct {
  LmRareMethod method;       /* what ran: PLAIN or RARE */
  LmRareEngine engine;
  guint k;
  gboolean has_ci;           /* ≥ LM_RARE_MIN_REACHING cycles reached the failed set */
  LmRareValue unavailability, availability, outages_per_year, mean_outage_h;
  double rel_halfwidth;      /* of the unavailability (NAN without an interval) */
  guint64 cycles, cycles_reaching, jumps;      /* numerator (or plain) cycles */
  guint64 den_cycles, den_jumps;               /* denominator cycles (rare, simulated) */
  double relvar_per_cycle;   /* numerator S_Y²/Ȳ² (plain: of D − Uτ over D̄²) */
  double relvar_halves[2];   /* the same over the first and second half of the batches */
  double den_relvar_per_cycle;
  double max_lr;             /* the largest likelihood ratio that weighted a reward */
  LmRareStop stopped;
  gboolean warn_drift;       /* halves differ by more than LM_RARE_DRIFT_FACTOR */
  gboolean warn_lr;          /* max_lr > LM_RARE_LR_WARN */
  gboolean warn_disagree;    /* the plain pilot's U is more than LM_RARE_DISAGREE_SE standard
                              * errors from the rare estimate: its tail was not sampled */
  double plain_check[2];     /* rare: the plain pilot's U and its standard error (NAN when it
                              * saw fewer than 10 failures: no check) */
  gboolean auto_chosen;      /* method AUTO: this method won the pilot */
  double pilot_work_var[2];  /* AUTO: relvar × jumps per cycle, plain and rare; else NAN */
  double wall_s;             /* machine-dependent */
} LmRareResult;

/* Estimates the component availability of @m for @o.  FALSE with
 * LM_RARE_ERROR_INVALID for a bias, target or k out of range. */
gboolean lm_rare_estimate (const LmRareModel *m, const LmRareOptions *o, LmRareResult *out,
                           GError **error);

G_END_DECLS
