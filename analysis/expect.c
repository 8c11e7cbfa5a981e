/* analysis/expect.c — `expect` budgets (DESIGN §7 defines each figure).
 *
 *   convergence <= T            max over the interconnect's failures of
 *                               failure → last forwarding change (or one
 *                               failure: `convergence of ID`); a failure
 *                               nothing restored counts as not converged
 *   availability >= P%, capacity-, half-capacity-, full-capacity-
 *                               fraction of time from available_at to the end
 *   loss <= P%                  lost / offered, both directions, all causes
 *   latency pNN <= T            bit-weighted percentile of delivered traffic
 *   state at T == S             the lifecycle state at T
 *   available within T          available_at - ordered_at <= T, where
 *                               ordered_at is the script's first provision,
 *                               accept or activate of it (0 when none)
 */
#include "analysis/expect.h"

#include <math.h>
#include <string.h>

char *
lm_format_percent (double fraction)
{
  if (isnan (fraction))
    return g_strdup ("n/a");
  double pct = fraction * 100.0;
  if (pct > 0 && pct < 0.001)
    return g_strdup_printf ("%.2g %%", pct);   /* 1.2e-05 %: small, but not zero */
  char *s = g_strdup_printf ("%.4f", pct);
  /* trim trailing zeros and a bare point */
  char *end = s + strlen (s) - 1;
  while (end > s && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  char *out = g_strconcat (s, " %", NULL);
  g_free (s);
  return out;
}

static gboolean
compare (double value, LmScCompare op, double limit)
{
  switch (op)
    {
    case LM_SC_OP_LE: return value <= limit;
    case LM_SC_OP_GE: return value >= limit;
    case LM_SC_OP_EQ: return value == limit;
    default: return FALSE;
    }
}

/* Worst convergence over the interconnect's failures (scripted and random,
 * as metrics saw them open), each as lm_metrics_failure_restore_s() counts
 * it: converged, or else over at its repair; -1 when there were none. */
static double
convergence (LmRun *run, const LmScExpectation *e, guint ic)
{
  LmMetrics *m = lm_run_metrics (run);
  const char *name = lm_metrics_interconnect (m, ic);
  double worst = -1;
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *fm = lm_metrics_failure (m, i);
      if (fm->interconnect == NULL || strcmp (fm->interconnect, name) != 0)
        continue;
      if (e->failure != NULL && strcmp (e->failure->id, fm->id) != 0)
        continue;
      double v = lm_metrics_failure_restore_s (m, fm, NULL);
      if (!isnan (v))   /* NaN: it changed nothing, the path was already out of service */
        worst = MAX (worst, v);
    }
  return worst;
}

static LmAvailKind
avail_kind (LmScExpectKind k)
{
  switch (k)
    {
    case LM_SC_EXPECT_CAPACITY_AVAILABILITY: return LM_AVAIL_CAPACITY;
    case LM_SC_EXPECT_HALF_CAPACITY_AVAILABILITY: return LM_AVAIL_HALF_CAPACITY;
    case LM_SC_EXPECT_FULL_CAPACITY_AVAILABILITY: return LM_AVAIL_FULL_CAPACITY;
    default: return LM_AVAIL_REACHABILITY;
    }
}

static char *
duration_text (double s)
{
  if (isinf (s))
    return g_strdup ("never");
  char buf[LM_TIME_HUMAN_LEN];
  return g_strdup (lm_time_human ((LmTime) llround (s * 1e9), buf));
}

/* One interconnect: sets *value (NaN: nothing to measure) and *text. */
static gboolean
evaluate_one (LmRun *run, const LmScExpectation *e, guint ic, double *value, char **text)
{
  LmMetrics *m = lm_run_metrics (run);
  switch (e->kind)
    {
    case LM_SC_EXPECT_CONVERGENCE:
      *value = convergence (run, e, ic);
      if (*value < 0)
        {
          *value = NAN;
          *text = g_strdup ("no failure");
          return TRUE;
        }
      *text = duration_text (*value);
      return compare (*value, e->op, LM_TIME_TO_S (e->time_value));
    case LM_SC_EXPECT_AVAILABILITY:
    case LM_SC_EXPECT_CAPACITY_AVAILABILITY:
    case LM_SC_EXPECT_HALF_CAPACITY_AVAILABILITY:
    case LM_SC_EXPECT_FULL_CAPACITY_AVAILABILITY:
      *value = lm_metrics_availability (m, ic, avail_kind (e->kind));
      *text = lm_format_percent (*value);
      return !isnan (*value) && compare (*value, e->op, e->fraction);
    case LM_SC_EXPECT_LOSS:
      *value = lm_run_loss_ratio (run, ic);
      *text = lm_format_percent (*value);
      return isnan (*value) || compare (*value, e->op, e->fraction);
    case LM_SC_EXPECT_LATENCY:
      *value = lm_run_latency (run, ic, e->percentile / 100.0);
      *text = isnan (*value) ? g_strdup ("no traffic") : duration_text (*value);
      return !isnan (*value) && compare (*value, e->op, LM_TIME_TO_S (e->time_value));
    case LM_SC_EXPECT_STATE:
      {
        const char *st = lm_metrics_state_at (m, ic, e->state_at);
        *value = NAN;
        *text = g_strdup (st ? st : "none");     /* not announced yet: none */
        return strcmp (st ? st : "none", lm_sc_ic_state_name (e->state)) == 0;
      }
    case LM_SC_EXPECT_AVAILABLE_WITHIN:
      {
        LmTime at = lm_metrics_available_at (m, ic);
        LmTime from = MAX (0, lm_prov_ordered_at (lm_run_scenario (run), ic));
        *value = at < 0 ? INFINITY : LM_TIME_TO_S (at - from);
        *text = at < 0 ? g_strdup ("never available") : duration_text (*value);
        return at >= 0 && at - from <= e->time_value;
      }
    default:
      *value = NAN;
      *text = g_strdup ("?");
      return FALSE;
    }
}

void
lm_expect_evaluate (LmRun *run, const LmScExpectation *e, LmExpectResult *out)
{
  out->expect = e;
  out->passed = TRUE;
  out->has_value = FALSE;
  out->value = NAN;
  out->value_text = NULL;
  for (guint i = 0; i < e->interconnects->len; i++)
    {
      guint ic = GPOINTER_TO_UINT (g_ptr_array_index (e->interconnects, i));
      double v;
      char *text = NULL;
      gboolean ok = evaluate_one (run, e, ic, &v, &text);
      /* keep the first failing interconnect's figure, else the first */
      if (out->value_text == NULL || (!ok && out->passed))
        {
          g_free (out->value_text);
          out->value_text = text;
          out->value = v;
          out->has_value = !isnan (v) && !isinf (v);
        }
      else
        g_free (text);
      out->passed = out->passed && ok;
    }
  if (out->value_text == NULL)
    out->value_text = g_strdup ("no interconnect");
}
