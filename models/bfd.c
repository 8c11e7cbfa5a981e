/* models/bfd.c — BFD between a cloud router and a partner router.
 *
 * Models RFC 5880 asynchronous mode, single hop (RFC 5881):
 *   §6.2    the state machine, per end: AdminDown, Down, Init, Up, with the
 *           three-way handshake (Down -> Init on "Down", Init/Down -> Up on
 *           "Init"/"Up");
 *   §6.8.3  a session that is not Up transmits at no less than 1 s;
 *   §6.8.4  detection time = the peer's DetectMult x the peer's transmit
 *           interval (the larger of its DesiredMinTx and our RequiredMinRx);
 *   §6.8.6  reception rules (AdminDown -> Down with diag 3, and so on);
 *   §6.8.7  transmit interval jittered to 75–100 % (75–90 % when
 *           DetectMult is 1);
 *   §6.8.16 AdminDown with diag 7;
 *   §4.1    diagnostic codes.
 * Abstracted away: packet formats, discriminators, authentication, the Poll
 * sequence that moves an Up session from the 1 s rate to the negotiated rate
 * (the negotiated rate is taken to hold from Up on), Demand mode and Echo.
 *
 * Events, not packets: control packets are simulated only while an end is
 * Down or Init (a handshake costs a handful of events) plus one packet sent
 * at once on every state change (assumption: implementations send on a state
 * change rather than wait for the next periodic packet).  An end that is Up
 * keeps no timers at all while its peer is alive and the path works: the
 * steady stream of hellos is implicit.  When the path goes silent (or the
 * peer crashes) at t0, the end's detection timer is armed at t0 + D with
 * D = DetectTime - A, A the age of the last packet received, drawn exactly
 * (lm_bfd_age_draw(); derivation in docs/models-bfd-bgp.md).  When the path
 * works again before detection, the peer's next packet is due after a
 * residual drawn from the same law; the timer is cancelled if that packet
 * arrives first (an approximation: the residual is drawn independently of
 * the age drawn at t0).
 *
 * Objects: one LmBfdSession owns both ends; each end owns its timers (tx,
 * detect, carrier), its random stream "<name>.<end>" and its client requests.
 * Packets in flight are owned by the session and cancelled when it is freed.
 *
 * Timers and defaults (sources in docs/models-bfd-bgp.md): DesiredMinTx and
 * RequiredMinRx 300 ms, DetectMult 3 (cloud-facts §2); slow rate 1 s
 * (§6.8.3); one-way delay 0.1 ms and carrier-loss notification 1 ms
 * (assumptions).
 */
#define G_LOG_DOMAIN "lmsim-bfd"

#include "models/bfd.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (lm-bfd-error-quark, lm_bfd_error)

typedef struct {
  LmBfdSession *s;
  LmBfdEnd id;
  char *name;               /* "<session>.<end>": signals and the rng stream */
  LmBfdEndConfig cfg;
  LmBfdState state;
  LmBfdDiag diag;
  LmTime since;
  gboolean alive;           /* FALSE while the router is crashed */
  gboolean admin;           /* the operator wants AdminDown */
  gsl_rng *rng;
  LmTimer *tx;              /* periodic packets, only while Down or Init */
  LmTimer *detect;          /* detection time */
  LmTimer *carrier;         /* interface-down notification after carrier loss */
  LmTime silent_since;      /* when the silence being timed began, or -1 */
  GPtrArray *requests;      /* LmBfdRequest *, in registration order */
  guint64 sent;
} End;

struct _LmBfdSession {
  LmSim *sim;
  char *name;
  LmBfdConfig cfg;          /* cfg.name is name */
  End end[LM_BFD_N_ENDS];
  gboolean path_up;
  guint path_epoch;         /* bumped when the path goes down: packets in flight are lost */
  GQueue inflight;          /* Packet, in send order */
};

struct _LmBfdRequest {
  LmBfdSession *session;    /* NULL once the session is freed */
  LmBfdEnd end;
  LmBfdNotify notify;
  gpointer user_data;
};

typedef struct {
  GList link;               /* in session->inflight */
  LmBfdSession *s;
  LmEventId id;
  LmBfdEnd to;
  LmBfdState state;         /* the sender's state */
  LmTime detect;            /* the detection time it implies at the receiver */
  guint epoch;
} Packet;

/* ------------------------------------------------------------ names */

static const char *const state_names[] = {
  [LM_BFD_STATE_ADMIN_DOWN] = "AdminDown",
  [LM_BFD_STATE_DOWN] = "Down",
  [LM_BFD_STATE_INIT] = "Init",
  [LM_BFD_STATE_UP] = "Up",
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == LM_BFD_N_STATES);

static const char *const diag_names[] = {
  [LM_BFD_DIAG_NONE] = "no diagnostic",
  [LM_BFD_DIAG_TIME_EXPIRED] = "control detection time expired",
  [LM_BFD_DIAG_ECHO_FAILED] = "echo function failed",
  [LM_BFD_DIAG_NEIGHBOR_DOWN] = "neighbor signaled session down",
  [LM_BFD_DIAG_FORWARDING_RESET] = "forwarding plane reset",
  [LM_BFD_DIAG_PATH_DOWN] = "path down",
  [LM_BFD_DIAG_CONCAT_PATH_DOWN] = "concatenated path down",
  [LM_BFD_DIAG_ADMIN_DOWN] = "administratively down",
  [LM_BFD_DIAG_REVERSE_CONCAT_PATH_DOWN] = "reverse concatenated path down",
};
G_STATIC_ASSERT (G_N_ELEMENTS (diag_names) == LM_BFD_N_DIAGS);

static const char *const event_names[] = {
  [LM_BFD_EVENT_RECV_ADMIN_DOWN] = "received AdminDown",
  [LM_BFD_EVENT_RECV_DOWN] = "received Down",
  [LM_BFD_EVENT_RECV_INIT] = "received Init",
  [LM_BFD_EVENT_RECV_UP] = "received Up",
  [LM_BFD_EVENT_TIMER] = "detection time expired",
  [LM_BFD_EVENT_ADMIN_DOWN] = "admin down",
  [LM_BFD_EVENT_ADMIN_UP] = "admin up",
  [LM_BFD_EVENT_CARRIER_DOWN] = "carrier down",
  [LM_BFD_EVENT_CRASH] = "crash",
  [LM_BFD_EVENT_RESTART] = "restart",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == LM_BFD_N_EVENTS);

static const char *const end_names[] = {
  [LM_BFD_END_CLOUD] = "cloud",
  [LM_BFD_END_PARTNER] = "partner",
};
G_STATIC_ASSERT (G_N_ELEMENTS (end_names) == LM_BFD_N_ENDS);

const char *
lm_bfd_state_name (LmBfdState state)
{
  g_return_val_if_fail (state < LM_BFD_N_STATES, "?");
  return state_names[state];
}

const char *
lm_bfd_diag_name (LmBfdDiag diag)
{
  g_return_val_if_fail (diag < LM_BFD_N_DIAGS, "?");
  return diag_names[diag];
}

const char *
lm_bfd_event_name (LmBfdEvent event)
{
  g_return_val_if_fail (event < LM_BFD_N_EVENTS, "?");
  return event_names[event];
}

const char *
lm_bfd_end_name (LmBfdEnd end)
{
  g_return_val_if_fail (end < LM_BFD_N_ENDS, "?");
  return end_names[end];
}

/* ------------------------------------------------------------ the exact laws */

void
lm_bfd_jitter_range (LmTime interval, guint mult, LmTime *lo, LmTime *hi)
{
  /* RFC 5880 §6.8.7: "reduced by a random value of 0 to 25%"; with
   * bfd.DetectMult == 1, "no more than 90%" and "no less than 75%". */
  *lo = interval - interval / 4;
  *hi = mult == 1 ? interval - interval / 10 : interval;
}

LmTime
lm_bfd_age_draw (gsl_rng *rng, LmTime lo, LmTime hi)
{
  g_return_val_if_fail (lo >= 0 && lo <= hi && hi > 0, 0);
  /* CDF of the age A: F(a) = a/m for a <= lo, and
   * F(a) = lo/m + (w^2 - (hi - a)^2) / (2 w m) for lo <= a < hi,
   * with m = E[X] = (lo + hi)/2 and w = hi - lo.  Inverted piecewise. */
  double l = (double) lo, h = (double) hi, m = (l + h) / 2;
  double u = gsl_rng_uniform (rng);   /* [0, 1) */
  double a;
  if (u * m <= l)
    a = u * m;
  else
    {
      double w = h - l;
      double r = w * w - 2 * w * (u * m - l);
      a = h - sqrt (MAX (r, 0.0));
    }
  /* floor keeps a < hi strictly, so a detection is never at the open end */
  LmTime t = (LmTime) floor (a);
  return CLAMP (t, 0, hi - 1);
}

double
lm_bfd_age_mean_s (LmTime lo, LmTime hi)
{
  double l = LM_TIME_TO_S (lo), h = LM_TIME_TO_S (hi);
  return (l * l + l * h + h * h) / (3 * (l + h));
}

/* ------------------------------------------------------------ helpers */

static End *
peer_of (End *e)
{
  return &e->s->end[1 - e->id];
}

static LmSim *
sim_of (End *e)
{
  return e->s->sim;
}

/* The interval at which @e transmits now (§6.8.3, §6.8.7). */
static LmTime
interval_now (End *e)
{
  LmTime desired = e->cfg.desired_min_tx;
  if (e->state != LM_BFD_STATE_UP)
    desired = MAX (desired, e->s->cfg.slow_tx);
  return MAX (desired, peer_of (e)->cfg.required_min_rx);
}

static LmTime
interval_up (const LmBfdSession *s, LmBfdEnd end)
{
  return MAX (s->end[end].cfg.desired_min_tx, s->end[1 - end].cfg.required_min_rx);
}

static LmTime
jittered (End *e, LmTime interval)
{
  LmTime lo, hi;
  lm_bfd_jitter_range (interval, e->cfg.detect_mult, &lo, &hi);
  /* §6.8.7 jitter, drawn from this end's own stream */
  return lo + (LmTime) (gsl_rng_uniform (e->rng) * (double) (hi - lo));
}

/* Time until the next packet of a stationary sender @from, seen by @e at a
 * random instant: the residual life, which has the age's law. */
static LmTime
residual (End *e, End *from, LmTime interval)
{
  LmTime lo, hi;
  lm_bfd_jitter_range (interval, from->cfg.detect_mult, &lo, &hi);
  return lm_bfd_age_draw (e->rng, lo, hi);
}

/* Periodic packets are simulated only while they can matter: this end is
 * Down or Init, the path works and the peer is alive and not AdminDown (a
 * peer that comes back announces itself with a packet of its own). */
static gboolean
should_tx (End *e)
{
  End *p = &e->s->end[1 - e->id];
  return e->alive && e->s->path_up && p->alive && p->state != LM_BFD_STATE_ADMIN_DOWN
         && (e->state == LM_BFD_STATE_DOWN || e->state == LM_BFD_STATE_INIT);
}

static void
tx_keep_going (End *e)
{
  if (should_tx (e) && !lm_timer_is_armed (e->tx))
    lm_timer_start (e->tx, jittered (e, interval_now (e)));
}

static void
stop_timers (End *e)
{
  lm_timer_stop (e->tx);
  lm_timer_stop (e->detect);
  lm_timer_stop (e->carrier);
}

/* ------------------------------------------------------------ packets */

static void
on_packet (LmSim *sim, gpointer data);

static void
send_packet (End *e)
{
  LmBfdSession *s = e->s;
  if (!e->alive)
    return;
  e->sent++;
  if (!s->path_up)
    return;   /* into the void */
  Packet *p = g_new (Packet, 1);   /* not g_new0: calloc skips glibc's thread cache */
  *p = (Packet) { .s = s, .to = 1 - e->id, .state = e->state,
                  .detect = (LmTime) e->cfg.detect_mult * interval_now (e),
                  .epoch = s->path_epoch };
  p->link.data = p;
  g_queue_push_tail_link (&s->inflight, &p->link);
  p->id = lm_sim_schedule_full (s->sim, s->cfg.delay, on_packet, p, g_free);
}

/* ------------------------------------------------------------ silence */

/* The path went silent or the peer vanished at now: time @e's detection. */
static void
start_silence (End *e)
{
  if (!e->alive || (e->state != LM_BFD_STATE_UP && e->state != LM_BFD_STATE_INIT))
    return;
  if (e->silent_since < 0)
    e->silent_since = lm_sim_now (sim_of (e));
  if (e->state != LM_BFD_STATE_UP || lm_timer_is_armed (e->detect))
    return;   /* Init: the real timer from the last packet is already running */
  End *p = peer_of (e);
  LmTime iv = interval_up (e->s, p->id);
  LmTime lo, hi;
  lm_bfd_jitter_range (iv, p->cfg.detect_mult, &lo, &hi);
  /* exact: detect at (last packet) + mult x interval, the last packet's age
   * drawn from the length-biased law of the peer's jittered process */
  LmTime age = lm_bfd_age_draw (e->rng, lo, hi);
  lm_timer_start (e->detect, (LmTime) p->cfg.detect_mult * iv - age);
}

static gboolean
peer_flowing (End *e)
{
  return e->s->path_up && peer_of (e)->alive;
}

/* ------------------------------------------------------------ the FSM */

typedef void (*CellAction) (End *e);

/* One cell of the table.  Policy for unlisted cells (go == FALSE): the event
 * is ignored, as RFC 5880 §6.8.6 discards packets that change nothing. */
typedef struct {
  gboolean go;
  LmBfdState next;
  LmBfdDiag diag;
  CellAction action;        /* runs before the transition */
  gboolean silent;          /* no notify to this end's clients: a crash (they
                             * crashed too), or the peer's AdminDown, which is
                             * not a path failure (RFC 5882 §3.2) */
} Cell;

static void
act_reply (End *e)
{
  send_packet (e);   /* an Up end answers a peer still in Init */
}

static void
act_crash (End *e)
{
  e->alive = FALSE;
  stop_timers (e);
  start_silence (peer_of (e));
}

static void
act_restart (End *e)
{
  e->alive = TRUE;
}

#define GO(to, why) .go = TRUE, .next = LM_BFD_STATE_##to, .diag = LM_BFD_DIAG_##why

static const Cell fsm[LM_BFD_N_STATES][LM_BFD_N_EVENTS] = {
  [LM_BFD_STATE_ADMIN_DOWN] = {
    [LM_BFD_EVENT_ADMIN_UP] = { GO (DOWN, NONE) },
    [LM_BFD_EVENT_CRASH] = { GO (ADMIN_DOWN, NONE), .action = act_crash, .silent = TRUE },
    [LM_BFD_EVENT_RESTART] = { GO (DOWN, NONE), .action = act_restart },
  },
  [LM_BFD_STATE_DOWN] = {
    [LM_BFD_EVENT_RECV_DOWN] = { GO (INIT, NONE) },
    [LM_BFD_EVENT_RECV_INIT] = { GO (UP, NONE) },
    [LM_BFD_EVENT_ADMIN_DOWN] = { GO (ADMIN_DOWN, ADMIN_DOWN) },
    [LM_BFD_EVENT_CRASH] = { GO (ADMIN_DOWN, NONE), .action = act_crash, .silent = TRUE },
  },
  [LM_BFD_STATE_INIT] = {
    [LM_BFD_EVENT_RECV_ADMIN_DOWN] = { GO (DOWN, NEIGHBOR_DOWN), .silent = TRUE },
    [LM_BFD_EVENT_RECV_INIT] = { GO (UP, NONE) },
    [LM_BFD_EVENT_RECV_UP] = { GO (UP, NONE) },
    [LM_BFD_EVENT_TIMER] = { GO (DOWN, TIME_EXPIRED) },
    [LM_BFD_EVENT_ADMIN_DOWN] = { GO (ADMIN_DOWN, ADMIN_DOWN) },
    [LM_BFD_EVENT_CARRIER_DOWN] = { GO (DOWN, PATH_DOWN) },
    [LM_BFD_EVENT_CRASH] = { GO (ADMIN_DOWN, NONE), .action = act_crash, .silent = TRUE },
  },
  [LM_BFD_STATE_UP] = {
    [LM_BFD_EVENT_RECV_ADMIN_DOWN] = { GO (DOWN, NEIGHBOR_DOWN), .silent = TRUE },
    [LM_BFD_EVENT_RECV_DOWN] = { GO (DOWN, NEIGHBOR_DOWN) },
    [LM_BFD_EVENT_RECV_INIT] = { GO (UP, NONE), .action = act_reply },
    [LM_BFD_EVENT_TIMER] = { GO (DOWN, TIME_EXPIRED) },
    [LM_BFD_EVENT_ADMIN_DOWN] = { GO (ADMIN_DOWN, ADMIN_DOWN) },
    [LM_BFD_EVENT_CARRIER_DOWN] = { GO (DOWN, PATH_DOWN) },
    [LM_BFD_EVENT_CRASH] = { GO (ADMIN_DOWN, NONE), .action = act_crash, .silent = TRUE },
  },
};

#undef GO

static void
notify_clients (End *e)
{
  /* a snapshot, so that a callback may free its own request (on the
   * stack: a session has a request or two, and this runs on every state
   * change) */
  LmBfdRequest *stack[8];
  const guint n = e->requests->len;
  LmBfdRequest **snap = n <= G_N_ELEMENTS (stack) ? stack : g_new (LmBfdRequest *, n);
  if (n > 0)
    memcpy (snap, e->requests->pdata, n * sizeof *snap);
  for (guint i = 0; i < n; i++)
    {
      LmBfdRequest *r = snap[i];
      if (r->notify != NULL)
        r->notify (e->s, e->id, e->state, e->diag, r->user_data);
    }
  if (snap != stack)
    g_free (snap);
}

static void
enter_state (End *e, LmBfdEvent event)
{
  LmSim *sim = sim_of (e);
  switch (e->state)
    {
    case LM_BFD_STATE_ADMIN_DOWN:   /* the reset state: no timers at all */
      stop_timers (e);
      e->silent_since = -1;
      send_packet (e);
      break;
    case LM_BFD_STATE_DOWN:
      if (event == LM_BFD_EVENT_TIMER && e->silent_since >= 0)
        lm_sim_emit_sample (sim, e->name, "bfd.detect",
                            LM_TIME_TO_S (lm_sim_now (sim) - e->silent_since));
      e->silent_since = -1;
      lm_timer_stop (e->detect);
      send_packet (e);
      tx_keep_going (e);
      break;
    case LM_BFD_STATE_INIT:
      lm_timer_start (e->detect, (LmTime) peer_of (e)->cfg.detect_mult * interval_now (peer_of (e)));
      send_packet (e);
      tx_keep_going (e);
      break;
    case LM_BFD_STATE_UP:   /* steady state: the hello stream is implicit */
      lm_timer_stop (e->tx);
      lm_timer_stop (e->detect);
      send_packet (e);
      if (!peer_flowing (e))
        start_silence (e);
      break;
    case LM_BFD_N_STATES:
      g_assert_not_reached ();
    }
}

/* Every transition of an end goes through here. */
static void
set_state (End *e, LmBfdState next, LmBfdDiag diag, LmBfdEvent event, gboolean silent)
{
  if (next == e->state)
    return;
  LmSim *sim = sim_of (e);
  LmBfdState from = e->state;
  e->state = next;
  e->diag = diag;
  e->since = lm_sim_now (sim);
  lm_sim_emit_state (sim, e->name, "bfd", from, state_names[from], next, state_names[next],
                     event_names[event]);
  enter_state (e, event);
  if (!silent)
    notify_clients (e);
}

static void
feed (End *e, LmBfdEvent event)
{
  g_assert (event < LM_BFD_N_EVENTS);
  const Cell *c = &fsm[e->state][event];
  if (!c->go)
    return;
  if (c->action != NULL)
    c->action (e);
  set_state (e, c->next, c->diag, event, c->silent);
}

/* ------------------------------------------------------------ kernel handlers */

static const LmBfdEvent recv_event[] = {
  [LM_BFD_STATE_ADMIN_DOWN] = LM_BFD_EVENT_RECV_ADMIN_DOWN,
  [LM_BFD_STATE_DOWN] = LM_BFD_EVENT_RECV_DOWN,
  [LM_BFD_STATE_INIT] = LM_BFD_EVENT_RECV_INIT,
  [LM_BFD_STATE_UP] = LM_BFD_EVENT_RECV_UP,
};
G_STATIC_ASSERT (G_N_ELEMENTS (recv_event) == LM_BFD_N_STATES);

static void
on_packet (LmSim *sim, gpointer data)
{
  Packet *p = data;
  LmBfdSession *s = p->s;
  g_queue_unlink (&s->inflight, &p->link);
  End *e = &s->end[p->to];
  if (!s->path_up || p->epoch != s->path_epoch || !e->alive)
    return;
  feed (e, recv_event[p->state]);
  /* §6.8.4: every packet received restarts the detection time; it is only
   * kept as a real timer in Init (Up is steady state) */
  if (e->state == LM_BFD_STATE_INIT)
    lm_timer_start (e->detect, p->detect);
}

static void
on_tx (LmSim *sim, gpointer data)
{
  End *e = data;
  send_packet (e);
  tx_keep_going (e);
}

static void
on_detect (LmSim *sim, gpointer data)
{
  feed (data, LM_BFD_EVENT_TIMER);
}

static void
on_carrier (LmSim *sim, gpointer data)
{
  feed (data, LM_BFD_EVENT_CARRIER_DOWN);
}

/* ------------------------------------------------------------ lifecycle */

void
lm_bfd_config_init (LmBfdConfig *config, const char *name)
{
  *config = (LmBfdConfig) {
    .name = name,
    .delay = LM_US (100),
    .carrier_delay = LM_MS (1),
    .slow_tx = LM_S (1),
    .start_up = FALSE,
    .path_up = TRUE,
  };
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    config->end[i] = (LmBfdEndConfig) { LM_MS (300), LM_MS (300), 3 };
}

static gboolean
config_check (const LmBfdConfig *c, GError **error)
{
  if (c->name == NULL || c->name[0] == '\0')
    {
      g_set_error (error, LM_BFD_ERROR, LM_BFD_ERROR_CONFIG, "bfd: a session needs a name");
      return FALSE;
    }
  if (c->delay < 0 || c->carrier_delay < 0 || c->slow_tx <= 0)
    {
      g_set_error (error, LM_BFD_ERROR, LM_BFD_ERROR_CONFIG,
                   "%s: delays must be >= 0 and the slow rate > 0", c->name);
      return FALSE;
    }
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      const LmBfdEndConfig *e = &c->end[i];
      if (e->desired_min_tx <= 0 || e->required_min_rx <= 0 || e->detect_mult < 1
          || e->detect_mult > 255)
        {
          g_set_error (error, LM_BFD_ERROR, LM_BFD_ERROR_CONFIG,
                       "%s.%s: intervals must be > 0 and the multiplier 1..255 (RFC 5880 §4.1)",
                       c->name, end_names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
end_init (LmBfdSession *s, LmBfdEnd id)
{
  End *e = &s->end[id];
  e->s = s;
  e->id = id;
  e->name = g_strconcat (s->name, ".", end_names[id], NULL);
  e->cfg = s->cfg.end[id];
  e->state = s->cfg.start_up ? LM_BFD_STATE_UP : LM_BFD_STATE_DOWN;
  e->diag = LM_BFD_DIAG_NONE;
  e->since = lm_sim_now (s->sim);
  e->alive = TRUE;
  e->rng = lm_sim_rng_new (s->sim, e->name);
  e->tx = lm_timer_new (s->sim, on_tx, e);
  e->detect = lm_timer_new (s->sim, on_detect, e);
  e->carrier = lm_timer_new (s->sim, on_carrier, e);
  e->silent_since = -1;
  e->requests = g_ptr_array_new ();
}

LmBfdSession *
lm_bfd_session_new (LmSim *sim, const LmBfdConfig *config, GError **error)
{
  g_return_val_if_fail (sim != NULL && config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!config_check (config, error))
    return NULL;
  LmBfdSession *s = g_new0 (LmBfdSession, 1);
  s->sim = sim;
  s->name = g_strdup (config->name);
  s->cfg = *config;
  s->cfg.name = s->name;
  s->path_up = config->path_up;
  g_queue_init (&s->inflight);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    end_init (s, i);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      End *e = &s->end[i];
      if (e->state == LM_BFD_STATE_UP)
        {
          if (!peer_flowing (e))
            start_silence (e);
        }
      else if (should_tx (e))   /* a random phase of a sender that was already running */
        lm_timer_start (e->tx, residual (e, e, interval_now (e)));
    }
  return s;
}

void
lm_bfd_session_free (LmBfdSession *s)
{
  if (s == NULL)
    return;
  GList *l;
  while ((l = g_queue_pop_head_link (&s->inflight)) != NULL)
    lm_sim_cancel (s->sim, ((Packet *) l->data)->id);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      End *e = &s->end[i];
      for (guint k = 0; k < e->requests->len; k++)
        ((LmBfdRequest *) g_ptr_array_index (e->requests, k))->session = NULL;
      g_ptr_array_unref (e->requests);
      lm_timer_free (e->tx);
      lm_timer_free (e->detect);
      lm_timer_free (e->carrier);
      gsl_rng_free (e->rng);
      g_free (e->name);
    }
  g_free (s->name);
  g_free (s);
}

/* ------------------------------------------------------------ queries */

const char *
lm_bfd_session_name (const LmBfdSession *s)
{
  return s->name;
}

LmBfdState
lm_bfd_session_state (const LmBfdSession *s, LmBfdEnd end)
{
  g_return_val_if_fail (end < LM_BFD_N_ENDS, LM_BFD_STATE_ADMIN_DOWN);
  return s->end[end].state;
}

LmBfdDiag
lm_bfd_session_diag (const LmBfdSession *s, LmBfdEnd end)
{
  g_return_val_if_fail (end < LM_BFD_N_ENDS, LM_BFD_DIAG_NONE);
  return s->end[end].diag;
}

LmTime
lm_bfd_session_since (const LmBfdSession *s, LmBfdEnd end)
{
  g_return_val_if_fail (end < LM_BFD_N_ENDS, 0);
  return s->end[end].since;
}

LmTime
lm_bfd_session_tx_interval (const LmBfdSession *s, LmBfdEnd end)
{
  g_return_val_if_fail (end < LM_BFD_N_ENDS, 0);
  return interval_up (s, end);
}

LmTime
lm_bfd_session_detect_time (const LmBfdSession *s, LmBfdEnd end)
{
  g_return_val_if_fail (end < LM_BFD_N_ENDS, 0);
  LmBfdEnd peer = 1 - end;
  return (LmTime) s->end[peer].cfg.detect_mult * interval_up (s, peer);
}

guint64
lm_bfd_session_packets_sent (const LmBfdSession *s, LmBfdEnd end)
{
  g_return_val_if_fail (end < LM_BFD_N_ENDS, 0);
  return s->end[end].sent;
}

gboolean
lm_bfd_session_path_is_up (const LmBfdSession *s)
{
  return s->path_up;
}

/* ------------------------------------------------------------ actions */

void
lm_bfd_session_path_down (LmBfdSession *s, LmBfdPathFailure how)
{
  g_return_if_fail (s != NULL);
  if (s->path_up)
    {
      s->path_up = FALSE;
      s->path_epoch++;
    }
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      End *e = &s->end[i];
      if (!e->alive)
        continue;
      lm_timer_stop (e->tx);   /* its packets would be lost anyway */
      start_silence (e);
      if (how == LM_BFD_PATH_CARRIER && !lm_timer_is_armed (e->carrier))
        lm_timer_start (e->carrier, s->cfg.carrier_delay);
    }
}

void
lm_bfd_session_path_up (LmBfdSession *s)
{
  g_return_if_fail (s != NULL);
  if (s->path_up)
    return;
  s->path_up = TRUE;
  LmTime now = lm_sim_now (s->sim);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      End *e = &s->end[i], *p = peer_of (e);
      if (!e->alive)
        continue;
      if (should_tx (e) && !lm_timer_is_armed (e->tx))
        lm_timer_start (e->tx, residual (e, e, interval_now (e)));
      if (e->state == LM_BFD_STATE_UP && lm_timer_is_armed (e->detect) && p->alive
          && p->state == LM_BFD_STATE_UP)
        {
          LmTime next = now + s->cfg.delay + residual (e, p, interval_up (s, p->id));
          if (next < lm_timer_expires (e->detect))
            {
              lm_timer_stop (e->detect);   /* the stream resumed in time */
              e->silent_since = -1;
            }
        }
    }
}

void
lm_bfd_session_crash (LmBfdSession *s, LmBfdEnd end)
{
  g_return_if_fail (s != NULL && end < LM_BFD_N_ENDS);
  g_return_if_fail (s->end[end].alive);
  feed (&s->end[end], LM_BFD_EVENT_CRASH);
}

void
lm_bfd_session_restart (LmBfdSession *s, LmBfdEnd end)
{
  g_return_if_fail (s != NULL && end < LM_BFD_N_ENDS);
  End *e = &s->end[end];
  g_return_if_fail (!e->alive);
  feed (e, LM_BFD_EVENT_RESTART);
  if (e->admin)
    feed (e, LM_BFD_EVENT_ADMIN_DOWN);
}

void
lm_bfd_session_set_admin_down (LmBfdSession *s, LmBfdEnd end, gboolean down)
{
  g_return_if_fail (s != NULL && end < LM_BFD_N_ENDS);
  End *e = &s->end[end];
  e->admin = down;
  if (e->alive)
    feed (e, down ? LM_BFD_EVENT_ADMIN_DOWN : LM_BFD_EVENT_ADMIN_UP);
}

void
lm_bfd_session_feed (LmBfdSession *s, LmBfdEnd end, LmBfdEvent event)
{
  g_return_if_fail (s != NULL && end < LM_BFD_N_ENDS && event < LM_BFD_N_EVENTS);
  feed (&s->end[end], event);
}

/* ------------------------------------------------------------ requests */

LmBfdRequest *
lm_bfd_request_new (LmBfdSession *s, LmBfdEnd end, LmBfdNotify notify, gpointer user_data)
{
  g_return_val_if_fail (s != NULL && end < LM_BFD_N_ENDS, NULL);
  LmBfdRequest *r = g_new0 (LmBfdRequest, 1);
  r->session = s;
  r->end = end;
  r->notify = notify;
  r->user_data = user_data;
  g_ptr_array_add (s->end[end].requests, r);
  return r;
}

void
lm_bfd_request_free (LmBfdRequest *r)
{
  if (r == NULL)
    return;
  if (r->session != NULL)
    g_ptr_array_remove (r->session->end[r->end].requests, r);
  g_free (r);
}

LmBfdState
lm_bfd_request_state (const LmBfdRequest *r)
{
  g_return_val_if_fail (r != NULL, LM_BFD_STATE_ADMIN_DOWN);
  if (r->session == NULL)
    return LM_BFD_STATE_ADMIN_DOWN;
  return r->session->end[r->end].state;
}
