/* analysis/rare-run.c — batches, threads, stopping and the estimators of the
 * rare-event method (analysis/rare-run.h). */
#include "analysis/rare-run.h"

#include <math.h>
#include "analysis/stats.h"
#include "sim/rng.h"

#define Z95 1.959963984540054
/* Pilot: batches of each role before the first decision (10 % or less of a
 * ±1 % run on the default data). */
#define PILOT_BATCHES 4u
/* Auto: a pilot whose method saw fewer failures than this cannot estimate
 * its variance (a plain pilot of a rare event sees none). */
#define AUTO_MIN_REACHING 10u

typedef enum { ROLE_NUM, ROLE_DEN, ROLE_PLAIN, ROLE_N } Role;
static const char *const role_names[ROLE_N] = { "num", "den", "plain" };
static const LmRareRole cycle_roles[ROLE_N] = {
  LM_RARE_CYCLE_BIASED, LM_RARE_CYCLE_UNBIASED, LM_RARE_CYCLE_PLAIN,
};

/* One batch's sums: mergeable, deterministic in merge order. */
typedef struct {
  LmRatio yz;        /* num: (Y, Z); plain: (D, O) */
  LmRatio yt, zt;    /* plain: (D, τ), (O, τ) */
  LmMoments tau;     /* den */
  guint64 cycles, reaching, jumps;
  double max_lr;
} Batch;

typedef struct {
  const LmRareModel *m;
  const LmRareOptions *o;
  LmRareEngine engine;
  GArray *batches[ROLE_N];     /* Batch, in batch order */
  guint done[ROLE_N];
  char *stream[ROLE_N];        /* "rare/CRITERION/ROLE" */
  gint64 t0;
} Run;

typedef struct {
  Run *run;
  Role role;
  guint index;
} Job;

static void
batch_init (Batch *b)
{
  *b = (Batch) { 0 };
  lm_ratio_init (&b->yz);
  lm_ratio_init (&b->yt);
  lm_ratio_init (&b->zt);
  lm_moments_init (&b->tau);
}

static void
batch_merge (Batch *into, const Batch *b)
{
  lm_ratio_merge (&into->yz, &b->yz);
  lm_ratio_merge (&into->yt, &b->yt);
  lm_ratio_merge (&into->zt, &b->zt);
  lm_moments_merge (&into->tau, &b->tau);
  into->cycles += b->cycles;
  into->reaching += b->reaching;
  into->jumps += b->jumps;
  into->max_lr = MAX (into->max_lr, b->max_lr);
}

static void
run_batch (Run *r, Role role, guint index)
{
  Batch *b = &g_array_index (r->batches[role], Batch, index);
  batch_init (b);
  g_autoptr (gsl_rng) rng = lm_rng_new (r->o->seed, index, r->stream[role]);
  for (guint i = 0; i < LM_RARE_BATCH; i++)
    {
      LmRareCycle c = { 0 };
      lm_rare_cycle (r->m, r->engine, cycle_roles[role], r->o->k, r->o->bias, rng, &c);
      b->cycles++;
      b->jumps += c.jumps;
      b->reaching += c.reached;
      b->max_lr = MAX (b->max_lr, c.max_lr);
      if (role == ROLE_DEN)
        lm_moments_add (&b->tau, c.tau);
      else
        lm_ratio_add (&b->yz, c.y, c.z);
      if (role == ROLE_PLAIN)
        {
          lm_ratio_add (&b->yt, c.y, c.tau);
          lm_ratio_add (&b->zt, c.z, c.tau);
        }
    }
}

static void
job_fn (gpointer data, gpointer user_data)
{
  Job *j = data;
  run_batch (j->run, j->role, j->index);
}

/* Runs jobs [from, to) on the thread pool (or inline). */
static void
run_jobs (Run *r, GArray *jobs, guint from, guint to)
{
  if (r->o->jobs <= 1 || to - from <= 1)
    {
      for (guint i = from; i < to; i++)
        job_fn (&g_array_index (jobs, Job, i), NULL);
      return;
    }
  GThreadPool *pool = g_thread_pool_new (job_fn, NULL, (gint) MIN (r->o->jobs, to - from),
                                         TRUE, NULL);
  for (guint i = from; i < to; i++)
    g_thread_pool_push (pool, &g_array_index (jobs, Job, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}

/* With several processes (LmRareRanks): this one runs its block of the
 * round's jobs, and the batches of all blocks are exchanged. */
static void
run_shared (Run *r, GArray *jobs)
{
  const LmRareRanks *k = r->o->ranks;
  guint n = jobs->len;
  guint from = (guint) ((guint64) n * (guint) k->rank / (guint) k->size);
  guint to = (guint) ((guint64) n * (guint) (k->rank + 1) / (guint) k->size);
  run_jobs (r, jobs, from, to);
  g_autofree Batch *all = g_new0 (Batch, MAX (n, 1));
  for (guint i = from; i < to; i++)
    {
      const Job *j = &g_array_index (jobs, Job, i);
      all[i] = g_array_index (r->batches[j->role], Batch, j->index);
    }
  k->allgather (all, sizeof (Batch), n, k->user_data);
  for (guint i = 0; i < n; i++)
    {
      const Job *j = &g_array_index (jobs, Job, i);
      g_array_index (r->batches[j->role], Batch, j->index) = all[i];
    }
}

/* Runs every batch below @want[role] not yet done; returns once all are. */
static void
run_round (Run *r, const guint want[ROLE_N])
{
  g_autoptr (GArray) jobs = g_array_new (FALSE, FALSE, sizeof (Job));
  for (Role role = 0; role < ROLE_N; role++)
    {
      if (want[role] <= r->done[role])
        continue;
      g_array_set_size (r->batches[role], want[role]);
      for (guint b = r->done[role]; b < want[role]; b++)
        g_array_append_val (jobs, ((Job) { r, role, b }));
      r->done[role] = want[role];
    }
  if (r->o->ranks != NULL && r->o->ranks->size > 1)
    run_shared (r, jobs);
  else
    run_jobs (r, jobs, 0, jobs->len);
}

/* Batches [from, to) of @role merged in order. */
static Batch
sum_batches (const Run *r, Role role, guint from, guint to)
{
  Batch t;
  batch_init (&t);
  for (guint b = from; b < to; b++)
    batch_merge (&t, &g_array_index (r->batches[role], Batch, b));
  return t;
}

/* ------------------------------------------------------------ estimators */

static double
var_of (double m2, guint64 n)
{
  return n < 2 ? NAN : MAX (m2, 0.0) / (double) (n - 1);
}

/* Per-cycle relative variance of the numerator of @b. */
static double
relvar_num (const Batch *b, Role role)
{
  if (role == ROLE_NUM)
    return var_of (b->yz.m2_y, b->yz.n) / (b->yz.mean_y * b->yz.mean_y);
  const LmRatio *q = &b->yt;   /* plain: Var(D − Uτ) / D̄² */
  double R = q->mean_y / q->mean_x;
  double ss = q->m2_y - 2 * R * q->c_xy + R * R * q->m2_x;
  return var_of (ss, q->n) / (q->mean_y * q->mean_y);
}

/* The standard error behind an interval (0 without one). */
static double
se_of (const LmRareValue *v)
{
  return isnan (v->lo) ? 0.0 : (v->hi - v->lo) / (2 * Z95);
}

static LmRareValue
value (double v, double relvar, gboolean ci)
{
  double hw = Z95 * fabs (v) * sqrt (relvar);
  if (!ci || !isfinite (hw))
    return (LmRareValue) { v, NAN, NAN };
  return (LmRareValue) { v, v - hw, v + hw };
}

static void
fill_common (LmRareResult *out, const Batch *t, double relvar_u)
{
  out->cycles = t->cycles;
  out->cycles_reaching = t->reaching;
  out->jumps = t->jumps;
  out->max_lr = t->max_lr;
  out->has_ci = t->reaching >= LM_RARE_MIN_REACHING && t->cycles >= 2;
  out->rel_halfwidth = out->has_ci ? Z95 * sqrt (relvar_u) : NAN;
  const LmRareValue *u = &out->unavailability;
  out->availability = (LmRareValue) { 1 - u->value, 1 - u->hi, 1 - u->lo };
  out->warn_lr = out->max_lr > LM_RARE_LR_WARN;
}

static void
evaluate_rare (const Run *r, LmRareResult *out)
{
  Batch t = sum_batches (r, ROLE_NUM, 0, r->done[ROLE_NUM]);
  Batch d = sum_batches (r, ROLE_DEN, 0, r->done[ROLE_DEN]);
  double n1 = (double) t.cycles, ybar = t.yz.mean_y, zbar = t.yz.mean_x;
  double rv_y = var_of (t.yz.m2_y, t.yz.n) / (ybar * ybar);
  double rv_z = var_of (t.yz.m2_x, t.yz.n) / (zbar * zbar);
  double cov = var_of (t.yz.c_xy, t.yz.n) / (ybar * zbar);
  double tau = r->o->exact_denominator ? lm_rare_model_exact_cycle_h (r->m) : d.tau.mean;
  double rv_tau = r->o->exact_denominator ? 0.0 : lm_moments_variance (&d.tau) / (tau * tau);
  double den = r->o->exact_denominator ? 0.0 : rv_tau / (double) d.tau.n;
  gboolean ci = t.reaching >= LM_RARE_MIN_REACHING;
  out->unavailability = value (ybar / tau, rv_y / n1 + den, ci);
  out->outages_per_year = value (LM_AVAIL_YEAR_H * zbar / tau, rv_z / n1 + den, ci);
  out->mean_outage_h = value (ybar / zbar, (rv_y + rv_z - 2 * cov) / n1, ci);
  out->den_cycles = d.cycles;
  out->den_jumps = d.jumps;
  out->den_relvar_per_cycle = r->o->exact_denominator ? 0.0 : rv_tau;
  out->relvar_per_cycle = rv_y;
  fill_common (out, &t, rv_y / n1 + den);
}

static LmRareValue
ratio_value (const LmRatio *q, double scale, gboolean ci)
{
  double v = lm_ratio_estimate (q), se = lm_ratio_se (q);
  return value (scale * v, (se / v) * (se / v), ci);
}

static void
evaluate_plain (const Run *r, LmRareResult *out)
{
  Batch t = sum_batches (r, ROLE_PLAIN, 0, r->done[ROLE_PLAIN]);
  gboolean ci = t.reaching >= LM_RARE_MIN_REACHING;
  out->unavailability = ratio_value (&t.yt, 1.0, ci);
  out->outages_per_year = ratio_value (&t.zt, LM_AVAIL_YEAR_H, ci);
  out->mean_outage_h = ratio_value (&t.yz, 1.0, ci);
  out->den_cycles = out->den_jumps = 0;
  out->den_relvar_per_cycle = NAN;
  out->relvar_per_cycle = relvar_num (&t, ROLE_PLAIN);
  double se = lm_ratio_se (&t.yt), u = lm_ratio_estimate (&t.yt);
  fill_common (out, &t, (se / u) * (se / u));
}

/* The halves of the run and the warnings. */
static void
evaluate_drift (const Run *r, Role role, LmRareResult *out)
{
  guint n = r->done[role];
  Batch a = sum_batches (r, role, 0, n / 2), b = sum_batches (r, role, n / 2, n);
  out->relvar_halves[0] = n >= 2 ? relvar_num (&a, role) : NAN;
  out->relvar_halves[1] = n >= 2 ? relvar_num (&b, role) : NAN;
  double lo = MIN (out->relvar_halves[0], out->relvar_halves[1]);
  double hi = MAX (out->relvar_halves[0], out->relvar_halves[1]);
  out->warn_drift = isfinite (lo) && isfinite (hi) && lo > 0 && hi > LM_RARE_DRIFT_FACTOR * lo;
}

static void
evaluate (const Run *r, LmRareMethod method, LmRareResult *out)
{
  out->method = method;
  out->engine = r->engine;
  out->k = r->o->k;
  if (method == LM_RARE_METHOD_RARE)
    evaluate_rare (r, out);
  else
    evaluate_plain (r, out);
  evaluate_drift (r, method == LM_RARE_METHOD_RARE ? ROLE_NUM : ROLE_PLAIN, out);
  out->wall_s = (double) (g_get_monotonic_time () - r->t0) / 1e6;
}

/* ------------------------------------------------------------ stopping */

static guint
batches_for (double cycles)
{
  double b = ceil (cycles / LM_RARE_BATCH);
  return b >= G_MAXUINT / 2 ? G_MAXUINT / 2 : (guint) MAX (b, 1.0);
}

/* Numerator and denominator cost per cycle, in jumps. */
static double
per_cycle (guint64 jumps, guint64 cycles)
{
  return cycles == 0 ? 1.0 : MAX ((double) jumps / (double) cycles, 1.0);
}

/* Whether to stop after this checkpoint; otherwise sets @want. */
static gboolean
decide (const Run *r, LmRareMethod method, LmRareResult *out, guint want[ROLE_N])
{
  const LmRareOptions *o = r->o;
  Role num = method == LM_RARE_METHOD_RARE ? ROLE_NUM : ROLE_PLAIN;
  guint n = r->done[num];
  guint fixed = o->cycles > 0 ? batches_for ((double) o->cycles) : 0;
  guint cap = batches_for ((double) (o->max_cycles > 0 ? o->max_cycles
                                     : LM_RARE_DEFAULT_MAX_CYCLES));
  if (fixed > 0 && n >= fixed)
    return out->stopped = LM_RARE_STOP_CYCLES, TRUE;
  if (fixed == 0 && out->has_ci && out->rel_halfwidth <= o->target)
    return out->stopped = LM_RARE_STOP_TARGET, TRUE;
  if (fixed == 0 && n >= cap)
    return out->stopped = LM_RARE_STOP_CAP, TRUE;
  if (o->time_budget_s > 0 && out->wall_s >= o->time_budget_s)
    return out->stopped = LM_RARE_STOP_TIME, TRUE;
  double rv1 = out->relvar_per_cycle, c1 = per_cycle (out->jumps, out->cycles);
  double rv2 = method == LM_RARE_METHOD_RARE ? out->den_relvar_per_cycle : 0.0;
  double c2 = per_cycle (out->den_jumps, out->den_cycles);
  gboolean known = out->has_ci && isfinite (rv1) && rv1 > 0 && isfinite (rv2);
  double n1 = (double) n * LM_RARE_BATCH, next = 2 * n1;
  if (known)
    {
      double need = Z95 * Z95 / (o->target * o->target) * (rv1 + sqrt (rv1 * rv2 * c2 / c1));
      next = CLAMP (1.05 * need, n1 + 1, 2 * n1);
    }
  want[num] = fixed > 0 ? fixed : MIN (batches_for (next), cap);
  if (method == LM_RARE_METHOD_RARE && !o->exact_denominator)
    {
      double a = known ? sqrt (rv2 * c2 / (rv1 * c1)) : 0.0;
      want[ROLE_DEN] = MAX (r->done[ROLE_DEN], batches_for (a * want[num] * LM_RARE_BATCH));
    }
  return FALSE;
}

static void
run_method (Run *r, LmRareMethod method, LmRareResult *out)
{
  gboolean rare = method == LM_RARE_METHOD_RARE;
  guint pilot = PILOT_BATCHES;
  if (r->o->cycles > 0)
    pilot = MIN (pilot, batches_for ((double) r->o->cycles));
  guint want[ROLE_N] = { 0, 0, 0 };
  want[rare ? ROLE_NUM : ROLE_PLAIN] = pilot;
  if (rare && !r->o->exact_denominator)
    want[ROLE_DEN] = PILOT_BATCHES;
  for (;;)
    {
      run_round (r, want);
      evaluate (r, method, out);
      if (decide (r, method, out, want))
        return;
    }
}

/* ------------------------------------------------------------ auto */

/* Work-normalised variance of the U estimator, relvar × jumps per cycle
 * (of numerator and denominator at their best split); ∞ when the pilot saw
 * too few failures to tell. */
static double
work_var (const LmRareResult *p, LmRareMethod method)
{
  if (p->cycles_reaching < AUTO_MIN_REACHING || !isfinite (p->relvar_per_cycle))
    return INFINITY;
  double w = sqrt (p->relvar_per_cycle * per_cycle (p->jumps, p->cycles));
  if (method == LM_RARE_METHOD_RARE && isfinite (p->den_relvar_per_cycle))
    w += sqrt (p->den_relvar_per_cycle * per_cycle (p->den_jumps, p->den_cycles));
  return w * w;
}

/* The plain pilot: as many plain cycles as the rare pilot's (its first
 * PILOT_BATCHES of each side) jumps, in whole batches. */
static void
plain_pilot (Run *r)
{
  guint n = MIN (r->done[ROLE_NUM], PILOT_BATCHES), d = MIN (r->done[ROLE_DEN], PILOT_BATCHES);
  Batch a = sum_batches (r, ROLE_NUM, 0, n), b = sum_batches (r, ROLE_DEN, 0, d);
  double jumps = (double) (a.jumps + b.jumps);
  guint want[ROLE_N] = { r->done[ROLE_NUM], r->done[ROLE_DEN], 1 };
  run_round (r, want);
  Batch p = sum_batches (r, ROLE_PLAIN, 0, 1);
  want[ROLE_PLAIN] = batches_for (jumps / per_cycle (p.jumps, p.cycles));
  run_round (r, want);
}

/* Pilots of both methods with equal work (jumps); the one with the smaller
 * work-normalised variance wins. */
static LmRareMethod
choose (Run *r, double work[2])
{
  LmRareResult p = { 0 };
  guint want[ROLE_N] = { PILOT_BATCHES, r->o->exact_denominator ? 0 : PILOT_BATCHES, 0 };
  run_round (r, want);
  evaluate (r, LM_RARE_METHOD_RARE, &p);
  work[1] = work_var (&p, LM_RARE_METHOD_RARE);
  plain_pilot (r);
  evaluate (r, LM_RARE_METHOD_PLAIN, &p);
  work[0] = work_var (&p, LM_RARE_METHOD_PLAIN);
  return work[0] < work[1] ? LM_RARE_METHOD_PLAIN : LM_RARE_METHOD_RARE;
}

/* A rare estimate against the plain pilot: importance sampling's typical
 * failure is a tail not sampled yet, and then its interval misses while
 * looking tight; a plain pilot that saw failures exposes it. */
static void
cross_check (Run *r, LmRareResult *out)
{
  if (r->done[ROLE_PLAIN] == 0)
    plain_pilot (r);
  Batch p = sum_batches (r, ROLE_PLAIN, 0, r->done[ROLE_PLAIN]);
  out->plain_check[0] = out->plain_check[1] = NAN;
  if (p.reaching < AUTO_MIN_REACHING)
    return;
  out->plain_check[0] = lm_ratio_estimate (&p.yt);
  out->plain_check[1] = lm_ratio_se (&p.yt);
  double se = hypot (out->plain_check[1], se_of (&out->unavailability));
  out->warn_disagree = fabs (out->unavailability.value - out->plain_check[0])
                       > LM_RARE_DISAGREE_SE * se;
}

/* ------------------------------------------------------------ entry */

void
lm_rare_options_init (LmRareOptions *o)
{
  g_return_if_fail (o != NULL);
  *o = (LmRareOptions) {
    .method = LM_RARE_METHOD_RARE, .k = 1, .bias = LM_RARE_BIAS_DEFAULT, .target = 0.01,
    .seed = 1, .criterion = "design", .jobs = 1,
  };
}

static gboolean
check_options (const LmRareModel *m, const LmRareOptions *o, GError **error)
{
  if (!(o->bias >= LM_RARE_BIAS_MIN && o->bias <= LM_RARE_BIAS_MAX))
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID,
                        "bias %g is outside [%g, %g] (above ~0.85 the estimator's variance "
                        "can be infinite)", o->bias, LM_RARE_BIAS_MIN, LM_RARE_BIAS_MAX), FALSE;
  if (!(o->target > 0 && o->target < 1))
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID,
                        "target %g is not a relative half-width in (0, 1)", o->target), FALSE;
  guint conn = lm_rare_model_n_connections (m);
  if (o->k < 1 || o->k > conn)
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID,
                        "k = %u is outside 1 … %u usable connections", o->k, conn), FALSE;
  if (lm_rare_model_n_components (m) == 0)
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID,
                        "the model has no component that fails"), FALSE;
  return TRUE;
}

gboolean
lm_rare_estimate (const LmRareModel *m, const LmRareOptions *o, LmRareResult *out,
                  GError **error)
{
  g_return_val_if_fail (m != NULL && o != NULL && out != NULL && o->method < LM_RARE_METHOD_N,
                        FALSE);
  if (!check_options (m, o, error))
    return FALSE;
  lm_rng_init_gsl ();
  Run r = { .m = m, .o = o, .t0 = g_get_monotonic_time () };
  r.engine = lm_rare_model_exponential (m) && !o->force_general ? LM_RARE_ENGINE_CTMC
                                                                 : LM_RARE_ENGINE_GSMP;
  for (Role role = 0; role < ROLE_N; role++)
    {
      r.batches[role] = g_array_new (FALSE, TRUE, sizeof (Batch));
      r.stream[role] = g_strdup_printf ("rare/%s/%s", o->criterion, role_names[role]);
    }
  *out = (LmRareResult) { .pilot_work_var = { NAN, NAN } };
  LmRareMethod method = o->method;
  double work[2] = { NAN, NAN };
  if (method == LM_RARE_METHOD_AUTO)
    method = choose (&r, work);
  run_method (&r, method, out);
  out->plain_check[0] = out->plain_check[1] = NAN;
  if (method == LM_RARE_METHOD_RARE)
    cross_check (&r, out);
  out->auto_chosen = o->method == LM_RARE_METHOD_AUTO;
  out->pilot_work_var[0] = work[0];
  out->pilot_work_var[1] = work[1];
  for (Role role = 0; role < ROLE_N; role++)
    {
      g_array_unref (r.batches[role]);
      g_free (r.stream[role]);
    }
  return TRUE;
}

const char *
lm_rare_method_name (LmRareMethod m)
{
  static const char *const names[] = {
    [LM_RARE_METHOD_PLAIN] = "plain", [LM_RARE_METHOD_RARE] = "rare", [LM_RARE_METHOD_AUTO] = "auto",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LM_RARE_METHOD_N);
  g_return_val_if_fail (m < LM_RARE_METHOD_N, "?");
  return names[m];
}

const char *
lm_rare_stop_name (LmRareStop s)
{
  static const char *const names[] = {
    [LM_RARE_STOP_TARGET] = "target", [LM_RARE_STOP_CYCLES] = "cycles",
    [LM_RARE_STOP_CAP] = "cycle-cap", [LM_RARE_STOP_TIME] = "time-budget",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LM_RARE_STOP_N);
  g_return_val_if_fail (s < LM_RARE_STOP_N, "?");
  return names[s];
}
