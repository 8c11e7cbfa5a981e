/* analysis/rare-scenario.c — the rare-event method on a scenario's failure
 * data (analysis/rare-scenario.h): models, settings, refusals, estimates. */
#include "analysis/rare-scenario.h"

#include <math.h>
#include <string.h>

struct _LmRareScenario {
  LmRareMethod method;
  LmScRare block;
  double bias, target, time_budget_s, wall_s;
  gboolean exact;
  guint jobs;
  GPtrArray *ics;     /* LmRareIcResult* */
};

/* ------------------------------------------------------------ refusals */

/* "FILE:LINE:COL: error: " or "--set …: error: " for @loc. */
static char *
where (LmScLoc loc, const LmScenario *sc)
{
  if (loc.option != NULL)
    return g_strdup_printf ("%s: error: ", loc.option);
  if (loc.line > 0)
    return g_strdup_printf ("%s:%u:%u: error: ", loc.file ? loc.file : sc->path, loc.line,
                            loc.col);
  return g_strdup_printf ("%s: error: ", sc->path);
}

static gboolean
refuse (GError **error, gint code, LmScLoc loc, const LmScenario *sc, const char *fmt, ...)
  G_GNUC_PRINTF (5, 6);

static gboolean
refuse (GError **error, gint code, LmScLoc loc, const LmScenario *sc, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autofree char *at = where (loc, sc);
  g_set_error (error, LM_RARE_ERROR, code, "%s%s", at, msg);
  return FALSE;
}

static gboolean
check_ttf (const LmScDist *ttf, LmScLoc loc, const char *what, const LmScenario *sc,
           GError **error)
{
  if (ttf->kind == LM_SC_DIST_EXP)
    return TRUE;
  return refuse (error, LM_RARE_ERROR_REFUSED, loc, sc,
                 "the rare-event method needs exponential time to failure; use --method plain "
                 "(%s has ttf %s)", what, lm_sc_dist_name (ttf->kind));
}

/* ------------------------------------------------------------ models */

typedef struct {
  LmRareModel *m;
  const LmScenario *sc;
  const LmScInterconnect *ic;
  GError **error;
  gboolean ok;
} Build;

static void
add (Build *b, const char *name, const LmScDist *ttf, const LmScDist *ttr, guint64 kills,
     LmScLoc loc)
{
  if (!b->ok)
    return;
  g_autoptr (GError) e = NULL;
  if (lm_rare_model_add (b->m, name, (double) ttf->a / 3600e9, ttr, kills, &e))
    return;
  b->ok = refuse (b->error, e->code, loc, b->sc, "%s", e->message);
}

static guint64
site_mask (const LmScInterconnect *ic, guint s)
{
  guint M = ic->pairs_per_site;
  return ((G_GUINT64_CONSTANT (1) << M) - 1) << (s * M);
}

/* The components of one failure class in @b->ic. */
static void
add_class (Build *b, const LmScFailureClass *fc)
{
  const LmScInterconnect *ic = b->ic;
  guint S = ic->sites, M = ic->pairs_per_site, all = S * M;
  guint64 every = all == 64 ? ~G_GUINT64_CONSTANT (0) : (G_GUINT64_CONSTANT (1) << all) - 1;
  static const char *const families[] = { "ipv4", "ipv6" };
  LmScLoc loc = fc->ttf_loc;
  if (fc->klass == LM_SC_CLASS_SITE)
    for (guint s = 0; s < S; s++)
      {
        g_autofree char *n = g_strdup_printf ("%s.%c", ic->name, 'A' + s);
        add (b, n, &fc->ttf, &fc->ttr, site_mask (ic, s), loc);
      }
  for (guint c = 0; c < all && fc->klass >= LM_SC_CLASS_ROUTER_PAIR
                    && fc->klass <= LM_SC_CLASS_BGP; c++)
    {
      g_autofree char *pair = g_strdup_printf ("%s.%c.rp%u", ic->name, 'A' + c / M, c % M + 1);
      guint64 bit = G_GUINT64_CONSTANT (1) << c;
      g_autofree char *n1 = NULL, *n2 = NULL;
      switch (fc->klass)
        {
        case LM_SC_CLASS_ROUTER_PAIR: add (b, pair, &fc->ttf, &fc->ttr, bit, loc); break;
        case LM_SC_CLASS_LINK:
          n1 = g_strconcat (pair, ".link", NULL);
          add (b, n1, &fc->ttf, &fc->ttr, bit, loc);
          break;
        case LM_SC_CLASS_ROUTER:
          n1 = g_strconcat (pair, ".cloud", NULL);
          n2 = g_strconcat (pair, ".partner", NULL);
          add (b, n1, &fc->ttf, &fc->ttr, bit, loc);
          add (b, n2, &fc->ttf, &fc->ttr, bit, loc);
          break;
        default:   /* bgp: one session per address family */
          for (guint f = 0; f < 2; f++)
            if (ic->families & (f == 0 ? LM_SC_FAMILY_IPV4 : LM_SC_FAMILY_IPV6))
              {
                g_autofree char *n = g_strdup_printf ("%s.bgp.%s", pair, families[f]);
                add (b, n, &fc->ttf, &fc->ttr, bit, loc);
              }
        }
    }
  if (fc->klass >= LM_SC_CLASS_PARTNER_FABRIC && fc->klass <= LM_SC_CLASS_GATEWAY)
    {
      g_autofree char *n = g_strdup_printf ("%s.%s", ic->name, lm_sc_class_name (fc->klass));
      add (b, n, &fc->ttf, &fc->ttr, every, loc);
    }
}

/* The connections of @ic a group's members make unusable. */
static guint64
group_mask (const LmScGroup *g, const LmScInterconnect *ic)
{
  guint M = ic->pairs_per_site, all = ic->sites * M;
  guint64 every = all == 64 ? ~G_GUINT64_CONSTANT (0) : (G_GUINT64_CONSTANT (1) << all) - 1;
  guint64 mask = 0;
  for (guint i = 0; i < g->targets->len; i++)
    {
      const LmScTarget *t = g->targets->pdata[i];
      if (t->interconnect != ic->index)
        continue;
      if (t->klass == LM_SC_CLASS_SITE)
        mask |= site_mask (ic, t->site);
      else if (t->klass >= LM_SC_CLASS_ROUTER_PAIR && t->klass <= LM_SC_CLASS_BGP)
        mask |= G_GUINT64_CONSTANT (1) << (t->site * M + t->pair);
      else
        mask |= every;
    }
  return mask;
}

LmRareModel *
lm_rare_model_from_scenario (const LmScenario *sc, guint index, GError **error)
{
  g_return_val_if_fail (sc != NULL && index < sc->interconnects->len, NULL);
  const LmScInterconnect *ic = sc->interconnects->pdata[index];
  guint conn = ic->sites * ic->pairs_per_site;
  if (conn > 64)
    return refuse (error, LM_RARE_ERROR_TOO_LARGE, ic->loc, sc,
                   "interconnect %s has %u connections; the rare-event method holds at most "
                   "64 (and %u components): use --method plain", ic->name, conn,
                   LM_RARE_MAX_COMPONENTS), NULL;
  if (sc->failure_clocks == LM_SC_CLOCKS_SUSPEND)
    return refuse (error, LM_RARE_ERROR_REFUSED, sc->failure_clocks_loc, sc,
                   "failure clocks 'suspend' make a router pair's failures depend on its site's "
                   "state, and the rare-event engines (and `denominator exact`) assume independent "
                   "components: use --method plain"), NULL;
  for (guint i = 0; i < sc->failure_classes->len; i++)
    {
      const LmScFailureClass *fc = sc->failure_classes->pdata[i];
      if (!check_ttf (&fc->ttf, fc->ttf_loc, lm_sc_class_name (fc->klass), sc, error))
        return NULL;
    }
  for (guint i = 0; i < sc->groups->len; i++)
    {
      const LmScGroup *g = sc->groups->pdata[i];
      if (!check_ttf (&g->ttf, g->ttf_loc, g->name, sc, error))
        return NULL;
    }
  Build b = { lm_rare_model_new (conn), sc, ic, error, TRUE };
  for (guint i = 0; i < sc->failure_classes->len; i++)
    add_class (&b, sc->failure_classes->pdata[i]);
  for (guint i = 0; i < sc->groups->len && b.ok; i++)
    {
      const LmScGroup *g = sc->groups->pdata[i];
      guint64 mask = group_mask (g, ic);
      if (mask != 0)
        add (&b, g->name, &g->ttf, &g->ttr, mask, g->loc);
    }
  if (b.ok && lm_rare_model_n_components (b.m) == 0)
    b.ok = refuse (error, LM_RARE_ERROR_REFUSED, ic->loc, sc,
                   "interconnect %s has no random failures: the rare-event method needs a "
                   "'failures { … }' block (e.g. 'failures { preset default }')", ic->name);
  if (!b.ok)
    g_clear_pointer (&b.m, lm_rare_model_free);
  return b.m;
}

/* ------------------------------------------------------------ settings */

void
lm_rare_settings_init (LmRareSettings *s)
{
  g_return_if_fail (s != NULL);
  *s = (LmRareSettings) { .method = -1, .jobs = 1 };
}

LmRareMethod
lm_rare_settings_method (const LmRareSettings *s, const LmScenario *sc)
{
  g_return_val_if_fail (s != NULL && sc != NULL, LM_RARE_METHOD_PLAIN);
  if (s->method >= 0)
    return (LmRareMethod) s->method;
  switch (sc->rare.method)
    {
    case LM_SC_METHOD_RARE: return LM_RARE_METHOD_RARE;
    case LM_SC_METHOD_AUTO: return LM_RARE_METHOD_AUTO;
    default: return LM_RARE_METHOD_PLAIN;
    }
}

/* ------------------------------------------------------------ running */

static void
ic_result_free (gpointer data)
{
  LmRareIcResult *r = data;
  for (guint i = 0; r->criteria != NULL && i < r->criteria->len; i++)
    g_free (g_array_index (r->criteria, LmRareCriterion, i).criterion);
  if (r->criteria != NULL)
    g_array_unref (r->criteria);
  g_free (r->interconnect);
  g_free (r);
}

void
lm_rare_scenario_free (LmRareScenario *r)
{
  if (r == NULL)
    return;
  g_ptr_array_unref (r->ics);
  g_free (r);
}

static gboolean
run_criterion (LmRareScenario *out, const LmScenario *sc, const LmRareModel *m,
               const LmRareSettings *s, LmRareIcResult *ir, const char *name, guint k,
               guint n_estimates, GError **error)
{
  LmRareOptions o;
  lm_rare_options_init (&o);
  g_autofree char *stream = g_strdup_printf ("%s.%s", ir->interconnect, name);
  o.method = out->method;
  o.k = k;
  o.bias = out->bias;
  o.target = out->target;
  o.exact_denominator = out->exact;
  o.seed = sc->seed;
  o.criterion = stream;
  o.cycles = s->cycles;
  o.time_budget_s = out->time_budget_s / n_estimates;
  o.jobs = out->jobs;
  o.ranks = s->ranks;
  LmRareCriterion c = { g_strdup (name), { 0 } };
  if (!lm_rare_estimate (m, &o, &c.result, error))
    {
      g_free (c.criterion);
      return FALSE;
    }
  g_array_append_val (ir->criteria, c);
  return TRUE;
}

static gboolean
run_interconnect (LmRareScenario *out, const LmScenario *sc, guint index,
                  const LmRareSettings *s, GError **error)
{
  g_autoptr (LmRareModel) m = lm_rare_model_from_scenario (sc, index, error);
  if (m == NULL)
    return FALSE;
  const LmScInterconnect *ic = sc->interconnects->pdata[index];
  LmRareIcResult *ir = g_new0 (LmRareIcResult, 1);
  ir->interconnect = g_strdup (ic->name);
  ir->components = lm_rare_model_n_components (m);
  ir->connections = lm_rare_model_n_connections (m);
  ir->criteria = g_array_new (FALSE, FALSE, sizeof (LmRareCriterion));
  g_ptr_array_add (out->ics, ir);
  guint N = ir->connections;
  if (s->k > N)
    return g_set_error (error, LM_RARE_ERROR, LM_RARE_ERROR_INVALID,
                        "lmsim: --k %u: interconnect %s has only %u connections", s->k,
                        ic->name, N), FALSE;
  const guint ks[] = { 1, (N + 1) / 2, N, s->k };
  const char *names[] = { "reachability", "half_capacity", "full_capacity", NULL };
  guint n_est = (s->k > 0 ? 4 : 3) * sc->interconnects->len;
  for (guint i = 0; i < (s->k > 0 ? 4u : 3u); i++)
    {
      g_autofree char *kname = g_strdup_printf ("k=%u", s->k);
      if (!run_criterion (out, sc, m, s, ir, i < 3 ? names[i] : kname, ks[i], n_est, error))
        return FALSE;
    }
  return TRUE;
}

LmRareScenario *
lm_rare_scenario_run (const LmScenario *sc, const LmRareSettings *s, GError **error)
{
  g_return_val_if_fail (sc != NULL && s != NULL, NULL);
  g_autoptr (LmRareScenario) r = g_new0 (LmRareScenario, 1);
  r->ics = g_ptr_array_new_with_free_func (ic_result_free);
  r->method = lm_rare_settings_method (s, sc);
  r->block = sc->rare;
  r->bias = sc->rare.bias;
  r->target = s->target > 0 ? s->target : sc->rare.target_fraction;
  r->exact = sc->rare.denominator == LM_SC_DENOMINATOR_EXACT;
  r->time_budget_s = s->time_budget_s;
  r->jobs = MAX (s->jobs, 1);
  gint64 t0 = g_get_monotonic_time ();
  for (guint i = 0; i < sc->interconnects->len; i++)
    if (!run_interconnect (r, sc, i, s, error))
      return NULL;
  r->wall_s = (double) (g_get_monotonic_time () - t0) / 1e6;
  return g_steal_pointer (&r);
}

LmRareMethod lm_rare_scenario_method (const LmRareScenario *r) { return r->method; }
const LmScRare *lm_rare_scenario_block (const LmRareScenario *r) { return &r->block; }
double lm_rare_scenario_bias (const LmRareScenario *r) { return r->bias; }
double lm_rare_scenario_target (const LmRareScenario *r) { return r->target; }
gboolean lm_rare_scenario_exact_denominator (const LmRareScenario *r) { return r->exact; }
double lm_rare_scenario_time_budget (const LmRareScenario *r) { return r->time_budget_s; }
double lm_rare_scenario_wall_s (const LmRareScenario *r) { return r->wall_s; }
guint lm_rare_scenario_jobs (const LmRareScenario *r) { return r->jobs; }
guint lm_rare_scenario_n_interconnects (const LmRareScenario *r) { return r->ics->len; }

const LmRareIcResult *
lm_rare_scenario_interconnect (const LmRareScenario *r, guint i)
{
  g_return_val_if_fail (r != NULL && i < r->ics->len, NULL);
  return r->ics->pdata[i];
}
