/* sim/scenario-set.c — command-line overrides: `--set PATH=VALUE` and
 * `--sweep PATH=V1,V2,…`.
 *
 * Paths (DESIGN §6): KEY at top level (seed, duration, replications; sites
 * and pairs-per-site there apply to every interconnect), BLOCK.KEY
 * (bgp.hold, macsec.mode, provisioning.quota, rare.bias), NAME.KEY (ic1.bandwidth),
 * traffic.NAME.KEY, gateway.NAME.KEY, failures.CLASS.KEY, failures.clocks.  The value is read by the very code that reads the
 * same key in a file, so it takes the same syntax and the same checks; the
 * value's location is the option itself, and every error names it:
 * "--set bgp.hold=2s: error: hold time 2s is below 3s …".  Overrides apply
 * after every file is parsed, in the order given, before the checks.
 */
#include <string.h>
#include "sim/scenario-private.h"

typedef struct {
  char *flag;      /* "--set" or "--sweep" */
  char *arg;       /* PATH=VALUE as given */
  char *path;
  char *value;
} Override;

struct _LmScenarioOverrides {
  GPtrArray *items;
};

static void
override_free (Override *o)
{
  g_free (o->flag);
  g_free (o->arg);
  g_free (o->path);
  g_free (o->value);
  g_free (o);
}

LmScenarioOverrides *
lm_scenario_overrides_new (void)
{
  LmScenarioOverrides *set = g_new0 (LmScenarioOverrides, 1);
  set->items = g_ptr_array_new_with_free_func ((GDestroyNotify) override_free);
  return set;
}

void
lm_scenario_overrides_free (LmScenarioOverrides *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->items);
  g_free (set);
}

guint
lm_scenario_overrides_count (const LmScenarioOverrides *set)
{
  return set != NULL ? set->items->len : 0;
}

gboolean
lm_scenario_overrides_add (LmScenarioOverrides *set, const char *arg, GError **error)
{
  return lm_scenario_overrides_add_as (set, "--set", arg, error);
}

gboolean
lm_scenario_overrides_add_as (LmScenarioOverrides *set, const char *flag, const char *arg,
                              GError **error)
{
  const char *eq = strchr (arg, '=');
  if (eq == NULL || eq == arg || eq[1] == '\0' || strlen (arg) > LM_SCENARIO_MAX_LINE_BYTES)
    {
      g_autofree char *shown = lm_sc_shown (arg, -1);
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_INVALID,
                   "%s %s: error: expected PATH=VALUE (e.g. --set bgp.hold=30s)", flag, shown);
      return FALSE;
    }
  Override *o = g_new0 (Override, 1);
  o->flag = g_strdup (flag);
  o->arg = g_strdup (arg);
  o->path = g_strndup (arg, (gsize) (eq - arg));
  o->value = g_strdup (eq + 1);
  g_ptr_array_add (set->items, o);
  return TRUE;
}

gboolean
lm_scenario_overrides_add_key (LmScenarioOverrides *set, const char *flag, const char *path,
                               const char *value, GError **error)
{
  g_autofree char *arg = g_strdup_printf ("%s=%s", path, value);
  if (!lm_scenario_overrides_add_as (set, flag, arg, error))
    return FALSE;
  Override *o = g_ptr_array_index (set->items, set->items->len - 1);
  g_free (o->arg);
  o->arg = g_strdup (value);   /* messages say "--failure-clocks VALUE: …" */
  return TRUE;
}

GStrv
lm_scenario_sweep_split (const char *arg, GError **error)
{
  const char *eq = strchr (arg, '=');
  g_autofree char *shown = lm_sc_shown (arg, -1);
  if (eq == NULL || eq == arg || eq[1] == '\0')
    {
      g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_INVALID,
                   "--sweep %s: error: expected PATH=V1,V2,… (e.g. --sweep bgp.hold=9s,30s,90s)",
                   shown);
      return NULL;
    }
  g_autofree char *path = g_strndup (arg, (gsize) (eq - arg));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  int depth = 0;
  const char *start = eq + 1;
  for (const char *p = start;; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
      if (depth < 0 || ((*p == ',' || *p == '\0') && depth == 0 && p == start)
          || (*p == '\0' && depth != 0))
        {
          g_set_error (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_INVALID,
                       "--sweep %s: error: %s", shown,
                       depth != 0 ? "unbalanced parentheses" : "an empty value");
          g_ptr_array_unref (out);
          return NULL;
        }
      if ((*p == ',' && depth == 0) || *p == '\0')
        {
          g_ptr_array_add (out, g_strdup_printf ("%s=%.*s", path, (int) (p - start), start));
          start = p + 1;
        }
      if (*p == '\0')
        break;
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* ------------------------------------------------------------------ applying */

typedef gboolean (*KeyFn) (LmLx *lx, gpointer obj, const LmTok *key);

static gboolean
bgp_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_bgp_key (lx, obj, key);
}

static gboolean
macsec_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_macsec_key (lx, obj, key);
}

static gboolean
interconnect_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_interconnect_key (lx, obj, key);
}

static gboolean
traffic_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_traffic_key (lx, obj, key);
}

static gboolean
failure_class_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_failure_class_key (lx, obj, key);
}

static void
value_done (LmLx *lx)
{
  const LmTok *t = lm_sc_peek (lx, 0);
  if (t->kind == LM_TOK_EOF)
    return;
  g_autofree char *got = lm_sc_tok_describe (t);
  lm_sc_error_at (lx, t, "unexpected %s after the value", got);
}

/* Reads "KEY VALUE" with @fn into @obj; errors name @option. */
static void
apply_key (LmScCtx *ctx, const char *option, const char *key, const char *value, KeyFn fn,
           gpointer obj)
{
  g_autofree char *text = g_strdup_printf ("%s %s", key, value);
  LmLx lx;
  lm_sc_lexer_init (&lx, ctx, NULL, option, text, strlen (text));
  lx.depth = 1;           /* newlines and '}' are not special */
  LmTok k = lm_sc_next (&lx);
  if (k.kind != LM_TOK_WORD || k.len != strlen (key))
    {
      lm_sc_error (ctx, lm_sc_tok_loc (&lx, &k), 1, "'%s' is not a setting name", key);
      return;
    }
  if (fn (&lx, obj, &k))
    value_done (&lx);
  else
    g_hash_table_add (ctx->broken, obj);
}

static gboolean
failures_clocks_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_failures_clocks (lx, obj);
}

static void
apply_uint_all (LmScCtx *ctx, const char *option, const char *key, const char *value)
{
  LmScenario *sc = ctx->sc;
  for (guint i = 0; i < sc->interconnects->len; i++)
    apply_key (ctx, option, key, value, interconnect_fn, sc->interconnects->pdata[i]);
}

static gboolean
top_level_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScenario *sc = obj;
  if (lm_sc_tok_is (key, "seed"))
    return lm_sc_uint (lx, "seed", 0, G_MAXUINT64, &sc->seed, &sc->seed_loc);
  if (lm_sc_tok_is (key, "replications"))
    return lm_sc_uint (lx, "replications", 1, 1000000000, &sc->replications,
                       &sc->replications_loc);
  const LmTok t = *lm_sc_peek (lx, 0);
  LmTime d;
  LmScLoc l;
  if (!lm_sc_duration (lx, "duration", &d, &l))
    return FALSE;
  if (d == 0)
    {
      lm_sc_error_at (lx, &t, "duration must be above 0s");
      return FALSE;
    }
  sc->duration = d;
  sc->duration_loc = l;
  return TRUE;
}

static void
unknown_path (LmScCtx *ctx, const char *option, const char *path, const char *first)
{
  LmScLoc loc = { NULL, 0, 0, option };
  static const char *const roots[] = {
    "seed", "duration", "replications", "sites", "pairs-per-site", "bgp", "macsec", "traffic",
    "failures", "provisioning", "gateway", "rare", NULL,
  };
  const char *sug = lm_sc_suggest (first, roots);
  if (sug == NULL)
    sug = lm_sc_suggest_names (first, ctx->sc->interconnects);
  g_autofree char *dym = lm_sc_did_you_mean (sug);
  lm_sc_error (ctx, loc, 1, "unknown setting '%s'%s (paths: seed, duration, replications, "
               "sites, pairs-per-site, bgp.KEY, macsec.KEY, provisioning.KEY, rare.KEY, NAME.KEY, "
               "traffic.NAME.KEY, gateway.NAME.KEY, failures.CLASS.KEY, failures.clocks)", path, dym);
}

static gboolean
apply_three (LmScCtx *ctx, const char *option, char **seg, const char *value)
{
  LmScenario *sc = ctx->sc;
  LmScLoc loc = { NULL, 0, 0, option };
  if (strcmp (seg[0], "traffic") == 0)
    {
      if (!lm_sc_is_ident (seg[1]))
        return FALSE;
      apply_key (ctx, option, seg[2], value, traffic_fn, lm_sc_get_traffic (sc, seg[1], loc));
      return TRUE;
    }
  if (strcmp (seg[0], "gateway") == 0)
    {
      if (!lm_sc_is_ident (seg[1]) || lm_scenario_find_gateway (sc, seg[1]) == NULL)
        {
          lm_sc_error (ctx, loc, 1, "unknown gateway '%s'", seg[1]);
          return TRUE;
        }
      apply_key (ctx, option, seg[2], value, lm_sc_gateway_block_key,
                 lm_sc_get_gateway (sc, seg[1]));
      return TRUE;
    }
  if (strcmp (seg[0], "failures") != 0)
    return FALSE;
  for (guint k = LM_SC_CLASS_SITE; k < LM_SC_CLASS_N; k++)
    if (strcmp (seg[1], lm_sc_class_name ((LmScClass) k)) == 0)
      {
        LmScFailureClass *fc = lm_sc_get_failure_class (sc, (LmScClass) k, loc);
        apply_key (ctx, option, seg[2], value, failure_class_fn, fc);
        return TRUE;
      }
  lm_sc_error (ctx, loc, 1, "unknown failure class '%s' (expected site, router-pair, router, "
               "link, bgp, partner-fabric, first-mile or gateway)", seg[1]);
  return TRUE;
}

static void
apply_one (LmScCtx *ctx, const Override *o)
{
  LmScenario *sc = ctx->sc;
  g_autofree char *opt = g_strdup_printf ("%s %s", o->flag, o->arg);
  const char *option = lm_sc_intern (ctx, opt);
  g_auto (GStrv) seg = g_strsplit (o->path, ".", -1);
  guint n = g_strv_length (seg);
  if (n == 1 && (strcmp (seg[0], "sites") == 0 || strcmp (seg[0], "pairs-per-site") == 0))
    apply_uint_all (ctx, option, seg[0], o->value);
  else if (n == 1 && (strcmp (seg[0], "seed") == 0 || strcmp (seg[0], "duration") == 0
                      || strcmp (seg[0], "replications") == 0))
    apply_key (ctx, option, seg[0], o->value, top_level_fn, sc);
  else if (n == 2 && strcmp (seg[0], "bgp") == 0)
    apply_key (ctx, option, seg[1], o->value, bgp_fn, &sc->bgp);
  else if (n == 2 && strcmp (seg[0], "macsec") == 0)
    apply_key (ctx, option, seg[1], o->value, macsec_fn, &sc->macsec);
  else if (n == 2 && strcmp (seg[0], "failures") == 0 && strcmp (seg[1], "clocks") == 0)
    apply_key (ctx, option, seg[1], o->value, failures_clocks_fn, sc);
  else if (n == 2 && strcmp (seg[0], "provisioning") == 0)
    apply_key (ctx, option, seg[1], o->value, lm_sc_provisioning_key, &sc->provisioning);
  else if (n == 2 && strcmp (seg[0], "rare") == 0)
    apply_key (ctx, option, seg[1], o->value, lm_sc_rare_key, &sc->rare);
  else if (n == 2 && lm_scenario_find_interconnect (sc, seg[0]) != NULL)
    apply_key (ctx, option, seg[1], o->value, interconnect_fn,
               (gpointer) lm_scenario_find_interconnect (sc, seg[0]));
  else if (n == 3 && apply_three (ctx, option, seg, o->value))
    ;
  else
    unknown_path (ctx, option, o->path, seg[0] != NULL ? seg[0] : "");
}

void
lm_sc_apply_overrides (LmScCtx *ctx, const LmScenarioOverrides *set)
{
  for (guint i = 0; set != NULL && i < set->items->len && !ctx->stop; i++)
    apply_one (ctx, set->items->pdata[i]);
}
