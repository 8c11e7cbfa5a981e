/* models/forwarder.c — a side's RIB → FIB, with propagation delay.
 *
 * Models: best-preference selection with ECMP over equal best routes (BGP's
 * decision process reduced to LOCAL_PREF — RFC 4271 §9.1 — as the graceful
 * shutdown community lowers it, RFC 8326 §3); a per-side delay law between a
 * router's route change and the table's forwarding change (docs/models.md
 * gives the defaults; they are assumptions, no source publishes them).
 * Abstracts away: prefixes (one route per path and family stands for the
 * whole advertised set), MED, AS_PATH, MRAI at this hop.
 */
#include "models/forwarder.h"

typedef struct {
  LmForwarder *fw;
  guint path, family;
  LmRoutePref pref;
} Pending;

struct _LmForwarder {
  LmSim *sim;
  char *name;
  guint n_paths, n_families;
  LmDelayLaw delay;
  gsl_rng *rng;
  LmRoutePref *rib;       /* [family * n_paths + path], after delay */
  gboolean *fib;
  LmEventId *pending;     /* the change in flight per route */
  LmForwarderNotify notify;
  gpointer user_data;
};

LmForwarder *
lm_forwarder_new (LmSim *sim, const char *name, guint n_paths, guint n_families,
                  LmDelayLaw delay, gboolean all_up, LmForwarderNotify notify,
                  gpointer user_data)
{
  g_return_val_if_fail (n_paths >= 1 && n_families >= 1, NULL);
  g_return_val_if_fail (delay.lo >= 0 && delay.hi >= delay.lo, NULL);
  LmForwarder *fw = g_new0 (LmForwarder, 1);
  fw->sim = sim;
  fw->name = g_strdup (name);
  fw->n_paths = n_paths;
  fw->n_families = n_families;
  fw->delay = delay;
  fw->rng = lm_sim_rng_new (sim, name);
  guint n = n_paths * n_families;
  fw->rib = g_new (LmRoutePref, n);
  fw->fib = g_new (gboolean, n);
  fw->pending = g_new0 (LmEventId, n);
  for (guint i = 0; i < n; i++)
    {
      fw->rib[i] = all_up ? LM_ROUTE_NORMAL : LM_ROUTE_NONE;
      fw->fib[i] = all_up;
    }
  fw->notify = notify;
  fw->user_data = user_data;
  return fw;
}

void
lm_forwarder_free (LmForwarder *fw)
{
  if (fw == NULL)
    return;
  for (guint i = 0; i < fw->n_paths * fw->n_families; i++)
    lm_sim_cancel (fw->sim, fw->pending[i]);
  gsl_rng_free (fw->rng);
  g_free (fw->rib);
  g_free (fw->fib);
  g_free (fw->pending);
  g_free (fw->name);
  g_free (fw);
}

LmTime
lm_delay_law_draw (LmDelayLaw law, gsl_rng *rng)
{
  if (law.hi == law.lo)
    return law.lo;
  return law.lo + (LmTime) (gsl_rng_uniform (rng) * (double) (law.hi - law.lo));
}

LmTime
lm_forwarder_draw_delay (LmForwarder *fw)
{
  return lm_delay_law_draw (fw->delay, fw->rng);
}

/* Recomputes the family's FIB from its RIB: the paths with the best
 * preference present; notifies each change, in path order. */
static void
select_best (LmForwarder *fw, guint family)
{
  LmRoutePref best = LM_ROUTE_NONE;
  for (guint p = 0; p < fw->n_paths; p++)
    best = MAX (best, fw->rib[family * fw->n_paths + p]);
  for (guint p = 0; p < fw->n_paths; p++)
    {
      guint i = family * fw->n_paths + p;
      gboolean in = best != LM_ROUTE_NONE && fw->rib[i] == best;
      if (in == fw->fib[i])
        continue;
      fw->fib[i] = in;
      if (fw->notify != NULL)
        fw->notify (fw, p, family, in, fw->user_data);
    }
}

static void
apply (LmSim *sim, gpointer data)
{
  Pending *c = data;
  LmForwarder *fw = c->fw;
  guint i = c->family * fw->n_paths + c->path;
  fw->pending[i] = LM_EVENT_NONE;
  fw->rib[i] = c->pref;
  select_best (fw, c->family);
}

void
lm_forwarder_set_route (LmForwarder *fw, guint path, guint family, LmRoutePref pref,
                        gboolean immediate)
{
  g_return_if_fail (path < fw->n_paths && family < fw->n_families);
  guint i = family * fw->n_paths + path;
  lm_sim_cancel (fw->sim, fw->pending[i]);    /* superseded */
  fw->pending[i] = LM_EVENT_NONE;
  Pending *c = g_new (Pending, 1);
  *c = (Pending) { fw, path, family, pref };
  LmTime delay = immediate ? 0 : lm_forwarder_draw_delay (fw);
  fw->pending[i] = lm_sim_schedule_full (fw->sim, delay, apply, c, g_free);
}

gboolean
lm_forwarder_in_fib (const LmForwarder *fw, guint path, guint family)
{
  g_return_val_if_fail (path < fw->n_paths && family < fw->n_families, FALSE);
  return fw->fib[family * fw->n_paths + path];
}

LmRoutePref
lm_forwarder_route (const LmForwarder *fw, guint path, guint family)
{
  g_return_val_if_fail (path < fw->n_paths && family < fw->n_families, LM_ROUTE_NONE);
  return fw->rib[family * fw->n_paths + path];
}
