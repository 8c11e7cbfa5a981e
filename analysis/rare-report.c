/* analysis/rare-report.c — text and JSON of rare-event estimates
 * (analysis/rare-report.h).  Unavailability is printed with its own digits
 * (never as 1 − availability); an interval appears only when at least
 * LM_RARE_MIN_REACHING cycles reached the failed set. */
#include "analysis/rare-report.h"

#include <math.h>
#include <json-glib/json-glib.h>
#include "analysis/replicate-report.h"
#include "analysis/report.h"

/* ------------------------------------------------------------ text */

static void
text_header (GString *out, const LmRareScenario *r, const LmScenario *sc, const char *sha)
{
  g_string_append_printf (out, "lmsim %s — %s (%s, sha256 %.12s)\n", LM_VERSION, sc->name,
                          sc->path, sha ? sha : "?");
  g_string_append_printf (out, "Component availability, method %s: bias %g, target ±%g %%, "
                          "denominator %s, seed %" G_GUINT64_FORMAT "\n",
                          lm_rare_method_name (lm_rare_scenario_method (r)),
                          lm_rare_scenario_bias (r), 100 * lm_rare_scenario_target (r),
                          lm_rare_scenario_exact_denominator (r) ? "exact" : "simulated",
                          sc->seed);
  if (sc->expectations->len > 0)
    g_string_append_printf (out, "(%u expectations not evaluated: they are about the "
                            "simulated protocols; run --method plain for them)\n",
                            sc->expectations->len);
}

/* @v with @digits decimals, in scientific notation when @sci. */
static void
text_value (GString *out, const LmRareValue *v, int digits, gboolean sci)
{
  const double x[3] = { v->value, v->lo, v->hi };
  for (int i = 0; i < 3; i++)
    {
      if (i == 1 && isnan (v->lo))
        {
          g_string_append (out, " (no interval)");
          break;
        }
      g_string_append (out, i == 0 ? "" : i == 1 ? " [" : ", ");
      if (sci)
        g_string_append_printf (out, "%.*e", digits, x[i]);
      else
        g_string_append_printf (out, "%.*f", digits, x[i]);
    }
  if (!isnan (v->lo))
    g_string_append_c (out, ']');
}

static void
text_criterion (GString *out, const LmRareCriterion *c, const LmAvailExact *exact)
{
  const LmRareResult *x = &c->result;
  g_autofree char *k = g_str_has_prefix (c->criterion, "k=") ? g_strdup ("")
                       : g_strdup_printf (" (k = %u)", x->k);
  g_string_append_printf (out, "  %s%s: %s%s, %s engine\n", c->criterion, k,
                          lm_rare_method_name (x->method), x->auto_chosen ? " (chosen by auto)" : "",
                          lm_rare_engine_name (x->engine));
  g_string_append (out, "    unavailability   ");
  text_value (out, &x->unavailability, 6, TRUE);
  if (!isnan (x->rel_halfwidth))
    g_string_append_printf (out, "  ±%.2f %%", 100 * x->rel_halfwidth);
  g_string_append (out, "\n    availability     ");
  text_value (out, &x->availability, 12, FALSE);
  g_string_append (out, "\n    outages per year ");
  text_value (out, &x->outages_per_year, 6, TRUE);
  g_string_append (out, "\n    mean outage      ");
  text_value (out, &x->mean_outage_h, 4, FALSE);
  g_string_append (out, " h\n");
  if (exact != NULL)
    g_string_append_printf (out, "    exact            %.6e unavailable, %.6e outages/yr, "
                            "%.4f h\n", exact->unavailability, exact->outages_per_year,
                            exact->mean_outage_h);
  g_string_append_printf (out, "    cycles %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT
                          " reached failure), %.3f jumps/cycle, relvar/cycle %.4g "
                          "(halves %.4g, %.4g)", x->cycles, x->cycles_reaching,
                          x->cycles ? (double) x->jumps / (double) x->cycles : 0.0,
                          x->relvar_per_cycle, x->relvar_halves[0], x->relvar_halves[1]);
  if (x->method == LM_RARE_METHOD_RARE)
    g_string_append_printf (out, ", denominator %" G_GUINT64_FORMAT " cycles, max LR %.3g",
                            x->den_cycles, x->max_lr);
  g_string_append_printf (out, "; stopped: %s\n", lm_rare_stop_name (x->stopped));
  if (x->auto_chosen)
    g_string_append_printf (out, "    auto pilot: variance × work plain %.4g, rare %.4g\n",
                            x->pilot_work_var[0], x->pilot_work_var[1]);
}

char *
lm_rare_report_text (const LmRareScenario *r, const LmScenario *sc, const char *file_sha256,
                     gboolean analytic)
{
  g_return_val_if_fail (r != NULL && sc != NULL, NULL);
  GString *out = g_string_new (NULL);
  text_header (out, r, sc, file_sha256);
  for (guint i = 0; i < lm_rare_scenario_n_interconnects (r); i++)
    {
      const LmRareIcResult *ir = lm_rare_scenario_interconnect (r, i);
      g_string_append_printf (out, "\n%s: %u components, %u connections\n", ir->interconnect,
                              ir->components, ir->connections);
      LmAvailDesign d;
      g_autofree char *why = NULL;
      gboolean fits = analytic && lm_replication_exact_design (sc, i, &d, &why);
      for (guint j = 0; j < ir->criteria->len; j++)
        {
          const LmRareCriterion *c = &g_array_index (ir->criteria, LmRareCriterion, j);
          LmAvailExact ex;
          gboolean have = fits && lm_avail_closed_form (&d, c->result.k, &ex, NULL);
          text_criterion (out, c, have ? &ex : NULL);
        }
      if (analytic && !fits)
        g_string_append_printf (out, "  (no exact figures: %s)\n", why ? why : "?");
    }
  g_string_append (out, "\n");
  g_string_append_printf (out, "wall time %.2f s on %u thread%s%s\n", lm_rare_scenario_wall_s (r),
                          lm_rare_scenario_jobs (r), lm_rare_scenario_jobs (r) == 1 ? "" : "s",
                          lm_rare_scenario_time_budget (r) > 0
                          ? " (under a time budget: results depend on the machine)" : "");
  return g_string_free (out, FALSE);
}

/* Appends one warning per problem of @x to @out. */
static void
warnings_of (GString *out, const char *ic, const LmRareCriterion *c)
{
  const LmRareResult *x = &c->result;
  if (!x->has_ci)
    g_string_append_printf (out, "warning: %s %s: only %" G_GUINT64_FORMAT " cycles reached "
                            "failure (fewer than %u): no interval is given\n", ic, c->criterion,
                            x->cycles_reaching, LM_RARE_MIN_REACHING);
  if (x->warn_drift)
    g_string_append_printf (out, "warning: %s %s: the relative variance per cycle drifted "
                            "between the halves of the run (%.4g, %.4g): the interval may be "
                            "too narrow\n", ic, c->criterion, x->relvar_halves[0],
                            x->relvar_halves[1]);
  if (x->warn_lr)
    g_string_append_printf (out, "warning: %s %s: a likelihood ratio of %.3g (above %g) "
                            "weighted a result: the interval may be unreliable\n", ic,
                            c->criterion, x->max_lr, LM_RARE_LR_WARN);
  if (x->warn_disagree)
    g_string_append_printf (out, "warning: %s %s: plain simulation's pilot gives an "
                            "unavailability of %.4e (standard error %.2e), far from the rare "
                            "estimate: its tail was not sampled; use --method plain or auto\n",
                            ic, c->criterion, x->plain_check[0], x->plain_check[1]);
  if (x->stopped == LM_RARE_STOP_TIME)
    g_string_append_printf (out, "warning: %s %s: stopped by the time budget: the result "
                            "depends on the machine\n", ic, c->criterion);
}

char *
lm_rare_report_warnings (const LmRareScenario *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < lm_rare_scenario_n_interconnects (r); i++)
    {
      const LmRareIcResult *ir = lm_rare_scenario_interconnect (r, i);
      for (guint j = 0; j < ir->criteria->len; j++)
        warnings_of (out, ir->interconnect, &g_array_index (ir->criteria, LmRareCriterion, j));
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ JSON */

static void
member_int (JsonBuilder *b, const char *name, guint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, (gint64) v);
}

static void
member_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, v);
}

/* { "value": v, "ci95": [lo, hi] | null } */
static void
member_value (JsonBuilder *b, const char *name, const LmRareValue *v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  lm_json_member_double (b, "value", v->value);
  json_builder_set_member_name (b, "ci95");
  if (isnan (v->lo))
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, v->lo);
      json_builder_add_double_value (b, v->hi);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
rare_object (JsonBuilder *b, const LmRareResult *x)
{
  json_builder_set_member_name (b, "rare");
  json_builder_begin_object (b);
  member_int (b, "cycles", x->cycles);
  member_int (b, "cycles_reaching_failure", x->cycles_reaching);
  member_int (b, "jumps", x->jumps);
  lm_json_member_double (b, "jumps_per_cycle", x->cycles ? (double) x->jumps / (double) x->cycles : NAN);
  lm_json_member_double (b, "relvar_per_cycle", x->relvar_per_cycle);
  json_builder_set_member_name (b, "relvar_per_cycle_halves");
  json_builder_begin_array (b);
  for (int h = 0; h < 2; h++)
    if (isfinite (x->relvar_halves[h]))
      json_builder_add_double_value (b, x->relvar_halves[h]);
    else
      json_builder_add_null_value (b);
  json_builder_end_array (b);
  member_int (b, "denominator_cycles", x->den_cycles);
  lm_json_member_double (b, "denominator_relvar_per_cycle", x->den_relvar_per_cycle);
  lm_json_member_double (b, "max_likelihood_ratio", x->max_lr);
  lm_json_member_double (b, "relative_halfwidth", x->rel_halfwidth);
  member_string (b, "stopped", lm_rare_stop_name (x->stopped));
  if (x->method == LM_RARE_METHOD_RARE)
    {
      json_builder_set_member_name (b, "plain_pilot_unavailability");
      json_builder_begin_object (b);
      lm_json_member_double (b, "value", x->plain_check[0]);
      lm_json_member_double (b, "se", x->plain_check[1]);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  if (!x->has_ci)
    json_builder_add_string_value (b, "too few cycles reached failure for an interval");
  if (x->warn_drift)
    json_builder_add_string_value (b, "relative variance per cycle drifted between halves");
  if (x->warn_lr)
    json_builder_add_string_value (b, "likelihood ratio above 1e3");
  if (x->warn_disagree)
    json_builder_add_string_value (b, "the plain pilot disagrees: the tail was not sampled");
  if (x->stopped == LM_RARE_STOP_TIME)
    json_builder_add_string_value (b, "stopped by the time budget (machine-dependent)");
  json_builder_end_array (b);
  if (x->auto_chosen)
    {
      json_builder_set_member_name (b, "auto_pilot_work_variance");
      json_builder_begin_object (b);
      lm_json_member_double (b, "plain", x->pilot_work_var[0]);
      lm_json_member_double (b, "rare", x->pilot_work_var[1]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
criterion_json (JsonBuilder *b, const LmRareCriterion *c)
{
  const LmRareResult *x = &c->result;
  json_builder_set_member_name (b, c->criterion);
  json_builder_begin_object (b);
  member_string (b, "method", lm_rare_method_name (x->method));
  member_string (b, "engine", lm_rare_engine_name (x->engine));
  member_int (b, "k", x->k);
  member_value (b, "unavailability", &x->unavailability);
  member_value (b, "availability", &x->availability);
  member_value (b, "outages_per_year", &x->outages_per_year);
  member_value (b, "mean_outage_h", &x->mean_outage_h);
  rare_object (b, x);
  json_builder_end_object (b);
}

static void
interconnect_json (JsonBuilder *b, const LmRareIcResult *ir)
{
  json_builder_begin_object (b);
  member_string (b, "name", ir->interconnect);
  member_int (b, "components", ir->components);
  member_int (b, "connections", ir->connections);
  json_builder_set_member_name (b, "component_availability");
  json_builder_begin_object (b);
  for (guint j = 0; j < ir->criteria->len; j++)
    criterion_json (b, &g_array_index (ir->criteria, LmRareCriterion, j));
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* "exponential" when every estimate used it, else "general". */
static const char *
engine_of (const LmRareScenario *r)
{
  for (guint i = 0; i < lm_rare_scenario_n_interconnects (r); i++)
    {
      const LmRareIcResult *ir = lm_rare_scenario_interconnect (r, i);
      for (guint j = 0; j < ir->criteria->len; j++)
        if (g_array_index (ir->criteria, LmRareCriterion, j).result.engine != LM_RARE_ENGINE_CTMC)
          return lm_rare_engine_name (LM_RARE_ENGINE_GSMP);
    }
  return lm_rare_engine_name (LM_RARE_ENGINE_CTMC);
}

static void
header_json (JsonBuilder *b, const LmRareScenario *r, const LmScenario *sc, const char *fsha,
             const char *csha)
{
  member_string (b, "lmsim", LM_VERSION);
  member_string (b, "scenario", sc->name);
  member_string (b, "file_sha256", fsha);
  member_string (b, "config_sha256", csha);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, sc->seed);
  member_string (b, "seed", seed);
  member_string (b, "method", lm_rare_method_name (lm_rare_scenario_method (r)));
  member_string (b, "engine", engine_of (r));
  lm_json_member_double (b, "bias", lm_rare_scenario_bias (r));
  lm_json_member_double (b, "target", lm_rare_scenario_target (r));
  member_string (b, "denominator", lm_rare_scenario_exact_denominator (r) ? "exact" : "sim");
}

char *
lm_rare_json (const LmRareScenario *r, const LmScenario *sc, const char *file_sha256,
              const char *config_sha256)
{
  g_return_val_if_fail (r != NULL && sc != NULL, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  header_json (b, r, sc, file_sha256, config_sha256);
  json_builder_set_member_name (b, "interconnects");
  json_builder_begin_array (b);
  for (guint i = 0; i < lm_rare_scenario_n_interconnects (r); i++)
    interconnect_json (b, lm_rare_scenario_interconnect (r, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "run");
  json_builder_begin_object (b);
  lm_json_member_double (b, "wall_s", lm_rare_scenario_wall_s (r));
  member_int (b, "jobs", lm_rare_scenario_jobs (r));
  lm_json_member_double (b, "time_budget_s", lm_rare_scenario_time_budget (r) > 0
                                     ? lm_rare_scenario_time_budget (r) : NAN);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return lm_json_text (b);
}
