/* analysis/replicate.c — replications on a thread pool, merged in batch
 * order (analysis/replicate.h). */
#include "analysis/replicate.h"
#include "analysis/replicate-private.h"
#include "analysis/csv.h"

#include <math.h>
#include <string.h>
#include "analysis/run.h"
#include "analysis/expect.h"
#include "analysis/ctmc.h"

static const double percentiles[3] = { 0.50, 0.95, 0.99 };

static void
stats_init (LmReplicaStats *s)
{
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      lm_moments_init (&s->availability[k]);
      lm_moments_init (&s->outages_per_year[k]);
      lm_ratio_init (&s->outage_s[k]);
      lm_months_init (&s->months[k]);
      for (int t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
        lm_moments_init (&s->month_below[k][t]);
    }
  for (int q = 0; q < 3; q++)
    lm_moments_init (&s->latency_s[q]);
  lm_moments_init (&s->loss_ratio);
  lm_moments_init (&s->convergence_s);
  lm_moments_init (&s->never_converged);
  lm_moments_init (&s->failures);
  lm_histogram_init (&s->detect_s);
  lm_histogram_init (&s->converge_s);
  lm_histogram_init (&s->restored_s);
}

void
lm_partial_init (LmReplicaPartial *p, const LmReplication *rep, gboolean rows)
{
  p->ics = g_new0 (LmReplicaStats, rep->n_ics);
  for (guint i = 0; i < rep->n_ics; i++)
    stats_init (&p->ics[i]);
  p->scripted = g_new0 (LmScriptedStats, MAX (rep->n_scripted, 1));
  for (guint i = 0; i < rep->n_scripted; i++)
    {
      lm_moments_init (&p->scripted[i].detect_s);
      lm_moments_init (&p->scripted[i].converge_s);
      lm_moments_init (&p->scripted[i].restored_s);
      lm_moments_init (&p->scripted[i].lost_bits);
    }
  p->held = g_new0 (guint64, MAX (rep->n_expect, 1));
  p->rows = rows ? g_string_new (NULL) : NULL;
  p->events = 0;
  p->error = NULL;
}

void
lm_partial_clear (LmReplicaPartial *p, const LmReplication *rep)
{
  g_clear_pointer (&p->scripted, g_free);
  for (guint i = 0; p->ics != NULL && i < rep->n_ics; i++)
    {
      lm_histogram_clear (&p->ics[i].detect_s);
      lm_histogram_clear (&p->ics[i].converge_s);
      lm_histogram_clear (&p->ics[i].restored_s);
    }
  g_clear_pointer (&p->ics, g_free);
  g_clear_pointer (&p->held, g_free);
  if (p->rows != NULL)
    g_string_free (g_steal_pointer (&p->rows), TRUE);
  g_clear_error (&p->error);
}

static void
merge_stats (LmReplicaStats *into, const LmReplicaStats *s)
{
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      lm_moments_merge (&into->availability[k], &s->availability[k]);
      lm_moments_merge (&into->outages_per_year[k], &s->outages_per_year[k]);
      lm_ratio_merge (&into->outage_s[k], &s->outage_s[k]);
      lm_months_merge (&into->months[k], &s->months[k]);
      for (int t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
        lm_moments_merge (&into->month_below[k][t], &s->month_below[k][t]);
    }
  for (int q = 0; q < 3; q++)
    lm_moments_merge (&into->latency_s[q], &s->latency_s[q]);
  lm_moments_merge (&into->loss_ratio, &s->loss_ratio);
  lm_moments_merge (&into->convergence_s, &s->convergence_s);
  lm_moments_merge (&into->never_converged, &s->never_converged);
  lm_moments_merge (&into->failures, &s->failures);
  lm_histogram_merge (&into->detect_s, &s->detect_s);
  lm_histogram_merge (&into->converge_s, &s->converge_s);
  lm_histogram_merge (&into->restored_s, &s->restored_s);
}

/* Availability, outages and months of one interconnect of one run. */
static void
fold_availability (LmMetrics *m, guint ic, LmReplicaStats *s)
{
  double span_s = LM_TIME_TO_S (lm_metrics_span (m, ic));
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      double a = lm_metrics_availability (m, ic, k);
      if (isnan (a))
        continue;
      lm_moments_add (&s->availability[k], a);
      double outages = (double) lm_metrics_outages (m, ic, k);
      lm_moments_add (&s->outages_per_year[k], outages * (LM_AVAIL_YEAR_H * 3600.0) / span_s);
      lm_ratio_add (&s->outage_s[k], LM_TIME_TO_S (lm_metrics_down_time (m, ic, k)), outages);
      const LmMonths *months = lm_metrics_months (m, ic, k);
      lm_months_merge (&s->months[k], months);
      for (int t = 0; months->months > 0 && t < LM_MONTHS_N_THRESHOLDS; t++)
        lm_moments_add (&s->month_below[k][t], lm_months_fraction_below (months, t));
    }
}

/* Failures of one interconnect of one run: per-failure distributions and
 * the replication's worst convergence. */
static void
fold_failures (LmMetrics *m, guint ic, LmReplicaStats *s)
{
  const char *name = lm_metrics_interconnect (m, ic);
  double worst = -1, never = 0, opened = 0;
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      if (f->interconnect == NULL || strcmp (f->interconnect, name) != 0)
        continue;
      opened++;
      if (f->detect >= 0)
        lm_histogram_add (&s->detect_s, LM_TIME_TO_S (f->detect));
      if (f->restored >= 0)
        lm_histogram_add (&s->restored_s, LM_TIME_TO_S (f->restored));
      if (f->converge >= 0)
        lm_histogram_add (&s->converge_s, LM_TIME_TO_S (f->converge));
      gboolean by_repair;
      double v = lm_metrics_failure_restore_s (m, f, &by_repair);
      if (!isnan (v))
        worst = MAX (worst, v);
      never += by_repair;
    }
  if (worst >= 0)
    lm_moments_add (&s->convergence_s, worst);
  lm_moments_add (&s->never_converged, never);
  lm_moments_add (&s->failures, opened);
}

/* One interconnect of one finished replication into @s. */
static void
fold_interconnect (LmRun *run, guint ic, LmReplicaStats *s)
{
  LmMetrics *m = lm_run_metrics (run);
  fold_availability (m, ic, s);
  double loss = lm_run_loss_ratio (run, ic);
  if (!isnan (loss))
    lm_moments_add (&s->loss_ratio, loss);
  for (int q = 0; q < 3; q++)
    {
      double l = lm_run_latency (run, ic, percentiles[q]);
      if (!isnan (l))
        lm_moments_add (&s->latency_s[q], l);
    }
  fold_failures (m, ic, s);
}

/* The scripted failures of one run, by id. */
static void
fold_scripted (const LmScenario *sc, LmMetrics *m, LmScriptedStats *s)
{
  for (guint i = 0; i < sc->failures->len; i++)
    {
      const LmScFailure *f = sc->failures->pdata[i];
      const LmFailureMetrics *fm = lm_metrics_find_failure (m, f->id);
      if (fm == NULL)
        continue;
      if (fm->detect >= 0)
        lm_moments_add (&s[i].detect_s, LM_TIME_TO_S (fm->detect));
      if (fm->converge >= 0)
        lm_moments_add (&s[i].converge_s, LM_TIME_TO_S (fm->converge));
      if (fm->restored >= 0)
        lm_moments_add (&s[i].restored_s, LM_TIME_TO_S (fm->restored));
      lm_moments_add (&s[i].lost_bits, fm->lost_bits[0] + fm->lost_bits[1]);
    }
}

/* ------------------------------------------------------------ CSV rows */

const char *
lm_replication_csv_header (void)
{
  return "replication,interconnect,"
         "reachability,capacity,half_capacity,full_capacity,"
         "component_reachability,component_half_capacity,component_full_capacity,"
         "span_s,down_s,outages,failures,worst_converge_s,loss_ratio,"
         "latency_p50_s,latency_p95_s,latency_p99_s\n";
}

static void
csv_row (GString *out, guint64 r, LmRun *run, guint ic)
{
  LmMetrics *m = lm_run_metrics (run);
  const char *name = lm_metrics_interconnect (m, ic);
  g_string_append_printf (out, "%" G_GUINT64_FORMAT ",%s", r, name);
  for (int k = 0; k < LM_AVAIL_N; k++)
    lm_csv_number (out, lm_metrics_availability (m, ic, k));
  lm_csv_number (out, LM_TIME_TO_S (lm_metrics_span (m, ic)));
  lm_csv_number (out, LM_TIME_TO_S (lm_metrics_down_time (m, ic, LM_AVAIL_REACHABILITY)));
  g_string_append_printf (out, ",%" G_GUINT64_FORMAT, lm_metrics_outages (m, ic, LM_AVAIL_REACHABILITY));
  guint opened = 0;
  double worst = NAN;
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      if (f->interconnect == NULL || strcmp (f->interconnect, name) != 0)
        continue;
      opened++;
      if (f->converge >= 0)
        worst = isnan (worst) ? LM_TIME_TO_S (f->converge) : MAX (worst, LM_TIME_TO_S (f->converge));
    }
  g_string_append_printf (out, ",%u", opened);
  lm_csv_number (out, worst);
  lm_csv_number (out, lm_run_loss_ratio (run, ic));
  for (int q = 0; q < 3; q++)
    lm_csv_number (out, lm_run_latency (run, ic, percentiles[q]));
  g_string_append_c (out, '\n');
}

/* ------------------------------------------------------------ the runner */

static void
run_one (const LmScenario *sc, guint64 r, LmReplicaPartial *p, guint n_ics)
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
    {
      fold_interconnect (run, ic, &p->ics[ic]);
      if (p->rows != NULL)
        csv_row (p->rows, r, run, ic);
    }
  fold_scripted (sc, lm_run_metrics (run), p->scripted);
  const GArray *res = lm_run_expectations (run);
  for (guint i = 0; i < res->len; i++)
    p->held[i] += g_array_index (res, LmExpectResult, i).passed;
  p->events += lm_run_events (run);
}

/* @into ⊕= @p (statistics, expectation counts, events). */
void
lm_partial_fold (const LmReplication *rep, LmReplicaPartial *into, const LmReplicaPartial *p)
{
  for (guint ic = 0; ic < rep->n_ics; ic++)
    merge_stats (&into->ics[ic], &p->ics[ic]);
  for (guint i = 0; i < rep->n_expect; i++)
    into->held[i] += p->held[i];
  for (guint i = 0; i < rep->n_scripted; i++)
    {
      lm_moments_merge (&into->scripted[i].detect_s, &p->scripted[i].detect_s);
      lm_moments_merge (&into->scripted[i].converge_s, &p->scripted[i].converge_s);
      lm_moments_merge (&into->scripted[i].restored_s, &p->scripted[i].restored_s);
      lm_moments_merge (&into->scripted[i].lost_bits, &p->scripted[i].lost_bits);
    }
  into->events += p->events;
}

guint64
lm_replicate_n_chunks (guint64 n)
{
  guint64 batches = (n + LM_REPLICATE_BATCH - 1) / LM_REPLICATE_BATCH;
  guint64 per = lm_replicate_chunk_batches (n);
  return (batches + per - 1) / per;
}

guint64
lm_replicate_chunk_batches (guint64 n)
{
  guint64 batches = (n + LM_REPLICATE_BATCH - 1) / LM_REPLICATE_BATCH;
  return MAX (LM_REPLICATE_MIN_CHUNK, (batches + LM_REPLICATE_MAX_CHUNKS - 1) / LM_REPLICATE_MAX_CHUNKS);
}

/* The chunk being folded is complete: into the total, and kept for a slice. */
static void
close_chunk (LmReplication *rep)
{
  lm_partial_fold (rep, &rep->total, &rep->chunk);
  if (rep->kept != NULL)
    {
      LmReplicaPartial *copy = g_new0 (LmReplicaPartial, 1);
      *copy = rep->chunk;
      g_ptr_array_add (rep->kept, copy);
    }
  else
    lm_partial_clear (&rep->chunk, rep);
  lm_partial_init (&rep->chunk, rep, FALSE);
}

/* Merges every finished batch whose predecessors are merged; under lock. */
static void
merge_ready (LmReplication *rep)
{
  LmReplicaPartial *p;
  while (rep->next_merge < rep->end_batch
         && (p = rep->window[rep->next_merge % LM_REPLICATE_WINDOW]) != NULL)
    {
      rep->window[rep->next_merge % LM_REPLICATE_WINDOW] = NULL;
      rep->next_merge++;
      if (p->error != NULL && rep->error == NULL)
        rep->error = g_steal_pointer (&p->error);
      if (rep->error == NULL)
        {
          lm_partial_fold (rep, &rep->chunk, p);
          if (rep->next_merge % rep->chunk_batches == 0 || rep->next_merge == rep->n_batches)
            close_chunk (rep);
          if (rep->opt.rows != NULL)
            rep->opt.rows (p->rows->str, rep->opt.user_data);
          if (rep->opt.progress != NULL)
            rep->opt.progress (MIN (rep->next_merge * LM_REPLICATE_BATCH, rep->n), rep->n,
                               rep->opt.user_data);
        }
      lm_partial_clear (p, rep);
      g_free (p);
    }
  g_cond_broadcast (&rep->cond);
}

/* A worker: takes the next batch (never more than the window ahead of the
 * merge), runs it, hands it to the merge; until none is left or one failed. */
static gpointer
worker (gpointer data)
{
  LmReplication *rep = data;
  g_mutex_lock (&rep->lock);
  for (;;)
    {
      while (rep->error == NULL && rep->next_batch < rep->end_batch
             && rep->next_batch >= rep->next_merge + LM_REPLICATE_WINDOW)
        g_cond_wait (&rep->cond, &rep->lock);
      if (rep->error != NULL || rep->next_batch >= rep->end_batch)
        break;
      guint64 b = rep->next_batch++;
      g_mutex_unlock (&rep->lock);
      LmReplicaPartial *p = g_new0 (LmReplicaPartial, 1);
      lm_partial_init (p, rep, rep->opt.rows != NULL);
      guint64 end = MIN (rep->n, (b + 1) * LM_REPLICATE_BATCH);
      for (guint64 r = b * LM_REPLICATE_BATCH; r < end && p->error == NULL; r++)
        run_one (rep->sc, r, p, rep->n_ics);
      g_mutex_lock (&rep->lock);
      rep->window[b % LM_REPLICATE_WINDOW] = p;
      merge_ready (rep);
    }
  g_mutex_unlock (&rep->lock);
  return NULL;
}

LmReplication *
lm_replication_empty (const LmScenario *sc, guint64 n, guint jobs)
{
  LmReplication *rep = g_new0 (LmReplication, 1);
  rep->sc = sc;
  rep->n = n;
  rep->opt.jobs = jobs;
  rep->n_ics = sc->interconnects->len;
  rep->n_expect = sc->expectations->len;
  rep->n_scripted = sc->failures->len;
  rep->n_batches = (n + LM_REPLICATE_BATCH - 1) / LM_REPLICATE_BATCH;
  lm_partial_init (&rep->total, rep, FALSE);
  lm_partial_init (&rep->chunk, rep, FALSE);
  rep->chunk_batches = lm_replicate_chunk_batches (n);
  g_mutex_init (&rep->lock);
  g_cond_init (&rep->cond);
  return rep;
}

LmReplication *
lm_replicate_with (const LmScenario *sc, guint64 n, const LmReplicateOptions *opt, GError **error)
{
  g_return_val_if_fail (n >= 1 && opt->jobs >= 1, NULL);
  g_autoptr (LmReplication) rep = lm_replication_empty (sc, n, opt->jobs);
  rep->opt = *opt;
  guint64 n_chunks = lm_replicate_n_chunks (n);
  gboolean slice = opt->first_chunk != 0 || opt->end_chunk != 0;
  g_return_val_if_fail (!slice || (opt->first_chunk <= opt->end_chunk && opt->end_chunk <= n_chunks), NULL);
  rep->first_chunk = slice ? opt->first_chunk : 0;
  rep->next_batch = rep->next_merge = rep->first_chunk * rep->chunk_batches;
  rep->end_batch = slice ? MIN (opt->end_chunk * rep->chunk_batches, rep->n_batches) : rep->n_batches;
  if (slice)
    rep->kept = g_ptr_array_new ();
  gint64 t0 = g_get_monotonic_time ();
  guint threads = (guint) MIN ((guint64) opt->jobs, MAX (rep->end_batch - rep->next_batch, 1));
  GThread **pool = g_new0 (GThread *, threads);
  for (guint t = 1; t < threads; t++)
    pool[t] = g_thread_new ("lmsim-replicate", worker, rep);
  worker (rep);   /* the calling thread works too */
  for (guint t = 1; t < threads; t++)
    g_thread_join (pool[t]);
  g_free (pool);
  rep->wall_us = g_get_monotonic_time () - t0;
  /* a failed run leaves batches after it unmerged */
  for (guint i = 0; i < LM_REPLICATE_WINDOW; i++)
    if (rep->window[i] != NULL)
      {
        lm_partial_clear (rep->window[i], rep);
        g_clear_pointer (&rep->window[i], g_free);
      }
  if (rep->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&rep->error));
      return NULL;
    }
  return g_steal_pointer (&rep);
}

LmReplication *
lm_replicate (const LmScenario *sc, guint64 n, guint jobs, GError **error)
{
  LmReplicateOptions opt = { .jobs = jobs };
  return lm_replicate_with (sc, n, &opt, error);
}

void
lm_replication_free (LmReplication *rep)
{
  if (rep == NULL)
    return;
  lm_partial_clear (&rep->total, rep);
  lm_partial_clear (&rep->chunk, rep);
  for (guint i = 0; rep->kept != NULL && i < rep->kept->len; i++)
    {
      lm_partial_clear (rep->kept->pdata[i], rep);
      g_free (rep->kept->pdata[i]);
    }
  g_clear_pointer (&rep->kept, g_ptr_array_unref);
  g_clear_error (&rep->error);
  g_mutex_clear (&rep->lock);
  g_cond_clear (&rep->cond);
  g_free (rep);
}

guint64 lm_replication_n (const LmReplication *rep) { return rep->n; }
guint lm_replication_jobs (const LmReplication *rep) { return rep->opt.jobs; }
double lm_replication_wall_s (const LmReplication *rep) { return rep->wall_us / 1e6; }
guint64 lm_replication_events (const LmReplication *rep) { return rep->total.events; }
const LmScenario *lm_replication_scenario (const LmReplication *rep) { return rep->sc; }
guint lm_replication_n_interconnects (const LmReplication *rep) { return rep->n_ics; }

const char *
lm_replication_interconnect (const LmReplication *rep, guint ic)
{
  return ((LmScInterconnect *) g_ptr_array_index (rep->sc->interconnects, ic))->name;
}

const LmScriptedStats *
lm_replication_scripted (const LmReplication *rep, guint i)
{
  g_return_val_if_fail (i < rep->n_scripted, NULL);
  return &rep->total.scripted[i];
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
                                     : g_strdup ("no failure");
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
