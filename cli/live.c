/* cli/live.c — live mode: libevent paces the run against the wall clock.
 *
 * Pacing: virtual time target = (wall time since start) × speed.  A timer
 * fires when the next pending event is due in wall time (never later than
 * TICK_MAX, so a changed plan is picked up); each wake runs the events up to
 * the target, at most BUDGET events at a time so requests are served while a
 * fast run catches up.  A request first brings the run up to the target, so
 * /metrics always shows the present.  When the target reaches the duration
 * the run is finished (expectations evaluated) and the loop ends, unless
 * --hold keeps serving the final state until a signal.
 *
 * The HTTP side (handlers, limits, the token) is cli/live-http.c.
 */
#include "cli/live-private.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include "cli/cli.h"

#define TICK_MAX_US (250 * 1000)
#define BUDGET 20000

G_DEFINE_QUARK (lm-live-error-quark, lm_live_error)

/* ------------------------------------------------------------ pacing */

static LmTime
virtual_target (const LmLive *live)
{
  const LmScenario *sc = live->sc;
  double elapsed_s = (double) (g_get_monotonic_time () - live->wall0_us) / 1e6;
  double target_ns = (double) live->virt0 + elapsed_s * live->speed * 1e9;
  if (!(target_ns < (double) sc->duration))
    return sc->duration;
  return MAX ((LmTime) target_ns, live->virt0);
}

/* Runs the events due by the wall clock, at most BUDGET of them; TRUE when
 * the run is up to date. */
gboolean
lm_live_catch_up (LmLive *live)
{
  if (live->ended || !live->started)
    return TRUE;
  LmSim *sim = lm_run_sim (live->run);
  LmTime target = virtual_target (live), next;
  guint64 first = lm_run_events (live->run);
  while (lm_sim_next_time (sim, &next) && next <= target)
    {
      if (lm_run_events (live->run) - first >= BUDGET)
        return FALSE;
      lm_run_advance (live->run, next);
    }
  lm_run_advance (live->run, target);
  if (target >= live->sc->duration)
    lm_live_end_run (live);
  return TRUE;
}

static void
arm_tick (LmLive *live, gboolean behind)
{
  if (live->ended)
    return;
  LmSim *sim = lm_run_sim (live->run);
  LmTime now = lm_sim_now (sim), next = live->sc->duration;
  LmTime pending;
  if (lm_sim_next_time (sim, &pending) && pending < next)
    next = pending;
  double wait_us = behind ? 0 : (double) (next - now) / 1e3 / live->speed;
  gint64 us = (gint64) CLAMP (wait_us, 0, TICK_MAX_US);
  struct timeval tv = { (time_t) (us / 1000000), (suseconds_t) (us % 1000000) };
  evtimer_add (live->tick, &tv);
}

void
lm_live_rearm (LmLive *live)
{
  arm_tick (live, FALSE);
}

static void
on_tick (evutil_socket_t fd, short what, void *data)
{
  LmLive *live = data;
  gboolean caught_up = lm_live_catch_up (live);
  arm_tick (live, !caught_up);
}

void
lm_live_end_run (LmLive *live)
{
  if (live->ended)
    return;
  live->ended = TRUE;
  evtimer_del (live->tick);
  lm_run_finish (live->run);
  if (live->hold && !live->stopping)
    g_printerr ("lmsim: the run reached its duration; serving its final state "
                "(Ctrl-C to end)\n");
  else
    event_base_loopbreak (live->base);
}

void
lm_live_stop (LmLive *live)
{
  live->stopping = TRUE;
  if (!live->started)
    lm_live_start (live);   /* a run stopped before it began still ends with a report */
  lm_live_catch_up (live);
  if (live->ended)
    event_base_loopbreak (live->base);
  else
    lm_live_end_run (live);
}

static void
on_signal (evutil_socket_t sig, short what, void *data)
{
  LmLive *live = data;
  g_printerr ("lmsim: %s: ending the run\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  lm_live_stop (live);
}

/* A client that goes away mid-answer must not kill the server: SIGPIPE is
 * caught here (through libevent, restored when the LmLive is freed) and
 * the failed write ends that connection only. */
static void
on_sigpipe (evutil_socket_t sig, short what, void *data)
{
}

/* ------------------------------------------------------------ lifecycle */

LmLive *
lm_live_new (LmScenario *sc, LmRunFlags flags, const LmLiveOptions *opt, GError **error)
{
  g_autoptr (LmLive) live = g_new0 (LmLive, 1);
  live->sc = sc;
  live->speed = opt->speed > 0 ? opt->speed : 1.0;
  live->hold = opt->hold;
  live->token = g_strdup (opt->token);
  if (!isfinite (live->speed) || live->speed > 1e12)
    {
      g_set_error (error, LM_LIVE_ERROR, LM_LIVE_ERROR_USAGE,
                   "--speed takes a number above 0 and at most 1e12, not %g", opt->speed);
      return NULL;
    }
  live->run = lm_run_new (sc, 0, flags, error);
  if (live->run == NULL)
    return NULL;
  live->base = event_base_new ();
  if (live->base == NULL)
    {
      g_set_error (error, LM_LIVE_ERROR, LM_LIVE_ERROR_LISTEN, "libevent: no event base");
      return NULL;
    }
  live->tick = evtimer_new (live->base, on_tick, live);
  live->sigint = evsignal_new (live->base, SIGINT, on_signal, live);
  live->sigterm = evsignal_new (live->base, SIGTERM, on_signal, live);
  live->sigpipe = evsignal_new (live->base, SIGPIPE, on_sigpipe, live);
  if (!lm_live_http_start (live, opt->listen ? opt->listen : LM_LIVE_DEFAULT_LISTEN, error))
    return NULL;
  evsignal_add (live->sigint, NULL);
  evsignal_add (live->sigterm, NULL);
  evsignal_add (live->sigpipe, NULL);
  return g_steal_pointer (&live);
}

void
lm_live_free (LmLive *live)
{
  if (live == NULL)
    return;
  lm_live_http_stop (live);
  g_clear_pointer (&live->tick, event_free);
  g_clear_pointer (&live->sigint, event_free);
  g_clear_pointer (&live->sigterm, event_free);
  g_clear_pointer (&live->sigpipe, event_free);
  g_clear_pointer (&live->base, event_base_free);
  lm_run_free (live->run);
  g_free (live->token);
  g_free (live);
}

guint16 lm_live_port (const LmLive *live) { return live->port; }
struct event_base *lm_live_base (const LmLive *live) { return live->base; }
LmRun *lm_live_run (const LmLive *live) { return live->run; }
gboolean lm_live_ended (const LmLive *live) { return live->ended; }

void
lm_live_start (LmLive *live)
{
  g_return_if_fail (!live->started);
  live->started = TRUE;
  lm_run_start (live->run);
  live->virt0 = lm_sim_now (lm_run_sim (live->run));
  live->wall0_us = g_get_monotonic_time ();
  lm_live_catch_up (live);
  arm_tick (live, FALSE);
}

void
lm_live_loop (LmLive *live)
{
  if (!live->started)
    lm_live_start (live);
  while (!live->ended || (live->hold && !live->stopping))
    if (event_base_dispatch (live->base) != 0)
      break;
  if (!live->ended)
    lm_live_end_run (live);
  /* flush what is already written (an answer queued just before the end) */
  event_base_loop (live->base, EVLOOP_NONBLOCK);
}

/* ------------------------------------------------------------ lmsim --live */

int
lm_cli_live (LmScenario *sc, const char *path, const LmLiveOptions *opt, const LmRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  LmRunFlags flags = LM_RUN_TIMELINE | (ro->trace_path != NULL ? LM_RUN_TRACE : 0);
  g_autoptr (LmLive) live = lm_live_new (sc, flags, opt, &error);
  if (live == NULL)
    {
      g_printerr ("lmsim: %s\n", error->message);
      return LM_EXIT_USAGE;
    }
  g_printerr ("lmsim: live at %g× on http://%s/ — GET /metrics /status /healthz, "
              "POST /inject\n", live->speed, live->address);
  lm_live_loop (live);
  return lm_cli_report_run (live->run, sc, path, ro);
}
