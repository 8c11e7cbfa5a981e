/* models/bgp.c — one eBGP session (one address family) between a cloud
 * router and a partner router: lifecycle, configuration, the path, crashes,
 * operator actions, BFD glue and route watchers.
 *
 * Models RFC 4271: the §8 state machine per end (bgp-fsm.c), OPEN hold-time
 * negotiation (§4.2: the smaller of the two; 0 or >= 3 s; §6.2 refuses 1 and
 * 2 s), keepalive one third of the hold time unless configured lower (§4.4,
 * §10), ConnectRetry 120 s and jitter 0.75–1.0 on ConnectRetry, Keepalive and
 * MinRouteAdvertisementInterval (§10), the OpenSent hold of 4 minutes
 * (§8.2.2); NOTIFICATION Cease subcodes of RFC 4486 (1 prefix limit,
 * 2 shutdown, 4 reset, 7 collision) and RFC 9384 (10 BFD Down); RFC 8326
 * graceful shutdown; RFC 5882 §10.2 BFD teardown.  Messages and TCP:
 * bgp-msg.c.
 * Abstracted away: message formats, capabilities, the decision process (an
 * end holds the peer's prefixes as one block: how many, and whether they
 * carry GRACEFUL_SHUTDOWN), AS paths, TCP beyond connection set-up, and
 * graceful restart (refused at creation).
 *
 * Objects: an LmBgpSession owns both ends (LmBgpSpeaker, bgp-private.h);
 * each end owns its timers, its random stream "<name>.<end>", its BFD
 * request; the session owns the messages in flight and the route watchers.
 * The BFD session is the caller's and must outlive this one.
 *
 * Defaults (sources in docs/models-bfd-bgp.md): hold 90 s, keepalive 30 s
 * (cloud-facts §2), ConnectRetry 120 s (§10), idle hold 1 s doubling to
 * 120 s (FRR), MRAI 0 s (FRR; RFC 4271 §10 suggests 30 s), drain 5 s, delay
 * 0.1 ms, carrier notification 1 ms (assumptions), prefix limit 100 at the
 * cloud end (cloud-facts §2).
 */
#define G_LOG_DOMAIN "lmsim-bgp"

#include "models/bgp-private.h"

G_DEFINE_QUARK (lm-bgp-error-quark, lm_bgp_error)

G_STATIC_ASSERT ((int) LM_BGP_END_CLOUD == (int) LM_BFD_END_CLOUD);
G_STATIC_ASSERT ((int) LM_BGP_END_PARTNER == (int) LM_BFD_END_PARTNER);

typedef struct {
  guint id;
  LmBgpEnd end;
  LmBgpRouteNotify notify;
  gpointer user_data;
} Watcher;

/* ------------------------------------------------------------ config */

void
lm_bgp_config_init (LmBgpConfig *config, const char *name, LmBgpFamily family)
{
  *config = (LmBgpConfig) {
    .name = name,
    .family = family,
    .delay = LM_US (100),
    .carrier_delay = LM_MS (1),
    .open_hold = LM_MIN (4),
    .syn_rto = LM_S (1),
    .bfd = NULL,
    .start_established = FALSE,
    .path_up = TRUE,
  };
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    config->end[i] = (LmBgpEndConfig) {
      .hold = LM_S (90),
      .keepalive = LM_S (30),
      .connect_retry = LM_S (120),
      .idle_hold = LM_S (1),
      .idle_hold_max = LM_S (120),
      .mrai = 0,
      .drain = LM_S (5),
      .prefixes = 1,
      .max_prefixes = i == LM_BGP_END_CLOUD ? 100 : 0,
    };
}

static gboolean
end_config_check (const char *name, LmBgpEnd id, const LmBgpEndConfig *c, GError **error)
{
  const char *end = lm_bgp_end_name (id);
  if (c->graceful_restart)
    {
      g_set_error (error, LM_BGP_ERROR, LM_BGP_ERROR_UNSUPPORTED,
                   "%s.%s: graceful restart is not modelled; turn it off (the cloud side "
                   "advises against graceful restart together with BFD)", name, end);
      return FALSE;
    }
  if (c->hold != 0 && c->hold < LM_S (3))
    {
      g_set_error (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG,
                   "%s.%s: hold time must be 0 or at least 3s (RFC 4271 §4.2)", name, end);
      return FALSE;
    }
  if ((c->hold > 0 && c->keepalive <= 0) || c->keepalive < 0 || c->connect_retry <= 0
      || c->idle_hold <= 0 || c->idle_hold_max < c->idle_hold || c->mrai < 0 || c->drain < 0)
    {
      g_set_error (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG,
                   "%s.%s: keepalive, connect-retry and idle hold must be > 0, "
                   "idle-hold-max >= idle hold, MRAI and drain >= 0", name, end);
      return FALSE;
    }
  return TRUE;
}

static gboolean
config_check (const LmBgpConfig *c, GError **error)
{
  if (c->name == NULL || c->name[0] == '\0' || c->family >= LM_BGP_N_FAMILIES)
    {
      g_set_error (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG,
                   "bgp: a session needs a name and an address family");
      return FALSE;
    }
  if (c->delay < 0 || c->carrier_delay < 0 || c->open_hold <= 0 || c->syn_rto <= 0)
    {
      g_set_error (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG,
                   "%s: delays must be >= 0, the OpenSent hold and SYN timeout > 0", c->name);
      return FALSE;
    }
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    if (!end_config_check (c->name, i, &c->end[i], error))
      return FALSE;
  if (c->start_established && c->bfd != NULL
      && (lm_bfd_session_state (c->bfd, LM_BFD_END_CLOUD) != LM_BFD_STATE_UP
          || lm_bfd_session_state (c->bfd, LM_BFD_END_PARTNER) != LM_BFD_STATE_UP))
    {
      g_set_error (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG,
                   "%s: cannot start Established while its BFD session is not Up", c->name);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ BFD glue */

static void
on_bfd (LmBfdSession *bfd, LmBfdEnd end, LmBfdState state, LmBfdDiag diag, gpointer data)
{
  LmBgpSpeaker *e = data;
  if (!e->alive)
    return;
  if (state == LM_BFD_STATE_UP)
    lm_bgp_try_start (e);
  else if (state == LM_BFD_STATE_DOWN)   /* AdminDown is not a failure (RFC 5882 §3.2) */
    lm_bgp_fsm_feed (e, LM_BGP_EVENT_BFD_DOWN);
}

/* ------------------------------------------------------------ lifecycle */

static void
end_init (LmBgpSession *s, LmBgpEnd id)
{
  LmBgpSpeaker *e = &s->end[id];
  e->s = s;
  e->id = id;
  e->name = g_strconcat (s->name, ".", lm_bgp_end_name (id), NULL);
  e->cfg = s->cfg.end[id];
  e->state = LM_BGP_STATE_IDLE;
  e->since = lm_sim_now (s->sim);
  e->alive = TRUE;
  e->rng = lm_sim_rng_new (s->sim, e->name);
  lm_bgp_timers_new (e);
  e->idle_hold_cur = e->cfg.idle_hold;
  e->silent_since = -1;
  if (s->cfg.bfd != NULL)
    e->bfd = lm_bfd_request_new (s->cfg.bfd, (LmBfdEnd) id, on_bfd, e);
}

/* Both ends Established with each other's routes, without a bring-up. */
static void
establish_now (LmBgpSession *s)
{
  guint conn = ++s->next_conn;
  LmTime hold = MIN (s->end[0].cfg.hold, s->end[1].cfg.hold);
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      LmBgpSpeaker *e = &s->end[i];
      e->state = LM_BGP_STATE_ESTABLISHED;
      e->conn = conn;
      e->hold = hold;
      e->keepalive = hold == 0 ? 0 : MIN (e->cfg.keepalive, hold / 3);
      e->counters.established = 1;
    }
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      LmBgpSpeaker *e = &s->end[i], *p = lm_bgp_peer_of (e);
      if (e->cfg.max_prefixes > 0 && p->cfg.prefixes > e->cfg.max_prefixes)
        lm_bgp_fsm_feed (e, LM_BGP_EVENT_PREFIX_LIMIT);
      else if (e->state == LM_BGP_STATE_ESTABLISHED)
        e->routes = p->cfg.prefixes;
    }
  if (!s->path_up)
    for (int i = 0; i < LM_BGP_N_ENDS; i++)
      lm_bgp_start_silence (&s->end[i]);
}

LmBgpSession *
lm_bgp_session_new (LmSim *sim, const LmBgpConfig *config, GError **error)
{
  g_return_val_if_fail (sim != NULL && config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!config_check (config, error))
    return NULL;
  LmBgpSession *s = g_new0 (LmBgpSession, 1);
  s->sim = sim;
  s->name = g_strdup (config->name);
  s->cfg = *config;
  s->cfg.name = s->name;
  s->path_up = config->path_up;
  g_queue_init (&s->inflight);
  s->watchers = g_array_new (FALSE, FALSE, sizeof (Watcher));
  s->next_watch = 1;
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    end_init (s, i);
  if (config->start_established)
    establish_now (s);
  else
    for (int i = 0; i < LM_BGP_N_ENDS; i++)
      lm_bgp_idle_arm (&s->end[i]);   /* configured and enabled: start after the idle hold */
  return s;
}

void
lm_bgp_session_free (LmBgpSession *s)
{
  if (s == NULL)
    return;
  lm_bgp_cancel_inflight (s);
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      LmBgpSpeaker *e = &s->end[i];
      lm_bfd_request_free (e->bfd);
      for (int t = 0; t < LM_BGP_N_TIMERS; t++)
        lm_timer_free (e->timers[t]);
      gsl_rng_free (e->rng);
      g_free (e->name);
    }
  g_array_unref (s->watchers);
  g_free (s->name);
  g_free (s);
}

/* ------------------------------------------------------------ queries */

#define END_OR_RETURN(s, end, val) \
  g_return_val_if_fail ((s) != NULL && (guint) (end) < LM_BGP_N_ENDS, (val))

const char *
lm_bgp_session_name (const LmBgpSession *s)
{
  return s->name;
}

LmBgpState
lm_bgp_session_state (const LmBgpSession *s, LmBgpEnd end)
{
  END_OR_RETURN (s, end, LM_BGP_STATE_IDLE);
  return s->end[end].state;
}

LmTime
lm_bgp_session_since (const LmBgpSession *s, LmBgpEnd end)
{
  END_OR_RETURN (s, end, 0);
  return s->end[end].since;
}

LmTime
lm_bgp_session_hold_time (const LmBgpSession *s, LmBgpEnd end)
{
  END_OR_RETURN (s, end, 0);
  return s->end[end].hold;
}

LmTime
lm_bgp_session_keepalive_time (const LmBgpSession *s, LmBgpEnd end)
{
  END_OR_RETURN (s, end, 0);
  return s->end[end].keepalive;
}

guint
lm_bgp_session_routes (const LmBgpSession *s, LmBgpEnd end)
{
  END_OR_RETURN (s, end, 0);
  return s->end[end].routes;
}

gboolean
lm_bgp_session_depreferenced (const LmBgpSession *s, LmBgpEnd end)
{
  END_OR_RETURN (s, end, FALSE);
  return s->end[end].depref;
}

void
lm_bgp_session_counters (const LmBgpSession *s, LmBgpEnd end, LmBgpCounters *out)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS && out != NULL);
  *out = s->end[end].counters;
}

gboolean
lm_bgp_session_timer (const LmBgpSession *s, LmBgpEnd end, LmBgpTimer t, LmTime *when)
{
  END_OR_RETURN (s, end, FALSE);
  g_return_val_if_fail (t < LM_BGP_N_TIMERS, FALSE);
  LmTimer *tm = s->end[end].timers[t];
  if (!lm_timer_is_armed (tm))
    return FALSE;
  if (when != NULL)
    *when = lm_timer_expires (tm);
  return TRUE;
}

/* ------------------------------------------------------------ watchers */

guint
lm_bgp_session_watch (LmBgpSession *s, LmBgpEnd end, LmBgpRouteNotify notify, gpointer user_data)
{
  END_OR_RETURN (s, end, 0);
  g_return_val_if_fail (notify != NULL, 0);
  Watcher w = { s->next_watch++, end, notify, user_data };
  g_array_append_val (s->watchers, w);
  return w.id;
}

void
lm_bgp_session_unwatch (LmBgpSession *s, guint watch_id)
{
  for (guint i = 0; i < s->watchers->len; i++)
    if (g_array_index (s->watchers, Watcher, i).id == watch_id)
      {
        g_array_remove_index (s->watchers, i);
        return;
      }
  g_critical ("lm_bgp_session_unwatch: no watcher %u", watch_id);
}

void
lm_bgp_routes_changed (LmBgpSpeaker *e, LmBgpRouteChange change)
{
  LmBgpSession *s = e->s;
  LmTime now = lm_sim_now (s->sim);
  lm_sim_emit_sample (s->sim, e->name, change == LM_BGP_ROUTES_DEPREFERENCED
                                        ? "bgp.routes.depreferenced" : "bgp.routes",
                      (double) e->routes);
  /* a snapshot: a watcher may unwatch itself */
  g_autoptr (GArray) snap = g_array_copy (s->watchers);
  s->notifying++;
  for (guint i = 0; i < snap->len; i++)
    {
      Watcher *w = &g_array_index (snap, Watcher, i);
      if (w->end == e->id)
        w->notify (s, e->id, change, e->routes, now, w->user_data);
    }
  s->notifying--;
}

/* ------------------------------------------------------------ the path */

void
lm_bgp_session_path_down (LmBgpSession *s, LmBgpPathFailure how)
{
  g_return_if_fail (s != NULL);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  if (s->path_up)
    {
      s->path_up = FALSE;
      s->path_epoch++;
    }
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      LmBgpSpeaker *e = &s->end[i];
      if (!e->alive)
        continue;
      lm_bgp_start_silence (e);
      LmTimer *carrier = e->timers[LM_BGP_TIMER_CARRIER];
      if (how == LM_BGP_PATH_CARRIER && !lm_timer_is_armed (carrier))
        lm_timer_start (carrier, s->cfg.carrier_delay);
    }
}

void
lm_bgp_session_path_up (LmBgpSession *s)
{
  g_return_if_fail (s != NULL);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  if (s->path_up)
    return;
  s->path_up = TRUE;
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    lm_bgp_resume_stream (&s->end[i]);
}

/* ------------------------------------------------------------ operators */

void
lm_bgp_session_crash (LmBgpSession *s, LmBgpEnd end)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  g_return_if_fail (s->end[end].alive);
  lm_bgp_fsm_feed (&s->end[end], LM_BGP_EVENT_CRASH);
}

void
lm_bgp_session_restart (LmBgpSession *s, LmBgpEnd end)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  g_return_if_fail (!s->end[end].alive);
  lm_bgp_fsm_feed (&s->end[end], LM_BGP_EVENT_RESTART);
}

/* RFC 8326 §4 at @e: announce GRACEFUL_SHUTDOWN, depreference the peer's
 * routes locally, and stop when the drain time is over. */
static void
drain_start (LmBgpSpeaker *e)
{
  if (e->draining)
    return;
  e->draining = TRUE;
  LmBgpRx u = { .prefixes = e->cfg.prefixes, .gshut = TRUE };
  lm_bgp_send (e, LM_BGP_MSG_UPDATE, &u);
  if (e->routes > 0 && !e->depref)
    {
      e->depref = TRUE;
      lm_bgp_routes_changed (e, LM_BGP_ROUTES_DEPREFERENCED);
    }
  lm_timer_start (e->timers[LM_BGP_TIMER_DRAIN], e->cfg.drain);
}

void
lm_bgp_session_stop (LmBgpSession *s, LmBgpEnd end, gboolean graceful)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  LmBgpSpeaker *e = &s->end[end];
  e->admin_down = TRUE;
  if (!e->alive)
    return;
  if (graceful && e->state == LM_BGP_STATE_ESTABLISHED && e->cfg.drain > 0)
    drain_start (e);
  else
    lm_bgp_fsm_feed (e, LM_BGP_EVENT_MANUAL_STOP);
}

void
lm_bgp_session_start (LmBgpSession *s, LmBgpEnd end)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  LmBgpSpeaker *e = &s->end[end];
  e->admin_down = e->limit_down = FALSE;
  if (!e->alive || e->state != LM_BGP_STATE_IDLE)
    return;
  lm_timer_stop (e->timers[LM_BGP_TIMER_IDLE_HOLD]);
  e->start_pending = TRUE;
  e->start_manual = TRUE;
  lm_bgp_try_start (e);
}

void
lm_bgp_session_clear (LmBgpSession *s, LmBgpEnd end)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  LmBgpSpeaker *e = &s->end[end];
  if (!e->alive)
    return;
  if (e->state != LM_BGP_STATE_IDLE)
    {
      lm_bgp_fsm_feed (e, LM_BGP_EVENT_ADMIN_RESET);
      return;
    }
  /* in Idle, "clear" lifts a prefix-limit hold and restarts */
  e->limit_down = FALSE;
  if (!lm_timer_is_armed (e->timers[LM_BGP_TIMER_IDLE_HOLD]) && !e->start_pending)
    lm_bgp_idle_arm (e);
}

void
lm_bgp_session_set_prefixes (LmBgpSession *s, LmBgpEnd end, guint n)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  LmBgpSpeaker *e = &s->end[end];
  e->cfg.prefixes = n;
  if (e->alive && e->state == LM_BGP_STATE_ESTABLISHED)
    {
      LmBgpRx u = { .prefixes = n, .gshut = e->draining };
      lm_bgp_send (e, LM_BGP_MSG_UPDATE, &u);
    }
}

void
lm_bgp_session_feed (LmBgpSession *s, LmBgpEnd end, LmBgpEvent event)
{
  g_return_if_fail (s != NULL && end < LM_BGP_N_ENDS && event < LM_BGP_N_EVENTS);
  g_return_if_fail (s->notifying == 0);   /* not from a route watcher */
  LmBgpSpeaker *e = &s->end[end], *p = lm_bgp_peer_of (e);
  e->rx = (LmBgpRx) { .hold = p->cfg.hold, .prefixes = p->cfg.prefixes, .gshut = p->draining };
  lm_bgp_fsm_feed (e, event);
}
