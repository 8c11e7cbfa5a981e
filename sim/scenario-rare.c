/* sim/scenario-rare.c — the `rare { … }` block: the settings of the
 * rare-event method (docs/scenario-language.md §10a).
 *
 *     rare { method rare  bias 0.5  target 1%  denominator sim }
 *
 * method plain|rare|auto; bias, the probability p of "a failure next" of
 * balanced failure biasing, a number in [0.1, 0.8] (above ~0.85 the
 * estimator's second moment is infinite on some data, reference §4); target,
 * the relative 95 % half-width to stop at, a percentage in (0, 100);
 * denominator sim|exact (exact: 1/(π₀·Λ₀), for independent components).
 * Keys merge one by one like every block; `--set rare.KEY=VALUE` reads the
 * same way.  Checks across blocks (exponential failures, …) belong to the
 * method itself (analysis/rare-scenario.c), which reports them located.
 */
#include <math.h>
#include "sim/scenario-private.h"

const char *const lm_sc_rare_keys[] = { "method", "bias", "target", "denominator", NULL };

static const char *const method_words[] = { "plain", "rare", "auto", NULL };
static const char *const denominator_words[] = { "sim", "exact", NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (method_words) == LM_SC_METHOD_N + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (denominator_words) == LM_SC_DENOMINATOR_N + 1);

const char *
lm_sc_method_name (LmScMethod m)
{
  g_return_val_if_fail (m < LM_SC_METHOD_N, "?");
  return method_words[m];
}

const char *
lm_sc_denominator_name (LmScDenominator d)
{
  g_return_val_if_fail (d < LM_SC_DENOMINATOR_N, "?");
  return denominator_words[d];
}

void
lm_sc_rare_defaults (LmScRare *r)
{
  *r = (LmScRare) {
    .method = LM_SC_METHOD_PLAIN, .bias = 0.5, .target_percent = 1.0, .target_fraction = 0.01,
    .denominator = LM_SC_DENOMINATOR_SIM,
  };
}

static gboolean
bias_key (LmLx *lx, LmScRare *r)
{
  LmTok t = lm_sc_next (lx);
  g_autofree char *text = lm_sc_tok_dup (&t);
  char *end = NULL;
  double v = t.kind == LM_TOK_NUMBER ? g_ascii_strtod (text, &end) : NAN;
  if (t.kind != LM_TOK_NUMBER || end == NULL || *end != '\0' || !isfinite (v))
    {
      lm_sc_expected (lx, &t, "the bias, a probability such as 0.5");
      return FALSE;
    }
  if (!(v >= LM_SC_RARE_BIAS_MIN && v <= LM_SC_RARE_BIAS_MAX))
    {
      lm_sc_error_at (lx, &t, "bias %s is outside [0.1, 0.8] (above about 0.85 the estimator's "
                      "variance can be infinite)", text);
      return FALSE;
    }
  r->bias = v;
  r->bias_loc = lm_sc_tok_loc (lx, &t);
  return TRUE;
}

static gboolean
target_key (LmLx *lx, LmScRare *r)
{
  const LmTok t = *lm_sc_peek (lx, 0);
  double pc;
  LmScLoc loc;
  if (!lm_sc_percent (lx, "target", &pc, &loc))
    return FALSE;
  if (!(pc > 0 && pc < 100))
    {
      lm_sc_error_at (lx, &t, "target: a relative half-width must be above 0%% and below 100%%");
      return FALSE;
    }
  r->target_percent = pc;
  r->target_fraction = pc / 100.0;
  r->target_loc = loc;
  return TRUE;
}

gboolean
lm_sc_rare_key (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScRare *r = obj;
  guint v;
  if (lm_sc_tok_is (key, "bias"))
    return bias_key (lx, r);
  if (lm_sc_tok_is (key, "target"))
    return target_key (lx, r);
  if (lm_sc_tok_is (key, "method"))
    {
      if (!lm_sc_choice (lx, "method", method_words, &v, &r->method_loc))
        return FALSE;
      r->method = (LmScMethod) v;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "denominator"))
    {
      if (!lm_sc_choice (lx, "denominator", denominator_words, &v, &r->denominator_loc))
        return FALSE;
      r->denominator = (LmScDenominator) v;
      return TRUE;
    }
  g_autofree char *s = lm_sc_tok_dup (key);
  g_autofree char *shown = lm_sc_shown (s, -1);
  const char *sug = lm_sc_suggest (s, lm_sc_rare_keys);
  if (sug != NULL)
    lm_sc_error_at (lx, key, "unknown rare setting '%s'; did you mean '%s'?", shown, sug);
  else
    lm_sc_error_at (lx, key, "unknown rare setting '%s' (expected method, bias, target or "
                    "denominator)", shown);
  return FALSE;
}

static void
rare_line (GString *out, LmScLoc loc, const char *key, const char *value)
{
  g_string_append_printf (out, LM_SC_IS_SET (loc) ? "    %s %s\n" : "    # %s %s\n", key, value);
}

void
lm_sc_print_rare (GString *out, const LmScRare *r)
{
  if (!LM_SC_IS_SET (r->method_loc) && !LM_SC_IS_SET (r->bias_loc)
      && !LM_SC_IS_SET (r->target_loc) && !LM_SC_IS_SET (r->denominator_loc))
    return;   /* all defaults: no block (older canonical forms stay the same) */
  g_autofree char *bias = lm_sc_double_string (r->bias);
  g_autofree char *pc = lm_sc_double_string (r->target_percent);
  g_autofree char *target = g_strconcat (pc, "%", NULL);
  g_string_append (out, "\nrare {\n");
  rare_line (out, r->method_loc, "method", method_words[r->method]);
  rare_line (out, r->bias_loc, "bias", bias);
  rare_line (out, r->target_loc, "target", target);
  rare_line (out, r->denominator_loc, "denominator", denominator_words[r->denominator]);
  g_string_append (out, "}\n");
}
