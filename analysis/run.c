/* analysis/run.c — one replication: build, listen, run, evaluate. */
#include "analysis/run.h"

#include <math.h>
#include <string.h>
#include "analysis/expect.h"
#include "models/traffic.h"

struct _LmRun {
  const LmScenario *sc;
  LmSim *sim;
  LmWorld *world;
  LmMetrics *metrics;
  LmTrace *trace;
  LmSeries *series;
  LmProvLog *prov;
  GArray *timeline;          /* LmTimelineEntry */
  GArray *results;           /* LmExpectResult */
  guint timeline_handler, sample_handler;
  gint64 wall_us, t0_us;
  gboolean started, finished;
  char **ic_names;
};

static const char *const dir_names[] = { "to-cloud", "from-cloud", NULL };
static const char *const cause_names[] = { "failover", "congestion", "policing", "macsec",
                                           "errors", NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (cause_names) == LM_LOSS_N + 1);

static void
clear_entry (gpointer data)
{
  LmTimelineEntry *e = data;
  g_free (e->component);
  g_free (e->text);
}

static void
clear_result (gpointer data)
{
  g_free (((LmExpectResult *) data)->value_text);
}

/* The timeline keeps what a person reads to follow a failure: failures,
 * the interconnect's state and reachability, provisioning steps (API
 * calls, the partner's order, builds, the gateway), sessions entering or leaving
 * Established (BGP) and Up (BFD), MACsec links gaining or losing their key,
 * detections and forwarding changes.  Everything is in --trace. */
static gboolean
worth_showing (const LmSignal *s)
{
  const char *what = s->what, *from = s->u.state.from_name, *to = s->u.state.to_name;
  const char *cause = s->u.state.cause ? s->u.state.cause : "";
  static const char *const always[] = {
    "failure", "state", "reachability", "capacity",
    /* provisioning (analysis/provisioning.h) */
    "call", "partner", "build", "association", "gateway", "notice", NULL,
  };
  if (g_strv_contains (always, what))
    return TRUE;
  if (strcmp (what, "bgp") == 0)
    return g_ascii_strcasecmp (from, "established") == 0 || g_ascii_strcasecmp (to, "established") == 0;
  if (strcmp (what, "bfd") == 0)   /* a crashed or restarted end says so in its BGP line */
    return (g_ascii_strcasecmp (from, "up") == 0 || g_ascii_strcasecmp (to, "up") == 0)
           && g_ascii_strcasecmp (cause, "crash") != 0;
  if (strcmp (what, "macsec") == 0)
    return strcmp (cause, "already-secured") != 0
           && (strcmp (from, "secured") == 0 || strcmp (to, "secured") == 0);
  return FALSE;
}

static void
add_entry (LmRun *run, LmTime at, const char *component, char *text)
{
  LmTimelineEntry e = { at, g_strdup (component), text };
  g_array_append_val (run->timeline, e);
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  LmRun *run = user_data;
  if (!worth_showing (s))
    return;
  char *text;
  if (strcmp (s->what, "failure") == 0)
    text = g_strdup_printf ("%s %s", s->u.state.to ? "failure opened on" : "failure closed on",
                            s->u.state.cause ? s->u.state.cause : "?");
  else if (strcmp (s->what, "call") == 0 || strcmp (s->what, "notice") == 0)
    text = g_strdup_printf ("%s: %s — %s", s->u.state.from_name, s->u.state.to_name,
                            s->u.state.cause ? s->u.state.cause : "");
  else if (s->u.state.cause != NULL)
    text = g_strdup_printf ("%s %s → %s (%s)", s->what, s->u.state.from_name,
                            s->u.state.to_name, s->u.state.cause);
  else
    text = g_strdup_printf ("%s %s → %s", s->what, s->u.state.from_name, s->u.state.to_name);
  add_entry (run, s->time, s->component, text);
}

static void
on_sample (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  LmRun *run = user_data;
  if (strcmp (s->what, "detect") == 0)
    add_entry (run, s->time, s->component, g_strdup ("detects the failure"));
  else if (g_str_has_prefix (s->what, "fib."))
    add_entry (run, s->time, s->component,
               g_strdup_printf ("%s %s forwarding", s->u.sample.value > 0 ? "joins" : "leaves",
                                s->what + 4));
}

LmRun *
lm_run_new (const LmScenario *sc, guint64 replication, LmRunFlags flags, GError **error)
{
  g_autoptr (LmRun) run = g_new0 (LmRun, 1);
  run->sc = sc;
  run->sim = lm_sim_new (sc->seed, replication);
  run->timeline = g_array_new (FALSE, FALSE, sizeof (LmTimelineEntry));
  g_array_set_clear_func (run->timeline, clear_entry);
  run->results = g_array_new (FALSE, TRUE, sizeof (LmExpectResult));
  g_array_set_clear_func (run->results, clear_result);
  run->ic_names = g_new0 (char *, sc->interconnects->len + 1);
  for (guint i = 0; i < sc->interconnects->len; i++)
    run->ic_names[i] = g_strdup (((LmScInterconnect *) sc->interconnects->pdata[i])->name);
  run->metrics = lm_metrics_new (run->sim, (const char *const *) run->ic_names, dir_names,
                                 cause_names);
  if (flags & LM_RUN_TRACE)
    run->trace = lm_trace_new (run->sim);
  run->prov = lm_prov_log_new (run->sim, sc);
  if (flags & LM_RUN_TIMELINE)
    {
      run->timeline_handler = lm_sim_connect (run->sim, LM_SIGNAL_STATE, on_state, run);
      run->sample_handler = lm_sim_connect (run->sim, LM_SIGNAL_SAMPLE, on_sample, run);
    }
  if (flags & LM_RUN_SERIES)
    run->series = lm_series_new (run->sim, sc);
  run->world = lm_world_new (run->sim, sc, error);
  if (run->world == NULL)
    return NULL;
  if (run->series != NULL)
    lm_series_attach (run->series, run->world);
  return g_steal_pointer (&run);
}

void
lm_run_free (LmRun *run)
{
  if (run == NULL)
    return;
  lm_series_free (run->series);
  lm_world_free (run->world);
  if (run->timeline_handler != 0)
    {
      lm_sim_disconnect (run->sim, run->timeline_handler);
      lm_sim_disconnect (run->sim, run->sample_handler);
    }
  lm_trace_free (run->trace);
  lm_prov_log_free (run->prov);
  lm_metrics_free (run->metrics);
  lm_sim_free (run->sim);
  g_array_unref (run->timeline);
  g_array_unref (run->results);
  g_strfreev (run->ic_names);
  g_free (run);
}

void
lm_run_start (LmRun *run)
{
  g_return_if_fail (!run->started);
  run->started = TRUE;
  run->t0_us = g_get_monotonic_time ();
  lm_world_start (run->world);
}

void
lm_run_advance (LmRun *run, LmTime until)
{
  g_return_if_fail (run->started && !run->finished);
  LmTime end = MIN (until, run->sc->duration);
  if (end >= lm_sim_now (run->sim))   /* events at now run too */
    lm_sim_run_until (run->sim, end);
}

void
lm_run_refresh (LmRun *run)
{
  lm_world_finish (run->world);
  lm_metrics_finish (run->metrics);
}

void
lm_run_finish (LmRun *run)
{
  g_return_if_fail (run->started);
  if (run->finished)
    return;
  run->finished = TRUE;
  lm_run_refresh (run);
  if (run->series != NULL)
    lm_series_finish (run->series);
  run->wall_us = g_get_monotonic_time () - run->t0_us;
  for (guint i = 0; i < run->sc->expectations->len; i++)
    {
      LmExpectResult r = { 0 };
      lm_expect_evaluate (run, g_ptr_array_index (run->sc->expectations, i), &r);
      g_array_append_val (run->results, r);
    }
}

gboolean lm_run_finished (const LmRun *run) { return run->finished; }

gboolean
lm_run_execute (LmRun *run, GError **error)
{
  lm_run_start (run);
  lm_run_advance (run, run->sc->duration);
  lm_run_finish (run);
  return TRUE;
}

const LmScenario *lm_run_scenario (const LmRun *run) { return run->sc; }
LmSim *lm_run_sim (const LmRun *run) { return run->sim; }
LmWorld *lm_run_world (const LmRun *run) { return run->world; }
LmMetrics *lm_run_metrics (const LmRun *run) { return run->metrics; }
LmTrace *lm_run_trace (const LmRun *run) { return run->trace; }
LmSeries *lm_run_series (const LmRun *run) { return run->series; }
LmProvLog *lm_run_provisioning (const LmRun *run) { return run->prov; }
guint64 lm_run_events (const LmRun *run) { return lm_sim_events_run (run->sim); }
double lm_run_wall_s (const LmRun *run) { return run->wall_us / 1e6; }
const GArray *lm_run_expectations (const LmRun *run) { return run->results; }
const GArray *lm_run_timeline (const LmRun *run) { return run->timeline; }

gboolean
lm_run_all_passed (const LmRun *run)
{
  for (guint i = 0; i < run->results->len; i++)
    if (!g_array_index (run->results, LmExpectResult, i).passed)
      return FALSE;
  return TRUE;
}

double
lm_run_latency (LmRun *run, guint ic, double p)
{
  return lm_traffic_latency_quantile (lm_world_traffic (run->world, ic), p);
}

double
lm_run_loss_ratio (const LmRun *run, guint ic)
{
  double lost = 0, offered = 0;
  for (guint d = 0; d < LM_METRICS_N_DIRS; d++)
    {
      offered += lm_metrics_offered_bits (run->metrics, ic, d);
      for (guint c = 0; c < LM_METRICS_N_CAUSES; c++)
        lost += lm_metrics_lost_bits (run->metrics, ic, d, c);
    }
  return offered > 0 ? lost / offered : NAN;
}
