/* analysis/replicate.c — replications on a thread pool, merged in batch
 * order (analysis/replicate.h). */
#include "analysis/replicate.h"

#include <math.h>
#include <string.h>
#include "analysis/run.h"
#include "analysis/expect.h"

/* What a batch of replications folded together. */
typedef struct {
  LmReplicaStats *ics;
  guint64 *held;          /* per expectation: replications in which it held */
  guint64 events;
  GError *error;          /* the first replication that could not be built */
} Partial;

struct _LmReplication {
  const LmScenario *sc;
  guint64 n;
  guint jobs;
  guint n_ics;
  guint n_expect;
  gint64 wall_us;
  Partial total;
  Partial *batches;
  guint64 n_batches;
};

static const double percentiles[3] = { 0.50, 0.95, 0.99 };

static void
partial_init (Partial *p, guint n_ics, guint n_expect)
{
  p->ics = g_new0 (LmReplicaStats, n_ics);
  for (guint i = 0; i < n_ics; i++)
    {
      LmReplicaStats *s = &p->ics[i];
      for (int k = 0; k < LM_AVAIL_N; k++)
        lm_moments_init (&s->availability[k]);
      for (int q = 0; q < 3; q++)
        lm_moments_init (&s->latency_s[q]);
      lm_moments_init (&s->loss_ratio);
      lm_moments_init (&s->convergence_s);
      lm_moments_init (&s->never_converged);
      lm_moments_init (&s->failures);
    }
  p->held = g_new0 (guint64, MAX (n_expect, 1));
}

static void
partial_clear (Partial *p)
{
  g_free (p->ics);
  g_free (p->held);
  g_clear_error (&p->error);
}

static void
merge_stats (LmReplicaStats *into, const LmReplicaStats *s)
{
  for (int k = 0; k < LM_AVAIL_N; k++)
    lm_moments_merge (&into->availability[k], &s->availability[k]);
  for (int q = 0; q < 3; q++)
    lm_moments_merge (&into->latency_s[q], &s->latency_s[q]);
  lm_moments_merge (&into->loss_ratio, &s->loss_ratio);
  lm_moments_merge (&into->convergence_s, &s->convergence_s);
  lm_moments_merge (&into->never_converged, &s->never_converged);
  lm_moments_merge (&into->failures, &s->failures);
}

/* One interconnect of one finished replication into @s. */
static void
fold_interconnect (LmRun *run, guint ic, LmReplicaStats *s)
{
  LmMetrics *m = lm_run_metrics (run);
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      double a = lm_metrics_availability (m, ic, k);
      if (!isnan (a))
        lm_moments_add (&s->availability[k], a);
    }
  double loss = lm_run_loss_ratio (run, ic);
  if (!isnan (loss))
    lm_moments_add (&s->loss_ratio, loss);
  for (int q = 0; q < 3; q++)
    {
      double l = lm_run_latency (run, ic, percentiles[q]);
      if (!isnan (l))
        lm_moments_add (&s->latency_s[q], l);
    }
  const char *name = lm_metrics_interconnect (m, ic);
  double worst = -1, never = 0, opened = 0;
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      if (f->interconnect == NULL || strcmp (f->interconnect, name) != 0)
        continue;
      opened++;
      if (f->converge >= 0)
        worst = MAX (worst, LM_TIME_TO_S (f->converge));
      else if (f->lost_bits[0] + f->lost_bits[1] > 0)
        never++;
    }
  if (worst >= 0)
    lm_moments_add (&s->convergence_s, worst);
  lm_moments_add (&s->never_converged, never);
  lm_moments_add (&s->failures, opened);
}

static void
run_one (const LmScenario *sc, guint64 r, Partial *p, guint n_ics)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmRun) run = lm_run_new (sc, r, 0, &error);
  if (run == NULL || !lm_run_execute (run, &error))
    {
      if (p->error == NULL)
        p->error = g_error_new (error->domain, error->code, "replication %" G_GUINT64_FORMAT
                                ": %s", r, error->message);
      return;
    }
  for (guint ic = 0; ic < n_ics; ic++)
    fold_interconnect (run, ic, &p->ics[ic]);
  const GArray *res = lm_run_expectations (run);
  for (guint i = 0; i < res->len; i++)
    p->held[i] += g_array_index (res, LmExpectResult, i).passed;
  p->events += lm_run_events (run);
}

static void
run_batch (gpointer data, gpointer user_data)
{
  LmReplication *rep = user_data;
  guint64 b = GPOINTER_TO_SIZE (data) - 1;
  guint64 end = MIN (rep->n, (b + 1) * LM_REPLICATE_BATCH);
  for (guint64 r = b * LM_REPLICATE_BATCH; r < end; r++)
    run_one (rep->sc, r, &rep->batches[b], rep->n_ics);
}

LmReplication *
lm_replicate (const LmScenario *sc, guint64 n, guint jobs, GError **error)
{
  g_return_val_if_fail (n >= 1 && jobs >= 1, NULL);
  g_autoptr (LmReplication) rep = g_new0 (LmReplication, 1);
  rep->sc = sc;
  rep->n = n;
  rep->jobs = jobs;
  rep->n_ics = sc->interconnects->len;
  rep->n_expect = sc->expectations->len;
  rep->n_batches = (n + LM_REPLICATE_BATCH - 1) / LM_REPLICATE_BATCH;
  rep->batches = g_new0 (Partial, rep->n_batches);
  for (guint64 b = 0; b < rep->n_batches; b++)
    partial_init (&rep->batches[b], rep->n_ics, rep->n_expect);
  partial_init (&rep->total, rep->n_ics, rep->n_expect);
  gint64 t0 = g_get_monotonic_time ();
  if (jobs == 1)
    for (guint64 b = 0; b < rep->n_batches; b++)
      run_batch (GSIZE_TO_POINTER (b + 1), rep);
  else
    {
      GThreadPool *pool = g_thread_pool_new (run_batch, rep, (gint) jobs, TRUE, NULL);
      for (guint64 b = 0; b < rep->n_batches; b++)
        g_thread_pool_push (pool, GSIZE_TO_POINTER (b + 1), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }
  rep->wall_us = g_get_monotonic_time () - t0;
  /* merge in batch order: the same bits for every -j */
  for (guint64 b = 0; b < rep->n_batches; b++)
    {
      Partial *p = &rep->batches[b];
      if (p->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&p->error));
          return NULL;
        }
      for (guint ic = 0; ic < rep->n_ics; ic++)
        merge_stats (&rep->total.ics[ic], &p->ics[ic]);
      for (guint i = 0; i < rep->n_expect; i++)
        rep->total.held[i] += p->held[i];
      rep->total.events += p->events;
      partial_clear (p);
    }
  g_clear_pointer (&rep->batches, g_free);
  return g_steal_pointer (&rep);
}

void
lm_replication_free (LmReplication *rep)
{
  if (rep == NULL)
    return;
  if (rep->batches != NULL)
    for (guint64 b = 0; b < rep->n_batches; b++)
      partial_clear (&rep->batches[b]);
  g_free (rep->batches);
  partial_clear (&rep->total);
  g_free (rep);
}

guint64 lm_replication_n (const LmReplication *rep) { return rep->n; }
guint lm_replication_jobs (const LmReplication *rep) { return rep->jobs; }
double lm_replication_wall_s (const LmReplication *rep) { return rep->wall_us / 1e6; }
guint64 lm_replication_events (const LmReplication *rep) { return rep->total.events; }
const LmScenario *lm_replication_scenario (const LmReplication *rep) { return rep->sc; }
guint lm_replication_n_interconnects (const LmReplication *rep) { return rep->n_ics; }

const char *
lm_replication_interconnect (const LmReplication *rep, guint ic)
{
  return ((LmScInterconnect *) g_ptr_array_index (rep->sc->interconnects, ic))->name;
}

const LmReplicaStats *
lm_replication_stats (const LmReplication *rep, guint ic)
{
  g_return_val_if_fail (ic < rep->n_ics, NULL);
  return &rep->total.ics[ic];
}

/* ------------------------------------------------------------ expectations */

/* The conservative end of @m's 95 % interval: its lower end for a floor
 * (@floor), its upper end for a budget; the mean alone when n < 2. */
static double
conservative (const LmMoments *m, gboolean floor)
{
  double hw = m->n >= 2 ? lm_moments_ci_halfwidth (m, 0.95) : 0;
  return floor ? m->mean - hw : m->mean + hw;
}

static char *
interval_text (const LmMoments *m, gboolean percent)
{
  double lo, hi;
  gboolean ci = lm_moments_ci95 (m, &lo, &hi);
  if (percent)
    {
      g_autofree char *mean = lm_format_percent (m->mean);
      if (!ci)
        return g_strdup_printf ("%s (n = %" G_GUINT64_FORMAT ")", mean, m->n);
      g_autofree char *l = lm_format_percent (lo), *h = lm_format_percent (MIN (hi, 1.0));
      return g_strdup_printf ("%s, 95 %% CI [%s, %s]", mean, l, h);
    }
  char a[LM_TIME_HUMAN_LEN], b[LM_TIME_HUMAN_LEN], c[LM_TIME_HUMAN_LEN];
  lm_time_human ((LmTime) llround (m->mean * 1e9), a);
  if (!ci)
    return g_strdup_printf ("%s (n = %" G_GUINT64_FORMAT ")", a, m->n);
  lm_time_human ((LmTime) llround (MAX (lo, 0) * 1e9), b);
  lm_time_human ((LmTime) llround (hi * 1e9), c);
  return g_strdup_printf ("%s, 95 %% CI [%s, %s]", a, b, c);
}

static LmAvailKind
kind_of (LmScExpectKind k)
{
  switch (k)
    {
    case LM_SC_EXPECT_CAPACITY_AVAILABILITY: return LM_AVAIL_CAPACITY;
    case LM_SC_EXPECT_HALF_CAPACITY_AVAILABILITY: return LM_AVAIL_HALF_CAPACITY;
    case LM_SC_EXPECT_FULL_CAPACITY_AVAILABILITY: return LM_AVAIL_FULL_CAPACITY;
    default: return LM_AVAIL_REACHABILITY;
    }
}

static gboolean
expect_one (const LmReplication *rep, const LmScExpectation *e, guint index, guint ic,
            char **text)
{
  const LmReplicaStats *s = &rep->total.ics[ic];
  switch (e->kind)
    {
    case LM_SC_EXPECT_AVAILABILITY:
    case LM_SC_EXPECT_CAPACITY_AVAILABILITY:
    case LM_SC_EXPECT_HALF_CAPACITY_AVAILABILITY:
    case LM_SC_EXPECT_FULL_CAPACITY_AVAILABILITY:
      {
        const LmMoments *m = &s->availability[kind_of (e->kind)];
        *text = interval_text (m, TRUE);
        return m->n > 0 && conservative (m, TRUE) >= e->fraction;
      }
    case LM_SC_EXPECT_LOSS:
      *text = interval_text (&s->loss_ratio, TRUE);
      return s->loss_ratio.n == 0 || conservative (&s->loss_ratio, FALSE) <= e->fraction;
    case LM_SC_EXPECT_LATENCY:
      {
        const LmMoments *m = &s->latency_s[e->percentile == 50 ? 0 : e->percentile == 95 ? 1 : 2];
        *text = interval_text (m, FALSE);
        return m->n > 0 && conservative (m, FALSE) <= LM_TIME_TO_S (e->time_value);
      }
    case LM_SC_EXPECT_CONVERGENCE:
      if (e->failure == NULL)
        {
          *text = s->convergence_s.n ? interval_text (&s->convergence_s, FALSE)
                                     : g_strdup ("no failure converged");
          if (s->never_converged.max > 0)
            {
              g_autofree char *t = *text;
              *text = g_strdup_printf ("%s; some failures never converged", t);
              return FALSE;
            }
          return s->convergence_s.n == 0
                 || conservative (&s->convergence_s, FALSE) <= LM_TIME_TO_S (e->time_value);
        }
      /* one named failure must meet it in every replication */
      G_GNUC_FALLTHROUGH;
    default:
      *text = g_strdup_printf ("held in %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                               " replications", rep->total.held[index], rep->n);
      return rep->total.held[index] == rep->n;
    }
}

gboolean
lm_replication_expect (const LmReplication *rep, guint index, char **text)
{
  const LmScExpectation *e = g_ptr_array_index (rep->sc->expectations, index);
  gboolean all = TRUE;
  *text = NULL;
  for (guint i = 0; i < e->interconnects->len; i++)
    {
      char *t = NULL;
      gboolean ok = expect_one (rep, e, index, GPOINTER_TO_UINT (e->interconnects->pdata[i]), &t);
      if (*text == NULL || (!ok && all))
        {
          g_free (*text);
          *text = t;
        }
      else
        g_free (t);
      all = all && ok;
    }
  if (*text == NULL)
    *text = g_strdup ("no interconnect");
  return all;
}

gboolean
lm_replication_all_passed (const LmReplication *rep)
{
  for (guint i = 0; i < rep->n_expect; i++)
    {
      g_autofree char *t = NULL;
      if (!lm_replication_expect (rep, i, &t))
        return FALSE;
    }
  return TRUE;
}
