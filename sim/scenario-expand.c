/* sim/scenario-expand.c — names against the declared world, and the
 * timeline.
 *
 * Names (DESIGN §6): IC, IC.A (sites, letters in order), IC.A.rp1 (router
 * pairs), IC.A.rp1.cloud / .partner (routers), IC.A.rp1.link,
 * IC.A.rp1.bgp (both sessions), IC.A.rp1.bgp.ipv4 / .ipv6, IC.fabric (the
 * partner fabric), IC.first-mile, IC.gateway.  `*` matches exactly one part;
 * matches are sorted by name (digit runs by value: rp2 < rp10) and a
 * pattern that matches nothing is an error.
 *
 * The timeline: actions sorted by (time, file order); every `fail` target is
 * one failure, `flap` one per down period, `maintain` one graceful failure
 * for its length; `repair X` closes what is open on X at that moment and is
 * an error when nothing is.  Failure ids f1, f2, … follow (time, file order,
 * target, period); an `as NAME` failure keeps its name and takes no number.
 */
#include <string.h>
#include "sim/scenario-private.h"

#define LM_SC_MAX_VISITS 20000000u

static const char *
article (const char *word)
{
  return strchr ("aeiou", word[0]) != NULL ? "an" : "a";
}

static guint
text_len (const char *s)
{
  return s != NULL ? MAX ((guint) g_utf8_strlen (s, -1), 1u) : 1;
}

/* ------------------------------------------------------------------ matching */

typedef struct {
  LmScCtx *ctx;
  char **seg;
  guint n;
  gboolean wild;
  LmScLoc loc;
  const char *pattern;
  GPtrArray *out;
  gboolean failed;     /* an error was reported */
} Match;

static gboolean
seg_matches (const char *seg, const char *value)
{
  return strcmp (seg, "*") == 0 || strcmp (seg, value) == 0;
}

/* Charges @n names looked at; FALSE (reported once) beyond the cap. */
static gboolean
visit (Match *m, guint n)
{
  gboolean first = m->ctx->visits <= LM_SC_MAX_VISITS;
  m->ctx->visits += n;
  if (m->ctx->visits <= LM_SC_MAX_VISITS)
    return TRUE;
  if (!m->failed && first)     /* reported once per scenario */
    lm_sc_error (m->ctx, m->loc, text_len (m->pattern), "wildcards in this scenario look at "
                 "more than %u names; use fewer or narrower ones", LM_SC_MAX_VISITS);
  m->failed = TRUE;
  return FALSE;
}

static gboolean
budget (Match *m)
{
  if (m->ctx->expanded < LM_SCENARIO_MAX_EXPANDED)
    {
      m->ctx->expanded++;
      return TRUE;
    }
  if (!m->failed)
    lm_sc_error (m->ctx, m->loc, text_len (m->pattern),
                 "'%s' expands the scenario beyond %u targets and failures", m->pattern,
                 LM_SCENARIO_MAX_EXPANDED);
  m->failed = TRUE;
  return FALSE;
}

static void
add (Match *m, const LmScInterconnect *ic, LmScClass klass, guint site, guint pair,
     LmScRouter router, guint families, const char *suffix)
{
  if (m->failed || !budget (m))
    return;
  GString *name = g_string_new (ic->name);
  if (klass >= LM_SC_CLASS_SITE && klass <= LM_SC_CLASS_BGP)
    g_string_append_printf (name, ".%c", 'A' + site);
  if (klass >= LM_SC_CLASS_ROUTER_PAIR && klass <= LM_SC_CLASS_BGP)
    g_string_append_printf (name, ".rp%u", pair + 1);
  if (suffix != NULL)
    g_string_append_printf (name, ".%s", suffix);
  LmScTarget *t = lm_sc_target_new (name->str, klass);
  g_string_free (name, TRUE);
  t->interconnect = ic->index;
  t->site = site;
  t->pair = pair;
  t->router = router;
  t->families = families;
  g_ptr_array_add (m->out, t);
}

static void
no_such (Match *m, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* A specific error, only for a pattern without wildcards. */
static void
no_such (Match *m, const char *fmt, ...)
{
  if (m->wild || m->failed)
    return;
  va_list ap;
  va_start (ap, fmt);
  lm_sc_verror (m->ctx, m->loc, text_len (m->pattern), fmt, ap);
  va_end (ap);
  m->failed = TRUE;
}

static void
match_session (Match *m, const LmScInterconnect *ic, guint s, guint p)
{
  static const char *const fam[] = { "ipv4", "ipv6" };
  gboolean any = FALSE;
  for (guint f = 0; f < 2; f++)
    if ((ic->families & (1u << f)) && seg_matches (m->seg[4], fam[f]))
      {
        g_autofree char *suffix = g_strdup_printf ("bgp.%s", fam[f]);
        add (m, ic, LM_SC_CLASS_BGP, s, p, 0, 1u << f, suffix);
        any = TRUE;
      }
  if (!any)
    no_such (m, "%s.%c.rp%u.bgp has no session '%s' (its families: %s)", ic->name, 'A' + s,
             p + 1, m->seg[4], ic->families == LM_SC_FAMILY_IPV4 ? "ipv4"
             : ic->families == LM_SC_FAMILY_IPV6 ? "ipv6" : "ipv4 ipv6");
}

static void
match_part (Match *m, const LmScInterconnect *ic, guint s, guint p)
{
  /* sorted: bgp < cloud < link < partner */
  static const char *const parts[] = { "bgp", "cloud", "link", "partner", NULL };
  if (m->n == 5)
    {
      if (seg_matches (m->seg[3], "bgp"))
        match_session (m, ic, s, p);
      else
        no_such (m, "'%s' has no parts below '%s' (only bgp has: bgp.ipv4, bgp.ipv6)",
                 m->pattern, m->seg[3]);
      return;
    }
  gboolean any = FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (!seg_matches (m->seg[3], parts[i]))
        continue;
      any = TRUE;
      if (i == 0)
        add (m, ic, LM_SC_CLASS_BGP, s, p, 0, ic->families, "bgp");
      else if (i == 2)
        add (m, ic, LM_SC_CLASS_LINK, s, p, 0, 0, "link");
      else
        add (m, ic, LM_SC_CLASS_ROUTER, s, p, i == 1 ? LM_SC_ROUTER_CLOUD : LM_SC_ROUTER_PARTNER, 0,
             parts[i]);
    }
  if (!any)
    {
      g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest (m->seg[3], parts));
      no_such (m, "unknown part '%s' of %s.%c.rp%u%s (expected cloud, partner, link or bgp)",
               m->seg[3], ic->name, 'A' + s, p + 1, dym);
    }
}

static void
match_pairs (Match *m, const LmScInterconnect *ic, guint s)
{
  gboolean any = FALSE;
  if (!visit (m, ic->pairs_per_site))
    return;
  for (guint p = 0; p < ic->pairs_per_site && !m->failed; p++)
    {
      char rp[16];
      g_snprintf (rp, sizeof rp, "rp%u", p + 1);
      if (!seg_matches (m->seg[2], rp))
        continue;
      any = TRUE;
      if (m->n == 3)
        add (m, ic, LM_SC_CLASS_ROUTER_PAIR, s, p, 0, 0, NULL);
      else
        match_part (m, ic, s, p);
    }
  if (!any)
    no_such (m, "%s.%c has no router pair '%s' (it has rp1 to rp%u)", ic->name, 'A' + s,
             m->seg[2], ic->pairs_per_site);
}

static void
match_ic (Match *m, const LmScInterconnect *ic)
{
  if (m->n == 1)
    {
      add (m, ic, LM_SC_CLASS_INTERCONNECT, 0, 0, 0, 0, NULL);
      return;
    }
  gboolean any = FALSE;
  if (!visit (m, 1 + ic->sites))
    return;
  for (guint s = 0; s < ic->sites && !m->failed; s++)
    {
      char letter[2] = { (char) ('A' + s), '\0' };
      if (!seg_matches (m->seg[1], letter))
        continue;
      any = TRUE;
      if (m->n == 2)
        add (m, ic, LM_SC_CLASS_SITE, s, 0, 0, 0, NULL);
      else
        match_pairs (m, ic, s);
    }
  static const char *const singles[] = { "fabric", "first-mile", "gateway", NULL };
  static const LmScClass single_class[] = {
    LM_SC_CLASS_PARTNER_FABRIC, LM_SC_CLASS_FIRST_MILE, LM_SC_CLASS_GATEWAY,
  };
  for (guint i = 0; singles[i] != NULL && !m->failed; i++)
    {
      if (!seg_matches (m->seg[1], singles[i]))
        continue;
      if (m->n == 2)
        {
          add (m, ic, single_class[i], 0, 0, 0, 0, singles[i]);
          any = TRUE;
        }
      else if (!m->wild)
        {
          no_such (m, "'%s.%s' has no parts below it", ic->name, singles[i]);
          return;
        }
    }
  if (any || m->failed)
    return;
  const char *seg = m->seg[1];
  if (strlen (seg) == 1 && g_ascii_isupper (seg[0]))
    no_such (m, "%s has no site '%s' (its sites are A to %c)", ic->name, seg,
             'A' + ic->sites - 1);
  else
    {
      static const char *const cands[] = { "fabric", "first-mile", "gateway", NULL };
      g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest (seg, cands));
      no_such (m, "unknown part '%s' of %s%s (expected a site letter, fabric, first-mile or "
               "gateway)", seg, ic->name, dym);
    }
}

static int
target_cmp (gconstpointer a, gconstpointer b)
{
  const LmScTarget *x = *(LmScTarget *const *) a, *y = *(LmScTarget *const *) b;
  return lm_sc_natural_cmp (x->name, y->name);
}

/* Expands @pattern into @out (any class).  FALSE when nothing matched. */
static gboolean
expand (LmScCtx *ctx, const char *pattern, LmScLoc loc, GPtrArray *out)
{
  LmScenario *sc = ctx->sc;
  g_auto (GStrv) seg = g_strsplit (pattern, ".", -1);
  Match m = { ctx, seg, g_strv_length (seg), strchr (pattern, '*') != NULL, loc, pattern, out,
              FALSE };
  guint before = out->len;
  if (m.n == 0 || m.n > 5)
    return FALSE;
  if (!seg_matches (seg[0], "*"))
    {
      const LmScInterconnect *ic = lm_scenario_find_interconnect (sc, seg[0]);
      if (ic == NULL)
        {
          g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (seg[0],
                                                                          sc->interconnects));
          lm_sc_error (ctx, loc, text_len (pattern), "unknown interconnect '%s'%s", seg[0], dym);
          return FALSE;
        }
      match_ic (&m, ic);
    }
  else
    for (guint i = 0; i < sc->interconnects->len && !m.failed; i++)
      match_ic (&m, sc->interconnects->pdata[i]);
  if (m.failed)
    return FALSE;
  if (out->len == before)
    {
      lm_sc_error (ctx, loc, text_len (pattern), "'%s' matches nothing", pattern);
      return FALSE;
    }
  g_ptr_array_sort (out, target_cmp);
  return TRUE;
}

/* ------------------------------------------------------------------ classes per verb */

static guint
verb_classes (LmScVerb v)
{
  guint all = 0;
  for (guint k = LM_SC_CLASS_SITE; k < LM_SC_CLASS_N; k++)
    all |= 1u << k;
  switch (v)
    {
    case LM_SC_VERB_FAIL:
    case LM_SC_VERB_REPAIR:
    case LM_SC_VERB_FLAP:
      return all;
    case LM_SC_VERB_DEGRADE:
      return (1u << LM_SC_CLASS_LINK) | (1u << LM_SC_CLASS_PARTNER_FABRIC)
             | (1u << LM_SC_CLASS_FIRST_MILE) | (1u << LM_SC_CLASS_GATEWAY);
    case LM_SC_VERB_MAINTAIN:
      return (1u << LM_SC_CLASS_SITE) | (1u << LM_SC_CLASS_ROUTER_PAIR);
    case LM_SC_VERB_MACSEC:
      return 1u << LM_SC_CLASS_LINK;
    default:
      return 1u << LM_SC_CLASS_INTERCONNECT;
    }
}

static char *
class_list (guint mask)
{
  const char *names[LM_SC_CLASS_N + 1];
  guint n = 0;
  for (guint k = LM_SC_CLASS_INTERCONNECT; k < LM_SC_CLASS_N; k++)
    if (mask & (1u << k))
      names[n++] = lm_sc_class_name ((LmScClass) k);
  names[n] = NULL;
  g_autofree char *list = lm_sc_join_or (names);
  return g_strdup_printf ("%s %s", article (names[0]), list);
}

static gboolean
check_classes (LmScCtx *ctx, LmScVerb verb, LmScClass klass, const char *pattern, LmScLoc loc,
               GPtrArray *found)
{
  guint mask = verb_classes (verb);
  g_autofree char *takes = class_list (mask);
  const char *vn = lm_sc_verb_name (verb);
  gboolean wild = strchr (pattern, '*') != NULL;
  if (klass != LM_SC_CLASS_NONE && !(mask & (1u << klass)))
    {
      lm_sc_error (ctx, loc, text_len (pattern), "%s takes %s, not %s %s", vn, takes,
                   article (lm_sc_class_name (klass)), lm_sc_class_name (klass));
      return FALSE;
    }
  for (guint i = 0; i < found->len; )
    {
      LmScTarget *t = found->pdata[i];
      const char *cn = lm_sc_class_name (t->klass);
      if (klass != LM_SC_CLASS_NONE && t->klass != klass && wild)
        {
          g_ptr_array_remove_index (found, i);     /* the class keyword filters */
          continue;
        }
      if (klass != LM_SC_CLASS_NONE && t->klass != klass)
        {
          lm_sc_error (ctx, loc, text_len (pattern), "'%s' is %s %s, not %s %s", t->name,
                       article (cn), cn, article (lm_sc_class_name (klass)),
                       lm_sc_class_name (klass));
          return FALSE;
        }
      if (!(mask & (1u << t->klass)))
        {
          if (wild)
            lm_sc_error (ctx, loc, text_len (pattern), "'%s' matches %s, %s %s; %s takes %s "
                         "(put a class before the name to choose)", pattern, t->name,
                         article (cn), cn, vn, takes);
          else
            lm_sc_error (ctx, loc, text_len (pattern), "%s takes %s; '%s' is %s %s", vn, takes,
                         t->name, article (cn), cn);
          return FALSE;
        }
      i++;
    }
  if (found->len > 0)
    return TRUE;
  lm_sc_error (ctx, loc, text_len (pattern), "'%s' matches no %s", pattern,
               lm_sc_class_name (klass));
  return FALSE;
}

gboolean
lm_sc_resolve_target (LmScCtx *ctx, LmScVerb verb, LmScClass klass, const char *pattern,
                      LmScLoc loc, GPtrArray *out)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_target_free);
  if (!expand (ctx, pattern, loc, found) || !check_classes (ctx, verb, klass, pattern, loc, found))
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (out, found->pdata[i]);
  g_ptr_array_set_free_func (found, NULL);
  return TRUE;
}

gboolean
lm_sc_resolve_member (LmScCtx *ctx, const char *pattern, LmScLoc loc, GPtrArray *out)
{
  return lm_sc_resolve_target (ctx, LM_SC_VERB_FAIL, LM_SC_CLASS_NONE, pattern, loc, out);
}

/* ------------------------------------------------------------------ actions */

static gboolean
check_modes (LmScCtx *ctx, LmScAction *a)
{
  if (a->mode == LM_SC_MODE_NONE)
    return TRUE;
  for (guint i = 0; i < a->targets->len; i++)
    {
      const LmScTarget *t = a->targets->pdata[i];
      if (lm_sc_class_allows_mode (t->klass, a->mode))
        continue;
      const char *cn = lm_sc_class_name (t->klass);
      LmScMode d = lm_sc_class_default_mode (t->klass);
      const char *other = NULL;
      for (guint m = LM_SC_MODE_CRASH; m < LM_SC_MODE_N; m++)
        if (m != d && lm_sc_class_allows_mode (t->klass, (LmScMode) m))
          other = lm_sc_mode_name ((LmScMode) m);
      lm_sc_error (ctx, a->mode_loc, text_len (lm_sc_mode_name (a->mode)),
                   "mode '%s' does not apply to %s %s ('%s'); its modes are %s%s%s",
                   lm_sc_mode_name (a->mode), article (cn), cn, t->name,
                   lm_sc_mode_name (d), other ? " and " : "", other ? other : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_interconnect_action (LmScCtx *ctx, LmScAction *a)
{
  const LmScInterconnect *ic = lm_scenario_find_interconnect (ctx->sc, a->target);
  if (ic == NULL)
    {
      g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (a->target,
                                                                      ctx->sc->interconnects));
      lm_sc_error (ctx, a->target_loc, text_len (a->target), "unknown interconnect '%s'%s",
                   a->target, dym);
      return FALSE;
    }
  LmScTarget *t = lm_sc_target_new (ic->name, LM_SC_CLASS_INTERCONNECT);
  t->interconnect = ic->index;
  g_ptr_array_add (a->targets, t);
  return TRUE;
}

gboolean
lm_sc_check_action (LmScCtx *ctx, LmScAction *a)
{
  g_ptr_array_set_size (a->targets, 0);
  if (a->verb <= LM_SC_VERB_DELETE)
    return check_interconnect_action (ctx, a);
  if (!lm_sc_resolve_target (ctx, a->verb, a->klass, a->target, a->target_loc, a->targets)
      || !check_modes (ctx, a))
    return FALSE;
  if (a->as_name != NULL && a->targets->len > 1)
    {
      lm_sc_error (ctx, a->as_loc, text_len (a->as_name),
                   "'as %s' names one failure, but '%s' expands to %u targets", a->as_name,
                   a->target, a->targets->len);
      return FALSE;
    }
  if (a->verb == LM_SC_VERB_FLAP)
    {
      if (a->every == 0)
        {
          lm_sc_error (ctx, a->loc, 1, "flap period must be above 0s");
          return FALSE;
        }
      guint64 periods = (guint64) (a->length / a->every / 2) + 1;
      if (periods * a->targets->len > LM_SCENARIO_MAX_EXPANDED - ctx->expanded)
        {
          lm_sc_error (ctx, a->loc, 2, "this flap makes %" G_GUINT64_FORMAT " failures; at "
                       "most %u are allowed", periods * a->targets->len,
                       LM_SCENARIO_MAX_EXPANDED);
          return FALSE;
        }
    }
  return TRUE;
}

static LmScFailure *
new_failure (LmScCtx *ctx, LmScAction *a, const LmScTarget *t, GPtrArray *all, GHashTable *open)
{
  LmScFailure *f = lm_sc_failure_new ();
  f->target = t;
  f->action = a;
  f->at = a->at;
  f->mode = a->mode != LM_SC_MODE_NONE ? a->mode : lm_sc_class_default_mode (t->klass);
  if (a->verb == LM_SC_VERB_MAINTAIN)
    f->mode = LM_SC_MODE_GRACEFUL;
  ctx->expanded++;
  g_ptr_array_add (all, f);
  g_ptr_array_add (a->failures, f);
  if (open != NULL)
    {
      GPtrArray *list = g_hash_table_lookup (open, t->name);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (open, t->name, list);
        }
      g_ptr_array_add (list, f);
    }
  return f;
}

/* at + length, saturated. */
static LmTime
end_of (const LmScAction *a)
{
  return a->length > LM_TIME_MAX - a->at ? LM_TIME_MAX : a->at + a->length;
}

/* Creates the failures that @a opens (fail, flap, maintain) into @all. */
static void
open_failures (LmScCtx *ctx, LmScAction *a, GPtrArray *all, GHashTable *open)
{
  for (guint i = 0; i < a->targets->len; i++)
    {
      const LmScTarget *t = a->targets->pdata[i];
      if (a->verb == LM_SC_VERB_FAIL)
        new_failure (ctx, a, t, all, open);
      else if (a->verb == LM_SC_VERB_MAINTAIN)
        new_failure (ctx, a, t, all, open)->until = end_of (a);
      else if (a->verb == LM_SC_VERB_FLAP)
        {
          LmTime end = end_of (a), s = a->at;
          for (guint k = 0; s < end; k++)
            {
              LmScFailure *f = new_failure (ctx, a, t, all, open);
              f->at = s;
              f->until = a->every > end - s ? end : s + a->every;
              f->period = k;
              if (a->every > (end - s) / 2)
                break;
              s += 2 * a->every;
            }
        }
    }
}

/* Closes what is open on each target at a->at.  Failures that have ended
 * by then are dropped from the open lists: actions come in time order, so
 * they can never be open again (this keeps long timelines linear). */
static void
close_failures (LmScCtx *ctx, LmScAction *a, GHashTable *open)
{
  for (guint i = 0; i < a->targets->len; i++)
    {
      const LmScTarget *t = a->targets->pdata[i];
      GPtrArray *list = g_hash_table_lookup (open, t->name);
      guint closed = 0;
      for (guint j = 0; list != NULL && j < list->len; )
        {
          LmScFailure *f = list->pdata[j];
          if (f->at <= a->at && f->until > a->at)
            {
              f->until = a->at;
              f->repair = a;
              g_ptr_array_add (a->failures, f);
              closed++;
            }
          if (f->until <= a->at)
            g_ptr_array_remove_index_fast (list, j);
          else
            j++;
        }
      if (closed == 0)
        {
          g_autofree char *when = lm_time_to_string (a->at);
          lm_sc_error (ctx, a->target_loc, text_len (a->target),
                       "nothing to repair: no failure of '%s' is open at %s", t->name, when);
          return;
        }
    }
}

typedef struct {
  LmScFailure *f;
  guint order;
} Ordered;

static int
failure_cmp (gconstpointer a, gconstpointer b)
{
  const Ordered *x = a, *y = b;
  if (x->f->at != y->f->at)
    return x->f->at < y->f->at ? -1 : 1;
  if (x->f->action->seq != y->f->action->seq)
    return x->f->action->seq < y->f->action->seq ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void
assign_ids (LmScCtx *ctx, GPtrArray *all)
{
  LmScenario *sc = ctx->sc;
  GArray *ord = g_array_sized_new (FALSE, FALSE, sizeof (Ordered), all->len);
  for (guint i = 0; i < all->len; i++)
    g_array_append_val (ord, ((Ordered) { all->pdata[i], i }));
  g_array_sort (ord, failure_cmp);
  guint n = 0;
  for (guint i = 0; i < ord->len; i++)
    {
      LmScFailure *f = g_array_index (ord, Ordered, i).f;
      const LmScAction *a = f->action;
      if (a->as_name != NULL)
        {
          const LmScFailure *old = lm_scenario_find_failure (sc, a->as_name);
          if (old != NULL)
            lm_sc_error (ctx, a->as_loc, text_len (a->as_name), "failure name '%s' is already "
                         "used at %s:%u", a->as_name, old->action->loc.file,
                         old->action->loc.line);
          f->id = g_strdup (a->as_name);
          f->named = TRUE;
        }
      else
        f->id = g_strdup_printf ("f%u", ++n);
      g_ptr_array_add (sc->failures, f);
      g_hash_table_insert (sc->index, g_strconcat ("f:", f->id, NULL), f);
    }
  g_array_unref (ord);
  g_ptr_array_set_free_func (all, NULL);
}

static int
action_cmp (gconstpointer a, gconstpointer b)
{
  const LmScAction *x = *(LmScAction *const *) a, *y = *(LmScAction *const *) b;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
lm_sc_expand_timeline (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  g_ptr_array_sort (sc->actions, action_cmp);
  GHashTable *open = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_failure_free);
  for (guint i = 0; i < sc->actions->len && !ctx->stop; i++)
    {
      LmScAction *a = sc->actions->pdata[i];
      if (LM_SC_IS_SET (sc->duration_loc) && a->at > sc->duration)
        {
          g_autofree char *at = lm_time_to_string (a->at);
          g_autofree char *d = lm_time_to_string (sc->duration);
          lm_sc_error (ctx, a->loc, a->relative ? 5 : 2, "this action at %s comes after the "
                       "end of the run (duration %s)", at, d);
          continue;
        }
      if (!lm_sc_check_action (ctx, a))
        continue;
      if (a->verb == LM_SC_VERB_REPAIR)
        close_failures (ctx, a, open);
      else
        open_failures (ctx, a, all, open);
    }
  g_hash_table_unref (open);
  assign_ids (ctx, all);
  g_ptr_array_unref (all);
}

/* ------------------------------------------------------------------ expectations */

static void
resolve_expectation (LmScCtx *ctx, LmScExpectation *e)
{
  LmScenario *sc = ctx->sc;
  const LmScInterconnect *ic = NULL;
  if (e->interconnect != NULL && strcmp (e->interconnect, "*") == 0)
    {
      ctx->expanded += sc->interconnects->len;
      if (ctx->expanded > LM_SCENARIO_MAX_EXPANDED)
        {
          lm_sc_error (ctx, e->interconnect_loc, 1, "'expect *' expands the scenario beyond "
                       "%u targets and failures", LM_SCENARIO_MAX_EXPANDED);
          return;
        }
      for (guint i = 0; i < sc->interconnects->len; i++)
        g_ptr_array_add (e->interconnects, GUINT_TO_POINTER (i));
    }
  else if (e->interconnect != NULL)
    {
      ic = lm_scenario_find_interconnect (sc, e->interconnect);
      if (ic == NULL)
        {
          g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (e->interconnect,
                                                                          sc->interconnects));
          lm_sc_error (ctx, e->interconnect_loc, text_len (e->interconnect),
                       "unknown interconnect '%s'%s", e->interconnect, dym);
          return;
        }
      g_ptr_array_add (e->interconnects, GUINT_TO_POINTER (ic->index));
    }
  if (e->failure_id != NULL)
    {
      e->failure = lm_scenario_find_failure (sc, e->failure_id);
      if (e->failure == NULL)
        {
          g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (e->failure_id,
                                                                          sc->failures));
          lm_sc_error (ctx, e->failure_loc, text_len (e->failure_id),
                       "unknown failure '%s'%s (the scenario has %u failures)", e->failure_id,
                       dym, sc->failures->len);
          return;
        }
      guint fic = e->failure->target->interconnect;
      if (ic != NULL && fic != ic->index)
        lm_sc_error (ctx, e->failure_loc, text_len (e->failure_id),
                     "failure '%s' is on %s, not on %s", e->failure_id,
                     ((LmScInterconnect *) sc->interconnects->pdata[fic])->name, ic->name);
      if (e->interconnect == NULL)
        g_ptr_array_add (e->interconnects, GUINT_TO_POINTER (fic));
    }
  if (e->kind == LM_SC_EXPECT_STATE && LM_SC_IS_SET (sc->duration_loc)
      && e->state_at > sc->duration)
    {
      g_autofree char *at = lm_time_to_string (e->state_at);
      g_autofree char *d = lm_time_to_string (sc->duration);
      lm_sc_error (ctx, e->loc, 6, "state at %s is after the end of the run (duration %s)", at,
                   d);
    }
}

void
lm_sc_resolve_expectations (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  for (guint i = 0; i < sc->expectations->len && !ctx->stop; i++)
    resolve_expectation (ctx, sc->expectations->pdata[i]);
}

/* ------------------------------------------------------------------ live actions */

static void
live_failure_ids (LmScenario *sc, LmScAction *a)
{
  guint scripted = 0;
  for (guint i = 0; i < sc->failures->len; i++)
    scripted += ((LmScFailure *) sc->failures->pdata[i])->named ? 0 : 1;
  for (guint i = 0; i < a->failures->len; i++)
    {
      LmScFailure *f = a->failures->pdata[i];
      f->named = a->as_name != NULL;
      f->id = f->named ? g_strdup (a->as_name)
                       : g_strdup_printf ("f%u", scripted + ++sc->live_failures);
    }
}

gboolean
lm_scenario_parse_action (LmScenario *sc, const char *line, LmScAction **out, GError **error)
{
  g_return_val_if_fail (sc != NULL && line != NULL && out != NULL, FALSE);
  LmScCtx ctx;
  lm_sc_ctx_init (&ctx, sc, FALSE);
  gsize len = strlen (line);
  const char *file = lm_sc_intern (&ctx, "inject");
  LmScSource *src = g_new0 (LmScSource, 1);
  src->file = file;
  src->text = g_strndup (line, len);
  src->len = len;
  g_ptr_array_add (ctx.sources, src);
  LmScAction *a = NULL;
  if (lm_sc_check_text (&ctx, file, line, len))
    {
      LmLx lx;
      lm_sc_lexer_init (&lx, &ctx, file, NULL, src->text, len);
      const LmTok first = *lm_sc_peek (&lx, 0);
      if (lm_sc_tok_is (&first, "at") || lm_sc_tok_is (&first, "after"))
        lm_sc_error_at (&lx, &first, "a live action runs now: write it without 'at' or "
                        "'after'");
      else if ((a = lm_sc_parse_action_body (&lx, &first)) != NULL)
        {
          a->loc = lm_sc_tok_loc (&lx, &first);
          a->seq = G_MAXUINT;
          a->owns_failures = TRUE;
          if (a->as_name != NULL && lm_scenario_find_failure (sc, a->as_name) != NULL)
            lm_sc_error (&ctx, a->as_loc, text_len (a->as_name), "failure name '%s' is "
                         "already used", a->as_name);
          else if (lm_sc_check_action (&ctx, a) && a->verb != LM_SC_VERB_REPAIR)
            {
              GPtrArray *none = g_ptr_array_new ();
              open_failures (&ctx, a, none, NULL);
              g_ptr_array_unref (none);
              live_failure_ids (sc, a);
            }
        }
    }
  gboolean ok = ctx.diags->len == 0;
  if (!ok)
    {
      g_autofree char *text = lm_scenario_diag_render (ctx.diags);
      g_strchomp (text);
      g_set_error_literal (error, LM_SCENARIO_ERROR, LM_SCENARIO_ERROR_INVALID, text);
      g_clear_pointer (&a, lm_sc_action_free);
    }
  lm_sc_ctx_clear (&ctx);
  *out = a;
  return ok;
}
