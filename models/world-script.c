/* models/world-script.c — plays the scenario's script on the world.
 *
 * Each LmScFailure of the scenario (already expanded per target, flaps into
 * their periods, maintenance into graceful failures) opens at its time and
 * closes at its repair; a component is down while any failure covering it is
 * open (DESIGN §6).  The modes:
 *
 *   site, router-pair  crash: every router of the pair(s) crashes at once;
 *                      graceful: RFC 8326 drain of every session, then the
 *                      routers go down after the drain (maintenance)
 *   router             crash
 *   link               silent (no carrier change) | carrier (loss of signal)
 *   bgp                reset (Cease, immediate withdraw; held down until the
 *                      repair) | graceful (drain, then down)
 *   partner-fabric, first-mile, gateway   carrier | silent: every path of
 *                      the interconnect stops carrying
 *
 * Other actions: degrade (a link's loss ratio, for a time), macsec (rekey,
 * CAK rotation, CAK mismatch at the partner end).  Provisioning verbs
 * (provision, accept, activate, update, delete) go to world-provision.c.
 *
 * Live mode injects actions while the run goes on (lm_world_inject): their
 * times are relative to the moment they arrive.
 */
#include "models/world-private.h"

#include <string.h>

static Ic *
ic_of (LmWorld *w, const LmScTarget *t)
{
  return g_ptr_array_index (w->ics, t->interconnect);
}

/* The pairs a target covers: [first, first + n).  Site and pair-level
 * targets only; shared ones (fabric, first mile, gateway) cover none. */
static void
pairs_of (Ic *ic, const LmScTarget *t, guint *first, guint *n)
{
  switch (t->klass)
    {
    case LM_SC_CLASS_SITE:
      *first = t->site * ic->pairs_per_site;
      *n = ic->pairs_per_site;
      return;
    case LM_SC_CLASS_ROUTER_PAIR:
    case LM_SC_CLASS_ROUTER:
    case LM_SC_CLASS_LINK:
    case LM_SC_CLASS_BGP:
      *first = t->site * ic->pairs_per_site + t->pair;
      *n = 1;
      return;
    default:
      *first = 0;
      *n = 0;
      return;
    }
}

static gboolean
shared_target (const LmScTarget *t)
{
  return t->klass == LM_SC_CLASS_PARTNER_FABRIC || t->klass == LM_SC_CLASS_FIRST_MILE
         || t->klass == LM_SC_CLASS_GATEWAY;
}

/* Applies @delta (+1 open, -1 close) of a BGP failure to the sessions of
 * pair @p that @t names. */
static void
bgp_failure (Pair *p, const LmScTarget *t, LmScMode mode, int delta)
{
  Ic *ic = p->ic;
  for (guint f = 0; f < ic->n_families; f++)
    {
      LmScFamily bit = ic->family[f] == LM_BGP_FAMILY_IPV6 ? LM_SC_FAMILY_IPV6 : LM_SC_FAMILY_IPV4;
      if (t->families != 0 && !(t->families & bit))
        continue;
      guint before = p->bgp_down[f];
      p->bgp_down[f] = (guint) ((int) before + delta);
      if (before == 0 && p->bgp_down[f] > 0)
        lm_bgp_session_stop (p->bgp[f], LM_BGP_END_CLOUD, mode == LM_SC_MODE_GRACEFUL);
      else if (before > 0 && p->bgp_down[f] == 0)
        lm_bgp_session_start (p->bgp[f], LM_BGP_END_CLOUD);
    }
}

/* Routers a target holds down: both ends of every pair for site and router
 * pair, one end for router. */
static void
routers_down (Ic *ic, const LmScTarget *t, int delta)
{
  guint first, n;
  pairs_of (ic, t, &first, &n);
  for (guint i = first; i < first + n; i++)
    for (int end = 0; end < N_ENDS; end++)
      if (t->klass != LM_SC_CLASS_ROUTER || (int) t->router == end)
        lm_world_router_down (&ic->pairs[i], end, delta);
}

static void
drain (Ic *ic, const LmScTarget *t, gboolean start)
{
  guint first, n;
  pairs_of (ic, t, &first, &n);
  for (guint i = first; i < first + n; i++)
    for (guint f = 0; f < ic->n_families; f++)
      {
        if (start)
          lm_bgp_session_stop (ic->pairs[i].bgp[f], LM_BGP_END_CLOUD, TRUE);
        else
          lm_bgp_session_start (ic->pairs[i].bgp[f], LM_BGP_END_CLOUD);
      }
}

static void
on_drained (LmSim *sim, gpointer data)
{
  FailRt *rt = data;
  rt->phase2 = LM_EVENT_NONE;
  rt->phase2_done = TRUE;
  routers_down (ic_of (rt->w, rt->f->target), rt->f->target, +1);
}

static void
cover (Ic *ic, const LmScTarget *t, int delta)
{
  if (shared_target (t))
    return;
  guint first, n;
  pairs_of (ic, t, &first, &n);
  for (guint i = first; i < first + n; i++)
    ic->pairs[i].covering = (guint) ((int) ic->pairs[i].covering + delta);
}

static void
apply_pair_failure (FailRt *rt, Ic *ic, int delta)
{
  const LmScTarget *t = rt->f->target;
  LmScMode mode = rt->f->mode;
  guint first, n;
  pairs_of (ic, t, &first, &n);
  switch (t->klass)
    {
    case LM_SC_CLASS_SITE:
    case LM_SC_CLASS_ROUTER_PAIR:
    case LM_SC_CLASS_ROUTER:
      if (mode != LM_SC_MODE_GRACEFUL)
        routers_down (ic, t, delta);
      else if (delta > 0)
        {
          drain (ic, t, TRUE);
          LmTime wait = rt->w->timing.bgp_drain + rt->w->timing.drain_margin;
          rt->phase2 = lm_sim_schedule (rt->w->sim, wait, on_drained, rt);
        }
      else
        {
          lm_sim_cancel (rt->w->sim, rt->phase2);
          rt->phase2 = LM_EVENT_NONE;
          if (rt->phase2_done)
            routers_down (ic, t, -1);
          rt->phase2_done = FALSE;
          drain (ic, t, FALSE);
        }
      break;
    case LM_SC_CLASS_LINK:
      for (guint i = first; i < first + n; i++)
        {
          Pair *p = &ic->pairs[i];
          if (mode == LM_SC_MODE_CARRIER)
            p->link_carrier = (guint) ((int) p->link_carrier + delta);
          else
            p->link_silent = (guint) ((int) p->link_silent + delta);
          lm_world_pair_sync (p);
        }
      break;
    case LM_SC_CLASS_BGP:
      for (guint i = first; i < first + n; i++)
        bgp_failure (&ic->pairs[i], t, mode, delta);
      break;
    default:
      break;
    }
}

void
lm_world_apply_failure (FailRt *rt, int delta)
{
  const LmScFailure *f = rt->f;
  Ic *ic = ic_of (rt->w, f->target);
  rt->open = delta > 0;
  lm_sim_emit_state (rt->w->sim, f->id, "failure", delta < 0, delta < 0 ? "open" : "closed",
                     delta > 0, delta > 0 ? "open" : "closed", f->target->name);
  cover (ic, f->target, delta);
  lm_world_random_parent (rt->w, f->target, delta);
  if (shared_target (f->target))
    {
      ic->shared_down = (guint) ((int) ic->shared_down + delta);
      /* loss of signal is seen at once by the CPE and the partner edge;
       * silence by nobody that could do anything about it */
      if (delta > 0 && f->mode == LM_SC_MODE_CARRIER)
        lm_world_emit_detect (rt->w, f->target->name,
                              f->target->klass == LM_SC_CLASS_GATEWAY ? 1 : 2);
      for (guint i = 0; i < ic->n_paths; i++)
        lm_world_pair_sync (&ic->pairs[i]);
      return;
    }
  apply_pair_failure (rt, ic, delta);
  lm_world_update (ic);
}

static void
on_failure_open (LmSim *sim, gpointer data)
{
  lm_world_apply_failure (data, +1);
}

static void
on_failure_close (LmSim *sim, gpointer data)
{
  FailRt *rt = data;
  if (rt->open)    /* a live repair may have closed it already */
    lm_world_apply_failure (rt, -1);
}

/* ------------------------------------------------------------ other actions */

typedef struct { LmWorld *w; const LmScAction *a; gboolean undo; } ActionRt;

static void
on_action (LmSim *sim, gpointer data)
{
  ActionRt *rt = data;
  const LmScAction *a = rt->a;
  for (guint i = 0; i < a->targets->len; i++)
    {
      const LmScTarget *t = g_ptr_array_index (a->targets, i);
      Ic *ic = ic_of (rt->w, t);
      guint first, n;
      pairs_of (ic, t, &first, &n);
      for (guint k = first; k < first + n; k++)
        {
          Pair *p = &ic->pairs[k];
          if (a->verb == LM_SC_VERB_DEGRADE)
            {
              p->error_ratio = rt->undo ? 0.0 : a->loss_fraction;
              lm_world_pair_sync (p);
            }
          else if (a->verb == LM_SC_VERB_MACSEC && a->macsec_op == LM_SC_MACSEC_OP_REKEY)
            lm_macsec_link_rekey (p->macsec);
          else if (a->verb == LM_SC_VERB_MACSEC && a->macsec_op == LM_SC_MACSEC_OP_CAK_ROTATE)
            lm_macsec_link_rotate_cak (p->macsec);
          else if (a->verb == LM_SC_VERB_MACSEC)
            lm_macsec_link_cak_mismatch (p->macsec, LM_MACSEC_END_PARTNER);
        }
    }
}

static void
schedule_action (LmWorld *w, const LmScAction *a)
{
  ActionRt *rt = g_new0 (ActionRt, 1);
  *rt = (ActionRt) { w, a, FALSE };
  lm_sim_schedule_at (w->sim, a->at, on_action, rt, g_free);
  if (a->verb == LM_SC_VERB_DEGRADE && a->has_length && a->length < LM_TIME_MAX - a->at)
    {
      ActionRt *undo = g_new0 (ActionRt, 1);
      *undo = (ActionRt) { w, a, TRUE };
      lm_sim_schedule_at (w->sim, a->at + a->length, on_action, undo, g_free);
    }
}

static void
schedule_failure (LmWorld *w, const LmScFailure *f)
{
  FailRt *rt = g_new0 (FailRt, 1);
  rt->w = w;
  rt->f = f;
  g_ptr_array_add (w->failures, rt);
  lm_sim_schedule_at (w->sim, f->at, on_failure_open, rt, NULL);
  if (f->until != LM_SC_FAILURE_OPEN)
    lm_sim_schedule_at (w->sim, f->until, on_failure_close, rt, NULL);
}

gboolean
lm_world_check_script (const LmScenario *sc, GError **error)
{
  return TRUE;     /* every verb is played (provisioning: world-provision.c) */
}

void
lm_world_schedule_script (LmWorld *w)
{
  const LmScenario *sc = w->sc;
  for (guint i = 0; i < sc->failures->len; i++)
    schedule_failure (w, g_ptr_array_index (sc->failures, i));
  for (guint i = 0; i < sc->actions->len; i++)
    {
      const LmScAction *a = g_ptr_array_index (sc->actions, i);
      if (a->verb == LM_SC_VERB_DEGRADE || a->verb == LM_SC_VERB_MACSEC)
        schedule_action (w, a);
      else if (a->verb <= LM_SC_VERB_DELETE)
        lm_world_prov_schedule (w, a);
    }
  lm_world_schedule_random (w);
}

/* ------------------------------------------------------------ live actions */

static gboolean
failure_name_used (LmWorld *w, const char *id)
{
  for (guint i = 0; i < w->failures->len; i++)
    if (strcmp (((FailRt *) w->failures->pdata[i])->f->id, id) == 0)
      return TRUE;
  return FALSE;
}

/* Closes the scripted or injected failures open on each target; FALSE
 * (nothing changed) when a target has none. */
static gboolean
live_repair (LmWorld *w, const LmScAction *a, GError **error)
{
  GPtrArray *found = g_ptr_array_new ();
  for (guint i = 0; i < a->targets->len; i++)
    {
      const LmScTarget *t = a->targets->pdata[i];
      guint before = found->len;
      for (guint k = 0; k < w->failures->len; k++)
        {
          FailRt *rt = w->failures->pdata[k];
          if (rt->open && rt->f->action != NULL && strcmp (rt->f->target->name, t->name) == 0)
            g_ptr_array_add (found, rt);
        }
      if (found->len == before)
        {
          g_set_error (error, LM_WORLD_ERROR, LM_WORLD_ERROR_INJECT,
                       "inject:%u:%u: error: nothing to repair: no failure of '%s' is open now",
                       a->target_loc.line, a->target_loc.col, t->name);
          g_ptr_array_unref (found);
          return FALSE;
        }
    }
  for (guint i = 0; i < found->len; i++)
    lm_world_apply_failure (found->pdata[i], -1);
  g_ptr_array_unref (found);
  return TRUE;
}

static gboolean
live_refuse (const LmScAction *a, const char *why, GError **error)
{
  g_set_error (error, LM_WORLD_ERROR, LM_WORLD_ERROR_INJECT, "inject:%u:%u: error: %s",
               a->loc.line, a->loc.col, why);
  return FALSE;
}

/* Makes the action's times absolute: now + the time written. */
static void
shift_to (LmScAction *a, LmTime now)
{
  a->at = now;
  for (guint i = 0; a->owns_failures && i < a->failures->len; i++)
    {
      LmScFailure *f = a->failures->pdata[i];
      f->at = f->at > LM_TIME_MAX - now ? LM_TIME_MAX : f->at + now;
      if (f->until != LM_SC_FAILURE_OPEN)
        f->until = f->until > LM_TIME_MAX - now ? LM_SC_FAILURE_OPEN : f->until + now;
    }
}

gboolean
lm_world_inject (LmWorld *w, LmScAction *a, GError **error)
{
  g_return_val_if_fail (w != NULL && a != NULL, FALSE);
  if (a->verb < LM_SC_VERB_UPDATE || a->verb == LM_SC_VERB_DELETE)
    return live_refuse (a, "ordering and deleting are scripted: only fail, repair, flap, "
                           "maintain, degrade, macsec and update can be injected", error);
  for (guint i = 0; a->verb != LM_SC_VERB_REPAIR && i < a->failures->len; i++)
    if (failure_name_used (w, ((LmScFailure *) a->failures->pdata[i])->id))
      return live_refuse (a, "this failure name is already used", error);
  if (a->verb == LM_SC_VERB_REPAIR)
    {
      if (!live_repair (w, a, error))
        return FALSE;
      lm_sc_action_free (a);   /* closed failures do not point into a repair */
      return TRUE;
    }
  shift_to (a, lm_sim_now (w->sim));
  if (w->live_actions == NULL)
    {
      w->live_actions = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_action_free);
      w->live_failures = g_ptr_array_new ();
    }
  g_ptr_array_add (w->live_actions, a);
  for (guint i = 0; i < a->failures->len; i++)
    {
      schedule_failure (w, a->failures->pdata[i]);
      g_ptr_array_add (w->live_failures, a->failures->pdata[i]);
    }
  if (a->verb == LM_SC_VERB_DEGRADE || a->verb == LM_SC_VERB_MACSEC)
    schedule_action (w, a);
  else if (a->verb == LM_SC_VERB_UPDATE)
    lm_world_prov_schedule (w, a);
  return TRUE;
}

const GPtrArray *
lm_world_injected_failures (const LmWorld *w)
{
  static const GPtrArray none = { NULL, 0 };
  return w->live_failures != NULL ? w->live_failures : &none;
}

void
lm_world_free_live (LmWorld *w)
{
  g_clear_pointer (&w->live_failures, g_ptr_array_unref);
  g_clear_pointer (&w->live_actions, g_ptr_array_unref);
}
