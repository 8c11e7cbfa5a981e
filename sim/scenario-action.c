/* sim/scenario-action.c — the grammar of actions and expectations.
 *
 *   VERB …  after `at T` / `after T` (or alone, for live mode):
 *     provision IC [via console|partner]      accept IC [key K]
 *     activate IC [key K]                     update IC bandwidth RATE
 *     delete IC
 *     fail [CLASS] TARGET [MODE] [as NAME]    repair [CLASS] TARGET
 *     flap [CLASS] TARGET [MODE] every T for D
 *     degrade [CLASS] TARGET loss P% [for T]  maintain [CLASS] TARGET for T [as NAME]
 *     macsec [CLASS] TARGET rekey|cak-rotate|cak-mismatch
 *
 *   expect [IC|*] METRIC …:
 *     convergence [of ID] <= T     availability >= P%   capacity-availability >= P%
 *     half-capacity-availability >= P%   full-capacity-availability >= P%
 *     loss <= P%   latency p50|p95|p99 <= T   state at T == STATE
 *     available within T
 *
 * Only syntax and single values are checked here; names are resolved
 * against the declared world after parsing (scenario-expand.c).
 */
#include <string.h>
#include "sim/scenario-private.h"

static const char *const verb_words[] = {
  "provision", "accept", "activate", "update", "delete", "fail", "repair", "flap", "degrade",
  "maintain", "macsec", NULL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (verb_words) == LM_SC_VERB_N + 1);

static const char *const class_words[] = {
  "site", "router-pair", "router", "link", "bgp", "partner-fabric", "first-mile", "gateway",
  NULL,
};
static const char *const mode_words[] = {
  "crash", "graceful", "silent", "carrier", "reset", NULL,
};
static const char *const via_words[] = { "console", "partner", NULL };
static const char *const macsec_op_words[] = { "rekey", "cak-rotate", "cak-mismatch", NULL };

static gboolean
expect_word (LmLx *lx, const char *word, const char *what)
{
  LmTok t = lm_sc_next (lx);
  if (lm_sc_tok_is (&t, word))
    return TRUE;
  lm_sc_expected (lx, &t, what);
  return FALSE;
}

static gboolean
at_end (LmLx *lx)
{
  LmTokKind k = lm_sc_peek (lx, 0)->kind;
  return k == LM_TOK_NL || k == LM_TOK_EOF;
}

static gboolean
interconnect_arg (LmLx *lx, LmScAction *a)
{
  LmScLoc loc;
  char *name;
  if (!lm_sc_ident (lx, "interconnect name", &name, &loc))
    return FALSE;
  a->target = name;
  a->target_loc = loc;
  a->klass = LM_SC_CLASS_NONE;
  return TRUE;
}

/* [CLASS] TARGET */
static gboolean
target_arg (LmLx *lx, LmScAction *a)
{
  const LmTok *t = lm_sc_peek (lx, 0);
  for (guint i = 0; class_words[i] != NULL; i++)
    if (lm_sc_tok_is (t, class_words[i]))
      {
        a->klass = (LmScClass) (LM_SC_CLASS_SITE + i);
        lm_sc_next (lx);
        break;
      }
  LmTok name = lm_sc_next (lx);
  if (name.kind != LM_TOK_WORD)
    {
      g_autofree char *w = a->klass != LM_SC_CLASS_NONE
        ? g_strdup_printf ("the name of a %s (e.g. %s)", lm_sc_class_name (a->klass),
                           a->klass == LM_SC_CLASS_SITE ? "ic1.A" : "ic1.A.rp1")
        : g_strdup ("a target such as 'site ic1.A' or 'ic1.A.rp1.link'");
      lm_sc_expected (lx, &name, w);
      return FALSE;
    }
  if (!lm_sc_check_target_syntax (lx, &name))
    return FALSE;
  a->target = lm_sc_tok_dup (&name);
  a->target_loc = lm_sc_tok_loc (lx, &name);
  return TRUE;
}

static gboolean
optional_mode (LmLx *lx, LmScAction *a, const char *after)
{
  const LmTok *t = lm_sc_peek (lx, 0);
  for (guint i = 0; mode_words[i] != NULL; i++)
    if (lm_sc_tok_is (t, mode_words[i]))
      {
        a->mode = (LmScMode) (LM_SC_MODE_CRASH + i);
        a->mode_loc = lm_sc_tok_loc (lx, t);
        lm_sc_next (lx);
        return TRUE;
      }
  if (t->kind != LM_TOK_WORD || lm_sc_tok_is (t, after))
    return TRUE;
  g_autofree char *s = lm_sc_tok_dup (t);
  const char *sug = lm_sc_suggest (s, mode_words);
  if (sug == NULL)
    return TRUE;       /* not a mode: the caller reports what it expected */
  g_autofree char *shown = lm_sc_shown (s, -1);
  lm_sc_error_at (lx, t, "unknown failure mode '%s'; did you mean '%s'?", shown, sug);
  return FALSE;
}

static gboolean
optional_as (LmLx *lx, LmScAction *a)
{
  if (!lm_sc_tok_is (lm_sc_peek (lx, 0), "as"))
    return TRUE;
  lm_sc_next (lx);
  const LmTok t = *lm_sc_peek (lx, 0);
  if (!lm_sc_ident (lx, "failure name after 'as'", &a->as_name, &a->as_loc))
    return FALSE;
  if (a->as_name[0] == 'f' && a->as_name[1] != '\0'
      && strspn (a->as_name + 1, "0123456789") == strlen (a->as_name + 1))
    {
      lm_sc_error_at (lx, &t, "'%s' looks like an automatic failure id (f1, f2, …); choose "
                      "another name", a->as_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
optional_key (LmLx *lx, LmScAction *a)
{
  if (!lm_sc_tok_is (lm_sc_peek (lx, 0), "key"))
    return TRUE;
  lm_sc_next (lx);
  const LmTok t = *lm_sc_peek (lx, 0);
  if (!lm_sc_word_or_string (lx, "an activation key (a word or a \"string\")", &a->key, NULL))
    return FALSE;
  gsize n = g_utf8_strlen (a->key, -1);
  if (n == 0 || n > 2048)
    {
      lm_sc_error_at (lx, &t, "an activation key has 1 to 2048 characters");
      return FALSE;
    }
  return TRUE;
}

static gboolean
length_arg (LmLx *lx, LmScAction *a, const char *what)
{
  const LmTok t = *lm_sc_peek (lx, 0);
  if (!lm_sc_duration (lx, what, &a->length, NULL))
    return FALSE;
  if (a->length == 0)
    {
      lm_sc_error_at (lx, &t, "%s must be above 0s", what);
      return FALSE;
    }
  a->has_length = TRUE;
  return TRUE;
}

static gboolean
update_bandwidth (LmLx *lx, LmScAction *a)
{
  const LmTok t = *lm_sc_peek (lx, 0);
  if (!lm_sc_rate (lx, "bandwidth", &a->bandwidth_bps, NULL))
    return FALSE;
  if (lm_sc_is_tier (a->bandwidth_bps))
    return TRUE;
  g_autofree char *s = lm_sc_rate_string (a->bandwidth_bps);
  lm_sc_error_at (lx, &t, "bandwidth %s is not a tier; expected %s", s, lm_sc_tier_list);
  return FALSE;
}

static gboolean
verb_args (LmLx *lx, LmScAction *a)
{
  guint v;
  switch (a->verb)
    {
    case LM_SC_VERB_PROVISION:
      if (!interconnect_arg (lx, a))
        return FALSE;
      if (!lm_sc_tok_is (lm_sc_peek (lx, 0), "via"))
        return TRUE;
      lm_sc_next (lx);
      if (!lm_sc_choice (lx, "ordering path", via_words, &v, NULL))
        return FALSE;
      a->via = (LmScVia) v;
      return TRUE;
    case LM_SC_VERB_ACCEPT:
    case LM_SC_VERB_ACTIVATE:
      return interconnect_arg (lx, a) && optional_key (lx, a);
    case LM_SC_VERB_UPDATE:
      return interconnect_arg (lx, a)
             && expect_word (lx, "bandwidth", "'bandwidth' (update ic1 bandwidth 25Gbps)")
             && update_bandwidth (lx, a);
    case LM_SC_VERB_DELETE:
      return interconnect_arg (lx, a);
    case LM_SC_VERB_FAIL:
      return target_arg (lx, a) && optional_mode (lx, a, "as") && optional_as (lx, a);
    case LM_SC_VERB_REPAIR:
      return target_arg (lx, a);
    case LM_SC_VERB_FLAP:
      return target_arg (lx, a) && optional_mode (lx, a, "every")
             && expect_word (lx, "every", "'every T for D' (flap ic1.A.rp1.link every 10s "
                             "for 5m)")
             && lm_sc_duration (lx, "flap half period", &a->every, NULL)
             && expect_word (lx, "for", "'for D' after the flap period")
             && length_arg (lx, a, "flap length");
    case LM_SC_VERB_DEGRADE:
      if (!target_arg (lx, a)
          || !expect_word (lx, "loss", "'loss P%' (degrade ic1.A.rp1.link loss 1%)")
          || !lm_sc_percent (lx, "loss", &a->loss_percent, NULL))
        return FALSE;
      a->loss_fraction = a->loss_percent / 100.0;
      if (!lm_sc_tok_is (lm_sc_peek (lx, 0), "for"))
        return TRUE;
      lm_sc_next (lx);
      return length_arg (lx, a, "degradation length");
    case LM_SC_VERB_MAINTAIN:
      return target_arg (lx, a)
             && expect_word (lx, "for", "'for T' (maintain site ic1.A for 2h)")
             && length_arg (lx, a, "maintenance length") && optional_as (lx, a);
    case LM_SC_VERB_MACSEC:
      if (!target_arg (lx, a)
          || !lm_sc_choice (lx, "MACsec operation", macsec_op_words, &v, NULL))
        return FALSE;
      a->macsec_op = (LmScMacsecOp) v;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

LmScAction *
lm_sc_parse_action_body (LmLx *lx, const LmTok *first)
{
  const LmTok verb = *lm_sc_peek (lx, 0);
  guint v;
  if (verb.kind != LM_TOK_WORD)
    {
      LmTok t = lm_sc_next (lx);
      lm_sc_expected (lx, &t, "an action (provision, accept, activate, update, delete, fail, "
                      "repair, flap, degrade, maintain or macsec)");
      return NULL;
    }
  if (!lm_sc_choice (lx, "action", verb_words, &v, NULL))
    return NULL;
  g_autoptr (LmScAction) a = lm_sc_action_new ();
  a->verb = (LmScVerb) v;
  a->text = lm_sc_statement_text (lx, &verb);
  if (!verb_args (lx, a))
    return NULL;
  if (!at_end (lx))
    {
      const LmTok *t = lm_sc_peek (lx, 0);
      g_autofree char *got = lm_sc_tok_describe (t);
      const char *hint = a->verb == LM_SC_VERB_FAIL ? " (expected a mode or 'as NAME')" : "";
      lm_sc_error_at (lx, t, "unexpected %s at the end of '%s'%s", got, verb_words[v], hint);
      return NULL;
    }
  return g_steal_pointer (&a);
}

/* ------------------------------------------------------------------ expect */

static const char *const metric_words[] = {
  "convergence", "availability", "capacity-availability", "half-capacity-availability",
  "full-capacity-availability", "loss", "latency", "state", "available", NULL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (metric_words) == LM_SC_EXPECT_N + 1);

static const char *const state_words[] = {
  "requested", "pending", "available", "down", "updating", "deleting", "deleted", "failed",
  "none", NULL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_words) == LM_SC_IC_STATE_N + 1);

static const char *const op_text[] = { "<=", ">=", "==" };

static gboolean
compare_op (LmLx *lx, LmScExpectation *e, LmScCompare want)
{
  LmTok t = lm_sc_next (lx);
  if (t.kind == LM_TOK_OP && t.len == 2 && memcmp (t.p, op_text[want], 2) == 0)
    {
      e->op = want;
      return TRUE;
    }
  g_autofree char *got = lm_sc_tok_describe (&t);
  const char *why = want == LM_SC_OP_LE ? " (a budget is an upper bound)"
                    : want == LM_SC_OP_GE ? " (a floor)" : "";
  lm_sc_error_at (lx, &t, "expected '%s' after '%s'%s, got %s", op_text[want],
                  metric_words[e->kind], why, got);
  return FALSE;
}

static gboolean
expect_percent (LmLx *lx, LmScExpectation *e, LmScCompare op)
{
  if (!compare_op (lx, e, op) || !lm_sc_percent (lx, metric_words[e->kind], &e->percent, NULL))
    return FALSE;
  e->fraction = e->percent / 100.0;
  return TRUE;
}

static gboolean
latency_args (LmLx *lx, LmScExpectation *e)
{
  LmTok p = lm_sc_next (lx);
  static const char *const pct[] = { "p50", "p95", "p99", NULL };
  static const guint values[] = { 50, 95, 99 };
  for (guint i = 0; pct[i] != NULL; i++)
    if (lm_sc_tok_is (&p, pct[i]))
      {
        e->percentile = values[i];
        return compare_op (lx, e, LM_SC_OP_LE)
               && lm_sc_duration (lx, "latency", &e->time_value, NULL);
      }
  lm_sc_expected (lx, &p, "a percentile (p50, p95 or p99)");
  return FALSE;
}

static gboolean
convergence_args (LmLx *lx, LmScExpectation *e)
{
  if (lm_sc_tok_is (lm_sc_peek (lx, 0), "of"))
    {
      lm_sc_next (lx);
      LmTok id = lm_sc_next (lx);
      g_autofree char *ids = lm_sc_tok_dup (&id);
      if (id.kind != LM_TOK_WORD || !lm_sc_is_ident (ids))
        {
          lm_sc_expected (lx, &id, "a failure id after 'of' (f1, or an 'as' name)");
          return FALSE;
        }
      e->failure_id = lm_sc_tok_dup (&id);
      e->failure_loc = lm_sc_tok_loc (lx, &id);
    }
  else if (e->interconnect == NULL)
    {
      LmTok t = lm_sc_next (lx);
      lm_sc_expected (lx, &t, "'of FAILURE-ID' (or name the interconnect: "
                      "expect ic1 convergence <= 1s)");
      return FALSE;
    }
  return compare_op (lx, e, LM_SC_OP_LE)
         && lm_sc_duration (lx, "convergence time", &e->time_value, NULL);
}

static gboolean
metric_args (LmLx *lx, LmScExpectation *e)
{
  guint s;
  switch (e->kind)
    {
    case LM_SC_EXPECT_CONVERGENCE:
      return convergence_args (lx, e);
    case LM_SC_EXPECT_AVAILABILITY:
    case LM_SC_EXPECT_CAPACITY_AVAILABILITY:
    case LM_SC_EXPECT_HALF_CAPACITY_AVAILABILITY:
    case LM_SC_EXPECT_FULL_CAPACITY_AVAILABILITY:
      return expect_percent (lx, e, LM_SC_OP_GE);
    case LM_SC_EXPECT_LOSS:
      return expect_percent (lx, e, LM_SC_OP_LE);
    case LM_SC_EXPECT_LATENCY:
      return latency_args (lx, e);
    case LM_SC_EXPECT_STATE:
      if (!expect_word (lx, "at", "'at T == STATE' (expect ic1 state at 1h == available)")
          || !lm_sc_duration (lx, "time after 'at'", &e->state_at, NULL)
          || !compare_op (lx, e, LM_SC_OP_EQ)
          || !lm_sc_choice (lx, "interconnect state", state_words, &s, NULL))
        return FALSE;
      e->state = (LmScIcState) s;
      return TRUE;
    case LM_SC_EXPECT_AVAILABLE_WITHIN:
      return expect_word (lx, "within", "'within T' (expect ic1 available within 10m)")
             && lm_sc_duration (lx, "time after 'within'", &e->time_value, NULL);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_metric (const LmTok *t)
{
  for (guint i = 0; metric_words[i] != NULL; i++)
    if (lm_sc_tok_is (t, metric_words[i]))
      return TRUE;
  return FALSE;
}

LmScExpectation *
lm_sc_parse_expect_body (LmLx *lx, const LmTok *expect_tok)
{
  LmScExpectation *e = g_new0 (LmScExpectation, 1);
  e->loc = lm_sc_tok_loc (lx, expect_tok);
  e->interconnects = g_ptr_array_new ();
  const LmTok first = *lm_sc_peek (lx, 0);
  e->text = lm_sc_statement_text (lx, &first);
  if (first.kind == LM_TOK_WORD && !is_metric (&first))
    {
      LmTok t = lm_sc_next (lx);
      e->interconnect = lm_sc_tok_dup (&t);
      e->interconnect_loc = lm_sc_tok_loc (lx, &t);
      if (strcmp (e->interconnect, "*") != 0 && !lm_sc_is_ident (e->interconnect))
        {
          lm_sc_expected (lx, &t, "an interconnect name or '*'");
          lm_sc_expectation_free (e);
          return NULL;
        }
    }
  guint k;
  const LmTok metric = *lm_sc_peek (lx, 0);
  if (!lm_sc_choice (lx, "expectation", metric_words, &k, NULL))
    {
      lm_sc_expectation_free (e);
      return NULL;
    }
  e->kind = (LmScExpectKind) k;
  if (e->interconnect == NULL && e->kind != LM_SC_EXPECT_CONVERGENCE)
    {
      lm_sc_error_at (lx, &metric, "name the interconnect before '%s' (expect ic1 %s …, or "
                      "'*' for every interconnect)", metric_words[k], metric_words[k]);
      lm_sc_expectation_free (e);
      return NULL;
    }
  if (!metric_args (lx, e))
    {
      lm_sc_expectation_free (e);
      return NULL;
    }
  return e;
}
