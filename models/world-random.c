/* models/world-random.c — random failures: the `failures { … }` block.
 *
 * Every component of a class named in the block is an alternating renewal
 * process: up for a time drawn from the class's time-to-failure law (`mtbf
 * T` is exponential with mean T; `ttf DIST` any other law), then down for a
 * time drawn from its repair law (`mttr DIST`), and so on.  Components fail
 * and are repaired independently — a router pair's clocks keep running while
 * its site is down — which is the standard assumption of reliability block
 * diagrams (DESIGN §6; the exact cross-check in analysis/ctmc.c rests on it).
 * A correlated group (`group NAME { members … mtbf … mttr … }`) is one more
 * process whose failure opens a failure on every member at once.
 *
 * With `clocks suspend` (docs/models.md "Failure clocks") a component's
 * time to failure stands still while a component it sits in is down: a
 * router pair's while its site is down; a router's, link's or session's
 * while its site or its router pair is down.  "Down" is any open failure of
 * that site or pair: random, correlated or scripted.  The clock keeps the
 * time it had left and resumes with it on the repair.  A repair in progress
 * runs on.  The draws are the same in both modes, in the same order, so
 * only their timing moves.
 *
 * Each process draws from its own stream, keyed by the component's full name
 * plus ".failures" (or the group's name), so adding a component or a class
 * changes no other component's failures.  A random failure gets the id r1,
 * r2, … in the order failures occur, and is played exactly like a scripted
 * one (world-script.c): same modes, same detection, same signals.
 */
#include "models/world-private.h"
#include "models/law.h"


typedef struct {
  LmWorld *w;
  char *name;                 /* the component (or group) */
  GPtrArray *targets;         /* LmScTarget* (owned copies, or the group's, not owned) */
  gboolean owns_targets;
  LmScDist ttf, ttr;
  LmScMode mode;
  gsl_rng *rng;
  FailRt **open;              /* the failures this process holds open, one per target */
  LmEventId next;
  LmTime due;                 /* when next runs */
  gboolean down;              /* between a failure and its repair */
  /* failure clocks: the pair it sits in (NULL: nothing above it), and
   * whether the pair itself is above it too (a router, link or session) */
  Pair *under;
  gboolean under_pair;
  gboolean frozen;            /* its time to failure stands still … */
  LmTime remaining;           /* … with this much left */
} RandomProc;

static LmScTarget *
target_new (const char *name, LmScClass klass, guint ic, guint site, guint pair,
            LmScRouter router, guint families)
{
  LmScTarget *t = g_new0 (LmScTarget, 1);
  t->name = g_strdup (name);
  t->klass = klass;
  t->interconnect = ic;
  t->site = site;
  t->pair = pair;
  t->router = router;
  t->families = families;
  return t;
}

static void
target_free (gpointer data)
{
  LmScTarget *t = data;
  g_free (t->name);
  g_free (t);
}

static void on_random_failure (LmSim *sim, gpointer data);
static void on_random_repair (LmSim *sim, gpointer data);

/* With `clocks suspend`: a component above @p is down. */
static gboolean
suspended (const RandomProc *p)
{
  return p->under != NULL && p->w->sc->failure_clocks == LM_SC_CLOCKS_SUSPEND
         && (p->under->site_failed > 0 || (p->under_pair && p->under->pair_failed > 0));
}

static void
schedule_in (RandomProc *p, LmTime d, LmEventFunc func)
{
  LmTime now = lm_sim_now (p->w->sim);
  if (d > LM_TIME_MAX - now)
    return;   /* beyond the end of time: never */
  p->due = now + d;
  p->next = lm_sim_schedule (p->w->sim, d, func, p);
}

static void
arm (RandomProc *p, LmScDist *law, LmEventFunc func)
{
  LmTime d = lm_law_draw (law, p->rng);
  if (func == on_random_failure && suspended (p))
    {
      p->frozen = TRUE;   /* repaired while its site (or pair) is still down */
      p->remaining = d;
      return;
    }
  schedule_in (p, d, func);
}

/* "r" and @n in decimal (as "r%u" would, without printf's cost). */
static char *
random_id (guint n)
{
  char buf[16];
  char *p = buf + sizeof buf;
  *--p = '\0';
  do
    *--p = (char) ('0' + n % 10);
  while ((n /= 10) > 0);
  *--p = 'r';
  return g_strdup (p);
}

static void
on_random_failure (LmSim *sim, gpointer data)
{
  RandomProc *p = data;
  LmWorld *w = p->w;
  p->next = LM_EVENT_NONE;
  p->down = TRUE;
  for (guint i = 0; i < p->targets->len; i++)
    {
      LmScFailure *f = g_new0 (LmScFailure, 1);
      f->id = random_id (++w->next_random);
      f->target = g_ptr_array_index (p->targets, i);
      f->mode = p->mode != LM_SC_MODE_NONE ? p->mode : lm_sc_class_default_mode (f->target->klass);
      f->at = lm_sim_now (sim);
      f->until = LM_SC_FAILURE_OPEN;
      g_ptr_array_add (w->random_failures, f);
      FailRt *rt = g_new0 (FailRt, 1);
      rt->w = w;
      rt->f = f;
      g_ptr_array_add (w->failures, rt);
      p->open[i] = rt;
      lm_world_apply_failure (rt, +1);
    }
  arm (p, &p->ttr, on_random_repair);
}

static void
on_random_repair (LmSim *sim, gpointer data)
{
  RandomProc *p = data;
  p->next = LM_EVENT_NONE;
  p->down = FALSE;
  for (guint i = 0; i < p->targets->len; i++)
    {
      ((LmScFailure *) p->open[i]->f)->until = lm_sim_now (sim);
      lm_world_apply_failure (p->open[i], -1);
      p->open[i] = NULL;
    }
  arm (p, &p->ttf, on_random_failure);
}

static void
add_proc (LmWorld *w, const char *name, GPtrArray *targets, gboolean owns, const LmScDist *ttf,
          const LmScDist *ttr, LmScMode mode, Pair *under, gboolean under_pair)
{
  RandomProc *p = g_new0 (RandomProc, 1);
  p->w = w;
  p->under = under;
  p->under_pair = under_pair;
  p->name = g_strdup (name);
  p->targets = targets;
  p->owns_targets = owns;
  p->ttf = *ttf;
  p->ttr = *ttr;
  p->mode = mode;
  g_autofree char *stream = g_strconcat (name, ".failures", NULL);
  p->rng = lm_sim_rng_new (w->sim, stream);
  p->open = g_new0 (FailRt *, targets->len);
  g_ptr_array_add (w->random, p);
  arm (p, &p->ttf, on_random_failure);
}

/* One process per component of @fc's class in interconnect @ic. */
static void
add_class (LmWorld *w, Ic *ic, const LmScFailureClass *fc)
{
  for (guint i = 0; i < ic->n_paths; i++)
    {
      Pair *pr = &ic->pairs[i];
      char site_name[64];
      g_snprintf (site_name, sizeof site_name, "%s.%c", ic->name, 'A' + pr->site);
      for (int k = 0; k < N_ENDS + (int) ic->n_families; k++)
        {
          g_autoptr (GPtrArray) t = g_ptr_array_new_with_free_func (target_free);
          LmScClass c = fc->klass;
          if (c == LM_SC_CLASS_SITE && pr->pair == 0 && k == 0)
            g_ptr_array_add (t, target_new (site_name, c, ic->index, pr->site, 0, 0, 0));
          else if (c == LM_SC_CLASS_ROUTER_PAIR && k == 0)
            g_ptr_array_add (t, target_new (pr->name, c, ic->index, pr->site, pr->pair, 0, 0));
          else if (c == LM_SC_CLASS_LINK && k == 0)
            {
              g_autofree char *n = g_strconcat (pr->name, ".link", NULL);
              g_ptr_array_add (t, target_new (n, c, ic->index, pr->site, pr->pair, 0, 0));
            }
          else if (c == LM_SC_CLASS_ROUTER && k < N_ENDS)
            g_ptr_array_add (t, target_new (pr->router_name[k], c, ic->index, pr->site, pr->pair,
                                            k == 0 ? LM_SC_ROUTER_CLOUD : LM_SC_ROUTER_PARTNER, 0));
          else if (c == LM_SC_CLASS_BGP && k >= N_ENDS)
            {
              guint f = (guint) k - N_ENDS;
              guint bit = ic->family[f] == LM_BGP_FAMILY_IPV6 ? LM_SC_FAMILY_IPV6 : LM_SC_FAMILY_IPV4;
              g_ptr_array_add (t, target_new (lm_bgp_session_name (pr->bgp[f]), c, ic->index,
                                              pr->site, pr->pair, 0, bit));
            }
          if (t->len > 0)
            {
              const char *name = ((LmScTarget *) t->pdata[0])->name;
              gboolean in_site = c != LM_SC_CLASS_SITE;   /* a pair, or a part of one */
              add_proc (w, name, g_ptr_array_ref (t), TRUE, &fc->ttf, &fc->ttr, fc->mode,
                        in_site ? pr : NULL, in_site && c != LM_SC_CLASS_ROUTER_PAIR);
            }
        }
    }
  if (fc->klass == LM_SC_CLASS_PARTNER_FABRIC || fc->klass == LM_SC_CLASS_FIRST_MILE
      || fc->klass == LM_SC_CLASS_GATEWAY)
    {
      GPtrArray *t = g_ptr_array_new_with_free_func (target_free);
      const char *suffix = fc->klass == LM_SC_CLASS_PARTNER_FABRIC ? "fabric"
                           : fc->klass == LM_SC_CLASS_FIRST_MILE ? "first-mile" : "gateway";
      g_autofree char *n = g_strconcat (ic->name, ".", suffix, NULL);
      g_ptr_array_add (t, target_new (n, fc->klass, ic->index, 0, 0, 0, 0));
      add_proc (w, n, t, TRUE, &fc->ttf, &fc->ttr, fc->mode, NULL, FALSE);
    }
}

void
lm_world_schedule_random (LmWorld *w)
{
  const LmScenario *sc = w->sc;
  w->random = g_ptr_array_new ();
  w->random_failures = g_ptr_array_new ();
  for (guint i = 0; i < w->ics->len; i++)
    for (guint c = 0; c < sc->failure_classes->len; c++)
      add_class (w, g_ptr_array_index (w->ics, i), g_ptr_array_index (sc->failure_classes, c));
  for (guint g = 0; g < sc->groups->len; g++)
    {
      const LmScGroup *grp = g_ptr_array_index (sc->groups, g);
      add_proc (w, grp->name, grp->targets, FALSE, &grp->ttf, &grp->ttr, LM_SC_MODE_NONE, NULL,
                FALSE);
    }
}

void
lm_world_free_random (LmWorld *w)
{
  if (w->random != NULL)
    {
      for (guint i = 0; i < w->random->len; i++)
        {
          RandomProc *p = g_ptr_array_index (w->random, i);
          lm_sim_cancel (w->sim, p->next);
          if (p->owns_targets)
            g_ptr_array_unref (p->targets);
          gsl_rng_free (p->rng);
          g_free (p->open);
          g_free (p->name);
          g_free (p);
        }
      g_ptr_array_unref (w->random);
    }
  if (w->random_failures != NULL)
    {
      for (guint i = 0; i < w->random_failures->len; i++)
        {
          LmScFailure *f = g_ptr_array_index (w->random_failures, i);
          g_free (f->id);
          g_free (f);
        }
      g_ptr_array_unref (w->random_failures);
    }
}

/* ------------------------------------------------------------ failure clocks */

/* Stops or restarts @p's time to failure after a change above it.  A
 * component under repair is left alone: its repair runs on, and its next
 * time to failure is drawn (and, if still suspended, kept) when it ends. */
static void
update_clock (RandomProc *p)
{
  if (p->down)
    return;
  if (suspended (p))
    {
      if (p->frozen || p->next == LM_EVENT_NONE)
        return;   /* already stopped, or never failing */
      p->remaining = p->due - lm_sim_now (p->w->sim);
      lm_sim_cancel (p->w->sim, p->next);
      p->next = LM_EVENT_NONE;
      p->frozen = TRUE;
    }
  else if (p->frozen)
    {
      p->frozen = FALSE;
      schedule_in (p, p->remaining, on_random_failure);
    }
}

static gboolean
pair_under (const Pair *pr, const LmScTarget *t)
{
  return pr->site == t->site && (t->klass == LM_SC_CLASS_SITE || pr->pair == t->pair);
}

void
lm_world_random_parent (LmWorld *w, const LmScTarget *t, int delta)
{
  if (w->sc->failure_clocks != LM_SC_CLOCKS_SUSPEND
      || (t->klass != LM_SC_CLASS_SITE && t->klass != LM_SC_CLASS_ROUTER_PAIR))
    return;
  Ic *ic = g_ptr_array_index (w->ics, t->interconnect);
  for (guint i = 0; i < ic->n_paths; i++)
    {
      Pair *pr = &ic->pairs[i];
      if (!pair_under (pr, t))
        continue;
      guint *count = t->klass == LM_SC_CLASS_SITE ? &pr->site_failed : &pr->pair_failed;
      *count = (guint) ((int) *count + delta);
    }
  for (guint i = 0; w->random != NULL && i < w->random->len; i++)
    {
      RandomProc *p = g_ptr_array_index (w->random, i);
      if (p->under != NULL && p->under->ic == ic && pair_under (p->under, t))
        update_clock (p);
    }
}
