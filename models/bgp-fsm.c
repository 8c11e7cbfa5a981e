/* models/bgp-fsm.c — the RFC 4271 §8 state machine of one BGP end.
 *
 * The table fsm[state][event] below is RFC 4271 §8.2.2 condensed to the
 * events this model produces (bgp.h lists them with their RFC numbers).
 * Policy for unlisted cells — the RFC's own "any other event":
 *   Idle:                         ignored;
 *   Connect, Active:              drop the TCP connection, go Idle;
 *   OpenSent, OpenConfirm,
 *   Established:                  NOTIFICATION Finite State Machine Error
 *                                 (code 5, subcode 1/2/3 per RFC 6608), Idle.
 *
 * Every transition goes through set_state(): it returns early when nothing
 * changes, runs the exit actions (withdraw the routes when leaving
 * Established, close the TCP connection), stamps the time, emits one state
 * signal and runs the entry actions.  Idle is the reset state: entering it
 * stops every timer of the end, then arms the idle hold timer when an
 * automatic restart is allowed.  Timer handlers only feed events.
 *
 * Deviation from RFC 4271: Connect + TcpConnectionFails goes to Active (listen
 * until ConnectRetry), as OpenBGPD (session.c) and FRR (bgp_fsm.c) do, not
 * to Idle.
 *
 * Beyond RFC 4271: Administrative Reset restarts automatically, ManualStop
 * and the prefix limit do not (RFC 4486 subcodes); BFD Down is RFC 5882
 * §10.2 with the Cease subcode of RFC 9384; the idle hold time doubles after
 * each drop up to a maximum (RFC 4271 §8.1.1 DampPeerOscillations, FRR's
 * start timer); a start waits until the BFD end is Up.
 */
#define G_LOG_DOMAIN "lmsim-bgp"

#include "models/bgp-private.h"

/* ------------------------------------------------------------ names */

static const char *const state_names[] = {
  [LM_BGP_STATE_IDLE] = "Idle",
  [LM_BGP_STATE_CONNECT] = "Connect",
  [LM_BGP_STATE_ACTIVE] = "Active",
  [LM_BGP_STATE_OPENSENT] = "OpenSent",
  [LM_BGP_STATE_OPENCONFIRM] = "OpenConfirm",
  [LM_BGP_STATE_ESTABLISHED] = "Established",
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == LM_BGP_N_STATES);

static const char *const event_names[] = {
  [LM_BGP_EVENT_MANUAL_START] = "ManualStart",
  [LM_BGP_EVENT_MANUAL_START_PASSIVE] = "ManualStart_with_PassiveTcpEstablishment",
  [LM_BGP_EVENT_AUTOMATIC_START] = "AutomaticStart",
  [LM_BGP_EVENT_AUTOMATIC_START_PASSIVE] = "AutomaticStart_with_PassiveTcpEstablishment",
  [LM_BGP_EVENT_MANUAL_STOP] = "ManualStop",
  [LM_BGP_EVENT_ADMIN_RESET] = "AdministrativeReset",
  [LM_BGP_EVENT_CONNECT_RETRY_EXPIRES] = "ConnectRetryTimer_Expires",
  [LM_BGP_EVENT_HOLD_EXPIRES] = "HoldTimer_Expires",
  [LM_BGP_EVENT_KEEPALIVE_EXPIRES] = "KeepaliveTimer_Expires",
  [LM_BGP_EVENT_TCP_CONNECTED] = "TcpConnectionConfirmed",
  [LM_BGP_EVENT_TCP_FAILS] = "TcpConnectionFails",
  [LM_BGP_EVENT_OPEN_RECEIVED] = "BGPOpen",
  [LM_BGP_EVENT_OPEN_ERROR] = "BGPOpenMsgErr",
  [LM_BGP_EVENT_NOTIFICATION_RECEIVED] = "NotifMsg",
  [LM_BGP_EVENT_KEEPALIVE_RECEIVED] = "KeepAliveMsg",
  [LM_BGP_EVENT_UPDATE_RECEIVED] = "UpdateMsg",
  [LM_BGP_EVENT_PREFIX_LIMIT] = "PrefixLimitExceeded",
  [LM_BGP_EVENT_BFD_DOWN] = "BfdDown",
  [LM_BGP_EVENT_INTERFACE_DOWN] = "InterfaceDown",
  [LM_BGP_EVENT_CRASH] = "Crash",
  [LM_BGP_EVENT_RESTART] = "Restart",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == LM_BGP_N_EVENTS);

static const char *const end_names[] = {
  [LM_BGP_END_CLOUD] = "cloud",
  [LM_BGP_END_PARTNER] = "partner",
};
G_STATIC_ASSERT (G_N_ELEMENTS (end_names) == LM_BGP_N_ENDS);

static const char *const family_names[] = {
  [LM_BGP_FAMILY_IPV4] = "ipv4",
  [LM_BGP_FAMILY_IPV6] = "ipv6",
};
G_STATIC_ASSERT (G_N_ELEMENTS (family_names) == LM_BGP_N_FAMILIES);

static const char *const route_change_names[] = {
  [LM_BGP_ROUTES_INSTALLED] = "installed",
  [LM_BGP_ROUTES_DEPREFERENCED] = "depreferenced",
  [LM_BGP_ROUTES_WITHDRAWN] = "withdrawn",
};
G_STATIC_ASSERT (G_N_ELEMENTS (route_change_names) == LM_BGP_N_ROUTE_CHANGES);

static const char *const timer_names[] = {
  [LM_BGP_TIMER_CONNECT_RETRY] = "ConnectRetryTimer",
  [LM_BGP_TIMER_HOLD] = "HoldTimer",
  [LM_BGP_TIMER_KEEPALIVE] = "KeepaliveTimer",
  [LM_BGP_TIMER_IDLE_HOLD] = "IdleHoldTimer",
  [LM_BGP_TIMER_SYN] = "SynRetransmitTimer",
  [LM_BGP_TIMER_ADVERTISE] = "MinRouteAdvertisementIntervalTimer",
  [LM_BGP_TIMER_DRAIN] = "DrainTimer",
  [LM_BGP_TIMER_CARRIER] = "CarrierTimer",
};
G_STATIC_ASSERT (G_N_ELEMENTS (timer_names) == LM_BGP_N_TIMERS);

#define NAME_GETTER(fn, type, table, n)                 \
  const char *fn (type v)                               \
  {                                                     \
    g_return_val_if_fail ((guint) v < (n), "?");        \
    return table[v];                                    \
  }

NAME_GETTER (lm_bgp_state_name, LmBgpState, state_names, LM_BGP_N_STATES)
NAME_GETTER (lm_bgp_event_name, LmBgpEvent, event_names, LM_BGP_N_EVENTS)
NAME_GETTER (lm_bgp_end_name, LmBgpEnd, end_names, LM_BGP_N_ENDS)
NAME_GETTER (lm_bgp_family_name, LmBgpFamily, family_names, LM_BGP_N_FAMILIES)
NAME_GETTER (lm_bgp_route_change_name, LmBgpRouteChange, route_change_names,
             LM_BGP_N_ROUTE_CHANGES)
NAME_GETTER (lm_bgp_timer_name, LmBgpTimer, timer_names, LM_BGP_N_TIMERS)

/* ------------------------------------------------------------ cells */

typedef enum {
  CELL_UNLISTED = 0,   /* the policy above decides */
  CELL_IGNORE,
  CELL_GO,
} CellKind;

typedef struct _Cell Cell;
typedef void (*CellAction) (LmBgpSpeaker *e, const Cell *c);

struct _Cell {
  CellKind kind;
  LmBgpState next;
  CellAction action;        /* runs before the transition */
  guint8 code, subcode;     /* NOTIFICATION to send, when code != 0 */
  gboolean silent;          /* no withdraw notify (the router crashed) */
};

static LmTimer *
timer (LmBgpSpeaker *e, LmBgpTimer t)
{
  return e->timers[t];
}

static void
act_notify (LmBgpSpeaker *e, const Cell *c)
{
  if (c->code == 0)
    return;
  if (e->conn != 0)
    {
      LmBgpRx n = { .code = c->code, .subcode = c->subcode };
      lm_bgp_send (e, LM_BGP_MSG_NOTIFICATION, &n);
    }
  e->notified = TRUE;   /* the NOTIFICATION closes the connection: no FIN */
}

static void
act_start (LmBgpSpeaker *e, const Cell *c)
{
  e->start_pending = FALSE;
  lm_timer_start (timer (e, LM_BGP_TIMER_CONNECT_RETRY), lm_bgp_jitter (e, e->cfg.connect_retry));
  lm_bgp_tcp_connect (e);
}

static void
act_start_passive (LmBgpSpeaker *e, const Cell *c)
{
  e->start_pending = FALSE;
  lm_timer_start (timer (e, LM_BGP_TIMER_CONNECT_RETRY), lm_bgp_jitter (e, e->cfg.connect_retry));
}

static void
act_manual_start (LmBgpSpeaker *e, const Cell *c)
{
  e->admin_down = e->limit_down = FALSE;
  act_start (e, c);
}

static void
act_manual_start_passive (LmBgpSpeaker *e, const Cell *c)
{
  e->admin_down = e->limit_down = FALSE;
  act_start_passive (e, c);
}

static void
act_stop (LmBgpSpeaker *e, const Cell *c)
{
  e->admin_down = TRUE;   /* no automatic restart after ManualStop */
  e->start_pending = FALSE;
  lm_timer_stop (timer (e, LM_BGP_TIMER_IDLE_HOLD));
  act_notify (e, c);
}

static void
act_limit (LmBgpSpeaker *e, const Cell *c)
{
  e->limit_down = TRUE;   /* idle until the operator clears it (cloud-facts §2) */
  act_notify (e, c);
}

static void
act_peer_closed (LmBgpSpeaker *e, const Cell *c)
{
  e->notified = TRUE;     /* the peer closed: nothing to send */
}

static void
act_connect_retry (LmBgpSpeaker *e, const Cell *c)
{
  lm_timer_start (timer (e, LM_BGP_TIMER_CONNECT_RETRY), lm_bgp_jitter (e, e->cfg.connect_retry));
  lm_bgp_tcp_connect (e);   /* abandons the previous attempt */
}

static void
act_listen (LmBgpSpeaker *e, const Cell *c)
{
  lm_timer_stop (timer (e, LM_BGP_TIMER_SYN));
  lm_timer_start (timer (e, LM_BGP_TIMER_CONNECT_RETRY), lm_bgp_jitter (e, e->cfg.connect_retry));
}

static void
act_tcp_connected (LmBgpSpeaker *e, const Cell *c)
{
  lm_timer_stop (timer (e, LM_BGP_TIMER_CONNECT_RETRY));
  lm_timer_stop (timer (e, LM_BGP_TIMER_SYN));
  if (e->conn == 0)   /* fed by hand: a scripted connection */
    e->conn = ++e->s->next_conn;
  e->notified = FALSE;
  LmBgpRx open = { .hold = e->cfg.hold };
  lm_bgp_send (e, LM_BGP_MSG_OPEN, &open);
  /* §8.2.2: "sets the HoldTimer to a large value ... 4 minutes is suggested" */
  lm_timer_start (timer (e, LM_BGP_TIMER_HOLD), e->s->cfg.open_hold);
}

static void
act_reopen (LmBgpSpeaker *e, const Cell *c)
{
  /* OpenSent + TcpConnectionFails: close, restart ConnectRetry, listen (Active) */
  e->notified = TRUE;
  lm_timer_start (timer (e, LM_BGP_TIMER_CONNECT_RETRY), lm_bgp_jitter (e, e->cfg.connect_retry));
}

static void
act_open (LmBgpSpeaker *e, const Cell *c)
{
  /* §4.2: the smaller of the two hold times; keepalive one third of it
   * (§4.4) unless configured lower */
  e->hold = MIN (e->cfg.hold, e->rx.hold);
  e->keepalive = e->hold == 0 ? 0 : MIN (e->cfg.keepalive, e->hold / 3);
  lm_bgp_send (e, LM_BGP_MSG_KEEPALIVE, NULL);
  if (e->keepalive > 0)
    lm_timer_start (timer (e, LM_BGP_TIMER_KEEPALIVE), lm_bgp_jitter (e, e->keepalive));
  if (e->hold > 0)
    lm_timer_start (timer (e, LM_BGP_TIMER_HOLD), e->hold);
  else
    lm_timer_stop (timer (e, LM_BGP_TIMER_HOLD));
}

static void
act_keepalive_tx (LmBgpSpeaker *e, const Cell *c)
{
  lm_bgp_send (e, LM_BGP_MSG_KEEPALIVE, NULL);
  /* Established keepalives are steady state, not simulated */
  if (e->state != LM_BGP_STATE_ESTABLISHED && e->keepalive > 0)
    lm_timer_start (timer (e, LM_BGP_TIMER_KEEPALIVE), lm_bgp_jitter (e, e->keepalive));
}

static void
act_hold_touch (LmBgpSpeaker *e, const Cell *c)
{
  lm_bgp_hold_touch (e);
}

static void
act_update (LmBgpSpeaker *e, const Cell *c)
{
  lm_bgp_hold_touch (e);
  guint before = e->routes;
  gboolean was_depref = e->depref;
  if (e->rx.prefixes == 0)
    {
      e->routes = 0;
      e->depref = FALSE;
      if (before > 0)
        lm_bgp_routes_changed (e, LM_BGP_ROUTES_WITHDRAWN);
      return;
    }
  e->routes = e->rx.prefixes;
  /* RFC 8326 §4: GRACEFUL_SHUTDOWN from the peer, or our own drain */
  e->depref = e->rx.gshut || e->draining;
  if (before == 0 || (was_depref && !e->depref) || (before != e->routes && !e->depref))
    lm_bgp_routes_changed (e, LM_BGP_ROUTES_INSTALLED);
  if (e->depref && (!was_depref || before == 0))
    lm_bgp_routes_changed (e, LM_BGP_ROUTES_DEPREFERENCED);
}

static void
act_crash (LmBgpSpeaker *e, const Cell *c)
{
  e->alive = FALSE;
  e->conn = 0;           /* gone without a FIN or a NOTIFICATION */
  e->attempt++;
  e->start_pending = FALSE;
  for (int t = 0; t < LM_BGP_N_TIMERS; t++)
    lm_timer_stop (e->timers[t]);
  lm_bgp_start_silence (lm_bgp_peer_of (e));
}

static void
act_restart (LmBgpSpeaker *e, const Cell *c)
{
  e->alive = TRUE;
  e->idle_hold_cur = e->cfg.idle_hold;
  lm_bgp_idle_arm (e);
}

/* ------------------------------------------------------------ the table */

#define IGNORE { .kind = CELL_IGNORE }
#define GO(to, act) .kind = CELL_GO, .next = LM_BGP_STATE_##to, .action = (act)
#define NOTIFY(c, sc) .code = (c), .subcode = (sc)
#define CEASE(sc) NOTIFY (LM_BGP_ERR_CEASE, LM_BGP_CEASE_##sc)
#define STARTS_IGNORED                                             \
  [LM_BGP_EVENT_MANUAL_START] = IGNORE,                            \
  [LM_BGP_EVENT_MANUAL_START_PASSIVE] = IGNORE,                    \
  [LM_BGP_EVENT_AUTOMATIC_START] = IGNORE,                         \
  [LM_BGP_EVENT_AUTOMATIC_START_PASSIVE] = IGNORE,                 \
  [LM_BGP_EVENT_RESTART] = IGNORE,                                 \
  [LM_BGP_EVENT_CRASH] = { GO (IDLE, act_crash), .silent = TRUE }

/* Connect and Active share every row but TcpConnectionFails. */
#define CONNECTING_ROW(fail_next, fail_act)                                       \
  STARTS_IGNORED,                                                                 \
  [LM_BGP_EVENT_MANUAL_STOP] = { GO (IDLE, act_stop) },                           \
  [LM_BGP_EVENT_ADMIN_RESET] = { GO (IDLE, NULL) },                               \
  [LM_BGP_EVENT_CONNECT_RETRY_EXPIRES] = { GO (CONNECT, act_connect_retry) },     \
  [LM_BGP_EVENT_TCP_CONNECTED] = { GO (OPENSENT, act_tcp_connected) },            \
  [LM_BGP_EVENT_TCP_FAILS] = { GO (fail_next, fail_act) },                        \
  [LM_BGP_EVENT_BFD_DOWN] = { GO (IDLE, NULL) },                                  \
  [LM_BGP_EVENT_INTERFACE_DOWN] = { GO (IDLE, NULL) }

/* OpenSent, OpenConfirm and Established share these rows. */
#define CONNECTED_ROWS                                                            \
  STARTS_IGNORED,                                                                 \
  [LM_BGP_EVENT_MANUAL_STOP] = { GO (IDLE, act_stop), CEASE (ADMIN_SHUTDOWN) },   \
  [LM_BGP_EVENT_ADMIN_RESET] = { GO (IDLE, act_notify), CEASE (ADMIN_RESET) },    \
  [LM_BGP_EVENT_HOLD_EXPIRES] = { GO (IDLE, act_notify), NOTIFY (LM_BGP_ERR_HOLD, 0) }, \
  [LM_BGP_EVENT_TCP_CONNECTED] = IGNORE,   /* a second connection: §6.8 */       \
  [LM_BGP_EVENT_NOTIFICATION_RECEIVED] = { GO (IDLE, act_peer_closed) },          \
  [LM_BGP_EVENT_BFD_DOWN] = { GO (IDLE, act_notify), CEASE (BFD_DOWN) },          \
  [LM_BGP_EVENT_INTERFACE_DOWN] = { GO (IDLE, act_peer_closed) }

static const Cell fsm[LM_BGP_N_STATES][LM_BGP_N_EVENTS] = {
  [LM_BGP_STATE_IDLE] = {
    [LM_BGP_EVENT_MANUAL_START] = { GO (CONNECT, act_manual_start) },
    [LM_BGP_EVENT_MANUAL_START_PASSIVE] = { GO (ACTIVE, act_manual_start_passive) },
    [LM_BGP_EVENT_AUTOMATIC_START] = { GO (CONNECT, act_start) },
    [LM_BGP_EVENT_AUTOMATIC_START_PASSIVE] = { GO (ACTIVE, act_start_passive) },
    [LM_BGP_EVENT_MANUAL_STOP] = { GO (IDLE, act_stop) },   /* cancels a pending restart */
    [LM_BGP_EVENT_CRASH] = { GO (IDLE, act_crash), .silent = TRUE },
    [LM_BGP_EVENT_RESTART] = { GO (IDLE, act_restart) },
  },
  [LM_BGP_STATE_CONNECT] = {
    /* a refused attempt: listen (Active) until ConnectRetry, as OpenBGPD and
     * FRR do; RFC 4271 says Idle, and two ends backing off in Idle would
     * hardly ever meet */
    CONNECTING_ROW (ACTIVE, act_listen),
  },
  [LM_BGP_STATE_ACTIVE] = {
    CONNECTING_ROW (IDLE, NULL),
  },
  [LM_BGP_STATE_OPENSENT] = {
    CONNECTED_ROWS,
    [LM_BGP_EVENT_TCP_FAILS] = { GO (ACTIVE, act_reopen) },
    [LM_BGP_EVENT_OPEN_RECEIVED] = { GO (OPENCONFIRM, act_open) },
    [LM_BGP_EVENT_OPEN_ERROR] = { GO (IDLE, act_notify), NOTIFY (LM_BGP_ERR_OPEN, LM_BGP_ERR_OPEN_BAD_HOLD) },
  },
  [LM_BGP_STATE_OPENCONFIRM] = {
    CONNECTED_ROWS,
    [LM_BGP_EVENT_KEEPALIVE_EXPIRES] = { GO (OPENCONFIRM, act_keepalive_tx) },
    [LM_BGP_EVENT_TCP_FAILS] = { GO (IDLE, act_peer_closed) },
    [LM_BGP_EVENT_OPEN_RECEIVED] = { GO (IDLE, act_notify), CEASE (COLLISION) },
    [LM_BGP_EVENT_OPEN_ERROR] = { GO (IDLE, act_notify), NOTIFY (LM_BGP_ERR_OPEN, LM_BGP_ERR_OPEN_BAD_HOLD) },
    [LM_BGP_EVENT_KEEPALIVE_RECEIVED] = { GO (ESTABLISHED, act_hold_touch) },
  },
  [LM_BGP_STATE_ESTABLISHED] = {
    CONNECTED_ROWS,
    [LM_BGP_EVENT_KEEPALIVE_EXPIRES] = { GO (ESTABLISHED, act_keepalive_tx) },
    [LM_BGP_EVENT_TCP_FAILS] = { GO (IDLE, act_peer_closed) },
    [LM_BGP_EVENT_KEEPALIVE_RECEIVED] = { GO (ESTABLISHED, act_hold_touch) },
    [LM_BGP_EVENT_UPDATE_RECEIVED] = { GO (ESTABLISHED, act_update) },
    [LM_BGP_EVENT_PREFIX_LIMIT] = { GO (IDLE, act_limit), CEASE (MAX_PREFIXES) },
  },
};

/* RFC 6608 FSM Error subcodes: unexpected message in OpenSent (1),
 * OpenConfirm (2), Established (3). */
static const guint8 fsm_error_subcode[] = {
  [LM_BGP_STATE_IDLE] = 0,
  [LM_BGP_STATE_CONNECT] = 0,
  [LM_BGP_STATE_ACTIVE] = 0,
  [LM_BGP_STATE_OPENSENT] = 1,
  [LM_BGP_STATE_OPENCONFIRM] = 2,
  [LM_BGP_STATE_ESTABLISHED] = 3,
};
G_STATIC_ASSERT (G_N_ELEMENTS (fsm_error_subcode) == LM_BGP_N_STATES);

/* The one policy for unlisted cells (see the top of the file). */
static Cell
unlisted (LmBgpState state)
{
  switch (state)
    {
    case LM_BGP_STATE_IDLE:
      return (Cell) IGNORE;
    case LM_BGP_STATE_CONNECT:
    case LM_BGP_STATE_ACTIVE:
      return (Cell) { GO (IDLE, NULL) };
    default:
      return (Cell) { GO (IDLE, act_notify), NOTIFY (LM_BGP_ERR_FSM, fsm_error_subcode[state]) };
    }
}

/* ------------------------------------------------------------ transitions */

static gboolean
connected (LmBgpState s)
{
  return s == LM_BGP_STATE_OPENSENT || s == LM_BGP_STATE_OPENCONFIRM
         || s == LM_BGP_STATE_ESTABLISHED;
}

static void
exit_state (LmBgpSpeaker *e, LmBgpState from, LmBgpState next, gboolean silent)
{
  if (from == LM_BGP_STATE_ESTABLISHED)
    {
      gboolean had = e->routes > 0;
      e->routes = 0;
      e->depref = FALSE;
      e->draining = FALSE;
      if (had && !silent)
        lm_bgp_routes_changed (e, LM_BGP_ROUTES_WITHDRAWN);
    }
  if (from == LM_BGP_STATE_CONNECT && next != LM_BGP_STATE_OPENSENT)
    e->attempt++;   /* a late SYN-ACK for it will be refused */
  if (connected (from) && !connected (next))
    {
      if (e->conn != 0 && !e->notified)
        lm_bgp_send (e, LM_BGP_MSG_FIN, NULL);
      e->conn = 0;
      e->notified = FALSE;
    }
}

static void
enter_state (LmBgpSpeaker *e, LmBgpEvent event)
{
  LmSim *sim = e->s->sim;
  LmBgpSpeaker *p = lm_bgp_peer_of (e);
  switch (e->state)
    {
    case LM_BGP_STATE_IDLE:   /* the reset state */
      if (event == LM_BGP_EVENT_HOLD_EXPIRES && e->silent_since >= 0)
        lm_sim_emit_sample (sim, e->name, "bgp.hold.detect",
                            LM_TIME_TO_S (lm_sim_now (sim) - e->silent_since));
      for (int t = 0; t < LM_BGP_N_TIMERS; t++)
        lm_timer_stop (e->timers[t]);
      e->start_pending = FALSE;
      e->silent_since = -1;
      lm_bgp_idle_arm (e);
      break;
    case LM_BGP_STATE_ESTABLISHED:
      e->counters.established++;
      e->idle_hold_cur = e->cfg.idle_hold;
      lm_timer_stop (timer (e, LM_BGP_TIMER_KEEPALIVE));   /* steady state */
      lm_bgp_hold_touch (e);
      if (lm_bgp_stream_ok (p))
        lm_timer_stop (timer (p, LM_BGP_TIMER_HOLD));       /* our stream now reaches it */
      lm_timer_start (timer (e, LM_BGP_TIMER_ADVERTISE), lm_bgp_jitter (e, e->cfg.mrai));
      break;
    default:
      break;
    }
}

static void
set_state (LmBgpSpeaker *e, LmBgpState next, LmBgpEvent event, gboolean silent)
{
  if (next == e->state)
    return;
  LmSim *sim = e->s->sim;
  LmBgpState from = e->state;
  exit_state (e, from, next, silent);
  e->state = next;
  e->since = lm_sim_now (sim);
  lm_sim_emit_state (sim, e->name, "bgp", from, state_names[from], next, state_names[next],
                     event_names[event]);
  enter_state (e, event);
}

void
lm_bgp_fsm_feed (LmBgpSpeaker *e, LmBgpEvent event)
{
  g_assert (event < LM_BGP_N_EVENTS);
  Cell c = fsm[e->state][event];
  if (c.kind == CELL_UNLISTED)
    c = unlisted (e->state);
  if (c.kind == CELL_IGNORE)
    return;
  if (c.action != NULL)
    c.action (e, &c);
  else
    act_notify (e, &c);
  set_state (e, c.next, event, c.silent);
}

/* ------------------------------------------------------------ starting */

void
lm_bgp_idle_arm (LmBgpSpeaker *e)
{
  if (!e->alive || e->admin_down || e->limit_down)
    return;
  lm_timer_start (timer (e, LM_BGP_TIMER_IDLE_HOLD), e->idle_hold_cur);
  /* back off while the session keeps failing (reset on Established) */
  e->idle_hold_cur = MIN (e->idle_hold_cur * 2, e->cfg.idle_hold_max);
}

void
lm_bgp_try_start (LmBgpSpeaker *e)
{
  if (!e->start_pending || !e->alive || e->state != LM_BGP_STATE_IDLE)
    return;
  if (e->bfd != NULL && lm_bfd_request_state (e->bfd) != LM_BFD_STATE_UP)
    return;   /* Established only with BFD Up: wait for its notify */
  LmBgpEvent ev;
  if (e->start_manual)
    ev = e->cfg.passive ? LM_BGP_EVENT_MANUAL_START_PASSIVE : LM_BGP_EVENT_MANUAL_START;
  else
    ev = e->cfg.passive ? LM_BGP_EVENT_AUTOMATIC_START_PASSIVE : LM_BGP_EVENT_AUTOMATIC_START;
  lm_bgp_fsm_feed (e, ev);
}

/* ------------------------------------------------------------ timers */

static void
on_connect_retry (LmSim *sim, gpointer data)
{
  lm_bgp_fsm_feed (data, LM_BGP_EVENT_CONNECT_RETRY_EXPIRES);
}

static void
on_hold (LmSim *sim, gpointer data)
{
  lm_bgp_fsm_feed (data, LM_BGP_EVENT_HOLD_EXPIRES);
}

static void
on_keepalive (LmSim *sim, gpointer data)
{
  lm_bgp_fsm_feed (data, LM_BGP_EVENT_KEEPALIVE_EXPIRES);
}

static void
on_idle_hold (LmSim *sim, gpointer data)
{
  LmBgpSpeaker *e = data;
  e->start_pending = TRUE;
  e->start_manual = FALSE;
  lm_bgp_try_start (e);   /* AutomaticStart, once BFD (if any) is Up */
}

static void
on_drain (LmSim *sim, gpointer data)
{
  lm_bgp_fsm_feed (data, LM_BGP_EVENT_MANUAL_STOP);   /* RFC 8326 §4: drained, now shut */
}

static void
on_carrier (LmSim *sim, gpointer data)
{
  lm_bgp_fsm_feed (data, LM_BGP_EVENT_INTERFACE_DOWN);
}

void
lm_bgp_timers_new (LmBgpSpeaker *e)
{
  static const LmEventFunc handlers[] = {
    [LM_BGP_TIMER_CONNECT_RETRY] = on_connect_retry,
    [LM_BGP_TIMER_HOLD] = on_hold,
    [LM_BGP_TIMER_KEEPALIVE] = on_keepalive,
    [LM_BGP_TIMER_IDLE_HOLD] = on_idle_hold,
    [LM_BGP_TIMER_SYN] = lm_bgp_on_syn,
    [LM_BGP_TIMER_ADVERTISE] = lm_bgp_on_advertise,
    [LM_BGP_TIMER_DRAIN] = on_drain,
    [LM_BGP_TIMER_CARRIER] = on_carrier,
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (handlers) == LM_BGP_N_TIMERS);
  for (int t = 0; t < LM_BGP_N_TIMERS; t++)
    e->timers[t] = lm_timer_new (e->s->sim, handlers[t], e);
}
