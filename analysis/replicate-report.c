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

static void
interconnect_text (GString *out, const LmReplication *rep, guint ic, gboolean analytic)
{
  const LmReplicaStats *s = lm_replication_stats (rep, ic);
  g_string_append_printf (out, "\n  %s%42s %24s %12s\n", lm_replication_interconnect (rep, ic),
                          "mean", "95 % CI", "sd");
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      const LmMoments *m = &s->availability[k];
      double lo, hi;
      g_autofree char *mean = lm_format_percent (m->n ? m->mean : NAN);
      g_autofree char *ci = NULL;
      if (lm_moments_ci95 (m, &lo, &hi))
        {
          g_autofree char *l = lm_format_percent (lo), *h = lm_format_percent (MIN (hi, 1.0));
          ci = g_strdup_printf ("[%s, %s]", l, h);
        }
      g_autofree char *sd = m->n >= 2 ? g_strdup_printf ("%.3g", lm_moments_sd (m)) : g_strdup ("—");
      g_string_append_printf (out, "    %-30s %14s %30s %12s\n", avail_labels[k], mean,
                              ci ? ci : "—", sd);
    }
  if (analytic)
    exact_lines (out, rep, ic);
  char conv[LM_TIME_HUMAN_LEN];
  g_autofree char *loss = lm_format_percent (s->loss_ratio.n ? s->loss_ratio.mean : NAN);
  g_string_append_printf (out, "    failures per replication %.2f; worst convergence per replication: mean %s"
                          " (%" G_GUINT64_FORMAT " replications with one); never converged in %.0f\n",
                          s->failures.mean,
                          s->convergence_s.n ? lm_time_human ((LmTime) llround (s->convergence_s.mean * 1e9), conv) : "—",
                          s->convergence_s.n, s->never_converged.mean * s->never_converged.n);
  g_string_append_printf (out, "    loss: mean %s of offered traffic\n", loss);
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
  g_string_append (out, "\nAvailability over replications (mean of each replication's fraction; "
                        "95 % Student-t interval)\n");
  for (guint ic = 0; ic < lm_replication_n_interconnects (rep); ic++)
    interconnect_text (out, rep, ic, analytic);
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

/* DESIGN §7: with replications each number becomes {mean, sd, ci95, n}. */
static void
stat_member (JsonBuilder *b, const char *name, const LmMoments *m)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  double lo = NAN, hi = NAN;
  lm_moments_ci95 (m, &lo, &hi);
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
    stat_member (b, keys[k], &s->availability[k]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "component_availability");
  json_builder_begin_object (b);
  stat_member (b, "reachability", &s->availability[LM_AVAIL_COMPONENT_REACHABILITY]);
  stat_member (b, "half_capacity", &s->availability[LM_AVAIL_COMPONENT_HALF_CAPACITY]);
  stat_member (b, "full_capacity", &s->availability[LM_AVAIL_COMPONENT_FULL_CAPACITY]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "latency_s");
  json_builder_begin_object (b);
  stat_member (b, "p50", &s->latency_s[0]);
  stat_member (b, "p95", &s->latency_s[1]);
  stat_member (b, "p99", &s->latency_s[2]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "loss");
  json_builder_begin_object (b);
  stat_member (b, "ratio", &s->loss_ratio);
  json_builder_end_object (b);
  stat_member (b, "failures", &s->failures);
  stat_member (b, "convergence_s", &s->convergence_s);
  json_builder_end_object (b);
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
  json_builder_set_member_name (b, "interconnects");
  json_builder_begin_array (b);
  for (guint ic = 0; ic < lm_replication_n_interconnects (rep); ic++)
    interconnect_json (b, rep, ic);
  json_builder_end_array (b);
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
  json_builder_set_member_name (b, "run");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, lm_replication_wall_s (rep));
  json_builder_set_member_name (b, "jobs");
  json_builder_add_int_value (b, lm_replication_jobs (rep));
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}
