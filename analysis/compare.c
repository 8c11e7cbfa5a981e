/* analysis/compare.c — design comparison tables (analysis/compare.h). */
#include "analysis/compare.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include "analysis/report.h"
#include "analysis/replicate-report.h"
#include "analysis/expect.h"
#include "analysis/ctmc.h"
#include "analysis/csv.h"

typedef struct {
  char *label;
  GStrv set;
  LmScenario *sc;
  LmReplication *rep;
  double *exact_unavail;   /* per interconnect: exact component reachability; NAN n/a */
} Design;

struct _LmComparison {
  GArray *designs;   /* Design */
};

static void
design_clear (gpointer data)
{
  Design *d = data;
  g_free (d->label);
  g_strfreev (d->set);
  lm_replication_free (d->rep);
  lm_scenario_free (d->sc);
  g_free (d->exact_unavail);
}

LmComparison *
lm_comparison_new (void)
{
  LmComparison *c = g_new0 (LmComparison, 1);
  c->designs = g_array_new (FALSE, TRUE, sizeof (Design));
  g_array_set_clear_func (c->designs, design_clear);
  return c;
}

void
lm_comparison_free (LmComparison *c)
{
  if (c == NULL)
    return;
  g_array_unref (c->designs);
  g_free (c);
}

void
lm_comparison_add (LmComparison *c, const char *label, GStrv set, LmScenario *sc, LmReplication *rep)
{
  Design d = { g_strdup (label), set, sc, rep, g_new (double, MAX (sc->interconnects->len, 1)) };
  for (guint ic = 0; ic < sc->interconnects->len; ic++)
    {
      LmAvailDesign x;
      LmAvailExact e;
      g_autofree char *why = NULL;
      d.exact_unavail[ic] = NAN;
      if (lm_replication_exact_design (sc, ic, &x, &why)
          && lm_avail_closed_form (&x, lm_avail_criterion_k (LM_AVAIL_CRIT_REACHABILITY, &x), &e, NULL))
        d.exact_unavail[ic] = e.unavailability;
    }
  g_array_append_val (c->designs, d);
}

guint lm_comparison_n (const LmComparison *c) { return c->designs->len; }

static const Design *
design (const LmComparison *c, guint i)
{
  return &g_array_index (c->designs, Design, i);
}

const LmReplication *
lm_comparison_replication (const LmComparison *c, guint i)
{
  return design (c, i)->rep;
}

const char *
lm_comparison_label (const LmComparison *c, guint i)
{
  return design (c, i)->label;
}

/* ------------------------------------------------------------ ranking */

typedef struct { const LmComparison *c; guint ic; } RankCtx;

static double
mean_or (const LmMoments *m, double none)
{
  return m->n > 0 ? m->mean : none;
}

static int
cmp_design (gconstpointer a, gconstpointer b, gpointer data)
{
  const RankCtx *ctx = data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const LmReplicaStats *x = lm_replication_stats (design (ctx->c, ia)->rep, ctx->ic);
  const LmReplicaStats *y = lm_replication_stats (design (ctx->c, ib)->rep, ctx->ic);
  static const LmAvailKind order[] = { LM_AVAIL_REACHABILITY, LM_AVAIL_CAPACITY,
                                       LM_AVAIL_HALF_CAPACITY, LM_AVAIL_FULL_CAPACITY };
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      double u = mean_or (&x->availability[order[k]], -1), v = mean_or (&y->availability[order[k]], -1);
      if (u != v)
        return u > v ? -1 : 1;
      /* the replications cannot tell reachability apart: the exact value can */
      double eu = design (ctx->c, ia)->exact_unavail[ctx->ic], ev = design (ctx->c, ib)->exact_unavail[ctx->ic];
      if (k == 0 && !isnan (eu) && !isnan (ev) && eu != ev)
        return eu < ev ? -1 : 1;
    }
  double p = lm_histogram_quantile (&x->converge_s, 0.95), q = lm_histogram_quantile (&y->converge_s, 0.95);
  p = isnan (p) ? INFINITY : p;
  q = isnan (q) ? INFINITY : q;
  if (p != q)
    return p < q ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

guint *
lm_comparison_ranking (const LmComparison *c, guint ic)
{
  guint n = c->designs->len;
  guint *order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  RankCtx ctx = { c, ic };
  g_qsort_with_data (order, (gint) n, sizeof (guint), cmp_design, &ctx);
  return order;
}

/* ------------------------------------------------------------ text */

static guint
expectations_passed (const LmReplication *rep, guint *total)
{
  const LmScenario *sc = lm_replication_scenario (rep);
  guint passed = 0;
  *total = sc->expectations->len;
  for (guint i = 0; i < *total; i++)
    {
      g_autofree char *t = NULL;
      passed += lm_replication_expect (rep, i, &t);
    }
  return passed;
}

static void
table_text (GString *out, const LmComparison *c, guint ic, guint label_w)
{
  g_autofree guint *order = lm_comparison_ranking (c, ic);
  g_string_append_printf (out, "\n  %s\n  %4s  %-*s  %-40s %9s %10s %12s %12s %10s %7s\n",
                          lm_replication_interconnect (design (c, 0)->rep, ic), "rank",
                          label_w, "design", "reachability [95 % CI]", "down/yr", "outages/yr",
                          "half cap.", "full cap.", "conv. p95", "expect");
  for (guint r = 0; r < c->designs->len; r++)
    {
      const Design *d = design (c, order[r]);
      const LmReplicaStats *s = lm_replication_stats (d->rep, ic);
      const LmMoments *reach = &s->availability[LM_AVAIL_REACHABILITY];
      g_autofree char *ra = lm_format_interval (reach, lm_format_availability, 1.0);
      g_autofree char *down = lm_format_seconds (reach->n ? (1 - reach->mean) * LM_AVAIL_YEAR_H * 3600 : NAN);
      const LmMoments *o = &s->outages_per_year[LM_AVAIL_REACHABILITY];
      g_autofree char *outages = o->n ? g_strdup_printf ("%.3g", o->mean) : g_strdup ("—");
      g_autofree char *half = lm_format_availability (mean_or (&s->availability[LM_AVAIL_HALF_CAPACITY], NAN));
      g_autofree char *full = lm_format_availability (mean_or (&s->availability[LM_AVAIL_FULL_CAPACITY], NAN));
      g_autofree char *conv = lm_format_seconds (lm_histogram_quantile (&s->converge_s, 0.95));
      guint total, passed = expectations_passed (d->rep, &total);
      g_autofree char *exp = g_strdup_printf ("%u/%u", passed, total);
      g_string_append_printf (out, "  %4u  %-*s  %-40s %9s %10s %12s %12s %10s %7s\n", r + 1,
                              label_w, d->label, ra, down, outages, half, full, conv, exp);
    }
}

char *
lm_comparison_text (LmComparison *c)
{
  g_return_val_if_fail (c->designs->len > 0, NULL);
  const Design *first = design (c, 0);
  char dur[LM_TIME_HUMAN_LEN];
  guint label_w = 6;
  for (guint i = 0; i < c->designs->len; i++)
    label_w = MAX (label_w, g_utf8_strlen (design (c, i)->label, -1));
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "lmsim %s — design comparison of \"%s\" (%s)\n", LM_VERSION,
                          first->sc->name, first->sc->path);
  g_string_append_printf (out, "%u designs, %" G_GUINT64_FORMAT " replications of %s each, seed %"
                          G_GUINT64_FORMAT " (every design sees the same streams per replication)\n",
                          c->designs->len, lm_replication_n (first->rep),
                          lm_time_human (first->sc->duration, dur), first->sc->seed);
  g_string_append (out, "Ranked by reachability (ties: the exact component value), then capacity, "
                        "half- and full-capacity availability, then the p95 of per-failure "
                        "convergence; expect = expectations passed\n");
  for (guint ic = 0; ic < lm_replication_n_interconnects (first->rep); ic++)
    table_text (out, c, ic, label_w);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ JSON */

char *
lm_comparison_json (LmComparison *c, const char *file_sha256)
{
  const Design *first = design (c, 0);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lmsim");
  json_builder_add_string_value (b, LM_VERSION);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, first->sc->name);
  json_builder_set_member_name (b, "file_sha256");
  json_builder_add_string_value (b, file_sha256);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, first->sc->seed);
  json_builder_set_member_name (b, "seed");
  json_builder_add_string_value (b, seed);
  json_builder_set_member_name (b, "replications");
  json_builder_add_int_value (b, (gint64) lm_replication_n (first->rep));
  json_builder_set_member_name (b, "duration_s");
  json_builder_add_double_value (b, LM_TIME_TO_S (first->sc->duration));
  g_autofree guint *order = lm_comparison_ranking (c, 0);
  g_autofree guint *rank = g_new (guint, c->designs->len);
  for (guint r = 0; r < c->designs->len; r++)
    rank[order[r]] = r + 1;
  json_builder_set_member_name (b, "designs");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->designs->len; i++)
    {
      const Design *d = design (c, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, d->label);
      json_builder_set_member_name (b, "rank");
      json_builder_add_int_value (b, rank[i]);
      json_builder_set_member_name (b, "set");
      json_builder_begin_object (b);
      for (char **a = d->set; *a != NULL; a++)
        {
          const char *eq = strchr (*a, '=');
          g_autofree char *path = g_strndup (*a, eq - *a);
          json_builder_set_member_name (b, path);
          json_builder_add_string_value (b, eq + 1);
        }
      json_builder_end_object (b);
      lm_replication_json_body (b, d->rep);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "run");
  json_builder_begin_object (b);
  double wall = 0;
  for (guint i = 0; i < c->designs->len; i++)
    wall += lm_replication_wall_s (design (c, i)->rep);
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, wall);
  json_builder_set_member_name (b, "jobs");
  json_builder_add_int_value (b, lm_replication_jobs (first->rep));
  json_builder_end_object (b);
  json_builder_end_object (b);
  return lm_json_text (b);
}

/* ------------------------------------------------------------ CSV */

/* mean, and the 95 % interval clipped to [0, @hi_max]. */
static void
csv_moments (GString *out, const LmMoments *m, double hi_max)
{
  double lo = NAN, hi = NAN;
  if (lm_moments_ci95 (m, &lo, &hi))
    {
      lo = MAX (lo, 0.0);
      hi = MIN (hi, hi_max);
    }
  lm_csv_number (out, m->n ? m->mean : NAN);
  lm_csv_number (out, lo);
  lm_csv_number (out, hi);
}

static const char *const kind_keys[LM_AVAIL_N] = {
  "reachability", "capacity", "half_capacity", "full_capacity",
  "component_reachability", "component_half_capacity", "component_full_capacity",
};

char *
lm_comparison_csv (LmComparison *c)
{
  GString *out = g_string_new ("design,rank,interconnect,replications");
  for (int k = 0; k < LM_AVAIL_N; k++)
    g_string_append_printf (out, ",%s,%s_ci95_lo,%s_ci95_hi", kind_keys[k], kind_keys[k], kind_keys[k]);
  g_string_append (out, ",outages_per_year,outages_per_year_ci95_lo,outages_per_year_ci95_hi,"
                        "mean_outage_s,converge_p50_s,converge_p95_s,converge_p99_s,loss_ratio,"
                        "expectations_passed,expectations\n");
  const Design *first = design (c, 0);
  for (guint ic = 0; ic < lm_replication_n_interconnects (first->rep); ic++)
    {
      g_autofree guint *order = lm_comparison_ranking (c, ic);
      for (guint r = 0; r < c->designs->len; r++)
        {
          const Design *d = design (c, order[r]);
          const LmReplicaStats *s = lm_replication_stats (d->rep, ic);
          lm_csv_text (out, d->label, TRUE);
          g_string_append_printf (out, ",%u", r + 1);
          lm_csv_text (out, lm_replication_interconnect (d->rep, ic), FALSE);
          g_string_append_printf (out, ",%" G_GUINT64_FORMAT, lm_replication_n (d->rep));
          for (int k = 0; k < LM_AVAIL_N; k++)
            csv_moments (out, &s->availability[k], 1.0);
          csv_moments (out, &s->outages_per_year[LM_AVAIL_REACHABILITY], INFINITY);
          lm_csv_number (out, lm_ratio_estimate (&s->outage_s[LM_AVAIL_REACHABILITY]));
          lm_csv_number (out, lm_histogram_quantile (&s->converge_s, 0.50));
          lm_csv_number (out, lm_histogram_quantile (&s->converge_s, 0.95));
          lm_csv_number (out, lm_histogram_quantile (&s->converge_s, 0.99));
          lm_csv_number (out, s->loss_ratio.n ? s->loss_ratio.mean : NAN);
          guint total, passed = expectations_passed (d->rep, &total);
          g_string_append_printf (out, ",%u,%u\n", passed, total);
        }
    }
  return g_string_free (out, FALSE);
}
