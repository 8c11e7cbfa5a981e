/* analysis/provisioning.c — the provisioning steps of each interconnect
 * (provisioning.h lists the signals). */
#include "analysis/provisioning.h"

#include <string.h>

struct _LmProvLog {
  LmSim *sim;
  const LmScenario *sc;
  GArray **steps;              /* per interconnect: LmProvStep */
  guint n;
  guint handler;
};

/* Whether a state signal's @what is a provisioning step (provisioning.h
 * lists them): "state", "call", "partner", "build", "association",
 * "gateway", "notice".  Every state signal of every run comes through here
 * (bench/README.md), most of them "bgp", "bfd", "macsec" or an
 * availability flag: the first letter picks the one candidate. */
static gboolean
is_step (const char *what)
{
  const char *candidate;
  switch (what[0])
    {
    case 's': candidate = "state"; break;
    case 'c': candidate = "call"; break;
    case 'p': candidate = "partner"; break;
    case 'b': candidate = "build"; break;
    case 'a': candidate = "association"; break;
    case 'g': candidate = "gateway"; break;
    case 'n': candidate = "notice"; break;
    default: return FALSE;
    }
  return strcmp (what, candidate) == 0;
}

static void
clear_step (gpointer data)
{
  LmProvStep *s = data;
  g_free (s->component);
  g_free (s->what);
  g_free (s->from);
  g_free (s->to);
  g_free (s->detail);
}

static int
ic_index (const LmProvLog *log, const char *component)
{
  const char *dot = strchr (component, '.');
  gsize len = dot ? (gsize) (dot - component) : strlen (component);
  for (guint i = 0; i < log->n; i++)
    {
      const char *name = ((LmScInterconnect *) log->sc->interconnects->pdata[i])->name;
      if (strlen (name) == len && strncmp (name, component, len) == 0)
        return (int) i;
    }
  return -1;
}

static const char *
actor_of (const LmSignal *s)
{
  const char *what = s->what, *from = s->u.state.from_name;
  if (strcmp (what, "call") == 0)
    return g_str_has_suffix (s->component, ".portal") && strcmp (from, "ActivateKey") != 0
           ? "partner" : "customer";
  if (strcmp (what, "state") == 0)
    return "console";
  if (strcmp (what, "partner") == 0)
    return "partner";
  if (strcmp (what, "build") == 0)
    return "service";
  return "gateway";
}

static void
add (LmProvLog *log, guint ic, const LmSignal *s)
{
  LmProvStep step = {
    s->time, actor_of (s), g_strdup (s->component), g_strdup (s->what),
    g_strdup (s->u.state.from_name), g_strdup (s->u.state.to_name), g_strdup (s->u.state.cause),
  };
  g_array_append_val (log->steps[ic], step);
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  LmProvLog *log = user_data;
  if (!is_step (s->what))
    return;
  if (strcmp (s->what, "gateway") != 0)
    {
      int ic = ic_index (log, s->component);
      if (ic >= 0)
        add (log, (guint) ic, s);
      return;
    }
  for (guint i = 0; i < log->n; i++)    /* a gateway: every interconnect on it */
    {
      const LmScInterconnect *d = log->sc->interconnects->pdata[i];
      if (d->gateway != NULL && strcmp (d->gateway, s->component) == 0)
        add (log, i, s);
    }
}

LmProvLog *
lm_prov_log_new (LmSim *sim, const LmScenario *sc)
{
  LmProvLog *log = g_new0 (LmProvLog, 1);
  log->sim = sim;
  log->sc = sc;
  log->n = sc->interconnects->len;
  log->steps = g_new0 (GArray *, log->n);
  for (guint i = 0; i < log->n; i++)
    {
      log->steps[i] = g_array_new (FALSE, FALSE, sizeof (LmProvStep));
      g_array_set_clear_func (log->steps[i], clear_step);
    }
  log->handler = lm_sim_connect (sim, LM_SIGNAL_STATE, on_state, log);
  return log;
}

void
lm_prov_log_free (LmProvLog *log)
{
  if (log == NULL)
    return;
  lm_sim_disconnect (log->sim, log->handler);
  for (guint i = 0; i < log->n; i++)
    g_array_unref (log->steps[i]);
  g_free (log->steps);
  g_free (log);
}

const GArray *
lm_prov_log_steps (const LmProvLog *log, guint ic)
{
  g_return_val_if_fail (ic < log->n, NULL);
  return log->steps[ic];
}

gboolean
lm_prov_log_active (const LmProvLog *log, guint ic)
{
  const GArray *a = lm_prov_log_steps (log, ic);
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_array_index (a, LmProvStep, i).what, "state") != 0)
      return TRUE;
  return FALSE;
}

LmTime
lm_prov_ordered_at (const LmScenario *sc, guint ic)
{
  const char *name = ((LmScInterconnect *) sc->interconnects->pdata[ic])->name;
  for (guint i = 0; i < sc->actions->len; i++)
    {
      const LmScAction *a = sc->actions->pdata[i];
      if ((a->verb == LM_SC_VERB_PROVISION || a->verb == LM_SC_VERB_ACCEPT
           || a->verb == LM_SC_VERB_ACTIVATE) && strcmp (a->target, name) == 0)
        return a->at;     /* actions are in time order */
    }
  return -1;
}
