/* analysis/replicate-report.c — what a Monte Carlo run prints, and its JSON.
 *
 * Every figure is a mean over replications with its sample standard
 * deviation and 95 % Student-t interval (analysis/stats.h).  With
 * --analytic, the exact component availability (analysis/ctmc.h) stands
 * beside the Monte Carlo estimate of the same figure, when the scenario's
 * failure data fit the exact model (router pairs and sites, exponential). */
#include "analysis/replicate-report.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include "analysis/report.h"
#include "analysis/ctmc.h"
#include "analysis/expect.h"

static const char *const avail_labels[LM_AVAIL_N] = {
  "reachability", "capacity (no congestion)", "half capacity", "full capacity",
  "components: reachability", "components: half capacity", "components: full capacity",
};

/* The exact model applies when the only random failures are router pairs
 * and sites, with exponential times to failure and to repair, failing and
 * repaired independently (its product form rests on that: `clocks suspend`
 * couples a pair to its site). */
gboolean
lm_replication_exact_design (const LmScenario *sc, guint ic, LmAvailDesign *d, char **why)
{
  const LmScInterconnect *x = g_ptr_array_index (sc->interconnects, ic);
  memset (d, 0, sizeof *d);
  d->sites = x->sites;
  d->pairs_per_site = x->pairs_per_site;
  gboolean have_pair = FALSE, have_site = FALSE;
  for (guint i = 0; i < sc->failure_classes->len; i++)
    {
      const LmScFailureClass *fc = g_ptr_array_index (sc->failure_classes, i);
      LmClassRates *r = fc->klass == LM_SC_CLASS_ROUTER_PAIR ? &d->pair
                        : fc->klass == LM_SC_CLASS_SITE ? &d->site : NULL;
      if (r == NULL)
        {
          *why = g_strdup_printf ("a %s class (only router-pair and site)", lm_sc_class_name (fc->klass));
          return FALSE;
        }
      if (fc->ttf.kind != LM_SC_DIST_EXP || fc->ttr.kind != LM_SC_DIST_EXP)
        {
          *why = g_strdup_printf ("non-exponential %s laws", lm_sc_class_name (fc->klass));
          return FALSE;
        }
      r->mtbf_h = LM_TIME_TO_S (fc->ttf.a) / 3600.0;
      r->mttr_h = LM_TIME_TO_S (fc->ttr.a) / 3600.0;
      have_pair |= fc->klass == LM_SC_CLASS_ROUTER_PAIR;
      have_site |= fc->klass == LM_SC_CLASS_SITE;
    }
  if (sc->groups->len > 0)
    {
      *why = g_strdup ("correlated groups");
      return FALSE;
    }
  if (sc->failure_clocks != LM_SC_CLOCKS_INDEPENDENT)
    {
      *why = g_strdup ("suspended failure clocks; the exact model assumes independent ones");
      return FALSE;
    }
  if (!have_pair || !have_site)
    {
      *why = g_strdup ("it needs both a router-pair and a site class");
      return FALSE;
    }
  *why = NULL;
  return TRUE;
}

static void
exact_lines (GString *out, const LmReplication *rep, guint ic)
{
  LmAvailDesign d;
  g_autofree char *why = NULL;
  if (!lm_replication_exact_design (lm_replication_scenario (rep), ic, &d, &why))
    {
      g_string_append_printf (out, "    exact solution: not applicable (%s)\n", why);
      return;
    }
  static const LmAvailKind kinds[] = { LM_AVAIL_COMPONENT_REACHABILITY,
                                       LM_AVAIL_COMPONENT_HALF_CAPACITY,
                                       LM_AVAIL_COMPONENT_FULL_CAPACITY };
  const LmReplicaStats *s = lm_replication_stats (rep, ic);
  for (int c = 0; c < LM_AVAIL_CRIT_N; c++)
    {
      LmAvailExact x;
      if (!lm_avail_closed_form (&d, lm_avail_criterion_k (c, &d), &x, NULL))
        continue;
      const LmMoments *m = &s->availability[kinds[c]];
      double se = m->n >= 2 ? lm_moments_sd (m) / sqrt ((double) m->n) : NAN;
      double z = se > 0 ? (m->mean - x.availability) / se : NAN;
      g_autofree char *a = lm_format_percent (x.availability);
      g_autofree char *zs = isnan (z) ? g_strdup ("Monte Carlo saw no outage")
                                      : g_strdup_printf ("Monte Carlo %+.2f SE from it", z);
      g_string_append_printf (out, "    exact %-24s %14s   unavailability %.6g; %s\n",
                              lm_avail_criterion_name (c), a, x.unavailability, zs);
    }
}

char *
lm_format_seconds (double seconds)
{
  char buf[LM_TIME_HUMAN_LEN];
  if (isnan (seconds))
    return g_strdup ("—");
  return g_strdup (lm_time_human ((LmTime) llround (MAX (seconds, 0) * 1e9), buf));
}

char *
lm_format_interval (const LmMoments *m, char *(*format) (double), double hi_max)
{
  if (m->n == 0)
    return g_strdup ("—");
  g_autofree char *mean = format (m->mean);
  double lo, hi;
  if (!lm_moments_ci95 (m, &lo, &hi) || m->min == m->max)
    return g_steal_pointer (&mean);
  g_autofree char *l = format (MAX (lo, 0)), *h = format (MIN (hi, hi_max));
  return g_strdup_printf ("%s [%s, %s]", mean, l, h);
}

/* An availability as a percentage with its nines and two digits of the
 * unavailability: 99.99996 %, 99.6455 %, 100 %. */
char *
lm_format_availability (double a)
{
  if (isnan (a))
    return g_strdup ("—");
  double u = 1.0 - a;
  if (u <= 0)
    return g_strdup ("100 %");
  int decimals = CLAMP ((int) ceil (-log10 (u * 100.0)) + 1, 4, 10);
  return g_strdup_printf ("%.*f %%", decimals, a * 100.0);
}

static char *
ci_percent (const LmMoments *m)
{
  double lo, hi;
  if (!lm_moments_ci95 (m, &lo, &hi))
    return g_strdup ("—");
  if (m->max == m->min)
    return g_strdup (m->max == 1.0 ? "(no outage seen)" : "(all equal)");
  g_autofree char *l = lm_format_availability (MAX (lo, 0)), *h = lm_format_availability (MIN (hi, 1.0));
  return g_strdup_printf ("[%s, %s]", l, h);
}

/* One availability line: mean, CI, down time per year, outages per year,
 * mean outage duration. */
static void
availability_line (GString *out, const LmReplicaStats *s, int k)
{
  const LmMoments *m = &s->availability[k];
  g_autofree char *mean = lm_format_availability (m->n ? m->mean : NAN);
  g_autofree char *ci = ci_percent (m);
  g_autofree char *down = lm_format_seconds (m->n ? (1.0 - m->mean) * LM_AVAIL_YEAR_H * 3600.0 : NAN);
  const LmMoments *o = &s->outages_per_year[k];
  g_autofree char *per_year = o->n ? g_strdup_printf ("%.3g", o->mean) : g_strdup ("—");
  g_autofree char *mean_outage = lm_format_seconds (lm_ratio_estimate (&s->outage_s[k]));
  g_string_append_printf (out, "    %-26s %13s  %-28s %10s %11s %12s\n", avail_labels[k], mean, ci,
                          down, per_year, mean_outage);
}

static void
months_table (GString *out, const LmReplicaStats *s)
{
  guint64 months = s->months[LM_AVAIL_REACHABILITY].months;
  if (months == 0)
    {
      g_string_append (out, "\n    months: none whole (a run shorter than 730 h)\n");
      return;
    }
  g_string_append_printf (out, "\n    730 h months below the service-credit thresholds "
                               "(share of %" G_GUINT64_FORMAT " months)\n", months);
  g_string_append_printf (out, "    %-26s", "");
  for (guint t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
    {
      g_autofree char *th = lm_format_percent (lm_months_threshold (t));
      g_autofree char *head = g_strdup_printf ("< %s", th);
      g_string_append_printf (out, " %12s", head);
    }
  g_string_append_c (out, '\n');
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      if (s->months[k].months == 0)
        continue;
      g_string_append_printf (out, "    %-26s", avail_labels[k]);
      for (guint t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
        {
          g_autofree char *share = lm_format_percent (lm_months_fraction_below (&s->months[k], t));
          g_string_append_printf (out, " %12s", share);
        }
      g_string_append_c (out, '\n');
    }
}

static void
distribution_line (GString *out, const char *label, const LmHistogram *h)
{
  if (h->moments.n == 0)
    {
      g_string_append_printf (out, "    %-14s —\n", label);
      return;
    }
  g_autofree char *p50 = lm_format_seconds (lm_histogram_quantile (h, 0.50));
  g_autofree char *p95 = lm_format_seconds (lm_histogram_quantile (h, 0.95));
  g_autofree char *p99 = lm_format_seconds (lm_histogram_quantile (h, 0.99));
  g_autofree char *max = lm_format_seconds (h->moments.max);
  g_autofree char *mean = lm_format_seconds (h->moments.mean);
  g_string_append_printf (out, "    %-14s %10s %10s %10s %10s %10s %12" G_GUINT64_FORMAT "\n",
                          label, mean, p50, p95, p99, max, h->moments.n);
}

static void
failures_text (GString *out, const LmReplicaStats *s)
{
  g_string_append_printf (out, "\n    failures: %.2f per replication; per failure:\n", s->failures.mean);
  g_string_append_printf (out, "    %-14s %10s %10s %10s %10s %10s %12s\n", "", "mean", "p50", "p95",
                          "p99", "max", "failures");
  distribution_line (out, "detection", &s->detect_s);
  distribution_line (out, "convergence", &s->converge_s);
  distribution_line (out, "restoration", &s->restored_s);
  double never = s->never_converged.mean * (double) s->never_converged.n;
  if (never > 0)
    g_string_append_printf (out, "    %.0f failures were over only at their repair (no path to converge to, "
                                 "or repaired before detection)\n", never);
}

static void
traffic_text (GString *out, const LmReplicaStats *s)
{
  if (s->loss_ratio.n == 0)
    return;
  g_autofree char *loss = lm_format_percent (s->loss_ratio.mean);
  double lo, hi;
  g_autofree char *l = NULL, *h = NULL;
  g_autofree char *loss_ci = lm_moments_ci95 (&s->loss_ratio, &lo, &hi)
    ? g_strdup_printf (", 95 %% CI [%s, %s]", (l = lm_format_percent (MAX (lo, 0))),
                       (h = lm_format_percent (hi)))
    : g_strdup ("");
  g_autofree char *p50 = lm_format_seconds (s->latency_s[0].n ? s->latency_s[0].mean : NAN);
  g_autofree char *p95 = lm_format_seconds (s->latency_s[1].n ? s->latency_s[1].mean : NAN);
  g_autofree char *p99 = lm_format_seconds (s->latency_s[2].n ? s->latency_s[2].mean : NAN);
  g_string_append_printf (out, "\n    traffic: loss %s of offered%s; latency p50 %s, p95 %s, p99 %s "
                               "(means over replications)\n", loss, loss_ci, p50, p95, p99);
}

static void
interconnect_text (GString *out, const LmReplication *rep, guint ic, gboolean analytic)
{
  const LmReplicaStats *s = lm_replication_stats (rep, ic);
  g_string_append_printf (out, "\n  %-28s %13s  %-28s %10s %11s %12s\n", lm_replication_interconnect (rep, ic),
                          "mean", "95 % CI", "down/year", "outages/yr", "mean outage");
  for (int k = 0; k < LM_AVAIL_N; k++)
    availability_line (out, s, k);
  if (analytic)
    exact_lines (out, rep, ic);
  months_table (out, s);
  failures_text (out, s);
  traffic_text (out, s);
}

/* The scripted failures (the `fail` lines): each one's detection,
 * convergence, restoration and loss over the replications. */
static void
scripted_text (GString *out, const LmReplication *rep)
{
  const LmScenario *sc = lm_replication_scenario (rep);
  if (sc->failures->len == 0)
    return;
  g_string_append_printf (out, "\nScripted failures (mean [95 %% CI] over the replications that measured "
                               "each; n of %" G_GUINT64_FORMAT ")\n", lm_replication_n (rep));
  g_string_append_printf (out, "  %-4s %-16s %-26s %-26s %-26s %14s\n", "id", "target", "detection",
                          "convergence", "restoration", "lost packets");
  for (guint i = 0; i < sc->failures->len; i++)
    {
      const LmScFailure *f = sc->failures->pdata[i];
      const LmScriptedStats *s = lm_replication_scripted (rep, i);
      g_autofree char *d = lm_format_interval (&s->detect_s, lm_format_seconds, INFINITY);
      g_autofree char *c = lm_format_interval (&s->converge_s, lm_format_seconds, INFINITY);
      g_autofree char *r = lm_format_interval (&s->restored_s, lm_format_seconds, INFINITY);
      double pkts = s->lost_bits.n ? s->lost_bits.mean / lm_report_packet_bits (sc, f->target->interconnect) : NAN;
      g_string_append_printf (out, "  %-4s %-16s %-26s %-26s %-26s %14.0f\n", f->id, f->target->name,
                              d, c, r, pkts);
    }
}

char *
lm_replication_report_text (const LmReplication *rep, const char *file_sha256, gboolean analytic)
{
  const LmScenario *sc = lm_replication_scenario (rep);
  GString *out = g_string_new (NULL);
  char dur[LM_TIME_HUMAN_LEN];
  g_string_append_printf (out, "lmsim %s — scenario \"%s\" (%s)\n", LM_VERSION, sc->name, sc->path);
  g_string_append_printf (out, "seed %" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT " replications of %s "
                          "(streams from the seed and the replication number), %" G_GUINT64_FORMAT
                          " events; file sha256 %.16s…\n", sc->seed, lm_replication_n (rep),
                          lm_time_human (sc->duration, dur), lm_replication_events (rep),
                          file_sha256 ? file_sha256 : "?");
  g_string_append (out, "\nAvailability over replications (mean of each replication's fraction, "
                        "95 % Student-t interval; down time per year from the mean; mean outage = "
                        "all down time / all outages)\n");
  for (guint ic = 0; ic < lm_replication_n_interconnects (rep); ic++)
    interconnect_text (out, rep, ic, analytic);
  scripted_text (out, rep);
  g_string_append (out, "\nExpectations (the conservative end of each 95 % interval; "
                        "a state in every replication)\n");
  guint failed = 0;
  for (guint i = 0; i < sc->expectations->len; i++)
    {
      const LmScExpectation *e = g_ptr_array_index (sc->expectations, i);
      g_autofree char *text = NULL;
      gboolean ok = lm_replication_expect (rep, i, &text);
      failed += !ok;
      g_string_append_printf (out, "  %s  %s:%u  %-40s  measured %s\n", ok ? "PASS" : "FAIL",
                              e->loc.file, e->loc.line, e->text, text);
    }
  g_string_append_printf (out, "  %u passed, %u failed\n", sc->expectations->len - failed, failed);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ JSON */

/* DESIGN §7: with replications each number becomes {mean, sd, ci95, n}.
 * Every figure here is ≥ 0, and a fraction ≤ 1 (@hi_max): the t interval
 * is clipped to what the figure can be. */
static void
stat_member_bounded (JsonBuilder *b, const char *name, const LmMoments *m, double hi_max)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  double lo = NAN, hi = NAN;
  if (lm_moments_ci95 (m, &lo, &hi))
    {
      lo = MAX (lo, 0.0);
      hi = MIN (hi, hi_max);
    }
  double sd = lm_moments_sd (m);
  json_builder_set_member_name (b, "mean");
  if (m->n > 0) json_builder_add_double_value (b, m->mean); else json_builder_add_null_value (b);
  json_builder_set_member_name (b, "sd");
  if (!isnan (sd)) json_builder_add_double_value (b, sd); else json_builder_add_null_value (b);
  json_builder_set_member_name (b, "ci95");
  if (!isnan (lo))
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, lo);
      json_builder_add_double_value (b, hi);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, (gint64) m->n);
  json_builder_end_object (b);
}

static void
stat_member (JsonBuilder *b, const char *name, const LmMoments *m)
{
  stat_member_bounded (b, name, m, INFINITY);
}

static void
fraction_member (JsonBuilder *b, const char *name, const LmMoments *m)
{
  stat_member_bounded (b, name, m, 1.0);
}

static void
number_or_null (JsonBuilder *b, const char *name, double x)
{
  json_builder_set_member_name (b, name);
  if (isnan (x))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, x);
}

/* A per-failure duration distribution: n, mean, sd, quantiles, max. */
static void
histogram_member (JsonBuilder *b, const char *name, const LmHistogram *h)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, (gint64) h->moments.n);
  gboolean any = h->moments.n > 0;
  number_or_null (b, "mean", any ? h->moments.mean : NAN);
  number_or_null (b, "sd", lm_moments_sd (&h->moments));
  number_or_null (b, "p50", lm_histogram_quantile (h, 0.50));
  number_or_null (b, "p95", lm_histogram_quantile (h, 0.95));
  number_or_null (b, "p99", lm_histogram_quantile (h, 0.99));
  number_or_null (b, "max", any ? h->moments.max : NAN);
  json_builder_end_object (b);
}

static const char *const avail_keys[LM_AVAIL_N] = {
  "reachability", "capacity", "half_capacity", "full_capacity",
  "component_reachability", "component_half_capacity", "component_full_capacity",
};

/* Outages per year, mean outage duration and months, per availability kind. */
static void
outages_json (JsonBuilder *b, const LmReplicaStats *s)
{
  json_builder_set_member_name (b, "outages_per_year");
  json_builder_begin_object (b);
  for (int k = 0; k < LM_AVAIL_N; k++)
    stat_member (b, avail_keys[k], &s->outages_per_year[k]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "mean_outage_s");
  json_builder_begin_object (b);
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      double lo = NAN, hi = NAN;
      json_builder_set_member_name (b, avail_keys[k]);
      json_builder_begin_object (b);
      number_or_null (b, "estimate", lm_ratio_estimate (&s->outage_s[k]));
      lm_ratio_ci95 (&s->outage_s[k], &lo, &hi);
      json_builder_set_member_name (b, "ci95");
      if (isnan (lo))
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_array (b);
          json_builder_add_double_value (b, MAX (lo, 0));
          json_builder_add_double_value (b, hi);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "months");
  json_builder_begin_object (b);
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      json_builder_set_member_name (b, avail_keys[k]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "months");
      json_builder_add_int_value (b, (gint64) s->months[k].months);
      static const char *const below[] = { "below_99_99", "below_99_9", "below_99_0", "below_95_0" };
      for (guint t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
        {
          json_builder_set_member_name (b, below[t]);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "months");
          json_builder_add_int_value (b, (gint64) s->months[k].below[t]);
          number_or_null (b, "share", lm_months_fraction_below (&s->months[k], t));
          fraction_member (b, "share_per_replication", &s->month_below[k][t]);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
interconnect_json (JsonBuilder *b, const LmReplication *rep, guint ic)
{
  static const char *const keys[] = { "reachability", "capacity", "half_capacity", "full_capacity" };
  const LmReplicaStats *s = lm_replication_stats (rep, ic);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, lm_replication_interconnect (rep, ic));
  json_builder_set_member_name (b, "availability");
  json_builder_begin_object (b);
  for (int k = 0; k < 4; k++)
    fraction_member (b, keys[k], &s->availability[k]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "component_availability");
  json_builder_begin_object (b);
  fraction_member (b, "reachability", &s->availability[LM_AVAIL_COMPONENT_REACHABILITY]);
  fraction_member (b, "half_capacity", &s->availability[LM_AVAIL_COMPONENT_HALF_CAPACITY]);
  fraction_member (b, "full_capacity", &s->availability[LM_AVAIL_COMPONENT_FULL_CAPACITY]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "latency_s");
  json_builder_begin_object (b);
  stat_member (b, "p50", &s->latency_s[0]);
  stat_member (b, "p95", &s->latency_s[1]);
  stat_member (b, "p99", &s->latency_s[2]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "loss");
  json_builder_begin_object (b);
  fraction_member (b, "ratio", &s->loss_ratio);
  json_builder_end_object (b);
  stat_member (b, "failures", &s->failures);
  stat_member (b, "convergence_s", &s->convergence_s);
  outages_json (b, s);
  json_builder_set_member_name (b, "per_failure");
  json_builder_begin_object (b);
  histogram_member (b, "detect_s", &s->detect_s);
  histogram_member (b, "converge_s", &s->converge_s);
  histogram_member (b, "restored_s", &s->restored_s);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* @m scaled by 1/@div (moments of x/div). */
static LmMoments
scaled (const LmMoments *m, double div)
{
  LmMoments s = *m;
  s.mean /= div;
  s.m2 /= div * div;
  s.min /= div;
  s.max /= div;
  return s;
}

/* DESIGN §7: with replications, "failures" describes the scripted failures
 * with statistics over replications. */
static void
scripted_json (JsonBuilder *b, const LmReplication *rep)
{
  const LmScenario *sc = lm_replication_scenario (rep);
  json_builder_set_member_name (b, "failures");
  json_builder_begin_array (b);
  for (guint i = 0; i < sc->failures->len; i++)
    {
      const LmScFailure *f = sc->failures->pdata[i];
      const LmScriptedStats *s = lm_replication_scripted (rep, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, f->id);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, f->action->loc.file);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, f->action->loc.line);
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, f->target->name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, lm_sc_class_name (f->target->klass));
      json_builder_set_member_name (b, "mode");
      json_builder_add_string_value (b, lm_sc_mode_name (f->mode));
      json_builder_set_member_name (b, "at_s");
      json_builder_add_double_value (b, LM_TIME_TO_S (f->at));
      stat_member (b, "detect_s", &s->detect_s);
      stat_member (b, "converge_s", &s->converge_s);
      stat_member (b, "restored_s", &s->restored_s);
      LmMoments pkts = scaled (&s->lost_bits, lm_report_packet_bits (sc, f->target->interconnect));
      stat_member (b, "lost_packets", &pkts);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
lm_replication_json_body (JsonBuilder *b, const LmReplication *rep)
{
  const LmScenario *sc = lm_replication_scenario (rep);
  json_builder_set_member_name (b, "interconnects");
  json_builder_begin_array (b);
  for (guint ic = 0; ic < lm_replication_n_interconnects (rep); ic++)
    interconnect_json (b, rep, ic);
  json_builder_end_array (b);
  scripted_json (b, rep);
  json_builder_set_member_name (b, "expectations");
  json_builder_begin_array (b);
  for (guint i = 0; i < sc->expectations->len; i++)
    {
      const LmScExpectation *e = g_ptr_array_index (sc->expectations, i);
      g_autofree char *text = NULL;
      gboolean ok = lm_replication_expect (rep, i, &text);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, e->loc.file);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, e->loc.line);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, e->text);
      json_builder_set_member_name (b, "passed");
      json_builder_add_boolean_value (b, ok);
      json_builder_set_member_name (b, "measured");
      json_builder_add_string_value (b, text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
lm_replication_json (const LmReplication *rep, const char *file_sha256, const char *config_sha256)
{
  const LmScenario *sc = lm_replication_scenario (rep);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lmsim");
  json_builder_add_string_value (b, LM_VERSION);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, sc->name);
  json_builder_set_member_name (b, "file_sha256");
  json_builder_add_string_value (b, file_sha256);
  json_builder_set_member_name (b, "config_sha256");
  json_builder_add_string_value (b, config_sha256);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, sc->seed);
  json_builder_set_member_name (b, "seed");
  json_builder_add_string_value (b, seed);
  json_builder_set_member_name (b, "replications");
  json_builder_add_int_value (b, (gint64) lm_replication_n (rep));
  json_builder_set_member_name (b, "duration_s");
  json_builder_add_double_value (b, LM_TIME_TO_S (sc->duration));
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, (gint64) lm_replication_events (rep));
  lm_replication_json_body (b, rep);
  json_builder_set_member_name (b, "run");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, lm_replication_wall_s (rep));
  json_builder_set_member_name (b, "jobs");
  json_builder_add_int_value (b, lm_replication_jobs (rep));
  json_builder_end_object (b);
  json_builder_end_object (b);
  return lm_json_text (b);
}
